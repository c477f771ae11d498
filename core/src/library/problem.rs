//! A problem with one script file, reported the way a compiler does: `path:line:col: message`.

use std::fmt;
use std::path::{Path, PathBuf};

/// Something wrong with one file. The file itself is never touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user knows it (a built-in shows as `built-in:breathing/x.ron`).
    pub path: PathBuf,
    /// 1-based line and column, where there is one.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl Problem {
    #[must_use]
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        Self { path: path.to_owned(), position: None, message: message.into() }
    }

    /// A parse error from RON in `text`, with the position where it was found (moved past
    /// any blank space RON stopped on, so it points at the offending value itself).
    #[must_use]
    pub fn from_ron(path: &Path, text: &str, error: &ron::error::SpannedError) -> Self {
        let ron::error::Span { start, end } = error.span;
        let (mut line, mut col) = (start.line, start.col);
        let rest = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        for c in rest.chars().skip(col.saturating_sub(1)) {
            if !c.is_whitespace() || (line, col + 1) > (end.line, end.col) {
                break;
            }
            col += 1;
        }
        if line == 0 {
            (line, col) = (1, 1);
        }
        Self { path: path.to_owned(), position: Some((line, col)), message: describe_ron_error(&error.code) }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// RON's own words, with a hint where they are terse.
fn describe_ron_error(code: &ron::Error) -> String {
    let text = code.to_string();
    match code {
        ron::Error::Eof => "the file ends too early: is a closing `)` or `]` missing?".to_owned(),
        ron::Error::ExpectedDifferentStructName { .. }
        | ron::Error::NoSuchEnumVariant { outer: Some(_), .. }
            if text.contains("Script") =>
        {
            format!("{text} (a script file starts with `Pattern(`, `BodyScan(` or `Reminder(`)")
        }
        _ => text,
    }
}
