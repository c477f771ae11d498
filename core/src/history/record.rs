//! One practice as it is remembered: what, when, how long, how it ended, and how it felt.
//!
//! A row written by a newer version (or by hand) may hold a kind or status this version does
//! not know. It is kept as written ([`RecordKind::Other`], [`Status::Other`]), shown, counted
//! and exported, never dropped.

use serde::{Deserialize, Serialize};

use crate::body_scan::region::Region;
use crate::script::ScriptKind;

/// A practice, finished or not. Serialised (as RON) only to keep records the history file
/// could not take yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Unique across copies of the app: start time and a random part.
    pub id: String,
    /// When it started, in milliseconds since 1970 UTC (shown in local time).
    pub started_at_ms: i64,
    pub kind: RecordKind,
    pub routine: String,
    /// The planned length.
    pub planned_ms: i64,
    /// Time actually practised, pauses excluded.
    pub practised_ms: i64,
    /// Breaths or steps done, and how many were planned.
    pub done_count: i64,
    pub total_count: i64,
    pub status: Status,
    pub before: Option<CheckIn>,
    pub after: Option<CheckIn>,
    pub note: String,
}

/// What kind of routine a record is of.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecordKind {
    Known(ScriptKind),
    /// A kind this version does not know, as stored.
    Other(String),
}

/// How a practice ended.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Still running, or cut off by a crash or kill (the last checkpoint is kept).
    Running,
    Finished,
    Stopped,
    /// A status this version does not know, as stored.
    Other(String),
}

/// A quick rating before or after a practice. A rating not given is `None`: it is stored as
/// NULL and left out of every average.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CheckIn {
    /// 0 (none) to 10.
    pub stress: Option<u8>,
    /// 0 (none) to 10.
    pub tension: Option<u8>,
    /// Where it feels tense.
    pub regions: Vec<Region>,
}

/// A practice counts in the stats (minutes, practices a week, the streak, the charts) from
/// this much practised time on, or when it was finished (a short routine done in full).
pub const COUNTS_FROM_MS: i64 = 60_000;

impl Record {
    /// Whether this practice counts in the stats: at least a minute practised, or finished. A
    /// start by mistake, or a few seconds before stopping, is kept in the list but not counted.
    #[must_use]
    pub fn counts(&self) -> bool {
        self.practised_ms >= COUNTS_FROM_MS || self.status == Status::Finished
    }
}

impl CheckIn {
    /// Nothing was rated or marked.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.stress.is_none() && self.tension.is_none() && self.regions.is_empty()
    }
}

impl From<ScriptKind> for RecordKind {
    fn from(kind: ScriptKind) -> Self {
        Self::Known(kind)
    }
}

impl RecordKind {
    /// As stored: `breathing`, `body_scan`, or the unknown text as it was.
    #[must_use]
    pub fn key(&self) -> &str {
        match self {
            Self::Known(ScriptKind::Breathing) => "breathing",
            Self::Known(ScriptKind::BodyScan) => "body_scan",
            Self::Other(text) => text,
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Self {
        match text {
            "breathing" => Self::Known(ScriptKind::Breathing),
            "body_scan" => Self::Known(ScriptKind::BodyScan),
            other => Self::Other(other.to_owned()),
        }
    }

    /// In words, for the history list.
    #[must_use]
    pub fn label(&self) -> &str {
        match self {
            Self::Known(kind) => kind.label(),
            Self::Other(_) => "Unknown kind",
        }
    }

    #[must_use]
    pub fn script_kind(&self) -> Option<ScriptKind> {
        match self {
            Self::Known(kind) => Some(*kind),
            Self::Other(_) => None,
        }
    }
}

impl Status {
    /// As stored: `running`, `finished`, `stopped`, or the unknown text as it was.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Running => "running",
            Self::Finished => "finished",
            Self::Stopped => "stopped",
            Self::Other(text) => text,
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Self {
        match text {
            "running" => Self::Running,
            "finished" => Self::Finished,
            "stopped" => Self::Stopped,
            other => Self::Other(other.to_owned()),
        }
    }

    /// In words, for the history list.
    #[must_use]
    pub fn label(&self) -> &str {
        match self {
            Self::Running => "unfinished",
            Self::Finished => "finished",
            Self::Stopped => "stopped early",
            Self::Other(_) => "unknown status",
        }
    }
}

/// Regions as stored: their names joined by spaces (`LowerBack Hips`).
#[must_use]
pub fn regions_to_text(regions: &[Region]) -> String {
    regions.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>().join(" ")
}

/// The inverse of [`regions_to_text`]; unknown names are skipped.
#[must_use]
pub fn regions_from_text(text: &str) -> Vec<Region> {
    text.split_whitespace()
        .filter_map(|word| Region::ALL.into_iter().find(|r| format!("{r:?}") == word))
        .collect()
}

/// A finished breathing record for tests: one minute of "Coherent 6", no ratings.
#[cfg(any(test, feature = "test-support"))]
#[must_use]
pub fn sample(id: &str, started_at_ms: i64) -> Record {
    Record {
        id: id.to_owned(),
        started_at_ms,
        kind: RecordKind::Known(ScriptKind::Breathing),
        routine: "Coherent 6".to_owned(),
        planned_ms: 60_000,
        practised_ms: 60_000,
        done_count: 6,
        total_count: 6,
        status: Status::Finished,
        before: None,
        after: None,
        note: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_kinds_and_statuses_are_kept_as_written() {
        for text in ["running", "finished", "stopped", "abandoned"] {
            assert_eq!(Status::parse(text).as_str(), text);
        }
        for text in ["breathing", "body_scan", "stretching"] {
            assert_eq!(RecordKind::parse(text).key(), text);
        }
        assert_eq!(Status::parse("abandoned").label(), "unknown status");
        assert_eq!(RecordKind::parse("stretching").script_kind(), None);
    }

    #[test]
    fn a_check_in_without_answers_is_empty() {
        assert!(CheckIn::default().is_empty());
        assert!(!CheckIn { stress: Some(0), ..CheckIn::default() }.is_empty(), "0 is an answer");
        assert!(!CheckIn { regions: vec![Region::Hips], ..CheckIn::default() }.is_empty());
    }
}
