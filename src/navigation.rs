//! Where the user is: the page on show, and what sits over it (one window at a time, focus
//! mode).

/// The three places in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Page {
    #[default]
    Practice,
    History,
    Scripts,
}

impl Page {
    pub const ALL: [(Self, &'static str); 3] =
        [(Self::Practice, "Practice"), (Self::History, "History"), (Self::Scripts, "Scripts")];
}

/// Windows that open over the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Problems,
    Help,
    Settings,
}

/// Windows and modes that sit on top of the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Overlays {
    /// Only the breathing shape, full screen.
    pub focus_mode: bool,
    /// The one window open over the page, if any.
    pub window: Option<Window>,
}
