//! The breathing view as a user meets it, driven through `egui_kittest` by accessible labels,
//! with a manual clock so a whole breath takes no time.

mod common;

use std::time::Duration;

use common::harness;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use unbrace::clock::ManualClock;

#[test]
fn pick_a_pattern_start_and_follow_the_breath() {
    let clock = ManualClock::new();
    let mut harness = harness(&clock);
    harness.run_steps(2);

    // Below the fold of the list: scroll down with the mouse wheel, as a user would.
    let list = harness.get_by_role_and_label(Role::Button, "Box 4-4-4-4").rect().center();
    common::scroll_down_at(&mut harness, list);
    harness.get_by_role_and_label(Role::Button, "Slow exhale 3-7").click();
    harness.run_steps(2);
    // The ready view names the chosen pattern and its rhythm above its Start button.
    assert!(harness.query_all_by_label("3-7").count() >= 2);

    harness.get_by_label("Start").click();
    harness.run_steps(2);
    clock.advance(Duration::from_secs(1));
    harness.run_steps(2);
    harness.get_by_label("Breathe in");
    harness.get_by_label("a gentle breath in");
    harness.get_by_label("2 seconds left in this phase");

    clock.advance(Duration::from_secs(3));
    harness.run_steps(2);
    harness.get_by_label("Breathe out");
    harness.get_by_label("Breath 1 of 60");

    // Space pauses: ten minutes later nothing has moved.
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    harness.get_by_label("Paused");
    clock.advance(Duration::from_secs(600));
    harness.run_steps(2);
    harness.get_by_label("0:04 done · 9:56 to go");
    harness.get_by_label("Resume").click();
    harness.run_steps(2);
    harness.get_by_label("Breathe out");
}

#[test]
fn a_finished_practice_shows_a_summary_and_can_go_again() {
    let clock = ManualClock::new();
    let mut harness = harness(&clock);
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "4-7-8 Relaxing breath").click();
    harness.run_steps(2);
    harness.get_by_label("Start").click();
    harness.run_steps(2);
    // Four breaths of 19 s.
    clock.advance(Duration::from_secs(76));
    harness.run_steps(3);
    harness.get_by_label("Well done");
    harness.get_by_label("1:16 of 4-7-8 Relaxing breath · 4 breaths");
    harness.get_by_label("Again").click();
    harness.run_steps(2);
    harness.get_by_label("Breathe in");
}

#[test]
fn escape_stops_a_practice_early() {
    let clock = ManualClock::new();
    let mut harness = harness(&clock);
    harness.run_steps(2);
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    clock.advance(Duration::from_secs(25));
    harness.run_steps(2);
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.get_by_label("Practice ended");
    harness.get_by_label("0:25 of Longer exhale 4-6 · 2 breaths");
    harness.get_by_label("Done").click();
    harness.run_steps(2);
    harness.get_by_label("Start");
}

#[test]
fn phase_changes_are_announced_to_screen_readers() {
    use egui_kittest::kittest::NodeT as _;
    let clock = ManualClock::new();
    let mut harness = harness(&clock);
    harness.run_steps(2);
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    let live = harness.get_by_label("Breathe in").accesskit_node().live();
    assert_eq!(live, egui::accesskit::Live::Polite);
}

#[test]
fn the_length_chosen_for_a_pattern_is_kept_for_next_time() {
    let clock = ManualClock::new();
    let mut settings = common::settled();
    settings.last_pattern = Some("breathing/four-six.ron".to_owned());
    let mut harness = common::harness_with(&clock, settings, None);
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::SpinButton, "Length").set_value_accesskit(6.0);
    harness.run_steps(2);
    let kept = harness.state().settings().lengths.get("breathing/four-six.ron").copied();
    assert_eq!(kept, Some(unbrace_core::breathing::pattern::Length::Minutes(6)));

    // The next launch starts from it.
    let next = common::harness_with(&ManualClock::new(), harness.state().settings().clone(), None);
    let mut next = next;
    next.run_steps(2);
    next.get_by_label("Start").click();
    next.run_steps(2);
    next.get_by_label("Breath 1 of 36");
}
