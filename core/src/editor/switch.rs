//! Turning a reminder on or off by editing its text, so the file stays the whole truth and
//! keeps its comments and layout. Shipped reminders say `enabled: false`; turning one on
//! saves the person's own copy with `enabled: true` over it.

use crate::library::references::without_comment;

/// `text` with its `enabled:` value set, or the field added before the closing `)` when the
/// file has none. `None` if the text has no place for it (it is not a reminder's shape).
#[must_use]
pub fn with_enabled(text: &str, enabled: bool) -> Option<String> {
    let value = if enabled { "true" } else { "false" };
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let code = without_comment(line);
        if let Some(at) = find_key(code, "enabled") {
            let after_colon = at + code[at..].find(':')? + 1;
            let rest = &code[after_colon..];
            let start = after_colon + (rest.len() - rest.trim_start().len());
            let old = ["true", "false"].into_iter().find(|v| code[start..].starts_with(v))?;
            let start = offset + start;
            return Some(format!("{}{value}{}", &text[..start], &text[start + old.len()..]));
        }
        offset += line.len();
    }
    // No `enabled:` yet: add it as the last field.
    let close = last_code_paren(text)?;
    let before = text[..close].trim_end();
    let comma = if before.ends_with(',') || before.ends_with('(') { "" } else { "," };
    Some(format!("{before}{comma}\n    enabled: {value},\n{}", &text[close..]))
}

/// Where `key:` starts in a line of code, outside strings.
fn find_key(code: &str, key: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in code.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            _ if !in_string
                && code[i..].starts_with(key)
                && code[i + key.len()..].trim_start().starts_with(':')
                && !code[..i].chars().next_back().is_some_and(|p| p.is_alphanumeric() || p == '_') =>
            {
                return Some(i);
            }
            _ => {}
        }
    }
    None
}

/// The byte offset of the last `)` that is code (not in a comment line).
fn last_code_paren(text: &str) -> Option<usize> {
    let mut offset = 0;
    let mut last = None;
    for line in text.split_inclusive('\n') {
        if let Some(at) = without_comment(line).rfind(')') {
            last = Some(offset + at);
        }
        offset += line.len();
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::builtin::BUILT_IN;
    use crate::reminder;

    #[test]
    fn turns_every_shipped_reminder_on_and_off_again() {
        let mut seen = 0;
        for (id, text) in BUILT_IN.iter().filter(|(id, _)| id.starts_with("reminders/")) {
            assert!(!reminder::parse(text).expect("ships valid").enabled, "{id} must ship off");
            let on = with_enabled(text, true).expect("has the field");
            assert!(reminder::parse(&on).expect("still valid").enabled, "{id}");
            assert_eq!(on.lines().count(), text.lines().count(), "{id}: one value changed, nothing else");
            assert_eq!(with_enabled(&on, false).as_deref(), Some(*text), "{id}");
            seen += 1;
        }
        assert_eq!(seen, 2);
    }

    #[test]
    fn adds_the_field_when_missing_and_skips_lookalikes() {
        let text = "// enabled: true\nReminder(\n    name: \"enabled: true\",\n    routine: \"Desk reset\",\n    at: [\"22:30\"]\n) // done\n";
        let off = with_enabled(text, false).expect("room for it");
        assert_eq!(
            off,
            "// enabled: true\nReminder(\n    name: \"enabled: true\",\n    routine: \"Desk reset\",\n    at: [\"22:30\"],\n    enabled: false,\n) // done\n"
        );
        assert!(!reminder::parse(&off).expect("valid").enabled);
        assert_eq!(
            with_enabled("Reminder(now_enabled: true)", true).as_deref(),
            Some("Reminder(now_enabled: true,\n    enabled: true,\n)")
        );
        assert_eq!(with_enabled("no parens here", true), None);
        assert_eq!(with_enabled("Reminder(enabled: maybe)", true), None);
    }
}
