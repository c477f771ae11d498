//! The app's view of the history: an in-memory mirror of the records (newest first) that
//! changes at once, while the worker writes to disk in the background. Also the last deleted
//! record (for undo), a passing message for the panel (exported, deleted), and, apart from it
//! so no passing message hides it, what needs attention: practices not yet saved, or a
//! problem with the history file. No egui here.

use std::path::PathBuf;

use jiff::tz::TimeZone;

use super::worker::{Event, HistoryWorker, Request};
use unbrace_core::history::record::Record;

#[derive(Debug, Default)]
pub struct HistoryModel {
    worker: Option<HistoryWorker>,
    records: Vec<Record>,
    /// Bumped on every change, so views can cache what they derive.
    version: u64,
    /// A passing message: where an export went, a deleted record.
    message: Option<String>,
    /// A problem with the history file the user should know about.
    problem: Option<String>,
    /// Practices not yet in the history file, and why.
    unsaved: Option<(usize, String)>,
    deleted: Option<Record>,
    /// Where exports go.
    export_dir: Option<PathBuf>,
}

impl HistoryModel {
    /// A history backed by `worker` (none: kept in memory only, e.g. when the disk failed).
    #[must_use]
    pub fn new(worker: Option<HistoryWorker>, export_dir: Option<PathBuf>) -> Self {
        Self { worker, export_dir, ..Self::default() }
    }

    #[must_use]
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    #[must_use]
    pub fn version(&self) -> u64 {
        self.version
    }

    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// What needs attention, to show in the panel and outside it: practices not yet saved
    /// (until they are), or a problem with the history file.
    #[must_use]
    pub fn alert(&self) -> Option<String> {
        match &self.unsaved {
            Some((count, why)) => {
                let what =
                    if *count == 1 { "1 practice is".to_owned() } else { format!("{count} practices are") };
                Some(format!("{what} not saved yet ({why}). Unbrace keeps them and keeps trying."))
            }
            None => self.problem.clone(),
        }
    }

    #[must_use]
    pub fn can_undo(&self) -> bool {
        self.deleted.is_some()
    }

    /// Takes in what the worker reported; returns `true` if anything changed.
    pub fn poll(&mut self) -> bool {
        let Some(worker) = &self.worker else {
            return false;
        };
        let events = worker.poll();
        let changed = !events.is_empty();
        for event in events {
            match event {
                Event::Loaded { records, recovery } => {
                    // Records made before the load finished are newer: keep ours.
                    for r in records {
                        if !self.records.iter().any(|mine| mine.id == r.id) {
                            self.records.push(r);
                        }
                    }
                    self.sort();
                    if let Some(recovery) = recovery {
                        let rescued = match recovery.salvaged {
                            0 => String::new(),
                            1 => " 1 practice could still be read from it and is here.".to_owned(),
                            n => format!(" {n} practices could still be read from it and are here."),
                        };
                        self.problem = Some(format!(
                            "Your history file could not be read ({}). It was kept as {} and a new one started.{rescued}",
                            recovery.reason,
                            recovery.moved_to.display()
                        ));
                    }
                }
                Event::Exported { path, unsaved } => {
                    self.message = Some(match unsaved {
                        0 => format!("Exported to {}", path.display()),
                        n => format!("Exported to {} (with {n} not yet in the history file)", path.display()),
                    });
                }
                Event::Unsaved { count, why } => self.unsaved = (count > 0).then_some((count, why)),
                Event::Failed(message) => self.problem = Some(message),
            }
        }
        changed
    }

    /// Adds or updates a record, in memory at once and on disk in the background.
    pub fn save(&mut self, record: Record) {
        self.send(Request::Save(record.clone()));
        if let Some(existing) = self.records.iter_mut().find(|r| r.id == record.id) {
            *existing = record;
        } else {
            self.records.push(record);
            self.sort();
        }
        self.version += 1;
    }

    /// Deletes a record, keeping it for [`Self::undo_delete`].
    pub fn delete(&mut self, id: &str) {
        if let Some(i) = self.records.iter().position(|r| r.id == id) {
            let record = self.records.remove(i);
            self.send(Request::Delete(record.id.clone()));
            self.message = Some(format!("Deleted {}.", record.routine));
            self.deleted = Some(record);
            self.version += 1;
        }
    }

    pub fn undo_delete(&mut self) {
        if let Some(record) = self.deleted.take() {
            self.message = None;
            self.save(record);
        }
    }

    /// Writes every record to a new CSV file; the panel is told where it went.
    pub fn export(&mut self, stamp: String, zone: TimeZone) {
        match self.export_dir.clone() {
            Some(dir) => self.send(Request::Export { dir, stamp, zone }),
            None => {
                self.message = Some("There is no folder to export to on this system.".to_owned());
            }
        }
    }

    fn send(&mut self, request: Request) {
        let sent = self.worker.as_ref().is_some_and(|w| w.send(request));
        if !sent && self.worker.is_some() {
            self.message = Some("History is not being saved to disk right now.".to_owned());
        }
    }

    fn sort(&mut self) {
        self.records.sort_by(|a, b| b.started_at_ms.cmp(&a.started_at_ms).then_with(|| b.id.cmp(&a.id)));
        self.version += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use unbrace_core::history::record::sample as record;

    /// Polls until the worker has loaded the file (it runs on its own thread).
    fn wait_for_load(model: &mut HistoryModel) {
        for _ in 0..500 {
            if model.poll() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the history never loaded");
    }

    #[test]
    fn a_recovered_file_is_an_alert_and_records_made_meanwhile_are_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        std::fs::write(&path, b"not a database at all, but someone's file").expect("write");
        let worker = HistoryWorker::spawn(path, "t".to_owned(), || {}).expect("spawns");
        let mut model = HistoryModel::new(Some(worker), None);
        model.save(record("mine", 5));
        wait_for_load(&mut model);
        assert!(
            model.alert().is_some_and(|m| m.contains("history.sqlite3.corrupt-t")),
            "{:?}",
            model.message()
        );
        assert_eq!(model.records().len(), 1, "the record made before the load is kept");
    }

    #[test]
    fn newest_first_delete_and_undo() {
        let mut model = HistoryModel::default();
        for (id, at) in [("b", 2), ("c", 3), ("a", 1)] {
            model.save(record(id, at));
        }
        let ids = |m: &HistoryModel| m.records().iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&model), ["c", "b", "a"]);
        let before = model.version();
        model.delete("b");
        assert!(model.version() > before);
        assert_eq!(ids(&model), ["c", "a"]);
        assert!(model.can_undo() && model.alert().is_none());
        model.undo_delete();
        assert_eq!(ids(&model), ["c", "b", "a"]);
        assert!(!model.can_undo());
    }

    #[test]
    fn a_passing_message_never_hides_practices_not_yet_saved() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        super::super::store::Store::open(&path, "t").expect("creates");
        let holder = rusqlite::Connection::open(&path).expect("opens");
        holder.execute_batch("BEGIN EXCLUSIVE;").expect("another program holds the lock");
        let options = super::super::store::StoreOptions {
            busy: std::time::Duration::from_millis(20),
            ..Default::default()
        };
        let worker = HistoryWorker::spawn_with(path, "t".to_owned(), options, || {}).expect("spawns");
        let mut model = HistoryModel::new(Some(worker), Some(dir.path().join("exports")));
        model.save(record("a", 1));
        model.save(record("b", 2));
        for _ in 0..500 {
            model.poll();
            if model.alert().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let alert = model.alert().expect("said");
        assert!(alert.starts_with("2 practices are not saved yet"), "{alert}");
        model.delete("a");
        assert_eq!(model.message(), Some("Deleted Coherent 6."));
        assert!(model.alert().is_some_and(|a| a.contains("not saved yet")), "still said beside the message");
        holder.execute_batch("COMMIT;").expect("lets go");
        for _ in 0..500 {
            model.poll();
            if model.alert().is_none() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(model.alert(), None, "all saved once the lock is gone");
    }
}
