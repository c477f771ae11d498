//! The app's life beyond its window: whether a window is open, what the host loop
//! ([`crate::background`]) should do next, a routine waiting for the window, and the
//! autostart entry.

use crate::reminders::autostart::Autostart;
use crate::reminders::shown::Shown;

#[derive(Debug)]
pub(super) struct Presence {
    /// A window is open. (False while `--background` waits, or after the window closed with
    /// reminders on and a tray to come back from.)
    pub windowed: bool,
    /// The window should open: a reminder's Start, the tray's Open, a second launch.
    pub open_requested: bool,
    /// Quit was chosen (the tray, Settings): the window closes and the app ends.
    pub quitting: bool,
    /// A routine (library id) to start as soon as the window shows, and the reminder whose
    /// Start asked for it.
    pub start_when_shown: Option<(String, Option<Shown>)>,
    /// A reminder's Start, waiting for its practice to begin (to link them in History).
    pub started_from: Option<Shown>,
    /// The last practice told to the reminders as completed (a finished record is saved again
    /// with its check-out).
    pub completed: Option<String>,
    /// Where "Start with my computer" writes, if this system has a config folder.
    pub autostart: Option<Autostart>,
    /// Whether the autostart entry is there (`None` until the disk thread has looked).
    pub autostart_on: Option<bool>,
    /// The last thing said about reminder files or the autostart entry.
    pub message: Option<String>,
}

impl Default for Presence {
    fn default() -> Self {
        Self {
            windowed: true,
            open_requested: false,
            quitting: false,
            start_when_shown: None,
            started_from: None,
            completed: None,
            autostart: None,
            autostart_on: None,
            message: None,
        }
    }
}
