//! The app's end of reminders: what the reminders thread, the notifier, the tray and a second
//! launch tell the app ([`Inbound`], through one inbox that wakes it), and what the app tells
//! the reminders thread ([`ToReminders`]).

use std::sync::mpsc::{self, Receiver, Sender};

use jiff::Timestamp;
use unbrace_core::library::ReminderEntry;

use super::runner::{RemindersThread, ToReminders};
use super::shown::{Answer, Shown};
use super::tray::{TrayAction, TrayLink, TrayMenu};
use crate::waker::Waker;

/// News for the app. The app turns each into a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inbound {
    /// What the reminders thread found to work with.
    Sources(Sources),
    /// Something is missing or went away, said once.
    Problem(String),
    /// A reminder went out.
    Shown(Shown),
    /// A reminder was answered (or closed unanswered).
    Answered(Answer),
    /// Reminders are paused until then (`None`: not paused).
    PausedUntil(Option<Timestamp>),
    /// Something chosen in the tray's menu.
    Tray(TrayAction),
    /// Unbrace was started again while this copy runs: show the window (and start this
    /// routine, by name).
    Launched { start: Option<String> },
}

/// What reminders work with, for Settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sources {
    /// Where idle time comes from (`None`: nowhere, every minute counts).
    pub idle: Option<&'static str>,
    /// What can hold a reminder back (full screen, do-not-disturb).
    pub quiet: Vec<&'static str>,
    /// How reminders are shown.
    pub notifications: String,
}

/// Sends news to the app and wakes it.
#[derive(Debug, Clone)]
pub struct Outbox {
    tx: Sender<Inbound>,
    waker: Waker,
}

impl Outbox {
    pub fn send(&self, news: Inbound) {
        // The app may be closing; then nobody is left to tell.
        if self.tx.send(news).is_ok() {
            self.waker.wake();
        }
    }

    /// Wakes the app to look again at what it shares with a thread.
    pub fn wake(&self) {
        self.waker.wake();
    }
}

/// The app's end: the inbox, the sender to the reminders thread, and what was last sent, so
/// only changes go out.
#[derive(Debug)]
pub struct ReminderLink {
    inbox: Receiver<Inbound>,
    outbox: Outbox,
    to_thread: Option<Sender<ToReminders>>,
    thread: Option<RemindersThread>,
    tray: Option<TrayLink>,
    sent_reminders: Option<Vec<ReminderEntry>>,
    sent_practising: bool,
    sent_history: bool,
    sent_menu: Option<TrayMenu>,
    sources: Option<Sources>,
    problems: Vec<String>,
    /// How many of `problems` were said on stderr.
    said: usize,
    paused_until: Option<Timestamp>,
}

impl Default for ReminderLink {
    fn default() -> Self {
        Self::new(Waker::default())
    }
}

impl ReminderLink {
    /// A link with no reminders thread yet; news wakes the app through `waker`.
    #[must_use]
    pub fn new(waker: Waker) -> Self {
        let (tx, inbox) = mpsc::channel();
        Self {
            inbox,
            outbox: Outbox { tx, waker },
            to_thread: None,
            thread: None,
            tray: None,
            sent_reminders: None,
            sent_practising: false,
            sent_history: false,
            sent_menu: None,
            sources: None,
            problems: Vec::new(),
            said: 0,
            paused_until: None,
        }
    }

    /// Where threads send news for the app.
    #[must_use]
    pub fn outbox(&self) -> Outbox {
        self.outbox.clone()
    }

    /// Runs the reminders on `thread`.
    pub fn run_on(&mut self, thread: RemindersThread) {
        self.to_thread = Some(thread.sender());
        self.thread = Some(thread);
    }

    /// Sends to `to_thread` instead of a thread of its own (for tests, which play the thread).
    pub fn send_to(&mut self, to_thread: Sender<ToReminders>) {
        self.to_thread = Some(to_thread);
    }

    pub fn set_tray(&mut self, tray: TrayLink) {
        self.tray = Some(tray);
    }

    /// Whether a tray icon is showing (then the window may close while reminders run).
    #[must_use]
    pub fn has_tray(&self) -> bool {
        self.tray.as_ref().is_some_and(TrayLink::is_showing)
    }

    /// News that arrived since the last call.
    pub fn take_news(&mut self) -> Vec<Inbound> {
        self.inbox.try_iter().collect()
    }

    pub fn tell(&self, message: ToReminders) {
        if let Some(tx) = &self.to_thread
            && tx.send(message).is_err()
        {
            // The thread ended (it says why itself); reminders stop for this run.
        }
    }

    /// Sends the library's reminders if they changed since last sent.
    pub fn sync_reminders(&mut self, reminders: &[ReminderEntry]) {
        if self.sent_reminders.as_deref() != Some(reminders) {
            self.sent_reminders = Some(reminders.to_vec());
            self.tell(ToReminders::Reminders(reminders.to_vec()));
        }
    }

    /// Sends whether a practice runs, if that changed.
    pub fn sync_practising(&mut self, practising: bool) {
        if self.sent_practising != practising {
            self.sent_practising = practising;
            self.tell(ToReminders::Practising(practising));
        }
    }

    /// Sends what History remembers being shown, once it is loaded.
    pub fn sync_history(&mut self, loaded: Option<Vec<(String, i64)>>) {
        if !self.sent_history
            && let Some(shown) = loaded
        {
            self.sent_history = true;
            self.tell(ToReminders::ShownBefore(shown));
        }
    }

    /// Gives the tray its menu, if it changed.
    pub fn sync_tray(&mut self, menu: TrayMenu) {
        if self.sent_menu.as_ref() != Some(&menu)
            && let Some(tray) = &self.tray
        {
            tray.update(menu.clone());
            self.sent_menu = Some(menu);
        }
    }

    pub fn set_sources(&mut self, sources: Sources) {
        self.sources = Some(sources);
    }

    #[must_use]
    pub fn sources(&self) -> Option<&Sources> {
        self.sources.as_ref()
    }

    /// Keeps a problem to show in Settings (each one once).
    pub fn add_problem(&mut self, problem: String) {
        if !self.problems.contains(&problem) {
            self.problems.push(problem);
        }
    }

    #[must_use]
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Says each problem not said yet on stderr, once (only while reminders are on: without
    /// them a missing bus or tray is nobody's concern).
    pub fn say_problems(&mut self) {
        for problem in &self.problems[self.said..] {
            eprintln!("unbrace: {problem}");
        }
        self.said = self.problems.len();
    }

    pub fn set_paused_until(&mut self, until: Option<Timestamp>) {
        self.paused_until = until;
    }

    #[must_use]
    pub fn paused_until(&self) -> Option<Timestamp> {
        self.paused_until
    }

    /// Ends the reminders thread (its notifications go) and the tray.
    pub fn shut_down(&mut self) {
        self.to_thread = None;
        self.thread = None;
        if let Some(tray) = self.tray.take() {
            tray.shut_down();
        }
    }
}
