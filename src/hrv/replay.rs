//! An RR file replayed as if a strap were sending it, beat by beat in real time, over and
//! over: for demos (`unbrace --replay-rr FILE`) and tests.
//!
//! The file is read on its own thread; after that, pacing is a comparison of the frame's
//! clock reading with the next beat's time, so a test's manual clock plays a minute of beats
//! in a microsecond. Each beat is reported at its own time, as a strap would send it. A
//! replay that falls far behind (the computer slept) skips ahead, leaving a gap as a strap
//! out of range would.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use unbrace_core::hrv::measurement::SensorContact;

use super::rr_file;
use super::source::{RrSource, SourceEvent, SourceRequest, SourceStatus};

/// Further behind than this, the replay skips ahead instead of catching up.
const CATCH_UP_LIMIT: Duration = Duration::from_secs(5);

/// The replay source.
#[derive(Debug)]
pub struct ReplaySource {
    /// The file name, for the status.
    name: String,
    loading: Option<mpsc::Receiver<Result<Vec<f64>, String>>>,
    rr: Vec<Duration>,
    /// The next beat: its index in `rr` and when it is due (clock time).
    next: Option<(usize, Duration)>,
    pending: Vec<SourceEvent>,
}

impl ReplaySource {
    /// Replays the file at `path`, read on a thread of its own; `wake` asks for a frame once
    /// it is read.
    #[must_use]
    pub fn open(path: &Path, wake: impl Fn() + Send + 'static) -> Self {
        let name =
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let (tx, rx) = mpsc::channel();
        let path = path.to_owned();
        let started = std::thread::Builder::new().name("unbrace-rr-replay".to_owned()).spawn(move || {
            let read = rr_file::read(&path).map(|file| file.rr_ms).map_err(|p| p.to_string());
            if tx.send(read).is_ok() {
                wake();
            }
        });
        let mut source = Self { name, loading: Some(rx), rr: Vec::new(), next: None, pending: Vec::new() };
        if let Err(e) = started {
            source.loading = None;
            source
                .pending
                .push(SourceEvent::Status(SourceStatus::ReplayFailed(format!("no thread to read it: {e}"))));
        }
        source
    }

    /// Replays these intervals (ms), named `name`.
    #[must_use]
    pub fn from_rr(name: &str, rr_ms: &[f64]) -> Self {
        let mut source =
            Self { name: name.to_owned(), loading: None, rr: Vec::new(), next: None, pending: Vec::new() };
        source.take(Ok(rr_ms.to_vec()));
        source
    }

    fn take(&mut self, read: Result<Vec<f64>, String>) {
        let status = match read {
            Ok(rr_ms) => {
                self.rr = rr_ms
                    .iter()
                    .filter_map(|ms| Duration::try_from_secs_f64(ms / 1000.0).ok())
                    .filter(|d| *d >= Duration::from_millis(1))
                    .collect();
                if self.rr.is_empty() {
                    SourceStatus::ReplayFailed(format!("{} has no intervals", self.name))
                } else {
                    SourceStatus::Replaying { file: self.name.clone() }
                }
            }
            Err(why) => SourceStatus::ReplayFailed(why),
        };
        self.pending.push(SourceEvent::Status(status));
    }
}

impl RrSource for ReplaySource {
    fn poll(&mut self, now: Duration) -> Vec<SourceEvent> {
        if let Some(loading) = &self.loading
            && let Ok(read) = loading.try_recv()
        {
            self.loading = None;
            self.take(read);
        }
        let mut events = std::mem::take(&mut self.pending);
        let Some(&first) = self.rr.first() else {
            return events;
        };
        // The first beat ends one interval after the replay starts.
        let (mut index, mut due) = self.next.unwrap_or((0, now + first));
        if now.saturating_sub(due) > CATCH_UP_LIMIT {
            // Far behind: skip to now, as lost beats.
            while due + CATCH_UP_LIMIT < now {
                index = (index + 1) % self.rr.len();
                due += self.rr[index];
            }
        }
        let mut rr = Vec::new();
        let mut arrival = None;
        while due <= now {
            rr.push(self.rr[index]);
            arrival = Some(due);
            index = (index + 1) % self.rr.len();
            due += self.rr[index];
        }
        self.next = Some((index, due));
        if let Some(arrival) = arrival {
            events.push(SourceEvent::Beats { arrival, rr, contact: SensorContact::NotSupported });
        }
        events
    }

    fn request(&mut self, _request: SourceRequest) {
        // A replay plays whatever is asked: searching and straps do not apply.
    }

    fn next_due(&self) -> Option<Duration> {
        self.next.map(|(_, due)| due)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn beats(events: &[SourceEvent]) -> Vec<(Duration, Vec<Duration>)> {
        events
            .iter()
            .filter_map(|e| match e {
                SourceEvent::Beats { arrival, rr, .. } => Some((*arrival, rr.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn beats_come_at_their_own_time_and_the_file_loops() {
        let mut replay = ReplaySource::from_rr("rr.txt", &[800.0, 1000.0]);
        let first = replay.poll(ms(10_000));
        assert_eq!(first, vec![SourceEvent::Status(SourceStatus::Replaying { file: "rr.txt".to_owned() })]);
        assert_eq!(replay.next_due(), Some(ms(10_800)));
        assert!(beats(&replay.poll(ms(10_799))).is_empty());
        assert_eq!(beats(&replay.poll(ms(10_800))), vec![(ms(10_800), vec![ms(800)])]);
        // A late frame takes every beat due, stamped with the last one's time; then it loops.
        assert_eq!(beats(&replay.poll(ms(12_700))), vec![(ms(12_600), vec![ms(1000), ms(800)])]);
        assert_eq!(replay.next_due(), Some(ms(13_600)));
    }

    #[test]
    fn a_replay_far_behind_skips_ahead_leaving_a_gap() {
        let mut replay = ReplaySource::from_rr("rr.txt", &[1000.0]);
        replay.poll(ms(0));
        replay.poll(ms(1000));
        let late = beats(&replay.poll(ms(3_600_000)));
        assert_eq!(late.len(), 1);
        let (arrival, rr) = &late[0];
        assert!(rr.len() <= 6, "{}", rr.len());
        assert_eq!(*arrival, ms(3_600_000));
    }

    #[test]
    fn a_file_is_read_on_its_own_thread_and_a_bad_one_is_said() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.csv");
        std::fs::write(&path, "RR\n900\nx\n").expect("writes");
        let (tx, rx) = mpsc::channel();
        let mut replay = ReplaySource::open(&path, move || {
            let _ = tx.send(());
        });
        rx.recv_timeout(Duration::from_secs(5)).expect("woken once read");
        match replay.poll(ms(0)).as_slice() {
            [SourceEvent::Status(SourceStatus::ReplayFailed(why))] => {
                assert!(why.starts_with(&format!("{}:3:1:", path.display())), "{why}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(replay.next_due(), None);
    }
}
