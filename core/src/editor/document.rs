//! One script open in the editor: its text, what is on disk, and the first problem found
//! (with the span to underline). Pure: validation is debounced on times passed in, and the
//! caller decides when to write.

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use crate::library::references;
use crate::library::{Problem, names_a_reminder};
use crate::reminder::{self, Reminder};
use crate::script::{self, Script};

/// Validation waits for a pause in typing this long.
pub const VALIDATE_AFTER: Duration = Duration::from_millis(300);
/// Unsaved typing is written to a draft after a pause this long.
pub const DRAFT_AFTER: Duration = Duration::from_secs(1);

/// A problem in the text, from `start` up to `end` (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub start: (usize, usize),
    pub end: (usize, usize),
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The path below the scripts folder, e.g. `breathing/calm.ron`.
    pub id: String,
    /// Built-in scripts are read-only: duplicate them to edit.
    pub editable: bool,
    pub text: String,
    /// The text as last saved (or loaded).
    saved: String,
    pub diagnostic: Option<Diagnostic>,
    /// The last text that parsed, for "Try it" and the form.
    pub parsed: Option<Script>,
    /// The text as a reminder, when it is one and parses. (The routine it names is checked
    /// when the library loads it.)
    pub reminder: Option<Reminder>,
    edited_at: Option<Duration>,
    draft_due: Option<Duration>,
}

impl Document {
    /// Opens `text` (as on disk), validated at once.
    #[must_use]
    pub fn open(id: &str, editable: bool, text: String, known_patterns: &HashSet<&str>) -> Self {
        let mut doc = Self {
            id: id.to_owned(),
            editable,
            saved: text.clone(),
            text,
            diagnostic: None,
            parsed: None,
            reminder: None,
            edited_at: None,
            draft_due: None,
        };
        doc.validate(known_patterns);
        doc
    }

    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.text != self.saved
    }

    /// The text on disk.
    #[must_use]
    pub fn saved_text(&self) -> &str {
        &self.saved
    }

    /// The user typed at `now`.
    /// A draft is due a second after the first unsaved keystroke, however fast the typing
    /// goes on, so at most a second of typing is ever at risk.
    pub fn edited(&mut self, now: Duration) {
        self.edited_at = Some(now);
        self.draft_due = Some(self.draft_due.map_or(now + DRAFT_AFTER, |due| due.min(now + DRAFT_AFTER)));
    }

    /// Takes what is on disk as the saved text (the user kept their own edits over a change
    /// made outside), so the same change is not asked about again.
    pub fn set_saved(&mut self, disk: String) {
        self.saved = disk;
    }

    /// Validates if typing has paused long enough; returns whether it did.
    pub fn validate_if_due(&mut self, now: Duration, known_patterns: &HashSet<&str>) -> bool {
        match self.edited_at {
            Some(at) if now.saturating_sub(at) >= VALIDATE_AFTER => {
                self.validate(known_patterns);
                true
            }
            _ => false,
        }
    }

    /// Whether a draft should be written now (once per pause in typing).
    pub fn take_draft_due(&mut self, now: Duration) -> bool {
        match self.draft_due {
            Some(due) if now >= due => {
                self.draft_due = None;
                true
            }
            _ => false,
        }
    }

    /// How long until validation or a draft is due, for scheduling a frame.
    #[must_use]
    pub fn next_due(&self, now: Duration) -> Option<Duration> {
        let validate = self.edited_at.map(|at| (at + VALIDATE_AFTER).saturating_sub(now));
        let draft = self.draft_due.map(|due| due.saturating_sub(now));
        validate.into_iter().chain(draft).min()
    }

    /// Parses the text and checks the breathing patterns it names.
    pub fn validate(&mut self, known_patterns: &HashSet<&str>) {
        self.edited_at = None;
        self.reminder = None;
        let shown_as = Path::new(&self.id);
        match script::parse(&self.text) {
            Ok(parsed) => {
                let missing = references::missing_patterns(shown_as, &self.text, &parsed, known_patterns);
                self.diagnostic = missing.first().map(|p| reference_diagnostic(p, &self.text));
                self.parsed = self.diagnostic.is_none().then_some(parsed);
            }
            Err(e) if names_a_reminder(&e.code) => {
                self.parsed = None;
                match reminder::parse(&self.text) {
                    Ok(parsed) => {
                        self.diagnostic = None;
                        self.reminder = Some(parsed);
                    }
                    Err(e) => {
                        self.diagnostic =
                            Some(ron_diagnostic(shown_as, crate::script::without_bom(&self.text), &e));
                    }
                }
            }
            Err(e) => {
                self.diagnostic = Some(ron_diagnostic(shown_as, &self.text, &e));
                self.parsed = None;
            }
        }
    }

    /// The text is now what is on disk.
    pub fn mark_saved(&mut self) {
        self.saved = self.text.clone();
        self.draft_due = None;
    }

    /// Replaces the text and what is on disk (a reload from disk).
    pub fn reload(&mut self, text: String, known_patterns: &HashSet<&str>) {
        self.saved = text.clone();
        self.text = text;
        self.draft_due = None;
        self.validate(known_patterns);
    }
}

/// A parse error, from where RON found it to where it stopped.
fn ron_diagnostic(shown_as: &Path, text: &str, e: &ron::error::SpannedError) -> Diagnostic {
    let problem = Problem::from_ron(shown_as, text, e);
    let start = problem.position.unwrap_or((1, 1));
    let end = (e.span.end.line, e.span.end.col).max(start);
    Diagnostic { start, end, message: problem.message }
}

/// A missing pattern name: underline the quoted name.
fn reference_diagnostic(problem: &Problem, text: &str) -> Diagnostic {
    let start = problem.position.unwrap_or((1, 1));
    let line = text.lines().nth(start.0.saturating_sub(1)).unwrap_or("");
    let rest: String = line.chars().skip(start.1.saturating_sub(1)).collect();
    let quoted = rest.find('"').and_then(|open| rest[open + 1..].find('"').map(|close| open + close + 2));
    let len = quoted.map_or(1, |bytes| rest[..bytes].chars().count());
    Diagnostic { start, end: (start.0, start.1 + len), message: problem.message.clone() }
}

/// The byte range in `text` of 1-based `(line, col)` positions (columns in characters).
#[must_use]
pub fn byte_range(text: &str, start: (usize, usize), end: (usize, usize)) -> std::ops::Range<usize> {
    let offset = |(line, col): (usize, usize)| {
        let mut at = 0;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let within = l
                    .char_indices()
                    .nth(col.saturating_sub(1))
                    .map_or(l.trim_end_matches('\n').len(), |(b, _)| b);
                return at + within;
            }
            at += l.len();
        }
        text.len()
    };
    let (a, b) = (offset(start), offset(end));
    // Always underline at least one character, so a point problem is visible.
    let b = if b > a { b } else { text[a..].chars().next().map_or(a, |c| a + c.len_utf8()) };
    a.min(text.len())..b.min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> HashSet<&'static str> {
        ["Longer exhale 4-6"].into_iter().collect()
    }

    const GOOD: &str = "Pattern(\n    name: \"Calm\",\n    phases: [Inhale(secs: 4), Exhale(secs: 6)],\n    length: Minutes(5),\n)\n";

    #[test]
    fn validation_waits_for_a_pause_in_typing() {
        let mut doc = Document::open("breathing/calm.ron", true, GOOD.to_owned(), &known());
        assert!(doc.diagnostic.is_none() && doc.parsed.is_some() && !doc.is_dirty());
        doc.text = doc.text.replace("secs: 6", "secs: 600");
        doc.edited(Duration::from_secs(10));
        assert!(!doc.validate_if_due(Duration::from_millis(10_100), &known()));
        assert!(doc.diagnostic.is_none(), "not yet");
        assert_eq!(doc.next_due(Duration::from_millis(10_100)), Some(Duration::from_millis(200)));
        assert!(doc.validate_if_due(Duration::from_millis(10_300), &known()));
        let d = doc.diagnostic.clone().expect("a problem");
        assert_eq!(d.start.0, 3);
        assert!(d.message.contains("600 seconds is too long"), "{}", d.message);
        assert!(doc.parsed.is_none() && doc.is_dirty());
        assert!(!doc.take_draft_due(Duration::from_millis(10_900)));
        // Typing on does not push the draft back.
        doc.edited(Duration::from_millis(10_950));
        assert!(doc.take_draft_due(Duration::from_secs(11)));
        assert!(!doc.take_draft_due(Duration::from_secs(12)), "once per pause");
    }

    #[test]
    fn a_missing_pattern_underlines_its_name() {
        let text = "BodyScan(\n  name: \"x\",\n  steps: [Step(region: Feet, secs: 30, breathing: \"Nope\", prompt: \"p\")],\n)";
        let doc = Document::open("body_scan/x.ron", true, text.to_owned(), &known());
        let d = doc.diagnostic.expect("a problem");
        assert_eq!((d.start, d.end), ((3, 51), (3, 57)));
        assert_eq!(&text[byte_range(text, d.start, d.end)], "\"Nope\"");
    }

    #[test]
    fn reminders_are_validated_too() {
        let text = crate::editor::templates::reminder_template("Stretch");
        let mut doc = Document::open("reminders/stretch.ron", true, text, &known());
        assert!(doc.diagnostic.is_none(), "{:?}", doc.diagnostic);
        assert!(doc.parsed.is_none(), "not a routine to try");
        assert_eq!(doc.reminder.as_ref().map(|r| r.name.as_str()), Some("Stretch"));
        doc.text = doc.text.replace("Minutes(50)", "Minutes(500)");
        doc.validate(&known());
        let d = doc.diagnostic.clone().expect("a problem");
        assert!(d.message.contains("Minutes(500)") && d.message.contains("1 to 480"), "{}", d.message);
        assert_eq!(doc.text.lines().nth(d.start.0 - 1).map(str::trim), Some("every: Minutes(500),"));
        assert!(doc.reminder.is_none());
    }

    #[test]
    fn byte_ranges_count_characters_and_underline_at_least_one() {
        let text = "é: 1\nab";
        assert_eq!(byte_range(text, (1, 2), (1, 3)), 2..3);
        assert_eq!(byte_range(text, (2, 1), (2, 1)), 6..7, "é is two bytes");
        assert_eq!(byte_range(text, (9, 9), (9, 9)), 8..8);
    }
}
