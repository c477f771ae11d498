//! The reference for `tools/measure-window`: a plain eframe program, as anyone would first
//! write one. One heading and one filled circle in a central panel, repainting 60 times a
//! second, glow backend, a 1100×720 window: what Unbrace's window is compared with.
//!
//!     cargo run --release --example plain_frame
//!
//! With `UNBRACE_FRAME_STATS=FILE` it counts its frames into FILE, as the app does.

use std::time::Duration;

use unbrace::clock::{Clock, MonotonicClock};
use unbrace::frame_stats::FrameStats;

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_title("Plain frame").with_inner_size([1100.0, 720.0]),
        ..Default::default()
    };
    let clock = MonotonicClock::new();
    eframe::run_native(
        "plain_frame",
        options,
        Box::new(move |_cc| Ok(Box::new(Plain { clock, stats: FrameStats::from_env() }))),
    )
}

struct Plain {
    clock: MonotonicClock,
    stats: FrameStats,
}

impl eframe::App for Plain {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("A plain eframe frame");
            let center = ui.available_rect_before_wrap().center();
            ui.painter().circle_filled(center, 120.0, egui::Color32::from_rgb(0x8c, 0xc7, 0xb5));
        });
        ui.ctx().request_repaint_after(Duration::from_secs(1) / 60);
        self.stats.frame(ui.ctx(), self.clock.now());
    }
}
