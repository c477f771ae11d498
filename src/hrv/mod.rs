//! Heart-rate variability biofeedback in the shell: the sources of heartbeats and their
//! adapters, the app's model of the heart, and the views. The figures themselves (artefact
//! correction, RMSSD, spectra, coherence, the breathing-rate assessment) are the core's
//! (`unbrace_core::hrv`), which never knows where the beats came from.
//!
//! - [`source`]: the one trait every source implements, and what sources report;
//!   [`strap`]: a Bluetooth heart-rate strap (btleplug, on its own thread);
//!   [`replay`]: an RR file replayed in real time; [`rr_file`]: reading such a file.
//! - [`model`]: the source in use, its status, the live analysis and the practice's figures;
//!   [`recorder`]: a practice's figures for the history; [`breath_axis`]: where the
//!   breathing shape was at a past moment, for drawing the heart against it.
//! - [`assessment`]: "Find your breathing rate", run by the app's clock.
//! - Views: [`strap_view`] (Settings), [`assessment_view`]; the heart-rate strip during a
//!   practice is [`crate::breathing::heart_view`].
//!
//! The figures are for a person's own trend, never a diagnosis.

pub mod assessment;
pub mod assessment_view;
pub mod breath_axis;
pub mod model;
pub mod recorder;
pub mod replay;
pub mod rr_file;
pub mod source;
pub mod strap;
pub mod strap_view;

use unbrace_core::settings::StrapChoice;

/// What the user asks about the heart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeartCommand {
    /// Look for straps nearby, or stop looking.
    Search(bool),
    /// Use this strap from now on (remembered), or none.
    UseStrap(Option<StrapChoice>),
    /// Open "Find your breathing rate".
    OpenAssessment,
    /// Begin the assessment's pacer.
    BeginAssessment,
    /// End the assessment now (its results so far are shown).
    StopAssessment,
    /// Save a personal pattern at the best rate.
    SavePattern,
    /// Leave the assessment.
    CloseAssessment,
}
