//! Checks that span files: every breathing pattern a body scan names must exist, and every
//! routine a reminder names. A dangling name is reported at the name itself.

use std::collections::HashSet;
use std::path::Path;

use super::lookup::closest_names;
use super::problem::Problem;
use crate::reminder::Reminder;
use crate::script::Script;

/// One problem for each breathing pattern `script` names that is not in `known`, placed at
/// the name in `text` where it can be found.
#[must_use]
pub fn missing_patterns(shown_as: &Path, text: &str, script: &Script, known: &HashSet<&str>) -> Vec<Problem> {
    let Script::BodyScan(scan) = script else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let mut reported = HashSet::new();
    for name in scan.breathing_names() {
        if known.contains(name) || !reported.insert(name) {
            continue;
        }
        let mut names: Vec<&str> = known.iter().copied().collect();
        names.sort_unstable();
        problems.push(Problem {
            path: shown_as.to_owned(),
            position: find_reference(text, "breathing", name),
            message: format!(
                "no breathing pattern is named \"{name}\"; the patterns are: {}",
                quoted(&names)
            ),
        });
    }
    problems
}

/// A problem if the routine `reminder` suggests is not in `known` (the names of every
/// breathing pattern and body scan), placed at the `routine:` value in `text`.
#[must_use]
pub fn missing_routine(
    shown_as: &Path,
    text: &str,
    reminder: &Reminder,
    known: &HashSet<&str>,
) -> Option<Problem> {
    let name = reminder.routine.as_str();
    if known.contains(name) {
        return None;
    }
    let suggestions = closest_names(name, known.iter().copied());
    let hint = if suggestions.is_empty() {
        let mut names: Vec<&str> = known.iter().copied().collect();
        names.sort_unstable();
        format!("the routines are: {}", quoted(&names))
    } else {
        format!("did you mean {}?", quoted_or(&suggestions))
    };
    Some(Problem {
        path: shown_as.to_owned(),
        position: find_reference(text, "routine", name),
        message: format!("no breathing pattern or body scan is named \"{name}\"; {hint}"),
    })
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

/// `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
fn quoted_or(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, [])) => format!("\"{last}\""),
        Some((last, rest)) => format!("{} or \"{last}\"", quoted(rest)),
        None => String::new(),
    }
}

/// The line and column of `field: "name"` in `text`, skipping lines that are `//` comments
/// up to the name.
fn find_reference(text: &str, field: &str, name: &str) -> Option<(usize, usize)> {
    let quoted = format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""));
    for (i, line) in text.lines().enumerate() {
        let code = without_comment(line);
        let mut from = 0;
        while let Some(at) = code[from..].find(&quoted) {
            let col = from + at;
            let before = code[..col].trim_end();
            if before.strip_suffix(':').is_some_and(|b| ends_with_word(b.trim_end(), field)) {
                return Some((i + 1, code[..col].chars().count() + 1));
            }
            from = col + quoted.len();
        }
    }
    None
}

/// `line` up to a `//` comment (one inside a string is text, not a comment).
pub(crate) fn without_comment(line: &str) -> &str {
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '/' if !in_string && chars.peek().is_some_and(|&(_, next)| next == '/') => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Whether `text` ends with `word` standing on its own (`routine`, not `my_routine`).
fn ends_with_word(text: &str, word: &str) -> bool {
    text.strip_suffix(word)
        .is_some_and(|rest| !rest.chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_reference_not_other_mentions() {
        let text = "BodyScan(\n  name: \"Calm\",\n  steps: [Step(region: Breath, secs: 30,\n    breathing: \"Calm\", prompt: \"p\")],\n)";
        assert_eq!(find_reference(text, "breathing", "Calm"), Some((4, 16)));
    }

    #[test]
    fn finds_a_routine_past_comments_and_lookalike_fields() {
        let text = "// routine: \"Calm\"\nReminder(\n  name: \"Calm\", // routine: \"Calm\"\n  my_routine: \"Calm\",\n  routine : \"Calm\",\n)";
        assert_eq!(find_reference(text, "routine", "Calm"), Some((5, 13)));
        assert_eq!(find_reference("routine: \"Say \\\"ah\\\"\"", "routine", "Say \"ah\""), Some((1, 10)));
    }

    #[test]
    fn lists_suggestions_with_or() {
        assert_eq!(quoted_or(&["a"]), "\"a\"");
        assert_eq!(quoted_or(&["a", "b", "c"]), "\"a\", \"b\" or \"c\"");
    }
}
