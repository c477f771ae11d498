//! "Find your breathing rate": the guided resonance-frequency assessment as the app runs it.
//! A pacer breathes at 6.5, 6, 5.5, 5 and 4.5 breaths a minute, two minutes each
//! ([`Epoch::plan`]), while the heartbeats are kept; each rate is scored as soon as it ends
//! ([`score_rate`]) and the best one picked at the end ([`assess`]). It can be stopped at any
//! time: the rates done so far are scored.
//!
//! Pure: time is an argument (the app's clock, in the same seconds as the beats), and the
//! personal pattern it offers to save is text ([`personal_pattern`]); the app writes it.

use std::time::Duration;

use unbrace_core::breathing::pattern::Length;
use unbrace_core::editor::file_name;
use unbrace_core::editor::pattern_form::{PatternForm, PhaseField};
use unbrace_core::hrv::beat_clock::TimedBeat;
use unbrace_core::hrv::resonance::{
    ASSESSMENT_RATES_PER_MIN, Assessment, Epoch, INHALE_FRACTION, RATE_SECS, RateResult, SETTLE_SECS, assess,
    score_rate,
};

/// A moment to settle before the first breath in.
pub const GET_READY: Duration = Duration::from_secs(3);
/// Beats kept: ten minutes at up to 200 beats a minute, with room.
const MAX_BEATS: usize = 4000;
/// How long a saved pattern lasts.
const PATTERN_MINUTES: u32 = 10;

/// Where the assessment is.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// What it is and how long it takes, with Begin.
    Intro,
    /// The pacer is running.
    Running,
    /// Each rate's result (and the best), with Save.
    Done { stopped_early: bool },
}

/// What became of saving the personal pattern.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Saving {
    #[default]
    NotYet,
    UnderWay,
    /// Saved under this routine name, with this library id.
    Saved {
        name: String,
        id: String,
    },
    Failed(String),
}

/// The pacer at one moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pacer {
    /// The rate under way (0-based) and how many there are.
    pub rate_index: usize,
    pub rates: usize,
    pub breaths_per_min: f64,
    /// The lungs: 0 empty, 1 full.
    pub level: f64,
    pub inhaling: bool,
    /// Before the first breath in.
    pub getting_ready: bool,
    /// The first seconds of a rate, left out of its score.
    pub settling: bool,
    pub rate_left: Duration,
    pub total_left: Duration,
}

/// One assessment, from its introduction to its results.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentRun {
    stage: Stage,
    plan: Vec<Epoch>,
    beats: Vec<TimedBeat>,
    results: Vec<RateResult>,
    pub saving: Saving,
}

impl Default for AssessmentRun {
    fn default() -> Self {
        Self::new()
    }
}

impl AssessmentRun {
    /// At its introduction.
    #[must_use]
    pub fn new() -> Self {
        Self {
            stage: Stage::Intro,
            plan: Vec::new(),
            beats: Vec::new(),
            results: Vec::new(),
            saving: Saving::NotYet,
        }
    }

    #[must_use]
    pub fn stage(&self) -> &Stage {
        &self.stage
    }

    /// Begin pressed at `now`: the first breath in starts a moment later.
    pub fn begin(&mut self, now: Duration) {
        if self.stage == Stage::Intro {
            self.plan = Epoch::plan((now + GET_READY).as_secs_f64());
            self.stage = Stage::Running;
        }
    }

    /// Beats that arrived (placed in clock seconds).
    pub fn beats(&mut self, beats: &[TimedBeat]) {
        if self.stage == Stage::Running && self.beats.len() < MAX_BEATS {
            self.beats.extend(beats.iter().take(MAX_BEATS - self.beats.len()));
        }
    }

    /// Time passed: each rate is scored once it ends; after the last, the results.
    pub fn tick(&mut self, now: Duration) {
        if self.stage != Stage::Running {
            return;
        }
        let now_secs = now.as_secs_f64();
        while let Some(epoch) = self.plan.get(self.results.len())
            && epoch.start_secs + epoch.duration_secs <= now_secs
        {
            self.results.push(score_rate(epoch, &self.beats));
        }
        if self.results.len() == self.plan.len() {
            self.stage = Stage::Done { stopped_early: false };
        }
    }

    /// Stop pressed: the rate under way is scored with what it has, the rest are left out.
    pub fn stop(&mut self, now: Duration) {
        if self.stage != Stage::Running {
            return;
        }
        self.tick(now);
        if self.stage == Stage::Running {
            let now_secs = now.as_secs_f64();
            if let Some(epoch) = self.plan.get(self.results.len()).filter(|e| e.start_secs < now_secs) {
                self.results.push(score_rate(epoch, &self.beats));
            }
            self.stage = Stage::Done { stopped_early: true };
        }
    }

    /// The pacer at `now`, while running.
    #[must_use]
    pub fn pacer(&self, now: Duration) -> Option<Pacer> {
        if self.stage != Stage::Running {
            return None;
        }
        let (first, last) = (self.plan.first()?, self.plan.last()?);
        let now_secs = now.as_secs_f64();
        let end_secs = last.start_secs + last.duration_secs;
        let index = self.plan.iter().rposition(|e| e.start_secs <= now_secs).unwrap_or(0);
        let epoch = &self.plan[index];
        let getting_ready = now_secs < first.start_secs;
        let into = (now_secs - epoch.start_secs).rem_euclid(epoch.breath_secs());
        let left = |until: f64| Duration::try_from_secs_f64((until - now_secs).max(0.0)).unwrap_or_default();
        Some(Pacer {
            rate_index: index,
            rates: self.plan.len(),
            breaths_per_min: epoch.breaths_per_min,
            level: if getting_ready { 0.0 } else { epoch.lung_volume(now_secs) },
            inhaling: !getting_ready && into < epoch.breath_secs() * epoch.inhale_fraction,
            getting_ready,
            settling: !getting_ready && now_secs < epoch.start_secs + SETTLE_SECS,
            rate_left: left(if getting_ready {
                first.start_secs + first.duration_secs
            } else {
                epoch.start_secs + epoch.duration_secs
            }),
            total_left: left(end_secs),
        })
    }

    /// The pacer's lung volume at a past moment `at` (for drawing the breath behind the
    /// heart-rate curve); `None` before the first breath.
    #[must_use]
    pub fn level_at(&self, at: Duration) -> Option<f64> {
        let at_secs = at.as_secs_f64();
        let epoch = self.plan.iter().rev().find(|e| e.start_secs <= at_secs)?;
        (at_secs <= epoch.start_secs + epoch.duration_secs).then(|| epoch.lung_volume(at_secs))
    }

    /// Each rate's result so far, in the order practised.
    #[must_use]
    pub fn results(&self) -> &[RateResult] {
        &self.results
    }

    /// The best rate, once there are results to compare.
    #[must_use]
    pub fn outcome(&self) -> Option<Assessment> {
        assess(&self.results)
    }
}

/// A personal pattern at `breaths_per_min`, found on `date` (`2026-11-30`): its library id
/// (`breathing/<file>.ron`), its name and its text. `copy` (1 for the first) tells apart
/// patterns saved the same day.
#[must_use]
pub fn personal_pattern(breaths_per_min: f64, date: &str, copy: u32) -> (String, String, String) {
    let rate = rate_text(breaths_per_min);
    let name = if copy <= 1 {
        format!("My rate {rate} a minute ({date})")
    } else {
        format!("My rate {rate} a minute ({date}, {copy})")
    };
    let breath_secs = 60.0 / breaths_per_min;
    let inhale = (breath_secs * INHALE_FRACTION * 100.0).round() / 100.0;
    let exhale = (breath_secs * 100.0).round() / 100.0 - inhale;
    let form = PatternForm {
        name: name.clone(),
        summary: format!(
            "{rate} breaths a minute: the rate your heart followed best in the assessment of {date}."
        ),
        source: "Breathing-rate assessment (Lehrer, Vaschillo & Vaschillo 2000)".to_owned(),
        phases: vec![
            PhaseField {
                kind: unbrace_core::breathing::pattern::PhaseKind::Inhale,
                secs: inhale,
                cue: "gently in".to_owned(),
            },
            PhaseField {
                kind: unbrace_core::breathing::pattern::PhaseKind::Exhale,
                secs: (exhale * 100.0).round() / 100.0,
                cue: "slowly out".to_owned(),
            },
        ],
        length: Length::Minutes(PATTERN_MINUTES),
        ramp: None,
    };
    let id = format!("breathing/{}.ron", file_name::stem_for(&name));
    (id, name, form.to_text())
}

/// `5.5`, `6`: a rate as people say it.
#[must_use]
pub fn rate_text(breaths_per_min: f64) -> String {
    let text = format!("{breaths_per_min:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

/// The rates of the assessment, for its introduction.
#[must_use]
pub fn rates_text() -> String {
    let rates: Vec<String> = ASSESSMENT_RATES_PER_MIN.iter().map(|&r| rate_text(r)).collect();
    rates.join(", ")
}

/// The whole assessment's length.
#[must_use]
pub fn total_minutes() -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "five rates")]
    let rates = ASSESSMENT_RATES_PER_MIN.len() as f64;
    rates * RATE_SECS / 60.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::TAU;
    use unbrace_core::breathing::pattern::PhaseKind;
    use unbrace_core::script::parse_pattern;

    fn secs(s: f64) -> Duration {
        Duration::try_from_secs_f64(s).expect("a time")
    }

    /// A heart whose swing with the pacer is largest at 5.5 breaths a minute, in phase with
    /// the breath, beating from `from` to `to` (clock seconds), one notification per beat.
    fn heart(run: &mut AssessmentRun, from: f64, to: f64) {
        let mut t = from;
        while t < to {
            let pacer = run.pacer(secs(t));
            let (rate, level) = pacer.map_or((6.0, 0.0), |p| (p.breaths_per_min, p.level));
            let gain = 6.0 - 2.5 * (rate - 5.5).abs();
            let bpm = 62.0 + gain * (level - 0.5) + 0.4 * (TAU * t / 3.1).sin();
            let rr_ms = 60_000.0 / bpm;
            t += rr_ms / 1000.0;
            run.beats(&[TimedBeat { at_secs: t, rr_ms }]);
            run.tick(secs(t));
        }
    }

    #[test]
    fn five_rates_of_two_minutes_then_the_best_one() {
        let mut run = AssessmentRun::new();
        assert_eq!(run.pacer(secs(0.0)), None, "nothing runs before Begin");
        run.begin(secs(100.0));
        let p = run.pacer(secs(101.0)).expect("running");
        assert!(p.getting_ready && p.level == 0.0 && !p.inhaling, "{p:?}");
        assert_eq!(p.total_left, secs(602.0));
        let p = run.pacer(secs(104.0)).expect("running");
        assert_eq!((p.rate_index, p.breaths_per_min), (0, 6.5));
        assert!(p.inhaling && p.settling && p.level > 0.0, "{p:?}");
        let p = run.pacer(secs(103.0 + 120.0 + 50.0)).expect("running");
        assert_eq!((p.rate_index, p.breaths_per_min, p.settling), (1, 6.0, false));
        assert_eq!(p.rate_left, secs(70.0));

        heart(&mut run, 95.0, 103.0 + 600.0 + 1.0);
        assert_eq!(run.stage(), &Stage::Done { stopped_early: false });
        assert_eq!(run.results().len(), 5);
        assert!(run.results().iter().all(|r| matches!(r, RateResult::Scored(_))), "{:?}", run.results());
        let outcome = run.outcome().expect("scored");
        assert!((outcome.best_per_min - 5.5).abs() < 1e-9, "{outcome:?}");
        // Past moments keep their pacer, for the curve drawn behind the heart rate.
        assert_eq!(run.level_at(secs(103.0)), Some(0.0));
        assert_eq!(run.level_at(secs(50.0)), None);
    }

    #[test]
    fn stopping_early_scores_what_was_done() {
        let mut run = AssessmentRun::new();
        run.begin(secs(0.0));
        heart(&mut run, 0.0, 3.0 + 120.0 + 30.0);
        run.stop(secs(153.0));
        assert_eq!(run.stage(), &Stage::Done { stopped_early: true });
        assert_eq!(run.results().len(), 2);
        assert!(matches!(run.results()[0], RateResult::Scored(_)));
        assert!(
            matches!(run.results()[1], RateResult::TooShort { breaths_per_min, .. } if (breaths_per_min - 6.0).abs() < 1e-9)
        );
        // Beats after the end are not taken in.
        run.beats(&[TimedBeat { at_secs: 200.0, rr_ms: 1000.0 }]);
        assert_eq!(run.beats.last().map(|b| b.at_secs < 160.0), Some(true));
    }

    #[test]
    fn no_beats_at_all_gives_no_best_rate() {
        let mut run = AssessmentRun::new();
        run.begin(secs(0.0));
        run.tick(secs(700.0));
        assert_eq!(run.results().len(), 5);
        assert_eq!(run.outcome(), None);
    }

    #[test]
    fn the_personal_pattern_parses_and_breathes_at_the_rate() {
        for (rate, copy) in [(5.5, 1), (6.5, 2), (4.5, 1), (6.0, 1)] {
            let (id, name, text) = personal_pattern(rate, "2026-11-30", copy);
            assert!(file_name::is_safe_id(&id), "{id}");
            let pattern = parse_pattern(&text).unwrap_or_else(|e| panic!("{text}\n{e}"));
            assert_eq!(pattern.name.to_string(), name);
            let phases = pattern.phases();
            assert_eq!(
                phases.iter().map(|p| p.kind).collect::<Vec<_>>(),
                [PhaseKind::Inhale, PhaseKind::Exhale]
            );
            let breath: f64 = phases.iter().map(|p| p.secs.secs()).sum();
            assert!((60.0 / breath - rate).abs() < 0.01, "{rate}: {breath}");
            assert!(phases[0].secs.secs() < phases[1].secs.secs(), "a longer exhale");
        }
        let (id, name, _) = personal_pattern(5.5, "2026-11-30", 1);
        assert_eq!(id, "breathing/my-rate-5-5-a-minute-2026-11-30.ron");
        assert_eq!(name, "My rate 5.5 a minute (2026-11-30)");
        assert_eq!(personal_pattern(6.0, "2026-11-30", 2).1, "My rate 6 a minute (2026-11-30, 2)");
    }
}
