//! Checks that span files: every breathing pattern a body scan names must exist.

use std::collections::HashSet;
use std::path::Path;

use super::problem::Problem;
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
            position: find_reference(text, name),
            message: format!(
                "no breathing pattern is named \"{name}\"; the patterns are: {}",
                names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
            ),
        });
    }
    problems
}

/// The line and column of `breathing: "name"` in `text`.
fn find_reference(text: &str, name: &str) -> Option<(usize, usize)> {
    let quoted = format!("\"{name}\"");
    for (i, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(at) = line[from..].find(&quoted) {
            let col = from + at;
            let before = line[..col].trim_end();
            if before.strip_suffix(':').is_some_and(|b| b.trim_end().ends_with("breathing")) {
                return Some((i + 1, line[..col].chars().count() + 1));
            }
            from = col + quoted.len();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_reference_not_other_mentions() {
        let text = "BodyScan(\n  name: \"Calm\",\n  steps: [Step(region: Breath, secs: 30,\n    breathing: \"Calm\", prompt: \"p\")],\n)";
        assert_eq!(find_reference(text, "Calm"), Some((4, 16)));
    }
}
