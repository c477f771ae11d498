//! The egui views of a breathing practice (the model is in `unbrace_core::breathing`).

pub mod heart_view;
pub mod shape;
pub mod view;
