//! Finding a person's breathing rate: the resonance-frequency assessment of Lehrer, Vaschillo
//! & Vaschillo (2000, *Applied Psychophysiology and Biofeedback* 25:177–191) as Shaffer &
//! Meehan describe it (2020, *Frontiers in Neuroscience* 14:570400).
//!
//! The person follows a pacer at 6.5, 6, 5.5, 5 and 4.5 breaths a minute, two minutes each.
//! At one of these rates (for most adults) the heart's rise on the inhale and fall on the
//! exhale grows largest, because the breath and the blood-pressure reflex swing together.
//! Each rate is scored on three of the criteria clinicians use, after dropping the first
//! 20 s of the rate (while the person settles into it) and correcting artefacts:
//!
//! - **LF power** of the RR intervals (ms², 0.04–0.15 Hz): a Hann periodogram of the whole
//!   rate, zero-padded to at least 1024 points (see [`super::spectrum`]);
//! - **peak-to-trough**: the heart rate's highest minus lowest value in each breath of the
//!   pacer, averaged over the complete breaths (bpm); the heart rate is `60 000 / RR`,
//!   placed at the middle of its interval and resampled at 4 Hz;
//! - **phase** of the heart rate against the pacer's lung volume at the breathing frequency:
//!   `arg Σ HR(t) e^(−iωt) − arg Σ V(t) e^(−iωt)`, both detrended, in degrees; 0° means the
//!   heart speeds up through the inhale and peaks at its end, as it does at resonance.
//!   Positive means the heart leads the breath. With no breathing belt, the pacer stands for
//!   the breath, so the person's own lag behind the pacer is part of the phase.
//!
//! A rate also records whether its strongest LF rhythm is within 0.01 Hz of the pacer's
//! (whether the person followed it). The best rate has the highest combined score, the mean
//! of `LF / best LF`, `peak-to-trough / best peak-to-trough` and `(1 + cos phase) / 2`,
//! among the rates that were followed (among all, if none was). The equal weights are
//! Unbrace's choice; the per-rate figures are shown so a person can judge for themselves.

#![allow(clippy::cast_precision_loss, reason = "sample counts are far below 2^52")]

use std::f64::consts::TAU;

use super::beat_clock::{TimedBeat, longest_unbroken};
use super::correction::correct;
use super::resample::{RESAMPLE_HZ, resample};
use super::spectrum::{LF_BAND_HZ, MIN_SPAN_SECS, welch};
use crate::breathing::timeline::ease;

/// The rates of the assessment, in the order they are practised (breaths per minute).
pub const ASSESSMENT_RATES_PER_MIN: [f64; 5] = [6.5, 6.0, 5.5, 5.0, 4.5];
/// How long each rate is practised.
pub const RATE_SECS: f64 = 120.0;
/// The start of each rate that is left out of its score.
pub const SETTLE_SECS: f64 = 20.0;
/// The inhale's share of each breath: a longer exhale, as in all of Unbrace's breathing.
pub const INHALE_FRACTION: f64 = 0.4;
/// A rate whose strongest LF rhythm is further than this from the pacer was not followed.
const FOLLOWED_WITHIN_HZ: f64 = 0.01;
/// The fewest points of the periodogram.
const MIN_FFT_POINTS: usize = 1024;

/// One rate of the assessment: a pacer running from `start_secs` for `duration_secs`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Epoch {
    pub breaths_per_min: f64,
    /// The inhale's share of each breath, 0 to 1.
    pub inhale_fraction: f64,
    /// When the first inhale begins (session time).
    pub start_secs: f64,
    pub duration_secs: f64,
}

impl Epoch {
    /// The assessment's rates back to back from `start_secs`, two minutes each.
    #[must_use]
    pub fn plan(start_secs: f64) -> Vec<Self> {
        ASSESSMENT_RATES_PER_MIN
            .iter()
            .enumerate()
            .map(|(i, &breaths_per_min)| Self {
                breaths_per_min,
                inhale_fraction: INHALE_FRACTION,
                start_secs: start_secs + i as f64 * RATE_SECS,
                duration_secs: RATE_SECS,
            })
            .collect()
    }

    /// One breath (s).
    #[must_use]
    pub fn breath_secs(&self) -> f64 {
        60.0 / self.breaths_per_min
    }

    /// The pacer's lung volume at `at_secs`: 0 as each inhale begins, 1 as it ends, eased as
    /// the breathing shape on screen is ([`ease`]).
    #[must_use]
    pub fn lung_volume(&self, at_secs: f64) -> f64 {
        let breath = self.breath_secs();
        let into = (at_secs - self.start_secs).rem_euclid(breath);
        let inhale = breath * self.inhale_fraction.clamp(0.05, 0.95);
        if into < inhale { ease(into / inhale) } else { 1.0 - ease((into - inhale) / (breath - inhale)) }
    }
}

/// The figures of one rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateScore {
    pub breaths_per_min: f64,
    pub lf_ms2: f64,
    /// The strongest rhythm in the LF band (Hz).
    pub lf_peak_hz: Option<f64>,
    pub peak_to_trough_bpm: f64,
    /// The heart rate's phase against the breath (degrees, −180 to 180; positive leads).
    pub phase_deg: f64,
    /// The strongest LF rhythm is the pacer's.
    pub followed_pacer: bool,
    /// Beats scored, and how many of them the artefact correction changed.
    pub beats: usize,
    pub beats_corrected: usize,
}

/// A rate's figures, or why it has none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RateResult {
    Scored(RateScore),
    /// After the settling time the longest unbroken stretch of beats lasts `have_secs`; a
    /// score needs `need_secs`.
    TooShort {
        breaths_per_min: f64,
        have_secs: f64,
        need_secs: f64,
    },
}

/// Scores one rate from the session's beats (any beats outside the rate are ignored).
#[must_use]
pub fn score_rate(epoch: &Epoch, beats: &[TimedBeat]) -> RateResult {
    let from = epoch.start_secs + SETTLE_SECS;
    let to = epoch.start_secs + epoch.duration_secs;
    let inside: Vec<TimedBeat> =
        beats.iter().copied().filter(|b| b.at_secs >= from && b.at_secs <= to).collect();
    let stretch = longest_unbroken(&inside);
    let too_short = |have_secs| RateResult::TooShort {
        breaths_per_min: epoch.breaths_per_min,
        have_secs,
        need_secs: MIN_SPAN_SECS,
    };
    let (Some(first), Some(last)) = (stretch.first(), stretch.last()) else {
        return too_short(0.0);
    };
    if last.at_secs - first.at_secs < MIN_SPAN_SECS {
        return too_short(last.at_secs - first.at_secs);
    }

    let rr: Vec<f64> = stretch.iter().map(|b| b.rr_ms).collect();
    let correction = correct(&rr);
    // Beat times again, back from the last beat (which correction never moves).
    let mut at_secs = last.at_secs;
    let mut times: Vec<f64> = correction
        .rr_ms
        .iter()
        .rev()
        .map(|rr_ms| {
            let at = at_secs;
            at_secs -= rr_ms / 1000.0;
            at
        })
        .collect();
    times.reverse();
    let rr_samples = resample(&times, &correction.rr_ms, RESAMPLE_HZ);
    // Each interval's rate stands for the heart over the whole interval: place it at the
    // middle, or the curve would lag the heart by half a beat (16° of phase at 5.5/min).
    let middles: Vec<f64> =
        times.iter().zip(&correction.rr_ms).map(|(at, rr_ms)| at - rr_ms / 2000.0).collect();
    let hr: Vec<f64> = correction.rr_ms.iter().map(|rr_ms| 60_000.0 / rr_ms).collect();
    let hr_samples = resample(&middles, &hr, RESAMPLE_HZ);
    let (Some(&t0), Some(last_sample)) = (middles.first(), hr_samples.len().checked_sub(1)) else {
        return too_short(0.0);
    };
    let sample_at = |k: usize| t0 + k as f64 / RESAMPLE_HZ;

    let fft_points = rr_samples.len().next_power_of_two().max(MIN_FFT_POINTS);
    let (lf_ms2, lf_peak_hz) = welch(&rr_samples, RESAMPLE_HZ, rr_samples.len(), fft_points)
        .map_or((0.0, None), |psd| (psd.band_power(LF_BAND_HZ), psd.peak_in(LF_BAND_HZ).map(|(hz, _)| hz)));
    let pacer_hz = epoch.breaths_per_min / 60.0;

    // Whole breaths of the pacer within the samples.
    let breath = epoch.breath_secs();
    let first_breath = ((t0 - epoch.start_secs) / breath).ceil();
    let last_time = sample_at(last_sample);
    let mut swings = Vec::new();
    let mut whole = (usize::MAX, 0);
    let mut n = first_breath;
    while epoch.start_secs + (n + 1.0) * breath <= last_time {
        let (begin, end) = (epoch.start_secs + n * breath, epoch.start_secs + (n + 1.0) * breath);
        let in_breath: Vec<usize> =
            (0..hr_samples.len()).filter(|&k| sample_at(k) >= begin && sample_at(k) < end).collect();
        if let (Some(&a), Some(&b)) = (in_breath.first(), in_breath.last()) {
            let values = &hr_samples[a..=b];
            let high = values.iter().copied().fold(f64::MIN, f64::max);
            let low = values.iter().copied().fold(f64::MAX, f64::min);
            swings.push(high - low);
            whole = (whole.0.min(a), whole.1.max(b));
        }
        n += 1.0;
    }
    let peak_to_trough_bpm =
        if swings.is_empty() { 0.0 } else { swings.iter().sum::<f64>() / swings.len() as f64 };

    let phase_deg = if whole.0 < whole.1 {
        let range = whole.0..=whole.1;
        let heart = detrend(&hr_samples[range.clone()]);
        let volume: Vec<f64> = range.clone().map(|k| epoch.lung_volume(sample_at(k))).collect();
        let volume = detrend(&volume);
        let times: Vec<f64> = range.map(sample_at).collect();
        let angle = |x: &[f64]| {
            let (re, im) = x.iter().zip(&times).fold((0.0, 0.0), |(re, im), (v, t)| {
                (re + v * (TAU * pacer_hz * t).cos(), im - v * (TAU * pacer_hz * t).sin())
            });
            im.atan2(re)
        };
        wrap_deg((angle(&heart) - angle(&volume)).to_degrees())
    } else {
        0.0
    };

    RateResult::Scored(RateScore {
        breaths_per_min: epoch.breaths_per_min,
        lf_ms2,
        lf_peak_hz,
        peak_to_trough_bpm,
        phase_deg,
        followed_pacer: lf_peak_hz.is_some_and(|hz| (hz - pacer_hz).abs() <= FOLLOWED_WITHIN_HZ),
        beats: stretch.len(),
        beats_corrected: correction.beats_corrected(),
    })
}

fn detrend(x: &[f64]) -> Vec<f64> {
    let n = x.len() as f64;
    let mid = (n - 1.0) / 2.0;
    let mean = x.iter().sum::<f64>() / n;
    let (num, den) = x.iter().enumerate().fold((0.0, 0.0), |(num, den), (i, v)| {
        let d = i as f64 - mid;
        (num + d * (v - mean), den + d * d)
    });
    let slope = if den > 0.0 { num / den } else { 0.0 };
    x.iter().enumerate().map(|(i, v)| v - mean - slope * (i as f64 - mid)).collect()
}

/// An angle in degrees brought into (−180, 180].
fn wrap_deg(deg: f64) -> f64 {
    let wrapped = (deg + 180.0).rem_euclid(360.0) - 180.0;
    if wrapped <= -180.0 { wrapped + 360.0 } else { wrapped }
}

/// The assessment's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Each scored rate with its combined score (0 to 1), in the order given.
    pub rates: Vec<(RateScore, f64)>,
    /// The rate with the best combined score (see the module comment).
    pub best_per_min: f64,
}

/// Picks the best rate among those scored; `None` if none was.
#[must_use]
pub fn assess(results: &[RateResult]) -> Option<Assessment> {
    let scored: Vec<RateScore> = results
        .iter()
        .filter_map(|r| match r {
            RateResult::Scored(s) => Some(*s),
            RateResult::TooShort { .. } => None,
        })
        .collect();
    let best_lf = scored.iter().map(|s| s.lf_ms2).fold(0.0, f64::max);
    let best_swing = scored.iter().map(|s| s.peak_to_trough_bpm).fold(0.0, f64::max);
    let share = |x: f64, best: f64| if best > 0.0 { x / best } else { 0.0 };
    let rates: Vec<(RateScore, f64)> = scored
        .iter()
        .map(|s| {
            let phase = f64::midpoint(1.0, s.phase_deg.to_radians().cos());
            (*s, (share(s.lf_ms2, best_lf) + share(s.peak_to_trough_bpm, best_swing) + phase) / 3.0)
        })
        .collect();
    let any_followed = rates.iter().any(|(s, _)| s.followed_pacer);
    let best = rates
        .iter()
        .filter(|(s, _)| s.followed_pacer || !any_followed)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(s, _)| s.breaths_per_min)?;
    Some(Assessment { rates, best_per_min: best })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Beats of a heart whose rate follows `bpm_at(t)`, each interval taking the rate at its
    /// middle, from the epoch's start to its end.
    fn beats_of(epoch: &Epoch, bpm_at: impl Fn(f64) -> f64) -> Vec<TimedBeat> {
        let mut beats = Vec::new();
        let mut t = epoch.start_secs;
        while t < epoch.start_secs + epoch.duration_secs {
            let guess_ms = 60_000.0 / bpm_at(t);
            let rr_ms = 60_000.0 / bpm_at(t + guess_ms / 2000.0);
            t += rr_ms / 1000.0;
            beats.push(TimedBeat { at_secs: t, rr_ms });
        }
        beats
    }

    /// A heart whose rate swings by ±`amplitude_bpm` around 65 bpm at `swing_hz`, `lag_deg`
    /// behind the pacer's breath (a symmetric breath: the swing is in phase with it at 0°).
    fn heart(epoch: &Epoch, amplitude_bpm: f64, swing_hz: f64, lag_deg: f64) -> Vec<TimedBeat> {
        beats_of(epoch, |t| {
            let angle = TAU * swing_hz * (t - epoch.start_secs) - lag_deg.to_radians();
            65.0 - amplitude_bpm * angle.cos()
        })
    }

    fn symmetric(plan: &[Epoch]) -> Vec<Epoch> {
        plan.iter().map(|e| Epoch { inhale_fraction: 0.5, ..*e }).collect()
    }

    fn scored(result: RateResult) -> RateScore {
        match result {
            RateResult::Scored(s) => s,
            too_short @ RateResult::TooShort { .. } => panic!("{too_short:?}"),
        }
    }

    #[test]
    fn the_plan_is_five_rates_of_two_minutes_slowing_down() {
        let plan = Epoch::plan(30.0);
        let rates: Vec<f64> = plan.iter().map(|e| e.breaths_per_min).collect();
        assert_eq!(rates, ASSESSMENT_RATES_PER_MIN.to_vec());
        assert!((plan[4].start_secs - 510.0).abs() < 1e-9);
        assert!(plan.iter().all(|e| (e.duration_secs - 120.0).abs() < 1e-12));
    }

    #[test]
    fn the_pacer_fills_on_the_inhale_and_empties_on_the_exhale() {
        let e = Epoch { breaths_per_min: 6.0, inhale_fraction: 0.4, start_secs: 10.0, duration_secs: 120.0 };
        assert!(e.lung_volume(10.0).abs() < 1e-12);
        assert!((e.lung_volume(12.0) - 0.5).abs() < 1e-12);
        assert!((e.lung_volume(14.0) - 1.0).abs() < 1e-12);
        assert!((e.lung_volume(17.0) - 0.5).abs() < 1e-12);
        assert!(e.lung_volume(20.0).abs() < 1e-12);
        assert!(e.lung_volume(9.0) > 0.0, "before the start it is the previous breath's exhale");
    }

    #[test]
    fn measures_the_swing_and_the_phase_of_a_known_heart() {
        let e = Epoch { breaths_per_min: 5.5, inhale_fraction: 0.5, start_secs: 0.0, duration_secs: 120.0 };
        for lag_deg in [0.0, 45.0, -30.0, 90.0] {
            let s = scored(score_rate(&e, &heart(&e, 8.0, 5.5 / 60.0, lag_deg)));
            assert!((s.peak_to_trough_bpm - 16.0).abs() < 0.3, "{lag_deg}: {s:?}");
            assert!((s.phase_deg + lag_deg).abs() < 2.0, "{lag_deg}: {s:?}");
            assert!(s.followed_pacer, "{s:?}");
            assert_eq!(s.beats_corrected, 0);
        }
    }

    #[test]
    fn in_phase_with_an_uneven_breath_is_zero_degrees() {
        // A heart that follows the pacer's own shape (inhale 40 %) exactly.
        let e = Epoch { breaths_per_min: 6.0, inhale_fraction: 0.4, start_secs: 100.0, duration_secs: 120.0 };
        let beats = beats_of(&e, |t| 60.0 + 12.0 * e.lung_volume(t));
        let s = scored(score_rate(&e, &beats));
        assert!(s.phase_deg.abs() < 2.0, "{s:?}");
        assert!((s.peak_to_trough_bpm - 12.0).abs() < 0.3, "{s:?}");
    }

    #[test]
    fn picks_the_rate_where_the_heart_swings_most() {
        let plan = symmetric(&Epoch::plan(0.0));
        let amplitudes = [4.0, 6.0, 9.0, 7.0, 5.0];
        let mut beats = Vec::new();
        for (e, a) in plan.iter().zip(amplitudes) {
            beats.extend(heart(e, a, e.breaths_per_min / 60.0, 0.0));
        }
        let results: Vec<RateResult> = plan.iter().map(|e| score_rate(e, &beats)).collect();
        let a = assess(&results).unwrap();
        assert!((a.best_per_min - 5.5).abs() < 1e-12, "{a:?}");
        let lf: Vec<f64> = a.rates.iter().map(|(s, _)| s.lf_ms2).collect();
        assert!(lf[2] > lf[3] && lf[3] > lf[1] && lf[1] > lf[4] && lf[4] > lf[0], "{lf:?}");
    }

    #[test]
    fn when_swings_match_the_phase_decides() {
        let plan = symmetric(&Epoch::plan(0.0));
        let lags = [90.0, 60.0, 30.0, 0.0, 45.0];
        let mut beats = Vec::new();
        for (e, lag) in plan.iter().zip(lags) {
            beats.extend(heart(e, 6.0, e.breaths_per_min / 60.0, lag));
        }
        let results: Vec<RateResult> = plan.iter().map(|e| score_rate(e, &beats)).collect();
        let a = assess(&results).unwrap();
        assert!((a.best_per_min - 5.0).abs() < 1e-12, "{a:?}");
    }

    #[test]
    fn a_rate_not_followed_is_not_chosen() {
        // At 6/min the heart swings hugely, but at 9/min: the person breathed their own way.
        let plan = symmetric(&Epoch::plan(0.0));
        let mut beats = Vec::new();
        for e in &plan {
            let (a, hz) = if (e.breaths_per_min - 6.0).abs() < 1e-9 {
                (15.0, 0.15)
            } else {
                (5.0, e.breaths_per_min / 60.0)
            };
            beats.extend(heart(e, a, hz, 0.0));
        }
        let results: Vec<RateResult> = plan.iter().map(|e| score_rate(e, &beats)).collect();
        let six = scored(results[1]);
        assert!(!six.followed_pacer, "{six:?}");
        let a = assess(&results).unwrap();
        assert!((a.best_per_min - 6.0).abs() > 0.1, "{a:?}");
    }

    #[test]
    fn a_rate_without_enough_unbroken_beats_is_too_short() {
        let e = Epoch { breaths_per_min: 5.0, inhale_fraction: 0.5, start_secs: 0.0, duration_secs: 120.0 };
        let beats = heart(&e, 6.0, 5.0 / 60.0, 0.0);
        // A 20-s dropout in the middle leaves two stretches under 64 s.
        let broken: Vec<TimedBeat> =
            beats.iter().copied().filter(|b| !(60.0..80.0).contains(&b.at_secs)).collect();
        match score_rate(&e, &broken) {
            RateResult::TooShort { have_secs, need_secs, .. } => {
                assert!(have_secs < 45.0 && (need_secs - 64.0).abs() < 1e-12, "{have_secs}");
            }
            RateResult::Scored(s) => panic!("{s:?}"),
        }
        assert!(matches!(score_rate(&e, &[]), RateResult::TooShort { have_secs, .. } if have_secs == 0.0));
        assert_eq!(assess(&[score_rate(&e, &[])]), None);
        // Beats outside the rate are ignored.
        let later = Epoch { start_secs: 500.0, ..e };
        assert!(matches!(score_rate(&later, &beats), RateResult::TooShort { .. }));
    }

    #[test]
    fn artefacts_are_corrected_before_scoring() {
        let e = Epoch { breaths_per_min: 5.5, inhale_fraction: 0.5, start_secs: 0.0, duration_secs: 120.0 };
        let clean = scored(score_rate(&e, &heart(&e, 8.0, 5.5 / 60.0, 0.0)));
        let mut beats = heart(&e, 8.0, 5.5 / 60.0, 0.0);
        // A missed beat at about 70 s: two intervals merged.
        let i = beats.iter().position(|b| b.at_secs > 70.0).unwrap();
        beats[i + 1].rr_ms += beats[i].rr_ms;
        beats.remove(i);
        let fixed = scored(score_rate(&e, &beats));
        assert_eq!(fixed.beats_corrected, 1);
        assert!((fixed.peak_to_trough_bpm - clean.peak_to_trough_bpm).abs() < 0.5, "{fixed:?} vs {clean:?}");
        assert!((fixed.lf_ms2 - clean.lf_ms2).abs() < 0.05 * clean.lf_ms2, "{fixed:?} vs {clean:?}");
    }

    #[test]
    fn angles_wrap_into_a_half_turn_each_way() {
        for (deg, want) in
            [(0.0, 0.0), (190.0, -170.0), (-190.0, 170.0), (180.0, 180.0), (-180.0, 180.0), (540.0, 180.0)]
        {
            assert!((wrap_deg(deg) - want).abs() < 1e-9, "{deg} → {}", wrap_deg(deg));
        }
    }
}
