//! Heart-rate variability on the History page: RMSSD over each practice's first and last
//! minute, and its mean coherence, as weekly averages over the last half year, and a
//! practice's own figures in its detail. Shown only once a practice has heart figures, so
//! nothing here speaks to a person without a strap.

use egui::{RichText, Ui};
use egui_plot::{Line, Plot, PlotPoints, Points};
use unbrace_core::history::hrv_weeks::HrvWeek;
use unbrace_core::history::record::PracticeHrv;

use super::charts;
use crate::theme;

/// How many weeks the charts look back.
pub const WEEKS: u32 = 26;
const HEIGHT: f32 = 120.0;

/// The two weekly charts, side by side (nothing when no week has figures).
pub fn charts_ui(ui: &mut Ui, weeks: &[HrvWeek]) {
    if weeks.is_empty() {
        return;
    }
    let muted = theme::palette().muted;
    let palette = theme::palette();
    let width = charts::chart_width(ui.available_width(), 2);
    let point = |w: &HrvWeek, value: Option<f64>| value.map(|v| [-f64::from(w.weeks_ago), v]);
    let series = |points: Vec<[f64; 2]>, name: &'static str, color| (points, name, color);
    charts::wrapped_row(ui, |ui| {
        charts::boxed(ui, width, |ui| {
            charts::title_ui(ui, "Heart-rate variability (RMSSD, ms), weekly average");
            charts::legend_ui(ui, &[("First minute", palette.hold), ("Last minute", palette.heart)]);
            let first: Vec<[f64; 2]> = weeks.iter().filter_map(|w| point(w, w.rmssd_first_ms)).collect();
            let last: Vec<[f64; 2]> = weeks.iter().filter_map(|w| point(w, w.rmssd_last_ms)).collect();
            plot("hrv_rmssd").include_y(0.0).show(ui, |p| {
                for (points, name, color) in
                    [series(first, "First minute", palette.hold), series(last, "Last minute", palette.heart)]
                {
                    p.line(Line::new(name, PlotPoints::from(points.clone())).color(color));
                    p.points(
                        Points::new(name, PlotPoints::from(points)).color(color).radius(4.0).filled(true),
                    );
                }
            });
        });
        charts::boxed(ui, width, |ui| {
            charts::title_ui(ui, "Coherence, weekly average");
            charts::legend_ui(ui, &[("Coherence", palette.breath)]);
            let coherence: Vec<[f64; 2]> = weeks.iter().filter_map(|w| point(w, w.coherence)).collect();
            plot("hrv_coherence").include_y(0.0).show(ui, |p| {
                p.line(Line::new("Coherence", PlotPoints::from(coherence.clone())).color(palette.breath));
                p.points(
                    Points::new("Coherence", PlotPoints::from(coherence))
                        .color(palette.breath)
                        .radius(4.0)
                        .filled(true),
                );
            });
        });
    });
    ui.label(
        RichText::new("From your heart-rate strap: for your own trend, not a diagnosis.")
            .small()
            .color(muted),
    );
}

/// A practice's heart figures in words, for its detail.
#[must_use]
pub fn detail_text(hrv: &PracticeHrv) -> String {
    let ms = |v: Option<f64>| v.map_or_else(|| "not enough beats".to_owned(), |v| format!("{v:.0} ms"));
    let coherence = hrv.coherence_mean.map_or_else(String::new, |c| format!("; coherence {c:.1}"));
    format!(
        "Heart: RMSSD {} in the first minute, {} in the last{coherence}",
        ms(hrv.rmssd_first_ms),
        ms(hrv.rmssd_last_ms)
    )
}

fn plot(id: &str) -> Plot<'static> {
    charts::still_plot(id, HEIGHT)
        .include_x(-f64::from(WEEKS - 1) - 0.5)
        .include_x(0.5)
        .x_axis_formatter(|mark, _| {
            let ago = -mark.value;
            if ago.fract().abs() > 1e-9 || ago < 0.0 {
                String::new()
            } else if ago < 0.5 {
                "this week".to_owned()
            } else {
                format!("{ago:.0} wk ago")
            }
        })
        .show_axes([true, true])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_practice_s_figures_read_as_words() {
        let full =
            PracticeHrv { rmssd_first_ms: Some(31.4), rmssd_last_ms: Some(44.6), coherence_mean: Some(1.84) };
        assert_eq!(
            detail_text(&full),
            "Heart: RMSSD 31 ms in the first minute, 45 ms in the last; coherence 1.8"
        );
        let short = PracticeHrv { rmssd_first_ms: None, rmssd_last_ms: Some(20.0), coherence_mean: None };
        assert_eq!(
            detail_text(&short),
            "Heart: RMSSD not enough beats in the first minute, 20 ms in the last"
        );
    }
}
