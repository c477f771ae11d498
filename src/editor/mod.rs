//! The script editor's shell: its commands and state, its views, and its file operations
//! (atomic saves, drafts, trash with undo). The document itself is in
//! `unbrace_core::editor`.

pub mod files;
pub mod form_view;
pub mod jobs;
pub mod state;
pub mod view;
