//! The editor's state and the one place its commands are carried out: opening, creating,
//! duplicating, saving, renaming, deleting and restoring scripts, guarding unsaved edits, and
//! taking in changes made outside the app.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::files;
use unbrace_core::editor::document::Document;
use unbrace_core::editor::pattern_form::PatternForm;
use unbrace_core::editor::{file_name, templates};
use unbrace_core::library::{Library, Origin};
use unbrace_core::script::{Script, ScriptKind};

/// Everything the user can ask of the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum EditorCommand {
    Open(String),
    New(ScriptKind),
    Duplicate,
    Save,
    /// Ask for a new name; then [`EditorCommand::Rename`] with it.
    StartRename,
    Rename(String),
    CancelRename,
    Delete,
    UndoDelete,
    RevealFolder,
    /// Play the text being edited, unsaved.
    Try,
    /// Switch between the form and the text (breathing patterns).
    ToggleForm,
    /// The text or the form changed.
    Edited,
    /// Answer to "save your changes?": `Some(true)` save, `Some(false)` discard, `None` cancel.
    Guard(Option<bool>),
    /// The open file changed on disk while it had unsaved edits: keep mine or take theirs.
    KeepMine(bool),
}

/// What the app must do after an editor command.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Nothing,
    /// Files changed: load the library again.
    Reload,
    /// Play this script (unsaved).
    Try(Box<Script>),
    /// The window may close now.
    Close,
}

/// Something waiting for the answer to "save your changes?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Open(String),
    New(ScriptKind),
    Close,
}

#[derive(Debug, Default)]
pub struct EditorState {
    pub doc: Option<Document>,
    /// The form is showing instead of the text (breathing patterns only).
    pub form_mode: bool,
    pub form: Option<PatternForm>,
    /// Waiting on "save your changes?".
    pub pending: Option<Pending>,
    /// The open file changed on disk while it had unsaved edits.
    pub conflict: bool,
    /// The rename box, while open.
    pub rename: Option<String>,
    pub message: Option<String>,
    /// The last deleted script: where it went in the trash, and its id.
    trashed: Option<(PathBuf, String)>,
}

/// What the editor works with.
#[derive(Debug)]
pub struct Context<'a> {
    /// The user's scripts folder; `None` when there is none (everything read-only).
    pub root: Option<&'a Path>,
    pub library: &'a Library,
    pub now: Duration,
    /// A timestamp for trash names.
    pub stamp: String,
}

impl Context<'_> {
    fn known_patterns(&self) -> HashSet<&str> {
        self.library.patterns().map(|(_, p)| p.name.as_str()).collect()
    }
}

impl EditorState {
    #[must_use]
    pub fn can_undo_delete(&self) -> bool {
        self.trashed.is_some()
    }

    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(Document::is_dirty)
    }

    /// Validation and drafts when typing pauses; call every frame. Returns when the next
    /// check is due, for scheduling a frame.
    pub fn tick(&mut self, cx: &Context<'_>) -> Option<Duration> {
        let known = cx.known_patterns();
        let doc = self.doc.as_mut()?;
        // While the text has a problem, the form keeps its last good state.
        if doc.validate_if_due(cx.now, &known)
            && self.form_mode
            && let Some(form) = form_of(doc)
        {
            self.form = Some(form);
        }
        if doc.take_draft_due(cx.now)
            && let Some(root) = cx.root
            && doc.editable
        {
            let result = if doc.is_dirty() {
                files::write_draft(root, &doc.id, &doc.text)
            } else {
                files::remove_draft(root, &doc.id)
            };
            if let Err(e) = result {
                self.message = Some(format!("Could not keep a draft of your typing: {e}"));
            }
        }
        doc.next_due(cx.now)
    }

    /// Carries out one command.
    pub fn apply(&mut self, command: EditorCommand, cx: &Context<'_>) -> Outcome {
        match command {
            EditorCommand::Open(id) => self.guarded(Pending::Open(id), cx),
            EditorCommand::New(kind) => self.guarded(Pending::New(kind), cx),
            EditorCommand::Duplicate => self.duplicate(cx),
            EditorCommand::Save => self.save(cx),
            EditorCommand::StartRename => {
                self.rename = self.doc.as_ref().and_then(|d| d.parsed.as_ref()).map(|s| s.name().to_owned());
                if self.rename.is_none() {
                    self.message = Some("Fix the problem in the text before renaming.".to_owned());
                }
                Outcome::Nothing
            }
            EditorCommand::Rename(name) => self.rename(&name, cx),
            EditorCommand::CancelRename => {
                self.rename = None;
                Outcome::Nothing
            }
            EditorCommand::Delete | EditorCommand::UndoDelete if self.is_dirty() => {
                self.message = Some("Save or discard your changes to this script first.".to_owned());
                Outcome::Nothing
            }
            EditorCommand::Delete => self.delete(cx),
            EditorCommand::UndoDelete => self.undo_delete(cx),
            EditorCommand::RevealFolder => {
                self.reveal(cx);
                Outcome::Nothing
            }
            EditorCommand::Try => {
                if let Some(script) = self.doc.as_ref().and_then(|d| d.parsed.clone()) {
                    Outcome::Try(Box::new(script))
                } else {
                    self.message = Some("Fix the problem in the text to try it.".to_owned());
                    Outcome::Nothing
                }
            }
            EditorCommand::ToggleForm => {
                let known = cx.known_patterns();
                if let Some(doc) = &mut self.doc {
                    // The form must show the text as it is now, not as of the last pause.
                    doc.validate(&known);
                }
                self.form_mode = !self.form_mode;
                self.form = self.doc.as_ref().and_then(form_of);
                if self.form_mode && self.form.is_none() {
                    self.form_mode = false;
                    self.message = Some("Fix the problem in the text to use the form.".to_owned());
                }
                Outcome::Nothing
            }
            EditorCommand::Edited => {
                if let Some(doc) = &mut self.doc {
                    if self.form_mode
                        && let Some(form) = &self.form
                    {
                        doc.text = form.to_text();
                    }
                    doc.edited(cx.now);
                }
                Outcome::Nothing
            }
            EditorCommand::Guard(answer) => self.answer_guard(answer, cx),
            EditorCommand::KeepMine(keep) => {
                self.conflict = false;
                let (Some(doc), Some(root)) = (&mut self.doc, cx.root) else { return Outcome::Nothing };
                let disk = std::fs::read_to_string(root.join(&doc.id));
                if keep {
                    // Mine stays unsaved; the disk version is what "saved" means from now on.
                    doc.set_saved(disk.unwrap_or_default());
                } else {
                    match disk {
                        Ok(text) => {
                            doc.reload(text, &cx.known_patterns());
                            // The typing was thrown away on purpose: never bring it back.
                            let _ = files::remove_draft(root, &doc.id);
                        }
                        Err(e) => self.message = Some(format!("Could not read the file: {e}")),
                    }
                    self.form = self.doc.as_ref().and_then(form_of);
                }
                Outcome::Nothing
            }
        }
    }

    /// Runs `pending` now, or asks first when there are unsaved edits.
    fn guarded(&mut self, pending: Pending, cx: &Context<'_>) -> Outcome {
        if self.is_dirty() {
            self.pending = Some(pending);
            return Outcome::Nothing;
        }
        self.run(pending, cx)
    }

    fn answer_guard(&mut self, answer: Option<bool>, cx: &Context<'_>) -> Outcome {
        let Some(pending) = self.pending.take() else {
            return Outcome::Nothing;
        };
        match answer {
            None => Outcome::Nothing,
            Some(true) => {
                let saved = self.save(cx);
                if self.is_dirty() {
                    // The save was refused (a problem in the text): stay.
                    return saved;
                }
                match self.run(pending, cx) {
                    Outcome::Nothing => saved,
                    other => other,
                }
            }
            Some(false) => {
                if let (Some(doc), Some(root)) = (&self.doc, cx.root) {
                    let _ = files::remove_draft(root, &doc.id);
                }
                if let Some(doc) = &mut self.doc {
                    doc.text = doc.saved_text().to_owned();
                }
                self.run(pending, cx)
            }
        }
    }

    fn run(&mut self, pending: Pending, cx: &Context<'_>) -> Outcome {
        // Leaving a document with no unsaved edits: any draft of it is stale.
        if let (Some(doc), Some(root)) = (&self.doc, cx.root)
            && doc.editable
            && !doc.is_dirty()
        {
            let _ = files::remove_draft(root, &doc.id);
        }
        match pending {
            Pending::Open(id) => {
                self.open(&id, cx);
                Outcome::Nothing
            }
            Pending::New(kind) => self.create(kind, cx),
            Pending::Close => Outcome::Close,
        }
    }

    /// Opens a script from the library (built-ins read-only), restoring a draft of unsaved
    /// typing if one was left (after a crash).
    pub fn open(&mut self, id: &str, cx: &Context<'_>) {
        // The user's own file wins, even one with a problem (which the library skipped), so
        // it can be opened and fixed here.
        let user_file =
            cx.root.map(|root| root.join(id)).filter(|p| file_name::is_safe_id(id) && p.is_file());
        let origin = cx.library.get(id).map(|e| &e.origin);
        let user_file = user_file.or_else(|| match origin {
            Some(Origin::User { path, .. }) => Some(path.clone()),
            _ => None,
        });
        let (text, editable) = match (user_file, origin) {
            (Some(path), _) => match crate::library::loader::read_text(&path) {
                Ok(text) => (text, true),
                Err(problem) => {
                    self.message = Some(problem.to_string());
                    return;
                }
            },
            (None, Some(Origin::BuiltIn)) => {
                let text =
                    unbrace_core::library::builtin::BUILT_IN.iter().find(|(i, _)| *i == id).map(|(_, t)| *t);
                (text.unwrap_or_default().to_owned(), false)
            }
            (None, Some(Origin::User { .. }) | None) => return,
        };
        let known = cx.known_patterns();
        let mut doc = Document::open(id, editable, text, &known);
        self.message = None;
        if editable
            && let Some(root) = cx.root
            && let Some(draft) = files::read_draft(root, id)
            && draft != doc.text
        {
            doc.text = draft;
            doc.validate(&known);
            self.message = Some("Restored unsaved changes from your last session.".to_owned());
        }
        self.form = form_of(&doc);
        self.form_mode = self.form_mode && self.form.is_some();
        self.conflict = false;
        self.rename = None;
        self.doc = Some(doc);
    }

    fn create(&mut self, kind: ScriptKind, cx: &Context<'_>) -> Outcome {
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let base = match kind {
            ScriptKind::Breathing => "New pattern",
            ScriptKind::BodyScan => "New body scan",
        };
        let (id, name) = unused_id(root, kind, base);
        match files::create(root, &id, &templates::template(kind, &name)) {
            Ok(_) => {
                self.pending_open(&id, cx);
                Outcome::Reload
            }
            Err(e) => self.failed("create the script", &e),
        }
    }

    fn duplicate(&mut self, cx: &Context<'_>) -> Outcome {
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let Some(doc) = &self.doc else {
            return Outcome::Nothing;
        };
        let Some(script) = &doc.parsed else {
            self.message = Some("Fix the problem in the text before duplicating.".to_owned());
            return Outcome::Nothing;
        };
        let base: String = format!("{} (mine)", script.name()).chars().take(60).collect();
        let (id, name) = unused_id(root, script.kind(), &base);
        let text = templates::with_name(&doc.text, &name).unwrap_or_else(|| doc.text.clone());
        match files::create(root, &id, &text) {
            Ok(_) => {
                self.pending_open(&id, cx);
                self.message = Some(format!("Duplicated as \"{name}\": this copy is yours to edit."));
                Outcome::Reload
            }
            Err(e) => self.failed("duplicate the script", &e),
        }
    }

    /// Opens a file just written (the library learns of it on the reload that follows).
    fn pending_open(&mut self, id: &str, cx: &Context<'_>) {
        let Some(root) = cx.root else { return };
        let text = std::fs::read_to_string(root.join(id)).unwrap_or_default();
        let doc = Document::open(id, true, text, &cx.known_patterns());
        self.form = form_of(&doc);
        self.doc = Some(doc);
        self.conflict = false;
    }

    /// Saves the open file atomically; a file with a problem is never saved as if fine: the
    /// save is refused, and the typing stays safe in a draft.
    fn save(&mut self, cx: &Context<'_>) -> Outcome {
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let known = cx.known_patterns();
        let Some(doc) = &mut self.doc else {
            return Outcome::Nothing;
        };
        if !doc.editable {
            self.message = Some("Built-in scripts are read-only: duplicate it to edit.".to_owned());
            return Outcome::Nothing;
        }
        doc.validate(&known);
        if let Some(d) = &doc.diagnostic {
            if let Err(e) = files::write_draft(root, &doc.id, &doc.text) {
                self.message = Some(format!("Not saved, and the draft failed too: {e}"));
            } else {
                self.message = Some(format!(
                    "Not saved: line {}, column {}: {} Your typing is kept as a draft.",
                    d.start.0, d.start.1, d.message
                ));
            }
            return Outcome::Nothing;
        }
        match files::save(root, &doc.id, &doc.text) {
            Ok(path) => {
                doc.mark_saved();
                let _ = files::remove_draft(root, &doc.id);
                self.conflict = false;
                self.message = Some(format!("Saved {}", path.display()));
                Outcome::Reload
            }
            Err(e) => self.failed("save", &e),
        }
    }

    fn rename(&mut self, name: &str, cx: &Context<'_>) -> Outcome {
        self.rename = None;
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let Some(doc) = &self.doc else {
            return Outcome::Nothing;
        };
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 60 || name.contains('\n') {
            self.message = Some("A name is one line of 1 to 60 characters.".to_owned());
            return Outcome::Nothing;
        }
        let (Some(script), Some(text)) = (&doc.parsed, templates::with_name(&doc.text, name)) else {
            self.message = Some("Fix the problem in the text before renaming.".to_owned());
            return Outcome::Nothing;
        };
        // The new name must make a valid script (no tab pasted in, say) before anything is written.
        let known = cx.known_patterns();
        if let Some(d) = Document::open(&doc.id, true, text.clone(), &known).diagnostic {
            self.message = Some(format!("Not renamed: {}", d.message));
            return Outcome::Nothing;
        }
        let folder = templates::folder(script.kind());
        let wanted = format!("{folder}/{}.ron", file_name::stem_for(name));
        let new_id = if wanted == doc.id { wanted } else { unused_id(root, script.kind(), name).0 };
        let old_id = doc.id.clone();
        let result = files::save(root, &old_id, &text).and_then(|_| {
            if new_id == old_id { Ok(root.join(&old_id)) } else { files::rename(root, &old_id, &new_id) }
        });
        match result {
            Ok(_) => {
                let _ = files::remove_draft(root, &old_id);
                let doc = Document::open(&new_id, true, text, &cx.known_patterns());
                self.form = form_of(&doc);
                self.doc = Some(doc);
                self.message = Some(format!("Renamed to \"{name}\" ({new_id})."));
                Outcome::Reload
            }
            Err(e) => self.failed("rename", &e),
        }
    }

    fn delete(&mut self, cx: &Context<'_>) -> Outcome {
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let Some(doc) = &self.doc else {
            return Outcome::Nothing;
        };
        if !doc.editable {
            return Outcome::Nothing;
        }
        match files::move_to_trash(root, &doc.id, &cx.stamp) {
            Ok(trashed) => {
                let _ = files::remove_draft(root, &doc.id);
                self.message = Some(format!("Moved {} to the trash ({}).", doc.id, trashed.display()));
                self.trashed = Some((trashed, doc.id.clone()));
                self.doc = None;
                self.form = None;
                Outcome::Reload
            }
            Err(e) => self.failed("delete", &e),
        }
    }

    fn undo_delete(&mut self, cx: &Context<'_>) -> Outcome {
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let Some((trashed, id)) = self.trashed.take() else {
            return Outcome::Nothing;
        };
        match files::restore(root, &trashed, &id) {
            Ok(_) => {
                self.pending_open(&id, cx);
                self.message = Some(format!("Restored {id}."));
                Outcome::Reload
            }
            Err(e) => self.failed("restore", &e),
        }
    }

    fn reveal(&mut self, cx: &Context<'_>) {
        let Some(root) = cx.root else {
            self.no_folder();
            return;
        };
        let opened = std::process::Command::new("xdg-open").arg(root).spawn().map(|mut child| {
            // Reap it when it exits, off the UI thread.
            let _reaper =
                std::thread::Builder::new().name("reveal-folder".to_owned()).spawn(move || child.wait());
        });
        if opened.is_err() {
            self.message = Some(format!("Your scripts are in {}", root.display()));
        }
    }

    /// Takes in files changed outside the app: an open file without unsaved edits follows the
    /// disk; one with unsaved edits asks which to keep.
    pub fn files_changed(&mut self, cx: &Context<'_>) {
        let (Some(doc), Some(root)) = (&mut self.doc, cx.root) else {
            return;
        };
        if !doc.editable {
            return;
        }
        match std::fs::read_to_string(root.join(&doc.id)) {
            Ok(disk) if disk == doc.saved_text() => {}
            Ok(disk) => {
                if doc.is_dirty() && disk != doc.text {
                    self.conflict = true;
                } else {
                    doc.reload(disk, &cx.known_patterns());
                    self.form = form_of(doc);
                }
            }
            Err(_) if doc.is_dirty() => self.conflict = true,
            Err(_) => {
                self.message = Some(format!("{} was removed outside Unbrace.", doc.id));
                self.doc = None;
                self.form = None;
            }
        }
    }

    /// A dialog is open over the editor (save your changes?, rename).
    #[must_use]
    pub fn has_dialog(&self) -> bool {
        self.pending.is_some() || self.rename.is_some()
    }

    /// Esc on a dialog: cancel it, as its Cancel button does.
    pub fn cancel_dialog(&mut self) {
        self.pending = None;
        self.rename = None;
    }

    /// Before the window closes: `true` if it may close now; otherwise it asks first.
    pub fn may_close(&mut self) -> bool {
        if self.is_dirty() {
            self.pending = Some(Pending::Close);
            false
        } else {
            true
        }
    }

    fn no_folder(&mut self) -> Outcome {
        self.message = Some("There is no scripts folder to write to.".to_owned());
        Outcome::Nothing
    }

    fn failed(&mut self, what: &str, e: &std::io::Error) -> Outcome {
        self.message = Some(format!("Could not {what}: {e}"));
        Outcome::Nothing
    }
}

fn form_of(doc: &Document) -> Option<PatternForm> {
    match &doc.parsed {
        Some(Script::Pattern(p)) => Some(PatternForm::from_pattern(p)),
        _ => None,
    }
}

/// A new file id and routine name for `base` that are not taken in `root`.
/// Built-in ids count as taken, so a new file never silently replaces a built-in. The number
/// goes after the shortened stem, so even 60-character names always find a free one.
fn unused_id(root: &Path, kind: ScriptKind, base: &str) -> (String, String) {
    let folder = templates::folder(kind);
    let stem = file_name::stem_for(base);
    let taken = |id: &str| {
        root.join(id).exists() || unbrace_core::library::builtin::BUILT_IN.iter().any(|(b, _)| *b == id)
    };
    let mut n = 1_u32;
    loop {
        let (id, name) = if n == 1 {
            (format!("{folder}/{stem}.ron"), base.to_owned())
        } else {
            let suffix = format!(" {n}");
            let chars_left = 60_usize.saturating_sub(suffix.chars().count());
            let name: String = base.chars().take(chars_left).collect();
            (format!("{folder}/{stem}-{n}.ron"), format!("{}{suffix}", name.trim_end()))
        };
        if !taken(&id) {
            return (id, name);
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixture {
        dir: tempfile::TempDir,
        library: Library,
    }

    impl Fixture {
        fn new() -> Self {
            let dir = tempfile::tempdir().expect("temp dir");
            std::fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
            let library = crate::library::load(Some(dir.path()));
            Self { dir, library }
        }

        fn write(&mut self, id: &str, text: &str) {
            std::fs::write(self.dir.path().join(id), text).expect("write");
            self.library = crate::library::load(Some(self.dir.path()));
        }

        fn cx(&self, secs: u64) -> Context<'_> {
            Context {
                root: Some(self.dir.path()),
                library: &self.library,
                now: Duration::from_secs(secs),
                stamp: "t".to_owned(),
            }
        }
    }

    fn pattern(name: &str) -> String {
        templates::template(ScriptKind::Breathing, name)
    }

    #[test]
    fn long_names_always_find_a_free_file_and_built_ins_count_as_taken() {
        let f = Fixture::new();
        let long = "x".repeat(60);
        std::fs::write(f.dir.path().join(format!("breathing/{long}.ron")), "").expect("write");
        let (id, name) = unused_id(f.dir.path(), ScriptKind::Breathing, &long);
        assert_eq!(id, format!("breathing/{long}-2.ron"));
        assert_eq!(name.chars().count(), 60);
        let (id, _) = unused_id(f.dir.path(), ScriptKind::Breathing, "Coherent 6");
        assert_eq!(id, "breathing/coherent-6-2.ron", "never replaces a built-in silently");
    }

    #[test]
    fn keeping_mine_is_asked_once_and_taking_theirs_drops_the_draft() {
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        let mut editor = EditorState::default();
        editor.open("breathing/calm.ron", &f.cx(0));
        let doc = editor.doc.as_mut().expect("open");
        doc.text.push_str("// mine\n");
        editor.apply(EditorCommand::Edited, &f.cx(0));
        editor.tick(&f.cx(2));
        assert!(files::read_draft(f.dir.path(), "breathing/calm.ron").is_some(), "draft written");

        f.write("breathing/calm.ron", &pattern("Calm, theirs"));
        editor.files_changed(&f.cx(3));
        assert!(editor.conflict);
        editor.apply(EditorCommand::KeepMine(true), &f.cx(3));
        editor.files_changed(&f.cx(4));
        assert!(!editor.conflict, "the same outside change is not asked about again");

        f.write("breathing/calm.ron", &pattern("Calm, theirs again"));
        editor.files_changed(&f.cx(5));
        assert!(editor.conflict);
        editor.apply(EditorCommand::KeepMine(false), &f.cx(5));
        assert!(!editor.is_dirty());
        assert_eq!(
            files::read_draft(f.dir.path(), "breathing/calm.ron"),
            None,
            "rejected typing never returns"
        );
    }

    #[test]
    fn delete_waits_for_unsaved_changes_and_broken_files_open_to_be_fixed() {
        let mut f = Fixture::new();
        f.write("breathing/broken.ron", "Pattern(name: \"Broken\",");
        assert!(f.library.get("breathing/broken.ron").is_none(), "the library skips it");
        let mut editor = EditorState::default();
        editor.open("breathing/broken.ron", &f.cx(0));
        let doc = editor.doc.as_mut().expect("opens anyway");
        assert!(doc.editable && doc.diagnostic.is_some());
        doc.text.push(')');
        editor.apply(EditorCommand::Edited, &f.cx(0));
        assert_eq!(editor.apply(EditorCommand::Delete, &f.cx(1)), Outcome::Nothing);
        assert!(f.dir.path().join("breathing/broken.ron").exists(), "not deleted while unsaved");
        assert!(editor.message.as_deref().is_some_and(|m| m.contains("Save or discard")));
    }

    #[test]
    fn rename_refuses_a_name_that_would_not_parse() {
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        let mut editor = EditorState::default();
        editor.open("breathing/calm.ron", &f.cx(0));
        assert_eq!(editor.apply(EditorCommand::Rename("Tab\there".to_owned()), &f.cx(1)), Outcome::Nothing);
        assert!(editor.message.as_deref().is_some_and(|m| m.starts_with("Not renamed")));
        assert_eq!(editor.apply(EditorCommand::Rename("Quiet".to_owned()), &f.cx(1)), Outcome::Reload);
        assert!(
            f.dir.path().join("breathing/quiet.ron").is_file()
                && !f.dir.path().join("breathing/calm.ron").exists()
        );
    }
}
