//! The settings window: motion, text size, colours, check-ins, the streak, sound, reminders
//! and the heart-rate strap. Every change is a command; the app applies and saves it.

use egui::RichText;

use crate::command::Command;
use crate::hrv::strap_view::{self, StrapInput};
use crate::reminders_view::{self, RemindersInput};
use crate::sound::output::SoundStatus;
use crate::speech::{SpeechStatus, Voice};
use crate::{sound_view, theme, voice_view};
use unbrace_core::settings::{Settings, TEXT_PERCENT, ThemeChoice};

/// How the speech service is doing and the voices it offers, for the voice section.
#[derive(Debug, Clone, Default)]
pub struct Speech {
    pub status: SpeechStatus,
    pub voices: Vec<Voice>,
}

/// The window, while open.
#[must_use]
pub fn window_ui(
    ctx: &egui::Context,
    settings: &Settings,
    sound: &SoundStatus,
    speech: &Speech,
    reminders: &RemindersInput<'_>,
    strap: &StrapInput<'_>,
    open: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    if !open {
        return commands;
    }
    let still_open = theme::dialog(ctx, "Settings", 520.0, |ui| {
        let mut reduced = settings.reduced_motion;
        if ui.checkbox(&mut reduced, "Reduce motion").changed() {
            commands.push(Command::SetReducedMotion(reduced));
        }
        ui.label(
            RichText::new("The breathing shape keeps its size and brightens and dims instead.")
                .small()
                .color(theme::palette().muted),
        );
        // Sliders give way in a narrow window or with large text, so no row runs off the side.
        ui.spacing_mut().slider_width = (ui.available_width() - 190.0).clamp(90.0, 260.0);
        ui.add_space(theme::GAP / 2.0);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Text size");
            let mut percent = settings.text_percent;
            let slider = egui::Slider::new(&mut percent, TEXT_PERCENT).step_by(10.0).suffix(" %");
            // Applied when the slider is let go, so the window does not grow under the pointer.
            let response = ui.add(slider).labelled_by(label.id);
            if response.drag_stopped() || (response.changed() && !response.dragged()) {
                commands.push(Command::SetTextPercent(percent));
            }
        });
        ui.add_space(theme::GAP / 2.0);
        ui.horizontal_wrapped(|ui| {
            ui.label("Colours");
            for choice in ThemeChoice::ALL {
                if ui.radio(settings.theme == choice, choice.label()).clicked() && settings.theme != choice {
                    commands.push(Command::SetTheme(choice));
                }
            }
        });
        ui.add_space(theme::GAP / 2.0);
        let mut ask = settings.check_ins;
        if ui.checkbox(&mut ask, "Ask before and after each practice").changed() {
            commands.push(Command::SetCheckIns(ask));
        }
        let mut streak = settings.show_streak;
        if ui.checkbox(&mut streak, "Show the streak in History").changed() {
            commands.push(Command::SetShowStreak(streak));
        }
        ui.add_space(theme::GAP / 2.0);
        ui.separator();
        sound_view::settings_ui(ui, settings.sound, sound, &mut commands);
        ui.add_space(theme::GAP / 2.0);
        ui.separator();
        voice_view::settings_ui(ui, &settings.voice, &speech.status, &speech.voices, &mut commands);
        reminders_view::settings_ui(ui, reminders, &mut commands);
        strap_view::settings_ui(ui, strap, &mut commands);
    });
    if !still_open {
        commands.push(Command::ShowSettings(false));
    }
    commands
}
