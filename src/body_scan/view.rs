//! The body-scan view: the prompt large and calm, where attention goes, how long is left, the
//! body map, a preview of the next step, and the breathing shape when a step paces breath.
//! Reads state and returns commands.

use std::time::Duration;

use egui::{RichText, Ui};

use super::body_map;
use crate::breathing::shape::{self, Radii, ShapeState};
use crate::breathing::view::{clock_text_ceil, progress_line};
use crate::command::Command;
use crate::theme;
use unbrace_core::body_scan::script::BodyScan;
use unbrace_core::body_scan::session::ScanSession;
use unbrace_core::breathing::repaint::{self, Geometry};

/// How long a new step's prompt takes to fade in.
pub const FADE_IN: Duration = Duration::from_millis(800);
/// A comfortable line length for the prompt, in points.
const PROMPT_WIDTH: f32 = 620.0;

/// Before a scan: what it is, how to settle, and a Start button.
pub fn ready_ui(ui: &mut Ui, scan: &BodyScan, commands: &mut Vec<Command>) {
    // Scrolls when the window is short or the text large, so Start is always reachable.
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| ready_content_ui(ui, scan, commands));
}

fn ready_content_ui(ui: &mut Ui, scan: &BodyScan, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.set_max_width(PROMPT_WIDTH);
        ui.add_space(theme::GAP * 2.0);
        ui.label(RichText::new(scan.name.as_str()).size(theme::PHASE_WORDS_SIZE));
        let minutes = Duration::from_millis(scan.total_millis());
        ui.label(
            RichText::new(format!("{} · {} steps", clock_text_ceil(minutes), scan.steps().len()))
                .color(theme::palette().muted),
        );
        ui.add_space(theme::GAP);
        ui.label(RichText::new(scan.summary.as_str()).size(theme::BODY_SIZE + 2.0));
        if !scan.posture.is_empty() {
            ui.add_space(theme::GAP / 2.0);
            ui.label(RichText::new(scan.posture.as_str()).color(theme::palette().muted));
        }
        ui.add_space(theme::GAP);
        let side = (ui.available_height() - 170.0).clamp(80.0, 320.0);
        let (rect, _) =
            ui.allocate_exact_size(egui::vec2(side * body_map::aspect(), side), egui::Sense::hover());
        let first =
            scan.steps().first().map_or(unbrace_core::body_scan::region::Region::WholeBody, |s| s.region);
        body_map::paint(ui, rect, &[first].into(), &std::collections::HashSet::new());
        ui.add_space(theme::GAP);
        let start = egui::Button::new(RichText::new("Start").size(theme::HEADING_SIZE))
            .min_size(egui::vec2(180.0, 52.0))
            .fill(theme::faded(theme::palette().breath, 0.35));
        if ui.add(start).clicked() {
            commands.push(Command::Start);
        }
        ui.label(RichText::new(scan.source.as_str()).small().italics().color(theme::palette().muted));
    });
}

/// During a scan. Returns when the next frame is needed.
pub fn practice_ui(
    ui: &mut Ui,
    session: &ScanSession,
    now: Duration,
    reduced_motion: bool,
    commands: &mut Vec<Command>,
) -> Option<Duration> {
    let position = session.position(now);
    let steps = session.scan().steps();
    let step = &steps[position.step];
    let paused = session.is_paused();
    let ppp = f64::from(ui.ctx().pixels_per_point());

    // A thin progress line along the bottom edge.
    let planned = position.practised + position.total_left;
    let done = if planned.is_zero() { 1.0 } else { position.practised.as_secs_f32() / planned.as_secs_f32() };
    progress_line(ui, done);

    // Motion eases: a new prompt fades in gently.
    let fade =
        if paused { 1.0 } else { (position.in_step.as_secs_f32() / FADE_IN.as_secs_f32()).clamp(0.0, 1.0) };
    let alpha = 0.5 - 0.5 * (std::f32::consts::PI * fade).cos();
    let breathing = session.breathing(&position);
    let mut shape_travel_px = 0.0;

    // Large text or a small window: tighter spacing and the controls kept in view.
    let compact = ui.available_height() < 480.0 || ui.available_width() < 700.0;

    // The controls along the bottom, across the whole width, always in view.
    egui::Panel::bottom("scan_controls").frame(egui::Frame::new()).resizable(false).show(ui, |ui| {
        controls_ui(ui, paused, compact, commands);
    });

    let map_width = (ui.available_width() * 0.34).clamp(120.0, 420.0);
    egui::Panel::right("body_map").frame(egui::Frame::new()).exact_size(map_width).resizable(false).show(
        ui,
        |ui| {
            ui.vertical_centered(|ui| {
                if let Some((pattern, moment)) = breathing {
                    ui.label(RichText::new(moment.kind.words()).size(theme::HEADING_SIZE));
                    let side = (ui.available_width() * 0.6).min(200.0);
                    let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
                    let countdown = moment.phase_remaining().as_secs()
                        + u64::from(moment.phase_remaining().subsec_nanos() > 0);
                    #[expect(clippy::cast_possible_truncation, reason = "a level 0..1 for drawing")]
                    let level = moment.level as f32;
                    shape::paint(
                        ui,
                        rect,
                        ShapeState {
                            level,
                            hold: moment.kind.is_hold(),
                            countdown: Some(countdown),
                            reduced_motion,
                        },
                    );
                    shape_travel_px =
                        if reduced_motion { 64.0 } else { f64::from(Radii::for_rect(rect).travel()) * ppp };
                    ui.label(RichText::new(pattern.name.as_str()).small().color(theme::palette().muted));
                    ui.add_space(theme::GAP);
                }
                // Room under the figures for their "Front" and "Back" labels, at any text size.
                let height = (ui.available_height() - 36.0).max(0.0);
                let width = (height * body_map::aspect()).min(ui.available_width()).max(0.0);
                let (rect, response) = ui
                    .allocate_exact_size(egui::vec2(width, width / body_map::aspect()), egui::Sense::hover());
                body_map::paint(ui, rect, &[step.region].into(), &session.visited(&position));
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Image,
                        true,
                        format!("Body map: {}", step.region.label()),
                    )
                });
            });
        },
    );

    egui::CentralPanel::default().frame(egui::Frame::new()).show(ui, |ui| {
        // A long prompt in large text scrolls; the controls below stay put.
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.set_max_width(PROMPT_WIDTH.min(ui.available_width()));
                ui.add_space(if compact { theme::GAP } else { theme::GAP * 2.0 });
                let mut heading = step.region.label().to_owned();
                if let Some(kind) = step.kind.label() {
                    heading = format!("{heading} · {kind}");
                }
                if paused {
                    heading = format!("Paused · {heading}");
                }
                ui.label(RichText::new(heading).size(theme::BODY_SIZE).color(theme::palette().muted));
                ui.add_space(theme::GAP);
                let prompt = ui.label(
                    RichText::new(step.prompt.as_str())
                        .size(theme::HEADING_SIZE + 2.0)
                        .line_height(Some(40.0))
                        .color(theme::palette().text.gamma_multiply(alpha.max(0.02))),
                );
                // Each new prompt is read out.
                crate::a11y::announce_changes(ui, &prompt);
                ui.add_space(theme::GAP * 1.5);
                ui.label(
                    RichText::new(format!(
                        "Step {} of {} · {} left in this step · {} in all",
                        position.step + 1,
                        position.step_count,
                        clock_text_ceil(position.step_left()),
                        clock_text_ceil(position.total_left),
                    ))
                    .color(theme::palette().muted),
                );
                let next = match steps.get(position.step + 1) {
                    Some(next) => format!("Next: {} · {}", next.region.label(), preview(&next.prompt)),
                    None => "Last step".to_owned(),
                };
                ui.label(RichText::new(next).small().color(theme::faded(theme::palette().muted, 0.8)));
            });
        });
    });
    next_frame_in(&position, paused, fade, breathing.map(|(_, m)| m), shape_travel_px)
}

/// The start of a prompt, for the preview of the next step: its lines as one, cut at a word
/// near 90 characters (never in the middle of a sentence's first clause only).
fn preview(prompt: &str) -> String {
    const ABOUT: usize = 90;
    let whole = prompt.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    if whole.chars().count() <= ABOUT {
        return whole;
    }
    let cut: String = whole.chars().take(ABOUT).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':']))
}

/// Previous, pause, next, more time and stop, centred; the shortcuts under them when there
/// is room.
fn controls_ui(ui: &mut Ui, paused: bool, compact: bool, commands: &mut Vec<Command>) {
    let buttons = [
        ("Previous", Command::Previous),
        (if paused { "Resume" } else { "Pause" }, Command::TogglePause),
        ("Next", Command::Next),
        ("+30 s", Command::Extend),
        ("Stop", Command::Stop),
    ];
    let size = if compact { egui::vec2(84.0, 34.0) } else { egui::vec2(94.0, 40.0) };
    ui.add_space(theme::GAP / 2.0);
    // As many to a row as fit (all five, or three and two in a narrow window), each row centred.
    let spacing = ui.spacing().item_spacing.x;
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a small count of buttons")]
    let per_row =
        (((ui.available_width() + spacing) / (size.x + spacing)).floor() as usize).clamp(1, buttons.len());
    for row in buttons.chunks(per_row) {
        ui.horizontal(|ui| {
            #[expect(clippy::cast_precision_loss, reason = "five buttons")]
            let width = row.len() as f32 * (size.x + spacing);
            ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
            for (label, command) in row {
                if ui.add(egui::Button::new(*label).min_size(size)).clicked() {
                    commands.push(command.clone());
                }
            }
        });
    }
    if !compact {
        ui.vertical_centered(|ui| {
            ui.label(
                RichText::new("Space pause · arrow keys change step · + more time · Esc stop")
                    .small()
                    .color(theme::palette().muted),
            );
        });
    }
    // Clear of the progress line along the bottom edge.
    ui.add_space(theme::GAP / 2.0 + 4.0);
}

/// About once a second for a plain step; smoother while a prompt fades in or a breathing
/// shape moves; nothing while paused.
fn next_frame_in(
    position: &unbrace_core::body_scan::player::Position,
    paused: bool,
    fade: f32,
    breathing: Option<unbrace_core::breathing::timeline::Moment>,
    shape_travel_px: f64,
) -> Option<Duration> {
    if paused || position.finished {
        return None;
    }
    // The step's countdown changes at the next whole second; the step ends at its end.
    let left = position.step_left();
    let mut wait = repaint::until_countdown_ticks(left);
    if fade < 1.0 {
        wait = wait.min(Duration::from_millis(33));
    }
    if let Some(moment) = breathing {
        let geometry = Geometry { shape_travel_px, progress_width_px: 0.0 };
        if let Some(b) = repaint::next_frame_in(&moment, false, geometry) {
            wait = wait.min(b);
        }
    }
    Some(wait.max(repaint::MIN_FRAME_INTERVAL))
}

#[cfg(test)]
mod tests {
    use super::preview;

    #[test]
    fn the_preview_reads_past_the_first_line_and_comma() {
        assert_eq!(
            preview("And let them drop.\nNotice how they feel now, maybe a bit lower."),
            "And let them drop. Notice how they feel now, maybe a bit lower."
        );
        let long = preview(&"Breathe out slowly, and let the shoulders soften, ".repeat(4));
        assert!(long.ends_with('…') && long.chars().count() <= 91, "{long}");
        assert!(!long.contains(",…"));
    }
}
