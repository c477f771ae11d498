//! The library of routines and reminders: the built-in files overlaid by the user's own.
//!
//! A user file with the same path below the scripts folder as a built-in one (for example
//! `breathing/four-six.ron`) replaces it. What a file holds is decided by its RON struct name
//! (`Pattern(`, `BodyScan(` or `Reminder(`), not by its folder. Reminders are kept in a list
//! of their own, beside the routines. Bad files are collected as [`Problem`]s for the app to
//! show; every good file still loads. Reading the files is the shell's business: the library
//! is built from their text.

pub mod builtin;
pub mod lookup;
pub mod problem;
pub mod references;

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::body_scan::script::BodyScan;
use crate::breathing::pattern::Pattern;
use crate::reminder::{self, Reminder};
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

/// One reminder in the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderEntry {
    /// Its path below the scripts folder with `/` separators, e.g. `reminders/desk-break.ron`.
    pub id: String,
    pub origin: Origin,
    pub reminder: Reminder,
}

/// What one file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Script(Script),
    Reminder(Reminder),
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

/// Every routine the app can play, the reminders, and the problems found while loading.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    entries: Vec<Entry>,
    reminders: Vec<ReminderEntry>,
    problems: Vec<Problem>,
}

/// Parses one routine file's text; `shown_as` names it in problems.
pub fn parse_text(shown_as: &Path, text: &str) -> Result<Script, Problem> {
    script::parse(text).map_err(|e| Problem::from_ron(shown_as, text, &e))
}

/// Parses one file's text as a routine or a reminder, as its RON struct name says;
/// `shown_as` names it in problems. A UTF-8 byte order mark at the start is skipped.
pub fn parse_content(shown_as: &Path, text: &str) -> Result<Content, Problem> {
    let text = crate::script::without_bom(text);
    match script::parse(text) {
        Ok(script) => Ok(Content::Script(script)),
        Err(e) if names_a_reminder(&e.code) => {
            reminder::parse(text).map(Content::Reminder).map_err(|e| Problem::from_ron(shown_as, text, &e))
        }
        Err(e) => Err(Problem::from_ron(shown_as, text, &e)),
    }
}

/// Whether RON stopped at a top-level `Reminder(`, which is not a routine.
pub(crate) fn names_a_reminder(error: &ron::Error) -> bool {
    matches!(error, ron::Error::NoSuchEnumVariant { found, outer: Some(outer), .. }
        if found == "Reminder" && outer == "Script")
}

impl Library {
    /// The built-in routines alone.
    #[must_use]
    pub fn built_in() -> Self {
        Self::build(Vec::new(), Vec::new())
    }

    /// The built-in routines and reminders overlaid by the user's `files`, with `problems`
    /// found while reading them. Body scans that name a breathing pattern no file defines,
    /// and reminders that name a routine no file defines, are refused with a problem.
    #[must_use]
    pub fn build(files: Vec<UserFile>, mut problems: Vec<Problem>) -> Self {
        let mut loaded: Vec<Loaded> = Vec::new();
        for (id, text) in builtin::BUILT_IN {
            let shown_as = PathBuf::from(format!("built-in:{id}"));
            match parse_content(&shown_as, text) {
                Ok(content) => loaded.push(Loaded {
                    id: (*id).to_owned(),
                    origin: Origin::BuiltIn,
                    content,
                    shown_as,
                    text: Cow::Borrowed(text),
                }),
                Err(problem) => problems.push(problem),
            }
        }
        for file in files {
            let content = match parse_content(&file.path, &file.text) {
                Ok(content) => content,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            let existing = loaded.iter().position(|l| l.id == file.id);
            let origin = Origin::User { path: file.path.clone(), replaces_built_in: existing.is_some() };
            let new =
                Loaded { id: file.id, origin, content, shown_as: file.path, text: Cow::Owned(file.text) };
            match existing {
                Some(i) => loaded[i] = new,
                None => loaded.push(new),
            }
        }
        let (mut entries, mut reminders) = Self::check_references(loaded, &mut problems);
        entries.sort_by_cached_key(|e| (e.script.kind(), e.script.name().to_lowercase()));
        reminders.sort_by_cached_key(|r| (r.reminder.name.to_lowercase(), r.id.clone()));
        Self { entries, reminders, problems }
    }

    /// Refuses body scans that name a missing breathing pattern, then reminders that name a
    /// missing routine (a refused scan is missing too), each with a problem at the name.
    fn check_references(
        loaded: Vec<Loaded>,
        problems: &mut Vec<Problem>,
    ) -> (Vec<Entry>, Vec<ReminderEntry>) {
        let patterns: HashSet<&str> = loaded
            .iter()
            .filter_map(|l| match &l.content {
                Content::Script(Script::Pattern(p)) => Some(p.name.as_str()),
                _ => None,
            })
            .collect();
        let mut kept = vec![true; loaded.len()];
        for (i, l) in loaded.iter().enumerate() {
            if let Content::Script(script) = &l.content {
                let missing = references::missing_patterns(&l.shown_as, l.text(), script, &patterns);
                kept[i] = missing.is_empty();
                problems.extend(missing);
            }
        }
        let routines: HashSet<&str> = loaded
            .iter()
            .zip(&kept)
            .filter_map(|(l, &kept)| match &l.content {
                Content::Script(script) if kept => Some(script.name()),
                _ => None,
            })
            .collect();
        for (i, l) in loaded.iter().enumerate() {
            if let Content::Reminder(reminder) = &l.content
                && let Some(problem) = references::missing_routine(&l.shown_as, l.text(), reminder, &routines)
            {
                kept[i] = false;
                problems.push(problem);
            }
        }
        let (mut entries, mut reminders) = (Vec::new(), Vec::new());
        for (l, kept) in loaded.into_iter().zip(kept) {
            match (kept, l.content) {
                (false, _) => {}
                (true, Content::Script(script)) => entries.push(Entry { id: l.id, origin: l.origin, script }),
                (true, Content::Reminder(reminder)) => {
                    reminders.push(ReminderEntry { id: l.id, origin: l.origin, reminder });
                }
            }
        }
        (entries, reminders)
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

    /// Every reminder, on or off, by name. The routine each names is in [`Self::entries`].
    #[must_use]
    pub fn reminders(&self) -> &[ReminderEntry] {
        &self.reminders
    }

    #[must_use]
    pub fn reminder(&self, id: &str) -> Option<&ReminderEntry> {
        self.reminders.iter().find(|r| r.id == id)
    }

    /// The routine with this name, as reminders name them.
    #[must_use]
    pub fn routine_named(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.script.name() == name)
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
    id: String,
    origin: Origin,
    content: Content,
    shown_as: PathBuf,
    text: Cow<'static, str>,
}

impl Loaded {
    /// The text as parsed (without a byte order mark), so positions match the problems'.
    fn text(&self) -> &str {
        crate::script::without_bom(&self.text)
    }
}
