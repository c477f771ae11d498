//! The eframe application: `logic` advances the practice and reads shortcuts (it runs even
//! while the window is hidden), `ui` lays out the views, and `apply` carries out every
//! command in one place at the end of the frame.

use std::time::Duration;

use egui::{Key, Modifiers, RichText};

use crate::breathing::pattern::Length;
use crate::breathing::repaint::{self, Geometry};
use crate::breathing::session::BreathingSession;
use crate::breathing::view::{self, Summary};
use crate::breathing::{picker, view::Layouted};
use crate::clock::Clock;
use crate::command::Command;
use crate::library::{Library, builtin};
use crate::{problems_view, theme};

/// What the practice area shows.
#[derive(Debug)]
enum Practice {
    /// Choosing a pattern.
    Ready,
    Breathing(Box<BreathingSession>),
    /// A quiet summary after a practice.
    Done(Summary),
}

/// The whole app: the library, the selection and the practice, driven by an injected clock.
pub struct UnbraceApp {
    clock: Box<dyn Clock>,
    library: Library,
    selected: Option<String>,
    length: Length,
    practice: Practice,
    focus_mode: bool,
    show_problems: bool,
    /// Sizes measured by the last frame, for the repaint schedule.
    geometry: Option<Geometry>,
    commands: Vec<Command>,
}

impl std::fmt::Debug for UnbraceApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnbraceApp")
            .field("selected", &self.selected)
            .field("practice", &self.practice)
            .finish_non_exhaustive()
    }
}

impl UnbraceApp {
    /// An app showing `library`, timed by `clock`.
    #[must_use]
    pub fn new(library: Library, clock: Box<dyn Clock>) -> Self {
        let selected = library
            .get(builtin::DEFAULT_PATTERN)
            .or_else(|| library.entries().first())
            .map(|e| e.id.clone());
        let length = selected
            .as_deref()
            .and_then(|id| library.pattern(id))
            .map_or(Length::Minutes(5), |p| p.length);
        Self {
            clock,
            library,
            selected,
            length,
            practice: Practice::Ready,
            focus_mode: false,
            show_problems: false,
            geometry: None,
            commands: Vec::new(),
        }
    }

    /// Sets up fonts and colours; call once on the context the app will draw into.
    pub fn install_theme(ctx: &egui::Context) {
        theme::apply(ctx);
    }

    /// What must happen every frame, even while the window is hidden: keyboard shortcuts,
    /// finishing a practice whose time is up, and scheduling the next frame.
    pub fn run_logic(&mut self, ctx: &egui::Context) {
        self.read_shortcuts(ctx);
        self.apply(ctx);
        let now = self.clock.now();
        if let Practice::Breathing(session) = &self.practice
            && session.moment(now).finished
        {
            self.practice = Practice::Done(summary(session, now, true));
        }
        self.schedule_repaint(ctx);
    }

    /// Lays out the window.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let now = self.clock.now();
        let mut commands = Vec::new();
        let mut layouted = Layouted::default();

        if !self.focus_mode {
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
                            commands.extend(problems_view::notice_ui(ui, self.library.problems()));
                        });
                    });
                });
            if !matches!(self.practice, Practice::Breathing(_)) {
                egui::Panel::left("patterns")
                    .frame(theme::panel_frame())
                    .resizable(false)
                    .exact_size(360.0)
                    .show(ui, |ui| {
                        commands.extend(picker::picker_ui(
                            ui,
                            &self.library,
                            self.selected.as_deref(),
                        ));
                    });
            }
        }
        egui::CentralPanel::default()
            .frame(theme::central_frame())
            .show(ui, |ui| match &self.practice {
                Practice::Ready => {
                    let pattern = self
                        .selected
                        .as_deref()
                        .and_then(|id| self.library.pattern(id));
                    view::ready_ui(ui, pattern, self.length, &mut commands);
                }
                Practice::Breathing(session) => {
                    layouted = view::practice_ui(ui, session, now, self.focus_mode, &mut commands);
                }
                Practice::Done(summary) => view::summary_ui(ui, summary, &mut commands),
            });
        commands.extend(problems_view::window_ui(
            ui.ctx(),
            self.library.problems(),
            self.show_problems,
        ));

        self.geometry = layouted.geometry;
        self.commands.extend(commands);
        self.apply(ui.ctx());
        self.schedule_repaint(ui.ctx());
    }

    fn read_shortcuts(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let pressed = |key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        if pressed(Key::Space) {
            self.commands.push(match self.practice {
                Practice::Breathing(_) => Command::TogglePause,
                Practice::Ready | Practice::Done(_) => Command::Start,
            });
        }
        if pressed(Key::Escape) {
            if self.focus_mode {
                self.commands.push(Command::ToggleFocusMode);
            } else if self.show_problems {
                self.commands.push(Command::ShowProblems(false));
            } else {
                match self.practice {
                    Practice::Breathing(_) => self.commands.push(Command::Stop),
                    Practice::Done(_) => self.commands.push(Command::Dismiss),
                    Practice::Ready => {}
                }
            }
        }
        if pressed(Key::F11) {
            self.commands.push(Command::ToggleFocusMode);
        }
    }

    /// Carries out the queued commands.
    fn apply(&mut self, ctx: &egui::Context) {
        let now = self.clock.now();
        for command in std::mem::take(&mut self.commands) {
            match command {
                Command::SelectPattern(id) => {
                    if let Some(pattern) = self.library.pattern(&id) {
                        self.length = pattern.length;
                        self.selected = Some(id);
                    }
                }
                Command::SetLength(length) => self.length = length,
                Command::Start => {
                    let pattern = self
                        .selected
                        .as_deref()
                        .and_then(|id| Some((id, self.library.pattern(id)?)));
                    if let Some((id, pattern)) = pattern {
                        let session = BreathingSession::start(id, pattern, self.length, now);
                        self.practice = Practice::Breathing(Box::new(session));
                    }
                }
                Command::TogglePause => {
                    if let Practice::Breathing(session) = &mut self.practice {
                        session.toggle_pause(now);
                    }
                }
                Command::Stop => {
                    if let Practice::Breathing(session) = &self.practice {
                        let finished = session.moment(now).finished;
                        self.practice = Practice::Done(summary(session, now, finished));
                    }
                    self.set_focus_mode(ctx, false);
                }
                Command::Dismiss => self.practice = Practice::Ready,
                Command::ToggleFocusMode => {
                    let on = !self.focus_mode;
                    self.set_focus_mode(ctx, on);
                }
                Command::ShowProblems(open) => self.show_problems = open,
            }
            ctx.request_repaint();
        }
    }

    fn set_focus_mode(&mut self, ctx: &egui::Context, on: bool) {
        if self.focus_mode != on {
            self.focus_mode = on;
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        }
    }

    /// Asks for the next frame only when something visible will change.
    fn schedule_repaint(&self, ctx: &egui::Context) {
        let Practice::Breathing(session) = &self.practice else {
            return;
        };
        let now = self.clock.now();
        let moment = session.moment(now);
        if moment.finished {
            // `run_logic` turns this into the summary on the next frame.
            ctx.request_repaint();
            return;
        }
        let geometry = self.geometry.unwrap_or(Geometry {
            shape_travel_px: 200.0,
            progress_width_px: 800.0,
        });
        if let Some(wait) = repaint::next_frame_in(&moment, session.is_paused(), geometry) {
            ctx.request_repaint_after(wait);
        }
    }

    /// The library the app is showing.
    #[must_use]
    pub fn library(&self) -> &Library {
        &self.library
    }
}

fn summary(session: &BreathingSession, now: Duration, completed: bool) -> Summary {
    Summary {
        pattern_name: session.pattern().name.to_string(),
        practised: session.practised(now),
        breaths: session.moment(now).cycle,
        completed,
    }
}

impl eframe::App for UnbraceApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.run_logic(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
