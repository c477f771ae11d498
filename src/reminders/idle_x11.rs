//! Idle time from the X server's MIT-SCREEN-SAVER extension: milliseconds since the last
//! keyboard or mouse input, including synthetic input (so `xdotool` counts, as in CI).
//!
//! One connection is kept open: a server started without `-noreset` (Xvfb in tests) resets
//! itself, and its idle counter, whenever its last client leaves.

use std::time::Duration;

use x11rb::connection::Connection as _;
use x11rb::protocol::screensaver::ConnectionExt as _;
use x11rb::rust_connection::RustConnection;

use super::idle::IdleSource;

pub struct X11Idle {
    conn: RustConnection,
    root: u32,
}

impl std::fmt::Debug for X11Idle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("X11Idle").finish_non_exhaustive()
    }
}

impl X11Idle {
    /// Connects to `DISPLAY` and checks that the extension is there.
    ///
    /// # Errors
    /// No X server, or no screen-saver extension on it.
    pub fn open() -> Result<Self, String> {
        let (conn, screen) = x11rb::connect(None).map_err(|e| format!("no X server ({e})"))?;
        let root = conn.setup().roots.get(screen).map(|s| s.root).ok_or("the X server has no screen")?;
        conn.screensaver_query_version(1, 1)
            .map_err(|e| e.to_string())
            .and_then(|cookie| cookie.reply().map_err(|e| e.to_string()))
            .map_err(|e| format!("the X server has no screen-saver extension ({e})"))?;
        let mut source = Self { conn, root };
        source.idle(Duration::ZERO)?;
        Ok(source)
    }
}

impl IdleSource for X11Idle {
    fn idle(&mut self, _now: Duration) -> Result<Duration, String> {
        let info = self
            .conn
            .screensaver_query_info(self.root)
            .map_err(|e| e.to_string())
            .and_then(|cookie| cookie.reply().map_err(|e| e.to_string()))
            .map_err(|e| format!("the X server stopped answering ({e})"))?;
        Ok(Duration::from_millis(u64::from(info.ms_since_user_input)))
    }

    fn name(&self) -> &'static str {
        "the X11 screen saver"
    }
}
