//! The pure half of the script editor: the document and its debounced validation, the
//! pattern form, templates and safe file names.

pub mod document;
pub mod file_name;
pub mod pattern_form;
pub mod templates;
