//! The script editor view: every routine in a list (built-ins read-only) under the scripts
//! folder's path, and the open one as text ([`super::text_view`]) or as a form, under a
//! toolbar and a status strip that keep their room whatever they say, so the text never
//! moves. Returns commands; the text itself is edited in place like any text field.

use egui::{RichText, Ui};

use super::state::{EditorCommand, EditorState, FolderNote, Pending};
use super::{form_view, text_view};
use crate::theme;
use unbrace_core::editor::document::Document;
use unbrace_core::library::{Library, Origin};
use unbrace_core::script::{Script, ScriptKind};

/// The whole editor page.
pub fn editor_ui(
    ui: &mut Ui,
    state: &mut EditorState,
    library: &Library,
    root: Option<&std::path::Path>,
    commands: &mut Vec<EditorCommand>,
) {
    // Narrower in a small window or with large text, so the editor keeps room.
    let list_width = (ui.available_width() * 0.32).clamp(180.0, 320.0);
    egui::Panel::left("scripts_list")
        .frame(theme::panel_frame())
        .resizable(false)
        .exact_size(list_width)
        .show(ui, |ui| {
            list_ui(ui, state, library, root, commands);
        });
    egui::CentralPanel::default().frame(theme::central_frame()).show(ui, |ui| {
        // Toolbar first, then the status strip: each keeps its room whatever it says, so the
        // text below never moves when a problem or a message comes and goes.
        if let Some(doc) = &state.doc {
            toolbar_ui(ui, doc, state.form_mode, state.locked(), commands);
            ui.add_space(theme::GAP / 2.0);
        }
        status_strip(ui, state, commands);
        ui.add_space(theme::GAP / 2.0);
        match &mut state.doc {
            None => {
                ui.add_space(theme::GAP * 2.0);
                ui.label(
                    RichText::new("Choose a script on the left, or start a new one.")
                        .color(theme::palette().muted),
                );
            }
            Some(doc) => match (&mut state.form, state.form_mode) {
                (Some(form), true) if doc.editable => {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        if form_view::form_ui(ui, form) {
                            commands.push(EditorCommand::Edited);
                        }
                    });
                }
                _ => {
                    if text_view::text_ui(ui, doc) {
                        commands.push(EditorCommand::Edited);
                    }
                }
            },
        }
    });
}

fn list_ui(
    ui: &mut Ui,
    state: &EditorState,
    library: &Library,
    root: Option<&std::path::Path>,
    commands: &mut Vec<EditorCommand>,
) {
    let header = |ui: &mut Ui, commands: &mut Vec<EditorCommand>| {
        ui.heading("Scripts");
        ui.horizontal_wrapped(|ui| {
            if ui.button("New pattern").clicked() {
                commands.push(EditorCommand::New(ScriptKind::Breathing));
            }
            if ui.button("New body scan").clicked() {
                commands.push(EditorCommand::New(ScriptKind::BodyScan));
            }
            if ui.button("New reminder").clicked() {
                commands.push(EditorCommand::NewReminder);
            }
            if root.is_some() && ui.button("Open folder").clicked() {
                commands.push(EditorCommand::RevealFolder);
            }
        });
        folder_ui(ui, root, &state.folder);
        ui.add_space(theme::GAP / 2.0);
    };
    // With room, the heading and buttons stay put over the list; in a short window (or with
    // large text) they scroll with it, so the list is never squeezed out of sight.
    let compact = ui.available_height() < 480.0;
    if !compact {
        header(ui, commands);
    }
    let open = state.doc.as_ref().map(|d| d.id.as_str());
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        if compact {
            header(ui, commands);
        }
        for kind in [ScriptKind::Breathing, ScriptKind::BodyScan] {
            ui.label(RichText::new(kind.label()).small().color(theme::palette().muted));
            for entry in library.entries().iter().filter(|e| e.script.kind() == kind) {
                let badge = match entry.origin {
                    Origin::BuiltIn => "built-in",
                    Origin::User { replaces_built_in: true, .. } => "yours, replaces a built-in",
                    Origin::User { .. } => "yours",
                };
                let button = egui::Button::selectable(open == Some(entry.id.as_str()), entry.script.name())
                    .right_text(RichText::new(badge).small().color(theme::palette().muted));
                if ui.add_sized([ui.available_width(), 30.0], button).clicked() {
                    commands.push(EditorCommand::Open(entry.id.clone()));
                }
            }
            ui.add_space(theme::GAP / 2.0);
        }
        ui.label(RichText::new("Reminders").small().color(theme::palette().muted));
        for entry in library.reminders() {
            let button =
                egui::Button::selectable(open == Some(entry.id.as_str()), entry.reminder.name.as_str())
                    .right_text(
                        RichText::new(origin_badge(&entry.origin, entry.reminder.enabled))
                            .small()
                            .color(theme::palette().muted),
                    );
            if ui.add_sized([ui.available_width(), 30.0], button).clicked() {
                commands.push(EditorCommand::Open(entry.id.clone()));
            }
        }
        ui.add_space(theme::GAP / 2.0);
        // Files the library skipped because of a problem: open them here to fix them.
        let broken: Vec<String> = library
            .problems()
            .iter()
            .filter_map(|p| {
                let relative = p.path.strip_prefix(root?).ok()?;
                let id = relative.to_string_lossy().replace('\\', "/");
                unbrace_core::editor::file_name::is_safe_id(&id).then_some(id)
            })
            .collect();
        if !broken.is_empty() {
            ui.label(RichText::new("With problems").small().color(theme::palette().caution));
            for id in broken {
                let button = egui::Button::selectable(open == Some(id.as_str()), id.as_str())
                    .right_text(RichText::new("fix me").small().color(theme::palette().caution));
                if ui.add_sized([ui.available_width(), 30.0], button).clicked() {
                    commands.push(EditorCommand::Open(id));
                }
            }
        }
    });
}

/// Where a reminder comes from, and whether it is off ("built-in, off").
fn origin_badge(origin: &Origin, enabled: bool) -> String {
    let from = match origin {
        Origin::BuiltIn => "built-in",
        Origin::User { replaces_built_in: true, .. } => "yours, replaces a built-in",
        Origin::User { .. } => "yours",
    };
    if enabled { from.to_owned() } else { format!("{from}, off") }
}

fn toolbar_ui(
    ui: &mut Ui,
    doc: &Document,
    form_mode: bool,
    locked: Option<&str>,
    commands: &mut Vec<EditorCommand>,
) {
    let mut title = doc.id.clone();
    if doc.is_dirty() {
        title.push_str("  · unsaved");
    }
    ui.label(RichText::new(title).monospace().color(theme::palette().muted));
    // Wraps onto more lines in a narrow window or with large text.
    ui.horizontal_wrapped(|ui| {
        if !doc.editable {
            let why = if locked.is_some() { "Read-only" } else { "Built-in, read-only" };
            ui.label(RichText::new(why).color(theme::palette().muted));
            if ui.button("Duplicate to edit").clicked() {
                commands.push(EditorCommand::Duplicate);
            }
            return;
        }
        let save = egui::Button::new("Save").fill(theme::faded(theme::palette().breath, 0.35));
        if ui.add(save).on_hover_text("Ctrl+S").clicked() {
            commands.push(EditorCommand::Save);
        }
        // Always there (greyed out with nothing to discard), so the buttons never shift.
        if ui.add_enabled(doc.is_dirty(), egui::Button::new("Discard changes")).clicked() {
            commands.push(EditorCommand::Discard);
        }
        if ui.button("Try it").clicked() {
            commands.push(EditorCommand::Try);
        }
        // A pattern's form stays offered while its text has a problem (greyed out), so the
        // buttons do not shift as problems come and go.
        let is_pattern = matches!(doc.parsed, Some(Script::Pattern(_)));
        if is_pattern || form_mode || doc.id.starts_with("breathing/") {
            let label = if form_mode { "Show text" } else { "Show form" };
            let button = ui
                .add_enabled(is_pattern || form_mode, egui::Button::new(label))
                .on_disabled_hover_text("Fix the problem in the text to use the form.");
            if button.clicked() {
                commands.push(EditorCommand::ToggleForm);
            }
        }
        if ui.button("Rename").clicked() {
            commands.push(EditorCommand::StartRename);
        }
        if ui.button("Delete").clicked() {
            commands.push(EditorCommand::Delete);
        }
    });
}

/// Where the scripts are, as text to select and copy, and what came of opening the folder.
fn folder_ui(ui: &mut Ui, root: Option<&std::path::Path>, note: &FolderNote) {
    let muted = theme::palette().muted;
    let Some(root) = root else {
        ui.label(RichText::new("There is no scripts folder on this system.").small().color(muted));
        return;
    };
    ui.label(RichText::new("Your scripts are in").small().color(muted));
    let path = egui::Label::new(RichText::new(root.display().to_string()).monospace().small())
        .selectable(true)
        .wrap();
    ui.add(path);
    let (text, color) = match note {
        FolderNote::Nothing => return,
        FolderNote::Opening => ("Opening it in your file manager\u{2026}".to_owned(), muted),
        FolderNote::Opened => ("Opened in your file manager.".to_owned(), muted),
        FolderNote::Failed(why) => (
            format!("Could not open the folder: {why}. You can copy the path above instead."),
            theme::palette().caution,
        ),
    };
    ui.add(egui::Label::new(RichText::new(text).small().color(color)).wrap());
}

/// The problem in the text (or "No problems") and the last message, in a strip whose height
/// never changes: a message too long for it scrolls within it instead of pushing the text
/// down.
fn status_strip(ui: &mut Ui, state: &EditorState, commands: &mut Vec<EditorCommand>) {
    let text_row = ui.text_style_height(&egui::TextStyle::Body);
    let button_row = ui.spacing().interact_size.y.max(text_row + 2.0 * ui.spacing().button_padding.y);
    let height = text_row + ui.spacing().item_spacing.y + button_row;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(ui.available_width(), height), egui::Sense::hover());
    let mut strip =
        ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(egui::Layout::top_down(egui::Align::Min)));
    egui::ScrollArea::vertical()
        .id_salt("editor_status")
        .auto_shrink([false, false])
        .max_height(height)
        .show(&mut strip, |ui| {
            if let Some(doc) = &state.doc {
                status_ui(ui, doc);
            }
            if let Some(message) = &state.message {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(message).color(theme::palette().muted));
                    if state.can_undo_delete() && ui.button("Undo").clicked() {
                        commands.push(EditorCommand::UndoDelete);
                    }
                });
            }
        });
}

fn status_ui(ui: &mut Ui, doc: &Document) {
    match &doc.diagnostic {
        Some(d) => {
            ui.label(
                RichText::new(format!("Line {}, column {}: {}", d.start.0, d.start.1, d.message))
                    .color(theme::palette().caution),
            );
        }
        None => {
            ui.label(RichText::new("No problems").color(theme::palette().breath));
        }
    }
}

/// "Save your changes?", "changed on disk" and "rename": shown over whatever page is open,
/// so closing the window during a practice still asks.
pub fn dialogs_ui(ctx: &egui::Context, state: &mut EditorState, commands: &mut Vec<EditorCommand>) {
    if let Some(pending) = &state.pending {
        let what = match pending {
            Pending::Close => "before closing",
            Pending::Open(_) | Pending::New(_) | Pending::NewReminder => "before leaving this script",
        };
        egui::Modal::new(egui::Id::unique("editor_guard")).show(ctx, |ui| {
            ui.heading("Save your changes?");
            ui.label(format!("This script has unsaved changes. Save them {what}?"));
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    commands.push(EditorCommand::Guard(Some(true)));
                }
                if ui.button("Discard").clicked() {
                    commands.push(EditorCommand::Guard(Some(false)));
                }
                if ui.button("Cancel").clicked() {
                    commands.push(EditorCommand::Guard(None));
                }
            });
        });
    }
    if state.conflict {
        egui::Modal::new(egui::Id::unique("editor_conflict")).show(ctx, |ui| {
            ui.heading("This file changed on disk");
            ui.label(
                "It was changed outside Unbrace while you had unsaved edits here. Which do you want to keep?",
            );
            ui.horizontal(|ui| {
                if ui.button("Keep my edits").clicked() {
                    commands.push(EditorCommand::KeepMine(true));
                }
                if ui.button("Use the file on disk").clicked() {
                    commands.push(EditorCommand::KeepMine(false));
                }
            });
        });
    }
    if let Some(name) = &mut state.rename {
        egui::Modal::new(egui::Id::unique("editor_rename")).show(ctx, |ui| {
            ui.heading("Rename");
            let label = ui.label("New name");
            let edit = ui.add(egui::TextEdit::singleline(name).char_limit(60)).labelled_by(label.id);
            edit.request_focus();
            ui.label(RichText::new("The file is renamed to match.").small().color(theme::palette().muted));
            ui.horizontal(|ui| {
                let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Rename").clicked() || enter {
                    commands.push(EditorCommand::Rename(name.clone()));
                }
                if ui.button("Cancel").clicked() {
                    commands.push(EditorCommand::CancelRename);
                }
            });
        });
    }
}
