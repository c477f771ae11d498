//! The pattern picker: every breathing pattern with its rhythm, summary and source.

use egui::{RichText, ScrollArea, Ui};

use crate::command::Command;
use crate::library::{Library, Origin};
use crate::theme;

/// Lists the patterns; returns the command for a click.
pub fn picker_ui(ui: &mut Ui, library: &Library, selected: Option<&str>) -> Option<Command> {
    let mut command = None;
    ui.heading("Breathing patterns");
    ui.add_space(theme::GAP / 2.0);
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for entry in library.entries() {
                let crate::script::Script::Pattern(pattern) = &entry.script else {
                    continue;
                };
                let is_selected = selected == Some(entry.id.as_str());
                let fill = if is_selected {
                    theme::RAISED
                } else {
                    theme::PANEL
                };
                let card = egui::Frame::new()
                    .fill(fill)
                    .corner_radius(12)
                    .inner_margin(egui::Margin::symmetric(14, 10))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            ui.label(
                                RichText::new(pattern.name.as_str())
                                    .size(theme::BODY_SIZE)
                                    .strong(),
                            );
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    ui.label(
                                        RichText::new(pattern.rhythm()).small().color(theme::MUTED),
                                    );
                                },
                            );
                        });
                        if !pattern.summary.is_empty() {
                            ui.label(
                                RichText::new(pattern.summary.as_str())
                                    .small()
                                    .color(theme::MUTED),
                            );
                        }
                        let mut source = pattern.source.to_string();
                        if let Origin::User { .. } = entry.origin {
                            source = if source.is_empty() {
                                "Your file".to_owned()
                            } else {
                                format!("{source} · your file")
                            };
                        }
                        if !source.is_empty() {
                            ui.label(
                                RichText::new(source)
                                    .size(theme::SMALL_SIZE - 2.0)
                                    .italics()
                                    .color(theme::MUTED),
                            );
                        }
                    });
                let response = ui
                    .interact(
                        card.response.rect,
                        card.response.id.with("pick"),
                        egui::Sense::click(),
                    )
                    .on_hover_cursor(egui::CursorIcon::PointingHand);
                response.widget_info(|| {
                    egui::WidgetInfo::selected(
                        egui::Role::Button,
                        true,
                        is_selected,
                        pattern.name.as_str(),
                    )
                });
                if response.clicked() {
                    command = Some(Command::SelectPattern(entry.id.clone()));
                }
            }
        });
    command
}
