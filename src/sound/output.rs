//! Where the app sends its cues: the real sound output, or none (a run without sound). The app only places scores and passes settings on; what happens to
//! them is the output's business.

use std::time::Duration;

use unbrace_core::sound::clip::Clip;
use unbrace_core::sound::cue::SoundSettings;
use unbrace_core::sound::score::Placed;

/// How the sound output is doing, for Settings and the one-time notice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SoundStatus {
    /// Not connected yet: it connects when first needed.
    #[default]
    Waiting,
    /// Connected to a sound server.
    Ready,
    /// No sound: why, in a sentence for the user.
    Unavailable(String),
}

/// A sink for the practice's cues.
pub trait CueOutput {
    /// The running practice's score, or `None` when it pauses or stops.
    fn place(&mut self, placed: Option<Placed>);
    fn set_settings(&mut self, settings: SoundSettings);
    /// Plays a breath in and out, so the volume can be judged.
    fn preview(&mut self);
    fn status(&self) -> SoundStatus;

    /// Finds out, in the background, whether sound can be played (so Settings can say so
    /// before anything is played).
    fn probe(&mut self) {}

    /// How long after Start the practice should begin so that its first cue can sound on
    /// time: a new sound stream takes a moment to reach the ear.
    fn start_lead(&self) -> Duration {
        Duration::ZERO
    }

    /// Speech is heard now (or no longer): the cues duck under it.
    fn set_speaking(&mut self, _speaking: bool) {}

    /// How loud recordings play (the voice volume, as an amplitude factor).
    fn set_clip_gain(&mut self, _gain: f32) {}

    /// Plays `clip` now, whatever the score (a take listened to in the editor).
    fn play_clip(&mut self, _clip: Clip) {}

    /// Stops a clip started with [`Self::play_clip`].
    fn stop_clip(&mut self) {}
}

/// No sound at all, and why (a run whose sound output could not start).
#[derive(Debug, Clone, Default)]
pub struct NoOutput {
    pub reason: String,
}

impl CueOutput for NoOutput {
    fn place(&mut self, _placed: Option<Placed>) {}

    fn set_settings(&mut self, _settings: SoundSettings) {}

    fn preview(&mut self) {}

    fn status(&self) -> SoundStatus {
        SoundStatus::Unavailable(self.reason.clone())
    }
}
