//! The five sound cues, and which of them the user wants at what volume.

use serde::{Deserialize, Serialize};

/// A moment in a practice that has a sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// A soft rising tone as an inhale (or a top-up) begins.
    Inhale,
    /// A soft falling tone as an exhale begins.
    Exhale,
    /// A light tick as a hold begins.
    Hold,
    /// A bell when the practice is complete.
    Bell,
    /// A chime as a body-scan step begins.
    Chime,
}

impl Cue {
    pub const ALL: [Self; 5] = [Self::Inhale, Self::Exhale, Self::Hold, Self::Bell, Self::Chime];

    /// The name shown in Settings.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Inhale => "Rising tone as you breathe in",
            Self::Exhale => "Falling tone as you breathe out",
            Self::Hold => "Tick as you start to hold your breath",
            Self::Bell => "Bell as your practice ends",
            Self::Chime => "Chime as each body-scan step begins",
        }
    }

    /// Index into per-cue tables.
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// The sound settings, persisted with the others. Soft by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[expect(clippy::struct_excessive_bools, reason = "one switch per cue, persisted as written")]
pub struct SoundSettings {
    /// Sound at all (off is mute).
    pub on: bool,
    /// Loudness in percent, 0 to 100.
    pub volume: u8,
    pub inhale: bool,
    pub exhale: bool,
    pub hold: bool,
    pub bell: bool,
    pub chime: bool,
}

impl Default for SoundSettings {
    fn default() -> Self {
        Self { on: true, volume: 50, inhale: true, exhale: true, hold: true, bell: true, chime: true }
    }
}

impl SoundSettings {
    /// Whether `cue` plays: sound on, and the cue's own switch on.
    #[must_use]
    pub const fn wants(&self, cue: Cue) -> bool {
        self.on && self.switch(cue)
    }

    /// The cue's own switch, whatever the main one says.
    #[must_use]
    pub const fn switch(&self, cue: Cue) -> bool {
        match cue {
            Cue::Inhale => self.inhale,
            Cue::Exhale => self.exhale,
            Cue::Hold => self.hold,
            Cue::Bell => self.bell,
            Cue::Chime => self.chime,
        }
    }

    pub fn set(&mut self, cue: Cue, on: bool) {
        let switch = match cue {
            Cue::Inhale => &mut self.inhale,
            Cue::Exhale => &mut self.exhale,
            Cue::Hold => &mut self.hold,
            Cue::Bell => &mut self.bell,
            Cue::Chime => &mut self.chime,
        };
        *switch = on;
    }

    /// The amplitude factor for the volume: the square of the fraction, which sounds evenly
    /// spaced to the ear far better than a straight line; 0 when off.
    #[must_use]
    pub fn gain(&self) -> f32 {
        if !self.on {
            return 0.0;
        }
        let fraction = f32::from(self.volume.min(100)) / 100.0;
        fraction * fraction
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_and_gain() {
        let mut s = SoundSettings::default();
        assert!(Cue::ALL.iter().all(|&c| s.wants(c)));
        s.set(Cue::Hold, false);
        assert!(!s.wants(Cue::Hold) && s.wants(Cue::Inhale));
        assert!((s.gain() - 0.25).abs() < 1e-6);
        s.volume = 255;
        assert!((s.gain() - 1.0).abs() < 1e-6, "a hand-edited volume is kept in range");
        s.on = false;
        assert!(!s.wants(Cue::Inhale));
        assert!(s.switch(Cue::Inhale) && !s.switch(Cue::Hold), "each cue keeps its own switch");
        assert!(s.gain().abs() < f32::EPSILON);
    }

    #[test]
    fn an_old_settings_file_gets_the_soft_defaults() {
        let s: SoundSettings = ron::from_str("(volume: 30)").expect("parses");
        assert_eq!(s, SoundSettings { volume: 30, ..SoundSettings::default() });
    }
}
