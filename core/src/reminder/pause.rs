//! "Pause reminders": for a while, or until tomorrow. A pause ends by the wall clock (so a
//! laptop asleep over lunch wakes to reminders on time) and also by the monotonic clock (so
//! setting the wall clock back cannot stretch it).

use std::time::Duration;

use jiff::civil::Time;
use jiff::{Timestamp, ZonedDateTime};

/// "Until tomorrow" ends at this hour of the local morning, so a pause at 23:50 or at 01:00
/// lasts the night rather than ending at midnight.
pub const TOMORROW_STARTS_AT_HOUR: i8 = 4;

/// What the person asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    /// For this long, e.g. an hour.
    For(Duration),
    /// Until [`TOMORROW_STARTS_AT_HOUR`] next comes round.
    UntilTomorrow,
}

/// A pause in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paused {
    /// When it ends on the wall clock, to show ("Paused until 15:30").
    pub until: Timestamp,
    /// When it ends on the monotonic clock, whichever comes first.
    until_now: Duration,
}

impl Paused {
    /// The pause `pause` asked for at monotonic `now` and local time `wall`.
    #[must_use]
    pub fn new(pause: Pause, now: Duration, wall: &ZonedDateTime) -> Self {
        let length = match pause {
            Pause::For(length) => length,
            Pause::UntilTomorrow => until_morning(wall),
        };
        let until = wall.timestamp().checked_add(length).unwrap_or(wall.timestamp());
        Self { until, until_now: now.saturating_add(length) }
    }

    /// Whether it still holds at `now` and `wall`.
    #[must_use]
    pub fn holds(&self, now: Duration, wall: Timestamp) -> bool {
        now < self.until_now && wall < self.until
    }

    /// How long until it ends, if it still holds.
    #[must_use]
    pub fn remaining(&self, now: Duration, wall: Timestamp) -> Option<Duration> {
        let by_wall = Duration::try_from(self.until.duration_since(wall)).ok()?;
        let by_now = self.until_now.checked_sub(now)?;
        Some(by_wall.min(by_now)).filter(|d| !d.is_zero())
    }
}

/// From `wall` to the next local [`TOMORROW_STARTS_AT_HOUR`] o'clock (today's, if it is
/// still night).
fn until_morning(wall: &ZonedDateTime) -> Duration {
    let morning = Time::new(TOMORROW_STARTS_AT_HOUR, 0, 0, 0).unwrap_or(Time::midnight());
    let today = wall.date();
    let day = if wall.time() < morning { today } else { today.tomorrow().unwrap_or(today) };
    wall.time_zone()
        .to_zoned_datetime(day.to_datetime(morning))
        .ok()
        .and_then(|end| Duration::try_from(end.timestamp().duration_since(wall.timestamp())).ok())
        .unwrap_or(Duration::from_secs(12 * 3600))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use jiff::tz::TimeZone;

    use super::*;

    fn berlin(y: i16, m: i8, d: i8, h: i8, min: i8) -> ZonedDateTime {
        date(y, m, d)
            .at(h, min, 0, 0)
            .to_zoned_datetime(TimeZone::get("Europe/Berlin").expect("bundled"))
            .expect("valid")
    }

    #[test]
    fn until_tomorrow_lasts_the_night() {
        let hours = |wall: &ZonedDateTime| until_morning(wall).as_secs_f64() / 3600.0;
        assert!((hours(&berlin(2026, 5, 15, 16, 0)) - 12.0).abs() < 1e-9);
        assert!((hours(&berlin(2026, 5, 15, 23, 50)) - (4.0 + 1.0 / 6.0)).abs() < 1e-9);
        assert!((hours(&berlin(2026, 5, 16, 1, 0)) - 3.0).abs() < 1e-9, "still tonight at 01:00");
        // The night summer time starts is an hour shorter.
        assert!((hours(&berlin(2026, 3, 28, 22, 0)) - 5.0).abs() < 1e-9);
    }

    #[test]
    fn ends_by_whichever_clock_gets_there_first() {
        let wall = berlin(2026, 5, 15, 12, 0);
        let paused = Paused::new(Pause::For(Duration::from_secs(3600)), Duration::from_secs(100), &wall);
        let later = |minutes: i64| {
            wall.timestamp().checked_add(jiff::SignedDuration::from_mins(minutes)).expect("in range")
        };
        assert!(paused.holds(Duration::from_secs(100 + 3599), later(59)));
        // Asleep for two hours: the monotonic clock stood still, the wall clock did not.
        assert!(!paused.holds(Duration::from_secs(160), later(120)));
        // The wall clock set back a day: the monotonic clock still ends it after an hour.
        assert!(!paused.holds(Duration::from_secs(100 + 3600), later(-24 * 60)));
        assert_eq!(
            paused.remaining(Duration::from_secs(100 + 600), later(30)),
            Some(Duration::from_secs(1800))
        );
        assert_eq!(paused.remaining(Duration::from_secs(100 + 3600), later(60)), None);
    }
}
