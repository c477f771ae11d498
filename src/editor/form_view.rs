//! The form for breathing patterns, for people who never want to see RON: name, summary,
//! source, phases in a grid of aligned columns, length and ramp. Edits the same file as the
//! text view. Seconds out of range are brought within it, and a note beside the field says
//! so.

use egui::{RichText, Ui};

use crate::theme;
use unbrace_core::breathing::pattern::{Length, MAX_CYCLES, MAX_MINUTES, MAX_PHASES, PhaseKind};
use unbrace_core::editor::pattern_form::{PatternForm, PhaseField};

/// What one phase may last, in seconds (as [`unbrace_core::script::seconds::PhaseSecs`]).
const MIN_SECS: f64 = 0.5;
const MAX_SECS: f64 = 120.0;

const KINDS: [(PhaseKind, &str); 5] = [
    (PhaseKind::Inhale, "Breathe in"),
    (PhaseKind::TopUp, "Top-up sip"),
    (PhaseKind::HoldIn, "Hold (full)"),
    (PhaseKind::Exhale, "Breathe out"),
    (PhaseKind::HoldOut, "Hold (empty)"),
];

/// Shows the form; returns `true` if anything changed.
pub fn form_ui(ui: &mut Ui, form: &mut PatternForm) -> bool {
    let mut changed = false;
    ui.label(
        RichText::new("Changes here rewrite the file in the standard layout; comments in it are not kept.")
            .small()
            .color(theme::palette().muted),
    );
    egui::Grid::new("pattern_fields").num_columns(2).spacing([16.0, 10.0]).show(ui, |ui| {
        for (label, value, max) in [
            ("Name", &mut form.name, 60),
            ("Summary", &mut form.summary, 400),
            ("Source", &mut form.source, 400),
        ] {
            let l = ui.label(label);
            let edit = egui::TextEdit::singleline(value).char_limit(max).desired_width(f32::INFINITY);
            changed |= ui.add(edit).labelled_by(l.id).changed();
            ui.end_row();
        }
    });
    ui.add_space(theme::GAP / 2.0);
    ui.label(RichText::new("One breath").strong());
    let remove = phases_ui(ui, form, &mut changed);
    if let Some(i) = remove {
        forget_notes(ui, form.phases.len());
        form.phases.remove(i);
        if let Some((from, _)) = &mut form.ramp {
            from.remove(i);
        }
        changed = true;
    }
    if form.phases.len() < MAX_PHASES && ui.button("Add a phase").clicked() {
        form.phases.push(PhaseField { kind: PhaseKind::Exhale, secs: 4.0, cue: String::new() });
        if let Some((from, _)) = &mut form.ramp {
            from.push(4.0);
        }
        changed = true;
    }
    ui.add_space(theme::GAP / 2.0);
    ui.horizontal(|ui| {
        ui.label("Length");
        changed |= length_ui(ui, "length", "Length", &mut form.length);
    });
    let mut ramp_on = form.ramp.is_some();
    if ui.checkbox(&mut ramp_on, "Start from other durations and move to these (a ramp)").changed() {
        form.ramp = ramp_on.then(|| (form.phases.iter().map(|p| p.secs).collect(), Length::Minutes(5)));
        changed = true;
    }
    if let Some((from, over)) = &mut form.ramp {
        ui.horizontal(|ui| {
            ui.label("Start at");
            for (i, secs) in from.iter_mut().enumerate() {
                let label = format!("Ramp: phase {} starts at, seconds", i + 1);
                changed |= seconds_ui(ui, secs, egui::Id::unique(("ramp_secs", i)), &label);
            }
            ui.label("over");
            changed |= length_ui(ui, "ramp_length", "Ramp length", over);
        });
        // Said under the row, so the fields in it never move.
        for i in 0..from.len() {
            if let Some(note) = note(ui, egui::Id::unique(("ramp_secs", i))) {
                let text = format!("Phase {}: {note}", i + 1);
                ui.label(RichText::new(text).small().color(theme::palette().caution));
            }
        }
    }
    changed
}

/// The phases as a grid: every row's fields in the same columns, each column as wide as its
/// widest possible value, so nothing moves as kinds and values change. Returns the phase
/// whose Remove was pressed.
fn phases_ui(ui: &mut Ui, form: &mut PatternForm, changed: &mut bool) -> Option<usize> {
    let spacing = 12.0;
    let body = egui::TextStyle::Button.resolve(ui.style());
    let text_width = |ui: &Ui, text: &str| {
        ui.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), body.clone(), egui::Color32::WHITE).size().x)
    };
    let pad = 2.0 * ui.spacing().button_padding.x;
    let widest_kind = KINDS.iter().map(|(_, l)| text_width(ui, l)).fold(0.0, f32::max);
    let kind_width = widest_kind + pad + ui.spacing().icon_width + ui.spacing().icon_spacing;
    let secs_width = text_width(ui, "120.00 s") + pad;
    let remove_width = text_width(ui, "Remove") + pad;
    let cue_width =
        (ui.available_width() - kind_width - secs_width - remove_width - 3.0 * spacing - 8.0).max(120.0);
    let muted = theme::palette().muted;
    let count = form.phases.len();
    let mut remove = None;
    egui::Grid::new("pattern_phases").num_columns(4).spacing([spacing, 8.0]).show(ui, |ui| {
        for heading in ["Phase", "Seconds", "Cue (optional)"] {
            ui.label(RichText::new(heading).small().color(muted));
        }
        ui.end_row();
        for (i, phase) in form.phases.iter_mut().enumerate() {
            let label = KINDS.iter().find(|(k, _)| *k == phase.kind).map_or("", |(_, l)| *l);
            let kind = egui::ComboBox::from_id_salt(("phase_kind", i))
                .width(kind_width)
                .selected_text(label)
                .show_ui(ui, |ui| {
                    for (kind, text) in KINDS {
                        *changed |= ui.selectable_value(&mut phase.kind, kind, text).changed();
                    }
                });
            // Named for screen readers: "Phase 2", "Phase 2 seconds", "Phase 2 cue".
            name(&kind.response, egui::Role::ComboBox, &format!("Phase {}", i + 1), Some(label));
            let secs_id = egui::Id::unique(("phase_secs", i));
            ui.scope(|ui| {
                ui.spacing_mut().interact_size.x = secs_width;
                *changed |= seconds_ui(ui, &mut phase.secs, secs_id, &format!("Phase {} seconds", i + 1));
            });
            // Sized outright: a grid cell offers only last frame's column width.
            let cue_height = ui.spacing().interact_size.y;
            let cue = ui.add_sized(
                [cue_width, cue_height],
                egui::TextEdit::singleline(&mut phase.cue).char_limit(400),
            );
            name(&cue, egui::Role::TextInput, &format!("Phase {} cue", i + 1), Some(&phase.cue));
            *changed |= cue.changed();
            if count > 1 && ui.button("Remove").clicked() {
                remove = Some(i);
            }
            ui.end_row();
            if let Some(note) = note(ui, secs_id) {
                // Under the seconds, over the empty cells to its right: the columns keep
                // their widths.
                ui.label("");
                note_ui(ui, &note, secs_width + spacing + cue_width);
                ui.end_row();
            }
        }
    });
    remove
}

/// Seconds for a phase, typed or dragged: kept within what a file may say, and when a value
/// had to be changed to fit, a note says so (kept until the field is changed again).
fn seconds_ui(ui: &mut Ui, secs: &mut f64, id: egui::Id, label: &str) -> bool {
    // Wide open, so a typed 200 reaches us and can be answered rather than silently cut.
    let field = ui.add(egui::DragValue::new(secs).range(0.0..=100_000.0).speed(0.1).suffix(" s"));
    name(&field, egui::Role::SpinButton, label, None);
    if !field.changed() {
        return false;
    }
    let fitted = secs.clamp(MIN_SECS, MAX_SECS);
    let said = if *secs > MAX_SECS {
        Some(format!("At most {MAX_SECS} s: set to {MAX_SECS}."))
    } else if *secs < MIN_SECS {
        Some(format!("At least {MIN_SECS} s: set to {MIN_SECS}."))
    } else {
        None
    };
    *secs = fitted;
    ui.data_mut(|d| match said {
        Some(said) => {
            d.insert_temp(id, said);
        }
        None => d.remove::<String>(id),
    });
    true
}

/// The note left by [`seconds_ui`] for the field `id`, if any.
fn note(ui: &Ui, id: egui::Id) -> Option<String> {
    ui.data(|d| d.get_temp::<String>(id))
}

/// Forgets the notes of the first `count` phases (their rows are about to move).
fn forget_notes(ui: &Ui, count: usize) {
    ui.data_mut(|d| {
        for i in 0..count {
            d.remove::<String>(egui::Id::unique(("phase_secs", i)));
        }
    });
}

/// `text` starting in this cell and running over the cells to its right (up to `width`),
/// without widening the cell's column.
fn note_ui(ui: &mut Ui, text: &str, width: f32) {
    let color = theme::palette().caution;
    let font = egui::TextStyle::Small.resolve(ui.style());
    let galley = ui.fonts_mut(|f| f.layout(text.to_owned(), font, color, width));
    let (rect, response) = ui.allocate_exact_size(egui::vec2(1.0, galley.size().y), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    ui.painter().galley(rect.min, galley, color);
}

/// Gives a control without a visible label of its own an accessible name (and its value).
fn name(response: &egui::Response, role: egui::Role, label: &str, value: Option<&str>) {
    let enabled = response.enabled();
    response.widget_info(|| egui::WidgetInfo {
        current_text_value: value.map(str::to_owned),
        ..egui::WidgetInfo::labeled(role, enabled, label)
    });
}

fn length_ui(ui: &mut Ui, id: &str, what: &str, length: &mut Length) -> bool {
    let (mut n, minutes) = match *length {
        Length::Minutes(n) => (n, true),
        Length::Cycles(n) => (n, false),
    };
    let mut is_minutes = minutes;
    let max = if minutes { MAX_MINUTES } else { MAX_CYCLES };
    let count = ui.add(egui::DragValue::new(&mut n).range(1..=max));
    name(&count, egui::Role::SpinButton, what, None);
    let mut changed = count.changed();
    let unit = if minutes { "minutes" } else { "breaths" };
    let unit_box = egui::ComboBox::from_id_salt(id).selected_text(unit).show_ui(ui, |ui| {
        changed |= ui.selectable_value(&mut is_minutes, true, "minutes").changed();
        changed |= ui.selectable_value(&mut is_minutes, false, "breaths").changed();
    });
    name(&unit_box.response, egui::Role::ComboBox, &format!("{what} in"), Some(unit));
    *length = if is_minutes { Length::Minutes(n.min(MAX_MINUTES)) } else { Length::Cycles(n) };
    changed
}

#[cfg(test)]
mod tests {
    use super::{MAX_SECS, MIN_SECS};
    use unbrace_core::script::seconds::PhaseSecs;

    #[test]
    fn the_form_allows_what_a_file_allows() {
        assert!(PhaseSecs::from_secs(MIN_SECS).is_ok() && PhaseSecs::from_secs(MAX_SECS).is_ok());
        assert!(PhaseSecs::from_secs(MIN_SECS - 0.01).is_err());
        assert!(PhaseSecs::from_secs(MAX_SECS + 0.01).is_err());
    }
}
