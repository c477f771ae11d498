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
const CURVE_HEIGHT_COMPACT: f32 = 48.0;
/// The figures sit beside the curve from this width on, below it otherwise.
const SIDE_BY_SIDE_FROM: f32 = 560.0;
const FIGURES_WIDTH: f32 = 190.0;
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

/// Whether the strip should be compact in a ui of this height.
#[must_use]
pub fn is_compact(available_height: f32) -> bool {
    available_height < 560.0
}

/// The strip: the curve and the figures, laid out for the room there is.
pub fn strip_ui(ui: &mut Ui, input: &HeartInput<'_>, compact: bool) {
    let curve_height = if compact { CURVE_HEIGHT_COMPACT } else { CURVE_HEIGHT };
    if ui.available_width() >= SIDE_BY_SIDE_FROM {
        ui.horizontal(|ui| {
            let curve_width = ui.available_width() - FIGURES_WIDTH - ui.spacing().item_spacing.x;
            curve_ui(ui, input, egui::vec2(curve_width, curve_height));
            ui.vertical(|ui| {
                ui.set_width(FIGURES_WIDTH);
                figures_ui(ui, input, compact);
            });
        });
    } else {
        curve_ui(ui, input, egui::vec2(ui.available_width(), curve_height));
        figures_ui(ui, input, true);
    }
}

/// RMSSD, coherence and the signal, in words a person reads at a glance.
fn figures_ui(ui: &mut Ui, input: &HeartInput<'_>, one_line: bool) {
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
    if one_line {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&rmssd.0));
            ui.label(RichText::new(rmssd.1).small().color(muted));
            ui.label(RichText::new(&coherence.0));
            if !coherence.1.is_empty() {
                ui.label(RichText::new(&coherence.1).small().color(muted));
            }
            ui.label(RichText::new(signal).small().color(muted));
        });
    } else {
        ui.label(RichText::new(&rmssd.0));
        ui.label(RichText::new(rmssd.1).small().color(muted));
        ui.label(RichText::new(&coherence.0));
        if !coherence.1.is_empty() {
            ui.label(RichText::new(&coherence.1).small().color(muted));
        }
        ui.label(RichText::new(signal).small().color(muted));
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
    let inner = rect.shrink2(egui::vec2(6.0, 6.0));
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
        painter.text(inner.left_top(), egui::Align2::LEFT_TOP, format!("{high:.0}"), small.clone(), muted);
        painter.text(inner.left_bottom(), egui::Align2::LEFT_BOTTOM, format!("{low:.0} bpm"), small, muted);
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
