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
        let text = crate::script::without_bom(text);
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
        let message = describe_ron_error(path, &error.code);
        // A rule about a whole field (`phases` has no Exhale) is found when its struct closes:
        // point at the field instead.
        let at_close =
            text.lines().nth(line - 1).and_then(|l| l.chars().nth(col - 1)).is_none_or(|c| c == ')');
        if at_close
            && let Some(field) = field_path(&message)
            && let Some(span) = crate::script::fields::find(text, &field)
        {
            (line, col) = crate::script::fields::line_col(text, span.key.start);
        }
        Self { path: path.to_owned(), position: Some((line, col)), message }
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

/// The field a message is about, when it starts with one in backticks: `` `ramp.from_secs` ``.
fn field_path(message: &str) -> Option<Vec<&str>> {
    let rest = message.strip_prefix('`')?;
    let path = &rest[..rest.find('`')?];
    let parts: Vec<&str> = path.split('.').collect();
    parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then_some(parts)
}

/// What a file in this folder starts with.
fn expected_start(path: &Path) -> &'static str {
    let folder = |name: &str| path.components().any(|c| c.as_os_str() == name);
    if folder("breathing") {
        "a breathing pattern starts with `Pattern(`"
    } else if folder("body_scan") {
        "a body scan starts with `BodyScan(`"
    } else if folder("reminders") {
        "a reminder starts with `Reminder(`"
    } else {
        "a script file starts with `Pattern(`, `BodyScan(` or `Reminder(`"
    }
}

/// What went wrong, in plain words: RON's own where they are clear (they name the fields and
/// values involved), ours where they are terse or speak of the parser's insides.
fn describe_ron_error(path: &Path, code: &ron::Error) -> String {
    use ron::Error as E;
    let text = code.to_string();
    match code {
        E::SuggestRawIdentifier(word) | E::InvalidIdentifier(word) => format!(
            "`{word}` cannot stand here: a field's name starts with a letter, and a text needs \
             double quotes around it"
        ),
        E::ExpectedComma => "a comma is missing before this".to_owned(),
        E::ExpectedString => "a text in double quotes is expected here, like \"Calm\"".to_owned(),
        E::ExpectedStringEnd => "this text is missing its closing double quote".to_owned(),
        E::ExpectedFloat | E::ExpectedInteger => "a number is expected here".to_owned(),
        E::ExpectedBoolean => "`true` or `false` is expected here".to_owned(),
        E::ExpectedArray => "a list in square brackets is expected here, like [ … ]".to_owned(),
        E::ExpectedArrayEnd => "a closing `]` is missing before this".to_owned(),
        E::ExpectedStructLike => "an opening `(` is expected here".to_owned(),
        E::ExpectedStructLikeEnd | E::ExpectedOptionEnd => "a closing `)` is missing before this".to_owned(),
        E::TrailingCharacters => {
            "something follows the end of the script: after its closing `)` only comments may come".to_owned()
        }
        E::UnexpectedChar(c) => format!("{c:?} is not expected here"),
        E::UnclosedBlockComment => "a `/*` comment is never closed with `*/`".to_owned(),
        E::InvalidEscape(what) => {
            format!(
                "{what} in this text: write \\\" for a double quote, \\n for a new line, \\\\ for a backslash"
            )
        }
        // A top-level `(` without a name, which RON itself would allow.
        ron::Error::ExpectedIdentifier => format!("a name is missing here: {}", expected_start(path)),
        ron::Error::Eof => "the file ends too early: is a closing `)` or `]` missing?".to_owned(),
        ron::Error::ExpectedDifferentStructName { .. }
        | ron::Error::NoSuchEnumVariant { outer: Some(_), .. }
            if text.contains("Script") =>
        {
            format!("{text} ({})", expected_start(path))
        }
        _ => text,
    }
}
