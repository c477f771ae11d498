//! Whole minutes as reminder files write them, `Minutes(50)`, checked against a range while
//! parsing so a bad value is reported at its own line and column.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;

/// A whole number of minutes from `MIN` to `MAX` inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "RawMinutes")]
pub struct Minutes<const MIN: u32, const MAX: u32>(u32);

/// How much active use comes between two reminders: 1 to 480 minutes (8 hours).
pub type Interval = Minutes<1, 480>;
/// How long without keyboard or mouse input counts as being away: 1 to 60 minutes.
pub type IdleAfter = Minutes<1, 60>;

/// `idle_after` when a file leaves it out.
pub const DEFAULT_IDLE_AFTER: IdleAfter = Minutes(5);

impl<const MIN: u32, const MAX: u32> Minutes<MIN, MAX> {
    /// # Errors
    /// A message for people when `minutes` is out of range.
    pub fn new(minutes: u32) -> Result<Self, String> {
        if (MIN..=MAX).contains(&minutes) {
            Ok(Self(minutes))
        } else {
            Err(format!("Minutes({minutes}) is out of range: use {MIN} to {MAX} minutes"))
        }
    }

    #[must_use]
    pub const fn get(self) -> u32 {
        self.0
    }

    #[must_use]
    pub fn duration(self) -> Duration {
        Duration::from_secs(u64::from(self.0) * 60)
    }
}

impl<const MIN: u32, const MAX: u32> fmt::Display for Minutes<MIN, MAX> {
    /// As written in a file: `Minutes(50)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Minutes({})", self.0)
    }
}

/// Read as any number, so `Minutes(2.5)` can be told it is not whole rather than that a
/// `)` is missing.
#[derive(Deserialize)]
#[serde(rename = "Minutes")]
struct RawMinutes(f64);

impl<const MIN: u32, const MAX: u32> TryFrom<RawMinutes> for Minutes<MIN, MAX> {
    type Error = String;

    fn try_from(RawMinutes(minutes): RawMinutes) -> Result<Self, String> {
        if minutes.fract() != 0.0 && minutes.is_finite() {
            return Err(format!(
                "Minutes({minutes}) is not a whole number: use whole minutes, {MIN} to {MAX}"
            ));
        }
        if !(f64::from(MIN)..=f64::from(MAX)).contains(&minutes) {
            return Err(format!("Minutes({minutes}) is out of range: use {MIN} to {MAX} minutes"));
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a whole number checked to lie in MIN..=MAX just above"
        )]
        Self::new(minutes as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_minutes_out_of_range() {
        assert_eq!(Interval::new(1).map(Minutes::get), Ok(1));
        assert_eq!(Interval::new(480).map(Minutes::get), Ok(480));
        assert_eq!(Interval::new(0), Err("Minutes(0) is out of range: use 1 to 480 minutes".to_owned()));
        assert!(Interval::new(481).is_err());
        assert!(IdleAfter::new(61).is_err());
        assert_eq!(DEFAULT_IDLE_AFTER.duration(), Duration::from_secs(300));
    }

    #[test]
    fn parses_only_whole_minutes_written_as_minutes() {
        let m: Interval = ron::from_str("Minutes(50)").expect("minutes");
        assert_eq!(m.get(), 50);
        assert!(ron::from_str::<Interval>("Hours(1)").is_err());
        let whole = |text: &str| ron::from_str::<Interval>(text).map_err(|e| e.code.to_string());
        assert_eq!(
            whole("Minutes(2.5)"),
            Err("Minutes(2.5) is not a whole number: use whole minutes, 1 to 480".to_owned())
        );
        assert_eq!(whole("Minutes(-3)"), Err("Minutes(-3) is out of range: use 1 to 480 minutes".to_owned()));
        assert!(
            whole("Minutes(NaN)").is_err()
                && whole("Minutes(inf)").is_err()
                && whole("Minutes(1e300)").is_err()
        );
    }
}
