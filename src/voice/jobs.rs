//! File work for voice, run on the disk thread: decoding a running scan's recordings, a saved
//! recording to listen to, and writing a take. Each job returns what it found; the app takes
//! it in on a later frame.

use std::path::PathBuf;

use super::clip_file;
use unbrace_core::script::audio_path::AudioPath;
use unbrace_core::sound::clip::Clip;

/// What a voice job found.
#[derive(Debug)]
pub enum VoiceDone {
    /// Step `step`'s recording for the running scan `scan_id`, decoded, or why not.
    Clip { scan_id: String, step: usize, clip: Result<Clip, String> },
    /// A saved recording, decoded to listen to.
    Listen(Result<Clip, String>),
    /// A take written as `audio` for step `step` of the script `doc_id`, or why not.
    Saved { doc_id: String, step: usize, audio: AudioPath, result: Result<(), String> },
    /// The recordings of the script `doc_id` (as of `text`) checked: the problems found.
    Checked { doc_id: String, text: String, problems: Vec<unbrace_core::library::problem::Problem> },
}

/// Checks the recordings the scan `scan` (the text `text` of `doc_id`) names.
pub fn check(
    root: PathBuf,
    doc_id: String,
    text: String,
    scan: unbrace_core::body_scan::script::BodyScan,
) -> impl FnOnce() -> VoiceDone + Send + 'static {
    move || {
        let problems = super::check::recording_problems(&root, &root.join(&doc_id), &text, &scan);
        VoiceDone::Checked { doc_id, text, problems }
    }
}

/// Decodes step `step`'s recording `audio` for the scan `scan_id`.
pub fn load_clip(
    root: Option<PathBuf>,
    scan_id: String,
    step: usize,
    audio: AudioPath,
) -> impl FnOnce() -> VoiceDone + Send + 'static {
    move || {
        let clip = match root {
            Some(root) => clip_file::load(&root, &audio),
            None => Err(format!("\"{audio}\" cannot be found: there is no scripts folder in this run")),
        };
        VoiceDone::Clip { scan_id, step, clip }
    }
}

/// Decodes a saved recording to listen to it.
pub fn listen(root: PathBuf, audio: AudioPath) -> impl FnOnce() -> VoiceDone + Send + 'static {
    move || VoiceDone::Listen(clip_file::load(&root, &audio))
}

/// Writes a take for step `step` of `doc_id` as `audio`, atomically.
pub fn save_take(
    root: PathBuf,
    doc_id: String,
    step: usize,
    audio: AudioPath,
    samples: std::sync::Arc<[i16]>,
) -> impl FnOnce() -> VoiceDone + Send + 'static {
    move || {
        let result = clip_file::save_take(&root, &audio, &samples, super::microphone::RATE);
        VoiceDone::Saved { doc_id, step, audio, result }
    }
}

/// Where a take for step `step` (zero-based) of the script `doc_id` is saved:
/// `body_scan/my-scan.ron` → `voice/my-scan-2.wav`.
#[must_use]
pub fn take_path(doc_id: &str, step: usize) -> Option<AudioPath> {
    let file_name = doc_id.rsplit('/').next()?;
    let base = file_name.strip_suffix(".ron").unwrap_or(file_name);
    let name: String =
        base.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    AudioPath::new(format!("voice/{name}-{}.wav", step + 1)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_take_is_named_after_its_script_and_step() {
        assert_eq!(
            take_path("body_scan/my-scan.ron", 1).map(|p| p.to_string()).as_deref(),
            Some("voice/my-scan-2.wav")
        );
        assert_eq!(take_path("x y.ron", 0).map(|p| p.to_string()).as_deref(), Some("voice/x-y-1.wav"));
        assert_eq!(take_path(".ron", 0).map(|p| p.to_string()).as_deref(), Some("voice/-1.wav"));
    }
}
