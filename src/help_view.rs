//! Help: the keyboard shortcuts and the safety note. The note also opens once, on first start.

use egui::{RichText, Ui};

use crate::command::Command;
use crate::{keymap, theme};

/// The safety note, word for word the same in both places.
const SAFETY_NOTE: &[&str] = &[
    "Unbrace is a guide to relaxation, not medical advice or treatment.",
    "See a clinician soon if you have: numbness or weakness in your legs; loss of bladder or \
     bowel control; a fever with back pain; pain after a fall or injury; or pain that wakes \
     you at night.",
    "Go gently. Never push into pain. If you feel dizzy or light-headed, stop, breathe \
     normally and rest.",
];

fn safety_note_ui(ui: &mut Ui) {
    for paragraph in SAFETY_NOTE {
        ui.label(*paragraph);
        ui.add_space(theme::GAP / 3.0);
    }
}

/// The first-start note, as a modal the user closes with one click or Enter.
#[must_use]
pub fn first_start_ui(ctx: &egui::Context) -> Option<Command> {
    let mut command = None;
    let response = egui::Modal::new(egui::Id::unique("safety_note")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Before you begin");
        ui.add_space(theme::GAP / 2.0);
        safety_note_ui(ui);
        ui.add_space(theme::GAP / 2.0);
        if ui.button("I understand").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            command = Some(Command::AcknowledgeSafetyNote);
        }
        ui.label(
            RichText::new("You can read this again in Help (F1).").small().color(theme::palette().muted),
        );
    });
    if response.should_close() {
        command = Some(Command::AcknowledgeSafetyNote);
    }
    command
}

/// The Help window.
#[must_use]
pub fn window_ui(ctx: &egui::Context, open: bool) -> Option<Command> {
    if !open {
        return None;
    }
    let still_open = theme::dialog(ctx, "Help", 560.0, |ui| {
        ui.label(RichText::new("Keyboard").strong());
        // A row each, wrapping in a narrow window or with large text (a grid would not wrap).
        for shortcut in keymap::SHORTCUTS {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(shortcut.keys).monospace().color(theme::palette().breath));
                ui.label(shortcut.what);
            });
        }
        ui.add_space(theme::GAP);
        ui.label(RichText::new("Safety").strong());
        safety_note_ui(ui);
    });
    (!still_open).then_some(Command::ShowHelp(false))
}
