//! The optional quick check-in before a practice and check-out after it: stress and tension
//! from 0 to 10, where it feels tense (tap the body map or the names), and after, a note.

use std::collections::HashSet;

use egui::{RichText, Ui};

use crate::body_scan::body_map;
use crate::command::Command;
use crate::theme;
use unbrace_core::body_scan::region::Region;
use unbrace_core::history::record::CheckIn;
use unbrace_core::practice::check_in::{CheckInDraft, CheckInEdit, MAX_NOTE_CHARS, MAX_RATING};

/// Which form: the check-in before a practice, or the check-out after it (with the check-in,
/// to compare).
#[derive(Debug, Clone, Copy)]
pub enum Form<'a> {
    Before,
    After { before: Option<&'a CheckIn> },
}

/// The form, showing `draft`; every change is a command. The check-out adds the note and
/// changes the words.
pub fn check_in_ui(
    ui: &mut Ui,
    draft: &CheckInDraft,
    form: Form<'_>,
    ask: bool,
    commands: &mut Vec<Command>,
) {
    // Scrolls when the window is short (or the text large), so the buttons stay reachable.
    egui::ScrollArea::vertical().auto_shrink([false, true]).show(ui, |ui| {
        form_ui(ui, draft, form, ask, commands);
    });
}

fn form_ui(ui: &mut Ui, draft: &CheckInDraft, form: Form<'_>, ask: bool, commands: &mut Vec<Command>) {
    let after = matches!(form, Form::After { .. });
    ui.vertical_centered(|ui| {
        ui.set_max_width(720.0);
        ui.add_space(theme::GAP / 2.0);
        // After a practice: a moment to notice first, then (if you like) the ratings.
        let title = if after { "Take a moment to notice how you feel." } else { "How are you arriving?" };
        ui.label(RichText::new(title).size(theme::HEADING_SIZE + 4.0));
        let subtitle = if after {
            "Then, if you like, a quick check-out. Skip it any time."
        } else {
            "A quick check-in, if you like. Skip it any time."
        };
        ui.label(RichText::new(subtitle).color(theme::palette().muted));
        ui.add_space(theme::GAP);
        let before = match form {
            Form::After { before: Some(before) } => Some(before),
            _ => None,
        };
        egui::Grid::new("ratings").num_columns(3).spacing([16.0, 12.0]).show(ui, |ui| {
            // Each row: the name, the rating, the rating before, and the edit that sets it.
            type Row<'a> = (&'a str, Option<u8>, Option<u8>, fn(u8) -> CheckInEdit);
            let rows: [Row<'_>; 2] = [
                ("Stress", draft.stress, before.and_then(|b| b.stress), CheckInEdit::Stress),
                ("Tension", draft.tension, before.and_then(|b| b.tension), CheckInEdit::Tension),
            ];
            for (name, value, was, edit) in rows {
                let label = ui.label(name);
                // Not rated until touched: an untouched form records nothing.
                let mut shown = value.unwrap_or(0);
                let slider = egui::Slider::new(&mut shown, 0..=MAX_RATING).show_value(value.is_some());
                if ui.add(slider).labelled_by(label.id).changed() {
                    commands.push(Command::EditCheckIn(edit(shown)));
                }
                let aside = match (value, was) {
                    (None, _) => "not rated".to_owned(),
                    (Some(_), Some(was)) => format!("before: {was}"),
                    (Some(_), None) => String::new(),
                };
                ui.label(RichText::new(aside).color(theme::palette().muted));
                ui.end_row();
            }
        });
        ui.add_space(theme::GAP / 2.0);
        ui.label(
            RichText::new("Where does it feel tense? Tap the body or the names.")
                .color(theme::palette().muted),
        );
        ui.horizontal(|ui| {
            let height = 160.0;
            let (rect, response) =
                ui.allocate_exact_size(egui::vec2(height * body_map::aspect(), height), egui::Sense::click());
            let selected: HashSet<Region> = draft.regions.iter().copied().collect();
            body_map::paint(ui, rect, &selected, &HashSet::new());
            if response.clicked()
                && let Some(region) =
                    response.interact_pointer_pos().and_then(|p| body_map::region_at(rect, p))
            {
                commands.push(Command::EditCheckIn(CheckInEdit::ToggleRegion(region)));
            }
            ui.vertical(|ui| {
                ui.set_max_width(ui.available_width().min(420.0));
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing = egui::vec2(6.0, 6.0);
                    for region in
                        Region::ALL.into_iter().filter(|r| !matches!(r, Region::WholeBody | Region::Breath))
                    {
                        let on = draft.regions.contains(&region);
                        if ui.selectable_label(on, RichText::new(region.label()).small()).clicked() {
                            commands.push(Command::EditCheckIn(CheckInEdit::ToggleRegion(region)));
                        }
                    }
                });
            });
        });
        if after {
            ui.add_space(theme::GAP / 2.0);
            let label = ui.label("Note");
            let mut note = draft.note.clone();
            let edit = ui
                .add(
                    egui::TextEdit::multiline(&mut note)
                        .hint_text("Anything you noticed (optional)")
                        .desired_rows(2)
                        .desired_width(f32::INFINITY)
                        .char_limit(MAX_NOTE_CHARS),
                )
                .labelled_by(label.id);
            if edit.changed() {
                commands.push(Command::EditCheckIn(CheckInEdit::Note(note)));
            }
        }
        ui.add_space(theme::GAP);
        ui.horizontal(|ui| {
            ui.add_space((ui.available_width() - 560.0).max(0.0) / 2.0);
            let go = if after { "Save" } else { "Begin" };
            let primary = egui::Button::new(go)
                .min_size(egui::vec2(120.0, 40.0))
                .fill(theme::faded(theme::palette().breath, 0.35));
            if ui.add(primary).clicked() {
                commands.push(Command::SubmitCheckIn);
            }
            if ui.add(egui::Button::new("Skip").min_size(egui::vec2(120.0, 40.0))).clicked() {
                commands.push(Command::SkipCheckIn);
            }
            ui.add_space(theme::GAP);
            let mut keep_asking = ask;
            if ui.checkbox(&mut keep_asking, "Ask before and after each practice").changed() {
                commands.push(Command::SetCheckIns(keep_asking));
            }
        });
    });
}
