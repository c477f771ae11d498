//! The sound controls in Settings (on or off, volume, each cue, a sample to judge the
//! volume by, and how the sound server is doing) and the one-time "no sound" notice.

use egui::RichText;

use crate::command::Command;
use crate::sound::output::SoundStatus;
use crate::theme;
use unbrace_core::sound::cue::{Cue, SoundSettings};

/// The sound section of the settings window.
pub fn settings_ui(
    ui: &mut egui::Ui,
    sound: SoundSettings,
    status: &SoundStatus,
    commands: &mut Vec<Command>,
) {
    let mut changed = sound;
    ui.checkbox(&mut changed.on, "Sound cues");
    ui.add_enabled_ui(sound.on, |ui| {
        // Wraps in a narrow window or with large text.
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Volume");
            let slider = egui::Slider::new(&mut changed.volume, 0..=100).suffix(" %");
            ui.add(slider).labelled_by(label.id);
            if ui.button("Play a sample").clicked() {
                commands.push(Command::PreviewSound);
            }
        });
        ui.indent("cues", |ui| {
            for cue in Cue::ALL {
                let mut on = sound.switch(cue);
                if ui.checkbox(&mut on, cue.label()).changed() {
                    changed.set(cue, on);
                }
            }
        });
    });
    if changed != sound {
        commands.push(Command::SetSound(changed));
    }
    let muted = theme::palette().muted;
    match status {
        SoundStatus::Waiting => {
            ui.label(RichText::new("Checking your computer's sound…").small().color(muted));
        }
        SoundStatus::Ready => {
            ui.label(RichText::new("Your computer's sound is ready.").small().color(muted));
        }
        SoundStatus::Unavailable(why) => {
            ui.label(RichText::new(NO_SOUND).small().color(theme::palette().caution));
            ui.label(RichText::new(format!("Details: {why}")).small().color(muted));
        }
    }
}

/// A quiet strip under the top bar, during the first practice that wanted sound and found
/// none; it wraps at any text size. Settings says why.
pub fn notice_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(NO_SOUND).small().color(theme::palette().muted));
        if ui.add(egui::Button::new(RichText::new("OK").small())).clicked() {
            commands.push(Command::DismissSoundNotice);
        }
    });
}

/// What the notice and Settings say when there is no sound.
pub const NO_SOUND: &str =
    "Unbrace can't reach your computer's sound, so the cues are silent. Your practice carries on as usual.";
