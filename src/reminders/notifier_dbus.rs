//! org.freedesktop.Notifications over zbus: reminders as notifications with buttons, and the
//! `Inhibited` property (do-not-disturb) where the service has it (KDE Plasma).
//!
//! A small client of its own rather than `notify-rust`: it subscribes to `ActionInvoked` and
//! `NotificationClosed` before the first `Notify` (so no answer can slip between), keeps one
//! connection and one listening thread for every notification, and a bus that goes away is an
//! error to say, never a panic.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use futures::StreamExt as _;
use zbus::blocking::Connection;
use zbus::zvariant::Value;

use super::notifier::{ACTIONS, Notifier};
use super::open_notifications::{OpenNotifications, Signal};
use super::quiet::QuietSource;
use super::shown::{Answer, Shown};

#[zbus::proxy(
    interface = "org.freedesktop.Notifications",
    default_service = "org.freedesktop.Notifications",
    default_path = "/org/freedesktop/Notifications"
)]
trait Notifications {
    #[expect(clippy::too_many_arguments, reason = "the D-Bus method's signature")]
    fn notify(
        &self,
        app_name: &str,
        replaces_id: u32,
        app_icon: &str,
        summary: &str,
        body: &str,
        actions: &[&str],
        hints: HashMap<&str, &Value<'_>>,
        expire_timeout: i32,
    ) -> zbus::Result<u32>;

    fn close_notification(&self, id: u32) -> zbus::Result<()>;

    fn get_capabilities(&self) -> zbus::Result<Vec<String>>;

    fn get_server_information(&self) -> zbus::Result<(String, String, String, String)>;

    #[zbus(signal)]
    fn action_invoked(&self, id: u32, action_key: &str) -> zbus::Result<()>;

    #[zbus(signal)]
    fn notification_closed(&self, id: u32, reason: u32) -> zbus::Result<()>;

    /// Do-not-disturb (KDE Plasma; not in the specification).
    #[zbus(property)]
    fn inhibited(&self) -> zbus::Result<bool>;
}

/// Called with each answer, on the listening thread.
pub type OnAnswer = Arc<dyn Fn(Answer) + Send + Sync>;
/// Called once if the service or the bus goes away, on the listening thread.
pub type OnGone = Box<dyn FnOnce(String) + Send>;

pub struct DbusNotifier {
    proxy: NotificationsProxyBlocking<'static>,
    open: Arc<Mutex<OpenNotifications>>,
    on_answer: OnAnswer,
    /// The service's name, and whether it shows buttons.
    server: String,
    buttons: bool,
}

impl std::fmt::Debug for DbusNotifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbusNotifier").finish_non_exhaustive()
    }
}

impl DbusNotifier {
    /// Finds the notification service on `bus` and starts listening for answers.
    ///
    /// # Errors
    /// No notification service, in words for people.
    pub fn open(bus: &Connection, on_answer: OnAnswer, on_gone: OnGone) -> Result<Self, String> {
        let no_service = |e: zbus::Error| format!("no notification service answers on the session bus ({e})");
        let proxy = NotificationsProxyBlocking::new(bus).map_err(no_service)?;
        let capabilities = proxy.get_capabilities().map_err(no_service)?;
        let server = proxy.get_server_information().map(|(name, ..)| name).unwrap_or_default();
        // Subscribed before the first `Notify`, so no answer is lost.
        let listening = zbus::block_on(async {
            let proxy = NotificationsProxy::new(bus.inner()).await?;
            let actions = proxy.receive_action_invoked().await?;
            let closed = proxy.receive_notification_closed().await?;
            Ok::<_, zbus::Error>((actions, closed))
        });
        let (actions, closed) = listening.map_err(no_service)?;
        let open = Arc::new(Mutex::new(OpenNotifications::default()));
        let (open_in_thread, answer) = (Arc::clone(&open), Arc::clone(&on_answer));
        std::thread::Builder::new()
            .name("unbrace-notifications".to_owned())
            .spawn(move || {
                let actions = actions.filter_map(|s| {
                    futures::future::ready(
                        s.args().ok().map(|a| Signal::Action { id: a.id, key: a.action_key.to_owned() }),
                    )
                });
                let closed = closed.filter_map(|s| {
                    futures::future::ready(
                        s.args().ok().map(|a| Signal::Closed { id: a.id, reason: a.reason }),
                    )
                });
                let mut signals = futures::stream::select(actions, closed);
                zbus::block_on(async {
                    while let Some(signal) = signals.next().await {
                        let answered =
                            open_in_thread.lock().unwrap_or_else(PoisonError::into_inner).signal(signal);
                        if let Some(a) = answered {
                            answer(a);
                        }
                    }
                });
                on_gone(
                    "the session bus closed: reminders can't be answered until Unbrace starts again"
                        .to_owned(),
                );
            })
            .map_err(|e| format!("no thread to listen for answers ({e})"))?;
        Ok(Self { proxy, open, on_answer, server, buttons: capabilities.iter().any(|c| c == "actions") })
    }

    fn open_notifications(&self) -> std::sync::MutexGuard<'_, OpenNotifications> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Notifier for DbusNotifier {
    fn show(&mut self, shown: &Shown, body: &str) -> Result<(), String> {
        let replaces = self.open_notifications().replaces(&shown.reminder_id).unwrap_or(0);
        let actions: Vec<&str> = ACTIONS.iter().flat_map(|(key, label)| [*key, *label]).collect();
        let entry = Value::from("unbrace");
        let urgency = Value::from(1_u8);
        let hints = HashMap::from([("desktop-entry", &entry), ("urgency", &urgency)]);
        // 0: it stays until answered (a reminder missed in a glance is still there).
        let id = self
            .proxy
            .notify("Unbrace", replaces, "unbrace", &shown.name, body, &actions, hints, 0)
            .map_err(|e| format!("the notification could not be shown ({e})"))?;
        let superseded = self.open_notifications().shown(id, shown.clone());
        for answer in superseded {
            (self.on_answer)(answer);
        }
        Ok(())
    }

    fn withdraw_all(&mut self) {
        let ids = self.open_notifications().take_all();
        for id in ids {
            // Quitting: a notification already gone is no loss.
            let _already_gone = self.proxy.close_notification(id);
        }
    }

    fn describe(&self) -> String {
        let name = if self.server.is_empty() { "the desktop's notifications" } else { self.server.as_str() };
        if self.buttons {
            format!("shown by {name}, with Start, Later and Skip")
        } else {
            format!("shown by {name}, which shows no buttons: open Unbrace to start")
        }
    }
}

/// Do-not-disturb, from the notification service's `Inhibited` property.
pub struct Inhibited {
    proxy: NotificationsProxyBlocking<'static>,
}

impl std::fmt::Debug for Inhibited {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inhibited").finish_non_exhaustive()
    }
}

impl Inhibited {
    /// `None` where the service has no such property (most but KDE Plasma).
    #[must_use]
    pub fn open(bus: &Connection) -> Option<Self> {
        let proxy = NotificationsProxyBlocking::builder(bus)
            .cache_properties(zbus::proxy::CacheProperties::No)
            .build()
            .ok()?;
        proxy.inhibited().ok()?;
        Some(Self { proxy })
    }
}

impl QuietSource for Inhibited {
    fn quiet(&mut self) -> Result<bool, String> {
        self.proxy.inhibited().map_err(|e| e.to_string())
    }

    fn name(&self) -> &'static str {
        "do-not-disturb"
    }
}
