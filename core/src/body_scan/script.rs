//! The body-scan model: what a `scripts/body_scan/*.ron` file says. Same conventions as
//! breathing patterns: name, summary, source; unknown fields are errors; every value is
//! checked while parsing so it is reported at its own line and column.

use serde::{Deserialize, Serialize};

use super::region::Region;
use crate::script::audio_path::AudioPath;
use crate::script::seconds::BoundedSecs;
use crate::script::text::{Line, Name, Paragraph};

/// One step lasts 5 seconds to 30 minutes.
pub type StepSecs = BoundedSecs<5_000, 1_800_000>;

/// The most steps one scan may have.
pub const MAX_STEPS: usize = 200;

/// A guided body scan: a posture and a list of steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawBodyScan", into = "RawBodyScan")]
pub struct BodyScan {
    pub name: Name,
    pub summary: Line,
    pub source: Line,
    /// How to sit or lie, shown before the first step.
    pub posture: Line,
    steps: Vec<Step>,
}

/// One step: where attention goes, what the prompt says, and for how long.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub region: Region,
    pub secs: StepSecs,
    #[serde(default, skip_serializing_if = "StepKind::is_scan")]
    pub kind: StepKind,
    /// A breathing pattern (by name) paced during the step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breathing: Option<Name>,
    pub prompt: Paragraph,
    /// A recording of the prompt, relative to the scripts folder: played instead of speech.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<AudioPath>,
}

/// What a step asks of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum StepKind {
    /// Attend to the region as it is.
    #[default]
    Scan,
    /// Somatic tracking: watch a sensation with curiosity and a sense of safety.
    Tracking,
    /// Gently tense (never into pain).
    Tense,
    /// Let go.
    Release,
    Rest,
}

impl StepKind {
    #[must_use]
    pub const fn is_scan(&self) -> bool {
        matches!(self, Self::Scan)
    }

    /// A few words for the screen, or `None` for a plain scan step.
    #[must_use]
    pub const fn label(self) -> Option<&'static str> {
        match self {
            Self::Scan => None,
            Self::Tracking => Some("Somatic tracking"),
            Self::Tense => Some("Gently tense"),
            Self::Release => Some("Release"),
            Self::Rest => Some("Rest"),
        }
    }
}

impl BodyScan {
    #[must_use]
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The names of the breathing patterns the steps use.
    pub fn breathing_names(&self) -> impl Iterator<Item = &str> {
        self.steps.iter().filter_map(|s| s.breathing.as_deref())
    }

    /// The recordings the steps name, with the step's index.
    pub fn recordings(&self) -> impl Iterator<Item = (usize, &AudioPath)> {
        self.steps.iter().enumerate().filter_map(|(i, s)| Some((i, s.audio.as_ref()?)))
    }

    /// The planned length in milliseconds.
    #[must_use]
    pub fn total_millis(&self) -> u64 {
        self.steps.iter().map(|s| u64::from(s.secs.millis())).sum()
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename = "BodyScan", deny_unknown_fields)]
struct RawBodyScan {
    name: Name,
    #[serde(default)]
    summary: Line,
    #[serde(default)]
    source: Line,
    #[serde(default)]
    posture: Line,
    steps: Vec<Step>,
}

impl TryFrom<RawBodyScan> for BodyScan {
    type Error = String;

    fn try_from(raw: RawBodyScan) -> Result<Self, String> {
        if raw.steps.is_empty() {
            return Err("`steps` is empty: a body scan needs at least one step, e.g. \
                 steps: [Step(region: Feet, secs: 30, prompt: \"Notice your feet.\")]"
                .to_owned());
        }
        if raw.steps.len() > MAX_STEPS {
            return Err(format!(
                "`steps` has {} entries; a body scan may have at most {MAX_STEPS}",
                raw.steps.len()
            ));
        }
        Ok(Self {
            name: raw.name,
            summary: raw.summary,
            source: raw.source,
            posture: raw.posture,
            steps: raw.steps,
        })
    }
}

impl From<BodyScan> for RawBodyScan {
    fn from(scan: BodyScan) -> Self {
        Self {
            name: scan.name,
            summary: scan.summary,
            source: scan.source,
            posture: scan.posture,
            steps: scan.steps,
        }
    }
}
