//! Session history: every practice kept safely in SQLite, written off the UI thread, with
//! stats and the history panel.

pub mod export;
pub mod record;
pub mod stats;
pub mod store;
pub mod worker;
