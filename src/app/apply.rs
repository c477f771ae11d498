//! The one place where state changes: every command, whether the user asked for it or the
//! app noticed it (time passed, files changed, the window wants to close), is carried out
//! here, with the clock reading of the frame.

use unbrace_core::practice::flow::{Effect, Routine, Stage};
use unbrace_core::script::Script;

use unbrace_core::history::record::Status;
use unbrace_core::library::lookup;

use super::UnbraceApp;
use crate::command::Command;
use crate::disk::Done;
use crate::editor::state::{Context, EditorCommand, EditorState, Outcome};
use crate::hrv::HeartCommand;
use crate::hrv::assessment::{AssessmentRun, Saving, Stage as AssessmentStage, personal_pattern};
use crate::hrv::source::{SourceEvent, SourceRequest};
use crate::navigation::{Page, Window};
use crate::reminders::runner::ToReminders;
use crate::voice::jobs::VoiceDone;

impl UnbraceApp {
    /// Carries out the queued commands.
    pub(super) fn apply(&mut self, ctx: &egui::Context) {
        while !self.commands.is_empty() {
            for command in std::mem::take(&mut self.commands) {
                // Time passing and heartbeats change nothing on screen by themselves: the
                // views that show them ask for their own frames.
                let repaint =
                    !matches!(command, Command::Tick | Command::HeartEvent(SourceEvent::Beats { .. }));
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
                    if let Some(Effect::Save(record)) = effects.first() {
                        self.link_started_practice(&record.id);
                    }
                    self.carry_out_all(effects);
                }
                // A reminder's Start that began nothing (a practice was running) links nothing.
                self.presence.started_from = None;
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
            Command::Heart(command) => self.apply_heart(command),
            Command::HeartEvent(event) => self.take_heart_event(event),
            Command::Tick => {
                let effects = self.flow.tick(now);
                self.carry_out_all(effects);
                if let Some(run) = &mut self.heart.assessment {
                    run.tick(now.clock);
                }
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
                } else if !self.presence.quitting && self.reminders_on() && !self.reminders.has_tray() {
                    // No tray to come back from: the window stays, out of the way, so reminders
                    // keep coming. (With a tray it closes, and the app runs on in the tray.)
                    ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                    ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(true));
                }
            }
            Command::SetReminderEnabled { id, on } => self.switch_reminder(&id, on),
            Command::PauseReminders(pause) => self.reminders.tell(ToReminders::Pause(pause)),
            Command::ResumeReminders => self.reminders.tell(ToReminders::Resume),
            Command::SetAutostart(on) => self.set_autostart(on),
            Command::OpenWindow => {
                if self.presence.windowed {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(false));
                    ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
                } else {
                    self.presence.open_requested = true;
                }
            }
            Command::StartRoutine(id) => self.start_routine(&id, None),
            Command::StartRoutineNamed(name) => {
                if let Ok(entry) = lookup::find(&self.library, &name) {
                    let id = entry.id.clone();
                    self.start_routine(&id, None);
                } else {
                    self.presence.message =
                        Some(format!("No breathing pattern or body scan is named \"{name}\"."));
                    self.commands.push(Command::OpenWindow);
                }
            }
            Command::Quit => {
                self.presence.quitting = true;
                if self.presence.windowed {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Command::ReminderShown(shown) => self.reminder_shown(&shown),
            Command::ReminderAnswered(answer) => self.reminder_answered(answer),
            Command::ReminderSources(sources) => self.reminders.set_sources(sources),
            Command::ReminderProblem(problem) => self.reminders.add_problem(problem),
            Command::RemindersPausedUntil(until) => self.reminders.set_paused_until(until),
        }
    }

    /// Space: what the main button where the user is would do.
    fn primary(&mut self) {
        if let Some(run) = &self.heart.assessment {
            if run.stage() == &AssessmentStage::Intro && self.heart.model.is_connected() {
                self.commands.push(Command::Heart(HeartCommand::BeginAssessment));
            }
            return;
        }
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
        } else if let Some(run) = &self.heart.assessment {
            let command = if run.stage() == &AssessmentStage::Running {
                HeartCommand::StopAssessment
            } else {
                HeartCommand::CloseAssessment
            };
            self.commands.push(Command::Heart(command));
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
            Effect::Save(mut record) => {
                // The practice's heart figures go with every version of its record.
                self.heart.model.annotate(&mut record, self.now.clock);
                if record.status == Status::Finished {
                    self.practice_completed(&record.id);
                }
                self.history.save(*record);
            }
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
                    if let Some(id) =
                        self.heart.select_when_loaded.take_if(|id| self.library.get(id).is_some())
                    {
                        self.choice.kind = unbrace_core::script::ScriptKind::Breathing;
                        self.commands.push(Command::Select(id));
                    }
                }
                Done::Editor(done) => {
                    let (editor, cx) = self.editor_with_context();
                    for outcome in editor.on_done(done, &cx) {
                        self.editor_outcome(ctx, outcome);
                    }
                }
                Done::Reminders(done) => self.reminders_done(done),
                Done::Pattern(saved) => self.pattern_saved(saved),
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
            Outcome::OpenFolder(folder) => self.opener.open(folder),
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
    pub(super) fn reload_library(&mut self) {
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

/// The heart: the strap, and "Find your breathing rate".
impl UnbraceApp {
    fn apply_heart(&mut self, command: HeartCommand) {
        let now = self.now.clock;
        match command {
            HeartCommand::Search(on) => self.heart.model.request(SourceRequest::Search(on)),
            HeartCommand::UseStrap(strap) => {
                self.settings.heart_strap.clone_from(&strap);
                self.heart.model.request(SourceRequest::Use(strap));
                // Chosen: the search has done its job.
                self.heart.model.request(SourceRequest::Search(false));
            }
            HeartCommand::OpenAssessment => {
                if !self.flow.is_practising() {
                    self.heart.assessment = Some(AssessmentRun::new());
                    self.page = Page::Practice;
                }
            }
            HeartCommand::BeginAssessment => {
                if let Some(run) = &mut self.heart.assessment {
                    run.begin(now);
                }
            }
            HeartCommand::StopAssessment => {
                if let Some(run) = &mut self.heart.assessment {
                    run.stop(now);
                }
            }
            HeartCommand::CloseAssessment => self.heart.assessment = None,
            HeartCommand::SavePattern => self.save_personal_pattern(),
        }
    }

    fn take_heart_event(&mut self, event: SourceEvent) {
        let practising = self.flow.is_practising() && !self.flow.is_paused();
        let placed = self.heart.model.take(event, practising);
        if let Some(run) = &mut self.heart.assessment {
            run.beats(&placed);
        }
    }

    /// Writes a breathing pattern at the assessment's best rate to the scripts folder, on the
    /// disk thread, never over an existing file.
    fn save_personal_pattern(&mut self) {
        let Some(run) = &mut self.heart.assessment else {
            return;
        };
        let (Some(outcome), Some(root)) = (run.outcome(), self.scripts.dir.clone()) else {
            return;
        };
        if !matches!(run.saving, Saving::NotYet | Saving::Failed(_)) {
            return;
        }
        run.saving = Saving::UnderWay;
        let date = self.clock.local_now().strftime("%Y-%m-%d").to_string();
        self.disk.submit(move || {
            let mut why = String::new();
            for copy in 1..=20 {
                let (id, name, text) = personal_pattern(outcome.best_per_min, &date, copy);
                match crate::editor::files::create(&root, &id, &text) {
                    Ok(_) => return Done::Pattern(Ok((id, name))),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(e) => {
                        why = e.to_string();
                        break;
                    }
                }
            }
            Done::Pattern(Err(if why.is_empty() {
                "too many patterns of that name today".to_owned()
            } else {
                why
            }))
        });
    }

    fn pattern_saved(&mut self, saved: Result<(String, String), String>) {
        let saving = match saved {
            Ok((id, name)) => {
                self.heart.select_when_loaded = Some(id.clone());
                self.reload_library();
                Saving::Saved { name, id }
            }
            Err(why) => Saving::Failed(why),
        };
        if let Some(run) = &mut self.heart.assessment {
            run.saving = saving;
        }
    }
}
