//! Text fields of script files (names, summaries, sources, cues, prompts), checked while
//! parsing so a bad value is reported at its own line and column.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

/// Text of at most `MAX_CHARS` characters; line breaks only where `MULTILINE` is set; never
/// control characters. `NON_EMPTY` refuses blank text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Text<const MAX_CHARS: usize, const MULTILINE: bool, const NON_EMPTY: bool>(String);

/// A routine's name: one line, never blank.
pub type Name = Text<60, false, true>;
/// A one-line summary, a source citation or a short cue.
pub type Line = Text<400, false, false>;
/// A prompt of several lines.
pub type Paragraph = Text<2000, true, true>;

impl<const MAX_CHARS: usize, const MULTILINE: bool, const NON_EMPTY: bool>
    Text<MAX_CHARS, MULTILINE, NON_EMPTY>
{
    /// # Errors
    /// A message for people when the text breaks one of the rules above.
    pub fn new(text: impl Into<String>) -> Result<Self, String> {
        let text: String = text.into();
        if NON_EMPTY && text.trim().is_empty() {
            return Err("this text must not be empty".to_owned());
        }
        let chars = text.chars().count();
        if chars > MAX_CHARS {
            return Err(format!("this text is {chars} characters long; the limit is {MAX_CHARS}"));
        }
        if let Some(bad) = text.chars().find(|&c| c.is_control() && !(MULTILINE && c == '\n')) {
            return Err(if bad == '\n' {
                "this text must stay on one line".to_owned()
            } else {
                format!("this text contains the control character {bad:?}")
            });
        }
        Ok(Self(text))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<const M: usize, const L: bool, const E: bool> TryFrom<String> for Text<M, L, E> {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        Self::new(text)
    }
}

impl<const M: usize, const L: bool, const E: bool> From<Text<M, L, E>> for String {
    fn from(text: Text<M, L, E>) -> Self {
        text.0
    }
}

impl<const M: usize, const L: bool, const E: bool> Deref for Text<M, L, E> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<const M: usize, const L: bool, const E: bool> fmt::Display for Text<M, L, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_single_line_and_not_blank() {
        assert!(Name::new("Box 4-4-4-4").is_ok());
        assert!(Name::new("   ").is_err());
        assert!(Name::new("two\nlines").is_err());
        assert!(Name::new("x".repeat(61)).is_err());
    }

    #[test]
    fn paragraphs_keep_line_breaks_but_refuse_control_characters() {
        assert!(Paragraph::new("Notice your feet.\nLet them be heavy.").is_ok());
        assert!(Paragraph::new("bell\u{7}").is_err());
        assert!(Line::new("").is_ok());
    }
}
