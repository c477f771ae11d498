//! The practice lifecycle as a pure state machine: ready → check-in → running → check-out →
//! done. Time comes in as an argument ([`Now`]); what must happen outside (a record to write,
//! the editor to go back to, focus mode to leave) comes out as [`Effect`]s.
//!
//! A practice is written to the history when it starts, every [`CHECKPOINT_EVERY`] while it
//! runs, when it ends, and once more with the check-out. A try-out from the editor is never
//! recorded.

use std::time::Duration;

use super::check_in::{CheckInDraft, CheckInEdit};
use super::summary::Summary;
use crate::body_scan::session::ScanSession;
use crate::breathing::pattern::Length;
use crate::breathing::session::BreathingSession;
use crate::history::record::{CheckIn, Record, Status};
use crate::library::Library;
use crate::script::Script;
use crate::sound::clip::Clip;
use crate::sound::score::Placed;
use crate::speech::settings::VoiceSettings;

/// A running practice is written to the history at least this often.
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(10);

/// The time of one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// The monotonic clock, which times the practice.
    pub clock: Duration,
    /// Milliseconds since 1970 UTC, for the record's start.
    pub wall_ms: i64,
    /// How long after a press a practice (or a skipped-to step) should begin, so that its cue
    /// sounds together with the picture: a new sound stream takes a moment to be heard.
    pub cue_lead: Duration,
}

impl Now {
    /// When something started by this event begins.
    fn led(self) -> Duration {
        self.clock + self.cue_lead
    }
}

/// What to practise.
#[derive(Debug, Clone, PartialEq)]
pub struct Routine {
    /// Its library id (for a try-out, the id of the file being edited).
    pub id: String,
    pub script: Script,
    /// For a breathing pattern, how long; `None` is the pattern's own length.
    pub length: Option<Length>,
}

/// Where the practice area is.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// Choosing a routine.
    Ready,
    /// The quick check-in before a practice.
    CheckIn {
        routine: Box<Routine>,
        draft: CheckInDraft,
    },
    Breathing(Box<BreathingSession>),
    Scanning(Box<ScanSession>),
    /// The quick check-out after a practice; `before` is the check-in, to compare with.
    CheckOut {
        summary: Summary,
        before: Option<CheckIn>,
        draft: CheckInDraft,
    },
    /// A quiet summary after a practice.
    Done(Summary),
}

/// What the shell must do after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum Effect {
    /// Write this record to the history (new, or the latest state of one already written).
    Save(Box<Record>),
    /// A practice ended (finished or stopped).
    Ended,
    /// A try-out from the editor ended: go back to the editor.
    BackToEditor,
}

/// The practice being recorded, and when it was last written.
#[derive(Debug, Clone, PartialEq)]
struct Recording {
    record: Record,
    saved_at: Duration,
}

/// The lifecycle of one practice after another.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeFlow {
    stage: Stage,
    /// The practice being recorded (also after it ends, until its check-out is saved).
    recording: Option<Recording>,
    /// The practice running is a try-out from the editor.
    trying: bool,
    /// Ask for a check-in before and a check-out after.
    check_ins: bool,
    /// The score of a practice that ran to its end, kept so its closing bell rings out.
    ring_out: Option<Placed>,
    /// Counts the changes to what [`Self::sound`] says, so the shell asks for the score only
    /// when it has changed (never each frame).
    sound_changes: u64,
    /// How body-scan prompts are spoken (`None`: not at all: the voice is off, or no speech
    /// service was found).
    voice: Option<VoiceSettings>,
    /// A speech service can say the prompts.
    speaks: bool,
}

impl PracticeFlow {
    #[must_use]
    pub fn new(check_ins: bool) -> Self {
        Self {
            stage: Stage::Ready,
            recording: None,
            trying: false,
            check_ins,
            ring_out: None,
            sound_changes: 0,
            voice: None,
            speaks: false,
        }
    }

    /// How body-scan prompts are spoken and recordings played from now on (`None`: not at
    /// all); `speaks`: a speech service can say the prompts (without one, only recordings are
    /// heard). A scan running takes it from its next step (and stops waiting for words turned
    /// off).
    pub fn set_voice(&mut self, voice: Option<VoiceSettings>, speaks: bool, now: Now) {
        if self.voice == voice && self.speaks == speaks {
            return;
        }
        self.voice = voice;
        self.speaks = speaks;
        if let Stage::Scanning(s) = &mut self.stage
            && s.set_voice(self.voice.as_ref(), speaks, now.clock)
        {
            self.sound_changes += 1;
        }
    }

    /// The speech service finished saying step `step`'s prompt at `now`.
    pub fn words_said(&mut self, step: usize, now: Now) {
        if let Stage::Scanning(s) = &mut self.stage
            && s.words_said(step, now.clock)
        {
            self.sound_changes += 1;
        }
    }

    /// Step `step` of the running scan `scan_id` has its recording decoded.
    pub fn set_clip(&mut self, scan_id: &str, step: usize, clip: Clip, now: Now) {
        if let Stage::Scanning(s) = &mut self.stage
            && s.scan_id() == scan_id
            && s.set_clip(step, clip, now.clock)
        {
            self.sound_changes += 1;
        }
    }

    /// A number that changes whenever [`Self::sound`] may say something new: a start, a pause
    /// or resume, a step skipped or extended, an end, leaving the summary. Time passing alone
    /// never changes it.
    #[must_use]
    pub fn sound_changes(&self) -> u64 {
        self.sound_changes
    }

    #[must_use]
    pub fn stage(&self) -> &Stage {
        &self.stage
    }

    /// A breathing practice or a body scan is running (or paused).
    #[must_use]
    pub fn is_practising(&self) -> bool {
        matches!(self.stage, Stage::Breathing(_) | Stage::Scanning(_))
    }

    /// The practice running is a try-out from the editor.
    #[must_use]
    pub fn is_trying(&self) -> bool {
        self.trying
    }

    /// Choosing: nothing running, no form open.
    #[must_use]
    pub fn is_choosing(&self) -> bool {
        matches!(self.stage, Stage::Ready | Stage::Done(_))
    }

    pub fn set_check_ins(&mut self, on: bool) {
        self.check_ins = on;
    }

    /// Start pressed: the check-in first if it is wanted, else the practice.
    pub fn begin(&mut self, routine: Routine, library: &Library, now: Now) -> Vec<Effect> {
        if !self.is_choosing() {
            return Vec::new();
        }
        if self.check_ins {
            self.stage = Stage::CheckIn { routine: Box::new(routine), draft: CheckInDraft::default() };
            self.sound_changes += 1;
            Vec::new()
        } else {
            self.start(&routine, None, library, now)
        }
    }

    /// Starts at once, without a check-in (`--start`, a reminder's Start).
    pub fn start_now(&mut self, routine: &Routine, library: &Library, now: Now) -> Vec<Effect> {
        if self.is_practising() {
            return Vec::new();
        }
        self.recording = None;
        self.start(routine, None, library, now)
    }

    /// Plays an unsaved routine from the editor: never recorded, and it ends back there.
    pub fn try_out(&mut self, routine: &Routine, library: &Library, now: Now) {
        if self.is_practising() {
            return;
        }
        self.trying = true;
        self.recording = None;
        let _ = self.start(routine, None, library, now);
    }

    /// A change to the check-in or check-out form.
    pub fn edit_check_in(&mut self, edit: CheckInEdit) {
        if let Stage::CheckIn { draft, .. } | Stage::CheckOut { draft, .. } = &mut self.stage {
            draft.apply(edit);
        }
    }

    /// Begin (after the check-in) or Save (the check-out).
    pub fn submit_check_in(&mut self, library: &Library, now: Now) -> Vec<Effect> {
        self.leave_check_in(true, library, now)
    }

    /// Go on without a check-in or check-out.
    pub fn skip_check_in(&mut self, library: &Library, now: Now) -> Vec<Effect> {
        self.leave_check_in(false, library, now)
    }

    fn leave_check_in(&mut self, keep: bool, library: &Library, now: Now) -> Vec<Effect> {
        self.sound_changes += 1;
        match std::mem::replace(&mut self.stage, Stage::Ready) {
            Stage::CheckIn { routine, draft } => {
                let before = if keep { draft.check_in() } else { None };
                self.start(&routine, before, library, now)
            }
            Stage::CheckOut { mut summary, draft, .. } => {
                let mut effects = Vec::new();
                if let Some(Recording { mut record, .. }) = self.recording.take()
                    && keep
                {
                    record.after = draft.check_in();
                    draft.note.trim().clone_into(&mut record.note);
                    summary.after.clone_from(&record.after);
                    if record.after.is_some() || !record.note.is_empty() {
                        effects.push(Effect::Save(Box::new(record)));
                    }
                }
                self.stage = Stage::Done(summary);
                effects
            }
            other => {
                self.stage = other;
                Vec::new()
            }
        }
    }

    fn start(
        &mut self,
        routine: &Routine,
        before: Option<CheckIn>,
        library: &Library,
        now: Now,
    ) -> Vec<Effect> {
        let at = now.led();
        let (stage, planned, total) = match &routine.script {
            Script::Pattern(pattern) => {
                let length = routine.length.unwrap_or(pattern.length);
                let session = BreathingSession::start(&routine.id, pattern, length, at);
                let planned = session.timeline().total();
                let total = session.timeline().total_cycles();
                (Stage::Breathing(Box::new(session)), planned, total)
            }
            Script::BodyScan(scan) => {
                let session = ScanSession::start_voiced(
                    &routine.id,
                    scan,
                    |name| library.pattern_named(name),
                    self.voice.as_ref(),
                    self.speaks,
                    at,
                );
                let planned = Duration::from_millis(scan.total_millis());
                (Stage::Scanning(Box::new(session)), planned, scan.steps().len() as u64)
            }
        };
        self.stage = stage;
        self.sound_changes += 1;
        if self.trying {
            return Vec::new();
        }
        let record = Record {
            id: record_id(now.wall_ms),
            started_at_ms: now.wall_ms,
            kind: routine.script.kind().into(),
            routine: routine.script.name().to_owned(),
            planned_ms: millis(planned),
            practised_ms: 0,
            done_count: 0,
            total_count: i64::try_from(total).unwrap_or(i64::MAX),
            status: Status::Running,
            before,
            after: None,
            note: String::new(),
            hrv: None,
        };
        self.recording = Some(Recording { record: record.clone(), saved_at: at });
        vec![Effect::Save(Box::new(record))]
    }

    /// Pause or resume. A pause is written at once (nothing changes while paused, so no
    /// checkpoint follows until the practice runs again).
    pub fn toggle_pause(&mut self, now: Now) -> Vec<Effect> {
        match &mut self.stage {
            Stage::Breathing(s) => s.toggle_pause(now.clock),
            Stage::Scanning(s) => s.toggle_pause(now.clock),
            _ => return Vec::new(),
        }
        self.sound_changes += 1;
        if self.is_paused() {
            self.checkpoint(now, Status::Running).into_iter().collect()
        } else {
            // The next checkpoint counts from the resume.
            if let Some(recording) = &mut self.recording {
                recording.saved_at = now.clock;
            }
            Vec::new()
        }
    }

    /// The running practice is paused.
    #[must_use]
    pub fn is_paused(&self) -> bool {
        match &self.stage {
            Stage::Breathing(s) => s.is_paused(),
            Stage::Scanning(s) => s.is_paused(),
            _ => false,
        }
    }

    /// Body scan: on to the next step (its chime sounds with the picture).
    pub fn next(&mut self, now: Now) {
        if let Stage::Scanning(s) = &mut self.stage {
            s.next(now.led());
            self.sound_changes += 1;
        }
    }

    /// Body scan: back to the previous step.
    pub fn previous(&mut self, now: Now) {
        if let Stage::Scanning(s) = &mut self.stage {
            s.previous(now.led());
            self.sound_changes += 1;
        }
    }

    /// Body scan: 30 more seconds for this step.
    pub fn extend(&mut self, now: Now) {
        if let Stage::Scanning(s) = &mut self.stage {
            s.extend(now.clock);
            self.sound_changes += 1;
        }
    }

    /// Stop pressed: the practice ends now.
    pub fn stop(&mut self, now: Now) -> Vec<Effect> {
        self.end(now)
    }

    /// Leave the summary.
    pub fn dismiss(&mut self) {
        if let Stage::Done(_) = self.stage {
            self.stage = Stage::Ready;
            self.sound_changes += 1;
        }
    }

    /// What must happen as time passes: a practice whose time is up ends, and a running one
    /// is written to the history every [`CHECKPOINT_EVERY`].
    pub fn tick(&mut self, now: Now) -> Vec<Effect> {
        let finished = match &self.stage {
            Stage::Breathing(s) => s.moment(now.clock).finished,
            Stage::Scanning(s) => s.position(now.clock).finished,
            _ => false,
        };
        if finished {
            return self.end(now);
        }
        let due =
            self.recording.as_ref().is_some_and(|r| now.clock.saturating_sub(r.saved_at) >= CHECKPOINT_EVERY);
        if self.is_practising() && !self.is_paused() && due {
            return self.checkpoint(now, Status::Running).into_iter().collect();
        }
        Vec::new()
    }

    /// The app is closing: a practice still running is kept as stopped.
    pub fn close(&mut self, now: Now) -> Vec<Effect> {
        if self.is_practising() {
            self.checkpoint(now, Status::Stopped).into_iter().collect()
        } else {
            Vec::new()
        }
    }

    /// When the next checkpoint is due (clock time), while a recorded practice runs.
    #[must_use]
    pub fn next_checkpoint(&self) -> Option<Duration> {
        let recording = self.recording.as_ref().filter(|_| self.is_practising() && !self.is_paused())?;
        Some(recording.saved_at + CHECKPOINT_EVERY)
    }

    /// What the practice will sound like from now on: the running one's score (`None` while
    /// paused), or after one that ran to its end, its score as it ended, so the closing bell
    /// rings out (nothing else is due after it).
    #[must_use]
    pub fn sound(&self) -> Option<Placed> {
        match &self.stage {
            Stage::Breathing(s) => s.sound(),
            Stage::Scanning(s) => s.sound(),
            Stage::CheckOut { .. } | Stage::Done(_) => self.ring_out.clone(),
            Stage::Ready | Stage::CheckIn { .. } => None,
        }
    }

    /// Ends the running practice (finished or stopped): records it, then shows the check-out
    /// or the summary.
    fn end(&mut self, now: Now) -> Vec<Effect> {
        let (mut summary, reached_end) = match &self.stage {
            Stage::Breathing(s) => (Summary::of_breathing(s, now.clock), s.moment(now.clock).finished),
            Stage::Scanning(s) => (Summary::of_scan(s, now.clock), s.position(now.clock).finished),
            _ => return Vec::new(),
        };
        self.sound_changes += 1;
        if std::mem::take(&mut self.trying) {
            self.stage = Stage::Ready;
            return vec![Effect::Ended, Effect::BackToEditor];
        }
        // A practice that reached its end rings its bell out (skipping the last step ends a
        // scan now: its score as of now has the bell now); one stopped falls silent at once.
        self.ring_out = if reached_end { self.sound() } else { None };
        let status = if summary.completed { Status::Finished } else { Status::Stopped };
        let mut effects: Vec<Effect> = self.checkpoint(now, status).into_iter().collect();
        summary.before = self.recording.as_ref().and_then(|r| r.record.before.clone());
        self.stage = match &self.recording {
            Some(recording) if self.check_ins => Stage::CheckOut {
                summary: Summary { noticed: true, ..summary },
                before: recording.record.before.clone(),
                draft: CheckInDraft::default(),
            },
            _ => {
                self.recording = None;
                Stage::Done(summary)
            }
        };
        effects.push(Effect::Ended);
        effects
    }

    /// The running practice's progress, to write to the history.
    fn checkpoint(&mut self, now: Now, status: Status) -> Option<Effect> {
        let recording = self.recording.as_mut()?;
        let r = &mut recording.record;
        match &self.stage {
            Stage::Breathing(s) => {
                r.practised_ms = millis(s.practised(now.clock));
                r.done_count = i64::try_from(s.moment(now.clock).cycle).unwrap_or(i64::MAX);
            }
            Stage::Scanning(s) => {
                let p = s.position(now.clock);
                r.practised_ms = millis(p.practised);
                let done = if p.finished { p.step_count } else { p.step };
                r.done_count = i64::try_from(done).unwrap_or(i64::MAX);
            }
            _ => return None,
        }
        r.status = status;
        recording.saved_at = now.clock;
        Some(Effect::Save(Box::new(recording.record.clone())))
    }
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Unique across copies of the app: the start time and a random part.
fn record_id(started_at_ms: i64) -> String {
    use std::hash::{BuildHasher, Hasher};
    let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
    format!("{started_at_ms:x}-{random:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body_scan::region::Region;
    use crate::library::builtin;

    fn library() -> Library {
        Library::built_in()
    }

    fn routine(library: &Library, id: &str) -> Routine {
        let entry = library.get(id).expect("built in");
        Routine { id: id.to_owned(), script: entry.script.clone(), length: None }
    }

    fn at(secs: u64) -> Now {
        Now {
            clock: Duration::from_secs(secs),
            wall_ms: 1_000_000 + i64::try_from(secs).expect("fits") * 1000,
            cue_lead: Duration::ZERO,
        }
    }

    fn saved(effects: &[Effect]) -> Vec<&Record> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Save(r) => Some(r.as_ref()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn with_check_ins_a_practice_is_recorded_from_check_in_to_check_out() {
        let library = library();
        let mut flow = PracticeFlow::new(true);
        let effects = flow.begin(routine(&library, "breathing/four-seven-eight.ron"), &library, at(0));
        assert!(effects.is_empty(), "nothing is written before the practice starts");
        assert!(matches!(flow.stage(), Stage::CheckIn { .. }));
        flow.edit_check_in(CheckInEdit::Stress(7));
        flow.edit_check_in(CheckInEdit::ToggleRegion(Region::LowerBack));
        let effects = flow.submit_check_in(&library, at(1));
        let first = saved(&effects)[0].clone();
        assert_eq!(first.status, Status::Running);
        assert_eq!(first.started_at_ms, 1_001_000);
        let before = first.before.clone().expect("the check-in");
        assert_eq!((before.stress, before.tension), (Some(7), None), "tension untouched is not 0");
        assert!(flow.is_practising());

        // 4-7-8, four breaths of 19 s: checkpoints every 10 s, then the end.
        let mut records = Vec::new();
        for s in 2..=80 {
            records.extend(saved(&flow.tick(at(s))).into_iter().cloned());
        }
        assert!(records.iter().filter(|r| r.status == Status::Running).count() >= 7);
        let last = records.last().expect("the end is written");
        assert_eq!((last.status.clone(), last.done_count, last.practised_ms), (Status::Finished, 4, 76_000));
        assert!(records.iter().all(|r| r.id == first.id), "one practice, one id");
        let Stage::CheckOut { before, .. } = flow.stage() else { panic!("check-out: {:?}", flow.stage()) };
        assert_eq!(before.as_ref().and_then(|b| b.stress), Some(7), "the check-in is there to compare");

        flow.edit_check_in(CheckInEdit::Stress(3));
        flow.edit_check_in(CheckInEdit::Note("  Hips softer. ".to_owned()));
        let effects = flow.submit_check_in(&library, at(81));
        let after = saved(&effects)[0];
        assert_eq!(after.after.as_ref().and_then(|c| c.stress), Some(3));
        assert_eq!(after.note, "Hips softer.");
        assert_eq!(after.status, Status::Finished);
        assert!(matches!(flow.stage(), Stage::Done(s) if s.completed && s.done == "4 breaths"));
        flow.dismiss();
        assert_eq!(flow.stage(), &Stage::Ready);
    }

    #[test]
    fn an_untouched_check_in_records_no_ratings() {
        let library = library();
        let mut flow = PracticeFlow::new(true);
        let _ = flow.begin(routine(&library, "breathing/coherent-6.ron"), &library, at(0));
        let effects = flow.submit_check_in(&library, at(0));
        assert_eq!(saved(&effects)[0].before, None);
        let _ = flow.stop(at(30));
        let effects = flow.submit_check_in(&library, at(31));
        assert!(saved(&effects).is_empty(), "an untouched check-out writes nothing more");
    }

    #[test]
    fn stopping_early_is_recorded_as_stopped_and_skipping_the_check_out_keeps_it() {
        let library = library();
        let mut flow = PracticeFlow::new(true);
        let _ = flow.begin(routine(&library, builtin::DEFAULT_PATTERN), &library, at(0));
        let _ = flow.skip_check_in(&library, at(0));
        let effects = flow.toggle_pause(at(5));
        assert_eq!(saved(&effects)[0].practised_ms, 5_000, "a pause is written at once");
        let effects = flow.tick(at(600));
        assert!(effects.is_empty(), "no checkpoint while paused, nothing changes");
        assert!(flow.toggle_pause(at(600)).is_empty());
        assert!(flow.tick(at(609)).is_empty(), "checkpoints count from the resume");
        let effects = flow.stop(at(603));
        let record = saved(&effects)[0];
        assert_eq!((record.status.clone(), record.practised_ms), (Status::Stopped, 8_000));
        assert!(effects.contains(&Effect::Ended));
        let effects = flow.skip_check_in(&library, at(604));
        assert!(saved(&effects).is_empty());
        assert!(matches!(flow.stage(), Stage::Done(s) if !s.completed));
    }

    #[test]
    fn without_check_ins_start_goes_straight_to_the_practice_and_then_the_summary() {
        let library = library();
        let mut flow = PracticeFlow::new(false);
        let scan = routine(&library, "body_scan/desk-reset.ron");
        let effects = flow.begin(scan, &library, at(0));
        assert_eq!(saved(&effects).len(), 1);
        assert!(matches!(flow.stage(), Stage::Scanning(_)));
        flow.next(at(1));
        assert!(!flow.is_paused());
        let effects = flow.stop(at(2));
        assert_eq!(saved(&effects)[0].done_count, 1);
        assert!(matches!(flow.stage(), Stage::Done(s) if s.done == "1 of 9 steps"));
    }

    #[test]
    fn a_try_out_is_never_recorded_and_goes_back_to_the_editor() {
        let library = library();
        let mut flow = PracticeFlow::new(true);
        flow.try_out(&routine(&library, "breathing/coherent-6.ron"), &library, at(0));
        assert!(flow.is_practising() && flow.is_trying());
        for s in 1..40 {
            assert!(saved(&flow.tick(at(s))).is_empty());
        }
        let effects = flow.stop(at(40));
        assert_eq!(effects, vec![Effect::Ended, Effect::BackToEditor]);
        assert_eq!(flow.stage(), &Stage::Ready);
        assert!(!flow.is_trying());
    }

    #[test]
    fn the_cue_lead_delays_the_start_not_the_record() {
        let library = library();
        let mut flow = PracticeFlow::new(false);
        let now = Now { cue_lead: Duration::from_millis(50), ..at(10) };
        let _ = flow.begin(routine(&library, "breathing/coherent-6.ron"), &library, now);
        let Stage::Breathing(session) = flow.stage() else { panic!("breathing") };
        assert_eq!(session.practised(Duration::from_millis(10_050)), Duration::ZERO);
        assert_eq!(session.practised(Duration::from_millis(10_060)), Duration::from_millis(10));
    }

    #[test]
    fn closing_keeps_a_running_practice_as_stopped() {
        let library = library();
        let mut flow = PracticeFlow::new(false);
        let _ = flow.begin(routine(&library, "breathing/coherent-6.ron"), &library, at(0));
        let effects = flow.close(at(7));
        assert_eq!(saved(&effects)[0].status, Status::Stopped);
        assert_eq!(saved(&effects)[0].practised_ms, 7_000);
        let mut idle = PracticeFlow::new(false);
        assert!(idle.close(at(7)).is_empty());
    }

    #[test]
    fn start_is_ignored_while_a_practice_runs() {
        let library = library();
        let mut flow = PracticeFlow::new(false);
        let _ = flow.begin(routine(&library, "breathing/coherent-6.ron"), &library, at(0));
        let before = flow.clone();
        assert!(flow.begin(routine(&library, "breathing/box-4-4-4-4.ron"), &library, at(1)).is_empty());
        assert!(flow.start_now(&routine(&library, "breathing/box-4-4-4-4.ron"), &library, at(1)).is_empty());
        assert_eq!(flow, before);
    }

    #[test]
    fn the_chosen_length_is_kept() {
        let library = library();
        let mut flow = PracticeFlow::new(false);
        let mut r = routine(&library, "breathing/coherent-6.ron");
        r.length = Some(Length::Minutes(1));
        let effects = flow.begin(r, &library, at(0));
        assert_eq!(saved(&effects)[0].planned_ms, 60_000);
        assert_eq!(flow.next_checkpoint(), Some(CHECKPOINT_EVERY));
    }

    #[test]
    fn a_practice_that_reached_its_end_keeps_its_score_to_ring_out_and_a_stopped_one_does_not() {
        let library = library();
        let mut flow = PracticeFlow::new(true);
        let _ = flow.begin(routine(&library, "body_scan/desk-reset.ron"), &library, at(0));
        let _ = flow.skip_check_in(&library, at(0));
        let steps = library.body_scans().find(|(id, _)| *id == "body_scan/desk-reset.ron").expect("scan").1;
        for s in 1..=steps.steps().len() as u64 {
            flow.next(at(s));
        }
        let effects = flow.tick(at(9));
        assert!(effects.contains(&Effect::Ended));
        let placed = flow.sound().expect("the finished scan's score stays");
        assert_eq!(placed.score.end(), Duration::from_secs(9), "the bell is at the last skip");
        let _ = flow.skip_check_in(&library, at(10));
        assert!(flow.sound().is_some(), "still ringing on the summary");
        flow.dismiss();
        assert_eq!(flow.sound(), None);

        let _ = flow.begin(routine(&library, "breathing/coherent-6.ron"), &library, at(20));
        let _ = flow.skip_check_in(&library, at(20));
        let _ = flow.stop(at(25));
        assert_eq!(flow.sound(), None, "stopped by the user: silent at once");
    }

    #[test]
    fn skipping_through_a_scan_reaches_its_end_but_does_not_finish_it() {
        let library = library();
        let mut flow = PracticeFlow::new(false);
        let _ = flow.begin(routine(&library, "body_scan/desk-reset.ron"), &library, at(0));
        for s in 1..=9 {
            flow.next(at(s));
        }
        let effects = flow.tick(at(9));
        assert_eq!(saved(&effects)[0].status, Status::Stopped, "ended early, not finished");
        let Stage::Done(summary) = flow.stage() else { panic!("done") };
        assert!(!summary.completed, "no Well done for seven seconds of a three-minute scan");
        assert!(flow.sound().is_some(), "the bell still rings: the scan reached its end");
    }

    #[test]
    fn the_summary_shows_the_change_from_check_in_to_check_out() {
        let library = library();
        let mut flow = PracticeFlow::new(true);
        let _ = flow.begin(routine(&library, "breathing/four-seven-eight.ron"), &library, at(0));
        flow.edit_check_in(CheckInEdit::Stress(7));
        let _ = flow.submit_check_in(&library, at(0));
        let _ = flow.tick(at(80));
        let Stage::CheckOut { summary, .. } = flow.stage() else { panic!("check-out") };
        assert!(summary.noticed, "the check-out is where the moment to notice is offered");
        flow.edit_check_in(CheckInEdit::Stress(4));
        let _ = flow.submit_check_in(&library, at(81));
        let Stage::Done(summary) = flow.stage() else { panic!("done") };
        assert_eq!(summary.change().as_deref(), Some("stress 7 to 4"));
    }

    fn scan_position(flow: &PracticeFlow, now: Now) -> crate::body_scan::player::Position {
        let Stage::Scanning(s) = flow.stage() else { panic!("scanning: {:?}", flow.stage()) };
        s.position(now.clock)
    }

    #[test]
    fn with_a_voice_each_step_waits_for_its_words_then_counts_its_own_time() {
        let library = library();
        let mut flow = PracticeFlow::new(false);
        flow.set_voice(Some(VoiceSettings::default()), true, at(0));
        let _ = flow.begin(routine(&library, "body_scan/lower-back-tracking.ron"), &library, at(0));
        let p = scan_position(&flow, at(5));
        assert!(p.words_left.is_some() && p.counted.is_zero(), "still speaking: {p:?}");
        assert_eq!(p.step_left(), Duration::from_secs(30), "the step's 30 s are all still to come");
        let count = flow.sound_changes();
        flow.words_said(0, at(9));
        assert_ne!(flow.sound_changes(), count, "the next step's chime moves: a new score");
        let p = scan_position(&flow, at(20));
        assert_eq!((p.step, p.counted, p.words_left), (0, Duration::from_secs(11), None));
        assert_eq!(scan_position(&flow, at(38)).step, 0, "30 s from the end of the words");
        assert_eq!(scan_position(&flow, at(39)).step, 1);
        // A late word about the first step changes nothing.
        let count = flow.sound_changes();
        flow.words_said(0, at(40));
        assert_eq!(flow.sound_changes(), count);
        // The voice turned off while the second step is said: its time begins now.
        flow.set_voice(None, true, at(42));
        let p = scan_position(&flow, at(42));
        assert_eq!((p.step, p.words_left), (1, None));
        assert_eq!(scan_position(&flow, at(72)).step, 2, "and no words for the steps after");
    }

    #[test]
    fn a_recording_decoded_before_its_step_replaces_the_words_cap_and_is_in_the_score() {
        let library = library();
        let mut flow = PracticeFlow::new(false);
        flow.set_voice(Some(VoiceSettings::default()), true, at(0));
        let _ = flow.begin(routine(&library, "body_scan/lower-back-tracking.ron"), &library, at(0));
        let clip = Clip::new(vec![0.1; 48_000 * 4], 48_000);
        flow.set_clip("body_scan/lower-back-tracking.ron", 1, clip.clone(), at(1));
        flow.set_clip("body_scan/other.ron", 2, clip.clone(), at(1));
        flow.words_said(0, at(5));
        // The second step starts at 35 s; its words are the 4 s recording.
        let p = scan_position(&flow, at(36));
        assert_eq!((p.step, p.words_left), (1, Some(Duration::from_secs(3))));
        assert_eq!(scan_position(&flow, at(39)).counted, Duration::ZERO);
        assert_eq!(scan_position(&flow, at(40)).counted, Duration::from_secs(1));
        let placed = flow.sound().expect("running");
        let mut clips = Vec::new();
        placed.score.clips_after(
            &mut crate::sound::score::Cursor::default(),
            Duration::ZERO,
            Duration::MAX,
            &mut clips,
        );
        assert_eq!(clips, vec![(Duration::from_secs(35), clip.clone())], "only the second step's");
        // Too late for a step whose words are over.
        let count = flow.sound_changes();
        flow.set_clip("body_scan/lower-back-tracking.ron", 1, Clip::new(vec![0.0; 10], 48_000), at(41));
        assert_eq!(flow.sound_changes(), count);
        // A step that waits for its recording (still being read as it began) plays it from
        // when it arrives.
        flow.set_clip("body_scan/lower-back-tracking.ron", 2, clip.clone(), at(41));
        let p = scan_position(&flow, at(70));
        assert_eq!(
            (p.step, p.words_left),
            (2, Some(Duration::from_secs(3))),
            "the third step begins at 69 s"
        );
        flow.set_clip(
            "body_scan/lower-back-tracking.ron",
            2,
            Clip::new(vec![0.0; 48_000 * 2], 48_000),
            at(71),
        );
        let p = scan_position(&flow, at(71));
        assert_eq!((p.words_from, p.words_left), (Duration::from_secs(71), Some(Duration::from_secs(2))));
    }

    #[test]
    fn the_sound_changes_count_moves_whenever_the_score_does_and_never_with_time_alone() {
        let library = library();
        let mut flow = PracticeFlow::new(true);
        let mut last = (flow.sound_changes(), flow.sound());
        // Every change of score moves the count; time passing moves neither.
        let mut check = |flow: &PracticeFlow, what: &str| {
            let now = (flow.sound_changes(), flow.sound());
            if now.1 != last.1 {
                assert_ne!(now.0, last.0, "{what}: the score changed, the count did not");
            }
            last = now;
        };
        let _ = flow.begin(routine(&library, "body_scan/hips-and-psoas.ron"), &library, at(0));
        check(&flow, "check-in");
        let _ = flow.skip_check_in(&library, at(1));
        check(&flow, "start");
        for s in 2..40 {
            let count = flow.sound_changes();
            let _ = flow.tick(at(s));
            assert_eq!(flow.sound_changes(), count, "time alone, at {s} s");
        }
        flow.extend(at(40));
        check(&flow, "extend");
        flow.next(at(41));
        check(&flow, "next");
        flow.previous(at(42));
        check(&flow, "previous");
        let _ = flow.toggle_pause(at(43));
        check(&flow, "pause");
        let _ = flow.toggle_pause(at(50));
        check(&flow, "resume");
        let _ = flow.stop(at(55));
        check(&flow, "stop");
        let _ = flow.skip_check_in(&library, at(56));
        check(&flow, "check-out");
        flow.dismiss();
        check(&flow, "dismiss");
        let _ = flow.begin(routine(&library, "breathing/coherent-6.ron"), &library, at(60));
        let _ = flow.skip_check_in(&library, at(60));
        check(&flow, "breathing");
        let _ = flow.tick(at(10_000));
        check(&flow, "finished");
    }
}
