//! The breathing pattern model: what a `scripts/breathing/*.ron` file says.
//!
//! Parsing checks every rule a person could break (unknown fields, durations out of range,
//! empty phase lists, a ramp that does not match the phases), so a [`Pattern`] that exists
//! is always safe to play.

use serde::{Deserialize, Serialize};

use crate::script::seconds::PhaseSecs;
use crate::script::text::{Line, Name};

/// The most phases one breath may have.
pub const MAX_PHASES: usize = 12;
/// The longest practice, in minutes.
pub const MAX_MINUTES: u32 = 180;
/// The most breaths one practice may count.
pub const MAX_CYCLES: u32 = 5000;

/// A breathing pattern: one breath (a cycle of phases), repeated for a length.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawPattern", into = "RawPattern")]
pub struct Pattern {
    pub name: Name,
    pub summary: Line,
    pub source: Line,
    phases: Vec<Phase>,
    pub length: Length,
    ramp: Option<Ramp>,
}

/// One phase of a breath.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawPhase", into = "RawPhase")]
pub struct Phase {
    pub kind: PhaseKind,
    pub secs: PhaseSecs,
    /// Optional words shown under the phase ("in through the nose"); empty for none.
    pub cue: Line,
}

/// What the body does during a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PhaseKind {
    Inhale,
    /// The second, shorter sip of air on top of a full inhale (as in a physiological sigh).
    TopUp,
    /// Holding with the lungs full.
    HoldIn,
    Exhale,
    /// Resting with the lungs empty.
    HoldOut,
}

impl PhaseKind {
    #[must_use]
    pub const fn is_hold(self) -> bool {
        matches!(self, Self::HoldIn | Self::HoldOut)
    }

    /// The phase in plain words, as shown large on screen.
    #[must_use]
    pub const fn words(self) -> &'static str {
        match self {
            Self::Inhale => "Breathe in",
            Self::TopUp => "A little more in",
            Self::HoldIn | Self::HoldOut => "Hold",
            Self::Exhale => "Breathe out",
        }
    }
}

/// How long a practice lasts by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawLength", into = "RawLength")]
pub enum Length {
    /// About this many minutes, ending on a complete breath.
    Minutes(u32),
    /// Exactly this many breaths.
    Cycles(u32),
}

/// Start from other durations and move linearly to the pattern's own over a stretch of time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ramp {
    /// Starting seconds, one for each phase, in the same order as `phases`.
    pub from_secs: Vec<PhaseSecs>,
    /// How long the move takes.
    pub over: Length,
}

impl Pattern {
    #[must_use]
    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    #[must_use]
    pub fn ramp(&self) -> Option<&Ramp> {
        self.ramp.as_ref()
    }

    #[must_use]
    pub fn has_holds(&self) -> bool {
        self.phases.iter().any(|p| p.kind.is_hold())
    }

    /// The durations in a compact form, e.g. "4-7-8" or "2.5+0.7-6".
    #[must_use]
    pub fn rhythm(&self) -> String {
        self.rhythm_of(self.phases.iter().map(|p| &p.secs))
    }

    /// The rhythm as a person reads it, with its ramp when it has one:
    /// "4-4, easing to 4-8 over 5 minutes".
    #[must_use]
    pub fn rhythm_described(&self) -> String {
        match &self.ramp {
            Some(ramp) => format!(
                "{}, easing to {} over {}",
                self.rhythm_of(ramp.from_secs.iter()),
                self.rhythm(),
                ramp.over.describe()
            ),
            None => self.rhythm(),
        }
    }

    /// `secs` (one for each phase) joined as the phases join: `+` before a top-up, else `-`.
    fn rhythm_of<'a>(&self, secs: impl Iterator<Item = &'a PhaseSecs>) -> String {
        let mut out = String::new();
        for (i, (phase, secs)) in self.phases.iter().zip(secs).enumerate() {
            if i > 0 {
                out.push(if phase.kind == PhaseKind::TopUp { '+' } else { '-' });
            }
            out.push_str(&secs.to_string());
        }
        out
    }
}

impl Length {
    #[must_use]
    pub fn describe(self) -> String {
        match self {
            Self::Minutes(1) => "1 minute".to_owned(),
            Self::Minutes(n) => format!("{n} minutes"),
            Self::Cycles(1) => "1 breath".to_owned(),
            Self::Cycles(n) => format!("{n} breaths"),
        }
    }
}

// ---- the file format -------------------------------------------------------------------

#[derive(Serialize, Deserialize)]
#[serde(rename = "Pattern", deny_unknown_fields)]
struct RawPattern {
    name: Name,
    #[serde(default)]
    summary: Line,
    #[serde(default)]
    source: Line,
    phases: Vec<Phase>,
    length: Length,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ramp: Option<Ramp>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename = "Phase", deny_unknown_fields)]
enum RawPhase {
    Inhale(RawStep),
    TopUp(RawStep),
    HoldIn(RawStep),
    Exhale(RawStep),
    HoldOut(RawStep),
}

#[derive(Serialize, Deserialize)]
#[serde(rename = "Step", deny_unknown_fields)]
struct RawStep {
    secs: PhaseSecs,
    #[serde(default, skip_serializing_if = "is_blank")]
    cue: Line,
}

#[derive(Serialize, Deserialize)]
#[serde(rename = "Length")]
enum RawLength {
    Minutes(u32),
    Cycles(u32),
}

fn is_blank(line: &Line) -> bool {
    line.is_empty()
}

impl TryFrom<RawPattern> for Pattern {
    type Error = String;

    fn try_from(raw: RawPattern) -> Result<Self, String> {
        let phases = raw.phases;
        if phases.is_empty() {
            return Err("`phases` is empty: a breath needs at least an inhale and an exhale, e.g. \
                 phases: [Inhale(secs: 4), Exhale(secs: 6)]"
                .to_owned());
        }
        if phases.len() > MAX_PHASES {
            return Err(format!(
                "`phases` has {} entries; one breath may have at most {MAX_PHASES}",
                phases.len()
            ));
        }
        for kind in [PhaseKind::Inhale, PhaseKind::Exhale] {
            if !phases.iter().any(|p| p.kind == kind) {
                return Err(format!(
                    "`phases` has no {kind:?}: a breath needs at least an Inhale and an Exhale"
                ));
            }
        }
        for (i, phase) in phases.iter().enumerate() {
            let after_inhale = i > 0 && phases[i - 1].kind == PhaseKind::Inhale;
            if phase.kind == PhaseKind::TopUp && !after_inhale {
                return Err(format!(
                    "`phases`: phase {} is a TopUp, which must come straight after an Inhale",
                    i + 1
                ));
            }
        }
        if let Some(ramp) = &raw.ramp
            && ramp.from_secs.len() != phases.len()
        {
            return Err(format!(
                "`ramp.from_secs` has {} durations but `phases` has {}: give one starting \
                 duration for each phase, in the same order",
                ramp.from_secs.len(),
                phases.len()
            ));
        }
        Ok(Self {
            name: raw.name,
            summary: raw.summary,
            source: raw.source,
            phases,
            length: raw.length,
            ramp: raw.ramp,
        })
    }
}

impl From<Pattern> for RawPattern {
    fn from(p: Pattern) -> Self {
        Self {
            name: p.name,
            summary: p.summary,
            source: p.source,
            phases: p.phases,
            length: p.length,
            ramp: p.ramp,
        }
    }
}

impl From<RawPhase> for Phase {
    fn from(raw: RawPhase) -> Self {
        let (kind, step) = match raw {
            RawPhase::Inhale(s) => (PhaseKind::Inhale, s),
            RawPhase::TopUp(s) => (PhaseKind::TopUp, s),
            RawPhase::HoldIn(s) => (PhaseKind::HoldIn, s),
            RawPhase::Exhale(s) => (PhaseKind::Exhale, s),
            RawPhase::HoldOut(s) => (PhaseKind::HoldOut, s),
        };
        Self { kind, secs: step.secs, cue: step.cue }
    }
}

impl From<Phase> for RawPhase {
    fn from(phase: Phase) -> Self {
        let step = RawStep { secs: phase.secs, cue: phase.cue };
        match phase.kind {
            PhaseKind::Inhale => Self::Inhale(step),
            PhaseKind::TopUp => Self::TopUp(step),
            PhaseKind::HoldIn => Self::HoldIn(step),
            PhaseKind::Exhale => Self::Exhale(step),
            PhaseKind::HoldOut => Self::HoldOut(step),
        }
    }
}

impl TryFrom<RawLength> for Length {
    type Error = String;

    fn try_from(raw: RawLength) -> Result<Self, String> {
        match raw {
            RawLength::Minutes(n) if (1..=MAX_MINUTES).contains(&n) => Ok(Self::Minutes(n)),
            RawLength::Minutes(n) => {
                Err(format!("Minutes({n}) is out of range: use 1 to {MAX_MINUTES} minutes"))
            }
            RawLength::Cycles(n) if (1..=MAX_CYCLES).contains(&n) => Ok(Self::Cycles(n)),
            RawLength::Cycles(n) => {
                Err(format!("Cycles({n}) is out of range: use 1 to {MAX_CYCLES} breaths"))
            }
        }
    }
}

impl From<Length> for RawLength {
    fn from(length: Length) -> Self {
        match length {
            Length::Minutes(n) => Self::Minutes(n),
            Length::Cycles(n) => Self::Cycles(n),
        }
    }
}
