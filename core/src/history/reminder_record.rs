//! One reminder as History remembers it: which, when, and what the person did about it.

/// What became of a reminder that was shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Outcome {
    /// Start: the routine began.
    Followed,
    /// Later.
    Snoozed,
    /// Skip.
    Skipped,
    /// Closed, or left unanswered until the next one replaced it.
    Ignored,
}

/// A reminder that was shown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReminderRecord {
    /// The reminder's name, as shown in the notification.
    pub reminder: String,
    /// When it was shown, in milliseconds since 1970 UTC (shown in local time).
    pub at_ms: i64,
    pub outcome: Outcome,
}

impl Outcome {
    pub const ALL: [Self; 4] = [Self::Followed, Self::Snoozed, Self::Skipped, Self::Ignored];

    /// As stored.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Followed => "followed",
            Self::Snoozed => "snoozed",
            Self::Skipped => "skipped",
            Self::Ignored => "ignored",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == text)
    }

    /// In words, for History.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Followed => "followed",
            Self::Snoozed => "snoozed",
            Self::Skipped => "skipped",
            Self::Ignored => "not answered",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_round_trip_as_stored() {
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::parse(outcome.as_str()), Some(outcome));
        }
        assert_eq!(Outcome::parse("Followed"), None, "stored in lower case only");
    }
}
