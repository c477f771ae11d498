//! Recording your own voice in the editor: a take for one step of the open body scan at a
//! time, from the microphone; listened to through the sound output, recorded again, and kept
//! (written next to the script on the disk thread, then the step's `audio:` field set in the
//! text, and the script saved if it had no other changes). The recordings the open scan names
//! are checked on the disk thread too, so a missing or damaged one shows at its line.

use std::sync::Arc;

use unbrace_core::library::problem::Problem;
use unbrace_core::script::Script;
use unbrace_core::script::audio_field::set_step_audio;
use unbrace_core::script::audio_path::AudioPath;
use unbrace_core::sound::clip::Clip;

use super::UnbraceApp;
use crate::command::TakeCommand;
use crate::disk::Done;
use crate::editor::state::EditorCommand;
use crate::voice::jobs::{self, VoiceDone};
use crate::voice::microphone::{MicState, Microphone, NoMicrophone, RATE};
use crate::voice::record_view::TakesInput;

/// The microphone and the take in hand.
pub(super) struct Takes {
    mic: Box<dyn Microphone>,
    /// The script and step the take being recorded (or in hand) is for.
    step: Option<(String, usize)>,
    /// A finished take, not kept yet.
    take: Option<Arc<[i16]>>,
    /// What happened last, in a sentence.
    message: Option<String>,
    /// The recordings' problems for the open script, and the text they were found in.
    problems: Option<(String, String, Vec<Problem>)>,
    /// The text whose recordings were last sent to be checked.
    checked: Option<(String, String)>,
}

impl Default for Takes {
    fn default() -> Self {
        Self::new(Box::new(NoMicrophone::new("no microphone was set up for this run")))
    }
}

impl Takes {
    pub(super) fn new(mic: Box<dyn Microphone>) -> Self {
        Self { mic, step: None, take: None, message: None, problems: None, checked: None }
    }
}

impl UnbraceApp {
    /// Records from `mic` in the editor.
    #[must_use]
    pub fn with_microphone(mut self, mic: Box<dyn Microphone>) -> Self {
        self.takes = Takes::new(mic);
        self
    }

    /// The open body scan, if it can be recorded for: its id and the scan.
    fn recordable(&self) -> Option<(String, &unbrace_core::body_scan::script::BodyScan)> {
        let doc = self.editor.doc.as_ref().filter(|d| d.editable)?;
        match &doc.parsed {
            Some(Script::BodyScan(scan)) => Some((doc.id.clone(), scan)),
            _ => None,
        }
    }

    pub(super) fn apply_take(&mut self, command: TakeCommand) {
        let Some((doc_id, scan)) = self.recordable() else { return };
        let steps = scan.steps().len();
        match command {
            TakeCommand::Record(step) if step < steps => {
                self.sound.play_clip(None);
                self.takes.take = None;
                self.takes.message = None;
                self.takes.step = Some((doc_id, step));
                self.takes.mic.start();
            }
            TakeCommand::Stop => self.takes.mic.stop(),
            TakeCommand::Listen(step) if step < steps => {
                let this_take = self.takes.step == Some((doc_id.clone(), step));
                if let (true, Some(take)) = (this_take, &self.takes.take) {
                    let samples = take.iter().map(|s| f32::from(*s) / 32_768.0).collect();
                    self.sound.play_clip(Some(Clip::new(samples, RATE)));
                } else if let (Some(audio), Some(root)) =
                    (scan.steps()[step].audio.clone(), self.scripts.dir.clone())
                {
                    let job = jobs::listen(root, audio);
                    self.disk.submit(move || Done::Voice(job()));
                }
            }
            TakeCommand::Keep => {
                let (Some((id, step)), Some(take), Some(root)) =
                    (self.takes.step.clone(), self.takes.take.clone(), self.scripts.dir.clone())
                else {
                    if self.scripts.dir.is_none() {
                        self.takes.message =
                            Some("There is no scripts folder to keep the recording in.".to_owned());
                    }
                    return;
                };
                let Some(audio) = jobs::take_path(&id, step) else { return };
                let job = jobs::save_take(root, id, step, audio, take);
                self.disk.submit(move || Done::Voice(job()));
                self.takes.message = Some("Saving your recording…".to_owned());
            }
            TakeCommand::Record(_) | TakeCommand::Listen(_) => {}
        }
    }

    /// Collects a finished take, and sends the open scan's recordings to be checked when
    /// they changed; call every frame.
    pub(super) fn sync_takes(&mut self) {
        if let Some(take) = self.takes.mic.take() {
            self.takes.take = Some(take.into());
        }
        let Some((doc_id, scan)) = self.recordable() else { return };
        let text = self.editor.doc.as_ref().map(|d| d.text.clone()).unwrap_or_default();
        let key = Some((doc_id.clone(), text.clone()));
        if scan.recordings().next().is_none() {
            self.takes.problems = None;
            self.takes.checked = key;
            return;
        }
        if self.takes.checked != key
            && let Some(root) = self.scripts.dir.clone()
        {
            let job = jobs::check(root, doc_id, text, scan.clone());
            self.disk.submit(move || Done::Voice(job()));
            self.takes.checked = key;
        }
    }

    /// What a voice job in the editor found.
    pub(super) fn take_in_voice(&mut self, ctx: &egui::Context, done: VoiceDone) {
        match done {
            VoiceDone::Clip { .. } => {}
            VoiceDone::Listen(Ok(clip)) => self.sound.play_clip(Some(clip)),
            VoiceDone::Listen(Err(why)) => self.takes.message = Some(format!("It can't be played: {why}.")),
            VoiceDone::Checked { doc_id, text, problems } => {
                self.takes.problems = Some((doc_id, text, problems));
            }
            VoiceDone::Saved { result: Err(why), .. } => {
                self.takes.message =
                    Some(format!("Your recording was not saved: {why}. The take is still here."));
            }
            VoiceDone::Saved { doc_id, step, audio, result: Ok(()) } => {
                self.takes.take = None;
                self.takes.checked = None;
                self.point_step_to(ctx, &doc_id, step, &audio);
            }
        }
    }

    /// Sets step `step`'s `audio:` field of the open script `doc_id` to `audio`; saves the
    /// script when that is its only change.
    fn point_step_to(&mut self, ctx: &egui::Context, doc_id: &str, step: usize, audio: &AudioPath) {
        let Some(doc) = self.editor.doc.as_mut().filter(|d| d.id == doc_id) else {
            self.takes.message = Some(format!("Your recording is saved as {audio}."));
            return;
        };
        let Some(text) = set_step_audio(&doc.text, step, audio) else {
            self.takes.message = Some(format!(
                "Your recording is saved as {audio}; add audio: \"{audio}\" to step {} to use it.",
                step + 1
            ));
            return;
        };
        let was_dirty = doc.is_dirty();
        doc.text = text;
        self.apply_editor(ctx, EditorCommand::Edited);
        if was_dirty {
            self.takes.message = Some(format!(
                "Step {} now plays your recording ({audio}). Save the script to keep it.",
                step + 1
            ));
        } else {
            self.apply_editor(ctx, EditorCommand::Save);
            self.takes.message = Some(format!("Step {} now plays your recording ({audio}).", step + 1));
        }
    }

    /// What the takes panel shows, when the open script is a body scan that can be recorded for.
    pub(super) fn takes_input(&self) -> Option<TakesInput> {
        let (doc_id, scan) = self.recordable()?;
        let state = self.takes.mic.state();
        let on_this = |step: usize| self.takes.step == Some((doc_id.clone(), step));
        let recording = match &state {
            MicState::Recording(so_far) => {
                self.takes.step.as_ref().filter(|(id, _)| *id == doc_id).map(|(_, s)| (*s, *so_far))
            }
            _ => None,
        };
        let text = self.editor.doc.as_ref().map(|d| d.text.as_str()).unwrap_or_default();
        let problems = match &self.takes.problems {
            Some((id, checked, problems)) if *id == doc_id && checked == text => problems.clone(),
            _ => Vec::new(),
        };
        Some(TakesInput {
            steps: scan
                .steps()
                .iter()
                .map(|s| (s.region.label().to_owned(), s.audio.as_ref().map(ToString::to_string)))
                .collect(),
            recording,
            take_for: (0..scan.steps().len()).find(|&s| on_this(s) && self.takes.take.is_some()),
            failed: match state {
                MicState::Failed(why) => Some(why),
                _ => None,
            },
            message: self.takes.message.clone(),
            problems,
            can_keep: self.scripts.dir.is_some(),
        })
    }
}
