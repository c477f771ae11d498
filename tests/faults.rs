//! Fault tests against a real file system: a disk that fills up and one mounted read-only,
//! made with a small tmpfs. They need root (to mount), so they are `#[ignore]`d in a plain
//! `cargo test`; `.ci/run` runs them. The same faults are also tested everywhere with
//! injected errors (a full database, a held lock) in the unit tests.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use jiff::tz::TimeZone;
use unbrace::history::store::Store;
use unbrace::history::worker::{Event, HistoryWorker, Request};
use unbrace_core::history::record::{Record, sample};

/// A tmpfs of `size` mounted on a fresh folder, unmounted when dropped.
struct Mount {
    dir: tempfile::TempDir,
}

impl Mount {
    fn new(size: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .expect("mount runs");
        assert!(status.success(), "mounting a tmpfs needs root: run these with sudo (.ci/run does)");
        Self { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(self.path())
            .status()
            .expect("mount runs");
        assert!(status.success());
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.path()).status();
    }
}

/// Fills the file system holding `dir` with one file; returns it.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write as _;
    let filler = dir.join("filler");
    let mut file = std::fs::File::create(&filler).expect("creates");
    let block = vec![0_u8; 4096];
    while file.write_all(&block).is_ok() {}
    let _ = file.sync_all();
    filler
}

fn wait_for<T>(worker: &HistoryWorker, want: impl Fn(&Event) -> Option<T>) -> T {
    for _ in 0..3000 {
        if let Some(found) = worker.poll().iter().find_map(&want) {
            return found;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the event never came");
}

fn unsaved(event: &Event) -> Option<usize> {
    match event {
        Event::Unsaved { count, .. } => Some(*count),
        _ => None,
    }
}

#[test]
#[ignore = "needs root to mount a tmpfs; .ci/run runs it"]
fn practices_saved_on_a_full_disk_are_written_once_there_is_room() {
    let mount = Mount::new("1m");
    let path = mount.path().join("history.sqlite3");
    Store::open(&path, "t").expect("creates");
    let worker = HistoryWorker::spawn(path.clone(), "t".to_owned(), || {}).expect("spawns");
    wait_for(&worker, |e| matches!(e, Event::Loaded { .. }).then_some(()));
    let filler = fill(mount.path());
    for i in 0..20 {
        let record = Record { note: "calm ".repeat(400), ..sample(&format!("r{i}"), i) };
        assert!(worker.send(Request::Save(record)));
    }
    assert!(wait_for(&worker, |e| unsaved(e).filter(|&n| n > 0)) > 0, "said, not lost");
    std::fs::remove_file(filler).expect("room again");
    wait_for(&worker, |e| unsaved(e).filter(|&n| n == 0));
    drop(worker);
    let (store, _) = Store::open(&path, "t").expect("opens");
    assert_eq!(store.all().expect("reads").len(), 20);
}

#[test]
#[ignore = "needs root to mount a tmpfs; .ci/run runs it"]
fn a_history_on_a_read_only_disk_is_shown() {
    let mount = Mount::new("4m");
    let path = mount.path().join("history.sqlite3");
    {
        let (store, _) = Store::open(&path, "t").expect("creates");
        for i in 0..3 {
            store.save(&sample(&format!("r{i}"), i)).expect("saves");
        }
    }
    assert!(!mount.path().join("history.sqlite3-wal").exists(), "closed cleanly");
    mount.remount("ro");
    let worker = HistoryWorker::spawn(path, "t".to_owned(), || {}).expect("spawns");
    let records = wait_for(&worker, |e| match e {
        Event::Loaded { records, .. } => Some(records.clone()),
        _ => None,
    });
    assert_eq!(records.len(), 3, "the history is shown");
    assert!(worker.send(Request::Save(sample("new", 9))));
    assert_eq!(wait_for(&worker, unsaved), 1, "a new practice waits, said");
    assert!(worker.send(Request::Export {
        dir: mount.path().join("x"),
        stamp: "s".to_owned(),
        zone: TimeZone::UTC
    }));
    let failed = wait_for(&worker, |e| match e {
        Event::Failed(m) if m.contains("export") => Some(m.clone()),
        _ => None,
    });
    assert!(failed.contains("Read-only") || failed.contains("read-only"), "{failed}");
}

#[test]
#[ignore = "needs root to mount a tmpfs; .ci/run runs it"]
fn a_save_on_a_full_disk_keeps_the_old_file_whole() {
    let mount = Mount::new("1m");
    let root = mount.path();
    unbrace::editor::files::save(root, "breathing/calm.ron", "the old text").expect("saves");
    let filler = fill(root);
    let big = "x".repeat(200_000);
    let error = unbrace::editor::files::save(root, "breathing/calm.ron", &big).expect_err("no room");
    assert!(error.to_string().contains("space"), "{error}");
    assert_eq!(std::fs::read_to_string(root.join("breathing/calm.ron")).expect("reads"), "the old text");
    drop(filler);
}
