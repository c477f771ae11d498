//! HRV while it happens: fed the RR intervals of each strap notification as they arrive,
//! it keeps RMSSD over the last minute, the spectral figures of the last 64 s (renewed every
//! 5 s), the last minute of heart rate for drawing, and how good the signal is.
//!
//! Time is passed in (the session time a notification arrived), never read from a clock.
//! Beats are placed in time by their intervals ([`super::beat_clock`]); after lost beats a
//! new stretch starts, and nothing is computed across the gap (RMSSD is provisional again
//! and the spectrum waits for 64 s).
//!
//! Each notification re-runs the artefact correction over the stretch's last 150 s. Memory is
//! bounded whatever the session length: beats older than needed are dropped, and every
//! buffer is also capped in count.

#![allow(clippy::cast_precision_loss, reason = "counts of beats are far below 2^52")]

use std::collections::VecDeque;
use std::time::Duration;

use super::beat_clock::BeatClock;
use super::correction::{POOR_SIGNAL_FRACTION, correct};
use super::spectrum::{MIN_SPAN_SECS, Spectral, spectral};
use super::time_domain::{mean_hr_bpm, rmssd_ms};

/// RMSSD is taken over this much of the latest beats, and is provisional until the current
/// stretch is this long.
pub const RMSSD_WINDOW_SECS: f64 = 60.0;
/// The spectral figures are renewed this often (beat time).
pub const SPECTRAL_EVERY_SECS: f64 = 5.0;
/// The heart-rate trace covers this much.
pub const TRACE_SECS: f64 = 60.0;
/// No beat for this long is no signal.
pub const NO_SIGNAL_SECS: f64 = 5.0;
/// Beats kept for correction and the spectrum: 64 s plus room for the correction's 91-beat
/// thresholds at slow heart rates.
const KEEP_SECS: f64 = 150.0;
/// The most items any buffer holds (150 s at 300 bpm is 750 beats; faster is noise).
const MAX_STORED: usize = 1024;

/// One point of the heart-rate curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeartRatePoint {
    /// The middle of the interval (session time, s): its rate stands for the heart over the
    /// whole interval, so a curve drawn against the breathing shape does not lag it by half a
    /// beat (about 15° of a slow breath).
    pub at_secs: f64,
    /// `60 000 / RR` of the corrected interval.
    pub bpm: f64,
    /// The first point after a gap: do not join it to the point before.
    pub starts_line: bool,
    /// The artefact correction made or moved this beat.
    pub corrected: bool,
}

/// RMSSD over the last minute.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rmssd {
    pub rmssd_ms: f64,
    /// The current stretch of beats is shorter than a minute: the value is still settling.
    pub provisional: bool,
}

/// How far the figures can be trusted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SignalQuality {
    /// No beats yet, or none for [`NO_SIGNAL_SECS`].
    NoSignal,
    /// More than 5 % of the last minute's beats were corrected or refused.
    Poor {
        corrected_percent: f64,
    },
    Good,
}

/// Everything the practice view shows, at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveFigures {
    pub rmssd: Option<Rmssd>,
    /// Over the same minute as RMSSD.
    pub mean_hr_bpm: Option<f64>,
    pub spectral: Spectral,
    pub quality: SignalQuality,
}

#[derive(Debug, Clone, Copy)]
struct Beat {
    at_secs: f64,
    rr_ms: f64,
    corrected: bool,
}

impl Beat {
    fn point(&self, starts_line: bool) -> HeartRatePoint {
        HeartRatePoint {
            at_secs: self.at_secs - self.rr_ms / 2000.0,
            bpm: 60_000.0 / self.rr_ms,
            starts_line,
            corrected: self.corrected,
        }
    }
}

/// The rolling analysis of one session.
#[derive(Debug, Clone)]
pub struct LiveHrv {
    /// The current stretch as received, oldest first, at most [`KEEP_SECS`] of it.
    raw: VecDeque<Beat>,
    /// The same, corrected (recomputed at each notification).
    clean: Vec<Beat>,
    /// When the current stretch began (the start of its first interval).
    stretch_start_secs: f64,
    /// Points of earlier stretches still within the trace.
    earlier: VecDeque<HeartRatePoint>,
    /// Times of intervals refused as implausible, within the last minute.
    refused_at: VecDeque<f64>,
    spectral: Spectral,
    spectral_at_secs: Option<f64>,
    clock: BeatClock,
    last_beat_secs: Option<f64>,
}

impl Default for LiveHrv {
    fn default() -> Self {
        Self::new()
    }
}

impl LiveHrv {
    #[must_use]
    pub fn new() -> Self {
        Self {
            raw: VecDeque::new(),
            clean: Vec::new(),
            stretch_start_secs: 0.0,
            earlier: VecDeque::new(),
            refused_at: VecDeque::new(),
            spectral: Spectral::NeedsMore { have_secs: 0.0, need_secs: MIN_SPAN_SECS },
            spectral_at_secs: None,
            clock: BeatClock::new(),
            last_beat_secs: None,
        }
    }

    /// The intervals (ms, oldest first) of one notification that arrived at `arrival`
    /// (session time). Intervals no heart makes are refused and count against the signal
    /// quality ([`BeatClock::place`]).
    pub fn push(&mut self, arrival: Duration, rr_ms: &[f64]) {
        let placed = self.clock.place(arrival, rr_ms);
        let now_secs =
            self.last_beat_secs.map_or(arrival.as_secs_f64(), |last| arrival.as_secs_f64().max(last));
        for _ in 0..placed.refused {
            self.refused_at.push_back(now_secs);
        }
        let (Some(first), Some(last)) = (placed.beats.first(), placed.beats.last()) else {
            self.trim(now_secs);
            return;
        };
        if placed.after_gap || self.last_beat_secs.is_none() {
            self.end_stretch();
            self.stretch_start_secs = first.at_secs - first.rr_ms / 1000.0;
        }
        let latest_secs = last.at_secs;
        self.raw.extend(placed.beats.iter().map(|b| Beat {
            at_secs: b.at_secs,
            rr_ms: b.rr_ms,
            corrected: false,
        }));
        self.last_beat_secs = Some(latest_secs);
        self.trim(latest_secs);
        self.recompute(latest_secs);
    }

    /// RMSSD over the last minute of the current stretch (two beats at least).
    #[must_use]
    pub fn rmssd(&self) -> Option<Rmssd> {
        let rr = self.last_minute_rr();
        Some(Rmssd { rmssd_ms: rmssd_ms(&rr)?, provisional: self.stretch_secs() < RMSSD_WINDOW_SECS })
    }

    /// The spectral figures of the last 64 s, as of the last renewal.
    #[must_use]
    pub fn spectral(&self) -> Spectral {
        self.spectral
    }

    /// The corrected heart rate of the minute before `now`, oldest first.
    #[must_use]
    pub fn heart_rate_trace(&self, now: Duration) -> Vec<HeartRatePoint> {
        let from = now.as_secs_f64() - TRACE_SECS;
        let current = self.clean.iter().enumerate().map(|(i, b)| b.point(i == 0 && !self.earlier.is_empty()));
        self.earlier.iter().copied().chain(current).filter(|p| p.at_secs > from).collect()
    }

    /// How good the signal is at `now`.
    #[must_use]
    pub fn quality(&self, now: Duration) -> SignalQuality {
        let Some(last) = self.last_beat_secs else {
            return SignalQuality::NoSignal;
        };
        if now.as_secs_f64() - last > NO_SIGNAL_SECS {
            return SignalQuality::NoSignal;
        }
        let from = last - RMSSD_WINDOW_SECS;
        let recent: Vec<&Beat> = self.clean.iter().filter(|b| b.at_secs > from).collect();
        let refused = self.refused_at.iter().filter(|&&at| at > from).count();
        let bad = recent.iter().filter(|b| b.corrected).count() + refused;
        let all = recent.len() + refused;
        let fraction = if all == 0 { 0.0 } else { bad as f64 / all as f64 };
        if fraction > POOR_SIGNAL_FRACTION {
            SignalQuality::Poor { corrected_percent: 100.0 * fraction }
        } else {
            SignalQuality::Good
        }
    }

    /// All the figures at `now`.
    #[must_use]
    pub fn figures(&self, now: Duration) -> LiveFigures {
        LiveFigures {
            rmssd: self.rmssd(),
            mean_hr_bpm: mean_hr_bpm(&self.last_minute_rr()),
            spectral: self.spectral,
            quality: self.quality(now),
        }
    }

    /// How many beats and points are held, all buffers together (for checking that memory
    /// stays bounded).
    #[must_use]
    pub fn stored(&self) -> usize {
        self.raw.len() + self.clean.len() + self.earlier.len() + self.refused_at.len()
    }

    fn stretch_secs(&self) -> f64 {
        self.last_beat_secs.map_or(0.0, |last| last - self.stretch_start_secs)
    }

    fn last_minute_rr(&self) -> Vec<f64> {
        let Some(last) = self.last_beat_secs else {
            return Vec::new();
        };
        self.clean.iter().filter(|b| b.at_secs > last - RMSSD_WINDOW_SECS).map(|b| b.rr_ms).collect()
    }

    /// Moves the current stretch's curve to `earlier` and starts afresh.
    fn end_stretch(&mut self) {
        let first = self.earlier.is_empty();
        self.earlier.extend(self.clean.iter().enumerate().map(|(i, b)| b.point(i == 0 && !first)));
        self.raw.clear();
        self.clean.clear();
        self.spectral = Spectral::NeedsMore { have_secs: 0.0, need_secs: MIN_SPAN_SECS };
        self.spectral_at_secs = None;
    }

    fn trim(&mut self, latest_secs: f64) {
        while self.raw.front().is_some_and(|b| b.at_secs < latest_secs - KEEP_SECS)
            || self.raw.len() > MAX_STORED
        {
            self.raw.pop_front();
        }
        while self.earlier.front().is_some_and(|p| p.at_secs <= latest_secs - TRACE_SECS)
            || self.earlier.len() > MAX_STORED
        {
            self.earlier.pop_front();
        }
        while self.refused_at.front().is_some_and(|&at| at <= latest_secs - RMSSD_WINDOW_SECS)
            || self.refused_at.len() > MAX_STORED
        {
            self.refused_at.pop_front();
        }
    }

    /// Corrects the stretch again, and renews the spectrum when it is due.
    fn recompute(&mut self, latest_secs: f64) {
        let rr: Vec<f64> = self.raw.iter().map(|b| b.rr_ms).collect();
        let correction = correct(&rr);
        // The last beat is never moved or removed: place the corrected beats back from it.
        let mut at_secs = latest_secs;
        let mut clean: Vec<Beat> = correction
            .rr_ms
            .iter()
            .zip(&correction.corrected)
            .rev()
            .map(|(&rr_ms, &corrected)| {
                let beat = Beat { at_secs, rr_ms, corrected };
                at_secs -= rr_ms / 1000.0;
                beat
            })
            .collect();
        clean.reverse();
        self.clean = clean;

        // Measured as the spectrum measures it: from the first beat to the last.
        let have_secs = self.clean.first().map_or(0.0, |first| latest_secs - first.at_secs);
        if have_secs < MIN_SPAN_SECS {
            self.spectral = Spectral::NeedsMore { have_secs, need_secs: MIN_SPAN_SECS };
            return;
        }
        if self.spectral_at_secs.is_some_and(|at| latest_secs - at < SPECTRAL_EVERY_SECS) {
            return;
        }
        // The fewest latest beats spanning 64 s, from the first beat to the last.
        let start = self.clean.iter().rposition(|b| latest_secs - b.at_secs >= MIN_SPAN_SECS).unwrap_or(0);
        let rr: Vec<f64> = self.clean[start..].iter().map(|b| b.rr_ms).collect();
        self.spectral = spectral(&rr);
        if self.spectral.figures().is_some() {
            self.spectral_at_secs = Some(latest_secs);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::TAU;

    fn secs(s: f64) -> Duration {
        Duration::try_from_secs_f64(s).unwrap()
    }

    /// A heart beating around 1000 ms with a 0.1 Hz swing of ±40 ms and a little beat-to-beat
    /// wobble, fed one beat per notification the moment it ends, from `from_secs` for `secs`.
    fn feed(live: &mut LiveHrv, from_secs: f64, for_secs: f64) -> Vec<f64> {
        let mut t = from_secs;
        let mut fed = Vec::new();
        let mut k = 0_u32;
        while t < from_secs + for_secs {
            let rr = 1000.0 + 40.0 * (TAU * 0.1 * t).sin() + 8.0 * (f64::from(k) * 2.1).sin();
            t += rr / 1000.0;
            live.push(secs(t), &[rr]);
            fed.push(rr);
            k += 1;
        }
        fed
    }

    #[test]
    fn rmssd_is_provisional_for_the_first_minute_then_settles() {
        let mut live = LiveHrv::new();
        assert_eq!(live.rmssd(), None);
        let fed = feed(&mut live, 0.0, 30.0);
        let r = live.rmssd().unwrap();
        assert!(r.provisional);
        assert!((r.rmssd_ms - rmssd_ms(&fed).unwrap()).abs() < 1e-9);
        let more = feed(&mut live, fed.iter().sum::<f64>() / 1000.0, 60.0);
        let r = live.rmssd().unwrap();
        assert!(!r.provisional);
        // Over the last minute only: the beats ending in the last 60 s.
        let all: Vec<f64> = fed.iter().chain(&more).copied().collect();
        let mut t = all.iter().sum::<f64>() / 1000.0;
        let last = t;
        let mut window = Vec::new();
        for rr in all.iter().rev() {
            if t <= last - 60.0 {
                break;
            }
            window.push(*rr);
            t -= rr / 1000.0;
        }
        window.reverse();
        assert!((r.rmssd_ms - rmssd_ms(&window).unwrap()).abs() < 1e-6, "{r:?}");
    }

    #[test]
    fn the_spectrum_waits_for_64_seconds_then_renews_every_5() {
        let mut live = LiveHrv::new();
        feed(&mut live, 0.0, 40.0);
        match live.spectral() {
            Spectral::NeedsMore { have_secs, need_secs } => {
                assert!((39.0..=41.0).contains(&have_secs), "{have_secs}");
                assert!((need_secs - 64.0).abs() < 1e-12);
            }
            ready @ Spectral::Ready(_) => panic!("too early: {ready:?}"),
        }
        feed(&mut live, 40.5, 25.0);
        let first = live.spectral();
        let peak = first.figures().unwrap().peak.unwrap();
        assert!((peak.hz - 0.1).abs() < 0.01, "{peak:?}");
        // Two seconds later: unchanged. Seven seconds later: renewed.
        let mut changes = Vec::new();
        let mut t = 66.0;
        for _ in 0..10 {
            t += 1.0;
            live.push(secs(t), &[1000.0]);
            changes.push(live.spectral() != first);
        }
        let renewed = changes.iter().position(|&c| c).expect("renewed within 10 s");
        assert!((3..=6).contains(&renewed), "{changes:?}");
    }

    #[test]
    fn a_gap_starts_a_new_stretch() {
        let mut live = LiveHrv::new();
        let fed = feed(&mut live, 0.0, 90.0);
        let end = fed.iter().sum::<f64>() / 1000.0;
        assert!(!live.rmssd().unwrap().provisional);
        assert!(live.spectral().figures().is_some());
        // Ten seconds without beats, then a heart 200 ms slower: a difference across the gap
        // would add a 200 ms step to RMSSD.
        for k in 1..=20 {
            live.push(secs(end + 10.0 + f64::from(k) * 1.2), &[1200.0]);
        }
        let r = live.rmssd().unwrap();
        assert!(r.provisional && r.rmssd_ms < 1e-9, "{r:?}");
        assert!(matches!(live.spectral(), Spectral::NeedsMore { have_secs, .. } if have_secs < 30.0));
        let now = secs(end + 34.0);
        let trace = live.heart_rate_trace(now);
        let starts: Vec<usize> = (0..trace.len()).filter(|&i| trace[i].starts_line).collect();
        assert_eq!(starts.len(), 1, "{starts:?}");
        assert!((trace[starts[0]].bpm - 50.0).abs() < 1e-9);
        assert!(trace[starts[0] - 1].at_secs < end + 0.01);
        assert!(trace.iter().all(|p| p.at_secs > now.as_secs_f64() - 60.0));
    }

    #[test]
    fn signal_quality_says_no_signal_poor_or_good() {
        let mut live = LiveHrv::new();
        assert_eq!(live.quality(secs(0.0)), SignalQuality::NoSignal);
        feed(&mut live, 0.0, 70.0);
        assert_eq!(live.quality(secs(71.0)), SignalQuality::Good);
        assert_eq!(live.quality(secs(77.0)), SignalQuality::NoSignal);
        // Missed beats: every eighth interval twice as long, for a minute.
        let mut t = 71.0;
        for k in 0..60 {
            let rr = if k % 8 == 0 { 2000.0 } else { 1000.0 };
            t += rr / 1000.0;
            live.push(secs(t), &[rr]);
        }
        match live.quality(secs(t)) {
            SignalQuality::Poor { corrected_percent } => assert!(corrected_percent > 5.0),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refuses_implausible_intervals_and_places_the_rest() {
        let mut live = LiveHrv::new();
        feed(&mut live, 0.0, 20.0);
        let before = live.heart_rate_trace(secs(21.0)).len();
        live.push(secs(21.0), &[0.0, f64::NAN, 63_999.0, -5.0]);
        live.push(secs(5.0), &[1000.0]);
        assert_eq!(live.heart_rate_trace(secs(21.0)).len(), before);
        // The next notification's beats follow the last beat by their intervals; each point
        // sits in the middle of its interval.
        live.push(secs(23.0), &[1000.0, 1200.0]);
        let trace = live.heart_rate_trace(secs(23.0));
        assert_eq!(trace.len(), before + 2);
        let (a, b) = (trace[before], trace[before + 1]);
        assert!((a.bpm - 60.0).abs() < 1e-9 && (b.bpm - 50.0).abs() < 1e-9, "{trace:?}");
        assert!((b.at_secs - a.at_secs - 1.1).abs() < 1e-9, "{trace:?}");
        assert!(live.rmssd().unwrap().rmssd_ms.is_finite());
        // Five refusals against 20-odd beats is poor signal.
        assert!(
            matches!(live.quality(secs(21.0)), SignalQuality::Poor { .. }),
            "{:?}",
            live.quality(secs(21.0))
        );
    }

    #[test]
    fn the_trace_is_the_corrected_heart_rate_of_the_last_minute() {
        let mut live = LiveHrv::new();
        let mut t = 0.0;
        for k in 0..100 {
            // One missed beat at 50: a 2000 ms interval the correction splits in two.
            let rr = if k == 50 { 2000.0 } else { 1000.0 + 20.0 * (f64::from(k) * 0.7).sin() };
            t += rr / 1000.0;
            live.push(secs(t), &[rr]);
        }
        let trace = live.heart_rate_trace(secs(t));
        assert!(trace.iter().all(|p| p.at_secs > t - 60.0));
        assert!(trace.iter().all(|p| (55.0..65.0).contains(&p.bpm)), "no 30 bpm dip");
        assert!(trace.iter().any(|p| p.corrected));
        assert!(trace.windows(2).all(|w| w[1].at_secs > w[0].at_secs));
    }

    #[test]
    fn memory_stays_bounded_over_a_long_session() {
        let mut live = LiveHrv::new();
        feed(&mut live, 0.0, 600.0);
        let after_ten_minutes = live.stored();
        feed(&mut live, 600.5, 1200.0);
        assert!(live.stored() <= after_ten_minutes + 10, "{} vs {after_ten_minutes}", live.stored());
        assert!(live.stored() < 600, "{}", live.stored());
        // A flood of refused values is capped too.
        for k in 0..5000 {
            live.push(secs(1801.0 + f64::from(k) * 0.001), &[1.0]);
        }
        assert!(live.stored() < 600 + MAX_STORED + 2, "{}", live.stored());
    }

    #[test]
    fn figures_gather_everything() {
        let mut live = LiveHrv::new();
        feed(&mut live, 0.0, 80.0);
        let f = live.figures(secs(80.5));
        assert!(f.rmssd.is_some() && f.spectral.figures().is_some());
        assert!((f.mean_hr_bpm.unwrap() - 60.0).abs() < 1.0, "{f:?}");
        assert_eq!(f.quality, SignalQuality::Good);
    }
}
