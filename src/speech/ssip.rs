//! A small client for SSIP, the protocol of speech-dispatcher (the desktop's speech service,
//! which Orca uses), over its Unix socket, with std alone.
//!
//! SSIP is line based (CRLF): a command, then its reply, `ccc-data` lines and a final
//! `ccc text` line (2xx ok, 3xx-5xx errors). Events (7xx: begin, end, cancel of a message)
//! arrive on the same socket at any moment between replies. So a reader thread owns a clone of
//! the socket and routes each whole reply to the command side, in order, and each event to
//! the caller's channel, as it comes.
//!
//! Why not the `ssip-client-async` crate: its blocking client owns both directions of the
//! socket, so it cannot wait for "end" and send "cancel" at once, and in 0.19 it panics on an
//! index-mark event and on unknown codes, asks for a notification name the server refuses,
//! does not double a body line's leading dot, and finds the socket by `$XDG_RUNTIME_DIR`
//! alone. This is about 200 lines, and tested against a fake server below.

use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

/// One complete reply: `ccc-line`… then `ccc text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub code: u16,
    pub lines: Vec<String>,
    pub text: String,
}

/// What the server says about a message (by its id) as it is spoken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Begin(u64),
    End(u64),
    Cancel(u64),
    /// Paused, resumed, an index mark: not used here.
    Other(u64),
}

/// A voice the service offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthesisVoice {
    pub name: String,
    pub language: String,
    pub variant: String,
}

/// Where the service listens, as libspeechd finds it: `$SPEECHD_ADDRESS`
/// (`unix_socket:/path`), else `$XDG_RUNTIME_DIR/speech-dispatcher/speechd.sock` (the user
/// cache folder when that is unset). `None` for a TCP address, which is not supported.
#[must_use]
pub fn socket_path() -> Option<PathBuf> {
    if let Some(address) = std::env::var_os("SPEECHD_ADDRESS") {
        let address = address.to_string_lossy().into_owned();
        match address.split_once(':') {
            Some(("unix_socket", path)) if !path.is_empty() => return Some(PathBuf::from(path)),
            None if address == "unix_socket" || address.is_empty() => {}
            Some(("unix_socket", _)) => {}
            _ => return None,
        }
    }
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).or_else(|| {
        std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
    })?;
    Some(runtime.join("speech-dispatcher").join("speechd.sock"))
}

/// Why there is no speech.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreachable {
    /// speech-dispatcher is not installed.
    NotInstalled,
    /// It is installed but could not be started or reached: why.
    Failed(String),
}

/// Connects to the service at `path`; when nothing listens there, starts it the way desktop
/// clients do (`speech-dispatcher --spawn`, which returns once it listens), then connects.
pub fn connect_or_spawn(path: &Path) -> Result<UnixStream, Unreachable> {
    let first = match UnixStream::connect(path) {
        Ok(stream) => return Ok(stream),
        Err(e) => e,
    };
    let command = std::env::var_os("SPEECHD_CMD").unwrap_or_else(|| "speech-dispatcher".into());
    let output = Command::new(command)
        .args(["--spawn", "--communication-method", "unix_socket", "--socket-path"])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output();
    match output {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Unreachable::NotInstalled),
        Err(e) => Err(Unreachable::Failed(format!("speech-dispatcher could not be started: {e}"))),
        Ok(out) if out.status.success() => UnixStream::connect(path)
            .map_err(|e| Unreachable::Failed(format!("started, but {} did not answer: {e}", path.display()))),
        Ok(out) => {
            let said = String::from_utf8_lossy(&out.stderr);
            let last = said.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
            Err(Unreachable::Failed(format!("{first}; speech-dispatcher did not start: {last}")))
        }
    }
}

/// The command side of a connection; events go to the channel given to [`Ssip::new`].
#[derive(Debug)]
pub struct Ssip {
    out: UnixStream,
    replies: Receiver<io::Result<Reply>>,
    timeout: Duration,
}

impl Ssip {
    /// Starts the reader thread on a clone of `stream`; it sends each event through `events`
    /// (mapped by `to_message`) and ends when the socket closes.
    pub fn new<M: Send + 'static>(
        stream: UnixStream,
        events: mpsc::Sender<M>,
        to_message: fn(Event) -> M,
    ) -> io::Result<Self> {
        let input = BufReader::new(stream.try_clone()?);
        let (tx, replies) = mpsc::channel();
        std::thread::Builder::new()
            .name("unbrace-ssip".to_owned())
            .spawn(move || read_loop(input, &tx, &events, to_message))?;
        Ok(Self { out: stream, replies, timeout: Duration::from_secs(5) })
    }

    fn send_raw(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(text.as_bytes())?;
        self.out.flush()
    }

    /// Sends one command line and waits for its reply; 3xx to 5xx are errors.
    pub fn command(&mut self, line: &str) -> io::Result<Reply> {
        self.send_raw(&format!("{line}\r\n"))?;
        self.reply()
    }

    fn reply(&mut self) -> io::Result<Reply> {
        let reply = match self.replies.recv_timeout(self.timeout) {
            Ok(reply) => reply?,
            Err(RecvTimeoutError::Timeout) => {
                return Err(io::Error::new(io::ErrorKind::TimedOut, "speech-dispatcher did not answer"));
            }
            Err(RecvTimeoutError::Disconnected) => return Err(io::ErrorKind::BrokenPipe.into()),
        };
        if (300..700).contains(&reply.code) {
            return Err(io::Error::other(format!("speech-dispatcher said {} {}", reply.code, reply.text)));
        }
        Ok(reply)
    }

    /// Names the client, asks for begin, end and cancel events, and turns SSML on.
    pub fn hello(&mut self) -> io::Result<()> {
        self.command("SET self CLIENT_NAME user:unbrace:main")?;
        for kind in ["begin", "end", "cancel"] {
            self.command(&format!("SET self NOTIFICATION {kind} on"))?;
        }
        self.command("SET self SSML_MODE on").map(drop)
    }

    /// -100 to 100.
    pub fn set_rate(&mut self, rate: i8) -> io::Result<()> {
        self.command(&format!("SET self RATE {}", rate.clamp(-100, 100))).map(drop)
    }

    /// -100 to 100.
    pub fn set_volume(&mut self, volume: i8) -> io::Result<()> {
        self.command(&format!("SET self VOLUME {}", volume.clamp(-100, 100))).map(drop)
    }

    pub fn set_voice(&mut self, name: &str) -> io::Result<()> {
        if name.chars().any(char::is_control) {
            return Err(io::Error::other("a voice name with a line break"));
        }
        self.command(&format!("SET self SYNTHESIS_VOICE {name}")).map(drop)
    }

    /// The voices offered: `249-name\tlanguage\tvariant` lines.
    pub fn voices(&mut self) -> io::Result<Vec<SynthesisVoice>> {
        let reply = self.command("LIST SYNTHESIS_VOICES")?;
        Ok(reply
            .lines
            .iter()
            .map(|line| {
                let mut fields = line.split('\t').map(str::to_owned);
                SynthesisVoice {
                    name: fields.next().unwrap_or_default(),
                    language: fields.next().unwrap_or_default(),
                    variant: fields.next().unwrap_or_default(),
                }
            })
            .collect())
    }

    /// Speaks `text` (SSML when it is on); returns the message's id. A body line starting
    /// with `.` gets a second one, as SSIP asks, so no line ends the message early.
    pub fn speak(&mut self, text: &str) -> io::Result<u64> {
        self.command("SPEAK")?;
        let mut body = String::with_capacity(text.len() + 8);
        for line in text.lines() {
            if line.starts_with('.') {
                body.push('.');
            }
            body.push_str(line);
            body.push_str("\r\n");
        }
        body.push_str(".\r\n");
        self.send_raw(&body)?;
        let reply = self.reply()?;
        reply.lines.first().and_then(|id| id.parse().ok()).ok_or_else(|| io::Error::other("no message id"))
    }

    /// Silences the message being spoken and drops any queued (a cancel event follows).
    pub fn cancel(&mut self) -> io::Result<()> {
        self.command("CANCEL self").map(drop)
    }
}

impl Drop for Ssip {
    /// Says goodbye and closes the socket both ways, so the reader thread ends too.
    fn drop(&mut self) {
        let _ = self.send_raw("QUIT\r\n");
        let _ = self.out.shutdown(std::net::Shutdown::Both);
    }
}

fn read_loop<M>(
    mut input: BufReader<UnixStream>,
    replies: &mpsc::Sender<io::Result<Reply>>,
    events: &mpsc::Sender<M>,
    to_message: fn(Event) -> M,
) {
    let mut lines = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match input.read_until(b'\n', &mut buf) {
            Ok(0) => {
                // The command side hears of it on its next reply; nobody may be waiting.
                let _ = replies.send(Err(io::ErrorKind::UnexpectedEof.into()));
                return;
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let _ = replies.send(Err(e));
                return;
            }
        }
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\r', '\n']);
        let code = line.get(..3).and_then(|c| c.parse::<u16>().ok());
        let (Some(code), Some(separator)) = (code, line.as_bytes().get(3)) else {
            let bad = io::Error::new(io::ErrorKind::InvalidData, format!("not SSIP: {line:?}"));
            let _ = replies.send(Err(bad));
            return;
        };
        let rest = line.get(4..).unwrap_or("").to_owned();
        if *separator == b'-' {
            lines.push(rest);
            continue;
        }
        let reply = Reply { code, lines: std::mem::take(&mut lines), text: rest };
        if (700..800).contains(&code) {
            if let Some(event) = to_event(&reply)
                && events.send(to_message(event)).is_err()
            {
                return;
            }
        } else if replies.send(Ok(reply)).is_err() {
            return;
        }
    }
}

fn to_event(reply: &Reply) -> Option<Event> {
    let id = reply.lines.first()?.parse().ok()?;
    Some(match reply.code {
        701 => Event::Begin(id),
        702 => Event::End(id),
        703 => Event::Cancel(id),
        _ => Event::Other(id),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::os::unix::net::UnixListener;

    /// A fake speech-dispatcher on `path`: answers as the real one does, says each message
    /// begins and ends at once, and hands back every line it was sent.
    pub(crate) fn fake_server(path: &Path) -> std::thread::JoinHandle<Vec<String>> {
        let listener = UnixListener::bind(path).expect("binds");
        std::thread::Builder::new()
            .name("fake-ssip".to_owned())
            .spawn(move || {
                let (stream, _) = listener.accept().expect("accepts");
                let mut input = BufReader::new(stream.try_clone().expect("clones"));
                let mut out = stream;
                let mut seen = Vec::new();
                let (mut in_body, mut id) = (false, 0);
                let mut line = String::new();
                while input.read_line(&mut line).unwrap_or(0) > 0 {
                    let l = line.trim_end().to_owned();
                    line.clear();
                    seen.push(l.clone());
                    let reply: String = if in_body {
                        if l != "." {
                            continue;
                        }
                        in_body = false;
                        id += 1;
                        format!(
                            "225-{id}\r\n225 OK MESSAGE QUEUED\r\n701-{id}\r\n701-1\r\n701 BEGIN\r\n\
                             700-{id}\r\n700-1\r\n700-m\r\n700 INDEX MARK\r\n702-{id}\r\n702-1\r\n702 END\r\n"
                        )
                    } else {
                        match l.as_str() {
                            "SPEAK" => {
                                in_body = true;
                                "230 OK RECEIVING DATA\r\n".into()
                            }
                            "LIST SYNTHESIS_VOICES" => {
                                "249-en-us\ten-US\tnone\r\n249-de\tde\tnone\r\n249 OK VOICE LIST SENT\r\n"
                                    .into()
                            }
                            "SET self SYNTHESIS_VOICE nope" => "309 ERR COULDNT SET VOICE\r\n".into(),
                            "CANCEL self" => "213 OK CANCELED\r\n".into(),
                            "QUIT" => break,
                            l if l.starts_with("SET self") => "200 OK SET\r\n".into(),
                            _ => "500 ERR INVALID COMMAND\r\n".into(),
                        }
                    };
                    if out.write_all(reply.as_bytes()).is_err() {
                        break;
                    }
                }
                seen
            })
            .expect("spawns")
    }

    #[test]
    fn speaks_lists_voices_and_routes_events_against_a_fake_server() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("speechd.sock");
        let server = fake_server(&path);
        let (tx, rx) = mpsc::channel();
        let mut ssip = Ssip::new(connect_or_spawn(&path).expect("connects"), tx, |e| e).expect("starts");
        ssip.hello().expect("hello");
        ssip.set_rate(-30).expect("rate");
        let voices = ssip.voices().expect("voices");
        assert_eq!(
            voices[0],
            SynthesisVoice { name: "en-us".into(), language: "en-US".into(), variant: "none".into() }
        );
        assert!(ssip.set_voice("nope").expect_err("refused").to_string().contains("309"));
        let id = ssip.speak("<speak>Notice.</speak>\n.a line with a dot").expect("speaks");
        assert_eq!(id, 1);
        let events: Vec<Event> = (0..3).map(|_| rx.recv().expect("event")).collect();
        assert_eq!(events, [Event::Begin(1), Event::Other(1), Event::End(1)]);
        ssip.cancel().expect("cancels");
        ssip.command("QUIT").expect_err("the fake hangs up");
        let seen = server.join().expect("server");
        assert!(seen.contains(&"..a line with a dot".to_owned()), "{seen:?}");
        assert!(seen.contains(&"SET self NOTIFICATION end on".to_owned()));
    }
}
