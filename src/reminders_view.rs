//! Settings' Reminders section: "Start with my computer", each reminder on or off, a pause,
//! and what reminders work with on this desktop (said plainly, with what is missing). Reads
//! state and returns commands.

use egui::{RichText, Ui};
use unbrace_core::library::ReminderEntry;
use unbrace_core::reminder::pause::Pause;
use unbrace_core::reminder::{Reminder, Schedule};

use crate::command::Command;
use crate::reminders::link::Sources;
use crate::reminders::tray::AN_HOUR;
use crate::theme;

/// What the section shows.
#[derive(Debug, Clone, Copy)]
pub struct RemindersInput<'a> {
    /// Every reminder in the library, on or off.
    pub reminders: &'a [ReminderEntry],
    /// "Paused until 15:30", while paused.
    pub paused: Option<&'a str>,
    /// What the reminders thread found (`None`: not heard from, or not running).
    pub sources: Option<&'a Sources>,
    /// What is missing or went away.
    pub problems: &'a [String],
    /// A tray icon is showing.
    pub tray: bool,
    /// The autostart entry is there (`None`: this system has no place for one).
    pub autostart: Option<bool>,
    /// The last thing said about a reminder file or the autostart entry.
    pub message: Option<&'a str>,
}

/// A reminder in words: "Desk reset after 50 minutes at the computer, weekdays, 09:00 to 18:00".
#[must_use]
pub fn describe(reminder: &Reminder) -> String {
    let routine = reminder.routine.as_str();
    let days = if reminder.days == unbrace_core::reminder::days::Days::default() {
        String::new()
    } else {
        format!(", {}", reminder.days)
    };
    match &reminder.schedule {
        Schedule::Every { interval, between, .. } => {
            let hours = between.map(|b| format!(", {} to {}", b.start, b.end)).unwrap_or_default();
            let minutes = interval.get();
            let unit = if minutes == 1 { "minute" } else { "minutes" };
            format!("{routine} after {minutes} {unit} at the computer{days}{hours}")
        }
        Schedule::At(times) => {
            let times: Vec<String> = times.times().iter().map(ToString::to_string).collect();
            format!("{routine} at {}{days}", times.join(", "))
        }
    }
}

pub fn settings_ui(ui: &mut Ui, input: &RemindersInput<'_>, commands: &mut Vec<Command>) {
    let muted = |text: &str| RichText::new(text).small().color(theme::palette().muted);
    ui.label(RichText::new("Reminders").size(theme::BODY_SIZE));
    ui.label(muted(
        "A reminder suggests a routine after so long at the keyboard (time away counts as a break), \
         or at a time of day. Make your own with New reminder in Scripts.",
    ));
    ui.add_space(theme::GAP / 4.0);
    if input.reminders.is_empty() {
        ui.label(muted("No reminders yet."));
    }
    for entry in input.reminders {
        let mut on = entry.reminder.enabled;
        if ui.checkbox(&mut on, entry.reminder.name.as_str()).changed() {
            commands.push(Command::SetReminderEnabled { id: entry.id.clone(), on });
        }
        ui.horizontal_wrapped(|ui| {
            ui.add_space(theme::GAP * 1.5);
            ui.label(muted(&describe(&entry.reminder)));
        });
    }
    let any_on = input.reminders.iter().any(|r| r.reminder.enabled);
    ui.add_space(theme::GAP / 4.0);
    ui.horizontal_wrapped(|ui| match input.paused {
        Some(until) => {
            ui.label(until);
            if ui.button("Resume reminders").clicked() {
                commands.push(Command::ResumeReminders);
            }
        }
        None => {
            ui.add_enabled_ui(any_on, |ui| {
                if ui.button("Pause for an hour").clicked() {
                    commands.push(Command::PauseReminders(Pause::For(AN_HOUR)));
                }
                if ui.button("Pause until tomorrow").clicked() {
                    commands.push(Command::PauseReminders(Pause::UntilTomorrow));
                }
            });
        }
    });
    ui.add_space(theme::GAP / 4.0);
    let mut autostart = input.autostart.unwrap_or(false);
    let response = ui.add_enabled(
        input.autostart.is_some(),
        egui::Checkbox::new(&mut autostart, "Start with my computer"),
    );
    if response.changed() {
        commands.push(Command::SetAutostart(autostart));
    }
    ui.label(muted(
        "Unbrace then starts without a window when you log in, so reminders come without opening it.",
    ));
    ui.add_space(theme::GAP / 4.0);
    for line in status_lines(input, any_on) {
        ui.label(muted(&line));
    }
    let problems = input.problems.iter().filter(|_| any_on);
    for problem in problems.chain(input.message.map(str::to_owned).as_ref()) {
        ui.label(RichText::new(problem).small().color(theme::palette().caution));
    }
    if any_on && !input.tray {
        ui.add_space(theme::GAP / 4.0);
        if ui.button("Quit Unbrace").clicked() {
            commands.push(Command::Quit);
        }
    }
}

/// What reminders work with here, in words.
fn status_lines(input: &RemindersInput<'_>, any_on: bool) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(sources) = input.sources {
        lines.push(match sources.idle {
            Some(idle) => format!("Time at the computer: from {idle}."),
            None => {
                "Time at the computer: this desktop doesn't say when you're away, so every minute counts."
                    .to_owned()
            }
        });
        if !sources.quiet.is_empty() {
            lines.push(format!("Held back during: {}.", sources.quiet.join(", ")));
        }
        lines.push(format!("Notifications: {}.", sources.notifications));
    }
    if any_on {
        lines.push(if input.tray {
            "Closing the window keeps Unbrace running in the tray.".to_owned()
        } else {
            "There is no tray here: closing the window minimises it, so reminders keep coming.".to_owned()
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use unbrace_core::library::Library;

    use super::*;

    #[test]
    fn reminders_read_as_sentences() {
        let library = Library::built_in();
        let desk = library.reminder("reminders/desk-break.ron").expect("ships");
        assert_eq!(
            describe(&desk.reminder),
            "Desk reset after 50 minutes at the computer, weekdays, 09:00 to 18:00"
        );
        let sleep = library.reminder("reminders/sleep-wind-down.ron").expect("ships");
        assert_eq!(describe(&sleep.reminder), "Sleep wind-down at 22:30");
    }
}
