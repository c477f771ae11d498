//! The history's shell: every practice kept safely in `SQLite`, written off the UI thread
//! (store, worker, model), the export file, and the history and check-in views. Records and
//! stats are in `unbrace_core::history`.

pub mod charts;
pub mod check_in_view;
pub mod export;
pub mod hrv_chart;
pub mod model;
pub mod reminder_row;
pub mod store;
pub mod view;
pub mod worker;
