//! The voice controls in Settings (spoken prompts on or off, the voice, its rate, volume and
//! pauses, the breathing words, a sample to judge them by, and how the speech service is
//! doing) and the one-time notice when there is no speech or a recording cannot be played.

use egui::RichText;

use crate::command::Command;
use crate::speech::{SpeechStatus, Voice};
use crate::theme;
use unbrace_core::speech::settings::{PAUSES_MS, RATES, VoiceSettings};

/// The voice section of the settings window.
pub fn settings_ui(
    ui: &mut egui::Ui,
    voice: &VoiceSettings,
    status: &SpeechStatus,
    voices: &[Voice],
    commands: &mut Vec<Command>,
) {
    let mut changed = voice.clone();
    ui.checkbox(&mut changed.on, "Spoken prompts in body scans");
    ui.label(
        RichText::new("Each step's words are said, so you can follow a scan with your eyes closed. V turns this on or off.")
            .small()
            .color(theme::palette().muted),
    );
    ui.add_enabled_ui(voice.on, |ui| {
        let label = ui.label("Voice");
        let shown = changed.voice.clone().unwrap_or_else(|| SERVICE_DEFAULT.to_owned());
        egui::ComboBox::from_id_salt("voice_choice")
            .width(ui.available_width().min(280.0))
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut changed.voice, None, SERVICE_DEFAULT);
                for v in offered(voices) {
                    let text = format!("{} ({})", v.name, v.language);
                    ui.selectable_value(&mut changed.voice, Some(v.name.clone()), text);
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Speaking rate (lower is slower)");
        let response = ui.add(egui::Slider::new(&mut changed.rate, RATES)).labelled_by(label.id);
        // Applied when let go: each change is sent to the service.
        if !(response.drag_stopped() || (response.changed() && !response.dragged())) {
            changed.rate = voice.rate;
        }
        let label = ui.label("Voice volume");
        let response =
            ui.add(egui::Slider::new(&mut changed.volume, 0..=100).suffix(" %")).labelled_by(label.id);
        if !(response.drag_stopped() || (response.changed() && !response.dragged())) {
            changed.volume = voice.volume;
        }
        let label = ui.label("Pause between lines");
        ui.add(egui::Slider::new(&mut changed.pause_ms, PAUSES_MS).step_by(100.0).suffix(" ms"))
            .labelled_by(label.id);
        if ui.button("Say a sample").clicked() {
            commands.push(Command::SayVoiceSample);
        }
        ui.checkbox(&mut changed.breathing_words, "Say \"in\", \"out\" and \"hold\" while breathing");
    });
    if changed != *voice {
        commands.push(Command::SetVoice(changed));
    }
    let muted = theme::palette().muted;
    match status {
        SpeechStatus::Waiting => {
            ui.label(RichText::new("Looking for your computer's speech service…").small().color(muted));
        }
        SpeechStatus::Ready => {
            ui.label(RichText::new("Your computer's speech service is ready.").small().color(muted));
        }
        SpeechStatus::Unavailable(why) => {
            ui.label(RichText::new(NO_SPEECH).small().color(theme::palette().caution));
            ui.label(RichText::new(format!("Details: {why}")).small().color(muted));
        }
    }
}

/// How the voice list names the service's own default voice.
const SERVICE_DEFAULT: &str = "The speech service's own";

/// The voices worth offering: those of the desktop's language when it has any (a service
/// offers hundreds), else all.
fn offered(voices: &[Voice]) -> Vec<&Voice> {
    let language = std::env::var("LANG").unwrap_or_default();
    let language = language.split(['_', '.', '-']).next().unwrap_or("").to_lowercase();
    let mine: Vec<&Voice> = voices
        .iter()
        .filter(|v| !language.is_empty() && v.language.to_lowercase().starts_with(&language))
        .collect();
    if mine.is_empty() { voices.iter().collect() } else { mine }
}

/// A quiet strip under the top bar: no speech (once a run, during the first body scan that
/// wanted a voice), or a recording that could not be played.
pub fn notice_ui(ui: &mut egui::Ui, no_speech: bool, clip: Option<&str>, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let muted = theme::palette().muted;
        if no_speech {
            ui.label(RichText::new(NO_SPEECH).small().color(muted));
        }
        if let Some(clip) = clip {
            ui.label(RichText::new(clip).small().color(muted));
        }
        if ui.add(egui::Button::new(RichText::new("OK").small())).clicked() {
            commands.push(Command::DismissVoiceNotice);
        }
    });
}

/// What the notice and Settings say when there is no speech.
pub const NO_SPEECH: &str = "Unbrace can't reach a speech service, so prompts are not spoken. The words \
                             are on screen and the chimes mark each step.";
