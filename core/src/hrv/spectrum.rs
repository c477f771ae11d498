//! The frequency content of heart-rate variability: how much of the variation is slow (LF,
//! 0.04–0.15 Hz, where slow breathing puts it) and how much follows ordinary breathing (HF,
//! 0.15–0.40 Hz), the strongest rhythm, and how much of the variation that rhythm holds (the
//! coherence ratio).
//!
//! The recipe (Task Force 1996, with Welch's method as in scipy and hrv-analysis):
//!
//! 1. the corrected tachogram is resampled at 4 Hz by a cubic spline ([`super::resample`]);
//! 2. it is cut into 64-s segments (256 samples) overlapping by half;
//! 3. each segment has its least-squares line removed (detrending), is multiplied by a
//!    periodic Hann window, zero-padded to 1024 points and transformed (FFT);
//! 4. the one-sided power spectral density (ms²/Hz) is averaged over segments:
//!    `P[k] = 2 |X[k]|² / (fs Σ w²)` (not doubled at 0 Hz and at 2 Hz);
//! 5. a band's power (ms²) is the sum of `P[k] Δf` over the bins with `lo ≤ f < hi`.
//!
//! This is `scipy.signal.welch(x, fs=4, window="hann", nperseg=256, noverlap=128,
//! nfft=1024, detrend="linear")`, which `core/tests/hrv_reference.py` checks.
//!
//! Zero-padding to 1024 makes the bins 0.0039 Hz apart, so the coherence window (±0.015 Hz)
//! holds 7–8 bins; without it (0.0156 Hz bins) the window would hold one, and an integral
//! over it would be zero or one bin's worth by chance of alignment.
//!
//! **Coherence** (McCraty et al. 2009, *Integral Review* 5(2); McCraty & Shaffer 2015,
//! *Global Advances in Health and Medicine* 4(1):46–61): find the highest point of the
//! spectrum in 0.04–0.26 Hz; *peak power* is the power within ±0.015 Hz of it, *total power*
//! the power in 0.0033–0.4 Hz, and the ratio is `peak / (total − peak)`. HeartMath shows a
//! scaled version of this; the ratio itself has no upper bound: a pure 0.1 Hz sine gives
//! about 6.3 (the rest is the Hann window's main lobe reaching past ±0.015 Hz), many
//! rhythms at once about 0.1.

#![allow(clippy::cast_precision_loss, reason = "sample counts are far below 2^52")]

use std::f64::consts::TAU;

use realfft::RealFftPlanner;

use super::resample::{RESAMPLE_HZ, beat_times_secs, resample};

/// The low-frequency band (Hz), lower edge included, upper excluded.
pub const LF_BAND_HZ: (f64, f64) = (0.04, 0.15);
/// The high-frequency band (Hz).
pub const HF_BAND_HZ: (f64, f64) = (0.15, 0.40);
/// Where the coherence peak is looked for (Hz, both edges included).
pub const COHERENCE_SEARCH_HZ: (f64, f64) = (0.04, 0.26);
/// Half the width of the coherence peak window (Hz).
pub const COHERENCE_HALF_WIDTH_HZ: f64 = 0.015;
/// The band of total power for coherence (Hz, both edges included).
pub const TOTAL_BAND_HZ: (f64, f64) = (0.0033, 0.40);
/// The shortest stretch of beats a spectrum is made from: one whole segment.
pub const MIN_SPAN_SECS: f64 = SEGMENT_SAMPLES as f64 / RESAMPLE_HZ;

/// Total power below this (ms², a variation of a thousandth of a millisecond) is rounding
/// noise of a steady series, with no rhythm to find.
const NO_VARIATION_MS2: f64 = 1e-6;

const SEGMENT_SAMPLES: usize = 256;
const FFT_POINTS: usize = 1024;

/// A one-sided power spectral density.
#[derive(Debug, Clone, PartialEq)]
pub struct Psd {
    /// The spacing of the bins (Hz); bin `k` is at `k × df_hz`.
    pub df_hz: f64,
    /// Power density per bin (units² per Hz: ms²/Hz for intervals, bpm²/Hz for a heart rate).
    pub density: Vec<f64>,
}

impl Psd {
    fn bins(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.density.iter().enumerate().map(|(k, p)| (k as f64 * self.df_hz, *p))
    }

    /// The power (units²) in `lo ≤ f < hi`.
    #[must_use]
    pub fn band_power(&self, (lo, hi): (f64, f64)) -> f64 {
        self.bins().filter(|(f, _)| *f >= lo && *f < hi).map(|(_, p)| p * self.df_hz).sum()
    }

    /// The power (units²) in `lo ≤ f ≤ hi`.
    fn power_within(&self, lo: f64, hi: f64) -> f64 {
        self.bins().filter(|(f, _)| *f >= lo && *f <= hi).map(|(_, p)| p * self.df_hz).sum()
    }

    /// The frequency (Hz) and density of the highest bin in `lo ≤ f ≤ hi`, if any has power.
    #[must_use]
    pub fn peak_in(&self, (lo, hi): (f64, f64)) -> Option<(f64, f64)> {
        self.bins().filter(|(f, p)| *f >= lo && *f <= hi && *p > 0.0).max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

/// Welch's averaged periodogram of evenly spaced `samples` at `rate_hz` (see the module
/// comment): segments of `segment` samples, overlapping by half, each detrended, Hann
/// windowed and zero-padded to `fft_points`. `None` if `samples` is shorter than a segment
/// or `fft_points` shorter than `segment`.
#[must_use]
pub fn welch(samples: &[f64], rate_hz: f64, segment: usize, fft_points: usize) -> Option<Psd> {
    if segment < 2 || samples.len() < segment || fft_points < segment {
        return None;
    }
    let window: Vec<f64> =
        (0..segment).map(|i| 0.5 - 0.5 * (TAU * i as f64 / segment as f64).cos()).collect();
    let window_power: f64 = window.iter().map(|w| w * w).sum();
    let fft = RealFftPlanner::<f64>::new().plan_fft_forward(fft_points);
    let mut input = fft.make_input_vec();
    let mut output = fft.make_output_vec();
    let mut density = vec![0.0; output.len()];
    let step = (segment / 2).max(1);
    let mut segments = 0_usize;
    for start in (0..=samples.len() - segment).step_by(step) {
        let detrended = detrend_linear(&samples[start..start + segment]);
        input.fill(0.0);
        for ((slot, x), w) in input.iter_mut().zip(&detrended).zip(&window) {
            *slot = x * w;
        }
        // The planner made both buffers for this length, so this cannot fail.
        fft.process(&mut input, &mut output).ok()?;
        let last = output.len() - 1;
        for (k, (d, c)) in density.iter_mut().zip(&output).enumerate() {
            let one_sided = if k == 0 || (fft_points.is_multiple_of(2) && k == last) { 1.0 } else { 2.0 };
            *d += one_sided * c.norm_sqr() / (rate_hz * window_power);
        }
        segments += 1;
    }
    for d in &mut density {
        *d /= segments as f64;
    }
    Some(Psd { df_hz: rate_hz / fft_points as f64, density })
}

/// `x` less its least-squares straight line.
fn detrend_linear(x: &[f64]) -> Vec<f64> {
    let n = x.len() as f64;
    let mean_i = (n - 1.0) / 2.0;
    let mean_x = x.iter().sum::<f64>() / n;
    let (mut num, mut den) = (0.0, 0.0);
    for (i, v) in x.iter().enumerate() {
        let di = i as f64 - mean_i;
        num += di * (v - mean_x);
        den += di * di;
    }
    let slope = if den > 0.0 { num / den } else { 0.0 };
    x.iter().enumerate().map(|(i, v)| v - mean_x - slope * (i as f64 - mean_i)).collect()
}

/// The spectrum of a tachogram: the corrected intervals (ms) resampled at 4 Hz, as in the
/// module comment; `None` if they span less than [`MIN_SPAN_SECS`].
#[must_use]
pub fn rr_psd(rr_ms: &[f64]) -> Option<Psd> {
    let times = beat_times_secs(rr_ms);
    welch(&resample(&times, rr_ms, RESAMPLE_HZ), RESAMPLE_HZ, SEGMENT_SAMPLES, FFT_POINTS)
}

/// The strongest rhythm in 0.04–0.26 Hz.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpectralPeak {
    pub hz: f64,
    /// The power within ±0.015 Hz of it (ms²).
    pub power_ms2: f64,
    /// `peak power / (total power − peak power)`; see the module comment.
    pub coherence_ratio: f64,
}

impl SpectralPeak {
    /// The rhythm in breaths (or cycles) per minute.
    #[must_use]
    pub fn per_min(&self) -> f64 {
        self.hz * 60.0
    }
}

/// The spectral figures of one stretch of beats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpectralFigures {
    pub lf_ms2: f64,
    pub hf_ms2: f64,
    /// Power in 0.0033–0.4 Hz.
    pub total_ms2: f64,
    /// `None` when the series has no variation to speak of.
    pub peak: Option<SpectralPeak>,
}

impl SpectralFigures {
    /// LF / HF, `None` when there is no HF power.
    #[must_use]
    pub fn lf_hf_ratio(&self) -> Option<f64> {
        (self.hf_ms2 > 0.0).then(|| self.lf_ms2 / self.hf_ms2)
    }

    /// The figures of a spectrum.
    #[must_use]
    pub fn from_psd(psd: &Psd) -> Self {
        let total_ms2 = psd.power_within(TOTAL_BAND_HZ.0, TOTAL_BAND_HZ.1);
        let peak = psd.peak_in(COHERENCE_SEARCH_HZ).and_then(|(hz, _)| {
            let power_ms2 = psd.power_within(hz - COHERENCE_HALF_WIDTH_HZ, hz + COHERENCE_HALF_WIDTH_HZ);
            let rest = total_ms2 - power_ms2;
            (total_ms2 >= NO_VARIATION_MS2 && rest > 0.0).then(|| SpectralPeak {
                hz,
                power_ms2,
                coherence_ratio: power_ms2 / rest,
            })
        });
        Self { lf_ms2: psd.band_power(LF_BAND_HZ), hf_ms2: psd.band_power(HF_BAND_HZ), total_ms2, peak }
    }
}

/// The spectral figures of a stretch of corrected beats, or how far it is from enough.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Spectral {
    /// The beats span `have_secs`; a spectrum needs `need_secs` ([`MIN_SPAN_SECS`]).
    NeedsMore {
        have_secs: f64,
        need_secs: f64,
    },
    Ready(SpectralFigures),
}

impl Spectral {
    /// The figures, once there are enough beats.
    #[must_use]
    pub fn figures(&self) -> Option<&SpectralFigures> {
        match self {
            Self::Ready(figures) => Some(figures),
            Self::NeedsMore { .. } => None,
        }
    }
}

/// The spectral figures of corrected intervals (ms), from their first beat to their last.
#[must_use]
pub fn spectral(rr_ms: &[f64]) -> Spectral {
    // The first interval ends at the first beat the spline passes through.
    let have_secs = rr_ms.iter().skip(1).sum::<f64>() / 1000.0;
    match rr_psd(rr_ms) {
        Some(psd) if have_secs >= MIN_SPAN_SECS => Spectral::Ready(SpectralFigures::from_psd(&psd)),
        _ => Spectral::NeedsMore { have_secs, need_secs: MIN_SPAN_SECS },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Intervals whose length follows `amplitude_ms · sin(2π f t)` around `mean_ms`, for each
    /// (f, amplitude) given, for `secs` seconds: the series a heart with that rhythm makes.
    fn rhythm(mean_ms: f64, waves: &[(f64, f64)], secs: f64) -> Vec<f64> {
        let mut t = 0.0;
        let mut rr = Vec::new();
        while t < secs {
            let v = mean_ms + waves.iter().map(|(f, a)| a * (TAU * f * t).sin()).sum::<f64>();
            t += v / 1000.0;
            rr.push(v);
        }
        rr
    }

    fn within(got: f64, want: f64, fraction: f64) -> bool {
        (got - want).abs() <= want * fraction
    }

    #[test]
    fn a_slow_wave_shows_its_power_in_lf_and_its_frequency() {
        // A 0.1 Hz wave of amplitude 40 ms carries 40²/2 = 800 ms².
        let rr = rhythm(1000.0, &[(0.1, 40.0)], 300.0);
        let s = *spectral(&rr).figures().unwrap();
        assert!(within(s.lf_ms2, 800.0, 0.01), "{s:?}");
        assert!(s.hf_ms2 < 1.0, "{s:?}");
        let peak = s.peak.unwrap();
        assert!((peak.hz - 0.1).abs() < 0.004, "{peak:?}");
        assert!((peak.per_min() - 6.0).abs() < 0.25, "{peak:?}");
    }

    #[test]
    fn a_breathing_wave_shows_its_power_in_hf() {
        // 0.25 Hz, amplitude 20 ms: 200 ms².
        let rr = rhythm(900.0, &[(0.25, 20.0)], 300.0);
        let s = *spectral(&rr).figures().unwrap();
        assert!(within(s.hf_ms2, 200.0, 0.03), "{s:?}");
        assert!(s.lf_ms2 < 2.0, "{s:?}");
        assert!(s.lf_hf_ratio().unwrap() < 0.01);
    }

    #[test]
    fn two_waves_are_told_apart() {
        // 0.08 Hz at 30 ms (450 ms²) and 0.3 Hz at 15 ms (112.5 ms²).
        let rr = rhythm(850.0, &[(0.08, 30.0), (0.3, 15.0)], 400.0);
        let s = *spectral(&rr).figures().unwrap();
        assert!(within(s.lf_ms2, 450.0, 0.01), "{s:?}");
        // The spline keeps 97 % of the power at 0.3 Hz.
        assert!(within(s.hf_ms2, 112.5, 0.05), "{s:?}");
        assert!(within(s.total_ms2, 562.5, 0.02), "{s:?}");
        assert!((s.peak.unwrap().hz - 0.08).abs() < 0.004, "{s:?}");
    }

    #[test]
    fn a_slow_drift_does_not_count_as_lf() {
        // The heart slowing by 100 ms over five minutes, under a 0.1 Hz wave.
        let mut rr = rhythm(950.0, &[(0.1, 30.0)], 300.0);
        let n = rr.len() as f64;
        for (i, v) in rr.iter_mut().enumerate() {
            *v += 100.0 * i as f64 / n;
        }
        let s = *spectral(&rr).figures().unwrap();
        assert!(within(s.lf_ms2, 450.0, 0.01), "{s:?}");
    }

    #[test]
    fn welch_keeps_the_power_of_a_sampled_sine() {
        // Sampled straight at 4 Hz (no spline): power A²/2 to 1 %, all near its frequency.
        let samples: Vec<f64> = (0..1200).map(|k| 10.0 * (TAU * 0.2 * f64::from(k) / 4.0).sin()).collect();
        let psd = welch(&samples, 4.0, 256, 1024).unwrap();
        assert!(within(psd.band_power((0.0, 2.01)), 50.0, 0.01));
        assert!(within(psd.band_power((0.17, 0.23)), 50.0, 0.01));
        let (f, _) = psd.peak_in((0.0, 2.0)).unwrap();
        assert!((f - 0.2).abs() < 0.004);
        assert_eq!(psd.density.len(), 513);
        assert!((psd.df_hz - 4.0 / 1024.0).abs() < 1e-15);
    }

    #[test]
    fn coherence_is_high_for_one_rhythm_and_low_for_many() {
        let one = *spectral(&rhythm(1000.0, &[(0.1, 40.0)], 128.0)).figures().unwrap();
        let many_waves: Vec<(f64, f64)> = (0..20).map(|k| (0.05 + 0.0175 * f64::from(k), 12.0)).collect();
        let many = *spectral(&rhythm(1000.0, &many_waves, 128.0)).figures().unwrap();
        let (one, many) = (one.peak.unwrap().coherence_ratio, many.peak.unwrap().coherence_ratio);
        assert!(one > 5.0, "one rhythm: {one}");
        assert!(many < 0.2, "many rhythms: {many}");
    }

    #[test]
    fn the_coherence_window_holds_several_bins() {
        let bins = (2.0 * COHERENCE_HALF_WIDTH_HZ / (RESAMPLE_HZ / FFT_POINTS as f64)).floor();
        assert!(bins >= 7.0, "{bins}");
    }

    #[test]
    fn under_64_seconds_says_how_much_there_is() {
        let rr = vec![1000.0; 60];
        match spectral(&rr) {
            Spectral::NeedsMore { have_secs, need_secs } => {
                assert!((have_secs - 59.0).abs() < 1e-9 && (need_secs - 64.0).abs() < 1e-12);
            }
            ready @ Spectral::Ready(_) => panic!("60 beats of 1 s are not enough: {ready:?}"),
        }
        assert!(spectral(&[]).figures().is_none());
        assert!(spectral(&vec![1000.0; 65]).figures().is_some());
    }

    #[test]
    fn a_steady_heart_has_no_peak() {
        let s = *spectral(&vec![800.0; 120]).figures().unwrap();
        assert!(s.lf_ms2 < 1e-20 && s.hf_ms2 < 1e-20, "{s:?}");
        assert_eq!(s.peak, None);
    }

    #[test]
    fn detrending_removes_a_line_and_nothing_else() {
        let line: Vec<f64> = (0..10).map(|i| 3.0 + 0.5 * f64::from(i)).collect();
        assert!(detrend_linear(&line).iter().all(|v| v.abs() < 1e-12));
        // The best line through 1, −1, 1, −1 has slope −0.4 and passes through 0 midway.
        let got = detrend_linear(&[1.0, -1.0, 1.0, -1.0]);
        for (g, want) in got.iter().zip([0.4, -1.2, 1.2, -0.4]) {
            assert!((g - want).abs() < 1e-12, "{got:?}");
        }
    }
}
