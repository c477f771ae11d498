//! The `reminder` table: each reminder shown, what became of it, and the practice its Start
//! began. Written as the store's other rows are; read back whole, oldest first.

use rusqlite::params;
use rusqlite::types::Value;
use unbrace_core::history::reminder_record::{Outcome, ReminderRecord};

use super::{Store, StoreError};
use crate::history::reminder_row::ReminderRow;

impl Store {
    /// Writes a reminder row. "Not answered" never replaces an answer, and a practice once
    /// linked stays linked (see [`ReminderRow::merged_over`]).
    pub fn save_reminder(&self, row: &ReminderRow) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO reminder (id, reminder, shown_at_ms, outcome, practice_id)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id) DO UPDATE SET
                outcome = CASE WHEN excluded.outcome = 'ignored' THEN reminder.outcome
                               ELSE excluded.outcome END,
                practice_id = COALESCE(excluded.practice_id, reminder.practice_id)",
            params![
                row.id,
                row.record.reminder,
                row.record.at_ms,
                row.record.outcome.as_str(),
                row.practice_id
            ],
        )?;
        Ok(())
    }

    /// Every reminder shown, oldest first. An outcome this version does not know (a newer
    /// version's) reads as not answered, so the row is still counted.
    pub fn reminders(&self) -> Result<Vec<ReminderRow>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT id, reminder, shown_at_ms, outcome, practice_id FROM reminder ORDER BY shown_at_ms, id",
        )?;
        let rows = statement.query_map([], |row| {
            let text = |i: usize| -> rusqlite::Result<Option<String>> {
                Ok(match row.get::<_, Value>(i)? {
                    Value::Text(t) => Some(t),
                    Value::Integer(n) => Some(n.to_string()),
                    _ => None,
                })
            };
            let at_ms = match row.get::<_, Value>(2)? {
                Value::Integer(n) => n,
                _ => 0,
            };
            Ok(ReminderRow {
                id: text(0)?.unwrap_or_default(),
                record: ReminderRecord {
                    reminder: text(1)?.unwrap_or_default(),
                    at_ms,
                    outcome: text(3)?.as_deref().and_then(Outcome::parse).unwrap_or(Outcome::Ignored),
                },
                practice_id: text(4)?.filter(|id| !id.is_empty()),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, at_ms: i64, outcome: Outcome, practice: Option<&str>) -> ReminderRow {
        ReminderRow {
            id: id.to_owned(),
            record: ReminderRecord { reminder: "Desk break".to_owned(), at_ms, outcome },
            practice_id: practice.map(str::to_owned),
        }
    }

    #[test]
    fn shown_then_answered_and_a_late_close_changes_nothing() {
        let store = Store::open_in_memory().expect("opens");
        store.save_reminder(&row("a", 2, Outcome::Ignored, None)).expect("shown");
        store.save_reminder(&row("a", 2, Outcome::Followed, None)).expect("answered");
        store.save_reminder(&row("a", 2, Outcome::Followed, Some("p1"))).expect("practice began");
        store.save_reminder(&row("a", 2, Outcome::Ignored, None)).expect("a close after the action");
        store.save_reminder(&row("b", 1, Outcome::Snoozed, None)).expect("answered, never seen shown");
        assert_eq!(
            store.reminders().expect("reads"),
            [row("b", 1, Outcome::Snoozed, None), row("a", 2, Outcome::Followed, Some("p1"))]
        );
    }

    #[test]
    fn an_outcome_from_a_newer_version_is_read_not_dropped() {
        let store = Store::open_in_memory().expect("opens");
        store
            .conn
            .execute_batch("INSERT INTO reminder VALUES ('x', 'Desk break', 5, 'rescheduled', NULL)")
            .expect("a newer row");
        let rows = store.reminders().expect("reads");
        assert_eq!(rows, [row("x", 5, Outcome::Ignored, None)]);
    }
}
