//! Sound cues, so a practice can be followed with the eyes closed: a rising tone as each
//! inhale begins, a falling one for the exhale, a tick on holds, a chime between body-scan
//! steps and a bell at the end.
//!
//! [`synth`] makes the sounds, [`score`] says when a practice sounds, [`mixer`] places each
//! cue on the sample heard at its moment, and [`timing`] maps stream position to clock time.
//! The shell plays the mix through the sound server.

pub mod analysis;
pub mod clip;
pub mod cue;
pub mod mixer;
pub mod score;
pub mod synth;
pub mod timing;
