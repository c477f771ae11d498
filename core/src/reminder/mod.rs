//! Reminders: plain RON files in the `reminders/` folder of the scripts folder that suggest a
//! routine after so much active use at the computer, or at times of day; and the pure
//! scheduler that decides when one is due.
//!
//! Shipped reminders say `enabled: false`: they come only once a person turns them on (the
//! shell writes a copy with `enabled: true` over the built-in one, see
//! [`crate::editor::switch::with_enabled`]).
//! A person's own reminder file is on unless it says `enabled: false`.
//!
//! The rules, in one place:
//! - a reminder has either `every` (minutes of active use, 1 to 480) or `at` (1 to 24
//!   times of day); `idle_after` (1 to 60 minutes, default 5) and `between` belong to
//!   `every` only;
//! - `between` may run overnight (`("22:00", "06:00")`), and belongs to the day it starts
//!   on; leaving the window ends the count, so each window starts a fresh interval;
//! - no input for `idle_after` is an absence, and an absence is a break: the count starts
//!   again; so is sleep, and so is any completed practice;
//! - nothing is shown during a practice, a pause, full screen or do-not-disturb: an interval
//!   reminder waits and comes once when they end; a clock reminder waits up to half an hour
//!   past its time, then is dropped (the same when the computer was off or asleep);
//! - "Later" brings a reminder back after ten real minutes, unless a break comes first;
//!   "Skip" waits a whole interval (a clock reminder, its next time).

mod active_use;
mod appointments;
pub mod at_times;
pub mod between;
pub mod days;
pub mod minutes;
pub mod occurrences;
pub mod pause;
pub mod scheduler;
pub mod script;
pub mod time_of_day;
pub mod window;
pub mod wording;

pub use scheduler::{Due, Response, Scheduler, Tick, Ticked};
pub use script::{Reminder, Schedule};

/// The folder below the scripts folder where reminders live.
pub const FOLDER: &str = "reminders";

/// Parses one reminder file's text. A UTF-8 byte order mark at the start is skipped, so
/// positions count from the first character a person sees.
///
/// # Errors
/// The first problem, with the line and column where RON found it.
pub fn parse(text: &str) -> Result<Reminder, ron::error::SpannedError> {
    crate::script::ron_options().from_str(crate::script::without_bom(text))
}
