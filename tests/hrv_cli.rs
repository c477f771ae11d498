//! `unbrace --hrv FILE [--no-correction]` as a person runs it: the figures one a line and
//! exit 0, or where the file goes wrong (`path:line:col: message`) and exit 1.

use std::fmt::Write as _;
use std::process::Command;

fn unbrace(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_unbrace")).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The golden series of the core's tests, one interval a line, with a missed beat at 60.
fn export() -> String {
    let mut rr: Vec<f64> = (0..120_u32)
        .map(|i| {
            let i = f64::from(i);
            let tau = std::f64::consts::TAU;
            (1000.0 + 50.0 * (tau * i / 10.0).sin() + 20.0 * (tau * i / 3.7).sin()).round()
        })
        .collect();
    rr[60] += rr[61];
    rr.remove(61);
    rr.iter().fold(String::new(), |mut text, v| {
        let _ = writeln!(text, "{v}");
        text
    })
}

#[test]
fn prints_the_figures_one_a_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("rr.txt");
    std::fs::write(&file, export()).expect("writes");
    let (code, out, err) = unbrace(&["--hrv".as_ref(), file.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    for (line, start) in
        lines.iter().zip(["RMSSD ", "SDNN ", "pNN50 ", "mean HR ", "beats 119", "beats corrected 1"])
    {
        assert!(line.starts_with(start), "{out}");
    }
    let (code, out, _) = unbrace(&["--hrv".as_ref(), file.as_os_str(), "--no-correction".as_ref()]);
    assert_eq!(code, 0);
    assert!(out.ends_with("beats 119\nbeats corrected off\n"), "{out}");
}

#[test]
fn a_bad_file_is_said_at_its_line_and_column_with_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bad.txt");
    std::fs::write(&file, "812\n830\nabc\n").expect("writes");
    let (code, out, err) = unbrace(&["--hrv".as_ref(), file.as_os_str()]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(err.starts_with(&format!("{}:3:1: ", file.display())), "{err}");
    // A folder is refused before anything is read.
    let (code, _, err) = unbrace(&["--hrv".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code, 1);
    assert!(err.contains("folder"), "{err}");
}
