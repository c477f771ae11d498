//! The practice lifecycle (check-in, running, pauses, steps, checkpoints, check-out, try-outs
//! from the editor) driven by arbitrary sequences of commands and times, with built-in
//! routines and arbitrary valid ones. No panic or overflow; every record written is
//! consistent (counts within the plan, ratings in range, one id per practice, never for a
//! try-out); the stage and what the flow says about itself agree; cues are in order.
#![no_main]

use std::time::Duration;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use unbrace_core::body_scan::region::Region;
use unbrace_core::history::record::{Record, RecordKind, Status};
use unbrace_core::practice::check_in::{CheckInEdit, MAX_NOTE_CHARS, MAX_RATING};
use unbrace_core::practice::flow::{Effect, Now, PracticeFlow, Routine, Stage};
use unbrace_core::script::{Script, ScriptKind};
use unbrace_fuzz::{ArbLength, ArbPattern, ArbScan, Clock, Step, When, assert_cues, built_in};

#[derive(Debug, Arbitrary)]
enum Op {
    Wait(Step),
    /// The wall clock set to another time (it is only recorded).
    SetWall(i64),
    Begin(Pick),
    StartNow(Pick),
    TryOut(Pick),
    Edit(Edit),
    Submit,
    Skip,
    TogglePause,
    Next,
    Previous,
    Extend,
    Stop,
    Dismiss,
    Tick,
    Close,
    SetCheckIns(bool),
    Sound {
        from: Step,
        length: Step,
    },
}

#[derive(Debug, Arbitrary)]
struct Pick {
    routine: u8,
    length: Option<ArbLength>,
}

#[derive(Debug, Arbitrary)]
enum Edit {
    Stress(u8),
    Tension(u8),
    Region(u8),
    Note(String),
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let _ = run(&mut u);
});

fn run(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let library = built_in();
    let mut routines: Vec<Routine> = library
        .entries()
        .iter()
        .map(|e| Routine { id: e.id.clone(), script: e.script.clone(), length: None })
        .collect();
    // Arbitrary valid routines beside them; a scan's steps pace the built-in patterns.
    if bool::arbitrary(u)? {
        let script = Script::Pattern(ArbPattern::arbitrary(u)?.parse());
        routines.push(Routine { id: "breathing/fuzz.ron".to_owned(), script, length: None });
    }
    if bool::arbitrary(u)? {
        let names: Vec<&str> = library.patterns().map(|(_, p)| p.name.as_str()).collect();
        let script = Script::BodyScan(ArbScan::with_patterns(u, &names)?.parse());
        routines.push(Routine { id: "body_scan/fuzz.ron".to_owned(), script, length: None });
    }

    let mut flow = PracticeFlow::new(bool::arbitrary(u)?);
    let mut clock = Clock::at(When::arbitrary(u)?.duration());
    let mut wall_ms = i64::arbitrary(u)?;
    let cue_lead = Duration::from_millis(u64::from(u16::arbitrary(u)?));
    let mut current_id: Option<String> = None;
    for _ in 0..96 {
        let op = Op::arbitrary(u)?;
        let now = Now { clock: clock.now(), wall_ms, cue_lead };
        let pick = |p: &Pick| {
            let mut r = routines[usize::from(p.routine) % routines.len()].clone();
            r.length = p.length.map(|l| l.0);
            r
        };
        let practising_before = flow.is_practising();
        let may_start = matches!(
            (&op, flow.stage()),
            (Op::Begin(_) | Op::StartNow(_), _) | (Op::Submit | Op::Skip, Stage::CheckIn { .. })
        );
        let effects = match &op {
            Op::Wait(step) => {
                clock.advance(step.duration());
                wall_ms =
                    wall_ms.saturating_add(i64::try_from(step.duration().as_millis()).unwrap_or(i64::MAX));
                Vec::new()
            }
            Op::SetWall(ms) => {
                wall_ms = *ms;
                Vec::new()
            }
            Op::Begin(p) => flow.begin(pick(p), library, now),
            Op::StartNow(p) => flow.start_now(&pick(p), library, now),
            Op::TryOut(p) => {
                flow.try_out(&pick(p), library, now);
                Vec::new()
            }
            Op::Edit(edit) => {
                flow.edit_check_in(match edit {
                    Edit::Stress(v) => CheckInEdit::Stress(*v),
                    Edit::Tension(v) => CheckInEdit::Tension(*v),
                    Edit::Region(i) => {
                        CheckInEdit::ToggleRegion(Region::ALL[usize::from(*i) % Region::ALL.len()])
                    }
                    Edit::Note(note) => CheckInEdit::Note(note.clone()),
                });
                Vec::new()
            }
            Op::Submit => flow.submit_check_in(library, now),
            Op::Skip => flow.skip_check_in(library, now),
            Op::TogglePause => flow.toggle_pause(now),
            Op::Next => {
                flow.next(now);
                Vec::new()
            }
            Op::Previous => {
                flow.previous(now);
                Vec::new()
            }
            Op::Extend => {
                flow.extend(now);
                Vec::new()
            }
            Op::Stop => flow.stop(now),
            Op::Dismiss => {
                flow.dismiss();
                Vec::new()
            }
            Op::Tick => flow.tick(now),
            Op::Close => flow.close(now),
            Op::SetCheckIns(on) => {
                flow.set_check_ins(*on);
                Vec::new()
            }
            Op::Sound { from, length } => {
                if let Some(placed) = flow.sound() {
                    let from = placed.from.saturating_add(from.duration());
                    let until = from.saturating_add(length.duration());
                    assert_cues(&placed.score.cues(from, until), from, until);
                }
                Vec::new()
            }
        };

        for effect in &effects {
            match effect {
                Effect::Save(record) => {
                    assert!(!flow.is_trying(), "a try-out was recorded");
                    check_record(record);
                    if current_id.as_deref() != Some(&record.id) {
                        assert!(may_start, "a new practice's record after {op:?}");
                        current_id = Some(record.id.clone());
                    }
                }
                Effect::Ended => assert!(practising_before && !flow.is_practising(), "ended: {op:?}"),
                Effect::BackToEditor => assert!(effects.contains(&Effect::Ended)),
            }
        }
        let practising = matches!(flow.stage(), Stage::Breathing(_) | Stage::Scanning(_));
        assert_eq!(flow.is_practising(), practising);
        assert!(!flow.is_paused() || practising);
        assert!(!flow.is_trying() || practising, "still trying on {:?}", flow.stage());
        if let Some(due) = flow.next_checkpoint() {
            assert!(practising && !flow.is_paused() && !flow.is_trying());
            let _ = due;
        }
        match flow.stage() {
            Stage::Breathing(s) => {
                let m = s.moment(clock.now());
                assert!(m.phase_elapsed <= m.phase_duration);
            }
            Stage::Scanning(s) => {
                let p = s.position(clock.now());
                assert!(p.step < p.step_count.max(1));
            }
            _ => {}
        }
    }
    Ok(())
}

fn check_record(r: &Record) {
    assert!(r.planned_ms > 0 && r.practised_ms >= 0, "{r:?}");
    assert!((0..=r.total_count).contains(&r.done_count), "{r:?}");
    if r.kind == RecordKind::Known(ScriptKind::Breathing) {
        assert!(r.practised_ms <= r.planned_ms, "practised past the plan: {r:?}");
    }
    if r.status == Status::Finished {
        assert_eq!(r.done_count, r.total_count, "finished short: {r:?}");
    }
    for c in [&r.before, &r.after].into_iter().flatten() {
        assert!(!c.is_empty());
        assert!(c.stress.is_none_or(|v| v <= MAX_RATING) && c.tension.is_none_or(|v| v <= MAX_RATING));
    }
    assert!(r.note.chars().count() <= MAX_NOTE_CHARS && r.note.trim() == r.note);
}
