//! The form for breathing patterns, for people who never want to see RON: name, summary,
//! source, phases with drag values, length and ramp. Edits the same file as the text view.

use egui::{RichText, Ui};

use crate::theme;
use unbrace_core::breathing::pattern::{Length, MAX_CYCLES, MAX_MINUTES, MAX_PHASES, PhaseKind};
use unbrace_core::editor::pattern_form::{PatternForm, PhaseField};

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
    let mut remove = None;
    let count = form.phases.len();
    for (i, phase) in form.phases.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let label = KINDS.iter().find(|(k, _)| *k == phase.kind).map_or("", |(_, l)| *l);
            let kind =
                egui::ComboBox::from_id_salt(("phase_kind", i)).selected_text(label).show_ui(ui, |ui| {
                    for (kind, text) in KINDS {
                        changed |= ui.selectable_value(&mut phase.kind, kind, text).changed();
                    }
                });
            // Named for screen readers: "Phase 2", "Phase 2 seconds".
            name(&kind.response, egui::Role::ComboBox, &format!("Phase {}", i + 1), Some(label));
            let secs =
                ui.add(egui::DragValue::new(&mut phase.secs).range(0.5..=120.0).speed(0.1).suffix(" s"));
            name(&secs, egui::Role::SpinButton, &format!("Phase {} seconds", i + 1), None);
            changed |= secs.changed();
            let cue_label = ui.label("cue");
            let cue = egui::TextEdit::singleline(&mut phase.cue).char_limit(400).desired_width(260.0);
            changed |= ui.add(cue).labelled_by(cue_label.id).changed();
            if count > 1 && ui.button("Remove").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
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
                let start = ui.add(egui::DragValue::new(secs).range(0.5..=120.0).speed(0.1).suffix(" s"));
                name(
                    &start,
                    egui::Role::SpinButton,
                    &format!("Ramp: phase {} starts at, seconds", i + 1),
                    None,
                );
                changed |= start.changed();
            }
            ui.label("over");
            changed |= length_ui(ui, "ramp_length", "Ramp length", over);
        });
    }
    changed
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
