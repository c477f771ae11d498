//! The body-scan player and a scan in progress, for arbitrary valid scans (1 to 200 steps of
//! 5 s to 30 min, steps pacing breathing patterns or naming ones nobody defines) and for the
//! player alone with any step lengths (zero, `u64::MAX` ns, none at all), driven by arbitrary
//! sequences of pause, next, previous and extend at clock readings up to `u64::MAX` ns.
//! No panic or overflow; the position is inside its step and the scan, practice time only
//! grows, the schedule is contiguous, and the score's cues are in order inside their window.
#![no_main]

use std::time::Duration;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use unbrace_core::body_scan::player::{EXTEND_BY, Player, Position};
use unbrace_core::body_scan::session::ScanSession;
use unbrace_core::breathing::pattern::Pattern;
use unbrace_fuzz::{ArbPattern, ArbScan, Clock, Step, When, assert_cues};

#[derive(Debug, Arbitrary)]
enum Op {
    Wait(Step),
    TogglePause,
    Next,
    Previous,
    Extend,
    Look,
    Sound { from: Step, length: Step },
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let _ = run(&mut u);
});

fn run(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    if bool::arbitrary(u)? { scan(u) } else { player(u) }
}

/// A valid scan, as a person's file, in a session.
fn scan(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let mut patterns: Vec<Pattern> = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        patterns.push(ArbPattern::arbitrary(u)?.parse());
    }
    let names: Vec<&str> = patterns.iter().map(|p| p.name.as_str()).collect();
    let scan = ArbScan::with_patterns(u, &names)?.parse();
    let mut clock = Clock::at(When::arbitrary(u)?.duration());
    let mut session = ScanSession::start(
        "fuzz",
        &scan,
        |name| patterns.iter().find(|p| p.name.as_str() == name),
        clock.now(),
    );
    let mut practised = Duration::ZERO;
    for _ in 0..64 {
        let op = Op::arbitrary(u)?;
        let now = clock.now();
        match op {
            Op::Wait(step) => clock.advance(step.duration()),
            Op::TogglePause => session.toggle_pause(now),
            Op::Next => session.next(now),
            Op::Previous => session.previous(now),
            Op::Extend => session.extend(now),
            Op::Look => {}
            Op::Sound { from, length } => match session.sound() {
                Some(placed) => {
                    assert!(!session.is_paused());
                    let from = placed.from.saturating_add(from.duration());
                    let until = from.saturating_add(length.duration());
                    assert_cues(&placed.score.cues(from, until), from, until);
                    let _ = placed.score.end();
                }
                None => assert!(session.is_paused()),
            },
        }
        let now = clock.now();
        let position = session.position(now);
        check(&position, scan.steps().len(), &mut practised);
        if let Some((pattern, moment)) = session.breathing(&position) {
            assert!(moment.phase_index < pattern.phases().len());
            assert!(moment.phase_elapsed <= moment.phase_duration);
        }
        let visited = session.visited(&position);
        assert!(visited.len() <= scan.steps().len());
    }
    Ok(())
}

/// The player alone, with any step lengths.
fn player(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let mut durations = Vec::new();
    for _ in 0..u.int_in_range(0..=8)? {
        durations.push(When::arbitrary(u)?.duration());
    }
    let count = durations.len();
    let mut clock = Clock::at(When::arbitrary(u)?.duration());
    let mut player = Player::start(durations, clock.now());
    let mut practised = Duration::ZERO;
    for _ in 0..64 {
        let op = Op::arbitrary(u)?;
        let now = clock.now();
        match op {
            Op::Wait(step) => clock.advance(step.duration()),
            Op::TogglePause => player.toggle_pause(now),
            Op::Next => player.next(now),
            Op::Previous => player.previous(now),
            Op::Extend => player.extend(EXTEND_BY, now),
            Op::Look | Op::Sound { .. } => {}
        }
        match player.schedule() {
            Some(s) => {
                assert!(!player.is_paused());
                let mut at = s.steps.first().map_or(s.end, |&(start, _)| start);
                for &(start, length) in &s.steps {
                    assert_eq!(start, at, "steps follow each other: {s:?}");
                    at = start + length;
                }
                assert_eq!(s.end, at);
            }
            None => assert!(player.is_paused()),
        }
        check(&player.position(clock.now()), count, &mut practised);
    }
    Ok(())
}

fn check(p: &Position, count: usize, practised: &mut Duration) {
    assert_eq!(p.step_count, count);
    assert!(p.step < count.max(1), "{p:?}");
    if p.finished {
        assert!(p.total_left.is_zero(), "{p:?}");
    } else {
        assert!(p.in_step < p.step_duration, "{p:?}");
        assert!(p.total_left >= p.step_left() && !p.step_left().is_zero(), "{p:?}");
    }
    assert!(p.practised >= *practised, "practice time went back: {practised:?} to {p:?}");
    *practised = p.practised;
}
