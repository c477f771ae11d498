//! The sound path as the app drives it: a practice (an arbitrary valid pattern or scan) whose
//! score is placed on the mixer whenever it changes, and buffers filled at clock times that
//! reach `u64::MAX` ns, with pauses, skips, extensions, the end's ring-out, settings changes
//! and one-off cues. (Beyond issue 17's list: the audio thread runs this, and a panic there
//! silences the app.) No panic or overflow; every sample is finite and under full scale.
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use unbrace_core::practice::flow::{Now, PracticeFlow, Routine};
use unbrace_core::script::Script;
use unbrace_core::sound::cue::{Cue, SoundSettings};
use unbrace_core::sound::mixer::{Mixer, to_s16le};
use unbrace_fuzz::{ArbPattern, ArbScan, Clock, Step, When, built_in};

#[derive(Debug, Arbitrary)]
enum Op {
    Wait(Step),
    TogglePause,
    Next,
    Previous,
    Extend,
    Stop,
    Tick,
    Dismiss,
    /// The sound server asks for `samples`, heard `latency_ms` from now.
    Fill {
        samples: u16,
        latency_ms: u16,
    },
    PlayAt {
        cue: u8,
        in_ms: i32,
    },
    Settings {
        on: bool,
        volume: u8,
        switches: u8,
    },
}

/// Mixers at three sample rates, their cues rendered once per process.
fn mixers() -> &'static [Mixer] {
    static MIXERS: OnceLock<Vec<Mixer>> = OnceLock::new();
    MIXERS.get_or_init(|| {
        [8_000, 44_100, 48_000].map(|rate| Mixer::new(rate, SoundSettings::default())).to_vec()
    })
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let _ = run(&mut u);
});

fn run(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let library = built_in();
    let script = if bool::arbitrary(u)? {
        Script::Pattern(ArbPattern::arbitrary(u)?.parse())
    } else {
        let names: Vec<&str> = library.patterns().map(|(_, p)| p.name.as_str()).collect();
        Script::BodyScan(ArbScan::with_patterns(u, &names)?.parse())
    };
    let routine = Routine { id: "fuzz.ron".to_owned(), script, length: None };
    let mut mixer = u.choose(mixers())?.clone();
    let mut clock = Clock::at(When::arbitrary(u)?.duration());
    let now = |clock: &Clock| Now { clock: clock.now(), wall_ms: 0, cue_lead: Duration::from_millis(100) };
    let mut flow = PracticeFlow::new(false);
    let _ = flow.start_now(&routine, library, now(&clock));
    let mut buffer = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..64 {
        match Op::arbitrary(u)? {
            Op::Wait(step) => clock.advance(step.duration()),
            Op::TogglePause => drop(flow.toggle_pause(now(&clock))),
            Op::Next => flow.next(now(&clock)),
            Op::Previous => flow.previous(now(&clock)),
            Op::Extend => flow.extend(now(&clock)),
            Op::Stop => drop(flow.stop(now(&clock))),
            Op::Tick => drop(flow.tick(now(&clock))),
            Op::Dismiss => flow.dismiss(),
            Op::Fill { samples, latency_ms } => {
                buffer.resize(usize::from(samples % 8192), 0.0);
                let heard_at =
                    clock.now().saturating_add(Duration::from_millis(u64::from(latency_ms % 2000)));
                mixer.fill(&mut buffer, heard_at);
                for &s in &buffer {
                    assert!(s.is_finite() && s.abs() < 1.0, "sample {s} at {heard_at:?}");
                }
                bytes.resize(buffer.len() * 2, 0);
                to_s16le(&buffer, &mut bytes);
                let _ = mixer.is_idle();
            }
            Op::PlayAt { cue, in_ms } => {
                let cue = Cue::ALL[usize::from(cue) % Cue::ALL.len()];
                let delta = Duration::from_millis(u64::from(in_ms.unsigned_abs()));
                let at = if in_ms < 0 {
                    clock.now().saturating_sub(delta)
                } else {
                    clock.now().saturating_add(delta)
                };
                mixer.play_at(at, cue);
            }
            Op::Settings { on, volume, switches } => {
                let mut settings = SoundSettings { on, volume, ..SoundSettings::default() };
                for (i, cue) in Cue::ALL.into_iter().enumerate() {
                    settings.set(cue, switches & (1 << i) != 0);
                }
                mixer.set_settings(settings);
            }
        }
        // As the app's sound sync does after every change.
        mixer.place(flow.sound());
    }
    Ok(())
}
