//! The reminder scheduler, ticked the way the shell ticks it (at each `next_tick`, and at
//! once when input comes back, a practice starts or ends, or full screen ends) by a desk
//! where a person types, leaves, sleeps the laptop and changes the clock. Hours pass in
//! microseconds; every expectation is to the second.

use std::path::PathBuf;
use std::time::Duration;

use jiff::civil::date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ZonedDateTime};
use unbrace_core::history::reminder_record::Outcome;
use unbrace_core::library::{Library, UserFile};
use unbrace_core::reminder::pause::Pause;
use unbrace_core::reminder::scheduler::{MAX_SLEEP, POLL};
use unbrace_core::reminder::{Due, Response, Scheduler, Tick};

const fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}
const fn mins(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}
const fn hours(n: u64) -> Duration {
    Duration::from_secs(n * 3600)
}

fn berlin() -> TimeZone {
    TimeZone::get("Europe/Berlin").expect("bundled")
}

/// A local time in Berlin. 2026-05-11 is a Monday.
fn at(y: i16, m: i8, d: i8, h: i8, min: i8) -> ZonedDateTime {
    date(y, m, d).at(h, min, 0, 0).to_zoned_datetime(berlin()).expect("valid")
}

fn monday(h: i8, min: i8) -> ZonedDateTime {
    at(2026, 5, 11, h, min)
}

/// An interval reminder named "Desk break" for Desk reset, with `extra` fields.
fn every(minutes: u32, extra: &str) -> String {
    format!("Reminder(name: \"Desk break\", routine: \"Desk reset\", every: Minutes({minutes}), {extra})")
}

/// A clock reminder named "Wind down" for Sleep wind-down.
fn at_times(times: &str, extra: &str) -> String {
    format!("Reminder(name: \"Wind down\", routine: \"Sleep wind-down\", at: [{times}], {extra})")
}

const START_NOW: Duration = Duration::from_secs(1000);

/// The shell, the person and the machine.
#[expect(clippy::struct_excessive_bools, reason = "each is one thing the shell reports or does")]
struct Desk {
    scheduler: Scheduler,
    zone: TimeZone,
    /// The wall clock at monotonic zero, before any sleep or clock change.
    origin: Timestamp,
    /// Sleep and clock changes so far: how far the wall clock is from `origin + now`.
    shift: SignedDuration,
    now: Duration,
    next_tick: Duration,
    typing: bool,
    last_input: Duration,
    idle_source: bool,
    quiet: bool,
    practising: bool,
    /// Ticks when something changes (input back, full screen over…), not only at `next_tick`.
    events: bool,
    /// Ticks at least this often as well.
    tick_every: Option<Duration>,
    /// "Mon 09:50:00 Desk break" for each reminder shown.
    shown: Vec<String>,
    /// The same, with the zone's abbreviation: "Sun 03:00 CEST".
    shown_in_zone: Vec<String>,
    bodies: Vec<String>,
    last_due: Vec<Due>,
}

impl Desk {
    fn new(files: &[&str], start: &ZonedDateTime) -> Self {
        let files = files
            .iter()
            .enumerate()
            .map(|(i, text)| UserFile {
                id: format!("reminders/{i}.ron"),
                path: PathBuf::from(format!("reminders/{i}.ron")),
                text: (*text).to_owned(),
            })
            .collect();
        let library = Library::build(files, Vec::new());
        assert!(library.problems().is_empty(), "{:?}", library.problems());
        let mut scheduler = Scheduler::new();
        scheduler.set_reminders(library.reminders());
        let origin = start.timestamp().checked_sub(START_NOW).expect("in range");
        let mut desk = Self {
            scheduler,
            zone: start.time_zone().clone(),
            origin,
            shift: SignedDuration::ZERO,
            now: START_NOW,
            next_tick: START_NOW,
            typing: false,
            last_input: Duration::ZERO,
            idle_source: true,
            quiet: false,
            practising: false,
            events: true,
            tick_every: None,
            shown: Vec::new(),
            shown_in_zone: Vec::new(),
            bodies: Vec::new(),
            last_due: Vec::new(),
        };
        desk.tick();
        desk
    }

    fn wall(&self) -> ZonedDateTime {
        let t = self.origin.checked_add(self.now).and_then(|t| t.checked_add(self.shift)).expect("in range");
        t.to_zoned_datetime(self.zone.clone())
    }

    fn tick(&mut self) {
        if self.typing {
            self.last_input = self.now;
        }
        let tick = Tick {
            now: self.now,
            wall: self.wall(),
            idle: self.idle_source.then(|| self.now.saturating_sub(self.last_input)),
            quiet: self.quiet,
            practising: self.practising,
        };
        let ticked = self.scheduler.tick(&tick);
        assert!(ticked.next_tick > self.now, "the next tick is ahead");
        assert!(ticked.next_tick <= self.now + MAX_SLEEP, "the shell never sleeps past a clock change");
        for due in &ticked.due {
            self.shown.push(format!("{} {}", tick.wall.strftime("%a %H:%M:%S"), due.name));
            self.shown_in_zone.push(tick.wall.strftime("%a %H:%M %Z").to_string());
            self.bodies.push(due.body.clone());
        }
        if !ticked.due.is_empty() {
            self.last_due = ticked.due;
        }
        self.next_tick = ticked.next_tick;
    }

    fn event(&mut self) {
        if self.events {
            self.tick();
        }
    }

    /// Lets `length` pass, ticking when the scheduler asks.
    fn run_for(&mut self, length: Duration) {
        let end = self.now + length;
        loop {
            let next = self.tick_every.map_or(self.next_tick, |step| self.next_tick.min(self.now + step));
            if next > end {
                break;
            }
            self.now = next;
            self.tick();
        }
        self.now = end;
    }

    /// Lets time pass until the wall clock shows `until`.
    fn run_until(&mut self, until: &ZonedDateTime) {
        let left =
            Duration::try_from(until.timestamp().duration_since(self.wall().timestamp())).expect("ahead");
        self.run_for(left);
    }

    fn come_back(&mut self) {
        self.typing = true;
        self.event();
    }

    fn leave(&mut self) {
        if self.typing {
            self.last_input = self.now;
        }
        self.typing = false;
    }

    /// Types for `length` from now.
    fn work(&mut self, length: Duration) {
        self.come_back();
        self.run_for(length);
    }

    fn away(&mut self, length: Duration) {
        self.leave();
        self.run_for(length);
    }

    /// The laptop sleeps for `length`: the wall clock moves, the monotonic one does not.
    fn sleep(&mut self, length: Duration) {
        self.leave();
        self.shift =
            self.shift.checked_add(SignedDuration::try_from(length).expect("short")).expect("in range");
    }

    /// The person sets the clock by `by`.
    fn set_clock(&mut self, by: SignedDuration) {
        self.shift = self.shift.checked_add(by).expect("in range");
    }

    fn set_quiet(&mut self, quiet: bool) {
        self.quiet = quiet;
        self.event();
    }

    fn practice(&mut self, length: Duration, completed: bool) {
        self.practising = true;
        self.event();
        self.run_for(length);
        self.practising = false;
        if completed {
            self.scheduler.practice_completed();
        }
        self.event();
    }

    fn respond(&mut self, response: Response) {
        let id = self.last_due.first().expect("something was shown").id.clone();
        assert!(self.scheduler.respond(&id, response, self.now));
        self.event();
    }

    fn shown(&self) -> Vec<&str> {
        self.shown.iter().map(String::as_str).collect()
    }
}

// ---- interval reminders: active use ----------------------------------------------------

#[test]
fn fifty_minutes_at_the_keyboard_brings_the_reminder_to_the_second() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(hours(2));
    assert_eq!(
        desk.shown(),
        ["Mon 09:50:00 Desk break", "Mon 10:40:00 Desk break"],
        "unanswered: a whole interval"
    );
    assert_eq!(desk.bodies[0], "You've been at the computer for 50 minutes. Time for Desk reset?");
    assert_eq!(desk.last_due[0].routine, "Desk reset");
    assert_eq!(desk.last_due[0].id, "reminders/0.ron");
}

#[test]
fn the_shell_can_sleep_until_the_moment_it_is_due() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(mins(49) + secs(30));
    assert_eq!(desk.next_tick.saturating_sub(desk.now), secs(30), "wakes exactly when due");
    desk.leave();
    desk.run_for(secs(1));
    desk.tick();
    assert_eq!(
        desk.next_tick.saturating_sub(desk.now),
        secs(29),
        "or when the person would count as away, whichever is first"
    );
}

#[test]
fn a_pause_shorter_than_idle_after_still_counts_as_use() {
    let mut desk = Desk::new(&[&every(50, "idle_after: Minutes(5)")], &monday(9, 0));
    desk.work(mins(30));
    desk.away(mins(4) + secs(59));
    desk.work(hours(1));
    assert_eq!(desk.shown()[0], "Mon 09:50:00 Desk break", "reading for a while is still sitting");
}

#[test]
fn an_absence_of_idle_after_is_the_break_and_the_interval_starts_again() {
    let mut desk = Desk::new(&[&every(50, "idle_after: Minutes(5)")], &monday(9, 0));
    desk.work(mins(30));
    desk.away(mins(5));
    desk.work(hours(1));
    assert_eq!(desk.shown()[0], "Mon 10:25:00 Desk break", "counted again from 09:35");
}

#[test]
fn fifty_minutes_at_lunch_is_not_fifty_minutes_at_the_keyboard() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(11, 30));
    desk.work(mins(30));
    desk.away(hours(1));
    assert!(desk.shown().is_empty());
    desk.work(hours(1));
    assert_eq!(desk.shown(), ["Mon 13:50:00 Desk break"]);
}

#[test]
fn idle_after_is_the_reminders_own() {
    let quick =
        "Reminder(name: \"Quick\", routine: \"Desk reset\", every: Minutes(20), idle_after: Minutes(1))";
    let mut desk = Desk::new(&[&every(50, "idle_after: Minutes(10)"), quick], &monday(9, 0));
    desk.work(mins(15));
    desk.away(mins(2));
    desk.work(mins(40));
    assert_eq!(desk.shown(), ["Mon 09:37:00 Quick", "Mon 09:50:00 Desk break", "Mon 09:57:00 Quick"]);
}

#[test]
fn without_an_idle_source_all_waking_time_counts_but_sleep_is_a_break() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.idle_source = false;
    desk.tick();
    desk.run_for(mins(50));
    assert_eq!(desk.shown(), ["Mon 09:50:00 Desk break"]);
    desk.run_for(mins(20));
    desk.sleep(mins(30));
    desk.tick(); // on waking (logind says so)
    desk.run_for(mins(50));
    assert_eq!(desk.shown().last(), Some(&"Mon 11:30:00 Desk break"), "from 10:40, not 10:10");
}

#[test]
fn the_return_is_seen_within_a_poll_without_an_event() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.events = false;
    desk.typing = true;
    desk.run_for(mins(20));
    desk.away(mins(30));
    desk.typing = true;
    desk.run_for(hours(1));
    let [shown] = desk.shown()[..] else { panic!("{:?}", desk.shown()) };
    let late = shown.strip_prefix("Mon 10:40:").and_then(|s| s.strip_suffix(" Desk break")).expect("10:40");
    let late: u64 = late.parse().expect("seconds");
    assert!(late <= POLL.as_secs(), "at most one poll late: {shown}");
}

#[test]
fn ticking_more_often_changes_nothing() {
    let run = |tick_every: Option<Duration>| {
        let mut desk = Desk::new(
            &[&every(25, "between: (\"09:10\", \"12:00\")"), &at_times("\"10:15\"", "")],
            &monday(9, 0),
        );
        desk.tick_every = tick_every;
        desk.work(mins(40));
        desk.away(mins(3));
        desk.work(mins(20));
        desk.away(mins(7));
        desk.work(hours(2));
        desk.shown
    };
    let by_next_tick = run(None);
    assert_eq!(
        by_next_tick,
        [
            "Mon 09:35:00 Desk break",
            "Mon 10:00:00 Desk break",
            "Mon 10:15:00 Wind down",
            "Mon 10:35:00 Desk break",
            "Mon 11:00:00 Desk break",
            "Mon 11:25:00 Desk break",
            "Mon 11:50:00 Desk break"
        ]
    );
    assert_eq!(run(Some(secs(1))), by_next_tick);
    assert_eq!(run(Some(secs(7))), by_next_tick);
}

#[test]
fn a_tick_far_later_than_asked_after_input_is_taken_as_a_break() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(mins(30));
    // The process was stopped for ten minutes while the person kept typing: it cannot tell
    // that from a short absence, and counts a break rather than a reminder not earned.
    desk.now += mins(10);
    desk.tick();
    desk.run_for(hours(1));
    assert_eq!(desk.shown()[0], "Mon 10:30:00 Desk break");
}

// ---- days and hours --------------------------------------------------------------------

#[test]
fn between_counts_only_inside_the_window() {
    let mut desk = Desk::new(&[&every(50, "between: (\"09:00\", \"18:00\")")], &monday(8, 30));
    desk.work(mins(90));
    assert_eq!(desk.shown(), ["Mon 09:50:00 Desk break"], "from 09:00, not 08:30");
}

#[test]
fn a_window_that_closes_ends_the_count_and_nothing_comes_outside_it() {
    let mut desk = Desk::new(&[&every(50, "between: (\"09:00\", \"18:00\")")], &monday(17, 30));
    desk.work(hours(3));
    assert!(desk.shown().is_empty(), "17:30 to 18:00 counted, then nothing: {:?}", desk.shown());
    desk.away(hours(12));
    desk.work(mins(90));
    assert_eq!(desk.shown(), ["Tue 09:50:00 Desk break"], "a fresh interval each morning, from 09:00");
}

#[test]
fn an_overnight_window_runs_past_midnight_and_belongs_to_its_first_day() {
    let night = every(90, "days: [Fri], between: (\"22:00\", \"06:00\")");
    let mut desk = Desk::new(&[&night], &at(2026, 5, 15, 21, 0));
    desk.work(hours(10));
    assert_eq!(
        desk.shown(),
        [
            "Fri 23:30:00 Desk break",
            "Sat 01:00:00 Desk break",
            "Sat 02:30:00 Desk break",
            "Sat 04:00:00 Desk break",
            "Sat 05:30:00 Desk break"
        ]
    );
    desk.away(hours(14));
    desk.work(hours(10));
    assert_eq!(desk.shown().len(), 5, "Saturday night is not a Friday");
}

#[test]
fn days_leave_the_weekend_alone() {
    let mut desk = Desk::new(&[&every(50, "days: [Mon, Tue, Wed, Thu, Fri]")], &at(2026, 5, 16, 10, 0));
    desk.work(hours(3));
    assert!(desk.shown().is_empty(), "Saturday");
    desk.away(hours(21));
    desk.work(hours(1));
    assert!(desk.shown().is_empty(), "Sunday");
    desk.leave();
    desk.run_until(&at(2026, 5, 18, 9, 0));
    desk.work(hours(1));
    assert_eq!(desk.shown(), ["Mon 09:50:00 Desk break"]);
}

#[test]
fn a_count_carries_across_midnight_when_the_window_does() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(23, 40));
    desk.work(hours(1));
    assert_eq!(desk.shown(), ["Tue 00:30:00 Desk break"]);
}

// ---- answers -----------------------------------------------------------------------------

#[test]
fn later_brings_it_back_in_ten_minutes_and_skip_waits_a_whole_interval() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(mins(50));
    desk.respond(Response::Later);
    desk.run_for(mins(10));
    assert_eq!(desk.shown(), ["Mon 09:50:00 Desk break", "Mon 10:00:00 Desk break"]);
    assert_eq!(desk.bodies[1], "Ten minutes on, as you asked. Ready for Desk reset?");
    desk.run_for(mins(3));
    desk.respond(Response::Skip);
    desk.run_for(hours(1));
    assert_eq!(desk.shown()[2], "Mon 10:53:00 Desk break", "a whole interval from the skip");
}

#[test]
fn later_counts_wall_minutes_even_away_from_the_keyboard_for_a_moment() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(mins(50));
    desk.respond(Response::Later);
    desk.away(mins(4));
    desk.work(mins(6));
    assert_eq!(desk.shown().last(), Some(&"Mon 10:00:00 Desk break"));
}

#[test]
fn a_break_during_later_settles_it() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(mins(50));
    desk.respond(Response::Later);
    desk.run_for(mins(2));
    desk.away(mins(8));
    desk.work(hours(1));
    assert_eq!(
        desk.shown(),
        ["Mon 09:50:00 Desk break", "Mon 10:50:00 Desk break"],
        "no snoozed one at 10:00"
    );
}

#[test]
fn start_restarts_the_interval_and_a_practice_holds_everything() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(mins(50));
    desk.respond(Response::Start);
    desk.typing = true; // the mouse moves now and then during the practice
    desk.practice(mins(3), true);
    desk.run_for(hours(1));
    assert_eq!(desk.shown(), ["Mon 09:50:00 Desk break", "Mon 10:43:00 Desk break"]);
}

#[test]
fn any_completed_practice_is_a_break() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(mins(40));
    desk.practice(mins(2), true);
    desk.work(hours(1));
    assert_eq!(desk.shown(), ["Mon 10:32:00 Desk break"]);
}

#[test]
fn a_practice_stopped_early_pauses_the_count_without_resetting_it() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(mins(45));
    desk.practice(mins(2), false);
    desk.work(mins(10));
    assert_eq!(desk.shown(), ["Mon 09:52:00 Desk break"], "45 minutes before, 5 after");
}

#[test]
fn respond_names_only_reminders_that_are_on_and_maps_to_history() {
    let mut scheduler = Scheduler::new();
    assert!(!scheduler.respond("reminders/desk-break.ron", Response::Skip, secs(1)));
    scheduler.set_reminders(Library::built_in().reminders());
    assert_eq!(scheduler.ids().count(), 0, "the shipped reminders are off");
    assert_eq!(
        [Response::Start, Response::Later, Response::Skip].map(Response::outcome),
        [Outcome::Followed, Outcome::Snoozed, Outcome::Skipped]
    );
}

// ---- full screen, do-not-disturb, pauses ---------------------------------------------------

#[test]
fn full_screen_postpones_and_it_comes_once_when_it_ends() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(mins(40));
    desk.set_quiet(true);
    desk.run_for(hours(2));
    assert!(desk.shown().is_empty());
    desk.set_quiet(false);
    desk.run_for(mins(49));
    assert_eq!(desk.shown(), ["Mon 11:40:00 Desk break"], "once, not twice for two intervals");
    assert_eq!(
        desk.bodies[0],
        "You've been at the computer for 2 hours and 40 minutes. Time for Desk reset?"
    );
    desk.run_for(mins(1));
    assert_eq!(desk.shown().last(), Some(&"Mon 12:30:00 Desk break"));
}

#[test]
fn the_end_of_do_not_disturb_is_seen_within_a_poll_without_an_event() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.events = false;
    desk.typing = true;
    desk.quiet = true;
    desk.run_for(hours(1));
    desk.quiet = false;
    desk.run_for(POLL);
    assert_eq!(desk.shown(), ["Mon 10:00:05 Desk break"]);
}

#[test]
fn a_pause_holds_a_due_reminder_until_it_ends() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(mins(30));
    desk.scheduler.pause(Pause::For(hours(1)), desk.now, &desk.wall());
    assert_eq!(desk.scheduler.paused_until(), Some(monday(10, 30).timestamp()));
    desk.run_for(mins(110));
    assert_eq!(desk.shown(), ["Mon 10:30:00 Desk break", "Mon 11:20:00 Desk break"]);
    assert_eq!(desk.scheduler.paused_until(), None);
}

#[test]
fn resume_ends_a_pause_early() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.come_back();
    desk.scheduler.pause(Pause::UntilTomorrow, desk.now, &desk.wall());
    desk.run_for(mins(55));
    assert!(desk.shown().is_empty());
    desk.scheduler.resume();
    desk.tick();
    assert_eq!(desk.shown(), ["Mon 09:55:00 Desk break"]);
}

#[test]
fn until_tomorrow_lets_the_evening_pass_and_ends_in_the_night() {
    let mut desk = Desk::new(&[&at_times("\"22:30\", \"05:00\"", "")], &monday(20, 0));
    desk.scheduler.pause(Pause::UntilTomorrow, desk.now, &desk.wall());
    assert_eq!(desk.scheduler.paused_until(), Some(at(2026, 5, 12, 4, 0).timestamp()));
    desk.run_for(hours(10));
    assert_eq!(desk.shown(), ["Tue 05:00:00 Wind down"]);
}

#[test]
fn a_pause_ends_on_time_after_the_laptop_slept_through_it() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(mins(10));
    desk.scheduler.pause(Pause::For(hours(1)), desk.now, &desk.wall());
    desk.sleep(hours(2));
    desk.work(mins(50));
    assert_eq!(desk.shown(), ["Mon 12:00:00 Desk break"], "back at 11:10, unpaused");
}

// ---- clock reminders ----------------------------------------------------------------------

#[test]
fn a_clock_reminder_comes_once_a_day_at_its_time_whatever_the_keyboard_does() {
    let mut desk = Desk::new(&[&at_times("\"22:30\"", "")], &monday(12, 0));
    desk.run_for(hours(48));
    assert_eq!(desk.shown(), ["Mon 22:30:00 Wind down", "Tue 22:30:00 Wind down"]);
    assert_eq!(desk.bodies[0], "It's 22:30. Time for Sleep wind-down, whenever you're ready.");
}

#[test]
fn clock_reminders_keep_their_days_and_every_listed_time() {
    let mut desk = Desk::new(&[&at_times("\"12:30\", \"07:15\"", "days: [Tue, Sun]")], &monday(0, 0));
    desk.run_for(hours(24 * 7));
    assert_eq!(
        desk.shown(),
        [
            "Tue 07:15:00 Wind down",
            "Tue 12:30:00 Wind down",
            "Sun 07:15:00 Wind down",
            "Sun 12:30:00 Wind down"
        ]
    );
}

#[test]
fn a_clock_reminder_held_by_do_not_disturb_comes_late_but_never_stale() {
    let mut desk = Desk::new(&[&at_times("\"22:30\"", "")], &monday(22, 0));
    desk.set_quiet(true);
    desk.run_until(&monday(22, 45));
    desk.set_quiet(false);
    assert_eq!(desk.shown(), ["Mon 22:45:00 Wind down"]);
    assert_eq!(desk.bodies[0], "It's a little past 22:30. Time for Sleep wind-down, whenever you're ready.");
    desk.run_until(&at(2026, 5, 12, 22, 0));
    desk.set_quiet(true);
    desk.run_until(&at(2026, 5, 12, 23, 5));
    desk.set_quiet(false);
    desk.run_for(hours(1));
    assert_eq!(desk.shown().len(), 1, "35 minutes late is too late");
}

#[test]
fn a_clock_reminder_waits_for_a_practice_and_a_completed_one_settles_it() {
    let mut desk = Desk::new(&[&at_times("\"22:30\"", "")], &monday(22, 20));
    desk.practice(mins(20), false);
    assert_eq!(desk.shown(), ["Mon 22:40:00 Wind down"], "stopped early: still worth saying");
    desk.run_until(&at(2026, 5, 12, 22, 20));
    desk.practice(mins(20), true);
    desk.run_for(hours(1));
    assert_eq!(desk.shown().len(), 1, "they just practised");
}

#[test]
fn later_on_a_clock_reminder_brings_it_back_once() {
    let mut desk = Desk::new(&[&at_times("\"22:30\"", "")], &monday(22, 0));
    desk.run_until(&monday(22, 31));
    desk.respond(Response::Later);
    desk.run_for(hours(1));
    assert_eq!(desk.shown(), ["Mon 22:30:00 Wind down", "Mon 22:41:00 Wind down"]);
}

#[test]
fn starting_late_shows_a_recent_time_but_not_a_stale_one() {
    let desk = Desk::new(&[&at_times("\"22:30\"", "")], &monday(22, 59));
    assert_eq!(desk.shown(), ["Mon 22:59:00 Wind down"]);
    let desk = Desk::new(&[&at_times("\"22:30\"", "")], &monday(23, 0));
    assert!(desk.shown().is_empty(), "half an hour late is too late");
    let desk = Desk::new(&[&at_times("\"22:00\", \"22:20\"", "")], &monday(22, 25));
    assert_eq!(desk.shown(), ["Mon 22:25:00 Wind down"], "only the newest of several");
}

#[test]
fn after_a_restart_history_keeps_a_shown_time_from_coming_twice() {
    let mut scheduler_desk = Desk::new(&[&at_times("\"22:30\"", "")], &monday(22, 40));
    assert_eq!(scheduler_desk.shown().len(), 1, "without history it would come again");
    let mut desk = Desk::new(&[], &monday(22, 40));
    let library = Library::build(
        vec![UserFile {
            id: "reminders/0.ron".to_owned(),
            path: PathBuf::from("x"),
            text: at_times("\"22:30\"", ""),
        }],
        Vec::new(),
    );
    desk.scheduler = Scheduler::new();
    desk.scheduler.set_reminders(library.reminders());
    desk.scheduler.shown_at("Wind down", monday(22, 30).timestamp());
    desk.tick();
    desk.run_for(hours(1));
    assert!(desk.shown().is_empty());
    scheduler_desk.run_for(hours(24));
    assert_eq!(scheduler_desk.shown().len(), 2, "and the next day as usual");
}

#[test]
fn the_laptop_asleep_at_the_time_shows_it_on_waking_only_if_recent() {
    let mut desk = Desk::new(&[&at_times("\"22:30\"", "")], &monday(22, 0));
    desk.sleep(mins(40));
    desk.come_back();
    assert_eq!(desk.shown(), ["Mon 22:40:00 Wind down"]);
    desk.run_until(&at(2026, 5, 12, 22, 0));
    desk.sleep(mins(65));
    desk.come_back();
    desk.run_for(hours(1));
    assert_eq!(desk.shown().len(), 1);
}

// ---- the clock changes ---------------------------------------------------------------------

#[test]
fn summer_time_starting_neither_adds_nor_loses_active_minutes() {
    // Berlin skips 02:00 to 03:00 on Sunday 2026-03-29.
    let mut desk = Desk::new(&[&every(50, "")], &at(2026, 3, 28, 23, 30));
    desk.work(hours(4) + mins(10));
    assert_eq!(
        desk.shown_in_zone,
        ["Sun 00:20 CET", "Sun 01:10 CET", "Sun 03:00 CEST", "Sun 03:50 CEST", "Sun 04:40 CEST"],
        "01:10 and 03:00 are fifty real minutes apart"
    );
}

#[test]
fn summer_time_ending_neither_adds_nor_loses_active_minutes() {
    // Berlin repeats 02:00 to 03:00 on Sunday 2026-10-25.
    let mut desk = Desk::new(&[&every(50, "")], &at(2026, 10, 25, 0, 30));
    desk.work(hours(3));
    assert_eq!(
        desk.shown_in_zone,
        ["Sun 01:20 CEST", "Sun 02:10 CEST", "Sun 02:00 CET"],
        "02:10 and 02:00 are fifty real minutes apart"
    );
}

#[test]
fn a_clock_time_skipped_by_summer_time_comes_after_the_jump_and_a_repeated_one_once() {
    let mut desk = Desk::new(&[&at_times("\"02:30\"", "")], &at(2026, 3, 28, 22, 0));
    desk.run_for(hours(8));
    assert_eq!(desk.shown_in_zone, ["Sun 03:30 CEST"]);
    let mut desk = Desk::new(&[&at_times("\"02:30\"", "")], &at(2026, 10, 24, 22, 0));
    desk.run_for(hours(8));
    assert_eq!(desk.shown_in_zone, ["Sun 02:30 CEST"], "not again when the clock shows 02:30 a second time");
}

#[test]
fn between_follows_the_wall_clock_across_summer_time() {
    // The window opens at 02:30, which does not exist on 2026-03-29: it opens at 03:00,
    // whenever the shell's ticks happen to fall.
    let start = at(2026, 3, 29, 1, 0).checked_add(secs(30)).expect("in range");
    let mut desk = Desk::new(&[&every(20, "between: (\"02:30\", \"05:00\")")], &start);
    desk.work(hours(2) + mins(30));
    assert_eq!(desk.shown()[0], "Sun 03:20:00 Desk break");
}

#[test]
fn setting_the_clock_back_adds_no_minutes_and_repeats_no_clock_time() {
    let mut desk = Desk::new(&[&every(50, ""), &at_times("\"09:20\"", "")], &monday(9, 0));
    desk.work(mins(30));
    desk.set_clock(SignedDuration::from_mins(-20));
    desk.work(mins(30));
    assert_eq!(
        desk.shown(),
        ["Mon 09:20:00 Wind down", "Mon 09:30:00 Desk break"],
        "50 minutes of typing; 09:20 once"
    );
}

#[test]
fn setting_the_clock_forward_counts_as_an_absence_and_drops_stale_times() {
    let mut desk = Desk::new(&[&every(50, ""), &at_times("\"09:45\", \"10:50\"", "")], &monday(9, 0));
    desk.work(mins(30));
    desk.set_clock(SignedDuration::from_mins(90));
    desk.work(mins(50));
    assert_eq!(
        desk.shown(),
        ["Mon 11:00:00 Wind down", "Mon 11:50:00 Desk break"],
        "09:45 is over an hour gone, 10:50 is recent; the count starts again at the jump"
    );
}

#[test]
fn a_short_sleep_is_not_a_break_but_a_long_one_is() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(mins(30));
    desk.sleep(mins(2));
    desk.work(mins(20));
    assert_eq!(desk.shown(), ["Mon 09:52:00 Desk break"], "30 + 20 minutes of use, 2 asleep");
    desk.work(mins(30));
    desk.sleep(mins(45));
    desk.work(mins(50));
    assert_eq!(desk.shown().last(), Some(&"Mon 11:57:00 Desk break"), "from 11:07, after waking");
}

// ---- reloading ---------------------------------------------------------------------------

#[test]
fn a_reload_keeps_what_was_counted_and_new_reminders_start_fresh() {
    let mut desk = Desk::new(&[&every(50, "")], &monday(9, 0));
    desk.work(mins(30));
    let files = vec![
        UserFile { id: "reminders/0.ron".to_owned(), path: PathBuf::from("a"), text: every(40, "") },
        UserFile {
            id: "reminders/1.ron".to_owned(),
            path: PathBuf::from("b"),
            text: at_times("\"09:10\"", ""),
        },
        UserFile {
            id: "reminders/2.ron".to_owned(),
            path: PathBuf::from("c"),
            text: every(5, "enabled: false").replace("Desk break", "Off"),
        },
    ];
    let library = Library::build(files, Vec::new());
    desk.scheduler.set_reminders(library.reminders());
    assert_eq!(desk.scheduler.ids().collect::<Vec<_>>(), ["reminders/0.ron", "reminders/1.ron"]);
    desk.work(mins(30));
    assert_eq!(desk.shown(), ["Mon 09:40:00 Desk break"], "30 minutes kept, 09:10 already past when added");
}

#[test]
fn two_reminders_due_together_both_come() {
    let other = "Reminder(name: \"Breathe\", routine: \"Coherent 6\", every: Minutes(25))";
    let mut desk = Desk::new(&[&every(50, ""), other], &monday(9, 0));
    desk.work(mins(50));
    assert_eq!(desk.shown(), ["Mon 09:25:00 Breathe", "Mon 09:50:00 Breathe", "Mon 09:50:00 Desk break"]);
}
