//! Turning a reminder on or off from Settings: the file stays the whole truth. A person's own
//! file gets its `enabled:` value changed in place (comments and layout kept); a shipped one
//! is copied into the scripts folder with `enabled: true`, over the built-in.

use std::path::{Path, PathBuf};

use unbrace_core::editor::switch::with_enabled;
use unbrace_core::library::{Origin, ReminderEntry, builtin};

/// What to write: the reminder's file in the scripts folder, and its new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Switch {
    /// The reminder's id, which is its path below the scripts folder.
    pub id: String,
    /// The file it was read from (a person's own), or `None` for a built-in one.
    pub from: Option<PathBuf>,
    pub enabled: bool,
}

impl Switch {
    #[must_use]
    pub fn of(entry: &ReminderEntry, enabled: bool) -> Self {
        let from = match &entry.origin {
            Origin::User { path, .. } => Some(path.clone()),
            Origin::BuiltIn => None,
        };
        Self { id: entry.id.clone(), from, enabled }
    }

    /// Reads the current text, switches it, and saves it in `root` (atomically).
    ///
    /// # Errors
    /// The file could not be read or written, or has no place for the value.
    pub fn run(&self, root: &Path) -> Result<PathBuf, String> {
        let text = match &self.from {
            Some(path) => std::fs::read_to_string(path)
                .map_err(|e| format!("{} could not be read ({e})", path.display()))?,
            None => builtin::BUILT_IN
                .iter()
                .find(|(id, _)| *id == self.id)
                .map(|(_, text)| (*text).to_owned())
                .ok_or_else(|| format!("{} is no longer there", self.id))?,
        };
        let switched = with_enabled(&text, self.enabled)
            .ok_or_else(|| format!("{} does not look like a reminder", self.id))?;
        crate::editor::files::save(root, &self.id, &switched)
            .map_err(|e| format!("{} could not be saved ({e})", self.id))
    }
}

#[cfg(test)]
mod tests {
    use unbrace_core::library::{Library, UserFile};

    use super::*;

    #[test]
    fn a_shipped_reminder_is_turned_on_by_a_copy_of_ones_own_and_off_in_place() {
        let root = tempfile::tempdir().expect("temp dir");
        let library = Library::built_in();
        let desk = library.reminder("reminders/desk-break.ron").expect("ships");
        assert!(!desk.reminder.enabled);
        let path = Switch::of(desk, true).run(root.path()).expect("saved");
        assert_eq!(path, root.path().join("reminders/desk-break.ron"));
        let text = std::fs::read_to_string(&path).expect("written");
        let file = UserFile { id: desk.id.clone(), path: path.clone(), text };
        let library = Library::build(vec![file], vec![]);
        let mine = library.reminder("reminders/desk-break.ron").expect("still there");
        assert!(mine.reminder.enabled);
        assert!(matches!(mine.origin, Origin::User { replaces_built_in: true, .. }));
        // Off again: the person's own file changes in place, comments kept.
        Switch::of(mine, false).run(root.path()).expect("saved");
        let text = std::fs::read_to_string(&path).expect("written");
        assert!(text.contains("enabled: false") && text.starts_with("// A reminder for Unbrace"));
    }
}
