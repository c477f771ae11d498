//! A running body scan's recordings: decoded on the disk thread as the scan begins, handed to
//! the practice flow as each is ready (a step whose recording is still being read waits for it
//! rather than being spoken over), and a recording that cannot be played is said once, its
//! step spoken instead.

use std::collections::{BTreeMap, BTreeSet};

use unbrace_core::practice::flow::Stage;
use unbrace_core::sound::clip::Clip;

use super::UnbraceApp;
use crate::disk::Done;
use crate::voice::jobs;

/// The recordings of the scan running now.
#[derive(Debug, Default)]
pub(super) struct ClipLoads {
    /// The scan they are for (`None`: no scan running).
    scan_id: Option<String>,
    /// Steps whose recording is being read.
    pub(super) pending: BTreeSet<usize>,
    /// Recordings ready, by step (offered to the flow until it takes them).
    ready: BTreeMap<usize, Clip>,
}

impl UnbraceApp {
    /// Starts reading a scan's recordings as it begins, and offers the flow those ready.
    pub(super) fn load_scan_clips(&mut self) {
        let Stage::Scanning(session) = self.flow.stage() else {
            if self.voice.clips.scan_id.is_some() {
                self.voice.clips = ClipLoads::default();
            }
            return;
        };
        if self.voice.clips.scan_id.as_deref() != Some(session.scan_id()) {
            let scan_id = session.scan_id().to_owned();
            let recordings: Vec<_> = session.scan().recordings().map(|(i, a)| (i, a.clone())).collect();
            self.voice.clips = ClipLoads {
                scan_id: Some(scan_id.clone()),
                pending: recordings.iter().map(|(i, _)| *i).collect(),
                ready: BTreeMap::new(),
            };
            for (step, audio) in recordings {
                let job = jobs::load_clip(self.scripts.dir.clone(), scan_id.clone(), step, audio);
                self.disk.submit(move || Done::Voice(job()));
            }
        }
        let now = self.now;
        if let Some(scan_id) = self.voice.clips.scan_id.clone() {
            for (step, clip) in &self.voice.clips.ready {
                self.flow.set_clip(&scan_id, *step, clip.clone(), now);
            }
        }
    }

    /// Step `step`'s recording for the scan `scan_id` was read (or could not be).
    pub(super) fn take_in_clip(&mut self, scan_id: &str, step: usize, clip: Result<Clip, String>) {
        let loads = &mut self.voice.clips;
        if loads.scan_id.as_deref() != Some(scan_id) {
            return;
        }
        loads.pending.remove(&step);
        match clip {
            Ok(clip) => {
                loads.ready.insert(step, clip.clone());
                self.flow.set_clip(scan_id, step, clip, self.now);
            }
            Err(why) => {
                eprintln!("unbrace: step {} of {scan_id}: {why}", step + 1);
                self.voice.clip_notice.get_or_insert_with(|| {
                    format!(
                        "The recording for step {} can't be played: {why}. That step's prompt is spoken instead.",
                        step + 1
                    )
                });
            }
        }
    }
}
