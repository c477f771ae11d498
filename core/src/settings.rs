//! Settings kept across runs (in eframe's storage, a RON file in the XDG data dir).

use serde::{Deserialize, Serialize};

use crate::sound::cue::SoundSettings;
use crate::speech::settings::VoiceSettings;

/// Everything persisted. `#[serde(default)]` so adding a field never breaks an old file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[expect(clippy::struct_excessive_bools, reason = "independent yes/no preferences, persisted as written")]
pub struct Settings {
    /// Ask for a quick check-in before and a check-out after each practice.
    pub check_ins: bool,
    /// Show the days-in-a-row count (streaks stress some people).
    pub show_streak: bool,
    /// Breathe with a gentle change of brightness instead of a growing shape.
    pub reduced_motion: bool,
    /// Text and controls at this size, in percent: 100 to 200.
    pub text_percent: u16,
    pub theme: ThemeChoice,
    /// The sound cues: on or off, volume, and each cue.
    pub sound: SoundSettings,
    /// Spoken prompts: on or off, the voice, its rate and volume.
    pub voice: VoiceSettings,
    /// The safety note is shown once, on first start; it stays in Help.
    pub safety_note_seen: bool,
    /// The last routine chosen in each list, by library id.
    pub last_pattern: Option<String>,
    pub last_scan: Option<String>,
    /// The length chosen for a breathing pattern (by library id), where it differs from the
    /// pattern's own.
    pub lengths: std::collections::BTreeMap<String, crate::breathing::pattern::Length>,
    /// The heart-rate strap chosen in Settings, connected to whenever the app runs; `None`:
    /// no strap, and Bluetooth is left alone.
    #[serde(default)]
    pub heart_strap: Option<StrapChoice>,
}

/// A Bluetooth heart-rate strap, remembered by its address (stable across runs) with the name
/// it gave, for showing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrapChoice {
    /// `AA:BB:CC:DD:EE:FF`.
    pub address: String,
    pub name: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            check_ins: true,
            // Off until asked for: a count of days in a row stresses some people.
            show_streak: false,
            reduced_motion: false,
            text_percent: 100,
            theme: ThemeChoice::System,
            sound: SoundSettings::default(),
            voice: VoiceSettings::default(),
            safety_note_seen: false,
            last_pattern: None,
            last_scan: None,
            lengths: std::collections::BTreeMap::new(),
            heart_strap: None,
        }
    }
}

/// Which colours to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Light or dark, as the desktop is set.
    #[default]
    System,
    Light,
    Dark,
    HighContrast,
}

impl ThemeChoice {
    pub const ALL: [Self; 4] = [Self::System, Self::Light, Self::Dark, Self::HighContrast];

    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::System => "As the desktop",
            Self::Light => "Light",
            Self::Dark => "Dark",
            Self::HighContrast => "High contrast",
        }
    }
}

/// The text sizes offered, in percent.
pub const TEXT_PERCENT: std::ops::RangeInclusive<u16> = 100..=200;

impl Settings {
    /// The zoom factor for the text size, kept in range whatever a settings file says.
    #[must_use]
    pub fn zoom(&self) -> f32 {
        f32::from(self.text_percent.clamp(*TEXT_PERCENT.start(), *TEXT_PERCENT.end())) / 100.0
    }
}
