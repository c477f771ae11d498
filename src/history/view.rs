//! The history panel: what did I do, and did it help? Headline numbers, three charts, a
//! filterable list that stays smooth with 100 000 records (only visible rows are laid out),
//! a detail view with delete, and export to CSV. Reads state and returns commands.

use std::fmt::Write as _;

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints, Points};
use jiff::ZonedDateTime;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::command::Command;
use crate::theme;
use unbrace_core::body_scan::region::Region;
use unbrace_core::history::record::{CheckIn, Record};
use unbrace_core::history::stats::{self, Stats};
use unbrace_core::script::ScriptKind;

const ROW_HEIGHT: f32 = 34.0;
/// How far back the stress chart looks.
const RATING_DAYS: u32 = 90;

/// The panel's own state: filters, the open record, and what was computed for the records as
/// they were (recomputed only when they change or the day turns).
#[derive(Debug, Default)]
pub struct HistoryPanel {
    pub kind: Option<ScriptKind>,
    pub routine: Option<String>,
    pub open: Option<String>,
    cache: Option<Cache>,
}

#[derive(Debug)]
struct Cache {
    key: (u64, Date, Option<ScriptKind>, Option<String>),
    stats: Stats,
    per_day: Vec<(Date, f64)>,
    /// Average stress before and after per day: (days ago, before, after).
    ratings: Vec<(u32, f64, f64)>,
    tense: Vec<(Region, usize)>,
    routines: Vec<String>,
    /// Indices into the records that pass the filters.
    shown: Vec<usize>,
}

/// What the panel needs from the app.
#[derive(Debug)]
pub struct HistoryInput<'a> {
    /// Newest first.
    pub records: &'a [Record],
    /// Bumped whenever `records` changes.
    pub version: u64,
    /// Now, in the user's time zone.
    pub now: ZonedDateTime,
    pub show_streak: bool,
    /// A line to show: where an export went, an error, or a deleted record with undo.
    pub message: Option<&'a str>,
    /// What needs attention (practices not saved yet, a problem with the file).
    pub alert: Option<&'a str>,
    pub can_undo: bool,
}

impl HistoryPanel {
    /// Recomputes what the panel shows if the records, the day or the filters changed.
    fn refresh(&mut self, input: &HistoryInput<'_>) {
        let key = (input.version, input.now.date(), self.kind, self.routine.clone());
        if self.cache.as_ref().is_none_or(|c| c.key != key) {
            self.cache = Some(compute(input, key));
        }
    }
}

fn compute(input: &HistoryInput<'_>, key: (u64, Date, Option<ScriptKind>, Option<String>)) -> Cache {
    let records = input.records;
    let mut routines: Vec<String> = records.iter().map(|r| r.routine.clone()).collect();
    routines.sort_unstable();
    routines.dedup();
    let shown: Vec<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            key.2.is_none_or(|k| r.kind.script_kind() == Some(k))
                && key.3.as_ref().is_none_or(|n| &r.routine == n)
        })
        .map(|(i, _)| i)
        .collect();
    // The figures and charts cover what the filters show.
    let filtered: Vec<Record> = shown.iter().map(|&i| records[i].clone()).collect();
    let ratings = stats::stress_per_day(&filtered, &input.now, RATING_DAYS);
    Cache {
        stats: stats::compute(&filtered, &input.now),
        per_day: stats::minutes_per_day(&filtered, &input.now, 30),
        ratings,
        tense: stats::tense_regions(&filtered),
        routines,
        shown,
        key,
    }
}

/// The whole panel.
pub fn history_ui(
    ui: &mut Ui,
    panel: &mut HistoryPanel,
    input: &HistoryInput<'_>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading("History");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Export CSV").clicked() {
                commands.push(Command::ExportHistory);
            }
            let mut streak = input.show_streak;
            if ui.checkbox(&mut streak, "Show streak").changed() {
                commands.push(Command::SetShowStreak(streak));
            }
        });
    });
    if let Some(alert) = input.alert {
        ui.label(RichText::new(alert).color(theme::palette().caution));
    }
    if let Some(message) = input.message {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(message).color(theme::palette().muted));
            if input.can_undo && ui.button("Undo").clicked() {
                commands.push(Command::UndoDelete);
            }
        });
    }
    if input.records.is_empty() {
        ui.add_space(theme::GAP * 2.0);
        ui.label(
            RichText::new("Nothing here yet. Each practice you do is kept here, on this computer only.")
                .color(theme::palette().muted),
        );
        return;
    }
    let zone = input.now.time_zone();
    panel.refresh(input);
    let HistoryPanel { kind, routine, open, cache } = panel;
    let Some(cache) = cache.as_ref() else { return };
    stats_ui(ui, &cache.stats, input.show_streak);
    ui.add_space(theme::GAP / 2.0);
    charts_ui(ui, cache);
    ui.add_space(theme::GAP / 2.0);
    filters_ui(ui, kind, routine, &cache.routines);

    egui::Panel::right("record").frame(egui::Frame::new()).exact_size(300.0).resizable(false).show(
        ui,
        |ui| match open.as_deref().and_then(|id| input.records.iter().find(|r| r.id == id)) {
            Some(record) => detail_ui(ui, record, zone, commands),
            None => {
                ui.label(RichText::new("Choose a practice to see it in full.").color(theme::palette().muted));
            }
        },
    );
    egui::CentralPanel::default().frame(egui::Frame::new()).show(ui, |ui| {
        let shown = &cache.shown;
        egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(
            ui,
            ROW_HEIGHT,
            shown.len(),
            |ui, range| {
                for &i in &shown[range] {
                    let record = &input.records[i];
                    let selected = open.as_deref() == Some(record.id.as_str());
                    let button = egui::Button::selectable(selected, "")
                        .left_text(row_text(record, zone))
                        .min_size(egui::vec2(ui.available_width(), ROW_HEIGHT - 4.0));
                    if ui.add(button).clicked() {
                        *open = Some(record.id.clone());
                    }
                }
            },
        );
    });
}

fn stats_ui(ui: &mut Ui, s: &Stats, show_streak: bool) {
    ui.horizontal_wrapped(|ui| {
        let mut card = |title: &str, value: String| {
            egui::Frame::new()
                .fill(theme::palette().raised)
                .corner_radius(10)
                .inner_margin(egui::Margin::symmetric(14, 8))
                .show(ui, |ui| {
                    ui.vertical(|ui| {
                        ui.label(RichText::new(title).small().color(theme::palette().muted));
                        ui.label(RichText::new(value).size(theme::BODY_SIZE + 2.0));
                    });
                });
        };
        card("This week", minutes_text(s.minutes_this_week));
        card("This month", minutes_text(s.minutes_this_month));
        card("All time", minutes_text(s.minutes_all_time));
        card("Practices a week", format!("{:.1}", s.practices_per_week));
        if let Some(change) = s.stress_change {
            card("Stress, after vs before", signed(change));
        }
        if let Some(change) = s.tension_change {
            card("Tension, after vs before", signed(change));
        }
        if show_streak {
            card("Days in a row", s.streak_days.to_string());
        }
    });
}

fn charts_ui(ui: &mut Ui, cache: &Cache) {
    let height = 150.0;
    let width = ((ui.available_width() - 2.0 * theme::GAP) / 3.0).max(160.0);
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.set_width(width);
            ui.label(RichText::new("Minutes a day, last 30 days").small().color(theme::palette().muted));
            #[expect(clippy::cast_precision_loss, reason = "a day index for a chart")]
            let bars: Vec<Bar> = cache
                .per_day
                .iter()
                .enumerate()
                .map(|(i, (_, m))| Bar::new(i as f64, *m).width(0.7))
                .collect();
            static_plot("per_day", height).show(ui, |p| {
                p.bar_chart(BarChart::new("Minutes", bars).color(theme::palette().breath));
            });
        });
        ui.vertical(|ui| {
            ui.set_width(width);
            ui.label(
                RichText::new("Stress before and after, daily average").small().color(theme::palette().muted),
            );
            let before: PlotPoints<'_> =
                cache.ratings.iter().map(|&(ago, before, _)| [-f64::from(ago), before]).collect();
            let after: PlotPoints<'_> =
                cache.ratings.iter().map(|&(ago, _, after)| [-f64::from(ago), after]).collect();
            static_plot("ratings", height).include_y(0.0).include_y(10.0).legend(Legend::default()).show(
                ui,
                |p| {
                    p.line(Line::new("Before", before).color(theme::palette().hold));
                    let after_points: PlotPoints<'_> =
                        cache.ratings.iter().map(|&(ago, _, after)| [-f64::from(ago), after]).collect();
                    p.points(Points::new("After", after_points).color(theme::palette().breath).radius(3.0));
                    p.line(Line::new("After", after).color(theme::palette().breath));
                },
            );
        });
        ui.vertical(|ui| {
            ui.set_width(width);
            ui.label(RichText::new("Where it was tense most often").small().color(theme::palette().muted));
            let top: Vec<(Region, usize)> = cache.tense.iter().take(6).copied().collect();
            if top.is_empty() {
                ui.label(
                    RichText::new("Mark tense places in a check-in to see them here.")
                        .small()
                        .color(theme::palette().muted),
                );
            } else {
                tense_chart_ui(ui, &top, height);
            }
        });
    });
}

/// Horizontal bars, most often at the top, each labelled with its region.
fn tense_chart_ui(ui: &mut Ui, top: &[(Region, usize)], height: f32) {
    #[expect(clippy::cast_precision_loss, reason = "small counts and indices for a chart")]
    let bars: Vec<Bar> = top
        .iter()
        .enumerate()
        .map(|(i, (region, count))| Bar::new(-(i as f64), *count as f64).width(0.6).name(region.label()))
        .collect();
    let labels: Vec<&'static str> = top.iter().map(|(r, _)| r.label()).collect();
    static_plot("tense_regions", height)
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

fn static_plot(id: &str, height: f32) -> Plot<'static> {
    Plot::new(id)
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_axes([false, true])
}

fn filters_ui(ui: &mut Ui, kind: &mut Option<ScriptKind>, routine: &mut Option<String>, routines: &[String]) {
    ui.horizontal(|ui| {
        let label = ui.label("Show");
        let kind_text = kind.map_or("All practices", ScriptKind::label);
        egui::ComboBox::from_id_salt("kind_filter")
            .selected_text(kind_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(kind, None, "All practices");
                ui.selectable_value(kind, Some(ScriptKind::Breathing), "Breathing");
                ui.selectable_value(kind, Some(ScriptKind::BodyScan), "Body scan");
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Routine");
        egui::ComboBox::from_id_salt("routine_filter")
            .selected_text(routine.as_deref().unwrap_or("Any"))
            .show_ui(ui, |ui| {
                ui.selectable_value(routine, None, "Any");
                for name in routines {
                    ui.selectable_value(routine, Some(name.clone()), name);
                }
            })
            .response
            .labelled_by(label.id);
    });
}

fn detail_ui(ui: &mut Ui, r: &Record, zone: &TimeZone, commands: &mut Vec<Command>) {
    ui.label(RichText::new(&r.routine).size(theme::HEADING_SIZE));
    ui.label(
        RichText::new(format!("{} · {}", local_time(r, zone, "%A %-d %B %Y, %H:%M"), r.kind.label()))
            .color(theme::palette().muted),
    );
    ui.add_space(theme::GAP / 2.0);
    ui.label(format!(
        "Practised {} of {} planned",
        duration_text(r.practised_ms),
        duration_text(r.planned_ms)
    ));
    let unit = match r.kind.script_kind() {
        Some(ScriptKind::Breathing) => "breaths",
        Some(ScriptKind::BodyScan) => "steps",
        None => "done",
    };
    ui.label(format!("{} of {} {unit} · {}", r.done_count, r.total_count, r.status.label()));
    for (title, check) in [("Before", &r.before), ("After", &r.after)] {
        if let Some(c) = check {
            ui.label(format!("{title}: {}", check_in_text(c)));
        }
    }
    if !r.note.is_empty() {
        ui.add_space(theme::GAP / 2.0);
        ui.label(RichText::new(&r.note).italics());
    }
    ui.add_space(theme::GAP);
    if ui.button("Delete").clicked() {
        commands.push(Command::DeleteRecord(r.id.clone()));
    }
}

fn row_text(r: &Record, zone: &TimeZone) -> String {
    let mut text = format!(
        "{}   {}   {}",
        local_time(r, zone, "%a %-d %b, %H:%M"),
        r.routine,
        duration_text(r.practised_ms)
    );
    if let (Some(b), Some(a)) =
        (r.before.as_ref().and_then(|c| c.stress), r.after.as_ref().and_then(|c| c.stress))
    {
        let _ = write!(text, "   stress {b} to {a}");
    }
    if r.status != unbrace_core::history::record::Status::Finished {
        let _ = write!(text, "   ({})", r.status.label());
    }
    if !r.counts() {
        let _ = write!(text, "   not counted: under a minute");
    }
    text
}

fn check_in_text(c: &CheckIn) -> String {
    let rated = |value: Option<u8>| value.map_or_else(|| "not rated".to_owned(), |v| v.to_string());
    let mut text = format!("stress {}, tension {}", rated(c.stress), rated(c.tension));
    if !c.regions.is_empty() {
        let names: Vec<&str> = c.regions.iter().map(|r| r.label()).collect();
        let _ = write!(text, "; tense: {}", names.join(", "));
    }
    text
}

fn local_time(r: &Record, zone: &TimeZone, format: &str) -> String {
    unbrace_core::local_time::format(r.started_at_ms, zone, format)
}

/// `3 min 20 s`, or `1 h 5 min`.
#[must_use]
pub fn duration_text(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    match (secs / 3600, secs / 60 % 60, secs % 60) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

fn minutes_text(minutes: f64) -> String {
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "whole minutes for people")]
    let m = minutes.max(0.0).round() as u64;
    if m < 60 { format!("{m} min") } else { format!("{} h {} min", m / 60, m % 60) }
}

fn signed(change: f64) -> String {
    if change.abs() < 0.05 { "no change".to_owned() } else { format!("{change:+.1}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_text(45_000), "45 s");
        assert_eq!(duration_text(300_000), "5 min");
        assert_eq!(duration_text(200_000), "3 min 20 s");
        assert_eq!(duration_text(3_900_000), "1 h 5 min");
        assert_eq!(minutes_text(190.0), "3 h 10 min");
        assert_eq!(signed(-2.06), "-2.1");
        assert_eq!(signed(0.01), "no change");
    }
}
