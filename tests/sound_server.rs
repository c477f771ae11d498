//! End to end against a real sound server: a `PulseAudio` server started by the test with a
//! null sink, the app's sound output playing a practice into it, and `parec` recording the
//! sink's monitor. The recording must hold each cue, rising or falling as it should, at its
//! moment on the practice clock.
//!
//! Ignored by default: it needs `pulseaudio` and `parec` (Debian's `pulseaudio` and
//! `pulseaudio-utils`), which `.ci/run` installs before running it with `--ignored`.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use unbrace::clock::{Clock, MonotonicClock};
use unbrace::sound::output::{CueOutput, SoundStatus};
use unbrace::sound::pulse::{PulseOutput, Server};
use unbrace_core::breathing::timeline::Timeline;
use unbrace_core::sound::analysis::{onsets, pitch, strongest};
use unbrace_core::sound::cue::{Cue, SoundSettings};
use unbrace_core::sound::score::{Placed, Score};

const RATE: u32 = 48_000;

/// A `PulseAudio` server of the test's own, in a temporary folder, stopped when dropped.
struct PulseServer {
    child: Child,
    dir: tempfile::TempDir,
}

impl PulseServer {
    fn start() -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        let socket = dir.path().join("native");
        let log = File::create(dir.path().join("pulseaudio.log")).expect("a log file");
        let child = Command::new("pulseaudio")
            .args(["-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--disable-shm=yes"])
            .arg("-L")
            .arg(format!("module-native-protocol-unix socket={} auth-anonymous=1", socket.display()))
            .args(["-L", "module-null-sink sink_name=cues rate=48000 channels=1"])
            .env("HOME", dir.path())
            .env("PULSE_RUNTIME_PATH", dir.path().join("runtime"))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("pulseaudio starts (Debian: apt-get install pulseaudio pulseaudio-utils)");
        let server = Self { child, dir };
        for _ in 0..200 {
            if socket.exists() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("pulseaudio did not open its socket:\n{}", server.log());
    }

    fn socket(&self) -> PathBuf {
        self.dir.path().join("native")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("pulseaudio.log")).unwrap_or_default()
    }
}

impl Drop for PulseServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `parec` recording the null sink's monitor to a raw file, stopped when dropped.
struct Recorder {
    child: Child,
    path: PathBuf,
}

impl Recorder {
    fn start(server: &PulseServer) -> Self {
        let path = server.dir.path().join("monitor.raw");
        let child = Command::new("parec")
            .args(["-d", "cues.monitor", "--raw", "--format=s16le", "--rate=48000", "--channels=1"])
            .arg("--latency-msec=5")
            .arg(&path)
            .env("PULSE_SERVER", format!("unix:{}", server.socket().display()))
            .spawn()
            .expect("parec starts (Debian: apt-get install pulseaudio-utils)");
        Self { child, path }
    }

    fn samples(path: &Path) -> usize {
        std::fs::metadata(path).map_or(0, |m| usize::try_from(m.len()).unwrap_or(0) / 2)
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How long `samples` of the recording last.
fn samples_to_duration(samples: usize) -> Duration {
    Duration::from_nanos(samples as u64 * 1_000_000_000 / u64::from(RATE))
}

fn read_recording(path: &Path) -> Vec<f32> {
    let bytes = std::fs::read(path).expect("the recording");
    bytes.chunks_exact(2).map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32_768.0).collect()
}

#[test]
#[ignore = "needs pulseaudio and parec; .ci/run installs them and runs this"]
fn a_real_sound_server_hears_each_cue_at_its_moment() {
    let server = PulseServer::start();
    let clock = MonotonicClock::new();
    let settings = SoundSettings { volume: 100, ..SoundSettings::default() };
    let mut output = PulseOutput::start(Server::Socket(server.socket()), clock.clone(), settings)
        .expect("the sound thread starts");
    let recorder = Recorder::start(&server);
    // Wait for the recording to flow, then tie its samples to the clock: a sample counted in
    // the file at clock time t was played at or before t, so the tightest of many readings
    // says when sample zero was played.
    let started = clock.now();
    while Recorder::samples(&recorder.path) < RATE as usize / 10 {
        assert!(
            clock.now().saturating_sub(started) < Duration::from_secs(10),
            "parec records nothing:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(2));
    }

    let pattern = unbrace_core::script::parse_pattern(
        "Pattern(name: \"t\", phases: [Inhale(secs: 1.5), HoldIn(secs: 0.5), Exhale(secs: 2), \
         HoldOut(secs: 0.5)], length: Cycles(2))",
    )
    .expect("parses");
    let timeline = Timeline::new(&pattern, pattern.length);
    let cues = Score::Breathing(timeline.clone()).cues(Duration::ZERO, Duration::from_secs(60));

    let mut recording_zero = Duration::MAX;
    let mut tie_to_clock = |until: Duration| {
        while clock.now() < until {
            let now = clock.now();
            let played = Recorder::samples(&recorder.path);
            let played_for = samples_to_duration(played);
            recording_zero = recording_zero.min(now.saturating_sub(played_for));
            std::thread::sleep(Duration::from_millis(1));
        }
    };
    // First the settings' sample (a breath in and out), then quiet long enough for the
    // stream to rest: the practice then starts a fresh stream, as after any pause.
    output.preview();
    tie_to_clock(clock.now() + Duration::from_secs(5));
    // Start is pressed now: as in the app, the practice begins after the output's lead.
    let origin = clock.now() + output.start_lead();
    output.place(Some(Placed { score: Score::Breathing(timeline.clone()), origin, from: Duration::ZERO }));
    tie_to_clock(origin + timeline.total() + Duration::from_millis(1500));
    assert_eq!(output.status(), SoundStatus::Ready);
    drop(recorder);
    let recording = read_recording(&server.dir.path().join("monitor.raw"));

    let to_clock = |i: usize| recording_zero + samples_to_duration(i);
    let all = onsets(&recording, 0.002, RATE as usize / 5);
    // The sample ended seconds before the practice; a cue a little early still counts as
    // the practice's (and fails the timing check below).
    let practice_from = origin.saturating_sub(Duration::from_millis(500));
    let preview: Vec<usize> = all.iter().copied().filter(|&i| to_clock(i) < practice_from).collect();
    assert_eq!(preview.len(), 2, "the sample: a breath in and a breath out");
    let found: Vec<usize> = all.into_iter().filter(|&i| to_clock(i) >= practice_from).collect();
    let heard: Vec<Duration> = found.iter().map(|&i| to_clock(i)).collect();
    let report: Vec<String> = cues
        .iter()
        .zip(heard.iter().chain(std::iter::repeat(&Duration::ZERO)))
        .map(|((t, cue), h)| {
            format!(
                "{cue:?} due {:.3} s, heard {:.3} s",
                t.as_secs_f64(),
                h.as_secs_f64() - origin.as_secs_f64()
            )
        })
        .collect();
    eprintln!("{}", report.join("\n"));
    assert_eq!(found.len(), cues.len(), "every cue heard once:\n{}", report.join("\n"));

    for ((t, cue), (&i, &h)) in cues.iter().zip(found.iter().zip(&heard)) {
        let due = origin + *t;
        let off_ms = (h.as_secs_f64() - due.as_secs_f64()) * 1000.0;
        assert!(
            off_ms.abs() <= 30.0,
            "{cue:?} due at {t:?} was heard {off_ms:+.1} ms off:\n{}",
            report.join("\n")
        );
        match cue {
            Cue::Inhale | Cue::Exhale => {
                let early = pitch(&recording[i + 2400..i + 7200], RATE).expect("a tone");
                let late = pitch(&recording[i + 36_000..i + 40_800], RATE).expect("a tone");
                if *cue == Cue::Inhale {
                    assert!(late > early * 1.2, "the inhale rises: {early} Hz to {late} Hz");
                } else {
                    assert!(late < early / 1.2, "the exhale falls: {early} Hz to {late} Hz");
                }
            }
            Cue::Hold => {
                let f = strongest(&recording[i..i + 1200], RATE, 100, 3000).expect("a tick");
                assert!((1500..1650).contains(&f), "the tick is high and short: {f} Hz");
            }
            Cue::Bell => {
                let f = strongest(&recording[i + 9600..i + 33_600], RATE, 100, 3000).expect("a bell");
                assert!((290..300).contains(&f), "the bell rings on D4: {f} Hz");
            }
            Cue::Chime => unreachable!("a breathing practice has no chime"),
        }
    }
}
