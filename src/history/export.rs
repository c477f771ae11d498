//! Writes a history export to a new file, never over an old one.

use std::path::{Path, PathBuf};

/// Writes the CSV to a new file in `dir` named after `stamp`; never overwrites a file.
pub fn write_csv(dir: &Path, stamp: &str, csv: &str) -> std::io::Result<PathBuf> {
    write_named_csv(dir, &format!("unbrace-history-{stamp}"), csv)
}

/// Writes the CSV to `dir/name.csv`, or `name-2.csv` and so on if that exists.
pub fn write_named_csv(dir: &Path, name: &str, csv: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let mut path = dir.join(format!("{name}.csv"));
    let mut n = 1;
    loop {
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                std::io::Write::write_all(&mut file, csv.as_bytes())?;
                file.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                n += 1;
                path = dir.join(format!("{name}-{n}.csv"));
            }
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_an_export() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = write_csv(dir.path(), "s", "one").expect("writes");
        let b = write_csv(dir.path(), "s", "two").expect("writes");
        assert_ne!(a, b);
        assert_eq!(std::fs::read_to_string(a).expect("kept"), "one");
    }
}
