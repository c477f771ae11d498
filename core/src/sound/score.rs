//! When a practice sounds: the cues of a breathing timeline or a body scan, in practice time,
//! and where that practice time sits on the clock. Pure, so the audio thread can ask "what is
//! due in the next few milliseconds?" without the UI, and tests can ask it for an hour.
//!
//! A score is never a list of every cue: it is the practice's own plan (a timeline, or a
//! scan's step lengths and the timelines they pace, all shared, never copied) and the cues
//! are worked out from it for the window asked for. So a score, and what the sound thread is
//! handed, is as small for a 50-hour body scan as for a 3-minute one, and so is the work for
//! each buffer.

use std::sync::Arc;
use std::time::Duration;

use super::clip::Clip;
use super::cue::Cue;
use crate::breathing::pattern::PhaseKind;
use crate::breathing::timeline::Timeline;

/// Everything that will sound in a practice from its start, in practice time.
#[derive(Debug, Clone, PartialEq)]
pub enum Score {
    /// A cue at every phase boundary, and the bell at the end.
    Breathing(Timeline),
    /// A chime as each step begins, the breathing cues of steps that pace a pattern, and the
    /// bell at `end` (after the last step, or at once when the last step is skipped).
    Scan { steps: ScanSteps, end: Duration },
}

/// A body scan's steps still to play: every step's length and the breathing each paces
/// (both shared with the running scan), from the current step on.
#[derive(Debug, Clone)]
pub struct ScanSteps {
    durations: Arc<Vec<Duration>>,
    /// The breathing each step paces, from its own start (shared: steps pacing the same
    /// pattern share one timeline).
    breathing: Arc<[Option<Timeline>]>,
    /// The recording each step opens with, if any (shared with the running scan).
    clips: Arc<[Option<Clip>]>,
    /// The first step still to play, and the practice time at which it starts.
    first: usize,
    start: Duration,
    /// When the first step's words begin: its start, or a resume that says them again.
    words_from: Duration,
}

/// One body-scan step as it will play.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScanStep<'a> {
    /// Practice time at which the step begins.
    pub start: Duration,
    pub duration: Duration,
    /// The breathing the step paces, from its own start.
    pub breathing: Option<&'a Timeline>,
    /// The recording played as the step begins.
    pub clip: Option<&'a Clip>,
}

impl ScanSteps {
    /// Steps `first..` of a scan whose steps last `durations` and pace `breathing` (one entry
    /// per step), the first starting at practice time `start`.
    #[must_use]
    pub fn new(
        durations: Arc<Vec<Duration>>,
        breathing: Arc<[Option<Timeline>]>,
        first: usize,
        start: Duration,
    ) -> Self {
        Self { durations, breathing, clips: Arc::from([]), first, start, words_from: start }
    }

    /// The same steps, the first saying its words (playing its recording) from `at`.
    #[must_use]
    pub fn with_words_from(mut self, at: Duration) -> Self {
        self.words_from = at.max(self.start);
        self
    }

    /// The same steps, opening with these recordings (one entry per step).
    #[must_use]
    pub fn with_clips(mut self, clips: Arc<[Option<Clip>]>) -> Self {
        self.clips = clips;
        self
    }

    /// How many steps are still to play.
    #[must_use]
    pub fn len(&self) -> usize {
        self.durations.len().saturating_sub(self.first)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The steps still to play, in order.
    pub fn iter(&self) -> impl Iterator<Item = ScanStep<'_>> {
        self.from(self.first, self.start)
    }

    /// The steps from step `first`, which starts at `start`.
    fn from(&self, first: usize, start: Duration) -> impl Iterator<Item = ScanStep<'_>> {
        let mut start = start;
        self.durations.get(first..).unwrap_or_default().iter().enumerate().map(move |(i, &duration)| {
            let step = ScanStep {
                start,
                duration,
                breathing: self.breathing.get(first + i).and_then(Option::as_ref),
                clip: self.clips.get(first + i).and_then(Option::as_ref),
            };
            start += duration;
            step
        })
    }
}

impl ScanSteps {
    /// Both share the same step lengths and timelines (one was not copied from the other).
    #[must_use]
    pub fn shares_plan_with(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.durations, &other.durations) && Arc::ptr_eq(&self.breathing, &other.breathing)
    }

    /// `clip` plays from practice time `at` in these steps.
    #[must_use]
    pub fn has_clip_at(&self, at: Duration, clip: &Clip) -> bool {
        self.iter()
            .enumerate()
            .take_while(|(_, s)| s.start <= at)
            .any(|(i, s)| self.clip_time(self.first + i, &s) == at && s.clip.is_some_and(|c| c.is(clip)))
    }

    /// The steps (with their indices) that end after `from`, resumed where `cursor` last
    /// stood; steps wholly before `from` move the cursor past them, so they are never walked
    /// again. Counts each step looked at in the cursor.
    fn walk<'a>(
        &'a self,
        cursor: &'a mut Cursor,
        from: Duration,
    ) -> impl Iterator<Item = (usize, ScanStep<'a>)> + 'a {
        let (first, start) = match cursor.at {
            Some((step, start)) if step >= self.first && start <= from => (step, start),
            _ => (self.first, self.start),
        };
        cursor.at = Some((first, start));
        self.from(first, start).enumerate().filter_map(move |(i, step)| {
            cursor.visited += 1;
            let end = step.start + step.duration;
            if end <= from {
                cursor.at = Some((first + i + 1, end));
                None
            } else {
                Some((first + i, step))
            }
        })
    }

    /// When step `index` (which is `step`) plays its recording.
    fn clip_time(&self, index: usize, step: &ScanStep<'_>) -> Duration {
        if index == self.first { self.words_from.max(step.start) } else { step.start }
    }
}

impl PartialEq for ScanSteps {
    /// The same steps from the same place: shared plans compare by address, at no cost.
    fn eq(&self, other: &Self) -> bool {
        self.first == other.first
            && self.start == other.start
            && (Arc::ptr_eq(&self.durations, &other.durations) || self.durations == other.durations)
            && (Arc::ptr_eq(&self.breathing, &other.breathing) || self.breathing == other.breathing)
            && (Arc::ptr_eq(&self.clips, &other.clips) || self.clips == other.clips)
            && self.words_from == other.words_from
    }
}

/// Where a score's last cue query began, so that the next, later one starts there: the
/// steps before it are never walked again, and each query costs the same however far into
/// a long scan it is. Start each placing with a new one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    /// A step and when it starts; `None` before the first query.
    at: Option<(usize, Duration)>,
    /// How many steps the queries have looked at, all told (the work they did).
    visited: u64,
}

impl Cursor {
    /// How many steps the queries made with this cursor have looked at.
    #[must_use]
    pub fn steps_visited(&self) -> u64 {
        self.visited
    }
}

/// A score on the clock, as long as the practice runs (a pause or a change makes a new one).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub score: Score,
    /// The clock reading at which practice time zero falls.
    pub origin: Duration,
    /// Practice time from which cues are due: earlier ones belong to an earlier placing.
    pub from: Duration,
}

impl Score {
    /// Practice time of the last cue (the bell).
    #[must_use]
    pub fn end(&self) -> Duration {
        match self {
            Self::Breathing(timeline) => timeline.total(),
            Self::Scan { end, .. } => *end,
        }
    }

    /// The cues due in practice time `[from, until)`, in time order.
    #[must_use]
    pub fn cues(&self, from: Duration, until: Duration) -> Vec<(Duration, Cue)> {
        let mut out = Vec::new();
        self.cues_after(&mut Cursor::default(), from, until, &mut out);
        out
    }

    /// The cues due in practice time `[from, until)`, in time order, added to `out`. A scan
    /// starts looking at `cursor` (if `from` is not before it) and leaves it at the step that
    /// holds `from`: queries that move forward, as an audio callback's do, each visit only
    /// the steps their window touches.
    pub fn cues_after(
        &self,
        cursor: &mut Cursor,
        from: Duration,
        until: Duration,
        out: &mut Vec<(Duration, Cue)>,
    ) {
        if from >= until {
            return;
        }
        match self {
            Self::Breathing(timeline) => timeline_cues(timeline, Duration::ZERO, from, until, true, out),
            Self::Scan { steps, end } => {
                for (_, step) in steps.walk(cursor, from) {
                    let end = step.start + step.duration;
                    if step.start >= until {
                        break;
                    }
                    if step.start >= from {
                        out.push((step.start, Cue::Chime));
                    }
                    if let Some(timeline) = step.breathing {
                        // The chime stands for the step's first breath; the rest are cued.
                        let local_from = from.saturating_sub(step.start).max(Duration::from_nanos(1));
                        let local_until = until.min(end).saturating_sub(step.start);
                        timeline_cues(timeline, step.start, local_from, local_until, false, out);
                    }
                }
                if (from..until).contains(end) {
                    out.push((*end, Cue::Bell));
                }
            }
        }
    }
}

impl Score {
    /// The recordings that start in practice time `[from, until)`, in time order, added to
    /// `out`. Moves `cursor` as [`Self::cues_after`] does (give each query kind its own).
    pub fn clips_after(
        &self,
        cursor: &mut Cursor,
        from: Duration,
        until: Duration,
        out: &mut Vec<(Duration, Clip)>,
    ) {
        let Self::Scan { steps, .. } = self else { return };
        if from >= until {
            return;
        }
        for (index, step) in steps.walk(cursor, from) {
            let at = steps.clip_time(index, &step);
            if at >= until {
                break;
            }
            if at >= from
                && let Some(clip) = step.clip
            {
                out.push((at, clip.clone()));
            }
        }
    }
}

/// The cue that marks the start of a phase.
#[must_use]
pub const fn phase_cue(kind: PhaseKind) -> Cue {
    match kind {
        PhaseKind::Inhale | PhaseKind::TopUp => Cue::Inhale,
        PhaseKind::Exhale => Cue::Exhale,
        PhaseKind::HoldIn | PhaseKind::HoldOut => Cue::Hold,
    }
}

/// Phase boundaries of `timeline` in its own time `[from, until)`, shifted by `offset`, and
/// the bell at its end when `with_end`.
fn timeline_cues(
    timeline: &Timeline,
    offset: Duration,
    from: Duration,
    until: Duration,
    with_end: bool,
    out: &mut Vec<(Duration, Cue)>,
) {
    if from >= until {
        return;
    }
    let total = timeline.total();
    let first = timeline.at(from);
    if from < total && first.phase_elapsed.is_zero() {
        out.push((offset + from, phase_cue(first.kind)));
    }
    let mut t = from + first.phase_remaining();
    while t < until {
        if t >= total {
            if with_end && t == total {
                out.push((offset + total, Cue::Bell));
            }
            break;
        }
        let moment = timeline.at(t);
        out.push((offset + t, phase_cue(moment.kind)));
        // Phases last at least a millisecond (the loader checks); never loop in place.
        t += moment.phase_duration.max(Duration::from_millis(1));
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn timeline(ron: &str) -> Timeline {
        let pattern = crate::script::parse_pattern(ron).expect("parses");
        Timeline::new(&pattern, pattern.length)
    }

    fn box_breathing() -> Timeline {
        timeline(
            "Pattern(name: \"box\", phases: [Inhale(secs: 4), HoldIn(secs: 4), Exhale(secs: 4), \
             HoldOut(secs: 4)], length: Cycles(2))",
        )
    }

    const fn s(secs: u64) -> Duration {
        Duration::from_secs(secs)
    }

    /// A scan whose steps (length, breathing) start at `start`, ending after the last.
    pub(crate) fn scan(start: Duration, steps: &[(Duration, Option<Timeline>)]) -> Score {
        let durations: Vec<Duration> = steps.iter().map(|(d, _)| *d).collect();
        let end = start + durations.iter().sum::<Duration>();
        let breathing: Arc<[Option<Timeline>]> = steps.iter().map(|(_, b)| b.clone()).collect();
        Score::Scan { steps: ScanSteps::new(Arc::new(durations), breathing, 0, start), end }
    }

    #[test]
    fn a_breathing_practice_cues_every_boundary_and_rings_at_the_end() {
        let cues = Score::Breathing(box_breathing()).cues(Duration::ZERO, s(3600));
        let expected: Vec<(Duration, Cue)> = [
            (0, Cue::Inhale),
            (4, Cue::Hold),
            (8, Cue::Exhale),
            (12, Cue::Hold),
            (16, Cue::Inhale),
            (20, Cue::Hold),
            (24, Cue::Exhale),
            (28, Cue::Hold),
            (32, Cue::Bell),
        ]
        .into_iter()
        .map(|(t, c)| (s(t), c))
        .collect();
        assert_eq!(cues, expected);
    }

    #[test]
    fn windows_split_anywhere_give_each_cue_once() {
        let score = Score::Breathing(box_breathing());
        let whole = score.cues(Duration::ZERO, s(40));
        // Windows of 7 ms, as an audio callback asks, with edges landing on boundaries too.
        let step = Duration::from_millis(7);
        let mut pieced = Vec::new();
        let mut t = Duration::ZERO;
        while t < s(40) {
            pieced.extend(score.cues(t, t + step));
            t += step;
        }
        assert_eq!(pieced, whole);
        assert!(score.cues(s(5), s(5)).is_empty());
        assert!(score.cues(s(33), s(99)).is_empty(), "nothing after the bell");
    }

    #[test]
    fn an_hour_of_resonance_breathing_cues_exactly_on_the_timeline() {
        let tl = timeline(
            "Pattern(name: \"r\", phases: [Inhale(secs: 5.5), Exhale(secs: 5.5)], length: Minutes(60))",
        );
        let cues = Score::Breathing(tl.clone()).cues(Duration::ZERO, s(4000));
        assert_eq!(tl.total_cycles(), 327, "60 min of 11 s breaths, to the nearest whole breath");
        assert_eq!(cues.len(), 2 * 327 + 1);
        for &(t, cue) in &cues[..cues.len() - 1] {
            let m = tl.at(t);
            assert!(m.phase_elapsed.is_zero(), "a cue at {t:?} falls on a boundary");
            assert_eq!(phase_cue(m.kind), cue);
        }
        assert_eq!(cues.last(), Some(&(tl.total(), Cue::Bell)));
    }

    #[test]
    fn a_ramp_and_a_top_up_are_cued_where_the_timeline_puts_them() {
        let tl = timeline(
            "Pattern(name: \"s\", phases: [Inhale(secs: 2), TopUp(secs: 1), Exhale(secs: 6)], \
             ramp: Ramp(from_secs: [1, 1, 3], over: Cycles(3)), length: Cycles(4))",
        );
        let cues = Score::Breathing(tl.clone()).cues(Duration::ZERO, s(600));
        let mut expected = Vec::new();
        let mut t = Duration::ZERO;
        for cycle in 0..4 {
            for (phase, len) in tl.cycle_phases(cycle).into_iter().enumerate() {
                expected.push((t, [Cue::Inhale, Cue::Inhale, Cue::Exhale][phase]));
                t += len;
            }
        }
        expected.push((t, Cue::Bell));
        assert_eq!(cues, expected);
    }

    #[test]
    fn a_scan_chimes_per_step_breathes_inside_steps_and_rings_at_the_end() {
        let breath =
            timeline("Pattern(name: \"b\", phases: [Inhale(secs: 4), Exhale(secs: 6)], length: Cycles(99))");
        let score = scan(Duration::ZERO, &[(s(30), None), (s(25), Some(breath.clone()))]);
        let cues = score.cues(Duration::ZERO, s(100));
        let expected: Vec<(Duration, Cue)> = [
            (0, Cue::Chime),
            (30, Cue::Chime),
            (34, Cue::Exhale),
            (40, Cue::Inhale),
            (44, Cue::Exhale),
            (50, Cue::Inhale),
            (54, Cue::Exhale),
            (55, Cue::Bell),
        ]
        .into_iter()
        .map(|(t, c)| (s(t), c))
        .collect();
        assert_eq!(cues, expected);
        // From the middle of the breathing step: only what is still to come.
        assert_eq!(score.cues(s(41), s(46)), vec![(s(44), Cue::Exhale)]);
        // A window ending on a step's end has nothing of the step's breathing there.
        assert_eq!(score.cues(s(30), s(34)), vec![(s(30), Cue::Chime)]);
        // A step that ends on a breath boundary: the next chime, not both.
        let exact = scan(Duration::ZERO, &[(s(20), Some(breath)), (s(10), None)]);
        assert_eq!(exact.cues(s(20), s(21)), vec![(s(20), Cue::Chime)]);
        // The last step skipped: nothing but the bell, at once.
        let skipped = scan(s(7), &[]);
        assert_eq!(skipped.cues(s(7), s(8)), vec![(s(7), Cue::Bell)]);
    }
}
