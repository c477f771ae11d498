//! The library of routines: the built-in scripts overlaid by the user's own files.
//!
//! A user file with the same path below the scripts folder as a built-in one (for example
//! `breathing/four-six.ron`) replaces it. Bad files are collected as [`Problem`]s for the app
//! to show; every good file still loads. Reading the files is the shell's business: the
//! library is built from their text.

pub mod builtin;
pub mod lookup;
pub mod problem;
pub mod references;

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::body_scan::script::BodyScan;
use crate::breathing::pattern::Pattern;
use crate::script::{self, Script};
pub use problem::Problem;

/// Where a routine comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    /// A file in the user's scripts folder.
    User {
        path: PathBuf,
        replaces_built_in: bool,
    },
}

/// One routine in the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its path below the scripts folder with `/` separators, e.g. `breathing/four-six.ron`.
    pub id: String,
    pub origin: Origin,
    pub script: Script,
}

/// One file read from the user's scripts folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserFile {
    /// Its path below the scripts folder with `/` separators.
    pub id: String,
    /// Where it is on disk, to name it in problems.
    pub path: PathBuf,
    pub text: String,
}

/// Every routine the app can play, and the problems found while loading.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    entries: Vec<Entry>,
    problems: Vec<Problem>,
}

/// Parses one file's text; `shown_as` names it in problems.
pub fn parse_text(shown_as: &Path, text: &str) -> Result<Script, Problem> {
    script::parse(text).map_err(|e| Problem::from_ron(shown_as, text, &e))
}

impl Library {
    /// The built-in routines alone.
    #[must_use]
    pub fn built_in() -> Self {
        Self::build(Vec::new(), Vec::new())
    }

    /// The built-in routines overlaid by the user's `files`, with `problems` found while
    /// reading them. Body scans that name a breathing pattern no file defines are refused
    /// with a problem.
    #[must_use]
    pub fn build(files: Vec<UserFile>, mut problems: Vec<Problem>) -> Self {
        let mut loaded: Vec<Loaded> = Vec::new();
        for (id, text) in builtin::BUILT_IN {
            let shown_as = PathBuf::from(format!("built-in:{id}"));
            match parse_text(&shown_as, text) {
                Ok(script) => loaded.push(Loaded {
                    entry: Entry { id: (*id).to_owned(), origin: Origin::BuiltIn, script },
                    shown_as,
                    text: Cow::Borrowed(text),
                }),
                Err(problem) => problems.push(problem),
            }
        }
        for file in files {
            let script = match parse_text(&file.path, &file.text) {
                Ok(script) => script,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            let existing = loaded.iter().position(|l| l.entry.id == file.id);
            let origin = Origin::User { path: file.path.clone(), replaces_built_in: existing.is_some() };
            let new = Loaded {
                entry: Entry { id: file.id, origin, script },
                shown_as: file.path,
                text: Cow::Owned(file.text),
            };
            match existing {
                Some(i) => loaded[i] = new,
                None => loaded.push(new),
            }
        }
        let known: HashSet<&str> = loaded
            .iter()
            .filter_map(|l| match &l.entry.script {
                Script::Pattern(p) => Some(p.name.as_str()),
                Script::BodyScan(_) => None,
            })
            .collect();
        let mut refused = vec![false; loaded.len()];
        for (i, l) in loaded.iter().enumerate() {
            let missing = references::missing_patterns(&l.shown_as, &l.text, &l.entry.script, &known);
            refused[i] = !missing.is_empty();
            problems.extend(missing);
        }
        let mut entries: Vec<Entry> = loaded
            .into_iter()
            .zip(refused)
            .filter_map(|(l, refused)| (!refused).then_some(l.entry))
            .collect();
        entries.sort_by_cached_key(|e| (e.script.kind(), e.script.name().to_lowercase()));
        Self { entries, problems }
    }

    /// Adds problems found outside the loader (e.g. the scripts folder cannot be created).
    pub fn add_problems(&mut self, problems: impl IntoIterator<Item = Problem>) {
        self.problems.extend(problems);
    }

    /// Every routine, breathing patterns first, then by name.
    #[must_use]
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Problems found while loading, one per bad file.
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The breathing patterns, with their ids.
    pub fn patterns(&self) -> impl Iterator<Item = (&str, &Pattern)> {
        self.entries.iter().filter_map(|e| match &e.script {
            Script::Pattern(p) => Some((e.id.as_str(), p)),
            Script::BodyScan(_) => None,
        })
    }

    /// The body scans, with their ids.
    pub fn body_scans(&self) -> impl Iterator<Item = (&str, &BodyScan)> {
        self.entries.iter().filter_map(|e| match &e.script {
            Script::BodyScan(s) => Some((e.id.as_str(), s)),
            Script::Pattern(_) => None,
        })
    }

    /// The breathing pattern with this name (as body-scan steps refer to them).
    #[must_use]
    pub fn pattern_named(&self, name: &str) -> Option<&Pattern> {
        self.patterns().find(|(_, p)| p.name.as_str() == name).map(|(_, p)| p)
    }

    #[must_use]
    pub fn pattern(&self, id: &str) -> Option<&Pattern> {
        self.patterns().find(|(i, _)| *i == id).map(|(_, p)| p)
    }
}

/// A parsed file, with its text kept until the checks across files are done.
struct Loaded {
    entry: Entry,
    shown_as: PathBuf,
    text: Cow<'static, str>,
}
