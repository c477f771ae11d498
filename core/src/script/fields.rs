//! Where a field of a script stands in its text: the key and the value of `name: "…"` or of
//! `from_secs` inside `ramp: Ramp(…)`, found by reading the RON tokens (strings, raw strings,
//! characters and comments are skipped), never by searching for the words, which may appear
//! in a comment or inside another string.
//!
//! Used to point a problem at the field it is about, and to change one field's value while
//! keeping the rest of the file as the user wrote it.

use std::ops::Range;

/// A field's key and value, as byte ranges of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpan {
    pub key: Range<usize>,
    pub value: Range<usize>,
}

/// Where a new last field of the top-level struct goes: just `after` its last entry (a
/// comma must come first when `needs_comma`), before its closing parenthesis at `close`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldsEnd {
    pub after: usize,
    pub needs_comma: bool,
    pub close: usize,
}

/// The field at `path` (`["ramp", "from_secs"]`) of the top-level struct in `text`.
#[must_use]
pub fn find(text: &str, path: &[&str]) -> Option<FieldSpan> {
    find_within(text, 0..text.len(), path)
}

/// The field at `path` of the first struct that opens in bytes `within` of `text` (one entry
/// of a list, as found by [`list_entries`]).
#[must_use]
pub fn find_within(text: &str, within: Range<usize>, path: &[&str]) -> Option<FieldSpan> {
    let tokens: Vec<Token> = tokens(text)
        .into_iter()
        .filter(|t| t.span.start >= within.start && t.span.end <= within.end)
        .collect();
    // The struct's fields: inside its opening parenthesis (past an attribute before it).
    let open = top_open(text, &tokens)?;
    let mut range = open + 1..tokens.len();
    let mut found = None;
    for (depth, name) in path.iter().enumerate() {
        let field = fields(&tokens, range.clone())
            .into_iter()
            .find(|f| &text[tokens[f.key].span.clone()] == *name)?;
        found = Some(FieldSpan {
            key: tokens[field.key].span.clone(),
            value: tokens[field.value.start].span.start..tokens[field.value.end - 1].span.end,
        });
        if depth + 1 < path.len() {
            // Into the value's own parentheses: `Ramp(` … `)`.
            let inner = field.value.clone().find(|&i| tokens[i].kind == Kind::Open)?;
            range = inner + 1..field.value.end;
        }
    }
    found
}

/// Where the top-level struct's fields end in `text`, to add one; `None` when its
/// parentheses are not closed.
#[must_use]
pub fn end_of_fields(text: &str) -> Option<FieldsEnd> {
    let tokens = tokens(text);
    let open = top_open(text, &tokens)?;
    let mut depth = 0_usize;
    let close = (open + 1..tokens.len()).find(|&i| match tokens[i].kind {
        Kind::Close if depth == 0 => true,
        Kind::Close => {
            depth -= 1;
            false
        }
        Kind::Open => {
            depth += 1;
            false
        }
        _ => false,
    })?;
    let last = &tokens[close - 1];
    Some(FieldsEnd {
        after: last.span.end,
        needs_comma: close - 1 != open && last.kind != Kind::Comma,
        close: tokens[close].span.start,
    })
}

/// The top-level struct's opening parenthesis: the first at the outermost level that follows
/// a name (`Reminder(`), so an attribute like `#![enable(implicit_some)]` before it is passed
/// over; failing that (an unnamed struct), the first opening of all.
fn top_open(text: &str, tokens: &[Token]) -> Option<usize> {
    let mut depth = 0_usize;
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            Kind::Open
                if depth == 0
                    && text.as_bytes()[token.span.start] == b'('
                    && i > 0
                    && tokens[i - 1].kind == Kind::Ident =>
            {
                return Some(i);
            }
            Kind::Open => depth += 1,
            Kind::Close => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    tokens.iter().position(|t| t.kind == Kind::Open)
}

/// The 1-based line and column of byte `at` in `text`, counted in characters. A byte inside
/// a character is that character's; past the end, the end.
/// Every `key: value` field of the first struct that opens in bytes `within` of `text`, in
/// order (nested structs' fields not included).
#[must_use]
pub fn fields_within(text: &str, within: Range<usize>) -> Vec<FieldSpan> {
    let tokens: Vec<Token> = tokens(text)
        .into_iter()
        .filter(|t| t.span.start >= within.start && t.span.end <= within.end)
        .collect();
    let Some(open) = tokens.iter().position(|t| t.kind == Kind::Open) else {
        return Vec::new();
    };
    fields(&tokens, open + 1..tokens.len())
        .into_iter()
        .map(|f| FieldSpan {
            key: tokens[f.key].span.clone(),
            value: tokens[f.value.start].span.start..tokens[f.value.end - 1].span.end,
        })
        .collect()
}

/// The entries of the list at `path` of the top-level struct (`["steps"]`), as byte ranges
/// of `text`, in order: `Step(…)` from its name to its closing parenthesis.
#[must_use]
pub fn list_entries(text: &str, path: &[&str]) -> Vec<Range<usize>> {
    let Some(list) = find(text, path) else {
        return Vec::new();
    };
    let tokens: Vec<Token> = tokens(text)
        .into_iter()
        .filter(|t| t.span.start >= list.value.start && t.span.end <= list.value.end)
        .collect();
    // Inside the list's own brackets.
    let Some(open) = tokens.iter().position(|t| t.kind == Kind::Open) else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    let mut depth = 0_usize;
    // The entry being read: where it starts and where its last token so far ends.
    let mut entry: Option<Range<usize>> = None;
    for token in &tokens[open + 1..] {
        match token.kind {
            Kind::Close | Kind::Comma if depth == 0 => {
                entries.extend(entry.take());
                if token.kind == Kind::Close {
                    break;
                }
                continue;
            }
            Kind::Open => depth += 1,
            Kind::Close => depth -= 1,
            _ => {}
        }
        let current = entry.get_or_insert(token.span.clone());
        current.end = token.span.end;
    }
    entries
}

#[must_use]
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(at)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ident,
    Open,
    Close,
    Colon,
    Comma,
    /// A string, number, character or anything else that is one value.
    Atom,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    span: Range<usize>,
}

/// One `key: value` entry: the key's token and the value's tokens.
struct Field {
    key: usize,
    value: Range<usize>,
}

/// The `key: value` entries at the top of `range` (not inside nested parentheses).
fn fields(tokens: &[Token], range: Range<usize>) -> Vec<Field> {
    let mut out = Vec::new();
    let mut i = range.start;
    while i + 1 < range.end {
        match tokens[i].kind {
            Kind::Close => break,
            Kind::Ident if tokens[i + 1].kind == Kind::Colon => {
                let start = i + 2;
                let mut depth = 0_usize;
                let mut end = start;
                while end < range.end {
                    match tokens[end].kind {
                        Kind::Open => depth += 1,
                        Kind::Close | Kind::Comma if depth == 0 => break,
                        Kind::Close => depth -= 1,
                        _ => {}
                    }
                    end += 1;
                }
                if end > start {
                    out.push(Field { key: i, value: start..end });
                }
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The text's tokens; comments and blank space are left out.
fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let kind = match bytes[i] {
            b'(' | b'[' | b'{' => Kind::Open,
            b')' | b']' | b'}' => Kind::Close,
            b':' => Kind::Colon,
            b',' => Kind::Comma,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(bytes, i);
                continue;
            }
            b'"' => {
                i = skip_string(bytes, i + 1);
                out.push(Token { kind: Kind::Atom, span: start..i });
                continue;
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => {
                i = skip_raw_string(bytes, i + 1);
                out.push(Token { kind: Kind::Atom, span: start..i });
                continue;
            }
            b'\'' => {
                i = skip_char(bytes, i + 1);
                out.push(Token { kind: Kind::Atom, span: start..i });
                continue;
            }
            b if b.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                out.push(Token { kind: Kind::Ident, span: start..i });
                continue;
            }
            _ => {
                // A number or any other run of characters up to the next delimiter.
                while i < bytes.len() && !b"()[]{}:,\"' \t\r\n/".contains(&bytes[i]) {
                    i += 1;
                }
                i = i.max(start + 1);
                // Never split a character.
                while i < bytes.len() && !text.is_char_boundary(i) {
                    i += 1;
                }
                out.push(Token { kind: Kind::Atom, span: start..i });
                continue;
            }
        };
        i += 1;
        out.push(Token { kind, span: start..i });
    }
    out
}

/// Past the closing quote of a string whose content starts at `i`.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Past a raw string `r#"…"#` whose `#`s or quote start at `i`.
fn skip_raw_string(bytes: &[u8], mut i: usize) -> usize {
    let hashes = bytes[i..].iter().take_while(|&&b| b == b'#').count();
    i += hashes;
    if bytes.get(i) != Some(&b'"') {
        return i;
    }
    i += 1;
    while i < bytes.len() {
        if bytes[i] == b'"' && bytes[i + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes {
            return i + 1 + hashes;
        }
        i += 1;
    }
    bytes.len()
}

/// Past a character literal whose content starts at `i`.
fn skip_char(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\'' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Past a block comment starting at `i`; RON's block comments nest.
fn skip_block_comment(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 0_usize;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value<'a>(text: &'a str, path: &[&str]) -> Option<&'a str> {
        find(text, path).map(|f| &text[f.value])
    }

    #[test]
    fn finds_the_field_not_its_name_in_comments_or_strings() {
        let text = "// name: \"in a comment\"\n/* name: \"block /* nested */ too\" */\nPattern(\n    summary: \"name: not this\",\n    name: \"Calm \\\"one\\\"\", // name: nor this\n    phases: [Inhale(secs: 4), Exhale(secs: 6)],\n)";
        assert_eq!(value(text, &["name"]), Some("\"Calm \\\"one\\\"\""));
        assert_eq!(value(text, &["phases"]), Some("[Inhale(secs: 4), Exhale(secs: 6)]"));
        let key = find(text, &["name"]).expect("found").key;
        assert_eq!(line_col(text, key.start), (5, 5));
    }

    #[test]
    fn finds_nested_fields_and_only_at_their_own_level() {
        let text =
            "Pattern(\n  phases: [Inhale(secs: 4)],\n  ramp: Ramp(from_secs: [4, 4], over: Minutes(5)),\n)";
        assert_eq!(value(text, &["ramp", "from_secs"]), Some("[4, 4]"));
        assert_eq!(value(text, &["ramp", "over"]), Some("Minutes(5)"));
        assert_eq!(value(text, &["secs"]), None, "inside a phase, not the pattern's own");
        assert_eq!(value(text, &["ramp", "missing"]), None);
    }

    #[test]
    fn an_attribute_is_not_the_struct() {
        let text = "#![enable(implicit_some)]\nReminder(name: \"x\", every: Minutes(5)) // (done)";
        assert_eq!(value(text, &["name"]), Some("\"x\""));
        let end = end_of_fields(text).expect("closed");
        assert!(end.needs_comma);
        assert_eq!((&text[end.after..], end.close), (") // (done)", end.after));
    }

    #[test]
    fn the_end_of_the_fields_after_a_comma_or_none() {
        let end = |text: &str| end_of_fields(text).map(|e| (e.after, e.needs_comma, e.close));
        assert_eq!(end("Reminder(a: 1, /* ) */\n)"), Some((14, false, 23)));
        assert_eq!(end("Reminder()"), Some((9, false, 9)));
        assert_eq!(end("Reminder(a: (1)"), None, "never closed");
        assert_eq!(end("no struct"), None);
    }

    #[test]
    fn raw_strings_and_characters_are_one_value() {
        let text = "BodyScan(prompt: r#\"say \"name: x\" (\"#, c: '(', name: \"Real\")";
        assert_eq!(value(text, &["name"]), Some("\"Real\""));
    }

    #[test]
    fn finds_the_fields_of_each_entry_of_a_list() {
        let text = "BodyScan(\n  name: \"s\", // steps: [not this]\n  steps: [\n    Step(region: Feet, secs: 30, prompt: \"a, (b)\"),\n    // Step(audio: \"no\")\n    Step(\n      region: Knees,\n      audio: \"voice/k.ogg\",\n    ),\n  ],\n)";
        let entries = list_entries(text, &["steps"]);
        assert_eq!(entries.len(), 2);
        assert!(
            text[entries[0].clone()].starts_with("Step(region: Feet")
                && text[entries[0].clone()].ends_with(')')
        );
        assert!(text[entries[1].clone()].starts_with("Step(\n") && text[entries[1].clone()].ends_with(')'));
        assert_eq!(find_within(text, entries[0].clone(), &["audio"]), None);
        let audio = find_within(text, entries[1].clone(), &["audio"]).expect("found");
        assert_eq!(&text[audio.value.clone()], "\"voice/k.ogg\"");
        assert_eq!(line_col(text, audio.key.start), (8, 7));
        assert!(list_entries("Pattern(name: \"x\")", &["steps"]).is_empty());
        assert_eq!(list_entries("BodyScan(steps: [])", &["steps"]).len(), 0);
        assert_eq!(list_entries("BodyScan(steps: [Step(a: 1), Step(a: 2),])", &["steps"]).len(), 2);
    }

    #[test]
    fn broken_text_never_panics() {
        for text in
            ["", "(", "Pattern(name:", "\"unterminated", "r###", "/* open", "Pattern(é: 1, name: é)", "'"]
        {
            let _ = find(text, &["name"]);
        }
        assert_eq!(line_col("ab\ncdé", 7), (2, 4));
    }

    #[test]
    fn an_offset_inside_a_character_is_that_character() {
        // Found by fuzzing (fuzz/fuzz_targets/fields.rs): byte 1 is inside the byte-order mark.
        assert_eq!(line_col("\u{feff},\n", 1), (1, 1));
        assert_eq!(line_col("ab\ncdé", 6), (2, 3), "inside é: its column");
        assert_eq!(line_col("é", usize::MAX), (1, 2));
    }
}
