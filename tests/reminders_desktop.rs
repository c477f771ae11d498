//! End to end on a desktop of the test's own: a private D-Bus session, python-dbusmock's
//! notification daemon on it, and an X server (Xvfb) whose idle time the app reads, kept busy
//! with `xdotool` (synthetic input counts as activity). The real `unbrace --background` runs a
//! reminder due after one minute at the keyboard: its notification arrives with Start, Later
//! and Skip; the test presses Start through the mock; the app opens its window straight into
//! the routine, and History links the practice to the reminder.
//!
//! Ignored by default: it needs `dbus-daemon`, `Xvfb`, `xdotool` and python3-dbusmock (Debian:
//! `dbus python3-dbusmock xvfb xdotool`), which `.ci/run` installs before running it with
//! `--ignored`. It takes a little over a minute of real time.

use std::fs::File;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

use zbus::blocking::Connection;
use zbus::zvariant::{OwnedValue, Value};

/// A process the test started, ended when dropped.
struct Process {
    child: Child,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _already_gone = self.child.kill();
        let _reaped = self.child.wait();
    }
}

fn spawn(command: &mut Command, what: &str) -> (Process, Option<ChildStdout>) {
    let mut child =
        command.spawn().unwrap_or_else(|e| panic!("{what} starts ({e}); see .ci/run for the packages"));
    let stdout = child.stdout.take();
    (Process { child }, stdout)
}

/// The first line a process prints (an address, a display number).
fn first_line(stdout: Option<ChildStdout>, what: &str) -> String {
    let mut line = String::new();
    BufReader::new(stdout.expect("piped")).read_line(&mut line).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(!line.trim().is_empty(), "{what} printed nothing");
    line.trim().to_owned()
}

/// A private session bus: `dbus-daemon --session`, and its address.
fn session_bus() -> (Process, String) {
    let (bus, stdout) = spawn(
        Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped()),
        "dbus-daemon",
    );
    (bus, first_line(stdout, "dbus-daemon"))
}

/// An X server with `-noreset` (its idle counter would restart whenever its last client left),
/// on a display it picks itself.
fn x_server() -> (Process, String) {
    let (x, stdout) = spawn(
        Command::new("Xvfb")
            .args(["-displayfd", "1", "-noreset", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null()),
        "Xvfb",
    );
    (x, format!(":{}", first_line(stdout, "Xvfb")))
}

fn connect(address: &str) -> Connection {
    zbus::blocking::connection::Builder::address(address)
        .and_then(zbus::blocking::connection::Builder::build)
        .expect("the private bus answers")
}

/// python-dbusmock's notification daemon, with buttons.
fn notification_daemon(address: &str, bus: &Connection) -> Process {
    let (mock, _) = spawn(
        Command::new("/usr/bin/python3")
            .args([
                "-m",
                "dbusmock",
                "--template",
                "notification_daemon",
                "-p",
                r#"{"capabilities": "body actions"}"#,
            ])
            .env("DBUS_SESSION_BUS_ADDRESS", address)
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        "python3 -m dbusmock",
    );
    let dbus = zbus::blocking::fdo::DBusProxy::new(bus).expect("the bus itself");
    for _ in 0..200 {
        let name = zbus::names::BusName::try_from("org.freedesktop.Notifications").expect("a name");
        if dbus.name_has_owner(name).unwrap_or(false) {
            return mock;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the mock notification daemon never took its name");
}

const MOCK: &str = "org.freedesktop.DBus.Mock";
const PATH: &str = "/org/freedesktop/Notifications";
const SERVICE: &str = "org.freedesktop.Notifications";

/// The `Notify` calls the mock received: each call's arguments.
fn notify_calls(bus: &Connection) -> Vec<Vec<OwnedValue>> {
    let reply = bus
        .call_method(Some(SERVICE), PATH, Some(MOCK), "GetMethodCalls", &("Notify",))
        .expect("the mock answers");
    let calls: Vec<(u64, Vec<OwnedValue>)> = reply.body().deserialize().expect("a(tav)");
    calls.into_iter().map(|(_, args)| args).collect()
}

fn text(value: &OwnedValue) -> String {
    String::try_from(value.try_clone().expect("clones")).unwrap_or_default()
}

/// Moves the pointer a pixel, as a person at the desk would.
fn nudge(display: &str, step: i32) {
    let status = Command::new("xdotool")
        .args(["mousemove_relative", "--", &step.to_string(), "0"])
        .env("DISPLAY", display)
        .status()
        .expect("xdotool runs");
    assert!(status.success());
}

fn log(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
#[ignore = "needs dbus-daemon, Xvfb, xdotool and python3-dbusmock; run by .ci/run"]
fn a_reminder_due_after_a_minute_at_the_keyboard_starts_the_routine_from_its_notification() {
    let home = tempfile::tempdir().expect("temp dir");
    let scripts = home.path().join("scripts");
    let data = home.path().join("data");
    let xdg_data = home.path().join("xdg-data");
    std::fs::create_dir_all(scripts.join("reminders")).expect("folders");
    std::fs::create_dir_all(xdg_data.join("unbrace")).expect("folders");
    // Due after a minute of use; a minute without input would count as a break.
    std::fs::write(
        scripts.join("reminders/test-break.ron"),
        r#"Reminder(name: "Test break", routine: "Desk reset", every: Minutes(1), idle_after: Minutes(1))"#,
    )
    .expect("a reminder");
    // Past the first start: the safety note was read.
    std::fs::write(
        xdg_data.join("unbrace/app.ron"),
        "{\n    \"unbrace_settings\": \"(safety_note_seen:true,check_ins:false)\",\n}\n",
    )
    .expect("settings");

    let (_bus_process, address) = session_bus();
    let bus = connect(&address);
    let _daemon = notification_daemon(&address, &bus);
    let (_x, display) = x_server();
    nudge(&display, 1);

    let app_log: PathBuf = home.path().join("unbrace.log");
    let (_app, _) = spawn(
        Command::new(env!("CARGO_BIN_EXE_unbrace"))
            .arg("--background")
            .arg("--scripts")
            .arg(&scripts)
            .arg("--data-dir")
            .arg(&data)
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("DISPLAY", &display)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", &xdg_data)
            .env("XDG_CONFIG_HOME", home.path().join("xdg-config"))
            .env("XDG_RUNTIME_DIR", home.path())
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("XDG_SESSION_TYPE")
            .stdout(Stdio::null())
            .stderr(File::create(&app_log).expect("a log")),
        "unbrace",
    );

    // At the keyboard: a nudge every few seconds, until the notification comes (a minute).
    let mut calls = Vec::new();
    for i in 0..60 {
        std::thread::sleep(Duration::from_secs(3));
        nudge(&display, if i % 2 == 0 { -1 } else { 1 });
        calls = notify_calls(&bus);
        if !calls.is_empty() {
            break;
        }
    }
    assert_eq!(calls.len(), 1, "one notification within three minutes; the app said:\n{}", log(&app_log));
    let args = &calls[0];
    assert_eq!(text(&args[0]), "Unbrace");
    assert_eq!(text(&args[3]), "Test break", "titled with the reminder's name");
    assert!(text(&args[4]).contains("Time for Desk reset?"), "names the routine: {}", text(&args[4]));
    let actions: Vec<String> = Vec::<String>::try_from(args[5].try_clone().expect("clones")).expect("as");
    assert_eq!(actions, ["start", "Start", "later", "Later", "skip", "Skip"]);
    let app_said = log(&app_log);
    assert!(!app_said.contains("no idle time"), "idle time comes from the X server:\n{app_said}");

    // Start, pressed in the notification (the mock's first notification has id 1).
    std::thread::sleep(Duration::from_millis(500));
    let start: Vec<Value<'_>> = vec![Value::from(1_u32), Value::from("start")];
    bus.call_method(Some(SERVICE), PATH, Some(MOCK), "EmitSignal", &(SERVICE, "ActionInvoked", "us", start))
        .expect("the mock emits ActionInvoked");

    // The window opens straight into Desk reset, and History links it to the reminder.
    let db = data.join("history.sqlite3");
    let mut linked = None;
    for _ in 0..100 {
        std::thread::sleep(Duration::from_millis(300));
        let Ok(conn) = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        else {
            continue;
        };
        let row = conn.query_row(
            "SELECT r.reminder, r.outcome, p.routine, p.status FROM reminder r JOIN practice p ON p.id = r.practice_id",
            [],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?, row.get::<_, String>(3)?)),
        );
        if let Ok(row) = row {
            linked = Some(row);
            break;
        }
    }
    let linked = linked
        .unwrap_or_else(|| panic!("no practice began from the reminder; the app said:\n{}", log(&app_log)));
    assert_eq!(
        linked,
        ("Test break".to_owned(), "followed".to_owned(), "Desk reset".to_owned(), "running".to_owned())
    );
    let window = Command::new("xdotool")
        .args(["search", "--name", "^Unbrace$"])
        .env("DISPLAY", &display)
        .output()
        .expect("xdotool runs");
    assert!(window.status.success(), "the window is open; the app said:\n{}", log(&app_log));

    // Started again (the menu's launcher): the running copy takes it, and this one ends.
    let again = Command::new(env!("CARGO_BIN_EXE_unbrace"))
        .arg("--scripts")
        .arg(&scripts)
        .arg("--data-dir")
        .arg(&data)
        .env("DBUS_SESSION_BUS_ADDRESS", &address)
        .env("DISPLAY", &display)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", &xdg_data)
        .env("XDG_RUNTIME_DIR", home.path())
        .output()
        .expect("a second launch runs");
    assert!(again.status.success(), "{again:?}");
    assert!(String::from_utf8_lossy(&again.stdout).contains("already running"), "{again:?}");
}
