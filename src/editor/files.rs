//! The editor's file operations, all inside the scripts folder: atomic saves (a crash leaves
//! the old file or the new one, never half; a link is written through to the file it points
//! to; a write-protected file is left as it is), drafts of unsaved typing (each remembering
//! the text it was typed over), and a trash folder that makes delete undoable.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use unbrace_core::editor::file_name;

/// Drafts of unsaved edits, one per file, hidden from the library.
pub const DRAFTS: &str = ".drafts";
/// Deleted scripts, kept until the user empties it.
pub const TRASH: &str = ".trash";

/// Writes `text` to `root/id` atomically (a temporary file renamed over the old one). When
/// `root/id` is a link, the file it points to is written (atomically, beside it) and the link
/// stays. A write-protected file is refused, whoever runs the app.
pub fn save(root: &Path, id: &str, text: &str) -> std::io::Result<PathBuf> {
    let path = inside(root, id)?;
    let target = match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(&path)?,
        _ => path.clone(),
    };
    if let Some(why) = write_protected(&target) {
        return Err(std::io::Error::new(std::io::ErrorKind::PermissionDenied, why));
    }
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = AtomicWriteFile::open(&target)?;
    file.write_all(text.as_bytes())?;
    file.commit()?;
    Ok(path)
}

/// Why `path` must not be written: its permissions say read-only (root could write it
/// anyway, but the owner asked otherwise).
#[must_use]
pub fn write_protected(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    meta.permissions().readonly().then(|| {
        "this file is write-protected (its permissions say read-only), so Unbrace leaves it as it is"
            .to_owned()
    })
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

/// The longest draft file name, in bytes (file systems allow 255).
const MAX_DRAFT_NAME: usize = 200;

/// One file per id: `%` and `/` are escaped, so no two ids share a draft. A name too long for
/// the file system keeps its start and ends in a fingerprint of the whole id.
fn draft_path(root: &Path, id: &str) -> PathBuf {
    let mut name = id.replace('%', "%25").replace('/', "%2F");
    if name.len() > MAX_DRAFT_NAME {
        let mut cut = MAX_DRAFT_NAME - 20;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        name = format!("{}~{:016x}", &name[..cut], fingerprint(id));
    }
    root.join(DRAFTS).join(name)
}

/// FNV-1a, 64 bits: the same text gives the same number in every run and version (unlike the
/// standard hasher), which drafts left on disk need.
#[must_use]
pub fn fingerprint(text: &str) -> u64 {
    text.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// The first line of a draft: the fingerprint of the text it was typed over.
const DRAFT_HEADER: &str = "unbrace-draft base=";

/// A draft: the unsaved typing, and the fingerprint of the saved text it was typed over
/// (`None` for a draft written by an older version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub text: String,
    pub base: Option<u64>,
}

/// Keeps unsaved typing safe from a crash, with what it was typed over (`base`).
pub fn write_draft(root: &Path, id: &str, text: &str, base: &str) -> std::io::Result<()> {
    if !file_name::is_safe_id(id) {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "unsafe draft name"));
    }
    let path = draft_path(root, id);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = AtomicWriteFile::open(&path)?;
    writeln!(file, "{DRAFT_HEADER}{:016x}", fingerprint(base))?;
    file.write_all(text.as_bytes())?;
    file.commit()
}

/// The draft left for `id`, if any.
#[must_use]
pub fn read_draft(root: &Path, id: &str) -> Option<Draft> {
    if !file_name::is_safe_id(id) {
        return None;
    }
    let raw = crate::library::loader::read_text(&draft_path(root, id)).ok()?;
    let header = raw.strip_prefix(DRAFT_HEADER).and_then(|rest| {
        let (hex, text) = rest.split_once('\n')?;
        Some((u64::from_str_radix(hex, 16).ok()?, text))
    });
    Some(match header {
        Some((base, text)) => Draft { text: text.to_owned(), base: Some(base) },
        None => Draft { text: raw, base: None },
    })
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
        write_draft(dir.path(), "breathing/calm.ron", "typing", "saved").expect("drafts");
        write_draft(dir.path(), "breathing__calm.ron", "other", "saved").expect("drafts");
        let text = |id| read_draft(dir.path(), id).map(|d| d.text);
        assert_eq!(text("breathing__calm.ron").as_deref(), Some("other"), "no clash");
        assert_eq!(text("breathing/calm.ron").as_deref(), Some("typing"));
        assert_eq!(
            read_draft(dir.path(), "breathing/calm.ron").and_then(|d| d.base),
            Some(fingerprint("saved"))
        );
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

    #[test]
    fn a_linked_script_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let elsewhere = tempfile::tempdir().expect("temp dir");
        let target = elsewhere.path().join("calm.ron");
        std::fs::write(&target, "old").expect("write");
        std::fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
        let link = dir.path().join("breathing/calm.ron");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        save(dir.path(), "breathing/calm.ron", "new").expect("saves");
        assert!(std::fs::symlink_metadata(&link).expect("there").file_type().is_symlink(), "still a link");
        assert_eq!(std::fs::read_to_string(&target).expect("reads"), "new", "the file it points to changed");
    }

    #[test]
    fn a_write_protected_script_is_left_as_it_is() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = save(dir.path(), "breathing/calm.ron", "mine").expect("saves");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        let error = save(dir.path(), "breathing/calm.ron", "overwritten").expect_err("refused");
        assert!(error.to_string().contains("write-protected"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).expect("reads"), "mine");
    }

    #[test]
    fn a_very_long_name_still_gets_its_own_draft() {
        let dir = tempfile::tempdir().expect("temp dir");
        let long = |tail: &str| format!("breathing/{}{tail}.ron", "é".repeat(120));
        write_draft(dir.path(), &long("a"), "one", "").expect("drafts");
        write_draft(dir.path(), &long("b"), "two", "").expect("drafts");
        assert_eq!(read_draft(dir.path(), &long("a")).map(|d| d.text).as_deref(), Some("one"));
        assert_eq!(read_draft(dir.path(), &long("b")).map(|d| d.text).as_deref(), Some("two"));
    }

    #[test]
    fn fingerprints_stay_the_same_across_runs() {
        // FNV-1a's published test values.
        assert_eq!(fingerprint(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fingerprint("foobar"), 0x8594_4171_f739_67e8);
    }
}
