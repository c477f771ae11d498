//! Slow-exhale breathing: the pattern model, the timeline that plays it, a practice in
//! progress, when to repaint (all pure), and the egui views that show them.

pub mod pattern;
pub mod repaint;
pub mod session;
pub mod shape;
pub mod timeline;
pub mod view;
