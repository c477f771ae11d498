//! The script editor's shell: its commands and state, its views, its file operations
//! (atomic saves, drafts, trash with undo), and opening the scripts folder. The document
//! itself is in `unbrace_core::editor`.

pub mod files;
pub mod form_view;
pub mod jobs;
pub mod opener;
pub mod state;
pub mod text_view;
pub mod view;
