//! A practice's heart-rate variability, gathered while it runs and written with its record:
//! RMSSD over its first minute and over its last minute, and the mean of the coherence ratios
//! worked out while it ran.
//!
//! Each minute's RMSSD is taken over its longest unbroken stretch of beats (nothing is
//! computed across lost beats), artefacts corrected first (Lipponen & Tarvainen, as in the
//! live figures), and only when that stretch spans at least [`MIN_SPAN_SECS`]: a figure from
//! a few beats would only add noise to a person's trend. Beats during a pause are not part
//! of the practice and are not given to it.

use std::collections::VecDeque;

use unbrace_core::history::record::PracticeHrv;
use unbrace_core::hrv::beat_clock::{TimedBeat, longest_unbroken};
use unbrace_core::hrv::correction::correct;
use unbrace_core::hrv::spectrum::Spectral;
use unbrace_core::hrv::time_domain::rmssd_ms;

/// The length of the first and the last minute (s).
pub const MINUTE_SECS: f64 = 60.0;
/// A minute's RMSSD needs an unbroken stretch of beats at least this long (s).
pub const MIN_SPAN_SECS: f64 = 45.0;

/// The figures of one practice in the making.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeRecorder {
    record_id: String,
    /// When the practice started (clock seconds).
    start_secs: f64,
    first: Vec<TimedBeat>,
    last: VecDeque<TimedBeat>,
    coherence_sum: f64,
    coherence_count: u32,
    last_spectral: Option<Spectral>,
    /// Still running (beats and spectra are taken in).
    open: bool,
}

impl PracticeRecorder {
    /// A practice with this record id, started at `start_secs` (clock seconds).
    #[must_use]
    pub fn new(record_id: &str, start_secs: f64) -> Self {
        Self {
            record_id: record_id.to_owned(),
            start_secs,
            first: Vec::new(),
            last: VecDeque::new(),
            coherence_sum: 0.0,
            coherence_count: 0,
            last_spectral: None,
            open: true,
        }
    }

    #[must_use]
    pub fn record_id(&self) -> &str {
        &self.record_id
    }

    /// Beats of the running practice.
    pub fn beats(&mut self, beats: &[TimedBeat]) {
        if !self.open {
            return;
        }
        for &beat in beats.iter().filter(|b| b.at_secs >= self.start_secs) {
            if beat.at_secs <= self.start_secs + MINUTE_SECS {
                self.first.push(beat);
            }
            self.last.push_back(beat);
        }
        if let Some(latest) = self.last.back().map(|b| b.at_secs) {
            while self.last.front().is_some_and(|b| b.at_secs < latest - MINUTE_SECS) {
                self.last.pop_front();
            }
        }
    }

    /// The live analysis' spectral figures, given every frame: each renewal counts once.
    pub fn spectral(&mut self, spectral: Spectral) {
        if !self.open || self.last_spectral == Some(spectral) {
            return;
        }
        self.last_spectral = Some(spectral);
        if let Some(peak) = spectral.figures().and_then(|f| f.peak)
            && peak.coherence_ratio.is_finite()
        {
            self.coherence_sum += peak.coherence_ratio;
            self.coherence_count += 1;
        }
    }

    /// The practice ended: nothing more is taken in (the figures stay for its check-out).
    pub fn close(&mut self) {
        self.open = false;
    }

    /// The figures so far; `None` when no beat came at all.
    #[must_use]
    pub fn figures(&self) -> Option<PracticeHrv> {
        if self.first.is_empty() && self.last.is_empty() {
            return None;
        }
        Some(PracticeHrv {
            rmssd_first_ms: minute_rmssd(&self.first),
            rmssd_last_ms: minute_rmssd(&self.last.iter().copied().collect::<Vec<_>>()),
            coherence_mean: (self.coherence_count > 0)
                .then(|| self.coherence_sum / f64::from(self.coherence_count)),
        })
    }
}

/// RMSSD of the longest unbroken stretch, corrected, when it is long enough.
fn minute_rmssd(beats: &[TimedBeat]) -> Option<f64> {
    let stretch = longest_unbroken(beats);
    let (first, last) = (stretch.first()?, stretch.last()?);
    // The stretch covers its first interval too.
    if last.at_secs - (first.at_secs - first.rr_ms / 1000.0) < MIN_SPAN_SECS {
        return None;
    }
    let rr: Vec<f64> = stretch.iter().map(|b| b.rr_ms).collect();
    rmssd_ms(&correct(&rr).rr_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unbrace_core::hrv::spectrum::{SpectralFigures, SpectralPeak};

    /// Beats from `from_secs` for `secs`, alternating `a` and `b` ms (RMSSD |a − b|).
    fn beats(from_secs: f64, secs: f64, a: f64, b: f64) -> Vec<TimedBeat> {
        let mut at = from_secs;
        let mut out = Vec::new();
        let mut k = 0;
        while at < from_secs + secs {
            let rr_ms = if k % 2 == 0 { a } else { b };
            at += rr_ms / 1000.0;
            out.push(TimedBeat { at_secs: at, rr_ms });
            k += 1;
        }
        out
    }

    fn ready(coherence_ratio: f64, lf_ms2: f64) -> Spectral {
        Spectral::Ready(SpectralFigures {
            lf_ms2,
            hf_ms2: 1.0,
            total_ms2: 2.0,
            peak: Some(SpectralPeak { hz: 0.1, power_ms2: 1.0, coherence_ratio }),
        })
    }

    #[test]
    fn the_first_and_last_minute_have_their_own_rmssd() {
        let mut r = PracticeRecorder::new("p", 100.0);
        // Beats before the practice are not part of it.
        r.beats(&beats(30.0, 60.0, 900.0, 1100.0));
        // A calm-ish first minute (RMSSD 40), a steadier rest ending on RMSSD 20.
        let first = beats(100.0, 60.0, 980.0, 1020.0);
        let then = first.last().expect("beats").at_secs;
        r.beats(&first);
        r.beats(&beats(then, 240.0, 990.0, 1010.0));
        let hrv = r.figures().expect("beats came");
        assert!((hrv.rmssd_first_ms.expect("a first minute") - 40.0).abs() < 1e-6, "{hrv:?}");
        assert!((hrv.rmssd_last_ms.expect("a last minute") - 20.0).abs() < 1e-6, "{hrv:?}");
        assert_eq!(hrv.coherence_mean, None);
    }

    #[test]
    fn a_short_or_broken_minute_has_no_figure() {
        let mut r = PracticeRecorder::new("p", 0.0);
        assert_eq!(r.figures(), None, "no beats at all");
        // 30 s of beats, then 20 s lost, then 25 s: no stretch of 45 s.
        r.beats(&beats(0.0, 30.0, 1000.0, 1000.0));
        r.beats(&beats(50.0, 25.0, 1000.0, 1000.0));
        let hrv = r.figures().expect("some beats");
        assert_eq!((hrv.rmssd_first_ms, hrv.rmssd_last_ms), (None, None));
    }

    #[test]
    fn coherence_is_the_mean_of_each_renewal_and_nothing_after_the_end() {
        let mut r = PracticeRecorder::new("p", 0.0);
        r.beats(&beats(0.0, 10.0, 1000.0, 1000.0));
        r.spectral(Spectral::NeedsMore { have_secs: 10.0, need_secs: 64.0 });
        for _ in 0..5 {
            r.spectral(ready(1.0, 100.0));
        }
        r.spectral(ready(2.0, 100.0));
        r.spectral(ready(3.0, 100.0));
        assert_eq!(r.figures().and_then(|h| h.coherence_mean), Some(2.0));
        r.close();
        r.spectral(ready(9.0, 100.0));
        r.beats(&beats(20.0, 100.0, 500.0, 1500.0));
        assert_eq!(r.figures().and_then(|h| h.coherence_mean), Some(2.0));
        assert_eq!(r.last.len(), 10);
    }

    #[test]
    fn artefacts_are_corrected_before_rmssd() {
        // A heart swinging with slow breaths, with a little beat-to-beat wobble.
        let mut at = 0.0;
        let mut clean = Vec::new();
        for k in 0..75_u32 {
            let rr_ms =
                1000.0 + 40.0 * (std::f64::consts::TAU * at / 10.0).sin() + 6.0 * (f64::from(k) * 2.3).sin();
            at += rr_ms / 1000.0;
            clean.push(TimedBeat { at_secs: at, rr_ms });
        }
        let truth =
            rmssd_ms(&clean.iter().take_while(|b| b.at_secs <= 60.0).map(|b| b.rr_ms).collect::<Vec<_>>())
                .expect("a figure");
        // A missed beat: two intervals merged into one.
        let mut missed = clean.clone();
        let merged = missed[30].rr_ms + missed[31].rr_ms;
        missed.remove(30);
        missed[30].rr_ms = merged;
        let mut r = PracticeRecorder::new("p", 0.0);
        r.beats(&missed);
        let first = r.figures().and_then(|h| h.rmssd_first_ms).expect("a figure");
        assert!((first - truth).abs() < 0.25 * truth, "corrected {first} vs {truth} without the artefact");
    }
}
