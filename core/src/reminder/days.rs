//! The days of the week a reminder keeps, written `days: [Mon, Tue, Wed, Thu, Fri]`.

use std::fmt;

use jiff::civil::Weekday;
use serde::Deserialize;

/// One day of the week, as written in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    pub const ALL: [Self; 7] = [Self::Mon, Self::Tue, Self::Wed, Self::Thu, Self::Fri, Self::Sat, Self::Sun];

    #[must_use]
    pub const fn weekday(self) -> Weekday {
        match self {
            Self::Mon => Weekday::Monday,
            Self::Tue => Weekday::Tuesday,
            Self::Wed => Weekday::Wednesday,
            Self::Thu => Weekday::Thursday,
            Self::Fri => Weekday::Friday,
            Self::Sat => Weekday::Saturday,
            Self::Sun => Weekday::Sunday,
        }
    }

    const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of days, never empty. Every day when a file leaves `days` out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "Vec<Day>")]
pub struct Days {
    /// One bit per day, Monday the lowest.
    bits: u8,
}

impl Days {
    pub const EVERY_DAY: Self = Self { bits: 0b111_1111 };

    /// # Errors
    /// A message for people when `days` is empty or names a day twice.
    pub fn new(days: &[Day]) -> Result<Self, String> {
        if days.is_empty() {
            return Err("`days` is empty, so this reminder would never come: list at least one day, \
                 or leave `days` out for every day"
                .to_owned());
        }
        let mut bits = 0;
        for day in days {
            if bits & day.bit() != 0 {
                return Err(format!("{day:?} is listed twice in `days`"));
            }
            bits |= day.bit();
        }
        Ok(Self { bits })
    }

    #[must_use]
    pub fn contains(self, weekday: Weekday) -> bool {
        Day::ALL.iter().any(|d| d.weekday() == weekday && self.bits & d.bit() != 0)
    }

    pub fn iter(self) -> impl Iterator<Item = Day> {
        Day::ALL.into_iter().filter(move |d| self.bits & d.bit() != 0)
    }
}

impl Default for Days {
    fn default() -> Self {
        Self::EVERY_DAY
    }
}

impl fmt::Display for Days {
    /// In words: "every day", "weekdays", "Sat, Sun".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.bits {
            0b111_1111 => f.write_str("every day"),
            0b001_1111 => f.write_str("weekdays"),
            0b110_0000 => f.write_str("weekends"),
            _ => f.write_str(&self.iter().map(|d| format!("{d:?}")).collect::<Vec<_>>().join(", ")),
        }
    }
}

impl TryFrom<Vec<Day>> for Days {
    type Error = String;

    fn try_from(days: Vec<Day>) -> Result<Self, String> {
        Self::new(&days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_of_days_without_repeats() {
        let weekdays = Days::new(&[Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri]).expect("weekdays");
        assert!(weekdays.contains(Weekday::Friday) && !weekdays.contains(Weekday::Sunday));
        assert_eq!(weekdays.to_string(), "weekdays");
        assert_eq!(Days::new(&[Day::Sun, Day::Wed]).map(|d| d.to_string()), Ok("Wed, Sun".to_owned()));
        assert_eq!(Days::new(&[Day::Mon, Day::Mon]), Err("Mon is listed twice in `days`".to_owned()));
        assert!(Days::new(&[]).is_err());
        assert!(Day::ALL.iter().all(|d| Days::default().contains(d.weekday())));
    }
}
