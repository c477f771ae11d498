//! Laying out the window: the top bar, the page on show and the windows over it. Every view
//! reads state and returns commands; nothing here changes the app's state.

use egui::RichText;
use unbrace_core::practice::flow::Stage;
use unbrace_core::script::Script;

use super::UnbraceApp;
use crate::breathing::heart_view;
use crate::breathing::view::{self, Layouted};
use crate::command::Command;
use crate::history::check_in_view::{self, Form};
use crate::history::view::HistoryInput;
use crate::hrv::assessment_view::{self, AssessmentInput};
use crate::hrv::strap_view::StrapInput;
use crate::navigation::{Page, Window};
use crate::reminders_view::RemindersInput;
use crate::{
    body_scan, editor, help_view, history, picker, problems_view, settings_view, sound_view, theme,
    voice_view,
};

impl UnbraceApp {
    /// Lays out the window; call once a frame after [`Self::run_logic`].
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        // The pages stay out of reach while a practice or the assessment is on.
        let practising = self.flow.is_practising() || self.heart.assessment.is_some();

        if !self.overlays.focus_mode {
            egui::Panel::top("top").frame(theme::panel_frame()).show(ui, |ui| {
                self.top_bar_ui(ui, practising, &mut commands);
            });
            if self.sound.notice_showing(true) {
                egui::Panel::top("sound_notice").frame(theme::panel_frame()).show(ui, |ui| {
                    sound_view::notice_ui(ui, &mut commands);
                });
            }
            let no_speech = self.voice.notice_showing(true);
            if no_speech || self.voice.clip_notice.is_some() {
                egui::Panel::top("voice_notice").frame(theme::panel_frame()).show(ui, |ui| {
                    voice_view::notice_ui(ui, no_speech, self.voice.clip_notice.as_deref(), &mut commands);
                });
            }
        }
        if self.page == Page::Scripts && !practising {
            if let Some(takes) = self.takes_input() {
                egui::Panel::bottom("voice_takes").frame(theme::panel_frame()).resizable(false).show(
                    ui,
                    |ui| {
                        crate::voice::record_view::takes_ui(ui, &takes, &mut commands);
                    },
                );
            }
            let mut editor_commands = Vec::new();
            editor::view::editor_ui(
                ui,
                &mut self.editor,
                &self.library,
                self.scripts.dir.as_deref(),
                &mut editor_commands,
            );
            commands.extend(editor_commands.into_iter().map(Command::Editor));
        } else if self.page == Page::History && !practising {
            let alert = self.history.alert();
            let input = HistoryInput {
                records: self.history.records(),
                version: self.history.version(),
                now: self.clock.local_now(),
                show_streak: self.settings.show_streak,
                message: self.history.message(),
                alert: alert.as_deref(),
                can_undo: self.history.can_undo(),
                reminders: self.history.reminders(),
                reminders_version: self.history.reminders_version(),
            };
            egui::CentralPanel::default().frame(theme::central_frame_for(ui)).show(ui, |ui| {
                history::view::history_ui(ui, &mut self.history_panel, &input, &mut commands);
            });
        } else {
            self.practice_area_ui(ui, &mut commands);
        }
        let ctx = ui.ctx().clone();
        let window = self.overlays.window;
        commands.extend(problems_view::window_ui(
            &ctx,
            self.library.problems(),
            window == Some(Window::Problems),
        ));
        commands.extend(help_view::window_ui(&ctx, window == Some(Window::Help)));
        let paused = self.paused_text();
        let reminders = RemindersInput {
            reminders: self.library.reminders(),
            paused: paused.as_deref(),
            sources: self.reminders.sources(),
            problems: self.reminders.problems(),
            tray: self.reminders.has_tray(),
            autostart: self.presence.autostart.as_ref().map(|_| self.presence.autostart_on == Some(true)),
            message: self.presence.message.as_deref(),
        };
        let strap = StrapInput {
            status: self.heart.model.status(),
            searching: self.heart.model.is_searching(),
            found: self.heart.model.found(),
            chosen: self.settings.heart_strap.as_ref(),
        };
        let speech = settings_view::Speech { status: self.voice.status(), voices: self.voice.voices() };
        commands.extend(settings_view::window_ui(
            &ctx,
            &self.settings,
            &self.sound.status(),
            &speech,
            &reminders,
            &strap,
            window == Some(Window::Settings),
        ));
        let mut editor_commands = Vec::new();
        editor::view::dialogs_ui(&ctx, &mut self.editor, &mut editor_commands);
        commands.extend(editor_commands.into_iter().map(Command::Editor));
        if !self.settings.safety_note_seen {
            commands.extend(help_view::first_start_ui(&ctx));
        }

        self.commands.extend(commands);
        self.apply(&ctx);
        self.sync_voice();
        self.sync_takes();
        self.sync_sound();
        self.schedule_repaint(&ctx);
    }

    fn top_bar_ui(&self, ui: &mut egui::Ui, practising: bool, commands: &mut Vec<Command>) {
        // Everything on one row where it fits; in a narrow window (or with large text) the
        // pages keep the first row and the links move to a second, right-aligned.
        // A practice shows only the links: one row always.
        let wide = ui.available_width() >= 620.0;
        let one_row = wide || practising;
        ui.horizontal(|ui| {
            if wide {
                ui.label(RichText::new("Unbrace").size(theme::BODY_SIZE).color(theme::palette().muted));
                ui.add_space(theme::GAP);
            }
            if !practising {
                for (page, label) in Page::ALL {
                    let here = self.page == page;
                    if ui.selectable_label(here, label).clicked() && !here {
                        commands.push(Command::ShowPage(page));
                    }
                }
            } else if self.heart.figures_on_top && self.heart.model.is_connected() {
                let now = self.now.clock;
                let figures = self.heart.model.figures(now);
                let input = heart_view::HeartInput {
                    trace: &[],
                    figures: &figures,
                    contact: self.heart.model.contact(),
                    now,
                    level_at: &|_| None,
                };
                heart_view::top_bar_ui(ui, &input);
            }
            if one_row {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    self.links_ui(ui, commands);
                });
            }
        });
        if !one_row {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center).with_main_wrap(true), |ui| {
                self.links_ui(ui, commands);
            });
        }
    }

    /// Help, Settings, and what needs saying: sound off, files with problems, the history.
    fn links_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        // Light links, framed only under the mouse or the keyboard's focus: small padding.
        ui.spacing_mut().button_padding = egui::vec2(6.0, 3.0);
        let help = egui::Button::new(RichText::new("Help").small()).frame_when_inactive(false);
        if ui.add(help).clicked() {
            commands.push(Command::ShowHelp(true));
        }
        let settings = egui::Button::new(RichText::new("Settings").small()).frame_when_inactive(false);
        if ui.add(settings).clicked() {
            commands.push(Command::ShowSettings(true));
        }
        // M turns the cues off: say so, where a click turns them on again.
        if !self.settings.sound.on {
            let off = RichText::new("Sound off (M)").small().color(theme::palette().muted);
            if ui.add(egui::Button::new(off).frame_when_inactive(false)).clicked() {
                commands.push(Command::ToggleSound);
            }
        }
        commands.extend(problems_view::notice_ui(ui, self.library.problems()));
        if self.history.alert().is_some() && self.page != Page::History {
            let text = RichText::new("History needs attention").small().color(theme::palette().caution);
            if ui.add(egui::Button::new(text).frame_when_inactive(false)).clicked() {
                commands.push(Command::ShowPage(Page::History));
            }
        }
    }

    fn practice_area_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let now = self.now.clock;
        if self.heart.assessment.is_some() {
            self.assessment_area_ui(ui, commands);
            return;
        }
        let offer_assessment = self.heart.model.is_connected();
        if self.flow.is_choosing() && !self.overlays.focus_mode {
            egui::Panel::left("routines")
                .frame(theme::panel_frame())
                .resizable(false)
                // Narrower on a small window or with large text, so the practice area keeps room.
                .exact_size((ui.available_width() * 0.4).min(360.0))
                .show(ui, |ui| {
                    commands.extend(picker::picker_ui(
                        ui,
                        &self.library,
                        self.choice.kind,
                        self.selected(),
                        offer_assessment,
                    ));
                });
        }
        let mut layouted = Layouted::default();
        let mut scan_wait = None;
        let mut figures_on_top = false;
        egui::CentralPanel::default().frame(theme::central_frame_for(ui)).show(ui, |ui| {
            match self.flow.stage() {
                Stage::Ready => {
                    match self.selected().and_then(|id| self.library.get(id)).map(|e| &e.script) {
                        Some(Script::BodyScan(scan)) => body_scan::view::ready_ui(ui, scan, commands),
                        Some(Script::Pattern(pattern)) => {
                            view::ready_ui(ui, Some(pattern), self.choice.length, commands);
                        }
                        None => view::ready_ui(ui, None, self.choice.length, commands),
                    }
                }
                Stage::CheckIn { draft, .. } => {
                    check_in_view::check_in_ui(ui, draft, Form::Before, self.settings.check_ins, commands);
                }
                Stage::Breathing(session) => {
                    let looks = view::Looks {
                        focus_mode: self.overlays.focus_mode,
                        reduced_motion: self.settings.reduced_motion,
                    };
                    // The heart beside the breath, below the practice, when beats come in and
                    // there is room for it.
                    let strip = heart_view::strip_size(ui.available_height());
                    figures_on_top = strip.is_none();
                    if let Some(size) = strip.filter(|_| self.heart.model.is_connected() && !looks.focus_mode)
                    {
                        let trace = self.heart.model.trace(now);
                        let figures = self.heart.model.figures(now);
                        let axis = &self.heart.axis;
                        let level_at =
                            |at| axis.elapsed_at(at).map(|elapsed| session.timeline().at(elapsed).level);
                        let input = heart_view::HeartInput {
                            trace: &trace,
                            figures: &figures,
                            contact: self.heart.model.contact(),
                            now,
                            level_at: &level_at,
                        };
                        egui::Panel::bottom("heart")
                            .frame(egui::Frame::NONE.inner_margin(egui::Margin {
                                left: 0,
                                right: 0,
                                top: 4,
                                bottom: 10,
                            }))
                            .show(ui, |ui| heart_view::strip_ui(ui, &input, size));
                    }
                    layouted = view::practice_ui(ui, session, now, looks, commands);
                }
                Stage::Scanning(session) => {
                    scan_wait = body_scan::view::practice_ui(
                        ui,
                        session,
                        now,
                        self.settings.reduced_motion,
                        commands,
                    );
                }
                Stage::CheckOut { draft, before, .. } => {
                    let form = Form::After { before: before.as_ref() };
                    check_in_view::check_in_ui(ui, draft, form, self.settings.check_ins, commands);
                }
                Stage::Done(summary) => view::summary_ui(ui, summary, commands),
            }
        });
        self.repaint.geometry = layouted.geometry;
        self.repaint.scan_due = scan_wait.map(|w| now + w);
        self.heart.figures_on_top = figures_on_top;
    }

    /// "Find your breathing rate", in place of the practice area.
    fn assessment_area_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let Some(run) = &self.heart.assessment else {
            return;
        };
        let now = self.now.clock;
        let running = run.pacer(now).is_some();
        let trace = if running { self.heart.model.trace(now) } else { Vec::new() };
        let figures = self.heart.model.figures(now);
        let level_at = |at| run.level_at(at);
        let heart = running.then(|| heart_view::HeartInput {
            trace: &trace,
            figures: &figures,
            contact: self.heart.model.contact(),
            now,
            level_at: &level_at,
        });
        let input = AssessmentInput {
            run,
            now,
            connected: self.heart.model.is_connected(),
            heart,
            can_save: self.scripts.dir.is_some(),
        };
        egui::CentralPanel::default().frame(theme::central_frame_for(ui)).show(ui, |ui| {
            assessment_view::assessment_ui(ui, &input, commands);
        });
    }
}
