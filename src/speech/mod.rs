//! Spoken prompts: the [`Speech`] the app talks to, the speech-dispatcher adapter behind it
//! ([`dispatcher`], over the SSIP client in [`ssip`]), and none (a run without a speech
//! service: the app says so once and carries on with text and chimes).

pub mod dispatcher;
pub mod ssip;

use unbrace_core::speech::settings::VoiceSettings;
use unbrace_core::speech::utterance::Utterance;

/// What happened to an utterance, by the id the app gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeechEvent {
    /// Its first words are heard.
    Started(u64),
    /// It has been said in full.
    Finished(u64),
    /// It was silenced (a stop, or another utterance took its place) or could not be said.
    Stopped(u64),
}

/// How the speech service is doing, for Settings and the one-time notice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SpeechStatus {
    /// Not connected yet.
    #[default]
    Waiting,
    Ready,
    /// No speech: why, in a sentence for the user.
    Unavailable(String),
}

/// A voice the service offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    pub name: String,
    pub language: String,
}

/// A speech service. Nothing here waits: each call is a message to the service's thread,
/// and what it did comes back as [`SpeechEvent`]s.
pub trait Speech {
    /// Says `utterance`, silencing whatever was being said; `id` names it in the events.
    fn say(&mut self, id: u64, utterance: &Utterance);
    /// Silences speech at once.
    fn stop(&mut self);
    fn set_settings(&mut self, settings: &VoiceSettings);
    /// What happened since the last call, in order.
    fn events(&mut self) -> Vec<SpeechEvent>;
    fn status(&self) -> SpeechStatus;
    /// The voices offered (empty until connected).
    fn voices(&self) -> Vec<Voice>;
    /// Finds out, in the background, whether a service is there (and its voices).
    fn probe(&mut self) {}
}

/// No speech, and why.
#[derive(Debug, Clone, Default)]
pub struct NoSpeech {
    pub reason: String,
    /// Utterances asked for, each answered as stopped.
    stopped: Vec<u64>,
}

impl NoSpeech {
    #[must_use]
    pub fn new(reason: impl Into<String>) -> Self {
        Self { reason: reason.into(), stopped: Vec::new() }
    }
}

impl Speech for NoSpeech {
    fn say(&mut self, id: u64, _utterance: &Utterance) {
        self.stopped.push(id);
    }

    fn stop(&mut self) {}

    fn set_settings(&mut self, _settings: &VoiceSettings) {}

    fn events(&mut self) -> Vec<SpeechEvent> {
        self.stopped.drain(..).map(SpeechEvent::Stopped).collect()
    }

    fn status(&self) -> SpeechStatus {
        SpeechStatus::Unavailable(self.reason.clone())
    }

    fn voices(&self) -> Vec<Voice> {
        Vec::new()
    }
}
