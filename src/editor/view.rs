//! The script editor view: every routine in a list (built-ins read-only), and the open one as
//! highlighted RON text with line numbers and the problem underlined in place, or as a form.
//! Returns commands; the text itself is edited in place like any text field.

use egui::text::{ByteIndex, LayoutJob, LayoutSection};
use egui::{RichText, Stroke, Ui};

use super::form_view;
use super::state::{EditorCommand, EditorState, Pending};
use crate::theme;
use unbrace_core::editor::document::{Document, byte_range};
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
        // Toolbar first, so it never moves when a message comes and goes.
        if let Some(doc) = &state.doc {
            toolbar_ui(ui, doc, state.form_mode, state.locked(), commands);
            ui.add_space(theme::GAP / 2.0);
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
                    if text_ui(ui, doc) {
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
            if ui.button("Open folder").clicked() {
                commands.push(EditorCommand::RevealFolder);
            }
        });
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
        if doc.is_dirty() && ui.button("Discard changes").clicked() {
            commands.push(EditorCommand::Discard);
        }
        if ui.button("Try it").clicked() {
            commands.push(EditorCommand::Try);
        }
        if matches!(doc.parsed, Some(Script::Pattern(_))) || form_mode {
            let label = if form_mode { "Show text" } else { "Show form" };
            if ui.button(label).clicked() {
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

/// The text with line numbers; returns `true` if it was edited.
fn text_ui(ui: &mut Ui, doc: &mut Document) -> bool {
    let underline = doc
        .diagnostic
        .as_ref()
        .map(|d| byte_range(&doc.text, d.start, d.end))
        .filter(|r| r.end <= doc.text.len());
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let mut changed = false;
    egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
        ui.horizontal_top(|ui| {
            // The gutter is painted after the text is laid out, row by row, so the numbers
            // always sit on their lines.
            let (gutter, _) = ui.allocate_exact_size(egui::vec2(44.0, 0.0), egui::Sense::hover());
            let theme = egui_extras::syntax_highlighting::CodeTheme::from_style(ui.style());
            let mut layouter = |ui: &Ui, buf: &dyn egui::TextBuffer, _wrap: f32| {
                let mut job = egui_extras::syntax_highlighting::highlight(
                    ui.ctx(),
                    ui.style(),
                    &theme,
                    buf.as_str(),
                    "rs",
                );
                if let Some(range) = &underline
                    && range.end <= buf.as_str().len()
                {
                    underline_range(&mut job, range.clone());
                }
                job.wrap.max_width = f32::INFINITY;
                ui.fonts_mut(|f| f.layout_job(job))
            };
            let output = egui::TextEdit::multiline(&mut doc.text)
                .font(font.clone())
                .code_editor()
                .interactive(doc.editable)
                .desired_width(f32::INFINITY)
                .desired_rows(20)
                .lock_focus(true)
                .layouter(&mut layouter)
                .show(ui);
            let response = &output.response;
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, doc.editable, "Script text")
            });
            changed = response.changed();
            let painter = ui.painter();
            let color = theme::faded(theme::palette().muted, 0.7);
            let mut line = 1;
            let mut starts_line = true;
            for row in &output.galley.rows {
                if starts_line {
                    let y = output.galley_pos.y + row.rect().center().y;
                    let at = egui::pos2(gutter.right() - 8.0, y);
                    painter.text(at, egui::Align2::RIGHT_CENTER, line.to_string(), font.clone(), color);
                    line += 1;
                }
                starts_line = row.ends_with_newline;
            }
        });
    });
    changed
}

/// Underlines bytes `range` of `job` (splitting sections where needed).
fn underline_range(job: &mut LayoutJob, range: std::ops::Range<usize>) {
    let stroke = Stroke::new(2.0, theme::palette().caution);
    let mut sections = Vec::with_capacity(job.sections.len() + 2);
    for section in job.sections.drain(..) {
        let (start, end) = (section.byte_range.start.0, section.byte_range.end.0);
        let (a, b) = (range.start.clamp(start, end), range.end.clamp(start, end));
        if a >= b {
            sections.push(section);
            continue;
        }
        for (part, marked) in [(start..a, false), (a..b, true), (b..end, false)] {
            if part.is_empty() {
                continue;
            }
            let byte_range = ByteIndex(part.start)..ByteIndex(part.end);
            let mut s = LayoutSection { byte_range, ..section.clone() };
            if marked {
                s.format.underline = stroke;
                s.format.background = theme::faded(theme::palette().caution, 0.15);
            }
            sections.push(s);
        }
    }
    job.sections = sections;
}

/// "Save your changes?", "changed on disk" and "rename": shown over whatever page is open,
/// so closing the window during a practice still asks.
pub fn dialogs_ui(ctx: &egui::Context, state: &mut EditorState, commands: &mut Vec<EditorCommand>) {
    if let Some(pending) = &state.pending {
        let what = match pending {
            Pending::Close => "before closing",
            Pending::Open(_) | Pending::New(_) => "before leaving this script",
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
