//! Where the app sends its cues: the real sound output, or a silent one (tests, and any
//! run without sound). The app only places scores and passes settings on; what happens to
//! them is the output's business.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use unbrace_core::sound::cue::SoundSettings;
use unbrace_core::sound::score::Placed;

/// How the sound output is doing, for Settings and the one-time notice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SoundStatus {
    /// Not connected yet: it connects when first needed.
    #[default]
    Waiting,
    /// Connected to a sound server.
    Ready,
    /// No sound: why, in a sentence for the user.
    Unavailable(String),
}

/// A sink for the practice's cues.
pub trait CueOutput {
    /// The running practice's score, or `None` when it pauses or stops.
    fn place(&mut self, placed: Option<Placed>);
    fn set_settings(&mut self, settings: SoundSettings);
    /// Plays a breath in and out, so the volume can be judged.
    fn preview(&mut self);
    fn status(&self) -> SoundStatus;

    /// How long after Start the practice should begin so that its first cue can sound on
    /// time: a new sound stream takes a moment to reach the ear.
    fn start_lead(&self) -> Duration {
        Duration::ZERO
    }
}

/// Everything a [`Silent`] output was asked, for tests to read.
#[derive(Debug, Default)]
pub struct Requests {
    pub placed: Vec<Option<Placed>>,
    pub settings: Vec<SoundSettings>,
    pub previews: usize,
}

/// No sound at all; remembers what it was asked, and reports `status` and `lead` (waiting and
/// none, unless a test says otherwise).
#[derive(Debug, Clone, Default)]
pub struct Silent {
    pub requests: Rc<RefCell<Requests>>,
    pub status: SoundStatus,
    pub lead: Duration,
}

impl CueOutput for Silent {
    fn place(&mut self, placed: Option<Placed>) {
        self.requests.borrow_mut().placed.push(placed);
    }

    fn set_settings(&mut self, settings: SoundSettings) {
        self.requests.borrow_mut().settings.push(settings);
    }

    fn preview(&mut self) {
        self.requests.borrow_mut().previews += 1;
    }

    fn status(&self) -> SoundStatus {
        self.status.clone()
    }

    fn start_lead(&self) -> Duration {
        self.lead
    }
}
