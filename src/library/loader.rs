//! Reading script files from disk, defensively: regular files only (a pipe, socket or device
//! named `*.ron` is refused unopened, and opening never waits), a size cap, a UTF-8 check,
//! and a bounded folder walk that visits names in order, so what it skips is always the same
//! and is said. Every failure becomes a [`Problem`] naming the file; nothing here panics or
//! writes.

use std::fs;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};

use unbrace_core::library::problem::Problem;

/// Script files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Folders deeper than this below the scripts folder are not searched.
pub const MAX_DEPTH: usize = 4;
/// At most this many files are read from one folder tree.
pub const MAX_FILES: usize = 10_000;

/// What a capped read reads, for its messages: "a script file", "script files", and the cap.
#[derive(Debug, Clone, Copy)]
pub struct TextFile {
    pub one: &'static str,
    pub many: &'static str,
    /// Files larger than this are refused unread.
    pub max_bytes: u64,
}

/// Script files: at most [`MAX_FILE_BYTES`].
pub const SCRIPT_FILE: TextFile =
    TextFile { one: "a script file", many: "script files", max_bytes: MAX_FILE_BYTES };

/// Reads a regular file as UTF-8 text, refusing anything over [`MAX_FILE_BYTES`].
pub fn read_text(path: &Path) -> Result<String, Problem> {
    read_text_file(path, &SCRIPT_FILE)
}

/// Reads a regular file as UTF-8 text, refusing anything over `kind.max_bytes` unread; a pipe,
/// socket or device is refused without waiting on it.
pub fn read_text_file(path: &Path, kind: &TextFile) -> Result<String, Problem> {
    let io = |e: std::io::Error| Problem::new(path, io_message(&e));
    // Non-blocking, so a pipe with no writer cannot hold the caller; regular files ignore it.
    let file = fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(Problem::new(path, not_a(meta.file_type(), kind)));
    }
    if meta.len() > kind.max_bytes {
        return Err(too_big(path, meta.len(), kind));
    }
    // The size can change between the check and the read: never read more than the cap.
    let mut bytes = Vec::new();
    file.take(kind.max_bytes + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > kind.max_bytes {
        return Err(too_big(path, bytes.len() as u64, kind));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = before.split(|&b| b == b'\n').count();
        let col = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
        Problem {
            path: path.to_owned(),
            position: Some((line, col)),
            message: "this file is not UTF-8 text: save it as UTF-8".to_owned(),
        }
    })
}

/// What a file that is not a regular script file is, in words.
fn not_a_file(kind: fs::FileType) -> String {
    not_a(kind, &SCRIPT_FILE)
}

/// What a file that is not a regular file is, in words, and what it should have been.
fn not_a(kind: fs::FileType, wanted: &TextFile) -> String {
    use std::os::unix::fs::FileTypeExt as _;
    let what = if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    };
    format!("this is {what}, not {}, so it was not read", wanted.one)
}

fn too_big(path: &Path, size: u64, kind: &TextFile) -> Problem {
    #[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
    let mib = size as f64 / (1024.0 * 1024.0);
    let cap = kind.max_bytes / (1024 * 1024);
    Problem::new(
        path,
        format!("this file is {mib:.1} MiB; {} are limited to {cap} MiB, so it was not read", kind.many),
    )
}

fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied: Unbrace cannot read it".to_owned(),
        _ if error.raw_os_error() == Some(libc::ELOOP) => {
            "a link that leads back to itself (a loop), so it was not read".to_owned()
        }
        _ => format!("cannot be read: {error}"),
    }
}

/// Every `*.ron` regular file below `root`, in name order, skipping hidden files and folders
/// (a trash or `.git` folder), at most [`MAX_DEPTH`] folders deep and [`MAX_FILES`] files.
/// What is skipped (deeper folders, files past the limit, `*.ron` entries that are not regular
/// files) is said as problems, the same every time.
#[must_use]
pub fn find_script_files(root: &Path) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut walk = Walk::default();
    walk.dir(root, 0);
    let mut problems = walk.problems;
    if let Some(first) = walk.too_deep.first() {
        let more = walk.too_deep.len() - 1;
        let and_more = if more == 0 { String::new() } else { format!(" and {more} more") };
        problems.push(Problem::new(
            first,
            format!(
                "folders more than {MAX_DEPTH} levels below the scripts folder are not searched: this one{and_more}"
            ),
        ));
    }
    if let Some(first_left) = walk.left_out {
        problems.push(Problem::new(
            root,
            format!(
                "more than {MAX_FILES} script files here; the first {MAX_FILES} by name were read, and \
                 those from {} on were not",
                first_left.display()
            ),
        ));
    }
    (walk.files, problems)
}

#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    problems: Vec<Problem>,
    too_deep: Vec<PathBuf>,
    /// The first file past [`MAX_FILES`], once the limit is reached.
    left_out: Option<PathBuf>,
}

impl Walk {
    fn dir(&mut self, dir: &Path, depth: usize) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.problems.push(Problem::new(dir, io_message(&e)));
                return;
            }
        };
        let mut entries: Vec<fs::DirEntry> = entries.flatten().collect();
        entries.sort_by_key(fs::DirEntry::file_name);
        for entry in entries {
            if self.left_out.is_some() {
                return;
            }
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            // Never descends through a link to a folder (no loops), but follows links to files.
            if kind.is_dir() {
                if depth < MAX_DEPTH {
                    self.dir(&path, depth + 1);
                } else if has_scripts(&path) {
                    self.too_deep.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|ext| ext != "ron") {
                continue;
            }
            let regular = if kind.is_symlink() {
                match fs::metadata(&path) {
                    Ok(meta) if meta.is_file() => true,
                    // A link to a folder named *.ron is not followed; say nothing of it.
                    Ok(meta) if meta.is_dir() => continue,
                    Ok(meta) => {
                        self.problems.push(Problem::new(&path, not_a_file(meta.file_type())));
                        false
                    }
                    Err(e) => {
                        self.problems.push(Problem::new(&path, io_message(&e)));
                        false
                    }
                }
            } else if kind.is_file() {
                true
            } else {
                self.problems.push(Problem::new(&path, not_a_file(kind)));
                false
            };
            if regular {
                if self.files.len() == MAX_FILES {
                    self.left_out = Some(path);
                } else {
                    self.files.push(path);
                }
            }
        }
    }
}

/// Whether a folder too deep to search has any `*.ron` file in it (worth saying).
fn has_scripts(dir: &Path) -> bool {
    fs::read_dir(dir).into_iter().flatten().flatten().take(1000).any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        !name.starts_with('.') && (name.ends_with(".ron") || e.file_type().is_ok_and(|k| k.is_dir()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_files_over_the_cap_without_reading_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("huge.ron");
        let file = fs::File::create(&path).expect("create");
        file.set_len(MAX_FILE_BYTES + 1).expect("grow");
        let problem = read_text(&path).expect_err("over the cap");
        assert!(problem.message.contains("limited to 1 MiB"), "{problem}");
    }

    #[test]
    fn non_utf8_is_a_problem_with_its_position() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("latin1.ron");
        fs::write(&path, b"Pattern(\n  name: \"caf\xe9\",\n)").expect("write");
        let problem = read_text(&path).expect_err("not UTF-8");
        assert_eq!(problem.position, Some((2, 13)));
        assert!(problem.message.contains("UTF-8"));
    }

    #[test]
    fn missing_files_and_folders_are_problems_not_panics() {
        let missing = Path::new("/nonexistent/unbrace/x.ron");
        assert_eq!(read_text(missing).expect_err("missing").message, "no such file or folder");
        let (files, problems) = find_script_files(Path::new("/nonexistent/unbrace"));
        assert!(files.is_empty());
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn walk_skips_hidden_entries_and_other_extensions() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
        fs::create_dir_all(dir.path().join(".trash")).expect("mkdir");
        fs::write(dir.path().join("breathing/a.ron"), "").expect("write");
        fs::write(dir.path().join("breathing/notes.txt"), "").expect("write");
        fs::write(dir.path().join(".trash/b.ron"), "").expect("write");
        fs::write(dir.path().join(".hidden.ron"), "").expect("write");
        let (files, problems) = find_script_files(dir.path());
        assert_eq!(files, [dir.path().join("breathing/a.ron")]);
        assert!(problems.is_empty());
    }

    /// Makes a named pipe (there is no safe std call for it; `mkfifo` is in coreutils).
    fn fifo(path: &Path) {
        let made = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
        assert!(made.success());
    }

    #[test]
    fn a_pipe_named_like_a_script_never_blocks() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
        let pipe = dir.path().join("breathing/pipe.ron");
        fifo(&pipe);
        // Read directly (as --check does with a named file): refused at once, not waited on.
        let problem = read_text(&pipe).expect_err("refused");
        assert!(problem.message.contains("named pipe"), "{problem}");
        // Found by the walk: said, never opened.
        let (files, problems) = find_script_files(dir.path());
        assert!(files.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("named pipe"), "{}", problems[0]);
        // A link to it, too.
        std::os::unix::fs::symlink(&pipe, dir.path().join("breathing/link.ron")).expect("link");
        let (_, problems) = find_script_files(dir.path());
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn sockets_and_link_loops_are_said_not_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let socket = dir.path().join("a.ron");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("binds");
        std::os::unix::fs::symlink(dir.path().join("loop-b.ron"), dir.path().join("loop-a.ron"))
            .expect("link");
        std::os::unix::fs::symlink(dir.path().join("loop-a.ron"), dir.path().join("loop-b.ron"))
            .expect("link");
        let (files, problems) = find_script_files(dir.path());
        assert!(files.is_empty());
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("a socket"), "{messages:?}");
        assert!(messages[1].contains("loop") && messages[2].contains("loop"), "{messages:?}");
    }

    #[test]
    fn too_deep_folders_are_said() {
        let dir = tempfile::tempdir().expect("temp dir");
        let deep = dir.path().join("a/b/c/d/e");
        fs::create_dir_all(&deep).expect("mkdir");
        fs::write(deep.join("lost.ron"), "").expect("write");
        fs::write(dir.path().join("a/b/c/d/found.ron"), "").expect("write");
        let (files, problems) = find_script_files(dir.path());
        assert_eq!(files, [dir.path().join("a/b/c/d/found.ron")]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, deep);
        assert!(problems[0].message.contains("more than 4 levels"), "{}", problems[0]);
    }

    #[test]
    fn of_100_000_files_the_first_by_name_are_read_and_the_rest_said() {
        let dir = tempfile::tempdir().expect("temp dir");
        // Created in reverse, so the directory's own order is unlikely to be by name.
        for i in (0..100_000).rev() {
            fs::write(dir.path().join(format!("p{i:05}.ron")), "").expect("write");
        }
        let (files, problems) = find_script_files(dir.path());
        assert_eq!(files.len(), MAX_FILES);
        assert_eq!(files.first(), Some(&dir.path().join("p00000.ron")));
        assert_eq!(files.last(), Some(&dir.path().join(format!("p{:05}.ron", MAX_FILES - 1))));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains(&format!("p{MAX_FILES:05}.ron on were not")), "{}", problems[0]);
    }
}
