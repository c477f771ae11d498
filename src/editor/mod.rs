//! The script editor: write and change routines in the app, validated as you type, never
//! losing an edit (atomic saves, drafts, trash with undo).

pub mod document;
pub mod file_name;
pub mod files;
pub mod form_view;
pub mod pattern_form;
pub mod state;
pub mod templates;
pub mod view;
