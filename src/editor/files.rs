//! The editor's file operations, all inside the scripts folder: atomic saves (a crash leaves
//! the old file or the new one, never half), drafts of unsaved typing, and a trash folder
//! that makes delete undoable.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use unbrace_core::editor::file_name;

/// Drafts of unsaved edits, one per file, hidden from the library.
pub const DRAFTS: &str = ".drafts";
/// Deleted scripts, kept until the user empties it.
pub const TRASH: &str = ".trash";

/// Writes `text` to `root/id` atomically (a temporary file renamed over the old one).
pub fn save(root: &Path, id: &str, text: &str) -> std::io::Result<PathBuf> {
    let path = inside(root, id)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = AtomicWriteFile::open(&path)?;
    file.write_all(text.as_bytes())?;
    file.commit()?;
    Ok(path)
}

/// Creates `root/id` with `text`, refusing to replace an existing file.
pub fn create(root: &Path, id: &str, text: &str) -> std::io::Result<PathBuf> {
    let path = inside(root, id)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(path)
}

/// `root/id`, refusing any id that could lead outside `root`, including through a folder
/// that is a link to somewhere else.
fn inside(root: &Path, id: &str) -> std::io::Result<PathBuf> {
    let refuse =
        || std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("refusing to write {id:?}"));
    if !file_name::is_safe_id(id) {
        return Err(refuse());
    }
    let path = root.join(id);
    if let (Ok(real_root), Some(Ok(real_dir))) = (root.canonicalize(), path.parent().map(Path::canonicalize))
        && !real_dir.starts_with(&real_root)
    {
        return Err(refuse());
    }
    Ok(path)
}

/// One file per id: `%` and `/` are escaped, so no two ids share a draft.
fn draft_path(root: &Path, id: &str) -> PathBuf {
    root.join(DRAFTS).join(id.replace('%', "%25").replace('/', "%2F"))
}

/// Keeps unsaved typing safe from a crash.
pub fn write_draft(root: &Path, id: &str, text: &str) -> std::io::Result<()> {
    if !file_name::is_safe_id(id) {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "unsafe draft name"));
    }
    let path = draft_path(root, id);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = AtomicWriteFile::open(&path)?;
    file.write_all(text.as_bytes())?;
    file.commit()
}

/// The draft left for `id`, if any.
#[must_use]
pub fn read_draft(root: &Path, id: &str) -> Option<String> {
    file_name::is_safe_id(id).then(|| std::fs::read_to_string(draft_path(root, id)).ok()).flatten()
}

/// Removes the draft for `id` (after a save or a discard). A missing draft is fine.
pub fn remove_draft(root: &Path, id: &str) -> std::io::Result<()> {
    match std::fs::remove_file(draft_path(root, id)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Moves `root/id` into the trash as `<stamp>-<flattened id>`; returns where it went.
pub fn move_to_trash(root: &Path, id: &str, stamp: &str) -> std::io::Result<PathBuf> {
    let from = inside(root, id)?;
    let trash = root.join(TRASH);
    std::fs::create_dir_all(&trash)?;
    let mut to = trash.join(format!("{stamp}-{}", id.replace('/', "__")));
    let mut n = 1;
    while to.exists() {
        n += 1;
        to = trash.join(format!("{stamp}-{n}-{}", id.replace('/', "__")));
    }
    std::fs::rename(&from, &to)?;
    Ok(to)
}

/// Puts a trashed file back at `root/id`, never over an existing file.
pub fn restore(root: &Path, trashed: &Path, id: &str) -> std::io::Result<PathBuf> {
    let to = inside(root, id)?;
    if to.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} exists again; the deleted file stays in the trash", to.display()),
        ));
    }
    std::fs::rename(trashed, &to)?;
    Ok(to)
}

/// Renames `root/from` to `root/to`, never over an existing file.
pub fn rename(root: &Path, from: &str, to: &str) -> std::io::Result<PathBuf> {
    let (from, to) = (inside(root, from)?, inside(root, to)?);
    if to.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} already exists", to.display()),
        ));
    }
    std::fs::rename(from, &to)?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_replaces_whole_files_and_refuses_escapes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = save(dir.path(), "breathing/calm.ron", "one").expect("saves");
        save(dir.path(), "breathing/calm.ron", "two").expect("saves again");
        assert_eq!(std::fs::read_to_string(path).expect("reads"), "two");
        assert!(save(dir.path(), "../escape.ron", "x").is_err());
        assert!(!dir.path().parent().expect("parent").join("escape.ron").exists());
        assert!(create(dir.path(), "breathing/calm.ron", "three").is_err(), "create never replaces");
        // A folder that links elsewhere is refused.
        let elsewhere = tempfile::tempdir().expect("temp dir");
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("body_scan")).expect("link");
        assert!(save(dir.path(), "body_scan/x.ron", "x").is_err());
        assert!(!elsewhere.path().join("x.ron").exists());
    }

    #[test]
    fn drafts_round_trip_and_stay_hidden() {
        let dir = tempfile::tempdir().expect("temp dir");
        write_draft(dir.path(), "breathing/calm.ron", "typing").expect("drafts");
        write_draft(dir.path(), "breathing__calm.ron", "other").expect("drafts");
        assert_eq!(read_draft(dir.path(), "breathing__calm.ron").as_deref(), Some("other"), "no clash");
        assert_eq!(read_draft(dir.path(), "breathing/calm.ron").as_deref(), Some("typing"));
        let (files, _) = crate::library::loader::find_script_files(dir.path());
        assert!(files.is_empty(), "drafts are not scripts");
        remove_draft(dir.path(), "breathing/calm.ron").expect("removes");
        remove_draft(dir.path(), "breathing/calm.ron").expect("twice is fine");
        assert_eq!(read_draft(dir.path(), "breathing/calm.ron"), None);
    }

    #[test]
    fn delete_is_undoable() {
        let dir = tempfile::tempdir().expect("temp dir");
        save(dir.path(), "breathing/calm.ron", "keep me").expect("saves");
        let trashed = move_to_trash(dir.path(), "breathing/calm.ron", "t").expect("trashes");
        assert!(!dir.path().join("breathing/calm.ron").exists());
        restore(dir.path(), &trashed, "breathing/calm.ron").expect("restores");
        assert_eq!(std::fs::read_to_string(dir.path().join("breathing/calm.ron")).expect("back"), "keep me");
    }
}
