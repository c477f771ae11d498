//! The practice clock: start, pause, resume, stop. Counts only time actually practised.
//!
//! Pure: every call takes `now` (a reading of [`crate::clock::Clock`]), so pausing for ten
//! minutes in a test takes no time at all.

use std::time::Duration;

/// Practice time, excluding pauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopwatch {
    Running {
        /// The clock reading when the current run began.
        since: Duration,
        /// Time practised before the current run.
        banked: Duration,
    },
    Paused {
        banked: Duration,
    },
}

impl Stopwatch {
    #[must_use]
    pub const fn started(now: Duration) -> Self {
        Self::Running { since: now, banked: Duration::ZERO }
    }

    #[must_use]
    pub fn elapsed(&self, now: Duration) -> Duration {
        match *self {
            Self::Running { since, banked } => banked + now.saturating_sub(since),
            Self::Paused { banked } => banked,
        }
    }

    /// While running: the clock reading at which practice time zero falls, and the practice
    /// time at which this run began. Both stay fixed until the next pause.
    #[must_use]
    pub fn placement(&self) -> Option<(Duration, Duration)> {
        match *self {
            Self::Running { since, banked } => Some((since.saturating_sub(banked), banked)),
            Self::Paused { .. } => None,
        }
    }

    #[must_use]
    pub const fn is_running(&self) -> bool {
        matches!(self, Self::Running { .. })
    }

    /// Stops counting; does nothing when already paused.
    pub fn pause(&mut self, now: Duration) {
        if self.is_running() {
            *self = Self::Paused { banked: self.elapsed(now) };
        }
    }

    /// Counts again from `now`; does nothing when already running.
    pub fn resume(&mut self, now: Duration) {
        if let Self::Paused { banked } = *self {
            *self = Self::Running { since: now, banked };
        }
    }

    pub fn toggle(&mut self, now: Duration) {
        if self.is_running() {
            self.pause(now);
        } else {
            self.resume(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn counts_while_running() {
        let watch = Stopwatch::started(secs(100));
        assert_eq!(watch.elapsed(secs(160)), secs(60));
    }

    #[test]
    fn ten_minutes_of_pause_advance_nothing() {
        let mut watch = Stopwatch::started(secs(0));
        watch.pause(secs(30));
        assert_eq!(watch.elapsed(secs(630)), secs(30));
        watch.resume(secs(630));
        assert_eq!(watch.elapsed(secs(640)), secs(40));
    }

    #[test]
    fn pause_and_resume_are_idempotent() {
        let mut watch = Stopwatch::started(secs(0));
        watch.resume(secs(5));
        assert_eq!(watch.elapsed(secs(10)), secs(10));
        watch.pause(secs(10));
        watch.pause(secs(50));
        assert_eq!(watch.elapsed(secs(99)), secs(10));
        watch.toggle(secs(100));
        assert!(watch.is_running());
        assert_eq!(watch.elapsed(secs(101)), secs(11));
    }

    #[test]
    fn a_clock_reading_from_before_the_start_counts_nothing() {
        let watch = Stopwatch::started(secs(10));
        assert_eq!(watch.elapsed(secs(5)), Duration::ZERO);
    }
}
