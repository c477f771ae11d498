//! Keeps speech in step with the practice: each body-scan step's prompt is said as the step
//! begins (unless the step has its own recording), the flow hears when its words have been
//! said, Pause, Stop, Next and Previous silence speech at once, and the cues duck while words
//! are heard. Breathing can say "in", "out" and "hold". When there is no speech service, it
//! says so once, during the first body scan that wanted a voice.

use std::time::Duration;

use unbrace_core::practice::flow::Stage;
use unbrace_core::speech::settings::VoiceSettings;
use unbrace_core::speech::utterance::Utterance;

use super::UnbraceApp;
use super::sound_sync::Notice;
use crate::speech::{NoSpeech, Speech, SpeechEvent, SpeechStatus};

/// What the sample in Settings says.
pub const SAMPLE: &str = "Notice your shoulders.\nLet them soften, just a little.";

/// A phase word is said only this soon after its phase begins (a frame later is fine; a
/// resume in the middle of a phase says nothing).
const PHASE_WORD_WITHIN: Duration = Duration::from_millis(400);

/// What an utterance is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Saying {
    /// A step's prompt, said from practice time `from` (its start, or a resume).
    Step { scan: String, step: usize, from: Duration },
    /// A breathing phase's word: which breath and phase.
    Phase { cycle: u64, started: Duration },
    /// The sample in Settings.
    Sample,
}

/// The speech service and what it was last told.
pub(super) struct Voice {
    speech: Box<dyn Speech>,
    next_id: u64,
    /// What is being said now, by its id.
    saying: Option<(u64, Saying)>,
    /// Words are heard now (between "started" and "finished").
    heard: bool,
    settings: Option<VoiceSettings>,
    notice: Notice,
    /// A recording that could not be played, said once: why.
    pub(super) clip_notice: Option<String>,
    /// The running scan's recordings.
    pub(super) clips: super::voice_clips::ClipLoads,
}

impl Default for Voice {
    fn default() -> Self {
        Self::new(Box::new(NoSpeech::new("no speech service was set up for this run")))
    }
}

impl Voice {
    pub(super) fn new(speech: Box<dyn Speech>) -> Self {
        Self {
            speech,
            next_id: 0,
            saying: None,
            heard: false,
            settings: None,
            notice: Notice::NotYet,
            clip_notice: None,
            clips: super::voice_clips::ClipLoads::default(),
        }
    }

    pub(super) fn status(&self) -> SpeechStatus {
        self.speech.status()
    }

    pub(super) fn voices(&self) -> Vec<crate::speech::Voice> {
        self.speech.voices()
    }

    pub(super) fn probe(&mut self) {
        self.speech.probe();
    }

    pub(super) fn dismiss_notice(&mut self) {
        self.notice = Notice::Said;
        self.clip_notice = None;
    }

    /// The "no speech" notice is on show (and, when `seen`, has been seen on screen).
    pub(super) fn notice_showing(&mut self, seen: bool) -> bool {
        match &mut self.notice {
            Notice::Showing { seen: was_seen } => {
                *was_seen |= seen;
                true
            }
            _ => false,
        }
    }

    /// Says the sample (Settings), whatever is going on.
    pub(super) fn say_sample(&mut self, settings: &VoiceSettings) {
        self.say(Saying::Sample, &Utterance::of_prompt(SAMPLE, settings));
    }

    fn say(&mut self, saying: Saying, utterance: &Utterance) {
        self.next_id += 1;
        self.speech.say(self.next_id, utterance);
        self.saying = Some((self.next_id, saying));
    }

    fn stop(&mut self) {
        if self.saying.take().is_some() {
            self.speech.stop();
        }
        self.heard = false;
    }
}

impl UnbraceApp {
    /// Tells the speech service what changed, takes in what it said, and keeps the flow and
    /// the cues in step with it.
    pub(super) fn sync_voice(&mut self) {
        let now = self.now;
        let voice_settings = self.settings.voice.clone();
        if self.voice.settings.as_ref() != Some(&voice_settings) {
            self.voice.speech.set_settings(&voice_settings);
            self.voice.settings = Some(voice_settings.clone());
        }
        let unavailable = matches!(self.voice.status(), SpeechStatus::Unavailable(_));
        self.flow.set_voice(voice_settings.on.then(|| voice_settings.clone()), !unavailable, now);
        self.load_scan_clips();

        for event in self.voice.speech.events() {
            let current = self.voice.saying.as_ref().filter(|(id, _)| {
                matches!(event,
                SpeechEvent::Started(e) | SpeechEvent::Finished(e) | SpeechEvent::Stopped(e) if e == *id)
            });
            let Some((_, saying)) = current.cloned() else { continue };
            match event {
                SpeechEvent::Started(_) => self.voice.heard = true,
                // Said in full, or not at all (the service failed): either way the step's own
                // time begins now.
                SpeechEvent::Finished(_) | SpeechEvent::Stopped(_) => {
                    self.voice.heard = false;
                    self.voice.saying = None;
                    if let Saying::Step { step, .. } = saying {
                        self.flow.words_said(step, now);
                    }
                }
            }
        }

        // What should be said now, and whether what is being said may go on.
        let (wanted, keep) = self.wanted_words(&voice_settings);
        let saying = self.voice.saying.as_ref().map(|(_, s)| s.clone());
        if saying.is_some() && !keep {
            self.voice.stop();
        }
        if let Some((saying, utterance)) = wanted
            && self.voice.saying.as_ref().map(|(_, s)| s) != Some(&saying)
        {
            self.voice.say(saying, &utterance);
        }
        self.sound.set_speaking(self.voice.heard);

        let scanning = matches!(self.flow.stage(), Stage::Scanning(_));
        match self.voice.notice {
            Notice::NotYet if scanning && voice_settings.on && unavailable => {
                self.voice.notice = Notice::Showing { seen: false };
            }
            Notice::Showing { seen: true } if !self.flow.is_practising() => self.voice.notice = Notice::Said,
            _ => {}
        }
    }

    /// The words wanted now (a step's prompt as it begins, a breathing phase's word), and
    /// whether what is being said may go on (the same step still running, say).
    fn wanted_words(&self, voice: &VoiceSettings) -> (Option<(Saying, Utterance)>, bool) {
        let saying = self.voice.saying.as_ref().map(|(_, s)| s);
        let clock = self.now.clock;
        match self.flow.stage() {
            Stage::Scanning(session) if !session.is_paused() && session.speaks() => {
                let position = session.position(clock);
                let here = Saying::Step {
                    scan: session.scan_id().to_owned(),
                    step: position.step,
                    from: position.words_from,
                };
                let keep = saying == Some(&here);
                // A recording plays instead (or is still being read: it is waited for).
                let has_clip = session.clip(position.step).is_some()
                    || self.voice.clips.pending.contains(&position.step);
                let wanted = (position.words_left.is_some() && !has_clip && !position.finished).then(|| {
                    let prompt = &session.scan().steps()[position.step].prompt;
                    (here, Utterance::of_prompt(prompt, voice))
                });
                (wanted, keep)
            }
            Stage::Breathing(session) if !session.is_paused() && voice.on && voice.breathing_words => {
                let moment = session.moment(clock);
                let started = session.practised(clock).saturating_sub(moment.phase_elapsed);
                let here = Saying::Phase { cycle: moment.cycle, started };
                let fresh = moment.phase_elapsed < PHASE_WORD_WITHIN && !moment.finished;
                let word = match moment.kind {
                    k if k.is_hold() => "hold",
                    unbrace_core::breathing::pattern::PhaseKind::Exhale => "out",
                    _ => "in",
                };
                let keep = matches!(saying, Some(Saying::Phase { .. }));
                ((fresh).then(|| (here, Utterance::words(word))), keep)
            }
            // Nothing practised: only the sample may go on.
            _ if !self.flow.is_practising() => (None, saying == Some(&Saying::Sample)),
            _ => (None, false),
        }
    }
}
