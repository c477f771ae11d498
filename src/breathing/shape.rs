//! The hero of the breathing view: a soft disc that grows on the inhale, shrinks on the
//! exhale and rests during holds, with the seconds left in the phase at its centre.

use egui::{Align2, Pos2, Rect, Stroke, Ui};

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

/// Paints the shape centred in `rect`.
pub fn paint(ui: &Ui, rect: Rect, state: ShapeState) {
    let painter = ui.painter_at(rect.expand(2.0));
    let center: Pos2 = rect.center();
    let radii = Radii::for_rect(rect);
    let (size, brightness) = appearance(state.level, state.reduced_motion);
    let radius = radii.empty + radii.travel() * size;
    let full = if state.hold { theme::palette().hold } else { theme::palette().breath };
    let color = theme::toward(full, brightness);

    // Where the breath is heading and where it rests: two faint guides.
    painter.circle_stroke(center, radii.full, Stroke::new(1.5, theme::faded(theme::palette().muted, 0.25)));
    painter.circle_stroke(center, radii.empty, Stroke::new(1.0, theme::faded(theme::palette().muted, 0.15)));

    // A soft glow: a few translucent rings fading outwards.
    for i in (1..=4_u8).rev() {
        let grow = f32::from(i) * 4.0;
        painter.circle_filled(center, radius + grow, theme::faded(color, 0.05));
    }
    painter.circle_filled(center, radius, theme::faded(color, 0.88));
    painter.circle_filled(center, radius * 0.72, theme::faded(color, 0.96));

    if let Some(secs) = state.countdown {
        painter.text(
            center,
            Align2::CENTER_CENTER,
            secs.to_string(),
            // Never larger than the smallest disc, so the number always sits inside it.
            theme::font(theme::COUNTDOWN_SIZE.min(radii.empty * 1.2)),
            theme::palette().background,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduced_motion_keeps_the_size_and_breathes_with_brightness() {
        assert_eq!(appearance(0.0, false), (0.0, 1.0));
        assert_eq!(appearance(1.0, false), (1.0, 1.0));
        let (empty, dim) = appearance(0.0, true);
        let (full, bright) = appearance(1.0, true);
        assert!((empty - full).abs() < f32::EPSILON, "the size does not move");
        assert!(bright > dim + 0.5, "the brightness does");
    }
}
