//! The moments a clock reminder comes: each listed time on each day it keeps, read on the
//! local clock. A time skipped by summer time comes just after the jump (02:30 becomes
//! 03:30); a time the clock passes twice when summer time ends comes the first time only.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Timestamp};

use super::at_times::AtTimes;
use super::days::Days;
use super::time_of_day::TimeOfDay;

/// One listed time on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The day and time as listed (the same on both readings of a repeated hour).
    pub civil: DateTime,
    pub time: TimeOfDay,
    /// When it happens.
    pub at: Timestamp,
}

/// The most days [`within`] looks through, however far apart its bounds are.
const MAX_DAYS: i64 = 8;

/// The occurrences after `after` and no later than `up_to`, in time order. Looks at most
/// [`MAX_DAYS`] back from `up_to`.
#[must_use]
pub fn within(
    times: &AtTimes,
    days: Days,
    zone: &TimeZone,
    after: Timestamp,
    up_to: Timestamp,
) -> Vec<Occurrence> {
    let earliest = up_to.checked_sub(SignedDuration::from_hours(24 * MAX_DAYS)).unwrap_or(up_to);
    let after = after.max(earliest);
    let first = zone.to_datetime(after).date();
    let last = zone.to_datetime(up_to).date();
    let mut out: Vec<Occurrence> = dates(first, last)
        .flat_map(|date| on(times, days, zone, date))
        .filter(|o| after < o.at && o.at <= up_to)
        .collect();
    out.sort_by_key(|o| o.at);
    out
}

/// The first occurrence after `after`, within a week and a day.
#[must_use]
pub fn next(times: &AtTimes, days: Days, zone: &TimeZone, after: Timestamp) -> Option<Occurrence> {
    let first = zone.to_datetime(after).date();
    let last = first.checked_add(Span::new().days(8)).unwrap_or(first);
    dates(first, last)
        .flat_map(|date| on(times, days, zone, date))
        .filter(|o| o.at > after)
        .min_by_key(|o| o.at)
}

/// From the day before `first` to the day after `last`, so zone offsets never hide one.
fn dates(first: Date, last: Date) -> impl Iterator<Item = Date> {
    let start = first.yesterday().unwrap_or(first);
    let end = last.tomorrow().unwrap_or(last);
    std::iter::successors(Some(start), move |d| d.tomorrow().ok().filter(|next| *next <= end))
}

fn on(times: &AtTimes, days: Days, zone: &TimeZone, date: Date) -> Vec<Occurrence> {
    if !days.contains(date.weekday()) {
        return Vec::new();
    }
    times
        .times()
        .iter()
        .filter_map(|&time| {
            let civil = date.to_datetime(time.civil());
            let at = zone.to_ambiguous_timestamp(civil).compatible().ok()?;
            Some(Occurrence { civil, time, at })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::reminder::days::Day;

    fn berlin() -> TimeZone {
        TimeZone::get("Europe/Berlin").expect("bundled")
    }

    fn at(y: i16, m: i8, d: i8, h: i8, min: i8) -> Timestamp {
        date(y, m, d).at(h, min, 0, 0).to_zoned_datetime(berlin()).expect("valid").timestamp()
    }

    fn times(list: &[&str]) -> AtTimes {
        AtTimes::new(list.iter().map(|t| TimeOfDay::parse(t).expect("time")).collect()).expect("times")
    }

    fn shown(o: &Occurrence) -> String {
        o.at.to_zoned_datetime(berlin()).strftime("%a %d %H:%M %Z").to_string()
    }

    #[test]
    fn lists_each_time_on_each_kept_day_in_order() {
        // 2026-05-15 is a Friday.
        let weekdays = Days::new(&[Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri]).expect("days");
        let found = within(
            &times(&["22:30", "07:00"]),
            weekdays,
            &berlin(),
            at(2026, 5, 14, 22, 30),
            at(2026, 5, 18, 7, 0),
        );
        let shown: Vec<String> = found.iter().map(shown).collect();
        assert_eq!(
            shown,
            ["Fri 15 07:00 CEST", "Fri 15 22:30 CEST", "Mon 18 07:00 CEST"],
            "after is left out, up_to kept"
        );
    }

    #[test]
    fn summer_time_moves_a_skipped_time_and_keeps_a_repeated_one_once() {
        let t = times(&["02:30"]);
        let spring = next(&t, Days::EVERY_DAY, &berlin(), at(2026, 3, 29, 0, 0)).expect("comes");
        assert_eq!(shown(&spring), "Sun 29 03:30 CEST");
        let autumn = within(&t, Days::EVERY_DAY, &berlin(), at(2026, 10, 25, 0, 0), at(2026, 10, 25, 4, 0));
        assert_eq!(autumn.iter().map(shown).collect::<Vec<_>>(), ["Sun 25 02:30 CEST"]);
    }

    #[test]
    fn looks_only_a_few_days_back() {
        let found = within(
            &times(&["12:00"]),
            Days::EVERY_DAY,
            &berlin(),
            at(2000, 1, 1, 0, 0),
            at(2026, 5, 15, 13, 0),
        );
        assert_eq!(found.len(), 8, "eight days back, the day itself after 12:00 included");
    }
}
