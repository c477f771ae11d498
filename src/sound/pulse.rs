//! The real sound output: a `PulseAudio` client (the pure-Rust `pulseaudio` crate, which
//! speaks the protocol itself, so building needs no system package; `PipeWire` desktops
//! serve the same protocol) driven from its own thread.
//!
//! The UI thread only sends messages; it never waits on sound. The controller thread
//! connects when sound is first needed, keeps the stream's timing map fresh and rests the
//! stream when nothing is due. The server pulls samples through a callback on the client's
//! own thread, which asks the [`Mixer`] for the buffer that will be heard next, at the clock
//! time the [`Timing`] map gives for it. No server: the status says so, and the practice
//! carries on silently; the next practice tries again.

use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use pulseaudio::protocol::stream::{BufferAttr, StreamFlags};
use pulseaudio::protocol::{ChannelMap, PlaybackStreamParams, Prop, Props, SampleFormat, SampleSpec};
use pulseaudio::{AsPlaybackSource, Client, ClientError, PlaybackStream};

use super::cue::{Cue, SoundSettings};
use super::mixer::{Mixer, to_s16le};
use super::output::{CueOutput, SoundStatus};
use super::score::Placed;
use super::synth::SAMPLE_RATE;
use super::timing::{Report, Timing};
use crate::clock::Clock;

/// Mono, 16 bits.
const BYTES_PER_SEC: u32 = SAMPLE_RATE * 2;

/// The latency asked of the server: short, so a cue placed just ahead of its moment is
/// heard on time, and long enough not to run dry on a busy machine.
const TARGET_LATENCY: Duration = Duration::from_millis(40);
/// The server asks for samples in pieces of at least this.
const MIN_REQUEST: Duration = Duration::from_millis(10);

/// How often the timing map is refreshed while sound plays (and soon after a start).
const REPORT_EVERY: Duration = Duration::from_millis(500);
const FIRST_REPORT_AFTER: Duration = Duration::from_millis(60);
/// The stream rests after this long with nothing to play.
const REST_AFTER: Duration = Duration::from_secs(2);

enum Message {
    Place(Option<Placed>),
    Settings(SoundSettings),
    Preview,
}

/// Which sound server to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Server {
    /// The desktop's, found as every `PulseAudio` client finds it (`$PULSE_SERVER`,
    /// `$XDG_RUNTIME_DIR/pulse/native`).
    Desktop,
    /// The server listening on this socket (tests start their own).
    Socket(PathBuf),
}

/// The handle the app keeps: messages to the sound thread, and its status.
#[derive(Debug)]
pub struct PulseOutput {
    tx: mpsc::Sender<Message>,
    status: Arc<Mutex<SoundStatus>>,
}

impl PulseOutput {
    /// Starts the sound thread. It connects when the first cue is due.
    pub fn start<C>(server: Server, clock: C, settings: SoundSettings) -> std::io::Result<Self>
    where
        C: Clock + Clone + Send + 'static,
    {
        let (tx, rx) = mpsc::channel();
        let status = Arc::new(Mutex::new(SoundStatus::Waiting));
        let controller = Controller {
            server,
            clock,
            mixer: Arc::new(Mutex::new(Mixer::new(SAMPLE_RATE, settings))),
            status: Arc::clone(&status),
            link: None,
            idle_since: None,
        };
        std::thread::Builder::new().name("unbrace-sound".to_owned()).spawn(move || controller.run(&rx))?;
        Ok(Self { tx, status })
    }

    fn send(&self, message: Message) {
        // The thread only ends when this handle is dropped.
        let _ = self.tx.send(message);
    }
}

impl CueOutput for PulseOutput {
    fn place(&mut self, placed: Option<Placed>) {
        self.send(Message::Place(placed));
    }

    fn set_settings(&mut self, settings: SoundSettings) {
        self.send(Message::Settings(settings));
    }

    fn preview(&mut self) {
        self.send(Message::Preview);
    }

    fn status(&self) -> SoundStatus {
        lock(&self.status).clone()
    }
}

/// The connection and its stream.
struct Link {
    /// Kept so the connection stays open.
    _client: Client,
    stream: PlaybackStream,
    timing: Arc<Mutex<Timing>>,
    playing: bool,
    next_report: Duration,
}

struct Controller<C> {
    server: Server,
    clock: C,
    mixer: Arc<Mutex<Mixer>>,
    status: Arc<Mutex<SoundStatus>>,
    link: Option<Link>,
    idle_since: Option<Duration>,
}

impl<C: Clock + Clone + Send + 'static> Controller<C> {
    fn run(mut self, rx: &mpsc::Receiver<Message>) {
        loop {
            let playing = self.link.as_ref().filter(|l| l.playing);
            let message = if let Some(link) = playing {
                match rx.recv_timeout(link.next_report.saturating_sub(self.clock.now())) {
                    Ok(message) => Some(message),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            } else {
                match rx.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return,
                }
            };
            match message {
                Some(Message::Place(placed)) => {
                    let wanted = placed.is_some();
                    lock(&self.mixer).place(placed);
                    if wanted {
                        self.play();
                    }
                }
                Some(Message::Settings(settings)) => lock(&self.mixer).set_settings(settings),
                Some(Message::Preview) => {
                    let now = self.clock.now();
                    let mut mixer = lock(&self.mixer);
                    mixer.play_at(now, Cue::Inhale);
                    mixer.play_at(now + Duration::from_millis(1300), Cue::Exhale);
                    drop(mixer);
                    self.play();
                }
                None => {}
            }
            self.tend();
        }
    }

    /// Makes sure the stream is playing: connects first if need be.
    fn play(&mut self) {
        if self.link.is_none() {
            match self.connect() {
                Ok(link) => {
                    self.link = Some(link);
                    *lock(&self.status) = SoundStatus::Ready;
                }
                Err(why) => {
                    *lock(&self.status) = SoundStatus::Unavailable(why);
                    return;
                }
            }
        }
        let now = self.clock.now();
        let Some(link) = &mut self.link else { return };
        self.idle_since = None;
        if !link.playing {
            lock(&link.timing).reset();
            if let Err(e) = futures::executor::block_on(link.stream.uncork()) {
                self.lost(&e);
                return;
            }
            link.playing = true;
        }
        link.next_report = link.next_report.min(now + FIRST_REPORT_AFTER);
    }

    /// Refreshes the timing map when due; rests the stream when nothing is due.
    fn tend(&mut self) {
        let now = self.clock.now();
        let idle = lock(&self.mixer).is_idle();
        let Some(link) = self.link.as_mut().filter(|l| l.playing) else { return };
        if now >= link.next_report {
            let asked = self.clock.now();
            match futures::executor::block_on(link.stream.timing_info()) {
                Ok(info) => {
                    let answered = self.clock.now();
                    let report =
                        Report { sink: Duration::from_micros(info.sink_usec), read_offset: info.read_offset };
                    lock(&link.timing).update(report, asked, answered);
                    link.next_report = answered + REPORT_EVERY;
                }
                Err(e) => {
                    self.lost(&e);
                    return;
                }
            }
        }
        if !idle {
            self.idle_since = None;
            return;
        }
        let since = *self.idle_since.get_or_insert(now);
        if now.saturating_sub(since) >= REST_AFTER {
            match futures::executor::block_on(link.stream.cork()) {
                Ok(()) => link.playing = false,
                Err(e) => self.lost(&e),
            }
        }
    }

    /// The server went away: say so, and try again when sound is next needed.
    fn lost(&mut self, error: &ClientError) {
        self.link = None;
        *lock(&self.status) = SoundStatus::Unavailable(format!(
            "The sound server stopped answering ({error}); cues are silent."
        ));
    }

    fn connect(&self) -> Result<Link, String> {
        let socket = match &self.server {
            Server::Desktop => pulseaudio::socket_path_from_env(),
            Server::Socket(path) => Some(path.clone()),
        }
        .ok_or_else(|| {
            "No sound server (PulseAudio or PipeWire) was found, so the cues are silent.".to_owned()
        })?;
        let client = UnixStream::connect(&socket)
            .map_err(ClientError::from)
            .and_then(|stream| Client::new_unix(c"Unbrace", stream, Some(cookie())));
        let client = client
            .map_err(|e| format!("The sound server could not be reached ({e}), so the cues are silent."))?;
        let timing = Arc::new(Mutex::new(Timing::new(BYTES_PER_SEC)));
        let source = {
            let (mixer, timing, clock) = (Arc::clone(&self.mixer), Arc::clone(&timing), self.clock.clone());
            let mut samples = Vec::new();
            let mut written: i64 = 0;
            move |bytes: &mut [u8]| {
                let frames = bytes.len() / 2;
                if frames == 0 {
                    // Never a zero return: that would end the stream.
                    bytes.fill(0);
                    return bytes.len();
                }
                let heard_at = lock(&timing).heard_at(written, clock.now());
                samples.resize(frames, 0.0);
                lock(&mixer).fill(&mut samples, heard_at);
                to_s16le(&samples, &mut bytes[..frames * 2]);
                written += i64::try_from(frames * 2).unwrap_or(0);
                frames * 2
            }
        };
        let mut props = Props::new();
        props.set(Prop::MediaName, c"Breathing cues");
        props.set(Prop::MediaRole, c"event");
        let params = PlaybackStreamParams {
            sample_spec: SampleSpec { format: SampleFormat::S16Le, channels: 1, sample_rate: SAMPLE_RATE },
            channel_map: ChannelMap::mono(),
            buffer_attr: BufferAttr {
                target_length: bytes_for(TARGET_LATENCY),
                minimum_request_length: bytes_for(MIN_REQUEST),
                ..BufferAttr::default()
            },
            flags: StreamFlags { adjust_latency: true, ..StreamFlags::default() },
            props,
            ..PlaybackStreamParams::default()
        };
        let stream =
            futures::executor::block_on(client.create_playback_stream(params, source.as_playback_source()))
                .map_err(|e| format!("The sound server refused a stream ({e}), so the cues are silent."))?;
        Ok(Link {
            _client: client,
            stream,
            timing,
            playing: true,
            next_report: self.clock.now() + FIRST_REPORT_AFTER,
        })
    }
}

/// The server's cookie, or none: a server that allows anonymous clients still wants the
/// cookie's 256 bytes, so none is sent as zeros.
fn cookie() -> Vec<u8> {
    pulseaudio::cookie_path_from_env()
        .and_then(|path| std::fs::read(path).ok())
        .filter(|cookie| !cookie.is_empty())
        .unwrap_or_else(|| vec![0; 256])
}

fn bytes_for(d: Duration) -> u32 {
    u32::try_from(d.as_micros() * u128::from(BYTES_PER_SEC) / 1_000_000).unwrap_or(u32::MAX)
}

/// A lock that outlives a panic elsewhere: sound is never worth a second panic.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
