//! The command line as a shell script uses it: output to a pipe that closes early, or to a
//! full disk, never panics; a hostile folder never hangs `--check`.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn unbrace() -> Command {
    Command::new(env!("CARGO_BIN_EXE_unbrace"))
}

/// A folder with `n` broken pattern files, so `--check` has many lines to print.
fn broken_scripts(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir.join("breathing")).expect("mkdir");
    for i in 0..n {
        std::fs::write(dir.join(format!("breathing/b{i:04}.ron")), "Pattern(name: 42)").expect("write");
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    broken_scripts(dir.path(), 2000);
    let mut child = unbrace()
        .arg("--check")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    // As `| head -1` does: read a little, then stop listening.
    let mut first = [0_u8; 64];
    let mut out = child.stdout.take().expect("piped");
    let _ = out.read(&mut first).expect("reads");
    drop(out);
    let status = child.wait().expect("ends");
    let mut stderr = String::new();
    child.stderr.take().expect("piped").read_to_string(&mut stderr).expect("reads");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status.code(), Some(1), "the problems still decide the exit code");
}

#[test]
fn a_full_disk_for_the_output_is_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    broken_scripts(dir.path(), 3);
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let output = unbrace().arg("--check").arg(dir.path()).stdout(full).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("could not write the output") && !stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_pipe_named_like_a_script_never_hangs_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
    let pipe = dir.path().join("breathing/pipe.ron");
    assert!(Command::new("mkfifo").arg(&pipe).status().expect("mkfifo").success());
    for target in [dir.path(), pipe.as_path()] {
        let mut child = unbrace().arg("--check").arg(target).stdout(Stdio::piped()).spawn().expect("runs");
        let mut waited = Duration::ZERO;
        let status = loop {
            if let Some(status) = child.try_wait().expect("waits") {
                break status;
            }
            assert!(waited < Duration::from_secs(10), "--check {} hangs", target.display());
            std::thread::sleep(Duration::from_millis(20));
            waited += Duration::from_millis(20);
        };
        let mut out = String::new();
        child.stdout.take().expect("piped").read_to_string(&mut out).expect("reads");
        assert_eq!(status.code(), Some(1), "{out}");
        assert!(out.contains("pipe.ron: this is a named pipe"), "{out}");
    }
}
