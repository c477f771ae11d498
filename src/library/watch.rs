//! Hot reload: watches the scripts folder (recursively, so saves by rename in any editor
//! count) and reports when script files changed, debounced. Drafts and trash (hidden
//! folders) are ignored, so the app's own draft writes never trigger a reload.
//!
//! On Linux the watcher also reports files being *opened*, and loading the library opens
//! every script: so a file counts as changed only when its size or modification time did
//! (read with `stat`, which the watcher does not report). Without this, each reload would
//! set off the next.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, SystemTime};

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// Changes closer together than this arrive as one.
const DEBOUNCE: Duration = Duration::from_millis(250);

pub struct ScriptsWatcher {
    _debouncer: Debouncer<RecommendedWatcher>,
    changed: Receiver<Vec<PathBuf>>,
}

impl std::fmt::Debug for ScriptsWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScriptsWatcher").finish_non_exhaustive()
    }
}

impl ScriptsWatcher {
    /// Watches `dir`; `wake` is called when something changed (e.g. to ask for a frame).
    ///
    /// # Errors
    /// The watcher's message when the folder cannot be watched.
    pub fn start(dir: &Path, wake: impl Fn() + Send + 'static) -> Result<Self, String> {
        let (tx, changed) = mpsc::channel();
        let root = dir.to_owned();
        let (files, _) = super::loader::find_script_files(dir);
        let mut known: HashMap<PathBuf, Option<Stamp>> =
            files.into_iter().map(|f| (f.clone(), stamp(&f))).collect();
        let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
            let Ok(events) = result else { return };
            let paths: Vec<PathBuf> = events
                .into_iter()
                .map(|e| e.path)
                .filter(|p| is_script_path(&root, p))
                .filter(|p| {
                    let now = stamp(p);
                    known.insert(p.clone(), now) != Some(now)
                })
                .collect();
            if !paths.is_empty() && tx.send(paths).is_ok() {
                wake();
            }
        })
        .map_err(|e| e.to_string())?;
        debouncer.watcher().watch(dir, RecursiveMode::Recursive).map_err(|e| e.to_string())?;
        Ok(Self { _debouncer: debouncer, changed })
    }

    /// The script files changed since the last call (empty when none).
    #[must_use]
    pub fn changes(&self) -> Vec<PathBuf> {
        self.changed.try_iter().flatten().collect()
    }
}

/// What tells one version of a file from another: its size and modification time (`None`
/// once it is gone).
type Stamp = (u64, Option<SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// A `.ron` file below `root`, outside hidden folders.
fn is_script_path(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let hidden = relative.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    !hidden && path.extension().is_some_and(|e| e == "ron")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_script_files_outside_hidden_folders_count() {
        let root = Path::new("/s");
        assert!(is_script_path(root, Path::new("/s/breathing/calm.ron")));
        assert!(!is_script_path(root, Path::new("/s/breathing")), "folders are opened by every reload");
        assert!(!is_script_path(root, Path::new("/s/.drafts/breathing__calm.ron")));
        assert!(!is_script_path(root, Path::new("/s/breathing/.calm.ron.swp")));
        assert!(!is_script_path(root, Path::new("/s/notes.txt")));
        assert!(!is_script_path(root, Path::new("/elsewhere/calm.ron")));
    }

    #[test]
    fn an_outside_edit_is_seen_within_a_second() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
        let watcher = ScriptsWatcher::start(dir.path(), || {}).expect("watches");
        // An editor that saves by writing a temporary file and renaming it over the script.
        let tmp = dir.path().join("breathing/.calm.ron.tmp");
        std::fs::write(&tmp, "Pattern(name: \"x\")").expect("write");
        std::fs::rename(&tmp, dir.path().join("breathing/calm.ron")).expect("rename");
        let mut seen = Vec::new();
        for _ in 0..100 {
            seen.extend(watcher.changes());
            if !seen.is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(seen.iter().any(|p| p.ends_with("breathing/calm.ron")), "{seen:?}");
    }

    #[test]
    fn reading_the_scripts_is_not_a_change() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
        std::fs::write(dir.path().join("breathing/calm.ron"), "x").expect("write");
        let watcher = ScriptsWatcher::start(dir.path(), || {}).expect("watches");
        for _ in 0..3 {
            let _ = crate::library::load(Some(dir.path()));
            std::thread::sleep(Duration::from_millis(400));
        }
        assert!(watcher.changes().is_empty(), "loading the library must not look like an edit");
    }
}
