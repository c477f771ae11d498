//! Where RR intervals come from, as the app sees it: one trait for every source (a Bluetooth
//! strap, a replayed RR file, a test's fake), and what a source reports. The core never knows
//! which source it is fed by.
//!
//! A source does its work off the UI thread (radio, files) and is asked, once a frame, what
//! happened since the last time; the app turns each report into a command
//! ([`crate::command::Command::HeartEvent`]) and applies it in the one place commands are
//! applied.

use std::time::Duration;

use unbrace_core::hrv::measurement::SensorContact;
use unbrace_core::settings::StrapChoice;

/// A source of heartbeats.
pub trait RrSource {
    /// What happened since the last call. `now` is the frame's clock reading: a source that
    /// paces itself by the app's clock (a replay) uses it; one that stamps its own reports (a
    /// strap's thread) ignores it.
    fn poll(&mut self, now: Duration) -> Vec<SourceEvent>;

    /// Something the user asked of it.
    fn request(&mut self, request: SourceRequest);

    /// When (clock time) it will next have something to report without being woken, so the
    /// app can ask for a frame then. Sources with their own thread wake the app themselves.
    fn next_due(&self) -> Option<Duration> {
        None
    }
}

/// What a source reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceEvent {
    /// How the connection is, in words the settings show.
    Status(SourceStatus),
    /// A strap seen while searching for straps.
    Found(FoundStrap),
    /// The intervals of one notification, oldest first, and when (clock time) it arrived.
    Beats { arrival: Duration, rr: Vec<Duration>, contact: SensorContact },
}

/// What the user asks of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceRequest {
    /// Look for heart-rate straps nearby (for the picker), or stop looking.
    Search(bool),
    /// Connect to this strap (and keep reconnecting), or to none.
    Use(Option<StrapChoice>),
}

/// A strap seen while searching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundStrap {
    pub strap: StrapChoice,
    /// Received signal strength (dBm), when known: closer is higher.
    pub rssi: Option<i16>,
}

/// How a source is doing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SourceStatus {
    /// Nothing asked of it: no strap chosen and no search under way.
    #[default]
    Idle,
    /// Looking for straps, or for the chosen one.
    Searching,
    /// Connecting to the chosen strap.
    Connecting { name: String },
    /// Beats are coming in.
    Connected { name: String, battery_percent: Option<u8> },
    /// The connection dropped; it tries again by itself.
    Lost { name: String },
    /// This computer has no Bluetooth the app can use; why, for the curious.
    NoBluetooth(String),
    /// Beats come from a file (for demos and tests).
    Replaying { file: String },
    /// A file could not be replayed: why, with its place in the file.
    ReplayFailed(String),
}

impl SourceStatus {
    /// The status in plain words.
    #[must_use]
    pub fn words(&self) -> String {
        match self {
            Self::Idle => "No strap chosen".to_owned(),
            Self::Searching => "Searching…".to_owned(),
            Self::Connecting { name } => format!("Connecting to {name}…"),
            Self::Connected { name, battery_percent: Some(b) } => {
                format!("Connected to {name} (battery {b} %)")
            }
            Self::Connected { name, battery_percent: None } => format!("Connected to {name}"),
            Self::Lost { name } => format!("Lost {name}, trying again"),
            Self::NoBluetooth(_) => "No Bluetooth on this computer".to_owned(),
            Self::Replaying { file } => format!("Replaying {file}"),
            Self::ReplayFailed(why) => format!("The RR file could not be replayed: {why}"),
        }
    }

    /// Beats can be expected: a strap is connected or a file is replaying.
    #[must_use]
    pub fn is_connected(&self) -> bool {
        matches!(self, Self::Connected { .. } | Self::Replaying { .. })
    }
}

/// No source at all, and why (a build without Bluetooth, a run where none could start, tests).
/// It says so only when asked for something, so nothing nags a person without a strap.
#[derive(Debug, Clone)]
pub struct NoSource {
    reason: String,
    pending: Vec<SourceEvent>,
}

impl NoSource {
    #[must_use]
    pub fn new(reason: impl Into<String>) -> Self {
        Self { reason: reason.into(), pending: Vec::new() }
    }
}

impl RrSource for NoSource {
    fn poll(&mut self, _now: Duration) -> Vec<SourceEvent> {
        std::mem::take(&mut self.pending)
    }

    fn request(&mut self, request: SourceRequest) {
        let status = match request {
            SourceRequest::Search(false) | SourceRequest::Use(None) => SourceStatus::Idle,
            SourceRequest::Search(true) | SourceRequest::Use(Some(_)) => {
                SourceStatus::NoBluetooth(self.reason.clone())
            }
        };
        self.pending.push(SourceEvent::Status(status));
    }
}
