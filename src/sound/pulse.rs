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

use super::output::{CueOutput, SoundStatus};
use crate::clock::Clock;
use unbrace_core::sound::clip::Clip;
use unbrace_core::sound::cue::{Cue, SoundSettings};
use unbrace_core::sound::mixer::{Mixer, to_s16le};
use unbrace_core::sound::score::Placed;
use unbrace_core::sound::synth::SAMPLE_RATE;
use unbrace_core::sound::timing::{FIRST_GUESS, Report, Timing};

/// Mono, 16 bits.
const BYTES_PER_SEC: u32 = SAMPLE_RATE * 2;

/// The latency asked of the server. Cues are placed by the timing map, not by when they are
/// written, so a longer buffer costs no accuracy; it only makes a pause or a skip reach the
/// ear this much later. Long enough that a busy machine never lets the stream run dry: the
/// server plays silence through an underrun and drops what arrives late, so a short tick
/// could be lost (seen with 40 ms and both cores loaded; none lost at 80 ms).
const TARGET_LATENCY: Duration = Duration::from_millis(80);
/// The server asks for samples in pieces of at least this.
const MIN_REQUEST: Duration = Duration::from_millis(20);

/// A practice begins this long after Start, picture and sound together: a new stream is
/// heard 20 to 40 ms after it opens (measured with both cores busy), and the first cue is
/// placed by the first guess of the timing map, so it lands within a few ms of the start.
const START_LEAD: Duration = Duration::from_millis(50);

/// How often the timing map is refreshed while sound plays (and soon after a start).
const REPORT_EVERY: Duration = Duration::from_millis(500);
const FIRST_REPORT_AFTER: Duration = Duration::from_millis(60);
/// The stream rests after this long with nothing to play.
const REST_AFTER: Duration = Duration::from_secs(2);

enum Message {
    Place(Option<Placed>),
    Settings(SoundSettings),
    Speaking(bool),
    ClipGain(f32),
    PlayClip(Option<Clip>),
    Preview,
    /// Find out whether a sound server can be reached (Settings is open), without playing.
    Probe,
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

/// The handle the app keeps: messages to the sound thread, its status, and the thread, so a
/// thread that died (a panic in the client) is said rather than shown as ready.
#[derive(Debug)]
pub struct PulseOutput {
    tx: mpsc::Sender<Message>,
    status: Arc<Mutex<SoundStatus>>,
    thread: std::thread::JoinHandle<()>,
}

/// What Settings says when the sound thread has stopped.
const THREAD_STOPPED: &str = "sound stopped working in this run; restart Unbrace to hear the cues again";

impl PulseOutput {
    /// Starts the sound thread. It connects when the first cue is due.
    pub fn start<C>(server: Server, clock: C, settings: SoundSettings) -> std::io::Result<Self>
    where
        C: Clock + Clone + Send + 'static,
    {
        let status = Arc::new(Mutex::new(SoundStatus::Waiting));
        let controller = Controller {
            server,
            clock,
            mixer: Arc::new(Mutex::new(Mixer::new(SAMPLE_RATE, settings))),
            status: Arc::clone(&status),
            link: None,
            idle_since: None,
            sink_latency: None,
        };
        Self::spawn(status, move |rx| controller.run(&rx))
    }

    /// Runs `body` on the sound thread with the receiving end of the messages.
    fn spawn(
        status: Arc<Mutex<SoundStatus>>,
        body: impl FnOnce(mpsc::Receiver<Message>) + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new().name("unbrace-sound".to_owned()).spawn(move || body(rx))?;
        Ok(Self { tx, status, thread })
    }

    fn send(&self, message: Message) {
        // The thread only ends early by dying; `status` then says so.
        if self.tx.send(message).is_err() {
            *lock(&self.status) = SoundStatus::Unavailable(THREAD_STOPPED.to_owned());
        }
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

    fn probe(&mut self) {
        self.send(Message::Probe);
    }

    fn status(&self) -> SoundStatus {
        if self.thread.is_finished() {
            return SoundStatus::Unavailable(THREAD_STOPPED.to_owned());
        }
        lock(&self.status).clone()
    }

    fn start_lead(&self) -> Duration {
        START_LEAD
    }

    fn set_speaking(&mut self, speaking: bool) {
        self.send(Message::Speaking(speaking));
    }

    fn set_clip_gain(&mut self, gain: f32) {
        self.send(Message::ClipGain(gain));
    }

    fn play_clip(&mut self, clip: Clip) {
        self.send(Message::PlayClip(Some(clip)));
    }

    fn stop_clip(&mut self) {
        self.send(Message::PlayClip(None));
    }
}

/// The connection and its stream.
struct Link {
    client: Client,
    /// A stream while sound plays; closed when it rests, so a new one starts empty (its
    /// positions from zero, its timing map fresh).
    stream: Option<Playing>,
}

/// A stream and the map of when its bytes are heard.
struct Playing {
    stream: PlaybackStream,
    timing: Arc<Mutex<Timing>>,
    next_report: Duration,
}

struct Controller<C> {
    server: Server,
    clock: C,
    mixer: Arc<Mutex<Mixer>>,
    status: Arc<Mutex<SoundStatus>>,
    link: Option<Link>,
    idle_since: Option<Duration>,
    /// The sound server's own latency, as last reported: how soon a new stream's first
    /// sample is heard.
    sink_latency: Option<Duration>,
}

impl<C: Clock + Clone + Send + 'static> Controller<C> {
    fn run(mut self, rx: &mpsc::Receiver<Message>) {
        loop {
            let playing = self.link.as_ref().and_then(|l| l.stream.as_ref());
            let message = if let Some(playing) = playing {
                match rx.recv_timeout(playing.next_report.saturating_sub(self.clock.now())) {
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
                Some(Message::Speaking(speaking)) => lock(&self.mixer).set_speaking(speaking),
                Some(Message::ClipGain(gain)) => lock(&self.mixer).set_clip_gain(gain),
                Some(Message::PlayClip(clip)) => {
                    let now = self.clock.now();
                    let playing = clip.is_some();
                    lock(&self.mixer).play_clip_at(now, clip);
                    if playing {
                        self.play();
                    }
                }
                // Already connected: the status says so.
                Some(Message::Probe) if self.link.is_some() => {}
                Some(Message::Probe) => match self.connect() {
                    Ok(client) => {
                        self.link = Some(Link { client, stream: None });
                        *lock(&self.status) = SoundStatus::Ready;
                    }
                    Err(why) => *lock(&self.status) = SoundStatus::Unavailable(why),
                },
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

    /// Makes sure a stream is playing: connects first if need be. A connection that died
    /// while resting (the sound server restarted, say) is made again once.
    fn play(&mut self) {
        self.idle_since = None;
        for _attempt in 0..2 {
            if self.link.is_none() {
                match self.connect() {
                    Ok(client) => self.link = Some(Link { client, stream: None }),
                    Err(why) => {
                        *lock(&self.status) = SoundStatus::Unavailable(why);
                        return;
                    }
                }
            }
            let Some(link) = &mut self.link else { return };
            if link.stream.is_some() {
                return;
            }
            let first_guess = self.sink_latency.unwrap_or(FIRST_GUESS);
            match open_stream(&link.client, &self.mixer, &self.clock, first_guess) {
                Ok(playing) => {
                    link.stream = Some(playing);
                    *lock(&self.status) = SoundStatus::Ready;
                    return;
                }
                Err(e) => self.lost(&e),
            }
        }
    }

    /// Refreshes the timing map when due; rests the stream when nothing is due.
    fn tend(&mut self) {
        let now = self.clock.now();
        let idle = lock(&self.mixer).is_idle();
        let Some(playing) = self.link.as_mut().and_then(|l| l.stream.as_mut()) else { return };
        if now >= playing.next_report {
            let asked = self.clock.now();
            match futures::executor::block_on(playing.stream.timing_info()) {
                Ok(info) if !info.playing => {
                    // Run dry (a stall) and waiting to refill: the map no longer holds. What is
                    // written next is heard about the server's latency after it is written.
                    lock(&playing.timing).reset();
                    playing.next_report = self.clock.now() + FIRST_REPORT_AFTER;
                }
                Ok(info) => {
                    let answered = self.clock.now();
                    let report =
                        Report { sink: Duration::from_micros(info.sink_usec), read_offset: info.read_offset };
                    lock(&playing.timing).update(report, asked, answered);
                    self.sink_latency = Some(report.sink);
                    playing.next_report = answered + REPORT_EVERY;
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
        if now.saturating_sub(since) >= REST_AFTER
            && let Some(link) = &mut self.link
            && let Some(playing) = link.stream.take()
            && let Err(e) = futures::executor::block_on(playing.stream.delete())
        {
            self.lost(&e);
        }
    }

    /// The server went away or refused: say so, and try again when sound is next needed.
    fn lost(&mut self, error: &ClientError) {
        self.link = None;
        *lock(&self.status) =
            SoundStatus::Unavailable(format!("the sound server stopped answering: {error}"));
    }

    fn connect(&self) -> Result<Client, String> {
        connect(&self.server)
    }
}

/// A client of the sound server, or why there is none (in words).
pub fn connect(server: &Server) -> Result<Client, String> {
    let socket = match server {
        Server::Desktop => pulseaudio::socket_path_from_env(),
        Server::Socket(path) => Some(path.clone()),
    }
    .ok_or_else(|| "no PulseAudio or PipeWire sound server was found".to_owned())?;
    let client = UnixStream::connect(&socket)
        .map_err(ClientError::from)
        .and_then(|stream| Client::new_unix(c"Unbrace", stream, Some(cookie())));
    client.map_err(|e| format!("the sound server at {} could not be reached: {e}", socket.display()))
}

/// Opens a stream that the server drives: each time it wants samples, the mixer fills the
/// buffer that will be heard next, at the time the stream's timing map gives.
fn open_stream<C>(
    client: &Client,
    mixer: &Arc<Mutex<Mixer>>,
    clock: &C,
    first_guess: Duration,
) -> Result<Playing, ClientError>
where
    C: Clock + Clone + Send + 'static,
{
    let timing = Arc::new(Mutex::new(Timing::new(BYTES_PER_SEC, first_guess)));
    let source = {
        let (mixer, timing, clock) = (Arc::clone(mixer), Arc::clone(&timing), clock.clone());
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
        futures::executor::block_on(client.create_playback_stream(params, source.as_playback_source()))?;
    Ok(Playing { stream, timing, next_report: clock.now() + FIRST_REPORT_AFTER })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sound_thread_that_died_is_said_not_shown_ready() {
        let status = Arc::new(Mutex::new(SoundStatus::Ready));
        // A thread that ends at once, as one that panicked in the sound client would.
        let mut output = PulseOutput::spawn(status, drop).expect("spawns");
        while !output.thread.is_finished() {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(output.status(), SoundStatus::Unavailable(THREAD_STOPPED.to_owned()));
        // Asking it to play does not panic, and still says why.
        output.place(None);
        output.preview();
        assert!(matches!(output.status(), SoundStatus::Unavailable(_)));
    }
}
