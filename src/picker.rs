//! The routine picker: a switch between breathing patterns and body scans, and a list of
//! each routine with its length, summary and source.

use std::time::Duration;

use egui::{RichText, ScrollArea, Ui};

use crate::breathing::view::clock_text_ceil;
use crate::command::Command;
use crate::theme;
use unbrace_core::library::{Entry, Library, Origin};
use unbrace_core::script::{Script, ScriptKind};

/// Lists the routines of `kind`; returns the command for a click. With `offer_assessment`
/// (beats are coming in), the breathing list starts with "Find your breathing rate".
pub fn picker_ui(
    ui: &mut Ui,
    library: &Library,
    kind: ScriptKind,
    selected: Option<&str>,
    offer_assessment: bool,
) -> Option<Command> {
    let mut command = None;
    // Wraps onto two lines when the panel is narrow (a small window or large text).
    // In a narrow panel the names keep body size, so each stays whole on its line.
    let size = if ui.available_width() < 220.0 { theme::BODY_SIZE } else { theme::BODY_SIZE + 2.0 };
    ui.horizontal_wrapped(|ui| {
        for k in [ScriptKind::Breathing, ScriptKind::BodyScan] {
            let text = RichText::new(k.label()).size(size);
            if ui.selectable_label(k == kind, text).clicked() && k != kind {
                command = Some(Command::ShowKind(k));
            }
        }
    });
    ui.add_space(theme::GAP / 2.0);
    if offer_assessment && kind == ScriptKind::Breathing {
        let button = egui::Button::new(RichText::new("Find your breathing rate…").size(theme::BODY_SIZE))
            .fill(theme::faded(theme::palette().breath, 0.2));
        if ui
            .add(button)
            .on_hover_text("Five slow rates, two minutes each, with your heart-rate strap")
            .clicked()
        {
            command = Some(Command::Heart(crate::hrv::HeartCommand::OpenAssessment));
        }
        ui.add_space(theme::GAP / 2.0);
    }
    ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for entry in library.entries().iter().filter(|e| e.script.kind() == kind) {
            if let Some(c) = card_ui(ui, entry, selected == Some(entry.id.as_str())) {
                command = Some(c);
            }
        }
    });
    command
}

fn card_ui(ui: &mut Ui, entry: &Entry, is_selected: bool) -> Option<Command> {
    let (name, detail, summary, source) = match &entry.script {
        Script::Pattern(p) => (p.name.as_str(), p.rhythm_described(), p.summary.as_str(), p.source.as_str()),
        Script::BodyScan(s) => (
            s.name.as_str(),
            clock_text_ceil(Duration::from_millis(s.total_millis())),
            s.summary.as_str(),
            s.source.as_str(),
        ),
    };
    let fill = if is_selected { theme::palette().raised } else { theme::palette().panel };
    let card = egui::Frame::new()
        .fill(fill)
        .corner_radius(12)
        .inner_margin(egui::Margin::symmetric(14, 10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let name = RichText::new(name).size(theme::BODY_SIZE).strong();
            let detail = RichText::new(detail).small().color(theme::palette().muted);
            if ui.available_width() < 300.0 {
                // Narrow: the length under the name, both wrapping.
                ui.label(name);
                ui.label(detail);
            } else {
                ui.horizontal(|ui| {
                    ui.label(name);
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(detail);
                    });
                });
            }
            if !summary.is_empty() {
                ui.label(RichText::new(summary).small().color(theme::palette().muted));
            }
            let source = match (&entry.origin, source.is_empty()) {
                (Origin::User { .. }, true) => "Your file".to_owned(),
                (Origin::User { .. }, false) => format!("{source} · your file"),
                (Origin::BuiltIn, _) => source.to_owned(),
            };
            if !source.is_empty() {
                ui.label(
                    RichText::new(source)
                        .size(theme::SMALL_SIZE - 2.0)
                        .italics()
                        .color(theme::palette().muted),
                );
            }
        });
    let response = ui
        .interact(card.response.rect, card.response.id.with("pick"), egui::Sense::click())
        .on_hover_cursor(egui::CursorIcon::PointingHand);
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, is_selected, name));
    // A visible ring where the keyboard is (Tab), and a softer one under the mouse.
    let ring = if response.has_focus() {
        Some(egui::Stroke::new(2.0, theme::palette().breath))
    } else if response.hovered() {
        Some(egui::Stroke::new(1.0, theme::palette().control))
    } else {
        None
    };
    if let Some(ring) = ring {
        ui.painter().rect_stroke(card.response.rect, 12, ring, egui::StrokeKind::Outside);
    }
    response.clicked().then(|| Command::Select(entry.id.clone()))
}
