//! A test harness around the real app: built-in library, a manual clock, the real theme.

use egui_kittest::Harness;
use unbrace::app::UnbraceApp;
use unbrace::clock::ManualClock;
use unbrace::library::Library;
use unbrace::settings::Settings;

/// The app as on any start after the first (the safety note already read).
pub fn harness(clock: &ManualClock) -> Harness<'static, UnbraceApp> {
    harness_with(
        clock,
        Settings {
            safety_note_seen: true,
            ..Settings::default()
        },
        None,
    )
}

/// The app with these settings, optionally opened straight into a routine (`--start`).
pub fn harness_with(
    clock: &ManualClock,
    settings: Settings,
    start: Option<&str>,
) -> Harness<'static, UnbraceApp> {
    let mut app = UnbraceApp::new(Library::load(None), Box::new(clock.clone()), settings);
    if let Some(id) = start {
        app = app.starting(id);
    }
    Harness::builder()
        .with_size([1100.0, 720.0])
        .with_context_setup(UnbraceApp::install_theme)
        .build_ui_state(
            |ui, app: &mut UnbraceApp| {
                app.run_logic(ui.ctx());
                app.show(ui);
            },
            app,
        )
}
