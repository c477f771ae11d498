//! Keeps the sound output in step with the app: the settings, and the running practice's
//! score, handed over only when they change, so the UI thread never waits on sound. Whether
//! the score changed is a counter the practice flow keeps, so a frame costs the same for a
//! 50-hour body scan as for a 3-minute one: the score is asked for (a few shared handles,
//! never a copy of the routine) only when the counter moved. It also says once, during the
//! first practice that wanted sound, when there is none.

use std::time::Duration;

use unbrace_core::sound::cue::SoundSettings;
use unbrace_core::sound::score::Placed;

use super::UnbraceApp;
use crate::sound::output::{CueOutput, NoOutput, SoundStatus};

/// The sound output and what it was last told.
pub(super) struct Sound {
    output: Box<dyn CueOutput>,
    placed: Option<Placed>,
    /// The flow's sound changes count and the sound switch when the score was last asked for.
    asked: Option<(u64, bool)>,
    settings: Option<SoundSettings>,
    notice: Notice,
    /// Whether the output was last told that speech is heard, and the recordings' gain.
    speaking: bool,
    clip_gain: Option<u8>,
}

/// "No sound" is said once a run, during the first practice that wanted sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Notice {
    NotYet,
    /// On show until dismissed, or until the practice ends once it has been seen.
    Showing {
        seen: bool,
    },
    Said,
}

impl Default for Sound {
    fn default() -> Self {
        Self::new(Box::new(NoOutput { reason: "no sound output was set up for this run".to_owned() }))
    }
}

impl Sound {
    pub(super) fn new(output: Box<dyn CueOutput>) -> Self {
        Self {
            output,
            placed: None,
            asked: None,
            settings: None,
            notice: Notice::NotYet,
            speaking: false,
            clip_gain: None,
        }
    }

    /// How long after a press a practice should begin so its first cue sounds with it.
    pub(super) fn cue_lead(&self, sound_on: bool) -> Duration {
        if sound_on { self.output.start_lead() } else { Duration::ZERO }
    }

    pub(super) fn status(&self) -> SoundStatus {
        self.output.status()
    }

    pub(super) fn preview(&mut self) {
        self.output.preview();
    }

    pub(super) fn probe(&mut self) {
        self.output.probe();
    }

    /// Speech is heard now (or no longer): the cues duck under it.
    pub(super) fn set_speaking(&mut self, speaking: bool) {
        if self.speaking != speaking {
            self.speaking = speaking;
            self.output.set_speaking(speaking);
        }
    }

    /// Plays a take (or stops the one playing).
    pub(super) fn play_clip(&mut self, clip: Option<unbrace_core::sound::clip::Clip>) {
        match clip {
            Some(clip) => self.output.play_clip(clip),
            None => self.output.stop_clip(),
        }
    }

    pub(super) fn dismiss_notice(&mut self) {
        self.notice = Notice::Said;
    }

    /// The notice is on show (and, when `seen`, has been seen on screen).
    pub(super) fn notice_showing(&mut self, seen: bool) -> bool {
        match &mut self.notice {
            Notice::Showing { seen: was_seen } => {
                *was_seen |= seen;
                true
            }
            _ => false,
        }
    }
}

impl UnbraceApp {
    /// Tells the sound output what changed: the settings, and the running practice's score.
    pub(super) fn sync_sound(&mut self) {
        let sound = &mut self.sound;
        if sound.settings != Some(self.settings.sound) {
            sound.output.set_settings(self.settings.sound);
            sound.settings = Some(self.settings.sound);
        }
        if sound.clip_gain != Some(self.settings.voice.volume) {
            sound.clip_gain = Some(self.settings.voice.volume);
            sound.output.set_clip_gain(self.settings.voice.gain());
        }
        let asked = (self.flow.sound_changes(), self.settings.sound.on);
        if sound.asked != Some(asked) {
            sound.asked = Some(asked);
            // Sound off: nothing to play, so no stream is kept open.
            let placed = if self.settings.sound.on { self.flow.sound() } else { None };
            // Shared handles: comparing them costs no walk through the routine.
            if placed != sound.placed {
                sound.output.place(placed.clone());
                sound.placed = placed;
            }
        }
        let practising = self.flow.is_practising();
        match sound.notice {
            Notice::NotYet if practising && self.settings.sound.on => {
                if let SoundStatus::Unavailable(_) = sound.output.status() {
                    sound.notice = Notice::Showing { seen: false };
                }
            }
            // Said once it has been on screen (not while hidden by focus mode).
            Notice::Showing { seen: true } if !practising => sound.notice = Notice::Said,
            _ => {}
        }
    }
}
