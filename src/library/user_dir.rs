//! Where the user's own scripts live: `~/.config/unbrace/scripts` (the XDG config dir) unless
//! `--scripts DIR` says otherwise. Created on first run with a short note; never emptied.

use std::fs;
use std::path::{Path, PathBuf};

use unbrace_core::library::problem::Problem;

const README_NAME: &str = "README.txt";
const README: &str = "\
Your Unbrace scripts live here: plain text files you can read, edit, version and share.

  breathing/*.ron   breathing patterns
  body_scan/*.ron   body scans
  reminders/*.ron   reminders: a routine after so long at the keyboard, or at a time of day

A file with the same name as a built-in one (for example breathing/four-six.ron) replaces
it. Check your files with:  unbrace --check
";

/// The default scripts folder, if the platform has a config directory.
#[must_use]
pub fn default_scripts_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "unbrace").map(|dirs| dirs.config_dir().join("scripts"))
}

/// Creates the folder (and its `breathing/`, `body_scan/` and `reminders/` subfolders) if missing, and
/// leaves a short README in a new folder. Existing files are never touched.
pub fn ensure_exists(dir: &Path) -> Result<(), Problem> {
    let is_new = !dir.exists();
    for sub in ["breathing", "body_scan", unbrace_core::reminder::FOLDER] {
        fs::create_dir_all(dir.join(sub))
            .map_err(|e| Problem::new(dir, format!("the scripts folder cannot be created: {e}")))?;
    }
    if is_new {
        // A missing note is harmless: the folder works without it.
        if let Err(e) = fs::write(dir.join(README_NAME), README) {
            return Err(Problem::new(dir, format!("could not write {README_NAME}: {e}")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_the_folder_once_and_keeps_user_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let scripts = dir.path().join("scripts");
        ensure_exists(&scripts).expect("created");
        assert!(["breathing", "body_scan", "reminders"].iter().all(|sub| scripts.join(sub).is_dir()));
        fs::write(scripts.join(README_NAME), "my own notes").expect("write");
        ensure_exists(&scripts).expect("again");
        assert_eq!(fs::read_to_string(scripts.join(README_NAME)).expect("read"), "my own notes");
    }
}
