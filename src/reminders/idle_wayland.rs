//! Idle time from a Wayland compositor's `ext_idle_notifier_v1` (KDE Plasma 5.27+, sway and
//! other wlroots compositors, COSMIC; not GNOME, whose Mutter answers over D-Bus instead).
//!
//! The protocol does not tell the idle time; it says "idle" after [`NOTICE_AFTER`] without
//! input and "resumed" at the next input. Its own thread listens, and wakes the reminders
//! thread at each change; the idle time is then [`NOTICE_AFTER`] plus the time since "idle"
//! came. Version 2's input-only notification is used where offered, so a video that holds the
//! screen awake does not hide an empty chair.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use wayland_client::globals::{GlobalListContents, registry_queue_init};
use wayland_client::protocol::{wl_registry, wl_seat};
use wayland_client::{Connection, Dispatch, Proxy, QueueHandle};
use wayland_protocols::ext::idle_notify::v1::client::ext_idle_notification_v1::{
    self, ExtIdleNotificationV1,
};
use wayland_protocols::ext::idle_notify::v1::client::ext_idle_notifier_v1::ExtIdleNotifierV1;

use super::idle::IdleSource;

/// How long without input before the compositor says "idle". The reminders' `idle_after` is a
/// minute or more, so half a minute is precise enough and keeps the messages few.
pub const NOTICE_AFTER: Duration = Duration::from_secs(30);

/// The idle time from the compositor's last word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Estimate {
    /// When "idle" was first seen, on the reminders' clock.
    since: Option<Duration>,
}

impl Estimate {
    /// The idle time at `now`, the compositor's last word being `idled` (or "resumed").
    pub fn idle(&mut self, idled: bool, now: Duration) -> Duration {
        if !idled {
            self.since = None;
            return Duration::ZERO;
        }
        let since = *self.since.get_or_insert(now);
        NOTICE_AFTER.saturating_add(now.saturating_sub(since))
    }
}

pub struct WaylandIdle {
    idled: Arc<AtomicBool>,
    failed: Arc<Mutex<Option<String>>>,
    estimate: Estimate,
}

impl std::fmt::Debug for WaylandIdle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WaylandIdle").finish_non_exhaustive()
    }
}

struct Listener {
    idled: Arc<AtomicBool>,
    wake: Box<dyn Fn() + Send>,
}

impl WaylandIdle {
    /// Connects to the compositor and asks to be told about idleness; `wake` is called at
    /// each change.
    ///
    /// # Errors
    /// No compositor, or one without ext-idle-notify (GNOME).
    pub fn open(wake: impl Fn() + Send + 'static) -> Result<Self, String> {
        let conn = Connection::connect_to_env().map_err(|e| format!("no Wayland compositor ({e})"))?;
        let idled = Arc::new(AtomicBool::new(false));
        let mut listener = Listener { idled: Arc::clone(&idled), wake: Box::new(wake) };
        let (globals, mut queue) =
            registry_queue_init::<Listener>(&conn).map_err(|e| format!("the Wayland compositor: {e}"))?;
        let qh = queue.handle();
        let seat: wl_seat::WlSeat =
            globals.bind(&qh, 1..=1, ()).map_err(|e| format!("the Wayland compositor has no seat ({e})"))?;
        let notifier: ExtIdleNotifierV1 = globals
            .bind(&qh, 1..=2, ())
            .map_err(|_| "the Wayland compositor does not offer ext-idle-notify".to_owned())?;
        let timeout = u32::try_from(NOTICE_AFTER.as_millis()).unwrap_or(u32::MAX);
        let notification = if notifier.version() >= 2 {
            notifier.get_input_idle_notification(timeout, &seat, &qh, ())
        } else {
            notifier.get_idle_notification(timeout, &seat, &qh, ())
        };
        queue.roundtrip(&mut listener).map_err(|e| format!("the Wayland compositor: {e}"))?;
        let failed = Arc::new(Mutex::new(None));
        let failed_in_thread = Arc::clone(&failed);
        std::thread::Builder::new()
            .name("unbrace-wayland-idle".to_owned())
            .spawn(move || {
                // Keeps the objects alive as long as the thread listens.
                let _keep = (seat, notifier, notification);
                loop {
                    if let Err(e) = queue.blocking_dispatch(&mut listener) {
                        *failed_in_thread.lock().unwrap_or_else(PoisonError::into_inner) =
                            Some(format!("the Wayland compositor stopped answering ({e})"));
                        (listener.wake)();
                        return;
                    }
                }
            })
            .map_err(|e| format!("no thread to listen to the compositor ({e})"))?;
        Ok(Self { idled, failed, estimate: Estimate::default() })
    }
}

impl IdleSource for WaylandIdle {
    fn idle(&mut self, now: Duration) -> Result<Duration, String> {
        if let Some(why) = self.failed.lock().unwrap_or_else(PoisonError::into_inner).clone() {
            return Err(why);
        }
        Ok(self.estimate.idle(self.idled.load(Ordering::SeqCst), now))
    }

    fn name(&self) -> &'static str {
        "Wayland's idle notifications"
    }
}

impl Dispatch<wl_registry::WlRegistry, GlobalListContents> for Listener {
    fn event(
        _: &mut Self,
        _: &wl_registry::WlRegistry,
        _: wl_registry::Event,
        _: &GlobalListContents,
        _: &Connection,
        _: &QueueHandle<Self>,
    ) {
    }
}

impl Dispatch<wl_seat::WlSeat, ()> for Listener {
    fn event(
        _: &mut Self,
        _: &wl_seat::WlSeat,
        _: wl_seat::Event,
        (): &(),
        _: &Connection,
        _: &QueueHandle<Self>,
    ) {
    }
}

impl Dispatch<ExtIdleNotifierV1, ()> for Listener {
    fn event(
        _: &mut Self,
        _: &ExtIdleNotifierV1,
        _: <ExtIdleNotifierV1 as Proxy>::Event,
        (): &(),
        _: &Connection,
        _: &QueueHandle<Self>,
    ) {
    }
}

impl Dispatch<ExtIdleNotificationV1, ()> for Listener {
    fn event(
        listener: &mut Self,
        _: &ExtIdleNotificationV1,
        event: ext_idle_notification_v1::Event,
        (): &(),
        _: &Connection,
        _: &QueueHandle<Self>,
    ) {
        let idled = match event {
            ext_idle_notification_v1::Event::Idled => true,
            ext_idle_notification_v1::Event::Resumed => false,
            _ => return,
        };
        listener.idled.store(idled, Ordering::SeqCst);
        (listener.wake)();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_counts_from_the_notice_and_input_ends_it() {
        let mut estimate = Estimate::default();
        let s = Duration::from_secs;
        assert_eq!(estimate.idle(false, s(10)), Duration::ZERO, "typing");
        assert_eq!(estimate.idle(true, s(100)), NOTICE_AFTER, "just told: half a minute without input");
        assert_eq!(estimate.idle(true, s(400)), NOTICE_AFTER + s(300));
        assert_eq!(estimate.idle(false, s(401)), Duration::ZERO, "back");
        assert_eq!(estimate.idle(true, s(500)), NOTICE_AFTER, "a new absence counts afresh");
    }
}
