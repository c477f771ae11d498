//! The editor's state and the one place its commands are carried out: opening, creating,
//! duplicating, saving, renaming, deleting and restoring scripts, guarding unsaved edits, and
//! taking in changes made outside the app.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::document::Document;
use super::pattern_form::PatternForm;
use super::{file_name, files, templates};
use crate::library::{Library, Origin};
use crate::script::{Script, ScriptKind};

/// Everything the user can ask of the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum EditorCommand {
    Open(String),
    New(ScriptKind),
    Duplicate,
    Save,
    /// Ask for a new name; then [`EditorCommand::Rename`] with it.
    StartRename,
    Rename(String),
    CancelRename,
    Delete,
    UndoDelete,
    RevealFolder,
    /// Play the text being edited, unsaved.
    Try,
    /// Switch between the form and the text (breathing patterns).
    ToggleForm,
    /// The text or the form changed.
    Edited,
    /// Answer to "save your changes?": `Some(true)` save, `Some(false)` discard, `None` cancel.
    Guard(Option<bool>),
    /// The open file changed on disk while it had unsaved edits: keep mine or take theirs.
    KeepMine(bool),
}

/// What the app must do after an editor command.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Nothing,
    /// Files changed: load the library again.
    Reload,
    /// Play this script (unsaved).
    Try(Box<Script>),
    /// The window may close now.
    Close,
}

/// Something waiting for the answer to "save your changes?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Open(String),
    New(ScriptKind),
    Close,
}

#[derive(Debug, Default)]
pub struct EditorState {
    pub doc: Option<Document>,
    /// The form is showing instead of the text (breathing patterns only).
    pub form_mode: bool,
    pub form: Option<PatternForm>,
    /// Waiting on "save your changes?".
    pub pending: Option<Pending>,
    /// The open file changed on disk while it had unsaved edits.
    pub conflict: bool,
    /// The rename box, while open.
    pub rename: Option<String>,
    pub message: Option<String>,
    /// The last deleted script: where it went in the trash, and its id.
    trashed: Option<(PathBuf, String)>,
}

/// What the editor works with.
#[derive(Debug)]
pub struct Context<'a> {
    /// The user's scripts folder; `None` when there is none (everything read-only).
    pub root: Option<&'a Path>,
    pub library: &'a Library,
    pub now: Duration,
    /// A timestamp for trash names.
    pub stamp: &'a str,
}

impl Context<'_> {
    fn known_patterns(&self) -> HashSet<&str> {
        self.library.patterns().map(|(_, p)| p.name.as_str()).collect()
    }
}

impl EditorState {
    #[must_use]
    pub fn can_undo_delete(&self) -> bool {
        self.trashed.is_some()
    }

    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(Document::is_dirty)
    }

    /// Validation and drafts when typing pauses; call every frame. Returns when the next
    /// check is due, for scheduling a frame.
    pub fn tick(&mut self, cx: &Context<'_>) -> Option<Duration> {
        let known = cx.known_patterns();
        let doc = self.doc.as_mut()?;
        if doc.validate_if_due(cx.now, &known) && self.form_mode {
            self.form = form_of(doc);
        }
        if doc.take_draft_due(cx.now)
            && let Some(root) = cx.root
            && doc.editable
        {
            let result = if doc.is_dirty() {
                files::write_draft(root, &doc.id, &doc.text)
            } else {
                files::remove_draft(root, &doc.id)
            };
            if let Err(e) = result {
                self.message = Some(format!("Could not keep a draft of your typing: {e}"));
            }
        }
        doc.next_due(cx.now)
    }

    /// Carries out one command.
    pub fn apply(&mut self, command: EditorCommand, cx: &Context<'_>) -> Outcome {
        match command {
            EditorCommand::Open(id) => self.guarded(Pending::Open(id), cx),
            EditorCommand::New(kind) => self.guarded(Pending::New(kind), cx),
            EditorCommand::Duplicate => self.duplicate(cx),
            EditorCommand::Save => self.save(cx),
            EditorCommand::StartRename => {
                self.rename = self.doc.as_ref().and_then(|d| d.parsed.as_ref()).map(|s| s.name().to_owned());
                if self.rename.is_none() {
                    self.message = Some("Fix the problem in the text before renaming.".to_owned());
                }
                Outcome::Nothing
            }
            EditorCommand::Rename(name) => self.rename(&name, cx),
            EditorCommand::CancelRename => {
                self.rename = None;
                Outcome::Nothing
            }
            EditorCommand::Delete => self.delete(cx),
            EditorCommand::UndoDelete => self.undo_delete(cx),
            EditorCommand::RevealFolder => {
                self.reveal(cx);
                Outcome::Nothing
            }
            EditorCommand::Try => {
                if let Some(script) = self.doc.as_ref().and_then(|d| d.parsed.clone()) {
                    Outcome::Try(Box::new(script))
                } else {
                    self.message = Some("Fix the problem in the text to try it.".to_owned());
                    Outcome::Nothing
                }
            }
            EditorCommand::ToggleForm => {
                self.form_mode = !self.form_mode;
                self.form = self.doc.as_ref().and_then(form_of);
                Outcome::Nothing
            }
            EditorCommand::Edited => {
                if let Some(doc) = &mut self.doc {
                    if self.form_mode
                        && let Some(form) = &self.form
                    {
                        doc.text = form.to_text();
                    }
                    doc.edited(cx.now);
                }
                Outcome::Nothing
            }
            EditorCommand::Guard(answer) => self.answer_guard(answer, cx),
            EditorCommand::KeepMine(keep) => {
                self.conflict = false;
                if !keep && let (Some(doc), Some(root)) = (&mut self.doc, cx.root) {
                    match std::fs::read_to_string(root.join(&doc.id)) {
                        Ok(text) => doc.reload(text, &cx.known_patterns()),
                        Err(e) => self.message = Some(format!("Could not read the file: {e}")),
                    }
                    self.form = self.doc.as_ref().and_then(form_of);
                }
                Outcome::Nothing
            }
        }
    }

    /// Runs `pending` now, or asks first when there are unsaved edits.
    fn guarded(&mut self, pending: Pending, cx: &Context<'_>) -> Outcome {
        if self.is_dirty() {
            self.pending = Some(pending);
            return Outcome::Nothing;
        }
        self.run(pending, cx)
    }

    fn answer_guard(&mut self, answer: Option<bool>, cx: &Context<'_>) -> Outcome {
        let Some(pending) = self.pending.take() else {
            return Outcome::Nothing;
        };
        match answer {
            None => Outcome::Nothing,
            Some(true) => {
                let saved = self.save(cx);
                if self.is_dirty() {
                    // The save was refused (a problem in the text): stay.
                    return saved;
                }
                match self.run(pending, cx) {
                    Outcome::Nothing => saved,
                    other => other,
                }
            }
            Some(false) => {
                if let (Some(doc), Some(root)) = (&self.doc, cx.root) {
                    let _ = files::remove_draft(root, &doc.id);
                }
                if let Some(doc) = &mut self.doc {
                    doc.text = doc.saved_text().to_owned();
                }
                self.run(pending, cx)
            }
        }
    }

    fn run(&mut self, pending: Pending, cx: &Context<'_>) -> Outcome {
        match pending {
            Pending::Open(id) => {
                self.open(&id, cx);
                Outcome::Nothing
            }
            Pending::New(kind) => self.create(kind, cx),
            Pending::Close => Outcome::Close,
        }
    }

    /// Opens a script from the library (built-ins read-only), restoring a draft of unsaved
    /// typing if one was left (after a crash).
    pub fn open(&mut self, id: &str, cx: &Context<'_>) {
        let Some(entry) = cx.library.get(id) else {
            return;
        };
        let (text, editable) = match &entry.origin {
            Origin::BuiltIn => {
                let text = crate::library::builtin::BUILT_IN.iter().find(|(i, _)| *i == id).map(|(_, t)| *t);
                (text.unwrap_or_default().to_owned(), false)
            }
            Origin::User { path, .. } => match crate::library::loader::read_text(path) {
                Ok(text) => (text, true),
                Err(problem) => {
                    self.message = Some(problem.to_string());
                    return;
                }
            },
        };
        let known = cx.known_patterns();
        let mut doc = Document::open(id, editable, text, &known);
        self.message = None;
        if editable
            && let Some(root) = cx.root
            && let Some(draft) = files::read_draft(root, id)
            && draft != doc.text
        {
            doc.text = draft;
            doc.validate(&known);
            self.message = Some("Restored unsaved changes from your last session.".to_owned());
        }
        self.form = form_of(&doc);
        self.form_mode = self.form_mode && self.form.is_some();
        self.conflict = false;
        self.rename = None;
        self.doc = Some(doc);
    }

    fn create(&mut self, kind: ScriptKind, cx: &Context<'_>) -> Outcome {
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let base = match kind {
            ScriptKind::Breathing => "New pattern",
            ScriptKind::BodyScan => "New body scan",
        };
        let (id, name) = unused_id(root, kind, base);
        match files::create(root, &id, &templates::template(kind, &name)) {
            Ok(_) => {
                self.pending_open(&id, cx);
                Outcome::Reload
            }
            Err(e) => self.failed("create the script", &e),
        }
    }

    fn duplicate(&mut self, cx: &Context<'_>) -> Outcome {
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let Some(doc) = &self.doc else {
            return Outcome::Nothing;
        };
        let Some(script) = &doc.parsed else {
            self.message = Some("Fix the problem in the text before duplicating.".to_owned());
            return Outcome::Nothing;
        };
        let base: String = format!("{} (mine)", script.name()).chars().take(60).collect();
        let (id, name) = unused_id(root, script.kind(), &base);
        let text = templates::with_name(&doc.text, &name).unwrap_or_else(|| doc.text.clone());
        match files::create(root, &id, &text) {
            Ok(_) => {
                self.pending_open(&id, cx);
                self.message = Some(format!("Duplicated as \"{name}\": this copy is yours to edit."));
                Outcome::Reload
            }
            Err(e) => self.failed("duplicate the script", &e),
        }
    }

    /// Opens a file just written (the library learns of it on the reload that follows).
    fn pending_open(&mut self, id: &str, cx: &Context<'_>) {
        let Some(root) = cx.root else { return };
        let text = std::fs::read_to_string(root.join(id)).unwrap_or_default();
        let doc = Document::open(id, true, text, &cx.known_patterns());
        self.form = form_of(&doc);
        self.doc = Some(doc);
        self.conflict = false;
    }

    /// Saves the open file atomically; a file with a problem is never saved as if fine: the
    /// save is refused, and the typing stays safe in a draft.
    fn save(&mut self, cx: &Context<'_>) -> Outcome {
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let known = cx.known_patterns();
        let Some(doc) = &mut self.doc else {
            return Outcome::Nothing;
        };
        if !doc.editable {
            self.message = Some("Built-in scripts are read-only: duplicate it to edit.".to_owned());
            return Outcome::Nothing;
        }
        doc.validate(&known);
        if let Some(d) = &doc.diagnostic {
            if let Err(e) = files::write_draft(root, &doc.id, &doc.text) {
                self.message = Some(format!("Not saved, and the draft failed too: {e}"));
            } else {
                self.message = Some(format!(
                    "Not saved: line {}, column {}: {} Your typing is kept as a draft.",
                    d.start.0, d.start.1, d.message
                ));
            }
            return Outcome::Nothing;
        }
        match files::save(root, &doc.id, &doc.text) {
            Ok(path) => {
                doc.mark_saved();
                let _ = files::remove_draft(root, &doc.id);
                self.conflict = false;
                self.message = Some(format!("Saved {}", path.display()));
                Outcome::Reload
            }
            Err(e) => self.failed("save", &e),
        }
    }

    fn rename(&mut self, name: &str, cx: &Context<'_>) -> Outcome {
        self.rename = None;
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let Some(doc) = &self.doc else {
            return Outcome::Nothing;
        };
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 60 || name.contains('\n') {
            self.message = Some("A name is one line of 1 to 60 characters.".to_owned());
            return Outcome::Nothing;
        }
        let (Some(script), Some(text)) = (&doc.parsed, templates::with_name(&doc.text, name)) else {
            self.message = Some("Fix the problem in the text before renaming.".to_owned());
            return Outcome::Nothing;
        };
        let folder = templates::folder(script.kind());
        let wanted = format!("{folder}/{}.ron", file_name::stem_for(name));
        let new_id = if wanted == doc.id { wanted } else { unused_id(root, script.kind(), name).0 };
        let old_id = doc.id.clone();
        let result = files::save(root, &old_id, &text).and_then(|_| {
            if new_id == old_id { Ok(root.join(&old_id)) } else { files::rename(root, &old_id, &new_id) }
        });
        match result {
            Ok(_) => {
                let _ = files::remove_draft(root, &old_id);
                let doc = Document::open(&new_id, true, text, &cx.known_patterns());
                self.form = form_of(&doc);
                self.doc = Some(doc);
                self.message = Some(format!("Renamed to \"{name}\" ({new_id})."));
                Outcome::Reload
            }
            Err(e) => self.failed("rename", &e),
        }
    }

    fn delete(&mut self, cx: &Context<'_>) -> Outcome {
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let Some(doc) = &self.doc else {
            return Outcome::Nothing;
        };
        if !doc.editable {
            return Outcome::Nothing;
        }
        match files::move_to_trash(root, &doc.id, cx.stamp) {
            Ok(trashed) => {
                let _ = files::remove_draft(root, &doc.id);
                self.message = Some(format!("Moved {} to the trash ({}).", doc.id, trashed.display()));
                self.trashed = Some((trashed, doc.id.clone()));
                self.doc = None;
                self.form = None;
                Outcome::Reload
            }
            Err(e) => self.failed("delete", &e),
        }
    }

    fn undo_delete(&mut self, cx: &Context<'_>) -> Outcome {
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let Some((trashed, id)) = self.trashed.take() else {
            return Outcome::Nothing;
        };
        match files::restore(root, &trashed, &id) {
            Ok(_) => {
                self.pending_open(&id, cx);
                self.message = Some(format!("Restored {id}."));
                Outcome::Reload
            }
            Err(e) => self.failed("restore", &e),
        }
    }

    fn reveal(&mut self, cx: &Context<'_>) {
        let Some(root) = cx.root else {
            self.no_folder();
            return;
        };
        let opened = std::process::Command::new("xdg-open").arg(root).spawn().map(|mut child| {
            // Reap it when it exits, off the UI thread.
            let _reaper =
                std::thread::Builder::new().name("reveal-folder".to_owned()).spawn(move || child.wait());
        });
        if opened.is_err() {
            self.message = Some(format!("Your scripts are in {}", root.display()));
        }
    }

    /// Takes in files changed outside the app: an open file without unsaved edits follows the
    /// disk; one with unsaved edits asks which to keep.
    pub fn files_changed(&mut self, cx: &Context<'_>) {
        let (Some(doc), Some(root)) = (&mut self.doc, cx.root) else {
            return;
        };
        if !doc.editable {
            return;
        }
        match std::fs::read_to_string(root.join(&doc.id)) {
            Ok(disk) if disk == doc.saved_text() => {}
            Ok(disk) => {
                if doc.is_dirty() && disk != doc.text {
                    self.conflict = true;
                } else {
                    doc.reload(disk, &cx.known_patterns());
                    self.form = form_of(doc);
                }
            }
            Err(_) if doc.is_dirty() => self.conflict = true,
            Err(_) => {
                self.message = Some(format!("{} was removed outside Unbrace.", doc.id));
                self.doc = None;
                self.form = None;
            }
        }
    }

    /// Before the window closes: `true` if it may close now; otherwise it asks first.
    pub fn may_close(&mut self) -> bool {
        if self.is_dirty() {
            self.pending = Some(Pending::Close);
            false
        } else {
            true
        }
    }

    fn no_folder(&mut self) -> Outcome {
        self.message = Some("There is no scripts folder to write to.".to_owned());
        Outcome::Nothing
    }

    fn failed(&mut self, what: &str, e: &std::io::Error) -> Outcome {
        self.message = Some(format!("Could not {what}: {e}"));
        Outcome::Nothing
    }
}

fn form_of(doc: &Document) -> Option<PatternForm> {
    match &doc.parsed {
        Some(Script::Pattern(p)) => Some(PatternForm::from_pattern(p)),
        _ => None,
    }
}

/// A new file id and routine name for `base` that are not taken in `root`.
fn unused_id(root: &Path, kind: ScriptKind, base: &str) -> (String, String) {
    let folder = templates::folder(kind);
    let mut name = base.to_owned();
    let mut n = 1;
    loop {
        let id = format!("{folder}/{}.ron", file_name::stem_for(&name));
        if !root.join(&id).exists() {
            return (id, name);
        }
        n += 1;
        name = format!("{base} {n}");
    }
}
