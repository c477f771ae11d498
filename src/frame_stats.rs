//! Measurement aids for the real-window benchmark (`tools/measure-window`): counts frames and
//! the time to the first one, written to a file at most once a second; and an optional
//! steady repaint rate to compare against. Off unless the environment asks for it:
//!
//! - `UNBRACE_FRAME_STATS=FILE` writes `frames N` and `first_frame_ms M` to FILE.
//! - `UNBRACE_FORCE_FPS=N` repaints N times a second whatever happens (the comparison run).

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Default)]
pub struct FrameStats {
    file: Option<PathBuf>,
    force_interval: Option<Duration>,
    frames: u64,
    first_frame: Option<Duration>,
    written_at: Option<Duration>,
}

impl FrameStats {
    /// Reads the two environment variables above.
    #[must_use]
    pub fn from_env() -> Self {
        let file = std::env::var_os("UNBRACE_FRAME_STATS").map(PathBuf::from);
        let fps =
            std::env::var("UNBRACE_FORCE_FPS").ok().and_then(|v| v.parse::<u32>().ok()).filter(|&f| f > 0);
        Self { file, force_interval: fps.map(|f| Duration::from_secs(1) / f), ..Self::default() }
    }

    /// A frame was drawn at `now` (time since the program started).
    pub fn frame(&mut self, ctx: &egui::Context, now: Duration) {
        if let Some(interval) = self.force_interval {
            ctx.request_repaint_after(interval);
        }
        let Some(file) = &self.file else { return };
        self.frames += 1;
        self.first_frame.get_or_insert(now);
        if self.written_at.is_none_or(|at| now.saturating_sub(at) >= Duration::from_secs(1)) {
            self.written_at = Some(now);
            let first = self.first_frame.map_or(0, |d| d.as_millis());
            let text = format!("frames {}\nfirst_frame_ms {first}\n", self.frames);
            if let Err(e) = std::fs::write(file, text) {
                eprintln!("unbrace: cannot write frame stats to {}: {e}", file.display());
                self.file = None;
            }
        }
    }
}
