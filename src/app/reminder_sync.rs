//! Reminders and the app: news from the reminders thread, the notifier, the tray and a second
//! launch become commands; what the reminders thread and the tray must know (the library's
//! reminders, a practice running, History's reminders, the menu) goes out when it changes.

use unbrace_core::history::reminder_record::Outcome;
use unbrace_core::reminder::Response;

use super::UnbraceApp;
use crate::command::Command;
use crate::disk::Done;
use crate::history::reminder_row::ReminderRow;
use crate::navigation::Page;
use crate::reminders::disk_jobs::RemindersDone;
use crate::reminders::link::Inbound;
use crate::reminders::runner::ToReminders;
use crate::reminders::shown::{Answer, Shown};
use crate::reminders::switch::Switch;
use crate::reminders::tray::{TrayAction, TrayMenu};

impl UnbraceApp {
    /// What arrived from the reminders' threads, as commands.
    pub(super) fn read_reminder_news(&mut self) {
        for news in self.reminders.take_news() {
            let command = match news {
                Inbound::Sources(sources) => Command::ReminderSources(sources),
                Inbound::Problem(problem) => Command::ReminderProblem(problem),
                Inbound::Shown(shown) => Command::ReminderShown(shown),
                Inbound::Answered(answer) => Command::ReminderAnswered(answer),
                Inbound::PausedUntil(until) => Command::RemindersPausedUntil(until),
                Inbound::Tray(TrayAction::Open) | Inbound::Launched { start: None } => Command::OpenWindow,
                Inbound::Tray(TrayAction::Start(id)) => Command::StartRoutine(id),
                Inbound::Tray(TrayAction::Pause(pause)) => Command::PauseReminders(pause),
                Inbound::Tray(TrayAction::Resume) => Command::ResumeReminders,
                Inbound::Tray(TrayAction::Quit) => Command::Quit,
                Inbound::Launched { start: Some(name) } => Command::StartRoutineNamed(name),
            };
            self.commands.push(command);
        }
        if self.presence.autostart_on.is_none()
            && let Some(autostart) = self.presence.autostart.clone()
        {
            // Looked at once, on the disk thread; `Some(false)` until it answers.
            self.presence.autostart_on = Some(false);
            self.disk.submit(move || Done::Reminders(RemindersDone::Autostart(Ok(autostart.is_on()))));
        }
        // A routine waiting for the window starts once there is one.
        if self.presence.windowed
            && let Some((id, from)) = self.presence.start_when_shown.take()
        {
            self.start_routine(&id, from);
        }
    }

    /// Tells the reminders thread and the tray what changed.
    pub(super) fn sync_reminders(&mut self) {
        self.reminders.sync_reminders(self.library.reminders());
        self.reminders.sync_practising(self.flow.is_practising());
        let shown_before = self
            .history
            .reminders_loaded()
            .map(|rows| rows.iter().map(|r| (r.record.reminder.clone(), r.record.at_ms)).collect());
        self.reminders.sync_history(shown_before);
        let menu = self.tray_menu();
        self.reminders.sync_tray(menu);
        if self.reminders_on() {
            self.reminders.say_problems();
        }
    }

    fn tray_menu(&self) -> TrayMenu {
        let mut favourites: Vec<(String, String)> = Vec::new();
        let routines = self
            .library
            .reminders()
            .iter()
            .filter(|r| r.reminder.enabled)
            .filter_map(|r| self.library.routine_named(r.reminder.routine.as_str()))
            .chain(
                [&self.settings.last_pattern, &self.settings.last_scan]
                    .into_iter()
                    .flatten()
                    .filter_map(|id| self.library.get(id)),
            );
        for entry in routines {
            if !favourites.iter().any(|(id, _)| *id == entry.id) {
                favourites.push((entry.id.clone(), entry.script.name().to_owned()));
            }
        }
        TrayMenu { paused: self.paused_text(), favourites }
    }

    /// "Paused until 15:30" (or "until Tue 04:00"), while reminders are paused.
    pub(super) fn paused_text(&self) -> Option<String> {
        let until = self.reminders.paused_until()?.to_zoned_datetime(self.clock.time_zone());
        let today = self.clock.local_now().date();
        let format = if until.date() == today { "%H:%M" } else { "%a %H:%M" };
        Some(format!("Paused until {}", until.strftime(format)))
    }

    /// A reminder went out: History keeps it as not answered until it is.
    pub(super) fn reminder_shown(&mut self, shown: &Shown) {
        self.history.save_reminder(row(shown, Outcome::Ignored, None));
    }

    /// A reminder was answered: History records it, the scheduler hears it, and Start opens
    /// the window straight into the routine.
    pub(super) fn reminder_answered(&mut self, answer: Answer) {
        self.history.save_reminder(row(&answer.shown, answer.outcome(), None));
        let Some(response) = answer.response else {
            return;
        };
        self.reminders.tell(ToReminders::Respond { reminder_id: answer.shown.reminder_id.clone(), response });
        if response == Response::Start {
            if let Some(id) = self.library.routine_named(&answer.shown.routine).map(|e| e.id.clone()) {
                self.start_routine(&id, Some(answer.shown));
            } else {
                self.presence.message =
                    Some(format!("\"{}\" is no longer in your routines.", answer.shown.routine));
                self.commands.push(Command::OpenWindow);
            }
        }
    }

    /// Starts the routine `id` at once, in the window (opening it first if there is none).
    pub(super) fn start_routine(&mut self, id: &str, from: Option<Shown>) {
        if !self.presence.windowed {
            self.presence.open_requested = true;
            self.presence.start_when_shown = Some((id.to_owned(), from));
            return;
        }
        let Some(kind) = self.library.get(id).map(|e| e.script.kind()) else {
            return;
        };
        self.commands.push(Command::OpenWindow);
        if self.flow.is_practising() {
            // One practice at a time: the one running goes on.
            return;
        }
        self.presence.started_from = from;
        self.commands.extend([
            Command::ShowPage(Page::Practice),
            Command::ShowKind(kind),
            Command::Select(id.to_owned()),
            Command::StartNow,
        ]);
    }

    /// The practice a reminder's Start began: History links them.
    pub(super) fn link_started_practice(&mut self, practice_id: &str) {
        if let Some(shown) = self.presence.started_from.take() {
            self.history.save_reminder(row(&shown, Outcome::Followed, Some(practice_id.to_owned())));
        }
    }

    /// A practice ran to its end: a break, as far as reminders go.
    pub(super) fn practice_completed(&mut self, record_id: &str) {
        if self.presence.completed.as_deref() != Some(record_id) {
            self.presence.completed = Some(record_id.to_owned());
            self.reminders.tell(ToReminders::PracticeCompleted);
        }
    }

    /// Turns a reminder on or off by writing its file, on the disk thread.
    pub(super) fn switch_reminder(&mut self, id: &str, on: bool) {
        let Some(entry) = self.library.reminder(id) else {
            return;
        };
        let Some(root) = self.scripts.dir.clone() else {
            self.presence.message = Some(
                "There is no scripts folder on this system, so reminders can't be turned on.".to_owned(),
            );
            return;
        };
        let switch = Switch::of(entry, on);
        let id = id.to_owned();
        self.disk.submit(move || {
            let result = switch.run(&root).map(|_| ());
            Done::Reminders(RemindersDone::Switched { id, result })
        });
    }

    /// Writes or removes the autostart entry, on the disk thread.
    pub(super) fn set_autostart(&mut self, on: bool) {
        if let Some(autostart) = self.presence.autostart.clone() {
            self.disk.submit(move || Done::Reminders(RemindersDone::Autostart(autostart.set(on))));
        }
    }

    /// What the disk thread did about reminders.
    pub(super) fn reminders_done(&mut self, done: RemindersDone) {
        match done {
            RemindersDone::Autostart(Ok(on)) => {
                self.presence.autostart_on = Some(on);
            }
            RemindersDone::Autostart(Err(why)) | RemindersDone::Switched { result: Err(why), .. } => {
                self.presence.message = Some(why);
            }
            RemindersDone::Switched { result: Ok(()), .. } => {
                self.presence.message = None;
                self.reload_library();
            }
        }
    }
}

fn row(shown: &Shown, outcome: Outcome, practice_id: Option<String>) -> ReminderRow {
    ReminderRow { id: shown.row_id.clone(), record: shown.record(outcome), practice_id }
}
