//! The count behind an interval reminder: active use at the computer since the last break.
//!
//! Time counts while the person is at the computer: from each keyboard or mouse input until
//! `idle_after` without one. Once they have been away that long the count pauses, and the
//! absence is their break: it starts again from zero when they return. Nothing counts
//! outside the reminder's days and hours, or during a practice.

use std::time::Duration;

use super::scheduler::{LATE_TICK_GRACE, POLL, Slice, Tick, wall_to_now};
use super::window::Window;
use super::wording;

/// What an interval reminder counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rule {
    pub interval: Duration,
    pub idle_after: Duration,
    pub window: Window,
}

/// Why a reminder is waiting to be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    /// A whole interval of use.
    Interval,
    /// Back after "Later".
    Snoozed,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct ActiveUse {
    active: Duration,
    /// Away at the last tick (no input for `idle_after`).
    away: bool,
    /// Due, and waiting for a moment it may be shown (not in a meeting or a practice).
    pending: Option<Why>,
    /// "Later" was chosen: due again at this monotonic time.
    snooze_until: Option<Duration>,
}

impl ActiveUse {
    /// A break: the count starts again, and nothing waits to be shown.
    pub fn rest(&mut self) {
        *self = Self { away: self.away, ..Self::default() };
    }

    /// "Later": nothing now, and the reminder again at `now` + `length`, unless a break comes
    /// first.
    pub fn snooze(&mut self, now: Duration, length: Duration) {
        self.pending = None;
        self.snooze_until = Some(now.saturating_add(length));
    }

    /// Brings the count up to `tick`.
    pub fn observe(&mut self, rule: &Rule, tick: &Tick, slice: &Slice) {
        let present = tick.idle.is_none_or(|idle| idle < rule.idle_after);
        // Away now or at the last tick, asleep, or silent so long between ticks that the
        // person must have left (only when ticks come late, see `LATE_TICK_GRACE`).
        let absent = !slice.first
            && (!present
                || self.away
                || slice.wall_ahead >= rule.idle_after
                || slice.silence_bound.is_some_and(|s| s >= rule.idle_after.saturating_add(LATE_TICK_GRACE)));
        let mut credit = if slice.first {
            Duration::ZERO
        } else if absent {
            // Back since the last input seen, at the latest.
            if present {
                tick.idle.map_or(Duration::ZERO, |idle| idle.min(slice.elapsed))
            } else {
                Duration::ZERO
            }
        } else {
            slice.elapsed
        };
        if absent {
            self.rest();
        }
        self.away = !present;
        if slice.practising {
            credit = Duration::ZERO;
        }
        let wall = tick.wall.timestamp();
        let from = wall.checked_sub(credit).unwrap_or(wall);
        for (length, allowed) in rule.window.stretches(tick.wall.time_zone(), from, wall) {
            if allowed {
                self.active = self.active.saturating_add(length);
            } else {
                self.rest();
            }
        }
        if !rule.window.allows(tick.wall.datetime()) {
            self.rest();
        }
        if self.snooze_until.is_some_and(|until| tick.now >= until) {
            self.snooze_until = None;
            self.pending = Some(Why::Snoozed);
        }
        if self.pending.is_none() && self.snooze_until.is_none() && self.active >= rule.interval {
            self.pending = Some(Why::Interval);
        }
    }

    /// The notification's words if the reminder is due and not `held`; the count starts
    /// again as it is shown, so one reminder never stacks on another.
    pub fn take_due(&mut self, routine: &str, held: bool) -> Option<String> {
        let why = self.pending.filter(|_| !held)?;
        let active = self.active;
        self.rest();
        Some(match why {
            Why::Interval => wording::after_use(routine, active),
            Why::Snoozed => wording::snoozed(routine),
        })
    }

    /// When it is next worth a tick for this reminder (monotonic).
    pub fn next_tick(
        &self,
        rule: &Rule,
        tick: &Tick,
        last_input: Option<Duration>,
        quiet_or_practising: bool,
    ) -> Option<Duration> {
        let now = tick.now;
        let mut wakes: Vec<Duration> = Vec::new();
        wakes.extend(self.snooze_until);
        if self.pending.is_some() && quiet_or_practising {
            wakes.push(now.saturating_add(POLL));
        }
        wakes.extend(rule.window.next_change(&tick.wall).and_then(|change| wall_to_now(tick, change)));
        if rule.window.allows(tick.wall.datetime()) {
            if self.away {
                // Watching for the return.
                wakes.push(now.saturating_add(POLL));
            } else {
                if self.pending.is_none() && self.snooze_until.is_none() && !tick.practising {
                    wakes.push(now.saturating_add(rule.interval.saturating_sub(self.active)));
                }
                // The moment they would count as away.
                wakes.extend(last_input.map(|input| input.saturating_add(rule.idle_after)));
            }
        }
        wakes.into_iter().filter(|&t| t > now).min()
    }
}
