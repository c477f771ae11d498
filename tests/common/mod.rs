//! A test harness around the real app: built-in library, a manual clock, the real theme.
#![allow(dead_code, reason = "compiled into each test crate, and each uses only some of these helpers")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use egui_kittest::Harness;
use unbrace::app::UnbraceApp;
use unbrace::clock::ManualClock;
use unbrace::history::model::HistoryModel;
use unbrace::sound::output::{CueOutput, SoundStatus};
use unbrace_core::settings::Settings;
use unbrace_core::sound::cue::SoundSettings;
use unbrace_core::sound::score::Placed;

/// Settings after the first start (the safety note read), without check-ins.
pub fn settled() -> Settings {
    Settings { safety_note_seen: true, check_ins: false, ..Settings::default() }
}

/// The app as on any start after the first, with check-ins turned off.
pub fn harness(clock: &ManualClock) -> Harness<'static, UnbraceApp> {
    harness_with(clock, settled(), None)
}

/// The app with these settings, optionally opened straight into a routine (`--start`).
pub fn harness_with(
    clock: &ManualClock,
    settings: Settings,
    start: Option<&str>,
) -> Harness<'static, UnbraceApp> {
    harness_with_history(clock, settings, start, HistoryModel::default())
}

/// The same, keeping its history in `history`.
pub fn harness_with_history(
    clock: &ManualClock,
    settings: Settings,
    start: Option<&str>,
    history: HistoryModel,
) -> Harness<'static, UnbraceApp> {
    let library = unbrace::library::load(None);
    let mut app = UnbraceApp::new(library, Box::new(clock.clone()), settings)
        .with_history(history)
        .with_sound(Box::new(SoundSpy::default()));
    if let Some(id) = start {
        app = app.starting(id);
    }
    harness_of(app, [1100.0, 720.0])
}

/// Any app, in a harness of this size with the real theme, running logic then layout each step.
pub fn harness_of(app: UnbraceApp, size: [f32; 2]) -> Harness<'static, UnbraceApp> {
    Harness::builder().with_size(size).with_context_setup(UnbraceApp::install_theme).build_ui_state(
        |ui, app: &mut UnbraceApp| {
            app.run_logic(ui.ctx());
            app.show(ui);
        },
        app,
    )
}

/// Steps frames until the file work under way (reads, saves, a library reload) is done and
/// taken in, as it would be a moment later in the real app.
pub fn settle(harness: &mut Harness<'static, UnbraceApp>) {
    for _ in 0..2000 {
        harness.run_steps(1);
        if harness.state().is_settled() {
            harness.run_steps(1);
            return;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    panic!("the file work did not finish within 2 s");
}

/// Turns the mouse wheel at `pos`, scrolling whatever scroll area is under it, as a user would.
pub fn scroll_down_at(harness: &mut Harness<'static, UnbraceApp>, pos: egui::Pos2) {
    scroll_by_at(harness, pos, 2000.0);
}

/// Turns the mouse wheel by `points` down at `pos`.
pub fn scroll_by_at(harness: &mut Harness<'static, UnbraceApp>, pos: egui::Pos2, points: f32) {
    harness.hover_at(pos);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -points),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(4);
}

/// Everything a [`SoundSpy`] was asked.
#[derive(Debug, Default)]
pub struct Requests {
    pub placed: Vec<Option<Placed>>,
    pub settings: Vec<SoundSettings>,
    pub previews: usize,
    pub probes: usize,
    /// Clips played outside a score (a take listened to), by length in samples.
    pub clips: Vec<usize>,
    /// Whether speech was said to be heard, each time it changed.
    pub speaking: Vec<bool>,
}

/// A sound output for tests: plays nothing, remembers what it was asked, and reports the
/// status and start lead the test gives it.
#[derive(Debug, Clone, Default)]
pub struct SoundSpy {
    pub requests: Rc<RefCell<Requests>>,
    pub status: SoundStatus,
    pub lead: Duration,
}

impl CueOutput for SoundSpy {
    fn place(&mut self, placed: Option<Placed>) {
        self.requests.borrow_mut().placed.push(placed);
    }

    fn set_settings(&mut self, settings: SoundSettings) {
        self.requests.borrow_mut().settings.push(settings);
    }

    fn preview(&mut self) {
        self.requests.borrow_mut().previews += 1;
    }

    fn probe(&mut self) {
        self.requests.borrow_mut().probes += 1;
    }

    fn status(&self) -> SoundStatus {
        self.status.clone()
    }

    fn start_lead(&self) -> Duration {
        self.lead
    }

    fn play_clip(&mut self, clip: unbrace_core::sound::clip::Clip) {
        self.requests.borrow_mut().clips.push(clip.samples().len());
    }

    fn set_speaking(&mut self, speaking: bool) {
        self.requests.borrow_mut().speaking.push(speaking);
    }
}
