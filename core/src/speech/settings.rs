//! The voice settings, persisted with the others. Calm by default: a slower rate, a short
//! pause between a prompt's lines, a volume of its own.

use serde::{Deserialize, Serialize};

/// How prompts are spoken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VoiceSettings {
    /// Speak body-scan prompts (and play their recordings). On by default: it only speaks
    /// when a speech service is found.
    pub on: bool,
    /// The speech service's voice, by its name; `None` is the service's default.
    pub voice: Option<String>,
    /// Speaking rate, -100 (slowest) to 100; slower than the service's default.
    pub rate: i8,
    /// Loudness in percent, 0 to 100, of speech and recordings alike.
    pub volume: u8,
    /// The pause between a prompt's lines, in milliseconds.
    pub pause_ms: u16,
    /// Breathing: say "in", "out" and "hold" as each phase begins.
    pub breathing_words: bool,
}

impl Default for VoiceSettings {
    fn default() -> Self {
        Self { on: true, voice: None, rate: -30, volume: 80, pause_ms: 1200, breathing_words: false }
    }
}

/// The rates offered in Settings.
pub const RATES: std::ops::RangeInclusive<i8> = -80..=40;
/// The pauses between lines offered in Settings, in milliseconds.
pub const PAUSES_MS: std::ops::RangeInclusive<u16> = 300..=4000;

impl VoiceSettings {
    /// The rate, kept in the range offered whatever a settings file says.
    #[must_use]
    pub fn rate(&self) -> i8 {
        self.rate.clamp(*RATES.start(), *RATES.end())
    }

    /// The pause between lines, kept in the range offered.
    #[must_use]
    pub fn pause(&self) -> std::time::Duration {
        std::time::Duration::from_millis(u64::from(self.pause_ms.clamp(*PAUSES_MS.start(), *PAUSES_MS.end())))
    }

    /// The volume as the speech service takes it: -100 to 100.
    #[must_use]
    pub fn service_volume(&self) -> i8 {
        let percent = i16::from(self.volume.min(100));
        i8::try_from(percent * 2 - 100).unwrap_or(0)
    }

    /// The amplitude factor for recordings: the square of the fraction, as for the cues.
    #[must_use]
    pub fn gain(&self) -> f32 {
        let fraction = f32::from(self.volume.min(100)) / 100.0;
        fraction * fraction
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calm_defaults_and_hand_edited_values_kept_in_range() {
        let v = VoiceSettings::default();
        assert!(v.on && v.rate < 0 && !v.breathing_words);
        assert_eq!((v.service_volume(), v.pause()), (60, std::time::Duration::from_millis(1200)));
        let wild: VoiceSettings = ron::from_str("(rate: -128, volume: 255, pause_ms: 9)").expect("parses");
        assert_eq!((wild.rate(), wild.service_volume()), (-80, 100));
        assert_eq!(wild.pause(), std::time::Duration::from_millis(300));
        assert!((wild.gain() - 1.0).abs() < 1e-6);
        let old: VoiceSettings = ron::from_str("(on: false)").expect("an old file gets the defaults");
        assert_eq!(old, VoiceSettings { on: false, ..VoiceSettings::default() });
    }
}
