//! Reading an RR file from disk, defensively, for `unbrace --hrv FILE` and for replay: read
//! as the library reads script files ([`read_text_file`]: a regular file only, opened without
//! waiting on a pipe, its size checked before a byte is read and the read capped there too),
//! then parsed by the core ([`unbrace_core::hrv::rr_file`]). Problems read as a compiler's:
//! `path:line:col: message`.

use std::path::Path;

use crate::library::loader::{TextFile, read_text_file};
use unbrace_core::hrv::rr_file::{MAX_TEXT_BYTES, RrFile, parse_rr_text};
use unbrace_core::library::problem::Problem;

/// RR files: regular files of up to [`MAX_TEXT_BYTES`].
const RR_FILE: TextFile =
    TextFile { one: "a regular file of RR intervals", many: "RR files", max_bytes: MAX_TEXT_BYTES as u64 };

/// Reads and parses the RR file at `path`.
pub fn read(path: &Path) -> Result<RrFile, Problem> {
    let text = read_text_file(path, &RR_FILE)?;
    parse_rr_text(&text).map_err(|e| Problem {
        path: path.to_owned(),
        position: e.position,
        message: e.message,
    })
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
