//! Every view at every size and text size, in every theme, as a user meets it: the controls a
//! user needs on each view are inside the window, or reached by turning the mouse wheel over
//! the view. Sizes: 800×600 (a small laptop) and 1100×720 (the default); text at 100, 150 and
//! 200 %; the dark, light and high-contrast palettes.

mod common;

use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unbrace::app::UnbraceApp;
use unbrace::clock::{Clock, ManualClock};
use unbrace::history::model::HistoryModel;
use unbrace_core::body_scan::region::Region;
use unbrace_core::history::record::{self, CheckIn};
use unbrace_core::settings::{Settings, ThemeChoice};

type App = Harness<'static, UnbraceApp>;

/// Where a node is, found by role and label or by the text it contains.
#[derive(Clone, Copy)]
enum Find<'a> {
    Control(Role, &'a str),
    Text(&'a str),
}

impl std::fmt::Display for Find<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Find::Control(role, label) => write!(f, "{label} ({role:?})"),
            Find::Text(text) => write!(f, "{text:?}"),
        }
    }
}

fn rect_of(harness: &App, find: Find<'_>, case: &str) -> egui::Rect {
    let node = match find {
        Find::Control(role, label) => harness.query_by_role_and_label(role, label),
        Find::Text(text) => harness.query_by_label_contains(text),
    };
    node.unwrap_or_else(|| panic!("{case}: {find} is not on the page")).rect()
}

/// Makes `find` visible, turning the mouse wheel over the view as a user would: over the
/// node's own column, at heights from the bottom of the window up, until it moves into view.
/// Panics, naming the case, where it cannot be reached.
fn reach_node(harness: &mut App, find: Find<'_>, case: &str) {
    let screen = harness.ctx.content_rect();
    // A text taller than the room its view has (a long prompt at large text) is reached
    // when its last line is: scrolled past its top, its bottom edge in view.
    let in_view = |rect: egui::Rect| {
        screen.contains_rect(rect)
            || (matches!(find, Find::Text(_))
                && rect.top() < screen.top()
                && rect.bottom() <= screen.bottom()
                && rect.bottom() >= screen.top() + 20.0)
    };
    for _ in 0..30 {
        let rect = rect_of(harness, find, case);
        if in_view(rect) {
            return;
        }
        let x = rect.center().x.clamp(screen.left() + 4.0, screen.right() - 4.0);
        let down = if rect.bottom() > screen.bottom() { 120.0 } else { -120.0 };
        // The first height at which the wheel moves it.
        let moved = [0.9, 0.7, 0.5, 0.3].into_iter().any(|f| {
            common::scroll_by_at(harness, egui::pos2(x, screen.top() + screen.height() * f), down);
            rect_of(harness, find, case) != rect
        });
        if !moved {
            break;
        }
    }
    let rect = rect_of(harness, find, case);
    panic!("{case}: {find} at {rect:?} cannot be reached in {screen:?}");
}

fn reach(harness: &mut App, role: Role, label: &str, case: &str) {
    reach_node(harness, Find::Control(role, label), case);
}

fn reach_text(harness: &mut App, text: &str, case: &str) {
    reach_node(harness, Find::Text(text), case);
}

fn app(
    clock: &ManualClock,
    size: [f32; 2],
    text_percent: u16,
    theme: ThemeChoice,
    start: Option<&str>,
) -> App {
    let settings = Settings { text_percent, theme, check_ins: true, ..common::settled() };
    let mut app = UnbraceApp::new(unbrace::library::load(None), Box::new(clock.clone()), settings)
        .with_sound(Box::new(common::SoundSpy::default()))
        .with_history(history(clock));
    if let Some(id) = start {
        app = app.starting(id);
    }
    let mut harness = common::harness_of(app, size);
    harness.run_steps(4);
    harness
}

/// A week of practices, each with both check-ins, the newest with a long note.
fn history(clock: &ManualClock) -> HistoryModel {
    let mut model = HistoryModel::new(None, None);
    let check_in = |stress, tension| CheckIn {
        stress: Some(stress),
        tension: Some(tension),
        regions: vec![Region::LowerBack, Region::Hips, Region::Shoulders, Region::FaceAndJaw],
    };
    for day in 0..7_i64 {
        let mut r = record::sample(&format!("p{day}"), clock.wall_ms() - day * 86_400_000);
        r.routine = if day == 0 { "Newest practice".to_owned() } else { "Coherent 6".to_owned() };
        r.before = Some(check_in(7, 6));
        r.after = Some(check_in(3, 2));
        if day == 0 {
            r.note = "My hips let go in the second half, and the jaw followed. ".repeat(6);
        }
        model.save(r);
    }
    model
}

const SIZES: [[f32; 2]; 2] = [[800.0, 600.0], [1100.0, 720.0]];
const TEXT: [u16; 3] = [100, 150, 200];
const THEMES: [ThemeChoice; 3] = [ThemeChoice::Dark, ThemeChoice::Light, ThemeChoice::HighContrast];

/// Every combination, named for messages.
fn cases() -> Vec<([f32; 2], u16, ThemeChoice, String)> {
    let mut out = Vec::new();
    for size in SIZES {
        for text in TEXT {
            for theme in THEMES {
                out.push((size, text, theme, format!("{}x{} at {text} % in {theme:?}", size[0], size[1])));
            }
        }
    }
    out
}

#[test]
fn choosing_checking_in_breathing_and_checking_out() {
    for (size, text, theme, case) in cases() {
        let clock = ManualClock::new();
        let mut h = app(&clock, size, text, theme, None);
        reach(&mut h, Role::Button, "Start", &case);
        h.get_by_role_and_label(Role::Button, "Start").click();
        h.run_steps(3);
        // The check-in: both answers and both ways on.
        reach(&mut h, Role::Slider, "Stress", &case);
        reach(&mut h, Role::Button, "Begin", &case);
        reach(&mut h, Role::Button, "Skip", &case);
        h.get_by_role_and_label(Role::Button, "Begin").click();
        h.run_steps(3);
        clock.advance(Duration::from_secs(2));
        h.run_steps(3);
        // Breathing: the controls without scrolling (a practice does not scroll).
        let screen = h.ctx.content_rect();
        for label in ["Pause", "Stop"] {
            let rect = h.get_by_role_and_label(Role::Button, label).rect();
            assert!(screen.contains_rect(rect), "{case}: {label} at {rect:?} is off {screen:?}");
        }
        h.get_by_role_and_label(Role::Button, "Stop").click();
        h.run_steps(3);
        reach(&mut h, Role::Button, "Save", &case);
        reach(&mut h, Role::Button, "Skip", &case);
        h.get_by_role_and_label(Role::Button, "Skip").click();
        h.run_steps(3);
        reach(&mut h, Role::Button, "Done", &case);
    }
}

#[test]
fn a_body_scan_step_shows_its_whole_prompt_and_controls() {
    for (size, text, theme, case) in cases() {
        let clock = ManualClock::new();
        let mut h = app(&clock, size, text, theme, Some("body_scan/desk-reset.ron"));
        let screen = h.ctx.content_rect();
        for label in ["Previous", "Pause", "Next", "+30 s", "Stop"] {
            let rect = h.get_by_role_and_label(Role::Button, label).rect();
            assert!(screen.contains_rect(rect), "{case}: {label} at {rect:?} is off {screen:?}");
        }
        // The third step's prompt has three lines; its last line and the counter are reached.
        h.get_by_role_and_label(Role::Button, "Next").click();
        h.run_steps(2);
        h.get_by_role_and_label(Role::Button, "Next").click();
        h.run_steps(3);
        reach_text(&mut h, "Let them keep settling.", &case);
        reach_text(&mut h, "Step 3 of", &case);
        reach_text(&mut h, "Next: ", &case);
    }
}

#[test]
fn history_scripts_settings_and_help() {
    for (size, text, theme, case) in cases() {
        let clock = ManualClock::new();
        let mut h = app(&clock, size, text, theme, None);
        h.get_by_role_and_label(Role::Button, "History").click();
        h.run_steps(3);
        // The newest practice opens in full: its note and Delete are reached.
        reach_text(&mut h, "Newest practice", &case);
        h.get_by_label_contains("Newest practice").click();
        h.run_steps(3);
        reach_text(&mut h, "the jaw followed", &case);
        reach(&mut h, Role::Button, "Delete", &case);
        if h.query_by_role_and_label(Role::Button, "Back to the list").is_some() {
            h.get_by_role_and_label(Role::Button, "Back to the list").click();
            h.run_steps(3);
        }
        reach(&mut h, Role::Button, "Export CSV", &case);
        reach_text(&mut h, "Where it was tense most often", &case);

        h.get_by_role_and_label(Role::Button, "Scripts").click();
        h.run_steps(3);
        reach(&mut h, Role::Button, "New pattern", &case);
        reach(&mut h, Role::Button, "Box 4-4-4-4 built-in", &case);

        h.get_by_role_and_label(Role::Button, "Settings").click();
        h.run_steps(4);
        reach(&mut h, Role::CheckBox, "Reduce motion", &case);
        reach(&mut h, Role::CheckBox, "Chime as each body-scan step begins", &case);
        reach(&mut h, Role::CheckBox, "Start with my computer", &case);
        reach(&mut h, Role::Button, "Find a strap", &case);
        h.key_press(egui::Key::Escape);
        h.run_steps(2);

        h.get_by_role_and_label(Role::Button, "Help").click();
        h.run_steps(4);
        reach_text(&mut h, "Never push into pain", &case);
        h.key_press(egui::Key::Escape);
        h.run_steps(2);
    }
}
