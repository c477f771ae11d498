//! Accessibility: text that screen readers announce when it changes (an AccessKit "polite"
//! live region), so someone who cannot see the screen can follow a practice.

/// Marks the widget behind `response` as a live region: each change of its text is read out
/// once the screen reader is idle.
pub fn announce_changes(ui: &egui::Ui, response: &egui::Response) {
    ui.ctx().accesskit_node_builder(response.id, |node| node.set_live(egui::accesskit::Live::Polite));
}
