//! The history writer: a named background thread that owns the `SQLite` store, so storage work
//! never stalls a frame. The app sends requests and polls events.
//!
//! Nothing asked of it is lost to a passing fault. Changes the file cannot take yet (another
//! program holds its lock, the disk is full, the file could not be opened) wait in a queue,
//! one per record (a later change of the same record replaces the earlier), and are tried
//! again with a growing pause. While any wait, they are also kept in a small file beside the
//! history (`history.sqlite3.pending`), so a crash, a kill or quitting keeps them too; the next
//! start takes them in. The app is told how many wait, and why, until none do.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::export;
use super::store::{OpenFailure, Recovery, Store, StoreOptions};
use unbrace_core::history::record::Record;

/// What the app asks of the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Insert or update (begin, checkpoint, end, ratings, undo of a delete).
    Save(Record),
    Delete(String),
    /// Write every record as CSV into this folder, named with this stamp.
    Export {
        dir: PathBuf,
        stamp: String,
        zone: TimeZone,
    },
}

/// What the store tells the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The history as it is (on disk, and changes still waiting), newest first.
    Loaded { records: Vec<Record>, recovery: Option<Recovery> },
    Exported {
        path: PathBuf,
        /// Records in it that are not in the history file yet.
        unsaved: usize,
    },
    /// Changes not yet in the history file, and why; `0` once all are.
    Unsaved { count: usize, why: String },
    /// Something failed; the message is for people.
    Failed(String),
}

/// A change waiting to be written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Change {
    Save(Record),
    Delete(String),
}

/// The first pause before trying again, and the longest.
const FIRST_RETRY: Duration = Duration::from_millis(250);
const LONGEST_RETRY: Duration = Duration::from_secs(30);
/// How long a write waits for another program's lock before it is queued for later.
const BUSY: Duration = Duration::from_secs(1);
/// How often the last changes are tried when the app is closing, before they are kept in the
/// pending file for the next start.
const TRIES_ON_CLOSE: usize = 3;

#[derive(Debug)]
pub struct HistoryWorker {
    requests: Option<Sender<Request>>,
    events: Receiver<Event>,
    thread: Option<JoinHandle<()>>,
}

impl HistoryWorker {
    /// Opens the store at `path` on a new thread. `stamp` names a damaged file kept aside;
    /// `wake` is called after each event (e.g. to ask the UI for a frame).
    ///
    /// # Errors
    /// When the thread cannot be started.
    pub fn spawn(path: PathBuf, stamp: String, wake: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        Self::spawn_with(path, stamp, StoreOptions { busy: BUSY, ..StoreOptions::default() }, wake)
    }

    /// [`Self::spawn`] with these store options (tests use them to make the disk "full").
    ///
    /// # Errors
    /// When the thread cannot be started.
    pub fn spawn_with(
        path: PathBuf,
        stamp: String,
        options: StoreOptions,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<Self> {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, events) = mpsc::channel::<Event>();
        let thread = std::thread::Builder::new().name("history-store".to_owned()).spawn(move || {
            let send = |event| {
                // The app may already be gone while the last writes drain: nobody to tell.
                if outbox.send(event).is_ok() {
                    wake();
                }
            };
            Writer::new(path, stamp, options).run(&inbox, &send);
        })?;
        Ok(Self { requests: Some(requests), events, thread: Some(thread) })
    }

    /// Queues a request. Returns `false` if the thread has stopped.
    #[must_use]
    pub fn send(&self, request: Request) -> bool {
        self.requests.as_ref().is_some_and(|tx| tx.send(request).is_ok())
    }

    /// Events that arrived since the last call.
    #[must_use]
    pub fn poll(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }
}

impl Drop for HistoryWorker {
    fn drop(&mut self) {
        // Closing the channel ends the thread once every queued write is done or kept.
        self.requests = None;
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            eprintln!("unbrace: the history thread panicked; the last writes may be missing");
        }
    }
}

/// The thread's state: the store (once open) and the changes it has not taken yet.
struct Writer {
    path: PathBuf,
    stamp: String,
    options: StoreOptions,
    store: Option<Store>,
    /// Why the store is not open; `Newer` files are never opened for writing.
    closed: Option<OpenFailure>,
    /// One waiting change per record id.
    pending: BTreeMap<String, Change>,
    /// Why the last write failed.
    why: String,
    /// What the app was last told: how many wait.
    told: usize,
    pause: Duration,
}

impl Writer {
    fn new(path: PathBuf, stamp: String, options: StoreOptions) -> Self {
        Self {
            path,
            stamp,
            options,
            store: None,
            closed: None,
            pending: BTreeMap::new(),
            why: String::new(),
            told: 0,
            pause: FIRST_RETRY,
        }
    }

    fn pending_file(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_owned();
        name.push(".pending");
        self.path.with_file_name(name)
    }

    fn run(mut self, inbox: &Receiver<Request>, send: &impl Fn(Event)) {
        // Changes kept by an earlier run that could not write them.
        match read_pending(&self.pending_file()) {
            Ok(kept) => {
                for change in kept {
                    self.queue(change);
                }
            }
            Err(e) => send(Event::Failed(e)),
        }
        self.open(send);
        self.flush(send);
        loop {
            let waiting = !self.pending.is_empty() || (self.store.is_none() && self.closed.is_none());
            let request = if waiting {
                match inbox.recv_timeout(self.pause) {
                    Ok(request) => Some(request),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            } else {
                match inbox.recv() {
                    Ok(request) => Some(request),
                    Err(_) => break,
                }
            };
            match request {
                Some(Request::Save(record)) => self.queue(Change::Save(record)),
                Some(Request::Delete(id)) => self.queue(Change::Delete(id)),
                Some(Request::Export { dir, stamp, zone }) => self.export(&dir, &stamp, &zone, send),
                None => self.pause = (self.pause * 2).min(LONGEST_RETRY),
            }
            // Take every request already waiting before writing, so a burst is one write.
            while let Ok(request) = inbox.try_recv() {
                match request {
                    Request::Save(record) => self.queue(Change::Save(record)),
                    Request::Delete(id) => self.queue(Change::Delete(id)),
                    Request::Export { dir, stamp, zone } => self.export(&dir, &stamp, &zone, send),
                }
            }
            if self.store.is_none() {
                self.open(send);
            }
            self.flush(send);
        }
        // Closing: a few more tries, then whatever is left is kept for the next start.
        for _ in 0..TRIES_ON_CLOSE {
            if self.pending.is_empty() {
                break;
            }
            std::thread::sleep(self.pause.min(Duration::from_millis(500)));
            if self.store.is_none() {
                self.open(send);
            }
            self.flush(send);
        }
        if !self.pending.is_empty() {
            eprintln!(
                "unbrace: {} practice change(s) could not be written to {} ({}); kept in {} for the next start",
                self.pending.len(),
                self.path.display(),
                self.why,
                self.pending_file().display()
            );
        }
    }

    fn queue(&mut self, change: Change) {
        let id = match &change {
            Change::Save(record) => record.id.clone(),
            Change::Delete(id) => id.clone(),
        };
        self.pending.insert(id, change);
    }

    /// Opens the store; says why not (once) when it cannot.
    fn open(&mut self, send: &impl Fn(Event)) {
        match Store::open_with(&self.path, &self.stamp, &self.options) {
            Ok((store, recovery)) => {
                self.closed = None;
                match store.all() {
                    Ok(mut records) => {
                        overlay(&mut records, self.pending.values());
                        send(Event::Loaded { records, recovery });
                    }
                    // Never shown as an empty history: the records are there, unread.
                    Err(e) => send(Event::Failed(format!(
                        "Your history could not be read ({e}). New practices are still saved."
                    ))),
                }
                self.store = Some(store);
            }
            Err(failure) => {
                if self.closed.as_ref() != Some(&failure) {
                    // A file that cannot be written (a read-only disk) may still be read: shown,
                    // with what waits on top, so nothing seems lost.
                    let (mut records, message) = match Store::open_read_only(&self.path).and_then(|s| s.all())
                    {
                        Ok(records) if matches!(failure, OpenFailure::Failed { .. }) => (
                            records,
                            format!(
                                "{failure}. Your history is shown, but new practices wait until it can be written."
                            ),
                        ),
                        _ => (Vec::new(), failure.to_string()),
                    };
                    send(Event::Failed(message));
                    overlay(&mut records, self.pending.values());
                    if !records.is_empty() {
                        send(Event::Loaded { records, recovery: None });
                    }
                }
                self.why = failure.reason();
                self.closed = Some(failure);
            }
        }
    }

    /// Writes what waits, in one transaction; keeps it (and the pending file) on failure.
    fn flush(&mut self, send: &impl Fn(Event)) {
        if !self.pending.is_empty()
            && let Some(store) = &self.store
        {
            let (saves, deletes): (Vec<&Change>, Vec<&Change>) =
                self.pending.values().partition(|c| matches!(c, Change::Save(_)));
            let records: Vec<Record> = saves
                .into_iter()
                .filter_map(|c| match c {
                    Change::Save(r) => Some(r.clone()),
                    Change::Delete(_) => None,
                })
                .collect();
            let ids: Vec<String> = deletes
                .into_iter()
                .filter_map(|c| match c {
                    Change::Delete(id) => Some(id.clone()),
                    Change::Save(_) => None,
                })
                .collect();
            match store.write_all(&records, &ids) {
                Ok(()) => {
                    self.pending.clear();
                    self.pause = FIRST_RETRY;
                }
                Err(e) => self.why = e.to_string(),
            }
        }
        self.keep_pending(send);
        if self.pending.len() != self.told {
            self.told = self.pending.len();
            send(Event::Unsaved { count: self.told, why: self.why.clone() });
        }
    }

    /// Keeps what waits in the pending file (or removes the file when nothing does).
    fn keep_pending(&mut self, send: &impl Fn(Event)) {
        let file = self.pending_file();
        let result = if self.pending.is_empty() {
            match std::fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        } else {
            write_pending(&file, self.pending.values())
        };
        match result {
            Ok(()) => {}
            // Said with the count; the changes stay in memory and are tried again.
            Err(e) if !self.pending.is_empty() => {
                self.why = format!("{}; they could not be kept aside either ({e})", self.why);
            }
            Err(e) => send(Event::Failed(format!("Could not remove {}: {e}", file.display()))),
        }
    }

    fn export(&mut self, dir: &Path, stamp: &str, zone: &TimeZone, send: &impl Fn(Event)) {
        let records = match &self.store {
            Some(store) => store.all().map_err(|e| e.to_string()),
            None => Ok(Vec::new()),
        };
        let result = records.and_then(|mut records| {
            overlay(&mut records, self.pending.values());
            let csv = unbrace_core::history::csv::to_csv(&records, zone);
            export::write_csv(dir, stamp, &csv).map_err(|e| e.to_string())
        });
        match result {
            Ok(path) => send(Event::Exported { path, unsaved: self.pending.len() }),
            Err(e) => send(Event::Failed(format!("Could not export the history: {e}"))),
        }
    }
}

/// `records` as they will be once `changes` are written, newest first.
fn overlay<'a>(records: &mut Vec<Record>, changes: impl Iterator<Item = &'a Change>) {
    for change in changes {
        match change {
            Change::Save(record) => match records.iter_mut().find(|r| r.id == record.id) {
                Some(existing) => existing.clone_from(record),
                None => records.push(record.clone()),
            },
            Change::Delete(id) => records.retain(|r| r.id != *id),
        }
    }
    records.sort_by(|a, b| b.started_at_ms.cmp(&a.started_at_ms).then_with(|| b.id.cmp(&a.id)));
}

fn write_pending<'a>(file: &Path, changes: impl Iterator<Item = &'a Change>) -> std::io::Result<()> {
    let changes: Vec<&Change> = changes.collect();
    let text = ron::ser::to_string_pretty(&changes, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    let mut out = atomic_write_file::AtomicWriteFile::open(file)?;
    out.write_all(text.as_bytes())?;
    out.commit()
}

/// The changes an earlier run kept; a file that cannot be read is kept aside, never deleted.
fn read_pending(file: &Path) -> Result<Vec<Change>, String> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("Practices kept from an earlier run could not be read ({e}).")),
    };
    ron::from_str(&text).map_err(|e| {
        let mut aside = file.as_os_str().to_owned();
        aside.push(".unreadable");
        let kept = std::fs::rename(file, &aside).is_ok();
        format!(
            "Practices kept from an earlier run could not be read ({e}){}.",
            if kept {
                format!("; the file was kept as {}", PathBuf::from(aside).display())
            } else {
                String::new()
            }
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use unbrace_core::history::record::{Status, sample};

    /// The next event of the kind `want` picks, waiting for it.
    fn wait_for<T>(worker: &HistoryWorker, want: impl Fn(&Event) -> Option<T>) -> T {
        for _ in 0..2000 {
            if let Some(found) = worker.poll().iter().find_map(&want) {
                return found;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("the event never came");
    }

    fn unsaved(event: &Event) -> Option<(usize, String)> {
        match event {
            Event::Unsaved { count, why } => Some((*count, why.clone())),
            _ => None,
        }
    }

    #[test]
    fn writes_everything_queued_before_it_is_dropped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        let worker = HistoryWorker::spawn(path.clone(), "t".to_owned(), || {}).expect("spawns");
        for i in 0..50 {
            assert!(worker.send(Request::Save(sample(&format!("r{i}"), i))));
        }
        assert!(worker.send(Request::Export {
            dir: dir.path().join("exports"),
            stamp: "s".to_owned(),
            zone: TimeZone::UTC,
        }));
        drop(worker);
        let (store, _) = Store::open(&path, "t").expect("opens");
        assert_eq!(store.all().expect("reads").len(), 50);
        let csv =
            std::fs::read_to_string(dir.path().join("exports/unbrace-history-s.csv")).expect("exported");
        assert_eq!(csv.lines().count(), 51);
        assert!(!dir.path().join("history.sqlite3.pending").exists(), "nothing waits");
    }

    #[test]
    fn a_history_that_cannot_be_read_is_said_not_shown_empty() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        // The schema version says "up to date", but the table is missing.
        rusqlite::Connection::open(&path)
            .expect("opens")
            .execute_batch("PRAGMA user_version = 2;")
            .expect("v2");
        let worker = HistoryWorker::spawn(path, "t".to_owned(), || {}).expect("spawns");
        let message = wait_for(&worker, |e| match e {
            Event::Failed(m) => Some(m.clone()),
            _ => None,
        });
        assert!(message.contains("could not be read"), "{message}");
    }

    #[test]
    fn a_practice_saved_while_another_program_holds_the_lock_is_written_once_it_lets_go() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        Store::open(&path, "t").expect("creates");
        let worker = HistoryWorker::spawn_with(
            path.clone(),
            "t".to_owned(),
            StoreOptions { busy: Duration::from_millis(20), ..StoreOptions::default() },
            || {},
        )
        .expect("spawns");
        wait_for(&worker, |e| matches!(e, Event::Loaded { .. }).then_some(()));
        let holder = rusqlite::Connection::open(&path).expect("opens");
        holder.execute_batch("BEGIN EXCLUSIVE;").expect("locks");
        // Started, checkpointed, and stopped, all while the lock is held.
        let mut record = sample("held", 1);
        record.status = Status::Running;
        record.practised_ms = 0;
        assert!(worker.send(Request::Save(record.clone())));
        record.status = Status::Stopped;
        record.practised_ms = 42_000;
        assert!(worker.send(Request::Save(record.clone())));
        let (count, why) = wait_for(&worker, unsaved);
        assert_eq!(count, 1, "one practice waits, its latest state");
        assert!(why.contains("locked") || why.contains("busy"), "{why}");
        assert!(dir.path().join("history.sqlite3.pending").exists(), "kept aside meanwhile");
        holder.execute_batch("COMMIT;").expect("lets go");
        drop(holder);
        assert_eq!(wait_for(&worker, unsaved).0, 0, "written once the lock is gone");
        drop(worker);
        let (store, _) = Store::open(&path, "t").expect("opens");
        let saved = store.get("held").expect("reads").expect("there");
        assert_eq!((saved.status, saved.practised_ms), (Status::Stopped, 42_000));
        assert!(!dir.path().join("history.sqlite3.pending").exists());
    }

    #[test]
    fn practices_saved_on_a_full_disk_are_kept_across_a_restart_and_written_when_there_is_room() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        Store::open(&path, "t").expect("creates");
        // A full disk, as SQLite sees it: the file may not grow.
        let full = StoreOptions { max_pages: Some(1), ..StoreOptions::default() };
        let worker = HistoryWorker::spawn_with(path.clone(), "t".to_owned(), full, || {}).expect("spawns");
        for i in 0..5 {
            // Long notes: each needs pages the file may not grow to.
            let record = Record { note: "calm ".repeat(2000), ..sample(&format!("r{i}"), i) };
            assert!(worker.send(Request::Save(record)));
        }
        let (count, why) = wait_for(&worker, |e| unsaved(e).filter(|(n, _)| *n == 5));
        assert!(why.contains("full"), "{why}");
        assert!(worker.send(Request::Export {
            dir: dir.path().join("exports"),
            stamp: "s".to_owned(),
            zone: TimeZone::UTC,
        }));
        let (exported, in_it) = wait_for(&worker, |e| match e {
            Event::Exported { path, unsaved } => Some((path.clone(), *unsaved)),
            _ => None,
        });
        assert_eq!((count, in_it), (5, 5));
        let csv = std::fs::read_to_string(exported).expect("exported");
        assert_eq!(csv.lines().count(), 6, "the export holds what the panel shows");
        // The app quits while the disk is still full.
        drop(worker);
        assert!(dir.path().join("history.sqlite3.pending").exists());

        // Room again: the next start writes them.
        let worker = HistoryWorker::spawn(path.clone(), "t".to_owned(), || {}).expect("spawns");
        let records = wait_for(&worker, |e| match e {
            Event::Loaded { records, .. } => Some(records.clone()),
            _ => None,
        });
        assert_eq!(records.len(), 5, "shown at once, though not yet written");
        drop(worker);
        let (store, _) = Store::open(&path, "t").expect("opens");
        assert_eq!(store.all().expect("reads").len(), 5);
        assert!(!dir.path().join("history.sqlite3.pending").exists());
    }

    #[test]
    fn a_file_from_a_newer_version_is_left_alone_and_practices_are_kept_aside() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        rusqlite::Connection::open(&path)
            .expect("opens")
            .execute_batch("PRAGMA user_version = 99;")
            .expect("newer");
        let before = std::fs::read(&path).expect("reads");
        let worker = HistoryWorker::spawn(path.clone(), "t".to_owned(), || {}).expect("spawns");
        let message = wait_for(&worker, |e| match e {
            Event::Failed(m) => Some(m.clone()),
            _ => None,
        });
        assert!(message.contains("newer"), "{message}");
        assert!(worker.send(Request::Save(sample("mine", 1))));
        assert_eq!(wait_for(&worker, unsaved).0, 1);
        drop(worker);
        assert_eq!(std::fs::read(&path).expect("reads"), before, "not a byte changed");
        let kept = read_pending(&dir.path().join("history.sqlite3.pending")).expect("readable");
        assert_eq!(kept, [Change::Save(sample("mine", 1))]);
    }

    #[test]
    fn an_unreadable_pending_file_is_kept_aside_and_said() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("history.sqlite3.pending");
        std::fs::write(&file, "not RON (").expect("write");
        let message = read_pending(&file).expect_err("refused");
        assert!(message.contains("kept as"), "{message}");
        assert!(dir.path().join("history.sqlite3.pending.unreadable").exists());
        assert!(!file.exists());
    }
}
