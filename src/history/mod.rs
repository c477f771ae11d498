//! Session history: every practice kept safely in SQLite, written off the UI thread, with
//! stats and the history panel.

pub mod record;
pub mod store;
