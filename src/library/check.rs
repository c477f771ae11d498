//! `unbrace --check [PATH…]`: validate script files and folders without opening a window.

use std::fmt;
use std::path::{Path, PathBuf};

use super::loader;
use super::problem::Problem;

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
#[must_use]
pub fn check_paths(paths: &[PathBuf]) -> CheckReport {
    let mut report = CheckReport::default();
    for path in paths {
        if path.is_dir() {
            let (files, problems) = loader::find_script_files(path);
            report.problems.extend(problems);
            for file in files {
                check_file(&file, &mut report);
            }
        } else {
            check_file(path, &mut report);
        }
    }
    report
}

fn check_file(path: &Path, report: &mut CheckReport) {
    report.files += 1;
    if let Err(problem) = loader::load_file(path) {
        report.problems.push(problem);
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
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_path_is_a_problem() {
        let report = check_paths(&[PathBuf::from("/nonexistent/unbrace.ron")]);
        assert_eq!(report.problems.len(), 1);
        assert_eq!(
            report.problems[0].to_string(),
            "/nonexistent/unbrace.ron: no such file or folder"
        );
        assert_eq!(report.to_string(), "checked 1 file: 1 problem");
    }
}
