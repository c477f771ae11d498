//! One body scan in progress: the script, its player, the breathing patterns its steps pace
//! (looked up by name when the scan starts), and how its steps are voiced: each prompt spoken
//! (its words may take up to a cap, until the speech service says they are said), or a
//! step's own recording played, or, with the voice off, nothing. Pure: every call takes `now`.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use super::player::{EXTEND_BY, Player, Position};
use super::region::Region;
use super::script::BodyScan;
use crate::breathing::pattern::{Length, MAX_CYCLES, Pattern};
use crate::breathing::timeline::{Moment, Timeline};
use crate::sound::clip::Clip;
use crate::sound::score::{Placed, ScanSteps, Score};
use crate::speech::settings::VoiceSettings;
use crate::speech::utterance::Utterance;

#[derive(Debug, Clone, PartialEq)]
pub struct ScanSession {
    scan_id: String,
    scan: BodyScan,
    player: Player,
    /// Each pattern the steps pace, once, laid out to run as long as a step could last.
    patterns: Vec<(Pattern, Timeline)>,
    /// For each step, which of `patterns` it paces.
    paced: Vec<Option<usize>>,
    /// For each step, the timeline it paces: handles on `patterns`' timelines, shared with
    /// the sound score.
    breathing: Arc<[Option<Timeline>]>,
    /// How many steps were gone through at the furthest point reached, so going back to an
    /// earlier step keeps the places already visited tinted.
    furthest: usize,
    /// How prompts are spoken and recordings played; `None`: not at all (the voice is off).
    voice: Option<VoiceSettings>,
    /// A speech service can say the prompts (without one, only recordings are heard).
    speaks: bool,
    /// Each step's recording, once decoded (shared with the sound score).
    clips: Arc<[Option<Clip>]>,
}

impl ScanSession {
    /// Starts `scan`; `pattern_named` resolves the breathing patterns steps refer to.
    #[must_use]
    pub fn start<'a>(
        scan_id: &str,
        scan: &BodyScan,
        pattern_named: impl Fn(&str) -> Option<&'a Pattern>,
        now: Duration,
    ) -> Self {
        Self::start_voiced(scan_id, scan, pattern_named, None, false, now)
    }

    /// Starts `scan` with its prompts spoken as `voice` says (`None`: silent) when `speaks`
    /// (a speech service can say them), and its recordings played.
    #[must_use]
    pub fn start_voiced<'a>(
        scan_id: &str,
        scan: &BodyScan,
        pattern_named: impl Fn(&str) -> Option<&'a Pattern>,
        voice: Option<&VoiceSettings>,
        speaks: bool,
        now: Duration,
    ) -> Self {
        let mut patterns: Vec<(Pattern, Timeline)> = Vec::new();
        let paced: Vec<Option<usize>> = scan
            .steps()
            .iter()
            .map(|step| {
                let name = step.breathing.as_deref()?;
                let pattern = pattern_named(name)?;
                // Laid out once for all the steps that pace it.
                let known = patterns.iter().position(|(p, _)| p == pattern);
                Some(known.unwrap_or_else(|| {
                    patterns.push((pattern.clone(), Timeline::new(pattern, Length::Cycles(MAX_CYCLES))));
                    patterns.len() - 1
                }))
            })
            .collect();
        let breathing = paced.iter().map(|p| p.map(|i| patterns[i].1.clone())).collect();
        let durations = scan.steps().iter().map(|s| s.secs.duration()).collect();
        let words: Vec<Duration> =
            scan.steps().iter().map(|s| words_cap(&s.prompt, voice.filter(|_| speaks))).collect();
        Self {
            scan_id: scan_id.to_owned(),
            scan: scan.clone(),
            player: Player::start_with_words(durations, &words, now),
            patterns,
            paced,
            breathing,
            furthest: 0,
            voice: voice.cloned(),
            speaks,
            clips: vec![None; scan.steps().len()].into(),
        }
    }

    /// How prompts are spoken now (`None`: not at all).
    #[must_use]
    pub fn voice(&self) -> Option<&VoiceSettings> {
        self.voice.as_ref()
    }

    /// A speech service can say the prompts (else only recordings are heard).
    #[must_use]
    pub fn speaks(&self) -> bool {
        self.speaks && self.voice.is_some()
    }

    /// Changes how prompts are spoken (`speaks`: whether a speech service can say them), from
    /// the next step on; turned off while a prompt is said, its step's own time begins now.
    /// Returns whether the plan changed.
    pub fn set_voice(&mut self, voice: Option<&VoiceSettings>, speaks: bool, now: Duration) -> bool {
        if self.voice.as_ref() == voice && self.speaks == speaks {
            return false;
        }
        self.voice = voice.cloned();
        self.speaks = speaks;
        let mut changed = false;
        let position = self.player.position(now);
        let current_clip = self.clips.get(position.step).is_some_and(Option::is_some);
        if voice.is_none() || (!speaks && !current_clip) {
            let step = self.player.position(now).step;
            changed |= self.player.words_said(step, now);
        }
        for i in 0..self.scan.steps().len() {
            changed |= self.player.plan_words(i, self.planned_words(i), now);
        }
        changed
    }

    /// What step `step` is planned to say, and for how long at most.
    fn planned_words(&self, step: usize) -> Duration {
        match (&self.voice, self.clips.get(step).and_then(Option::as_ref)) {
            (None, _) => Duration::ZERO,
            (Some(_), Some(clip)) => clip.duration(),
            (Some(_), None) if !self.speaks => Duration::ZERO,
            (Some(voice), None) => words_cap(&self.scan.steps()[step].prompt, Some(voice)),
        }
    }

    /// Step `step`'s recording, decoded: played instead of its prompt being spoken, if the
    /// step has not begun yet, or has begun and is still waiting for its words (the shell
    /// holds a step's speech while its recording is being read): the recording then plays
    /// from `now`. Returns whether it was taken.
    pub fn set_clip(&mut self, step: usize, clip: Clip, now: Duration) -> bool {
        let Some(slot) = self.clips.get(step) else { return false };
        if slot.as_ref().is_some_and(|c| c.is(&clip)) {
            return false;
        }
        let position = self.player.position(now);
        let current = step == position.step && !position.in_step.is_zero() && !position.finished;
        if step < position.step || (current && position.words_left.is_none()) || self.voice.is_none() {
            return false;
        }
        let mut clips: Vec<Option<Clip>> = self.clips.iter().cloned().collect();
        clips[step] = Some(clip);
        self.clips = clips.into();
        if current {
            let _ = self.player.redo_words(step, self.planned_words(step), now);
        } else {
            let _ = self.player.plan_words(step, self.planned_words(step), now);
        }
        true
    }

    /// Step `step`'s recording, if it has one ready.
    #[must_use]
    pub fn clip(&self, step: usize) -> Option<&Clip> {
        self.clips.get(step)?.as_ref()
    }

    /// The speech service finished saying step `step`'s prompt at `now`: its own time
    /// begins. Returns whether anything changed.
    pub fn words_said(&mut self, step: usize, now: Duration) -> bool {
        self.player.words_said(step, now)
    }

    #[must_use]
    pub fn scan_id(&self) -> &str {
        &self.scan_id
    }

    #[must_use]
    pub fn scan(&self) -> &BodyScan {
        &self.scan
    }

    #[must_use]
    pub fn position(&self, now: Duration) -> Position {
        self.player.position(now)
    }

    #[must_use]
    pub fn is_paused(&self) -> bool {
        self.player.is_paused()
    }

    /// The breathing pattern paced during the current step, and where it is.
    #[must_use]
    pub fn breathing(&self, position: &Position) -> Option<(&Pattern, Moment)> {
        let (pattern, timeline) = &self.patterns[(*self.paced.get(position.step)?)?];
        Some((pattern, timeline.at(position.in_step)))
    }

    /// Regions of the steps before the current one.
    #[must_use]
    pub fn visited(&self, position: &Position) -> HashSet<Region> {
        let done = if position.finished { position.step_count } else { position.step };
        let done = done.max(self.furthest).min(self.scan.steps().len());
        self.scan.steps()[..done].iter().map(|s| s.region).collect()
    }

    /// Remembers how far the scan has come before a step change.
    fn note_furthest(&mut self, now: Duration) {
        let position = self.player.position(now);
        let done = if position.finished { position.step_count } else { position.step };
        self.furthest = self.furthest.max(done);
    }

    /// What the scan will sound like from now on; `None` while paused. Small whatever the
    /// scan's length: it shares the step lengths and timelines, and copies none.
    #[must_use]
    pub fn sound(&self) -> Option<Placed> {
        let schedule = self.player.schedule()?;
        let mut steps = ScanSteps::new(
            schedule.durations,
            Arc::clone(&self.breathing),
            schedule.first,
            schedule.first_start,
        );
        if self.voice.is_some() {
            steps = steps.with_clips(Arc::clone(&self.clips)).with_words_from(schedule.words_from);
        }
        Some(Placed {
            score: Score::Scan { steps, end: schedule.end },
            origin: schedule.origin,
            from: schedule.from,
        })
    }

    pub fn toggle_pause(&mut self, now: Duration) {
        self.player.toggle_pause(now);
    }

    pub fn next(&mut self, now: Duration) {
        self.player.next(now);
    }

    pub fn previous(&mut self, now: Duration) {
        self.note_furthest(now);
        self.player.previous(now);
    }

    pub fn extend(&mut self, now: Duration) {
        self.player.extend(EXTEND_BY, now);
    }
}

/// The longest a prompt's words may take (nothing without a voice).
fn words_cap(prompt: &str, voice: Option<&VoiceSettings>) -> Duration {
    voice.map_or(Duration::ZERO, |voice| Utterance::of_prompt(prompt, voice).cap(voice.rate()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::Script;
    use crate::sound::score::Cursor;

    /// Twelve half-second phases ramping over 5 000 breaths: the largest timeline a pattern
    /// can lay out.
    fn fast() -> Pattern {
        let phases =
            ["Inhale(secs: 0.5)", "HoldIn(secs: 0.5)", "Exhale(secs: 0.5)", "HoldOut(secs: 0.5)"].repeat(3);
        crate::script::parse_pattern(&format!(
            "Pattern(name: \"Fast\", phases: [{}], ramp: Ramp(from_secs: [{}], over: Cycles(5000)), \
             length: Cycles(5000))",
            phases.join(", "),
            ["1"; 12].join(", ")
        ))
        .expect("parses")
    }

    fn scan(steps: usize, secs: u32) -> BodyScan {
        let step = format!("Step(region: Breath, secs: {secs}, breathing: \"Fast\", prompt: \"Breathe.\")");
        let text = format!("BodyScan(name: \"Long\", steps: [{}])", vec![step; steps].join(", "));
        match crate::script::parse(&text).expect("parses") {
            Script::BodyScan(scan) => scan,
            Script::Pattern(_) => panic!("a scan"),
        }
    }

    /// The steps the cue queries of one 20 ms buffer after another look at, over `span` from
    /// `from` (practice time), as the audio thread asks: the most for one buffer.
    fn most_steps_per_buffer(placed: &Placed, from: Duration, span: Duration) -> u64 {
        let mut cursor = Cursor::default();
        let buffer = Duration::from_millis(20);
        let (mut t, mut most, mut cues) = (from, 0, Vec::new());
        while t < from + span {
            let before = cursor.steps_visited();
            placed.score.cues_after(&mut cursor, t, t + buffer, &mut cues);
            most = most.max(cursor.steps_visited() - before);
            t += buffer;
        }
        assert!(!cues.is_empty(), "the fast pattern is cued");
        most
    }

    #[test]
    fn a_fifty_hour_scans_score_is_as_small_and_as_cheap_as_a_three_minute_ones() {
        let pattern = fast();
        let named = |name: &str| (name == "Fast").then_some(&pattern);
        let short = ScanSession::start("short", &scan(3, 60), named, Duration::ZERO);
        let long = ScanSession::start("long", &scan(100, 1800), named, Duration::ZERO);
        // One layout of the pattern, however many steps pace it.
        assert_eq!((short.patterns.len(), long.patterns.len()), (1, 1));

        let (short_score, long_score) = (short.sound().expect("placed"), long.sound().expect("placed"));
        assert_eq!(long_score.score.end(), Duration::from_secs(50 * 3600));
        // What is handed to the sound thread: the same few words for both, sharing the
        // session's step lengths and timelines rather than copying them.
        assert_eq!(std::mem::size_of_val(&long_score), std::mem::size_of_val(&short_score));
        let Score::Scan { steps, .. } = &long_score.score else { panic!("a scan") };
        assert!(steps.shares_plan_with(&ScanSteps::new(
            long.player.schedule().expect("running").durations,
            Arc::clone(&long.breathing),
            0,
            Duration::ZERO,
        )));
        assert_eq!(steps.len(), 100);

        // The work for each buffer: a step or two, at the start or 49 hours in.
        let second = Duration::from_secs(1);
        assert!(most_steps_per_buffer(&short_score, Duration::ZERO, 10 * second) <= 2);
        assert!(most_steps_per_buffer(&long_score, Duration::ZERO, 10 * second) <= 2);
        let late = Duration::from_secs(49 * 3600 + 1795);
        // The first query of a placing walks to where it is asked; each one after is as cheap.
        let mut cursor = Cursor::default();
        long_score.score.cues_after(&mut cursor, late, late + second, &mut Vec::new());
        assert!(most_steps_per_buffer(&long_score, late, 10 * second) <= 100);
        let mut cues = Vec::new();
        let before = cursor.steps_visited();
        long_score.score.cues_after(&mut cursor, late + second, late + second * 2, &mut cues);
        assert!(cursor.steps_visited() - before <= 2, "{}", cursor.steps_visited() - before);
        assert!(!cues.is_empty());
    }

    #[test]
    fn going_back_keeps_the_places_already_visited() {
        let library = crate::library::Library::built_in();
        let (_, scan) =
            library.body_scans().find(|(id, _)| *id == "body_scan/desk-reset.ron").expect("ships");
        let mut session = ScanSession::start("s", scan, |name| library.pattern_named(name), Duration::ZERO);
        let secs = Duration::from_secs;
        session.next(secs(1));
        session.next(secs(2));
        let at_third = session.visited(&session.position(secs(2)));
        assert_eq!(at_third.len(), 2);
        session.previous(secs(3));
        session.previous(secs(4));
        let back_at_first = session.visited(&session.position(secs(4)));
        assert_eq!(back_at_first, at_third, "Left does not clear the tint");
    }
}
