//! The `unbrace` command: validate scripts with `--check`, print an RR file's heart-rate
//! variability with `--hrv`, or open the app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use unbrace::app::UnbraceApp;
use unbrace::background;
use unbrace::clock::{Clock, MonotonicClock};
use unbrace::disk::DiskWorker;
use unbrace::editor::opener::FolderOpener;
use unbrace::frame_stats::FrameStats;
use unbrace::history::model::HistoryModel;
use unbrace::history::worker::HistoryWorker;
use unbrace::hrv::model::HeartModel;
use unbrace::hrv::replay::ReplaySource;
use unbrace::hrv::{rr_file, strap};
use unbrace::library::watch::ScriptsWatcher;
use unbrace::library::{check, user_dir};
use unbrace::reminders::autostart::Autostart;
use unbrace::reminders::instance::{self, Claim};
use unbrace::reminders::link::ReminderLink;
use unbrace::reminders::runner::RemindersThread;
use unbrace::reminders::tray::TrayLink;
use unbrace::sound::output::NoOutput;
use unbrace::sound::pulse::{PulseOutput, Server};
use unbrace::speech::NoSpeech;
use unbrace::speech::dispatcher::DispatcherSpeech;
use unbrace::voice::microphone::{NoMicrophone, PulseMicrophone};
use unbrace::waker::Waker;
use unbrace_core::hrv::summary::{Correcting, Summary};
use unbrace_core::library::lookup;

/// A calm guide out of stress-driven muscle tension: slow-exhale breathing and body scans.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Check script files or folders (default: your scripts folder), print each problem as
    /// path:line:col: message, and exit 1 if there is any.
    #[arg(long, value_name = "PATH", num_args = 0..)]
    check: Option<Vec<PathBuf>>,

    /// Read your scripts from DIR instead of ~/.config/unbrace/scripts.
    #[arg(long, value_name = "DIR")]
    scripts: Option<PathBuf>,

    /// Keep the history in DIR instead of ~/.local/share/unbrace.
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Open already running this breathing pattern or body scan (its name or file name).
    #[arg(long, value_name = "NAME")]
    start: Option<String>,

    /// Run without a window: reminders, and the tray where the desktop has one. The window
    /// opens on a reminder's Start or the tray's Open (the autostart entry uses this).
    #[arg(long, conflicts_with = "start")]
    background: bool,
    /// Print the heart-rate variability of an RR file (one interval in ms a line, or an RR
    /// column of a CSV export), one figure a line, and exit; a bad file is reported as
    /// path:line:col: message with exit status 1.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["check", "start", "replay_rr"])]
    hrv: Option<PathBuf>,

    /// With --hrv: the figures of the intervals exactly as read, without artefact correction.
    #[arg(long, requires = "hrv")]
    no_correction: bool,

    /// Replay an RR file as if a heart-rate strap were sending it, beat by beat, over and over
    /// (for demos and tests).
    #[arg(long, value_name = "FILE")]
    replay_rr: Option<PathBuf>,
}

fn main() -> ExitCode {
    // Started first, so "time to first frame" counts the whole start-up.
    let clock = MonotonicClock::new();
    let cli = Cli::parse();
    let explicit_dir = cli.scripts.is_some();
    let scripts_dir = cli.scripts.or_else(user_dir::default_scripts_dir);

    if let Some(path) = &cli.hrv {
        return run_hrv(path, cli.no_correction);
    }
    if let Some(paths) = cli.check {
        return run_check(paths, scripts_dir.as_deref());
    }

    let mut setup_problem = None;
    if let Some(dir) = &scripts_dir
        && !explicit_dir
    {
        setup_problem = user_dir::ensure_exists(dir).err();
    }
    let mut library = unbrace::library::load(scripts_dir.as_deref());
    library.add_problems(setup_problem);

    let start = match cli.start.as_deref().map(|name| lookup::find(&library, name)) {
        None => None,
        Some(Ok(entry)) => Some(entry.id.clone()),
        Some(Err(closest)) => {
            let name = cli.start.unwrap_or_default();
            eprintln!("unbrace: no breathing pattern or body scan is named \"{name}\"");
            if !closest.is_empty() {
                let list: Vec<String> = closest.iter().map(|n| format!("\"{n}\"")).collect();
                eprintln!("  did you mean {}?", list.join(" or "));
            }
            return ExitCode::from(2);
        }
    };

    // One copy per session: a second launch shows the running copy's window and ends.
    let waker = Waker::new();
    let mut link = ReminderLink::new(waker.clone());
    let start_name = start.as_deref().and_then(|id| library.get(id)).map(|e| e.script.name().to_owned());
    let _instance = match instance::claim(link.outbox(), start_name.as_deref(), !cli.background) {
        Claim::First(instance) => Some(instance),
        Claim::Forwarded => {
            println!("Unbrace is already running: its window opens there.");
            return ExitCode::SUCCESS;
        }
        Claim::NoBus => None,
        Claim::Alone(why) => {
            eprintln!("unbrace: running on its own, so a second copy may show reminders too: {why}");
            None
        }
    };

    let mut passed_on = Vec::new();
    if let Some(dir) = scripts_dir.as_ref().filter(|_| explicit_dir) {
        passed_on.extend(["--scripts".to_owned(), absolute(dir)]);
    }
    if let Some(dir) = &cli.data_dir {
        passed_on.extend(["--data-dir".to_owned(), absolute(dir)]);
    }
    let data_dir = cli
        .data_dir
        .or_else(|| directories::ProjectDirs::from("", "", "unbrace").map(|d| d.data_dir().to_owned()));
    let settings = unbrace::saved_settings::read(APP_ID);
    let history = open_history(data_dir, &clock, &waker);
    let sound = PulseOutput::start(Server::Desktop, clock.clone(), settings.sound);
    let mut app = UnbraceApp::new(library, Box::new(clock.clone()), settings)
        .with_history(history)
        .with_heart(heart_model(cli.replay_rr.as_deref(), &clock, &waker))
        .with_frame_stats(FrameStats::from_env());
    let wake = waker.clone();
    match DiskWorker::spawn(move || wake.wake()) {
        Ok(disk) => app = app.with_disk(disk),
        Err(e) => eprintln!("unbrace: file work runs on the UI thread in this run: {e}"),
    }
    let wake = waker.clone();
    app = app.with_folder_opener(FolderOpener::new("xdg-open", move || wake.wake()));
    if let Some(dir) = scripts_dir.filter(|d| d.is_dir()) {
        let wake = waker.clone();
        let watcher = ScriptsWatcher::start(&dir, move || wake.wake());
        if let Err(e) = &watcher {
            eprintln!("unbrace: changes to {} will show after a restart: {e}", dir.display());
        }
        app = app.with_scripts_dir(dir).watching(watcher);
    }
    app = match sound {
        Ok(output) => app.with_sound(Box::new(output)),
        // Said in the app too: Settings shows why, and the first practice says so once.
        Err(e) => {
            eprintln!("unbrace: no sound cues in this run: {e}");
            app.with_sound(Box::new(NoOutput { reason: format!("the sound output could not start: {e}") }))
        }
    };
    let wake = waker.clone();
    app = match DispatcherSpeech::start(None, move || wake.wake()) {
        Ok(speech) => app.with_speech(Box::new(speech)),
        Err(e) => app.with_speech(Box::new(NoSpeech::new(format!("the speech thread could not start: {e}")))),
    };
    let wake = waker.clone();
    app = match PulseMicrophone::start(Server::Desktop, move || wake.wake()) {
        Ok(mic) => app.with_microphone(Box::new(mic)),
        Err(e) => {
            app.with_microphone(Box::new(NoMicrophone::new(format!("its thread could not start: {e}"))))
        }
    };
    match RemindersThread::start(clock, link.outbox()) {
        Ok(thread) => link.run_on(thread),
        Err(e) => eprintln!("unbrace: no reminders in this run (no thread for them: {e})"),
    }
    match TrayLink::start(link.outbox()) {
        Ok(tray) => link.set_tray(tray),
        Err(e) => eprintln!("unbrace: no tray icon in this run (no thread for it: {e})"),
    }
    app = app.with_reminders(link);
    if let (Some(dirs), Ok(exe)) = (directories::BaseDirs::new(), std::env::current_exe()) {
        app = app.with_autostart(Autostart::in_config_dir(dirs.config_dir(), exe, passed_on));
    }
    if let Some(id) = &start {
        app = app.starting(id);
    }
    let result = background::run(&mut app, &waker, !cli.background, cli.background, window_options);
    app.shut_down();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("unbrace: could not open a window: {e}");
            ExitCode::FAILURE
        }
    }
}

/// eframe's name for the app: its storage folder and the window's app id.
const APP_ID: &str = "unbrace";

/// The options of each window the app opens.
fn window_options() -> eframe::NativeOptions {
    eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Unbrace")
            .with_app_id(APP_ID)
            .with_icon(std::sync::Arc::new(unbrace::icon::icon(64)))
            .with_inner_size([1100.0, 720.0])
            .with_min_inner_size([640.0, 480.0]),
        ..Default::default()
    }
}

/// `dir` as an absolute path, for the autostart entry (which runs from another folder).
fn absolute(dir: &Path) -> String {
    std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned()).to_string_lossy().into_owned()
}

/// Where heartbeats come from: a replayed file when asked for, otherwise a Bluetooth strap,
/// whose thread starts only once one is wanted. Both stamp beats with the app's own clock.
fn heart_model(replay: Option<&Path>, clock: &MonotonicClock, waker: &Waker) -> HeartModel {
    if let Some(path) = replay {
        let waker = waker.clone();
        return HeartModel::with_source(Box::new(ReplaySource::open(path, move || waker.wake())));
    }
    let clock = clock.clone();
    let waker = waker.clone();
    HeartModel::with_strap(Box::new(move || {
        let clock = clock.clone();
        let waker = waker.clone();
        strap::start(std::sync::Arc::new(move || clock.now()), move || waker.wake())
    }))
}

/// `--hrv FILE`: the figures, one a line, or where the file goes wrong.
fn run_hrv(path: &Path, no_correction: bool) -> ExitCode {
    let correcting = if no_correction { Correcting::Off } else { Correcting::On };
    let summary = rr_file::read(path).map_err(|problem| problem.to_string()).and_then(|file| {
        Summary::of(&file.rr_ms, correcting).map_err(|e| format!("{}: {e}", path.display()))
    });
    match summary {
        Ok(summary) => {
            print!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Starts the history store on its own thread; without a data folder, history stays in
/// memory for this run and the panel says so.
fn open_history(data_dir: Option<PathBuf>, clock: &MonotonicClock, waker: &Waker) -> HistoryModel {
    let Some(dir) = data_dir else {
        return HistoryModel::new(None, None);
    };
    let stamp = clock.stamp();
    let waker = waker.clone();
    let worker = HistoryWorker::spawn(dir.join("history.sqlite3"), stamp, move || waker.wake());
    match worker {
        Ok(worker) => HistoryModel::new(Some(worker), Some(dir.join("exports"))),
        Err(e) => {
            eprintln!("unbrace: the history cannot be kept: {e}");
            HistoryModel::new(None, Some(dir.join("exports")))
        }
    }
}

fn run_check(paths: Vec<PathBuf>, scripts_dir: Option<&Path>) -> ExitCode {
    let paths = if paths.is_empty() {
        match scripts_dir {
            Some(dir) if dir.exists() => vec![dir.to_owned()],
            Some(dir) => {
                let line = format!("no scripts folder at {} yet: nothing to check", dir.display());
                return print_lines([line], ExitCode::SUCCESS);
            }
            None => {
                eprintln!("unbrace: no scripts folder on this system: name files or folders to check");
                return ExitCode::FAILURE;
            }
        }
    } else {
        paths
    };
    let report = check::check_paths(&paths, scripts_dir.filter(|d| d.is_dir()));
    let code = if report.is_clean() { ExitCode::SUCCESS } else { ExitCode::FAILURE };
    let lines = report.problems.iter().map(ToString::to_string).chain([report.to_string()]);
    print_lines(lines, code)
}

/// Prints `lines` to standard output and exits with `code`. A reader that stopped listening
/// (`unbrace --check | head -1`) ends the output quietly; any other failure to write (a full
/// disk) is said, and the exit code is 1.
fn print_lines(lines: impl IntoIterator<Item = String>, code: ExitCode) -> ExitCode {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let written = lines.into_iter().try_for_each(|line| writeln!(out, "{line}")).and_then(|()| out.flush());
    match written {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            eprintln!("unbrace: could not write the output: {e}");
            ExitCode::FAILURE
        }
    }
}
