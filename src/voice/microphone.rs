//! Recording a take from the microphone: a record stream on the sound server (the desktop's
//! default source), mono 16-bit at 48 kHz (the server converts), on a thread of its own, so
//! the UI never waits for the server. The app starts and stops a take and collects it when it
//! is finished; [`NoMicrophone`] stands in when there is no sound server (and in tests).

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use pulseaudio::protocol::stream::{BufferAttr, StreamFlags};
use pulseaudio::protocol::{ChannelMap, Prop, Props, RecordStreamParams, SampleFormat, SampleSpec};
use pulseaudio::{Client, RecordStream};

use crate::sound::pulse::{self, Server};

/// The rate takes are recorded at.
pub const RATE: u32 = 48_000;
/// A take stops by itself after this long.
pub const MAX_TAKE: Duration = Duration::from_secs(10 * 60);

/// How the microphone is doing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum MicState {
    #[default]
    Idle,
    /// Recording: how much so far.
    Recording(Duration),
    /// The last take could not be recorded: why, in words.
    Failed(String),
}

/// A microphone. Nothing here waits: each call is a message to its thread.
pub trait Microphone {
    /// Starts a new take (a take not yet collected is dropped).
    fn start(&mut self);
    /// Ends the take; it can then be collected with [`Self::take`].
    fn stop(&mut self);
    fn state(&self) -> MicState;
    /// The finished take, once: mono samples at [`RATE`].
    fn take(&mut self) -> Option<Vec<i16>>;
}

/// No microphone, and why (a take fails at once).
#[derive(Debug, Clone)]
pub struct NoMicrophone {
    pub reason: String,
    failed: bool,
}

impl NoMicrophone {
    #[must_use]
    pub fn new(reason: impl Into<String>) -> Self {
        Self { reason: reason.into(), failed: false }
    }
}

impl Microphone for NoMicrophone {
    fn start(&mut self) {
        self.failed = true;
    }
    fn stop(&mut self) {}
    fn state(&self) -> MicState {
        if self.failed { MicState::Failed(self.reason.clone()) } else { MicState::Idle }
    }
    fn take(&mut self) -> Option<Vec<i16>> {
        None
    }
}

enum Message {
    Start,
    Stop,
}

#[derive(Debug, Default)]
struct Shared {
    state: MicState,
    /// The take being recorded.
    samples: Vec<i16>,
    finished: Option<Vec<i16>>,
}

/// The real microphone: the sound server's default source.
#[derive(Debug)]
pub struct PulseMicrophone {
    tx: Sender<Message>,
    shared: Arc<Mutex<Shared>>,
}

impl PulseMicrophone {
    /// Starts the microphone's thread (it connects when the first take starts); `wake` asks
    /// for a frame when a take ends.
    pub fn start(server: Server, wake: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let thread_shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("unbrace-microphone".to_owned())
            .spawn(move || run(&server, &rx, &thread_shared, &wake))?;
        Ok(Self { tx, shared })
    }

    fn send(&self, message: Message) {
        if self.tx.send(message).is_err() {
            lock(&self.shared).state =
                MicState::Failed("the microphone stopped working in this run".to_owned());
        }
    }
}

impl Microphone for PulseMicrophone {
    fn start(&mut self) {
        let mut shared = lock(&self.shared);
        shared.finished = None;
        shared.samples.clear();
        shared.state = MicState::Recording(Duration::ZERO);
        drop(shared);
        self.send(Message::Start);
    }

    fn stop(&mut self) {
        self.send(Message::Stop);
    }

    fn state(&self) -> MicState {
        let shared = lock(&self.shared);
        match &shared.state {
            MicState::Recording(_) => MicState::Recording(length(shared.samples.len())),
            other => other.clone(),
        }
    }

    fn take(&mut self) -> Option<Vec<i16>> {
        lock(&self.shared).finished.take()
    }
}

fn run(server: &Server, rx: &Receiver<Message>, shared: &Arc<Mutex<Shared>>, wake: &dyn Fn()) {
    let mut client: Option<Client> = None;
    let mut stream: Option<RecordStream> = None;
    loop {
        // While recording, wake now and then to stop a take that reached its limit.
        let message = if stream.is_some() {
            match rx.recv_timeout(Duration::from_millis(200)) {
                Ok(message) => Some(message),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match rx.recv() {
                Ok(message) => Some(message),
                Err(_) => return,
            }
        };
        let full = length(lock(shared).samples.len()) >= MAX_TAKE;
        match message {
            Some(Message::Start) => {
                if let Some(old) = stream.take() {
                    let _ = futures::executor::block_on(old.delete());
                }
                match open(server, &mut client, shared) {
                    Ok(opened) => stream = Some(opened),
                    Err(why) => {
                        client = None;
                        lock(shared).state = MicState::Failed(why);
                        wake();
                    }
                }
            }
            Some(Message::Stop) => finish(&mut stream, shared, wake),
            None if full => finish(&mut stream, shared, wake),
            None => {}
        }
    }
}

/// Ends the take under way: what was heard becomes the finished take.
fn finish(stream: &mut Option<RecordStream>, shared: &Arc<Mutex<Shared>>, wake: &dyn Fn()) {
    if let Some(open) = stream.take() {
        let _ = futures::executor::block_on(open.delete());
    }
    let mut shared = lock(shared);
    if matches!(shared.state, MicState::Recording(_)) {
        let samples = std::mem::take(&mut shared.samples);
        shared.state = MicState::Idle;
        shared.finished = Some(samples);
    }
    drop(shared);
    wake();
}

/// Opens a record stream on the default source, connecting first if need be.
fn open(
    server: &Server,
    client: &mut Option<Client>,
    shared: &Arc<Mutex<Shared>>,
) -> Result<RecordStream, String> {
    if client.is_none() {
        *client = Some(pulse::connect(server)?);
    }
    let Some(connected) = client.as_ref() else { return Err("no sound server".to_owned()) };
    let mut props = Props::new();
    props.set(Prop::MediaName, c"Your voice for a body scan");
    props.set(Prop::MediaRole, c"production");
    let limit = usize::try_from(MAX_TAKE.as_secs() * u64::from(RATE)).unwrap_or(usize::MAX);
    let params = RecordStreamParams {
        sample_spec: SampleSpec { format: SampleFormat::S16Le, channels: 1, sample_rate: RATE },
        channel_map: ChannelMap::mono(),
        // About 20 ms a fragment, so a take ends where Stop was pressed.
        buffer_attr: BufferAttr {
            max_length: u32::MAX,
            fragment_size: RATE * 2 / 50,
            ..BufferAttr::default()
        },
        flags: StreamFlags::default(),
        props,
        ..RecordStreamParams::default()
    };
    let sink = {
        let shared = Arc::clone(shared);
        move |data: &[u8]| {
            let mut shared = lock(&shared);
            if matches!(shared.state, MicState::Recording(_)) && shared.samples.len() < limit {
                shared.samples.extend(data.chunks_exact(2).map(|b| i16::from_le_bytes([b[0], b[1]])));
            }
        }
    };
    futures::executor::block_on(connected.create_record_stream(params, sink))
        .map_err(|e| format!("the microphone could not be opened: {e}"))
}

fn length(samples: usize) -> Duration {
    let rate = usize::try_from(RATE).unwrap_or(usize::MAX);
    let nanos = (samples % rate) * 1_000_000_000 / rate;
    Duration::from_secs(u64::try_from(samples / rate).unwrap_or(u64::MAX))
        + Duration::from_nanos(u64::try_from(nanos).unwrap_or(0))
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
