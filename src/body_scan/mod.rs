//! The egui views of a body scan (the model is in `unbrace_core::body_scan`): the body map
//! and the scan view.

pub mod body_map;
pub mod view;
