//! The hero of the breathing view: a soft disc that grows on the inhale, shrinks on the
//! exhale and rests during holds, with the seconds left in the phase at its centre.

use egui::{Align2, Color32, Mesh, Pos2, Rect, Stroke, Ui};

use crate::theme;

/// The smallest disc, as a fraction of the largest.
const EMPTY_FRACTION: f32 = 0.38;

/// What the shape shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapeState {
    /// 0 empty, 1 full (already eased).
    pub level: f32,
    pub hold: bool,
    /// Whole seconds left in the phase, shown at the centre; `None` for no number.
    pub countdown: Option<u64>,
    /// Keep the size still and breathe with brightness instead.
    pub reduced_motion: bool,
}

/// How the shape looks at a level: its radius (as a fraction from empty to full) and how
/// bright its colour is (0 dim to 1 full). With reduced motion the size stays put and only
/// the brightness follows the breath.
#[must_use]
pub fn appearance(level: f32, reduced_motion: bool) -> (f32, f32) {
    let level = level.clamp(0.0, 1.0);
    if reduced_motion { (0.75, 0.35 + 0.65 * level) } else { (level, 1.0) }
}

/// Radii, in points, for a shape drawn in `rect`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Radii {
    pub empty: f32,
    pub full: f32,
}

impl Radii {
    #[must_use]
    pub fn for_rect(rect: Rect) -> Self {
        // Leave room for the glow around the full disc.
        let full = (rect.width().min(rect.height()) / 2.0 - 18.0).max(8.0);
        Self { empty: full * EMPTY_FRACTION, full }
    }

    /// How far the edge travels between empty and full, in points.
    #[must_use]
    pub fn travel(self) -> f32 {
        self.full - self.empty
    }
}

/// How far the glow reaches beyond the disc, in points.
const GLOW_WIDTH: f32 = 16.0;

/// The glow's opacity at 0, 4, 8, 12 and 16 points beyond the disc's edge: soft, falling to
/// nothing (the look of four translucent rings stacked 4 points apart, without painting the
/// disc's area four more times).
const GLOW_ALPHA: [f32; 5] = [0.19, 0.165, 0.125, 0.08, 0.0];

/// The disc's opacity over its glow, and its brighter core's (72 % of the radius) over it:
/// the colours are worked out from these once, and each pixel is painted once, opaque.
const DISC_ALPHA: f32 = 0.88;
const CORE_ALPHA: f32 = 0.96;
const CORE_FRACTION: f32 = 0.72;

/// Paints the shape centred in `rect`.
pub fn paint(ui: &Ui, rect: Rect, state: ShapeState) {
    let painter = ui.painter_at(rect.expand(2.0));
    let center: Pos2 = rect.center();
    let radii = Radii::for_rect(rect);
    let (size, brightness) = appearance(state.level, state.reduced_motion);
    let radius = radii.empty + radii.travel() * size;
    let full = if state.hold { theme::palette().hold } else { theme::palette().breath };
    let color = theme::toward(full, brightness);
    let pixel = 1.0 / ui.ctx().pixels_per_point();

    // Where the breath is heading and where it rests: two faint guides, each only while the
    // disc does not cover it.
    let guides = [
        (radii.full, Stroke::new(1.5, theme::faded(theme::palette().muted, 0.25))),
        (radii.empty, Stroke::new(1.0, theme::faded(theme::palette().muted, 0.15))),
    ];
    for (at, stroke) in guides {
        if at + stroke.width / 2.0 + pixel > radius - pixel {
            painter.circle_stroke(center, at, stroke);
        }
    }

    // The disc, its core and its glow: one mesh, each pixel painted once.
    let colors = DiscColors::over(theme::palette().background, color);
    painter.add(disc_mesh(center, radius, pixel, colors));

    if let Some(secs) = state.countdown {
        painter.text(
            center,
            Align2::CENTER_CENTER,
            secs.to_string(),
            // Never larger than the smallest disc, so the number always sits inside it.
            theme::font(theme::COUNTDOWN_SIZE.min(radii.empty * 1.2)),
            countdown_color(colors.core),
        );
    }
}

/// The countdown's colour on a core of `core`: the background's or the text's, whichever
/// reads better (a dim disc, as with reduced motion at an empty hold, takes light text).
fn countdown_color(core: Color32) -> Color32 {
    let p = theme::palette();
    if theme::contrast(p.background, core) >= theme::contrast(p.text, core) { p.background } else { p.text }
}

/// The colours of the disc, worked out once: opaque where the disc is, translucent in the glow.
#[derive(Debug, Clone, Copy, PartialEq)]
struct DiscColors {
    core: Color32,
    disc: Color32,
    /// The glow at each of [`GLOW_ALPHA`]'s distances (premultiplied, over whatever is behind).
    glow: [Color32; 5],
}

impl DiscColors {
    /// The disc in `color` on `background`, as a translucent disc over its glow would look.
    fn over(background: Color32, color: Color32) -> Self {
        let glow = GLOW_ALPHA.map(|alpha| theme::faded(color, alpha));
        let disc = background.blend(glow[0]).blend(theme::faded(color, DISC_ALPHA));
        let core = disc.blend(theme::faded(color, CORE_ALPHA));
        Self { core, disc, glow }
    }
}

/// How many segments make a circle of `radius_px` look round: each chord strays at most
/// about a tenth of a pixel from the arc.
fn segments(radius_px: f32) -> u32 {
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped to 32..=256")]
    let n = (std::f32::consts::TAU * (radius_px.max(1.0) / 0.8).sqrt()).ceil().clamp(32.0, 256.0) as u32;
    n
}

/// One mesh for the whole shape: concentric rings of vertices from the centre out, each ring
/// joined to the next by a band of triangles, so no triangle overlaps another. The edges
/// between colours (core to disc, disc to glow) are a pixel wide, as anti-aliasing draws them.
fn disc_mesh(center: Pos2, radius: f32, pixel: f32, colors: DiscColors) -> Mesh {
    let half = pixel / 2.0;
    let core = (radius * CORE_FRACTION).max(pixel);
    let mut rings: Vec<(f32, Color32)> = vec![
        (core - half, colors.core),
        (core + half, colors.disc),
        (radius - half, colors.disc),
        (radius + half, colors.glow[0]),
    ];
    #[expect(clippy::cast_precision_loss, reason = "four steps")]
    let step = GLOW_WIDTH / (GLOW_ALPHA.len() - 1) as f32;
    for (i, &glow) in colors.glow.iter().enumerate().skip(1) {
        #[expect(clippy::cast_precision_loss, reason = "four steps")]
        rings.push((radius + step * i as f32, glow));
    }
    let n = segments((radius + GLOW_WIDTH) / pixel);
    let directions: Vec<egui::Vec2> = (0..n)
        .map(|i| {
            #[expect(clippy::cast_precision_loss, reason = "at most 256 segments")]
            let angle = std::f32::consts::TAU * i as f32 / n as f32;
            egui::Vec2::angled(angle)
        })
        .collect();

    let mut mesh = Mesh::default();
    mesh.reserve_vertices(1 + rings.len() * n as usize);
    mesh.reserve_triangles((2 * rings.len() - 1) * n as usize);
    mesh.colored_vertex(center, colors.core);
    for &(r, color) in &rings {
        for &d in &directions {
            mesh.colored_vertex(center + r * d, color);
        }
    }
    // The core: a fan from the centre to the first ring.
    let ring = |k: u32, i: u32| 1 + k * n + i % n;
    for i in 0..n {
        mesh.add_triangle(0, ring(0, i), ring(0, i + 1));
    }
    // Each band between one ring and the next: two triangles per segment.
    #[expect(clippy::cast_possible_truncation, reason = "nine rings")]
    let bands = rings.len() as u32 - 1;
    for k in 0..bands {
        for i in 0..n {
            mesh.add_triangle(ring(k, i), ring(k + 1, i), ring(k + 1, i + 1));
            mesh.add_triangle(ring(k, i), ring(k + 1, i + 1), ring(k, i + 1));
        }
    }
    mesh
}

#[cfg(test)]
mod tests {
    use super::*;

    fn triangle_area(mesh: &Mesh, t: &[u32]) -> f32 {
        let [a, b, c] = [t[0], t[1], t[2]].map(|i| mesh.vertices[i as usize].pos);
        ((b - a).x * (c - a).y - (b - a).y * (c - a).x).abs() / 2.0
    }

    #[test]
    fn the_shape_is_one_mesh_painting_each_pixel_once() {
        let colors = DiscColors::over(theme::DARK.background, theme::DARK.breath);
        for (radius, pixel) in [(150.0, 1.0), (40.0, 0.5), (8.0, 1.0)] {
            let mesh = disc_mesh(Pos2::new(300.0, 300.0), radius, pixel, colors);
            assert!(mesh.is_valid());
            // The triangles add up to the outer polygon's area: none overlaps another.
            let painted: f32 = mesh.indices.chunks(3).map(|t| triangle_area(&mesh, t)).sum();
            let outer = radius + GLOW_WIDTH;
            #[expect(clippy::cast_precision_loss, reason = "at most 256 segments")]
            let n = segments(outer / pixel) as f32;
            let polygon = n / 2.0 * outer * outer * (std::f32::consts::TAU / n).sin();
            assert!((painted - polygon).abs() < polygon * 1e-4, "{painted} painted, {polygon} covered");
        }
    }

    #[test]
    fn the_disc_is_opaque_and_its_glow_fades_out() {
        let colors = DiscColors::over(theme::DARK.background, theme::DARK.breath);
        assert_eq!((colors.core.a(), colors.disc.a()), (255, 255));
        let alphas = colors.glow.map(|c| c.a());
        assert!(alphas.windows(2).all(|w| w[0] > w[1]), "{alphas:?}");
        assert_eq!(alphas[4], 0);
    }

    #[test]
    fn the_opaque_disc_looks_as_the_stacked_translucent_one_did() {
        for palette in [theme::DARK, theme::LIGHT, theme::HIGH_CONTRAST] {
            let (background, color) = (palette.background, palette.breath);
            // Before: four glow discs at 5 %, the disc at 88 % and its core at 96 % on top.
            let glow = theme::faded(color, 0.05);
            let stacked = background.blend(glow).blend(glow).blend(glow).blend(glow);
            let disc = stacked.blend(theme::faded(color, DISC_ALPHA));
            let core = disc.blend(theme::faded(color, CORE_ALPHA));
            let now = DiscColors::over(background, color);
            let close = |a: Color32, b: Color32| {
                a.to_array().iter().zip(b.to_array()).all(|(x, y)| x.abs_diff(y) <= 1)
            };
            assert!(close(now.disc, disc), "{:?} vs {disc:?}", now.disc);
            assert!(close(now.core, core), "{:?} vs {core:?}", now.core);
        }
    }

    #[test]
    fn reduced_motion_keeps_the_size_and_breathes_with_brightness() {
        assert_eq!(appearance(0.0, false), (0.0, 1.0));
        assert_eq!(appearance(1.0, false), (1.0, 1.0));
        let (empty, dim) = appearance(0.0, true);
        let (full, bright) = appearance(1.0, true);
        assert!((empty - full).abs() < f32::EPSILON, "the size does not move");
        assert!(bright > dim + 0.5, "the brightness does");
    }

    #[test]
    fn the_countdown_reads_on_a_bright_or_a_dim_disc_in_every_theme() {
        for palette in [theme::DARK, theme::LIGHT, theme::HIGH_CONTRAST] {
            let ctx = egui::Context::default();
            theme::use_palette(&ctx, palette);
            for brightness in [0.0, 0.25, 0.5, 0.75, 1.0] {
                for full in [palette.breath, palette.hold] {
                    let color = theme::toward(full, brightness);
                    let core = DiscColors::over(palette.background, color).core;
                    let ratio = theme::contrast(countdown_color(core), core);
                    assert!(ratio >= 3.0, "{ratio:.2}:1 at brightness {brightness}");
                }
            }
        }
    }
}
