//! Slow-exhale breathing: the pattern model, the timeline that plays it, a practice in
//! progress, and when to repaint.

pub mod pattern;
pub mod repaint;
pub mod session;
pub mod timeline;
