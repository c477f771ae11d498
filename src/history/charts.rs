//! History's charts: practice time a day, stress before and after, and where it was tense
//! most often. Each has a dated axis, a legend beside it rather than over the data, points a
//! single day can be seen by, and a unit that suits the figures (seconds for a few short
//! practices, minutes otherwise). The charts sit side by side where there is room and one
//! under another where there is not.

use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, GridInput, GridMark, Line, Plot, PlotPoints, Points};
use jiff::civil::Date;

use crate::theme;
use unbrace_core::body_scan::region::Region;

const HEIGHT: f32 = 130.0;
/// A chart is never narrower than this; fewer go side by side instead.
const MIN_WIDTH: f32 = 220.0;

/// What the charts show.
#[derive(Debug)]
pub struct ChartsInput<'a> {
    pub today: Date,
    /// Practice time per day, oldest first, ending today (minutes).
    pub per_day: &'a [(Date, f64)],
    /// Average stress before and after per day: (days ago, before, after).
    pub ratings: &'a [(u32, f64, f64)],
    /// Places marked tense, most often first.
    pub tense: &'a [(Region, usize)],
}

/// The three charts, as many side by side as fit.
pub fn charts_ui(ui: &mut Ui, input: &ChartsInput<'_>) {
    let width = chart_width(ui.available_width(), 3);
    wrapped_row(ui, |ui| {
        boxed(ui, width, |ui| per_day_ui(ui, input));
        boxed(ui, width, |ui| ratings_ui(ui, input));
        boxed(ui, width, |ui| tense_ui(ui, input.tense));
    });
}

/// The width of each of `count` charts in `available`: all in a row where they fit at
/// [`MIN_WIDTH`], otherwise as many as fit, and one at the whole width at least.
#[must_use]
pub fn chart_width(available: f32, count: u16) -> f32 {
    let gap = theme::GAP;
    let per_row = (1..=count).rev().find(|&n| f32::from(n) * MIN_WIDTH + f32::from(n - 1) * gap <= available);
    match per_row {
        Some(n) => (available - f32::from(n - 1) * gap) / f32::from(n) - 1.0,
        None => available.max(1.0),
    }
}

/// Charts side by side, tops aligned, as many to a row as fit, rows a gap apart.
pub fn wrapped_row(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let layout = egui::Layout::left_to_right(egui::Align::Min).with_main_wrap(true);
    ui.with_layout(layout, |ui| {
        ui.spacing_mut().item_spacing = egui::vec2(theme::GAP, theme::GAP);
        add(ui);
    });
}

/// A chart's box: its title, legend and plot in `width`, closely spaced.
pub fn boxed(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui)) {
    ui.allocate_ui_with_layout(egui::vec2(width, 0.0), egui::Layout::top_down(egui::Align::Min), |ui| {
        ui.set_width(width);
        ui.spacing_mut().item_spacing = egui::vec2(6.0, 2.0);
        add(ui);
    });
}

/// A chart's title, small and quiet.
pub fn title_ui(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).small().color(theme::palette().muted));
}

/// The legend, above the plot (never over the data): a dot of each series' colour and its
/// name.
pub fn legend_ui(ui: &mut Ui, series: &[(&str, Color32)]) {
    ui.horizontal_wrapped(|ui| {
        for (name, color) in series {
            let size = ui.text_style_height(&egui::TextStyle::Small);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
            ui.painter().circle_filled(rect.center(), size * 0.3, *color);
            ui.label(RichText::new(*name).small());
            ui.add_space(theme::GAP / 2.0);
        }
    });
}

/// How practice time a day is best read: seconds while every day is under two minutes (a
/// few short practices read "40", not "0.67"), minutes otherwise. The unit's name and the
/// factor from minutes.
#[must_use]
pub fn time_unit(per_day_minutes: impl IntoIterator<Item = f64>) -> (&'static str, f64) {
    let most = per_day_minutes.into_iter().fold(0.0, f64::max);
    if most > 0.0 && most < 2.0 { ("Seconds", 60.0) } else { ("Minutes", 1.0) }
}

/// The date `days_ago` days before `today`, as an axis reads it ("28 Nov"); nothing for a
/// point between days or in the future.
#[must_use]
pub fn day_label(today: Date, x: f64) -> String {
    let ago = -x;
    if ago < 0.0 || (ago - ago.round()).abs() > 1e-6 {
        return String::new();
    }
    #[expect(clippy::cast_possible_truncation, reason = "a whole number of days, checked above")]
    let ago = ago.round() as i64;
    if ago == 0 {
        return "Today".to_owned();
    }
    today
        .checked_sub(jiff::Span::new().days(ago))
        .map_or_else(|_| String::new(), |d| d.strftime("%-d %b").to_string())
}

/// Marks every week (or two, four, eight where the chart is narrow), counted back from today.
fn week_marks(input: &GridInput) -> Vec<GridMark> {
    // About 48 points between labels: a label is "28 Nov" in small type.
    let per_point = input.base_step_size / 8.0;
    let step = [7.0, 14.0, 28.0, 56.0].into_iter().find(|s| s / per_point >= 48.0).unwrap_or(56.0);
    let (min, max) = input.bounds;
    if !(min.is_finite() && max.is_finite()) || (max - min) / step > 1_000.0 {
        return Vec::new();
    }
    let mut marks = Vec::new();
    let mut x = 0.0;
    while x >= min {
        if x <= max {
            marks.push(GridMark { value: x, step_size: step });
        }
        x -= step;
    }
    marks
}

/// A plot that only shows: no drag, zoom or scroll (the page scrolls instead), dated along
/// x when `today` is given (x is days before today, 0 today).
fn plot(id: &str, today: Option<Date>) -> Plot<'static> {
    let plot = still_plot(id, HEIGHT).show_x(false);
    match today {
        Some(today) => plot
            .show_axes([true, true])
            .x_grid_spacer(|input| week_marks(&input))
            .x_axis_formatter(move |mark, _| day_label(today, mark.value)),
        None => plot.show_axes([false, true]),
    }
}

/// A plot `height` tall that only shows: no drag, zoom or scroll, so the page scrolls over it.
#[must_use]
pub fn still_plot(id: &str, height: f32) -> Plot<'static> {
    Plot::new(id)
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
}

/// Whole numbers on a y axis; nothing between them.
fn whole(mark: GridMark) -> String {
    if (mark.value - mark.value.round()).abs() < 1e-6 { format!("{:.0}", mark.value) } else { String::new() }
}

fn per_day_ui(ui: &mut Ui, input: &ChartsInput<'_>) {
    let (unit, factor) = time_unit(input.per_day.iter().map(|(_, m)| *m));
    let days = input.per_day.len();
    title_ui(ui, &format!("{unit} a day, last {days} days"));
    legend_ui(ui, &[(unit, theme::palette().breath)]);
    #[expect(clippy::cast_precision_loss, reason = "a day index for a chart")]
    let bars: Vec<Bar> = input
        .per_day
        .iter()
        .enumerate()
        .map(|(i, (_, m))| Bar::new(i as f64 - (days as f64 - 1.0), m * factor).width(0.7))
        .collect();
    #[expect(clippy::cast_precision_loss, reason = "a day count for a chart")]
    let first = -(days as f64 - 1.0) - 0.5;
    plot("per_day", Some(input.today))
        .include_x(first)
        .include_x(0.5)
        .include_y(0.0)
        .include_y(1.0)
        .y_axis_formatter(|mark, _| whole(mark))
        .show(ui, |p| {
            p.bar_chart(BarChart::new(unit, bars).color(theme::palette().breath));
        });
}

fn ratings_ui(ui: &mut Ui, input: &ChartsInput<'_>) {
    let palette = theme::palette();
    title_ui(ui, "Stress before and after, daily average (0 to 10)");
    legend_ui(ui, &[("Before", palette.hold), ("After", palette.breath)]);
    let before: Vec<[f64; 2]> =
        input.ratings.iter().map(|&(ago, before, _)| [-f64::from(ago), before]).collect();
    let after: Vec<[f64; 2]> =
        input.ratings.iter().map(|&(ago, _, after)| [-f64::from(ago), after]).collect();
    let oldest = input.ratings.iter().map(|r| r.0).max().unwrap_or(0).max(6);
    plot("ratings", Some(input.today))
        .include_x(-f64::from(oldest) - 0.5)
        .include_x(0.5)
        .include_y(0.0)
        .include_y(10.0)
        .y_axis_formatter(|mark, _| whole(mark))
        .show(ui, |p| {
            for (name, points, color) in [("Before", before, palette.hold), ("After", after, palette.breath)]
            {
                p.line(Line::new(name, PlotPoints::from(points.clone())).color(color));
                // Drawn over the line and the grid: a single day is a dot, never hidden.
                p.points(Points::new(name, PlotPoints::from(points)).color(color).radius(4.0).filled(true));
            }
        });
}

fn tense_ui(ui: &mut Ui, tense: &[(Region, usize)]) {
    title_ui(ui, "Where it was tense most often");
    let top: Vec<(Region, usize)> = tense.iter().take(6).copied().collect();
    if top.is_empty() {
        ui.label(
            RichText::new("Mark tense places in a check-in to see them here.")
                .small()
                .color(theme::palette().muted),
        );
        return;
    }
    legend_ui(ui, &[("Times marked tense", theme::palette().hold)]);
    #[expect(clippy::cast_precision_loss, reason = "small counts and indices for a chart")]
    let bars: Vec<Bar> = top
        .iter()
        .enumerate()
        .map(|(i, (region, count))| Bar::new(-(i as f64), *count as f64).width(0.6).name(region.label()))
        .collect();
    let labels: Vec<&'static str> = top.iter().map(|(r, _)| r.label()).collect();
    plot("tense_regions", None)
        .show_axes([true, true])
        .include_x(0.0)
        .include_x(1.0)
        .x_axis_formatter(|mark, _| whole(mark))
        .show_grid([true, false])
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
        .y_axis_formatter(move |mark, _| {
            let index = -mark.value;
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "checked to be a small whole number"
            )]
            let label = (index >= 0.0 && index.fract() == 0.0).then(|| labels.get(index as usize)).flatten();
            label.map_or_else(String::new, |l| (*l).to_owned())
        })
        .show(ui, |p| {
            p.bar_chart(BarChart::new("Times marked tense", bars).color(theme::palette().hold).horizontal());
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_practices_read_in_seconds_and_longer_ones_in_minutes() {
        assert_eq!(time_unit([0.0, 0.08, 0.5]), ("Seconds", 60.0));
        assert_eq!(time_unit([0.0, 12.0, 1.0]), ("Minutes", 1.0));
        assert_eq!(time_unit([0.0, 0.0]), ("Minutes", 1.0), "an empty month reads in minutes");
    }

    #[test]
    fn the_axis_names_whole_days_back_from_today() {
        let today = jiff::civil::date(2026, 11, 30);
        assert_eq!(day_label(today, 0.0), "Today");
        assert_eq!(day_label(today, -7.0), "23 Nov");
        assert_eq!(day_label(today, -30.0), "31 Oct");
        assert_eq!(day_label(today, -3.5), "", "between days");
        assert_eq!(day_label(today, 2.0), "", "the future");
    }

    #[test]
    fn charts_go_side_by_side_only_where_each_keeps_its_width() {
        let three = chart_width(1000.0, 3);
        assert!(three >= MIN_WIDTH && three * 3.0 <= 1000.0, "{three}");
        let two = chart_width(500.0, 3);
        assert!(two >= MIN_WIDTH && two * 2.0 <= 500.0, "{two}");
        assert!((chart_width(300.0, 3) - 299.0).abs() < 1.0, "one at the whole width");
        assert!((chart_width(150.0, 3) - 150.0).abs() < 1.0, "narrower than a chart: the whole width");
    }
}
