//! The reminder scheduler: pure, ticked by the shell with what it knows (the monotonic time,
//! the local wall time, how long since the last keyboard or mouse input, whether a
//! full-screen window or do-not-disturb is on, whether a practice runs), answering with the
//! reminders due now and when it is next worth a tick.
//!
//! Two clocks, each for what it is good at:
//! - the monotonic `now` measures elapsed time: active use, idle, "Later", and the upper
//!   bound of a pause. It never jumps, and it stands still while the computer sleeps;
//! - the local `wall` time places things on the clock: `days`, `between` and `at` times,
//!   the end of a pause, and, moving further than `now` did, reveals sleep (or a clock set
//!   forward), which counts as an absence.
//!
//! So a changed clock or a summer-time jump never adds or removes active minutes, and a
//! reminder at 22:30 comes at 22:30 on the clock whatever happened before.
//!
//! The shell is expected to tick again at [`Ticked::next_tick`] (at most [`MAX_SLEEP`] away),
//! and whenever something it reports changes (input resumes, a practice starts or ends,
//! full screen ends); ticking more often is always fine.

use std::time::Duration;

use jiff::{Timestamp, ZonedDateTime};

use super::active_use::{ActiveUse, Rule};
use super::appointments::Appointments;
use super::at_times::AtTimes;
use super::pause::{Pause, Paused};
use super::script::{Reminder, Schedule};
use super::window::Window;
use crate::history::reminder_record::Outcome;
use crate::library::ReminderEntry;

/// "Later" shows the reminder again after this long.
pub const SNOOZE: Duration = Duration::from_secs(10 * 60);
/// A clock reminder not shown within this long of its time is dropped, not shown stale.
pub const STALE_AFTER: Duration = Duration::from_secs(30 * 60);
/// How often to look while waiting for something only the shell can see: the person
/// coming back, or full screen or do-not-disturb ending with a reminder held.
pub const POLL: Duration = Duration::from_secs(5);
/// The longest the shell should sleep between ticks, so a clock changed by hand is noticed.
pub const MAX_SLEEP: Duration = Duration::from_secs(60);
/// Ticks are expected on time; one this much later than asked, after input came back, may
/// hide an absence (a stopped process, a busy machine) and is counted as a break.
pub const LATE_TICK_GRACE: Duration = Duration::from_secs(5);

/// What the shell knows at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Monotonic time on the shell's clock (e.g. since it started), never going back and
    /// not counting sleep (`std::time::Instant` on Linux).
    pub now: Duration,
    /// The local wall time, in the person's time zone.
    pub wall: ZonedDateTime,
    /// How long since the last keyboard or mouse input; `None` when the session offers no
    /// idle source (then all waking time counts as use).
    pub idle: Option<Duration>,
    /// A full-screen window has focus, or the desktop is in do-not-disturb.
    pub quiet: bool,
    /// A practice is running in Unbrace.
    pub practising: bool,
}

/// A reminder to show now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The reminder's library id, to answer with [`Scheduler::respond`].
    pub id: String,
    /// The reminder's name: the notification's title, and what History records.
    pub name: String,
    /// The routine to start (a breathing pattern or body scan, by name).
    pub routine: String,
    /// The notification's text.
    pub body: String,
}

/// What a tick found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticked {
    pub due: Vec<Due>,
    /// When it is next worth a tick, on the monotonic clock (later than `now`, at most
    /// [`MAX_SLEEP`] after it).
    pub next_tick: Duration,
}

/// The person's answer to a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Response {
    /// Began the routine: the interval starts again.
    Start,
    /// Show it again in [`SNOOZE`], unless a break comes first.
    Later,
    /// Not now: wait a whole interval (a clock reminder waits for its next time).
    Skip,
}

impl Response {
    /// How History records the answer.
    #[must_use]
    pub const fn outcome(self) -> Outcome {
        match self {
            Self::Start => Outcome::Followed,
            Self::Later => Outcome::Snoozed,
            Self::Skip => Outcome::Skipped,
        }
    }
}

/// Every reminder that is on, with what each has counted.
#[derive(Debug, Clone, Default)]
pub struct Scheduler {
    reminders: Vec<Scheduled>,
    last: Option<LastTick>,
    paused: Option<Paused>,
}

#[derive(Debug, Clone)]
struct Scheduled {
    id: String,
    reminder: Reminder,
    state: State,
}

#[derive(Debug, Clone)]
enum State {
    Every { rule: Rule, count: ActiveUse },
    At { times: AtTimes, book: Appointments },
}

#[derive(Debug, Clone, Copy)]
struct LastTick {
    now: Duration,
    wall: Timestamp,
    /// The monotonic time of the last input, as far as known.
    last_input: Option<Duration>,
    practising: bool,
}

/// What happened between the last tick and this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Slice {
    /// The first tick: nothing before it to count.
    pub first: bool,
    /// Monotonic time since the last tick.
    pub elapsed: Duration,
    /// How much further the wall clock moved than the monotonic one: sleep, or the clock
    /// set forward.
    pub wall_ahead: Duration,
    /// With input since the last tick: the longest the person can have gone without any,
    /// from the last input before that tick to the last one now.
    pub silence_bound: Option<Duration>,
    /// A practice ran at either end.
    pub practising: bool,
}

impl Scheduler {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes the reminders that are on from `entries` (on start and after every reload). A
    /// reminder that stays (by id, of the same kind) keeps what it has counted; a new one
    /// starts from zero and ignores clock times already past.
    pub fn set_reminders(&mut self, entries: &[ReminderEntry]) {
        let mut old = std::mem::take(&mut self.reminders);
        let seen_up_to = self.last.map(|l| l.wall);
        for entry in entries.iter().filter(|e| e.reminder.enabled) {
            let kept = old.iter().position(|s| s.id == entry.id).map(|i| old.swap_remove(i).state);
            let state = match (&entry.reminder.schedule, kept) {
                (&Schedule::Every { interval, idle_after, between }, kept) => {
                    let window = Window { days: entry.reminder.days, between };
                    let rule =
                        Rule { interval: interval.duration(), idle_after: idle_after.duration(), window };
                    let count = match kept {
                        Some(State::Every { count, .. }) => count,
                        _ => ActiveUse::default(),
                    };
                    State::Every { rule, count }
                }
                (Schedule::At(times), kept) => {
                    let book = match kept {
                        Some(State::At { book, .. }) => book,
                        _ => Appointments::new(seen_up_to),
                    };
                    State::At { times: times.clone(), book }
                }
            };
            self.reminders.push(Scheduled { id: entry.id.clone(), reminder: entry.reminder.clone(), state });
        }
    }

    /// The ids of the reminders being scheduled, in library order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.reminders.iter().map(|r| r.id.as_str())
    }

    /// Brings every reminder up to `tick`; returns those due now and when to tick next.
    pub fn tick(&mut self, tick: &Tick) -> Ticked {
        let wall = tick.wall.timestamp();
        let last_input = tick.idle.map(|idle| tick.now.saturating_sub(idle));
        let slice = slice(self.last.as_ref(), tick, last_input);
        if self.paused.is_some_and(|p| !p.holds(tick.now, wall)) {
            self.paused = None;
        }
        let quiet_or_practising = tick.quiet || tick.practising;
        let held = quiet_or_practising || self.paused.is_some();
        let mut due = Vec::new();
        for r in &mut self.reminders {
            let body = match &mut r.state {
                State::Every { rule, count } => {
                    count.observe(rule, tick, &slice);
                    count.take_due(&r.reminder.routine, held)
                }
                State::At { times, book } => {
                    book.observe(times, r.reminder.days, tick);
                    book.take_due(&r.reminder.routine, held, wall)
                }
            };
            if let Some(body) = body {
                due.push(Due {
                    id: r.id.clone(),
                    name: r.reminder.name.to_string(),
                    routine: r.reminder.routine.to_string(),
                    body,
                });
            }
        }
        self.last = Some(LastTick { now: tick.now, wall, last_input, practising: tick.practising });
        Ticked { due, next_tick: self.next_tick(tick, last_input, quiet_or_practising) }
    }

    /// The person answered the reminder `id` at monotonic `now`. `false` if no reminder
    /// that is on has that id.
    pub fn respond(&mut self, id: &str, response: Response, now: Duration) -> bool {
        let Some(r) = self.reminders.iter_mut().find(|r| r.id == id) else {
            return false;
        };
        match (&mut r.state, response) {
            (State::Every { count, .. }, Response::Later) => count.snooze(now, SNOOZE),
            (State::Every { count, .. }, Response::Start | Response::Skip) => count.rest(),
            (State::At { book, .. }, Response::Later) => book.snooze(now, SNOOZE),
            (State::At { book, .. }, Response::Start | Response::Skip) => book.settle(),
        }
        true
    }

    /// A practice of any routine was completed: that was a break. Every interval starts
    /// again, and nothing held or snoozed is shown after it.
    pub fn practice_completed(&mut self) {
        for r in &mut self.reminders {
            match &mut r.state {
                State::Every { count, .. } => count.rest(),
                State::At { book, .. } => book.settle(),
            }
        }
    }

    /// After a restart: History says the reminder named `name` was shown at `at`, so a
    /// clock time it stood for is not shown again.
    pub fn shown_at(&mut self, name: &str, at: Timestamp) {
        for r in self.reminders.iter_mut().filter(|r| r.reminder.name.as_str() == name) {
            if let State::At { book, .. } = &mut r.state {
                book.shown_at(at);
            }
        }
    }

    /// Pauses every reminder. Interval reminders go on counting; one that falls due waits
    /// and comes when the pause ends. A clock reminder waits too, up to [`STALE_AFTER`].
    pub fn pause(&mut self, pause: Pause, now: Duration, wall: &ZonedDateTime) {
        self.paused = Some(Paused::new(pause, now, wall));
    }

    pub fn resume(&mut self) {
        self.paused = None;
    }

    /// When the pause in force ends on the wall clock, as of the last tick.
    #[must_use]
    pub fn paused_until(&self) -> Option<Timestamp> {
        self.paused.map(|p| p.until)
    }

    fn next_tick(&self, tick: &Tick, last_input: Option<Duration>, quiet_or_practising: bool) -> Duration {
        let now = tick.now;
        let wall = tick.wall.timestamp();
        let mut next = now.saturating_add(MAX_SLEEP);
        if let Some(left) = self.paused.and_then(|p| p.remaining(now, wall)) {
            next = next.min(now.saturating_add(left));
        }
        for r in &self.reminders {
            let wake = match &r.state {
                State::Every { rule, count } => count.next_tick(rule, tick, last_input, quiet_or_practising),
                State::At { times, book } => {
                    book.next_tick(times, r.reminder.days, tick, quiet_or_practising)
                }
            };
            next = wake.map_or(next, |wake| next.min(wake));
        }
        next.max(now.saturating_add(Duration::from_millis(1)))
    }
}

/// The monotonic time at which the wall clock will show `at`, if it is ahead.
pub(super) fn wall_to_now(tick: &Tick, at: Timestamp) -> Option<Duration> {
    let ahead = Duration::try_from(at.duration_since(tick.wall.timestamp())).ok()?;
    Some(tick.now.saturating_add(ahead))
}

fn slice(last: Option<&LastTick>, tick: &Tick, last_input: Option<Duration>) -> Slice {
    let Some(last) = last else {
        return Slice {
            first: true,
            elapsed: Duration::ZERO,
            wall_ahead: Duration::ZERO,
            silence_bound: None,
            practising: tick.practising,
        };
    };
    let elapsed = tick.now.saturating_sub(last.now);
    let wall_elapsed =
        Duration::try_from(tick.wall.timestamp().duration_since(last.wall)).unwrap_or_default();
    let silence_bound = match (last.last_input, last_input) {
        (Some(before), Some(latest)) if latest > last.now => Some(latest.saturating_sub(before)),
        _ => None,
    };
    Slice {
        first: false,
        elapsed,
        wall_ahead: wall_elapsed.saturating_sub(elapsed),
        silence_bound,
        practising: last.practising || tick.practising,
    }
}
