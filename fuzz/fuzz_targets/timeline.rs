//! The breathing timeline, its moments, the repaint clock and the sound score, for arbitrary
//! valid patterns (ramps, top-ups, holds, 0.5 to 120 s phases, up to 5000 breaths or 180
//! minutes) at arbitrary times: 0, hours, the practice's end and around it, `u64::MAX`
//! nanoseconds. No panic or overflow; every moment is inside its phase and its practice,
//! moves forward with time, and cues fall on phase boundaries in order. The pattern also
//! goes through the editor's form and back unchanged.
#![no_main]

use std::time::Duration;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use unbrace_core::breathing::pattern::{Length, Pattern};
use unbrace_core::breathing::repaint::{Geometry, MIN_FRAME_INTERVAL, next_frame_in, until_countdown_ticks};
use unbrace_core::breathing::session::BreathingSession;
use unbrace_core::breathing::timeline::{Moment, Timeline};
use unbrace_core::editor::pattern_form::PatternForm;
use unbrace_core::script;
use unbrace_core::sound::cue::Cue;
use unbrace_core::sound::score::{Score, phase_cue};
use unbrace_fuzz::{ArbLength, ArbPattern, Clock, Step, When, assert_cues};

#[derive(Debug, Arbitrary)]
struct Input {
    pattern: ArbPattern,
    /// A length chosen in the app instead of the pattern's own.
    length: Option<ArbLength>,
    queries: Vec<Query>,
    session: Vec<(Step, SessionOp)>,
}

#[derive(Debug, Arbitrary)]
enum Query {
    At(When),
    /// Around the end of the practice, or of the ramp.
    NearEnd(bool, i16),
    NearRampEnd(i16),
    CyclePhases(u64),
    Frame {
        at: When,
        paused: bool,
        shape_px: f64,
        progress_px: f64,
    },
    LevelMoves {
        at: When,
        delta: f64,
    },
    Cues {
        from: When,
        length: Step,
    },
}

#[derive(Debug, Arbitrary)]
enum SessionOp {
    TogglePause,
    Look,
    Sound { from: Step, length: Step },
}

fuzz_target!(|input: Input| {
    let pattern = input.pattern.parse();
    round_trip(&pattern);
    let length = input.length.map_or(pattern.length, |l| l.0);
    let timeline = Timeline::new(&pattern, length);
    let total = timeline.total();
    assert!(!total.is_zero() && timeline.total_cycles() >= 1);
    if let Length::Cycles(n) = length {
        assert_eq!(timeline.total_cycles(), u64::from(n));
    }

    let mut seen: Vec<(Duration, Moment)> = Vec::new();
    for query in input.queries.iter().take(64) {
        match *query {
            Query::At(when) => seen.push(look(&pattern, &timeline, when.duration())),
            Query::NearEnd(after, by) => {
                let by = Duration::from_nanos(u64::from(by.unsigned_abs()));
                let t = if after { total + by } else { total.saturating_sub(by) };
                seen.push(look(&pattern, &timeline, t));
            }
            Query::NearRampEnd(by) => {
                let by = Duration::from_nanos(u64::from(by.unsigned_abs()) * 1000);
                let t =
                    if by.is_zero() { timeline.ramp_end() } else { timeline.ramp_end().saturating_sub(by) };
                seen.push(look(&pattern, &timeline, t));
            }
            Query::CyclePhases(cycle) => {
                let phases = timeline.cycle_phases(cycle);
                assert_eq!(phases.len(), pattern.phases().len());
                assert!(
                    phases.iter().all(|d| *d >= Duration::from_millis(500) && *d <= Duration::from_secs(120))
                );
            }
            Query::Frame { at, paused, shape_px, progress_px } => {
                let (_, m) = look(&pattern, &timeline, at.duration());
                let geometry = Geometry { shape_travel_px: shape_px, progress_width_px: progress_px };
                match next_frame_in(&m, paused, geometry) {
                    Some(wait) => assert!(!paused && !m.finished && wait >= MIN_FRAME_INTERVAL, "{wait:?}"),
                    None => assert!(paused || m.finished),
                }
                let _ = until_countdown_ticks(m.phase_remaining());
                let _ = until_countdown_ticks(m.remaining());
            }
            Query::LevelMoves { at, delta } => {
                let (_, m) = look(&pattern, &timeline, at.duration());
                if let Some(wait) = m.until_level_moves(delta) {
                    assert!(
                        wait <= m.phase_remaining() + Duration::from_millis(1),
                        "{wait:?} past the phase: {m:?}"
                    );
                }
            }
            Query::Cues { from, length } => {
                let from = from.duration();
                let until = from.saturating_add(length.duration());
                let score = Score::Breathing(timeline.clone());
                let cues = score.cues(from, until);
                assert_cues(&cues, from, until);
                for &(at, cue) in &cues {
                    if cue == Cue::Bell {
                        assert_eq!(at, total, "the bell rings at the end");
                    } else {
                        let m = timeline.at(at);
                        assert!(m.phase_elapsed.is_zero() && !m.finished, "a cue inside a phase at {at:?}");
                        assert_eq!(cue, phase_cue(m.kind));
                    }
                }
                assert_eq!(score.end(), total);
            }
        }
    }
    // Later is never earlier: practice time, breaths and phases only move forward.
    seen.sort_by_key(|(t, _)| *t);
    for pair in seen.windows(2) {
        let ((_, a), (_, b)) = (&pair[0], &pair[1]);
        assert!(a.elapsed <= b.elapsed && a.cycle <= b.cycle, "{a:?} then {b:?}");
        if a.cycle == b.cycle && !a.finished && !b.finished {
            assert!(a.phase_index <= b.phase_index, "{a:?} then {b:?}");
        }
    }

    // A session: the practice clock with pauses, at clock readings up to u64::MAX ns.
    let mut clock = Clock::default();
    let mut session = BreathingSession::start("fuzz", &pattern, length, clock.now());
    let mut practised = Duration::ZERO;
    for (step, op) in input.session.iter().take(64) {
        clock.advance(step.duration());
        let now = clock.now();
        match op {
            SessionOp::TogglePause => session.toggle_pause(now),
            SessionOp::Look => {}
            SessionOp::Sound { from, length } => {
                if let Some(placed) = session.sound() {
                    assert!(!session.is_paused());
                    let from = placed.from.saturating_add(from.duration());
                    let until = from.saturating_add(length.duration());
                    assert_cues(&placed.score.cues(from, until), from, until);
                } else {
                    assert!(session.is_paused());
                }
            }
        }
        let m = session.moment(now);
        let p = session.practised(now);
        assert!(p >= practised && p <= total, "practised went from {practised:?} to {p:?} of {total:?}");
        assert!(m.elapsed == p || m.finished);
        practised = p;
    }
});

/// The moment at `t`, checked.
fn look(pattern: &Pattern, timeline: &Timeline, t: Duration) -> (Duration, Moment) {
    let m = timeline.at(t);
    let total = timeline.total();
    let phases = pattern.phases();
    assert!(m.phase_index < phases.len());
    assert_eq!(m.kind, phases[m.phase_index].kind);
    assert!(m.phase_elapsed <= m.phase_duration, "{m:?}");
    assert!(
        m.phase_duration >= Duration::from_millis(500) && m.phase_duration <= Duration::from_secs(120),
        "{m:?}"
    );
    assert_eq!(m.total, total);
    assert_eq!(m.finished, t >= total, "at {t:?} of {total:?}");
    if m.finished {
        assert_eq!((m.elapsed, m.cycle), (total, timeline.total_cycles()));
    } else {
        assert_eq!(m.elapsed, t);
        assert!(m.cycle < timeline.total_cycles());
        assert_eq!(timeline.cycle_phases(m.cycle)[m.phase_index], m.phase_duration);
    }
    assert!(m.level.is_finite() && (-1e-9..=1.0 + 1e-9).contains(&m.level), "{m:?}");
    assert!(m.level_per_sec.is_finite() && m.level_span.is_finite(), "{m:?}");
    for f in [m.progress(), m.phase_fraction()] {
        assert!((0.0..=1.0).contains(&f), "{m:?}");
    }
    assert!(m.remaining() <= total && m.phase_remaining() <= m.phase_duration);
    (t, m)
}

/// The pattern through the editor's form and back.
fn round_trip(pattern: &Pattern) {
    let form = PatternForm::from_pattern(pattern);
    let written = form.to_text();
    match script::parse_pattern(&written) {
        Ok(again) => assert_eq!(&again, pattern, "the form changed the pattern:\n{written}"),
        Err(e) => panic!("the form wrote a file that does not read back: {e}\n{written}"),
    }
}
