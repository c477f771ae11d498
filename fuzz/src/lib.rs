//! Shared pieces of the fuzz targets: valid routines and reminders built from arbitrary
//! bytes (as RON text, so they go through the same parser as a person's file), times that
//! reach the edges (0, hours, `u64::MAX` nanoseconds), and the checks several targets make.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::OnceLock;
use std::time::Duration;

use arbitrary::{Arbitrary, Result, Unstructured};
use unbrace_core::body_scan::region::Region;
use unbrace_core::body_scan::script::BodyScan;
use unbrace_core::breathing::pattern::{Length, MAX_CYCLES, MAX_MINUTES, MAX_PHASES, Pattern, PhaseKind};
use unbrace_core::library::Library;
use unbrace_core::script::{self, Script};
use unbrace_core::sound::cue::Cue;

// ---- input text -------------------------------------------------------------------------

/// The fuzzer's bytes as the text a file would hold: files that are not UTF-8 are refused
/// by the loader before any parser sees them.
#[must_use]
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Where a file lives, chosen from the text's length so every byte of the input stays text
/// (the seeds are real script files). The folder changes the wording of some problems.
#[must_use]
pub fn id_for(text: &str) -> &'static str {
    const IDS: [&str; 5] =
        ["breathing/mine.ron", "body_scan/mine.ron", "reminders/mine.ron", "mine.ron", "a/b/c/mine.ron"];
    IDS[text.len() % IDS.len()]
}

/// The built-in library, built once per process.
pub fn built_in() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(Library::built_in)
}

/// The names of the built-in breathing patterns, as the editor checks references against.
pub fn built_in_pattern_names() -> &'static HashSet<&'static str> {
    static NAMES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| built_in().patterns().map(|(_, p)| p.name.as_str()).collect())
}

// ---- checks -------------------------------------------------------------------------------

/// `range` is a slice of `text` that can be taken without a panic.
///
/// # Panics
/// When it is not: the finding.
pub fn assert_slice(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what}: {range:?} outside {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what}: {range:?} splits a character"
    );
}

/// A 1-based (line, column) that points into `text` or just past the end of a line.
///
/// # Panics
/// When it does not: the finding.
pub fn assert_position(text: &str, (line, col): (usize, usize), what: &str) {
    let text = script::without_bom(text);
    assert!(line >= 1 && col >= 1, "{what}: ({line}, {col}) is not 1-based");
    // `lines()` drops a last empty line; a position may stand on it (after a final newline).
    let lines = text.split('\n').count();
    assert!(line <= lines, "{what}: line {line} of {lines}");
}

/// The cues of a score window are in time order and inside the window.
///
/// # Panics
/// When they are not: the finding.
pub fn assert_cues(cues: &[(Duration, Cue)], from: Duration, until: Duration) {
    for &(at, _) in cues {
        assert!(from <= at && at < until, "cue at {at:?} outside [{from:?}, {until:?})");
    }
    assert!(cues.windows(2).all(|w| w[0].0 <= w[1].0), "cues out of order: {cues:?}");
}

// ---- times ----------------------------------------------------------------------------------

/// A point in time (practice time or a clock reading) that reaches the edges.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum When {
    Zero,
    Nanos(u64),
    Millis(u32),
    Hours(u8, u32),
    /// `u64::MAX` nanoseconds, about 584 years: the end of `Duration::from_nanos`.
    Max,
    MaxMinus(u32),
}

impl When {
    #[must_use]
    pub fn duration(self) -> Duration {
        match self {
            Self::Zero => Duration::ZERO,
            Self::Nanos(n) => Duration::from_nanos(n),
            Self::Millis(ms) => Duration::from_millis(u64::from(ms)),
            Self::Hours(h, nanos) => {
                Duration::from_secs(u64::from(h) * 3600) + Duration::from_nanos(u64::from(nanos))
            }
            Self::Max => Duration::from_nanos(u64::MAX),
            Self::MaxMinus(n) => Duration::from_nanos(u64::MAX - u64::from(n)),
        }
    }
}

/// How far a monotonic clock moves between two events.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Step {
    None,
    Nanos(u16),
    Millis(u16),
    Secs(u16),
    Minutes(u8),
    Hours(u8),
    Days(u16),
    Nanos64(u64),
}

impl Step {
    #[must_use]
    pub fn duration(self) -> Duration {
        match self {
            Self::None => Duration::ZERO,
            Self::Nanos(n) => Duration::from_nanos(u64::from(n)),
            Self::Millis(n) => Duration::from_millis(u64::from(n)),
            Self::Secs(n) => Duration::from_secs(u64::from(n)),
            Self::Minutes(n) => Duration::from_secs(u64::from(n) * 60),
            Self::Hours(n) => Duration::from_secs(u64::from(n) * 3600),
            Self::Days(n) => Duration::from_secs(u64::from(n) * 86_400),
            Self::Nanos64(n) => Duration::from_nanos(n),
        }
    }
}

/// A monotonic clock that never passes `u64::MAX` nanoseconds (the end of what an `Instant`
/// since the app started could read in 584 years).
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock(Duration);

impl Clock {
    #[must_use]
    pub fn at(start: Duration) -> Self {
        Self(start.min(Duration::from_nanos(u64::MAX)))
    }

    #[must_use]
    pub fn now(self) -> Duration {
        self.0
    }

    pub fn advance(&mut self, by: Duration) {
        self.0 = self.0.saturating_add(by).min(Duration::from_nanos(u64::MAX));
    }
}

// ---- valid routines as RON text --------------------------------------------------------

/// Text that passes the rules of a script's text fields: no control characters (line breaks
/// only when `multiline`), at most `max` characters, never blank when `non_empty`.
#[must_use]
pub fn clean(text: &str, max: usize, multiline: bool, non_empty: bool) -> String {
    let out: String =
        text.chars().filter(|&c| !c.is_control() || (multiline && c == '\n')).take(max).collect();
    if non_empty && out.trim().is_empty() { "x".to_owned() } else { out }
}

/// A RON string literal, escaped by hand (the targets write their files as a person would).
#[must_use]
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Milliseconds in `min..=max`, the two ends often.
fn millis_in(u: &mut Unstructured<'_>, min: u32, max: u32) -> Result<u32> {
    Ok(match u.int_in_range(0..=7_u8)? {
        0 => min,
        1 => max,
        2 => min + 1,
        3 => max - 1,
        // Whole and half seconds, as people write them.
        4 => (u.int_in_range(min.div_ceil(500)..=max / 500)?) * 500,
        _ => u.int_in_range(min..=max)?,
    })
}

/// Seconds as a file writes them: `4`, `0.5`, `119.999`.
fn secs_text(millis: u32, whole_as_integer: bool) -> String {
    if whole_as_integer && millis % 1000 == 0 {
        format!("{}", millis / 1000)
    } else {
        format!("{}.{:03}", millis / 1000, millis % 1000)
    }
}

/// A valid length: `Minutes(1..=180)` or `Cycles(1..=5000)`, the ends often.
#[derive(Debug, Clone, Copy)]
pub struct ArbLength(pub Length);

impl<'a> Arbitrary<'a> for ArbLength {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let minutes = bool::arbitrary(u)?;
        let max = if minutes { MAX_MINUTES } else { MAX_CYCLES };
        let n = match u.int_in_range(0..=3_u8)? {
            0 => 1,
            1 => max,
            _ => u.int_in_range(1..=max)?,
        };
        Ok(Self(if minutes { Length::Minutes(n) } else { Length::Cycles(n) }))
    }
}

fn length_text(length: Length) -> String {
    match length {
        Length::Minutes(n) => format!("Minutes({n})"),
        Length::Cycles(n) => format!("Cycles({n})"),
    }
}

const PHASE_KINDS: [PhaseKind; 5] =
    [PhaseKind::Inhale, PhaseKind::TopUp, PhaseKind::HoldIn, PhaseKind::Exhale, PhaseKind::HoldOut];

/// A valid breathing pattern, written as RON text.
#[derive(Debug, Clone)]
pub struct ArbPattern {
    pub text: String,
}

impl<'a> Arbitrary<'a> for ArbPattern {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let name = clean(&String::arbitrary(u)?, 60, false, true);
        Self::named(u, &name)
    }
}

impl ArbPattern {
    /// A valid pattern named `name` (which must be a valid name).
    pub fn named(u: &mut Unstructured<'_>, name: &str) -> Result<Self> {
        let whole_as_integer = bool::arbitrary(u)?;
        let mut kinds: Vec<PhaseKind> = Vec::new();
        let wanted = u.int_in_range(0..=MAX_PHASES - 2)?;
        for _ in 0..wanted {
            kinds.push(*u.choose(&PHASE_KINDS)?);
        }
        // The rules: a TopUp straight after an Inhale; at least one Inhale and one Exhale.
        for i in 0..kinds.len() {
            if kinds[i] == PhaseKind::TopUp && (i == 0 || kinds[i - 1] != PhaseKind::Inhale) {
                kinds[i] = PhaseKind::HoldIn;
            }
        }
        if !kinds.contains(&PhaseKind::Inhale) {
            kinds.insert(0, PhaseKind::Inhale);
        }
        if !kinds.contains(&PhaseKind::Exhale) {
            kinds.push(PhaseKind::Exhale);
        }
        let mut text = String::from("Pattern(\n");
        let _ = writeln!(text, "    name: {},", quote(name));
        if bool::arbitrary(u)? {
            let _ =
                writeln!(text, "    summary: {},", quote(&clean(&String::arbitrary(u)?, 400, false, false)));
        }
        if bool::arbitrary(u)? {
            let _ =
                writeln!(text, "    source: {},", quote(&clean(&String::arbitrary(u)?, 400, false, false)));
        }
        text.push_str("    phases: [");
        for kind in &kinds {
            let secs = secs_text(millis_in(u, 500, 120_000)?, whole_as_integer);
            let cue = if bool::arbitrary(u)? {
                format!(", cue: {}", quote(&clean(&String::arbitrary(u)?, 400, false, false)))
            } else {
                String::new()
            };
            let _ = write!(text, "{kind:?}(secs: {secs}{cue}), ");
        }
        text.push_str("],\n");
        let _ = writeln!(text, "    length: {},", length_text(ArbLength::arbitrary(u)?.0));
        if bool::arbitrary(u)? {
            let mut from = Vec::new();
            for _ in &kinds {
                from.push(secs_text(millis_in(u, 500, 120_000)?, whole_as_integer));
            }
            let over = ArbLength::arbitrary(u)?.0;
            let _ = writeln!(
                text,
                "    ramp: Ramp(from_secs: [{}], over: {}),",
                from.join(", "),
                length_text(over)
            );
        }
        text.push(')');
        Ok(Self { text })
    }

    /// The pattern, parsed as a person's file is.
    ///
    /// # Panics
    /// When the parser refuses a valid pattern: a finding.
    #[must_use]
    pub fn parse(&self) -> Pattern {
        match script::parse(&self.text) {
            Ok(Script::Pattern(p)) => p,
            other => panic!("a valid pattern was refused: {other:?}\n{}", self.text),
        }
    }
}

/// A valid body scan, written as RON text, whose steps may pace the patterns in `names`
/// (or a name nobody defines).
#[derive(Debug, Clone)]
pub struct ArbScan {
    pub text: String,
}

impl ArbScan {
    pub fn with_patterns(u: &mut Unstructured<'_>, names: &[&str]) -> Result<Self> {
        let mut text = String::from("BodyScan(\n");
        let _ = writeln!(text, "    name: {},", quote(&clean(&String::arbitrary(u)?, 60, false, true)));
        for field in ["summary", "source", "posture"] {
            if bool::arbitrary(u)? {
                let _ = writeln!(
                    text,
                    "    {field}: {},",
                    quote(&clean(&String::arbitrary(u)?, 400, false, false))
                );
            }
        }
        text.push_str("    steps: [\n");
        // Mostly a few steps; now and then the most a scan may have. (Not `ratio`: it says
        // yes when the input has run out.)
        let count = if u.int_in_range(0..=63_u8)? == 63 {
            unbrace_core::body_scan::script::MAX_STEPS
        } else {
            u.int_in_range(1..=12)?
        };
        let whole_as_integer = bool::arbitrary(u)?;
        for _ in 0..count {
            let region = u.choose(&Region::ALL)?;
            let secs = secs_text(millis_in(u, 5_000, 1_800_000)?, whole_as_integer);
            let _ = write!(text, "        Step(region: {region:?}, secs: {secs}, ");
            if bool::arbitrary(u)? {
                let kind = u.choose(&["Scan", "Tracking", "Tense", "Release", "Rest"])?;
                let _ = write!(text, "kind: {kind}, ");
            }
            if bool::arbitrary(u)? {
                let name = match u.choose(names) {
                    Ok(name) if u.int_in_range(0..=7_u8)? < 7 => (*name).to_owned(),
                    _ => clean(&String::arbitrary(u)?, 60, false, true),
                };
                let _ = write!(text, "breathing: {}, ", quote(&name));
            }
            let prompt = clean(&String::arbitrary(u)?, 2000, true, true);
            let _ = writeln!(text, "prompt: {}),", quote(&prompt));
        }
        text.push_str("    ],\n)");
        Ok(Self { text })
    }

    /// # Panics
    /// When the parser refuses a valid scan: a finding.
    #[must_use]
    pub fn parse(&self) -> BodyScan {
        match script::parse(&self.text) {
            Ok(Script::BodyScan(s)) => s,
            other => panic!("a valid body scan was refused: {other:?}\n{}", self.text),
        }
    }
}
