//! The heart-rate strap in Settings: how it is doing in plain words, the strap chosen (with
//! Forget), and a search that lists the straps nearby to pick one. Every choice is a
//! command; the app remembers the strap in the settings.

use egui::RichText;
use unbrace_core::settings::StrapChoice;

use super::HeartCommand;
use super::source::{FoundStrap, SourceStatus};
use crate::command::Command;
use crate::theme;

/// What the section shows.
#[derive(Debug, Clone, Copy)]
pub struct StrapInput<'a> {
    pub status: &'a SourceStatus,
    pub searching: bool,
    pub found: &'a [FoundStrap],
    /// The strap remembered in the settings.
    pub chosen: Option<&'a StrapChoice>,
}

/// The heart-rate section of the settings window.
pub fn settings_ui(ui: &mut egui::Ui, input: &StrapInput<'_>, commands: &mut Vec<Command>) {
    let muted = theme::palette().muted;
    ui.label(RichText::new("Heart-rate strap").strong());
    ui.label(RichText::new(input.status.words()));
    if let SourceStatus::NoBluetooth(why) | SourceStatus::ReplayFailed(why) = input.status {
        ui.label(RichText::new(format!("Details: {why}")).small().color(muted));
    }
    if let SourceStatus::Replaying { .. } | SourceStatus::ReplayFailed(_) = input.status {
        // A replay stands in for the strap for this run.
        return;
    }
    if let Some(chosen) = input.chosen {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Your strap: {}", chosen.name));
            if ui.button("Forget this strap").clicked() {
                commands.push(Command::Heart(HeartCommand::UseStrap(None)));
            }
        });
    }
    if input.searching {
        if ui.button("Stop searching").clicked() {
            commands.push(Command::Heart(HeartCommand::Search(false)));
        }
        ui.label(
            RichText::new("Put the strap on (moist pads wake it up) and keep it near the computer.")
                .small()
                .color(muted),
        );
        if input.found.is_empty() {
            ui.label(RichText::new("No heart-rate strap found yet.").small().color(muted));
        }
        for found in input.found {
            let chosen = input.chosen.is_some_and(|c| c.address.eq_ignore_ascii_case(&found.strap.address));
            let text =
                if chosen { format!("{} (your strap)", found.strap.name) } else { found.strap.name.clone() };
            let button = egui::Button::selectable(chosen, text);
            if ui.add(button).on_hover_text(found.strap.address.as_str()).clicked() && !chosen {
                commands.push(Command::Heart(HeartCommand::UseStrap(Some(found.strap.clone()))));
            }
        }
    } else {
        let label = if input.chosen.is_some() { "Find another strap" } else { "Find a strap" };
        if ui.button(label).clicked() {
            commands.push(Command::Heart(HeartCommand::Search(true)));
        }
    }
    ui.label(
        RichText::new(
            "Any Bluetooth heart-rate strap that sends beat-to-beat intervals (Polar H10, Garmin HRM, \
             Wahoo TICKR…) shows your heart during breathing practices. The figures are for your own \
             trend, not a diagnosis.",
        )
        .small()
        .color(muted),
    );
}
