//! The tray icon (`StatusNotifierItem` over D-Bus, through `ksni`; no GTK): open the window,
//! start a favourite, pause reminders for an hour or until tomorrow, and quit. Its own thread
//! owns it; a choice in its menu goes to the app as news, like a notification's answer.
//!
//! Desktops without a tray (GNOME without its `AppIndicator` extension) have no
//! `StatusNotifierWatcher`. The icon then waits for one to appear, and meanwhile the app knows
//! there is no tray: closing the window minimises it instead while reminders are on.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use ksni::blocking::TrayMethods as _;
use ksni::menu::{StandardItem, SubMenu};
use ksni::{MenuItem, ToolTip};
use unbrace_core::reminder::pause::Pause;

use super::link::{Inbound, Outbox};

/// What a person chose in the tray's menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrayAction {
    Open,
    /// Start this routine (library id) now.
    Start(String),
    Pause(Pause),
    Resume,
    Quit,
}

/// What the menu shows; the app sends a new one when it changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrayMenu {
    /// "Paused until 15:30", while paused.
    pub paused: Option<String>,
    /// Routines to start from the menu, as `(library id, name)`.
    pub favourites: Vec<(String, String)>,
}

/// An hour, as the menu and Settings offer.
pub const AN_HOUR: Duration = Duration::from_secs(3600);

const UNKNOWN: u8 = 0;
const SHOWING: u8 = 1;
const NO_TRAY: u8 = 2;

/// The menu's items, as `(label, what it does)`; `None` for a line that does nothing.
#[must_use]
pub fn items(menu: &TrayMenu) -> Vec<(String, Option<TrayAction>)> {
    let mut items = vec![("Open Unbrace".to_owned(), Some(TrayAction::Open))];
    for (id, name) in &menu.favourites {
        items.push((format!("Start {name}"), Some(TrayAction::Start(id.clone()))));
    }
    if let Some(until) = &menu.paused {
        items.push((until.clone(), None));
        items.push(("Resume reminders".to_owned(), Some(TrayAction::Resume)));
    } else {
        let an_hour = Some(TrayAction::Pause(Pause::For(AN_HOUR)));
        items.push(("Pause reminders for an hour".to_owned(), an_hour));
        let until_tomorrow = Some(TrayAction::Pause(Pause::UntilTomorrow));
        items.push(("Pause reminders until tomorrow".to_owned(), until_tomorrow));
    }
    items.push(("Quit Unbrace".to_owned(), Some(TrayAction::Quit)));
    items
}

struct UnbraceTray {
    menu: TrayMenu,
    out: Outbox,
    showing: Arc<AtomicU8>,
}

impl UnbraceTray {
    fn choose(&self, action: TrayAction) {
        self.out.send(Inbound::Tray(action));
    }
}

impl ksni::Tray for UnbraceTray {
    fn id(&self) -> String {
        "unbrace".to_owned()
    }

    fn title(&self) -> String {
        "Unbrace".to_owned()
    }

    fn icon_name(&self) -> String {
        "unbrace".to_owned()
    }

    fn icon_pixmap(&self) -> Vec<ksni::Icon> {
        vec![argb_icon(32)]
    }

    fn tool_tip(&self) -> ToolTip {
        ToolTip {
            title: "Unbrace".to_owned(),
            description: self.menu.paused.clone().unwrap_or_else(|| "Reminders are on".to_owned()),
            ..ToolTip::default()
        }
    }

    fn activate(&mut self, _x: i32, _y: i32) {
        self.choose(TrayAction::Open);
    }

    fn menu(&self) -> Vec<MenuItem<Self>> {
        let item = |label: String, action: Option<TrayAction>| -> MenuItem<Self> {
            let enabled = action.is_some();
            StandardItem {
                label,
                enabled,
                activate: Box::new(move |tray: &mut Self| {
                    if let Some(action) = &action {
                        tray.choose(action.clone());
                    }
                }),
                ..StandardItem::default()
            }
            .into()
        };
        let mut entries = items(&self.menu).into_iter();
        let mut menu = Vec::new();
        if let Some((label, action)) = entries.next() {
            menu.push(item(label, action));
        }
        let (starts, rest): (Vec<_>, Vec<_>) =
            entries.partition(|(_, action)| matches!(action, Some(TrayAction::Start(_))));
        if !starts.is_empty() {
            let submenu = starts.into_iter().map(|(label, action)| item(label, action)).collect();
            menu.push(SubMenu { label: "Start now".to_owned(), submenu, ..SubMenu::default() }.into());
        }
        menu.push(MenuItem::Separator);
        let count = rest.len();
        for (i, (label, action)) in rest.into_iter().enumerate() {
            if i + 1 == count {
                menu.push(MenuItem::Separator);
            }
            menu.push(item(label, action));
        }
        menu
    }

    fn watcher_online(&self) {
        self.showing.store(SHOWING, Ordering::SeqCst);
    }

    fn watcher_offline(&self, _reason: ksni::OfflineReason) -> bool {
        self.showing.store(NO_TRAY, Ordering::SeqCst);
        // Keep listening: a tray may come (a shell restarted, an extension turned on).
        true
    }
}

/// The icon as the tray wants it: ARGB32, big-endian.
fn argb_icon(size: u32) -> ksni::Icon {
    let icon = crate::icon::icon(size);
    let data = icon.rgba.chunks_exact(4).flat_map(|p| [p[3], p[0], p[1], p[2]]).collect();
    let edge = i32::try_from(size).unwrap_or(32);
    ksni::Icon { width: edge, height: edge, data }
}

/// The tray's thread, and whether the icon is showing.
#[derive(Debug)]
pub struct TrayLink {
    updates: Sender<Option<TrayMenu>>,
    showing: Arc<AtomicU8>,
}

impl TrayLink {
    /// Starts the tray on its own thread; its choices go to `out`.
    ///
    /// # Errors
    /// When the thread cannot be started.
    pub fn start(out: Outbox) -> std::io::Result<Self> {
        let (updates, inbox) = mpsc::channel::<Option<TrayMenu>>();
        let showing = Arc::new(AtomicU8::new(UNKNOWN));
        let tray = UnbraceTray { menu: TrayMenu::default(), out: out.clone(), showing: Arc::clone(&showing) };
        let shown = Arc::clone(&showing);
        std::thread::Builder::new().name("unbrace-tray".to_owned()).spawn(move || {
            // Registers now if the desktop has a tray, or when one appears.
            let handle = match tray.assume_sni_available(true).spawn() {
                Ok(handle) => handle,
                Err(e) => {
                    shown.store(NO_TRAY, Ordering::SeqCst);
                    out.send(Inbound::Problem(format!("no tray icon ({e})")));
                    return;
                }
            };
            // Showing, unless the desktop already said it has no tray.
            let _said = shown.compare_exchange(UNKNOWN, SHOWING, Ordering::SeqCst, Ordering::SeqCst);
            // The app looks again at whether there is a tray.
            out.wake();
            while let Ok(Some(menu)) = inbox.recv() {
                if handle.update(|tray| tray.menu = menu).is_none() {
                    break;
                }
            }
            handle.shutdown().wait();
        })?;
        Ok(Self { updates, showing })
    }

    /// Whether the icon is in a tray now.
    #[must_use]
    pub fn is_showing(&self) -> bool {
        self.showing.load(Ordering::SeqCst) == SHOWING
    }

    pub fn update(&self, menu: TrayMenu) {
        // A tray that ended already said why.
        let _ended = self.updates.send(Some(menu));
    }

    /// Takes the icon away.
    pub fn shut_down(self) {
        let _ended = self.updates.send(None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_offers_a_pause_or_a_resume_and_always_open_and_quit() {
        let labels = |menu: &TrayMenu| items(menu).into_iter().map(|(label, _)| label).collect::<Vec<_>>();
        let menu = TrayMenu {
            paused: None,
            favourites: vec![("body_scan/desk-reset.ron".to_owned(), "Desk reset".to_owned())],
        };
        assert_eq!(
            labels(&menu),
            [
                "Open Unbrace",
                "Start Desk reset",
                "Pause reminders for an hour",
                "Pause reminders until tomorrow",
                "Quit Unbrace"
            ]
        );
        let paused = TrayMenu { paused: Some("Paused until 15:30".to_owned()), favourites: vec![] };
        let items = items(&paused);
        assert_eq!(items[1], ("Paused until 15:30".to_owned(), None), "said, not a button");
        assert_eq!(items[2].1, Some(TrayAction::Resume));
        assert_eq!(argb_icon(4).data.len(), 4 * 4 * 4);
    }
}
