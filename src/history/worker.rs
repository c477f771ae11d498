//! The history writer: a named background thread that owns the `SQLite` store, so storage work
//! never stalls a frame. The app sends requests and polls events; dropping the worker lets it
//! finish every queued write before the thread ends.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use jiff::tz::TimeZone;

use super::export;
use super::reminder_row::ReminderRow;
use super::store::{Recovery, Store};
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
    /// A reminder shown, or its answer.
    SaveReminder(ReminderRow),
    /// Write the reminders shown as CSV into this folder (nothing if there are none).
    ExportReminders {
        dir: PathBuf,
        stamp: String,
        zone: TimeZone,
    },
}

/// What the store tells the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The history as it was on disk when opened, newest first.
    Loaded {
        records: Vec<Record>,
        recovery: Option<Recovery>,
    },
    Exported(PathBuf),
    /// The reminders shown, as they were on disk when opened, oldest first (sent after
    /// [`Event::Loaded`]).
    RemindersLoaded(Vec<ReminderRow>),
    /// Something failed; the message is for people.
    Failed(String),
}

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
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, events) = mpsc::channel::<Event>();
        let thread = std::thread::Builder::new().name("history-store".to_owned()).spawn(move || {
            let send = |event| {
                // The app may already be gone while the last writes drain: nobody to tell.
                if outbox.send(event).is_ok() {
                    wake();
                }
            };
            let store = match Store::open(&path, &stamp) {
                Ok((store, recovery)) => {
                    match store.all() {
                        Ok(records) => send(Event::Loaded { records, recovery }),
                        // Never shown as an empty history: the records are there, unread.
                        Err(e) => send(Event::Failed(format!(
                            "Your history could not be read ({e}). New practices are still saved."
                        ))),
                    }
                    match store.reminders() {
                        Ok(rows) => send(Event::RemindersLoaded(rows)),
                        Err(e) => send(Event::Failed(format!(
                            "Your reminders' history could not be read ({e}). New ones are still saved."
                        ))),
                    }
                    store
                }
                Err(e) => {
                    send(Event::Failed(format!("History is not being saved: {e}")));
                    return;
                }
            };
            for request in inbox {
                let result = match request {
                    Request::Save(record) => store.save(&record).map_err(|e| e.to_string()),
                    Request::Delete(id) => store.delete(&id).map_err(|e| e.to_string()),
                    Request::Export { dir, stamp, zone } => store
                        .all()
                        .map_err(|e| e.to_string())
                        .and_then(|records| {
                            let csv = unbrace_core::history::csv::to_csv(&records, &zone);
                            export::write_csv(&dir, &stamp, &csv).map_err(|e| e.to_string())
                        })
                        .map(|path| send(Event::Exported(path))),
                    Request::SaveReminder(row) => store.save_reminder(&row).map_err(|e| e.to_string()),
                    Request::ExportReminders { dir, stamp, zone } => {
                        export_reminders(&store, &dir, &stamp, &zone)
                            .map(|path| path.into_iter().for_each(|path| send(Event::Exported(path))))
                    }
                };
                if let Err(e) = result {
                    send(Event::Failed(format!("Could not write the history: {e}")));
                }
            }
        })?;
        Ok(Self { requests: Some(requests), events, thread: Some(thread) })
    }

    /// Queues a request. Returns `false` if the store has stopped (its failure was reported
    /// as an event).
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

/// Writes the reminders' CSV next to the practices' one, each with the start of the practice
/// its Start began; nothing when no reminder was ever shown.
fn export_reminders(
    store: &Store,
    dir: &std::path::Path,
    stamp: &str,
    zone: &TimeZone,
) -> Result<Option<PathBuf>, String> {
    let rows = store.reminders().map_err(|e| e.to_string())?;
    if rows.is_empty() {
        return Ok(None);
    }
    let started = |id: &Option<String>| -> Result<Option<i64>, String> {
        match id {
            Some(id) => Ok(store.get(id).map_err(|e| e.to_string())?.map(|r| r.started_at_ms)),
            None => Ok(None),
        }
    };
    let rows = rows
        .into_iter()
        .map(|row| Ok((row.record, started(&row.practice_id)?)))
        .collect::<Result<Vec<_>, String>>()?;
    let csv = unbrace_core::history::csv::reminders_to_csv(&rows, zone);
    export::write_named_csv(dir, &format!("unbrace-reminders-{stamp}"), &csv)
        .map(Some)
        .map_err(|e| e.to_string())
}

impl Drop for HistoryWorker {
    fn drop(&mut self) {
        // Closing the channel ends the thread once every queued write is done.
        self.requests = None;
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            eprintln!("unbrace: the history thread panicked; the last writes may be missing");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_everything_queued_before_it_is_dropped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        let worker = HistoryWorker::spawn(path.clone(), "t".to_owned(), || {}).expect("spawns");
        for i in 0..50 {
            let record = unbrace_core::history::record::sample(&format!("r{i}"), i);
            assert!(worker.send(Request::Save(record)));
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
        let event = loop {
            if let Some(event) = worker.poll().into_iter().next() {
                break event;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        let Event::Failed(message) = event else { panic!("expected a failure, got {event:?}") };
        assert!(message.contains("could not be read"), "{message}");
    }
}
