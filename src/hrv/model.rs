//! The app's view of the heart: which source feeds it and how that source is doing, the
//! straps found while searching, the live analysis of the beats (the core's
//! [`LiveHrv`]), and the figures of the practice under way. No egui here.
//!
//! The strap source is started only when it is first needed (a remembered strap, or a
//! search), so a person without a strap never touches Bluetooth.

use std::time::Duration;

use unbrace_core::history::record::Record;
use unbrace_core::hrv::beat_clock::{BeatClock, TimedBeat};
use unbrace_core::hrv::live::{HeartRatePoint, LiveFigures, LiveHrv};
use unbrace_core::hrv::measurement::SensorContact;

use super::recorder::PracticeRecorder;
use super::source::{FoundStrap, NoSource, RrSource, SourceEvent, SourceRequest, SourceStatus};

/// Starts the strap source (the real one in the app; a fake in tests).
pub type StrapStarter = Box<dyn FnMut() -> Box<dyn RrSource>>;

/// The most straps listed while searching.
const MAX_FOUND: usize = 20;

/// Where beats come from.
enum Feed {
    /// The strap source, started when first needed.
    Strap { starter: StrapStarter, source: Option<Box<dyn RrSource>> },
    /// A fixed source (a replayed file) that takes the strap's place for this run.
    Fixed(Box<dyn RrSource>),
}

/// The heart as the app sees it.
pub struct HeartModel {
    feed: Feed,
    status: SourceStatus,
    searching: bool,
    found: Vec<FoundStrap>,
    contact: SensorContact,
    /// Places beats in time for the practice's figures and the assessment (the live analysis
    /// places them the same way itself).
    clock: BeatClock,
    live: LiveHrv,
    practice: Option<PracticeRecorder>,
}

impl std::fmt::Debug for HeartModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HeartModel")
            .field("status", &self.status)
            .field("searching", &self.searching)
            .field("found", &self.found)
            .finish_non_exhaustive()
    }
}

impl Default for HeartModel {
    fn default() -> Self {
        Self::with_strap(Box::new(|| Box::new(NoSource::new("no Bluetooth was set up for this run"))))
    }
}

impl HeartModel {
    /// Beats from a strap, started by `starter` when first wanted.
    #[must_use]
    pub fn with_strap(starter: StrapStarter) -> Self {
        Self::new(Feed::Strap { starter, source: None })
    }

    /// Beats from `source` for the whole run (a replayed file, a test's source).
    #[must_use]
    pub fn with_source(source: Box<dyn RrSource>) -> Self {
        Self::new(Feed::Fixed(source))
    }

    fn new(feed: Feed) -> Self {
        Self {
            feed,
            status: SourceStatus::Idle,
            searching: false,
            found: Vec::new(),
            contact: SensorContact::NotSupported,
            clock: BeatClock::new(),
            live: LiveHrv::new(),
            practice: None,
        }
    }

    /// Asks the source for something, starting the strap source if need be.
    pub fn request(&mut self, request: SourceRequest) {
        if let SourceRequest::Search(on) = request {
            if on && !self.searching {
                self.found.clear();
            }
            self.searching = on;
        }
        match &mut self.feed {
            Feed::Strap { starter, source } => {
                let wanted = !matches!(request, SourceRequest::Search(false) | SourceRequest::Use(None));
                if source.is_none() && !wanted {
                    return;
                }
                source.get_or_insert_with(|| starter()).request(request);
            }
            Feed::Fixed(source) => source.request(request),
        }
    }

    /// What the source reported since the last frame.
    pub fn poll(&mut self, now: Duration) -> Vec<SourceEvent> {
        match &mut self.feed {
            Feed::Strap { source: Some(source), .. } | Feed::Fixed(source) => source.poll(now),
            Feed::Strap { source: None, .. } => Vec::new(),
        }
    }

    /// When the source will next report without waking the app itself.
    #[must_use]
    pub fn next_due(&self) -> Option<Duration> {
        match &self.feed {
            Feed::Strap { source: Some(source), .. } | Feed::Fixed(source) => source.next_due(),
            Feed::Strap { source: None, .. } => None,
        }
    }

    /// Takes in one report. Beats go to the live analysis, and to the practice's figures
    /// while `practising` (running, not paused); the beats as placed are returned (for the
    /// assessment).
    pub fn take(&mut self, event: SourceEvent, practising: bool) -> Vec<TimedBeat> {
        match event {
            SourceEvent::Status(status) => {
                self.status = status;
                Vec::new()
            }
            SourceEvent::Found(found) => {
                if self.searching {
                    if let Some(known) =
                        self.found.iter_mut().find(|f| f.strap.address == found.strap.address)
                    {
                        *known = found;
                    } else if self.found.len() < MAX_FOUND {
                        self.found.push(found);
                    }
                    // Strongest signal (nearest) first.
                    self.found.sort_by_key(|f| std::cmp::Reverse(f.rssi.unwrap_or(i16::MIN)));
                }
                Vec::new()
            }
            SourceEvent::Beats { arrival, rr, contact } => {
                self.contact = contact;
                let rr_ms: Vec<f64> = rr.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
                self.live.push(arrival, &rr_ms);
                let placed = self.clock.place(arrival, &rr_ms).beats;
                if let Some(practice) = self.practice.as_mut().filter(|_| practising) {
                    practice.beats(&placed);
                    practice.spectral(self.live.spectral());
                }
                placed
            }
        }
    }

    /// A practice with this record id started at `now`, or a new version of its record is
    /// about to be written: its heart figures go with it. A record of another practice ends
    /// the one kept before.
    pub fn annotate(&mut self, record: &mut Record, now: Duration) {
        let running = record.status == unbrace_core::history::record::Status::Running;
        if self.practice.as_ref().is_none_or(|p| p.record_id() != record.id) {
            if !running {
                return;
            }
            self.practice = Some(PracticeRecorder::new(&record.id, now.as_secs_f64()));
        }
        if let Some(practice) = &mut self.practice {
            if !running {
                practice.close();
            }
            record.hrv = practice.figures().map(Box::new);
        }
    }

    #[must_use]
    pub fn status(&self) -> &SourceStatus {
        &self.status
    }

    /// Beats can be expected (a strap is connected, or a file replays).
    #[must_use]
    pub fn is_connected(&self) -> bool {
        self.status.is_connected()
    }

    #[must_use]
    pub fn is_searching(&self) -> bool {
        self.searching
    }

    /// Straps found while searching, nearest first.
    #[must_use]
    pub fn found(&self) -> &[FoundStrap] {
        &self.found
    }

    /// Whether the strap touches the skin, as it last said.
    #[must_use]
    pub fn contact(&self) -> SensorContact {
        self.contact
    }

    /// The live figures at `now`.
    #[must_use]
    pub fn figures(&self, now: Duration) -> LiveFigures {
        self.live.figures(now)
    }

    /// The heart rate of the last minute.
    #[must_use]
    pub fn trace(&self, now: Duration) -> Vec<HeartRatePoint> {
        self.live.heart_rate_trace(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hrv::replay::ReplaySource;
    use std::cell::RefCell;
    use std::rc::Rc;
    use unbrace_core::history::record::{Status, sample};
    use unbrace_core::settings::StrapChoice;

    /// A source that records requests and reports what the test queues.
    #[derive(Clone, Default)]
    struct Spy {
        requests: Rc<RefCell<Vec<SourceRequest>>>,
        queued: Rc<RefCell<Vec<SourceEvent>>>,
    }

    impl RrSource for Spy {
        fn poll(&mut self, _now: Duration) -> Vec<SourceEvent> {
            std::mem::take(&mut *self.queued.borrow_mut())
        }

        fn request(&mut self, request: SourceRequest) {
            self.requests.borrow_mut().push(request);
        }
    }

    #[test]
    fn bluetooth_is_left_alone_until_a_strap_is_wanted() {
        let started = Rc::new(RefCell::new(0));
        let spy = Spy::default();
        let (count, source) = (started.clone(), spy.clone());
        let mut heart = HeartModel::with_strap(Box::new(move || {
            *count.borrow_mut() += 1;
            Box::new(source.clone())
        }));
        heart.request(SourceRequest::Use(None));
        heart.request(SourceRequest::Search(false));
        assert_eq!(heart.poll(Duration::ZERO), vec![]);
        assert_eq!(*started.borrow(), 0, "forgetting or not searching starts nothing");
        heart.request(SourceRequest::Search(true));
        heart.request(SourceRequest::Search(false));
        assert_eq!(*started.borrow(), 1, "started once, when first wanted");
        assert_eq!(*spy.requests.borrow(), [SourceRequest::Search(true), SourceRequest::Search(false)]);
    }

    #[test]
    fn found_straps_are_listed_once_nearest_first_and_only_while_searching() {
        let mut heart = HeartModel::with_source(Box::new(Spy::default()));
        let found = |address: &str, rssi| {
            SourceEvent::Found(FoundStrap {
                strap: StrapChoice { address: address.to_owned(), name: format!("Strap {address}") },
                rssi: Some(rssi),
            })
        };
        heart.take(found("A", -80), false);
        assert!(heart.found().is_empty(), "not searching");
        heart.request(SourceRequest::Search(true));
        for event in [found("A", -80), found("B", -50), found("A", -60)] {
            heart.take(event, false);
        }
        let listed: Vec<&str> = heart.found().iter().map(|f| f.strap.address.as_str()).collect();
        assert_eq!(listed, ["B", "A"]);
    }

    #[test]
    fn a_practice_keeps_its_figures_from_start_to_check_out() {
        let mut heart = HeartModel::with_source(Box::new(ReplaySource::from_rr("rr", &[1000.0, 950.0])));
        let mut record = Record { status: Status::Running, ..sample("p1", 0) };
        heart.annotate(&mut record, Duration::ZERO);
        assert_eq!(record.hrv, None, "no beats yet");
        let mut now = Duration::ZERO;
        while now < Duration::from_secs(150) {
            now += Duration::from_millis(250);
            for event in heart.poll(now) {
                heart.take(event, true);
            }
        }
        heart.annotate(&mut record, now);
        let hrv = record.hrv.clone().expect("figures");
        assert!((hrv.rmssd_first_ms.expect("first") - 50.0).abs() < 1e-6, "{hrv:?}");
        assert!(hrv.coherence_mean.is_some(), "{hrv:?}");
        // It ends; beats after that (the check-out) are not the practice's.
        record.status = Status::Finished;
        heart.annotate(&mut record, now);
        let ended = record.hrv.clone();
        for event in heart.poll(now + Duration::from_secs(100)) {
            heart.take(event, true);
        }
        record.note = "after the check-out".to_owned();
        heart.annotate(&mut record, now + Duration::from_secs(100));
        assert_eq!(record.hrv, ended);
        // Another practice's record that is not running starts nothing.
        let mut other = Record { status: Status::Finished, ..sample("p0", 0) };
        heart.annotate(&mut other, now);
        assert_eq!(other.hrv, None);
    }
}
