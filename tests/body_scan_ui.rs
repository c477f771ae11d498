//! The body scan as a user meets it, through `egui_kittest` by accessible labels, with a
//! manual clock.

mod common;

use std::time::Duration;

use common::{harness, harness_with, settled};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use unbrace::clock::ManualClock;
use unbrace_core::settings::Settings;

#[test]
fn start_a_scan_press_next_and_read_the_new_prompt() {
    let clock = ManualClock::new();
    let mut harness = harness(&clock);
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "Body scan").click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "Desk reset").click();
    harness.run_steps(2);
    harness.get_by_label("Start").click();
    harness.run_steps(2);
    clock.advance(Duration::from_secs(2));
    harness.run_steps(2);
    harness.get_by_label("Take a moment to stop.\nFeel your feet on the floor and the chair beneath you.");
    harness.get_by_label("Step 1 of 9 · 0:08 left in this step · 2:58 in all");
    harness.get_by_label("Body map: Whole body");

    harness.get_by_label("Next").click();
    harness.run_steps(2);
    harness.get_by_label("Lift your shoulders gently toward your ears.\nJust a little. Hold.");
    harness.get_by_label("Shoulders · Gently tense");
    harness.get_by_label("Body map: Shoulders");

    // The arrow keys and + work too.
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    harness.get_by_label("Shoulders · Release");
    harness.key_press(egui::Key::Plus);
    harness.run_steps(2);
    harness.get_by_label("Step 3 of 9 · 0:50 left in this step · 3:10 in all");
    harness.key_press(egui::Key::ArrowLeft);
    harness.run_steps(2);
    harness.get_by_label("Shoulders · Gently tense");
}

#[test]
fn a_step_with_breathing_shows_the_breathing_shape() {
    let clock = ManualClock::new();
    let mut harness = harness_with(&clock, settled(), Some("body_scan/desk-reset.ron"));
    harness.run_steps(2);
    // The breathing step is the eighth, 140 s in (10+10+20+30+25+25+20).
    clock.advance(Duration::from_secs(151));
    harness.run_steps(2);
    harness.get_by_label("Step 8 of 9 · 0:19 left in this step · 0:29 in all");
    harness.get_by_label("Breathe in");
    harness.get_by_label("Longer exhale 4-6");
    clock.advance(Duration::from_secs(4));
    harness.run_steps(2);
    harness.get_by_label("Breathe out");
}

#[test]
fn a_scan_runs_to_its_end_by_itself() {
    let clock = ManualClock::new();
    let mut harness = harness_with(&clock, settled(), Some("body_scan/desk-reset.ron"));
    harness.run_steps(2);
    clock.advance(Duration::from_secs(180));
    harness.run_steps(3);
    harness.get_by_label("Well done");
    harness.get_by_label("3:00 of Desk reset · 9 of 9 steps");
}

#[test]
fn the_safety_note_shows_once_on_first_start() {
    let clock = ManualClock::new();
    let mut harness = harness_with(&clock, Settings { check_ins: false, ..Settings::default() }, None);
    harness.run_steps(2);
    harness.get_by_label("Before you begin");
    harness.get_by_label_contains("numbness or weakness in your legs");
    // Shortcuts wait until it is read.
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    harness.get_by_label("I understand").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Before you begin").is_none());
    assert!(harness.state().settings().safety_note_seen);
    harness.get_by_label("Start");
    // It stays in Help.
    harness.key_press(egui::Key::F1);
    harness.run_steps(2);
    harness.get_by_label_contains("If you feel dizzy or light-headed, stop");
}

#[test]
fn start_waits_for_the_safety_note_on_first_run() {
    let clock = ManualClock::new();
    let mut harness = harness_with(
        &clock,
        Settings { check_ins: false, ..Settings::default() },
        Some("body_scan/desk-reset.ron"),
    );
    harness.run_steps(2);
    clock.advance(Duration::from_secs(60));
    harness.run_steps(2);
    harness.get_by_label("I understand").click();
    harness.run_steps(2);
    // The scan starts only now, from its first step.
    harness.get_by_label("Step 1 of 9 · 0:10 left in this step · 3:00 in all");
}

#[test]
fn each_prompt_is_announced_to_screen_readers() {
    use egui_kittest::kittest::NodeT as _;
    let clock = ManualClock::new();
    let mut harness = harness_with(&clock, settled(), Some("body_scan/desk-reset.ron"));
    harness.run_steps(2);
    let prompt = "Take a moment to stop.\nFeel your feet on the floor and the chair beneath you.";
    assert_eq!(harness.get_by_label(prompt).accesskit_node().live(), egui::accesskit::Live::Polite);
}
