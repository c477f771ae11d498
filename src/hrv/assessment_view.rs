//! "Find your breathing rate" on screen: what it is, the pacer with the heart beside it, and
//! each rate's result in plain words with the best one and Save. Reads state and returns
//! commands.

use std::time::Duration;

use egui::{RichText, Ui};
use unbrace_core::hrv::resonance::{RateResult, SETTLE_SECS};

use super::HeartCommand;
use super::assessment::{AssessmentRun, Saving, Stage, rate_text, rates_text, total_minutes};
use crate::breathing::heart_view::{self, HeartInput};
use crate::breathing::shape::{self, ShapeState};
use crate::breathing::view::clock_text_ceil;
use crate::command::Command;
use crate::theme;

/// What the view needs from the app.
#[derive(Debug)]
pub struct AssessmentInput<'a> {
    pub run: &'a AssessmentRun,
    pub now: Duration,
    /// Beats are coming in (a strap is connected, or a file replays).
    pub connected: bool,
    /// The heart strip's data, while the pacer runs.
    pub heart: Option<HeartInput<'a>>,
    /// There is a scripts folder to save a pattern in.
    pub can_save: bool,
}

/// The whole assessment area.
pub fn assessment_ui(ui: &mut Ui, input: &AssessmentInput<'_>, commands: &mut Vec<Command>) {
    match input.run.stage() {
        Stage::Intro => {
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                intro_ui(ui, input.connected, commands);
            });
        }
        Stage::Running => running_ui(ui, input, commands),
        Stage::Done { stopped_early } => {
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                results_ui(ui, input, *stopped_early, commands);
            });
        }
    }
}

fn intro_ui(ui: &mut Ui, connected: bool, commands: &mut Vec<Command>) {
    let muted = theme::palette().muted;
    ui.vertical_centered(|ui| {
        ui.set_max_width(620.0);
        ui.add_space(theme::GAP);
        ui.label(RichText::new("Find your breathing rate").size(theme::HEADING_SIZE));
        ui.add_space(theme::GAP / 2.0);
        ui.label(format!(
            "Breathe with the shape at five slow rates, {} breaths a minute, two minutes each: \
             about {:.0} minutes in all.",
            rates_text(),
            total_minutes()
        ));
        ui.label(
            "Your strap measures how much your heart rate rises and falls with each breath. The rate \
             where it swings most is the one that suits your slow breathing best.",
        );
        ui.label(
            RichText::new(
                "Sit comfortably and breathe gently, without forcing. If you feel light-headed, \
                 breathe normally and stop.",
            )
            .color(muted),
        );
        ui.add_space(theme::GAP);
        if !connected {
            ui.label(
                RichText::new("Connect a heart-rate strap in Settings first.")
                    .color(theme::palette().caution),
            );
        }
        ui.horizontal(|ui| {
            let begin = egui::Button::new(RichText::new("Begin").size(theme::HEADING_SIZE))
                .min_size(egui::vec2(160.0, 48.0))
                .fill(theme::faded(theme::palette().breath, 0.35));
            if ui.add_enabled(connected, begin).clicked() {
                commands.push(Command::Heart(HeartCommand::BeginAssessment));
            }
            if ui.add(egui::Button::new("Not now").min_size(egui::vec2(120.0, 48.0))).clicked() {
                commands.push(Command::Heart(HeartCommand::CloseAssessment));
            }
        });
    });
}

fn running_ui(ui: &mut Ui, input: &AssessmentInput<'_>, commands: &mut Vec<Command>) {
    let Some(pacer) = input.run.pacer(input.now) else {
        return;
    };
    let muted = theme::palette().muted;
    let strip = heart_view::strip_size(ui.available_height());
    let compact = strip != Some(heart_view::StripSize::Full);
    if let (Some(heart), Some(size)) = (&input.heart, strip) {
        egui::Panel::bottom("assessment_heart")
            .frame(egui::Frame::NONE.inner_margin(egui::Margin::symmetric(0, 6)))
            .show(ui, |ui| heart_view::strip_ui(ui, heart, size));
    }
    ui.vertical_centered(|ui| {
        let gap = if compact { theme::GAP / 3.0 } else { theme::GAP };
        ui.add_space(gap);
        ui.label(
            RichText::new(format!(
                "Rate {} of {} · {} breaths a minute",
                pacer.rate_index + 1,
                pacer.rates,
                rate_text(pacer.breaths_per_min)
            ))
            .color(muted),
        );
        let words = if pacer.getting_ready {
            "Get ready"
        } else if pacer.inhaling {
            "Breathe in"
        } else {
            "Breathe out"
        };
        let words_size = if compact { theme::HEADING_SIZE } else { theme::PHASE_WORDS_SIZE };
        let words_label = ui.label(RichText::new(words).size(words_size));
        crate::a11y::announce_changes(ui, &words_label);
        let below = if compact { 80.0 } else { 120.0 };
        let side = (ui.available_height() - below).min(ui.available_width()).max(60.0);
        let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
        #[expect(clippy::cast_possible_truncation, reason = "a level 0..1 for drawing")]
        let level = pacer.level as f32;
        shape::paint(ui, rect, ShapeState { level, hold: false, countdown: None, reduced_motion: false });
        let settling = if pacer.settling {
            format!(" · settling in: the first {SETTLE_SECS:.0} s of each rate are not scored")
        } else {
            String::new()
        };
        ui.label(
            RichText::new(format!(
                "{} left at this rate · {} in all{settling}",
                clock_text_ceil(pacer.rate_left),
                clock_text_ceil(pacer.total_left)
            ))
            .small()
            .color(muted),
        );
        if ui
            .add(egui::Button::new("Stop").min_size(egui::vec2(120.0, if compact { 32.0 } else { 40.0 })))
            .clicked()
        {
            commands.push(Command::Heart(HeartCommand::StopAssessment));
        }
    });
}

fn results_ui(ui: &mut Ui, input: &AssessmentInput<'_>, stopped_early: bool, commands: &mut Vec<Command>) {
    let muted = theme::palette().muted;
    let run = input.run;
    let outcome = run.outcome();
    ui.vertical_centered(|ui| {
        ui.set_max_width(680.0);
        ui.add_space(theme::GAP);
        ui.label(RichText::new("Your breathing rate").size(theme::HEADING_SIZE));
        ui.add_space(theme::GAP / 2.0);
        match &outcome {
            Some(outcome) => {
                ui.label(
                    RichText::new(format!(
                        "{} breaths a minute suited your heart best today.",
                        rate_text(outcome.best_per_min)
                    ))
                    .size(theme::BODY_SIZE + 4.0),
                );
            }
            None => {
                ui.label(
                    "There were not enough clean beats to compare the rates. Check that the strap sits \
                     snugly with moist pads, and try again another time.",
                );
            }
        }
        if stopped_early {
            ui.label(
                RichText::new("Stopped early: only the rates you breathed are compared.")
                    .small()
                    .color(muted),
            );
        }
    });
    ui.add_space(theme::GAP);
    let best = outcome.as_ref().map(|o| o.best_per_min);
    egui::Grid::new("rate_results").num_columns(2).spacing(egui::vec2(theme::GAP, 8.0)).striped(false).show(
        ui,
        |ui| {
            for result in run.results() {
                let (rate, words) = rate_words(result, best);
                ui.label(RichText::new(rate).strong());
                ui.add(egui::Label::new(words).wrap());
                ui.end_row();
            }
        },
    );
    ui.add_space(theme::GAP);
    ui.label(
        RichText::new(
            "These figures are for your own practice, not a diagnosis. Your rate can shift a little from \
             day to day.",
        )
        .small()
        .color(muted),
    );
    ui.add_space(theme::GAP / 2.0);
    ui.horizontal_wrapped(|ui| {
        if let Some(best) = best {
            match &run.saving {
                Saving::NotYet if input.can_save => {
                    let text = format!("Save {} a minute as my pattern", rate_text(best));
                    if ui
                        .add(egui::Button::new(text).fill(theme::faded(theme::palette().breath, 0.35)))
                        .clicked()
                    {
                        commands.push(Command::Heart(HeartCommand::SavePattern));
                    }
                }
                Saving::NotYet => {
                    ui.label(
                        RichText::new("There is no scripts folder to save a pattern in.")
                            .small()
                            .color(muted),
                    );
                }
                Saving::UnderWay => {
                    ui.label(RichText::new("Saving…").color(muted));
                }
                Saving::Saved { name, .. } => {
                    ui.label(format!("Saved as “{name}” in your breathing patterns."));
                }
                Saving::Failed(why) => {
                    ui.label(
                        RichText::new(format!("The pattern could not be saved: {why}"))
                            .color(theme::palette().caution),
                    );
                }
            }
        }
        if ui.button("Done").clicked() {
            commands.push(Command::Heart(HeartCommand::CloseAssessment));
        }
    });
}

/// One rate's result in plain words: the rate, then what the heart did.
#[must_use]
pub fn rate_words(result: &RateResult, best: Option<f64>) -> (String, String) {
    match result {
        RateResult::Scored(s) => {
            let rate = format!("{} a minute", rate_text(s.breaths_per_min));
            let phase = s.phase_deg.abs();
            let step = if phase <= 30.0 {
                "in step with the breath"
            } else if phase <= 90.0 {
                "a little out of step with the breath"
            } else {
                "out of step with the breath"
            };
            let mut words = format!(
                "Your heart rate rose and fell by {:.1} beats a minute with each breath, {step}; \
                 slow-rhythm power {:.0} ms².",
                s.peak_to_trough_bpm, s.lf_ms2
            );
            if !s.followed_pacer {
                words.push_str(" The breath's rhythm did not show clearly in the heart.");
            }
            if best.is_some_and(|b| (b - s.breaths_per_min).abs() < 1e-9) {
                return (format!("{rate} (best)"), words);
            }
            (rate, words)
        }
        RateResult::TooShort { breaths_per_min, have_secs, need_secs } => (
            format!("{} a minute", rate_text(*breaths_per_min)),
            format!(
                "Not enough clean beats to judge ({:.0} s of the {:.0} s needed).",
                have_secs.max(0.0),
                need_secs
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unbrace_core::hrv::resonance::RateScore;

    #[test]
    fn results_read_as_plain_words() {
        let score = RateScore {
            breaths_per_min: 5.5,
            lf_ms2: 1520.4,
            lf_peak_hz: Some(0.092),
            peak_to_trough_bpm: 7.94,
            phase_deg: -12.0,
            followed_pacer: true,
            beats: 100,
            beats_corrected: 0,
        };
        let (rate, words) = rate_words(&RateResult::Scored(score), Some(5.5));
        assert_eq!(rate, "5.5 a minute (best)");
        assert_eq!(
            words,
            "Your heart rate rose and fell by 7.9 beats a minute with each breath, in step with the breath; \
             slow-rhythm power 1520 ms²."
        );
        let off = RateScore { breaths_per_min: 6.0, phase_deg: 140.0, followed_pacer: false, ..score };
        let (rate, words) = rate_words(&RateResult::Scored(off), Some(5.5));
        assert_eq!(rate, "6 a minute");
        assert!(words.contains("out of step") && words.contains("did not show clearly"), "{words}");
        let short = RateResult::TooShort { breaths_per_min: 4.5, have_secs: 41.6, need_secs: 64.0 };
        assert_eq!(rate_words(&short, None).1, "Not enough clean beats to judge (42 s of the 64 s needed).");
    }
}
