//! The reminder scheduler driven by arbitrary ticks and answers: monotonic and wall times that
//! move together, apart (sleep, a clock set back or forward, to the ends of the calendar),
//! across summer time in real zones; idle, full screen or do-not-disturb, practising; Start,
//! Later, Skip, pauses, reloads, and History's "shown at". Reminders are arbitrary valid
//! ones (every or at, days, between windows overnight too). No panic or overflow; the next
//! tick is later than now and at most a minute away; a tick shows a reminder at most once,
//! only one that is on, and nothing while quiet, practising or paused.
#![no_main]

use std::collections::HashSet;
use std::sync::OnceLock;
use std::time::Duration;

use arbitrary::{Arbitrary, Unstructured};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use libfuzzer_sys::fuzz_target;
use unbrace_core::library::{Origin, ReminderEntry};
use unbrace_core::reminder::at_times::{AtTimes, MAX_TIMES};
use unbrace_core::reminder::between::Between;
use unbrace_core::reminder::days::{Day, Days};
use unbrace_core::reminder::minutes::{IdleAfter, Interval};
use unbrace_core::reminder::pause::Pause;
use unbrace_core::reminder::scheduler::MAX_SLEEP;
use unbrace_core::reminder::time_of_day::TimeOfDay;
use unbrace_core::reminder::{Reminder, Response, Schedule, Scheduler, Tick};
use unbrace_core::script::text::Name;
use unbrace_fuzz::{Clock, Step, When};

/// Zones with summer time, half- and quarter-hour offsets, a two-hour jump, a skipped day.
const ZONES: &[&str] = &[
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Pacific/Kiritimati",
    "Antarctica/Troll",
    "Africa/Casablanca",
    "America/Santiago",
];

fn zones() -> &'static [TimeZone] {
    static ZONES_LOADED: OnceLock<Vec<TimeZone>> = OnceLock::new();
    ZONES_LOADED.get_or_init(|| ZONES.iter().map(|z| TimeZone::get(z).expect("bundled zone")).collect())
}

const NAMES: &[&str] = &["Desk break", "Evening", "Stretch"];

#[derive(Debug, Arbitrary)]
struct ArbReminder {
    name: u8,
    routine: u8,
    schedule: ArbSchedule,
    days: u8,
    enabled: bool,
}

#[derive(Debug, Arbitrary)]
enum ArbSchedule {
    Every { interval: u16, idle_after: u8, between: Option<(u16, u16)> },
    At(Vec<u16>),
}

impl ArbReminder {
    fn build(&self) -> Reminder {
        let name = |i: u8| Name::new(NAMES[usize::from(i) % NAMES.len()]).expect("a valid name");
        let minute = |m: u16| TimeOfDay::from_hm(((m / 60) % 24) as u8, (m % 60) as u8).expect("a time");
        let schedule = match &self.schedule {
            ArbSchedule::Every { interval, idle_after, between } => Schedule::Every {
                interval: Interval::new(1 + u32::from(*interval) % 480).expect("in range"),
                idle_after: IdleAfter::new(1 + u32::from(*idle_after) % 60).expect("in range"),
                between: between.and_then(|(a, b)| Between::new(minute(a), minute(b)).ok()),
            },
            ArbSchedule::At(times) => {
                let mut times: Vec<TimeOfDay> = times.iter().map(|&m| minute(m)).collect();
                times.sort_unstable();
                times.dedup();
                times.truncate(MAX_TIMES);
                if times.is_empty() {
                    times.push(TimeOfDay::default());
                }
                Schedule::At(AtTimes::new(times).expect("valid times"))
            }
        };
        let days: Vec<Day> = Day::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| self.days & (1 << i) != 0)
            .map(|(_, d)| d)
            .collect();
        Reminder {
            name: name(self.name),
            routine: name(self.routine),
            schedule,
            days: Days::new(&days).unwrap_or_default(),
            enabled: self.enabled,
        }
    }
}

/// A wall time: mostly around now, sometimes anywhere in the calendar jiff knows.
#[derive(Debug, Arbitrary)]
enum Wall {
    Near(i32),
    Anywhere(i64),
    Min,
    Max,
}

impl Wall {
    fn timestamp(&self) -> Timestamp {
        match *self {
            Self::Near(s) => {
                Timestamp::from_second(1_780_000_000 + i64::from(s)).unwrap_or(Timestamp::UNIX_EPOCH)
            }
            Self::Anywhere(s) => {
                Timestamp::from_second(s.clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second()))
                    .unwrap_or(Timestamp::UNIX_EPOCH)
            }
            Self::Min => Timestamp::MIN,
            Self::Max => Timestamp::MAX,
        }
    }
}

/// How the wall clock moves at a tick, beside the monotonic one.
#[derive(Debug, Arbitrary)]
enum WallMove {
    Along,
    /// Asleep: the wall clock moved this much more.
    Slept(Step),
    Back(Step),
    SetTo(Wall),
}

#[derive(Debug, Arbitrary)]
enum Op {
    Tick { wait: Step, wall: WallMove, idle: Option<Step>, quiet: bool, practising: bool },
    Respond { which: u8, response: u8 },
    PracticeCompleted,
    ShownAt { which: u8, before: Step },
    Pause(Option<Step>),
    Resume,
    Reload { keep: u8, add: Option<ArbReminder> },
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let _ = run(&mut u);
});

fn run(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let zone = match u.choose(zones()) {
        Ok(zone) if u.int_in_range(0..=7_u8)? < 7 => zone.clone(),
        _ => TimeZone::fixed(Offset::from_seconds(i32::arbitrary(u)? % 93_600).unwrap_or(Offset::UTC)),
    };
    let mut entries: Vec<ReminderEntry> = Vec::new();
    for i in 0..u.int_in_range(1..=4)? {
        let reminder = ArbReminder::arbitrary(u)?.build();
        entries.push(ReminderEntry { id: format!("reminders/{i}.ron"), origin: Origin::BuiltIn, reminder });
    }
    let mut scheduler = Scheduler::new();
    scheduler.set_reminders(&entries);
    let mut clock = Clock::at(When::arbitrary(u)?.duration());
    let mut wall = Wall::arbitrary(u)?.timestamp();
    let mut paused = false;
    for _ in 0..64 {
        let zoned = |t: Timestamp| t.to_zoned_datetime(zone.clone());
        match Op::arbitrary(u)? {
            Op::Tick { wait, wall: moved, idle, quiet, practising } => {
                let wait = wait.duration();
                clock.advance(wait);
                wall = match moved {
                    WallMove::Along => add(wall, wait),
                    WallMove::Slept(more) => add(add(wall, wait), more.duration()),
                    WallMove::Back(by) => sub(add(wall, wait), by.duration()),
                    WallMove::SetTo(to) => to.timestamp(),
                };
                let tick = Tick {
                    now: clock.now(),
                    wall: zoned(wall),
                    idle: idle.map(Step::duration),
                    quiet,
                    practising,
                };
                let ticked = scheduler.tick(&tick);
                let now = clock.now();
                assert!(ticked.next_tick > now, "next tick {:?} not after now {now:?}", ticked.next_tick);
                assert!(
                    ticked.next_tick <= now.saturating_add(MAX_SLEEP),
                    "next tick {:?} more than a minute after {now:?}",
                    ticked.next_tick
                );
                let mut shown = HashSet::new();
                for due in &ticked.due {
                    assert!(shown.insert(due.id.as_str()), "{} shown twice in one tick", due.id);
                    let entry = entries.iter().find(|e| e.id == due.id).expect("a known reminder");
                    assert!(entry.reminder.enabled, "{} is off", due.id);
                    assert_eq!(
                        (due.name.as_str(), due.routine.as_str()),
                        (entry.reminder.name.as_str(), entry.reminder.routine.as_str())
                    );
                    assert!(!due.body.is_empty());
                }
                if quiet || practising || (paused && scheduler.paused_until().is_some()) {
                    assert!(ticked.due.is_empty(), "shown while held: {ticked:?}");
                }
            }
            Op::Respond { which, response } => {
                let id = format!("reminders/{}.ron", which % 6);
                let response = [Response::Start, Response::Later, Response::Skip][usize::from(response) % 3];
                let on = entries.iter().any(|e| e.id == id && e.reminder.enabled);
                assert_eq!(scheduler.respond(&id, response, clock.now()), on);
                let _ = response.outcome();
            }
            Op::PracticeCompleted => scheduler.practice_completed(),
            Op::ShownAt { which, before } => {
                scheduler.shown_at(NAMES[usize::from(which) % NAMES.len()], sub(wall, before.duration()));
            }
            Op::Pause(length) => {
                let pause = length.map_or(Pause::UntilTomorrow, |l| Pause::For(l.duration()));
                scheduler.pause(pause, clock.now(), &zoned(wall));
                paused = true;
            }
            Op::Resume => {
                scheduler.resume();
                paused = false;
            }
            Op::Reload { keep, add: new } => {
                let mut kept: Vec<ReminderEntry> = entries
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| keep & (1 << i) != 0)
                    .map(|(_, e)| e.clone())
                    .collect();
                if let Some(new) = new {
                    let id = format!("reminders/{}.ron", kept.len() + usize::from(keep % 3));
                    kept.retain(|e| e.id != id);
                    kept.push(ReminderEntry { id, origin: Origin::BuiltIn, reminder: new.build() });
                }
                entries = kept;
                scheduler.set_reminders(&entries);
                let on: Vec<&str> =
                    entries.iter().filter(|e| e.reminder.enabled).map(|e| e.id.as_str()).collect();
                assert_eq!(scheduler.ids().collect::<Vec<_>>(), on);
            }
        }
    }
    Ok(())
}

fn add(t: Timestamp, d: Duration) -> Timestamp {
    SignedDuration::try_from(d).ok().and_then(|d| t.checked_add(d).ok()).unwrap_or(Timestamp::MAX)
}

fn sub(t: Timestamp, d: Duration) -> Timestamp {
    SignedDuration::try_from(d).ok().and_then(|d| t.checked_sub(d).ok()).unwrap_or(Timestamp::MIN)
}
