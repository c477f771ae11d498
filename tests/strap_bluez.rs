//! The Bluetooth strap end to end, without hardware: a fake BlueZ (python-dbusmock's bluez5
//! template on a private system bus, with a heart-rate strap added: `tests/fake_bluez.py`)
//! sends heart-rate notifications, and the app's real btleplug code, through the real UI,
//! finds the strap, connects, subscribes and shows the beats; a simulated drop of the link is
//! followed by a reconnect on its own.
//!
//! Both tests are `#[ignore]`d in a plain `cargo test` (they need `dbus-daemon` and
//! python3-dbusmock); `.ci/run` installs those and runs
//! `cargo test --test strap_bluez -- --ignored`. libdbus reads the bus address from
//! `DBUS_SYSTEM_BUS_ADDRESS` when it first connects, and this crate cannot set a variable in
//! its own process (no unsafe code), so the outer test starts the fake and runs the inner one
//! in a child process with the variable set.

mod common;

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unbrace::app::UnbraceApp;
use unbrace::clock::{Clock, MonotonicClock};
use unbrace::hrv::model::HeartModel;
use unbrace::hrv::source::SourceStatus;
use unbrace::hrv::strap;

/// The fake strap's intervals (ms), as in `tests/fake_bluez.py`.
const RR_MS: [u32; 14] = [912, 948, 981, 1003, 1010, 996, 968, 931, 897, 869, 852, 851, 866, 889];
const INNER: &str = "strap_over_the_fake_bus";
/// Marks the child process that runs on the fake bus.
const ON_FAKE_BUS: &str = "UNBRACE_ON_FAKE_BLUEZ";

#[test]
#[ignore = "needs dbus-daemon and python3-dbusmock; run by .ci/run"]
fn a_fake_strap_over_a_private_bluez_reaches_the_figures() {
    let python = std::env::var("UNBRACE_BLUEZ_PYTHON").unwrap_or_else(|_| {
        // The system's Python has the distribution's dbus and dbusmock packages.
        if std::path::Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" }
            .to_owned()
    });
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fake_bluez.py");
    let mut fake = Command::new(&python)
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{python} {} could not start: {e}", script.display()));
    let mut lines = BufReader::new(fake.stdout.take().expect("its output")).lines();
    let address = lines
        .next()
        .and_then(Result::ok)
        .and_then(|line| line.strip_prefix("DBUS_SYSTEM_BUS_ADDRESS=").map(str::to_owned))
        .expect("the fake says where its bus is (are dbus-daemon and python3-dbusmock installed?)");
    // What the fake sends, for the log.
    let echo = std::thread::Builder::new()
        .name("fake-bluez-output".to_owned())
        .spawn(move || {
            for line in lines.map_while(Result::ok) {
                eprintln!("fake bluez: {line}");
            }
        })
        .expect("a thread");

    let status = Command::new(std::env::current_exe().expect("this test binary"))
        .args(["--exact", INNER, "--ignored", "--nocapture", "--test-threads=1"])
        .env("DBUS_SYSTEM_BUS_ADDRESS", &address)
        .env(ON_FAKE_BUS, "1")
        .status()
        .expect("the inner test runs");

    // Closing its input ends the fake, its bus and its mock.
    drop(fake.stdin.take());
    let _ = fake.wait();
    let _ = echo.join();
    assert!(status.success(), "the strap test on the fake bus failed: {status}");
}

#[test]
#[ignore = "runs in a child of a_fake_strap_over_a_private_bluez_reaches_the_figures, on its bus"]
fn strap_over_the_fake_bus() {
    if std::env::var_os(ON_FAKE_BUS).is_none() {
        eprintln!(
            "{INNER} runs on the fake bus only: run a_fake_strap_over_a_private_bluez_reaches_the_figures"
        );
        return;
    }
    let clock = MonotonicClock::new();
    let stamp = clock.clone();
    let heart = HeartModel::with_strap(Box::new(move || {
        let stamp = stamp.clone();
        strap::start(Arc::new(move || stamp.now()), || {})
    }));
    let app = UnbraceApp::new(unbrace::library::load(None), Box::new(clock.clone()), common::settled())
        .with_sound(Box::new(common::SoundSpy::default()))
        .with_heart(heart);
    let mut harness = common::harness_of(app, [1100.0, 720.0]);
    harness.run_steps(2);

    // Settings: search, and the strap is found by its advertised Heart Rate Service.
    harness.get_by_label("Settings").click();
    harness.run_steps(3);
    let screen = harness.ctx.content_rect();
    for _ in 0..4 {
        common::scroll_down_at(&mut harness, egui::pos2(screen.center().x, screen.height() * 0.4));
    }
    harness.get_by_role_and_label(Role::Button, "Find a strap").click();
    wait_for(&mut harness, "the strap found", |h| {
        h.query_by_role_and_label(Role::Button, "Polar H10 FAKE").is_some()
    });
    harness.get_by_role_and_label(Role::Button, "Polar H10 FAKE").click();

    // Connected, with its battery, and its beats coming in.
    wait_for(&mut harness, "connected", |h| {
        h.query_by_label("Connected to Polar H10 FAKE (battery 87 %)").is_some()
    });
    assert_eq!(
        harness.state().settings().heart_strap.as_ref().map(|s| s.name.as_str()),
        Some("Polar H10 FAKE")
    );

    // The fake drops the link after 8 beats; the app says so and connects again by itself.
    let mut seen = Vec::new();
    wait_for(&mut harness, "lost, then connected again, with beats after", |h| {
        let status = h.state().heart().status().clone();
        if seen.last() != Some(&status) {
            eprintln!("status: {}", status.words());
            seen.push(status);
        }
        let lost = seen.iter().position(|s| matches!(s, SourceStatus::Lost { .. }));
        let back =
            lost.and_then(|at| seen[at..].iter().position(|s| matches!(s, SourceStatus::Connected { .. })));
        back.is_some() && h.state().heart().trace(clock.now()).len() >= 11
    });
    assert!(seen.iter().any(|s| s.words() == "Lost Polar H10 FAKE, trying again"), "{seen:?}");
    harness.get_by_label("Connected to Polar H10 FAKE (battery 87 %)");

    // The intervals sent are the ones in the figures: each point of the heart-rate curve is
    // one of the fake's intervals, as a strap sends it (in 1/1024 s).
    let sent: Vec<f64> = RR_MS
        .iter()
        .map(|&ms| {
            let units = (f64::from(ms) * 1.024).round();
            60_000.0 / (units * 1000.0 / 1024.0)
        })
        .collect();
    let trace = harness.state().heart().trace(clock.now());
    let measured: Vec<&unbrace_core::hrv::live::HeartRatePoint> =
        trace.iter().filter(|p| !p.corrected).collect();
    assert!(measured.len() >= 8, "{trace:?}");
    for point in &measured {
        assert!(
            sent.iter().any(|bpm| (bpm - point.bpm).abs() < 1e-6),
            "{} bpm was never sent: {sent:?}",
            point.bpm
        );
    }
    let figures = harness.state().heart().figures(clock.now());
    let mean = figures.mean_hr_bpm.expect("a mean heart rate");
    assert!((58.0..=71.0).contains(&mean), "{mean}");
    assert!(figures.rmssd.is_some_and(|r| r.rmssd_ms > 0.0), "{figures:?}");
}

/// Steps frames in real time until `done`, for at most 45 s.
fn wait_for(
    harness: &mut Harness<'static, UnbraceApp>,
    what: &str,
    mut done: impl FnMut(&Harness<'static, UnbraceApp>) -> bool,
) {
    for _ in 0..900 {
        harness.run_steps(1);
        if done(harness) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("not within 45 s: {what} (status: {})", harness.state().heart().status().words());
}
