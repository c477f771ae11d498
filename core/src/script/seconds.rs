//! Durations as people write them in script files: seconds, whole or with decimals, checked
//! against a range while parsing so a bad value is reported at its own line and column.

use std::fmt;
use std::time::Duration;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A duration in whole milliseconds, between `MIN_MS` and `MAX_MS` inclusive.
///
/// Written in files as seconds (`4`, `5.45`); stored exactly as milliseconds so that the
/// timeline can do integer arithmetic and never drifts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BoundedSecs<const MIN_MS: u32, const MAX_MS: u32> {
    millis: u32,
}

/// One breathing phase: 0.5 to 120 seconds.
pub type PhaseSecs = BoundedSecs<500, 120_000>;

impl<const MIN_MS: u32, const MAX_MS: u32> BoundedSecs<MIN_MS, MAX_MS> {
    /// Checks a value in seconds and rounds it to the nearest millisecond.
    ///
    /// # Errors
    /// A message for people when the value is not a finite number in range.
    pub fn from_secs(secs: f64) -> Result<Self, String> {
        let min = f64::from(MIN_MS) / 1000.0;
        let max = f64::from(MAX_MS) / 1000.0;
        if secs.is_nan() {
            return Err(format!("expected a number of seconds from {min} to {max}, found NaN"));
        }
        if secs.is_infinite() {
            return Err(format!("expected a number of seconds from {min} to {max}, found infinity"));
        }
        // Compare after rounding to the millisecond, so 0.4999 is refused and 0.5 accepted
        // exactly as they will be stored.
        let millis = (secs * 1000.0).round();
        if millis < f64::from(MIN_MS) {
            return Err(format!("{secs} seconds is too short: use {min} to {max} seconds"));
        }
        if millis > f64::from(MAX_MS) {
            return Err(format!("{secs} seconds is too long: use {min} to {max} seconds"));
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked to lie in MIN_MS..=MAX_MS just above"
        )]
        let millis = millis as u32;
        Ok(Self { millis })
    }

    #[must_use]
    pub const fn millis(self) -> u32 {
        self.millis
    }

    #[must_use]
    pub fn secs(self) -> f64 {
        f64::from(self.millis) / 1000.0
    }

    #[must_use]
    pub fn duration(self) -> Duration {
        Duration::from_millis(u64::from(self.millis))
    }
}

impl<const MIN_MS: u32, const MAX_MS: u32> fmt::Display for BoundedSecs<MIN_MS, MAX_MS> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.secs())
    }
}

impl<const MIN_MS: u32, const MAX_MS: u32> Serialize for BoundedSecs<MIN_MS, MAX_MS> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.secs())
    }
}

impl<'de, const MIN_MS: u32, const MAX_MS: u32> Deserialize<'de> for BoundedSecs<MIN_MS, MAX_MS> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SecsVisitor<const MIN_MS: u32, const MAX_MS: u32>;

        impl<const MIN_MS: u32, const MAX_MS: u32> Visitor<'_> for SecsVisitor<MIN_MS, MAX_MS> {
            type Value = BoundedSecs<MIN_MS, MAX_MS>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a number of seconds, like 4 or 5.5")
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                BoundedSecs::from_secs(v).map_err(E::custom)
            }

            #[expect(clippy::cast_precision_loss, reason = "huge values are refused as too long anyway")]
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                self.visit_f64(v as f64)
            }

            #[expect(clippy::cast_precision_loss, reason = "huge values are refused as too long anyway")]
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                self.visit_f64(v as f64)
            }

            #[expect(clippy::cast_precision_loss, reason = "huge values are refused as too long anyway")]
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
                self.visit_f64(v as f64)
            }

            #[expect(clippy::cast_precision_loss, reason = "huge values are refused as too long anyway")]
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
                self.visit_f64(v as f64)
            }
        }

        deserializer.deserialize_any(SecsVisitor::<MIN_MS, MAX_MS>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_to_the_millisecond() {
        assert_eq!(PhaseSecs::from_secs(5.45).map(PhaseSecs::millis), Ok(5450));
        assert_eq!(PhaseSecs::from_secs(0.5).map(PhaseSecs::millis), Ok(500));
        assert_eq!(PhaseSecs::from_secs(120.0).map(PhaseSecs::millis), Ok(120_000));
    }

    #[test]
    fn refuses_out_of_range_and_non_finite() {
        for bad in [0.0, -4.0, 0.49, 120.1, 1e300, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(PhaseSecs::from_secs(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn parses_whole_and_decimal_numbers_from_ron() {
        let whole: PhaseSecs = ron::from_str("4").expect("whole seconds");
        let decimal: PhaseSecs = ron::from_str("5.45").expect("decimal seconds");
        assert_eq!((whole.millis(), decimal.millis()), (4000, 5450));
        let err = ron::from_str::<PhaseSecs>("\"four\"").expect_err("a string is not seconds");
        assert!(err.to_string().contains("number of seconds"), "{err}");
    }
}
