//! `unbrace --check [PATH…]`: validate script files and folders without opening a window.

use std::fmt;
use std::path::{Path, PathBuf};

use std::collections::HashSet;

use super::loader;
use crate::voice::check::recording_problems;
use unbrace_core::library::problem::Problem;
use unbrace_core::library::{Content, parse_content, references};
use unbrace_core::script::Script;

/// What a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// How many script files were read.
    pub files: usize,
    pub problems: Vec<Problem>,
}

impl CheckReport {
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks every path: a file is read whatever its name; a folder is searched for `*.ron`.
/// A body scan may name any breathing pattern, and a reminder any routine, that is built in,
/// in `user_dir`, or among the checked files. The recordings a scan names are found relative
/// to `user_dir` for a file inside it, else to the folder being checked (a lone file: its own
/// folder's parent, as `body_scan/x.ron` sits in a scripts folder), and each must decode.
#[must_use]
pub fn check_paths(paths: &[PathBuf], user_dir: Option<&Path>) -> CheckReport {
    let mut report = CheckReport::default();
    let mut parsed = Vec::new();
    for path in paths {
        if path.is_dir() {
            let (files, problems) = loader::find_script_files(path);
            report.problems.extend(problems);
            for file in files {
                check_file(file, path, &mut report, &mut parsed);
            }
        } else {
            let folder = path.parent().and_then(Path::parent).filter(|p| !p.as_os_str().is_empty());
            check_file(path.clone(), folder.unwrap_or(Path::new(".")), &mut report, &mut parsed);
        }
    }

    let library = super::load(user_dir);
    let mut patterns: HashSet<&str> = library.patterns().map(|(_, p)| p.name.as_str()).collect();
    let mut routines: HashSet<&str> = library.entries().iter().map(|e| e.script.name()).collect();
    for (_, _, _, content) in &parsed {
        if let Content::Script(script) = content {
            routines.insert(script.name());
            if let Script::Pattern(p) = script {
                patterns.insert(p.name.as_str());
            }
        }
    }
    for (path, root, text, content) in &parsed {
        match content {
            Content::Script(script) => {
                report.problems.extend(references::missing_patterns(path, text, script, &patterns));
                if let Script::BodyScan(scan) = script {
                    let root = user_dir.filter(|dir| path.starts_with(dir)).unwrap_or(root);
                    report.problems.extend(recording_problems(root, path, text, scan));
                }
            }
            Content::Reminder(reminder) => {
                report.problems.extend(references::missing_routine(path, text, reminder, &routines));
            }
        }
    }
    report
}

/// A checked file: its path, the folder its recordings are relative to, its text, what it is.
type Parsed = (PathBuf, PathBuf, String, Content);

fn check_file(path: PathBuf, root: &Path, report: &mut CheckReport, parsed: &mut Vec<Parsed>) {
    report.files += 1;
    let result = loader::read_text(&path).and_then(|text| {
        let content = parse_content(&path, &text)?;
        Ok((text, content))
    });
    match result {
        Ok((text, script)) => parsed.push((path, root.to_owned(), text, script)),
        Err(problem) => report.problems.push(problem),
    }
}

impl fmt::Display for CheckReport {
    /// The summary line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let files = plural(self.files, "file");
        match self.problems.len() {
            0 => write!(f, "checked {files}: no problems"),
            n => write!(f, "checked {files}: {}", plural(n, "problem")),
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_path_is_a_problem() {
        let report = check_paths(&[PathBuf::from("/nonexistent/unbrace.ron")], None);
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].to_string(), "/nonexistent/unbrace.ron: no such file or folder");
        assert_eq!(report.to_string(), "checked 1 file: 1 problem");
    }
}
