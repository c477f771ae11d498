//! Sound through the real UI: what the app tells its sound output as a user starts, pauses
//! and steps through practices and changes the sound settings, and the one-time notice when
//! there is no sound server. (The sound itself is tested in the core and against a real
//! server in `sound_server.rs`.)

mod common;

use std::time::Duration;

use common::SoundSpy;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unbrace::app::UnbraceApp;
use unbrace::clock::ManualClock;
use unbrace::sound::output::SoundStatus;
use unbrace_core::sound::cue::Cue;
use unbrace_core::sound::score::{Placed, Score};

fn harness_with_sound(
    clock: &ManualClock,
    sound: &SoundSpy,
    start: Option<&str>,
) -> Harness<'static, UnbraceApp> {
    let mut app = UnbraceApp::new(unbrace::library::load(None), Box::new(clock.clone()), common::settled())
        .with_sound(Box::new(sound.clone()));
    if let Some(id) = start {
        app = app.starting(id);
    }
    common::harness_of(app, [1100.0, 720.0])
}

fn last_placed(sound: &SoundSpy) -> Option<Placed> {
    sound.requests.borrow().placed.last().cloned().flatten()
}

const fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn a_breathing_practice_is_cued_from_its_first_breath_and_pauses_are_silent() {
    let clock = ManualClock::new();
    clock.set(secs(50));
    let sound = SoundSpy::default();
    let mut harness = harness_with_sound(&clock, &sound, None);
    harness.run_steps(2);
    assert_eq!(last_placed(&sound), None, "nothing plays before a practice");

    harness.get_by_label("Start").click();
    harness.run_steps(2);
    let placed = last_placed(&sound).expect("the practice's score");
    assert_eq!((placed.origin, placed.from), (secs(50), Duration::ZERO));
    let Score::Breathing(timeline) = &placed.score else { panic!("a breathing score") };
    let cues = placed.score.cues(Duration::ZERO, secs(30));
    assert_eq!(cues[0], (Duration::ZERO, Cue::Inhale), "the first inhale is cued as Start is pressed");
    // Each later cue sits on the timeline's own phase boundary.
    for &(t, _) in &cues[1..] {
        assert!(timeline.at(t).phase_elapsed.is_zero());
    }
    let sent = sound.requests.borrow().placed.len();
    clock.advance(secs(3));
    harness.run_steps(3);
    assert_eq!(sound.requests.borrow().placed.len(), sent, "frames alone send nothing new");

    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert_eq!(last_placed(&sound), None, "paused: silent");
    clock.advance(secs(60));
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    let resumed = last_placed(&sound).expect("placed again");
    assert_eq!((resumed.origin, resumed.from), (secs(110), secs(3)), "cued from where it paused");

    // Sound off (M) withdraws the score, so no stream plays silence; on again, it is back.
    harness.key_press(egui::Key::M);
    harness.run_steps(2);
    assert_eq!(last_placed(&sound), None, "muted: nothing placed");
    harness.key_press(egui::Key::M);
    harness.run_steps(2);
    assert_eq!(last_placed(&sound), Some(resumed));

    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert_eq!(last_placed(&sound), None, "stopped by the user: the score is withdrawn (what sounds fades)");
}

#[test]
fn skipping_the_last_step_rings_the_bell_at_once() {
    let clock = ManualClock::new();
    let sound = SoundSpy::default();
    let mut harness = harness_with_sound(&clock, &sound, Some("body_scan/desk-reset.ron"));
    harness.run_steps(3);
    let steps = match last_placed(&sound).expect("placed").score {
        Score::Scan { steps, .. } => steps.len(),
        Score::Breathing(_) => panic!("a scan"),
    };
    for _ in 0..steps {
        clock.advance(secs(1));
        harness.key_press(egui::Key::ArrowRight);
        harness.run_steps(2);
    }
    // Skipped through in seconds: ended early, not "Well done", but the scan reached its end.
    harness.get_by_label("Practice ended");
    let placed = last_placed(&sound).expect("the finished scan's score stays placed");
    let end = placed.score.end();
    assert_eq!(end, secs(steps as u64), "the end is the last skip");
    assert_eq!(placed.score.cues(placed.from, end + secs(1)), vec![(end, Cue::Bell)]);
}

#[test]
fn picture_and_sound_begin_together_after_the_outputs_lead() {
    let clock = ManualClock::new();
    clock.set(secs(50));
    let lead = Duration::from_millis(50);
    let sound = SoundSpy { lead, ..SoundSpy::default() };
    let mut harness = harness_with_sound(&clock, &sound, None);
    harness.run_steps(2);
    harness.get_by_label("Start").click();
    harness.run_steps(2);
    assert_eq!(last_placed(&sound).expect("placed").origin, secs(50) + lead);
    harness.get_by_label("Breath 1 of 30");
    clock.advance(lead + secs(4));
    harness.run_steps(2);
    harness.get_by_label("Breathe out");
    // With sound off there is no cue to wait for: the practice begins at once.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.key_press(egui::Key::M);
    harness.run_steps(2);
    harness.get_by_label("Again").click();
    harness.run_steps(2);
    assert!(!harness.state().settings().sound.on);
    // Exactly four seconds on, the 4-6 breath turns: no lead was added.
    clock.advance(secs(4));
    harness.run_steps(2);
    harness.get_by_label("Breathe out");
}

#[test]
fn a_scan_chimes_when_the_user_moves_to_the_next_step() {
    let clock = ManualClock::new();
    let sound = SoundSpy::default();
    let mut harness = harness_with_sound(&clock, &sound, Some("body_scan/desk-reset.ron"));
    harness.run_steps(3);
    let placed = last_placed(&sound).expect("the scan's score");
    assert_eq!(
        placed.score.cues(Duration::ZERO, Duration::from_millis(1)),
        vec![(Duration::ZERO, Cue::Chime)]
    );

    clock.advance(secs(7));
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    let placed = last_placed(&sound).expect("placed again");
    assert_eq!(placed.from, secs(7));
    assert_eq!(placed.score.cues(placed.from, secs(8))[0], (secs(7), Cue::Chime), "the new step chimes now");
}

#[test]
fn sound_settings_reach_the_output_and_m_mutes() {
    let clock = ManualClock::new();
    let sound = SoundSpy::default();
    let mut harness = harness_with_sound(&clock, &sound, None);
    harness.run_steps(2);
    assert!(sound.requests.borrow().settings.last().expect("sent at start").on);

    harness.get_by_label("Settings").click();
    harness.run_steps(3);
    harness.get_by_label("Tick as you start to hold your breath").click();
    harness.run_steps(2);
    let sent = *sound.requests.borrow().settings.last().expect("sent");
    assert!(!sent.hold && sent.inhale && sent.on);
    assert!(!harness.state().settings().sound.hold, "kept in the settings");

    harness.get_by_role_and_label(Role::Slider, "Volume").set_value_accesskit(20.0);
    harness.run_steps(2);
    assert_eq!(sound.requests.borrow().settings.last().expect("sent").volume, 20);
    harness.get_by_label("Play a sample").click();
    harness.run_steps(2);
    assert_eq!(sound.requests.borrow().previews, 1);

    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.key_press(egui::Key::M);
    harness.run_steps(2);
    assert!(!sound.requests.borrow().settings.last().expect("sent").on, "M mutes");
    assert!(!harness.state().settings().sound.on);
    harness.key_press(egui::Key::M);
    harness.run_steps(2);
    assert!(sound.requests.borrow().settings.last().expect("sent").on, "and M brings it back");
}

#[test]
fn no_sound_server_is_said_once_and_the_practice_carries_on() {
    let clock = ManualClock::new();
    let why = "Unbrace can't reach your computer's sound, so the cues are silent. Your practice carries on as usual.";
    let detail = "no PulseAudio or PipeWire sound server was found";
    let sound = SoundSpy { status: SoundStatus::Unavailable(detail.to_owned()), ..SoundSpy::default() };
    let mut harness = harness_with_sound(&clock, &sound, None);
    harness.run_steps(2);
    assert!(harness.query_by_label(why).is_none(), "not before a practice wants sound");

    harness.get_by_label("Start").click();
    harness.run_steps(2);
    harness.get_by_label(why);
    clock.advance(secs(5));
    harness.run_steps(2);
    harness.get_by_label("Breathe out");
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    assert!(harness.query_by_label(why).is_none(), "dismissed");

    // The next practice does not say it again; Settings still tells why.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.get_by_label("Again").click();
    harness.run_steps(2);
    harness.get_by_label("Breathe in");
    assert!(harness.query_by_label(why).is_none(), "said once");
    harness.get_by_label("Settings").click();
    harness.run_steps(3);
    harness.get_by_label(why);
    harness.get_by_label(&format!("Details: {detail}"));
}

#[test]
fn opening_settings_finds_out_how_sound_is_doing_before_anything_plays() {
    let clock = ManualClock::new();
    let sound = SoundSpy::default();
    let mut harness = harness_with_sound(&clock, &sound, None);
    harness.run_steps(2);
    assert_eq!(sound.requests.borrow().probes, 0);
    harness.get_by_label("Settings").click();
    harness.run_steps(3);
    assert_eq!(sound.requests.borrow().probes, 1, "asked once, as Settings opens");
    harness.get_by_label("Checking your computer's sound…");
}

#[test]
fn m_turns_the_cues_off_with_a_sign_on_screen() {
    let clock = ManualClock::new();
    let sound = SoundSpy::default();
    let mut harness = harness_with_sound(&clock, &sound, Some("breathing/four-six.ron"));
    harness.run_steps(2);
    assert!(harness.query_by_label("Sound off (M)").is_none());
    harness.key_press(egui::Key::M);
    harness.run_steps(2);
    harness.get_by_label("Sound off (M)").click();
    harness.run_steps(2);
    assert!(harness.state().settings().sound.on, "a click turns them on again");
    assert!(harness.query_by_label("Sound off (M)").is_none());
}
