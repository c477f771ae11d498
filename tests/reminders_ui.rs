//! Reminders through the real UI, with the reminders thread played by the test: Settings turns
//! a shipped reminder on (the person's own copy is written) and pauses reminders; a
//! notification's Start opens straight into the routine; History counts what became of each
//! reminder, week by week.

mod common;

use std::sync::mpsc::{self, Receiver};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use unbrace::app::UnbraceApp;
use unbrace::clock::{Clock, MANUAL_EPOCH_MS, ManualClock};
use unbrace::history::model::HistoryModel;
use unbrace::reminders::autostart::Autostart;
use unbrace::reminders::link::{Inbound, Outbox, ReminderLink, Sources};
use unbrace::reminders::runner::ToReminders;
use unbrace::reminders::shown::{Answer, Shown};
use unbrace_core::history::reminder_record::Outcome;
use unbrace_core::reminder::Response;
use unbrace_core::reminder::pause::Pause;

/// The app with a scripts folder, an autostart place, and the test as its reminders thread.
struct Desk {
    harness: Harness<'static, UnbraceApp>,
    /// What the app tells the reminders thread.
    told: Receiver<ToReminders>,
    /// Where the reminders thread's news goes.
    news: Outbox,
    scripts: tempfile::TempDir,
    config: tempfile::TempDir,
}

fn desk(clock: &ManualClock) -> Desk {
    let scripts = tempfile::tempdir().expect("temp dir");
    let config = tempfile::tempdir().expect("temp dir");
    let mut link = ReminderLink::default();
    let (tx, told) = mpsc::channel();
    link.send_to(tx);
    let news = link.outbox();
    let autostart = Autostart::in_config_dir(config.path(), "/usr/bin/unbrace".into(), vec![]);
    let app = UnbraceApp::new(
        unbrace::library::load(Some(scripts.path())),
        Box::new(clock.clone()),
        common::settled(),
    )
    .with_history(HistoryModel::default())
    .with_sound(Box::new(common::SoundSpy::default()))
    .with_scripts_dir(scripts.path().to_owned())
    .with_autostart(autostart)
    .with_reminders(link);
    let mut harness = common::harness_of(app, [1100.0, 720.0]);
    common::settle(&mut harness);
    Desk { harness, told, news, scripts, config }
}

fn told(desk: &Desk) -> Vec<ToReminders> {
    desk.told.try_iter().collect()
}

fn shown(row: &str, minutes_after_epoch: i64) -> Shown {
    Shown {
        row_id: row.to_owned(),
        reminder_id: "reminders/desk-break.ron".to_owned(),
        name: "Desk break".to_owned(),
        routine: "Desk reset".to_owned(),
        at_ms: MANUAL_EPOCH_MS + minutes_after_epoch * 60_000,
    }
}

fn open_settings(harness: &mut Harness<'static, UnbraceApp>) {
    harness.get_by_label("Settings").click();
    // A new window takes one invisible frame to size itself.
    harness.run_steps(3);
    let window = harness.get_by_role_and_label(Role::CheckBox, "Reduce motion").rect().center();
    for _ in 0..8 {
        common::scroll_down_at(harness, window);
    }
}

#[test]
fn settings_turn_a_shipped_reminder_on_pause_them_and_start_with_the_computer() {
    let clock = ManualClock::new();
    let mut desk = desk(&clock);
    desk.news.send(Inbound::Sources(Sources {
        idle: Some("the X11 screen saver"),
        quiet: vec!["full screen (X11)"],
        notifications: "shown by mock-notify, with Start, Later and Skip".to_owned(),
    }));
    open_settings(&mut desk.harness);
    let sent = told(&desk);
    assert!(
        sent.iter().any(|m| matches!(m, ToReminders::Reminders(r) if r.len() == 2 && r.iter().all(|r| !r.reminder.enabled))),
        "the thread knows the library's reminders, all off: {sent:?}"
    );
    desk.harness.get_by_label("Desk reset after 50 minutes at the computer, weekdays, 09:00 to 18:00");
    desk.harness.get_by_label("Time at the computer: from the X11 screen saver.");
    desk.harness.get_by_label("Held back during: full screen (X11).");
    let desk_break = desk.harness.get_by_role_and_label(Role::CheckBox, "Desk break");
    assert_eq!(desk_break.accesskit_node().toggled(), Some(egui::accesskit::Toggled::False));
    assert!(
        desk.harness.get_by_role_and_label(Role::Button, "Pause for an hour").accesskit_node().is_disabled(),
        "nothing to pause"
    );

    // On: the person's own copy, with `enabled: true`, and the library reloaded from it.
    desk.harness.get_by_role_and_label(Role::CheckBox, "Desk break").click();
    common::settle(&mut desk.harness);
    common::settle(&mut desk.harness);
    let file = desk.scripts.path().join("reminders/desk-break.ron");
    let text = std::fs::read_to_string(&file).expect("the person's own copy");
    assert!(text.contains("enabled: true") && text.contains("every: Minutes(50)"), "{text}");
    let desk_break = desk.harness.get_by_role_and_label(Role::CheckBox, "Desk break");
    assert_eq!(desk_break.accesskit_node().toggled(), Some(egui::accesskit::Toggled::True));
    assert!(desk.harness.state().reminders_on());
    let sent = told(&desk);
    assert!(
        sent.iter().any(|m| matches!(m, ToReminders::Reminders(r) if r.iter().any(|r| r.reminder.enabled))),
        "the thread hears it is on: {sent:?}"
    );
    desk.harness
        .get_by_label("There is no tray here: closing the window minimises it, so reminders keep coming.");

    // Pause for an hour: the thread is told, and says until when.
    desk.harness.get_by_role_and_label(Role::Button, "Pause for an hour").click();
    desk.harness.run_steps(2);
    assert!(told(&desk).contains(&ToReminders::Pause(Pause::For(std::time::Duration::from_secs(3600)))));
    let until = jiff::Timestamp::from_millisecond(clock.wall_ms() + 3_600_000).expect("in range");
    desk.news.send(Inbound::PausedUntil(Some(until)));
    desk.harness.run_steps(2);
    desk.harness.get_by_label("Paused until 10:00");
    desk.harness.get_by_role_and_label(Role::Button, "Resume reminders").click();
    desk.harness.run_steps(2);
    assert!(told(&desk).contains(&ToReminders::Resume));

    // Start with my computer: the autostart entry runs this program in the background.
    desk.harness.get_by_role_and_label(Role::CheckBox, "Start with my computer").click();
    common::settle(&mut desk.harness);
    let entry =
        std::fs::read_to_string(desk.config.path().join("autostart/unbrace.desktop")).expect("written");
    assert!(entry.contains("\nExec=/usr/bin/unbrace --background\n"), "{entry}");
    let autostart = desk.harness.get_by_role_and_label(Role::CheckBox, "Start with my computer");
    assert_eq!(autostart.accesskit_node().toggled(), Some(egui::accesskit::Toggled::True));
    desk.harness.get_by_role_and_label(Role::CheckBox, "Start with my computer").click();
    common::settle(&mut desk.harness);
    assert!(!desk.config.path().join("autostart/unbrace.desktop").exists(), "off removes it");
}

#[test]
fn start_opens_the_routine_and_history_counts_each_week() {
    let clock = ManualClock::new();
    let mut desk = desk(&clock);
    // Last week: followed once, skipped once.
    desk.news.send(Inbound::Shown(shown("a", -7 * 24 * 60)));
    desk.news
        .send(Inbound::Answered(Answer { shown: shown("a", -7 * 24 * 60), response: Some(Response::Start) }));
    desk.news.send(Inbound::Shown(shown("b", -6 * 24 * 60)));
    desk.news
        .send(Inbound::Answered(Answer { shown: shown("b", -6 * 24 * 60), response: Some(Response::Skip) }));
    desk.harness.run_steps(2);
    desk.harness.get_by_label_contains("Step 1 of 9");
    desk.harness.get_by_role_and_label(Role::Button, "Stop").click();
    desk.harness.run_steps(2);
    desk.harness.get_by_role_and_label(Role::Button, "Done").click();
    desk.harness.run_steps(2);

    // This week: snoozed, then followed (straight into Desk reset), and one left unanswered.
    desk.news.send(Inbound::Shown(shown("c", 0)));
    desk.news.send(Inbound::Answered(Answer { shown: shown("c", 0), response: Some(Response::Later) }));
    desk.news.send(Inbound::Shown(shown("d", 10)));
    desk.harness.run_steps(2);
    assert!(desk.harness.query_by_label_contains("Step 1 of").is_none(), "Later starts nothing");
    desk.news.send(Inbound::Answered(Answer { shown: shown("d", 10), response: Some(Response::Start) }));
    desk.harness.run_steps(2);
    desk.harness.get_by_label_contains("Step 1 of 9");
    let sent = told(&desk);
    assert!(sent.contains(&ToReminders::Respond {
        reminder_id: "reminders/desk-break.ron".to_owned(),
        response: Response::Later
    }));
    assert!(sent.contains(&ToReminders::Practising(true)), "{sent:?}");
    desk.harness.get_by_role_and_label(Role::Button, "Stop").click();
    desk.harness.run_steps(2);
    desk.harness.get_by_role_and_label(Role::Button, "Done").click();
    desk.news.send(Inbound::Shown(shown("e", 20)));
    desk.news.send(Inbound::Answered(Answer { shown: shown("e", 20), response: None }));
    desk.harness.run_steps(2);

    let rows = desk.harness.state().history().reminders();
    let outcomes: Vec<(&str, Outcome, bool)> =
        rows.iter().map(|r| (r.id.as_str(), r.record.outcome, r.practice_id.is_some())).collect();
    assert_eq!(
        outcomes,
        [
            ("a", Outcome::Followed, true),
            ("b", Outcome::Skipped, false),
            ("c", Outcome::Snoozed, false),
            ("d", Outcome::Followed, true),
            ("e", Outcome::Ignored, false),
        ]
    );

    desk.harness.get_by_role_and_label(Role::Button, "History").click();
    desk.harness.run_steps(3);
    // This week's at a glance; every week's a click away.
    desk.harness.get_by_label("Reminders followed");
    desk.harness.get_by_label("1 of 3 this week");
    assert!(desk.harness.query_by_label_contains("Week of 23 Nov").is_none(), "folded");
    desk.harness.get_by_role_and_label(Role::DisclosureTriangle, "Reminders, week by week").click();
    desk.harness.run_steps(3);
    desk.harness.get_by_label("Week of 23 Nov: 1 followed, 1 snoozed, 0 skipped, 1 not answered");
    desk.harness.get_by_label("Week of 16 Nov: 1 followed, 0 snoozed, 1 skipped");
    // The practice a Start began says so (both were, and stopped at once).
    desk.harness.get_all_by_label_contains("Desk reset   0 s").next().expect("listed").click();
    desk.harness.run_steps(2);
    desk.harness.get_by_label("Started from the reminder \"Desk break\"");
}

#[test]
fn the_tray_and_a_second_launch_start_a_routine_and_quit() {
    let clock = ManualClock::new();
    let mut desk = desk(&clock);
    desk.news.send(Inbound::Launched { start: Some("cyclic sighing".to_owned()) });
    desk.harness.run_steps(2);
    desk.harness.get_by_label("Breathe in");
    assert!(!desk.harness.state().is_quitting());
    desk.news.send(Inbound::Tray(unbrace::reminders::tray::TrayAction::Quit));
    desk.harness.run_steps(1);
    assert!(desk.harness.state().is_quitting());
}

#[test]
fn the_editor_makes_a_new_reminder_and_lists_reminders_under_their_own_heading() {
    let clock = ManualClock::new();
    let mut desk = desk(&clock);
    desk.harness.get_by_role_and_label(Role::Button, "Scripts").click();
    desk.harness.run_steps(2);
    desk.harness.get_by_label("Reminders");
    desk.harness.get_by_role_and_label(Role::Button, "Desk break built-in, off");
    desk.harness.get_by_role_and_label(Role::Button, "New reminder").click();
    common::settle(&mut desk.harness);
    common::settle(&mut desk.harness);
    let text =
        std::fs::read_to_string(desk.scripts.path().join("reminders/new-reminder.ron")).expect("created");
    assert!(text.contains("name: \"New reminder\"") && text.contains("routine: \"Desk reset\""), "{text}");
    desk.harness.get_by_label("reminders/new-reminder.ron");
    desk.harness.get_by_role_and_label(Role::Button, "New reminder yours");
    // A person's own reminder is on unless it says otherwise: the thread hears of it.
    assert!(desk.harness.state().reminders_on());
}
