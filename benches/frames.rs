//! Headless frame benchmarks (egui layout and tessellation of a whole frame, no GPU) for
//! every view, plus loading 1 000 scripts and a timeline query at hour 10.
//!
//!     cargo bench --bench frames
//!
//! Targets on the project's 2-core machine: breathing view ≤ 0.2 ms a frame, history with
//! 100 000 records ≤ 2 ms, 1 000 scripts loaded ≤ 50 ms. These are measured, never asserted.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "benchmark setup")]

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use divan::Bencher;
use unbrace::app::UnbraceApp;
use unbrace::clock::ManualClock;
use unbrace::history::model::HistoryModel;
use unbrace_core::breathing::pattern::Length;
use unbrace_core::breathing::timeline::Timeline;
use unbrace_core::library::Library;
use unbrace_core::settings::Settings;

fn main() {
    divan::main();
}

fn settled() -> Settings {
    Settings { safety_note_seen: true, check_ins: false, ..Settings::default() }
}

/// A whole frame: logic, layout and tessellation, at 1280×800.
fn frame(ctx: &egui::Context, app: &mut UnbraceApp) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| {
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

#[divan::bench]
fn breathing_view_mid_inhale(bencher: Bencher) {
    let clock = ManualClock::new();
    let app = UnbraceApp::new(unbrace::library::load(None), Box::new(clock.clone()), settled())
        .starting("breathing/four-six.ron");
    let (ctx, mut app) = warmed(app, &clock, Duration::from_secs(2));
    bencher.bench_local(|| frame(&ctx, &mut app));
}

#[divan::bench]
fn body_scan_view(bencher: Bencher) {
    let clock = ManualClock::new();
    let app = UnbraceApp::new(unbrace::library::load(None), Box::new(clock.clone()), settled())
        .starting("body_scan/full-body-scan.ron");
    let (ctx, mut app) = warmed(app, &clock, Duration::from_secs(200));
    bencher.bench_local(|| frame(&ctx, &mut app));
}

#[divan::bench]
fn history_panel_100k_records(bencher: Bencher) {
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
    bencher.bench_local(|| frame(&ctx, &mut app));
}

fn open_history(ctx: &egui::Context, app: &mut UnbraceApp) {
    // The History button sits in the top bar; find it the way a screen reader would.
    let mut harness = egui_kittest::Harness::builder().with_size([1280.0, 800.0]).build_ui_state(
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
        // Half the practices with a heart-rate strap, so the History page draws its chart.
        #[expect(clippy::cast_precision_loss, reason = "a small index as a figure")]
        hrv: (i % 2 == 0).then(|| {
            Box::new(unbrace_core::history::record::PracticeHrv {
                rmssd_first_ms: Some(30.0 + (i % 7) as f64),
                rmssd_last_ms: Some(40.0 + (i % 5) as f64),
                coherence_mean: Some(1.0 + (i % 3) as f64 / 2.0),
            })
        }),
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
