//! Every control on every view has an accessible name: kittest's accessibility check, run
//! explicitly on each view (by itself it runs only after `run()` settles, which a breathing
//! animation never lets happen). Dialogs and windows too.

mod common;

use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unbrace::app::UnbraceApp;
use unbrace::clock::ManualClock;
use unbrace::history::model::HistoryModel;
use unbrace::history::worker::HistoryWorker;
use unbrace_core::settings::Settings;

/// Runs a few frames and checks the view now on screen.
fn check(harness: &mut Harness<'static, UnbraceApp>, view: &str) {
    common::settle(harness);
    harness.run_steps(2);
    assert!(harness.unnamed_widgets().is_empty(), "{view}: unnamed controls {:?}", harness.unnamed_widgets());
    harness.check_accessibility();
}

#[test]
fn every_control_on_every_view_has_a_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let worker = HistoryWorker::spawn(dir.path().join("h.sqlite3"), "t".to_owned(), || {}).expect("spawns");
    let history = HistoryModel::new(Some(worker), Some(dir.path().join("exports")));
    let scripts = dir.path().join("scripts");
    std::fs::create_dir_all(&scripts).expect("scripts folder");
    // A broken user file, so the problems notice and window show.
    std::fs::write(scripts.join("broken.ron"), "Pattern(name: \"b\", phases: [Inhale(secs: -1)])")
        .expect("file");
    let clock = ManualClock::new();
    let settings = Settings { safety_note_seen: false, ..Settings::default() };
    let app = UnbraceApp::new(unbrace::library::load(Some(&scripts)), Box::new(clock.clone()), settings)
        .with_history(history)
        .with_scripts_dir(scripts);
    let mut harness = common::harness_of(app, [1100.0, 720.0]);

    check(&mut harness, "the safety note on first start");
    harness.get_by_label("I understand").click();
    check(&mut harness, "ready, breathing");
    harness.get_by_role_and_label(Role::Button, "Body scan").click();
    check(&mut harness, "ready, body scan");
    harness.get_by_role_and_label(Role::Button, "Breathing").click();
    harness.run_steps(2);

    harness.get_by_label("Start").click();
    check(&mut harness, "check-in");
    harness.get_by_role_and_label(Role::Button, "Lower back").click();
    harness.get_by_label("Begin").click();
    check(&mut harness, "breathing");
    harness.key_press(egui::Key::Space);
    check(&mut harness, "breathing, paused");
    harness.key_press(egui::Key::F11);
    check(&mut harness, "focus mode");
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.key_press(egui::Key::Escape);
    check(&mut harness, "check-out");
    harness.get_by_label("Skip").click();
    check(&mut harness, "summary");
    harness.get_by_label("Done").click();
    harness.run_steps(2);

    harness.get_by_role_and_label(Role::Button, "Body scan").click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "Desk reset").click();
    harness.run_steps(2);
    harness.get_by_label("Start").click();
    harness.run_steps(2);
    harness.get_by_label("Skip").click();
    check(&mut harness, "body scan");
    clock.advance(Duration::from_secs(12));
    check(&mut harness, "body scan, a step that paces breathing");
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.get_by_label("Skip").click();
    harness.run_steps(2);

    harness.get_by_role_and_label(Role::Button, "History").click();
    check(&mut harness, "history");
    harness.get_by_label_contains("Desk reset").click();
    check(&mut harness, "history, a record open");

    harness.get_by_role_and_label(Role::Button, "Scripts").click();
    check(&mut harness, "scripts");
    harness.get_by_role_and_label(Role::Button, "Box 4-4-4-4 built-in").click();
    check(&mut harness, "editor, a built-in");
    harness.get_by_label("Duplicate to edit").click();
    check(&mut harness, "editor, your copy");
    harness.get_by_label("Show form").click();
    check(&mut harness, "editor, the form");
    let form = harness.get_by_label("Phase 1").rect().center();
    common::scroll_down_at(&mut harness, form);
    harness.get_by_label_contains("(a ramp)").click();
    check(&mut harness, "editor, the form with a ramp");
    harness.get_by_label("Phase 1");
    harness.get_by_label("Ramp length");
    harness.get_by_label("Rename").click();
    check(&mut harness, "rename dialog");
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.query_by_label("New name").is_none(), "Esc closes the rename dialog");

    harness.get_by_label("Settings").click();
    check(&mut harness, "settings");
    harness.get_by_label("Help").click();
    check(&mut harness, "help");
    harness.get_by_label_contains("file has a problem").click();
    check(&mut harness, "problems");
}
