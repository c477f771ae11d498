//! The eframe application: `run_logic` advances the practice and reads shortcuts (it runs
//! even while the window is hidden), `show` lays out the views, and `apply` carries out every
//! command in one place at the end of the frame.

use std::time::Duration;

use egui::{Key, Modifiers, RichText};

use crate::body_scan::session::ScanSession;
use crate::breathing::pattern::Length;
use crate::breathing::repaint::{self, Geometry};
use crate::breathing::session::BreathingSession;
use crate::breathing::view::{self, Layouted, Summary};
use crate::clock::Clock;
use crate::command::Command;
use crate::library::{Library, builtin};
use crate::script::{Script, ScriptKind};
use crate::settings::Settings;
use crate::{body_scan, help_view, picker, problems_view, settings, theme};

/// What the practice area shows.
#[derive(Debug)]
enum Practice {
    /// Choosing a routine.
    Ready,
    Breathing(Box<BreathingSession>),
    Scanning(Box<ScanSession>),
    /// A quiet summary after a practice.
    Done(Summary),
}

/// Windows and modes that sit on top of the practice.
#[derive(Debug, Default)]
struct Overlays {
    focus_mode: bool,
    problems: bool,
    help: bool,
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
    /// When the body-scan view last asked for its next frame.
    scan_repaint: Option<Duration>,
    /// A start asked for before the safety note was read (e.g. `--start`).
    deferred_start: bool,
    /// Settings changed since they were last written.
    settings_dirty: bool,
    commands: Vec<Command>,
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
            commands: Vec::new(),
        };
        // Keep only selections that still exist; start from the default pattern.
        let valid = |id: &Option<String>, kind| {
            id.clone()
                .filter(|id| app.library.get(id).is_some_and(|e| e.script.kind() == kind))
        };
        let pattern = valid(&app.settings.last_pattern, ScriptKind::Breathing)
            .or_else(|| {
                valid(
                    &Some(builtin::DEFAULT_PATTERN.to_owned()),
                    ScriptKind::Breathing,
                )
            })
            .or_else(|| app.first_of(ScriptKind::Breathing));
        let scan = valid(&app.settings.last_scan, ScriptKind::BodyScan)
            .or_else(|| app.first_of(ScriptKind::BodyScan));
        app.settings.last_pattern = pattern;
        app.settings.last_scan = scan;
        if let Some(p) = app
            .settings
            .last_pattern
            .as_deref()
            .and_then(|id| app.library.pattern(id))
        {
            app.length = p.length;
        }
        app
    }

    /// Opens straight into the routine with this library id (for `--start`).
    #[must_use]
    pub fn starting(mut self, id: &str) -> Self {
        if let Some(entry) = self.library.get(id) {
            let kind = entry.script.kind();
            self.commands.push(Command::ShowKind(kind));
            self.commands.push(Command::Select(id.to_owned()));
            self.commands.push(Command::Start);
        }
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
        self.library
            .entries()
            .iter()
            .find(|e| e.script.kind() == kind)
            .map(|e| e.id.clone())
    }

    fn selected(&self) -> Option<&str> {
        match self.kind {
            ScriptKind::Breathing => self.settings.last_pattern.as_deref(),
            ScriptKind::BodyScan => self.settings.last_scan.as_deref(),
        }
    }

    /// What must happen every frame, even while the window is hidden: keyboard shortcuts,
    /// finishing a practice whose time is up, and scheduling the next frame.
    pub fn run_logic(&mut self, ctx: &egui::Context) {
        self.read_shortcuts(ctx);
        self.apply(ctx);
        let now = self.clock.now();
        let finished = match &self.practice {
            Practice::Breathing(s) => s
                .moment(now)
                .finished
                .then(|| breathing_summary(s, now, true)),
            Practice::Scanning(s) => s.position(now).finished.then(|| scan_summary(s, now, true)),
            Practice::Ready | Practice::Done(_) => None,
        };
        if let Some(summary) = finished {
            self.practice = Practice::Done(summary);
            self.set_focus_mode(ctx, false);
        }
        self.schedule_repaint(ctx);
    }

    /// Lays out the window.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let now = self.clock.now();
        let mut commands = Vec::new();
        let mut layouted = Layouted::default();
        self.scan_repaint = None;
        let practising = matches!(
            self.practice,
            Practice::Breathing(_) | Practice::Scanning(_)
        );

        if !self.overlays.focus_mode {
            egui::Panel::top("top")
                .frame(theme::panel_frame())
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new("Unbrace")
                                .size(theme::BODY_SIZE)
                                .color(theme::MUTED),
                        );
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui
                                .add(egui::Button::new(RichText::new("Help").small()).frame(false))
                                .clicked()
                            {
                                commands.push(Command::ShowHelp(true));
                            }
                            commands.extend(problems_view::notice_ui(ui, self.library.problems()));
                        });
                    });
                });
            if !practising {
                egui::Panel::left("routines")
                    .frame(theme::panel_frame())
                    .resizable(false)
                    .exact_size(360.0)
                    .show(ui, |ui| {
                        commands.extend(picker::picker_ui(
                            ui,
                            &self.library,
                            self.kind,
                            self.selected(),
                        ));
                    });
            }
        }
        egui::CentralPanel::default()
            .frame(theme::central_frame())
            .show(ui, |ui| match &self.practice {
                Practice::Ready => match self
                    .selected()
                    .and_then(|id| self.library.get(id))
                    .map(|e| &e.script)
                {
                    Some(Script::BodyScan(scan)) => {
                        body_scan::view::ready_ui(ui, scan, &mut commands);
                    }
                    Some(Script::Pattern(pattern)) => {
                        view::ready_ui(ui, Some(pattern), self.length, &mut commands);
                    }
                    None => view::ready_ui(ui, None, self.length, &mut commands),
                },
                Practice::Breathing(session) => {
                    layouted = view::practice_ui(
                        ui,
                        session,
                        now,
                        self.overlays.focus_mode,
                        &mut commands,
                    );
                }
                Practice::Scanning(session) => {
                    self.scan_repaint =
                        body_scan::view::practice_ui(ui, session, now, &mut commands);
                }
                Practice::Done(summary) => view::summary_ui(ui, summary, &mut commands),
            });
        let ctx = ui.ctx().clone();
        commands.extend(problems_view::window_ui(
            &ctx,
            self.library.problems(),
            self.overlays.problems,
        ));
        commands.extend(help_view::window_ui(&ctx, self.overlays.help));
        if !self.settings.safety_note_seen {
            commands.extend(help_view::first_start_ui(&ctx));
        }

        self.geometry = layouted.geometry;
        self.commands.extend(commands);
        self.apply(&ctx);
        self.schedule_repaint(&ctx);
    }

    fn read_shortcuts(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() || !self.settings.safety_note_seen {
            return;
        }
        let pressed = |key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        let scanning = matches!(self.practice, Practice::Scanning(_));
        let mut queue = Vec::new();
        if pressed(Key::Space) {
            queue.push(match self.practice {
                Practice::Breathing(_) | Practice::Scanning(_) => Command::TogglePause,
                Practice::Ready | Practice::Done(_) => Command::Start,
            });
        }
        if pressed(Key::Escape) {
            if self.overlays.focus_mode {
                queue.push(Command::ToggleFocusMode);
            } else if self.overlays.help {
                queue.push(Command::ShowHelp(false));
            } else if self.overlays.problems {
                queue.push(Command::ShowProblems(false));
            } else {
                match self.practice {
                    Practice::Breathing(_) | Practice::Scanning(_) => queue.push(Command::Stop),
                    Practice::Done(_) => queue.push(Command::Dismiss),
                    Practice::Ready => {}
                }
            }
        }
        if pressed(Key::F11) {
            queue.push(Command::ToggleFocusMode);
        }
        if pressed(Key::F1) {
            queue.push(Command::ShowHelp(!self.overlays.help));
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
            self.settings_dirty |=
                matches!(command, Command::Select(_) | Command::AcknowledgeSafetyNote);
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
                Command::Start if !self.settings.safety_note_seen => self.deferred_start = true,
                Command::Start => self.start(now),
                Command::TogglePause => match &mut self.practice {
                    Practice::Breathing(s) => s.toggle_pause(now),
                    Practice::Scanning(s) => s.toggle_pause(now),
                    Practice::Ready | Practice::Done(_) => {}
                },
                Command::Next | Command::Previous | Command::Extend => {
                    if let Practice::Scanning(s) = &mut self.practice {
                        match command {
                            Command::Next => s.next(now),
                            Command::Previous => s.previous(now),
                            _ => s.extend(now),
                        }
                    }
                }
                Command::Stop => {
                    let summary = match &self.practice {
                        Practice::Breathing(s) => {
                            Some(breathing_summary(s, now, s.moment(now).finished))
                        }
                        Practice::Scanning(s) => {
                            Some(scan_summary(s, now, s.position(now).finished))
                        }
                        Practice::Ready | Practice::Done(_) => None,
                    };
                    if let Some(summary) = summary {
                        self.practice = Practice::Done(summary);
                    }
                    self.set_focus_mode(ctx, false);
                }
                Command::Dismiss => self.practice = Practice::Ready,
                Command::ToggleFocusMode => {
                    // Focus mode shows the breathing shape alone.
                    let on = !self.overlays.focus_mode
                        && matches!(self.practice, Practice::Breathing(_));
                    self.set_focus_mode(ctx, on);
                }
                Command::ShowProblems(open) => self.overlays.problems = open,
                Command::ShowHelp(open) => self.overlays.help = open,
                Command::AcknowledgeSafetyNote => {
                    self.settings.safety_note_seen = true;
                    if std::mem::take(&mut self.deferred_start) {
                        self.start(now);
                    }
                }
            }
            ctx.request_repaint();
        }
    }

    fn start(&mut self, now: Duration) {
        let Some(entry) = self.selected().and_then(|id| self.library.get(id)) else {
            return;
        };
        self.practice = match &entry.script {
            Script::Pattern(pattern) => Practice::Breathing(Box::new(BreathingSession::start(
                &entry.id,
                pattern,
                self.length,
                now,
            ))),
            Script::BodyScan(scan) => {
                let session = ScanSession::start(
                    &entry.id,
                    scan,
                    |name| self.library.pattern_named(name),
                    now,
                );
                Practice::Scanning(Box::new(session))
            }
        };
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
                    let geometry = self.geometry.unwrap_or(Geometry {
                        shape_travel_px: 200.0,
                        progress_width_px: 800.0,
                    });
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
                    Some(
                        self.scan_repaint
                            .unwrap_or(Duration::from_secs(1))
                            .min(position.step_left()),
                    )
                }
            }
            Practice::Ready | Practice::Done(_) => None,
        };
        if let Some(wait) = wait {
            ctx.request_repaint_after(wait);
        }
    }

    /// The library the app is showing.
    #[must_use]
    pub fn library(&self) -> &Library {
        &self.library
    }
}

fn breathing_summary(session: &BreathingSession, now: Duration, completed: bool) -> Summary {
    let breaths = session.moment(now).cycle;
    Summary {
        routine_name: session.pattern().name.to_string(),
        practised: session.practised(now),
        done: if breaths == 1 {
            "1 breath".to_owned()
        } else {
            format!("{breaths} breaths")
        },
        completed,
    }
}

fn scan_summary(session: &ScanSession, now: Duration, completed: bool) -> Summary {
    let position = session.position(now);
    let steps = if completed {
        position.step_count
    } else {
        position.step
    };
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
            eframe::set_value(storage, settings::KEY, &self.settings);
            storage.flush();
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, settings::KEY, &self.settings);
    }
}
