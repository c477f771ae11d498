//! The one place where state changes: every command, whether the user asked for it or the
//! app noticed it (time passed, files changed, the window wants to close), is carried out
//! here, with the clock reading of the frame.

use unbrace_core::practice::flow::{Effect, Routine, Stage};
use unbrace_core::script::Script;

use super::UnbraceApp;
use crate::command::Command;
use crate::disk::Done;
use crate::editor::state::{Context, EditorCommand, EditorState, Outcome};
use crate::navigation::{Page, Window};
use crate::voice::jobs::VoiceDone;

impl UnbraceApp {
    /// Carries out the queued commands.
    pub(super) fn apply(&mut self, ctx: &egui::Context) {
        while !self.commands.is_empty() {
            for command in std::mem::take(&mut self.commands) {
                let repaint = !matches!(command, Command::Tick);
                self.apply_one(ctx, command);
                if repaint {
                    ctx.request_repaint();
                }
            }
        }
        self.sync_viewport(ctx);
    }

    fn apply_one(&mut self, ctx: &egui::Context, command: Command) {
        let now = self.now;
        match command {
            Command::ShowKind(kind) => self.choice.kind = kind,
            Command::Select(id) => match self.library.get(&id).map(|e| &e.script) {
                Some(Script::Pattern(pattern)) => {
                    self.choice.length = self.settings.lengths.get(&id).copied().unwrap_or(pattern.length);
                    self.settings.last_pattern = Some(id);
                }
                Some(Script::BodyScan(_)) => self.settings.last_scan = Some(id),
                None => {}
            },
            Command::SetLength(length) => {
                self.choice.length = length;
                // Kept for next time, unless it is the pattern's own.
                if let Some(id) = self.settings.last_pattern.clone()
                    && let Some(pattern) = self.library.pattern(&id)
                {
                    if pattern.length == length {
                        self.settings.lengths.remove(&id);
                    } else {
                        self.settings.lengths.insert(id, length);
                    }
                }
            }
            Command::Start | Command::StartNow if !self.settings.safety_note_seen => {
                self.deferred_start = true;
            }
            Command::Start => {
                if let Some(routine) = self.selected_routine() {
                    let effects = self.flow.begin(routine, &self.library, now);
                    self.carry_out_all(effects);
                }
            }
            Command::StartNow => {
                if let Some(routine) = self.selected_routine() {
                    let effects = self.flow.start_now(&routine, &self.library, now);
                    self.carry_out_all(effects);
                }
            }
            Command::EditCheckIn(edit) => self.flow.edit_check_in(edit),
            Command::SubmitCheckIn => {
                let effects = self.flow.submit_check_in(&self.library, now);
                self.carry_out_all(effects);
            }
            Command::SkipCheckIn => {
                let effects = self.flow.skip_check_in(&self.library, now);
                self.carry_out_all(effects);
            }
            Command::SetCheckIns(on) => {
                self.settings.check_ins = on;
                self.flow.set_check_ins(on);
            }
            Command::TogglePause => {
                let effects = self.flow.toggle_pause(now);
                self.carry_out_all(effects);
            }
            Command::Next => self.flow.next(now),
            Command::Previous => self.flow.previous(now),
            Command::Extend => self.flow.extend(now),
            Command::Stop => {
                let effects = self.flow.stop(now);
                self.carry_out_all(effects);
            }
            Command::Dismiss => self.flow.dismiss(),
            Command::ToggleFocusMode => {
                // Focus mode shows the breathing shape alone.
                self.overlays.focus_mode =
                    !self.overlays.focus_mode && matches!(self.flow.stage(), Stage::Breathing(_));
            }
            // One window at a time: opening one closes another.
            Command::ShowProblems(open) => self.show_window(Window::Problems, open),
            Command::ShowHelp(open) => self.show_window(Window::Help, open),
            Command::ShowSettings(open) => {
                if open {
                    // Settings says how sound and speech are doing: find out now, not at the
                    // first cue.
                    self.sound.probe();
                    self.voice.probe();
                }
                self.show_window(Window::Settings, open);
            }
            Command::SetReducedMotion(on) => self.settings.reduced_motion = on,
            // The next frame's logic switches the palette and the text size.
            Command::SetTheme(choice) => self.settings.theme = choice,
            Command::SetTextPercent(percent) => self.settings.text_percent = percent,
            Command::ShowPage(page) => self.page = page,
            Command::Editor(command) => self.apply_editor(ctx, command),
            Command::AcknowledgeSafetyNote => {
                self.settings.safety_note_seen = true;
                if std::mem::take(&mut self.deferred_start) {
                    self.commands.push(Command::StartNow);
                }
            }
            Command::DeleteRecord(id) => self.history.delete(&id),
            Command::UndoDelete => self.history.undo_delete(),
            Command::ExportHistory => {
                let stamp = self.clock.local_now().strftime("%Y-%m-%d-%H%M%S").to_string();
                self.history.export(stamp, self.clock.time_zone());
            }
            Command::SetShowStreak(on) => self.settings.show_streak = on,
            Command::SetSound(sound) => self.settings.sound = sound,
            Command::ToggleSound => self.settings.sound.on = !self.settings.sound.on,
            Command::PreviewSound => {
                self.sync_sound();
                self.sound.preview();
            }
            Command::DismissSoundNotice => self.sound.dismiss_notice(),
            Command::ToggleVoice => self.settings.voice.on = !self.settings.voice.on,
            Command::SetVoice(voice) => self.settings.voice = voice,
            Command::SayVoiceSample => {
                self.sync_voice();
                self.voice.say_sample(&self.settings.voice);
            }
            Command::DismissVoiceNotice => self.voice.dismiss_notice(),
            Command::Take(take) => self.apply_take(take),
            Command::Primary => self.primary(),
            Command::Back => self.back(),
            Command::Tick => {
                let effects = self.flow.tick(now);
                self.carry_out_all(effects);
                let (editor, cx) = self.editor_with_context();
                self.repaint.editor = editor.tick(&cx);
                self.hand_over_editor_jobs();
            }
            Command::FilesChanged => {
                self.reload_library();
                let (editor, cx) = self.editor_with_context();
                editor.files_changed(&cx);
                self.hand_over_editor_jobs();
            }
            Command::WatchFailed(why) => {
                if let Some(dir) = &self.scripts.dir {
                    let problem = super::not_watched(dir, &why);
                    if self.scripts.not_watched.is_none() {
                        self.library.add_problems([problem.clone()]);
                    }
                    self.scripts.not_watched = Some(problem);
                }
            }
            Command::CloseRequested => {
                // Unsaved edits are guarded: the editor asks first.
                if !self.editor.may_close() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                    self.page = Page::Scripts;
                }
            }
        }
    }

    /// Space: what the main button where the user is would do.
    fn primary(&mut self) {
        let command = match self.flow.stage() {
            Stage::Breathing(_) | Stage::Scanning(_) => Command::TogglePause,
            Stage::Ready | Stage::Done(_) if self.page == Page::Practice => Command::Start,
            Stage::CheckIn { .. } | Stage::CheckOut { .. } => Command::SubmitCheckIn,
            Stage::Ready | Stage::Done(_) => return,
        };
        self.commands.push(command);
    }

    /// Esc: close whatever is nearest.
    fn back(&mut self) {
        if self.overlays.focus_mode {
            self.overlays.focus_mode = false;
        } else if self.editor.has_dialog() {
            self.editor.cancel_dialog();
        } else if self.overlays.window.is_some() {
            self.overlays.window = None;
        } else {
            match self.flow.stage() {
                Stage::Breathing(_) | Stage::Scanning(_) => self.commands.push(Command::Stop),
                Stage::CheckIn { .. } | Stage::CheckOut { .. } => self.commands.push(Command::SkipCheckIn),
                Stage::Done(_) => self.commands.push(Command::Dismiss),
                Stage::Ready => {}
            }
        }
    }

    fn show_window(&mut self, window: Window, open: bool) {
        if open {
            self.overlays.window = Some(window);
        } else if self.overlays.window == Some(window) {
            self.overlays.window = None;
        }
    }

    /// What the flow asked for.
    pub(super) fn carry_out(&mut self, effect: Effect) {
        match effect {
            Effect::Save(record) => self.history.save(*record),
            Effect::Ended => self.overlays.focus_mode = false,
            Effect::BackToEditor => self.page = Page::Scripts,
        }
    }

    fn carry_out_all(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            self.carry_out(effect);
        }
    }

    /// The selected routine, as the flow starts it.
    fn selected_routine(&self) -> Option<Routine> {
        let entry = self.selected().and_then(|id| self.library.get(id))?;
        Some(Routine { id: entry.id.clone(), script: entry.script.clone(), length: Some(self.choice.length) })
    }

    pub(super) fn apply_editor(&mut self, ctx: &egui::Context, command: EditorCommand) {
        let (editor, cx) = self.editor_with_context();
        let outcome = editor.apply(command, &cx);
        self.editor_outcome(ctx, outcome);
        self.hand_over_editor_jobs();
    }

    /// What the disk thread finished: the library loaded again, or the editor's file work.
    pub(super) fn take_in_disk(&mut self, ctx: &egui::Context) {
        for done in self.disk.poll() {
            match done {
                Done::Library(library) => {
                    self.library = *library;
                    self.library.add_problems(self.scripts.not_watched.clone());
                    self.fix_selection();
                }
                Done::Editor(done) => {
                    let (editor, cx) = self.editor_with_context();
                    for outcome in editor.on_done(done, &cx) {
                        self.editor_outcome(ctx, outcome);
                    }
                }
                Done::Voice(VoiceDone::Clip { scan_id, step, clip }) => {
                    self.take_in_clip(&scan_id, step, clip);
                }
                Done::Voice(done) => self.take_in_voice(ctx, done),
            }
        }
        self.hand_over_editor_jobs();
    }

    /// Gives the editor's file work to the disk thread, in order.
    pub(super) fn hand_over_editor_jobs(&mut self) {
        for job in self.editor.take_jobs() {
            self.disk.submit(move || Done::Editor(job()));
        }
    }

    fn editor_outcome(&mut self, ctx: &egui::Context, outcome: Outcome) {
        match outcome {
            Outcome::Nothing => {}
            Outcome::Reload => self.reload_library(),
            Outcome::Try(script) => {
                let id = self.editor.doc.as_ref().map_or_else(String::new, |d| d.id.clone());
                self.page = Page::Practice;
                self.flow.try_out(&Routine { id, script: *script, length: None }, &self.library, self.now);
            }
            Outcome::Close => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// The editor, and what it works with (borrowed beside it).
    fn editor_with_context(&mut self) -> (&mut EditorState, Context<'_>) {
        let cx = Context {
            root: self.scripts.dir.as_deref(),
            library: &self.library,
            now: self.now.clock,
            stamp: self.clock.stamp(),
        };
        (&mut self.editor, cx)
    }

    /// Loads the library again after files changed, on the disk thread.
    fn reload_library(&mut self) {
        let dir = self.scripts.dir.clone();
        self.disk.submit(move || Done::Library(Box::new(crate::library::load(dir.as_deref()))));
    }

    /// Tells the window what changed: full screen for focus mode.
    fn sync_viewport(&mut self, ctx: &egui::Context) {
        if self.fullscreen != self.overlays.focus_mode {
            self.fullscreen = self.overlays.focus_mode;
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.fullscreen));
        }
    }
}
