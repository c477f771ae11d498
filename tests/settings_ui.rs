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
    assert_eq!(harness.state().settings().theme, unbrace_core::settings::ThemeChoice::HighContrast);
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

/// Every view at 200 % text in high contrast, in the default window: the controls a user needs
/// are on screen (or reached by scrolling), and kittest's accessibility checks pass on each.
#[test]
fn every_view_is_usable_at_200_percent_in_high_contrast() {
    let clock = ManualClock::new();
    let settings = unbrace_core::settings::Settings {
        text_percent: 200,
        theme: unbrace_core::settings::ThemeChoice::HighContrast,
        ..common::settled()
    };
    let mut harness = common::harness_with(&clock, settings, Some("body_scan/desk-reset.ron"));
    harness.run_steps(3);
    let screen = harness.ctx.content_rect();
    let on_screen = |harness: &egui_kittest::Harness<'_, _>, role: Role, label: &str| {
        let rect = harness.get_by_role_and_label(role, label).rect();
        assert!(screen.contains_rect(rect), "{label} at {rect:?} is outside {screen:?}");
    };

    // Body scan: every control in view, and Next works.
    for label in ["Previous", "Pause", "Next", "+30 s", "Stop"] {
        on_screen(&harness, Role::Button, label);
    }
    harness.get_by_role_and_label(Role::Button, "Next").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Step 2 of");
    harness.get_by_role_and_label(Role::Button, "Stop").click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "Done").click();
    harness.run_steps(2);

    // History: its actions in view.
    harness.get_by_label("History").click();
    harness.run_steps(3);
    on_screen(&harness, Role::Button, "Export CSV");

    // The editor: a built-in opens, and its one action is in view.
    harness.get_by_label("Scripts").click();
    harness.run_steps(2);
    let list = harness.get_by_role_and_label(Role::Button, "New pattern").rect().center();
    let item = "Box 4-4-4-4 built-in";
    // A turn of the wheel at a time, until the item is in view.
    for _ in 0..20 {
        if screen.contains_rect(harness.get_by_role_and_label(Role::Button, item).rect()) {
            break;
        }
        common::scroll_by_at(&mut harness, list, 50.0);
    }
    on_screen(&harness, Role::Button, item);
    harness.get_by_role_and_label(Role::Button, item).click();
    harness.run_steps(2);
    on_screen(&harness, Role::Button, "Duplicate to edit");

    // Settings: the window fits the screen, and every control is reached by scrolling: the
    // reminders at the end, and the sound cues before them.
    harness.get_by_label("Settings").click();
    harness.run_steps(3);
    on_screen(&harness, Role::CheckBox, "Reduce motion");
    let window = harness.get_by_role_and_label(Role::CheckBox, "Reduce motion").rect().center();
    // A turn of the wheel at a time, up or down, until the control is in the middle of the
    // screen (inside the window's scrolled area, not under its title) or the scroll stops, then
    // the scroll settles.
    let scroll_to = |harness: &mut egui_kittest::Harness<'static, _>, role: Role, label: &str| {
        for _ in 0..60 {
            let rect = harness.get_by_role_and_label(role, label).rect();
            if rect.top() > screen.height() * 0.25 && rect.bottom() < screen.height() * 0.75 {
                break;
            }
            let down = if rect.center().y > screen.center().y { 50.0 } else { -50.0 };
            common::scroll_by_at(harness, window, down);
            if harness.get_by_role_and_label(role, label).rect() == rect {
                break;
            }
        }
        harness.run_steps(10);
        on_screen(harness, role, label);
    };
    // The strap, last.
    scroll_to(&mut harness, Role::Button, "Find a strap");
    harness.get_by_role_and_label(Role::Button, "Find a strap").click();
    harness.run_steps(3);
    // No Bluetooth in this run: said once asked, and only here.
    harness.get_by_label("No Bluetooth on this computer");
    scroll_to(&mut harness, Role::Button, "Stop searching");
    // The reminders before it, and the sound cues before them.
    scroll_to(&mut harness, Role::CheckBox, "Sleep wind-down");
    scroll_to(&mut harness, Role::CheckBox, "Start with my computer");
    let chime = "Chime as each body-scan step begins";
    scroll_to(&mut harness, Role::CheckBox, chime);
    harness.get_by_role_and_label(Role::CheckBox, chime).click();
    harness.run_steps(2);
    assert!(!harness.state().settings().sound.chime);
}
