//! The `unbrace` command: validate scripts with `--check`, or open the app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use unbrace::app::UnbraceApp;
use unbrace::clock::{Clock, MonotonicClock};
use unbrace::disk::DiskWorker;
use unbrace::frame_stats::FrameStats;
use unbrace::history::model::HistoryModel;
use unbrace::history::worker::HistoryWorker;
use unbrace::library::watch::ScriptsWatcher;
use unbrace::library::{check, user_dir};
use unbrace::sound::output::NoOutput;
use unbrace::sound::pulse::{PulseOutput, Server};
use unbrace::speech::NoSpeech;
use unbrace::speech::dispatcher::DispatcherSpeech;
use unbrace::voice::microphone::{NoMicrophone, PulseMicrophone};
use unbrace_core::library::lookup;
use unbrace_core::settings::Settings;

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
}

fn main() -> ExitCode {
    // Started first, so "time to first frame" counts the whole start-up.
    let clock = MonotonicClock::new();
    let cli = Cli::parse();
    let explicit_dir = cli.scripts.is_some();
    let scripts_dir = cli.scripts.or_else(user_dir::default_scripts_dir);

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

    let data_dir = cli
        .data_dir
        .or_else(|| directories::ProjectDirs::from("", "", "unbrace").map(|d| d.data_dir().to_owned()));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Unbrace")
            .with_app_id("unbrace")
            .with_icon(std::sync::Arc::new(unbrace::icon::icon(64)))
            .with_inner_size([1100.0, 720.0])
            .with_min_inner_size([640.0, 480.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Unbrace",
        options,
        Box::new(move |cc| {
            UnbraceApp::install_theme(&cc.egui_ctx);
            let settings: Settings =
                cc.storage.and_then(|s| eframe::get_value(s, unbrace::app::SETTINGS_KEY)).unwrap_or_default();
            let history = open_history(data_dir, &clock, cc.egui_ctx.clone());
            let sound = PulseOutput::start(Server::Desktop, clock.clone(), settings.sound);
            let mut app = UnbraceApp::new(library, Box::new(clock), settings)
                .with_history(history)
                .with_frame_stats(FrameStats::from_env());
            let ctx = cc.egui_ctx.clone();
            match DiskWorker::spawn(move || ctx.request_repaint()) {
                Ok(disk) => app = app.with_disk(disk),
                Err(e) => eprintln!("unbrace: file work runs on the UI thread in this run: {e}"),
            }
            if let Some(dir) = scripts_dir.filter(|d| d.is_dir()) {
                let ctx = cc.egui_ctx.clone();
                let watcher = ScriptsWatcher::start(&dir, move || ctx.request_repaint());
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
                    app.with_sound(Box::new(NoOutput {
                        reason: format!("the sound output could not start: {e}"),
                    }))
                }
            };
            let ctx = cc.egui_ctx.clone();
            app = match DispatcherSpeech::start(None, move || ctx.request_repaint()) {
                Ok(speech) => app.with_speech(Box::new(speech)),
                Err(e) => app
                    .with_speech(Box::new(NoSpeech::new(format!("the speech thread could not start: {e}")))),
            };
            let ctx = cc.egui_ctx.clone();
            app = match PulseMicrophone::start(Server::Desktop, move || ctx.request_repaint()) {
                Ok(mic) => app.with_microphone(Box::new(mic)),
                Err(e) => app
                    .with_microphone(Box::new(NoMicrophone::new(format!("its thread could not start: {e}")))),
            };
            if let Some(id) = &start {
                app = app.starting(id);
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("unbrace: could not open a window: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Starts the history store on its own thread; without a data folder, history stays in
/// memory for this run and the panel says so.
fn open_history(data_dir: Option<PathBuf>, clock: &MonotonicClock, ctx: egui::Context) -> HistoryModel {
    let Some(dir) = data_dir else {
        return HistoryModel::new(None, None);
    };
    let stamp = clock.stamp();
    let worker = HistoryWorker::spawn(dir.join("history.sqlite3"), stamp, move || {
        ctx.request_repaint();
    });
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
