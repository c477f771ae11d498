//! Script files: the RON dialect they are written in, the value types they share, and
//! parsing one file's text into a [`Script`].
//!
//! Parsing takes a `&str`, never a path, so tests never touch the disk.

pub mod audio_field;
pub mod audio_path;
pub mod fields;
pub mod seconds;
pub mod text;

use serde::Deserialize;

use crate::body_scan::script::BodyScan;
use crate::breathing::pattern::Pattern;

/// One script file: a breathing pattern or a body scan.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename = "Script")]
pub enum Script {
    Pattern(Pattern),
    BodyScan(BodyScan),
}

/// What kind of routine a script is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, Deserialize)]
pub enum ScriptKind {
    Breathing,
    BodyScan,
}

impl ScriptKind {
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Breathing => "Breathing",
            Self::BodyScan => "Body scan",
        }
    }
}

impl Script {
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::Pattern(p) => &p.name,
            Self::BodyScan(s) => &s.name,
        }
    }

    #[must_use]
    pub fn kind(&self) -> ScriptKind {
        match self {
            Self::Pattern(_) => ScriptKind::Breathing,
            Self::BodyScan(_) => ScriptKind::BodyScan,
        }
    }
}

/// The RON options every script is read with. `implicit_some` lets optional fields be
/// written plainly; `unwrap_variant_newtypes` lets a file start `Pattern(name: …)` and
/// phases read `Inhale(secs: 4)` rather than `Inhale((secs: 4))`.
#[must_use]
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_default_extension(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES)
}

/// Parses one script file's text.
///
/// # Errors
/// The first problem, with the line and column where RON found it.
pub fn parse(text: &str) -> Result<Script, ron::error::SpannedError> {
    ron_options().from_str(without_bom(text))
}

/// The text without a UTF-8 byte-order mark, which Windows Notepad puts at the start of the
/// files it saves. Positions in the rest are as the user sees them: the mark is invisible.
#[must_use]
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Parses text that must be a breathing pattern.
///
/// # Errors
/// The first problem, with its line and column.
pub fn parse_pattern(text: &str) -> Result<Pattern, ron::error::SpannedError> {
    ron_options().from_str(without_bom(text))
}
