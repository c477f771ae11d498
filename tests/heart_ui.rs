//! The heart through the real UI, driven by accessible roles and labels with a manual clock:
//! the strap picker in Settings (with a fake strap source), the figures under a breathing
//! practice with a replayed RR file, and "Find your breathing rate" to its results and a
//! saved pattern.

mod common;

use std::cell::RefCell;
use std::f64::consts::TAU;
use std::rc::Rc;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unbrace::app::UnbraceApp;
use unbrace::clock::ManualClock;
use unbrace::disk::DiskWorker;
use unbrace::hrv::model::HeartModel;
use unbrace::hrv::replay::ReplaySource;
use unbrace::hrv::source::{FoundStrap, RrSource, SourceEvent, SourceRequest, SourceStatus};
use unbrace_core::hrv::time_domain::rmssd_ms;
use unbrace_core::settings::{Settings, StrapChoice};

/// A strap source that finds one strap when asked to search and connects to what it is told
/// to use, remembering every request.
#[derive(Debug, Clone, Default)]
struct FakeStraps {
    requests: Rc<RefCell<Vec<SourceRequest>>>,
    queued: Rc<RefCell<Vec<SourceEvent>>>,
}

fn polar() -> StrapChoice {
    StrapChoice { address: "AA:BB:CC:DD:EE:01".to_owned(), name: "Polar H10 FAKE".to_owned() }
}

impl RrSource for FakeStraps {
    fn poll(&mut self, _now: Duration) -> Vec<SourceEvent> {
        std::mem::take(&mut *self.queued.borrow_mut())
    }

    fn request(&mut self, request: SourceRequest) {
        let events = match &request {
            SourceRequest::Search(true) => vec![
                SourceEvent::Status(SourceStatus::Searching),
                SourceEvent::Found(FoundStrap { strap: polar(), rssi: Some(-60) }),
            ],
            SourceRequest::Use(Some(strap)) => vec![SourceEvent::Status(SourceStatus::Connected {
                name: strap.name.clone(),
                battery_percent: Some(87),
            })],
            SourceRequest::Use(None) => vec![SourceEvent::Status(SourceStatus::Idle)],
            SourceRequest::Search(false) => vec![],
        };
        self.queued.borrow_mut().extend(events);
        self.requests.borrow_mut().push(request);
    }
}

/// A heart swinging ±50 ms at six breaths a minute with a little beat-to-beat wobble, as an
/// RR export would hold it (ms).
fn swinging_heart() -> Vec<f64> {
    let mut t = 0.0;
    (0..600_u32)
        .map(|k| {
            let rr = 1000.0 + 50.0 * (TAU * 0.1 * t).sin() + 8.0 * (f64::from(k) * 2.1).sin();
            t += rr / 1000.0;
            rr.round()
        })
        .collect()
}

fn app_with(clock: &ManualClock, heart: HeartModel, settings: Settings) -> UnbraceApp {
    UnbraceApp::new(unbrace::library::load(None), Box::new(clock.clone()), settings)
        .with_sound(Box::new(common::SoundSpy::default()))
        .with_heart(heart)
}

/// Opens Settings and scrolls to its heart-rate section (the last one), as a user would.
fn open_heart_settings(harness: &mut Harness<'static, UnbraceApp>) {
    harness.get_by_label("Settings").click();
    harness.run_steps(3);
    // The window is centred near the top: its middle is under the pointer.
    let screen = harness.ctx.content_rect();
    for _ in 0..4 {
        common::scroll_down_at(harness, egui::pos2(screen.center().x, screen.height() * 0.4));
    }
    let heading = harness.get_by_label("Heart-rate strap").rect();
    assert!(screen.contains_rect(heading), "{heading:?}");
}

/// Moves the clock on a second a frame, as a practice would see it.
fn seconds(harness: &mut Harness<'static, UnbraceApp>, clock: &ManualClock, secs: u32) {
    for _ in 0..secs {
        clock.advance(Duration::from_secs(1));
        harness.run_steps(1);
    }
}

#[test]
fn pick_a_strap_in_settings_and_it_is_remembered() {
    let clock = ManualClock::new();
    let straps = FakeStraps::default();
    let fake = straps.clone();
    let heart = HeartModel::with_strap(Box::new(move || Box::new(fake.clone())));
    let mut harness = common::harness_of(app_with(&clock, heart, common::settled()), [1100.0, 720.0]);
    harness.run_steps(2);
    assert!(straps.requests.borrow().is_empty(), "no strap chosen: Bluetooth is not touched");
    // Nothing about straps on the practice page without one.
    assert!(harness.query_by_label("Find your breathing rate…").is_none());

    open_heart_settings(&mut harness);
    harness.get_by_label("No strap chosen");
    harness.get_by_role_and_label(Role::Button, "Find a strap").click();
    harness.run_steps(3);
    harness.get_by_label("Searching…");
    harness.get_by_role_and_label(Role::Button, "Polar H10 FAKE").click();
    harness.run_steps(3);
    harness.get_by_label("Connected to Polar H10 FAKE (battery 87 %)");
    harness.get_by_label("Your strap: Polar H10 FAKE");
    assert_eq!(harness.state().settings().heart_strap, Some(polar()));
    assert_eq!(
        *straps.requests.borrow(),
        [SourceRequest::Search(true), SourceRequest::Use(Some(polar())), SourceRequest::Search(false)]
    );

    // With a strap connected, the breathing list offers the assessment.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "Find your breathing rate…");

    // Forget it: nothing is remembered, and the offer goes.
    open_heart_settings(&mut harness);
    harness.get_by_role_and_label(Role::Button, "Forget this strap").click();
    harness.run_steps(3);
    assert_eq!(harness.state().settings().heart_strap, None);
    harness.get_by_label("No strap chosen");
}

#[test]
fn a_remembered_strap_is_connected_at_start() {
    let clock = ManualClock::new();
    let straps = FakeStraps::default();
    let fake = straps.clone();
    let heart = HeartModel::with_strap(Box::new(move || Box::new(fake.clone())));
    let settings = Settings { heart_strap: Some(polar()), ..common::settled() };
    let mut harness = common::harness_of(app_with(&clock, heart, settings), [1100.0, 720.0]);
    harness.run_steps(2);
    assert_eq!(*straps.requests.borrow(), [SourceRequest::Use(Some(polar()))]);
    assert!(harness.state().heart().is_connected());
}

#[test]
fn the_heart_is_shown_under_a_breathing_practice_and_kept_with_it() {
    let clock = ManualClock::new();
    let rr = swinging_heart();
    let heart = HeartModel::with_source(Box::new(ReplaySource::from_rr("demo.txt", &rr)));
    let mut harness = common::harness_of(app_with(&clock, heart, common::settled()), [1100.0, 720.0]);
    harness.run_steps(2);
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    harness.get_by_label("Breathe in");

    // Half a minute in: RMSSD says it is still settling, coherence waits for its minute.
    seconds(&mut harness, &clock, 30);
    harness.get_by_label("still settling");
    harness.get_by_label_contains("in about");
    harness.get_by_label("Signal good");
    let curve = harness.get_by_label_contains("Heart rate over the last minute");
    assert!(harness.ctx.content_rect().contains_rect(curve.rect()));

    // A minute and a half in: the figures of the last minute, as the core works them out.
    seconds(&mut harness, &clock, 60);
    let now = Duration::from_secs(90);
    let figures = harness.state().heart().figures(now);
    let rmssd = figures.rmssd.expect("an RMSSD");
    assert!(!rmssd.provisional);
    harness.get_by_label(&format!("RMSSD {:.0} ms", rmssd.rmssd_ms));
    harness.get_by_label("last minute");
    // The replayed heart's own RMSSD, within the wobble of which minute is measured.
    let whole = rmssd_ms(&rr).expect("a figure");
    assert!((rmssd.rmssd_ms - whole).abs() < 0.2 * whole, "{} vs {whole}", rmssd.rmssd_ms);
    let peak = figures.spectral.figures().and_then(|f| f.peak).expect("a spectrum");
    harness.get_by_label(&format!("Coherence {:.1}", peak.coherence_ratio));
    assert!((peak.hz - 0.1).abs() < 0.01, "the heart's rhythm is the breath's: {peak:?}");

    // Stopped: the practice is kept with its heart figures.
    harness.get_by_role_and_label(Role::Button, "Stop").click();
    harness.run_steps(2);
    let record = harness.state().history().records().first().cloned().expect("kept");
    let hrv = record.hrv.expect("heart figures");
    assert!(
        hrv.rmssd_first_ms.is_some() && hrv.rmssd_last_ms.is_some() && hrv.coherence_mean.is_some(),
        "{hrv:?}"
    );
}

#[test]
fn the_practice_with_its_heart_fits_a_small_window_and_large_text() {
    // The heart gives way to the practice: the whole strip where there is room, and with
    // large text in a small window (1100 × 720 at 200 % is 550 × 360 points) only its figures,
    // in the top bar. Whatever shows is on screen and covers none of the practice.
    for (size, percent, shown) in [
        (
            [1100.0, 720.0],
            100,
            ["Heart rate over the last minute", "RMSSD ", "Coherence ", "Signal good"].as_slice(),
        ),
        (
            [800.0, 600.0],
            100,
            ["Heart rate over the last minute", "RMSSD ", "Coherence ", "Signal good"].as_slice(),
        ),
        ([1100.0, 720.0], 200, ["RMSSD ", "Coherence "].as_slice()),
        ([800.0, 600.0], 200, ["RMSSD ", "Coherence "].as_slice()),
    ] {
        let clock = ManualClock::new();
        let heart = HeartModel::with_source(Box::new(ReplaySource::from_rr("demo.txt", &swinging_heart())));
        let settings = Settings { text_percent: percent, ..common::settled() };
        let mut harness = common::harness_of(app_with(&clock, heart, settings), size);
        harness.run_steps(3);
        harness.key_press(egui::Key::Space);
        harness.run_steps(2);
        seconds(&mut harness, &clock, 70);
        let screen = harness.ctx.content_rect();
        let practice: Vec<egui::Rect> =
            [(Role::Button, "Pause"), (Role::Button, "Stop"), (Role::Button, "Settings")]
                .iter()
                .map(|&(role, label)| harness.get_by_role_and_label(role, label).rect())
                .chain(std::iter::once(harness.get_by_label_contains("done ·").rect()))
                .collect();
        let case = format!("{size:?} at {percent} %");
        for label in ["Heart rate over the last minute", "RMSSD ", "Coherence ", "Signal "] {
            let found = harness.query_by_label_contains(label).map(|node| node.rect());
            let Some(rect) = found else {
                assert!(!shown.contains(&label), "{label} missing ({case})");
                continue;
            };
            assert!(
                shown.iter().any(|s| label.starts_with(s) || s.starts_with(label)),
                "{label} shown ({case})"
            );
            assert!(screen.contains_rect(rect), "{label} at {rect:?} outside {screen:?} ({case})");
            for covered in &practice {
                assert!(!rect.intersects(*covered), "{label} at {rect:?} covers {covered:?} ({case})");
            }
        }
    }
}

#[test]
fn find_your_breathing_rate_shows_each_rate_and_saves_a_pattern() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = ManualClock::new();
    let heart = HeartModel::with_source(Box::new(ReplaySource::from_rr("demo.txt", &swinging_heart())));
    let app =
        UnbraceApp::new(unbrace::library::load(Some(dir.path())), Box::new(clock.clone()), common::settled())
            .with_sound(Box::new(common::SoundSpy::default()))
            .with_heart(heart)
            .with_scripts_dir(dir.path().to_owned())
            .with_disk(DiskWorker::spawn(|| {}).expect("a disk thread"));
    let mut harness = common::harness_of(app, [1100.0, 720.0]);
    harness.run_steps(2);

    harness.get_by_role_and_label(Role::Button, "Find your breathing rate…").click();
    harness.run_steps(2);
    harness.get_by_label_contains("five slow rates, 6.5, 6, 5.5, 5, 4.5 breaths a minute");
    harness.get_by_role_and_label(Role::Button, "Begin").click();
    harness.run_steps(2);
    harness.get_by_label("Get ready");
    seconds(&mut harness, &clock, 4);
    harness.get_by_label("Breathe in");
    harness.get_by_label("Rate 1 of 5 · 6.5 breaths a minute");
    harness.get_by_label_contains("Heart rate over the last minute");

    // Ten minutes later: every rate's result in words, and the best one.
    seconds(&mut harness, &clock, 600);
    harness.get_by_label("Your breathing rate");
    let best = label_of(&harness, "breaths a minute suited your heart best today")
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(["6.5", "6", "5.5", "5", "4.5"].contains(&best.as_str()), "{best}");
    harness.get_by_label(&format!("{best} breaths a minute suited your heart best today."));
    harness.get_by_label(&format!("{best} a minute (best)"));
    for rate in ["6.5", "6", "5.5", "5", "4.5"] {
        if rate != best {
            harness.get_by_label(&format!("{rate} a minute"));
        }
    }
    assert!(harness.query_all_by_label_contains("Your heart rate rose and fell by").count() >= 3);
    harness.get_by_label_contains("not a diagnosis");

    harness.get_by_role_and_label(Role::Button, &format!("Save {best} a minute as my pattern")).click();
    common::settle(&mut harness);
    harness.run_steps(2);
    let saved = label_of(&harness, "Saved as “My rate");
    assert!(saved.contains(&format!("My rate {best} a minute (")), "{saved}");
    let entry = harness
        .state()
        .library()
        .entries()
        .iter()
        .find(|e| e.script.name().starts_with("My rate"))
        .cloned()
        .expect("in the library");
    assert!(dir.path().join(&entry.id).is_file(), "{} is a file the user owns", entry.id);

    harness.get_by_role_and_label(Role::Button, "Done").click();
    harness.run_steps(2);
    // Back at the picker, the new pattern chosen, ready to start.
    harness.get_by_role_and_label(Role::Button, entry.script.name());
    assert_eq!(harness.state().settings().last_pattern.as_deref(), Some(entry.id.as_str()));
    harness.get_by_role_and_label(Role::Button, "Start");
}

/// The whole label of the node whose label contains `part`.
fn label_of(harness: &Harness<'static, UnbraceApp>, part: &str) -> String {
    use egui_kittest::kittest::NodeT as _;
    let node = harness.get_by_label_contains(part);
    let node = node.accesskit_node();
    node.label().or_else(|| node.value()).unwrap_or_default()
}
