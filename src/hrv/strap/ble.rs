//! The strap's thread on Linux: btleplug, which talks to BlueZ over the system D-Bus.
//!
//! One task on a single-threaded tokio runtime holds everything: the requests from the app
//! (search, use this strap), BlueZ's events (devices seen, a link dropped), the strap's
//! notifications and the reconnect timer, and waits on whichever comes first. Reports go back
//! over a channel, each followed by `wake` (a frame for the UI).
//!
//! After every (re)connection the services are discovered and the heart-rate measurement
//! subscribed again: BlueZ ends notification sessions with the link, and btleplug only
//! passes on values of the characteristics found by the last discovery.

use std::collections::HashMap;
use std::sync::mpsc;
use std::time::Duration;

use btleplug::api::{
    Central, CentralEvent, CharPropFlags, Characteristic, Manager as _, Peripheral as _, ScanFilter,
    ValueNotification,
};
use btleplug::platform::{Adapter, Manager, Peripheral, PeripheralId};
use futures::stream::{Stream, StreamExt};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use unbrace_core::settings::StrapChoice;

use super::advert::{self, Advert, HEART_RATE_SERVICE};
use super::reconnect::Reconnect;
use super::{Stamp, battery_of, beats_of};
use crate::hrv::source::{FoundStrap, RrSource, SourceEvent, SourceRequest, SourceStatus};

const HEART_RATE_MEASUREMENT: u16 = 0x2A37;
const BATTERY_SERVICE: u16 = 0x180F;
const BATTERY_LEVEL: u16 = 0x2A19;
/// Connecting, finding the services and subscribing, all together, give up after this.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(20);
/// A strap sends a notification about once a second: this long without one is a lost link,
/// whether or not BlueZ has noticed.
const SILENT_FOR: Duration = Duration::from_secs(15);
/// Letting go of the strap when the app closes waits at most this long.
const LET_GO_TIMEOUT: Duration = Duration::from_secs(2);

type Notifications = std::pin::Pin<Box<dyn Stream<Item = ValueNotification> + Send>>;
type Events = std::pin::Pin<Box<dyn Stream<Item = CentralEvent> + Send>>;

fn uuid(short: u16) -> uuid::Uuid {
    uuid::Uuid::from_u128(advert::uuid_of(short))
}

/// The strap source: requests go to its thread, reports come back.
#[derive(Debug)]
pub struct StrapSource {
    requests: Option<UnboundedSender<SourceRequest>>,
    reports: mpsc::Receiver<SourceEvent>,
    /// Closed when the thread has ended.
    ended: mpsc::Receiver<()>,
}

impl StrapSource {
    /// Starts the thread. It touches nothing until the first request.
    pub fn start(stamp: Stamp, wake: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        let (requests, inbox) = unbounded_channel();
        let (outbox, reports) = mpsc::channel();
        let (ended_tx, ended) = mpsc::channel::<()>();
        std::thread::Builder::new().name("unbrace-strap".to_owned()).spawn(move || {
            let report = Report { outbox, wake: Box::new(wake) };
            match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => runtime.block_on(Strap::new(inbox, report, stamp).run()),
                Err(e) => {
                    report.send(SourceEvent::Status(SourceStatus::NoBluetooth(format!(
                        "the Bluetooth thread could not start: {e}"
                    ))));
                }
            }
            drop(ended_tx);
        })?;
        Ok(Self { requests: Some(requests), reports, ended })
    }
}

impl RrSource for StrapSource {
    fn poll(&mut self, _now: Duration) -> Vec<SourceEvent> {
        self.reports.try_iter().collect()
    }

    fn request(&mut self, request: SourceRequest) {
        // A thread that has ended has said why (its last status); nothing more to do.
        if let Some(requests) = &self.requests
            && requests.send(request).is_err()
        {
            self.requests = None;
        }
    }
}

impl Drop for StrapSource {
    fn drop(&mut self) {
        // Closing the requests ends the thread once it has let go of the strap (so the strap
        // stops sending); a BlueZ that does not answer is not waited for.
        self.requests = None;
        let _ = self.ended.recv_timeout(LET_GO_TIMEOUT + Duration::from_secs(1));
    }
}

/// Sends reports to the app, waking it for news it may show at once (a status, a strap
/// found). Beats are not worth a frame of their own: they carry their arrival time, and the
/// app takes them in on its next frame (many a second while the heart is on screen).
struct Report {
    outbox: mpsc::Sender<SourceEvent>,
    wake: Box<dyn Fn() + Send>,
}

impl Report {
    fn send(&self, event: SourceEvent) {
        let news = !matches!(event, SourceEvent::Beats { .. });
        // The app has gone when this fails; the thread ends with the closed request channel.
        if self.outbox.send(event).is_ok() && news {
            (self.wake)();
        }
    }
}

/// Why a connection ended.
enum Ended {
    /// The link dropped (or went silent): try again.
    Lost,
    /// The user chose another strap, none, or the app closed.
    LetGo,
    /// Bluetooth itself went away.
    NoBluetooth(String),
}

/// An open connection.
struct Link {
    peripheral: Peripheral,
    notifications: Notifications,
    battery_percent: Option<u8>,
}

/// The strap task's state.
#[expect(clippy::struct_excessive_bools, reason = "independent facts about the radio, each yes or no")]
struct Strap {
    requests: UnboundedReceiver<SourceRequest>,
    report: Report,
    stamp: Stamp,
    wanted: Option<StrapChoice>,
    searching: bool,
    scanning: bool,
    reconnect: Reconnect,
    /// The wanted strap has been connected since it was chosen: a drop is "lost".
    was_connected: bool,
    /// Straps reported while searching, by address, with the name given.
    offered: HashMap<String, String>,
    said: Option<SourceStatus>,
    closed: bool,
}

impl Strap {
    fn new(requests: UnboundedReceiver<SourceRequest>, report: Report, stamp: Stamp) -> Self {
        let now = stamp();
        Self {
            requests,
            report,
            stamp,
            wanted: None,
            searching: false,
            scanning: false,
            reconnect: Reconnect::new(now),
            was_connected: false,
            offered: HashMap::new(),
            said: None,
            closed: false,
        }
    }

    fn now(&self) -> Duration {
        (self.stamp)()
    }

    async fn run(mut self) {
        // Nothing is touched until something is asked.
        let first = self.requests.recv().await;
        self.take(first);
        if self.closed {
            return;
        }
        let (adapter, mut events) = match open_adapter().await {
            Ok(opened) => opened,
            Err(why) => return self.without_bluetooth(why).await,
        };
        while !self.closed {
            self.sync_scan(&adapter).await;
            self.say_waiting();
            let wait = if self.wanted.is_some() { self.reconnect.wait(self.now()) } else { None };
            tokio::select! {
                request = self.requests.recv() => self.take(request),
                event = events.next() => match event {
                    Some(event) => self.on_event(&adapter, event).await,
                    None => return self.without_bluetooth("the Bluetooth service stopped".to_owned()).await,
                },
                () = sleep_for(wait) => {
                    if let Some(choice) = self.wanted.clone() {
                        match self.attempt(&adapter, &mut events, &choice).await {
                            Ended::Lost | Ended::LetGo => {}
                            Ended::NoBluetooth(why) => return self.without_bluetooth(why).await,
                        }
                    }
                }
            }
        }
        if self.scanning {
            let _ = adapter.stop_scan().await;
        }
    }

    /// Takes in a request (`None`: the app closed).
    fn take(&mut self, request: Option<SourceRequest>) {
        match request {
            None => self.closed = true,
            Some(SourceRequest::Search(on)) => {
                if on && !self.searching {
                    self.offered.clear();
                }
                self.searching = on;
            }
            Some(SourceRequest::Use(choice)) => {
                let same = match (&self.wanted, &choice) {
                    (Some(a), Some(b)) => a.address.eq_ignore_ascii_case(&b.address),
                    (None, None) => true,
                    _ => false,
                };
                if !same {
                    self.wanted = choice;
                    self.reconnect = Reconnect::new(self.now());
                    self.was_connected = false;
                }
            }
        }
    }

    /// Without Bluetooth, says so whenever asked, until the app closes.
    async fn without_bluetooth(mut self, why: String) {
        let status = SourceStatus::NoBluetooth(why);
        self.say(status.clone());
        while let Some(request) = self.requests.recv().await {
            self.take(Some(request));
            let asked = self.searching || self.wanted.is_some();
            self.said = None;
            self.say(if asked { status.clone() } else { SourceStatus::Idle });
        }
    }

    fn say(&mut self, status: SourceStatus) {
        if self.said.as_ref() != Some(&status) {
            self.said = Some(status.clone());
            self.report.send(SourceEvent::Status(status));
        }
    }

    /// The status while not connected.
    fn say_waiting(&mut self) {
        let status = match &self.wanted {
            Some(choice) if self.was_connected => SourceStatus::Lost { name: choice.name.clone() },
            Some(_) => SourceStatus::Searching,
            None if self.searching => SourceStatus::Searching,
            None => SourceStatus::Idle,
        };
        self.say(status);
    }

    /// Scans while searching, or while the wanted strap is not connected (so BlueZ sees it
    /// when it comes back into range).
    async fn sync_scan(&mut self, adapter: &Adapter) {
        self.scan(adapter, self.searching || self.wanted.is_some()).await;
    }

    async fn scan(&mut self, adapter: &Adapter, on: bool) {
        if on == self.scanning {
            return;
        }
        let done = if on {
            adapter.start_scan(ScanFilter { services: vec![uuid(HEART_RATE_SERVICE)] }).await
        } else {
            adapter.stop_scan().await
        };
        match done {
            Ok(()) => {
                self.scanning = on;
                if on && self.searching {
                    // Straps Bluetooth already knows (paired, seen lately) are offered too.
                    if let Ok(known) = adapter.peripherals().await {
                        for peripheral in known {
                            self.offer(&peripheral).await;
                        }
                    }
                }
            }
            // Tried again on the next turn; connecting to a known strap works without a scan.
            Err(e) => {
                if on {
                    self.scanning = false;
                    self.said = None;
                    self.say(SourceStatus::NoBluetooth(format!("Bluetooth could not search: {e}")));
                }
            }
        }
    }

    /// A device seen or changed: offered while searching; the wanted one hurries a pending
    /// attempt.
    async fn on_event(&mut self, adapter: &Adapter, event: CentralEvent) {
        let (CentralEvent::DeviceDiscovered(id)
        | CentralEvent::DeviceUpdated(id)
        | CentralEvent::ServicesAdvertisement { id, .. }
        | CentralEvent::ServiceDataAdvertisement { id, .. }) = event
        else {
            return;
        };
        let Ok(peripheral) = adapter.peripheral(&id).await else {
            return;
        };
        if let Some(choice) = &self.wanted
            && peripheral.address().to_string().eq_ignore_ascii_case(&choice.address)
        {
            self.reconnect.seen(self.now());
        }
        if self.searching {
            self.offer(&peripheral).await;
        }
    }

    /// Reports a heart-rate strap once (again if its name changes).
    async fn offer(&mut self, peripheral: &Peripheral) {
        let Ok(Some(properties)) = peripheral.properties().await else {
            return;
        };
        let advert = Advert {
            address: properties.address.to_string(),
            local_name: properties.local_name,
            advertisement_name: properties.advertisement_name,
            services: properties.services.iter().map(uuid::Uuid::as_u128).collect(),
            service_data: properties.service_data.keys().map(uuid::Uuid::as_u128).collect(),
            appearance: properties.appearance,
            rssi: properties.rssi,
        };
        let Some(offer) = advert::offer(&advert) else {
            return;
        };
        if self.offered.get(&offer.address) == Some(&offer.name) {
            return;
        }
        self.offered.insert(offer.address.clone(), offer.name.clone());
        self.report.send(SourceEvent::Found(FoundStrap {
            strap: StrapChoice { address: offer.address, name: offer.name },
            rssi: offer.rssi,
        }));
    }

    /// One attempt to connect to the chosen strap, and the connection while it lasts.
    async fn attempt(&mut self, adapter: &Adapter, events: &mut Events, choice: &StrapChoice) -> Ended {
        let Some(peripheral) = find(adapter, &choice.address).await else {
            self.reconnect.not_found(self.now());
            return Ended::Lost;
        };
        self.say(SourceStatus::Connecting { name: choice.name.clone() });
        let opening = tokio::time::timeout(CONNECT_TIMEOUT, open_link(&peripheral));
        tokio::pin!(opening);
        let opened = loop {
            tokio::select! {
                opened = &mut opening => break opened,
                request = self.requests.recv() => {
                    self.take(request);
                    if self.closed || self.wanted.as_ref() != Some(choice) {
                        let_go(&peripheral).await;
                        return Ended::LetGo;
                    }
                }
            }
        };
        if let Ok(Ok(link)) = opened {
            let ended = self.stream(adapter, events, choice, link).await;
            if matches!(ended, Ended::Lost) {
                self.reconnect.dropped(self.now());
            }
            ended
        } else {
            // Half-open links are closed, so the next attempt starts clean.
            let_go(&peripheral).await;
            self.reconnect.failed(self.now());
            Ended::Lost
        }
    }

    /// Passes the strap's notifications on until the link ends.
    async fn stream(
        &mut self,
        adapter: &Adapter,
        events: &mut Events,
        choice: &StrapChoice,
        mut link: Link,
    ) -> Ended {
        self.reconnect.connected(self.now());
        self.was_connected = true;
        let connected =
            |battery_percent| SourceStatus::Connected { name: choice.name.clone(), battery_percent };
        self.say(connected(link.battery_percent));
        // Scanning disturbs a connection: only while the picker searches.
        self.scan(adapter, self.searching).await;
        let id: PeripheralId = link.peripheral.id();
        let mut last_heard = self.now();
        loop {
            let silent = (last_heard + SILENT_FOR).saturating_sub(self.now());
            tokio::select! {
                note = link.notifications.next() => match note {
                    Some(note) if note.uuid == uuid(HEART_RATE_MEASUREMENT) => {
                        let arrival = self.now();
                        last_heard = arrival;
                        // A notification that cannot be read is skipped; its beats count as
                        // lost, which the analysis sees as a gap.
                        if let Ok(event) = beats_of(&note.value, arrival) {
                            self.report.send(event);
                        }
                    }
                    Some(note) if note.uuid == uuid(BATTERY_LEVEL) => {
                        if let Some(percent) = battery_of(&note.value) {
                            link.battery_percent = Some(percent);
                            self.say(connected(link.battery_percent));
                        }
                    }
                    Some(_) => {}
                    None => return Ended::Lost,
                },
                event = events.next() => match event {
                    Some(CentralEvent::DeviceDisconnected(gone)) if gone == id => return Ended::Lost,
                    Some(event) => self.on_event(adapter, event).await,
                    None => return Ended::NoBluetooth("the Bluetooth service stopped".to_owned()),
                },
                request = self.requests.recv() => {
                    self.take(request);
                    if self.closed || self.wanted.as_ref() != Some(choice) {
                        let_go(&link.peripheral).await;
                        return Ended::LetGo;
                    }
                    self.scan(adapter, self.searching).await;
                }
                () = tokio::time::sleep(silent) => {
                    let_go(&link.peripheral).await;
                    return Ended::Lost;
                }
            }
        }
    }
}

/// The first Bluetooth adapter and its event stream (taken before any scan, so nothing is
/// missed).
async fn open_adapter() -> Result<(Adapter, Events), String> {
    let manager =
        Manager::new().await.map_err(|e| format!("the Bluetooth service cannot be reached: {e}"))?;
    let adapter = manager
        .adapters()
        .await
        .map_err(|e| format!("the Bluetooth adapters cannot be listed: {e}"))?
        .into_iter()
        .next()
        .ok_or_else(|| "no Bluetooth adapter was found".to_owned())?;
    let events = adapter.events().await.map_err(|e| format!("Bluetooth events cannot be followed: {e}"))?;
    Ok((adapter, events))
}

/// The device with this address among those Bluetooth knows.
async fn find(adapter: &Adapter, address: &str) -> Option<Peripheral> {
    let known = adapter.peripherals().await.ok()?;
    known.into_iter().find(|p| p.address().to_string().eq_ignore_ascii_case(address))
}

/// Connects, finds the services, subscribes to the heart-rate measurement and reads (and
/// follows, where offered) the battery level.
async fn open_link(peripheral: &Peripheral) -> btleplug::Result<Link> {
    if !peripheral.is_connected().await? {
        peripheral.connect().await?;
    }
    peripheral.discover_services().await?;
    let characteristics = peripheral.characteristics();
    let find = |service: u16, characteristic: u16| -> Option<Characteristic> {
        characteristics
            .iter()
            .find(|c| c.uuid == uuid(characteristic) && c.service_uuid == uuid(service))
            .cloned()
    };
    let measurement = find(HEART_RATE_SERVICE, HEART_RATE_MEASUREMENT)
        .ok_or_else(|| btleplug::Error::NotSupported("no heart-rate measurement".to_owned()))?;
    // The stream is taken before subscribing, so the first notification is not missed.
    let notifications = peripheral.notifications().await?;
    peripheral.subscribe(&measurement).await?;
    let mut battery_percent = None;
    if let Some(battery) = find(BATTERY_SERVICE, BATTERY_LEVEL) {
        // The battery is a nicety: a strap that will not say is still used.
        if battery.properties.contains(CharPropFlags::READ) {
            battery_percent = peripheral.read(&battery).await.ok().and_then(|v| battery_of(&v));
        }
        if battery.properties.contains(CharPropFlags::NOTIFY) {
            let _followed = peripheral.subscribe(&battery).await;
        }
    }
    Ok(Link { peripheral: peripheral.clone(), notifications, battery_percent })
}

/// Disconnects, not waiting long for a BlueZ that does not answer.
async fn let_go(peripheral: &Peripheral) {
    let _ = tokio::time::timeout(LET_GO_TIMEOUT, peripheral.disconnect()).await;
}

async fn sleep_for(wait: Option<Duration>) {
    match wait {
        Some(wait) => tokio::time::sleep(wait).await,
        None => std::future::pending().await,
    }
}
