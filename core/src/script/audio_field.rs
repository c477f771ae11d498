//! Pointing a body-scan step at its recording: sets the `audio: "…"` field of one step in
//! the script's text, found by its tokens (see [`super::fields`]), and keeps everything else
//! as the user wrote it: the other fields, comments, layout. A step without the field gets it
//! after its last field, on a line of its own when the fields are one to a line.

use super::audio_path::AudioPath;
use super::fields::{fields_within, list_entries};

/// The text with step `step` (zero-based) of the scan's `steps` naming `audio`; `None` when
/// the text has no such step (it does not parse as a scan with that many steps).
#[must_use]
pub fn set_step_audio(text: &str, step: usize, audio: &AudioPath) -> Option<String> {
    let entry = list_entries(text, &["steps"]).into_iter().nth(step)?;
    let fields = fields_within(text, entry);
    let value = quoted(audio.as_str());
    if let Some(field) = fields.iter().find(|f| &text[f.key.clone()] == "audio") {
        return Some(format!("{}{value}{}", &text[..field.value.start], &text[field.value.end..]));
    }
    let last = fields.last()?;
    let line_start = text[..last.key.start].rfind('\n').map_or(0, |n| n + 1);
    let before_key = &text[line_start..last.key.start];
    let separator = if before_key.chars().all(char::is_whitespace) && line_start > 0 {
        format!(",\n{before_key}")
    } else {
        ", ".to_owned()
    };
    let at = last.value.end;
    Some(format!("{}{separator}audio: {value}{}", &text[..at], &text[at..]))
}

/// A RON string literal.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::Script;

    fn path(p: &str) -> AudioPath {
        AudioPath::new(p).expect("a good path")
    }

    fn audio_of(text: &str) -> Vec<Option<String>> {
        let Ok(Script::BodyScan(scan)) = crate::script::parse(text) else { panic!("a scan:\n{text}") };
        scan.steps().iter().map(|s| s.audio.as_ref().map(ToString::to_string)).collect()
    }

    const SCAN: &str = "// my scan\nBodyScan(\n    name: \"Mine\",\n    steps: [\n        Step(\n            region: Feet,\n            secs: 30,\n            prompt: \"Feet, (and) audio: here.\", // audio: \"not this\"\n        ),\n        Step(region: Knees, secs: 20, prompt: \"Knees.\"),\n        Step(\n            region: Hips,\n            secs: 20,\n            prompt: \"Hips.\"\n        ),\n    ],\n)\n";

    #[test]
    fn a_step_without_a_recording_gets_the_field_in_the_style_around_it() {
        let one = set_step_audio(SCAN, 0, &path("voice/mine-1.wav")).expect("set");
        assert!(
            one.contains(
                "prompt: \"Feet, (and) audio: here.\",\n            audio: \"voice/mine-1.wav\", // audio"
            ),
            "{one}"
        );
        let two = set_step_audio(&one, 1, &path("voice/mine-2.wav")).expect("set");
        assert!(
            two.contains("Step(region: Knees, secs: 20, prompt: \"Knees.\", audio: \"voice/mine-2.wav\")"),
            "{two}"
        );
        let three = set_step_audio(&two, 2, &path("voice/mine-3.wav")).expect("set");
        assert!(
            three.contains("prompt: \"Hips.\",\n            audio: \"voice/mine-3.wav\"\n        ),"),
            "{three}"
        );
        assert!(three.starts_with("// my scan\n"), "the rest is kept");
        assert_eq!(
            audio_of(&three),
            [
                Some("voice/mine-1.wav".to_owned()),
                Some("voice/mine-2.wav".to_owned()),
                Some("voice/mine-3.wav".to_owned())
            ]
        );
    }

    #[test]
    fn a_step_with_a_recording_has_only_its_value_changed() {
        let once = set_step_audio(SCAN, 1, &path("voice/a.wav")).expect("set");
        let twice = set_step_audio(&once, 1, &path("voice/b take.wav")).expect("set");
        assert_eq!(twice, once.replace("voice/a.wav", "voice/b take.wav"));
        assert_eq!(audio_of(&twice)[1].as_deref(), Some("voice/b take.wav"));
    }

    #[test]
    fn no_such_step_changes_nothing() {
        assert_eq!(set_step_audio(SCAN, 3, &path("voice/a.wav")), None);
        assert_eq!(set_step_audio("Pattern(name: \"x\")", 0, &path("voice/a.wav")), None);
        assert_eq!(quoted("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
