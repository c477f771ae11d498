//! Sound cues, so a practice can be followed with the eyes closed: a rising tone as each
//! inhale begins, a falling one for the exhale, a tick on holds, a chime between body-scan
//! steps and a bell at the end.
//!
//! The core is pure: [`synth`] makes the sounds, [`score`] says when a practice sounds, and
//! [`mixer`] places each cue on the sample heard at its moment. [`pulse`] plays the mix on
//! its own thread through the sound server; the UI only places scores ([`output`]).

pub mod analysis;
pub mod cue;
pub mod mixer;
pub mod output;
pub mod pulse;
pub mod score;
pub mod synth;
pub mod timing;
