//! The body-scan player: a pure state machine over the steps' durations.
//!
//! Start, pause, resume, next, previous, extend the current step, and auto-advance when a
//! step's time is up. Driven by the same injected clock as breathing: every call takes `now`,
//! and the position is computed from practice time, so a hidden window (no frames for a
//! while) never stalls the scan: the next query simply lands in the right step.

use std::sync::Arc;
use std::time::Duration;

use crate::practice::stopwatch::Stopwatch;

/// How much one press of "extend" adds to the current step.
pub const EXTEND_BY: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Player {
    /// Each step's length, including any extensions; shared with the sound score (an
    /// extension copies it once, if the score still holds it).
    durations: Arc<Vec<Duration>>,
    /// The step that was current at the last change (later steps may have begun since).
    current: usize,
    /// Practice time when `current` began.
    step_start: Duration,
    stopwatch: Stopwatch,
}

/// Where the scan is at one instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    /// Zero-based step index (the last step once finished).
    pub step: usize,
    pub step_count: usize,
    pub in_step: Duration,
    pub step_duration: Duration,
    /// Time left in this step and in all the steps after it.
    pub total_left: Duration,
    /// Practice time so far, pauses excluded.
    pub practised: Duration,
    pub finished: bool,
}

/// The steps still to play, for the sound cues: the player's own step lengths (shared, not
/// copied) and where the current step starts, so it is as small for 200 steps as for 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// Every step's length.
    pub durations: Arc<Vec<Duration>>,
    /// The current step: the first still to play.
    pub first: usize,
    /// Practice time at which it began.
    pub first_start: Duration,
    /// The clock reading at which practice time zero falls.
    pub origin: Duration,
    /// Practice time from which cues are due: the later of this run's start and the
    /// current step's.
    pub from: Duration,
    /// When the last step ends (when the scan was finished by skipping: the skip).
    pub end: Duration,
}

impl Schedule {
    /// The steps still to play: `(start, length)` in practice time.
    pub fn steps(&self) -> impl Iterator<Item = (Duration, Duration)> + '_ {
        let mut start = self.first_start;
        self.durations.get(self.first..).unwrap_or_default().iter().map(move |&d| {
            let step = (start, d);
            start += d;
            step
        })
    }
}

impl Position {
    #[must_use]
    pub fn step_left(&self) -> Duration {
        self.step_duration.saturating_sub(self.in_step)
    }
}

impl Player {
    /// Starts playing steps of these lengths at `now`. An empty list is finished at once.
    #[must_use]
    pub fn start(durations: Vec<Duration>, now: Duration) -> Self {
        Self {
            durations: Arc::new(durations),
            current: 0,
            step_start: Duration::ZERO,
            stopwatch: Stopwatch::started(now),
        }
    }

    /// Where the scan is at `now`. Pure: steps whose time is up are passed over here, and
    /// made permanent by the next change.
    #[must_use]
    pub fn position(&self, now: Duration) -> Position {
        let practised = self.stopwatch.elapsed(now);
        let (step, start) = self.walk(practised);
        let n = self.durations.len();
        if step >= n {
            let last = self.durations.last().copied().unwrap_or_default();
            return Position {
                step: n.saturating_sub(1),
                step_count: n,
                in_step: last,
                step_duration: last,
                total_left: Duration::ZERO,
                practised,
                finished: true,
            };
        }
        let in_step = practised.saturating_sub(start);
        let step_duration = self.durations[step];
        let later: Duration = self.durations[step + 1..].iter().sum();
        Position {
            step,
            step_count: n,
            in_step,
            step_duration,
            total_left: step_duration.saturating_sub(in_step) + later,
            practised,
            finished: false,
        }
    }

    /// The step running at practice time `practised`, and when it began.
    fn walk(&self, practised: Duration) -> (usize, Duration) {
        let (mut step, mut start) = (self.current, self.step_start);
        while let Some(&d) = self.durations.get(step) {
            if practised < start + d {
                break;
            }
            start += d;
            step += 1;
        }
        (step, start)
    }

    /// While running: the steps from the current one on, and where they fall on the clock.
    #[must_use]
    pub fn schedule(&self) -> Option<Schedule> {
        let (origin, resumed) = self.stopwatch.placement()?;
        let left: Duration = self.durations.get(self.current..).unwrap_or_default().iter().sum();
        Some(Schedule {
            durations: Arc::clone(&self.durations),
            first: self.current,
            first_start: self.step_start,
            origin,
            from: resumed.max(self.step_start),
            end: self.step_start + left,
        })
    }

    /// Makes the auto-advance up to `now` permanent.
    fn settle(&mut self, now: Duration) {
        (self.current, self.step_start) = self.walk(self.stopwatch.elapsed(now));
    }

    #[must_use]
    pub fn is_paused(&self) -> bool {
        !self.stopwatch.is_running()
    }

    pub fn toggle_pause(&mut self, now: Duration) {
        self.settle(now);
        self.stopwatch.toggle(now);
    }

    /// Skips to the start of the next step; from the last step, finishes.
    pub fn next(&mut self, now: Duration) {
        self.settle(now);
        if self.current < self.durations.len() {
            self.current += 1;
            self.step_start = self.stopwatch.elapsed(now);
        }
    }

    /// Goes back to the start of the previous step; on the first step, restarts it; once
    /// finished, restarts the last step.
    pub fn previous(&mut self, now: Duration) {
        self.settle(now);
        self.current = self.current.saturating_sub(1).min(self.durations.len().saturating_sub(1));
        self.step_start = self.stopwatch.elapsed(now);
    }

    /// Gives the current step more time.
    pub fn extend(&mut self, by: Duration, now: Duration) {
        self.settle(now);
        if let Some(d) = Arc::make_mut(&mut self.durations).get_mut(self.current) {
            *d += by;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    fn three_steps() -> Player {
        Player::start(vec![secs(10), secs(20), secs(30)], secs(100))
    }

    #[test]
    fn its_schedule_follows_skips_extensions_and_pauses() {
        let mut player = three_steps();
        let s = player.schedule().expect("running");
        let steps = |s: &Schedule| s.steps().collect::<Vec<_>>();
        assert_eq!(steps(&s), vec![(secs(0), secs(10)), (secs(10), secs(20)), (secs(30), secs(30))]);
        assert_eq!((s.origin, s.from), (secs(100), secs(0)));
        // Next at practice time 4 s: the second step starts there, due from there.
        player.next(secs(104));
        let s = player.schedule().expect("running");
        assert_eq!(steps(&s), vec![(secs(4), secs(20)), (secs(24), secs(30))]);
        assert_eq!((s.origin, s.from, s.end), (secs(100), secs(4), secs(54)));
        player.extend(EXTEND_BY, secs(105));
        assert_eq!(steps(&player.schedule().expect("running"))[0], (secs(4), secs(50)));
        player.toggle_pause(secs(106));
        assert_eq!(player.schedule(), None);
        // Resumed a minute later: practice time 6 s now falls at clock 166 s.
        player.toggle_pause(secs(166));
        let s = player.schedule().expect("running");
        assert_eq!((s.origin, s.from), (secs(160), secs(6)));
        // Skipping the last two steps finishes the scan: its end is the skip.
        player.next(secs(170));
        player.next(secs(171));
        let s = player.schedule().expect("running");
        assert_eq!(steps(&s), vec![]);
        assert_eq!((s.from, s.end), (secs(11), secs(11)));
    }

    #[test]
    fn advances_by_itself_when_a_step_is_done() {
        let player = three_steps();
        let p = player.position(secs(109));
        assert_eq!((p.step, p.in_step, p.step_left(), p.total_left), (0, secs(9), secs(1), secs(51)));
        let p = player.position(secs(110));
        assert_eq!((p.step, p.in_step), (1, secs(0)));
        let p = player.position(secs(145));
        assert_eq!((p.step, p.in_step, p.total_left), (2, secs(15), secs(15)));
        let end = player.position(secs(160));
        assert!(end.finished);
        assert_eq!((end.step, end.total_left, end.practised), (2, secs(0), secs(60)));
    }

    #[test]
    fn pause_holds_the_step() {
        let mut player = three_steps();
        player.toggle_pause(secs(105));
        assert!(player.is_paused());
        assert_eq!(player.position(secs(1000)).in_step, secs(5));
        player.toggle_pause(secs(1000));
        assert_eq!(player.position(secs(1006)).step, 1);
    }

    #[test]
    fn extend_adds_thirty_seconds_to_the_current_step() {
        let mut player = three_steps();
        player.extend(EXTEND_BY, secs(108));
        let p = player.position(secs(115));
        assert_eq!((p.step, p.step_duration, p.total_left), (0, secs(40), secs(75)));
        assert_eq!(player.position(secs(140)).step, 1);
    }

    #[test]
    fn next_and_previous_at_the_ends() {
        let mut player = three_steps();
        player.previous(secs(105));
        let p = player.position(secs(105));
        assert_eq!((p.step, p.in_step), (0, secs(0)), "previous on the first step restarts it");
        player.next(secs(106));
        player.next(secs(107));
        let p = player.position(secs(107));
        assert_eq!((p.step, p.in_step), (2, secs(0)));
        player.previous(secs(110));
        assert_eq!(player.position(secs(110)).step, 1);
        player.next(secs(111));
        player.next(secs(112));
        assert!(player.position(secs(112)).finished, "next on the last step finishes");
        player.next(secs(113));
        assert!(player.position(secs(113)).finished);
        player.previous(secs(114));
        let p = player.position(secs(114));
        assert_eq!(
            (p.step, p.finished, p.in_step),
            (2, false, secs(0)),
            "previous after the end replays the last step"
        );
    }

    #[test]
    fn a_fifteen_minute_scan_fast_forwards_exactly() {
        // 18 steps adding up to exactly 900 s, as in the shipped full body scan.
        let lengths = [45, 75, 70, 40, 35, 50, 55, 50, 45, 50, 40, 45, 40, 45, 40, 55, 90, 30];
        let player = Player::start(lengths.iter().map(|&s| secs(s)).collect(), Duration::ZERO);
        let mut start = Duration::ZERO;
        for (i, &len) in lengths.iter().enumerate() {
            let at = player.position(start);
            assert_eq!((at.step, at.in_step), (i, Duration::ZERO), "step {i} starts exactly on time");
            let just_before = player.position((start + secs(len)).saturating_sub(Duration::from_nanos(1)));
            assert_eq!(just_before.step, i);
            start += secs(len);
        }
        assert_eq!(start, secs(900));
        assert!(player.position(secs(900)).finished);
        assert!(!player.position(secs(900).saturating_sub(Duration::from_nanos(1))).finished);
    }

    #[test]
    fn a_long_gap_between_frames_lands_in_the_right_step() {
        let mut player = three_steps();
        // No frame for 45 s (a hidden window): the next change still knows where it is.
        player.extend(EXTEND_BY, secs(145));
        let p = player.position(secs(145));
        assert_eq!((p.step, p.step_duration), (2, secs(60)));
    }
}
