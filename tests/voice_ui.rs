//! Voice through the real UI, with a speech service and a microphone that the test drives:
//! the voice settings by their accessible names, V, each step's prompt said as it begins and
//! its time counted only once it has been said, Pause silencing speech; and recording your
//! own voice for a step in the editor: record, stop, listen, record again, keep.

mod common;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use egui::accesskit::{Role, Toggled};
use egui_kittest::kittest::{NodeT as _, Queryable};
use unbrace::app::UnbraceApp;
use unbrace::clock::ManualClock;
use unbrace::speech::{Speech, SpeechEvent, SpeechStatus, Voice};
use unbrace::voice::microphone::{MicState, Microphone};
use unbrace_core::speech::settings::VoiceSettings;
use unbrace_core::speech::utterance::Utterance;

/// What the fake speech service was asked, and the events the test has it send.
#[derive(Debug, Default)]
struct Said {
    /// Each utterance's id and first line, and "stop" for each stop.
    log: Vec<String>,
    settings: Vec<VoiceSettings>,
    events: Vec<SpeechEvent>,
    last_id: u64,
}

#[derive(Debug, Clone, Default)]
struct FakeSpeech(Rc<RefCell<Said>>);

impl Speech for FakeSpeech {
    fn say(&mut self, id: u64, utterance: &Utterance) {
        let mut said = self.0.borrow_mut();
        said.last_id = id;
        said.log.push(utterance.lines.first().cloned().unwrap_or_default());
        said.events.push(SpeechEvent::Started(id));
    }
    fn stop(&mut self) {
        self.0.borrow_mut().log.push("stop".to_owned());
    }
    fn set_settings(&mut self, settings: &VoiceSettings) {
        self.0.borrow_mut().settings.push(settings.clone());
    }
    fn events(&mut self) -> Vec<SpeechEvent> {
        std::mem::take(&mut self.0.borrow_mut().events)
    }
    fn status(&self) -> SpeechStatus {
        SpeechStatus::Ready
    }
    fn voices(&self) -> Vec<Voice> {
        vec![Voice { name: "en-gb".to_owned(), language: "en-GB".to_owned() }]
    }
}

fn finish_saying(speech: &FakeSpeech) {
    let mut said = speech.0.borrow_mut();
    let id = said.last_id;
    said.events.push(SpeechEvent::Finished(id));
}

#[test]
fn the_voice_settings_and_v_turn_speech_on_and_off_and_a_scan_waits_for_its_words() {
    let clock = ManualClock::new();
    let speech = FakeSpeech::default();
    let library = unbrace::library::load(None);
    let app = UnbraceApp::new(library, Box::new(clock.clone()), common::settled())
        .with_sound(Box::new(common::SoundSpy::default()))
        .with_speech(Box::new(speech.clone()))
        .starting("body_scan/desk-reset.ron");
    let mut harness = common::harness_of(app, [1100.0, 720.0]);
    harness.run_steps(3);

    // The first prompt is said as the scan begins, and its step waits for it.
    let first = speech.0.borrow().log.clone();
    assert_eq!(first.len(), 1, "{first:?}");
    // Its step is 10 s long, but its words are still being said after 15 s.
    clock.advance(Duration::from_secs(15));
    harness.run_steps(2);
    harness.get_by_label_contains("Step 1 of");
    finish_saying(&speech);
    harness.run_steps(2);
    // Its own 10 s run from there.
    clock.advance(Duration::from_secs(9));
    harness.run_steps(2);
    harness.get_by_label_contains("Step 1 of");
    clock.advance(Duration::from_secs(2));
    harness.run_steps(3);
    harness.get_by_label_contains("Step 2 of");
    assert_eq!(speech.0.borrow().log.len(), 2, "the second prompt: {:?}", speech.0.borrow().log);

    // Next silences it and says the next prompt at once; Pause silences that.
    harness.get_by_role_and_label(Role::Button, "Next").click();
    harness.run_steps(3);
    harness.get_by_label_contains("Step 3 of");
    let log = speech.0.borrow().log.clone();
    assert_eq!(log[2..].len(), 2, "{log:?}");
    assert_eq!(log[2], "stop");
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert_eq!(speech.0.borrow().log.last().map(String::as_str), Some("stop"));
    assert_eq!(speech.0.borrow().log.len(), 5);

    // V turns the voice off; Settings shows it, and its switch turns it back on.
    harness.key_press(egui::Key::V);
    harness.run_steps(2);
    assert!(!harness.state().settings().voice.on);
    harness.get_by_role_and_label(Role::Button, "Settings").click();
    harness.run_steps(3);
    let switch = harness.get_by_role_and_label(Role::CheckBox, "Spoken prompts in body scans");
    assert_eq!(switch.accesskit_node().toggled(), Some(Toggled::False));
    switch.click_accesskit();
    harness.run_steps(2);
    assert!(harness.state().settings().voice.on);
    harness.get_by_label("Your computer's speech service is ready.");
    harness.get_by_role_and_label(Role::ComboBox, "Voice");
    harness.get_by_role_and_label(Role::Slider, "Speaking rate (lower is slower)");
    harness.get_by_role_and_label(Role::Slider, "Voice volume");
    harness.get_by_role_and_label(Role::Slider, "Pause between lines");
    let words =
        harness.get_by_role_and_label(Role::CheckBox, "Say \"in\", \"out\" and \"hold\" while breathing");
    assert_eq!(words.accesskit_node().toggled(), Some(Toggled::False), "off by default");
    harness.get_by_role_and_label(Role::Slider, "Voice volume").set_value_accesskit(40.0);
    harness.run_steps(3);
    assert_eq!(harness.state().settings().voice.volume, 40);
    assert_eq!(speech.0.borrow().settings.last().map(|s| s.volume), Some(40), "the service is told");
}

/// A microphone whose takes are a second of a steady level.
#[derive(Debug, Clone, Default)]
struct FakeMic(Rc<RefCell<MicInner>>);

/// Recording now, takes started, the finished take.
type MicInner = (bool, usize, Option<Vec<i16>>);

impl Microphone for FakeMic {
    fn start(&mut self) {
        let mut m = self.0.borrow_mut();
        m.0 = true;
        m.1 += 1;
    }
    fn stop(&mut self) {
        let mut m = self.0.borrow_mut();
        if m.0 {
            m.0 = false;
            m.2 = Some(vec![1000; 48_000 + m.1]);
        }
    }
    fn state(&self) -> MicState {
        if self.0.borrow().0 { MicState::Recording(Duration::from_secs(3)) } else { MicState::Idle }
    }
    fn take(&mut self) -> Option<Vec<i16>> {
        self.0.borrow_mut().2.take()
    }
}

const SCAN: &str = "BodyScan(\n    name: \"My voice\",\n    steps: [\n        Step(\n            region: Feet,\n            secs: 30,\n            prompt: \"Notice your feet.\",\n        ),\n        Step(region: Knees, secs: 30, prompt: \"Notice your knees.\"),\n    ],\n)\n";

#[test]
fn record_listen_record_again_and_keep_a_take_for_a_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("body_scan")).expect("mkdir");
    std::fs::write(dir.path().join("body_scan/my-voice.ron"), SCAN).expect("write");
    let clock = ManualClock::new();
    let spy = common::SoundSpy::default();
    let mic = FakeMic::default();
    let library = unbrace::library::load(Some(dir.path()));
    let app = UnbraceApp::new(library, Box::new(clock.clone()), common::settled())
        .with_scripts_dir(dir.path().to_owned())
        .with_sound(Box::new(spy.clone()))
        .with_microphone(Box::new(mic.clone()))
        .editing("body_scan/my-voice.ron");
    let mut harness = common::harness_of(app, [1280.0, 800.0]);
    common::settle(&mut harness);

    harness.get_by_label("Your voice");
    harness.get_by_role_and_label(Role::Button, "Record step 2").click();
    harness.run_steps(2);
    assert!(mic.0.borrow().0, "recording");
    assert!(
        harness.query_by_label("Record step 1").is_none_or(|b| b.accesskit_node().is_disabled()),
        "one take at a time"
    );
    harness.get_by_role_and_label(Role::Button, "Stop recording").click();
    harness.run_steps(3);
    harness.get_by_role_and_label(Role::Button, "Listen to step 2").click();
    harness.run_steps(2);
    assert_eq!(spy.requests.borrow().clips, [48_001], "the take is played");

    // Again: the new take replaces the first.
    harness.get_by_role_and_label(Role::Button, "Record step 2 again").click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "Stop recording").click();
    harness.run_steps(3);
    harness.get_by_role_and_label(Role::Button, "Keep this take for step 2").click();
    common::settle(&mut harness);
    harness.run_steps(2);
    common::settle(&mut harness);

    let wav = dir.path().join("voice/my-voice-2.wav");
    let reader = hound::WavReader::open(&wav).expect("a WAV file next to the script");
    assert_eq!((reader.spec().sample_rate, reader.len()), (48_000, 48_002), "the second take");
    let text = std::fs::read_to_string(dir.path().join("body_scan/my-voice.ron")).expect("read");
    assert!(
        text.contains(
            "Step(region: Knees, secs: 30, prompt: \"Notice your knees.\", audio: \"voice/my-voice-2.wav\")"
        ),
        "the step points to it, and the script is saved:\n{text}"
    );
    harness.get_by_label_contains("Step 2 now plays your recording");
    // The saved recording can be listened to.
    harness.get_by_role_and_label(Role::Button, "Listen to step 2").click();
    common::settle(&mut harness);
    assert_eq!(spy.requests.borrow().clips, [48_001, 48_002]);
}
