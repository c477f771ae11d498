//! The breathing timeline: a pure function from elapsed practice time to what is happening
//! (phase, how far into it, breath number, overall progress, the shape's size).
//!
//! All arithmetic is on whole nanoseconds, so boundaries stay exact after hours. A query is
//! O(1) once the steady pattern runs, and O(log n) during a ramp (a binary search over the
//! ramp's breaths, which are laid out once when the timeline is built).

use std::sync::Arc;
use std::time::Duration;

use super::pattern::{Length, Pattern, PhaseKind};

const NANOS_PER_MILLI: u64 = 1_000_000;
const NANOS_PER_MINUTE: u64 = 60_000_000_000;

/// How full the shape is at the top of an inhale that a top-up will complete.
const LEVEL_BEFORE_TOP_UP: f64 = 0.8;

/// A pattern laid out over a practice of a given length.
///
/// Immutable, and shared: a clone is another handle on the same layout (a ramp's layout holds
/// a start for each of its breaths, up to thousands), so a body scan's steps, its sound score
/// and the sound thread all use one copy.
#[derive(Debug, Clone)]
pub struct Timeline {
    layout: Arc<Layout>,
}

impl PartialEq for Timeline {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.layout, &other.layout) || self.layout == other.layout
    }
}

#[derive(Debug, PartialEq)]
struct Layout {
    kinds: Vec<PhaseKind>,
    /// The shape's level (0 empty, 1 full) at the start and end of each phase.
    levels: Vec<(f64, f64)>,
    /// The pattern's own phase durations, in nanoseconds.
    target_nanos: Vec<u64>,
    target_cycle_nanos: u64,
    /// Breaths during the ramp: their start times and, flattened, their phase durations.
    ramp_starts: Vec<u64>,
    ramp_phase_nanos: Vec<u64>,
    ramp_end_nanos: u64,
    total_cycles: u64,
    total_nanos: u64,
}

/// What is happening at one instant of a practice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment {
    /// Index into the pattern's phases.
    pub phase_index: usize,
    pub kind: PhaseKind,
    pub phase_elapsed: Duration,
    pub phase_duration: Duration,
    /// Zero-based breath number: also the number of breaths completed.
    pub cycle: u64,
    /// Practice time so far, at most the total.
    pub elapsed: Duration,
    pub total: Duration,
    /// How full the shape is, eased: 0 empty, 1 full.
    pub level: f64,
    /// How fast the level changes, per second (0 during holds).
    pub level_per_sec: f64,
    /// How far the level moves over the whole phase (0 during holds).
    pub level_span: f64,
    pub finished: bool,
}

impl Moment {
    /// How much of the phase is done, 0 to 1.
    #[must_use]
    pub fn phase_fraction(&self) -> f64 {
        fraction(self.phase_elapsed, self.phase_duration)
    }

    #[must_use]
    pub fn phase_remaining(&self) -> Duration {
        self.phase_duration.saturating_sub(self.phase_elapsed)
    }

    #[must_use]
    pub fn remaining(&self) -> Duration {
        self.total.saturating_sub(self.elapsed)
    }

    /// How long until the shape's level has moved by `delta` (e.g. one pixel's worth), or
    /// `None` if it will not move again before the phase ends. Exact: inverts the easing.
    #[must_use]
    pub fn until_level_moves(&self, delta: f64) -> Option<Duration> {
        if self.finished || self.level_span <= 0.0 || delta <= 0.0 {
            return None;
        }
        let f = self.phase_fraction();
        let target = ease(f) + delta / self.level_span;
        if target >= 1.0 {
            return None;
        }
        let f_next = (1.0 - 2.0 * target).acos() / std::f64::consts::PI;
        Duration::try_from_secs_f64((f_next - f).max(0.0) * self.phase_duration.as_secs_f64()).ok()
    }

    /// How much of the whole practice is done, 0 to 1.
    #[must_use]
    pub fn progress(&self) -> f64 {
        fraction(self.elapsed, self.total)
    }
}

fn fraction(part: Duration, whole: Duration) -> f64 {
    if whole.is_zero() { 1.0 } else { (part.as_secs_f64() / whole.as_secs_f64()).clamp(0.0, 1.0) }
}

impl Timeline {
    /// Lays out `pattern` over `length` (usually the pattern's own default length).
    #[must_use]
    pub fn new(pattern: &Pattern, length: Length) -> Self {
        Self { layout: Arc::new(Layout::new(pattern, length)) }
    }

    /// The length of the whole practice; minute lengths end on a complete breath.
    #[must_use]
    pub fn total(&self) -> Duration {
        self.layout.total()
    }

    /// How many breaths the whole practice has.
    #[must_use]
    pub fn total_cycles(&self) -> u64 {
        self.layout.total_cycles
    }

    /// When the ramp (if any) has reached the pattern's own durations.
    #[must_use]
    pub fn ramp_end(&self) -> Duration {
        Duration::from_nanos(self.layout.ramp_end_nanos)
    }

    /// The durations of every phase of breath `cycle` (zero-based).
    #[must_use]
    pub fn cycle_phases(&self, cycle: u64) -> Vec<Duration> {
        self.layout.phase_nanos(cycle).iter().map(|&n| Duration::from_nanos(n)).collect()
    }

    /// What is happening `elapsed` into the practice. Past the end, the final instant.
    #[must_use]
    pub fn at(&self, elapsed: Duration) -> Moment {
        self.layout.at(elapsed)
    }
}

impl Layout {
    fn new(pattern: &Pattern, length: Length) -> Self {
        let phases = pattern.phases();
        let kinds: Vec<PhaseKind> = phases.iter().map(|p| p.kind).collect();
        let target_nanos: Vec<u64> =
            phases.iter().map(|p| u64::from(p.secs.millis()) * NANOS_PER_MILLI).collect();
        let target_cycle_nanos = target_nanos.iter().sum();

        let (ramp_starts, ramp_phase_nanos, ramp_end_nanos) = match pattern.ramp() {
            Some(ramp) => {
                let from: Vec<u64> =
                    ramp.from_secs.iter().map(|s| u64::from(s.millis()) * NANOS_PER_MILLI).collect();
                lay_out_ramp(&from, &target_nanos, ramp.over)
            }
            None => (Vec::new(), Vec::new(), 0),
        };

        let mut timeline = Self {
            levels: levels(&kinds),
            kinds,
            target_nanos,
            target_cycle_nanos,
            ramp_starts,
            ramp_phase_nanos,
            ramp_end_nanos,
            total_cycles: 0,
            total_nanos: 0,
        };
        let total_cycles = match length {
            Length::Cycles(n) => u64::from(n),
            Length::Minutes(m) => timeline.cycles_nearest(u64::from(m) * NANOS_PER_MINUTE),
        };
        timeline.total_cycles = total_cycles;
        timeline.total_nanos = timeline.cycle_start(total_cycles);
        timeline
    }

    fn total(&self) -> Duration {
        Duration::from_nanos(self.total_nanos)
    }

    fn at(&self, elapsed: Duration) -> Moment {
        let finished = elapsed.as_nanos() >= u128::from(self.total_nanos);
        // Past the end, show the last instant of the last breath.
        let t = if finished {
            self.total_nanos.saturating_sub(1)
        } else {
            u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX)
        };
        let cycle = self.cycle_at(t);
        let mut offset = t - self.cycle_start(cycle);
        let phase_nanos = self.phase_nanos(cycle);
        let mut phase_index = phase_nanos.len() - 1;
        for (i, &len) in phase_nanos.iter().enumerate() {
            if offset < len {
                phase_index = i;
                break;
            }
            if i + 1 < phase_nanos.len() {
                offset -= len;
            }
        }
        let phase_len = phase_nanos[phase_index];
        let phase_elapsed = if finished { phase_len } else { offset.min(phase_len) };
        let kind = self.kinds[phase_index];
        let (from, to) = self.levels[phase_index];
        #[expect(
            clippy::cast_precision_loss,
            reason = "a fraction of one phase: nanosecond precision is plenty"
        )]
        let f = if phase_len == 0 { 1.0 } else { phase_elapsed as f64 / phase_len as f64 };
        let level = from + (to - from) * ease(f);
        #[expect(clippy::cast_precision_loss, reason = "a phase lasts at most two minutes")]
        let level_per_sec = if finished || phase_len == 0 {
            0.0
        } else {
            (to - from) * ease_slope(f) / (phase_len as f64 / 1e9)
        };
        Moment {
            phase_index,
            kind,
            phase_elapsed: Duration::from_nanos(phase_elapsed),
            phase_duration: Duration::from_nanos(phase_len),
            cycle: if finished { self.total_cycles } else { cycle },
            elapsed: if finished { self.total() } else { Duration::from_nanos(t) },
            total: self.total(),
            level,
            level_per_sec,
            level_span: if finished { 0.0 } else { (to - from).abs() },
            finished,
        }
    }

    fn ramp_cycles(&self) -> u64 {
        self.ramp_starts.len() as u64
    }

    /// When breath `cycle` (zero-based) starts; `cycle_start(total_cycles)` is the end.
    fn cycle_start(&self, cycle: u64) -> u64 {
        match usize::try_from(cycle).ok().and_then(|c| self.ramp_starts.get(c)) {
            Some(&start) => start,
            None => self
                .ramp_end_nanos
                .saturating_add((cycle - self.ramp_cycles()).saturating_mul(self.target_cycle_nanos)),
        }
    }

    /// The breath running at `t`.
    fn cycle_at(&self, t: u64) -> u64 {
        if t < self.ramp_end_nanos {
            let after = self.ramp_starts.partition_point(|&start| start <= t);
            (after as u64).saturating_sub(1)
        } else {
            self.ramp_cycles() + (t - self.ramp_end_nanos) / self.target_cycle_nanos
        }
    }

    fn phase_nanos(&self, cycle: u64) -> &[u64] {
        let n = self.kinds.len();
        match usize::try_from(cycle) {
            Ok(c) if c < self.ramp_starts.len() => &self.ramp_phase_nanos[c * n..(c + 1) * n],
            _ => &self.target_nanos,
        }
    }

    /// The whole number of breaths whose end lies nearest to `t` (at least one).
    fn cycles_nearest(&self, t: u64) -> u64 {
        let cycle = self.cycle_at(t);
        let (start, end) = (self.cycle_start(cycle), self.cycle_start(cycle + 1));
        let nearest = if t - start < end - t { cycle } else { cycle + 1 };
        nearest.max(1)
    }
}

/// Lays out the ramp's breaths: each breath's phases are interpolated linearly from `from`
/// towards `to` by how far into the ramp the breath starts. Returns the start of every
/// ramp breath, their phase durations flattened, and the end of the ramp.
fn lay_out_ramp(from: &[u64], to: &[u64], over: Length) -> (Vec<u64>, Vec<u64>, u64) {
    let mut starts = Vec::new();
    let mut phases = Vec::new();
    let mut t = 0_u64;
    let mut push_cycle = |f: f64, t: &mut u64| {
        starts.push(*t);
        for (&a, &b) in from.iter().zip(to) {
            let len = interpolate_to_millis(a, b, f);
            phases.push(len);
            *t += len;
        }
    };
    match over {
        Length::Cycles(n) => {
            for k in 0..n {
                push_cycle(f64::from(k) / f64::from(n), &mut t);
            }
        }
        Length::Minutes(m) => {
            let ramp_nanos = u64::from(m) * NANOS_PER_MINUTE;
            while t < ramp_nanos {
                #[expect(clippy::cast_precision_loss, reason = "only a fraction 0..1 is needed")]
                let f = t as f64 / ramp_nanos as f64;
                push_cycle(f, &mut t);
            }
        }
    }
    (starts, phases, t)
}

/// `a + (b - a) * f`, rounded to a whole millisecond (durations in files are milliseconds).
fn interpolate_to_millis(a: u64, b: u64, f: f64) -> u64 {
    #[expect(clippy::cast_precision_loss, reason = "phase lengths are at most 120 s")]
    let exact = (a as f64 + (b as f64 - a as f64) * f) / NANOS_PER_MILLI as f64;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "lies between two valid phase lengths"
    )]
    let millis = exact.round() as u64;
    millis * NANOS_PER_MILLI
}

/// The shape's level at the start and end of each phase: inhales fill it (to 80 % when a
/// top-up follows), top-ups finish filling, exhales empty it, holds keep it.
fn levels(kinds: &[PhaseKind]) -> Vec<(f64, f64)> {
    let pass = |start: f64| {
        let mut level = start;
        let mut out = Vec::with_capacity(kinds.len());
        for (i, kind) in kinds.iter().enumerate() {
            let end = match kind {
                PhaseKind::Inhale if kinds.get(i + 1) == Some(&PhaseKind::TopUp) => LEVEL_BEFORE_TOP_UP,
                PhaseKind::Inhale | PhaseKind::TopUp => 1.0,
                PhaseKind::Exhale => 0.0,
                PhaseKind::HoldIn | PhaseKind::HoldOut => level,
            };
            out.push((level, end));
            level = end;
        }
        out
    };
    // A breath starts where the previous one ended.
    let end_of_first = pass(0.0).last().map_or(0.0, |&(_, end)| end);
    pass(end_of_first)
}

/// Sine ease-in-out: motion starts and ends gently.
#[must_use]
pub fn ease(f: f64) -> f64 {
    0.5 - 0.5 * (std::f64::consts::PI * f.clamp(0.0, 1.0)).cos()
}

/// The derivative of [`ease`].
fn ease_slope(f: f64) -> f64 {
    0.5 * std::f64::consts::PI * (std::f64::consts::PI * f.clamp(0.0, 1.0)).sin()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::breathing::pattern::Pattern;

    fn pattern(phases: &str, extra: &str) -> Pattern {
        crate::script::parse_pattern(&format!(
            "Pattern(name: \"t\", phases: [{phases}], length: Minutes(10), {extra})"
        ))
        .expect("test pattern parses")
    }

    fn resonance() -> Pattern {
        pattern("Inhale(secs: 5.45), Exhale(secs: 5.45)", "")
    }

    #[test]
    fn an_hour_of_resonance_breathing_is_exactly_330_breaths() {
        let timeline = Timeline::new(&resonance(), Length::Minutes(60));
        let hour = Duration::from_secs(3600);
        assert_eq!(timeline.at(hour).cycle, 330);
        // 330 breaths end at 3597 s, nearer to 60 minutes than 331 (3607.9 s).
        assert_eq!(timeline.total_cycles(), 330);
        assert_eq!(timeline.total(), Duration::from_millis(330 * 10_900));
    }

    #[test]
    fn boundaries_stay_exact_after_hours() {
        let timeline = Timeline::new(&resonance(), Length::Minutes(180));
        // Breath 900 starts at exactly 900 × 10.9 s = 9810 s.
        let start = Duration::from_millis(900 * 10_900);
        let just_before = timeline.at(start.saturating_sub(Duration::from_nanos(1)));
        let at = timeline.at(start);
        assert_eq!((just_before.cycle, just_before.kind), (899, PhaseKind::Exhale));
        assert_eq!((at.cycle, at.kind, at.phase_elapsed), (900, PhaseKind::Inhale, Duration::ZERO));
        // Exhale of that breath starts 5.45 s later, to the nanosecond.
        let exhale = timeline.at(start + Duration::from_millis(5450));
        assert_eq!((exhale.kind, exhale.phase_elapsed), (PhaseKind::Exhale, Duration::ZERO));
        assert!(timeline.at(start + Duration::from_millis(5449)).kind == PhaseKind::Inhale);
    }

    #[test]
    fn phase_fraction_and_remaining() {
        let timeline = Timeline::new(&pattern("Inhale(secs: 4), Exhale(secs: 6)", ""), Length::Cycles(3));
        let m = timeline.at(Duration::from_secs(7));
        assert_eq!(m.kind, PhaseKind::Exhale);
        assert!((m.phase_fraction() - 0.5).abs() < 1e-12);
        assert_eq!(m.phase_remaining(), Duration::from_secs(3));
        assert_eq!(m.remaining(), Duration::from_secs(23));
        assert!((m.progress() - 0.7 / 3.0).abs() < 1e-12);
        assert!((m.level - 0.5).abs() < 1e-12, "half-way through the exhale the shape is half full");
    }

    #[test]
    fn cycles_length_is_exact_and_finishes() {
        let timeline = Timeline::new(
            &pattern("Inhale(secs: 4), HoldIn(secs: 7), Exhale(secs: 8)", ""),
            Length::Cycles(4),
        );
        assert_eq!(timeline.total(), Duration::from_secs(76));
        assert!(!timeline.at(Duration::from_secs(75)).finished);
        let end = timeline.at(Duration::from_secs(76));
        assert!(end.finished);
        assert_eq!(end.cycle, 4);
        assert!((end.progress() - 1.0).abs() < f64::EPSILON);
        assert!(end.level.abs() < 1e-12, "the last exhale ends empty");
        assert_eq!(timeline.at(Duration::from_secs(10_000)), end);
    }

    #[test]
    fn minute_lengths_end_on_a_complete_breath() {
        let timeline = Timeline::new(&pattern("Inhale(secs: 4), Exhale(secs: 7)", ""), Length::Minutes(1));
        // 60 / 11 = 5.45 breaths: 5 end at 55 s, 6 at 66 s; 55 s is nearer.
        assert_eq!(timeline.total_cycles(), 5);
        assert_eq!(timeline.total(), Duration::from_secs(55));
        let long = pattern("Inhale(secs: 100), Exhale(secs: 100)", "");
        assert_eq!(Timeline::new(&long, Length::Minutes(1)).total_cycles(), 1, "never zero breaths");
    }

    #[test]
    fn holds_rest_and_top_ups_finish_filling() {
        let sigh = pattern("Inhale(secs: 2.5), TopUp(secs: 0.7), HoldIn(secs: 1), Exhale(secs: 6)", "");
        let timeline = Timeline::new(&sigh, Length::Minutes(5));
        let top_of_inhale = timeline.at(Duration::from_millis(2500));
        assert_eq!(top_of_inhale.kind, PhaseKind::TopUp);
        assert!((top_of_inhale.level - LEVEL_BEFORE_TOP_UP).abs() < 1e-12);
        let hold = timeline.at(Duration::from_millis(3700));
        assert_eq!(hold.kind, PhaseKind::HoldIn);
        assert!((hold.level - 1.0).abs() < 1e-12);
        assert!(hold.level_per_sec.abs() < f64::EPSILON);
        assert!(timeline.at(Duration::from_millis(1250)).level_per_sec > 0.0);
        assert!(timeline.at(Duration::from_millis(7000)).level_per_sec < 0.0);
    }

    #[test]
    fn a_ramp_reaches_its_target_exactly_at_its_end() {
        let slow_down =
            pattern("Inhale(secs: 4), Exhale(secs: 8)", "ramp: Ramp(from_secs: [4, 4], over: Minutes(5))");
        let timeline = Timeline::new(&slow_down, Length::Minutes(10));
        let first = timeline.cycle_phases(0);
        assert_eq!(first, [Duration::from_secs(4), Duration::from_secs(4)]);
        let end = timeline.ramp_end();
        assert!(end >= Duration::from_secs(300) && end < Duration::from_secs(312));
        let at_end = timeline.at(end);
        assert_eq!((at_end.kind, at_end.phase_elapsed), (PhaseKind::Inhale, Duration::ZERO));
        assert_eq!(timeline.cycle_phases(at_end.cycle), [Duration::from_secs(4), Duration::from_secs(8)]);
        // Just before, the last ramp breath is nearly there but not quite.
        let last = timeline.cycle_phases(at_end.cycle - 1);
        assert!(last[1] < Duration::from_secs(8) && last[1] > Duration::from_millis(7800), "{last:?}");
        // Exhales only lengthen along the way.
        let exhales: Vec<Duration> = (0..at_end.cycle).map(|c| timeline.cycle_phases(c)[1]).collect();
        assert!(exhales.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn a_ramp_over_breaths_counts_breaths() {
        let p = pattern("Inhale(secs: 4), Exhale(secs: 8)", "ramp: Ramp(from_secs: [4, 4], over: Cycles(4))");
        let timeline = Timeline::new(&p, Length::Cycles(6));
        let exhales: Vec<u64> =
            (0..6).map(|c| u64::try_from(timeline.cycle_phases(c)[1].as_millis()).expect("small")).collect();
        assert_eq!(exhales, [4000, 5000, 6000, 7000, 8000, 8000]);
        assert_eq!(timeline.total(), Duration::from_secs(4 * 6 + 4 + 5 + 6 + 7 + 8 + 8));
        assert_eq!(timeline.at(Duration::from_secs(8 + 9)).cycle, 2);
    }

    #[test]
    fn until_level_moves_inverts_the_easing() {
        let timeline = Timeline::new(&pattern("Inhale(secs: 4), Exhale(secs: 6)", ""), Length::Cycles(3));
        for ms in [0, 1, 500, 2000, 3500, 4000, 7000] {
            let now = timeline.at(Duration::from_millis(ms));
            let wait = now.until_level_moves(0.01).expect("moves again within the phase");
            let later = timeline.at(Duration::from_millis(ms) + wait);
            assert!(((later.level - now.level).abs() - 0.01).abs() < 1e-6, "at {ms} ms");
        }
        let near_top = timeline.at(Duration::from_millis(3999));
        assert_eq!(near_top.until_level_moves(0.01), None, "less than a step left in the phase");
    }
}
