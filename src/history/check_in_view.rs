//! The optional quick check-in before a practice and check-out after it: stress and tension
//! from 0 to 10, where it feels tense (tap the body map or the names), and after, a note.

use std::collections::{BTreeSet, HashSet};

use egui::{RichText, Ui};

use crate::body_scan::body_map;
use crate::command::Command;
use crate::theme;
use unbrace_core::body_scan::region::Region;
use unbrace_core::history::record::CheckIn;

/// What the form holds while it is open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckInForm {
    pub stress: u8,
    pub tension: u8,
    pub regions: BTreeSet<Region>,
    pub note: String,
}

impl CheckInForm {
    #[must_use]
    pub fn check_in(&self) -> CheckIn {
        CheckIn {
            stress: self.stress,
            tension: self.tension,
            regions: self.regions.iter().copied().collect(),
        }
    }
}

/// The form. `after` adds the note and changes the words.
pub fn check_in_ui(ui: &mut Ui, form: &mut CheckInForm, after: bool, ask: bool, commands: &mut Vec<Command>) {
    // Scrolls when the window is short (or the text large), so the buttons stay reachable.
    egui::ScrollArea::vertical().auto_shrink([false, true]).show(ui, |ui| {
        form_ui(ui, form, after, ask, commands);
    });
}

fn form_ui(ui: &mut Ui, form: &mut CheckInForm, after: bool, ask: bool, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.set_max_width(720.0);
        ui.add_space(theme::GAP / 2.0);
        let title = if after { "How do you feel now?" } else { "How are you arriving?" };
        ui.label(RichText::new(title).size(theme::HEADING_SIZE + 4.0));
        let subtitle = if after {
            "Well done. A quick check-out, if you like; skip it any time."
        } else {
            "A quick check-in, if you like. Skip it any time."
        };
        ui.label(RichText::new(subtitle).color(theme::palette().muted));
        ui.add_space(theme::GAP);
        egui::Grid::new("ratings").num_columns(2).spacing([16.0, 12.0]).show(ui, |ui| {
            for (name, value) in [("Stress", &mut form.stress), ("Tension", &mut form.tension)] {
                let label = ui.label(name);
                ui.add(egui::Slider::new(value, 0..=10).show_value(true)).labelled_by(label.id);
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
            let selected: HashSet<Region> = form.regions.iter().copied().collect();
            body_map::paint(ui, rect, &selected, &HashSet::new());
            if response.clicked()
                && let Some(region) =
                    response.interact_pointer_pos().and_then(|p| body_map::region_at(rect, p))
            {
                toggle(&mut form.regions, region);
            }
            ui.vertical(|ui| {
                ui.set_max_width(ui.available_width().min(420.0));
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing = egui::vec2(6.0, 6.0);
                    for region in
                        Region::ALL.into_iter().filter(|r| !matches!(r, Region::WholeBody | Region::Breath))
                    {
                        let on = form.regions.contains(&region);
                        if ui.selectable_label(on, RichText::new(region.label()).small()).clicked() {
                            toggle(&mut form.regions, region);
                        }
                    }
                });
            });
        });
        if after {
            ui.add_space(theme::GAP / 2.0);
            let label = ui.label("Note");
            ui.add(
                egui::TextEdit::multiline(&mut form.note)
                    .hint_text("Anything you noticed (optional)")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .char_limit(2000),
            )
            .labelled_by(label.id);
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

fn toggle(set: &mut BTreeSet<Region>, region: Region) {
    if !set.remove(&region) {
        set.insert(region);
    }
}
