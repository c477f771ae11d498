//! A time on the clock, written `"22:30"` in reminder files: 00:00 to 23:59, checked while
//! parsing so a bad time is reported at its own line and column.

use std::fmt;

use jiff::civil::Time;
use serde::Deserialize;

/// Hours and minutes on a 24-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Deserialize)]
#[serde(try_from = "String")]
pub struct TimeOfDay {
    /// Minutes after midnight, 0 to 1439.
    minutes: u16,
}

impl TimeOfDay {
    /// Reads `HH:MM` (a single-digit hour is fine: `9:00`).
    ///
    /// # Errors
    /// A message for people when the text is not a time from 00:00 to 23:59.
    pub fn parse(text: &str) -> Result<Self, String> {
        let shape = || {
            format!(
                "\"{text}\" is not a time: write hours and minutes on a 24-hour clock, like \"09:00\" or \"22:30\""
            )
        };
        let (hours, minutes) = text.split_once(':').ok_or_else(shape)?;
        let digits = |s: &str, max_len: usize| {
            (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u16>().ok())
                .flatten()
        };
        let (Some(h), Some(m)) = (digits(hours, 2), digits(minutes, 2).filter(|_| minutes.len() == 2)) else {
            return Err(shape());
        };
        if h > 23 || m > 59 {
            return Err(format!("\"{text}\" is not a time of day: use 00:00 to 23:59"));
        }
        Ok(Self { minutes: h * 60 + m })
    }

    /// `None` unless `hour` is 0 to 23 and `minute` 0 to 59.
    #[must_use]
    pub const fn from_hm(hour: u8, minute: u8) -> Option<Self> {
        if hour > 23 || minute > 59 {
            return None;
        }
        Some(Self { minutes: hour as u16 * 60 + minute as u16 })
    }

    #[must_use]
    pub const fn minutes_after_midnight(self) -> u16 {
        self.minutes
    }

    /// The same time as a civil time, for arithmetic with dates.
    #[must_use]
    pub fn civil(self) -> Time {
        #[expect(clippy::cast_possible_truncation, reason = "hours < 24 and minutes < 60")]
        let (hour, minute) = ((self.minutes / 60) as i8, (self.minutes % 60) as i8);
        Time::new(hour, minute, 0, 0).unwrap_or(Time::midnight())
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

impl TryFrom<String> for TimeOfDay {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        Self::parse(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_times_from_midnight_to_a_minute_before() {
        assert_eq!(TimeOfDay::parse("00:00").map(TimeOfDay::minutes_after_midnight), Ok(0));
        assert_eq!(TimeOfDay::parse("23:59").map(TimeOfDay::minutes_after_midnight), Ok(1439));
        assert_eq!(TimeOfDay::parse("9:05").map(|t| t.to_string()), Ok("09:05".to_owned()));
        assert_eq!(TimeOfDay::parse("22:30").map(TimeOfDay::civil), Ok(Time::constant(22, 30, 0, 0)));
    }

    #[test]
    fn refuses_anything_else() {
        for bad in [
            "24:00",
            "12:60",
            "7",
            "7:5",
            "07:5",
            "007:00",
            "-1:00",
            "+7:00",
            "7:00pm",
            "",
            ":",
            "１２:00",
            "12:00:00",
        ] {
            assert!(TimeOfDay::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(
            TimeOfDay::parse("24:00"),
            Err("\"24:00\" is not a time of day: use 00:00 to 23:59".to_owned())
        );
    }
}
