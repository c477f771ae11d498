//! A reminder shown, as History keeps it: the core's record, its row id, and the practice its
//! Start began.

use unbrace_core::history::reminder_record::{Outcome, ReminderRecord};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReminderRow {
    /// Unique across copies of the app (the time shown and a random part).
    pub id: String,
    pub record: ReminderRecord,
    /// The practice a Start began (its record id), if it began.
    pub practice_id: Option<String>,
}

impl ReminderRow {
    /// Whether `self` may replace `old` (same id): an answer replaces "not answered", never
    /// the other way round (a late "closed" after a Start, or news arriving out of order), and
    /// a known practice is never forgotten.
    #[must_use]
    pub fn merged_over(mut self, old: &Self) -> Self {
        if self.record.outcome == Outcome::Ignored {
            self.record.outcome = old.record.outcome;
        }
        if self.practice_id.is_none() {
            self.practice_id.clone_from(&old.practice_id);
        }
        self
    }
}
