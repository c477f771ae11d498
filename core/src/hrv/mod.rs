//! Heart-rate variability (HRV) for biofeedback: the time between heartbeats (RR intervals)
//! from a Bluetooth chest strap or an exported file, cleaned of artefacts, and the figures
//! people watch while breathing slowly. Pure: no radio, file or clock; time is passed in.
//!
//! - [`measurement`] reads a strap's Heart Rate Measurement notification (0x2A37);
//!   [`rr_file`] reads RR exports (one interval a line, or a column of a table).
//! - [`correction`] finds and corrects missed, extra, ectopic, long and short beats
//!   (Lipponen & Tarvainen 2019, as in Kubios and neurokit2).
//! - [`time_domain`] gives RMSSD, SDNN, pNN50 and mean heart rate; [`summary`] prints them
//!   for a whole recording (`unbrace --hrv FILE`).
//! - [`resample`] and [`spectrum`] give LF and HF power, the peak frequency and the
//!   coherence ratio.
//! - [`beat_clock`] places a strap's beats in time; [`live`] keeps all of these up to date
//!   beat by beat during a practice.
//! - [`resonance`] scores a breathing-rate assessment and picks the rate at which the heart
//!   swings most with the breath.
//!
//! The figures are for a person's own trend, never a diagnosis.

pub mod beat_clock;
pub mod correction;
pub mod live;
pub mod measurement;
pub mod resample;
pub mod resonance;
pub mod rr_file;
pub mod spectrum;
pub mod summary;
pub mod time_domain;

/// The shortest and longest RR interval taken as a heartbeat at all (ms): 600 to 6 bpm. The
/// range is wide on purpose: implausible but real intervals (a dropout, a noise spike) are
/// the artefact correction's to judge; only values no heart makes are refused.
pub const PLAUSIBLE_RR_MS: (f64, f64) = (100.0, 10_000.0);
