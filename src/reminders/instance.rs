//! One running copy per session. The first copy owns a name on the session bus; a second
//! launch (the menu's launcher while `--background` runs from autostart, or `--start NAME`)
//! asks the first to show its window (and start the routine) and ends, so reminders never come
//! twice. Without a session bus every copy runs on its own.

use std::sync::{Arc, Mutex, PoisonError};

use zbus::blocking::Connection;
use zbus::fdo::RequestNameReply;

use super::link::{Inbound, Outbox};

/// The name the running copy owns.
pub const NAME: &str = "org.unbrace.Unbrace";
const PATH: &str = "/org/unbrace/Unbrace";
const INTERFACE: &str = "org.unbrace.Unbrace1";

/// What claiming found.
#[derive(Debug)]
pub enum Claim {
    /// This is the first copy; keep the value while running (it holds the name).
    First(Instance),
    /// Another copy runs and was asked to show itself: this one should end.
    Forwarded,
    /// No session bus: run alone, as every copy does then.
    NoBus,
    /// A bus, but the name could not be had nor the running copy asked: run alone (why).
    Alone(String),
}

/// The name, held while this copy runs.
#[derive(Debug)]
pub struct Instance {
    _bus: Connection,
}

struct Launches {
    out: Arc<Mutex<Outbox>>,
}

#[zbus::interface(name = "org.unbrace.Unbrace1")]
impl Launches {
    /// Show the window; start the routine named `start` unless it is empty.
    fn open(&self, start: &str) {
        let start = (!start.is_empty()).then(|| start.to_owned());
        self.out.lock().unwrap_or_else(PoisonError::into_inner).send(Inbound::Launched { start });
    }
}

/// Claims the name, or hands this launch to the copy that has it. `start` is `--start`'s
/// routine; a `--background` launch (`open: false`) asks nothing of the running copy.
#[must_use]
pub fn claim(out: Outbox, start: Option<&str>, open: bool) -> Claim {
    let Ok(bus) = Connection::session() else {
        return Claim::NoBus;
    };
    let served = bus.object_server().at(PATH, Launches { out: Arc::new(Mutex::new(out)) });
    if let Err(e) = served {
        return Claim::Alone(format!("the session bus refused ({e})"));
    }
    match bus.request_name_with_flags(NAME, zbus::fdo::RequestNameFlags::DoNotQueue.into()) {
        Ok(RequestNameReply::PrimaryOwner | RequestNameReply::AlreadyOwner) => {
            Claim::First(Instance { _bus: bus })
        }
        // zbus answers "taken" as an error when asked not to queue.
        Ok(RequestNameReply::Exists | RequestNameReply::InQueue) | Err(zbus::Error::NameTaken) => {
            if !open {
                return Claim::Forwarded;
            }
            let asked = bus.call_method(Some(NAME), PATH, Some(INTERFACE), "Open", &(start.unwrap_or(""),));
            match asked {
                Ok(_) => Claim::Forwarded,
                Err(e) => Claim::Alone(format!("the copy already running did not answer ({e})")),
            }
        }
        Err(e) => Claim::Alone(format!("the session bus refused the name ({e})")),
    }
}
