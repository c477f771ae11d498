//! Spoken guidance, as far as it is the core's business: the voice settings, what a step's
//! prompt sounds like to a speech service (its lines with pauses between them), and how long
//! saying it should take at most, so a step whose "finished speaking" never comes still
//! starts. Speaking itself is the shell's (an adapter over speech-dispatcher).

pub mod settings;
pub mod utterance;
