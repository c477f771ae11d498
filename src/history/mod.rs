//! Session history: every practice kept safely in `SQLite`, written off the UI thread, with
//! stats and the history panel.

pub mod check_in_view;
pub mod export;
pub mod model;
pub mod record;
pub mod stats;
pub mod store;
pub mod view;
pub mod worker;
