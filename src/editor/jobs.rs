//! The editor's disk work, as jobs for the disk thread ([`crate::disk`]) and what each found.
//! Each job is one short, self-contained piece of file work; the editor decides what to do
//! with the result when it comes back.

use std::path::{Path, PathBuf};

use super::files;
use crate::library::loader;

/// A job: runs on the disk thread.
pub type EditorJob = Box<dyn FnOnce() -> EditorDone + Send>;

/// A file's text as read, with the draft of unsaved typing left for it (after a crash), and
/// why it cannot be saved, if it cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub text: String,
    pub draft: Option<files::Draft>,
    pub locked: Option<String>,
}

/// What a job found.
#[derive(Debug)]
pub enum EditorDone {
    /// A user file read for opening: its text and any draft (`Ok(None)`: there is no such
    /// file; `Err`: why it cannot be read).
    Opened { id: String, result: Result<Option<Read>, String> },
    /// The open file saved as `text` (`Ok`: where); `draft_left` says why its draft could
    /// not be removed.
    Saved { id: String, text: String, result: Result<PathBuf, String>, draft_left: Option<String> },
    /// A draft written or removed (only failures matter).
    Draft { id: String, removed: bool, result: Result<(), String> },
    /// A new file (new, duplicated or restored) written with `text`.
    Created { id: String, text: String, message: String, result: Result<PathBuf, String> },
    /// The open file renamed (and its name changed in its text).
    Renamed { old_id: String, new_id: String, name: String, text: String, result: Result<PathBuf, String> },
    /// The open file moved to the trash (`Ok`: where it went).
    Trashed { id: String, result: Result<PathBuf, String>, draft_left: Option<String> },
    /// The file as it is on disk now, to compare with the editor's (`Err`: it is gone or
    /// unreadable).
    OnDisk { id: String, purpose: Purpose, result: Result<String, String> },
}

/// Why the file was read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Files changed outside the app.
    Changed,
    /// The user answered the conflict: keep mine (`true`) or take theirs.
    KeepMine(bool),
}

fn words(e: &std::io::Error) -> String {
    e.to_string()
}

/// Reads `path` (a user file, if there is one) and the draft for `id`. `same_name` says
/// whether `id` names `path` exactly (a file name that is not UTF-8 does not): only then can
/// it be saved back under its own name.
#[must_use]
pub fn open(root: Option<PathBuf>, id: String, path: PathBuf, same_name: bool) -> EditorJob {
    Box::new(move || {
        let result = match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            _ => loader::read_text(&path).map_err(|problem| problem.to_string()).map(|text| {
                let locked = if same_name {
                    files::write_protected(&path)
                } else {
                    Some(
                        "this file's name is not valid UTF-8, so Unbrace cannot save it under the same name: \
                         rename the file to edit it here"
                            .to_owned(),
                    )
                };
                let draft = root
                    .as_deref()
                    .filter(|_| locked.is_none())
                    .and_then(|root| files::read_draft(root, &id));
                Some(Read { text, draft, locked })
            }),
        };
        EditorDone::Opened { id, result }
    })
}

/// Saves `text` as `root/id` atomically, then removes its draft.
#[must_use]
pub fn save(root: PathBuf, id: String, text: String) -> EditorJob {
    Box::new(move || {
        let result = files::save(&root, &id, &text).map_err(|e| words(&e));
        let draft_left = result.is_ok().then(|| files::remove_draft(&root, &id).err()).flatten();
        EditorDone::Saved { id, text, result, draft_left: draft_left.map(|e| words(&e)) }
    })
}

/// Keeps unsaved typing in a draft, with the saved text it was typed over (`base`).
#[must_use]
pub fn write_draft(root: PathBuf, id: String, text: String, base: String) -> EditorJob {
    Box::new(move || {
        let result = files::write_draft(&root, &id, &text, &base).map_err(|e| words(&e));
        EditorDone::Draft { id, removed: false, result }
    })
}

/// Removes the draft for `id` (the typing was saved or thrown away).
#[must_use]
pub fn remove_draft(root: PathBuf, id: String) -> EditorJob {
    Box::new(move || {
        let result = files::remove_draft(&root, &id).map_err(|e| words(&e));
        EditorDone::Draft { id, removed: true, result }
    })
}

/// A new file to write, if its id is free, and what to say when it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: String,
    pub text: String,
    pub message: String,
}

/// Creates the first of `candidates` whose file does not exist yet, never over a file.
#[must_use]
pub fn create(root: PathBuf, candidates: Vec<Candidate>) -> EditorJob {
    Box::new(move || {
        let mut last = None;
        for Candidate { id, text, message } in candidates {
            match files::create(&root, &id, &text) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some((id, text, message)),
                result => {
                    return EditorDone::Created { id, text, message, result: result.map_err(|e| words(&e)) };
                }
            }
        }
        let (id, text, message) = last.unwrap_or_default();
        EditorDone::Created { id, text, message, result: Err("every name tried is taken".to_owned()) }
    })
}

/// Writes the renamed text, moves the file to the first of `new_ids` that is free (or keeps
/// it where it is when that is its own id), and drops the old draft.
#[must_use]
pub fn rename(root: PathBuf, old_id: String, new_ids: Vec<String>, name: String, text: String) -> EditorJob {
    Box::new(move || {
        let mut new_id = old_id.clone();
        let result = files::save(&root, &old_id, &text)
            .and_then(|saved| {
                let mut last = Err(std::io::Error::other("every name tried is taken"));
                for id in &new_ids {
                    if *id == old_id {
                        return Ok(saved);
                    }
                    last = files::rename(&root, &old_id, id);
                    match &last {
                        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                        _ => {
                            new_id.clone_from(id);
                            break;
                        }
                    }
                }
                last
            })
            .map_err(|e| words(&e));
        if result.is_ok() {
            // Best effort: the draft was of the old name, and matches the saved text.
            let _ = files::remove_draft(&root, &old_id);
        }
        EditorDone::Renamed { old_id, new_id, name, text, result }
    })
}

/// Moves `root/id` to the trash, and drops its draft.
#[must_use]
pub fn trash(root: PathBuf, id: String, stamp: String) -> EditorJob {
    Box::new(move || {
        let result = files::move_to_trash(&root, &id, &stamp).map_err(|e| words(&e));
        let draft_left = result.is_ok().then(|| files::remove_draft(&root, &id).err()).flatten();
        EditorDone::Trashed { id, result, draft_left: draft_left.map(|e| words(&e)) }
    })
}

/// Puts a trashed file back, never over an existing file, and reads it.
#[must_use]
pub fn restore(root: PathBuf, trashed: PathBuf, id: String) -> EditorJob {
    Box::new(move || {
        let restored = files::restore(&root, &trashed, &id).map_err(|e| words(&e));
        let text =
            restored.as_ref().ok().and_then(|path| std::fs::read_to_string(path).ok()).unwrap_or_default();
        EditorDone::Created { message: format!("Restored {id}."), id, text, result: restored }
    })
}

/// Reads `root/id` as it is now.
#[must_use]
pub fn read_on_disk(root: &Path, id: String, purpose: Purpose) -> EditorJob {
    let path = root.join(&id);
    Box::new(move || {
        let result = loader::read_text(&path).map_err(|problem| problem.message);
        EditorDone::OnDisk { id, purpose, result }
    })
}
