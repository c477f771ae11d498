//! Reading script files from disk, defensively: size cap, UTF-8 check, bounded folder walk.
//! Every failure becomes a [`Problem`] naming the file; nothing here panics or writes.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use unbrace_core::library::problem::Problem;

/// Script files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Folders deeper than this below the scripts folder are not searched.
const MAX_DEPTH: usize = 4;
/// At most this many files are read from one folder tree.
pub const MAX_FILES: usize = 10_000;

/// Reads a file as UTF-8 text, refusing anything over [`MAX_FILE_BYTES`].
pub fn read_text(path: &Path) -> Result<String, Problem> {
    let file = fs::File::open(path).map_err(|e| Problem::new(path, io_message(&e)))?;
    let size = file.metadata().map_err(|e| Problem::new(path, io_message(&e)))?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_big(path, size));
    }
    // The size can change between the check and the read: never read more than the cap.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Problem::new(path, io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(path, bytes.len() as u64));
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

fn too_big(path: &Path, size: u64) -> Problem {
    #[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
    let mib = size as f64 / (1024.0 * 1024.0);
    Problem::new(
        path,
        format!("this file is {mib:.1} MiB; script files are limited to 1 MiB, so it was not read"),
    )
}

fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied: Unbrace cannot read it".to_owned(),
        _ => format!("cannot be read: {error}"),
    }
}

/// Every `*.ron` file below `root`, sorted, skipping hidden files and folders (a trash or
/// `.git` folder), at most [`MAX_DEPTH`] folders deep and [`MAX_FILES`] files.
#[must_use]
pub fn find_script_files(root: &Path) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    walk(root, 0, &mut files, &mut problems);
    files.sort();
    if files.len() > MAX_FILES {
        problems.push(Problem::new(
            root,
            format!("more than {MAX_FILES} script files here; only the first {MAX_FILES} were read"),
        ));
        files.truncate(MAX_FILES);
    }
    (files, problems)
}

fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Problem::new(dir, io_message(&e)));
            return;
        }
    };
    let mut subdirs = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // Follows links to files, but never descends through a link to a folder (no loops).
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            subdirs.push(path);
        } else if path.extension().is_some_and(|ext| ext == "ron") {
            files.push(path);
        }
        if files.len() > MAX_FILES {
            return;
        }
    }
    if depth < MAX_DEPTH {
        subdirs.sort();
        for sub in subdirs {
            walk(&sub, depth + 1, files, problems);
        }
    }
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
}
