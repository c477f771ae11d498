//! The heart beside the breath, during a breathing practice with a strap (or a replayed file)
//! connected: the heart rate of the last minute drawn over the breathing shape's own rise and
//! fall on one time axis (so the heart is seen to speed up on each inhale and slow on each
//! exhale), with RMSSD and coherence as calm numbers and the signal's quality in words.
//!
//! Nothing flashes: numbers change in place, the scale moves only in whole steps of 5 beats a
//! minute, and nothing is coloured as an alarm. Reads what it is given and draws; it keeps no
//! state and returns no command.

use std::time::Duration;

use egui::{Color32, Pos2, Rect, RichText, Stroke, Ui, epaint::Mesh};
use unbrace_core::hrv::live::{HeartRatePoint, LiveFigures, SignalQuality, TRACE_SECS};
use unbrace_core::hrv::measurement::SensorContact;
use unbrace_core::hrv::spectrum::Spectral;

use crate::theme;

/// The curve's height in a roomy window, and in a short one (or with large text).
const CURVE_HEIGHT: f32 = 84.0;
const CURVE_HEIGHT_COMPACT: f32 = 60.0;
/// The figures sit beside the curve from this width on, below it otherwise.
const SIDE_BY_SIDE_FROM: f32 = 560.0;
const FIGURES_WIDTH: f32 = 250.0;
/// Room the top bar keeps for its own controls (Settings, Help) at its right.
const TOP_BAR_KEEPS: f32 = 150.0;
/// Room on the curve's left for its scale.
const SCALE_GUTTER: f32 = 40.0;
/// The breath band's share of the curve's height.
const BREATH_SHARE: f32 = 0.55;
/// Breath samples across the minute.
const BREATH_SAMPLES: u32 = 240;
/// The heart-rate scale moves in steps of this many beats a minute, and spans at least two.
const SCALE_STEP_BPM: f64 = 5.0;

/// What the strip shows, at one moment.
pub struct HeartInput<'a> {
    pub trace: &'a [HeartRatePoint],
    pub figures: &'a LiveFigures,
    pub contact: SensorContact,
    /// Clock time now (the trace's time axis).
    pub now: Duration,
    /// The breathing shape's level (0 empty, 1 full) at a past clock time, where known.
    pub level_at: &'a dyn Fn(Duration) -> Option<f64>,
}

impl std::fmt::Debug for HeartInput<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HeartInput")
            .field("figures", self.figures)
            .field("now", &self.now)
            .finish_non_exhaustive()
    }
}

/// How much of the strip there is room for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StripSize {
    /// The curve at full height, the figures beside it.
    Full,
    /// A shorter curve.
    Compact,
    /// The figures on one line, without the curve.
    Figures,
}

/// The practice itself (words, shape, times, controls) needs about this much height: the
/// strip gives way first, then goes.
const PRACTICE_NEEDS: [(StripSize, f32); 3] =
    [(StripSize::Full, 580.0), (StripSize::Compact, 414.0), (StripSize::Figures, 288.0)];

/// The strip for a practice area of this height (before the strip takes its share); `None`
/// when the practice needs it all (a small window with large text).
#[must_use]
pub fn strip_size(available_height: f32) -> Option<StripSize> {
    PRACTICE_NEEDS.iter().find(|(_, needs)| available_height >= *needs).map(|(size, _)| *size)
}

/// The strip: the curve and the figures, laid out for the room there is.
pub fn strip_ui(ui: &mut Ui, input: &HeartInput<'_>, size: StripSize) {
    let curve_height = match size {
        StripSize::Full => CURVE_HEIGHT,
        StripSize::Compact => CURVE_HEIGHT_COMPACT,
        StripSize::Figures => {
            figures_ui(ui, input, Arrangement::Row);
            return;
        }
    };
    // The figures' lines sit close together, as one block.
    ui.spacing_mut().item_spacing.y = 2.0;
    if ui.available_width() >= SIDE_BY_SIDE_FROM {
        ui.horizontal(|ui| {
            let curve_width = ui.available_width() - FIGURES_WIDTH - theme::GAP;
            curve_ui(ui, input, egui::vec2(curve_width, curve_height));
            ui.add_space(theme::GAP - ui.spacing().item_spacing.x);
            ui.vertical(|ui| {
                ui.set_width(FIGURES_WIDTH);
                figures_ui(ui, input, Arrangement::Column);
            });
        });
    } else {
        curve_ui(ui, input, egui::vec2(ui.available_width(), curve_height));
        ui.add_space(4.0);
        figures_ui(ui, input, Arrangement::Row);
    }
}

/// The figures in the top bar, small, for a practice area with no room for the strip (a
/// small window with large text): the top bar has room while a practice runs.
pub fn top_bar_ui(ui: &mut Ui, input: &HeartInput<'_>) {
    figures_ui(ui, input, Arrangement::TopBar);
}

/// How the figures are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arrangement {
    /// One under the other, beside the curve.
    Column,
    /// On one line (wrapping), under the curve or alone.
    Row,
    /// On one line, small, in the top bar.
    TopBar,
}

/// RMSSD, coherence and the signal, in words a person reads at a glance.
fn figures_ui(ui: &mut Ui, input: &HeartInput<'_>, arrangement: Arrangement) {
    let muted = theme::palette().muted;
    let rmssd = match input.figures.rmssd {
        Some(r) if r.provisional => (format!("RMSSD {:.0} ms", r.rmssd_ms), "still settling"),
        Some(r) => (format!("RMSSD {:.0} ms", r.rmssd_ms), "last minute"),
        None => ("RMSSD –".to_owned(), "waiting for beats"),
    };
    let coherence = match input.figures.spectral {
        Spectral::Ready(f) => match f.peak {
            Some(peak) => (format!("Coherence {:.1}", peak.coherence_ratio), String::new()),
            None => ("Coherence –".to_owned(), "no rhythm yet".to_owned()),
        },
        Spectral::NeedsMore { have_secs, need_secs } => {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "whole seconds to wait"
            )]
            let wait = (need_secs - have_secs).max(0.0).ceil() as u64;
            ("Coherence –".to_owned(), format!("in about {wait} s"))
        }
    };
    let signal = signal_words(&input.figures.quality, input.contact);
    // Each figure with its qualifier after it, small; the signal on its own line.
    let figure = |ui: &mut Ui, value: &str, qualifier: &str| {
        ui.label(RichText::new(value));
        if !qualifier.is_empty() {
            ui.label(RichText::new(qualifier).small().color(muted));
        }
    };
    if arrangement == Arrangement::TopBar {
        // One short line that gives way to the top bar's own controls (cut short, never
        // pushing them off): the signal only when it is not good.
        let settling = if input.figures.rmssd.is_some_and(|r| r.provisional) { " (settling)" } else { "" };
        let signal = if input.figures.quality == SignalQuality::Good && input.contact != SensorContact::Lost {
            String::new()
        } else {
            format!(" · {signal}")
        };
        let text = format!("{}{settling} · {}{signal}", rmssd.0, coherence.0);
        ui.scope(|ui| {
            ui.set_max_width((ui.available_width() - TOP_BAR_KEEPS).max(0.0));
            ui.add(egui::Label::new(RichText::new(text).small().color(muted)).truncate());
        });
    } else if arrangement == Arrangement::Row {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 6.0;
            figure(ui, &rmssd.0, rmssd.1);
            ui.add_space(theme::GAP / 2.0);
            figure(ui, &coherence.0, &coherence.1);
            ui.add_space(theme::GAP / 2.0);
            ui.label(RichText::new(&signal).small().color(muted));
        });
    } else {
        for (value, qualifier) in [(rmssd.0.as_str(), rmssd.1), (coherence.0.as_str(), coherence.1.as_str())]
        {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 6.0;
                figure(ui, value, qualifier);
            });
        }
        ui.label(RichText::new(&signal).small().color(muted));
    }
}

/// The signal's quality in words (never an alarm).
#[must_use]
pub fn signal_words(quality: &SignalQuality, contact: SensorContact) -> String {
    match (quality, contact) {
        (_, SensorContact::Lost) => "Signal: the strap has no skin contact (moisten its pads)".to_owned(),
        (SignalQuality::NoSignal, _) => "Signal: no beats coming in".to_owned(),
        (SignalQuality::Poor { corrected_percent }, _) => {
            format!("Signal poor: {corrected_percent:.0} % of beats corrected")
        }
        (SignalQuality::Good, _) => "Signal good".to_owned(),
    }
}

/// The curve: the breath as a soft band, the heart rate as a line over it.
fn curve_ui(ui: &mut Ui, input: &HeartInput<'_>, size: egui::Vec2) {
    let (rect, response) = ui.allocate_exact_size(size.max(egui::vec2(80.0, 32.0)), egui::Sense::hover());
    let palette = theme::palette();
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 8.0, theme::faded(palette.raised, 0.6));
    // The scale's numbers in a gutter on the left, clear of the curve.
    let inner = Rect::from_min_max(rect.min + egui::vec2(SCALE_GUTTER, 6.0), rect.max - egui::vec2(6.0, 6.0));
    let start = input.now.as_secs_f64() - TRACE_SECS;
    #[expect(clippy::cast_possible_truncation, reason = "a position for drawing")]
    let x_of = |secs: f64| inner.left() + inner.width() * ((secs - start) / TRACE_SECS) as f32;

    painter.add(breath_band(inner, start, input.level_at, theme::faded(palette.breath, 0.28)));

    let (low, high) = scale(input.trace);
    #[expect(clippy::cast_possible_truncation, reason = "a position for drawing")]
    let y_of = |bpm: f64| inner.bottom() - inner.height() * ((bpm - low) / (high - low)) as f32;
    let mut line: Vec<Pos2> = Vec::new();
    let stroke = Stroke::new(2.0, palette.heart);
    for point in input.trace {
        if point.starts_line && line.len() > 1 {
            painter.line(std::mem::take(&mut line), stroke);
        } else if point.starts_line {
            line.clear();
        }
        line.push(Pos2::new(x_of(point.at_secs), y_of(point.bpm)));
    }
    if line.len() > 1 {
        painter.line(line, stroke);
    }
    if !input.trace.is_empty() {
        let small = theme::font(theme::SMALL_SIZE - 3.0);
        let muted = theme::faded(palette.muted, 0.8);
        let x = rect.left() + SCALE_GUTTER - 6.0;
        painter.text(
            egui::pos2(x, inner.top()),
            egui::Align2::RIGHT_TOP,
            format!("{high:.0}"),
            small.clone(),
            muted,
        );
        painter.text(
            egui::pos2(x, inner.bottom()),
            egui::Align2::RIGHT_BOTTOM,
            format!("{low:.0}"),
            small.clone(),
            muted,
        );
        painter.text(egui::pos2(x, inner.center().y), egui::Align2::RIGHT_CENTER, "bpm", small, muted);
    }
    let description = if input.trace.is_empty() {
        "Heart rate: no beats yet".to_owned()
    } else {
        let (min, max) =
            input.trace.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.bpm), b.max(p.bpm)));
        format!(
            "Heart rate over the last minute, {min:.0} to {max:.0} beats a minute, drawn over your breathing"
        )
    };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &description));
}

/// The breath's level over the minute as a filled band along the bottom.
fn breath_band(
    rect: Rect,
    start_secs: f64,
    level_at: &dyn Fn(Duration) -> Option<f64>,
    color: Color32,
) -> Mesh {
    let mut mesh = Mesh::default();
    let band = rect.height() * BREATH_SHARE;
    let mut previous: Option<(Pos2, Pos2)> = None;
    for i in 0..=BREATH_SAMPLES {
        let fraction = f64::from(i) / f64::from(BREATH_SAMPLES);
        let at = Duration::try_from_secs_f64(start_secs + fraction * TRACE_SECS).ok();
        let Some(level) = at.and_then(level_at) else {
            previous = None;
            continue;
        };
        #[expect(clippy::cast_possible_truncation, reason = "positions for drawing")]
        let x = rect.left() + rect.width() * fraction as f32;
        #[expect(clippy::cast_possible_truncation, reason = "positions for drawing")]
        let top = Pos2::new(x, rect.bottom() - band * level.clamp(0.0, 1.0) as f32);
        let bottom = Pos2::new(x, rect.bottom());
        if let Some((top0, bottom0)) = previous {
            let base = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
            for pos in [bottom0, top0, bottom, top] {
                mesh.colored_vertex(pos, color);
            }
            mesh.add_triangle(base, base + 1, base + 2);
            mesh.add_triangle(base + 1, base + 3, base + 2);
        }
        previous = Some((top, bottom));
    }
    mesh
}

/// The heart-rate scale: whole steps of 5 bpm around the curve, at least 10 bpm tall, so it
/// holds still while the curve moves within it.
fn scale(trace: &[HeartRatePoint]) -> (f64, f64) {
    let (min, max) = trace.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.bpm), b.max(p.bpm)));
    if min > max {
        return (55.0, 75.0);
    }
    let low = (min / SCALE_STEP_BPM).floor() * SCALE_STEP_BPM;
    let high = ((max / SCALE_STEP_BPM).ceil() * SCALE_STEP_BPM).max(low + 2.0 * SCALE_STEP_BPM);
    (low, high)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(at_secs: f64, bpm: f64) -> HeartRatePoint {
        HeartRatePoint { at_secs, bpm, starts_line: false, corrected: false }
    }

    #[test]
    fn the_strip_gives_way_to_the_practice() {
        assert_eq!(strip_size(640.0), Some(StripSize::Full));
        assert_eq!(strip_size(460.0), Some(StripSize::Compact));
        assert_eq!(strip_size(300.0), Some(StripSize::Figures));
        assert_eq!(strip_size(200.0), None);
    }

    #[test]
    fn the_scale_moves_in_whole_steps() {
        assert_eq!(scale(&[]), (55.0, 75.0));
        assert_eq!(scale(&[point(0.0, 61.2), point(1.0, 67.9)]), (60.0, 70.0));
        assert_eq!(scale(&[point(0.0, 61.2), point(1.0, 62.0)]), (60.0, 70.0));
        assert_eq!(scale(&[point(0.0, 58.0), point(1.0, 81.0)]), (55.0, 85.0));
    }

    #[test]
    fn the_signal_is_said_plainly() {
        assert_eq!(signal_words(&SignalQuality::Good, SensorContact::Touching), "Signal good");
        assert_eq!(
            signal_words(&SignalQuality::Poor { corrected_percent: 7.6 }, SensorContact::NotSupported),
            "Signal poor: 8 % of beats corrected"
        );
        assert!(signal_words(&SignalQuality::Good, SensorContact::Lost).contains("no skin contact"));
        assert!(signal_words(&SignalQuality::NoSignal, SensorContact::Touching).contains("no beats"));
    }

    #[test]
    fn the_breath_band_leaves_out_times_before_the_practice() {
        let rect = Rect::from_min_size(Pos2::ZERO, egui::vec2(240.0, 100.0));
        let level_at = |at: Duration| (at >= Duration::from_secs(130)).then_some(0.5);
        let mesh = breath_band(rect, 100.0, &level_at, Color32::WHITE);
        // The last half of the minute: 120 sample pairs, two triangles each.
        assert_eq!(mesh.indices.len(), 120 * 6);
        assert!(mesh.vertices.iter().all(|v| v.pos.x >= 119.0));
        assert!(
            mesh.vertices.iter().all(|v| (v.pos.y - 100.0).abs() < 1e-3 || (v.pos.y - 72.5).abs() < 1e-3)
        );
    }
}
