//! Where the breathing shape was at a past moment: the practice's clock time mapped to its
//! practice time (pauses excluded), so the heart-rate curve of the last minute can be drawn
//! over the breath that went with it, beat by beat, across pauses.
//!
//! It is told each frame how far the practice is and whether it is paused, and keeps one
//! segment per stretch of running (a handful per practice).

use std::time::Duration;

/// Two readings of the practice's start further apart than this are a pause in between.
const SAME_ORIGIN: Duration = Duration::from_millis(5);
/// Segments that ended longer ago than this are forgotten (the curve shows one minute).
const KEEP: Duration = Duration::from_secs(120);

/// One stretch of running: from `from` to `until` (clock time), practice time is clock time
/// minus `origin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    from: Duration,
    origin: Duration,
    until: Option<Duration>,
}

/// The mapping for one practice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BreathAxis {
    segments: Vec<Segment>,
    /// Practice time while paused.
    frozen: Option<Duration>,
}

impl BreathAxis {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The practice is at `elapsed` (practice time) at clock time `now`, running or paused.
    pub fn observe(&mut self, now: Duration, elapsed: Duration, paused: bool) {
        if paused {
            if let Some(open) = self.segments.last_mut().filter(|s| s.until.is_none()) {
                open.until = Some(open.origin + elapsed);
            }
            self.frozen = Some(elapsed);
        } else if elapsed > Duration::ZERO {
            let origin = now.saturating_sub(elapsed);
            let open = self.segments.last().filter(|s| s.until.is_none());
            let same = open.is_some_and(|s| s.origin.abs_diff(origin) <= SAME_ORIGIN);
            if !same {
                if let Some(open) = self.segments.last_mut().filter(|s| s.until.is_none()) {
                    // A jump without a pause seen (a frame missed it): close at the jump.
                    open.until = Some(now.min(open.origin + elapsed));
                }
                let from = self.frozen.take().map_or(origin, |at| origin + at);
                self.segments.push(Segment { from, origin, until: None });
            }
        }
        self.segments.retain(|s| s.until.is_none_or(|until| until + KEEP >= now));
    }

    /// The practice time at clock time `at`: while running, as it ran; during a pause, where
    /// it stood; before the practice began (or longer ago than is kept), `None`.
    #[must_use]
    pub fn elapsed_at(&self, at: Duration) -> Option<Duration> {
        let mut before = None;
        for s in &self.segments {
            if at < s.from {
                break;
            }
            match s.until {
                Some(until) if at >= until => before = Some(until.saturating_sub(s.origin)),
                _ => return Some(at.saturating_sub(s.origin)),
            }
        }
        before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(secs: u64) -> Duration {
        Duration::from_secs(secs)
    }

    #[test]
    fn running_maps_clock_to_practice_time_and_a_pause_holds_it() {
        let mut axis = BreathAxis::new();
        // Started at clock 100 s; frames at 101..=110; paused at 110 for 30 s.
        for t in 101..=110 {
            axis.observe(s(t), s(t - 100), false);
        }
        axis.observe(s(111), s(10), true);
        axis.observe(s(139), s(10), true);
        for t in 140..=150 {
            axis.observe(s(t), s(t - 130), false);
        }
        assert_eq!(axis.elapsed_at(s(99)), None, "before the practice");
        assert_eq!(axis.elapsed_at(s(100)), Some(s(0)));
        assert_eq!(axis.elapsed_at(s(105)), Some(s(5)));
        assert_eq!(axis.elapsed_at(s(120)), Some(s(10)), "held during the pause");
        assert_eq!(axis.elapsed_at(s(145)), Some(s(15)));
        assert_eq!(axis.elapsed_at(s(150)), Some(s(20)));
    }

    #[test]
    fn a_start_lead_opens_nothing_until_practice_time_moves() {
        let mut axis = BreathAxis::new();
        axis.observe(s(10), Duration::ZERO, false);
        axis.observe(s(11), s(1), false);
        assert_eq!(axis.segments.len(), 1);
        assert_eq!(axis.elapsed_at(s(10)), Some(Duration::ZERO));
        assert_eq!(axis.elapsed_at(s(9)), None);
    }

    #[test]
    fn old_segments_are_forgotten() {
        let mut axis = BreathAxis::new();
        for k in 0..100_u64 {
            // Run 1 s, pause 1 s, a hundred times.
            axis.observe(s(2 * k + 1), s(k + 1), false);
            axis.observe(s(2 * k + 2), s(k + 1), true);
        }
        assert!(axis.segments.len() <= 62, "{}", axis.segments.len());
        assert_eq!(axis.elapsed_at(s(199)), Some(s(100)));
        assert_eq!(axis.elapsed_at(Duration::from_millis(198_500)), Some(Duration::from_millis(99_500)));
    }
}
