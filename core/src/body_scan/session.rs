//! One body scan in progress: the script, its player, and the breathing patterns its steps
//! pace (looked up by name when the scan starts). Pure: every call takes `now`.

use std::collections::HashSet;
use std::time::Duration;

use super::player::{EXTEND_BY, Player, Position};
use super::region::Region;
use super::script::BodyScan;
use crate::breathing::pattern::{Length, MAX_CYCLES, Pattern};
use crate::breathing::timeline::{Moment, Timeline};
use crate::sound::score::{Placed, ScanStep, Score};

#[derive(Debug, Clone, PartialEq)]
pub struct ScanSession {
    scan_id: String,
    scan: BodyScan,
    player: Player,
    /// For each step, the pattern it paces, laid out to run as long as the step could last.
    breathing: Vec<Option<(Pattern, Timeline)>>,
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
        let breathing = scan
            .steps()
            .iter()
            .map(|step| {
                let pattern = pattern_named(step.breathing.as_deref()?)?;
                Some((pattern.clone(), Timeline::new(pattern, Length::Cycles(MAX_CYCLES))))
            })
            .collect();
        let durations = scan.steps().iter().map(|s| s.secs.duration()).collect();
        Self {
            scan_id: scan_id.to_owned(),
            scan: scan.clone(),
            player: Player::start(durations, now),
            breathing,
        }
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
        let (pattern, timeline) = self.breathing.get(position.step)?.as_ref()?;
        Some((pattern, timeline.at(position.in_step)))
    }

    /// Regions of the steps before the current one.
    #[must_use]
    pub fn visited(&self, position: &Position) -> HashSet<Region> {
        let done = if position.finished { position.step_count } else { position.step };
        self.scan.steps()[..done].iter().map(|s| s.region).collect()
    }

    /// What the scan will sound like from now on; `None` while paused.
    #[must_use]
    pub fn sound(&self) -> Option<Placed> {
        let schedule = self.player.schedule()?;
        let first = self.breathing.len() - schedule.steps.len();
        let steps = schedule
            .steps
            .into_iter()
            .zip(&self.breathing[first..])
            .map(|((start, duration), breathing)| ScanStep {
                start,
                duration,
                breathing: breathing.as_ref().map(|(_, timeline)| timeline.clone()),
            })
            .collect();
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
        self.player.previous(now);
    }

    pub fn extend(&mut self, now: Duration) {
        self.player.extend(EXTEND_BY, now);
    }
}
