//! The reminders thread: the core's scheduler, ticked with the real clock (through
//! [`crate::clock::Clock`]), the idle and quiet sources, and whether a practice runs (from the
//! app); due reminders go out as notifications, and the app hears what went out. It sleeps
//! until the scheduler's `next_tick` or until the app, the notifier or an idle source has
//! news, whether or not a window is open.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use jiff::Timestamp;
use unbrace_core::library::ReminderEntry;
use unbrace_core::reminder::pause::Pause;
use unbrace_core::reminder::{Due, Response, Scheduler, Tick};

use super::idle::IdleSource;
use super::link::{Inbound, Outbox, Sources};
use super::notifier::{NoNotifier, Notifier};
use super::quiet::{QuietSource, QuietSources};
use super::shown::{Shown, row_id};
use crate::clock::Clock;

/// What the app tells the reminders thread.
#[derive(Debug, Clone, PartialEq)]
pub enum ToReminders {
    /// Every reminder in the library, on or off (on start and after each reload).
    Reminders(Vec<ReminderEntry>),
    /// A practice started or ended.
    Practising(bool),
    /// A practice ran to its end: that was a break.
    PracticeCompleted,
    /// The person answered a reminder.
    Respond {
        reminder_id: String,
        response: Response,
    },
    Pause(Pause),
    Resume,
    /// Reminders History says were shown, `(name, at_ms)`, so a clock time is not shown twice
    /// after a restart.
    ShownBefore(Vec<(String, i64)>),
    /// Something a source sees changed: tick now.
    Wake,
    /// Take the notifications down and end.
    Quit,
}

/// The scheduler and what it works with; [`RemindersThread`] runs it.
pub struct Runner<C: Clock> {
    clock: C,
    scheduler: Scheduler,
    idle: Option<Box<dyn IdleSource>>,
    quiet: QuietSources,
    notifier: Box<dyn Notifier>,
    practising: bool,
    shown_before: Vec<(String, i64)>,
    paused_until: Option<Timestamp>,
    /// The last attempt to show a reminder failed (and was said).
    failing: bool,
    out: Outbox,
}

impl<C: Clock> std::fmt::Debug for Runner<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runner").field("scheduler", &self.scheduler).finish_non_exhaustive()
    }
}

impl<C: Clock> Runner<C> {
    #[must_use]
    pub fn new(
        clock: C,
        idle: Option<Box<dyn IdleSource>>,
        quiet: Vec<Box<dyn QuietSource>>,
        notifier: Box<dyn Notifier>,
        out: Outbox,
    ) -> Self {
        Self {
            clock,
            scheduler: Scheduler::new(),
            idle,
            quiet: QuietSources::new(quiet),
            notifier,
            practising: false,
            shown_before: Vec::new(),
            paused_until: None,
            failing: false,
            out,
        }
    }

    /// Tells the app what is in use.
    pub fn report_sources(&self) {
        self.out.send(Inbound::Sources(Sources {
            idle: self.idle.as_ref().map(|s| s.name()),
            quiet: self.quiet.names(),
            notifications: self.notifier.describe(),
        }));
    }

    fn say(&self, problem: String) {
        // The app says it (in Settings, and on stderr while a reminder is on).
        self.out.send(Inbound::Problem(problem));
    }

    /// Carries out one message; `false` when the thread should end.
    pub fn handle(&mut self, message: ToReminders) -> bool {
        match message {
            ToReminders::Reminders(entries) => {
                self.scheduler.set_reminders(&entries);
                self.apply_shown_before();
            }
            ToReminders::Practising(on) => self.practising = on,
            ToReminders::PracticeCompleted => self.scheduler.practice_completed(),
            ToReminders::Respond { reminder_id, response } => {
                self.scheduler.respond(&reminder_id, response, self.clock.now());
            }
            ToReminders::Pause(pause) => {
                self.scheduler.pause(pause, self.clock.now(), &self.clock.local_now());
                self.report_pause();
            }
            ToReminders::Resume => {
                self.scheduler.resume();
                self.report_pause();
            }
            ToReminders::ShownBefore(shown) => {
                self.shown_before = shown;
                self.apply_shown_before();
            }
            ToReminders::Wake => {}
            ToReminders::Quit => {
                self.notifier.withdraw_all();
                return false;
            }
        }
        true
    }

    fn apply_shown_before(&mut self) {
        for (name, at_ms) in &self.shown_before {
            if let Ok(at) = Timestamp::from_millisecond(*at_ms) {
                self.scheduler.shown_at(name, at);
            }
        }
    }

    fn report_pause(&mut self) {
        let until = self.scheduler.paused_until();
        if until != self.paused_until {
            self.paused_until = until;
            self.out.send(Inbound::PausedUntil(until));
        }
    }

    /// Brings the scheduler up to now, shows what is due, and returns how long to sleep.
    pub fn tick(&mut self) -> Duration {
        let now = self.clock.now();
        let idle = self.read_idle(now);
        let (quiet, failed) = self.quiet.quiet();
        for why in failed {
            self.say(why);
            self.report_sources();
        }
        let tick = Tick { now, wall: self.clock.local_now(), idle, quiet, practising: self.practising };
        let ticked = self.scheduler.tick(&tick);
        for due in ticked.due {
            self.show(due);
        }
        self.report_pause();
        ticked.next_tick.saturating_sub(self.clock.now())
    }

    fn read_idle(&mut self, now: Duration) -> Option<Duration> {
        let source = self.idle.as_mut()?;
        match source.idle(now) {
            Ok(idle) => Some(idle),
            Err(why) => {
                let problem = format!(
                    "idle time can no longer be read from {} ({why}): every minute at the computer counts now",
                    source.name()
                );
                self.idle = None;
                self.say(problem);
                self.report_sources();
                None
            }
        }
    }

    fn show(&mut self, due: Due) {
        let at_ms = self.clock.wall_ms();
        let shown =
            Shown { row_id: row_id(at_ms), reminder_id: due.id, name: due.name, routine: due.routine, at_ms };
        match self.notifier.show(&shown, &due.body) {
            Ok(()) => {
                self.failing = false;
                self.out.send(Inbound::Shown(shown));
            }
            Err(why) => {
                if !self.failing {
                    self.say(format!("\"{}\" was due but could not be shown: {why}", shown.name));
                }
                self.failing = true;
            }
        }
    }
}

/// The running thread; dropping it takes the notifications down and ends it.
#[derive(Debug)]
pub struct RemindersThread {
    tx: Sender<ToReminders>,
    thread: Option<JoinHandle<()>>,
}

impl RemindersThread {
    /// Starts the thread: it finds the session bus, an idle source, the quiet sources and the
    /// notification service (saying what is missing), then runs.
    ///
    /// # Errors
    /// When the thread cannot be started.
    pub fn start<C: Clock + Send + 'static>(clock: C, out: Outbox) -> std::io::Result<Self> {
        let (tx, inbox) = mpsc::channel();
        let wake = tx.clone();
        let thread = std::thread::Builder::new().name("unbrace-reminders".to_owned()).spawn(move || {
            let runner = connect(clock, out, wake);
            run(runner, &inbox);
        })?;
        Ok(Self { tx, thread: Some(thread) })
    }

    /// A sender for the app's messages.
    #[must_use]
    pub fn sender(&self) -> Sender<ToReminders> {
        self.tx.clone()
    }
}

impl Drop for RemindersThread {
    fn drop(&mut self) {
        if self.tx.send(ToReminders::Quit).is_ok()
            && let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            eprintln!("unbrace: the reminders thread panicked");
        }
    }
}

/// Finds what the session offers; what is missing is said once.
fn connect<C: Clock>(clock: C, out: Outbox, wake: Sender<ToReminders>) -> Runner<C> {
    let mut problems = Vec::new();
    let bus = match zbus::blocking::Connection::session() {
        Ok(bus) => Some(bus),
        Err(e) => {
            problems.push(format!("no session bus ({e}): reminders can't be shown as notifications"));
            None
        }
    };
    let (idle, passed) = super::idle::open(bus.as_ref(), move || {
        // The thread may be ending; then nobody needs the tick.
        let _ending = wake.send(ToReminders::Wake);
    });
    if idle.is_none() {
        problems.push(format!(
            "no idle time on this desktop ({}): every minute at the computer counts, breaks away from it are not noticed",
            if passed.is_empty() { "nothing offers it".to_owned() } else { passed.join("; ") }
        ));
    }
    let mut quiet: Vec<Box<dyn QuietSource>> = Vec::new();
    let session = super::idle::Session::from_env(|name| std::env::var(name).ok());
    if session.x11
        && !session.wayland
        && let Ok(fullscreen) = super::fullscreen_x11::X11Fullscreen::open()
    {
        quiet.push(Box::new(fullscreen));
    }
    let notifier: Box<dyn Notifier> = match &bus {
        None => Box::new(NoNotifier { why: "there is no session bus".to_owned() }),
        Some(bus) => {
            if let Some(inhibited) = super::notifier_dbus::Inhibited::open(bus) {
                quiet.push(Box::new(inhibited));
            }
            let (answers, gone) = (out.clone(), out.clone());
            let on_answer = std::sync::Arc::new(move |answer| answers.send(Inbound::Answered(answer)));
            let on_gone = Box::new(move |why: String| gone.send(Inbound::Problem(why)));
            match super::notifier_dbus::DbusNotifier::open(bus, on_answer, on_gone) {
                Ok(notifier) => Box::new(notifier),
                Err(why) => {
                    problems.push(format!("reminders can't be shown: {why}"));
                    Box::new(NoNotifier { why })
                }
            }
        }
    };
    let runner = Runner::new(clock, idle, quiet, notifier, out);
    for problem in problems {
        runner.say(problem);
    }
    runner.report_sources();
    runner
}

fn run<C: Clock>(mut runner: Runner<C>, inbox: &Receiver<ToReminders>) {
    loop {
        let wait = runner.tick();
        let first = match inbox.recv_timeout(wait) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => ToReminders::Quit,
        };
        let mut going = runner.handle(first);
        while going && let Ok(message) = inbox.try_recv() {
            going = runner.handle(message);
        }
        if !going {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex, PoisonError};

    use unbrace_core::library::{Library, UserFile};

    use super::*;
    use crate::clock::ManualClock;
    use crate::reminders::link::ReminderLink;

    const MINUTE: Duration = Duration::from_secs(60);

    /// Keyboard and mouse, as the test plays them: the time of the last input.
    #[derive(Clone, Default)]
    struct Desk(Arc<Mutex<Option<Duration>>>);

    impl IdleSource for Desk {
        fn idle(&mut self, now: Duration) -> Result<Duration, String> {
            let last = *self.0.lock().unwrap_or_else(PoisonError::into_inner);
            last.map(|input| now.saturating_sub(input)).ok_or_else(|| "the X server went away".to_owned())
        }

        fn name(&self) -> &'static str {
            "the test desk"
        }
    }

    #[derive(Clone, Default)]
    struct Screen(Arc<Mutex<Vec<(Shown, String)>>>);

    impl Notifier for Screen {
        fn show(&mut self, shown: &Shown, body: &str) -> Result<(), String> {
            self.0.lock().unwrap_or_else(PoisonError::into_inner).push((shown.clone(), body.to_owned()));
            Ok(())
        }

        fn withdraw_all(&mut self) {}

        fn describe(&self) -> String {
            "on the test screen".to_owned()
        }
    }

    #[derive(Clone, Default)]
    struct Meeting(Arc<Mutex<bool>>);

    impl QuietSource for Meeting {
        fn quiet(&mut self) -> Result<bool, String> {
            Ok(*self.0.lock().unwrap_or_else(PoisonError::into_inner))
        }

        fn name(&self) -> &'static str {
            "a meeting"
        }
    }

    struct World {
        clock: ManualClock,
        desk: Desk,
        screen: Screen,
        meeting: Meeting,
        runner: Runner<ManualClock>,
        link: ReminderLink,
    }

    impl World {
        fn new(reminder: &str) -> Self {
            let clock = ManualClock::new();
            let (desk, screen, meeting) = (Desk::default(), Screen::default(), Meeting::default());
            let link = ReminderLink::default();
            let runner = Runner::new(
                clock.clone(),
                Some(Box::new(desk.clone())),
                vec![Box::new(meeting.clone())],
                Box::new(screen.clone()),
                link.outbox(),
            );
            let file = UserFile {
                id: "reminders/desk.ron".to_owned(),
                path: "/scripts/reminders/desk.ron".into(),
                text: reminder.to_owned(),
            };
            let library = Library::build(vec![file], vec![]);
            assert!(library.problems().is_empty(), "{:?}", library.problems());
            let mut world = Self { clock, desk, screen, meeting, runner, link };
            world.runner.handle(ToReminders::Reminders(library.reminders().to_vec()));
            world
        }

        /// Types (or not) for `length`, ticking when the runner asks; returns the
        /// notifications shown meanwhile.
        fn spend(&mut self, length: Duration, typing: bool) -> Vec<(Shown, String)> {
            let end = self.clock.now() + length;
            loop {
                if typing {
                    *self.desk.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(self.clock.now());
                }
                let wait = self.runner.tick().min(Duration::from_secs(20));
                let now = self.clock.now();
                if now >= end {
                    break;
                }
                self.clock.advance(wait.min(end.saturating_sub(now)));
            }
            std::mem::take(&mut *self.screen.0.lock().unwrap_or_else(PoisonError::into_inner))
        }
    }

    const DESK_BREAK: &str =
        r#"Reminder(name: "Desk break", routine: "Desk reset", every: Minutes(50), idle_after: Minutes(5))"#;

    #[test]
    fn fifty_minutes_at_the_keyboard_not_fifty_minutes_at_lunch() {
        let mut world = World::new(DESK_BREAK);
        *world.desk.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(Duration::ZERO);
        assert!(world.spend(30 * MINUTE, true).is_empty(), "30 minutes typing");
        assert!(world.spend(60 * MINUTE, false).is_empty(), "an hour at lunch counts for nothing");
        assert!(world.spend(49 * MINUTE, true).is_empty(), "the count started again after lunch");
        let shown = world.spend(2 * MINUTE, true);
        assert_eq!(shown.len(), 1, "{shown:?}");
        let (shown, body) = &shown[0];
        assert_eq!((shown.name.as_str(), shown.routine.as_str()), ("Desk break", "Desk reset"));
        assert_eq!(body, "You've been at the computer for 50 minutes. Time for Desk reset?");
        assert!((world.clock.wall_ms() - 120_000..=world.clock.wall_ms()).contains(&shown.at_ms));
        let news = world.link.take_news();
        assert!(news.contains(&Inbound::Shown(shown.clone())), "the app hears it went out: {news:?}");
    }

    #[test]
    fn held_during_a_meeting_and_shown_when_it_ends_later_brings_it_back_in_ten_minutes() {
        let mut world = World::new(DESK_BREAK);
        *world.meeting.0.lock().unwrap_or_else(PoisonError::into_inner) = true;
        assert!(world.spend(70 * MINUTE, true).is_empty(), "not during the meeting");
        *world.meeting.0.lock().unwrap_or_else(PoisonError::into_inner) = false;
        let shown = world.spend(10 * SECOND, true);
        assert_eq!(shown.len(), 1, "once the meeting ends");
        world.runner.handle(ToReminders::Respond {
            reminder_id: shown[0].0.reminder_id.clone(),
            response: Response::Later,
        });
        assert!(world.spend(9 * MINUTE, true).is_empty());
        let again = world.spend(2 * MINUTE, true);
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].1, "Ten minutes on, as you asked. Ready for Desk reset?");
        // Skip: a whole interval of use before the next one.
        world.runner.handle(ToReminders::Respond {
            reminder_id: again[0].0.reminder_id.clone(),
            response: Response::Skip,
        });
        assert!(world.spend(49 * MINUTE, true).is_empty());
        assert_eq!(world.spend(2 * MINUTE, true).len(), 1);
    }

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn nothing_during_a_practice_or_a_pause_and_a_lost_idle_source_is_said_once() {
        let mut world = World::new(DESK_BREAK);
        world.runner.handle(ToReminders::Practising(true));
        assert!(world.spend(60 * MINUTE, true).is_empty(), "a practice is running");
        world.runner.handle(ToReminders::Practising(false));
        world.runner.handle(ToReminders::PracticeCompleted);
        world.runner.handle(ToReminders::Pause(Pause::For(Duration::from_secs(3600))));
        assert!(world.link.take_news().iter().any(|n| matches!(n, Inbound::PausedUntil(Some(_)))));
        assert!(world.spend(59 * MINUTE, true).is_empty(), "paused");
        // The pause ends; the interval counted on, so the reminder comes at once.
        assert_eq!(world.spend(2 * MINUTE, true).len(), 1);
        assert!(world.link.take_news().contains(&Inbound::PausedUntil(None)));
        // The idle source dies: said once, and every minute counts from now on.
        *world.desk.0.lock().unwrap_or_else(PoisonError::into_inner) = None;
        assert_eq!(world.spend(51 * MINUTE, false).len(), 1, "counted without knowing about input");
        let problems: Vec<Inbound> =
            world.link.take_news().into_iter().filter(|n| matches!(n, Inbound::Problem(_))).collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
    }
}
