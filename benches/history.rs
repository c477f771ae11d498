//! History at scale, measured (not asserted): run with `cargo bench --bench history`.
//!
//! Fills a database with 100 000 records, then prints the time to open it and read every
//! record, to compute the stats, and the history panel's frame time (egui layout and
//! tessellation, no GPU).
#![allow(clippy::disallowed_methods, reason = "a benchmark measures elapsed wall time itself")]

use std::time::{Duration, Instant};

use unbrace::command::Command;
use unbrace::history::store::Store;
use unbrace::history::view::{HistoryInput, HistoryPanel, history_ui};
use unbrace_core::body_scan::region::Region;
use unbrace_core::history::record::{CheckIn, Record, Status};
use unbrace_core::history::stats;
use unbrace_core::script::ScriptKind;

const RECORDS: i64 = 100_000;
const FRAMES: u32 = 200;

fn record(i: i64) -> Record {
    let regions = [Region::LowerBack, Region::Shoulders, Region::Hips, Region::FaceAndJaw];
    let pick = usize::try_from(i % 4).unwrap_or(0);
    let check = |stress: i64| CheckIn {
        stress: u8::try_from(stress % 11).ok(),
        tension: u8::try_from((stress + 3) % 11).ok(),
        regions: vec![regions[pick]],
    };
    Record {
        id: format!("bench-{i:08}"),
        // One practice every 30 minutes, going back in time.
        started_at_ms: 1_795_424_400_000 - i * 1_800_000,
        kind: if i % 3 == 0 { ScriptKind::BodyScan } else { ScriptKind::Breathing }.into(),
        routine: ["Longer exhale 4-6", "Desk reset", "Box 4-4-4-4", "Full body scan"][pick].to_owned(),
        planned_ms: 300_000,
        practised_ms: 240_000 + (i % 60) * 1000,
        done_count: 24,
        total_count: 30,
        status: if i % 10 == 0 { Status::Stopped } else { Status::Finished },
        before: Some(check(i + 6)),
        after: Some(check(i + 2)),
        note: String::new(),
    }
}

fn main() {
    let dir = std::env::temp_dir().join(format!("unbrace-bench-{}", std::process::id()));
    let path = dir.join("history.sqlite3");
    let fill_start = Instant::now();
    {
        let (store, _) = Store::open(&path, "bench").expect("opens");
        store.save_all(&(0..RECORDS).map(record).collect::<Vec<_>>()).expect("fills");
    }
    println!("fill {RECORDS} records:             {:>8.1} ms", ms(fill_start.elapsed()));

    let open_start = Instant::now();
    let (store, _) = Store::open(&path, "bench").expect("opens");
    let records = store.all().expect("reads");
    let opened = open_start.elapsed();
    assert_eq!(records.len(), usize::try_from(RECORDS).expect("fits"));
    println!("open and read every record:        {:>8.1} ms", ms(opened));

    let zone = jiff::tz::TimeZone::get("Europe/Berlin").expect("bundled zone");
    let now = jiff::Timestamp::from_millisecond(1_795_424_400_000).expect("time").to_zoned_datetime(zone);
    let stats_start = Instant::now();
    let s = stats::compute(&records, &now);
    let per_day = stats::minutes_per_day(&records, &now, 30);
    let tense = stats::tense_regions(&records);
    let stats_time = stats_start.elapsed();
    println!("stats, minutes a day, tense areas: {:>8.1} ms", ms(stats_time));
    println!("open + stats:                      {:>8.1} ms", ms(opened + stats_time));
    assert!(s.minutes_all_time > 0.0 && per_day.len() == 30 && !tense.is_empty());

    let ctx = egui::Context::default();
    unbrace::app::UnbraceApp::install_theme(&ctx);
    let mut panel = HistoryPanel::default();
    let input = HistoryInput {
        records: &records,
        version: 1,
        now,
        show_streak: true,
        message: None,
        alert: None,
        can_undo: false,
    };
    let raw = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
        ..Default::default()
    };
    let frame = |panel: &mut HistoryPanel| {
        let output = ctx.run_ui(raw(), |ui| {
            let mut commands: Vec<Command> = Vec::new();
            egui::CentralPanel::default().show(ui, |ui| history_ui(ui, panel, &input, &mut commands));
        });
        ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    let first = Instant::now();
    frame(&mut panel);
    println!("history panel, first frame:        {:>8.2} ms (computes the stats)", ms(first.elapsed()));
    let mut times: Vec<Duration> = (0..FRAMES)
        .map(|_| {
            let t = Instant::now();
            let meshes = frame(&mut panel);
            assert!(!meshes.is_empty());
            t.elapsed()
        })
        .collect();
    times.sort_unstable();
    let median = times[times.len() / 2];
    let p95 = times[times.len() * 95 / 100];
    println!(
        "history panel frame, median:       {:>8.2} ms (p95 {:.2} ms, {FRAMES} frames)",
        ms(median),
        ms(p95)
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
