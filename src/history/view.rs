//! The history panel: what did I do, and did it help? Headline numbers, three charts, how
//! often reminders were followed, snoozed and skipped each week, a filterable list that stays
//! smooth with 100 000 records (only visible rows are laid out), a detail view with delete,
//! and export to CSV. Reads state and returns commands.

use std::fmt::Write as _;

use egui::{RichText, Ui};
use jiff::ZonedDateTime;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::reminder_row::ReminderRow;
use crate::command::Command;
use crate::theme;
use unbrace_core::body_scan::region::Region;
use unbrace_core::history::record::{CheckIn, Record};
use unbrace_core::history::reminder_record::{Outcome, ReminderRecord};
use unbrace_core::history::reminder_weeks::{self, WeekCounts};
use unbrace_core::history::stats::{self, Stats};
use unbrace_core::script::ScriptKind;

/// The open practice's column beside the list.
const DETAIL_WIDTH: f32 = 300.0;
/// Narrower than this, the list and an open practice take turns.
const NARROW: f32 = 640.0;
/// How far back the stress chart looks.
const RATING_DAYS: u32 = 90;
/// How many weeks of reminders show, newest first.
const REMINDER_WEEKS: usize = 8;

/// The panel's own state: filters, the open record, and what was computed for the records as
/// they were (recomputed only when they change or the day turns).
#[derive(Debug, Default)]
pub struct HistoryPanel {
    pub kind: Option<ScriptKind>,
    pub routine: Option<String>,
    pub open: Option<String>,
    cache: Option<Cache>,
    /// Reminder outcomes per week, newest first, for the reminders as they were (by version).
    weeks: Option<(u64, Vec<WeekCounts>)>,
}

#[derive(Debug)]
struct Cache {
    key: (u64, Date, Option<ScriptKind>, Option<String>),
    stats: Stats,
    per_day: Vec<(Date, f64)>,
    /// Average stress before and after per day: (days ago, before, after).
    ratings: Vec<(u32, f64, f64)>,
    tense: Vec<(Region, usize)>,
    /// Heart-rate variability per week (empty without a strap).
    hrv_weeks: Vec<unbrace_core::history::hrv_weeks::HrvWeek>,
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
    /// Reminders shown, oldest first.
    pub reminders: &'a [ReminderRow],
    /// Bumped whenever `reminders` changes.
    pub reminders_version: u64,
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
        hrv_weeks: unbrace_core::history::hrv_weeks::per_week(&filtered, &input.now, super::hrv_chart::WEEKS),
        routines,
        shown,
        key,
    }
}

/// The whole panel: one page that scrolls (the heading, the numbers, the charts, the filters
/// and the list, which fills the window once scrolled to and scrolls its own rows), so every
/// part is reached at any size; an open practice has a column of its own beside it, or the
/// whole page where the window is narrow.
pub fn history_ui(
    ui: &mut Ui,
    panel: &mut HistoryPanel,
    input: &HistoryInput<'_>,
    commands: &mut Vec<Command>,
) {
    let zone = input.now.time_zone();
    if panel.weeks.as_ref().is_none_or(|(version, _)| *version != input.reminders_version) {
        let records: Vec<ReminderRecord> = input.reminders.iter().map(|r| r.record.clone()).collect();
        let mut weeks = reminder_weeks::weekly(&records, zone);
        weeks.reverse();
        weeks.truncate(REMINDER_WEEKS);
        panel.weeks = Some((input.reminders_version, weeks));
    }
    if !input.records.is_empty() {
        panel.refresh(input);
    }
    let HistoryPanel { kind, routine, open, cache, weeks } = panel;
    let weeks: &[WeekCounts] = weeks.as_ref().map_or(&[], |(_, weeks)| weeks);
    let open_record = open.as_deref().and_then(|id| input.records.iter().find(|r| r.id == id));
    let detail = |ui: &mut Ui, record: &Record, commands: &mut Vec<Command>| {
        let reminder = input.reminders.iter().find(|r| r.practice_id.as_deref() == Some(record.id.as_str()));
        egui::ScrollArea::vertical()
            .id_salt("record_detail")
            .auto_shrink([false, false])
            .show(ui, |ui| detail_ui(ui, record, reminder, zone, commands));
    };
    if let Some(record) = open_record {
        if ui.available_width() < NARROW {
            // Too narrow for the list and a practice side by side: the practice has the page.
            if ui.button("Back to the list").clicked() {
                *open = None;
            }
            detail(ui, record, commands);
            return;
        }
        egui::Panel::right("record")
            .frame(egui::Frame::new().inner_margin(egui::Margin { left: 16, ..egui::Margin::ZERO }))
            .exact_size(DETAIL_WIDTH)
            .resizable(false)
            .show(ui, |ui| {
                if ui.button("Close").clicked() {
                    *open = None;
                }
                detail(ui, record, commands);
            });
    }
    egui::ScrollArea::vertical().id_salt("history_page").auto_shrink([false, false]).show_viewport(
        ui,
        |ui, viewport| {
            heading_ui(ui, input, commands);
            if input.records.is_empty() {
                ui.add_space(theme::GAP * 2.0);
                ui.label(
                    RichText::new(
                        "Nothing here yet. Each practice you do is kept here, on this computer only.",
                    )
                    .color(theme::palette().muted),
                );
                if !weeks.is_empty() {
                    ui.add_space(theme::GAP);
                    reminder_weeks_ui(ui, weeks);
                }
                return;
            }
            let Some(cache) = cache.as_ref() else { return };
            stats_ui(ui, &cache.stats, input.show_streak, this_week(weeks, &input.now));
            if !weeks.is_empty() {
                reminder_weeks_ui(ui, weeks);
            }
            ui.add_space(theme::GAP / 2.0);
            super::charts::charts_ui(
                ui,
                &super::charts::ChartsInput {
                    today: input.now.date(),
                    per_day: &cache.per_day,
                    ratings: &cache.ratings,
                    tense: &cache.tense,
                },
            );
            super::hrv_chart::charts_ui(ui, &cache.hrv_weeks);
            ui.add_space(theme::GAP / 2.0);
            filters_ui(ui, kind, routine, &cache.routines);
            list_ui(ui, viewport, input, &cache.shown, open);
        },
    );
}

/// The heading with Export and the streak switch, what needs attention, and a line kept for
/// passing messages (exported, deleted with Undo) so one appearing never pushes the page.
fn heading_ui(ui: &mut Ui, input: &HistoryInput<'_>, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
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
    ui.scope(|ui| {
        ui.set_min_height(ui.spacing().interact_size.y);
        if let Some(message) = input.message {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(message).color(theme::palette().muted));
                if input.can_undo && ui.button("Undo").clicked() {
                    commands.push(Command::UndoDelete);
                }
            });
        }
    });
}

/// The practices that pass the filters, newest first, as part of the page: only the rows
/// inside `viewport` (the page's visible part, in its own coordinates) are laid out, so 100 000
/// records scroll as smoothly as ten. One line a row at any text size: a long row is cut short
/// (its accessible label and its detail say it all).
fn list_ui(
    ui: &mut Ui,
    viewport: egui::Rect,
    input: &HistoryInput<'_>,
    shown: &[usize],
    open: &mut Option<String>,
) {
    let zone = input.now.time_zone();
    let row = ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y;
    let spaced = row + ui.spacing().item_spacing.y;
    let (first, last) = visible_rows(viewport, ui.cursor().top() - ui.max_rect().top(), spaced, shown.len());
    #[expect(clippy::cast_precision_loss, reason = "row counts for layout")]
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), spaced * shown.len() as f32),
        egui::Sense::hover(),
    );
    #[expect(clippy::cast_precision_loss, reason = "row counts for layout")]
    let rows = egui::Rect::from_min_size(
        egui::pos2(rect.left(), rect.top() + first as f32 * spaced),
        egui::vec2(rect.width(), (last - first) as f32 * spaced),
    );
    let mut rows_ui = ui.new_child(egui::UiBuilder::new().max_rect(rows));
    for &i in &shown[first..last] {
        let record = &input.records[i];
        let selected = open.as_deref() == Some(record.id.as_str());
        let button = egui::Button::selectable(selected, "")
            .left_text(row_text(record, zone))
            .truncate()
            .min_size(egui::vec2(rows_ui.available_width(), row));
        if rows_ui.add(button).clicked() {
            *open = Some(record.id.clone());
        }
    }
}

/// Which of `count` rows, `spaced` apart from `top` (both in the page's coordinates), show in
/// `viewport`: the first and one past the last, with a row to spare at the end.
#[must_use]
fn visible_rows(viewport: egui::Rect, top: f32, spaced: f32, count: usize) -> (usize, usize) {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "clamped to 0..count"
    )]
    let at = |y: f32| ((y - top) / spaced).max(0.0).min(count as f32) as usize;
    let first = at(viewport.top());
    let last = (at(viewport.bottom()) + 1).min(count);
    (first.min(last), last)
}

fn stats_ui(ui: &mut Ui, s: &Stats, show_streak: bool, reminders: Option<String>) {
    ui.horizontal_wrapped(|ui| {
        let mut card = |title: &str, value: String| {
            let title = RichText::new(title).small().color(theme::palette().muted);
            let value = RichText::new(value).size(theme::BODY_SIZE + 2.0);
            // A card that does not fit starts the next row whole, rather than squeezing its
            // words one under another.
            let width = [&title, &value]
                .map(|text| {
                    egui::WidgetText::from(text.clone())
                        .into_galley(
                            ui,
                            Some(egui::TextWrapMode::Extend),
                            f32::INFINITY,
                            egui::TextStyle::Body,
                        )
                        .size()
                        .x
                })
                .into_iter()
                .fold(0.0, f32::max);
            if width + 28.0 > ui.available_rect_before_wrap().width() {
                ui.end_row();
            }
            egui::Frame::new()
                .fill(theme::palette().raised)
                .corner_radius(10)
                .inner_margin(egui::Margin::symmetric(14, 8))
                .show(ui, |ui| {
                    ui.vertical(|ui| {
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
                        ui.label(title);
                        ui.label(value);
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
        if let Some(reminders) = reminders {
            card("Reminders followed", reminders);
        }
    });
}

/// "3 of 5 this week": the reminders followed this week, once any reminder was ever shown.
fn this_week(weeks: &[WeekCounts], now: &ZonedDateTime) -> Option<String> {
    let newest = weeks.first()?;
    let today = now.date().iso_week_date();
    Some(if (newest.year, newest.week) == (today.year(), today.week()) {
        format!("{} of {} this week", newest.followed, newest.shown())
    } else {
        "none this week".to_owned()
    })
}

/// Reminders followed, snoozed and skipped, a line a week, newest first, folded away until
/// asked for (the card above has this week's).
fn reminder_weeks_ui(ui: &mut Ui, weeks: &[WeekCounts]) {
    egui::CollapsingHeader::new(
        RichText::new("Reminders, week by week").small().color(theme::palette().muted),
    )
    .id_salt("reminder_weeks")
    .show(ui, |ui| {
        for week in weeks {
            ui.label(format!("Week of {}: {}", week.monday.strftime("%-d %b"), week_text(week)));
        }
    });
}

/// "2 followed, 1 snoozed, 0 skipped" (and how many went unanswered, if any).
#[must_use]
pub fn week_text(week: &WeekCounts) -> String {
    let mut text = [Outcome::Followed, Outcome::Snoozed, Outcome::Skipped]
        .map(|o| format!("{} {}", week.count(o), o.label()))
        .join(", ");
    if week.ignored > 0 {
        let _ = write!(text, ", {} {}", week.ignored, Outcome::Ignored.label());
    }
    text
}

fn filters_ui(ui: &mut Ui, kind: &mut Option<ScriptKind>, routine: &mut Option<String>, routines: &[String]) {
    ui.horizontal_wrapped(|ui| {
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

fn detail_ui(
    ui: &mut Ui,
    r: &Record,
    reminder: Option<&ReminderRow>,
    zone: &TimeZone,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new(&r.routine).size(theme::HEADING_SIZE));
    ui.label(
        RichText::new(format!("{} · {}", local_time(r, zone, "%A %-d %B %Y, %H:%M"), r.kind.label()))
            .color(theme::palette().muted),
    );
    if let Some(reminder) = reminder {
        ui.label(
            RichText::new(format!("Started from the reminder \"{}\"", reminder.record.reminder))
                .color(theme::palette().muted),
        );
    }
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
    if let Some(hrv) = &r.hrv {
        ui.label(super::hrv_chart::detail_text(hrv));
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
    fn only_the_rows_in_view_are_laid_out() {
        let view = |top: f32, bottom: f32| egui::Rect::from_x_y_ranges(0.0..=100.0, top..=bottom);
        // The list starts 500 points down the page, rows 40 apart.
        assert_eq!(visible_rows(view(0.0, 400.0), 500.0, 40.0, 100_000), (0, 1), "above the list");
        assert_eq!(visible_rows(view(300.0, 700.0), 500.0, 40.0, 100_000), (0, 6));
        assert_eq!(visible_rows(view(4_500.0, 4_900.0), 500.0, 40.0, 100_000), (100, 111));
        assert_eq!(visible_rows(view(0.0, 4_000.0), 500.0, 40.0, 3), (0, 3), "a short list whole");
        assert_eq!(visible_rows(view(0.0, 400.0), 0.0, 40.0, 0), (0, 0), "an empty list");
    }

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
