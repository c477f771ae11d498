//! The real speech: speech-dispatcher over SSIP, driven from a thread of its own, so the UI
//! never waits on it (connecting may start the service, which takes a moment).
//!
//! The thread connects when speech is first needed (or Settings asks), starting the service
//! when it is installed but not running. Each utterance is sent as SSML (pauses between the
//! prompt's lines); the service's begin, end and cancel events come back by the app's own
//! ids. No service: the status says why, and every utterance is answered as stopped, so the
//! practice never waits for it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use super::ssip::{self, Event, Ssip, Unreachable};
use super::{Speech, SpeechEvent, SpeechStatus, Voice};
use unbrace_core::speech::settings::VoiceSettings;
use unbrace_core::speech::utterance::Utterance;

/// What the app is told when speech-dispatcher is not installed.
pub const NOT_INSTALLED: &str = "no speech service is installed (on Debian or Ubuntu: sudo apt install \
                                 speech-dispatcher speech-dispatcher-espeak-ng)";

enum Message {
    Say(u64, String),
    Stop,
    Settings(VoiceSettings),
    Probe,
    /// From the connection's reader thread.
    Event(Event),
    /// The app is done with speech.
    Quit,
}

/// What the thread shares with the app.
#[derive(Debug, Default)]
struct Shared {
    status: SpeechStatus,
    voices: Vec<Voice>,
    events: Vec<SpeechEvent>,
}

/// The handle the app keeps.
#[derive(Debug)]
pub struct DispatcherSpeech {
    tx: Sender<Message>,
    shared: Arc<Mutex<Shared>>,
    thread: JoinHandle<()>,
}

impl DispatcherSpeech {
    /// Starts the speech thread. `socket` is where the service listens (`None`: where the
    /// desktop's does); `wake` is called when something happened (to ask for a frame).
    pub fn start(socket: Option<PathBuf>, wake: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let worker = Worker {
            socket,
            to_self: tx.clone(),
            shared: Arc::clone(&shared),
            link: None,
            settings: None,
            ids: HashMap::new(),
            failed: false,
            wake: Box::new(wake),
        };
        let thread =
            std::thread::Builder::new().name("unbrace-speech".to_owned()).spawn(move || worker.run(&rx))?;
        Ok(Self { tx, shared, thread })
    }

    fn send(&self, message: Message) {
        if self.tx.send(message).is_err() {
            lock(&self.shared).status = SpeechStatus::Unavailable(STOPPED.to_owned());
        }
    }
}

impl Drop for DispatcherSpeech {
    fn drop(&mut self) {
        // The thread holds a sender of its own (for its reader), so it is told to end.
        let _ = self.tx.send(Message::Quit);
    }
}

const STOPPED: &str = "speech stopped working in this run; restart Unbrace to hear the prompts again";

impl Speech for DispatcherSpeech {
    fn say(&mut self, id: u64, utterance: &Utterance) {
        if self.thread.is_finished() {
            lock(&self.shared).events.push(SpeechEvent::Stopped(id));
        }
        self.send(Message::Say(id, utterance.ssml()));
    }

    fn stop(&mut self) {
        self.send(Message::Stop);
    }

    fn set_settings(&mut self, settings: &VoiceSettings) {
        self.send(Message::Settings(settings.clone()));
    }

    fn events(&mut self) -> Vec<SpeechEvent> {
        std::mem::take(&mut lock(&self.shared).events)
    }

    fn status(&self) -> SpeechStatus {
        if self.thread.is_finished() {
            return SpeechStatus::Unavailable(STOPPED.to_owned());
        }
        lock(&self.shared).status.clone()
    }

    fn voices(&self) -> Vec<Voice> {
        lock(&self.shared).voices.clone()
    }

    fn probe(&mut self) {
        self.send(Message::Probe);
    }
}

struct Worker {
    socket: Option<PathBuf>,
    /// For the connection's reader thread, which sends its events here.
    to_self: Sender<Message>,
    shared: Arc<Mutex<Shared>>,
    link: Option<Ssip>,
    settings: Option<VoiceSettings>,
    /// The service's message ids, to the app's.
    ids: HashMap<u64, u64>,
    /// The last attempt to connect failed: try again only when Settings asks.
    failed: bool,
    wake: Box<dyn Fn() + Send>,
}

impl Worker {
    fn run(mut self, rx: &Receiver<Message>) {
        for message in rx {
            match message {
                Message::Probe => {
                    self.failed = false;
                    let _ = self.connected();
                }
                Message::Settings(settings) => {
                    self.settings = Some(settings);
                    if self.link.is_some() {
                        self.apply_settings();
                    }
                }
                Message::Say(id, ssml) => self.say(id, &ssml),
                Message::Stop => {
                    if let Some(link) = &mut self.link
                        && let Err(e) = link.cancel()
                    {
                        self.lost(&e.to_string());
                    }
                }
                Message::Event(event) => self.event(event),
                Message::Quit => return,
            }
        }
    }

    fn say(&mut self, id: u64, ssml: &str) {
        for _attempt in 0..2 {
            if !self.connected() {
                break;
            }
            let Some(link) = &mut self.link else { break };
            match link.speak(ssml) {
                Ok(message) => {
                    self.ids.insert(message, id);
                    return;
                }
                // The service went away (restarted, say): connect once more.
                Err(e) => self.lost(&e.to_string()),
            }
        }
        self.push(SpeechEvent::Stopped(id));
    }

    fn event(&mut self, event: Event) {
        let (message, done) = match event {
            Event::Begin(m) => (m, None),
            Event::End(m) => (m, Some(true)),
            Event::Cancel(m) => (m, Some(false)),
            Event::Other(_) => return,
        };
        let Some(&id) = self.ids.get(&message) else { return };
        let said = match done {
            None => SpeechEvent::Started(id),
            Some(finished) => {
                self.ids.remove(&message);
                if finished { SpeechEvent::Finished(id) } else { SpeechEvent::Stopped(id) }
            }
        };
        self.push(said);
    }

    fn push(&self, event: SpeechEvent) {
        lock(&self.shared).events.push(event);
        (self.wake)();
    }

    /// Connected now (connecting, and starting the service, if need be)?
    fn connected(&mut self) -> bool {
        if self.link.is_some() {
            return true;
        }
        if self.failed {
            return false;
        }
        match self.connect() {
            Ok(link) => {
                self.link = Some(link);
                self.apply_settings();
                lock(&self.shared).status = SpeechStatus::Ready;
                (self.wake)();
                true
            }
            Err(why) => {
                self.failed = true;
                lock(&self.shared).status = SpeechStatus::Unavailable(why);
                (self.wake)();
                false
            }
        }
    }

    fn connect(&mut self) -> Result<Ssip, String> {
        let path = self.socket.clone().or_else(ssip::socket_path).ok_or_else(|| {
            "speech-dispatcher is set to listen on a network port ($SPEECHD_ADDRESS), which Unbrace does \
             not use"
                .to_owned()
        })?;
        let stream = ssip::connect_or_spawn(&path).map_err(|e| match e {
            Unreachable::NotInstalled => NOT_INSTALLED.to_owned(),
            Unreachable::Failed(why) => why,
        })?;
        let mut link = Ssip::new(stream, self.to_self.clone(), Message::Event).map_err(|e| e.to_string())?;
        link.hello().map_err(|e| format!("speech-dispatcher did not take the settings: {e}"))?;
        let voices = link.voices().unwrap_or_default();
        lock(&self.shared).voices =
            voices.into_iter().map(|v| Voice { name: v.name, language: v.language }).collect();
        Ok(link)
    }

    fn apply_settings(&mut self) {
        let (Some(link), Some(settings)) = (&mut self.link, &self.settings) else { return };
        let applied = link
            .set_rate(settings.rate())
            .and_then(|()| link.set_volume(settings.service_volume()))
            // A voice no longer offered keeps the service's default: not worth a message.
            .map(|()| settings.voice.as_deref().map(|name| link.set_voice(name)));
        if let Err(e) = applied {
            self.lost(&e.to_string());
        }
    }

    fn lost(&mut self, why: &str) {
        self.link = None;
        self.ids.clear();
        lock(&self.shared).status =
            SpeechStatus::Unavailable(format!("speech-dispatcher stopped answering: {why}"));
    }
}

/// A lock that outlives a panic elsewhere.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait_for(speech: &mut DispatcherSpeech, count: usize) -> Vec<SpeechEvent> {
        let mut events = Vec::new();
        for _ in 0..500 {
            events.extend(speech.events());
            if events.len() >= count {
                return events;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        panic!("only {events:?}");
    }

    #[test]
    fn says_prompts_and_reports_them_by_the_apps_ids_against_a_fake_service() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("speechd.sock");
        let server = super::super::ssip::tests::fake_server(&path);
        let mut speech = DispatcherSpeech::start(Some(path), || {}).expect("starts");
        speech.set_settings(&VoiceSettings { voice: Some("de".to_owned()), ..VoiceSettings::default() });
        let prompt = Utterance::of_prompt("Notice your back.\nLet it soften.", &VoiceSettings::default());
        speech.say(7, &prompt);
        assert_eq!(wait_for(&mut speech, 2), [SpeechEvent::Started(7), SpeechEvent::Finished(7)]);
        assert_eq!(speech.status(), SpeechStatus::Ready);
        assert_eq!(speech.voices().len(), 2);
        speech.stop();
        drop(speech);
        let seen = server.join().expect("the fake");
        assert!(seen.contains(&"SET self RATE -30".to_owned()), "{seen:?}");
        assert!(seen.contains(&"SET self SYNTHESIS_VOICE de".to_owned()), "{seen:?}");
        assert!(
            seen.contains(
                &"<speak>Notice your back.<break time=\"1200ms\"/>Let it soften.</speak>".to_owned()
            ),
            "{seen:?}"
        );
        assert!(seen.contains(&"CANCEL self".to_owned()));
    }
}
