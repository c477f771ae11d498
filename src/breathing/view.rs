//! The breathing view: the shape as the hero, the phase in words, the count of breaths, the
//! time, and the controls. Reads state and returns commands; changes nothing itself.

use std::time::Duration;

use egui::{Align, Layout, RichText, Ui};
use unbrace_core::practice::summary::Summary;

use super::shape::{self, Radii, ShapeState};
use crate::command::Command;
use crate::theme;
use unbrace_core::breathing::pattern::{Length, Pattern};
use unbrace_core::breathing::repaint::Geometry;
use unbrace_core::breathing::session::BreathingSession;

/// What the view measured this frame, for the repaint schedule.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Layouted {
    pub geometry: Option<Geometry>,
}

/// Before a practice: the selected pattern, its length and a Start button.
pub fn ready_ui(ui: &mut Ui, pattern: Option<&Pattern>, length: Length, commands: &mut Vec<Command>) {
    // Scrolls when the window is short or the text large, so Start is always reachable.
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ready_content_ui(ui, pattern, length, commands);
    });
}

fn ready_content_ui(ui: &mut Ui, pattern: Option<&Pattern>, length: Length, commands: &mut Vec<Command>) {
    let Some(pattern) = pattern else {
        ui.centered_and_justified(|ui| {
            ui.label(RichText::new("Choose a breathing pattern on the left.").color(theme::palette().muted));
        });
        return;
    };
    ui.vertical_centered(|ui| {
        ui.add_space(theme::GAP);
        ui.label(RichText::new(pattern.name.as_str()).size(theme::PHASE_WORDS_SIZE));
        ui.label(RichText::new(pattern.rhythm_described()).color(theme::palette().muted));
        ui.add_space(theme::GAP);
        let below = 190.0;
        let side = (ui.available_height() - below).min(ui.available_width()).clamp(80.0, 420.0);
        let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
        shape::paint(
            ui,
            rect,
            ShapeState { level: 0.0, hold: false, countdown: None, reduced_motion: false },
        );
        ui.add_space(theme::GAP);
        length_ui(ui, length, commands);
        ui.add_space(theme::GAP / 2.0);
        let start = egui::Button::new(RichText::new("Start").size(theme::HEADING_SIZE))
            .min_size(egui::vec2(180.0, 52.0))
            .fill(theme::faded(theme::palette().breath, 0.35));
        if ui.add(start).clicked() {
            commands.push(Command::Start);
        }
        ui.label(RichText::new("Space starts · F11 focus mode").small().color(theme::palette().muted));
    });
}

fn length_ui(ui: &mut Ui, length: Length, commands: &mut Vec<Command>) {
    let (mut value, max, unit, make): (u32, u32, &str, fn(u32) -> Length) = match length {
        Length::Minutes(n) => (n, unbrace_core::breathing::pattern::MAX_MINUTES, "minutes", Length::Minutes),
        Length::Cycles(n) => (n, unbrace_core::breathing::pattern::MAX_CYCLES, "breaths", Length::Cycles),
    };
    // Centre a small row: measure it by laying it out in a fixed-width group.
    ui.scope(|ui| {
        ui.set_max_width(260.0);
        ui.horizontal(|ui| {
            let label = ui.label("Length");
            let drag =
                ui.add(egui::DragValue::new(&mut value).range(1..=max).speed(0.2)).labelled_by(label.id);
            ui.label(unit);
            if drag.changed() {
                commands.push(Command::SetLength(make(value)));
            }
        });
    });
}

/// During a practice: the shape, the words, the time and the controls.
/// How the practice view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Looks {
    /// Only the words and the shape, full screen.
    pub focus_mode: bool,
    /// Brightness instead of size.
    pub reduced_motion: bool,
}

pub fn practice_ui(
    ui: &mut Ui,
    session: &BreathingSession,
    now: Duration,
    looks: Looks,
    commands: &mut Vec<Command>,
) -> Layouted {
    let focus_mode = looks.focus_mode;
    let moment = session.moment(now);
    let phase = &session.pattern().phases()[moment.phase_index];
    let countdown =
        moment.phase_remaining().as_secs() + u64::from(moment.phase_remaining().subsec_nanos() > 0);
    let paused = session.is_paused();
    let ppp = f64::from(ui.ctx().pixels_per_point());

    let mut progress_width_px = 0.0;
    if !focus_mode {
        // The thin progress line along the bottom edge, drawn first so it stays in place.
        #[expect(clippy::cast_possible_truncation, reason = "a fraction 0..1 for drawing")]
        progress_line(ui, moment.progress() as f32);
        progress_width_px = f64::from(ui.max_rect().width()) * ppp;
    }

    // A short window (or large text): smaller words and gaps, the times on one line.
    let compact = ui.available_height() < 480.0;
    let gap = if compact { theme::GAP / 2.0 } else { theme::GAP };
    let mut geometry = None;
    ui.vertical_centered(|ui| {
        let words = if paused { "Paused" } else { moment.kind.words() };
        ui.add_space(gap);
        let words_size = if compact { theme::HEADING_SIZE } else { theme::PHASE_WORDS_SIZE };
        let words_label = ui.label(RichText::new(words).size(words_size));
        // "Breathe in", "Hold", "Breathe out" are read out as they change.
        crate::a11y::announce_changes(ui, &words_label);
        let cue = if phase.cue.is_empty() { " " } else { phase.cue.as_str() };
        ui.label(RichText::new(cue).color(theme::palette().muted));
        ui.add_space(gap);

        let below = match (focus_mode, compact) {
            (true, _) => 24.0,
            // One line of times, a gap and the buttons.
            (false, true) => 92.0,
            (false, false) => 150.0,
        };
        let side = (ui.available_height() - below).min(ui.available_width()).max(60.0);
        let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
        #[expect(clippy::cast_possible_truncation, reason = "a level 0..1 for drawing")]
        let level = moment.level as f32;
        let hold = moment.kind.is_hold();
        let reduced_motion = looks.reduced_motion;
        shape::paint(ui, rect, ShapeState { level, hold, countdown: Some(countdown), reduced_motion });
        // Screen readers hear the seconds painted at the centre.
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Image,
                true,
                format!("{countdown} seconds left in this phase"),
            )
        });
        geometry = Some(Geometry {
            // With reduced motion, a frame per step of brightness (about 1.5 % each).
            shape_travel_px: if reduced_motion {
                64.0
            } else {
                f64::from(Radii::for_rect(rect).travel()) * ppp
            },
            progress_width_px,
        });

        if focus_mode {
            return;
        }
        ui.add_space(gap / 2.0);
        let breaths = session.timeline().total_cycles();
        let breath = (moment.cycle + 1).min(breaths);
        let count = format!("Breath {breath} of {breaths}");
        let times =
            format!("{} done · {} to go", clock_text(moment.elapsed), clock_text_ceil(moment.remaining()));
        let muted = theme::palette().muted;
        if compact {
            ui.label(RichText::new(format!("{count} · {times}")).color(muted));
        } else {
            ui.label(RichText::new(count).color(muted));
            ui.label(RichText::new(times).color(muted));
        }
        ui.add_space(gap / 2.0);
        let button_size = egui::vec2(120.0, if compact { 32.0 } else { 40.0 });
        ui.scope(|ui| {
            ui.set_max_width(300.0);
            ui.columns(2, |cols| {
                cols[0].with_layout(Layout::right_to_left(Align::Center), |ui| {
                    let label = if paused { "Resume" } else { "Pause" };
                    if ui.add(egui::Button::new(label).min_size(button_size)).clicked() {
                        commands.push(Command::TogglePause);
                    }
                });
                cols[1].with_layout(Layout::left_to_right(Align::Center), |ui| {
                    if ui.add(egui::Button::new("Stop").min_size(button_size)).clicked() {
                        commands.push(Command::Stop);
                    }
                });
            });
        });
    });
    Layouted { geometry }
}

/// The thin progress line along the bottom edge of the area, `done` (0 to 1) of it filled.
/// The filled part and the rest of the track lie side by side, so only
/// the filled part's rounded end is painted over the track.
pub fn progress_line(ui: &Ui, done: f32) {
    let full = ui.max_rect();
    let bar = egui::Rect::from_min_max(egui::pos2(full.left(), full.bottom() - 4.0), full.right_bottom());
    let rounding = 2.0;
    let split = bar.left() + bar.width() * done.clamp(0.0, 1.0);
    let filled = egui::Rect::from_min_max(bar.min, egui::pos2(split, bar.bottom()));
    let rest_left = split - rounding;
    let rest = if rest_left <= bar.left() {
        (bar, egui::CornerRadius::same(2))
    } else {
        let square_left = egui::CornerRadius { nw: 0, sw: 0, ne: 2, se: 2 };
        (egui::Rect::from_min_max(egui::pos2(rest_left, bar.top()), bar.max), square_left)
    };
    if rest.0.width() > 0.0 {
        ui.painter().rect_filled(rest.0, rest.1, theme::palette().raised);
    }
    if filled.width() > 0.0 {
        ui.painter().rect_filled(filled, rounding, theme::faded(theme::palette().breath, 0.7));
    }
}

/// After a practice: a quiet word and the choice to go again.
pub fn summary_ui(ui: &mut Ui, summary: &Summary, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.25);
        let title = if summary.completed { "Well done" } else { "Practice ended" };
        ui.label(RichText::new(title).size(theme::PHASE_WORDS_SIZE));
        ui.add_space(theme::GAP / 2.0);
        ui.label(
            RichText::new(format!(
                "{} of {} · {}",
                clock_text(summary.practised),
                summary.routine_name,
                summary.done
            ))
            .color(theme::palette().muted),
        );
        if let Some(change) = summary.change() {
            ui.label(RichText::new(change).color(theme::palette().muted));
        } else if !summary.noticed {
            ui.label(RichText::new("Take a moment to notice how you feel.").color(theme::palette().muted));
        }
        ui.add_space(theme::GAP * 1.5);
        ui.scope(|ui| {
            ui.set_max_width(300.0);
            ui.columns(2, |cols| {
                cols[0].with_layout(Layout::right_to_left(Align::Center), |ui| {
                    if ui.add(egui::Button::new("Again").min_size(egui::vec2(120.0, 40.0))).clicked() {
                        commands.push(Command::Start);
                    }
                });
                cols[1].with_layout(Layout::left_to_right(Align::Center), |ui| {
                    if ui.add(egui::Button::new("Done").min_size(egui::vec2(120.0, 40.0))).clicked() {
                        commands.push(Command::Dismiss);
                    }
                });
            });
        });
    });
}

/// `m:ss`, rounded down (time done).
#[must_use]
pub fn clock_text(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}", s / 60, s % 60)
}

/// `m:ss`, rounded up (time left), so it reaches 0:00 only at the very end.
#[must_use]
pub fn clock_text_ceil(d: Duration) -> String {
    clock_text(Duration::from_secs(d.as_secs() + u64::from(d.subsec_nanos() > 0)))
}
