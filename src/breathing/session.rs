//! One breathing practice in progress: a pattern laid out on a timeline, played by the
//! practice clock. Pure: every call takes `now` from [`crate::clock::Clock`].

use std::time::Duration;

use super::pattern::{Length, Pattern};
use super::timeline::{Moment, Timeline};
use crate::practice::stopwatch::Stopwatch;

#[derive(Debug, Clone, PartialEq)]
pub struct BreathingSession {
    pattern_id: String,
    pattern: Pattern,
    timeline: Timeline,
    stopwatch: Stopwatch,
}

impl BreathingSession {
    #[must_use]
    pub fn start(pattern_id: &str, pattern: &Pattern, length: Length, now: Duration) -> Self {
        Self {
            pattern_id: pattern_id.to_owned(),
            pattern: pattern.clone(),
            timeline: Timeline::new(pattern, length),
            stopwatch: Stopwatch::started(now),
        }
    }

    #[must_use]
    pub fn pattern_id(&self) -> &str {
        &self.pattern_id
    }

    #[must_use]
    pub fn pattern(&self) -> &Pattern {
        &self.pattern
    }

    #[must_use]
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    #[must_use]
    pub fn moment(&self, now: Duration) -> Moment {
        self.timeline.at(self.stopwatch.elapsed(now))
    }

    #[must_use]
    pub fn is_paused(&self) -> bool {
        !self.stopwatch.is_running()
    }

    pub fn toggle_pause(&mut self, now: Duration) {
        self.stopwatch.toggle(now);
    }

    /// Practice time so far (pauses excluded), at most the planned total.
    #[must_use]
    pub fn practised(&self, now: Duration) -> Duration {
        self.stopwatch.elapsed(now).min(self.timeline.total())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::breathing::pattern::PhaseKind;

    #[test]
    fn pausing_freezes_the_breath() {
        let pattern = crate::script::parse_pattern(
            "Pattern(name: \"t\", phases: [Inhale(secs: 4), Exhale(secs: 6)], length: Minutes(5))",
        )
        .expect("parses");
        let mut session = BreathingSession::start("t", &pattern, pattern.length, Duration::ZERO);
        let secs = Duration::from_secs;
        session.toggle_pause(secs(2));
        assert!(session.is_paused());
        let frozen = session.moment(secs(2));
        assert_eq!(session.moment(secs(602)), frozen, "ten minutes of pause advance nothing");
        session.toggle_pause(secs(602));
        assert_eq!(session.moment(secs(605)).kind, PhaseKind::Exhale);
        assert_eq!(session.practised(secs(605)), secs(5));
    }
}
