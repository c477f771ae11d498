//! Recorded voice: a step's recording on disk ([`clip_file`]), the check of the recordings a
//! script names ([`check`]), and recording from the microphone ([`microphone`]).

pub mod check;
pub mod clip_file;
pub mod jobs;
pub mod microphone;
pub mod record_view;
