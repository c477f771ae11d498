//! Headless frame benchmarks (egui layout and tessellation of a whole frame, no GPU) for
//! every view and for a plain eframe frame (the reference of `tools/measure-window`), plus
//! loading 1 000 scripts, a timeline query at hour 10 and the audio mixer.
//!
//!     cargo bench --bench frames          # times (divan)
//!     tools/bench-instructions            # the frames again: time and instructions per frame
//!
//! Instructions are counted by valgrind's callgrind, which does not drift with the machine's
//! load, so a regression shows in one run. For that the binary has a second mode: with
//! `UNBRACE_BENCH_FRAMES=N` and a frame bench's name as its argument, it sets the view up,
//! runs N frames inside `counted_frames` (the only function callgrind is told to count) and
//! prints the time per frame.
//!
//! Targets on the project's 2-core machine: breathing view ≤ 0.2 ms a frame, history with
//! 100 000 records ≤ 2 ms, 1 000 scripts loaded ≤ 50 ms. These are measured, never asserted.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "benchmark setup")]

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use divan::Bencher;
use unbrace::app::UnbraceApp;
use unbrace::clock::{Clock, ManualClock, MonotonicClock};
use unbrace::history::model::HistoryModel;
use unbrace_core::breathing::pattern::Length;
use unbrace_core::breathing::timeline::Timeline;
use unbrace_core::library::Library;
use unbrace_core::settings::Settings;

fn main() {
    if let Some(frames) = std::env::var("UNBRACE_BENCH_FRAMES").ok().and_then(|n| n.parse::<u32>().ok()) {
        let name = std::env::args().nth(1).unwrap_or_default();
        let Some((_, setup)) = FRAME_BENCHES.iter().find(|(n, _)| *n == name) else {
            let names: Vec<&str> = FRAME_BENCHES.iter().map(|(n, _)| *n).collect();
            eprintln!("frames: name one of {}", names.join(", "));
            std::process::exit(2);
        };
        let mut frame = setup();
        let clock = MonotonicClock::new();
        let started = clock.now();
        counted_frames(frames, &mut frame);
        let per_frame = clock.now().saturating_sub(started) / frames.max(1);
        println!("{name} {frames} frames, {:.1} µs a frame", per_frame.as_secs_f64() * 1e6);
        return;
    }
    divan::main();
}

/// The frames callgrind counts (`--toggle-collect=*counted_frames*`): nothing else is.
#[inline(never)]
fn counted_frames(frames: u32, frame: &mut dyn FnMut() -> usize) {
    for _ in 0..frames {
        std::hint::black_box(frame());
    }
}

type Setup = fn() -> Box<dyn FnMut() -> usize>;

/// Each frame bench by name: it sets its view up and returns one frame.
const FRAME_BENCHES: &[(&str, Setup)] = &[
    ("plain_frame", plain_frame_setup),
    ("breathing_view_mid_inhale", breathing_setup),
    ("body_scan_view", body_scan_setup),
    ("body_scan_3_minutes_with_sound", || long_scan_setup(3, 60)),
    ("body_scan_50_hours_with_sound", || long_scan_setup(100, 1800)),
    ("history_panel_100k_records", history_setup),
];

/// The plain eframe program's frame (`examples/plain_frame.rs`): one heading and one filled
/// circle in a central panel.
fn plain_frame_setup() -> Box<dyn FnMut() -> usize> {
    let ctx = egui::Context::default();
    Box::new(move || {
        let output = ctx.run_ui(input(), |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.heading("A plain eframe frame");
                let center = ui.available_rect_before_wrap().center();
                ui.painter().circle_filled(center, 120.0, egui::Color32::from_rgb(0x8c, 0xc7, 0xb5));
            });
        });
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    })
}

#[divan::bench]
fn plain_frame(bencher: Bencher) {
    let mut frame = plain_frame_setup();
    bencher.bench_local(&mut frame);
}

fn settled() -> Settings {
    Settings { safety_note_seen: true, check_ins: false, ..Settings::default() }
}

/// The window: 1100×720, as the app opens.
fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1100.0, 720.0))),
        ..Default::default()
    }
}

/// A whole frame: logic, layout and tessellation.
fn frame(ctx: &egui::Context, app: &mut UnbraceApp) -> usize {
    let output = ctx.run_ui(input(), |ui| {
        app.run_logic(ui.ctx());
        app.show(ui);
    });
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

/// An app at a given moment, warmed up with a few frames.
fn warmed(app: UnbraceApp, clock: &ManualClock, at: Duration) -> (egui::Context, UnbraceApp) {
    let ctx = egui::Context::default();
    UnbraceApp::install_theme(&ctx);
    let mut app = app;
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    // File work (opening a script in the editor) finishes on its own thread.
    while !app.is_settled() {
        std::thread::sleep(Duration::from_millis(1));
        frame(&ctx, &mut app);
    }
    clock.advance(at);
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    (ctx, app)
}

fn breathing_setup() -> Box<dyn FnMut() -> usize> {
    let clock = ManualClock::new();
    let app = UnbraceApp::new(unbrace::library::load(None), Box::new(clock.clone()), settled())
        .starting("breathing/four-six.ron");
    let (ctx, mut app) = warmed(app, &clock, Duration::from_secs(2));
    Box::new(move || frame(&ctx, &mut app))
}

#[divan::bench]
fn breathing_view_mid_inhale(bencher: Bencher) {
    bencher.bench_local(breathing_setup());
}

fn body_scan_setup() -> Box<dyn FnMut() -> usize> {
    let clock = ManualClock::new();
    let app = UnbraceApp::new(unbrace::library::load(None), Box::new(clock.clone()), settled())
        .starting("body_scan/full-body-scan.ron");
    let (ctx, mut app) = warmed(app, &clock, Duration::from_secs(200));
    Box::new(move || frame(&ctx, &mut app))
}

#[divan::bench]
fn body_scan_view(bencher: Bencher) {
    bencher.bench_local(body_scan_setup());
}

/// A scan of `steps` steps of `secs` each, every one pacing a fast pattern (twelve half-second
/// phases ramping over 5 000 breaths, the largest timeline a pattern lays out), with sound on
/// and a sound output that takes every score it is given.
fn long_scan_setup(steps: usize, secs: u32) -> Box<dyn FnMut() -> usize> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("breathing")).unwrap();
    std::fs::create_dir_all(dir.path().join("body_scan")).unwrap();
    let phases =
        ["Inhale(secs: 0.5)", "HoldIn(secs: 0.5)", "Exhale(secs: 0.5)", "HoldOut(secs: 0.5)"].repeat(3);
    let pattern = format!(
        "Pattern(name: \"Fast\", phases: [{}], ramp: Ramp(from_secs: [{}], over: Cycles(5000)), length: Cycles(5000))",
        phases.join(", "),
        ["1"; 12].join(", ")
    );
    std::fs::write(dir.path().join("breathing/fast.ron"), pattern).unwrap();
    let step = format!("Step(region: Breath, secs: {secs}, breathing: \"Fast\", prompt: \"Breathe.\")");
    let scan = format!("BodyScan(name: \"Long\", steps: [{}])", vec![step; steps].join(", "));
    std::fs::write(dir.path().join("body_scan/long.ron"), scan).unwrap();
    let library = unbrace::library::load(Some(dir.path()));
    assert!(library.problems().is_empty(), "{:?}", library.problems());
    let clock = ManualClock::new();
    let app = UnbraceApp::new(library, Box::new(clock.clone()), settled())
        .with_sound(Box::new(Taker))
        .starting("body_scan/long.ron");
    let (ctx, mut app) = warmed(app, &clock, Duration::from_secs(20));
    Box::new(move || {
        // Time passes as in a practice; the score does not change.
        clock.advance(Duration::from_millis(16));
        frame(&ctx, &mut app)
    })
}

/// A sound output that keeps the last score it was given, as the sound thread does.
struct Taker;

impl unbrace::sound::output::CueOutput for Taker {
    fn place(&mut self, placed: Option<unbrace_core::sound::score::Placed>) {
        std::hint::black_box(placed);
    }
    fn set_settings(&mut self, _settings: unbrace_core::sound::cue::SoundSettings) {}
    fn preview(&mut self) {}
    fn status(&self) -> unbrace::sound::output::SoundStatus {
        unbrace::sound::output::SoundStatus::Ready
    }
}

#[divan::bench]
fn body_scan_3_minutes_with_sound(bencher: Bencher) {
    bencher.bench_local(long_scan_setup(3, 60));
}

#[divan::bench]
fn body_scan_50_hours_with_sound(bencher: Bencher) {
    bencher.bench_local(long_scan_setup(100, 1800));
}

fn history_setup() -> Box<dyn FnMut() -> usize> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.sqlite3");
    {
        let (store, _) = unbrace::history::store::Store::open(&db, "b").unwrap();
        let records: Vec<_> = (0..100_000).map(bench_record).collect();
        store.save_all(&records).unwrap();
    }
    let worker = unbrace::history::worker::HistoryWorker::spawn(db, "b".to_owned(), || {}).unwrap();
    let mut history = HistoryModel::new(Some(worker), None);
    while !history.poll() {
        std::thread::sleep(Duration::from_millis(20));
    }
    let clock = ManualClock::new();
    let app = UnbraceApp::new(unbrace::library::load(None), Box::new(clock.clone()), settled())
        .with_history(history);
    let ctx = egui::Context::default();
    UnbraceApp::install_theme(&ctx);
    let mut app = app;
    // Open the History page by clicking its button in the top bar.
    frame(&ctx, &mut app);
    open_history(&ctx, &mut app);
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    // The database's folder lives as long as the frames do.
    Box::new(move || {
        let _ = &dir;
        frame(&ctx, &mut app)
    })
}

#[divan::bench]
fn history_panel_100k_records(bencher: Bencher) {
    bencher.bench_local(history_setup());
}

fn open_history(ctx: &egui::Context, app: &mut UnbraceApp) {
    // The History button sits in the top bar; find it the way a screen reader would.
    let mut harness = egui_kittest::Harness::builder().with_size([1100.0, 720.0]).build_ui_state(
        |ui, app: &mut UnbraceApp| {
            app.run_logic(ui.ctx());
            app.show(ui);
        },
        std::mem::replace(app, UnbraceApp::new(Library::default(), Box::new(ManualClock::new()), settled())),
    );
    harness.run_steps(2);
    {
        use egui_kittest::kittest::Queryable;
        harness.get_by_role_and_label(egui::accesskit::Role::Button, "History").click();
    }
    harness.run_steps(2);
    *app = harness.into_state();
    let _ = ctx;
}

fn bench_record(i: i64) -> unbrace_core::history::record::Record {
    use unbrace_core::history::record::{CheckIn, Record, Status};
    Record {
        id: format!("b{i:08}"),
        started_at_ms: 1_795_424_400_000 - i * 1_800_000,
        kind: unbrace_core::script::ScriptKind::Breathing.into(),
        routine: ["Longer exhale 4-6", "Box 4-4-4-4", "Desk reset"][usize::try_from(i % 3).unwrap()]
            .to_owned(),
        planned_ms: 300_000,
        practised_ms: 280_000,
        done_count: 28,
        total_count: 30,
        status: Status::Finished,
        before: Some(CheckIn { stress: Some(6), tension: Some(5), regions: vec![] }),
        after: Some(CheckIn { stress: Some(3), tension: Some(3), regions: vec![] }),
        note: String::new(),
    }
}

/// A body scan of 200 steps, 10 lines each: a 2 000-line file.
fn long_scan() -> String {
    let mut text = String::from("BodyScan(\n    name: \"Long scan\",\n    steps: [\n");
    for i in 0..200 {
        let _ = write!(
            text,
            "        Step(\n            region: Feet,\n            secs: 30,\n            // step {i}\n            \
             prompt: \"Notice your feet.\\nLet them be heavy.\",\n        ),\n        // ----\n        //\n        //\n        //\n"
        );
    }
    text.push_str("    ],\n)\n");
    text
}

#[divan::bench]
fn editor_with_a_2000_line_file(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("body_scan")).unwrap();
    let text = long_scan();
    assert!(text.lines().count() >= 2000);
    std::fs::write(dir.path().join("body_scan/long.ron"), &text).unwrap();
    let clock = ManualClock::new();
    let app = UnbraceApp::new(unbrace::library::load(Some(dir.path())), Box::new(clock.clone()), settled())
        .with_scripts_dir(dir.path().to_owned())
        .editing("body_scan/long.ron");
    let (ctx, mut app) = warmed(app, &clock, Duration::from_secs(1));
    bencher.bench_local(|| frame(&ctx, &mut app));
}

fn thousand_scripts(dir: &Path) {
    std::fs::create_dir_all(dir.join("breathing")).unwrap();
    for i in 0..1000 {
        let text = unbrace_core::editor::templates::template(
            unbrace_core::script::ScriptKind::Breathing,
            &format!("P {i}"),
        );
        std::fs::write(dir.join(format!("breathing/p-{i:04}.ron")), text).unwrap();
    }
}

#[divan::bench(sample_count = 20)]
fn library_load_1000_scripts(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    thousand_scripts(dir.path());
    bencher.bench_local(|| {
        let library = unbrace::library::load(Some(dir.path()));
        assert!(library.entries().len() >= 1000);
        library
    });
}

#[divan::bench]
fn timeline_query_at_hour_ten(bencher: Bencher) {
    let pattern = unbrace_core::script::parse_pattern(
        "Pattern(name: \"r\", phases: [Inhale(secs: 5.45), Exhale(secs: 5.45)], length: Cycles(5000), \
         ramp: Ramp(from_secs: [3, 3], over: Minutes(60)))",
    )
    .unwrap();
    let timeline = Timeline::new(&pattern, Length::Cycles(5000));
    let at = Duration::from_secs(10 * 3600) + Duration::from_millis(1234);
    bencher.bench_local(|| timeline.at(divan::black_box(at)));
}

#[divan::bench]
fn timeline_query_inside_a_ramp(bencher: Bencher) {
    let pattern = unbrace_core::script::parse_pattern(
        "Pattern(name: \"r\", phases: [Inhale(secs: 4), Exhale(secs: 8)], length: Minutes(180), \
         ramp: Ramp(from_secs: [4, 4], over: Minutes(180)))",
    )
    .unwrap();
    let timeline = Timeline::new(&pattern, Length::Minutes(180));
    let at = Duration::from_secs(2 * 3600 + 17);
    bencher.bench_local(|| timeline.at(divan::black_box(at)));
}

/// The audio thread's work for one 10 ms buffer of a breathing practice, with a tone
/// playing: its share of a core is this time over 10 ms.
#[divan::bench]
fn sound_mixer_10ms_buffer(bencher: Bencher) {
    use unbrace_core::sound::cue::SoundSettings;
    use unbrace_core::sound::mixer::Mixer;
    use unbrace_core::sound::score::{Placed, Score};
    use unbrace_core::sound::synth::SAMPLE_RATE;
    let library = unbrace::library::load(None);
    let pattern = library.pattern("breathing/four-six.ron").unwrap();
    let timeline = Timeline::new(pattern, pattern.length);
    let mut mixer = Mixer::new(SAMPLE_RATE, SoundSettings::default());
    mixer.place(Some(Placed {
        score: Score::Breathing(timeline),
        origin: Duration::ZERO,
        from: Duration::ZERO,
    }));
    let mut buffer = vec![0.0; SAMPLE_RATE as usize / 100];
    // Just after a boundary, while the inhale tone plays.
    let mut heard_at = Duration::from_secs(60);
    mixer.fill(&mut buffer, Duration::from_millis(59_990));
    bencher.bench_local(|| {
        mixer.fill(&mut buffer, heard_at);
        heard_at += Duration::from_nanos(1);
    });
}
