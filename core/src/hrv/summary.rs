//! The figures of a whole recording, as `unbrace --hrv FILE [--no-correction]` prints them,
//! one a line:
//!
//! ```text
//! RMSSD 42.17 ms
//! SDNN 55.01 ms
//! pNN50 23.08 %
//! mean HR 61.3 bpm
//! beats 300
//! beats corrected 2
//! ```
//!
//! `beats` counts the intervals read; the figures are of the corrected series, which has one
//! more interval per missed beat and one fewer per extra beat. Without correction the last
//! line reads `beats corrected off`. When more than 5 % of the beats needed correcting, a
//! last line says so: `signal poor: 7.1 % of beats corrected`.

use std::fmt;

use super::correction::{CorrectedCounts, Correction, correct};
use super::time_domain::TimeDomain;

/// Whether to correct artefacts before the figures are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Correcting {
    On,
    /// `--no-correction`: the figures of the series exactly as read.
    Off,
}

/// The time-domain figures of one recording, and how much of it was corrected.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub time_domain: TimeDomain,
    /// Intervals read.
    pub beats: usize,
    /// `None` when correction was off.
    pub corrected: Option<CorrectedCounts>,
    /// The share of beats corrected, 0 to 1 (0 when correction was off).
    pub fraction_corrected: f64,
    pub signal_poor: bool,
}

/// Why a recording has no figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryError {
    /// Fewer than two intervals (after correction).
    TooFewBeats { beats: usize },
}

impl fmt::Display for SummaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooFewBeats { beats } => {
                write!(
                    f,
                    "HRV figures need at least 2 RR intervals; there {}",
                    match beats {
                        0 => "are none".to_owned(),
                        1 => "is 1".to_owned(),
                        n => format!("are {n}"),
                    }
                )
            }
        }
    }
}

impl std::error::Error for SummaryError {}

impl Summary {
    /// The figures of `rr_ms`, corrected first unless `correcting` is off.
    pub fn of(rr_ms: &[f64], correcting: Correcting) -> Result<Self, SummaryError> {
        let correction = match correcting {
            Correcting::On => correct(rr_ms),
            Correcting::Off => Correction::unchanged(rr_ms),
        };
        let time_domain = TimeDomain::from_rr(&correction.rr_ms)
            .ok_or(SummaryError::TooFewBeats { beats: correction.rr_ms.len() })?;
        Ok(Self {
            time_domain,
            beats: rr_ms.len(),
            corrected: (correcting == Correcting::On).then_some(correction.counts),
            fraction_corrected: correction.fraction_corrected(),
            signal_poor: correction.signal_poor(),
        })
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = &self.time_domain;
        writeln!(f, "RMSSD {:.2} ms", t.rmssd_ms)?;
        writeln!(f, "SDNN {:.2} ms", t.sdnn_ms)?;
        writeln!(f, "pNN50 {:.2} %", t.pnn50_percent)?;
        writeln!(f, "mean HR {:.1} bpm", t.mean_hr_bpm)?;
        writeln!(f, "beats {}", self.beats)?;
        match self.corrected {
            Some(counts) => writeln!(f, "beats corrected {}", counts.total())?,
            None => writeln!(f, "beats corrected off")?,
        }
        if self.signal_poor {
            writeln!(f, "signal poor: {:.1} % of beats corrected", 100.0 * self.fraction_corrected)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn golden() -> Vec<f64> {
        (0..120)
            .map(|i| {
                let i = f64::from(i);
                let tau = std::f64::consts::TAU;
                (1000.0 + 50.0 * (tau * i / 10.0).sin() + 20.0 * (tau * i / 3.7).sin()).round()
            })
            .collect()
    }

    #[test]
    fn prints_one_figure_a_line() {
        let s = Summary::of(&golden(), Correcting::On).unwrap();
        assert_eq!(
            s.to_string(),
            "RMSSD 30.60 ms\nSDNN 38.27 ms\npNN50 10.08 %\nmean HR 60.0 bpm\nbeats 120\nbeats corrected 0\n"
        );
    }

    #[test]
    fn counts_corrections_and_says_when_off() {
        let mut rr = golden();
        rr[60] += rr[61];
        rr.remove(61);
        let on = Summary::of(&rr, Correcting::On).unwrap();
        assert_eq!((on.beats, on.corrected.map(|c| c.missed)), (119, Some(1)));
        assert!(on.to_string().contains("\nbeats 119\nbeats corrected 1\n"), "{on}");
        let off = Summary::of(&rr, Correcting::Off).unwrap();
        assert!(off.to_string().ends_with("\nbeats 119\nbeats corrected off\n"), "{off}");
        // The missed beat doubles one interval: uncorrected, the spread is far larger.
        assert!(off.time_domain.sdnn_ms > 2.0 * on.time_domain.sdnn_ms, "{off} vs {on}");
    }

    #[test]
    fn says_plainly_when_the_signal_is_poor() {
        let mut rr = golden();
        for at in [10, 30, 50, 70, 90, 100] {
            rr[at] += rr[at + 1];
            rr[at + 1] = 0.0;
        }
        rr.retain(|&v| v > 0.0);
        let s = Summary::of(&rr, Correcting::On).unwrap();
        assert!(s.signal_poor);
        assert!(s.to_string().ends_with("beats corrected 6\nsignal poor: 5.3 % of beats corrected\n"), "{s}");
    }

    #[test]
    fn too_few_beats_is_an_error_in_words() {
        assert_eq!(Summary::of(&[900.0], Correcting::On), Err(SummaryError::TooFewBeats { beats: 1 }));
        assert_eq!(
            Summary::of(&[], Correcting::Off).unwrap_err().to_string(),
            "HRV figures need at least 2 RR intervals; there are none"
        );
    }
}
