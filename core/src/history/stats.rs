//! Arithmetic over the history: minutes this week, this month and in all, practices a week,
//! the average change in stress and tension, minutes a day, and the regions most often tense.
//! Pure: the time zone and "now" are arguments.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Span, ZonedDateTime};

use super::record::Record;
use crate::body_scan::region::Region;

const MS_PER_MINUTE: f64 = 60_000.0;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stats {
    pub minutes_this_week: f64,
    pub minutes_this_month: f64,
    pub minutes_all_time: f64,
    pub practices: usize,
    /// Practices per week, from the first practice to now.
    pub practices_per_week: f64,
    /// Average after minus before, over practices rated both times (negative is calmer).
    pub stress_change: Option<f64>,
    pub tension_change: Option<f64>,
    /// Days in a row, up to today, with at least one practice.
    pub streak_days: u32,
}

/// The local date a record started on.
#[must_use]
pub fn local_date(record: &Record, zone: &TimeZone) -> Option<Date> {
    crate::local_time::date_at(record.started_at_ms, zone)
}

/// Whole days from `from` to `to` (negative if `to` is earlier).
fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

fn days_before(date: Date, days: i64) -> Date {
    date.checked_sub(Span::new().days(days)).unwrap_or(date)
}

/// The headline numbers at `now`, in its time zone.
#[must_use]
pub fn compute(records: &[Record], now: &ZonedDateTime) -> Stats {
    let zone = now.time_zone();
    let today = now.date();
    let week_start = days_before(today, i64::from(today.weekday().to_monday_zero_offset()));
    let month_start = today.first_of_month();
    let records: Vec<&Record> = records.iter().filter(|r| r.counts()).collect();
    let mut stats = Stats { practices: records.len(), ..Stats::default() };
    // Sums of after minus before, and how many practices were rated both times.
    let (mut stress, mut tension) = ((0.0, 0_u32), (0.0, 0_u32));
    let mut first_day = today;
    let mut days = std::collections::HashSet::new();
    for &r in &records {
        #[expect(clippy::cast_precision_loss, reason = "minutes for display")]
        let minutes = r.practised_ms.max(0) as f64 / MS_PER_MINUTE;
        stats.minutes_all_time += minutes;
        if let Some(day) = local_date(r, zone) {
            if day >= week_start && day <= today {
                stats.minutes_this_week += minutes;
            }
            if day >= month_start && day <= today {
                stats.minutes_this_month += minutes;
            }
            first_day = first_day.min(day);
            days.insert(day);
        }
        let (before, after) = (r.before.as_ref(), r.after.as_ref());
        if let Some(change) = change(before.and_then(|c| c.stress), after.and_then(|c| c.stress)) {
            stress.0 += change;
            stress.1 += 1;
        }
        if let Some(change) = change(before.and_then(|c| c.tension), after.and_then(|c| c.tension)) {
            tension.0 += change;
            tension.1 += 1;
        }
    }
    stats.stress_change = (stress.1 > 0).then(|| stress.0 / f64::from(stress.1));
    stats.tension_change = (tension.1 > 0).then(|| tension.0 / f64::from(tension.1));
    let span_days = u32::try_from(days_between(first_day, today) + 1).unwrap_or(u32::MAX).max(7);
    let weeks = f64::from(span_days) / 7.0;
    #[expect(clippy::cast_precision_loss, reason = "a count of practices")]
    let count = records.len() as f64;
    stats.practices_per_week = if records.is_empty() { 0.0 } else { count / weeks };
    let mut day = today;
    while days.contains(&day) {
        stats.streak_days += 1;
        day = days_before(day, 1);
    }
    stats
}

/// After minus before, when both were rated.
fn change(before: Option<u8>, after: Option<u8>) -> Option<f64> {
    Some(f64::from(after?) - f64::from(before?))
}

/// Minutes practised on each of the `days` days up to and including today, oldest first.
#[must_use]
pub fn minutes_per_day(records: &[Record], now: &ZonedDateTime, days: u32) -> Vec<(Date, f64)> {
    let zone = now.time_zone();
    let today = now.date();
    let first = days_before(today, i64::from(days.saturating_sub(1)));
    let mut per_day: BTreeMap<Date, f64> =
        (0..days).map(|i| (days_before(first, -i64::from(i)), 0.0)).collect();
    for r in records.iter().filter(|r| r.counts()) {
        if let Some(day) = local_date(r, zone)
            && let Some(minutes) = per_day.get_mut(&day)
        {
            #[expect(clippy::cast_precision_loss, reason = "minutes for display")]
            let m = r.practised_ms.max(0) as f64 / MS_PER_MINUTE;
            *minutes += m;
        }
    }
    per_day.into_iter().collect()
}

/// Average stress before and after, per day, over the `days` days up to today, for days with
/// rated practices: `(days ago, before, after)`, oldest first.
#[must_use]
pub fn stress_per_day(records: &[Record], now: &ZonedDateTime, days: u32) -> Vec<(u32, f64, f64)> {
    let zone = now.time_zone();
    let today = now.date();
    let mut sums: BTreeMap<u32, (f64, f64, u32)> = BTreeMap::new();
    for r in records.iter().filter(|r| r.counts()) {
        let before = r.before.as_ref().and_then(|c| c.stress);
        let after = r.after.as_ref().and_then(|c| c.stress);
        let (Some(before), Some(after), Some(day)) = (before, after, local_date(r, zone)) else {
            continue;
        };
        let Ok(ago) = u32::try_from(days_between(day, today)) else {
            continue;
        };
        if ago < days {
            let sum = sums.entry(ago).or_default();
            sum.0 += f64::from(before);
            sum.1 += f64::from(after);
            sum.2 += 1;
        }
    }
    sums.into_iter().rev().map(|(ago, (b, a, n))| (ago, b / f64::from(n), a / f64::from(n))).collect()
}

/// How often each region was marked tense (before or after), most often first.
#[must_use]
pub fn tense_regions(records: &[Record]) -> Vec<(Region, usize)> {
    let mut counts: BTreeMap<Region, usize> = BTreeMap::new();
    for r in records {
        for check in [&r.before, &r.after].into_iter().flatten() {
            for &region in &check.regions {
                *counts.entry(region).or_default() += 1;
            }
        }
    }
    let mut counts: Vec<(Region, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::{CheckIn, Status};
    use crate::script::ScriptKind;

    fn zone(name: &str) -> TimeZone {
        TimeZone::get(name).expect("a zone in the bundled database")
    }

    fn fixed(hours: i8) -> TimeZone {
        TimeZone::fixed(jiff::tz::offset(hours))
    }

    fn at(zone: &TimeZone, y: i16, m: i8, d: i8, h: i8) -> ZonedDateTime {
        jiff::civil::date(y, m, d).at(h, 0, 0, 0).to_zoned_datetime(zone.clone()).expect("valid time")
    }

    fn record(start: &ZonedDateTime, minutes: i64, ratings: Option<((u8, u8), (u8, u8))>) -> Record {
        let check = |(stress, tension): (u8, u8)| CheckIn {
            stress: Some(stress),
            tension: Some(tension),
            regions: vec![Region::LowerBack],
        };
        Record {
            id: start.to_string(),
            started_at_ms: start.timestamp().as_millisecond(),
            kind: ScriptKind::Breathing.into(),
            routine: "Coherent 6".to_owned(),
            planned_ms: minutes * 60_000,
            practised_ms: minutes * 60_000,
            done_count: 1,
            total_count: 1,
            status: Status::Finished,
            before: ratings.map(|(b, _)| check(b)),
            after: ratings.map(|(_, a)| check(a)),
            note: String::new(),
        }
    }

    #[test]
    fn weeks_months_and_changes() {
        // UTC+2; Monday 23 November 2026, evening.
        let zone = &fixed(2);
        let now = at(zone, 2026, 11, 23, 21);
        let records = [
            record(&at(zone, 2026, 11, 23, 8), 10, Some(((8, 7), (4, 4)))), // today
            record(&at(zone, 2026, 11, 22, 23), 5, Some(((6, 5), (4, 5)))), // Sunday: last week
            record(&at(zone, 2026, 11, 2, 9), 20, None),                    // this month
            record(&at(zone, 2026, 10, 31, 9), 15, None),                   // last month
        ];
        let stats = compute(&records, &now);
        assert!((stats.minutes_this_week - 10.0).abs() < 1e-9);
        assert!((stats.minutes_this_month - 35.0).abs() < 1e-9);
        assert!((stats.minutes_all_time - 50.0).abs() < 1e-9);
        assert_eq!(stats.stress_change, Some(-3.0), "(-4 + -2) / 2");
        assert_eq!(stats.tension_change, Some(-1.5), "(-3 + 0) / 2");
        // 4 practices from 31 October to 23 November: 24 days.
        assert!((stats.practices_per_week - 4.0 / (24.0 / 7.0)).abs() < 1e-9);
        assert_eq!(stats.streak_days, 2);
    }

    #[test]
    fn the_day_is_the_local_day() {
        // 23:30 on Sunday in UTC+2 is 21:30 UTC: still Sunday locally.
        let zone = &fixed(2);
        let late =
            jiff::civil::date(2026, 11, 22).at(23, 30, 0, 0).to_zoned_datetime(zone.clone()).expect("time");
        let r = record(&late, 5, None);
        assert_eq!(local_date(&r, zone), Some(jiff::civil::date(2026, 11, 22)));
        let per_day = minutes_per_day(&[r], &at(zone, 2026, 11, 23, 9), 30);
        assert_eq!(per_day.len(), 30);
        assert_eq!(per_day[28], (jiff::civil::date(2026, 11, 22), 5.0));
        assert!(per_day[29].1.abs() < f64::EPSILON);
    }

    #[test]
    fn stress_is_averaged_per_day() {
        let zone = &fixed(0);
        let now = at(zone, 2026, 11, 23, 20);
        let records = [
            record(&at(zone, 2026, 11, 23, 8), 5, Some(((8, 0), (4, 0)))),
            record(&at(zone, 2026, 11, 23, 9), 5, Some(((6, 0), (2, 0)))),
            record(&at(zone, 2026, 11, 20, 9), 5, Some(((5, 0), (5, 0)))),
            record(&at(zone, 2026, 6, 1, 9), 5, Some(((9, 0), (1, 0)))),
        ];
        assert_eq!(stress_per_day(&records, &now, 90), vec![(3, 5.0, 5.0), (0, 7.0, 3.0)]);
    }

    #[test]
    fn nothing_yet() {
        let zone = &fixed(0);
        let stats = compute(&[], &at(zone, 2026, 1, 1, 0));
        assert_eq!(stats, Stats::default());
        assert!(tense_regions(&[]).is_empty());
    }

    #[test]
    fn tense_regions_are_counted_most_often_first() {
        let zone = &fixed(0);
        let mut a = record(&at(zone, 2026, 1, 1, 0), 5, Some(((5, 5), (3, 3))));
        a.before = Some(CheckIn {
            stress: Some(5),
            tension: Some(5),
            regions: vec![Region::Shoulders, Region::LowerBack],
        });
        let counts = tense_regions(&[a]);
        assert_eq!(counts, vec![(Region::LowerBack, 2), (Region::Shoulders, 1)]);
    }

    #[test]
    fn each_instant_keeps_its_own_offset() {
        // Seen in November in Berlin (UTC+1), a practice at 00:30 on 16 July was in summer
        // time (UTC+2): 22:30 UTC on the 15th. It belongs to the 16th.
        let berlin = &zone("Europe/Berlin");
        let july =
            jiff::civil::date(2026, 7, 16).at(0, 30, 0, 0).to_zoned_datetime(berlin.clone()).expect("time");
        let r = record(&july, 10, None);
        assert_eq!(local_date(&r, berlin), Some(jiff::civil::date(2026, 7, 16)));
        let november = at(berlin, 2026, 11, 30, 9);
        let per_day = minutes_per_day(std::slice::from_ref(&r), &november, 200);
        let day = per_day.iter().find(|(_, m)| *m > 0.0).expect("binned").0;
        assert_eq!(day, jiff::civil::date(2026, 7, 16));
        // A streak across the change to winter time counts whole local days.
        let records = [
            record(&at(berlin, 2026, 10, 24, 23), 5, None),
            record(&at(berlin, 2026, 10, 25, 0), 5, None),
            record(&at(berlin, 2026, 10, 26, 0), 5, None),
        ];
        assert_eq!(compute(&records, &at(berlin, 2026, 10, 26, 9)).streak_days, 3);
    }

    #[test]
    fn ratings_not_given_are_left_out_of_averages() {
        let zone = &fixed(0);
        let now = at(zone, 2026, 11, 23, 20);
        let mut only_stress = record(&at(zone, 2026, 11, 23, 8), 5, Some(((8, 0), (4, 0))));
        for c in [&mut only_stress.before, &mut only_stress.after].into_iter().flatten() {
            c.tension = None;
        }
        let mut nothing_after = record(&at(zone, 2026, 11, 23, 9), 5, Some(((6, 6), (0, 0))));
        nothing_after.after = Some(CheckIn::default());
        let both = record(&at(zone, 2026, 11, 23, 10), 5, Some(((5, 6), (3, 2))));
        let stats = compute(&[only_stress.clone(), nothing_after.clone(), both.clone()], &now);
        assert_eq!(stats.stress_change, Some(-3.0), "(-4 + -2) / 2: the unrated one is not a 0");
        assert_eq!(stats.tension_change, Some(-4.0), "only the practice rated both times");
        assert_eq!(stress_per_day(&[only_stress, nothing_after, both], &now, 7), vec![(0, 6.5, 3.5)]);
    }

    #[test]
    fn a_few_seconds_by_mistake_do_not_count() {
        let zone = &fixed(0);
        let now = at(zone, 2026, 11, 23, 20);
        let mut slip = record(&at(zone, 2026, 11, 23, 9), 0, Some(((8, 8), (1, 1))));
        slip.practised_ms = 2_000;
        slip.status = Status::Stopped;
        let mut short_but_done = record(&at(zone, 2026, 11, 23, 10), 0, None);
        short_but_done.practised_ms = 40_000;
        let real = record(&at(zone, 2026, 11, 23, 11), 5, None);
        let stats = compute(&[slip.clone(), short_but_done, real], &now);
        assert_eq!(stats.practices, 2, "the two-second slip is not a practice");
        assert_eq!(stats.stress_change, None, "nor are its ratings");
        assert!(stress_per_day(&[slip], &now, 7).is_empty());
    }
}
