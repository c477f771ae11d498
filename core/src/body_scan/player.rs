//! The body-scan player: a pure state machine over the steps' durations.
//!
//! Start, pause, resume, next, previous, extend the current step, and auto-advance when a
//! step's time is up.
//!
//! A step may open with its words (its prompt spoken, or its recording played): its own time
//! begins when they have been said, so a short step never cuts a sentence. How long the
//! words take is not known until the speech service says they are done ([`Player::words_said`]),
//! so each step first allows its words a generous cap, and the step's own time starts at the
//! cap if that word never comes. Driven by the same injected clock as breathing: every call takes `now`,
//! and the position is computed from practice time, so a hidden window (no frames for a
//! while) never stalls the scan: the next query simply lands in the right step.

use std::sync::Arc;
use std::time::Duration;

use crate::practice::stopwatch::Stopwatch;

/// How much one press of "extend" adds to the current step.
pub const EXTEND_BY: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Player {
    /// Each step's whole length on the practice clock: its words, then its own time. Shared
    /// with the sound score (a change copies it once, if the score still holds it).
    durations: Arc<Vec<Duration>>,
    /// Each step's own time, including any extensions.
    own: Vec<Duration>,
    /// Each step's words as planned: the cap (a prompt to speak), the recording's length, or
    /// nothing (no voice).
    planned_words: Vec<Duration>,
    /// The step that was current at the last change (later steps may have begun since).
    current: usize,
    /// Practice time when `current` began.
    step_start: Duration,
    /// Practice time when the current step's words began (its start, or a resume that said
    /// them again).
    words_from: Duration,
    stopwatch: Stopwatch,
}

/// Where the scan is at one instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    /// Zero-based step index (the last step once finished).
    pub step: usize,
    pub step_count: usize,
    /// Time since the step began, its words included.
    pub in_step: Duration,
    /// The step's own time (its words not included).
    pub step_duration: Duration,
    /// How much of its own time has passed: nothing while its words are being said.
    pub counted: Duration,
    /// While the step's words are being said: the most they may still take.
    pub words_left: Option<Duration>,
    /// Practice time when the words being said began (the step's start, or a resume).
    pub words_from: Duration,
    /// Own time left in this step and in all the steps after it (words not counted).
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
    /// When the current step's words begin (its start, or a resume that says them again).
    pub words_from: Duration,
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
    /// The step's own time still to come (all of it while its words are said).
    #[must_use]
    pub fn step_left(&self) -> Duration {
        self.step_duration.saturating_sub(self.counted)
    }

    /// How long until the next step begins, at the latest.
    #[must_use]
    pub fn until_next_step(&self) -> Duration {
        self.words_left.unwrap_or_default() + self.step_left()
    }
}

impl Player {
    /// Starts playing steps of these lengths at `now`, without words. An empty list is
    /// finished at once.
    #[must_use]
    pub fn start(durations: Vec<Duration>, now: Duration) -> Self {
        let words = vec![Duration::ZERO; durations.len()];
        Self::start_with_words(durations, &words, now)
    }

    /// Starts playing steps of their own lengths `own`, each opening with its words, which
    /// may take up to `words` (one entry per step).
    #[must_use]
    pub fn start_with_words(own: Vec<Duration>, words: &[Duration], now: Duration) -> Self {
        let words: Vec<Duration> =
            (0..own.len()).map(|i| words.get(i).copied().unwrap_or_default()).collect();
        let durations = own.iter().zip(&words).map(|(o, w)| *o + *w).collect();
        Self {
            durations: Arc::new(durations),
            own,
            planned_words: words,
            current: 0,
            step_start: Duration::ZERO,
            words_from: Duration::ZERO,
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
            let last = self.own.last().copied().unwrap_or_default();
            return Position {
                step: n.saturating_sub(1),
                step_count: n,
                in_step: self.durations.last().copied().unwrap_or_default(),
                step_duration: last,
                counted: last,
                words_left: None,
                words_from: start,
                total_left: Duration::ZERO,
                practised,
                finished: true,
            };
        }
        let in_step = practised.saturating_sub(start);
        // The words run from the step's start (or a resume) to here, from the step's start.
        let words_end = self.durations[step].saturating_sub(self.own[step]);
        let words_from = if step == self.current { self.words_from } else { start };
        let (counted, words_left) = if in_step < words_end {
            (Duration::ZERO, Some(words_end.saturating_sub(in_step)))
        } else {
            (in_step.saturating_sub(words_end), None)
        };
        let step_duration = self.own[step];
        let later: Duration = self.own[step + 1..].iter().sum();
        Position {
            step,
            step_count: n,
            in_step,
            step_duration,
            counted,
            words_left,
            words_from,
            total_left: step_duration.saturating_sub(counted) + later,
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
            words_from: self.words_from,
        })
    }

    /// Makes the auto-advance up to `now` permanent.
    fn settle(&mut self, now: Duration) {
        let (step, start) = self.walk(self.stopwatch.elapsed(now));
        if step != self.current {
            self.words_from = start;
        }
        (self.current, self.step_start) = (step, start);
    }

    /// Sets step `step`'s words to `words` (its planned length, from its start).
    fn set_words(&mut self, step: usize, words: Duration) {
        if let (Some(&own), Some(d)) = (self.own.get(step), Arc::make_mut(&mut self.durations).get_mut(step))
        {
            *d = own + words;
        }
    }

    /// Enters step `step` at practice time `at`: its words are said afresh, in full.
    fn enter(&mut self, step: usize, at: Duration) {
        self.current = step;
        self.step_start = at;
        self.words_from = at;
        // Steps said before (before a Previous) say their words in full again.
        for i in step..self.planned_words.len() {
            let planned = self.planned_words[i];
            if self.durations[i] != self.own[i] + planned {
                self.set_words(i, planned);
            }
        }
    }

    #[must_use]
    pub fn is_paused(&self) -> bool {
        !self.stopwatch.is_running()
    }

    /// Pause or resume. A resume while the words were being said says them again, in full.
    pub fn toggle_pause(&mut self, now: Duration) {
        self.settle(now);
        let was_in_words = self.position(now).words_left.is_some();
        self.stopwatch.toggle(now);
        if !self.is_paused() && was_in_words {
            let at = self.stopwatch.elapsed(now);
            self.words_from = at;
            let planned = self.planned_words.get(self.current).copied().unwrap_or_default();
            self.set_words(self.current, at.saturating_sub(self.step_start) + planned);
        }
    }

    /// Skips to the start of the next step; from the last step, finishes.
    pub fn next(&mut self, now: Duration) {
        self.settle(now);
        if self.current < self.durations.len() {
            self.enter(self.current + 1, self.stopwatch.elapsed(now));
        }
    }

    /// Goes back to the start of the previous step; on the first step, restarts it; once
    /// finished, restarts the last step.
    pub fn previous(&mut self, now: Duration) {
        self.settle(now);
        let step = self.current.saturating_sub(1).min(self.durations.len().saturating_sub(1));
        self.enter(step, self.stopwatch.elapsed(now));
    }

    /// Gives the current step more time.
    pub fn extend(&mut self, by: Duration, now: Duration) {
        self.settle(now);
        if let Some(own) = self.own.get_mut(self.current) {
            *own += by;
        }
        if let Some(d) = Arc::make_mut(&mut self.durations).get_mut(self.current) {
            *d += by;
        }
    }

    /// The current step's words have been said, at `now`: its own time begins. Returns
    /// whether that changed anything (`step` is not the current step, or its words were
    /// already over: nothing).
    pub fn words_said(&mut self, step: usize, now: Duration) -> bool {
        self.settle(now);
        let position = self.position(now);
        if step != self.current || position.words_left.is_none() || self.is_paused() {
            return false;
        }
        let said = self.stopwatch.elapsed(now).saturating_sub(self.step_start);
        self.set_words(self.current, said);
        true
    }

    /// Plans `words` for step `step` from now on; a step that has begun keeps what it has.
    /// Returns whether anything changed.
    pub fn plan_words(&mut self, step: usize, words: Duration, now: Duration) -> bool {
        self.settle(now);
        let begun = step < self.current
            || (step == self.current && self.stopwatch.elapsed(now) > self.step_start)
            || step >= self.planned_words.len();
        if begun || self.planned_words[step] == words {
            return false;
        }
        self.planned_words[step] = words;
        self.set_words(step, words);
        true
    }

    /// The current step's words change to `words` while they are still due (a recording
    /// that arrived after the step began, before anything was said): they start afresh at
    /// `now`. Returns whether anything changed.
    pub fn redo_words(&mut self, step: usize, words: Duration, now: Duration) -> bool {
        self.settle(now);
        if step != self.current || self.position(now).words_left.is_none() || self.is_paused() {
            return false;
        }
        let at = self.stopwatch.elapsed(now);
        self.words_from = at;
        self.planned_words[step] = words;
        self.set_words(step, at.saturating_sub(self.step_start) + words);
        true
    }

    /// How long step `step`'s words are planned to take.
    #[must_use]
    pub fn planned_words(&self, step: usize) -> Duration {
        self.planned_words.get(step).copied().unwrap_or_default()
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

    /// Steps of 10 and 20 s of their own, whose words may take 8 and 6 s.
    fn spoken() -> Player {
        Player::start_with_words(vec![secs(10), secs(20)], &[secs(8), secs(6)], secs(100))
    }

    #[test]
    fn a_steps_own_time_begins_when_its_words_have_been_said() {
        let mut player = spoken();
        let p = player.position(secs(102));
        assert_eq!((p.counted, p.words_left, p.step_left()), (secs(0), Some(secs(6)), secs(10)));
        assert_eq!(p.until_next_step(), secs(16));
        // Said after 3 s: the step's 10 s count from there, and the next step starts at 13 s.
        assert!(player.words_said(0, secs(103)));
        let p = player.position(secs(105));
        assert_eq!((p.step, p.counted, p.words_left, p.step_left()), (0, secs(2), None, secs(8)));
        assert_eq!(p.total_left, secs(28), "own time only: 8 s here and 20 s after");
        assert_eq!(player.position(secs(112)).step, 0, "a short step never cuts its words");
        let next = player.position(secs(113));
        assert_eq!((next.step, next.in_step, next.words_left), (1, secs(0), Some(secs(6))));
        // A late or repeated word changes nothing.
        assert!(!player.words_said(0, secs(114)));
        // The sound schedule follows: the second step starts at practice time 13 s.
        let starts: Vec<Duration> = player.schedule().expect("running").steps().map(|(s, _)| s).collect();
        assert_eq!(starts, vec![secs(13)], "from the current step on");
    }

    #[test]
    fn words_that_change_before_they_are_said_start_afresh() {
        let mut player = spoken();
        // A recording of 3 s arrives 1 s into the first step: it plays from there.
        assert!(player.redo_words(0, secs(3), secs(101)));
        let p = player.position(secs(102));
        assert_eq!((p.words_from, p.words_left, p.counted), (secs(1), Some(secs(2)), secs(0)));
        assert_eq!(player.position(secs(104)).words_left, None, "then the step's own 10 s");
        assert_eq!(player.position(secs(113)).step, 0);
        assert_eq!(player.position(secs(114)).step, 1);
        assert!(!player.redo_words(0, secs(3), secs(105)), "too late: the words are over");
        assert!(!player.redo_words(1, secs(3), secs(105)), "not the current step");
    }

    #[test]
    fn a_step_starts_anyway_when_the_words_never_come_back() {
        let player = spoken();
        // The service never said it finished: the cap of 8 s passes, then the step's 10 s.
        let p = player.position(secs(108));
        assert_eq!((p.step, p.counted, p.words_left), (0, secs(0), None));
        assert_eq!(player.position(secs(117)).step, 0);
        assert_eq!(player.position(secs(118)).step, 1);
        assert!(player.position(secs(100 + 8 + 10 + 6 + 20)).finished);
    }

    #[test]
    fn pause_next_and_previous_say_the_words_again() {
        let mut player = spoken();
        // Paused while speaking (the speech is silenced); the resume says the prompt afresh.
        player.toggle_pause(secs(104));
        assert_eq!(player.position(secs(500)).words_left, Some(secs(4)));
        player.toggle_pause(secs(500));
        let p = player.position(secs(501));
        assert_eq!((p.words_left, p.words_from), (Some(secs(7)), secs(4)), "the full 8 s from the resume");
        assert!(player.words_said(0, secs(503)));
        assert_eq!(player.position(secs(503)).counted, secs(0));
        assert_eq!(player.position(secs(513)).step, 1);
        // The second step's words said quickly, then back: said again in full.
        assert!(player.words_said(1, secs(514)));
        player.previous(secs(520));
        let p = player.position(secs(520));
        assert_eq!((p.step, p.words_left), (0, Some(secs(8))));
        player.next(secs(521));
        assert_eq!(player.position(secs(521)).words_left, Some(secs(6)), "not the 1 s it took before");
    }

    #[test]
    fn words_planned_later_apply_only_to_steps_still_to_come() {
        let mut player = Player::start(vec![secs(10), secs(20)], secs(100));
        assert!(!player.plan_words(0, secs(5), secs(101)), "the first step has begun");
        assert!(player.plan_words(1, secs(5), secs(101)));
        let p = player.position(secs(111));
        assert_eq!((p.step, p.words_left), (1, Some(secs(4))));
        assert!(!player.plan_words(1, secs(9), secs(112)), "now begun");
        // Before the practice's first moment (Start's lead), the first step can still change.
        let mut led = Player::start(vec![secs(10)], secs(100));
        assert!(led.plan_words(0, secs(3), secs(99)));
        assert_eq!(led.planned_words(0), secs(3));
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
