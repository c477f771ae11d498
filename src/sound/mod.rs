//! Playing the core's sound scores: the output the app talks to ([`output`]) and the
//! `PulseAudio` client thread behind it ([`pulse`]).

pub mod output;
pub mod pulse;
