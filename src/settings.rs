//! Settings kept across runs (in eframe's storage, a RON file in the XDG data dir).

use serde::{Deserialize, Serialize};

/// Everything persisted. `#[serde(default)]` so adding a field never breaks an old file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Ask for a quick check-in before and a check-out after each practice.
    pub check_ins: bool,
    /// Show the days-in-a-row count (streaks stress some people).
    pub show_streak: bool,
    /// The safety note is shown once, on first start; it stays in Help.
    pub safety_note_seen: bool,
    /// The last routine chosen in each list, by library id.
    pub last_pattern: Option<String>,
    pub last_scan: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            check_ins: true,
            show_streak: true,
            safety_note_seen: false,
            last_pattern: None,
            last_scan: None,
        }
    }
}

/// The storage key.
pub const KEY: &str = "unbrace_settings";
