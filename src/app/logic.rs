//! What must happen every frame, even while the window is hidden (or there is none, in
//! `--background`): read the clock once, take in what the history, the file watcher, the
//! folder opener and the reminders report, turn key presses and the window's close request into commands, let time
//! pass, keep sound, reminders and the viewport in step, and ask for the next frame only when
//! something visible will change.

use std::time::Duration;

use unbrace_core::breathing::repaint::{self, Geometry};
use unbrace_core::practice::flow::{Now, Stage};

use super::UnbraceApp;
use crate::command::Command;
use crate::keymap::{self, Action};
use crate::navigation::Page;
use crate::theme;

impl UnbraceApp {
    /// Reads the clock: the one reading every command of this frame uses.
    pub(super) fn read_clock(&mut self) -> Now {
        self.now = Now {
            clock: self.clock.now(),
            wall_ms: self.clock.wall_ms(),
            cue_lead: self.sound.cue_lead(self.settings.sound.on),
        };
        self.now
    }

    /// Everything but layout; call once a frame before [`Self::show`].
    pub fn run_logic(&mut self, ctx: &egui::Context) {
        self.read_clock();
        self.history.poll();
        self.take_in_heart();
        self.take_in_disk(ctx);
        for opened in self.opener.poll() {
            self.commands.push(Command::Editor(crate::editor::state::EditorCommand::FolderOpened(opened)));
        }
        self.follow_looks(ctx);
        if let Some(watcher) = &self.scripts.watcher {
            let changes = watcher.changes();
            if !changes.paths.is_empty() {
                self.commands.push(Command::FilesChanged);
            }
            if let Some(error) = changes.error {
                self.commands.push(Command::WatchFailed(error));
            }
        }
        if ctx.input(|i| i.viewport().close_requested()) {
            self.commands.push(Command::CloseRequested);
        }
        self.read_shortcuts(ctx);
        self.read_reminder_news();
        self.commands.push(Command::Tick);
        self.apply(ctx);
        self.follow_breath();
        self.sync_voice();
        self.sync_takes();
        self.sync_sound();
        self.sync_reminders();
        self.schedule_repaint(ctx);
    }

    /// What the heart-rate source reported, as the app's own events.
    fn take_in_heart(&mut self) {
        let events = self.heart.model.poll(self.now.clock);
        self.commands.extend(events.into_iter().map(Command::HeartEvent));
    }

    /// Notes where the breathing practice is, so the heart can be drawn against its breath.
    fn follow_breath(&mut self) {
        match self.flow.stage() {
            Stage::Breathing(session) => {
                let elapsed = session.moment(self.now.clock).elapsed;
                self.heart.axis.observe(self.now.clock, elapsed, session.is_paused());
            }
            _ => self.heart.axis = crate::hrv::breath_axis::BreathAxis::new(),
        }
    }

    /// The palette (as chosen, or following the desktop's light or dark) and the text size.
    fn follow_looks(&self, ctx: &egui::Context) {
        let system_is_light = ctx.system_theme() == Some(egui::Theme::Light);
        theme::use_palette(ctx, theme::palette_for(self.settings.theme, system_is_light));
        if (ctx.zoom_factor() - self.settings.zoom()).abs() > f32::EPSILON {
            ctx.set_zoom_factor(self.settings.zoom());
        }
    }

    /// Key presses, through the one key map, as commands for where the user is.
    fn read_shortcuts(&mut self, ctx: &egui::Context) {
        for action in keymap::pressed(ctx) {
            let command = match action {
                Action::Save if self.page == Page::Scripts => {
                    Command::Editor(crate::editor::state::EditorCommand::Save)
                }
                // Until the safety note is read, only it listens.
                _ if !self.settings.safety_note_seen => continue,
                Action::Save => continue,
                Action::Primary => Command::Primary,
                Action::Back => Command::Back,
                Action::FocusMode => Command::ToggleFocusMode,
                Action::ToggleSound => Command::ToggleSound,
                Action::ToggleVoice => Command::ToggleVoice,
                Action::Help => {
                    Command::ShowHelp(self.overlays.window != Some(crate::navigation::Window::Help))
                }
                Action::NextStep | Action::PreviousStep | Action::Extend
                    if !matches!(self.flow.stage(), Stage::Scanning(_)) =>
                {
                    continue;
                }
                Action::NextStep => Command::Next,
                Action::PreviousStep => Command::Previous,
                Action::Extend => Command::Extend,
            };
            self.commands.push(command);
        }
    }

    /// Asks for the next frame only when something visible will change.
    pub(super) fn schedule_repaint(&self, ctx: &egui::Context) {
        let now = self.now.clock;
        let wait = match self.flow.stage() {
            Stage::Breathing(session) => {
                let moment = session.moment(now);
                if moment.finished {
                    // `Tick` turns this into the summary on the next frame.
                    Some(Duration::ZERO)
                } else {
                    let geometry = self
                        .repaint
                        .geometry
                        .unwrap_or(Geometry { shape_travel_px: 200.0, progress_width_px: 800.0 });
                    repaint::next_frame_in(&moment, session.is_paused(), geometry)
                }
            }
            Stage::Scanning(session) => {
                let position = session.position(now);
                if position.finished {
                    Some(Duration::ZERO)
                } else if session.is_paused() {
                    None
                } else {
                    // Before the first frame has laid out the view: once a second.
                    // The view said when (in clock time) its next change is due. A due time
                    // already reached is this very frame's: the view sets the next one.
                    match self.repaint.scan_due {
                        Some(at) if at > now => Some(at.saturating_sub(now).min(position.until_next_step())),
                        Some(_) => None,
                        None => Some(Duration::from_secs(1).min(position.until_next_step())),
                    }
                }
            }
            _ => None,
        };
        // A checkpoint is written on time even if nothing on screen moves.
        let checkpoint = self.flow.next_checkpoint().map(|at| at.saturating_sub(now));
        if let Some(wait) = [wait, checkpoint].into_iter().flatten().min() {
            ctx.request_repaint_after(wait);
        }
        if let Some(wait) = self.repaint.editor {
            ctx.request_repaint_after(wait);
        }
        // A replayed file's next beat; a strap's thread wakes the app itself.
        if let Some(due) = self.heart.model.next_due() {
            ctx.request_repaint_after(due.saturating_sub(now));
        }
        // The heart strip keeps moving during a pause, once a second.
        if self.flow.is_paused()
            && self.heart.model.is_connected()
            && matches!(self.flow.stage(), Stage::Breathing(_))
        {
            ctx.request_repaint_after(Duration::from_secs(1));
        }
        // The assessment's pacer moves smoothly (about 30 frames a second).
        if self.heart.assessment.as_ref().is_some_and(|a| a.pacer(now).is_some()) {
            ctx.request_repaint_after(Duration::from_millis(33));
        }
    }
}
