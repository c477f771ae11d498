//! A recording named by a body-scan step: `audio: "voice/lower-back-1.ogg"`, a path relative
//! to the scripts folder and never outside it. Checked while parsing, by its text alone, so a
//! bad one is reported at its own line and column: no `..`, no absolute path, no home folder,
//! `/` between folders, and a kind of file Unbrace can play. Whether it exists, decodes, or is
//! a link that leads out of the folder is for the shell to find out, on the disk.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

/// The kinds of file a recording may be, by extension (lower case).
pub const EXTENSIONS: [&str; 5] = ["ogg", "oga", "flac", "wav", "mp3"];

/// The longest path accepted, in characters.
const MAX_CHARS: usize = 300;

/// A safe, relative path to a recording, with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AudioPath(String);

impl AudioPath {
    /// # Errors
    /// A message for people when the path could lead outside the scripts folder or is not a
    /// recording Unbrace can play.
    pub fn new(path: impl Into<String>) -> Result<Self, String> {
        let path: String = path.into();
        let example = "like \"voice/lower-back-1.ogg\"";
        if path.trim().is_empty() {
            return Err(format!("`audio` is empty: name a recording in the scripts folder, {example}"));
        }
        if path.chars().count() > MAX_CHARS {
            return Err(format!("this path is longer than {MAX_CHARS} characters"));
        }
        if let Some(bad) = path.chars().find(|c| c.is_control()) {
            return Err(format!("this path contains the control character {bad:?}"));
        }
        if path.contains('\\') {
            return Err(format!("write the path with / between folders, {example}"));
        }
        let drive = path.as_bytes().get(1) == Some(&b':');
        if path.starts_with('/') || path.starts_with('~') || drive {
            return Err(format!(
                "\"{path}\" is not inside the scripts folder: give a path relative to it, {example}"
            ));
        }
        if path.split('/').any(|part| part == "..") {
            return Err(format!(
                "\"{path}\" leads out of the scripts folder (\"..\"): recordings must be inside it, {example}"
            ));
        }
        if path.split('/').any(str::is_empty) || path.ends_with('/') {
            return Err(format!("\"{path}\" has an empty folder name (\"//\"), {example}"));
        }
        let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if !EXTENSIONS.contains(&extension.as_str())
            || path.rsplit('/').next().is_some_and(|n| n.starts_with('.'))
        {
            return Err(format!(
                "\"{path}\" is not a recording Unbrace can play: use an Ogg Vorbis, FLAC, WAV or MP3 file \
                 (.ogg, .oga, .flac, .wav, .mp3)"
            ));
        }
        Ok(Self(path))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path's parts, folders then the file name (never `..`, never empty).
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.0.split('/').filter(|p| *p != ".")
    }
}

impl TryFrom<String> for AudioPath {
    type Error = String;

    fn try_from(path: String) -> Result<Self, String> {
        Self::new(path)
    }
}

impl From<AudioPath> for String {
    fn from(path: AudioPath) -> Self {
        path.0
    }
}

impl Deref for AudioPath {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AudioPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_to_recordings_are_accepted() {
        for ok in ["voice/lower-back-1.ogg", "a.WAV", "./voice/x.flac", "v/ü b/take 2.mp3", "x.oga"] {
            assert_eq!(AudioPath::new(ok).map(|p| p.to_string()), Ok(ok.to_owned()), "{ok}");
        }
        let path = AudioPath::new("./voice/x.flac").expect("ok");
        assert_eq!(path.parts().collect::<Vec<_>>(), ["voice", "x.flac"]);
    }

    #[test]
    fn paths_that_could_lead_out_of_the_scripts_folder_are_refused() {
        for (bad, says) in [
            ("../x.ogg", "leads out"),
            ("voice/../../x.ogg", "leads out"),
            ("..", "leads out"),
            ("/home/me/x.ogg", "not inside"),
            ("~/x.ogg", "not inside"),
            ("C:/x.ogg", "not inside"),
            ("voice\\x.ogg", "with /"),
            ("voice//x.ogg", "empty folder"),
            ("", "empty"),
            ("  ", "empty"),
            ("voice/x.txt", "can play"),
            ("voice/x", "can play"),
            ("voice/.ogg", "can play"),
            ("a\u{0}.ogg", "control"),
        ] {
            let message = AudioPath::new(bad).expect_err(bad);
            assert!(message.contains(says), "{bad:?}: {message}");
        }
        assert!(AudioPath::new(format!("{}.ogg", "a".repeat(400))).is_err());
    }

    #[test]
    fn a_path_leading_out_is_a_problem_at_its_line_in_a_script() {
        let text = "BodyScan(\n  name: \"s\",\n  steps: [\n    Step(region: Feet, secs: 30, prompt: \"p\",\n      audio: \"../../etc/x.ogg\"),\n  ],\n)";
        let problem = crate::library::parse_text(std::path::Path::new("s.ron"), text).expect_err("refused");
        assert_eq!(problem.position.map(|p| p.0), Some(5), "{problem}");
        assert!(problem.message.contains("leads out of the scripts folder"), "{problem}");
    }
}
