//! The hours of the day an interval reminder counts in, written `between: ("09:00", "18:00")`.
//!
//! A window may run overnight: `("22:00", "06:00")` is from ten at night to six the next
//! morning, and belongs to the day it starts on (a Friday night window runs into Saturday).

use serde::Deserialize;

use super::time_of_day::TimeOfDay;

/// From `start` (included) up to `end` (not included); `end` before `start` runs overnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "(TimeOfDay, TimeOfDay)")]
pub struct Between {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
}

impl Between {
    /// # Errors
    /// A message for people when the window is empty (`start` equals `end`).
    pub fn new(start: TimeOfDay, end: TimeOfDay) -> Result<Self, String> {
        if start == end {
            return Err(format!(
                "between (\"{start}\", \"{end}\") starts and ends at the same time: give two \
                 different times, or leave `between` out for the whole day"
            ));
        }
        Ok(Self { start, end })
    }

    #[must_use]
    pub fn is_overnight(self) -> bool {
        self.end < self.start
    }
}

impl TryFrom<(TimeOfDay, TimeOfDay)> for Between {
    type Error = String;

    fn try_from((start, end): (TimeOfDay, TimeOfDay)) -> Result<Self, String> {
        Self::new(start, end)
    }
}
