//! Finding and correcting artefacts in a series of RR intervals: missed beats (one interval
//! twice as long), extra beats (one interval split in two), ectopic beats (a short interval
//! followed by a long one, or the reverse) and other long or short intervals.
//!
//! The method is Lipponen & Tarvainen, "A robust algorithm for heart rate variability time
//! series artefact correction using novel beat classification", Journal of Medical
//! Engineering & Technology 43(3):173–181, 2019: the one Kubios uses and neurokit2 implements
//! as `signal_fixpeaks(method="Kubios")`. This module follows neurokit2 0.3.0 step by step,
//! so both find the same artefacts (checked by `core/tests/hrv_reference.rs`):
//!
//! 1. `dRR`, the successive differences, is divided by a time-varying threshold
//!    `Th1 = α × QD(|dRR|)`, the quartile deviation `(Q3 − Q1)/2` over the 91 beats around
//!    each beat (α = 5.2).
//! 2. `mRR`, each interval minus the median of the 11 around it (negative values doubled), is
//!    divided likewise by `Th2 = α × QD(|mRR|)`.
//! 3. Each beat whose normalised `|dRR|` exceeds 1 is classified by where it falls in two
//!    planes, `(dRR, S12)` for ectopic beats and `(dRR, S22)` for long and short ones; a long
//!    one near twice the median is a missed beat, a short one that sums with the next to near
//!    the median is an extra beat.
//! 4. Extra beats are removed, missed beats put back midway, and ectopic, long and short
//!    beats moved midway between their neighbours.
//! 5. Steps 1–4 are repeated while each pass finds fewer artefacts than the one before.
//!
//! Beats are numbered as neurokit2 numbers its peaks: beat 0 starts the first interval, and
//! beat `j` ends interval `j − 1` of the series given.

#![allow(clippy::cast_precision_loss, reason = "counts of beats are far below 2^52")]

use std::cmp::Ordering;

/// The threshold multiplier α.
const ALPHA: f64 = 5.2;
/// The beats in the window of the quartile thresholds.
const THRESHOLD_WINDOW_BEATS: usize = 91;
/// The beats in the window of the running median.
const MEDIAN_WINDOW_BEATS: usize = 11;
/// The ectopic decision boundary in the (dRR, S12) plane: `S12 = −c1 × dRR ± c2`.
const C1: f64 = 0.13;
const C2: f64 = 0.17;
/// Shorter series are left as they are: the method needs neighbours on both sides.
pub const MIN_INTERVALS: usize = 3;
/// Past this share of beats corrected, a stretch of signal is too poor to trust.
pub const POOR_SIGNAL_FRACTION: f64 = 0.05;

/// The kind of an artefact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArtefactKind {
    /// A premature beat and its compensatory pause (or the reverse): the beat is moved.
    Ectopic,
    /// A beat the sensor did not see: one interval about twice the usual. A beat is added.
    Missed,
    /// A beat that is not one (noise, a T wave): two short intervals. The beat is removed.
    Extra,
    /// An interval too long or too short for any of the above: the beat is moved.
    LongShort,
}

/// The artefacts found in one pass, as beat numbers in that pass's input (see the module
/// comment), each list rising.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Artefacts {
    pub ectopic: Vec<usize>,
    pub missed: Vec<usize>,
    pub extra: Vec<usize>,
    pub long_short: Vec<usize>,
}

impl Artefacts {
    /// How many artefacts, of all kinds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ectopic.len() + self.missed.len() + self.extra.len() + self.long_short.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How many beats of each kind were corrected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CorrectedCounts {
    pub ectopic: usize,
    pub missed: usize,
    pub extra: usize,
    pub long_short: usize,
}

impl CorrectedCounts {
    #[must_use]
    pub fn total(&self) -> usize {
        self.ectopic + self.missed + self.extra + self.long_short
    }

    /// The count of one kind.
    #[must_use]
    pub fn of(&self, kind: ArtefactKind) -> usize {
        match kind {
            ArtefactKind::Ectopic => self.ectopic,
            ArtefactKind::Missed => self.missed,
            ArtefactKind::Extra => self.extra,
            ArtefactKind::LongShort => self.long_short,
        }
    }
}

/// A corrected series.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    /// The corrected intervals (ms). One longer per missed beat, one shorter per extra beat.
    pub rr_ms: Vec<f64>,
    /// For each corrected interval, whether correction made or moved the beat that ends it.
    pub corrected: Vec<bool>,
    /// The artefacts of each pass that found any, in the numbering of that pass's input.
    pub passes: Vec<Artefacts>,
    /// The beats corrected, by kind, over all passes. A missed, ectopic or long/short beat
    /// among the first two or the last is found but cannot be corrected (it lacks a
    /// neighbour) and is not counted.
    pub counts: CorrectedCounts,
    /// The number of intervals given.
    pub input_len: usize,
}

impl Correction {
    /// A series left as it was (for `--no-correction`, or one too short to correct).
    #[must_use]
    pub fn unchanged(rr_ms: &[f64]) -> Self {
        Self {
            rr_ms: rr_ms.to_vec(),
            corrected: vec![false; rr_ms.len()],
            passes: Vec::new(),
            counts: CorrectedCounts::default(),
            input_len: rr_ms.len(),
        }
    }

    #[must_use]
    pub fn beats_corrected(&self) -> usize {
        self.counts.total()
    }

    /// The share of the given beats that were corrected, 0 to 1 (0 for an empty series).
    #[must_use]
    pub fn fraction_corrected(&self) -> f64 {
        if self.input_len == 0 { 0.0 } else { self.beats_corrected() as f64 / self.input_len as f64 }
    }

    /// More than [`POOR_SIGNAL_FRACTION`] of the beats needed correcting.
    #[must_use]
    pub fn signal_poor(&self) -> bool {
        self.fraction_corrected() > POOR_SIGNAL_FRACTION
    }
}

/// Finds the artefacts in `rr_ms` in one pass, without correcting them (neurokit2's
/// `signal_fixpeaks(..., iterative=False, method="Kubios")` info lists).
#[must_use]
pub fn detect(rr_ms: &[f64]) -> Artefacts {
    if rr_ms.len() < MIN_INTERVALS {
        return Artefacts::default();
    }
    find_artefacts(&beat_times(rr_ms))
}

/// Finds and corrects artefacts, pass after pass while each pass finds fewer than the last
/// (neurokit2's `iterative=True`).
#[must_use]
pub fn correct(rr_ms: &[f64]) -> Correction {
    if rr_ms.len() < MIN_INTERVALS {
        return Correction::unchanged(rr_ms);
    }
    let input_len = rr_ms.len();
    let mut beats: Vec<Beat> =
        beat_times(rr_ms).into_iter().map(|at_ms| Beat { at_ms, corrected: false }).collect();
    let mut passes = Vec::new();
    let mut counts = CorrectedCounts::default();
    // Like neurokit2: a pass is applied only while it finds fewer than the pass before.
    let mut found = find_artefacts(&times(&beats));
    let mut previous = usize::MAX;
    while !found.is_empty() && found.len() < previous {
        let applied = apply(&found, &mut beats);
        counts.ectopic += applied.ectopic;
        counts.missed += applied.missed;
        counts.extra += applied.extra;
        counts.long_short += applied.long_short;
        previous = found.len();
        passes.push(found);
        found = find_artefacts(&times(&beats));
    }
    Correction {
        rr_ms: beats.windows(2).map(|w| w[1].at_ms - w[0].at_ms).collect(),
        corrected: beats.iter().skip(1).map(|b| b.corrected).collect(),
        passes,
        counts,
        input_len,
    }
}

#[derive(Debug, Clone, Copy)]
struct Beat {
    at_ms: f64,
    corrected: bool,
}

fn times(beats: &[Beat]) -> Vec<f64> {
    beats.iter().map(|b| b.at_ms).collect()
}

/// Beat times (ms) from intervals: 0, then the running sum.
fn beat_times(rr_ms: &[f64]) -> Vec<f64> {
    std::iter::once(0.0)
        .chain(rr_ms.iter().scan(0.0, |t, rr| {
            *t += rr;
            Some(*t)
        }))
        .collect()
}

/// One pass of classification over beat times (neurokit2's `_find_artifacts`). Fewer than
/// four beats ([`MIN_INTERVALS`] + 1) have no artefacts to find; a correction pass that
/// removes extra beats can leave that few.
fn find_artefacts(beats_ms: &[f64]) -> Artefacts {
    let n = beats_ms.len();
    if n < MIN_INTERVALS + 1 {
        return Artefacts::default();
    }
    // rr[j] ends at beat j; rr[0] stands in as the mean of the others. In seconds, as in
    // neurokit2, so that a difference lying exactly on a threshold (whole-millisecond data
    // makes that happen) falls on the same side: `(a − b) / 1000` of exact millisecond times is
    // the very double neurokit2 gets from whole microseconds over 10⁶.
    let mut rr: Vec<f64> =
        (0..n).map(|j| if j == 0 { 0.0 } else { (beats_ms[j] - beats_ms[j - 1]) / 1000.0 }).collect();
    rr[0] = mean(&rr[1..]);
    let mut drrs: Vec<f64> = (0..n).map(|j| if j == 0 { 0.0 } else { rr[j] - rr[j - 1] }).collect();
    drrs[0] = mean(&drrs[1..]);

    let th1 = threshold(&drrs);
    for (d, th) in drrs.iter_mut().zip(&th1) {
        *d = if *th == 0.0 { f64::NAN } else { *d / th };
    }
    // The subspaces, on dRR mirrored by two beats at each end (numpy's "reflect" padding:
    // d2 d1 | d0 … dn−1 | dn−2 dn−3), so `pad[j + 2]` is `drrs[j]`.
    let pad: Vec<f64> = [drrs[2], drrs[1]]
        .into_iter()
        .chain(drrs.iter().copied())
        .chain([drrs[n - 2], drrs[n - 3]])
        .collect();
    let s12: Vec<f64> = (0..n)
        .map(|j| {
            let (before, d, after) = (pad[j + 1], pad[j + 2], pad[j + 3]);
            if d > 0.0 {
                nan_max(before, after)
            } else if d < 0.0 {
                nan_min(before, after)
            } else {
                0.0
            }
        })
        .collect();
    let s22: Vec<f64> = (0..n)
        .map(|j| {
            let (d, next, after_next) = (pad[j + 2], pad[j + 3], pad[j + 4]);
            if d >= 0.0 {
                nan_min(next, after_next)
            } else if d < 0.0 {
                nan_max(next, after_next)
            } else {
                0.0
            }
        })
        .collect();

    let medrr = rolling_quantile(&rr, MEDIAN_WINDOW_BEATS, 0.5);
    let mut mrrs: Vec<f64> = rr.iter().zip(&medrr).map(|(r, m)| r - m).collect();
    for m in &mut mrrs {
        if *m < 0.0 {
            *m *= 2.0;
        }
    }
    let th2 = threshold(&mrrs);
    for (m, th) in mrrs.iter_mut().zip(&th2) {
        *m = if *th == 0.0 { f64::NAN } else { *m / th };
    }

    let mut found = Artefacts::default();
    let mut i = 0;
    while i + 2 < n {
        if drrs[i].abs() <= 1.0 {
            i += 1;
            continue;
        }
        let ectopic_up = drrs[i] > 1.0 && s12[i] < -C1 * drrs[i] - C2;
        let ectopic_down = drrs[i] < -1.0 && s12[i] > -C1 * drrs[i] + C2;
        if ectopic_up || ectopic_down {
            found.ectopic.push(i);
            i += 1;
            continue;
        }
        if !(drrs[i].abs() > 1.0 || mrrs[i].abs() > 3.0) {
            i += 1;
            continue;
        }
        let mut candidates = vec![i];
        if drrs[i + 1].abs() < drrs[i + 2].abs() {
            candidates.push(i + 1);
        }
        for j in candidates {
            let long = drrs[j] > 1.0 && s22[j] < -1.0;
            let long_or_short = mrrs[j].abs() > 3.0;
            let short = drrs[j] < -1.0 && s22[j] > 1.0;
            i += 1;
            if !(long || long_or_short || short) {
                continue;
            }
            let missed = (rr[j] / 2.0 - medrr[j]).abs() < th2[j];
            let extra = (rr[j] + rr[j + 1] - medrr[j]).abs() < th2[j];
            if short && extra {
                found.extra.push(j);
            } else if long && missed {
                found.missed.push(j);
            } else {
                found.long_short.push(j);
            }
        }
    }
    found
}

/// `α × (Q3 − Q1) / 2` of `|x|` over a centred window (neurokit2's `_compute_threshold`).
fn threshold(x: &[f64]) -> Vec<f64> {
    let magnitudes: Vec<f64> = x.iter().map(|v| v.abs()).collect();
    let q1 = rolling_quantile(&magnitudes, THRESHOLD_WINDOW_BEATS, 0.25);
    let q3 = rolling_quantile(&magnitudes, THRESHOLD_WINDOW_BEATS, 0.75);
    // In neurokit2's order of operations, to round alike.
    q1.iter().zip(&q3).map(|(q1, q3)| ALPHA * ((q3 - q1) / 2.0)).collect()
}

/// The `q` quantile of each centred window of `window` (odd) values, shrinking at the ends,
/// with linear interpolation between order statistics: pandas'
/// `rolling(window, center=True, min_periods=1).quantile(q)`.
fn rolling_quantile(x: &[f64], window: usize, q: f64) -> Vec<f64> {
    let half = window / 2;
    let mut sorted: Vec<f64> = Vec::with_capacity(window);
    let (mut lo, mut hi) = (0, 0); // `sorted` holds x[lo..hi]
    let mut out = Vec::with_capacity(x.len());
    for i in 0..x.len() {
        let (want_lo, want_hi) = (i.saturating_sub(half), (i + half + 1).min(x.len()));
        while hi < want_hi {
            let at = sorted.partition_point(|v| v.total_cmp(&x[hi]) == Ordering::Less);
            sorted.insert(at, x[hi]);
            hi += 1;
        }
        while lo < want_lo {
            if let Ok(at) = sorted.binary_search_by(|v| v.total_cmp(&x[lo])) {
                sorted.remove(at);
            }
            lo += 1;
        }
        let position = q * (sorted.len() - 1) as f64;
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0 ≤ position < len")]
        let below = position.floor() as usize;
        let above = (below + 1).min(sorted.len() - 1);
        out.push(sorted[below] + (sorted[above] - sorted[below]) * (position - below as f64));
    }
    out
}

fn mean(x: &[f64]) -> f64 {
    if x.is_empty() { 0.0 } else { x.iter().sum::<f64>() / x.len() as f64 }
}

/// `max` that is NaN when either is (numpy's `np.max`), where `f64::max` would drop a NaN.
fn nan_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() { f64::NAN } else { a.max(b) }
}

fn nan_min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() { f64::NAN } else { a.min(b) }
}

/// Applies one pass's corrections to `beats` (neurokit2's `_correct_artifacts`) and returns
/// how many of each kind it applied.
fn apply(found: &Artefacts, beats: &mut Vec<Beat>) -> CorrectedCounts {
    let mut applied = CorrectedCounts::default();
    let mut missed = found.missed.clone();
    let mut ectopic = found.ectopic.clone();
    let mut long_short = found.long_short.clone();

    if !found.extra.is_empty() {
        let removed: Vec<usize> = found.extra.iter().copied().filter(|&j| j < beats.len()).collect();
        applied.extra = removed.len();
        let mut kept = Vec::with_capacity(beats.len());
        let mut merge_next = false;
        for (j, beat) in beats.iter().enumerate() {
            if removed.binary_search(&j).is_ok() {
                merge_next = true;
            } else {
                kept.push(Beat { at_ms: beat.at_ms, corrected: beat.corrected || merge_next });
                merge_next = false;
            }
        }
        *beats = kept;
        missed = shift_after(&found.extra, &missed, -1);
        ectopic = shift_after(&found.extra, &ectopic, -1);
        long_short = shift_after(&found.extra, &long_short, -1);
    }
    if !missed.is_empty() {
        let valid: Vec<usize> = missed.iter().copied().filter(|&j| j > 1 && j < beats.len()).collect();
        applied.missed = valid.len();
        let mut with_added = Vec::with_capacity(beats.len() + valid.len());
        for (j, beat) in beats.iter().enumerate() {
            if valid.binary_search(&j).is_ok() {
                let previous = beats[j - 1].at_ms;
                with_added.push(Beat { at_ms: previous + (beat.at_ms - previous) / 2.0, corrected: true });
            }
            with_added.push(*beat);
        }
        *beats = with_added;
        ectopic = shift_after(&missed, &ectopic, 1);
        long_short = shift_after(&missed, &long_short, 1);
    }
    applied.ectopic = move_midway(&ectopic, beats);
    applied.long_short = move_midway(&long_short, beats);
    applied
}

/// Moves each beat to the middle of its neighbours (all computed before any moves), then
/// puts the beats back in time order. Returns how many moved.
fn move_midway(indices: &[usize], beats: &mut [Beat]) -> usize {
    let valid: Vec<usize> = indices.iter().copied().filter(|&j| j > 1 && j + 1 < beats.len()).collect();
    let moved: Vec<(usize, f64)> = valid
        .iter()
        .map(|&j| (j, beats[j - 1].at_ms + (beats[j + 1].at_ms - beats[j - 1].at_ms) / 2.0))
        .collect();
    for &(j, at_ms) in &moved {
        beats[j] = Beat { at_ms, corrected: true };
    }
    beats.sort_by(|a, b| a.at_ms.total_cmp(&b.at_ms));
    moved.len()
}

/// For each index of `changed` in turn, shifts by `by` every index in `indices` that is
/// (by then) above it; then sorts and removes duplicates. This is neurokit2's
/// `_update_indices` exactly: each comparison is with the already shifted index, so after
/// several removals an index can stop one short of a plain count of those below it.
fn shift_after(changed: &[usize], indices: &[usize], by: isize) -> Vec<usize> {
    let mut shifted = indices.to_vec();
    for &s in changed {
        for u in &mut shifted {
            if *u > s {
                *u = u.saturating_add_signed(by);
            }
        }
    }
    shifted.sort_unstable();
    shifted.dedup();
    shifted
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The series of the research notes: `round(1000 + 50 sin(2πi/10) + 20 sin(2πi/3.7))`.
    fn golden() -> Vec<f64> {
        (0..120)
            .map(|i| {
                let i = f64::from(i);
                let tau = std::f64::consts::TAU;
                (1000.0 + 50.0 * (tau * i / 10.0).sin() + 20.0 * (tau * i / 3.7).sin()).round()
            })
            .collect()
    }

    /// The golden series with an ectopic pair at 30–31, a missed beat at 60 and an extra at 90.
    fn golden_with_artefacts() -> Vec<f64> {
        let mut bad = golden();
        bad[30] -= 300.0;
        bad[31] += 300.0;
        bad[60] += bad[61];
        bad.remove(61);
        let x = bad[90];
        bad.splice(90..91, [400.0, x - 400.0]);
        bad
    }

    #[test]
    fn a_clean_series_is_left_alone() {
        let rr = golden();
        let c = correct(&rr);
        assert_eq!(c.rr_ms, rr);
        assert_eq!(c.beats_corrected(), 0);
        assert!(!c.signal_poor());
        assert!(detect(&rr).is_empty());
    }

    #[test]
    fn classifies_each_artefact_as_neurokit2_does() {
        // neurokit2 0.3.0, single pass: ectopic [32], missed [61], extra [91], longshort [31, 92].
        let found = detect(&golden_with_artefacts());
        assert_eq!(found.ectopic, vec![32]);
        assert_eq!(found.missed, vec![61]);
        assert_eq!(found.extra, vec![91]);
        assert_eq!(found.long_short, vec![31, 92]);
    }

    #[test]
    fn corrects_them_as_neurokit2_does() {
        let c = correct(&golden_with_artefacts());
        // neurokit2 0.3.0, iterative (its peaks are whole milliseconds, so within 1 ms).
        let expect = [
            (28, &[944.0, 954.0, 950.0, 950.0, 1112.0, 1113.0][..]),
            (58, &[935.0, 964.0, 1025.0, 1026.0, 1028.0][..]),
            (88, &[933.0, 977.0, 1018.0, 1025.0, 1026.0][..]),
        ];
        for (start, values) in expect {
            for (k, v) in values.iter().enumerate() {
                let got = c.rr_ms[start + k];
                assert!((got - v).abs() <= 1.0, "rr[{}] = {got}, neurokit2 {v}", start + k);
            }
        }
        assert_eq!(c.rr_ms.len(), 120);
        // Five in the first pass, then the ectopic pair's long side once more.
        assert_eq!(c.passes.len(), 2, "{:?}", c.passes);
        assert_eq!(c.beats_corrected(), 6, "{:?}", c.counts);
        assert_eq!(c.counts.of(ArtefactKind::Missed), 1);
        assert_eq!(c.counts.of(ArtefactKind::Extra), 1);
        // Time is kept: the corrected beats span what the given ones did.
        let sum = |x: &[f64]| x.iter().sum::<f64>();
        assert!((sum(&c.rr_ms) - sum(&golden_with_artefacts())).abs() < 1e-6);
    }

    #[test]
    fn marks_the_corrected_beats() {
        let c = correct(&golden_with_artefacts());
        let marked: Vec<usize> = (0..c.corrected.len()).filter(|&i| c.corrected[i]).collect();
        // The missed beat added (interval 60) and those moved around 30 and 90.
        assert!(marked.contains(&60), "{marked:?}");
        assert!(marked.iter().any(|i| (29..=33).contains(i)), "{marked:?}");
        assert!(marked.iter().any(|i| (89..=92).contains(i)), "{marked:?}");
        assert!(marked.len() <= c.beats_corrected(), "{marked:?}");
    }

    #[test]
    fn a_steady_series_with_one_glitch_has_no_spread_to_judge_by() {
        // All differences zero: the thresholds are zero, nothing is normalised, nothing found
        // (as in neurokit2, where they become NaN), and nothing panics.
        let mut rr = vec![1000.0; 50];
        assert!(detect(&rr).is_empty());
        rr[25] = 400.0;
        let c = correct(&rr);
        assert_eq!(c.rr_ms.len(), 50);
    }

    #[test]
    fn short_series_are_returned_unchanged() {
        for rr in [&[][..], &[800.0][..], &[800.0, 1600.0][..]] {
            let c = correct(rr);
            assert_eq!(c.rr_ms, rr);
            assert_eq!(c.beats_corrected(), 0);
            assert!(detect(rr).is_empty());
        }
    }

    #[test]
    fn more_than_five_percent_corrected_is_poor_signal() {
        let mut rr = golden();
        for at in [10, 30, 50, 70, 90, 110] {
            rr[at] += rr[at + 1];
            rr[at + 1] = 0.0;
        }
        rr.retain(|&v| v > 0.0);
        let c = correct(&rr);
        assert_eq!(c.counts.missed, 6, "{:?}", c.passes);
        assert!(c.fraction_corrected() > POOR_SIGNAL_FRACTION, "{}", c.fraction_corrected());
        assert!(c.signal_poor());
        // Six of 120 is exactly 5 %: not yet poor.
        assert_eq!(correct(&golden_with_artefacts()).beats_corrected(), 6);
        assert!(!correct(&golden_with_artefacts()).signal_poor());
    }

    #[test]
    fn never_panics_and_keeps_time_on_any_short_or_odd_series() {
        // A small generator, so the series are the same on every run.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let picks = [1000.0, 400.0, 600.0, 2000.0, 150.0, 3000.0, 999.0, 1001.0];
        for _ in 0..3000 {
            let len = usize::try_from(next() % 14).unwrap();
            let rr: Vec<f64> = (0..len).map(|_| picks[usize::try_from(next() % 8).unwrap()]).collect();
            let c = correct(&rr);
            let sum = |x: &[f64]| x.iter().sum::<f64>();
            // The last beat stays put, so time is kept, unless beat 0 itself was an extra beat.
            if c.passes.iter().all(|p| !p.extra.contains(&0)) {
                assert!((sum(&c.rr_ms) - sum(&rr)).abs() < 1e-6, "{rr:?} → {:?}", c.rr_ms);
            } else {
                assert!(sum(&c.rr_ms) < sum(&rr), "{rr:?} → {:?}", c.rr_ms);
            }
            assert_eq!(c.corrected.len(), c.rr_ms.len());
            let _ = detect(&rr);
        }
        for odd in [&[f64::NAN, 800.0, 900.0, 1000.0][..], &[-5.0, 0.0, 1e300, 800.0, 800.0, 800.0]] {
            let _ = correct(odd);
        }
    }

    #[test]
    fn rolling_quantile_matches_pandas_at_the_edges() {
        // pandas: Series([5, 1, 4, 2, 3]).rolling(3, center=True, min_periods=1).median()
        // → 3.0, 4.0, 2.0, 3.0, 2.5
        assert_eq!(rolling_quantile(&[5.0, 1.0, 4.0, 2.0, 3.0], 3, 0.5), vec![3.0, 4.0, 2.0, 3.0, 2.5]);
        // .rolling(5, ...).quantile(0.25) → 2.5, 1.75, 2.0, 1.75, 2.5
        assert_eq!(rolling_quantile(&[5.0, 1.0, 4.0, 2.0, 3.0], 5, 0.25), vec![2.5, 1.75, 2.0, 1.75, 2.5]);
    }

    #[test]
    fn index_shifts_follow_neurokit2() {
        assert_eq!(shift_after(&[5], &[3, 7, 9], -1), vec![3, 6, 8]);
        assert_eq!(shift_after(&[5, 8], &[9, 3], 1), vec![3, 11]);
        assert_eq!(shift_after(&[5], &[6, 7], -1), vec![5, 6]);
        // neurokit2: _update_indices([0, 1], [2, 3], -1) == [1] (not [0, 1]).
        assert_eq!(shift_after(&[0, 1], &[2, 3], -1), vec![1]);
    }
}
