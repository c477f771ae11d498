//! A prompt as it is spoken: its lines, with a pause between them, in the markup speech
//! services take (SSML, `<break time="…"/>`), and how long saying it may take at most.

use std::time::Duration;

use super::settings::VoiceSettings;

/// Words a minute at the service's default rate (espeak-ng's is 175).
const WORDS_PER_MINUTE: f64 = 175.0;

/// What to say, ready for the speech service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utterance {
    /// The lines, each said in full, with `pause` between them.
    pub lines: Vec<String>,
    pub pause: Duration,
}

impl Utterance {
    /// A prompt's lines (its `\n`s), blank ones left out.
    #[must_use]
    pub fn of_prompt(prompt: &str, voice: &VoiceSettings) -> Self {
        let lines = prompt.split('\n').map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
        Self { lines, pause: voice.pause() }
    }

    /// A few words said at once ("in", "out"), without pauses.
    #[must_use]
    pub fn words(text: &str) -> Self {
        Self { lines: vec![text.to_owned()], pause: Duration::ZERO }
    }

    /// The text as SSML: `<speak>line<break time="1200ms"/>line</speak>`, with `&`, `<`
    /// and `>` escaped.
    #[must_use]
    pub fn ssml(&self) -> String {
        let mut out = String::from("<speak>");
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push_str("<break time=\"");
                out.push_str(&self.pause.as_millis().to_string());
                out.push_str("ms\"/>");
            }
            for c in line.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    c => out.push(c),
                }
            }
        }
        out.push_str("</speak>");
        out
    }

    /// About how long saying it takes at `rate` (-100 to 100; each 50 halves or doubles the
    /// pace, near enough for the services in use).
    #[must_use]
    pub fn estimate(&self, rate: i8) -> Duration {
        let words: usize = self.lines.iter().map(|l| l.split_whitespace().count()).sum();
        let pace = WORDS_PER_MINUTE / 60.0 * 2_f64.powf(f64::from(rate) / 50.0);
        #[expect(clippy::cast_precision_loss, reason = "a few hundred words")]
        let speaking = Duration::try_from_secs_f64(words as f64 / pace).unwrap_or(Duration::ZERO);
        let pauses = u32::try_from(self.lines.len().saturating_sub(1)).unwrap_or(u32::MAX);
        speaking + self.pause * pauses
    }

    /// The longest a step waits for the service to say it has finished: twice the estimate
    /// and three seconds more (a slow voice, a service starting up). After that the step's
    /// own time begins anyway.
    #[must_use]
    pub fn cap(&self, rate: i8) -> Duration {
        self.estimate(rate) * 2 + Duration::from_secs(3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prompts_lines_are_said_with_pauses_between_them() {
        let voice = VoiceSettings { pause_ms: 1500, ..VoiceSettings::default() };
        let u = Utterance::of_prompt("Notice your back.\n\n  Is it <tight> & warm?  \n", &voice);
        assert_eq!(u.lines, ["Notice your back.", "Is it <tight> & warm?"]);
        assert_eq!(
            u.ssml(),
            "<speak>Notice your back.<break time=\"1500ms\"/>Is it &lt;tight&gt; &amp; warm?</speak>"
        );
        assert_eq!(Utterance::words("in").ssml(), "<speak>in</speak>");
    }

    #[test]
    fn the_cap_is_generous_and_grows_with_the_text_and_a_slower_rate() {
        let voice = VoiceSettings::default();
        let short = Utterance::of_prompt("Rest.", &voice);
        let long = Utterance::of_prompt(&"Notice how your lower back feels right now.\n".repeat(4), &voice);
        // 32 words at 175 a minute: about 11 s, and three pauses of 1.2 s.
        let at_normal = long.estimate(0).as_secs_f64();
        assert!((at_normal - (32.0 / 175.0 * 60.0 + 3.6)).abs() < 0.01, "{at_normal}");
        assert!(long.estimate(-50) > long.estimate(0) + Duration::from_secs(10), "half the pace");
        assert!(long.cap(-30) > long.estimate(-30) * 2 && short.cap(-30) >= Duration::from_secs(3));
    }
}
