//! The eframe application, split by role as rerun's is:
//!
//! - [`logic`]: what must happen every frame, even while the window is hidden (reading the
//!   clock once, the history and file watcher's news, shortcuts, time passing, sound, and
//!   when the next frame is due);
//! - [`ui`]: laying out the views, which read state and return commands;
//! - [`apply`]: carrying out every command, user intents and the app's own events alike, in
//!   one place;
//! - [`sound_sync`]: telling the sound output what changed.
//!
//! The practice lifecycle itself is the core's pure [`PracticeFlow`].

mod apply;
mod logic;
mod presence;
mod reminder_sync;
mod sound_sync;
mod takes;
mod ui;
mod voice_clips;
mod voice_sync;

use std::path::PathBuf;
use std::time::Duration;

use unbrace_core::breathing::pattern::Length;
use unbrace_core::breathing::repaint::Geometry;
use unbrace_core::library::{Library, Problem, builtin};
use unbrace_core::practice::flow::{Now, PracticeFlow};
use unbrace_core::script::ScriptKind;
use unbrace_core::settings::Settings;

use crate::clock::Clock;
use crate::command::Command;
use crate::disk::DiskWorker;
use crate::editor::opener::FolderOpener;
use crate::editor::state::{EditorCommand, EditorState};
use crate::frame_stats::FrameStats;
use crate::history::model::HistoryModel;
use crate::history::view::HistoryPanel;
use crate::hrv::assessment::AssessmentRun;
use crate::hrv::breath_axis::BreathAxis;
use crate::hrv::model::HeartModel;
use crate::hrv::source::SourceRequest;
use crate::library::watch::ScriptsWatcher;
use crate::navigation::{Overlays, Page};
use crate::reminders::autostart::Autostart;
use crate::reminders::link::ReminderLink;
use crate::sound::output::CueOutput;
use crate::theme;
use presence::Presence;
use sound_sync::Sound;
use voice_sync::Voice;

/// Where eframe's storage keeps the settings.
pub const SETTINGS_KEY: &str = "unbrace_settings";

/// What the user is choosing: which list the picker shows and how long the next breathing
/// practice lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Choice {
    kind: ScriptKind,
    length: Length,
}

/// The user's scripts folder (where the editor writes), its watcher, and why changes made
/// outside the app may not show (said with the files' problems).
#[derive(Debug, Default)]
struct Scripts {
    dir: Option<PathBuf>,
    watcher: Option<ScriptsWatcher>,
    not_watched: Option<Problem>,
}

/// The whole app: the library, the choice, the practice flow, the pages and their models,
/// driven by an injected clock.
pub struct UnbraceApp {
    clock: Box<dyn Clock>,
    /// The clock read once for this frame.
    now: Now,
    library: Library,
    settings: Settings,
    /// The settings as last written, so they are written whenever they differ.
    saved_settings: Option<Settings>,
    choice: Choice,
    flow: PracticeFlow,
    page: Page,
    overlays: Overlays,
    /// A start asked for before the safety note was read (e.g. `--start`).
    deferred_start: bool,
    repaint: Repaint,
    /// Whether the window was last told to be full screen.
    fullscreen: bool,
    history: HistoryModel,
    history_panel: HistoryPanel,
    scripts: Scripts,
    /// The thread that reads and writes the scripts folder and loads the library.
    disk: DiskWorker,
    editor: EditorState,
    /// Opens the scripts folder in the file manager, off the UI thread.
    opener: FolderOpener,
    frame_stats: FrameStats,
    /// Commands waiting to be applied (from shortcuts, views and the app's own events).
    commands: Vec<Command>,
    sound: Sound,
    /// Spoken prompts.
    voice: Voice,
    /// Recording your own voice in the editor.
    takes: takes::Takes,
    /// Reminders: the thread that runs them, the tray, and what they said.
    reminders: ReminderLink,
    /// The app beyond its window.
    presence: Presence,
    heart: Heart,
}

/// The heart: its model (source, live analysis), where the breathing shape was (to draw the
/// heart against it), and "Find your breathing rate" while it is open.
#[derive(Debug, Default)]
struct Heart {
    model: HeartModel,
    axis: BreathAxis,
    assessment: Option<AssessmentRun>,
    /// A pattern saved by the assessment, to select once the library has it.
    select_when_loaded: Option<String>,
    /// The last frame's practice area had no room for the heart strip: its figures go in
    /// the top bar.
    figures_on_top: bool,
}

/// What the last frame's layout said about the next one.
#[derive(Debug, Clone, Copy, Default)]
struct Repaint {
    /// Sizes measured by the last frame, for the breathing repaint schedule.
    geometry: Option<Geometry>,
    /// When (clock time, not a wait) the body-scan view's next visible change is due.
    scan_due: Option<Duration>,
    /// How long until the editor's next check (validation, a draft).
    editor: Option<Duration>,
}

impl std::fmt::Debug for UnbraceApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnbraceApp")
            .field("settings", &self.settings)
            .field("page", &self.page)
            .field("stage", self.flow.stage())
            .finish_non_exhaustive()
    }
}

impl UnbraceApp {
    /// An app showing `library`, timed by `clock`, with persisted `settings`.
    #[must_use]
    pub fn new(library: Library, clock: Box<dyn Clock>, settings: Settings) -> Self {
        let now = Now { clock: clock.now(), wall_ms: clock.wall_ms(), cue_lead: Duration::ZERO };
        let mut app = Self {
            clock,
            now,
            library,
            flow: PracticeFlow::new(settings.check_ins),
            saved_settings: Some(settings.clone()),
            settings,
            choice: Choice { kind: ScriptKind::Breathing, length: Length::Minutes(5) },
            page: Page::Practice,
            overlays: Overlays::default(),
            deferred_start: false,
            repaint: Repaint::default(),
            fullscreen: false,
            history: HistoryModel::default(),
            history_panel: HistoryPanel::default(),
            scripts: Scripts::default(),
            disk: DiskWorker::spawn(|| {}).unwrap_or_else(|e| {
                // Unreachable in practice; the worker then runs each job where it is given.
                eprintln!("unbrace: no thread for file work ({e}); it runs on the UI thread");
                DiskWorker::dead()
            }),
            editor: EditorState::default(),
            opener: FolderOpener::default(),
            frame_stats: FrameStats::default(),
            commands: Vec::new(),
            sound: Sound::default(),
            reminders: ReminderLink::default(),
            presence: Presence::default(),
            heart: Heart::default(),
            voice: Voice::default(),
            takes: takes::Takes::default(),
        };
        app.fix_selection();
        if let Some(id) = app.settings.last_pattern.clone()
            && let Some(p) = app.library.pattern(&id)
        {
            app.choice.length = app.settings.lengths.get(&id).copied().unwrap_or(p.length);
        }
        app
    }

    /// Plays the practices' cues through `output` (the app is silent without one).
    #[must_use]
    pub fn with_sound(mut self, output: Box<dyn CueOutput>) -> Self {
        self.sound = Sound::new(output);
        self
    }

    /// Takes heartbeats from `model`'s source; a strap remembered in the settings is connected
    /// to at once.
    #[must_use]
    pub fn with_heart(mut self, model: HeartModel) -> Self {
        self.heart.model = model;
        if let Some(strap) = self.settings.heart_strap.clone() {
            self.heart.model.request(SourceRequest::Use(Some(strap)));
        }
        self
    }

    /// The heart as the app sees it (for tests).
    #[must_use]
    pub fn heart(&self) -> &HeartModel {
        &self.heart.model
    }

    /// Speaks the body scans' prompts through `speech` (the app is silent without it).
    #[must_use]
    pub fn with_speech(mut self, mut speech: Box<dyn crate::speech::Speech>) -> Self {
        // Find out at once whether there is a speech service, before the first scan.
        speech.probe();
        self.voice = Voice::new(speech);
        self
    }

    /// Keeps every practice in `history`.
    #[must_use]
    pub fn with_history(mut self, history: HistoryModel) -> Self {
        self.history = history;
        self
    }

    /// Lets the editor write to `dir` (the user's scripts folder).
    #[must_use]
    pub fn with_scripts_dir(mut self, dir: PathBuf) -> Self {
        self.scripts.dir = Some(dir);
        self
    }

    /// Reloads the library when `watcher` sees files change in the scripts folder; a watcher
    /// that could not start is said with the files' problems.
    #[must_use]
    pub fn watching(mut self, watcher: Result<ScriptsWatcher, String>) -> Self {
        match watcher {
            Ok(watcher) => self.scripts.watcher = Some(watcher),
            Err(e) => {
                let problem =
                    not_watched(self.scripts.dir.as_deref().unwrap_or(std::path::Path::new("")), &e);
                self.library.add_problems([problem.clone()]);
                self.scripts.not_watched = Some(problem);
            }
        }
        self
    }

    /// Opens straight into the routine with this library id (for `--start`).
    #[must_use]
    pub fn starting(mut self, id: &str) -> Self {
        if let Some(entry) = self.library.get(id) {
            let kind = entry.script.kind();
            self.commands.push(Command::ShowKind(kind));
            self.commands.push(Command::Select(id.to_owned()));
            self.commands.push(Command::StartNow);
        }
        self
    }

    /// Runs reminders through `link` (its thread, tray and inbox).
    #[must_use]
    pub fn with_reminders(mut self, link: ReminderLink) -> Self {
        self.reminders = link;
        self
    }

    /// Lets Settings turn "Start with my computer" on and off with this entry.
    #[must_use]
    pub fn with_autostart(mut self, autostart: Autostart) -> Self {
        self.presence.autostart = Some(autostart);
        self
    }

    /// Whether a window is open (the host loop in [`crate::background`] says so).
    pub fn set_windowed(&mut self, windowed: bool) {
        self.presence.windowed = windowed;
    }

    /// Whether the window should open now (and forgets the request).
    pub fn take_open_request(&mut self) -> bool {
        std::mem::take(&mut self.presence.open_requested)
    }

    /// A window is wanted (without taking the request).
    #[must_use]
    pub fn wants_window(&self) -> bool {
        self.presence.open_requested
    }

    /// Quit was chosen.
    #[must_use]
    pub fn is_quitting(&self) -> bool {
        self.presence.quitting
    }

    /// Some reminder is on: the app keeps running without a window.
    #[must_use]
    pub fn reminders_on(&self) -> bool {
        self.library.reminders().iter().any(|r| r.reminder.enabled)
    }

    /// Ends what runs beside the app: the reminders thread (taking its notifications down) and
    /// the tray; waits for the last file work.
    pub fn shut_down(&mut self) {
        self.reminders.shut_down();
        self.hand_over_editor_jobs();
        let _ = self.disk.finish();
    }

    /// Reads and writes the scripts folder on `disk` (whose `wake` asks for a frame).
    #[must_use]
    pub fn with_disk(mut self, disk: DiskWorker) -> Self {
        self.disk = disk;
        self
    }

    /// Opens the scripts folder with `opener` (whose `wake` asks for a frame).
    #[must_use]
    pub fn with_folder_opener(mut self, opener: FolderOpener) -> Self {
        self.opener = opener;
        self
    }

    /// No file work is under way or waiting, nor an answer from the folder opener (for tests, which step frames by hand).
    #[must_use]
    pub fn is_settled(&self) -> bool {
        self.disk.is_idle() && !self.editor.is_busy() && self.opener.is_idle()
    }

    /// Counts frames for the real-window measurement (see [`FrameStats`]).
    #[must_use]
    pub fn with_frame_stats(mut self, stats: FrameStats) -> Self {
        self.frame_stats = stats;
        self
    }

    /// Opens the script editor on the script with this id (for benchmarks and tests).
    #[must_use]
    pub fn editing(mut self, id: &str) -> Self {
        self.commands.push(Command::ShowPage(Page::Scripts));
        self.commands.push(Command::Editor(EditorCommand::Open(id.to_owned())));
        self
    }

    /// Sets up fonts and colours; call once on the context the app will draw into.
    pub fn install_theme(ctx: &egui::Context) {
        theme::apply(ctx);
    }

    /// The settings to persist.
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The history as the app sees it.
    #[must_use]
    pub fn history(&self) -> &HistoryModel {
        &self.history
    }

    /// The page on show.
    #[must_use]
    pub fn page(&self) -> Page {
        self.page
    }

    /// The practice flow, read only (for tests that follow a practice on the real clock).
    #[must_use]
    pub fn flow(&self) -> &unbrace_core::practice::flow::PracticeFlow {
        &self.flow
    }

    /// The library the app is showing.
    #[must_use]
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Keeps only selections that still exist (after a start, a rename or a delete); falls
    /// back to the default pattern and the first scan.
    fn fix_selection(&mut self) {
        let valid = |id: &Option<String>, kind| {
            id.clone().filter(|id| self.library.get(id).is_some_and(|e| e.script.kind() == kind))
        };
        let pattern = valid(&self.settings.last_pattern, ScriptKind::Breathing)
            .or_else(|| valid(&Some(builtin::DEFAULT_PATTERN.to_owned()), ScriptKind::Breathing))
            .or_else(|| self.first_of(ScriptKind::Breathing));
        let scan = valid(&self.settings.last_scan, ScriptKind::BodyScan)
            .or_else(|| self.first_of(ScriptKind::BodyScan));
        self.settings.last_pattern = pattern;
        self.settings.last_scan = scan;
    }

    fn first_of(&self, kind: ScriptKind) -> Option<String> {
        self.library.entries().iter().find(|e| e.script.kind() == kind).map(|e| e.id.clone())
    }

    fn selected(&self) -> Option<&str> {
        match self.choice.kind {
            ScriptKind::Breathing => self.settings.last_pattern.as_deref(),
            ScriptKind::BodyScan => self.settings.last_scan.as_deref(),
        }
    }

    /// The settings, if they changed since they were last written.
    fn settings_to_write(&mut self) -> Option<&Settings> {
        if self.saved_settings.as_ref() == Some(&self.settings) {
            return None;
        }
        self.saved_settings = Some(self.settings.clone());
        Some(&self.settings)
    }
}

/// The problem shown when changes in `dir` may no longer be seen.
fn not_watched(dir: &std::path::Path, why: &str) -> Problem {
    Problem::new(dir, format!("changes made outside Unbrace will show after a restart ({why})"))
}

impl eframe::App for UnbraceApp {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        self.run_logic(ctx);
        // Write settings as soon as they change, so a crash or kill never shows the safety
        // note twice (eframe itself only saves every 30 s and on a clean exit).
        if let Some(storage) = frame.storage_mut()
            && let Some(settings) = self.settings_to_write()
        {
            eframe::set_value(storage, SETTINGS_KEY, settings);
            storage.flush();
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        self.frame_stats.frame(ui.ctx(), self.now.clock);
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        theme::clear_color()
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A practice still running when the window closes is kept as stopped.
        let now = self.read_clock();
        for effect in self.flow.close(now) {
            self.carry_out(effect);
        }
        // The last draft or save reaches the disk before the app ends.
        self.hand_over_editor_jobs();
        let _ = self.disk.finish();
    }
}
