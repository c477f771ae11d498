//! The editor's state and the one place its commands are carried out: opening, creating,
//! duplicating, saving, renaming, deleting and restoring scripts, guarding unsaved edits, and
//! taking in changes made outside the app.
//!
//! The editor never touches the disk itself. It decides, hands the file work to the disk
//! thread as jobs ([`super::jobs`]), and carries on when the result comes back
//! ([`EditorState::on_done`]). While a result it depends on is awaited, commands that need the
//! disk wait behind it, so everything happens in the order the user asked.

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::files;
use super::jobs::{self, Candidate, EditorDone, EditorJob, Purpose, Read};
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
    /// A new reminder, from the template, in `reminders/`.
    NewReminder,
    Duplicate,
    Save,
    /// Ask for a new name; then [`EditorCommand::Rename`] with it.
    StartRename,
    Rename(String),
    CancelRename,
    Delete,
    UndoDelete,
    /// Open the scripts folder in the file manager.
    RevealFolder,
    /// What came of opening the scripts folder (`Err`: why it did not open).
    FolderOpened(Result<(), String>),
    /// Play the text being edited, unsaved.
    Try,
    /// Switch between the form and the text (breathing patterns).
    ToggleForm,
    /// The text or the form changed.
    Edited,
    /// Answer to "save your changes?": `Some(true)` save, `Some(false)` discard, `None` cancel.
    Guard(Option<bool>),
    /// Throw the unsaved changes away: back to the file as saved (a new script never saved
    /// is closed).
    Discard,
    /// The open file changed on disk while it had unsaved edits: keep mine or take theirs.
    KeepMine(bool),
}

impl EditorCommand {
    /// Whether the command works on files, and so waits for the disk work before it.
    fn needs_disk(&self) -> bool {
        matches!(
            self,
            Self::Open(_)
                | Self::New(_)
                | Self::NewReminder
                | Self::Duplicate
                | Self::Save
                | Self::Rename(_)
                | Self::Delete
                | Self::UndoDelete
                | Self::Guard(_)
                | Self::Discard
                | Self::KeepMine(_)
        )
    }
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
    /// Open this folder in the file manager.
    OpenFolder(PathBuf),
}

/// Where opening the scripts folder stands, said beside its path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum FolderNote {
    #[default]
    Nothing,
    Opening,
    Opened,
    /// Why it did not open.
    Failed(String),
}

/// Something waiting for the answer to "save your changes?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Open(String),
    New(ScriptKind),
    NewReminder,
    Close,
}

#[derive(Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent yes/no states of one editor, each read on its own"
)]
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
    /// What came of "Open folder".
    pub folder: FolderNote,
    /// The last deleted script: where it went in the trash, and its id.
    trashed: Option<(PathBuf, String)>,
    /// File work decided but not yet handed to the disk thread.
    jobs: Vec<EditorJob>,
    /// A result that decides what happens next is awaited.
    busy: bool,
    /// Commands that need the disk, waiting for that result.
    waiting: VecDeque<EditorCommand>,
    /// What to do once the save under way succeeds (the answer "Save" to a guard).
    after_save: Option<Pending>,
    /// Files whose draft was thrown away (saved or discarded) but could not be removed: such a
    /// draft is never brought back as "unsaved changes" in this run.
    stale_drafts: HashSet<String>,
    /// Why the open user file cannot be saved (write-protected, a name that is not UTF-8).
    locked: Option<String>,
    /// The open script is new and not written yet: its first save creates the file, never
    /// over one that appeared meanwhile.
    new_file: bool,
}

impl std::fmt::Debug for EditorState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EditorState")
            .field("doc", &self.doc.as_ref().map(|d| &d.id))
            .field("busy", &self.busy)
            .field("jobs", &self.jobs.len())
            .finish_non_exhaustive()
    }
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

    /// The file work decided since the last call, for the disk thread, in order.
    pub fn take_jobs(&mut self) -> Vec<EditorJob> {
        std::mem::take(&mut self.jobs)
    }

    /// A result is awaited, or work waits to be handed over.
    #[must_use]
    pub fn is_busy(&self) -> bool {
        self.busy || !self.jobs.is_empty()
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
            let (root, id) = (root.to_owned(), doc.id.clone());
            self.jobs.push(if doc.is_dirty() {
                jobs::write_draft(root, id, doc.text.clone(), doc.saved_text().to_owned())
            } else {
                jobs::remove_draft(root, id)
            });
        }
        doc.next_due(cx.now)
    }

    /// Carries out one command.
    pub fn apply(&mut self, command: EditorCommand, cx: &Context<'_>) -> Outcome {
        if self.busy && command.needs_disk() {
            self.waiting.push_back(command);
            return Outcome::Nothing;
        }
        match command {
            EditorCommand::Open(id) => self.guarded(Pending::Open(id), cx),
            EditorCommand::New(kind) => self.guarded(Pending::New(kind), cx),
            EditorCommand::NewReminder => self.guarded(Pending::NewReminder, cx),
            EditorCommand::Duplicate => self.duplicate(cx),
            EditorCommand::Save => {
                self.save(cx);
                Outcome::Nothing
            }
            EditorCommand::StartRename if self.is_dirty() || self.new_file => {
                // Renaming writes the file: never with changes the user has not chosen to save.
                self.message = Some("Save or discard your changes before renaming.".to_owned());
                Outcome::Nothing
            }
            EditorCommand::StartRename => {
                self.rename = self.doc.as_ref().and_then(|d| d.parsed.as_ref()).map(|s| s.name().to_owned());
                if self.rename.is_none() {
                    self.message = Some("Fix the problem in the text before renaming.".to_owned());
                }
                Outcome::Nothing
            }
            EditorCommand::Discard => {
                self.discard(cx);
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
            EditorCommand::RevealFolder => match cx.root {
                Some(root) => {
                    self.folder = FolderNote::Opening;
                    Outcome::OpenFolder(root.to_owned())
                }
                None => self.no_folder(),
            },
            EditorCommand::FolderOpened(result) => {
                self.folder = match result {
                    Ok(()) => FolderNote::Opened,
                    Err(why) => FolderNote::Failed(why),
                };
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
                if let (Some(doc), Some(root)) = (&self.doc, cx.root) {
                    self.await_job(jobs::read_on_disk(root, doc.id.clone(), Purpose::KeepMine(keep)));
                }
                Outcome::Nothing
            }
        }
    }

    /// Takes in what a job found; then runs the commands that waited for it.
    pub fn on_done(&mut self, done: EditorDone, cx: &Context<'_>) -> Vec<Outcome> {
        let mut outcomes = vec![self.take_in(done, cx)];
        while !self.busy
            && let Some(command) = self.waiting.pop_front()
        {
            outcomes.push(self.apply(command, cx));
        }
        outcomes.retain(|o| *o != Outcome::Nothing);
        outcomes
    }

    fn take_in(&mut self, done: EditorDone, cx: &Context<'_>) -> Outcome {
        match done {
            EditorDone::Draft { id, removed, result: Err(e) } => {
                if removed {
                    self.stale_drafts.insert(id.clone());
                    self.message = Some(format!(
                        "Could not remove the draft of {id} ({e}); it will not be brought back."
                    ));
                } else {
                    self.message = Some(format!("Could not keep a draft of your typing: {e}"));
                }
                Outcome::Nothing
            }
            EditorDone::Draft { result: Ok(()), .. } => Outcome::Nothing,
            EditorDone::Opened { id, result } => {
                self.busy = false;
                self.opened(&id, result, cx);
                Outcome::Nothing
            }
            EditorDone::Saved { id, text, result, draft_left } => {
                self.busy = false;
                let after = self.after_save.take();
                match result {
                    Ok(path) => {
                        if let Some(doc) = self.doc.as_mut().filter(|d| d.id == id) {
                            // What was written is saved; typing since then stays unsaved.
                            doc.set_saved(text);
                            self.conflict = false;
                        }
                        self.message = Some(match draft_left {
                            Some(e) => {
                                self.stale_drafts.insert(id);
                                format!(
                                    "Saved {}, but its old draft could not be removed ({e}).",
                                    path.display()
                                )
                            }
                            None => format!("Saved {}", path.display()),
                        });
                        if let Some(pending) = after {
                            return match self.run(pending, cx) {
                                Outcome::Nothing => Outcome::Reload,
                                // Closing: the library need not be read again.
                                other => other,
                            };
                        }
                        Outcome::Reload
                    }
                    Err(e) => self.failed("save", &e),
                }
            }
            EditorDone::Created { id, text, message, result } => {
                self.busy = false;
                match result {
                    Ok(_) => {
                        let doc = Document::open(&id, true, text, &cx.known_patterns());
                        self.show(doc);
                        self.message = Some(message);
                        Outcome::Reload
                    }
                    Err(e) => self.failed("write the script", &e),
                }
            }
            EditorDone::Renamed { new_id, name, text, result, .. } => {
                self.busy = false;
                match result {
                    Ok(_) => {
                        let doc = Document::open(&new_id, true, text, &cx.known_patterns());
                        self.show(doc);
                        self.message = Some(format!("Renamed to \"{name}\" ({new_id})."));
                        Outcome::Reload
                    }
                    Err(e) => self.failed("rename", &e),
                }
            }
            EditorDone::Trashed { id, result, draft_left } => {
                self.busy = false;
                match result {
                    Ok(trashed) => {
                        self.message = Some(format!("Moved {id} to the trash ({}).", trashed.display()));
                        if let Some(e) = draft_left {
                            self.stale_drafts.insert(id.clone());
                            self.message = Some(format!("Moved {id} to the trash; its draft stays ({e})."));
                        }
                        self.trashed = Some((trashed, id));
                        self.doc = None;
                        self.form = None;
                        Outcome::Reload
                    }
                    Err(e) => self.failed("delete", &e),
                }
            }
            EditorDone::OnDisk { id, purpose, result } => {
                if matches!(purpose, Purpose::KeepMine(_)) {
                    self.busy = false;
                }
                self.on_disk(&id, purpose, result, cx);
                Outcome::Nothing
            }
        }
    }

    /// Back to the file as saved; a new script never saved is closed. Its draft goes.
    fn discard(&mut self, cx: &Context<'_>) {
        let Some(doc) = self.doc.as_mut().filter(|d| d.is_dirty()) else {
            return;
        };
        if let Some(root) = cx.root {
            self.jobs.push(jobs::remove_draft(root.to_owned(), doc.id.clone()));
        }
        if self.new_file {
            self.message = Some(format!("Discarded the new script {}.", doc.id));
            self.doc = None;
            self.form = None;
            self.new_file = false;
        } else {
            doc.text = doc.saved_text().to_owned();
            doc.validate(&cx.known_patterns());
            self.form = form_of(doc);
            self.message = Some("Changes discarded.".to_owned());
        }
    }

    /// Hands `job` over and waits for its result before other file work.
    fn await_job(&mut self, job: EditorJob) {
        self.jobs.push(job);
        self.busy = true;
    }

    /// Runs `pending` now, or asks first when there are unsaved edits.
    fn guarded(&mut self, pending: Pending, cx: &Context<'_>) -> Outcome {
        if self.is_dirty() {
            self.pending = Some(pending);
            return Outcome::Nothing;
        }
        let leave = self.leave_jobs(cx);
        self.jobs.extend(leave);
        self.run(pending, cx)
    }

    fn answer_guard(&mut self, answer: Option<bool>, cx: &Context<'_>) -> Outcome {
        let Some(pending) = self.pending.take() else {
            return Outcome::Nothing;
        };
        match answer {
            None => Outcome::Nothing,
            Some(true) => {
                // Runs once the save succeeds; a text with a problem is not saved: stay.
                if self.save(cx) {
                    self.after_save = Some(pending);
                }
                Outcome::Nothing
            }
            Some(false) => {
                if let Some(doc) = &mut self.doc {
                    doc.text = doc.saved_text().to_owned();
                }
                // The typing was thrown away on purpose: its draft goes.
                let leave = self.leave_jobs(cx);
                self.jobs.extend(leave);
                self.run(pending, cx)
            }
        }
    }

    /// Leaving a document with no unsaved edits: any draft of it is stale.
    fn leave_jobs(&mut self, cx: &Context<'_>) -> Option<EditorJob> {
        let doc = self.doc.as_ref().filter(|d| d.editable && !d.is_dirty())?;
        Some(jobs::remove_draft(cx.root?.to_owned(), doc.id.clone()))
    }

    fn run(&mut self, pending: Pending, cx: &Context<'_>) -> Outcome {
        match pending {
            Pending::Open(id) => {
                self.open(&id, cx);
                Outcome::Nothing
            }
            Pending::New(kind) => self.create(kind, cx),
            Pending::NewReminder => self.create_reminder(cx),
            Pending::Close => Outcome::Close,
        }
    }

    /// Opens a script from the library (built-ins read-only), restoring a draft of unsaved
    /// typing if one was left (after a crash). The user's own file wins, even one with a
    /// problem (which the library skipped), so it can be opened and fixed here.
    pub fn open(&mut self, id: &str, cx: &Context<'_>) {
        let in_folder = cx.root.filter(|_| file_name::is_safe_id(id)).map(|root| root.join(id));
        let origin_path = match cx.library.get(id).map(|e| &e.origin) {
            Some(Origin::User { path, .. }) => Some(path.clone()),
            _ => None,
        };
        // The library's own path wins: a name that is not UTF-8 only round-trips through it.
        let (path, same_name) = match (origin_path, in_folder) {
            (Some(origin), in_folder) => {
                let same = in_folder.as_ref() == Some(&origin);
                (Some(origin), same)
            }
            (None, in_folder) => (in_folder, true),
        };
        match path {
            Some(path) => {
                self.await_job(jobs::open(cx.root.map(Path::to_owned), id.to_owned(), path, same_name));
            }
            None => self.opened(id, Ok(None), cx),
        }
    }

    /// A file read for opening (`Ok(None)`: there is no user file, so the built-in).
    fn opened(&mut self, id: &str, result: Result<Option<Read>, String>, cx: &Context<'_>) {
        let built_in =
            || unbrace_core::library::builtin::BUILT_IN.iter().find(|(i, _)| *i == id).map(|(_, t)| *t);
        let (read, editable) = match result {
            Ok(Some(read)) => {
                let editable = read.locked.is_none();
                (read, editable)
            }
            Ok(None) => {
                let Some(text) = built_in() else {
                    self.message = Some(format!("{id} is no longer there."));
                    return;
                };
                (Read { text: text.to_owned(), draft: None, locked: None }, false)
            }
            Err(problem) => {
                self.message = Some(problem);
                return;
            }
        };
        let known = cx.known_patterns();
        let disk_print = files::fingerprint(&read.text);
        let mut doc = Document::open(id, editable, read.text, &known);
        self.message = read.locked.as_ref().map(|why| format!("Read-only: {why}."));
        let locked = read.locked;
        let mut changed_since = false;
        if let Some(draft) = read.draft.filter(|d| editable && d.text != doc.text) {
            if self.stale_drafts.contains(id) {
                self.message =
                    Some("A draft you had thrown away is still on disk; it was not brought back.".to_owned());
            } else {
                // The file changed on disk after the draft was typed over it: ask, never
                // replace the newer file's text without a word.
                changed_since = draft.base.is_some_and(|base| base != disk_print);
                doc.text = draft.text;
                doc.validate(&known);
                self.message = Some(if changed_since {
                    "You left unsaved changes here, and the file has changed on disk since.".to_owned()
                } else {
                    "Restored unsaved changes from your last session.".to_owned()
                });
            }
        }
        self.show(doc);
        self.locked = locked;
        self.conflict = changed_since;
    }

    /// Puts `doc` in the editor.
    fn show(&mut self, doc: Document) {
        self.locked = None;
        self.new_file = false;
        self.form = form_of(&doc);
        self.form_mode = self.form_mode && self.form.is_some();
        self.conflict = false;
        self.rename = None;
        self.doc = Some(doc);
    }

    fn create(&mut self, kind: ScriptKind, cx: &Context<'_>) -> Outcome {
        let base = match kind {
            ScriptKind::Breathing => "New pattern",
            ScriptKind::BodyScan => "New body scan",
        };
        if cx.root.is_none() {
            return self.no_folder();
        }
        // Not written until it is saved, so an untouched template never shows up in Practice.
        let Some((id, name)) = unused_ids(cx, kind, base).next() else {
            return Outcome::Nothing;
        };
        let mut doc = Document::open(&id, true, String::new(), &cx.known_patterns());
        doc.text = templates::template(kind, &name);
        doc.validate(&cx.known_patterns());
        self.show(doc);
        self.new_file = true;
        self.message =
            Some("A new script: it is written to your scripts folder when you save it.".to_owned());
        Outcome::Nothing
    }

    fn create_reminder(&mut self, cx: &Context<'_>) -> Outcome {
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let candidates = unused_ids_in(cx, unbrace_core::reminder::FOLDER, "New reminder")
            .map(|(id, name)| Candidate {
                id,
                text: templates::reminder_template(&name),
                message: String::new(),
            })
            .collect();
        self.await_job(jobs::create(root.to_owned(), candidates));
        Outcome::Nothing
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
        let candidates = unused_ids(cx, script.kind(), &base)
            .map(|(id, name)| Candidate {
                id,
                text: templates::with_name(&doc.text, &name).unwrap_or_else(|| doc.text.clone()),
                message: format!("Duplicated as \"{name}\": this copy is yours to edit."),
            })
            .collect();
        self.await_job(jobs::create(root.to_owned(), candidates));
        Outcome::Nothing
    }

    /// Saves the open file atomically; a file with a problem is never saved as if fine: the
    /// save is refused, and the typing stays safe in a draft. Returns whether a save is on
    /// its way.
    fn save(&mut self, cx: &Context<'_>) -> bool {
        let Some(root) = cx.root else {
            self.no_folder();
            return false;
        };
        let known = cx.known_patterns();
        let Some(doc) = &mut self.doc else {
            return false;
        };
        if !doc.editable {
            self.message = Some(match &self.locked {
                Some(why) => format!("Not saved: {why}. Duplicate it to keep your changes."),
                None => "Built-in scripts are read-only: duplicate it to edit.".to_owned(),
            });
            return false;
        }
        // A text file ends with a line end.
        if !doc.text.is_empty() && !doc.text.ends_with('\n') {
            doc.text.push('\n');
        }
        doc.validate(&known);
        if let Some(d) = &doc.diagnostic {
            self.message = Some(format!(
                "Not saved: line {}, column {}: {} Your typing is kept as a draft.",
                d.start.0, d.start.1, d.message
            ));
            let job = jobs::write_draft(
                root.to_owned(),
                doc.id.clone(),
                doc.text.clone(),
                doc.saved_text().to_owned(),
            );
            self.jobs.push(job);
            return false;
        }
        if self.new_file {
            // The first save creates the file, under the next free name if one appeared.
            let (id, text) = (doc.id.clone(), doc.text.clone());
            let kind = doc.parsed.as_ref().map_or(ScriptKind::Breathing, Script::kind);
            let base = id.rsplit('/').next().unwrap_or(&id).trim_end_matches(".ron").to_owned();
            let others: Vec<String> =
                unused_ids(cx, kind, &base).map(|(other, _)| other).filter(|other| *other != id).collect();
            let candidates = std::iter::once(id)
                .chain(others)
                .map(|id| Candidate { message: format!("Saved as {id}."), id, text: text.clone() })
                .collect();
            self.await_job(jobs::create(root.to_owned(), candidates));
            return true;
        }
        let job = jobs::save(root.to_owned(), doc.id.clone(), doc.text.clone());
        self.await_job(job);
        true
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
        let new_ids: Vec<String> = if wanted == doc.id {
            vec![wanted]
        } else {
            unused_ids(cx, script.kind(), name).map(|(id, _)| id).collect()
        };
        let job = jobs::rename(root.to_owned(), doc.id.clone(), new_ids, name.to_owned(), text);
        self.await_job(job);
        Outcome::Nothing
    }

    fn delete(&mut self, cx: &Context<'_>) -> Outcome {
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let Some(doc) = self.doc.as_ref().filter(|d| d.editable) else {
            return Outcome::Nothing;
        };
        let job = jobs::trash(root.to_owned(), doc.id.clone(), cx.stamp.clone());
        self.await_job(job);
        Outcome::Nothing
    }

    fn undo_delete(&mut self, cx: &Context<'_>) -> Outcome {
        let Some(root) = cx.root else {
            return self.no_folder();
        };
        let Some((trashed, id)) = self.trashed.take() else {
            return Outcome::Nothing;
        };
        self.await_job(jobs::restore(root.to_owned(), trashed, id));
        Outcome::Nothing
    }

    /// Takes in files changed outside the app: an open file without unsaved edits follows the
    /// disk; one with unsaved edits asks which to keep.
    pub fn files_changed(&mut self, cx: &Context<'_>) {
        if let (Some(doc), Some(root)) = (self.doc.as_ref().filter(|d| d.editable), cx.root) {
            self.jobs.push(jobs::read_on_disk(root, doc.id.clone(), Purpose::Changed));
        }
    }

    /// The open file as it is on disk now.
    fn on_disk(&mut self, id: &str, purpose: Purpose, disk: Result<String, String>, cx: &Context<'_>) {
        let known = cx.known_patterns();
        let Some(doc) = self.doc.as_mut().filter(|d| d.id == id) else {
            return;
        };
        match (purpose, disk) {
            (Purpose::Changed, Ok(disk)) if disk == doc.saved_text() => {}
            (Purpose::Changed, Ok(disk)) => {
                if doc.is_dirty() && disk != doc.text {
                    self.conflict = true;
                } else {
                    doc.reload(disk, &known);
                    self.form = form_of(doc);
                }
            }
            // A new script, not written yet: not being on disk is expected.
            (Purpose::Changed, Err(_)) if self.new_file => {}
            (Purpose::Changed, Err(_)) if doc.is_dirty() => self.conflict = true,
            (Purpose::Changed, Err(_)) => {
                self.message = Some(format!("{} was removed outside Unbrace.", doc.id));
                self.doc = None;
                self.form = None;
            }
            // Mine stays unsaved; the disk version is what "saved" means from now on.
            (Purpose::KeepMine(true), disk) => doc.set_saved(disk.unwrap_or_default()),
            (Purpose::KeepMine(false), Ok(disk)) => {
                doc.reload(disk, &known);
                self.form = form_of(doc);
                // The typing was thrown away on purpose: never bring it back.
                if let Some(root) = cx.root {
                    self.jobs.push(jobs::remove_draft(root.to_owned(), id.to_owned()));
                }
            }
            (Purpose::KeepMine(false), Err(e)) => {
                self.message = Some(format!("Could not read the file: {e}"));
            }
        }
    }

    /// Why the open script cannot be saved, when it is a user file that cannot be.
    #[must_use]
    pub fn locked(&self) -> Option<&str> {
        self.locked.as_deref()
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

    fn failed(&mut self, what: &str, e: &str) -> Outcome {
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

/// How many free names to offer a new file: the disk has the last word (creating never
/// replaces a file), so the first one free there is taken.
const CANDIDATES: usize = 64;

/// File ids and routine names for `base` that are not taken by the library, a built-in, or a
/// file with a problem (which the library lists among its problems), in order. The number
/// goes after the shortened stem, so even 60-character names always find a free one.
fn unused_ids<'a>(
    cx: &'a Context<'_>,
    kind: ScriptKind,
    base: &'a str,
) -> impl Iterator<Item = (String, String)> + 'a {
    unused_ids_in(cx, templates::folder(kind), base)
}

/// The same, in `folder` (e.g. `reminders`).
fn unused_ids_in<'a>(
    cx: &'a Context<'_>,
    folder: &'a str,
    base: &'a str,
) -> impl Iterator<Item = (String, String)> + 'a {
    let stem = file_name::stem_for(base);
    let taken = move |id: &str| {
        cx.library.get(id).is_some()
            || cx.library.reminder(id).is_some()
            || unbrace_core::library::builtin::BUILT_IN.iter().any(|(b, _)| *b == id)
            || cx.root.is_some_and(|root| cx.library.problems().iter().any(|p| p.path == root.join(id)))
    };
    (1_u32..)
        .map(move |n| {
            if n == 1 {
                (format!("{folder}/{stem}.ron"), base.to_owned())
            } else {
                let suffix = format!(" {n}");
                let chars_left = 60_usize.saturating_sub(suffix.chars().count());
                let name: String = base.chars().take(chars_left).collect();
                (format!("{folder}/{stem}-{n}.ron"), format!("{}{suffix}", name.trim_end()))
            }
        })
        .filter(move |(id, _)| !taken(id))
        .take(CANDIDATES)
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
            self.reload();
        }

        fn reload(&mut self) {
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

        /// Runs the editor's jobs here, in order, as the disk thread would, until none are
        /// left; the outcomes, in order.
        fn settle(&mut self, editor: &mut EditorState, secs: u64) -> Vec<Outcome> {
            let mut outcomes = Vec::new();
            loop {
                let jobs = editor.take_jobs();
                if jobs.is_empty() {
                    return outcomes;
                }
                for job in jobs {
                    let done = job();
                    outcomes.extend(editor.on_done(done, &self.cx(secs)));
                }
                if outcomes.contains(&Outcome::Reload) {
                    self.reload();
                }
            }
        }

        fn draft(&self, id: &str) -> Option<String> {
            files::read_draft(self.dir.path(), id).map(|d| d.text)
        }
    }

    fn pattern(name: &str) -> String {
        templates::template(ScriptKind::Breathing, name)
    }

    fn open(f: &mut Fixture, editor: &mut EditorState, id: &str) {
        let outcome = editor.apply(EditorCommand::Open(id.to_owned()), &f.cx(0));
        assert_eq!(outcome, Outcome::Nothing);
        f.settle(editor, 0);
        assert_eq!(editor.doc.as_ref().map(|d| d.id.as_str()), Some(id), "{:?}", editor.message);
    }

    fn type_text(f: &Fixture, editor: &mut EditorState, more: &str, secs: u64) {
        editor.doc.as_mut().expect("open").text.push_str(more);
        let _ = editor.apply(EditorCommand::Edited, &f.cx(secs));
    }

    #[test]
    fn long_names_always_find_a_free_file_and_built_ins_count_as_taken() {
        let mut f = Fixture::new();
        let long = "x".repeat(60);
        f.write(&format!("breathing/{long}.ron"), "");
        let (id, name) = unused_ids(&f.cx(0), ScriptKind::Breathing, &long).next().expect("one");
        assert_eq!(id, format!("breathing/{long}-2.ron"));
        assert_eq!(name.chars().count(), 60);
        let (id, _) = unused_ids(&f.cx(0), ScriptKind::Breathing, "Coherent 6").next().expect("one");
        assert_eq!(id, "breathing/coherent-6-2.ron", "never replaces a built-in silently");
    }

    #[test]
    fn a_file_the_library_has_not_seen_yet_is_never_replaced() {
        let mut f = Fixture::new();
        // Written by another program a moment ago: the library does not know it yet.
        std::fs::write(f.dir.path().join("breathing/new-pattern.ron"), "theirs").expect("write");
        let mut editor = EditorState::default();
        let _ = editor.apply(EditorCommand::New(ScriptKind::Breathing), &f.cx(0));
        assert!(f.settle(&mut editor, 0).is_empty(), "nothing is written until it is saved");
        let _ = editor.apply(EditorCommand::Save, &f.cx(1));
        assert_eq!(f.settle(&mut editor, 1), [Outcome::Reload]);
        assert_eq!(editor.doc.as_ref().map(|d| d.id.as_str()), Some("breathing/new-pattern-2.ron"));
        let theirs = std::fs::read_to_string(f.dir.path().join("breathing/new-pattern.ron")).expect("kept");
        assert_eq!(theirs, "theirs");
    }

    #[test]
    fn keeping_mine_is_asked_once_and_taking_theirs_drops_the_draft() {
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        let mut editor = EditorState::default();
        open(&mut f, &mut editor, "breathing/calm.ron");
        type_text(&f, &mut editor, "// mine\n", 0);
        editor.tick(&f.cx(2));
        f.settle(&mut editor, 2);
        assert!(f.draft("breathing/calm.ron").is_some(), "draft written");

        f.write("breathing/calm.ron", &pattern("Calm, theirs"));
        editor.files_changed(&f.cx(3));
        f.settle(&mut editor, 3);
        assert!(editor.conflict);
        let _ = editor.apply(EditorCommand::KeepMine(true), &f.cx(3));
        f.settle(&mut editor, 3);
        editor.files_changed(&f.cx(4));
        f.settle(&mut editor, 4);
        assert!(!editor.conflict, "the same outside change is not asked about again");

        f.write("breathing/calm.ron", &pattern("Calm, theirs again"));
        editor.files_changed(&f.cx(5));
        f.settle(&mut editor, 5);
        assert!(editor.conflict);
        let _ = editor.apply(EditorCommand::KeepMine(false), &f.cx(5));
        f.settle(&mut editor, 5);
        assert!(!editor.is_dirty());
        assert_eq!(f.draft("breathing/calm.ron"), None, "rejected typing never returns");
    }

    #[test]
    fn delete_waits_for_unsaved_changes_and_broken_files_open_to_be_fixed() {
        let mut f = Fixture::new();
        f.write("breathing/broken.ron", "Pattern(name: \"Broken\",");
        assert!(f.library.get("breathing/broken.ron").is_none(), "the library skips it");
        let mut editor = EditorState::default();
        open(&mut f, &mut editor, "breathing/broken.ron");
        let doc = editor.doc.as_ref().expect("opens anyway");
        assert!(doc.editable && doc.diagnostic.is_some());
        type_text(&f, &mut editor, ")", 0);
        assert_eq!(editor.apply(EditorCommand::Delete, &f.cx(1)), Outcome::Nothing);
        f.settle(&mut editor, 1);
        assert!(f.dir.path().join("breathing/broken.ron").exists(), "not deleted while unsaved");
        assert!(editor.message.as_deref().is_some_and(|m| m.contains("Save or discard")));
    }

    #[test]
    fn rename_refuses_a_name_that_would_not_parse() {
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        let mut editor = EditorState::default();
        open(&mut f, &mut editor, "breathing/calm.ron");
        assert_eq!(editor.apply(EditorCommand::Rename("Tab\there".to_owned()), &f.cx(1)), Outcome::Nothing);
        assert!(editor.message.as_deref().is_some_and(|m| m.starts_with("Not renamed")));
        let _ = editor.apply(EditorCommand::Rename("Quiet".to_owned()), &f.cx(1));
        assert_eq!(f.settle(&mut editor, 1), [Outcome::Reload]);
        assert!(
            f.dir.path().join("breathing/quiet.ron").is_file()
                && !f.dir.path().join("breathing/calm.ron").exists()
        );
    }

    #[test]
    fn commands_that_need_the_disk_wait_for_the_one_before() {
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        let mut editor = EditorState::default();
        open(&mut f, &mut editor, "breathing/calm.ron");
        type_text(&f, &mut editor, "// more\n", 0);
        // Save, then Delete at once: Delete must see the save's result, not the unsaved state.
        let _ = editor.apply(EditorCommand::Save, &f.cx(1));
        let _ = editor.apply(EditorCommand::Delete, &f.cx(1));
        assert!(editor.is_busy());
        let outcomes = f.settle(&mut editor, 1);
        assert_eq!(outcomes, [Outcome::Reload, Outcome::Reload]);
        assert!(!f.dir.path().join("breathing/calm.ron").exists(), "deleted after the save");
        assert!(editor.can_undo_delete());
        let _ = editor.apply(EditorCommand::UndoDelete, &f.cx(2));
        f.settle(&mut editor, 2);
        let back = std::fs::read_to_string(f.dir.path().join("breathing/calm.ron")).expect("restored");
        assert!(back.ends_with("// more\n"), "the saved text came back");
    }

    #[test]
    fn typing_during_a_save_stays_unsaved() {
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        let mut editor = EditorState::default();
        open(&mut f, &mut editor, "breathing/calm.ron");
        type_text(&f, &mut editor, "// one\n", 0);
        let _ = editor.apply(EditorCommand::Save, &f.cx(1));
        type_text(&f, &mut editor, "// two\n", 1);
        f.settle(&mut editor, 1);
        assert!(editor.is_dirty(), "the second line was typed after the save began");
        let disk = std::fs::read_to_string(f.dir.path().join("breathing/calm.ron")).expect("reads");
        assert!(disk.ends_with("// one\n"));
    }

    #[test]
    fn a_thrown_away_draft_that_could_not_be_removed_is_never_brought_back() {
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        // A draft from a crash, as left on disk.
        files::write_draft(f.dir.path(), "breathing/calm.ron", "old typing", &pattern("Calm"))
            .expect("draft");
        let mut editor = EditorState::default();
        // The user threw that typing away, but the draft could not be removed.
        let cx = f.cx(0);
        let outcomes = editor.on_done(
            EditorDone::Draft {
                id: "breathing/calm.ron".to_owned(),
                removed: true,
                result: Err("Read-only file system".to_owned()),
            },
            &cx,
        );
        assert!(outcomes.is_empty());
        assert!(editor.message.as_deref().is_some_and(|m| m.contains("Read-only file system")), "said");
        open(&mut f, &mut editor, "breathing/calm.ron");
        let doc = editor.doc.as_ref().expect("open");
        assert_ne!(doc.text, "old typing", "the discarded typing stays discarded");
        assert!(!doc.is_dirty());
        assert!(editor.message.as_deref().is_some_and(|m| m.contains("not brought back")));
    }

    #[test]
    fn a_draft_left_by_a_crash_is_restored() {
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        files::write_draft(f.dir.path(), "breathing/calm.ron", &pattern("Calm, unsaved"), &pattern("Calm"))
            .expect("draft");
        let mut editor = EditorState::default();
        open(&mut f, &mut editor, "breathing/calm.ron");
        assert!(editor.is_dirty());
        assert_eq!(editor.message.as_deref(), Some("Restored unsaved changes from your last session."));
    }

    #[test]
    fn discarding_at_the_guard_removes_the_draft_and_moves_on() {
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        f.write("breathing/quiet.ron", &pattern("Quiet"));
        let mut editor = EditorState::default();
        open(&mut f, &mut editor, "breathing/calm.ron");
        type_text(&f, &mut editor, "// mine\n", 0);
        editor.tick(&f.cx(2));
        f.settle(&mut editor, 2);
        assert!(f.draft("breathing/calm.ron").is_some());
        let _ = editor.apply(EditorCommand::Open("breathing/quiet.ron".to_owned()), &f.cx(3));
        assert_eq!(editor.pending, Some(Pending::Open("breathing/quiet.ron".to_owned())));
        let _ = editor.apply(EditorCommand::Guard(Some(false)), &f.cx(3));
        f.settle(&mut editor, 3);
        assert_eq!(editor.doc.as_ref().map(|d| d.id.as_str()), Some("breathing/quiet.ron"));
        assert_eq!(f.draft("breathing/calm.ron"), None);
    }

    #[test]
    fn saving_at_the_guard_saves_then_moves_on_and_a_broken_text_stays() {
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        f.write("breathing/quiet.ron", &pattern("Quiet"));
        let mut editor = EditorState::default();
        open(&mut f, &mut editor, "breathing/calm.ron");
        type_text(&f, &mut editor, "// saved on the way out\n", 0);
        let _ = editor.apply(EditorCommand::Open("breathing/quiet.ron".to_owned()), &f.cx(1));
        let _ = editor.apply(EditorCommand::Guard(Some(true)), &f.cx(1));
        f.settle(&mut editor, 1);
        assert_eq!(editor.doc.as_ref().map(|d| d.id.as_str()), Some("breathing/quiet.ron"));
        let calm = std::fs::read_to_string(f.dir.path().join("breathing/calm.ron")).expect("reads");
        assert!(calm.ends_with("// saved on the way out\n"));

        type_text(&f, &mut editor, "oops(", 2);
        let _ = editor.apply(EditorCommand::Open("breathing/calm.ron".to_owned()), &f.cx(3));
        let _ = editor.apply(EditorCommand::Guard(Some(true)), &f.cx(3));
        f.settle(&mut editor, 3);
        assert_eq!(editor.doc.as_ref().map(|d| d.id.as_str()), Some("breathing/quiet.ron"), "stays");
        assert!(editor.message.as_deref().is_some_and(|m| m.starts_with("Not saved")));
        assert!(f.draft("breathing/quiet.ron").is_some_and(|d| d.ends_with("oops(\n")), "kept as a draft");
    }

    #[test]
    fn a_draft_over_a_file_that_changed_since_asks_which_to_keep() {
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        // Typed over "Calm", left by a crash; then another editor changed the file.
        files::write_draft(f.dir.path(), "breathing/calm.ron", &pattern("Calm, mine"), &pattern("Calm"))
            .expect("draft");
        f.write("breathing/calm.ron", &pattern("Calm, theirs"));
        let mut editor = EditorState::default();
        open(&mut f, &mut editor, "breathing/calm.ron");
        assert!(editor.conflict, "asked, not restored over the newer file");
        assert!(editor.doc.as_ref().is_some_and(|d| d.saved_text().contains("Calm, theirs")));
        // Keeping mine keeps the typing as unsaved edits over the file as it is now.
        let _ = editor.apply(EditorCommand::KeepMine(true), &f.cx(1));
        f.settle(&mut editor, 1);
        let doc = editor.doc.as_ref().expect("open");
        assert!(doc.is_dirty() && doc.text.contains("Calm, mine"));
        let disk = std::fs::read_to_string(f.dir.path().join("breathing/calm.ron")).expect("reads");
        assert!(disk.contains("Calm, theirs"), "nothing was overwritten");
    }

    #[test]
    fn a_write_protected_script_opens_read_only_and_says_why() {
        use std::os::unix::fs::PermissionsExt as _;
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        let path = f.dir.path().join("breathing/calm.ron");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        let mut editor = EditorState::default();
        open(&mut f, &mut editor, "breathing/calm.ron");
        assert!(!editor.doc.as_ref().expect("open").editable);
        assert!(
            editor.message.as_deref().is_some_and(|m| m.contains("write-protected")),
            "{:?}",
            editor.message
        );
    }

    #[test]
    fn a_file_name_that_is_not_utf8_opens_read_only_and_is_never_saved_as_another_file() {
        use std::os::unix::ffi::OsStrExt as _;
        let mut f = Fixture::new();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.ron");
        std::fs::write(f.dir.path().join("breathing").join(name), pattern("Café")).expect("write");
        f.reload();
        let id = f.library.entries().iter().find(|e| e.script.name() == "Café").expect("loaded").id.clone();
        let mut editor = EditorState::default();
        open(&mut f, &mut editor, &id);
        assert!(!editor.doc.as_ref().expect("open").editable);
        assert!(
            editor.message.as_deref().is_some_and(|m| m.contains("not valid UTF-8")),
            "{:?}",
            editor.message
        );
        let _ = editor.apply(EditorCommand::Save, &f.cx(1));
        f.settle(&mut editor, 1);
        assert!(editor.message.as_deref().is_some_and(|m| m.starts_with("Not saved: this file's name")));
        let names: Vec<_> = std::fs::read_dir(f.dir.path().join("breathing")).expect("lists").collect();
        assert_eq!(names.len(), 1, "no second file with a replacement character in its name");
    }

    #[test]
    fn a_new_script_is_written_only_when_saved_and_can_be_discarded() {
        let mut f = Fixture::new();
        let mut editor = EditorState::default();
        let _ = editor.apply(EditorCommand::New(ScriptKind::Breathing), &f.cx(0));
        f.settle(&mut editor, 0);
        assert!(editor.is_dirty(), "unsaved until saved");
        assert!(!f.dir.path().join("breathing/new-pattern.ron").exists());
        editor.files_changed(&f.cx(1));
        f.settle(&mut editor, 1);
        assert!(!editor.conflict, "not being on disk yet is expected");
        let _ = editor.apply(EditorCommand::StartRename, &f.cx(1));
        assert!(editor.rename.is_none(), "renaming would write it");
        let _ = editor.apply(EditorCommand::Discard, &f.cx(2));
        f.settle(&mut editor, 2);
        assert!(editor.doc.is_none());
        assert!(!f.dir.path().join("breathing/new-pattern.ron").exists());
    }

    #[test]
    fn discard_goes_back_to_the_file_as_saved_and_drops_the_draft() {
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        let mut editor = EditorState::default();
        open(&mut f, &mut editor, "breathing/calm.ron");
        type_text(&f, &mut editor, "// scratch\n", 0);
        editor.tick(&f.cx(2));
        f.settle(&mut editor, 2);
        assert!(f.draft("breathing/calm.ron").is_some());
        let _ = editor.apply(EditorCommand::Discard, &f.cx(3));
        f.settle(&mut editor, 3);
        assert!(!editor.is_dirty());
        assert_eq!(f.draft("breathing/calm.ron"), None);
        let _ = editor.apply(EditorCommand::StartRename, &f.cx(4));
        assert_eq!(editor.rename.as_deref(), Some("Calm"), "renaming works once nothing is unsaved");
    }

    #[test]
    fn a_saved_script_ends_with_a_line_end() {
        let mut f = Fixture::new();
        f.write("breathing/calm.ron", &pattern("Calm"));
        let mut editor = EditorState::default();
        open(&mut f, &mut editor, "breathing/calm.ron");
        editor.doc.as_mut().expect("open").text = pattern("Calm").trim_end().to_owned();
        let _ = editor.apply(EditorCommand::Save, &f.cx(1));
        f.settle(&mut editor, 1);
        let disk = std::fs::read_to_string(f.dir.path().join("breathing/calm.ron")).expect("reads");
        assert!(disk.ends_with(")\n"), "{disk:?}");
        assert!(!editor.is_dirty());
    }
}
