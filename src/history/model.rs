//! The app's view of the history: an in-memory mirror of the records (newest first) that
//! changes at once, while the worker writes to disk in the background. Also the last deleted
//! record (for undo) and a message for the panel. No egui here.

use std::path::PathBuf;

use chrono::FixedOffset;

use super::record::Record;
use super::worker::{Event, HistoryWorker, Request};

#[derive(Debug, Default)]
pub struct HistoryModel {
    worker: Option<HistoryWorker>,
    records: Vec<Record>,
    /// Bumped on every change, so views can cache what they derive.
    version: u64,
    message: Option<String>,
    deleted: Option<Record>,
    /// Where exports go.
    export_dir: Option<PathBuf>,
}

impl HistoryModel {
    /// A history backed by `worker` (none: kept in memory only, e.g. when the disk failed).
    #[must_use]
    pub fn new(worker: Option<HistoryWorker>, export_dir: Option<PathBuf>) -> Self {
        Self {
            worker,
            export_dir,
            ..Self::default()
        }
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
                        self.message = Some(format!(
                            "Your history file could not be read ({}). It was kept as {} and a new one started.",
                            recovery.reason,
                            recovery.moved_to.display()
                        ));
                    }
                }
                Event::Exported(path) => {
                    self.message = Some(format!("Exported to {}", path.display()));
                }
                Event::Failed(message) => self.message = Some(message),
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
    pub fn export(&mut self, stamp: String, zone: FixedOffset) {
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
        self.records.sort_by(|a, b| {
            b.started_at_ms
                .cmp(&a.started_at_ms)
                .then_with(|| b.id.cmp(&a.id))
        });
        self.version += 1;
    }
}
