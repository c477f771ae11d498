//! Reminders: plain RON files in the `reminders/` folder of the scripts folder that suggest a
//! routine after so much active use at the computer, or at times of day; and the pure
//! scheduler that decides when one is due.
//!
//! Shipped reminders say `enabled: false`: they come only once a person turns them on (the
//! shell writes a copy with `enabled: true` over the built-in one, see
//! [`crate::editor::switch::with_enabled`]).
//! A person's own reminder file is on unless it says `enabled: false`.

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
    crate::script::ron_options().from_str(without_bom(text))
}

/// `text` without a leading UTF-8 byte order mark.
#[must_use]
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}
