//! The app beyond its window: `unbrace --background` (no window until a reminder's Start or
//! the tray's Open), and a window closed while reminders are on.
//!
//! How, with eframe 0.37: eframe keeps its winit event loop in a thread-local and reuses it,
//! because winit allows one event loop per process (`native/run.rs`, `with_event_loop`); with
//! `NativeOptions::run_and_return` (the default) `run_native` returns when the window closes.
//! So the app lives here, outside eframe. Each time a window is wanted, `run_native` runs on
//! the main thread with the app borrowed, and returns when the window closes; the app, its
//! threads and its state carry on. Between windows this loop runs the app's logic headless
//! (`egui::Context::run_logic` on a context with no window), woken by the threads' news
//! ([`Waker`]) or by the logic's own next deadline.
//!
//! Not a hidden window: winit cannot hide a window on Wayland (`set_visible` is unsupported
//! there), so a login would show one; and a hidden window would hold a GL context all day.

use std::time::Duration;

use crate::app::UnbraceApp;
use crate::waker::Waker;

/// The longest the headless loop sleeps without news (the reminders thread does the timing).
const LONGEST_SLEEP: Duration = Duration::from_secs(60);

/// Runs the app: a window now if `open`, and headless whenever there is none while reminders
/// are on (or always, with `background`), until Quit, or until the window closes with nothing
/// to stay for. `options` makes each window's options.
///
/// # Errors
/// A window could not be opened (no display).
pub fn run(
    app: &mut UnbraceApp,
    waker: &Waker,
    open: bool,
    background: bool,
    options: impl Fn() -> eframe::NativeOptions,
) -> eframe::Result {
    let headless = egui::Context::default();
    {
        let waker = waker.clone();
        headless.set_request_repaint_callback(move |info| waker.wake_after(info.delay));
    }
    let mut open = open;
    app.set_windowed(false);
    loop {
        if std::mem::take(&mut open) || app.take_open_request() {
            app.set_windowed(true);
            let shown = run_window(app, waker, options());
            waker.attach(None);
            app.set_windowed(false);
            shown?;
            if app.is_quitting() || !(background || app.reminders_on()) {
                return Ok(());
            }
        }
        // The window's close request, if any, is over: the headless logic starts afresh.
        let _nothing_to_show = headless.run_logic(&egui::RawInput::default(), |ctx| app.run_logic(ctx));
        if app.is_quitting() {
            return Ok(());
        }
        if !app.wants_window() {
            waker.wait(LONGEST_SLEEP);
        }
    }
}

/// One window, until it closes.
fn run_window(app: &mut UnbraceApp, waker: &Waker, options: eframe::NativeOptions) -> eframe::Result {
    let waker = waker.clone();
    eframe::run_native(
        "Unbrace",
        options,
        Box::new(move |cc| {
            UnbraceApp::install_theme(&cc.egui_ctx);
            waker.attach(Some(cc.egui_ctx.clone()));
            Ok(Box::new(Window { app }))
        }),
    )
}

/// The app, lent to one window.
struct Window<'a> {
    app: &'a mut UnbraceApp,
}

impl eframe::App for Window<'_> {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        eframe::App::logic(self.app, ctx, frame);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        eframe::App::ui(self.app, ui, frame);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::App::save(self.app, storage);
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        eframe::App::on_exit(self.app, gl);
    }
}
