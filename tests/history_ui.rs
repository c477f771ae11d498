//! History through the real UI: check in, practise, check out, and find the practice in the
//! History panel and in the database file.

mod common;

use std::time::Duration;

use common::harness_with_history;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use unbrace::clock::ManualClock;
use unbrace::history::model::HistoryModel;
use unbrace::history::store::Store;
use unbrace::history::worker::HistoryWorker;
use unbrace_core::history::record::Status;
use unbrace_core::settings::Settings;

#[test]
fn a_finished_practice_appears_in_the_panel_and_the_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("history.sqlite3");
    let worker = HistoryWorker::spawn(db.clone(), "t".to_owned(), || {}).expect("spawns");
    let history = HistoryModel::new(Some(worker), Some(dir.path().join("exports")));
    let clock = ManualClock::new();
    let settings = Settings { safety_note_seen: true, ..Settings::default() };
    let mut harness = harness_with_history(&clock, settings, None, history);
    harness.run_steps(2);

    harness.get_by_role_and_label(Role::Button, "4-7-8 Relaxing breath").click();
    harness.run_steps(2);
    harness.get_by_label("Start").click();
    harness.run_steps(2);
    // The check-in: stress 7, tense lower back.
    harness.get_by_label("How are you arriving?");
    harness.get_by_role_and_label(Role::Slider, "Stress").set_value_accesskit(7.0);
    harness.get_by_role_and_label(Role::Button, "Lower back").click();
    harness.run_steps(2);
    harness.get_by_label("Begin").click();
    harness.run_steps(2);
    harness.get_by_label("Breathe in");

    // Four breaths of 19 s, checkpointed along the way.
    for _ in 0..8 {
        clock.advance(Duration::from_millis(9_500));
        harness.run_steps(1);
    }
    harness.run_steps(2);
    harness.get_by_label("Take a moment to notice how you feel.");
    harness.get_by_label("Note").focus();
    harness.get_by_label("Note").type_text("Hips softer.");
    harness.get_by_role_and_label(Role::Slider, "Stress").set_value_accesskit(3.0);
    harness.run_steps(2);
    harness.get_by_label("Save").click();
    harness.run_steps(2);
    harness.get_by_label("1:16 of 4-7-8 Relaxing breath · 4 breaths");
    // The summary shows the change, after the moment to notice.
    harness.get_by_label("stress 7 to 3");

    harness.get_by_role_and_label(Role::Button, "History").click();
    harness.run_steps(3);
    harness.get_by_label_contains("4-7-8 Relaxing breath   1 min 16 s");
    harness.get_by_label_contains("4-7-8 Relaxing breath   1 min 16 s").click();
    harness.run_steps(2);
    harness.get_by_label("4 of 4 breaths · finished");
    // Tension was never touched: not rated, not 0.
    harness.get_by_label("Before: stress 7, tension not rated; tense: Lower back");
    harness.get_by_label("Hips softer.");

    // Closing the app lets the store finish writing; the file holds the same record.
    drop(harness);
    let (store, _) = Store::open(&db, "t").expect("opens");
    let records = store.all().expect("reads");
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(
        (r.routine.as_str(), r.status.clone(), r.practised_ms, r.done_count),
        ("4-7-8 Relaxing breath", Status::Finished, 76_000, 4)
    );
    assert_eq!(r.note, "Hips softer.");
    assert!(
        r.before.as_ref().is_some_and(|b| b.stress == Some(7) && b.tension.is_none() && b.regions.len() == 1)
    );
}

#[test]
fn delete_with_undo_and_skip_the_check_in() {
    let clock = ManualClock::new();
    let settings = Settings { safety_note_seen: true, ..Settings::default() };
    let mut harness = harness_with_history(&clock, settings, None, HistoryModel::default());
    harness.run_steps(2);
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    harness.get_by_label("Skip").click();
    harness.run_steps(2);
    clock.advance(Duration::from_secs(30));
    harness.run_steps(2);
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.key_press(egui::Key::Escape); // skip the check-out
    harness.run_steps(2);
    harness.get_by_label("Practice ended");
    harness.get_by_role_and_label(Role::Button, "History").click();
    harness.run_steps(3);
    harness.get_by_label_contains("(stopped early)").click();
    harness.run_steps(2);
    harness.get_by_label("Delete").click();
    harness.run_steps(2);
    assert!(harness.query_by_label_contains("(stopped early)").is_none());
    harness.get_by_label("Deleted Longer exhale 4-6.");
    harness.get_by_label("Undo").click();
    harness.run_steps(2);
    harness.get_by_label_contains("(stopped early)");
    assert_eq!(harness.state().history().records().len(), 1);
}
