//! A reminder that went out as a notification, and what became of it.

use unbrace_core::history::reminder_record::{Outcome, ReminderRecord};
use unbrace_core::reminder::Response;

/// One notification shown for a reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Its row in the history (unique across copies of the app).
    pub row_id: String,
    /// The reminder's library id, to answer the scheduler.
    pub reminder_id: String,
    /// The reminder's name, as the notification's title and in History.
    pub name: String,
    /// The routine it suggests, by name.
    pub routine: String,
    /// When it was shown, in milliseconds since 1970 UTC.
    pub at_ms: i64,
}

/// The person's answer to a notification: a button, or `None` when it was closed (or
/// replaced by the next one) unanswered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub shown: Shown,
    pub response: Option<Response>,
}

impl Shown {
    /// As History keeps it, with this outcome.
    #[must_use]
    pub fn record(&self, outcome: Outcome) -> ReminderRecord {
        ReminderRecord { reminder: self.name.clone(), at_ms: self.at_ms, outcome }
    }
}

impl Answer {
    /// What History records.
    #[must_use]
    pub fn outcome(&self) -> Outcome {
        self.response.map_or(Outcome::Ignored, Response::outcome)
    }
}

/// A history row id for a reminder shown at `at_ms`: the time and a random part, as practice
/// records are named, so two copies of the app never collide.
#[must_use]
pub fn row_id(at_ms: i64) -> String {
    use std::hash::{BuildHasher, Hasher};
    let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
    format!("{at_ms:x}-r{random:016x}")
}
