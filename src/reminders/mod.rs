//! Reminders, the shell's side: the adapters that reach the desktop, the thread that runs the
//! core's [`unbrace_core::reminder::Scheduler`] with them, and the app's end of it.
//!
//! Each adapter sits behind a small trait, so the scheduler never knows which desktop it is on:
//! - idle time ([`idle::IdleSource`]): the X11 screen-saver extension, GNOME's idle monitor,
//!   the freedesktop screen saver, Wayland's `ext-idle-notify`, or none ("all waking time
//!   counts");
//! - quiet time ([`quiet::QuietSource`]): a full-screen window has focus (X11), or the
//!   notification service says do-not-disturb (its `Inhibited` property, where offered);
//! - the notifier ([`notifier::Notifier`]): org.freedesktop.Notifications with Start, Later
//!   and Skip;
//! - the tray ([`tray`]): a `StatusNotifierItem` with Open, a favourite, pauses and Quit.
//!
//! Everything that talks to the desktop runs on the reminders thread ([`runner`]) or on a
//! thread of its own, never on the UI thread. A service or bus that is missing or goes away is
//! said once, plainly, and the app carries on without it.

pub mod autostart;
pub mod disk_jobs;
pub mod fullscreen_x11;
pub mod idle;
pub mod idle_dbus;
pub mod idle_wayland;
pub mod idle_x11;
pub mod instance;
pub mod link;
pub mod notifier;
pub mod notifier_dbus;
pub mod open_notifications;
pub mod quiet;
pub mod runner;
pub mod shown;
pub mod switch;
pub mod tray;
