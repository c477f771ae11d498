//! Opening the scripts folder in the file manager, never on the UI thread. Each request runs
//! the opener (`xdg-open`) on a thread of its own, which checks the folder is there, starts
//! the opener and waits a moment for it to fail; the answer comes back on a later frame and
//! the app turns it into a command. An opener still running after that moment has started a
//! file manager in the foreground: it is taken as opened, and reaped when it exits.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

/// How often, and how many times, the opener is looked at before it is taken as opened: about
/// 3 s in all (counted in naps, so no clock is read here).
const NAP: Duration = Duration::from_millis(50);
const NAPS: u32 = 60;

/// What opening the folder came to: `Err` says why it did not open, in plain words.
pub type Opened = Result<(), String>;

/// Starts the opener for a folder and hands back what came of it.
pub struct FolderOpener {
    program: OsString,
    wake: Arc<dyn Fn() + Send + Sync>,
    tx: Sender<Opened>,
    rx: Receiver<Opened>,
    /// Requests whose answer has not been taken yet.
    in_flight: usize,
}

impl std::fmt::Debug for FolderOpener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FolderOpener")
            .field("program", &self.program)
            .field("in_flight", &self.in_flight)
            .finish_non_exhaustive()
    }
}

impl Default for FolderOpener {
    /// `xdg-open`, the freedesktop way to open a folder in the user's file manager.
    fn default() -> Self {
        Self::new("xdg-open", || {})
    }
}

impl FolderOpener {
    /// Opens folders with `program` (given the folder as its one argument); `wake` is called
    /// when an answer is ready (to ask for a frame).
    #[must_use]
    pub fn new(program: impl Into<OsString>, wake: impl Fn() + Send + Sync + 'static) -> Self {
        let (tx, rx) = mpsc::channel();
        Self { program: program.into(), wake: Arc::new(wake), tx, rx, in_flight: 0 }
    }

    /// Opens `folder`, on a thread of its own.
    pub fn open(&mut self, folder: PathBuf) {
        let (program, tx, wake) = (self.program.clone(), self.tx.clone(), Arc::clone(&self.wake));
        let spawned = std::thread::Builder::new().name("open-folder".to_owned()).spawn(move || {
            let mut child = None;
            let result = run(&program, &folder, &mut child);
            let _ = tx.send(result);
            wake();
            // A file manager started in the foreground: reaped when it exits.
            if let Some(mut child) = child {
                let _ = child.wait();
            }
        });
        match spawned {
            Ok(_) => self.in_flight += 1,
            Err(e) => {
                let _ = self.tx.send(Err(format!("Unbrace could not start a thread for it ({e})")));
                self.in_flight += 1;
            }
        }
    }

    /// The answers that came back since the last call.
    pub fn poll(&mut self) -> Vec<Opened> {
        let answers: Vec<Opened> = self.rx.try_iter().collect();
        self.in_flight = self.in_flight.saturating_sub(answers.len());
        answers
    }

    /// No answer is awaited.
    #[must_use]
    pub fn is_idle(&self) -> bool {
        self.in_flight == 0
    }
}

/// Checks `folder`, starts `program` on it and waits a moment ([`NAPS`] × [`NAP`]) for it to
/// fail. A child still running is left in `running`.
fn run(program: &OsString, folder: &Path, running: &mut Option<Child>) -> Opened {
    match std::fs::metadata(folder) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err("it is not a folder".to_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err("the folder is missing (it may have been moved or deleted)".to_owned());
        }
        Err(e) => return Err(format!("the folder cannot be read ({e})")),
    }
    let name = program.to_string_lossy();
    let mut child = match std::process::Command::new(program).arg(folder).spawn() {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!("{name} is not installed (it comes with the xdg-utils package)"));
        }
        Err(e) => return Err(format!("{name} could not be started ({e})")),
    };
    for _ in 0..NAPS {
        match child.try_wait() {
            Ok(Some(status)) => return said(&name, status),
            Ok(None) => std::thread::sleep(NAP),
            Err(e) => return Err(format!("{name} could not be followed ({e})")),
        }
    }
    *running = Some(child);
    Ok(())
}

/// What the opener's exit means, in plain words (`xdg-open`'s exit codes).
fn said(name: &str, status: ExitStatus) -> Opened {
    match status.code() {
        Some(0) => Ok(()),
        Some(2) => Err("the folder is missing".to_owned()),
        Some(3) => Err("no file manager is set up to open folders on this system".to_owned()),
        Some(4) => Err("the file manager could not open it".to_owned()),
        Some(code) => Err(format!("{name} stopped with code {code}")),
        None => Err(format!("{name} was stopped before it could open it")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(opener: &mut FolderOpener) -> Opened {
        for _ in 0..2000 {
            if let Some(answer) = opener.poll().pop() {
                return answer;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("no answer within 10 s");
    }

    #[cfg(unix)]
    #[test]
    fn a_missing_opener_or_folder_and_a_failing_opener_are_said() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut opener = FolderOpener::new("unbrace-no-such-opener", || {});
        opener.open(dir.path().to_owned());
        let e = answer(&mut opener).expect_err("no opener");
        assert!(e.contains("unbrace-no-such-opener is not installed"), "{e}");
        assert!(opener.is_idle());

        let mut opener = FolderOpener::new("true", || {});
        opener.open(dir.path().join("gone"));
        assert!(answer(&mut opener).expect_err("no folder").contains("missing"));
        opener.open(dir.path().to_owned());
        assert_eq!(answer(&mut opener), Ok(()));

        let mut opener = FolderOpener::new("false", || {});
        opener.open(dir.path().to_owned());
        assert_eq!(answer(&mut opener), Err("false stopped with code 1".to_owned()));
    }

    #[cfg(unix)]
    #[test]
    fn xdg_open_exit_codes_are_put_in_words() {
        use std::os::unix::process::ExitStatusExt;
        let status = |code: i32| ExitStatus::from_raw(code << 8);
        assert_eq!(said("xdg-open", status(0)), Ok(()));
        assert!(said("xdg-open", status(3)).expect_err("3").contains("no file manager"));
        assert!(said("xdg-open", status(4)).expect_err("4").contains("could not open"));
        assert!(said("xdg-open", ExitStatus::from_raw(9)).expect_err("signal").contains("stopped before"));
    }
}
