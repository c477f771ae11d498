//! When to try the chosen strap again: at once when it is first wanted, then after a drop or
//! a failed attempt with a pause that doubles from [`FIRST_WAIT`] up to [`LONGEST_WAIT`].
//! A connection that held for [`STABLE_AFTER`] starts the pauses afresh; one that keeps
//! dropping straight away keeps them growing, so a strap at the edge of range is not hammered.
//!
//! Time is an argument (the app's monotonic clock on the strap thread, a number in tests).

use std::time::Duration;

/// The pause after the first drop or failure.
pub const FIRST_WAIT: Duration = Duration::from_secs(1);
/// The longest pause between attempts.
pub const LONGEST_WAIT: Duration = Duration::from_secs(30);
/// A connection that lasted this long was a good one: the next drop is tried again quickly.
pub const STABLE_AFTER: Duration = Duration::from_secs(60);

/// The reconnect policy's state for one strap.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconnect {
    /// Failures (drops and failed attempts) since the last stable connection.
    failures: u32,
    /// When the current connection was made.
    connected_at: Option<Duration>,
    /// When the next attempt is due; `None` while connected.
    due_at: Option<Duration>,
    /// The last attempt found no such device.
    unseen: bool,
}

impl Reconnect {
    /// A strap just chosen (or the app just started): try at once.
    #[must_use]
    pub fn new(now: Duration) -> Self {
        Self { failures: 0, connected_at: None, due_at: Some(now), unseen: false }
    }

    /// The strap is connected.
    pub fn connected(&mut self, now: Duration) {
        self.connected_at = Some(now);
        self.due_at = None;
        self.unseen = false;
    }

    /// The connection dropped at `now`; returns when to try again.
    pub fn dropped(&mut self, now: Duration) -> Duration {
        if self.connected_at.take().is_some_and(|at| now.saturating_sub(at) >= STABLE_AFTER) {
            self.failures = 0;
        }
        self.wait_from(now)
    }

    /// An attempt failed (no such strap in range, a timeout, an error); returns when to try
    /// again.
    pub fn failed(&mut self, now: Duration) -> Duration {
        self.connected_at = None;
        self.unseen = false;
        self.wait_from(now)
    }

    /// The strap was not among the devices Bluetooth knows (not seen since it started):
    /// tried again as [`Self::failed`], or as soon as it is [`Self::seen`].
    pub fn not_found(&mut self, now: Duration) -> Duration {
        let at = self.failed(now);
        self.unseen = true;
        at
    }

    /// The strap was just seen advertising. If the last attempt failed because it was not
    /// known yet, the next is due now; otherwise the pause stands (a strap that advertises
    /// but will not connect is not tried at every advertisement).
    pub fn seen(&mut self, now: Duration) {
        if std::mem::take(&mut self.unseen) && self.due_at.is_some() {
            self.due_at = Some(now);
        }
    }

    /// When the next attempt is due (`None` while connected).
    #[must_use]
    pub fn due_at(&self) -> Option<Duration> {
        self.due_at
    }

    /// How long from `now` until the next attempt (zero if it is due).
    #[must_use]
    pub fn wait(&self, now: Duration) -> Option<Duration> {
        self.due_at.map(|at| at.saturating_sub(now))
    }

    fn wait_from(&mut self, now: Duration) -> Duration {
        let doublings = self.failures.min(16);
        let wait = FIRST_WAIT.saturating_mul(1 << doublings).min(LONGEST_WAIT);
        self.failures = self.failures.saturating_add(1);
        let at = now + wait;
        self.due_at = Some(at);
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn tries_at_once_then_waits_longer_after_each_failure_up_to_half_a_minute() {
        let mut r = Reconnect::new(secs(100));
        assert_eq!(r.wait(secs(100)), Some(Duration::ZERO));
        let mut now = secs(100);
        let mut waits = Vec::new();
        for _ in 0..8 {
            let at = r.failed(now);
            waits.push(at.saturating_sub(now).as_secs());
            now = at;
        }
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30, 30]);
        // Half-way through a pause, the rest of it is left.
        let at = r.failed(now);
        assert_eq!(r.wait(now + secs(10)), Some(at.saturating_sub(now + secs(10))));
        assert_eq!(r.wait(at + secs(5)), Some(Duration::ZERO));
    }

    #[test]
    fn a_drop_after_a_good_connection_is_tried_again_after_a_second() {
        let mut r = Reconnect::new(secs(0));
        for t in 0..5 {
            r.failed(secs(t * 40));
        }
        r.connected(secs(300));
        assert_eq!(r.due_at(), None, "nothing to do while connected");
        // 150 s later the link drops (as Linux users see with some straps).
        assert_eq!(r.dropped(secs(450)), secs(451));
        r.connected(secs(452));
        // And if it drops again soon, the pause grows.
        assert_eq!(r.dropped(secs(460)), secs(462));
    }

    #[test]
    fn a_connection_that_keeps_dropping_at_once_backs_off() {
        let mut r = Reconnect::new(secs(0));
        let mut now = secs(0);
        let mut waits = Vec::new();
        for _ in 0..7 {
            r.connected(now);
            now += secs(2);
            let at = r.dropped(now);
            waits.push(at.saturating_sub(now).as_secs());
            now = at;
        }
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30]);
    }

    #[test]
    fn a_strap_not_known_yet_is_tried_as_soon_as_it_is_seen_once() {
        // At start the strap is not in range (or not yet seen since Bluetooth started).
        let mut r = Reconnect::new(secs(0));
        for t in [0, 1, 3] {
            r.not_found(secs(t));
        }
        assert_eq!(r.due_at(), Some(secs(7)));
        // The scan sees it at 4 s: tried at once, not at 7 s.
        r.seen(secs(4));
        assert_eq!(r.due_at(), Some(secs(4)));
        // That attempt fails for another reason: its advertisements no longer hurry it.
        assert_eq!(r.failed(secs(5)), secs(13));
        r.seen(secs(6));
        assert_eq!(r.due_at(), Some(secs(13)));
        // Seen while connected: nothing to do.
        r.connected(secs(13));
        r.seen(secs(14));
        assert_eq!(r.due_at(), None);
    }

    #[test]
    fn a_very_long_run_never_overflows() {
        let mut r = Reconnect::new(secs(0));
        let mut now = secs(0);
        for _ in 0..10_000 {
            now = r.failed(now);
        }
        assert_eq!(r.failed(now).saturating_sub(now), LONGEST_WAIT);
    }
}
