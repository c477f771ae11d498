//! The eframe application: `run_logic` advances the practice and reads shortcuts (it runs
//! even while the window is hidden), `show` lays out the views, and `apply` carries out every
//! command in one place at the end of the frame.

use std::path::PathBuf;
use std::time::Duration;

use egui::{Key, Modifiers, RichText};

use crate::breathing::view::{self, Layouted, Summary};
use crate::clock::Clock;
use crate::command::Command;
use crate::editor::state::{EditorCommand, EditorState, Outcome};
use crate::frame_stats::FrameStats;
use crate::history::check_in_view::{self, CheckInForm};
use crate::history::model::HistoryModel;
use crate::history::view::{HistoryInput, HistoryPanel};
use crate::library::watch::ScriptsWatcher;
use crate::sound::output::{CueOutput, Silent, SoundStatus};
use crate::{body_scan, editor, help_view, history, picker, problems_view, settings_view, sound_view, theme};
use unbrace_core::body_scan::session::ScanSession;
use unbrace_core::breathing::pattern::Length;
use unbrace_core::breathing::repaint::{self, Geometry};
use unbrace_core::breathing::session::BreathingSession;
use unbrace_core::history::record::{CheckIn, Record, Status};
use unbrace_core::library::{Library, builtin};
use unbrace_core::script::{Script, ScriptKind};
use unbrace_core::settings::Settings;
use unbrace_core::sound::cue::SoundSettings;
use unbrace_core::sound::score::Placed;

/// Where eframe's storage keeps the settings.
pub const SETTINGS_KEY: &str = "unbrace_settings";

/// A running practice is written to the history at least this often.
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(10);

/// What the practice area shows.
#[derive(Debug)]
enum Practice {
    /// Choosing a routine.
    Ready,
    /// The quick check-in before a practice.
    CheckIn,
    Breathing(Box<BreathingSession>),
    Scanning(Box<ScanSession>),
    /// The quick check-out after a practice, then its summary.
    CheckOut(Summary),
    /// A quiet summary after a practice.
    Done(Summary),
}

/// The practice being recorded, and when it was last written.
#[derive(Debug)]
struct Active {
    record: Record,
    saved_at: Duration,
}

/// The three places in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Page {
    #[default]
    Practice,
    History,
    Scripts,
}

/// Windows and modes that sit on top of the practice.
#[derive(Debug, Default)]
struct Overlays {
    focus_mode: bool,
    /// The one window open over the page, if any.
    window: Option<Window>,
}

/// Windows that open over the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Window {
    Problems,
    Help,
    Settings,
}

/// The whole app: the library, the selection and the practice, driven by an injected clock.
pub struct UnbraceApp {
    clock: Box<dyn Clock>,
    library: Library,
    settings: Settings,
    /// Which list the picker shows.
    kind: ScriptKind,
    /// Length of the next breathing practice.
    length: Length,
    practice: Practice,
    overlays: Overlays,
    /// Sizes measured by the last frame, for the breathing repaint schedule.
    geometry: Option<Geometry>,
    /// When (clock time, not a wait) the body-scan view's next visible change is due.
    scan_repaint: Option<Duration>,
    /// A start asked for before the safety note was read (e.g. `--start`).
    deferred_start: bool,
    /// Settings changed since they were last written.
    settings_dirty: bool,
    history: HistoryModel,
    history_panel: HistoryPanel,
    page: Page,
    /// The user's scripts folder (where the editor writes), and its watcher.
    scripts_dir: Option<PathBuf>,
    watcher: Option<ScriptsWatcher>,
    editor: EditorState,
    /// The practice running is a try-out from the editor: not recorded, and it returns there.
    trying: bool,
    frame_stats: FrameStats,
    /// The practice being recorded (also after it ends, until its check-out is saved).
    active: Option<Active>,
    form: CheckInForm,
    commands: Vec<Command>,
    sound: Sound,
}

/// The sound output and what it was last told.
struct Sound {
    output: Box<dyn CueOutput>,
    placed: Option<Placed>,
    settings: Option<SoundSettings>,
    notice: SoundNotice,
}

/// "No sound" is said once a run, during the first practice that wanted sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SoundNotice {
    NotYet,
    /// On show until dismissed, or until the practice ends once it has been seen.
    Showing {
        seen: bool,
    },
    Said,
}

impl std::fmt::Debug for UnbraceApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnbraceApp")
            .field("settings", &self.settings)
            .field("practice", &self.practice)
            .finish_non_exhaustive()
    }
}

impl UnbraceApp {
    /// An app showing `library`, timed by `clock`, with persisted `settings`.
    #[must_use]
    pub fn new(library: Library, clock: Box<dyn Clock>, settings: Settings) -> Self {
        let mut app = Self {
            clock,
            library,
            settings,
            kind: ScriptKind::Breathing,
            length: Length::Minutes(5),
            practice: Practice::Ready,
            overlays: Overlays::default(),
            geometry: None,
            scan_repaint: None,
            deferred_start: false,
            settings_dirty: false,
            history: HistoryModel::default(),
            history_panel: HistoryPanel::default(),
            page: Page::Practice,
            scripts_dir: None,
            watcher: None,
            editor: EditorState::default(),
            trying: false,
            frame_stats: FrameStats::default(),
            active: None,
            form: CheckInForm::default(),
            commands: Vec::new(),
            sound: Sound {
                output: Box::new(Silent::default()),
                placed: None,
                settings: None,
                notice: SoundNotice::NotYet,
            },
        };
        app.fix_selection();
        if let Some(p) = app.settings.last_pattern.as_deref().and_then(|id| app.library.pattern(id)) {
            app.length = p.length;
        }
        app
    }

    /// Plays the practices' cues through `output` (the app is silent without one).
    #[must_use]
    pub fn with_sound(mut self, output: Box<dyn CueOutput>) -> Self {
        self.sound.output = output;
        self
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

    /// Keeps every practice in `history`.
    #[must_use]
    pub fn with_history(mut self, history: HistoryModel) -> Self {
        self.history = history;
        self
    }

    /// Lets the editor write to `dir` (the user's scripts folder), and reloads the library
    /// when `watcher` sees files change there.
    #[must_use]
    pub fn with_scripts_dir(mut self, dir: PathBuf, watcher: Option<ScriptsWatcher>) -> Self {
        self.scripts_dir = Some(dir);
        self.watcher = watcher;
        self
    }

    /// The history as the app sees it.
    #[must_use]
    pub fn history(&self) -> &HistoryModel {
        &self.history
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

    fn first_of(&self, kind: ScriptKind) -> Option<String> {
        self.library.entries().iter().find(|e| e.script.kind() == kind).map(|e| e.id.clone())
    }

    fn selected(&self) -> Option<&str> {
        match self.kind {
            ScriptKind::Breathing => self.settings.last_pattern.as_deref(),
            ScriptKind::BodyScan => self.settings.last_scan.as_deref(),
        }
    }

    /// What must happen every frame, even while the window is hidden: what the history
    /// store reported, keyboard shortcuts, finishing a practice whose time is up, the
    /// history checkpoint, and scheduling the next frame.
    pub fn run_logic(&mut self, ctx: &egui::Context) {
        self.history.poll();
        // The colours: as chosen, or following the desktop's light or dark.
        let system_is_light = ctx.system_theme() == Some(egui::Theme::Light);
        theme::use_palette(ctx, theme::palette_for(self.settings.theme, system_is_light));
        // The text size setting (also after a restart).
        if (ctx.zoom_factor() - self.settings.zoom()).abs() > f32::EPSILON {
            ctx.set_zoom_factor(self.settings.zoom());
        }
        let files_changed = self.watcher.as_ref().is_some_and(|w| !w.changes().is_empty());
        if files_changed {
            self.reload_library();
        }
        // Unsaved edits are guarded when the window is closed.
        if ctx.input(|i| i.viewport().close_requested()) && !self.editor.may_close() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.page = Page::Scripts;
        }
        self.read_shortcuts(ctx);
        self.apply(ctx);
        let now = self.clock.now();
        let finished = match &self.practice {
            Practice::Breathing(s) => s.moment(now).finished,
            Practice::Scanning(s) => s.position(now).finished,
            _ => false,
        };
        let stamp = self.stamp();
        let cx = editor_context(self.scripts_dir.as_deref(), &self.library, self.clock.now(), &stamp);
        if files_changed {
            self.editor.files_changed(&cx);
        }
        if let Some(wait) = self.editor.tick(&cx) {
            ctx.request_repaint_after(wait);
        }
        if finished {
            self.end_practice(ctx, now);
        } else if self.is_practising()
            && self.active.as_ref().is_some_and(|a| now.saturating_sub(a.saved_at) >= CHECKPOINT_EVERY)
        {
            self.checkpoint(now, Status::Running);
        }
        self.sync_sound();
        self.schedule_repaint(ctx);
    }

    /// How long after a press the practice should change, so that the cue for the change
    /// (the first breath, a new step's chime) sounds together with the picture.
    fn cue_lead(&self) -> Duration {
        if self.settings.sound.on { self.sound.output.start_lead() } else { Duration::ZERO }
    }

    /// Tells the sound output what changed: the settings, and the running practice's score.
    fn sync_sound(&mut self) {
        let sound = &mut self.sound;
        if sound.settings != Some(self.settings.sound) {
            sound.output.set_settings(self.settings.sound);
            sound.settings = Some(self.settings.sound);
        }
        let placed = match &self.practice {
            // Sound off: nothing to play, so no stream is kept open.
            _ if !self.settings.sound.on => None,
            Practice::Breathing(s) => s.sound(),
            Practice::Scanning(s) => s.sound(),
            // A practice that ran to its end keeps its score, so its closing bell rings out
            // (nothing is due after it).
            Practice::CheckOut(summary) | Practice::Done(summary) if summary.completed => {
                sound.placed.clone()
            }
            _ => None,
        };
        if placed != sound.placed {
            sound.output.place(placed.clone());
            sound.placed = placed;
        }
        let practising = matches!(self.practice, Practice::Breathing(_) | Practice::Scanning(_));
        match &sound.notice {
            SoundNotice::NotYet if practising && self.settings.sound.on => {
                if let SoundStatus::Unavailable(_) = sound.output.status() {
                    sound.notice = SoundNotice::Showing { seen: false };
                }
            }
            // Said once it has been on screen (not while hidden by focus mode).
            SoundNotice::Showing { seen: true } if !practising => sound.notice = SoundNotice::Said,
            _ => {}
        }
    }

    fn is_practising(&self) -> bool {
        matches!(self.practice, Practice::Breathing(_) | Practice::Scanning(_))
    }

    /// Lays out the window.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let now = self.clock.now();
        let mut commands = Vec::new();
        let mut layouted = Layouted::default();
        self.scan_repaint = None;
        let practising = self.is_practising();

        if !self.overlays.focus_mode {
            egui::Panel::top("top").frame(theme::panel_frame()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new("Unbrace").size(theme::BODY_SIZE).color(theme::palette().muted));
                    ui.add_space(theme::GAP);
                    if !practising {
                        for (page, label) in [
                            (Page::Practice, "Practice"),
                            (Page::History, "History"),
                            (Page::Scripts, "Scripts"),
                        ] {
                            let here = self.page == page;
                            if ui.selectable_label(here, label).clicked() && !here {
                                commands.push(Command::ShowPage(page));
                            }
                        }
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let help = egui::Button::new(RichText::new("Help").small()).frame(false);
                        if ui.add(help).clicked() {
                            commands.push(Command::ShowHelp(true));
                        }
                        let settings = egui::Button::new(RichText::new("Settings").small()).frame(false);
                        if ui.add(settings).clicked() {
                            commands.push(Command::ShowSettings(true));
                        }
                        commands.extend(problems_view::notice_ui(ui, self.library.problems()));
                        if self.history.alert().is_some() && self.page != Page::History {
                            let text = RichText::new("History needs attention")
                                .small()
                                .color(theme::palette().caution);
                            if ui.add(egui::Button::new(text).frame(false)).clicked() {
                                commands.push(Command::ShowPage(Page::History));
                            }
                        }
                    });
                });
            });
        }
        if let SoundNotice::Showing { seen } = &mut self.sound.notice
            && !self.overlays.focus_mode
        {
            *seen = true;
            egui::Panel::top("sound_notice").frame(theme::panel_frame()).show(ui, |ui| {
                sound_view::notice_ui(ui, &mut commands);
            });
        }
        if self.page == Page::Scripts && !practising {
            let mut editor_commands = Vec::new();
            editor::view::editor_ui(
                ui,
                &mut self.editor,
                &self.library,
                self.scripts_dir.as_deref(),
                &mut editor_commands,
            );
            commands.extend(editor_commands.into_iter().map(Command::Editor));
        } else if self.page == Page::History && !practising {
            let input = HistoryInput {
                records: self.history.records(),
                version: self.history.version(),
                now: self.clock.local_now(),
                show_streak: self.settings.show_streak,
                message: self.history.message(),
                can_undo: self.history.can_undo(),
            };
            egui::CentralPanel::default().frame(theme::central_frame()).show(ui, |ui| {
                history::view::history_ui(ui, &mut self.history_panel, &input, &mut commands);
            });
        } else {
            self.practice_area_ui(ui, now, &mut commands, &mut layouted);
        }
        let ctx = ui.ctx().clone();
        let window = self.overlays.window;
        commands.extend(problems_view::window_ui(
            &ctx,
            self.library.problems(),
            window == Some(Window::Problems),
        ));
        commands.extend(help_view::window_ui(&ctx, window == Some(Window::Help)));
        commands.extend(settings_view::window_ui(
            &ctx,
            &self.settings,
            &self.sound.output.status(),
            window == Some(Window::Settings),
        ));
        let mut editor_commands = Vec::new();
        editor::view::dialogs_ui(&ctx, &mut self.editor, &mut editor_commands);
        commands.extend(editor_commands.into_iter().map(Command::Editor));
        if !self.settings.safety_note_seen {
            commands.extend(help_view::first_start_ui(&ctx));
        }

        self.geometry = layouted.geometry;
        self.commands.extend(commands);
        self.apply(&ctx);
        self.schedule_repaint(&ctx);
    }

    fn practice_area_ui(
        &mut self,
        ui: &mut egui::Ui,
        now: Duration,
        commands: &mut Vec<Command>,
        layouted: &mut Layouted,
    ) {
        let choosing = matches!(self.practice, Practice::Ready | Practice::Done(_));
        if choosing && !self.overlays.focus_mode {
            egui::Panel::left("routines")
                .frame(theme::panel_frame())
                .resizable(false)
                // Narrower on a small window or with large text, so the practice area keeps room.
                .exact_size((ui.available_width() * 0.4).min(360.0))
                .show(ui, |ui| {
                    commands.extend(picker::picker_ui(ui, &self.library, self.kind, self.selected()));
                });
        }
        egui::CentralPanel::default().frame(theme::central_frame()).show(ui, |ui| match &self.practice {
            Practice::Ready => match self.selected().and_then(|id| self.library.get(id)).map(|e| &e.script) {
                Some(Script::BodyScan(scan)) => body_scan::view::ready_ui(ui, scan, commands),
                Some(Script::Pattern(pattern)) => {
                    view::ready_ui(ui, Some(pattern), self.length, commands);
                }
                None => view::ready_ui(ui, None, self.length, commands),
            },
            Practice::CheckIn => {
                check_in_view::check_in_ui(ui, &mut self.form, false, self.settings.check_ins, commands);
            }
            Practice::Breathing(session) => {
                let looks = view::Looks {
                    focus_mode: self.overlays.focus_mode,
                    reduced_motion: self.settings.reduced_motion,
                };
                *layouted = view::practice_ui(ui, session, now, looks, commands);
            }
            Practice::Scanning(session) => {
                let wait =
                    body_scan::view::practice_ui(ui, session, now, self.settings.reduced_motion, commands);
                self.scan_repaint = wait.map(|w| now + w);
            }
            Practice::CheckOut(_) => {
                check_in_view::check_in_ui(ui, &mut self.form, true, self.settings.check_ins, commands);
            }
            Practice::Done(summary) => view::summary_ui(ui, summary, commands),
        });
    }

    fn read_shortcuts(&mut self, ctx: &egui::Context) {
        // Ctrl+S works while typing in the editor.
        if self.page == Page::Scripts && ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::S)) {
            self.commands.push(Command::Editor(EditorCommand::Save));
        }
        if ctx.egui_wants_keyboard_input() || !self.settings.safety_note_seen {
            return;
        }
        let pressed = |key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        let scanning = matches!(self.practice, Practice::Scanning(_));
        let mut queue = Vec::new();
        if pressed(Key::Space) {
            queue.push(match self.practice {
                Practice::Breathing(_) | Practice::Scanning(_) => Command::TogglePause,
                Practice::Ready | Practice::Done(_) if self.page == Page::Practice => Command::Start,
                Practice::Ready | Practice::Done(_) | Practice::CheckIn | Practice::CheckOut(_) => {
                    Command::SubmitCheckIn
                }
            });
        }
        if pressed(Key::Escape) {
            if self.overlays.focus_mode {
                queue.push(Command::ToggleFocusMode);
            } else if let Some(window) = self.overlays.window {
                queue.push(match window {
                    Window::Problems => Command::ShowProblems(false),
                    Window::Help => Command::ShowHelp(false),
                    Window::Settings => Command::ShowSettings(false),
                });
            } else {
                match self.practice {
                    Practice::Breathing(_) | Practice::Scanning(_) => queue.push(Command::Stop),
                    Practice::CheckIn | Practice::CheckOut(_) => queue.push(Command::SkipCheckIn),
                    Practice::Done(_) => queue.push(Command::Dismiss),
                    Practice::Ready => {}
                }
            }
        }
        if pressed(Key::F11) {
            queue.push(Command::ToggleFocusMode);
        }
        if pressed(Key::M) {
            queue.push(Command::ToggleSound);
        }
        if pressed(Key::F1) {
            queue.push(Command::ShowHelp(self.overlays.window != Some(Window::Help)));
        }
        if scanning {
            if pressed(Key::ArrowRight) {
                queue.push(Command::Next);
            }
            if pressed(Key::ArrowLeft) {
                queue.push(Command::Previous);
            }
            let plus = ctx.input_mut(|i| {
                i.consume_key(Modifiers::NONE, Key::Plus)
                    || i.consume_key(Modifiers::SHIFT, Key::Plus)
                    || i.consume_key(Modifiers::SHIFT, Key::Equals)
                    || i.consume_key(Modifiers::NONE, Key::Equals)
            });
            if plus {
                queue.push(Command::Extend);
            }
        }
        self.commands.extend(queue);
    }

    /// Carries out the queued commands.
    fn apply(&mut self, ctx: &egui::Context) {
        let now = self.clock.now();
        for command in std::mem::take(&mut self.commands) {
            self.settings_dirty |= matches!(
                command,
                Command::Select(_)
                    | Command::AcknowledgeSafetyNote
                    | Command::SetCheckIns(_)
                    | Command::SetShowStreak(_)
                    | Command::SetReducedMotion(_)
                    | Command::SetTextPercent(_)
                    | Command::SetTheme(_)
                    | Command::SetSound(_)
                    | Command::ToggleSound
            );
            match command {
                Command::ShowKind(kind) => self.kind = kind,
                Command::Select(id) => match self.library.get(&id).map(|e| &e.script) {
                    Some(Script::Pattern(pattern)) => {
                        self.length = pattern.length;
                        self.settings.last_pattern = Some(id);
                    }
                    Some(Script::BodyScan(_)) => self.settings.last_scan = Some(id),
                    None => {}
                },
                Command::SetLength(length) => self.length = length,
                Command::Start | Command::StartNow if !self.settings.safety_note_seen => {
                    self.deferred_start = true;
                }
                Command::Start => self.begin(now),
                Command::StartNow => self.start(now, None),
                Command::SubmitCheckIn | Command::SkipCheckIn => {
                    let given = (command == Command::SubmitCheckIn).then(|| self.form.check_in());
                    self.check_in_done(now, given);
                }
                Command::SetCheckIns(on) => self.settings.check_ins = on,
                Command::TogglePause => match &mut self.practice {
                    Practice::Breathing(s) => s.toggle_pause(now),
                    Practice::Scanning(s) => s.toggle_pause(now),
                    _ => {}
                },
                Command::Next | Command::Previous | Command::Extend => {
                    // A new step begins with its chime, together with the picture.
                    let lead = self.cue_lead();
                    if let Practice::Scanning(s) = &mut self.practice {
                        match command {
                            Command::Next => s.next(now + lead),
                            Command::Previous => s.previous(now + lead),
                            _ => s.extend(now),
                        }
                    }
                }
                Command::Stop => {
                    self.end_practice(ctx, now);
                    self.set_focus_mode(ctx, false);
                }
                Command::Dismiss => self.practice = Practice::Ready,
                Command::ToggleFocusMode => {
                    // Focus mode shows the breathing shape alone.
                    let on = !self.overlays.focus_mode && matches!(self.practice, Practice::Breathing(_));
                    self.set_focus_mode(ctx, on);
                }
                // One window at a time: opening one closes another.
                Command::ShowProblems(open) => self.overlays.window = open.then_some(Window::Problems),
                Command::ShowHelp(open) => self.overlays.window = open.then_some(Window::Help),
                Command::ShowSettings(open) => self.overlays.window = open.then_some(Window::Settings),
                Command::SetReducedMotion(on) => self.settings.reduced_motion = on,
                // The next frame's `run_logic` switches the palette.
                Command::SetTheme(choice) => self.settings.theme = choice,
                Command::SetTextPercent(percent) => {
                    self.settings.text_percent = percent;
                    ctx.set_zoom_factor(self.settings.zoom());
                }
                Command::ShowPage(page) => self.page = page,
                Command::Editor(command) => self.apply_editor(ctx, command, now),
                Command::AcknowledgeSafetyNote => {
                    self.settings.safety_note_seen = true;
                    if std::mem::take(&mut self.deferred_start) {
                        self.start(now, None);
                    }
                }
                Command::DeleteRecord(id) => self.history.delete(&id),
                Command::UndoDelete => self.history.undo_delete(),
                Command::ExportHistory => {
                    let local = self.clock.local_now();
                    self.history
                        .export(local.strftime("%Y-%m-%d-%H%M%S").to_string(), self.clock.time_zone());
                }
                Command::SetShowStreak(on) => self.settings.show_streak = on,
                Command::SetSound(sound) => self.settings.sound = sound,
                Command::ToggleSound => self.settings.sound.on = !self.settings.sound.on,
                Command::PreviewSound => {
                    self.sync_sound();
                    self.sound.output.preview();
                }
                Command::DismissSoundNotice => self.sound.notice = SoundNotice::Said,
            }
            ctx.request_repaint();
        }
    }

    fn apply_editor(&mut self, ctx: &egui::Context, command: EditorCommand, now: Duration) {
        let stamp = self.stamp();
        let cx = editor_context(self.scripts_dir.as_deref(), &self.library, self.clock.now(), &stamp);
        match self.editor.apply(command, &cx) {
            Outcome::Nothing => {}
            Outcome::Reload => self.reload_library(),
            Outcome::Try(script) => {
                let id = self.editor.doc.as_ref().map_or_else(String::new, |d| d.id.clone());
                self.trying = true;
                self.page = Page::Practice;
                self.start_script(&id, &script, now, None);
            }
            Outcome::Close => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// A timestamp for file names: local time to the second.
    fn stamp(&self) -> String {
        self.clock.stamp()
    }

    /// Loads the library again after files changed.
    fn reload_library(&mut self) {
        self.library = crate::library::load(self.scripts_dir.as_deref());
        self.fix_selection();
    }

    /// Start pressed: the check-in first if it is wanted, else the practice.
    fn begin(&mut self, now: Duration) {
        if self.settings.check_ins {
            self.form = CheckInForm::default();
            self.practice = Practice::CheckIn;
        } else {
            self.start(now, None);
        }
    }

    fn check_in_done(&mut self, now: Duration, given: Option<CheckIn>) {
        match std::mem::replace(&mut self.practice, Practice::Ready) {
            Practice::CheckIn => self.start(now, given),
            Practice::CheckOut(summary) => {
                if let Some(mut active) = self.active.take()
                    && let Some(after) = given
                {
                    active.record.after = Some(after);
                    self.form.note.trim().clone_into(&mut active.record.note);
                    self.history.save(active.record);
                }
                self.practice = Practice::Done(summary);
            }
            other => self.practice = other,
        }
    }

    fn start(&mut self, now: Duration, before: Option<CheckIn>) {
        let Some(entry) = self.selected().and_then(|id| self.library.get(id)) else {
            return;
        };
        let (id, script) = (entry.id.clone(), entry.script.clone());
        self.start_script(&id, &script, now, before);
    }

    /// Starts `script`, recorded in the history with the check-in `before`, unless it is a
    /// try-out from the editor.
    fn start_script(&mut self, id: &str, script: &Script, now: Duration, before: Option<CheckIn>) {
        // Picture and sound begin together, once the sound output can be heard.
        let now = now + self.cue_lead();
        let (practice, planned, total) = match script {
            Script::Pattern(pattern) => {
                let length = if self.trying { pattern.length } else { self.length };
                let session = BreathingSession::start(id, pattern, length, now);
                let planned = session.timeline().total();
                let total = session.timeline().total_cycles();
                (Practice::Breathing(Box::new(session)), planned, total)
            }
            Script::BodyScan(scan) => {
                let session = ScanSession::start(id, scan, |name| self.library.pattern_named(name), now);
                let planned = Duration::from_millis(scan.total_millis());
                (Practice::Scanning(Box::new(session)), planned, scan.steps().len() as u64)
            }
        };
        self.practice = practice;
        if self.trying {
            self.active = None;
            return;
        }
        let started_at_ms = self.clock.wall_ms();
        let record = Record {
            id: record_id(started_at_ms),
            started_at_ms,
            kind: script.kind(),
            routine: script.name().to_owned(),
            planned_ms: millis(planned),
            practised_ms: 0,
            done_count: 0,
            total_count: i64::try_from(total).unwrap_or(i64::MAX),
            status: Status::Running,
            before,
            after: None,
            note: String::new(),
        };
        self.history.save(record.clone());
        self.active = Some(Active { record, saved_at: now });
    }

    /// Writes the running practice's progress to the history.
    fn checkpoint(&mut self, now: Duration, status: Status) {
        let Some(active) = &mut self.active else {
            return;
        };
        let r = &mut active.record;
        match &self.practice {
            Practice::Breathing(s) => {
                r.practised_ms = millis(s.practised(now));
                r.done_count = i64::try_from(s.moment(now).cycle).unwrap_or(i64::MAX);
            }
            Practice::Scanning(s) => {
                let p = s.position(now);
                r.practised_ms = millis(p.practised);
                let done = if p.finished { p.step_count } else { p.step };
                r.done_count = i64::try_from(done).unwrap_or(i64::MAX);
            }
            _ => {}
        }
        r.status = status;
        active.saved_at = now;
        self.history.save(active.record.clone());
    }

    /// Ends the running practice (finished or stopped): records it, then shows the
    /// check-out or the summary.
    fn end_practice(&mut self, ctx: &egui::Context, now: Duration) {
        // The sound output hears of the last change first (the last step skipped: the bell).
        self.sync_sound();
        let summary = match &self.practice {
            Practice::Breathing(s) => breathing_summary(s, now, s.moment(now).finished),
            Practice::Scanning(s) => scan_summary(s, now, s.position(now).finished),
            _ => return,
        };
        if std::mem::take(&mut self.trying) {
            // A try-out from the editor: back to the editor, where it was left.
            self.practice = Practice::Ready;
            self.page = Page::Scripts;
            self.set_focus_mode(ctx, false);
            return;
        }
        let status = if summary.completed { Status::Finished } else { Status::Stopped };
        self.checkpoint(now, status);
        self.practice = if self.settings.check_ins && self.active.is_some() {
            let carried = CheckInForm {
                stress: self.form.stress,
                tension: self.form.tension,
                ..CheckInForm::default()
            };
            self.form = carried;
            Practice::CheckOut(summary)
        } else {
            self.active = None;
            Practice::Done(summary)
        };
        self.set_focus_mode(ctx, false);
    }

    fn set_focus_mode(&mut self, ctx: &egui::Context, on: bool) {
        if self.overlays.focus_mode != on {
            self.overlays.focus_mode = on;
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        }
    }

    /// Asks for the next frame only when something visible will change.
    fn schedule_repaint(&self, ctx: &egui::Context) {
        let now = self.clock.now();
        let wait = match &self.practice {
            Practice::Breathing(session) => {
                let moment = session.moment(now);
                if moment.finished {
                    // `run_logic` turns this into the summary on the next frame.
                    Some(Duration::ZERO)
                } else {
                    let geometry = self
                        .geometry
                        .unwrap_or(Geometry { shape_travel_px: 200.0, progress_width_px: 800.0 });
                    repaint::next_frame_in(&moment, session.is_paused(), geometry)
                }
            }
            Practice::Scanning(session) => {
                let position = session.position(now);
                if position.finished {
                    Some(Duration::ZERO)
                } else if session.is_paused() {
                    None
                } else {
                    // Before the first frame has laid out the view: once a second.
                    // The view said when (in clock time) its next change is due. A due time
                    // already reached is this very frame's: the view sets the next one.
                    match self.scan_repaint {
                        Some(at) if at > now => Some(at.saturating_sub(now).min(position.step_left())),
                        Some(_) => None,
                        None => Some(Duration::from_secs(1).min(position.step_left())),
                    }
                }
            }
            _ => None,
        };
        if let Some(wait) = wait {
            ctx.request_repaint_after(wait);
        }
    }

    /// The page on show.
    #[must_use]
    pub fn page(&self) -> Page {
        self.page
    }

    /// The library the app is showing.
    #[must_use]
    pub fn library(&self) -> &Library {
        &self.library
    }
}

/// What the editor works with. A free function, so the borrows of the app's fields stay
/// separate from the editor's own.
fn editor_context<'a>(
    root: Option<&'a std::path::Path>,
    library: &'a Library,
    now: Duration,
    stamp: &'a str,
) -> editor::state::Context<'a> {
    editor::state::Context { root, library, now, stamp }
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Unique across copies of the app: the start time and a random part.
fn record_id(started_at_ms: i64) -> String {
    use std::hash::{BuildHasher, Hasher};
    let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
    format!("{started_at_ms:x}-{random:016x}")
}

fn breathing_summary(session: &BreathingSession, now: Duration, completed: bool) -> Summary {
    let breaths = session.moment(now).cycle;
    Summary {
        routine_name: session.pattern().name.to_string(),
        practised: session.practised(now),
        done: if breaths == 1 { "1 breath".to_owned() } else { format!("{breaths} breaths") },
        completed,
    }
}

fn scan_summary(session: &ScanSession, now: Duration, completed: bool) -> Summary {
    let position = session.position(now);
    let steps = if completed { position.step_count } else { position.step };
    Summary {
        routine_name: session.scan().name.to_string(),
        practised: position.practised,
        done: format!("{steps} of {} steps", position.step_count),
        completed,
    }
}

impl eframe::App for UnbraceApp {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        self.run_logic(ctx);
        // Write settings as soon as they change, so a crash or kill never shows the safety
        // note twice (eframe itself only saves every 30 s and on a clean exit).
        if std::mem::take(&mut self.settings_dirty)
            && let Some(storage) = frame.storage_mut()
        {
            eframe::set_value(storage, SETTINGS_KEY, &self.settings);
            storage.flush();
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        let now = self.clock.now();
        self.frame_stats.frame(ui.ctx(), now);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A practice still running when the window closes is kept as stopped.
        let now = self.clock.now();
        if self.is_practising() {
            self.checkpoint(now, Status::Stopped);
        }
    }
}
