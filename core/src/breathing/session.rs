//! One breathing practice in progress: a pattern laid out on a timeline, played by the
//! practice clock. Pure: every call takes `now` from [`crate::clock::Clock`].

use std::time::Duration;

use super::pattern::{Length, Pattern};
use super::timeline::{Moment, Timeline};
use crate::practice::stopwatch::Stopwatch;
use crate::sound::score::{Placed, Score};

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

    /// What the practice will sound like from now on; `None` while paused.
    #[must_use]
    pub fn sound(&self) -> Option<Placed> {
        let (origin, from) = self.stopwatch.placement()?;
        Some(Placed { score: Score::Breathing(self.timeline.clone()), origin, from })
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

    #[test]
    fn its_sound_is_placed_while_it_runs() {
        let pattern = crate::script::parse_pattern(
            "Pattern(name: \"t\", phases: [Inhale(secs: 4), Exhale(secs: 6)], length: Minutes(5))",
        )
        .expect("parses");
        let secs = Duration::from_secs;
        let mut session = BreathingSession::start("t", &pattern, pattern.length, secs(100));
        let placed = session.sound().expect("placed");
        assert_eq!((placed.origin, placed.from), (secs(100), Duration::ZERO));
        session.toggle_pause(secs(103));
        assert_eq!(session.sound(), None, "silent while paused");
        session.toggle_pause(secs(200));
        let placed = session.sound().expect("placed again");
        // Practice time 3 s falls at clock 200 s: zero is at 197 s; cues from 3 s on.
        assert_eq!((placed.origin, placed.from), (secs(197), secs(3)));
    }
}
