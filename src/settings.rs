//! Settings kept across runs (in eframe's storage, a RON file in the XDG data dir).

use serde::{Deserialize, Serialize};

/// Everything persisted. `#[serde(default)]` so adding a field never breaks an old file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The safety note is shown once, on first start; it stays in Help.
    pub safety_note_seen: bool,
    /// The last routine chosen in each list, by library id.
    pub last_pattern: Option<String>,
    pub last_scan: Option<String>,
}

/// The storage key.
pub const KEY: &str = "unbrace_settings";
