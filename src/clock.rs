//! The one place that reads the monotonic clock.
//!
//! Everything else in Unbrace takes "now" as a [`Duration`] since an arbitrary origin (the
//! moment the clock was made). The practice logic is pure: tests drive it with a
//! [`ManualClock`] and can fast-forward an hour of breathing in a microsecond.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};

use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

/// A source of monotonic time, as a duration since the clock's own origin, and of the wall
/// time for timestamps that are stored.
pub trait Clock {
    fn now(&self) -> Duration;

    /// Milliseconds since 1970 UTC, for timestamps that are stored or shown.
    fn wall_ms(&self) -> i64;

    /// The user's time zone, in which stored instants are shown and binned into days.
    fn time_zone(&self) -> TimeZone;

    /// The wall time now, in the user's time zone.
    fn local_now(&self) -> ZonedDateTime {
        let now = Timestamp::from_millisecond(self.wall_ms()).unwrap_or(Timestamp::UNIX_EPOCH);
        now.to_zoned_datetime(self.time_zone())
    }

    /// Local time to the second, for file names: `20261130-093000`.
    fn stamp(&self) -> String {
        self.local_now().strftime("%Y%m%d-%H%M%S").to_string()
    }
}

/// The real monotonic clock. A hidden or minimised window does not slow it down.
#[derive(Debug, Clone)]
pub struct MonotonicClock {
    origin: Instant,
    /// The system's zone (`TZ`, or `/etc/localtime`), read once at start.
    zone: TimeZone,
}

impl MonotonicClock {
    #[must_use]
    #[expect(clippy::disallowed_methods, reason = "this is the one clock module")]
    pub fn new() -> Self {
        Self { origin: Instant::now(), zone: TimeZone::system() }
    }
}

impl Default for MonotonicClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for MonotonicClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }

    fn wall_ms(&self) -> i64 {
        wall_ms(wall_clock_now())
    }

    fn time_zone(&self) -> TimeZone {
        self.zone.clone()
    }
}

fn wall_ms(time: std::time::SystemTime) -> i64 {
    match time.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

/// A clock that only moves when told to. Clones share the same time, so a test can keep one
/// handle and give the other to the app. Its wall time starts at 2026-11-23 09:00 UTC, in
/// UTC unless a test pins another zone.
#[derive(Debug, Clone, Default)]
pub struct ManualClock {
    now: Rc<Cell<Duration>>,
    zone: Rc<RefCell<Option<TimeZone>>>,
}

/// The wall time of a [`ManualClock`] at its origin.
pub const MANUAL_EPOCH_MS: i64 = 1_795_424_400_000;

impl ManualClock {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    pub fn advance(&self, by: Duration) {
        self.now.set(self.now.get() + by);
    }

    pub fn set(&self, now: Duration) {
        self.now.set(now);
    }

    /// Pins the user's time zone (shared by every clone).
    pub fn set_time_zone(&self, zone: TimeZone) {
        *self.zone.borrow_mut() = Some(zone);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        self.now.get()
    }

    fn wall_ms(&self) -> i64 {
        MANUAL_EPOCH_MS + i64::try_from(self.now.get().as_millis()).unwrap_or(i64::MAX)
    }

    fn time_zone(&self) -> TimeZone {
        self.zone.borrow().clone().unwrap_or(TimeZone::UTC)
    }
}

/// The wall clock, for timestamps that are stored or shown (never for timing a practice).
#[must_use]
#[expect(clippy::disallowed_methods, reason = "this is the one clock module")]
pub fn wall_clock_now() -> std::time::SystemTime {
    std::time::SystemTime::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_clones_share_time() {
        let clock = ManualClock::new();
        let handle = clock.clone();
        handle.advance(Duration::from_secs(3600));
        assert_eq!(clock.now(), Duration::from_secs(3600));
    }

    #[test]
    fn monotonic_clock_never_goes_back() {
        let clock = MonotonicClock::new();
        let a = clock.now();
        let b = clock.now();
        assert!(b >= a);
    }
}
