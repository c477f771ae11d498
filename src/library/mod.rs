//! The library of routines: the built-in scripts overlaid by the user's own folder.
//!
//! A user file with the same path below the scripts folder as a built-in one (for example
//! `breathing/four-six.ron`) replaces it. Bad files are collected as [`Problem`]s for the app
//! to show; every good file still loads.

pub mod builtin;
pub mod check;
pub mod loader;
pub mod lookup;
pub mod problem;
pub mod references;
pub mod user_dir;
pub mod watch;

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::body_scan::script::BodyScan;
use crate::breathing::pattern::Pattern;
use crate::script::Script;
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

/// Every routine the app can play, and the problems found while loading.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    entries: Vec<Entry>,
    problems: Vec<Problem>,
}

impl Library {
    /// The built-in routines overlaid by those in `user_dir`, if given. Body scans that
    /// name a breathing pattern no file defines are refused with a problem.
    #[must_use]
    pub fn load(user_dir: Option<&Path>) -> Self {
        let mut problems = Vec::new();
        let mut loaded: Vec<Loaded> = Vec::new();
        for (id, text) in builtin::BUILT_IN {
            let shown_as = PathBuf::from(format!("built-in:{id}"));
            match loader::parse_text(&shown_as, text) {
                Ok(script) => loaded.push(Loaded {
                    entry: Entry { id: (*id).to_owned(), origin: Origin::BuiltIn, script },
                    shown_as,
                    text: Cow::Borrowed(text),
                }),
                Err(problem) => problems.push(problem),
            }
        }
        if let Some(dir) = user_dir {
            overlay(dir, &mut loaded, &mut problems);
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

/// Adds the user's files to `loaded`; one with the same id as a built-in replaces it.
fn overlay(dir: &Path, loaded: &mut Vec<Loaded>, problems: &mut Vec<Problem>) {
    let (files, walk_problems) = loader::find_script_files(dir);
    problems.extend(walk_problems);
    for path in files {
        let parsed = loader::read_text(&path).and_then(|text| {
            let script = loader::parse_text(&path, &text)?;
            Ok((text, script))
        });
        let (text, script) = match parsed {
            Ok(ok) => ok,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let id = relative_id(dir, &path);
        let existing = loaded.iter().position(|l| l.entry.id == id);
        let origin = Origin::User { path: path.clone(), replaces_built_in: existing.is_some() };
        let new = Loaded { entry: Entry { id, origin, script }, shown_as: path, text: Cow::Owned(text) };
        match existing {
            Some(i) => loaded[i] = new,
            None => loaded.push(new),
        }
    }
}

/// `dir/breathing/x.ron` → `breathing/x.ron`, with `/` on every platform.
fn relative_id(dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(dir).unwrap_or(path);
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn a_scan_naming_a_missing_pattern_is_refused_with_its_position() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("body_scan")).expect("mkdir");
        let path = dir.path().join("body_scan/dangling.ron");
        fs::write(
            &path,
            "BodyScan(\n  name: \"Dangling\",\n  steps: [\n    Step(region: Breath, secs: 30, breathing: \"Nope 9-9\", prompt: \"Breathe.\"),\n  ],\n)",
        )
        .expect("write");
        let library = Library::load(Some(dir.path()));
        assert!(library.get("body_scan/dangling.ron").is_none());
        let problem = library.problems().iter().find(|p| p.path == path).expect("reported");
        assert_eq!(problem.position, Some((4, 47)));
        assert!(problem.message.contains("\"Nope 9-9\"") && problem.message.contains("\"Coherent 6\""));
    }

    const USER_FOUR_SIX: &str = r#"Pattern(
        name: "My 4-6",
        phases: [Inhale(secs: 4), Exhale(secs: 6)],
        length: Minutes(3),
    )"#;

    #[test]
    fn built_ins_load_without_problems() {
        let library = Library::load(None);
        assert!(library.problems().is_empty(), "{:?}", library.problems());
        assert_eq!(library.entries().len(), builtin::BUILT_IN.len());
        assert!(library.pattern(builtin::DEFAULT_PATTERN).is_some());
    }

    #[test]
    fn a_user_file_with_the_same_path_replaces_the_built_in() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
        let tweaked = USER_FOUR_SIX.replace("My 4-6", "Longer exhale 4-6").replace("secs: 6", "secs: 7");
        fs::write(dir.path().join("breathing/four-six.ron"), tweaked).expect("write");
        fs::write(dir.path().join("breathing/mine.ron"), USER_FOUR_SIX).expect("write");
        let library = Library::load(Some(dir.path()));
        assert!(library.problems().is_empty(), "{:?}", library.problems());
        assert_eq!(library.entries().len(), builtin::BUILT_IN.len() + 1);
        let replaced = library.get("breathing/four-six.ron").expect("still there");
        assert!(matches!(replaced.origin, Origin::User { replaces_built_in: true, .. }));
        let pattern = library.pattern_named("Longer exhale 4-6").expect("by name");
        assert_eq!(pattern.rhythm(), "4-7");
        let mine = library.get("breathing/mine.ron").expect("added");
        assert!(matches!(mine.origin, Origin::User { replaces_built_in: false, .. }));
    }

    #[test]
    fn renaming_a_pattern_that_scans_use_is_reported_on_those_scans() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
        fs::write(dir.path().join("breathing/four-six.ron"), USER_FOUR_SIX).expect("write");
        let library = Library::load(Some(dir.path()));
        assert!(library.get("body_scan/desk-reset.ron").is_none());
        assert!(library.problems().iter().any(|p| {
            p.path.to_string_lossy().ends_with("body_scan/desk-reset.ron")
                && p.message.contains("\"Longer exhale 4-6\"")
        }));
    }

    #[test]
    fn a_bad_user_file_is_a_problem_and_everything_else_still_loads() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
        let bad = dir.path().join("breathing/four-six.ron");
        fs::write(&bad, "Pattern(\n  name: \"x\",\n  phases: [],\n  length: Minutes(3),\n)").expect("write");
        fs::write(dir.path().join("breathing/good.ron"), USER_FOUR_SIX).expect("write");
        let library = Library::load(Some(dir.path()));
        assert_eq!(library.problems().len(), 1);
        assert_eq!(library.problems()[0].path, bad);
        // The built-in of the same name stays rather than vanishing.
        let kept = library.get("breathing/four-six.ron").expect("built-in kept");
        assert_eq!(kept.origin, Origin::BuiltIn);
        assert!(library.get("breathing/good.ron").is_some());
        // The bad file is untouched.
        assert!(fs::read_to_string(&bad).expect("read").contains("phases: []"));
    }
}
