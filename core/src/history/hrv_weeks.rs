//! Heart-rate variability over the weeks, for the History page: per week (Monday to Sunday in
//! the user's zone), the mean of the practices' RMSSD over their first minute and over their
//! last minute, and of their mean coherence, each among the practices that have it. Weeks
//! without any such practice are left out rather than drawn as zero.
//!
//! The figures are for a person's own trend: how their practices compare with each other
//! over time, never with anyone else's, and never a diagnosis.

use jiff::ZonedDateTime;
use jiff::civil::{Date, ISOWeekDate, Weekday};

use super::record::Record;
use super::stats::local_date;

/// One week's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct HrvWeek {
    /// The Monday the week starts on.
    pub monday: Date,
    /// Whole weeks before the current one (0: this week).
    pub weeks_ago: u32,
    pub rmssd_first_ms: Option<f64>,
    pub rmssd_last_ms: Option<f64>,
    pub coherence: Option<f64>,
    /// Practices with any heart-rate figure that week.
    pub practices: usize,
}

/// The means of one figure: a sum and a count.
#[derive(Debug, Clone, Copy, Default)]
struct Mean(f64, u32);

impl Mean {
    fn add(&mut self, value: Option<f64>) {
        if let Some(v) = value.filter(|v| v.is_finite()) {
            self.0 += v;
            self.1 += 1;
        }
    }

    fn value(self) -> Option<f64> {
        (self.1 > 0).then(|| self.0 / f64::from(self.1))
    }
}

/// The weeks among the last `weeks` (this one included) with heart-rate figures, oldest
/// first.
#[must_use]
pub fn per_week(records: &[Record], now: &ZonedDateTime, weeks: u32) -> Vec<HrvWeek> {
    let zone = now.time_zone();
    let this_monday = monday_of(now.date());
    let mut sums: std::collections::BTreeMap<u32, (Mean, Mean, Mean, usize)> =
        std::collections::BTreeMap::new();
    for r in records {
        let (Some(hrv), Some(day)) = (r.hrv.as_deref().filter(|h| !h.is_empty()), local_date(r, zone)) else {
            continue;
        };
        let Some(ago) = weeks_between(monday_of(day), this_monday).filter(|&ago| ago < weeks) else {
            continue;
        };
        let week = sums.entry(ago).or_default();
        week.0.add(hrv.rmssd_first_ms);
        week.1.add(hrv.rmssd_last_ms);
        week.2.add(hrv.coherence_mean);
        week.3 += 1;
    }
    sums.into_iter()
        .rev()
        .map(|(weeks_ago, (first, last, coherence, practices))| HrvWeek {
            monday: this_monday
                .checked_sub(jiff::Span::new().weeks(i64::from(weeks_ago)))
                .unwrap_or(this_monday),
            weeks_ago,
            rmssd_first_ms: first.value(),
            rmssd_last_ms: last.value(),
            coherence: coherence.value(),
            practices,
        })
        .collect()
}

fn monday_of(day: Date) -> Date {
    let iso = day.iso_week_date();
    ISOWeekDate::new(iso.year(), iso.week(), Weekday::Monday).map_or(day, ISOWeekDate::date)
}

/// Whole weeks from one Monday to a later one; `None` if `from` is later.
fn weeks_between(from: Date, to: Date) -> Option<u32> {
    let days = from.until(to).ok()?.get_days();
    u32::try_from(days / 7).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::{PracticeHrv, sample};
    use jiff::tz::TimeZone;

    fn at(y: i16, m: i8, d: i8) -> ZonedDateTime {
        jiff::civil::date(y, m, d).at(9, 0, 0, 0).to_zoned_datetime(TimeZone::UTC).expect("valid")
    }

    fn practice(day: &ZonedDateTime, first: f64, last: f64, coherence: Option<f64>) -> Record {
        Record {
            hrv: Some(Box::new(PracticeHrv {
                rmssd_first_ms: Some(first),
                rmssd_last_ms: Some(last),
                coherence_mean: coherence,
            })),
            ..sample(&day.to_string(), day.timestamp().as_millisecond())
        }
    }

    /// Weeks ago, the three means, and the practices counted.
    type Row = (u32, Option<f64>, Option<f64>, Option<f64>, usize);

    #[test]
    fn weeks_average_their_practices_and_skip_weeks_without_figures() {
        // Thursday 2026-11-26; its week starts on Monday 23 November.
        let now = at(2026, 11, 26);
        let records = vec![
            practice(&at(2026, 11, 23), 30.0, 40.0, Some(1.0)),
            practice(&at(2026, 11, 25), 20.0, 50.0, None),
            // Sunday 22 November is the week before.
            practice(&at(2026, 11, 22), 10.0, 12.0, Some(0.5)),
            // Three weeks back, and a practice with no strap that week too.
            practice(&at(2026, 11, 4), 25.0, 35.0, Some(2.0)),
            sample("no strap", at(2026, 11, 5).timestamp().as_millisecond()),
            // Too long ago, and in the future.
            practice(&at(2025, 1, 1), 1.0, 1.0, None),
            practice(&at(2026, 12, 30), 1.0, 1.0, None),
        ];
        let weeks = per_week(&records, &now, 26);
        let summary: Vec<Row> = weeks
            .iter()
            .map(|w| (w.weeks_ago, w.rmssd_first_ms, w.rmssd_last_ms, w.coherence, w.practices))
            .collect();
        assert_eq!(
            summary,
            vec![
                (3, Some(25.0), Some(35.0), Some(2.0), 1),
                (1, Some(10.0), Some(12.0), Some(0.5), 1),
                (0, Some(25.0), Some(45.0), Some(1.0), 2),
            ]
        );
        assert_eq!(weeks[2].monday, jiff::civil::date(2026, 11, 23));
        assert_eq!(weeks[0].monday, jiff::civil::date(2026, 11, 2));
    }

    #[test]
    fn an_empty_figure_is_no_practice() {
        let now = at(2026, 11, 26);
        let mut r = practice(&now, 1.0, 1.0, None);
        r.hrv = Some(Box::default());
        assert!(per_week(&[r], &now, 4).is_empty());
    }
}
