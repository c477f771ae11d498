//! The recordings a body scan names, checked on the disk: each must be a file inside the
//! scripts folder that decodes. A problem is reported at the step's `audio:` field, in
//! `--check` and in the editor; in a practice, such a step is spoken instead.

use std::path::Path;

use super::clip_file;
use unbrace_core::body_scan::script::BodyScan;
use unbrace_core::library::problem::Problem;
use unbrace_core::script::fields::{find_within, line_col, list_entries};

/// The problems with the recordings `scan` (the text `text` of the file `path`) names,
/// relative to the scripts folder `root`.
#[must_use]
pub fn recording_problems(root: &Path, path: &Path, text: &str, scan: &BodyScan) -> Vec<Problem> {
    let entries = list_entries(text, &["steps"]);
    scan.recordings()
        .filter_map(|(step, audio)| {
            let why = clip_file::load(root, audio).err()?;
            let position = entries
                .get(step)
                .and_then(|entry| find_within(text, entry.clone(), &["audio"]))
                .map(|field| line_col(text, field.value.start));
            Some(Problem {
                path: path.to_owned(),
                position,
                message: format!("step {}: {why}; the step's prompt is spoken instead", step + 1),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unbrace_core::script::Script;

    #[test]
    fn a_missing_or_damaged_recording_is_a_problem_at_its_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("voice")).expect("mkdir");
        std::fs::write(dir.path().join("voice/bad.wav"), b"RIFF....WAVEfmt nothing more").expect("write");
        let text = "BodyScan(\n  name: \"s\",\n  steps: [\n    Step(region: Feet, secs: 30, prompt: \"a\"),\n    Step(region: Knees, secs: 30, prompt: \"b\",\n      audio: \"voice/bad.wav\"),\n    Step(region: Hips, secs: 30, prompt: \"c\", audio: \"voice/gone.ogg\"),\n  ],\n)";
        let Ok(Script::BodyScan(scan)) = unbrace_core::script::parse(text) else { panic!("parses") };
        let file = dir.path().join("s.ron");
        let problems = recording_problems(dir.path(), &file, text, &scan);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].position, Some((6, 14)));
        assert!(
            problems[0].message.starts_with("step 2: \"voice/bad.wav\" is not a recording"),
            "{}",
            problems[0]
        );
        assert_eq!(problems[1].position, Some((7, 54)));
        assert!(problems[1].message.contains("there is no file \"voice/gone.ogg\""), "{}", problems[1]);
    }
}
