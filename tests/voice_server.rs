//! End to end against real services, started by the test: a `PulseAudio` server with a null
//! sink, speech-dispatcher with espeak-ng playing into it, the app (its own path from Start,
//! with the real sound output and speech adapter, on the real clock) and `parec` recording
//! the sink's monitor with a short latency (5 ms, as the cue test does: the clock tie below is
//! then late by at most that). Speech must be heard within a second of each
//! step's start and not after Pause; a recorded clip plays at its step's start; a damaged one
//! is refused and its step spoken instead.
//!
//! Ignored by default: it needs `pulseaudio`, `parec`, `speech-dispatcher` and
//! `speech-dispatcher-espeak-ng`, which `.ci/run` installs before running it with `--ignored`.

mod common;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unbrace::app::UnbraceApp;
use unbrace::clock::{Clock, MonotonicClock};
use unbrace::sound::pulse::{PulseOutput, Server};
use unbrace::speech::dispatcher::DispatcherSpeech;
use unbrace_core::practice::flow::Stage;
use unbrace_core::sound::analysis::strongest;
use unbrace_core::sound::cue::SoundSettings;

const RATE: u32 = 48_000;

/// The services of one test, in a temporary folder, stopped when dropped.
struct Services {
    dir: tempfile::TempDir,
    children: Vec<Child>,
}

impl Services {
    fn start() -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        let mut services = Self { dir, children: Vec::new() };
        let root = services.dir.path().to_owned();
        let socket = root.join("native");
        let pulse = Command::new("pulseaudio")
            .args(["-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--disable-shm=yes"])
            .arg("-L")
            .arg(format!("module-native-protocol-unix socket={} auth-anonymous=1", socket.display()))
            .args(["-L", "module-null-sink sink_name=cues rate=48000 channels=1"])
            .env("HOME", &root)
            .env("PULSE_RUNTIME_PATH", root.join("pulse-runtime"))
            .stdout(Stdio::null())
            .stderr(File::create(root.join("pulseaudio.log")).expect("a log"))
            .spawn()
            .expect("pulseaudio starts (Debian: apt-get install pulseaudio pulseaudio-utils)");
        services.children.push(pulse);
        wait_for(&socket, "pulseaudio");
        // speech-dispatcher with a configuration of its own, playing into that server.
        let config = root.join("config/speech-dispatcher");
        std::fs::create_dir_all(&config).expect("mkdir");
        std::fs::create_dir_all(root.join("run")).expect("mkdir");
        std::fs::write(
            config.join("speechd.conf"),
            format!(
                "AudioOutputMethod \"pulse\"\nAudioPulseDevice \"default\"\nDefaultModule espeak-ng\n\
                 LanguageDefaultModule \"en\" \"espeak-ng\"\nTimeout 0\nLogLevel 3\nLogDir \"{}\"\n",
                root.display()
            ),
        )
        .expect("config");
        let speechd = Command::new("speech-dispatcher")
            .args(["-s", "-t", "0"])
            .env("HOME", &root)
            .env("XDG_RUNTIME_DIR", root.join("run"))
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_CACHE_HOME", root.join("cache"))
            .env("PULSE_SERVER", format!("unix:{}", socket.display()))
            .stdout(Stdio::null())
            .stderr(File::create(root.join("speechd.log")).expect("a log"))
            .spawn()
            .expect("speech-dispatcher starts (Debian: apt-get install speech-dispatcher speech-dispatcher-espeak-ng)");
        services.children.push(speechd);
        wait_for(&services.speech_socket(), "speech-dispatcher");
        services
    }

    fn pulse_socket(&self) -> PathBuf {
        self.dir.path().join("native")
    }

    fn speech_socket(&self) -> PathBuf {
        self.dir.path().join("run/speech-dispatcher/speechd.sock")
    }

    /// Starts `parec` on the sink's monitor; returns the file it writes.
    fn record(&mut self) -> PathBuf {
        let path = self.dir.path().join("monitor.raw");
        let parec = Command::new("parec")
            .args(["-d", "cues.monitor", "--raw", "--format=s16le", "--rate=48000", "--channels=1"])
            .arg("--latency-msec=5")
            .arg(&path)
            .env("PULSE_SERVER", format!("unix:{}", self.pulse_socket().display()))
            .spawn()
            .expect("parec starts");
        self.children.push(parec);
        path
    }
}

impl Drop for Services {
    fn drop(&mut self) {
        for child in self.children.iter_mut().rev() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn wait_for(path: &Path, what: &str) {
    for _ in 0..200 {
        if path.exists() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} did not open its socket at {}", path.display());
}

fn samples_in(path: &Path) -> usize {
    std::fs::metadata(path).map_or(0, |m| usize::try_from(m.len()).unwrap_or(0) / 2)
}

fn duration_of(samples: usize) -> Duration {
    Duration::from_nanos(samples as u64 * 1_000_000_000 / u64::from(RATE))
}

/// The app on the real clock, with the real sound output and speech, practising the scan
/// in `scripts` named `id`, chimes off (so what is heard is words).
fn app(
    services: &Services,
    scripts: &Path,
    id: &str,
    clock: &MonotonicClock,
) -> Harness<'static, UnbraceApp> {
    let mut settings = common::settled();
    settings.sound = SoundSettings { volume: 100, chime: false, ..SoundSettings::default() };
    let output = PulseOutput::start(Server::Socket(services.pulse_socket()), clock.clone(), settings.sound)
        .expect("the sound thread starts");
    let speech =
        DispatcherSpeech::start(Some(services.speech_socket()), || {}).expect("the speech thread starts");
    let library = unbrace::library::load(Some(scripts));
    assert!(library.get(id).is_some(), "{:?}", library.problems());
    let app = UnbraceApp::new(library, Box::new(clock.clone()), settings)
        .with_scripts_dir(scripts.to_owned())
        .with_sound(Box::new(output))
        .with_speech(Box::new(speech))
        .starting(id);
    common::harness_of(app, [1100.0, 720.0])
}

/// Runs frames on the real clock until `until`; notes when each step began and
/// ties the recording's samples to the clock (the tightest of many readings).
struct Run {
    step_starts: Vec<Duration>,
    recording_zero: Duration,
}

impl Run {
    fn frames(
        &mut self,
        harness: &mut Harness<'static, UnbraceApp>,
        clock: &MonotonicClock,
        recording: &Path,
        until: Duration,
    ) {
        while clock.now() < until {
            harness.run_steps(1);
            let now = clock.now();
            // When the step on show began, exactly: now less the time spent in it.
            if let Stage::Scanning(session) = harness.state().flow().stage() {
                let position = session.position(now);
                if position.step == self.step_starts.len() && !position.finished {
                    self.step_starts.push(now.saturating_sub(position.in_step));
                }
            }
            self.recording_zero =
                self.recording_zero.min(now.saturating_sub(duration_of(samples_in(recording))));
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// Loud 10 ms windows of the recording, as clock times.
fn loud_times(recording: &[f32], zero: Duration) -> Vec<Duration> {
    recording
        .chunks_exact(480)
        .enumerate()
        .filter(|(_, w)| w.iter().map(|s| s * s).sum::<f32>() > 0.003 * 0.003 * 480.0)
        .map(|(i, _)| zero + duration_of(i * 480))
        .collect()
}

fn read(path: &Path) -> Vec<f32> {
    let bytes = std::fs::read(path).expect("the recording");
    bytes.chunks_exact(2).map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32_768.0).collect()
}

fn scripts_with(scan: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("body_scan")).expect("mkdir");
    std::fs::write(dir.path().join("body_scan/test.ron"), scan).expect("write");
    dir
}

/// Starts recording the sink, then the app on `body_scan/test.ron` in `scripts`, and runs it
/// until its three steps have begun.
fn start_scan(
    services: &mut Services,
    scripts: &Path,
) -> (Harness<'static, UnbraceApp>, Run, PathBuf, MonotonicClock) {
    let recording = services.record();
    let clock = MonotonicClock::new();
    while samples_in(&recording) < RATE as usize / 10 {
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut harness = app(services, scripts, "body_scan/test.ron", &clock);
    let mut run = Run { step_starts: Vec::new(), recording_zero: Duration::MAX };
    let limit = clock.now() + Duration::from_secs(60);
    while run.step_starts.len() < 3 && clock.now() < limit {
        run.frames(&mut harness, &clock, &recording, clock.now() + Duration::from_millis(50));
    }
    assert_eq!(run.step_starts.len(), 3, "every step began");
    (harness, run, recording, clock)
}

#[test]
#[ignore = "needs pulseaudio, parec and speech-dispatcher with espeak-ng; .ci/run installs them"]
fn each_steps_words_are_heard_within_a_second_of_its_start_and_nothing_after_pause() {
    let mut services = Services::start();
    let scripts = scripts_with(
        "BodyScan(name: \"Test\", steps: [\n\
         Step(region: Feet, secs: 5, prompt: \"Notice your feet.\"),\n\
         Step(region: Knees, secs: 5, prompt: \"Notice your knees.\\nLet them rest.\"),\n\
         Step(region: Breath, secs: 20, prompt: \"Notice your breath, coming and going by itself, slowly, without any effort at all.\"),\n\
         ])",
    );
    let (mut harness, mut run, recording, clock) = start_scan(&mut services, scripts.path());
    // Pause a second into the last step's words.
    run.frames(&mut harness, &clock, &recording, run.step_starts[2] + Duration::from_secs(1));
    harness.key_press(egui::Key::Space);
    let paused = clock.now();
    run.frames(&mut harness, &clock, &recording, paused + Duration::from_secs(3));

    let heard = loud_times(&read(&recording), run.recording_zero);
    for (k, start) in run.step_starts.iter().enumerate() {
        let first = heard.iter().find(|t| **t >= *start).copied();
        let late = first.map(|t| t.as_secs_f64() - start.as_secs_f64());
        eprintln!("step {}: words heard {late:?} s after it began", k + 1);
        assert!(late.is_some_and(|l| l < 1.0), "step {}: words not heard within a second: {late:?}", k + 1);
    }
    let after: Vec<f64> = heard
        .iter()
        .filter(|t| **t > paused + Duration::from_millis(300))
        .map(|t| t.as_secs_f64() - paused.as_secs_f64())
        .collect();
    assert!(after.is_empty(), "sound after Pause, at {:?} s after it", &after[..after.len().min(5)]);
}

#[test]
#[ignore = "needs pulseaudio, parec and speech-dispatcher with espeak-ng; .ci/run installs them"]
fn a_recording_plays_at_its_steps_start_and_a_damaged_one_is_spoken_instead() {
    let mut services = Services::start();
    let scripts = scripts_with(
        "BodyScan(name: \"Test\", steps: [\n\
         Step(region: Feet, secs: 5, prompt: \"Notice your feet.\"),\n\
         Step(region: Knees, secs: 5, prompt: \"Knees.\", audio: \"voice/tone.wav\"),\n\
         Step(region: Breath, secs: 5, prompt: \"Notice your breath.\", audio: \"voice/bad.ogg\"),\n\
         ])",
    );
    let tone: Vec<i16> = (0..RATE / 2)
        .map(|i| {
            let t = f64::from(i) / f64::from(RATE);
            #[expect(clippy::cast_possible_truncation, reason = "within i16")]
            let s = ((t * 1000.0 * std::f64::consts::TAU).sin() * 16_000.0) as i16;
            s
        })
        .collect();
    let audio = |p: &str| unbrace_core::script::audio_path::AudioPath::new(p).expect("a path");
    unbrace::voice::clip_file::save_take(scripts.path(), &audio("voice/tone.wav"), &tone, RATE)
        .expect("saved");
    std::fs::write(scripts.path().join("voice/bad.ogg"), b"OggS but nothing a decoder can read")
        .expect("write");
    let report = unbrace::library::check::check_paths(&[scripts.path().to_owned()], Some(scripts.path()));
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(report.problems[0].message.contains("voice/bad.ogg"), "{}", report.problems[0]);

    let (mut harness, mut run, recording, clock) = start_scan(&mut services, scripts.path());
    run.frames(&mut harness, &clock, &recording, run.step_starts[2] + Duration::from_secs(2));
    harness.get_by_label_contains("The recording for step 3 can't be played");

    let samples = read(&recording);
    let zero = run.recording_zero;
    let heard = loud_times(&samples, zero);
    // The tone: its onset on its step's start (within 30 ms, as the cues), and it is the tone.
    let start = run.step_starts[1];
    let onset =
        heard.iter().find(|t| **t + Duration::from_millis(200) >= start).copied().expect("the recording");
    let off_ms = (onset.as_secs_f64() - start.as_secs_f64()) * 1000.0;
    eprintln!("the recording began {off_ms:+.1} ms from its step's start");
    assert!(off_ms.abs() < 30.0, "the recording began {off_ms:+.1} ms from its step's start");
    let at = usize::try_from(onset.saturating_sub(zero).as_nanos() * u128::from(RATE) / 1_000_000_000)
        .expect("fits");
    let f = strongest(&samples[at + 2400..at + 12_000], RATE, 100, 3000).expect("a tone");
    assert!((990..1010).contains(&f), "the recording's tone: {f} Hz");
    // The damaged one: its step's prompt is spoken instead, within a second.
    let third = run.step_starts[2];
    let words = heard.iter().find(|t| **t >= third).copied().expect("words");
    assert!(
        words.saturating_sub(third) < Duration::from_secs(1),
        "spoken {:?} after",
        words.saturating_sub(third)
    );
}
