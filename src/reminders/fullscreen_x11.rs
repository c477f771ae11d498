//! Full screen on X11: the focused window, as the window manager names it in
//! `_NET_ACTIVE_WINDOW` on the root window, has `_NET_WM_STATE_FULLSCREEN` in its
//! `_NET_WM_STATE`. With no window manager (or none that says), nothing is full screen.

use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::{AtomEnum, ConnectionExt as _};
use x11rb::rust_connection::RustConnection;

use super::quiet::QuietSource;

// The atoms' own names, as X spells them.
#[expect(clippy::struct_field_names, reason = "the atoms' own names, as X spells them")]
mod atoms {
    x11rb::atom_manager! {
        pub Atoms: AtomsCookie {
            _NET_ACTIVE_WINDOW,
            _NET_WM_STATE,
            _NET_WM_STATE_FULLSCREEN,
        }
    }
}
use atoms::Atoms;

pub struct X11Fullscreen {
    conn: RustConnection,
    root: u32,
    atoms: Atoms,
}

impl std::fmt::Debug for X11Fullscreen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("X11Fullscreen").finish_non_exhaustive()
    }
}

/// Whether the focused window is full screen: `active` is `_NET_ACTIVE_WINDOW`'s value (0 or
/// none: no focused window), `state` the focused window's `_NET_WM_STATE` atoms.
#[must_use]
pub fn is_fullscreen(active: Option<u32>, state: &[u32], fullscreen_atom: u32) -> bool {
    active.is_some_and(|w| w != 0) && state.contains(&fullscreen_atom)
}

impl X11Fullscreen {
    /// # Errors
    /// No X server.
    pub fn open() -> Result<Self, String> {
        let (conn, screen) = x11rb::connect(None).map_err(|e| format!("no X server ({e})"))?;
        let root = conn.setup().roots.get(screen).map(|s| s.root).ok_or("the X server has no screen")?;
        let atoms = Atoms::new(&conn)
            .map_err(|e| e.to_string())
            .and_then(|cookie| cookie.reply().map_err(|e| e.to_string()))?;
        Ok(Self { conn, root, atoms })
    }

    fn property(&self, window: u32, property: u32, kind: AtomEnum, length: u32) -> Result<Vec<u32>, String> {
        let reply = self
            .conn
            .get_property(false, window, property, kind, 0, length)
            .map_err(|e| e.to_string())?
            .reply()
            .map_err(|e| e.to_string())?;
        Ok(reply.value32().map(Iterator::collect).unwrap_or_default())
    }
}

impl QuietSource for X11Fullscreen {
    fn quiet(&mut self) -> Result<bool, String> {
        // ANY, not WINDOW: some window managers type the value CARDINAL.
        let active =
            self.property(self.root, self.atoms._NET_ACTIVE_WINDOW, AtomEnum::ANY, 1)?.first().copied();
        let Some(window) = active.filter(|&w| w != 0) else {
            return Ok(false);
        };
        // The window may be gone already: then it is not full screen.
        let state = self.property(window, self.atoms._NET_WM_STATE, AtomEnum::ATOM, 64).unwrap_or_default();
        Ok(is_fullscreen(active, &state, self.atoms._NET_WM_STATE_FULLSCREEN))
    }

    fn name(&self) -> &'static str {
        "full screen (X11)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_focused_full_screen_window_counts() {
        const FULLSCREEN: u32 = 301;
        const MAXIMISED: u32 = 302;
        assert!(is_fullscreen(Some(0x40_0001), &[MAXIMISED, FULLSCREEN], FULLSCREEN));
        assert!(!is_fullscreen(Some(0x40_0001), &[MAXIMISED], FULLSCREEN));
        assert!(!is_fullscreen(Some(0), &[FULLSCREEN], FULLSCREEN), "0: nothing has focus");
        assert!(!is_fullscreen(None, &[FULLSCREEN], FULLSCREEN), "no window manager says");
    }
}
