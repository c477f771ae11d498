//! Laying out the window: the top bar, the page on show and the windows over it. Every view
//! reads state and returns commands; nothing here changes the app's state.

use egui::RichText;
use unbrace_core::practice::flow::Stage;
use unbrace_core::script::Script;

use super::UnbraceApp;
use crate::breathing::view::{self, Layouted};
use crate::command::Command;
use crate::history::check_in_view::{self, Form};
use crate::history::view::HistoryInput;
use crate::navigation::{Page, Window};
use crate::{
    body_scan, editor, help_view, history, picker, problems_view, settings_view, sound_view, theme,
    voice_view,
};

impl UnbraceApp {
    /// Lays out the window; call once a frame after [`Self::run_logic`].
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        let practising = self.flow.is_practising();

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
            };
            egui::CentralPanel::default().frame(theme::central_frame()).show(ui, |ui| {
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
        let speech = settings_view::Speech { status: self.voice.status(), voices: self.voice.voices() };
        commands.extend(settings_view::window_ui(
            &ctx,
            &self.settings,
            &self.sound.status(),
            &speech,
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
        ui.horizontal(|ui| {
            ui.label(RichText::new("Unbrace").size(theme::BODY_SIZE).color(theme::palette().muted));
            ui.add_space(theme::GAP);
            if !practising {
                for (page, label) in Page::ALL {
                    let here = self.page == page;
                    if ui.selectable_label(here, label).clicked() && !here {
                        commands.push(Command::ShowPage(page));
                    }
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                // Light links, framed only under the mouse or the keyboard's focus: small
                // padding, so the row fits beside the pages at any text size.
                ui.spacing_mut().button_padding = egui::vec2(6.0, 3.0);
                let help = egui::Button::new(RichText::new("Help").small()).frame_when_inactive(false);
                if ui.add(help).clicked() {
                    commands.push(Command::ShowHelp(true));
                }
                let settings =
                    egui::Button::new(RichText::new("Settings").small()).frame_when_inactive(false);
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
                    let text =
                        RichText::new("History needs attention").small().color(theme::palette().caution);
                    if ui.add(egui::Button::new(text).frame_when_inactive(false)).clicked() {
                        commands.push(Command::ShowPage(Page::History));
                    }
                }
            });
        });
    }

    fn practice_area_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let now = self.now.clock;
        if self.flow.is_choosing() && !self.overlays.focus_mode {
            egui::Panel::left("routines")
                .frame(theme::panel_frame())
                .resizable(false)
                // Narrower on a small window or with large text, so the practice area keeps room.
                .exact_size((ui.available_width() * 0.4).min(360.0))
                .show(ui, |ui| {
                    commands.extend(picker::picker_ui(ui, &self.library, self.choice.kind, self.selected()));
                });
        }
        let mut layouted = Layouted::default();
        let mut scan_wait = None;
        egui::CentralPanel::default().frame(theme::central_frame()).show(ui, |ui| match self.flow.stage() {
            Stage::Ready => match self.selected().and_then(|id| self.library.get(id)).map(|e| &e.script) {
                Some(Script::BodyScan(scan)) => body_scan::view::ready_ui(ui, scan, commands),
                Some(Script::Pattern(pattern)) => {
                    view::ready_ui(ui, Some(pattern), self.choice.length, commands);
                }
                None => view::ready_ui(ui, None, self.choice.length, commands),
            },
            Stage::CheckIn { draft, .. } => {
                check_in_view::check_in_ui(ui, draft, Form::Before, self.settings.check_ins, commands);
            }
            Stage::Breathing(session) => {
                let looks = view::Looks {
                    focus_mode: self.overlays.focus_mode,
                    reduced_motion: self.settings.reduced_motion,
                };
                layouted = view::practice_ui(ui, session, now, looks, commands);
            }
            Stage::Scanning(session) => {
                scan_wait =
                    body_scan::view::practice_ui(ui, session, now, self.settings.reduced_motion, commands);
            }
            Stage::CheckOut { draft, before, .. } => {
                let form = Form::After { before: before.as_ref() };
                check_in_view::check_in_ui(ui, draft, form, self.settings.check_ins, commands);
            }
            Stage::Done(summary) => view::summary_ui(ui, summary, commands),
        });
        self.repaint.geometry = layouted.geometry;
        self.repaint.scan_due = scan_wait.map(|w| now + w);
    }
}
