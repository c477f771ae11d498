//! Idle time over D-Bus: GNOME's `org.gnome.Mutter.IdleMonitor` (X11 and Wayland) and the
//! `org.freedesktop.ScreenSaver` interface (KDE on X11). Both answer in milliseconds (KDE returns
//! `KIdleTime::idleTime()`, although the old freedesktop draft said seconds).

use std::time::Duration;

use zbus::blocking::Connection;

use super::idle::IdleSource;

pub const MUTTER: &str = "org.gnome.Mutter.IdleMonitor";
pub const FREEDESKTOP: &str = "org.freedesktop.ScreenSaver";

#[zbus::proxy(
    interface = "org.gnome.Mutter.IdleMonitor",
    default_service = "org.gnome.Mutter.IdleMonitor",
    default_path = "/org/gnome/Mutter/IdleMonitor/Core"
)]
trait MutterIdleMonitor {
    /// Milliseconds since the last input.
    fn get_idletime(&self) -> zbus::Result<u64>;
}

#[zbus::proxy(
    interface = "org.freedesktop.ScreenSaver",
    default_service = "org.freedesktop.ScreenSaver",
    default_path = "/org/freedesktop/ScreenSaver"
)]
trait FdoScreenSaver {
    /// Milliseconds since the last input (KDE; `NotSupported` on Plasma's Wayland session).
    fn get_session_idle_time(&self) -> zbus::Result<u32>;
}

/// Whether `name` has an owner on the bus (a service that is running).
#[must_use]
pub fn has_owner(bus: &Connection, name: &str) -> bool {
    let Ok(name) = zbus::names::BusName::try_from(name) else {
        return false;
    };
    zbus::blocking::fdo::DBusProxy::new(bus).and_then(|p| Ok(p.name_has_owner(name)?)).unwrap_or(false)
}

pub struct Mutter {
    proxy: MutterIdleMonitorProxyBlocking<'static>,
}

impl std::fmt::Debug for Mutter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mutter").finish_non_exhaustive()
    }
}

impl Mutter {
    /// # Errors
    /// GNOME's idle monitor did not answer.
    pub fn open(bus: &Connection) -> Result<Self, String> {
        let proxy = MutterIdleMonitorProxyBlocking::new(bus).map_err(|e| e.to_string())?;
        let mut source = Self { proxy };
        source.idle(Duration::ZERO).map_err(|e| format!("GNOME's idle monitor: {e}"))?;
        Ok(source)
    }
}

impl IdleSource for Mutter {
    fn idle(&mut self, _now: Duration) -> Result<Duration, String> {
        self.proxy.get_idletime().map(Duration::from_millis).map_err(|e| e.to_string())
    }

    fn name(&self) -> &'static str {
        "GNOME's idle monitor"
    }
}

pub struct Freedesktop {
    proxy: FdoScreenSaverProxyBlocking<'static>,
}

impl std::fmt::Debug for Freedesktop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Freedesktop").finish_non_exhaustive()
    }
}

impl Freedesktop {
    /// # Errors
    /// The screen saver did not answer (Plasma on Wayland says it is not supported).
    pub fn open(bus: &Connection) -> Result<Self, String> {
        let proxy = FdoScreenSaverProxyBlocking::new(bus).map_err(|e| e.to_string())?;
        let mut source = Self { proxy };
        source.idle(Duration::ZERO).map_err(|e| format!("the freedesktop screen saver: {e}"))?;
        Ok(source)
    }
}

impl IdleSource for Freedesktop {
    fn idle(&mut self, _now: Duration) -> Result<Duration, String> {
        self.proxy
            .get_session_idle_time()
            .map(|ms| Duration::from_millis(u64::from(ms)))
            .map_err(|e| e.to_string())
    }

    fn name(&self) -> &'static str {
        "the freedesktop screen saver"
    }
}
