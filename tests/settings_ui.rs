//! Settings through the real UI: reduced motion and a 200 % text size, kept in the settings.

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use unbrace::clock::ManualClock;

#[test]
fn reduce_motion_and_double_the_text_size() {
    let clock = ManualClock::new();
    let mut harness = common::harness(&clock);
    harness.run_steps(2);
    harness.get_by_label("Settings").click();
    // A new window takes one invisible frame to size itself.
    harness.run_steps(3);
    harness.get_by_label("Reduce motion").click();
    harness.run_steps(2);
    assert!(harness.state().settings().reduced_motion);

    harness.get_by_label("High contrast").click();
    harness.run_steps(2);
    assert_eq!(harness.state().settings().theme, unbrace::settings::ThemeChoice::HighContrast);
    assert_eq!(
        harness.ctx.style_of(egui::Theme::Dark).visuals.panel_fill,
        unbrace::theme::HIGH_CONTRAST.panel
    );
    assert_eq!(unbrace::theme::palette(), unbrace::theme::HIGH_CONTRAST);

    harness.get_by_role_and_label(Role::Slider, "Text size").set_value_accesskit(200.0);
    harness.run_steps(3);
    assert_eq!(harness.state().settings().text_percent, 200);
    assert!((harness.ctx.zoom_factor() - 2.0).abs() < f32::EPSILON);

    // Closing the window with Esc; at 200 % Start is still reachable (by scrolling) and works.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.query_by_label("Reduce motion").is_none());
    let screen = harness.ctx.content_rect();
    // Scroll the practice area with the mouse wheel, as a user would.
    common::scroll_down_at(&mut harness, egui::pos2(400.0, 200.0));
    let start = harness.get_by_label("Start").rect();
    assert!(screen.contains_rect(start), "Start at {start:?} is outside {screen:?}");
    harness.get_by_label("Start").click();
    harness.run_steps(2);
    harness.get_by_label("Breathe in");
    // The practice view fits too: Pause is on screen.
    let pause = harness.get_by_label("Pause").rect();
    assert!(screen.contains_rect(pause), "Pause at {pause:?} is outside {screen:?}");
}
