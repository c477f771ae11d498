//! Time-domain HRV figures over a series of RR intervals as given (in milliseconds): RMSSD,
//! SDNN, pNN50 and mean heart rate.
//!
//! Each needs at least two intervals and returns `None` with fewer. None of them looks for
//! gaps or artefacts: clean the series first ([`super::correction`]).
//!
//! Definitions follow the Task Force of the European Society of Cardiology and the North
//! American Society of Pacing and Electrophysiology, "Heart rate variability: standards of
//! measurement, physiological interpretation and clinical use", Circulation 93(5):1043–1065,
//! 1996, and agree with neurokit2's `hrv_time` and hrv-analysis's
//! `get_time_domain_features` (checked by `core/tests/hrv_reference.rs`).

#![allow(clippy::cast_precision_loss, reason = "counts of beats are far below 2^52")]

/// Successive differences larger than this count towards pNN50 (strictly larger).
const NN50_THRESHOLD_MS: f64 = 50.0;

/// The root mean square of successive differences (ms):
///
/// `RMSSD = √( Σᵢ₌₁ᴺ⁻¹ (RRᵢ₊₁ − RRᵢ)² / (N − 1) )`
///
/// (Task Force 1996; neurokit2 and hrv-analysis both use `sqrt(mean(diff(rr)²))`.) It follows
/// beat-to-beat, mostly vagal, changes and barely moves with slow drifts of the heart rate.
#[must_use]
pub fn rmssd_ms(rr_ms: &[f64]) -> Option<f64> {
    if rr_ms.len() < 2 {
        return None;
    }
    let sum_sq: f64 = rr_ms.windows(2).map(|w| (w[1] - w[0]).powi(2)).sum();
    Some((sum_sq / (rr_ms.len() - 1) as f64).sqrt())
}

/// The standard deviation of the intervals (ms), with the sample (N − 1) denominator:
///
/// `SDNN = √( Σᵢ (RRᵢ − mean RR)² / (N − 1) )`
///
/// (Task Force 1996; `std(rr, ddof=1)` in neurokit2 and hrv-analysis.) It grows with the
/// length of the recording, so compare SDNN only between recordings of the same length.
#[must_use]
pub fn sdnn_ms(rr_ms: &[f64]) -> Option<f64> {
    if rr_ms.len() < 2 {
        return None;
    }
    let n = rr_ms.len() as f64;
    let mean = rr_ms.iter().sum::<f64>() / n;
    let sum_sq: f64 = rr_ms.iter().map(|rr| (rr - mean).powi(2)).sum();
    Some((sum_sq / (n - 1.0)).sqrt())
}

/// The share of successive differences larger than 50 ms, in percent:
///
/// `pNN50 = 100 × #{ i : |RRᵢ₊₁ − RRᵢ| > 50 ms } / (N − 1)`
///
/// The denominator is the number of successive differences, N − 1 (Task Force 1996 and
/// hrv-analysis). neurokit2 divides by N, the number of intervals, so its pNN50 is
/// smaller by a factor (N − 1)/N.
#[must_use]
pub fn pnn50_percent(rr_ms: &[f64]) -> Option<f64> {
    if rr_ms.len() < 2 {
        return None;
    }
    let over = rr_ms.windows(2).filter(|w| (w[1] - w[0]).abs() > NN50_THRESHOLD_MS).count();
    Some(100.0 * over as f64 / (rr_ms.len() - 1) as f64)
}

/// The mean heart rate (beats per minute): beats counted over the time they span,
///
/// `mean HR = 60 000 / mean RR = 60 000 × N / Σ RRᵢ`
///
/// This is the heart rate a stopwatch would give, and what Kubios reports. hrv-analysis's
/// `mean_hr` is instead the mean of the instantaneous rates, `mean(60 000 / RRᵢ)`, which is
/// a little higher whenever the intervals vary (Jensen's inequality); neurokit2 gives only
/// `MeanNN`, of which this is `60 000 / MeanNN`. Needs one interval.
#[must_use]
pub fn mean_hr_bpm(rr_ms: &[f64]) -> Option<f64> {
    let total_ms: f64 = rr_ms.iter().sum();
    (total_ms > 0.0).then(|| 60_000.0 * rr_ms.len() as f64 / total_ms)
}

/// All the time-domain figures of one series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeDomain {
    pub rmssd_ms: f64,
    pub sdnn_ms: f64,
    pub pnn50_percent: f64,
    pub mean_hr_bpm: f64,
}

impl TimeDomain {
    /// The figures of `rr_ms`, or `None` for fewer than two intervals.
    #[must_use]
    pub fn from_rr(rr_ms: &[f64]) -> Option<Self> {
        Some(Self {
            rmssd_ms: rmssd_ms(rr_ms)?,
            sdnn_ms: sdnn_ms(rr_ms)?,
            pnn50_percent: pnn50_percent(rr_ms)?,
            mean_hr_bpm: mean_hr_bpm(rr_ms)?,
        })
    }
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

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn matches_the_published_values_of_the_golden_series() {
        let rr = golden();
        assert_eq!(&rr[..6], &[1000.0, 1049.0, 1043.0, 1029.0, 1039.0, 1016.0]);
        // neurokit2 0.3.0 and hrv-analysis 1.0.6: SDNN 38.271761, RMSSD 30.600159,
        // pNN50 10.084034 (hrv-analysis, ÷ N − 1) and 10.000000 (neurokit2, ÷ N).
        let t = TimeDomain::from_rr(&rr).unwrap();
        assert!(close(t.sdnn_ms, 38.271_761, 1e-6), "{t:?}");
        assert!(close(t.rmssd_ms, 30.600_159, 1e-6), "{t:?}");
        assert!(close(t.pnn50_percent, 10.084_034, 1e-6), "{t:?}");
        assert!(close(t.pnn50_percent * 119.0 / 120.0, 10.0, 1e-9), "{t:?}");
    }

    #[test]
    fn works_by_hand_on_a_small_series() {
        let rr = [800.0, 860.0, 820.0, 900.0];
        // Differences 60, −40, 80: RMSSD = √((3600 + 1600 + 6400) / 3).
        assert!(close(rmssd_ms(&rr).unwrap(), (11_600.0_f64 / 3.0).sqrt(), 1e-12));
        // Mean 845; deviations −45, 15, −25, 55: SDNN = √(5900 / 3).
        assert!(close(sdnn_ms(&rr).unwrap(), (5900.0_f64 / 3.0).sqrt(), 1e-12));
        // Two of the three differences exceed 50 ms.
        assert!(close(pnn50_percent(&rr).unwrap(), 200.0 / 3.0, 1e-12));
        assert!(close(mean_hr_bpm(&rr).unwrap(), 60_000.0 / 845.0, 1e-12));
    }

    #[test]
    fn a_difference_of_exactly_50_ms_does_not_count() {
        assert_eq!(pnn50_percent(&[800.0, 850.0, 800.0]), Some(0.0));
        assert_eq!(pnn50_percent(&[800.0, 850.01, 800.0]), Some(100.0));
    }

    #[test]
    fn a_steady_heart_has_no_variability_and_a_plain_rate() {
        let rr = vec![750.0; 40];
        let t = TimeDomain::from_rr(&rr).unwrap();
        assert_eq!((t.rmssd_ms, t.sdnn_ms, t.pnn50_percent), (0.0, 0.0, 0.0));
        assert!(close(t.mean_hr_bpm, 80.0, 1e-12));
    }

    #[test]
    fn too_short_series_have_no_figures() {
        assert_eq!(TimeDomain::from_rr(&[]), None);
        assert_eq!(TimeDomain::from_rr(&[900.0]), None);
        assert_eq!(rmssd_ms(&[900.0]), None);
        assert!(close(mean_hr_bpm(&[1000.0]).unwrap(), 60.0, 1e-12));
        assert_eq!(mean_hr_bpm(&[]), None);
    }

    #[test]
    fn mean_hr_is_beats_over_time_not_the_mean_of_rates() {
        // 500 ms and 1500 ms: 2 beats in 2 s is 60 bpm; the mean of 120 and 40 bpm is 80.
        assert!(close(mean_hr_bpm(&[500.0, 1500.0]).unwrap(), 60.0, 1e-12));
    }
}
