//! Everything reachable by keyboard: Tab moves between controls, Enter or Space presses the
//! one in focus, and the shortcuts (Space, Esc, F1, M, arrows) work when no control has it.

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unbrace::app::UnbraceApp;
use unbrace::clock::ManualClock;

/// Presses Tab until the control labelled `label` has the keyboard focus.
fn tab_to(harness: &mut Harness<'static, UnbraceApp>, label: &str) {
    for _ in 0..80 {
        harness.key_press(egui::Key::Tab);
        harness.run_steps(1);
        if harness.query_all_by_label(label).any(|n| n.is_focused()) {
            return;
        }
    }
    panic!("Tab never reached {label}");
}

#[test]
fn pages_settings_and_practice_by_keyboard_alone() {
    let clock = ManualClock::new();
    let mut harness = common::harness(&clock);
    harness.run_steps(2);

    tab_to(&mut harness, "History");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert_eq!(harness.state().page(), unbrace::navigation::Page::History);

    tab_to(&mut harness, "Settings");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    tab_to(&mut harness, "Reduce motion");
    // Space on a focused control presses it, and does not start a practice.
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(harness.state().settings().reduced_motion);
    tab_to(&mut harness, "Tick as you start to hold your breath");
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(!harness.state().settings().sound.hold);
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.query_by_label("Reduce motion").is_none(), "Esc closes the window");

    tab_to(&mut harness, "Practice");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    tab_to(&mut harness, "Start");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    harness.get_by_label("Breathe in");
    // The Start button is gone; Space is the shortcut again: pause.
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    harness.get_by_label("Resume");
}

#[test]
fn space_on_a_focused_control_presses_it_rather_than_starting() {
    let clock = ManualClock::new();
    let mut harness = common::harness(&clock);
    harness.run_steps(2);
    tab_to(&mut harness, "Help");
    harness.key_press(egui::Key::Space);
    harness.run_steps(3);
    assert!(harness.query_by_label("Breathe in").is_none(), "no practice started");
    harness.get_by_label("Keyboard");
}
