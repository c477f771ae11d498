//! The times of day a clock reminder comes, written `at: ["12:30", "22:30"]`.

use serde::Deserialize;

use super::time_of_day::TimeOfDay;

/// The most times one reminder may list.
pub const MAX_TIMES: usize = 24;

/// One to [`MAX_TIMES`] different times, kept in clock order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "Vec<TimeOfDay>")]
pub struct AtTimes(Vec<TimeOfDay>);

impl AtTimes {
    /// # Errors
    /// A message for people when the list is empty, too long, or names a time twice.
    pub fn new(mut times: Vec<TimeOfDay>) -> Result<Self, String> {
        if times.is_empty() {
            return Err("`at` is empty: list at least one time, like at: [\"22:30\"]".to_owned());
        }
        if times.len() > MAX_TIMES {
            return Err(format!(
                "`at` lists {} times; one reminder may have at most {MAX_TIMES}",
                times.len()
            ));
        }
        times.sort_unstable();
        if let Some(twice) = times.windows(2).find_map(|pair| match pair {
            [a, b] if a == b => Some(*a),
            _ => None,
        }) {
            return Err(format!("\"{twice}\" is listed twice in `at`"));
        }
        Ok(Self(times))
    }

    #[must_use]
    pub fn times(&self) -> &[TimeOfDay] {
        &self.0
    }
}

impl TryFrom<Vec<TimeOfDay>> for AtTimes {
    type Error = String;

    fn try_from(times: Vec<TimeOfDay>) -> Result<Self, String> {
        Self::new(times)
    }
}
