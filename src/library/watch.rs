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
    news: Receiver<News>,
}

/// What the watcher thread reports.
#[derive(Debug, Clone, PartialEq, Eq)]
enum News {
    Changed(Vec<PathBuf>),
    /// Watching failed: changes may no longer be seen.
    Failed(String),
}

/// What happened since the last look.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Script files that changed.
    pub paths: Vec<PathBuf>,
    /// Why changes may no longer be seen, in words for people.
    pub error: Option<String>,
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
        let (tx, news) = mpsc::channel();
        let root = dir.to_owned();
        let (files, _) = super::loader::find_script_files(dir);
        let mut known: HashMap<PathBuf, Option<Stamp>> =
            files.into_iter().map(|f| (f.clone(), stamp(&f))).collect();
        let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
            if let Some(news) = news_of(result, &root, &mut known)
                && tx.send(news).is_ok()
            {
                wake();
            }
        })
        .map_err(|e| e.to_string())?;
        debouncer.watcher().watch(dir, RecursiveMode::Recursive).map_err(|e| e.to_string())?;
        Ok(Self { _debouncer: debouncer, news })
    }

    /// What changed since the last call.
    #[must_use]
    pub fn changes(&self) -> Changes {
        let mut changes = Changes::default();
        for news in self.news.try_iter() {
            match news {
                News::Changed(paths) => changes.paths.extend(paths),
                News::Failed(error) => changes.error = Some(error),
            }
        }
        changes
    }
}

/// What one debounced batch means: script files whose size or time changed, or a failure.
fn news_of(
    result: DebounceEventResult,
    root: &Path,
    known: &mut HashMap<PathBuf, Option<Stamp>>,
) -> Option<News> {
    let events = match result {
        Ok(events) => events,
        Err(error) => return Some(News::Failed(error.to_string())),
    };
    let paths: Vec<PathBuf> = events
        .into_iter()
        .map(|e| e.path)
        .filter(|p| is_script_path(root, p))
        .filter(|p| {
            let now = stamp(p);
            known.insert(p.clone(), now) != Some(now)
        })
        .collect();
    (!paths.is_empty()).then_some(News::Changed(paths))
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
            seen.extend(watcher.changes().paths);
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
        assert_eq!(watcher.changes(), Changes::default(), "loading the library must not look like an edit");
    }

    #[test]
    fn a_watch_failure_is_news_not_silence() {
        let error = notify_debouncer_mini::notify::Error::generic("inotify watch limit reached");
        let news = news_of(Err(error), Path::new("/s"), &mut HashMap::new());
        assert_eq!(news, Some(News::Failed("inotify watch limit reached".to_owned())));
    }
}
