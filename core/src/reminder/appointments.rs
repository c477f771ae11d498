//! The book behind a clock reminder: which of its times have come, which one waits to be
//! shown, and "Later".
//!
//! Each listed time comes once a kept day. One that could not be shown on time (the
//! computer was off or asleep, Unbrace was not running, a meeting or a practice held it)
//! is still shown up to [`STALE_AFTER`] late, never later, and only the newest of several.

use std::time::Duration;

use jiff::civil::DateTime;
use jiff::{SignedDuration, Span, Timestamp};

use super::at_times::AtTimes;
use super::days::Days;
use super::occurrences;
use super::scheduler::{POLL, STALE_AFTER, Tick, wall_to_now};
use super::time_of_day::TimeOfDay;
use super::wording;

/// A time that has come and waits to be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Waiting {
    time: TimeOfDay,
    /// When it came (or when "Later" ran out).
    came: Timestamp,
    snoozed: bool,
    /// Dropped after this, by the wall clock or the monotonic one, whichever is first.
    expires: Timestamp,
    expires_now: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Appointments {
    /// Times up to here have been looked at (the wall time of the last tick).
    seen_up_to: Option<Timestamp>,
    /// Occurrences already shown or dropped, by their listed day and time, so a repeated
    /// hour or a clock set back never brings one twice.
    done: Vec<DateTime>,
    waiting: Option<Waiting>,
    /// "Later" was chosen: due again at this monotonic time.
    snooze_until: Option<Duration>,
}

impl Appointments {
    /// A book that ignores times before `seen_up_to` (a reminder added while running).
    pub fn new(seen_up_to: Option<Timestamp>) -> Self {
        Self { seen_up_to, ..Self::default() }
    }

    /// The person already saw this reminder at `at` (from History, after a restart).
    pub fn shown_at(&mut self, at: Timestamp) {
        self.seen_up_to = Some(self.seen_up_to.map_or(at, |seen| seen.max(at)));
    }

    /// Started, skipped, or a practice done: nothing waits any more.
    pub fn settle(&mut self) {
        self.waiting = None;
        self.snooze_until = None;
    }

    pub fn snooze(&mut self, now: Duration, length: Duration) {
        self.waiting = None;
        self.snooze_until = Some(now.saturating_add(length));
    }

    /// Looks at the times that have come since the last tick.
    pub fn observe(&mut self, times: &AtTimes, days: Days, tick: &Tick) {
        let wall = tick.wall.timestamp();
        let oldest = earlier(wall, STALE_AFTER);
        // A clock set back leaves `seen_up_to` ahead: look back from now as if starting.
        let after = match self.seen_up_to {
            Some(seen) if seen <= wall => seen.max(oldest),
            _ => oldest,
        };
        for o in occurrences::within(times, days, tick.wall.time_zone(), after, wall) {
            if self.done.contains(&o.civil) {
                continue;
            }
            self.done.push(o.civil);
            self.waiting = Some(Waiting::new(o.time, o.at, false, tick));
        }
        self.seen_up_to = Some(wall);
        let keep_from = tick.wall.date().checked_sub(Span::new().days(2)).unwrap_or(tick.wall.date());
        self.done.retain(|civil| civil.date() >= keep_from);
        if self.snooze_until.is_some_and(|until| tick.now >= until) {
            self.snooze_until = None;
            let time = self.waiting.map_or_else(|| now_as_time(tick), |w| w.time);
            self.waiting = Some(Waiting::new(time, wall, true, tick));
        }
        if self.waiting.is_some_and(|w| wall >= w.expires || tick.now >= w.expires_now) {
            self.waiting = None;
        }
    }

    /// The notification's words if a time waits and is not `held`.
    pub fn take_due(&mut self, routine: &str, held: bool, wall: Timestamp) -> Option<String> {
        let waiting = self.waiting.filter(|_| !held)?;
        self.waiting = None;
        Some(if waiting.snoozed {
            wording::snoozed(routine)
        } else {
            let late = wall.duration_since(waiting.came) >= SignedDuration::from_mins(1);
            wording::at_time(routine, waiting.time, late)
        })
    }

    /// When it is next worth a tick for this reminder (monotonic).
    pub fn next_tick(
        &self,
        times: &AtTimes,
        days: Days,
        tick: &Tick,
        quiet_or_practising: bool,
    ) -> Option<Duration> {
        let mut wakes: Vec<Duration> = Vec::new();
        wakes.extend(self.snooze_until);
        let next = occurrences::next(times, days, tick.wall.time_zone(), tick.wall.timestamp());
        wakes.extend(next.and_then(|o| wall_to_now(tick, o.at)));
        if let Some(w) = self.waiting {
            wakes.extend(wall_to_now(tick, w.expires));
            wakes.push(w.expires_now);
            if quiet_or_practising {
                wakes.push(tick.now.saturating_add(POLL));
            }
        }
        wakes.into_iter().filter(|&t| t > tick.now).min()
    }
}

impl Waiting {
    fn new(time: TimeOfDay, came: Timestamp, snoozed: bool, tick: &Tick) -> Self {
        let expires = came.checked_add(STALE_AFTER).unwrap_or(came);
        let left = Duration::try_from(expires.duration_since(tick.wall.timestamp())).unwrap_or_default();
        Self { time, came, snoozed, expires, expires_now: tick.now.saturating_add(left) }
    }
}

fn earlier(at: Timestamp, by: Duration) -> Timestamp {
    at.checked_sub(by).unwrap_or(at)
}

fn now_as_time(tick: &Tick) -> TimeOfDay {
    #[expect(clippy::cast_sign_loss, reason = "hours and minutes of a civil time are never negative")]
    let (hour, minute) = (tick.wall.hour() as u8, tick.wall.minute() as u8);
    TimeOfDay::from_hm(hour, minute).unwrap_or_default()
}
