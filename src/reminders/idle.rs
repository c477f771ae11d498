//! Idle time: how long since the last keyboard or mouse input, whichever way the session
//! offers it. The order of trying follows what each one can see:
//!
//! 1. GNOME's `org.gnome.Mutter.IdleMonitor` (X11 and Wayland), when the name is on the bus;
//! 2. Wayland's `ext_idle_notifier_v1` (KDE Plasma, sway and other wlroots compositors, COSMIC);
//! 3. the X11 MIT-SCREEN-SAVER extension, in an X11 session only (under Wayland, `XWayland` sees
//!    only the input that goes to X clients, so it would report a typing person as idle);
//! 4. `org.freedesktop.ScreenSaver.GetSessionIdleTime` (KDE on X11);
//! 5. none: then every waking minute counts as use, and the interval still works, only without
//!    noticing breaks away from the desk.

use std::time::Duration;

/// A source of idle time.
pub trait IdleSource: Send {
    /// How long since the last input, at monotonic `now` (on the reminders' clock).
    ///
    /// # Errors
    /// The source stopped working (the X server or the bus went away), in words for people.
    fn idle(&mut self, now: Duration) -> Result<Duration, String>;

    /// What it is, for Settings ("X11 screen saver").
    fn name(&self) -> &'static str;
}

/// The ways of finding idle time, in the order they are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleKind {
    Mutter,
    WaylandIdleNotify,
    X11ScreenSaver,
    FreedesktopScreenSaver,
}

/// What the session looks like, as far as idle time goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[expect(clippy::struct_excessive_bools, reason = "independent facts about the session")]
pub struct Session {
    /// `WAYLAND_DISPLAY` is set (or `XDG_SESSION_TYPE=wayland`).
    pub wayland: bool,
    /// `DISPLAY` is set.
    pub x11: bool,
    /// `org.gnome.Mutter.IdleMonitor` has an owner on the session bus.
    pub mutter: bool,
    /// `org.freedesktop.ScreenSaver` has an owner on the session bus.
    pub freedesktop: bool,
}

impl Session {
    /// The session as the environment describes it; the bus names are filled in separately.
    #[must_use]
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Self {
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
        let wayland = set("WAYLAND_DISPLAY")
            || var("XDG_SESSION_TYPE").is_some_and(|t| t.eq_ignore_ascii_case("wayland"));
        Self { wayland, x11: set("DISPLAY"), mutter: false, freedesktop: false }
    }
}

/// The sources worth trying in `session`, best first.
#[must_use]
pub fn plan(session: Session) -> Vec<IdleKind> {
    let mut kinds = Vec::new();
    if session.mutter {
        kinds.push(IdleKind::Mutter);
    }
    if session.wayland {
        kinds.push(IdleKind::WaylandIdleNotify);
    }
    if session.x11 && !session.wayland {
        kinds.push(IdleKind::X11ScreenSaver);
    }
    if session.freedesktop {
        kinds.push(IdleKind::FreedesktopScreenSaver);
    }
    kinds
}

/// Opens the first source that answers, trying them in the [`plan`] for this session.
/// `wake` asks the reminders thread to tick (the Wayland source calls it when the person
/// leaves or comes back). Returns the source and why each one before it was passed over.
pub fn open(
    bus: Option<&zbus::blocking::Connection>,
    wake: impl Fn() + Send + Sync + 'static,
) -> (Option<Box<dyn IdleSource>>, Vec<String>) {
    let mut session = Session::from_env(|name| std::env::var(name).ok());
    if let Some(bus) = bus {
        session.mutter = super::idle_dbus::has_owner(bus, super::idle_dbus::MUTTER);
        session.freedesktop = super::idle_dbus::has_owner(bus, super::idle_dbus::FREEDESKTOP);
    }
    let mut passed = Vec::new();
    let wake = std::sync::Arc::new(wake);
    for kind in plan(session) {
        let opened: Result<Box<dyn IdleSource>, String> = match (kind, bus) {
            (IdleKind::Mutter, Some(bus)) => {
                super::idle_dbus::Mutter::open(bus).map(|s| Box::new(s) as Box<dyn IdleSource>)
            }
            (IdleKind::FreedesktopScreenSaver, Some(bus)) => {
                super::idle_dbus::Freedesktop::open(bus).map(|s| Box::new(s) as Box<dyn IdleSource>)
            }
            (IdleKind::WaylandIdleNotify, _) => {
                let wake = std::sync::Arc::clone(&wake);
                super::idle_wayland::WaylandIdle::open(move || wake())
                    .map(|s| Box::new(s) as Box<dyn IdleSource>)
            }
            (IdleKind::X11ScreenSaver, _) => {
                super::idle_x11::X11Idle::open().map(|s| Box::new(s) as Box<dyn IdleSource>)
            }
            (IdleKind::Mutter | IdleKind::FreedesktopScreenSaver, None) => continue,
        };
        match opened {
            Ok(source) => return (Some(source), passed),
            Err(why) => passed.push(why),
        }
    }
    (None, passed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn gnome_first_then_wayland_then_x11_then_the_freedesktop_screen_saver() {
        let gnome_wayland = Session {
            mutter: true,
            ..Session::from_env(env(&[("WAYLAND_DISPLAY", "wayland-0"), ("DISPLAY", ":0")]))
        };
        assert_eq!(plan(gnome_wayland), [IdleKind::Mutter, IdleKind::WaylandIdleNotify]);
        let kde_x11 = Session { freedesktop: true, ..Session::from_env(env(&[("DISPLAY", ":0")])) };
        assert_eq!(plan(kde_x11), [IdleKind::X11ScreenSaver, IdleKind::FreedesktopScreenSaver]);
        let sway = Session::from_env(env(&[("XDG_SESSION_TYPE", "Wayland"), ("DISPLAY", ":1")]));
        assert_eq!(plan(sway), [IdleKind::WaylandIdleNotify], "XWayland's idle time would be wrong");
        assert_eq!(plan(Session::from_env(env(&[("DISPLAY", "")]))), [], "nothing to ask");
    }
}
