//! The pure half of the script editor: the document and its debounced validation, the
//! pattern form, templates, safe file names, and switching a reminder on or off.

pub mod document;
pub mod file_name;
pub mod pattern_form;
pub mod switch;
pub mod templates;
