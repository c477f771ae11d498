//! One practice as it is remembered: what, when, how long, how it ended, and how it felt.

use crate::body_scan::region::Region;
use crate::script::ScriptKind;

/// A practice, finished or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Unique across copies of the app: start time and a random part.
    pub id: String,
    /// When it started, in milliseconds since 1970 UTC (shown in local time).
    pub started_at_ms: i64,
    pub kind: ScriptKind,
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

/// How a practice ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Still running, or cut off by a crash or kill (the last checkpoint is kept).
    Running,
    Finished,
    Stopped,
}

/// A quick rating before or after a practice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckIn {
    /// 0 (none) to 10.
    pub stress: u8,
    /// 0 (none) to 10.
    pub tension: u8,
    /// Where it feels tense.
    pub regions: Vec<Region>,
}

impl Status {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Finished => "finished",
            Self::Stopped => "stopped",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "running" => Some(Self::Running),
            "finished" => Some(Self::Finished),
            "stopped" => Some(Self::Stopped),
            _ => None,
        }
    }

    /// In words, for the history list.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Running => "unfinished",
            Self::Finished => "finished",
            Self::Stopped => "stopped early",
        }
    }
}

/// `breathing` or `body_scan`, as stored.
#[must_use]
pub const fn kind_key(kind: ScriptKind) -> &'static str {
    match kind {
        ScriptKind::Breathing => "breathing",
        ScriptKind::BodyScan => "body_scan",
    }
}

#[must_use]
pub fn parse_kind(text: &str) -> Option<ScriptKind> {
    match text {
        "breathing" => Some(ScriptKind::Breathing),
        "body_scan" => Some(ScriptKind::BodyScan),
        _ => None,
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
        kind: ScriptKind::Breathing,
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
