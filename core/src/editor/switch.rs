//! Turning a reminder on or off by editing its text, so the file stays the whole truth and
//! keeps its comments and layout. Shipped reminders say `enabled: false`; turning one on
//! saves the person's own copy with `enabled: true` over it.

use crate::script::fields;

/// `text` with its `enabled:` value set, or the field added after the last one when the
/// file has none. `None` if the text has no place for it (it is not a reminder's shape).
/// The field is found by reading RON tokens, never in a comment or a string.
#[must_use]
pub fn with_enabled(text: &str, enabled: bool) -> Option<String> {
    let value = if enabled { "true" } else { "false" };
    if let Some(field) = fields::find(text, &["enabled"]) {
        let old = &text[field.value.clone()];
        return (old == "true" || old == "false")
            .then(|| format!("{}{value}{}", &text[..field.value.start], &text[field.value.end..]));
    }
    // No `enabled:` yet: add it as the last field, on a line of its own.
    let end = fields::end_of_fields(text)?;
    let comma = if end.needs_comma { "," } else { "" };
    let (before, rest) = text.split_at(end.after);
    let field = format!("\n    enabled: {value},");
    Some(match rest[..end.close - end.after].find('\n') {
        // What follows the last field on its line (a comment) stays there.
        Some(line_end) => {
            let (same_line, after) = rest.split_at(line_end);
            format!("{before}{comma}{same_line}{field}{after}")
        }
        None => format!("{before}{comma}{field}\n{rest}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::builtin::BUILT_IN;
    use crate::reminder::{self, Reminder};

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

    /// Turns `text` on and off and checks that the file reads back with that, and only that.
    fn switches_cleanly(text: &str) {
        let before = reminder::parse(text).expect("a valid reminder");
        for enabled in [true, false] {
            let switched = with_enabled(text, enabled).expect("room for the field");
            let after = reminder::parse(&switched).unwrap_or_else(|e| panic!("{e}:\n{switched}"));
            assert_eq!(after, Reminder { enabled, ..before.clone() }, "{switched}");
        }
    }

    #[test]
    fn a_comment_after_the_last_field_keeps_its_comma_out() {
        // Found by fuzzing (fuzz/fuzz_targets/editor_document.rs), minimised: the comma went
        // after `//`, into the comment, and the file no longer read.
        switches_cleanly("Reminder(name:\"s\",routine:\"r\",every:(5)//\n)");
        let text = "Reminder(\n    name: \"Stretch\",\n    routine: \"Desk reset\",\n    every: Minutes(50) // about an hour\n)\n";
        assert_eq!(
            with_enabled(text, false).as_deref(),
            Some(
                "Reminder(\n    name: \"Stretch\",\n    routine: \"Desk reset\",\n    every: Minutes(50), // about an hour\n    enabled: false,\n)\n"
            )
        );
        switches_cleanly(text);
    }

    #[test]
    fn block_comments_and_attributes_are_not_the_field() {
        // The same cause as above (reading lines, not RON): `enabled` in a block comment was
        // switched instead of the field, and a `)` in one took the new field.
        switches_cleanly(
            "Reminder(name: \"s\", routine: \"r\", every: Minutes(5), /* enabled: true */ enabled: false)",
        );
        switches_cleanly(
            "Reminder(\n  name: \"s\",\n  /*\n  enabled: true,\n  */\n  routine: \"r\",\n  at: [\"22:30\"],\n)\n",
        );
        switches_cleanly("Reminder(name: \"s\", routine: \"r\", at: [\"22:30\"]) /* (an old version) */\n");
        switches_cleanly(
            "#![enable(implicit_some)]\nReminder(name: \"s\", routine: \"r\", every: Minutes(5))",
        );
    }
}
