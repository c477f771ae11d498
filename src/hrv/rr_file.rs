//! Reading an RR file from disk, defensively, for `unbrace --hrv FILE` and for replay: only a
//! regular file (a folder, a pipe or a device is refused before it is opened, so nothing
//! blocks), its size checked from its metadata before a byte is read and the read capped
//! there too, then parsed by the core ([`unbrace_core::hrv::rr_file`]). Problems read as a
//! compiler's: `path:line:col: message`.

use std::fs;
use std::io::Read as _;
use std::path::Path;

use unbrace_core::hrv::rr_file::{MAX_TEXT_BYTES, RrFile, parse_rr_text};
use unbrace_core::library::problem::Problem;

/// Reads and parses the RR file at `path`.
pub fn read(path: &Path) -> Result<RrFile, Problem> {
    let cap = u64::try_from(MAX_TEXT_BYTES).unwrap_or(u64::MAX);
    let problem = |message: String| Problem::new(path, message);
    // Followed through links: what matters is what would be opened.
    let metadata = fs::metadata(path).map_err(|e| problem(io_message(&e)))?;
    if !metadata.is_file() {
        return Err(problem(format!("{}: an RR file is read from a regular file", kind_of(&metadata))));
    }
    if metadata.len() > cap {
        return Err(problem(too_big(metadata.len())));
    }
    let file = fs::File::open(path).map_err(|e| problem(io_message(&e)))?;
    // It may have changed between the look and the open: look again at what was opened, and
    // never read past the cap.
    let opened = file.metadata().map_err(|e| problem(io_message(&e)))?;
    if !opened.is_file() {
        return Err(problem(format!("{}: an RR file is read from a regular file", kind_of(&opened))));
    }
    let mut bytes = Vec::new();
    file.take(cap + 1).read_to_end(&mut bytes).map_err(|e| problem(io_message(&e)))?;
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(problem(too_big(u64::try_from(bytes.len()).unwrap_or(u64::MAX))));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = before.split(|&b| b == b'\n').count();
        let column = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
        Problem {
            path: path.to_owned(),
            position: Some((line, column)),
            message: "this file is not UTF-8 text".to_owned(),
        }
    })?;
    parse_rr_text(&text).map_err(|e| Problem {
        path: path.to_owned(),
        position: e.position,
        message: e.message,
    })
}

fn kind_of(metadata: &fs::Metadata) -> &'static str {
    if metadata.is_dir() { "this is a folder" } else { "this is not a regular file" }
}

fn too_big(bytes: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
    let mib = bytes as f64 / (1024.0 * 1024.0);
    format!("the file is {mib:.1} MiB; RR files of up to {} MiB are read", MAX_TEXT_BYTES / (1024 * 1024))
}

fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => format!("cannot be read: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_and_says_where_a_bad_one_goes_wrong() {
        let dir = tempfile::tempdir().expect("temp dir");
        let good = dir.path().join("rr.txt");
        std::fs::write(&good, "812\n830\n790\n").expect("writes");
        assert_eq!(read(&good).expect("reads").rr_ms, vec![812.0, 830.0, 790.0]);

        let bad = dir.path().join("bad.txt");
        std::fs::write(&bad, "812\n83o\n").expect("writes");
        let problem = read(&bad).expect_err("refused");
        assert_eq!(problem.position.map(|(line, _)| line), Some(2), "{problem}");
        assert!(problem.to_string().starts_with(&format!("{}:2:", bad.display())), "{problem}");

        let latin1 = dir.path().join("latin1.txt");
        std::fs::write(&latin1, b"812\n8\xe930\n").expect("writes");
        assert!(read(&latin1).expect_err("refused").to_string().contains(":2:2: this file is not UTF-8"));
    }

    #[test]
    fn refuses_folders_missing_files_and_huge_files_unread() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(read(dir.path()).expect_err("a folder").message.contains("folder"));
        assert!(read(&dir.path().join("nope.txt")).expect_err("missing").message.contains("no such file"));
        let huge = dir.path().join("huge.txt");
        let file = std::fs::File::create(&huge).expect("creates");
        // A sparse file: its size says enough, nothing is read.
        file.set_len(u64::try_from(MAX_TEXT_BYTES).expect("fits") + 1).expect("grows");
        assert!(read(&huge).expect_err("too big").message.contains("MiB"));
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_refused_without_opening_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("fifo");
        // A FIFO with no writer blocks whoever opens it: the check must come first.
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        assert!(read(&fifo).expect_err("a pipe").message.contains("not a regular file"));
    }
}
