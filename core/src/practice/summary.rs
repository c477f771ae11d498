//! What a finished or stopped practice looks like afterwards, and the rules for when it counts
//! as finished:
//!
//! - A practice **reached its end** when its time ran out or its last step was skipped past.
//! - It is **finished** ("Well done", status finished) when it reached its end *and* at least
//!   half of its planned time was practised. Skipping through a nine-step scan in seven
//!   seconds reaches the end but is not finished: it ended early.
//!
//! Whether a practice counts in the stats is decided by the record
//! ([`crate::history::record::Record::counts`]).

use std::time::Duration;

use crate::body_scan::session::ScanSession;
use crate::breathing::session::BreathingSession;
use crate::history::record::CheckIn;

/// The quiet summary after a practice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub routine_name: String,
    pub practised: Duration,
    /// What was done, e.g. "4 breaths" or "12 of 18 steps".
    pub done: String,
    /// Reached its end with at least half its planned time practised.
    pub completed: bool,
    /// The check-in before and the check-out after, when given, to show the change.
    pub before: Option<CheckIn>,
    pub after: Option<CheckIn>,
    /// The check-out was offered, so the moment to notice has been had already.
    pub noticed: bool,
}

/// Whether a practice that reached its end (or not) with `practised` of `planned` counts as
/// finished.
#[must_use]
pub fn finished(reached_end: bool, practised: Duration, planned: Duration) -> bool {
    reached_end && practised * 2 >= planned
}

impl Summary {
    #[must_use]
    pub fn of_breathing(session: &BreathingSession, now: Duration) -> Self {
        let moment = session.moment(now);
        let practised = session.practised(now);
        let breaths = moment.cycle;
        Self {
            routine_name: session.pattern().name.to_string(),
            practised,
            done: if breaths == 1 { "1 breath".to_owned() } else { format!("{breaths} breaths") },
            completed: finished(moment.finished, practised, session.timeline().total()),
            before: None,
            after: None,
            noticed: false,
        }
    }

    #[must_use]
    pub fn of_scan(session: &ScanSession, now: Duration) -> Self {
        let position = session.position(now);
        let steps = if position.finished { position.step_count } else { position.step };
        let planned = Duration::from_millis(session.scan().total_millis());
        Self {
            routine_name: session.scan().name.to_string(),
            practised: position.practised,
            done: format!("{steps} of {} steps", position.step_count),
            completed: finished(position.finished, position.practised, planned),
            before: None,
            after: None,
            noticed: false,
        }
    }

    /// The change from before to after, in words: `stress 7 to 4, tension 6 to 5`; only what
    /// was rated both times.
    #[must_use]
    pub fn change(&self) -> Option<String> {
        let (before, after) = (self.before.as_ref()?, self.after.as_ref()?);
        let parts: Vec<String> =
            [("stress", before.stress, after.stress), ("tension", before.tension, after.tension)]
                .into_iter()
                .filter_map(|(name, b, a)| Some(format!("{name} {} to {}", b?, a?)))
                .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_needs_the_end_and_half_the_time() {
        let secs = Duration::from_secs;
        assert!(finished(true, secs(180), secs(180)));
        assert!(finished(true, secs(90), secs(180)), "half is enough (steps skipped, but dwelt in)");
        assert!(!finished(true, secs(7), secs(180)), "skipped through");
        assert!(!finished(false, secs(180), secs(180)), "stopped before the end");
    }

    #[test]
    fn the_change_says_only_what_was_rated_both_times() {
        let rated = |stress, tension| CheckIn { stress, tension, regions: vec![] };
        let mut summary = Summary {
            routine_name: "x".to_owned(),
            practised: Duration::ZERO,
            done: String::new(),
            completed: true,
            before: Some(rated(Some(7), None)),
            after: Some(rated(Some(4), Some(3))),
            noticed: true,
        };
        assert_eq!(summary.change().as_deref(), Some("stress 7 to 4"));
        summary.after = Some(rated(None, Some(3)));
        assert_eq!(summary.change(), None, "nothing rated both times: nothing said");
    }
}
