//! When an interval reminder may count and come: its days and its `between` hours, read on
//! the local clock. Summer time is honoured: a window opens and closes by the clock on the
//! wall, and a day that skips or repeats an hour is as long as it really is.

use std::time::Duration;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

use super::between::Between;
use super::days::Days;

/// How far ahead [`Window::next_change`] looks: past any week of allowed or refused days.
const HORIZON_DAYS: i64 = 9;

/// The days and hours an interval reminder keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub days: Days,
    pub between: Option<Between>,
}

impl Window {
    /// Whether the local time `at` is inside the window. An overnight window belongs to the
    /// day it starts on.
    #[must_use]
    pub fn allows(&self, at: DateTime) -> bool {
        let (date, time) = (at.date(), at.time());
        let on = |date: Date| self.days.contains(date.weekday());
        match self.between {
            None => on(date),
            Some(b) if !b.is_overnight() => on(date) && b.start.civil() <= time && time < b.end.civil(),
            Some(b) => {
                (time >= b.start.civil() && on(date))
                    || (time < b.end.civil() && date.yesterday().is_ok_and(on))
            }
        }
    }

    /// The first instant after `at` where [`Self::allows`] changes, or `None` if it never
    /// does (every day, all day).
    #[must_use]
    pub fn next_change(&self, at: &ZonedDateTime) -> Option<Timestamp> {
        let zone = at.time_zone();
        let now = at.timestamp();
        let allowed = self.allows(at.datetime());
        let mut candidates = self.boundaries(zone, at.date(), now);
        candidates.sort_unstable();
        candidates.into_iter().find(|&t| self.allows(zone.to_datetime(t)) != allowed)
    }

    /// The stretches from `from` up to `to`, each with whether the window allows it.
    #[must_use]
    pub fn stretches(&self, zone: &TimeZone, from: Timestamp, to: Timestamp) -> Vec<(Duration, bool)> {
        let mut out = Vec::new();
        let mut at = from;
        while at < to {
            let zoned = at.to_zoned_datetime(zone.clone());
            let end = self.next_change(&zoned).map_or(to, |change| change.min(to));
            let length = Duration::try_from(end.duration_since(at)).unwrap_or_default();
            out.push((length, self.allows(zoned.datetime())));
            if end <= at {
                break;
            }
            at = end;
        }
        out
    }

    /// Every instant after `now` within the horizon where the window could open or close:
    /// midnight, `start` and `end` on each day (both readings of a repeated hour), and the
    /// zone's own jumps (where a skipped hour moves the clock past a boundary).
    fn boundaries(self, zone: &TimeZone, today: Date, now: Timestamp) -> Vec<Timestamp> {
        let mut times = vec![Time::midnight()];
        if let Some(b) = self.between {
            times.extend([b.start.civil(), b.end.civil()]);
        }
        let mut out = Vec::new();
        for offset in -1..=HORIZON_DAYS {
            let Ok(date) = today.checked_add(jiff::Span::new().days(offset)) else {
                continue;
            };
            for &time in &times {
                let ambiguous = zone.to_ambiguous_timestamp(date.to_datetime(time));
                out.extend([ambiguous.earlier(), ambiguous.later()].into_iter().flatten());
            }
        }
        let horizon = now.checked_add(jiff::SignedDuration::from_hours(24 * HORIZON_DAYS)).unwrap_or(now);
        out.extend(zone.following(now).map(|t| t.timestamp()).take_while(|&t| t <= horizon));
        out.retain(|&t| t > now);
        out
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::reminder::days::Day;
    use crate::reminder::time_of_day::TimeOfDay;

    fn window(days: &[Day], between: Option<(&str, &str)>) -> Window {
        let between = between.map(|(s, e)| {
            Between::new(TimeOfDay::parse(s).expect("start"), TimeOfDay::parse(e).expect("end"))
                .expect("window")
        });
        Window { days: Days::new(days).expect("days"), between }
    }

    fn berlin(y: i16, m: i8, d: i8, h: i8, min: i8) -> ZonedDateTime {
        date(y, m, d)
            .at(h, min, 0, 0)
            .to_zoned_datetime(TimeZone::get("Europe/Berlin").expect("bundled"))
            .expect("valid")
    }

    fn shown(t: Timestamp) -> String {
        t.to_zoned_datetime(TimeZone::get("Europe/Berlin").expect("bundled"))
            .strftime("%a %H:%M %Z")
            .to_string()
    }

    #[test]
    fn an_overnight_window_belongs_to_the_day_it_starts() {
        // Friday night only: Fri 22:00 to Sat 06:00. 2026-05-15 is a Friday.
        let w = window(&[Day::Fri], Some(("22:00", "06:00")));
        assert!(!w.allows(date(2026, 5, 15).at(6, 0, 0, 0)), "Friday morning belongs to Thursday night");
        assert!(w.allows(date(2026, 5, 15).at(23, 0, 0, 0)));
        assert!(w.allows(date(2026, 5, 16).at(5, 59, 59, 0)));
        assert!(!w.allows(date(2026, 5, 16).at(6, 0, 0, 0)));
        assert!(!w.allows(date(2026, 5, 16).at(22, 0, 0, 0)));
        assert_eq!(w.next_change(&berlin(2026, 5, 14, 12, 0)).map(shown).as_deref(), Some("Fri 22:00 CEST"));
        assert_eq!(w.next_change(&berlin(2026, 5, 15, 23, 0)).map(shown).as_deref(), Some("Sat 06:00 CEST"));
    }

    #[test]
    fn a_window_opens_when_a_skipped_hour_jumps_past_its_start() {
        // Berlin skips 02:00 to 03:00 on Sunday 2026-03-29: a window from 02:30 opens at 03:00.
        let w = window(&Day::ALL, Some(("02:30", "04:00")));
        assert_eq!(w.next_change(&berlin(2026, 3, 29, 1, 0)).map(shown).as_deref(), Some("Sun 03:00 CEST"));
        let stretches = w.stretches(
            &TimeZone::get("Europe/Berlin").expect("bundled"),
            berlin(2026, 3, 29, 1, 0).timestamp(),
            berlin(2026, 3, 29, 5, 0).timestamp(),
        );
        let minutes: Vec<(u64, bool)> = stretches.iter().map(|&(d, on)| (d.as_secs() / 60, on)).collect();
        assert_eq!(minutes, [(60, false), (60, true), (60, false)], "one real hour from 03:00 to 04:00");
    }

    #[test]
    fn a_repeated_hour_is_inside_the_window_twice() {
        // Berlin repeats 02:00 to 03:00 on Sunday 2026-10-25.
        let w = window(&Day::ALL, Some(("02:15", "02:45")));
        let zone = TimeZone::get("Europe/Berlin").expect("bundled");
        let stretches = w.stretches(
            &zone,
            berlin(2026, 10, 25, 1, 0).timestamp(),
            berlin(2026, 10, 25, 4, 0).timestamp(),
        );
        let allowed: u64 = stretches.iter().filter(|(_, on)| *on).map(|(d, _)| d.as_secs() / 60).sum();
        assert_eq!(allowed, 60, "half an hour in summer time and again in winter time");
    }

    #[test]
    fn every_day_all_day_never_changes() {
        let w = window(&Day::ALL, None);
        assert_eq!(w.next_change(&berlin(2026, 5, 15, 12, 0)), None);
        let weekends = window(&[Day::Sat, Day::Sun], None);
        assert_eq!(
            weekends.next_change(&berlin(2026, 5, 15, 12, 0)).map(shown).as_deref(),
            Some("Sat 00:00 CEST")
        );
    }
}
