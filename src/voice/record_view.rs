//! "Your voice": recording your own voice for each step of the body scan open in the editor.
//! One row a step: record, stop, listen, record again, keep. Every control is a button named
//! for its step, so a screen reader says which step it is about. Returns commands.

use std::time::Duration;

use egui::{RichText, Ui};

use crate::command::{Command, TakeCommand};
use crate::theme;
use unbrace_core::library::problem::Problem;

/// What the panel shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TakesInput {
    /// Each step: its region, and the recording it names.
    pub steps: Vec<(String, Option<String>)>,
    /// The step being recorded, and for how long so far.
    pub recording: Option<(usize, Duration)>,
    /// The step the take in hand is for.
    pub take_for: Option<usize>,
    /// Why the last take could not be recorded.
    pub failed: Option<String>,
    pub message: Option<String>,
    /// The problems with the recordings the scan names.
    pub problems: Vec<Problem>,
    /// There is a scripts folder to keep takes in.
    pub can_keep: bool,
}

/// The panel's content.
pub fn takes_ui(ui: &mut Ui, input: &TakesInput, commands: &mut Vec<Command>) {
    let muted = theme::palette().muted;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Your voice").strong());
        ui.label(
            RichText::new("Record each step in your own voice; it plays instead of the speech service.")
                .small()
                .color(muted),
        );
    });
    for problem in &input.problems {
        let at = problem.position.map_or_else(String::new, |(line, _)| format!("Line {line}: "));
        ui.label(RichText::new(format!("{at}{}", problem.message)).small().color(theme::palette().caution));
    }
    if let Some(why) = &input.failed {
        ui.label(
            RichText::new(format!("The microphone can't be used: {why}"))
                .small()
                .color(theme::palette().caution),
        );
    }
    if let Some(message) = &input.message {
        ui.label(RichText::new(message).small().color(muted));
    }
    if input.recording.is_some() {
        ui.ctx().request_repaint_after(Duration::from_millis(200));
    }
    egui::ScrollArea::vertical().max_height(170.0).auto_shrink([false, true]).show(ui, |ui| {
        for (i, (region, audio)) in input.steps.iter().enumerate() {
            let n = i + 1;
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{n} · {region}"));
                let busy = input.recording.is_some();
                match input.recording {
                    Some((step, so_far)) if step == i => {
                        ui.label(
                            RichText::new(format!("Recording… {}", clock(so_far)))
                                .color(theme::palette().text),
                        );
                        if ui.button("Stop recording").clicked() {
                            commands.push(Command::Take(TakeCommand::Stop));
                        }
                        return;
                    }
                    _ => {}
                }
                if input.take_for == Some(i) {
                    if ui.add_enabled(!busy, egui::Button::new(format!("Listen to step {n}"))).clicked() {
                        commands.push(Command::Take(TakeCommand::Listen(i)));
                    }
                    if ui.add_enabled(!busy, egui::Button::new(format!("Record step {n} again"))).clicked() {
                        commands.push(Command::Take(TakeCommand::Record(i)));
                    }
                    let keep = egui::Button::new(format!("Keep this take for step {n}"));
                    if ui.add_enabled(!busy && input.can_keep, keep).clicked() {
                        commands.push(Command::Take(TakeCommand::Keep));
                    }
                    ui.label(RichText::new("not kept yet").small().color(muted));
                    return;
                }
                if ui.add_enabled(!busy, egui::Button::new(format!("Record step {n}"))).clicked() {
                    commands.push(Command::Take(TakeCommand::Record(i)));
                }
                if let Some(audio) = audio {
                    if ui.add_enabled(!busy, egui::Button::new(format!("Listen to step {n}"))).clicked() {
                        commands.push(Command::Take(TakeCommand::Listen(i)));
                    }
                    ui.label(RichText::new(audio).small().color(muted));
                } else {
                    ui.label(RichText::new("spoken by the speech service").small().color(muted));
                }
            });
        }
    });
}

/// `m:ss`.
fn clock(d: Duration) -> String {
    let secs = d.as_secs();
    format!("{}:{:02}", secs / 60, secs % 60)
}
