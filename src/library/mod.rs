//! The library of routines: the built-in scripts overlaid by the user's own folder.
//!
//! A user file with the same path below the scripts folder as a built-in one (for example
//! `breathing/four-six.ron`) replaces it. Bad files are collected as [`Problem`]s for the app
//! to show; every good file still loads.

pub mod builtin;
pub mod check;
pub mod loader;
pub mod problem;
pub mod user_dir;

use std::path::{Path, PathBuf};

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
    /// The built-in routines overlaid by those in `user_dir`, if given.
    #[must_use]
    pub fn load(user_dir: Option<&Path>) -> Self {
        let mut library = Self::default();
        for (id, text) in builtin::BUILT_IN {
            let shown_as = PathBuf::from(format!("built-in:{id}"));
            match loader::parse_text(&shown_as, text) {
                Ok(script) => library.entries.push(Entry {
                    id: (*id).to_owned(),
                    origin: Origin::BuiltIn,
                    script,
                }),
                Err(problem) => library.problems.push(problem),
            }
        }
        if let Some(dir) = user_dir {
            library.overlay(dir);
        }
        library
            .entries
            .sort_by_cached_key(|e| (e.script.kind(), e.script.name().to_lowercase()));
        library
    }

    fn overlay(&mut self, dir: &Path) {
        let (files, problems) = loader::find_script_files(dir);
        self.problems.extend(problems);
        for path in files {
            let script = match loader::load_file(&path) {
                Ok(script) => script,
                Err(problem) => {
                    self.problems.push(problem);
                    continue;
                }
            };
            let id = relative_id(dir, &path);
            let existing = self.entries.iter().position(|e| e.id == id);
            let entry = Entry {
                id,
                origin: Origin::User {
                    path,
                    replaces_built_in: existing.is_some(),
                },
                script,
            };
            match existing {
                Some(i) => self.entries[i] = entry,
                None => self.entries.push(entry),
            }
        }
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
        self.entries.iter().map(|e| match &e.script {
            Script::Pattern(p) => (e.id.as_str(), p),
        })
    }

    #[must_use]
    pub fn pattern(&self, id: &str) -> Option<&Pattern> {
        self.patterns().find(|(i, _)| *i == id).map(|(_, p)| p)
    }
}

/// `dir/breathing/x.ron` → `breathing/x.ron`, with `/` on every platform.
fn relative_id(dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(dir).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

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
        fs::write(dir.path().join("breathing/four-six.ron"), USER_FOUR_SIX).expect("write");
        fs::write(dir.path().join("breathing/mine.ron"), USER_FOUR_SIX).expect("write");
        let library = Library::load(Some(dir.path()));
        assert_eq!(library.entries().len(), builtin::BUILT_IN.len() + 1);
        let replaced = library.get("breathing/four-six.ron").expect("still there");
        assert_eq!(replaced.script.name(), "My 4-6");
        assert!(matches!(
            replaced.origin,
            Origin::User {
                replaces_built_in: true,
                ..
            }
        ));
        let mine = library.get("breathing/mine.ron").expect("added");
        assert!(matches!(
            mine.origin,
            Origin::User {
                replaces_built_in: false,
                ..
            }
        ));
    }

    #[test]
    fn a_bad_user_file_is_a_problem_and_everything_else_still_loads() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
        let bad = dir.path().join("breathing/four-six.ron");
        fs::write(
            &bad,
            "Pattern(\n  name: \"x\",\n  phases: [],\n  length: Minutes(3),\n)",
        )
        .expect("write");
        fs::write(dir.path().join("breathing/good.ron"), USER_FOUR_SIX).expect("write");
        let library = Library::load(Some(dir.path()));
        assert_eq!(library.problems().len(), 1);
        assert_eq!(library.problems()[0].path, bad);
        // The built-in of the same name stays rather than vanishing.
        let kept = library
            .get("breathing/four-six.ron")
            .expect("built-in kept");
        assert_eq!(kept.origin, Origin::BuiltIn);
        assert!(library.get("breathing/good.ron").is_some());
        // The bad file is untouched.
        assert!(
            fs::read_to_string(&bad)
                .expect("read")
                .contains("phases: []")
        );
    }
}
