//! What a finished or stopped practice looks like afterwards.

use std::time::Duration;

use crate::body_scan::session::ScanSession;
use crate::breathing::session::BreathingSession;

/// The quiet summary after a practice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub routine_name: String,
    pub practised: Duration,
    /// What was done, e.g. "4 breaths" or "12 of 18 steps".
    pub done: String,
    pub completed: bool,
}

impl Summary {
    #[must_use]
    pub fn of_breathing(session: &BreathingSession, now: Duration, completed: bool) -> Self {
        let breaths = session.moment(now).cycle;
        Self {
            routine_name: session.pattern().name.to_string(),
            practised: session.practised(now),
            done: if breaths == 1 { "1 breath".to_owned() } else { format!("{breaths} breaths") },
            completed,
        }
    }

    #[must_use]
    pub fn of_scan(session: &ScanSession, now: Duration, completed: bool) -> Self {
        let position = session.position(now);
        let steps = if completed { position.step_count } else { position.step };
        Self {
            routine_name: session.scan().name.to_string(),
            practised: position.practised,
            done: format!("{steps} of {} steps", position.step_count),
            completed,
        }
    }
}
