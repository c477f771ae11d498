//! Recordings on disk: finding a step's `audio:` file inside the scripts folder (never
//! outside it, not even through a link), decoding it (Ogg Vorbis, FLAC, WAV, MP3, in pure Rust
//! with symphonia) to mono at the sound output's rate, and writing a take as a 16-bit WAV
//! file, atomically. Called on the disk thread, never on the UI thread; every failure is a
//! sentence for the user.

use std::fs;
use std::io::{self, Cursor};
use std::path::{Path, PathBuf};

use symphonia::core::codecs::audio::AudioDecoderOptions;
use symphonia::core::errors::Error as SymError;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, TrackType};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;
use unbrace_core::script::audio_path::AudioPath;
use unbrace_core::sound::clip::Clip;

/// The rate clips are mixed at (the sound output's).
pub const RATE: u32 = 48_000;
/// Recordings larger than this are refused unread.
pub const MAX_BYTES: u64 = 200 * 1024 * 1024;
/// Recordings longer than this are refused (a prompt is seconds, a minute or two at most).
pub const MAX_SECS: u64 = 20 * 60;

/// The recording `audio` names, in the scripts folder `root`: its real path, which must lie
/// inside `root` once every link is followed, and be a regular file.
pub fn resolve(root: &Path, audio: &AudioPath) -> Result<PathBuf, String> {
    let root = fs::canonicalize(root).map_err(|e| format!("the scripts folder cannot be read: {e}"))?;
    let mut path = root.clone();
    path.extend(audio.parts());
    let real = fs::canonicalize(&path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => format!("there is no file \"{audio}\" in the scripts folder"),
        _ => format!("\"{audio}\" cannot be read: {e}"),
    })?;
    if !real.starts_with(&root) {
        return Err(format!(
            "\"{audio}\" is a link that leads out of the scripts folder: recordings must be inside it"
        ));
    }
    let meta = fs::metadata(&real).map_err(|e| format!("\"{audio}\" cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err(format!("\"{audio}\" is not a file"));
    }
    if meta.len() > MAX_BYTES {
        return Err(format!("\"{audio}\" is larger than {} MiB", MAX_BYTES / 1024 / 1024));
    }
    Ok(real)
}

/// Finds and decodes the recording `audio` names in `root`.
pub fn load(root: &Path, audio: &AudioPath) -> Result<Clip, String> {
    let path = resolve(root, audio)?;
    decode(&path).map_err(|why| format!("\"{audio}\" {why}"))
}

/// Decodes a whole file to mono at [`RATE`]. The error completes "\"file\" …".
pub fn decode(path: &Path) -> Result<Clip, String> {
    let file = fs::File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    let source =
        MediaSourceStream::new(Box::new(file), symphonia::core::io::MediaSourceStreamOptions::default());
    let mut hint = Hint::new();
    if let Some(extension) = path.extension().and_then(|e| e.to_str()) {
        hint.with_extension(extension);
    }
    let unreadable = "is not a recording Unbrace can read (Ogg Vorbis, FLAC, WAV or MP3), or it is damaged";
    let mut format = symphonia::default::get_probe()
        .probe(&hint, source, FormatOptions::default(), MetadataOptions::default())
        .map_err(|_| unreadable.to_owned())?;
    let track = format.default_track(TrackType::Audio).ok_or_else(|| "holds no sound".to_owned())?;
    let track_id = track.id;
    let params = track.codec_params.as_ref().and_then(|p| p.audio()).ok_or_else(|| unreadable.to_owned())?;
    let mut decoder = symphonia::default::get_codecs()
        .make_audio_decoder(params, &AudioDecoderOptions::default())
        .map_err(|_| unreadable.to_owned())?;
    let (mut rate, mut mono, mut chunk) = (0_u32, Vec::<f32>::new(), Vec::<f32>::new());
    let limit = usize::try_from(MAX_SECS * 192_000).unwrap_or(usize::MAX);
    loop {
        let packet = match format.next_packet() {
            Ok(Some(packet)) => packet,
            Ok(None) | Err(SymError::ResetRequired) => break,
            Err(SymError::IoError(e)) if e.kind() == io::ErrorKind::UnexpectedEof => break,
            Err(_) => return Err(unreadable.to_owned()),
        };
        if packet.track_id != track_id {
            continue;
        }
        match decoder.decode(&packet) {
            Ok(buffer) => {
                rate = buffer.spec().rate();
                let channels = buffer.spec().channels().count().max(1);
                buffer.copy_to_vec_interleaved(&mut chunk);
                #[expect(clippy::cast_precision_loss, reason = "a handful of channels")]
                let scale = 1.0 / channels as f32;
                mono.extend(chunk.chunks_exact(channels).map(|frame| frame.iter().sum::<f32>() * scale));
            }
            // One damaged packet: skipped, as players do.
            Err(SymError::DecodeError(_) | SymError::IoError(_)) => {}
            Err(_) => return Err(unreadable.to_owned()),
        }
        if mono.len() > limit {
            return Err(format!("is longer than {} minutes", MAX_SECS / 60));
        }
    }
    if rate == 0 || mono.is_empty() {
        return Err(unreadable.to_owned());
    }
    if u64::try_from(mono.len()).unwrap_or(u64::MAX) > MAX_SECS * u64::from(rate) {
        return Err(format!("is longer than {} minutes", MAX_SECS / 60));
    }
    let samples = if rate == RATE { mono } else { resample(&mono, rate)? };
    Ok(Clip::new(samples, RATE))
}

/// `mono` at `rate` to [`RATE`], in one pass (rubato's FFT resampler, its delay trimmed).
fn resample(mono: &[f32], rate: u32) -> Result<Vec<f32>, String> {
    use rubato::audioadapter_buffers::direct::InterleavedSlice;
    use rubato::{Fft, FixedSync, Resampler};
    let failed = |e: &dyn std::fmt::Display| format!("could not be converted to {RATE} Hz: {e}");
    let input = InterleavedSlice::new(mono, 1, mono.len()).map_err(|e| failed(&e))?;
    let mut resampler =
        Fft::<f32>::new(rate as usize, RATE as usize, 1024, 1, FixedSync::Both).map_err(|e| failed(&e))?;
    let out = resampler.process_all(&input, mono.len(), None).map_err(|e| failed(&e))?;
    Ok(out.take_data())
}

/// The bytes of a 16-bit mono WAV file of `samples` at `rate`.
pub fn wav_bytes(samples: &[i16], rate: u32) -> Result<Vec<u8>, String> {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut bytes = Cursor::new(Vec::new());
    let mut writer = hound::WavWriter::new(&mut bytes, spec).map_err(|e| e.to_string())?;
    for &sample in samples {
        writer.write_sample(sample).map_err(|e| e.to_string())?;
    }
    writer.finalize().map_err(|e| e.to_string())?;
    Ok(bytes.into_inner())
}

/// Writes a take as `audio` in the scripts folder `root`, atomically (all of it or nothing),
/// making its folders; refuses a place outside `root`.
pub fn save_take(root: &Path, audio: &AudioPath, samples: &[i16], rate: u32) -> Result<(), String> {
    use std::io::Write as _;
    let mut path = root.to_owned();
    path.extend(audio.parts());
    let folder = path.parent().ok_or_else(|| "no folder for the recording".to_owned())?;
    fs::create_dir_all(folder).map_err(|e| format!("the folder for \"{audio}\" cannot be made: {e}"))?;
    let (real_root, real_folder) = (fs::canonicalize(root), fs::canonicalize(folder));
    if !matches!((&real_root, &real_folder), (Ok(r), Ok(f)) if f.starts_with(r)) {
        return Err(format!("\"{audio}\" would be outside the scripts folder"));
    }
    let bytes = wav_bytes(samples, rate)?;
    let mut file = atomic_write_file::AtomicWriteFile::options()
        .open(&path)
        .map_err(|e| format!("\"{audio}\" cannot be written: {e}"))?;
    file.write_all(&bytes).map_err(|e| format!("\"{audio}\" cannot be written: {e}"))?;
    file.commit().map_err(|e| format!("\"{audio}\" cannot be written: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str) -> AudioPath {
        AudioPath::new(p).expect("a good path")
    }

    /// A second of a 440 Hz tone at `rate`.
    fn tone(rate: u32) -> Vec<i16> {
        (0..rate)
            .map(|i| {
                let t = f64::from(i) / f64::from(rate);
                #[expect(clippy::cast_possible_truncation, reason = "within i16")]
                let s = ((t * 440.0 * std::f64::consts::TAU).sin() * 16_000.0) as i16;
                s
            })
            .collect()
    }

    #[test]
    fn a_saved_take_reads_back_at_the_output_rate_and_other_rates_are_converted() {
        let dir = tempfile::tempdir().expect("temp dir");
        save_take(dir.path(), &path("voice/take.wav"), &tone(RATE), RATE).expect("saved");
        let clip = load(dir.path(), &path("voice/take.wav")).expect("decoded");
        assert_eq!((clip.rate(), clip.samples().len()), (RATE, RATE as usize));
        assert!((clip.samples()[100] - f32::from(tone(RATE)[100]) / 32_768.0).abs() < 1e-4);
        save_take(dir.path(), &path("voice/cd.wav"), &tone(44_100), 44_100).expect("saved");
        let clip = load(dir.path(), &path("voice/cd.wav")).expect("decoded");
        assert!(clip.samples().len().abs_diff(48_000) < 50, "{}", clip.samples().len());
        let peak = clip.samples().iter().fold(0.0_f32, |m, s| m.max(s.abs()));
        assert!((peak - 16_000.0 / 32_768.0).abs() < 0.05, "{peak}");
    }

    #[test]
    fn missing_damaged_and_escaping_recordings_are_refused_with_a_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("scripts");
        fs::create_dir_all(root.join("voice")).expect("mkdir");
        let missing = load(&root, &path("voice/none.ogg")).expect_err("missing");
        assert!(missing.contains("there is no file \"voice/none.ogg\""), "{missing}");
        fs::write(root.join("voice/bad.ogg"), b"OggS this is not really a recording at all").expect("write");
        let bad = load(&root, &path("voice/bad.ogg")).expect_err("damaged");
        assert!(bad.contains("not a recording Unbrace can read"), "{bad}");
        fs::write(root.join("voice/empty.wav"), b"").expect("write");
        assert!(load(&root, &path("voice/empty.wav")).is_err());
        // A link inside the folder that leads out of it.
        save_take(dir.path(), &path("outside.wav"), &tone(RATE), RATE).expect("saved");
        std::os::unix::fs::symlink(dir.path().join("outside.wav"), root.join("voice/link.wav"))
            .expect("link");
        let escape = load(&root, &path("voice/link.wav")).expect_err("escapes");
        assert!(escape.contains("leads out of the scripts folder"), "{escape}");
        std::os::unix::fs::symlink(dir.path(), root.join("up")).expect("link");
        assert!(save_take(&root, &path("up/x.wav"), &tone(RATE), RATE).is_err(), "never written outside");
        assert!(!dir.path().join("x.wav").exists());
        fs::create_dir_all(root.join("voice/dir.wav")).expect("mkdir");
        assert!(load(&root, &path("voice/dir.wav")).expect_err("a folder").contains("not a file"));
    }
}
