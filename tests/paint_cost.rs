//! What each frame asks the rasteriser to do, counted without a GPU: the area its triangles
//! cover (a pixel painted twice counts twice) and the texture data it uploads. In software
//! rendering (Mesa llvmpipe) a frame's cost is mostly this area; `tools/measure-window`
//! measures the real thing. No times here: areas and bytes are exact.

mod common;

use std::time::Duration;

use egui::epaint::Primitive;
use unbrace::app::UnbraceApp;
use unbrace::clock::ManualClock;

const WINDOW: egui::Vec2 = egui::vec2(1100.0, 720.0);

/// What one frame painted: the area of its triangles in pixels, and the texture bytes sent.
#[derive(Debug, Clone, Copy, Default)]
struct Painted {
    area_px: f64,
    uploaded_bytes: usize,
}

fn painted(ctx: &egui::Context, mut output: egui::FullOutput) -> Painted {
    let uploaded_bytes = output
        .textures_delta
        .set
        .values()
        .flatten()
        .map(|delta| delta.image.width() * delta.image.height() * 4)
        .sum();
    // Counted, as a renderer would upload them.
    output.textures_delta.clear();
    let ppp = f64::from(output.pixels_per_point);
    let mut area = 0.0;
    for clipped in ctx.tessellate(output.shapes, output.pixels_per_point) {
        let Primitive::Mesh(mesh) = clipped.primitive else { continue };
        for t in mesh.indices.chunks(3) {
            let [a, b, c] = [t[0], t[1], t[2]].map(|i| mesh.vertices[i as usize].pos);
            area += f64::from(((b - a).x * (c - a).y - (b - a).y * (c - a).x).abs() / 2.0);
        }
    }
    Painted { area_px: area * ppp * ppp, uploaded_bytes }
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, WINDOW)),
        ..Default::default()
    }
}

fn app_frame(ctx: &egui::Context, app: &mut UnbraceApp) -> Painted {
    let output = ctx.run_ui(input(), |ui| {
        app.run_logic(ui.ctx());
        app.show(ui);
    });
    painted(ctx, output)
}

/// The reference: the plain eframe program of `examples/plain_frame.rs`, one heading and one
/// filled circle in a central panel.
fn plain_frame() -> Painted {
    let ctx = egui::Context::default();
    let mut last = Painted::default();
    for _ in 0..3 {
        let output = ctx.run_ui(input(), |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.heading("A plain eframe frame");
                let center = ui.available_rect_before_wrap().center();
                ui.painter().circle_filled(center, 120.0, egui::Color32::from_rgb(0x8c, 0xc7, 0xb5));
            });
        });
        last = painted(&ctx, output);
    }
    last
}

fn app_at(start: Option<&str>) -> (ManualClock, egui::Context, UnbraceApp) {
    let clock = ManualClock::new();
    let mut app = UnbraceApp::new(unbrace::library::load(None), Box::new(clock.clone()), common::settled());
    if let Some(id) = start {
        app = app.starting(id);
    }
    let ctx = egui::Context::default();
    UnbraceApp::install_theme(&ctx);
    (clock, ctx, app)
}

#[test]
fn a_breathing_frame_paints_less_than_half_a_plain_frame_and_uploads_nothing_once_warm() {
    let plain = plain_frame();
    let window_px = f64::from(WINDOW.x * WINDOW.y);
    assert!(plain.area_px > window_px, "the plain frame fills its window: {plain:?}");

    let (clock, ctx, mut app) = app_at(Some("breathing/resonance-5-5.ron"));
    // The first minute, a frame a second and a breath at full rate: every digit the countdown
    // and the times show has been drawn (a new glyph, or one at a new place, goes into the
    // font texture once).
    let mut t = Duration::ZERO;
    let advance = |by: Duration, t: &mut Duration| {
        clock.advance(by);
        *t += by;
    };
    while t < Duration::from_secs(11) {
        app_frame(&ctx, &mut app);
        advance(Duration::from_millis(50), &mut t);
    }
    while t < Duration::from_secs(61) {
        app_frame(&ctx, &mut app);
        advance(Duration::from_secs(1), &mut t);
    }
    // The next breath, at the frame rate the practice asks for at its fastest.
    let mut largest = Painted::default();
    let mut uploaded = 0;
    while t < Duration::from_secs(72) {
        let frame = app_frame(&ctx, &mut app);
        uploaded += frame.uploaded_bytes;
        if frame.area_px > largest.area_px {
            largest = frame;
        }
        advance(Duration::from_millis(50), &mut t);
    }
    eprintln!("plain frame {:.0} px; breathing frame at most {:.0} px", plain.area_px, largest.area_px);
    assert_eq!(uploaded, 0, "no texture is uploaded once the fonts are warm");
    assert!(
        largest.area_px < 0.5 * plain.area_px,
        "a breathing frame paints {:.0} px, a plain one {:.0} px",
        largest.area_px,
        plain.area_px
    );
}

#[test]
fn a_body_scan_frame_paints_less_than_a_plain_frame() {
    let plain = plain_frame();
    let (clock, ctx, mut app) = app_at(Some("body_scan/hips-and-psoas.ron"));
    let mut largest = Painted::default();
    for _ in 0..40 {
        let frame = app_frame(&ctx, &mut app);
        if frame.area_px > largest.area_px {
            largest = frame;
        }
        clock.advance(Duration::from_millis(250));
    }
    eprintln!("plain frame {:.0} px; body-scan frame at most {:.0} px", plain.area_px, largest.area_px);
    assert!(largest.area_px < plain.area_px, "{largest:?} vs {plain:?}");
}
