//! How often reminders were followed, snoozed, skipped or left, per ISO week (Monday to
//! Sunday) in the person's time zone, each instant with its own offset.

use jiff::civil::{Date, ISOWeekDate};
use jiff::tz::TimeZone;

use super::reminder_record::{Outcome, ReminderRecord};

/// One week's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekCounts {
    /// The ISO week-numbering year (around New Year it can differ from the calendar's).
    pub year: i16,
    /// 1 to 53.
    pub week: i8,
    /// The week's Monday, to label it.
    pub monday: Date,
    pub followed: u32,
    pub snoozed: u32,
    pub skipped: u32,
    pub ignored: u32,
}

impl WeekCounts {
    fn new(week: ISOWeekDate) -> Self {
        let monday = ISOWeekDate::new(week.year(), week.week(), jiff::civil::Weekday::Monday)
            .map_or_else(|_| week.date(), ISOWeekDate::date);
        Self { year: week.year(), week: week.week(), monday, followed: 0, snoozed: 0, skipped: 0, ignored: 0 }
    }

    #[must_use]
    pub const fn count(&self, outcome: Outcome) -> u32 {
        match outcome {
            Outcome::Followed => self.followed,
            Outcome::Snoozed => self.snoozed,
            Outcome::Skipped => self.skipped,
            Outcome::Ignored => self.ignored,
        }
    }

    #[must_use]
    pub const fn shown(&self) -> u32 {
        self.followed + self.snoozed + self.skipped + self.ignored
    }

    fn add(&mut self, outcome: Outcome) {
        let count = match outcome {
            Outcome::Followed => &mut self.followed,
            Outcome::Snoozed => &mut self.snoozed,
            Outcome::Skipped => &mut self.skipped,
            Outcome::Ignored => &mut self.ignored,
        };
        *count = count.saturating_add(1);
    }
}

/// The weeks with at least one reminder, oldest first. Records whose instant is out of
/// range are left out.
#[must_use]
pub fn weekly(records: &[ReminderRecord], zone: &TimeZone) -> Vec<WeekCounts> {
    let mut weeks: Vec<WeekCounts> = Vec::new();
    for record in records {
        let Some(date) = crate::local_time::date_at(record.at_ms, zone) else {
            continue;
        };
        let iso = date.iso_week_date();
        let i = match weeks.binary_search_by_key(&(iso.year(), iso.week()), |w| (w.year, w.week)) {
            Ok(i) => i,
            Err(i) => {
                weeks.insert(i, WeekCounts::new(iso));
                i
            }
        };
        weeks[i].add(record.outcome);
    }
    weeks
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn berlin() -> TimeZone {
        TimeZone::get("Europe/Berlin").expect("bundled")
    }

    fn record(y: i16, m: i8, d: i8, h: i8, outcome: Outcome) -> ReminderRecord {
        let at = date(y, m, d).at(h, 0, 0, 0).to_zoned_datetime(berlin()).expect("valid").timestamp();
        ReminderRecord { reminder: "Desk break".to_owned(), at_ms: at.as_millisecond(), outcome }
    }

    #[test]
    fn counts_each_outcome_per_iso_week() {
        let records = [
            record(2026, 5, 11, 10, Outcome::Followed), // Monday, week 20
            record(2026, 5, 17, 23, Outcome::Skipped),  // Sunday night, still week 20
            record(2026, 5, 18, 0, Outcome::Snoozed),   // Monday, week 21
            record(2026, 5, 13, 15, Outcome::Followed),
            record(2026, 5, 20, 9, Outcome::Ignored),
        ];
        let weeks = weekly(&records, &berlin());
        let summary: Vec<(i8, Date, [u32; 4])> =
            weeks.iter().map(|w| (w.week, w.monday, Outcome::ALL.map(|o| w.count(o)))).collect();
        assert_eq!(summary, [(20, date(2026, 5, 11), [2, 0, 1, 0]), (21, date(2026, 5, 18), [0, 1, 0, 1])]);
        assert_eq!(weeks[0].shown(), 3);
    }

    #[test]
    fn weeks_follow_the_local_clock_and_the_iso_year() {
        // 23:30 UTC on Sunday 2026-05-17 is already Monday 01:30 in Berlin: week 21.
        let late =
            ReminderRecord { reminder: "x".to_owned(), at_ms: 1_779_060_600_000, outcome: Outcome::Followed };
        assert_eq!(weekly(std::slice::from_ref(&late), &berlin())[0].week, 21);
        assert_eq!(weekly(&[late], &TimeZone::UTC)[0].week, 20);
        // Thursday 2027-01-01 belongs to week 53 of 2026.
        let new_year = weekly(&[record(2027, 1, 1, 12, Outcome::Followed)], &berlin());
        assert_eq!((new_year[0].year, new_year[0].week, new_year[0].monday), (2026, 53, date(2026, 12, 28)));
        let out_of_range =
            ReminderRecord { reminder: "x".to_owned(), at_ms: i64::MAX, outcome: Outcome::Skipped };
        assert!(weekly(&[out_of_range], &berlin()).is_empty());
    }
}
