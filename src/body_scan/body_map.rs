//! The body map: a front and a back human silhouette drawn with egui shapes (no image files,
//! so it scales to any size), with the current region highlighted and visited ones tinted.

use std::collections::HashSet;

use egui::{Align2, Color32, Pos2, Rect, Stroke, Ui, pos2, vec2};

use crate::theme;
use unbrace_core::body_scan::region::Region;

/// Which figure a part is drawn on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Front,
    Back,
    Both,
}

#[derive(Clone, Copy)]
enum Shape {
    Circle {
        center: (f32, f32),
        radius: f32,
    },
    /// A line with round ends: limbs, the neck, the shoulders.
    Capsule {
        a: (f32, f32),
        b: (f32, f32),
        radius: f32,
    },
    Block {
        min: (f32, f32),
        max: (f32, f32),
        rounding: f32,
    },
}

struct Part {
    shape: Shape,
    side: Side,
    /// Mirror it to the other half of the body too.
    mirrored: bool,
    regions: &'static [Region],
}

const fn part(shape: Shape, side: Side, mirrored: bool, regions: &'static [Region]) -> Part {
    Part { shape, side, mirrored, regions }
}

use Region as R;
use Shape::{Block, Capsule, Circle};
use Side::{Back, Both, Front};

/// One figure is 100 units wide and 230 tall; parts are listed back to front.
const PARTS: &[Part] = &[
    part(Capsule { a: (28.0, 50.0), b: (22.0, 86.0), radius: 5.5 }, Both, true, &[R::Arms]),
    part(Capsule { a: (22.0, 86.0), b: (19.0, 116.0), radius: 4.5 }, Both, true, &[R::Arms]),
    part(Circle { center: (18.5, 123.0), radius: 5.5 }, Both, true, &[R::Hands]),
    part(Capsule { a: (42.0, 120.0), b: (41.0, 160.0), radius: 8.5 }, Front, true, &[R::Thighs]),
    part(Capsule { a: (42.0, 120.0), b: (41.0, 160.0), radius: 8.5 }, Back, true, &[R::Hamstrings]),
    part(Capsule { a: (41.0, 168.0), b: (42.0, 204.0), radius: 6.0 }, Front, true, &[]),
    part(Capsule { a: (41.0, 168.0), b: (42.0, 204.0), radius: 6.5 }, Back, true, &[R::Calves]),
    part(Circle { center: (41.0, 164.0), radius: 6.5 }, Both, true, &[R::Knees]),
    part(Capsule { a: (40.0, 212.0), b: (45.0, 215.0), radius: 4.5 }, Both, true, &[R::Feet]),
    part(Block { min: (33.0, 100.0), max: (67.0, 121.0), rounding: 9.0 }, Front, false, &[R::Hips]),
    part(Block { min: (33.0, 100.0), max: (67.0, 121.0), rounding: 9.0 }, Back, false, &[R::Glutes, R::Hips]),
    part(
        Block { min: (35.0, 77.0), max: (65.0, 102.0), rounding: 6.0 },
        Front,
        false,
        &[R::Belly, R::Breath],
    ),
    part(Block { min: (35.0, 77.0), max: (65.0, 102.0), rounding: 6.0 }, Back, false, &[R::LowerBack]),
    part(Block { min: (33.0, 46.0), max: (67.0, 79.0), rounding: 9.0 }, Front, false, &[R::Chest, R::Breath]),
    part(Block { min: (33.0, 46.0), max: (67.0, 79.0), rounding: 9.0 }, Back, false, &[R::UpperBack]),
    part(Capsule { a: (31.0, 47.0), b: (69.0, 47.0), radius: 7.0 }, Both, false, &[R::Shoulders]),
    part(Capsule { a: (50.0, 30.0), b: (50.0, 41.0), radius: 5.5 }, Both, false, &[R::Neck]),
    part(Circle { center: (50.0, 17.0), radius: 13.0 }, Both, false, &[R::Head]),
    part(Circle { center: (50.0, 21.0), radius: 8.0 }, Front, false, &[R::FaceAndJaw, R::Head]),
];

const FIGURE_WIDTH: f32 = 100.0;
const FIGURE_HEIGHT: f32 = 230.0;
const GAP: f32 = 24.0;
const LABEL_HEIGHT: f32 = 26.0;

/// How brightly a part is drawn: `strong` regions in full colour (the current step, or the
/// regions tapped in a check-in), `tinted` ones softly (visited steps).
fn fill(regions: &[Region], strong: &HashSet<Region>, tinted: &HashSet<Region>) -> Color32 {
    let lit = |r: &Region| *r == Region::WholeBody || regions.contains(r);
    if strong.iter().any(lit) {
        theme::palette().breath
    } else if tinted.iter().filter(|&&r| r != Region::WholeBody).any(lit) {
        // A visited whole-body step would tint everything and hide the trail: skip it.
        theme::toward(theme::palette().breath, 0.55)
    } else {
        // The figure itself stands out from the page at 3:1 or more in every theme.
        theme::palette().control
    }
}

/// The room under the figures for "Front" and "Back", in points: their text is never
/// scaled down with the figures, so it never gets cut.
fn label_room() -> f32 {
    theme::SMALL_SIZE * 1.5
}

/// Where the two figures sit in `rect`: the scale and the left edge of each.
fn layout(rect: Rect) -> (f32, Pos2, [f32; 2]) {
    let figures = vec2(FIGURE_WIDTH * 2.0 + GAP, FIGURE_HEIGHT);
    let scale = (rect.width() / figures.x).min((rect.height() - label_room()).max(1.0) / figures.y);
    let total = figures * scale + vec2(0.0, label_room());
    let origin = rect.center() - total / 2.0;
    (scale, origin, [origin.x, origin.x + (FIGURE_WIDTH + GAP) * scale])
}

/// Every drawn shape of a part on one figure (itself and its mirror image).
fn shapes_of(p: &Part) -> Vec<Shape> {
    let mirror = |(x, y): (f32, f32)| (FIGURE_WIDTH - x, y);
    let mut shapes = vec![p.shape];
    if p.mirrored {
        shapes.push(match p.shape {
            Circle { center, radius } => Circle { center: mirror(center), radius },
            Capsule { a, b, radius } => Capsule { a: mirror(a), b: mirror(b), radius },
            Block { min, max, rounding } => {
                Block { min: (FIGURE_WIDTH - max.0, min.1), max: (FIGURE_WIDTH - min.0, max.1), rounding }
            }
        });
    }
    shapes
}

/// Paints both figures, fitted into `rect`.
pub fn paint(ui: &Ui, rect: Rect, strong: &HashSet<Region>, tinted: &HashSet<Region>) {
    let painter = ui.painter_at(rect);
    let (scale, origin, lefts) = layout(rect);
    for ((side, label), left) in [(Front, "Front"), (Back, "Back")].into_iter().zip(lefts) {
        let at = |(x, y): (f32, f32)| -> Pos2 { pos2(left + x * scale, origin.y + y * scale) };
        for p in PARTS.iter().filter(|p| p.side == side || p.side == Both) {
            let color = fill(p.regions, strong, tinted);
            for shape in shapes_of(p) {
                match shape {
                    Circle { center, radius } => {
                        painter.circle_filled(at(center), radius * scale, color);
                    }
                    Capsule { a, b, radius } => {
                        let stroke = Stroke::new(radius * 2.0 * scale, color);
                        painter.line_segment([at(a), at(b)], stroke);
                        painter.circle_filled(at(a), radius * scale, color);
                        painter.circle_filled(at(b), radius * scale, color);
                    }
                    Block { min, max, rounding } => {
                        let r = Rect::from_min_max(at(min), at(max));
                        painter.rect_filled(r, rounding * scale, color);
                    }
                }
            }
        }
        painter.text(
            pos2(
                left + FIGURE_WIDTH * scale / 2.0,
                origin.y + FIGURE_HEIGHT * scale + theme::SMALL_SIZE * 0.2,
            ),
            Align2::CENTER_TOP,
            label,
            theme::font(theme::SMALL_SIZE),
            theme::palette().muted,
        );
    }
}

/// The region under `pos` (the topmost part drawn there), for tapping the map.
#[must_use]
pub fn region_at(rect: Rect, pos: Pos2) -> Option<Region> {
    let (scale, origin, lefts) = layout(rect);
    for (side, left) in [Front, Back].into_iter().zip(lefts) {
        let p = egui::pos2((pos.x - left) / scale, (pos.y - origin.y) / scale);
        let hit = PARTS.iter().rev().filter(|part| part.side == side || part.side == Both).find(|part| {
            shapes_of(part).into_iter().any(|shape| match shape {
                Circle { center, radius } => p.distance(pos2(center.0, center.1)) <= radius,
                Capsule { a, b, radius } => {
                    let (a, b) = (pos2(a.0, a.1), pos2(b.0, b.1));
                    let ab = b - a;
                    let t = ((p - a).dot(ab) / ab.length_sq().max(f32::EPSILON)).clamp(0.0, 1.0);
                    p.distance(a + ab * t) <= radius
                }
                Block { min, max, .. } => {
                    Rect::from_min_max(pos2(min.0, min.1), pos2(max.0, max.1)).contains(p)
                }
            })
        });
        if let Some(part) = hit.and_then(|part| part.regions.first()) {
            return Some(*part);
        }
    }
    None
}

/// The map's natural aspect ratio (width / height).
#[must_use]
pub fn aspect() -> f32 {
    (FIGURE_WIDTH * 2.0 + GAP) / (FIGURE_HEIGHT + LABEL_HEIGHT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tapping_finds_the_region_under_the_pointer() {
        let rect =
            Rect::from_min_size(pos2(0.0, 0.0), vec2(FIGURE_WIDTH * 2.0 + GAP, FIGURE_HEIGHT + LABEL_HEIGHT));
        assert_eq!(region_at(rect, pos2(50.0, 90.0)), Some(Region::Belly));
        assert_eq!(region_at(rect, pos2(FIGURE_WIDTH + GAP + 50.0, 90.0)), Some(Region::LowerBack));
        assert_eq!(region_at(rect, pos2(50.0, 21.0)), Some(Region::FaceAndJaw));
        assert_eq!(region_at(rect, pos2(2.0, 2.0)), None);
    }

    #[test]
    fn every_region_lights_at_least_one_part() {
        for region in Region::ALL {
            let lit = region == Region::WholeBody || PARTS.iter().any(|p| p.regions.contains(&region));
            assert!(lit, "{region:?} has no part on the body map");
        }
    }
}
