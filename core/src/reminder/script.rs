//! The reminder model: what a `scripts/reminders/*.ron` file says. Same conventions as the
//! routines: unknown fields are errors, and every value is checked while parsing so a
//! mistake is reported at its own line and column.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::at_times::AtTimes;
use super::between::Between;
use super::days::Days;
use super::minutes::{DEFAULT_IDLE_AFTER, IdleAfter, Interval};
use crate::script::text::Name;

/// A reminder: which routine to suggest, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub name: Name,
    /// A breathing pattern or body scan, by name.
    pub routine: Name,
    pub schedule: Schedule,
    /// The days it keeps (for `every`, the day a `between` window starts on).
    pub days: Days,
    /// Off until the person opts in: the shipped reminders say `enabled: false`, a person's
    /// own file is on unless it says otherwise.
    pub enabled: bool,
}

/// When a reminder comes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// After `interval` of active use at the computer. `idle_after` without keyboard or
    /// mouse input counts as away, and an absence that long is a break. Counted only
    /// inside `between`, when given.
    Every { interval: Interval, idle_after: IdleAfter, between: Option<Between> },
    /// At these times of day.
    At(AtTimes),
}

impl Reminder {
    /// The interval reminder's `between` window, if any.
    #[must_use]
    pub fn between(&self) -> Option<Between> {
        match self.schedule {
            Schedule::Every { between, .. } => between,
            Schedule::At(_) => None,
        }
    }
}

// ---- the file format -------------------------------------------------------------------

/// The fields a file may give, in the order the template writes them.
const FIELDS: &[&str] = &["name", "routine", "every", "at", "idle_after", "days", "between", "enabled"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Field {
    Name,
    Routine,
    Every,
    At,
    IdleAfter,
    Days,
    Between,
    Enabled,
}

impl Field {
    const fn key(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Routine => "routine",
            Self::Every => "every",
            Self::At => "at",
            Self::IdleAfter => "idle_after",
            Self::Days => "days",
            Self::Between => "between",
            Self::Enabled => "enabled",
        }
    }
}

/// Why `field` cannot stand beside `other`, if it cannot.
fn clash(field: Field, other: Field) -> Option<String> {
    let only_every = |f: Field| {
        format!(
            "`{}` is only for `every` reminders: an `at` reminder comes at its own times, \
             whatever you are doing",
            f.key()
        )
    };
    match (field, other) {
        (Field::Every, Field::At) | (Field::At, Field::Every) => Some(
            "give either `every` (minutes of use at the computer) or `at` (times of day), not both"
                .to_owned(),
        ),
        (Field::IdleAfter | Field::Between, Field::At) => Some(only_every(field)),
        (Field::At, Field::IdleAfter | Field::Between) => Some(only_every(other)),
        _ => None,
    }
}

#[derive(Default)]
struct Fields {
    name: Option<Name>,
    routine: Option<Name>,
    every: Option<Interval>,
    at: Option<AtTimes>,
    idle_after: Option<IdleAfter>,
    days: Option<Days>,
    between: Option<Between>,
    enabled: Option<bool>,
}

impl Fields {
    fn has(&self, field: Field) -> bool {
        match field {
            Field::Name => self.name.is_some(),
            Field::Routine => self.routine.is_some(),
            Field::Every => self.every.is_some(),
            Field::At => self.at.is_some(),
            Field::IdleAfter => self.idle_after.is_some(),
            Field::Days => self.days.is_some(),
            Field::Between => self.between.is_some(),
            Field::Enabled => self.enabled.is_some(),
        }
    }
}

struct ReminderVisitor;

impl<'de> Visitor<'de> for ReminderVisitor {
    type Value = Reminder;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a reminder: Reminder(name: …, routine: …, every: Minutes(50))")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Reminder, A::Error> {
        let mut got = Fields::default();
        // Each check is made at the key, so a clash is reported where the second field stands.
        while let Some(field) = map.next_key::<Field>()? {
            if got.has(field) {
                return Err(de::Error::custom(format!("`{}` is given twice", field.key())));
            }
            let clashing = [Field::Every, Field::At, Field::IdleAfter, Field::Between]
                .into_iter()
                .filter(|&other| got.has(other))
                .find_map(|other| clash(field, other));
            if let Some(message) = clashing {
                return Err(de::Error::custom(message));
            }
            match field {
                Field::Name => got.name = Some(map.next_value()?),
                Field::Routine => got.routine = Some(map.next_value()?),
                Field::Every => got.every = Some(map.next_value()?),
                Field::At => got.at = Some(map.next_value()?),
                Field::IdleAfter => got.idle_after = Some(map.next_value()?),
                Field::Days => got.days = Some(map.next_value()?),
                Field::Between => got.between = Some(map.next_value()?),
                Field::Enabled => got.enabled = Some(map.next_value()?),
            }
        }
        let name = got.name.ok_or_else(|| de::Error::missing_field("name"))?;
        let routine = got.routine.ok_or_else(|| de::Error::missing_field("routine"))?;
        let schedule = match (got.every, got.at) {
            (Some(interval), None) => Schedule::Every {
                interval,
                idle_after: got.idle_after.unwrap_or(DEFAULT_IDLE_AFTER),
                between: got.between,
            },
            (None, Some(times)) => Schedule::At(times),
            _ => {
                return Err(de::Error::custom(
                    "say when the reminder comes: `every: Minutes(50)` (minutes of use at the \
                     computer) or `at: [\"22:30\"]` (times of day)",
                ));
            }
        };
        Ok(Reminder {
            name,
            routine,
            schedule,
            days: got.days.unwrap_or_default(),
            enabled: got.enabled.unwrap_or(true),
        })
    }
}

impl<'de> Deserialize<'de> for Reminder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Reminder", FIELDS, ReminderVisitor)
    }
}
