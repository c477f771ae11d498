//! When each heartbeat happened, from strap notifications: a notification carries the
//! intervals that ended since the last one, and arrives a moment after the last of them.
//!
//! The last beat of the first notification is placed at its arrival and the beats before it
//! by their intervals; each later beat follows the one before by its interval, so arrival
//! jitter does not bend the beat times. When arrival and the running sum of intervals drift
//! more than [`GAP_SECS`] apart, beats were lost (a dropped packet, a lost connection): the
//! notification is placed at its arrival again and marked as after a gap, so nothing is
//! computed across it.

use std::time::Duration;

use super::PLAUSIBLE_RR_MS;

/// Arrival and beat times drifting further apart than this mean lost beats.
pub const GAP_SECS: f64 = 2.5;

/// One heartbeat: the interval it ended, and when (session time).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimedBeat {
    pub at_secs: f64,
    pub rr_ms: f64,
}

/// The longest run of `beats` in which each follows the one before by its interval (within
/// [`GAP_SECS`]): what a window's figures may be computed over without bridging lost beats.
#[must_use]
pub fn longest_unbroken(beats: &[TimedBeat]) -> &[TimedBeat] {
    let mut best = &beats[..0];
    let mut start = 0;
    for i in 1..=beats.len() {
        let broken = i == beats.len()
            || (beats[i].at_secs - beats[i - 1].at_secs - beats[i].rr_ms / 1000.0).abs() > GAP_SECS;
        if broken {
            if i - start > best.len() {
                best = &beats[start..i];
            }
            start = i;
        }
    }
    best
}

/// The beats of one notification, placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub beats: Vec<TimedBeat>,
    /// The first beat does not follow the beat before it: beats were lost in between.
    pub after_gap: bool,
    /// Intervals refused: outside [`PLAUSIBLE_RR_MS`], NaN, or in a notification that
    /// arrived before the last beat.
    pub refused: usize,
}

/// Places the beats of successive notifications in time.
#[derive(Debug, Clone, Default)]
pub struct BeatClock {
    last_beat_secs: Option<f64>,
}

impl BeatClock {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// When the last beat was.
    #[must_use]
    pub fn last_beat_secs(&self) -> Option<f64> {
        self.last_beat_secs
    }

    /// Places the intervals (ms, oldest first) of a notification that arrived at `arrival`.
    pub fn place(&mut self, arrival: Duration, rr_ms: &[f64]) -> Placed {
        let arrival_secs = arrival.as_secs_f64();
        let plausible = |rr: &f64| (PLAUSIBLE_RR_MS.0..=PLAUSIBLE_RR_MS.1).contains(rr);
        let in_order = self.last_beat_secs.is_none_or(|last| arrival_secs >= last);
        let batch: Vec<f64> = rr_ms.iter().copied().filter(|rr| in_order && plausible(rr)).collect();
        let refused = rr_ms.len() - batch.len();
        if batch.is_empty() {
            return Placed { beats: Vec::new(), after_gap: false, refused };
        }
        let span_secs = batch.iter().sum::<f64>() / 1000.0;
        let (mut at_secs, after_gap) = match self.last_beat_secs {
            Some(last) if (arrival_secs - (last + span_secs)).abs() <= GAP_SECS => (last, false),
            // Placed at the arrival, but never before the last beat.
            last => ((arrival_secs - span_secs).max(last.unwrap_or(f64::MIN)), last.is_some()),
        };
        let beats = batch
            .into_iter()
            .map(|rr_ms| {
                at_secs += rr_ms / 1000.0;
                TimedBeat { at_secs, rr_ms }
            })
            .collect();
        self.last_beat_secs = Some(at_secs);
        Placed { beats, after_gap, refused }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: f64) -> Duration {
        Duration::try_from_secs_f64(s).unwrap()
    }

    fn times(placed: &Placed) -> Vec<f64> {
        placed.beats.iter().map(|b| b.at_secs).collect()
    }

    fn same(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
    }

    #[test]
    fn the_longest_run_without_lost_beats_is_kept() {
        let beat = |at_secs, rr_ms| TimedBeat { at_secs, rr_ms };
        // Three beats a second apart, a 10 s gap, then two.
        let beats =
            [beat(1.0, 1000.0), beat(2.0, 1000.0), beat(3.0, 1000.0), beat(13.0, 1000.0), beat(14.0, 1000.0)];
        assert_eq!(longest_unbroken(&beats), &beats[..3]);
        assert_eq!(longest_unbroken(&beats[3..]), &beats[3..]);
        assert!(longest_unbroken(&[]).is_empty());
    }

    #[test]
    fn the_first_notification_ends_at_its_arrival() {
        let mut clock = BeatClock::new();
        let p = clock.place(secs(10.0), &[900.0, 1000.0, 1100.0]);
        assert!(same(&times(&p), &[7.9, 8.9, 10.0]), "{p:?}");
        assert!(!p.after_gap);
    }

    #[test]
    fn later_beats_follow_by_their_intervals_despite_jitter() {
        let mut clock = BeatClock::new();
        clock.place(secs(10.0), &[1000.0]);
        let late = clock.place(secs(11.9), &[1000.0]);
        let early = clock.place(secs(11.95), &[1000.0]);
        assert!(same(&times(&late), &[11.0]) && same(&times(&early), &[12.0]));
        assert!(!late.after_gap && !early.after_gap);
    }

    #[test]
    fn lost_beats_start_afresh_at_the_arrival() {
        let mut clock = BeatClock::new();
        clock.place(secs(10.0), &[1000.0]);
        let p = clock.place(secs(20.0), &[1000.0]);
        assert!(same(&times(&p), &[20.0]));
        assert!(p.after_gap);
        // Intervals running ahead of the clock are pulled back, but never before the last beat.
        let p = clock.place(secs(21.0), &[900.0; 5]);
        assert!(p.after_gap);
        assert!((p.beats[0].at_secs - 20.9).abs() < 1e-9, "{p:?}");
    }

    #[test]
    fn refuses_what_no_heart_makes_and_what_comes_from_the_past() {
        let mut clock = BeatClock::new();
        let p = clock.place(secs(10.0), &[0.0, f64::NAN, 850.0, 20_000.0, -3.0, f64::INFINITY]);
        assert!(same(&times(&p), &[10.0]) && p.refused == 5, "{p:?}");
        let p = clock.place(secs(9.0), &[1000.0]);
        assert_eq!((p.beats.len(), p.refused), (0, 1));
        assert_eq!(clock.last_beat_secs(), Some(10.0));
    }
}
