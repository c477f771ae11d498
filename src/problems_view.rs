//! The list of script files with problems, shown in the app (not only logged), each as
//! `file:line:col` and the message, with what to do about it.

use egui::{RichText, ScrollArea, Ui};

use crate::command::Command;
use crate::theme;
use unbrace_core::library::Problem;

/// The small notice in the top bar; returns a command when clicked.
pub fn notice_ui(ui: &mut Ui, problems: &[Problem]) -> Option<Command> {
    if problems.is_empty() {
        return None;
    }
    let text = if problems.len() == 1 {
        "1 file has a problem".to_owned()
    } else {
        format!("{} files have problems", problems.len())
    };
    let button = egui::Button::new(RichText::new(text).color(theme::palette().caution).small())
        .frame_when_inactive(false);
    ui.add(button).clicked().then_some(Command::ShowProblems(true))
}

/// The window listing every problem.
#[must_use]
pub fn window_ui(ctx: &egui::Context, problems: &[Problem], open: bool) -> Option<Command> {
    if !open {
        return None;
    }
    let still_open = theme::dialog(ctx, "Files with problems", 640.0, |ui| {
        ui.label(
            RichText::new(
                "These were skipped; everything else loaded. Fix a file in any text editor, or \
                     open it under Scripts: it loads again by itself once it is fixed. \
                     `unbrace --check` prints this list too.",
            )
            .color(theme::palette().muted),
        );
        ui.add_space(theme::GAP / 2.0);
        ScrollArea::vertical().max_height(400.0).show(ui, |ui| {
            for problem in problems {
                let location = match problem.position {
                    Some((line, col)) => format!("{}:{line}:{col}", problem.path.display()),
                    None => problem.path.display().to_string(),
                };
                ui.label(RichText::new(location).monospace().color(theme::palette().caution));
                ui.label(&problem.message);
                ui.add_space(theme::GAP / 2.0);
            }
        });
    });
    (!still_open).then_some(Command::ShowProblems(false))
}
