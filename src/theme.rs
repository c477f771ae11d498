//! The one place colours, spacing and type sizes are defined: a calm, soft twilight palette
//! with large, readable type.

use egui::{Color32, FontFamily, FontId, Margin, Stroke, TextStyle, Visuals};

/// The window background: a deep, quiet blue-grey.
pub const BACKGROUND: Color32 = Color32::from_rgb(0x1b, 0x22, 0x30);
/// Side panels, one step lighter.
pub const PANEL: Color32 = Color32::from_rgb(0x21, 0x29, 0x39);
/// Cards and selected rows.
pub const RAISED: Color32 = Color32::from_rgb(0x2a, 0x34, 0x47);
/// Body text: a warm off-white, easy on the eyes in the dark.
pub const TEXT: Color32 = Color32::from_rgb(0xe8, 0xe3, 0xd9);
/// Secondary text: summaries, sources, times.
pub const MUTED: Color32 = Color32::from_rgb(0xa4, 0xac, 0xba);
/// The breathing shape: a soft sage teal.
pub const BREATH: Color32 = Color32::from_rgb(0x8c, 0xc7, 0xb5);
/// Holds: a gentle lavender, so a rest looks different from motion.
pub const HOLD: Color32 = Color32::from_rgb(0xbf, 0xb2, 0xe0);
/// Problems with files: a soft amber, never an alarm red.
pub const CAUTION: Color32 = Color32::from_rgb(0xe6, 0xbe, 0x82);

/// Generous spacing between groups.
pub const GAP: f32 = 16.0;

/// Type sizes, in points.
pub const PHASE_WORDS_SIZE: f32 = 40.0;
pub const COUNTDOWN_SIZE: f32 = 48.0;
pub const HEADING_SIZE: f32 = 26.0;
pub const BODY_SIZE: f32 = 18.0;
pub const SMALL_SIZE: f32 = 15.0;

/// Large proportional text of the given size.
#[must_use]
pub fn font(size: f32) -> FontId {
    FontId::new(size, FontFamily::Proportional)
}

/// A translucent version of a palette colour (for glows and guides).
#[must_use]
pub fn faded(color: Color32, alpha: f32) -> Color32 {
    color.gamma_multiply(alpha)
}

/// An opaque colour part way from the background to `color` (for shapes that overlap, where
/// translucency would show the seams).
#[must_use]
pub fn toward(color: Color32, t: f32) -> Color32 {
    BACKGROUND.lerp_to_gamma(color, t)
}

/// Applies the palette, type sizes and spacing to every egui style.
pub fn apply(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, font(HEADING_SIZE)),
            (TextStyle::Body, font(BODY_SIZE)),
            (TextStyle::Button, font(BODY_SIZE)),
            (TextStyle::Small, font(SMALL_SIZE)),
            (TextStyle::Monospace, FontId::new(BODY_SIZE - 2.0, FontFamily::Monospace)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(10.0, 10.0);
        style.spacing.button_padding = egui::vec2(16.0, 8.0);
        style.spacing.interact_size.y = 32.0;
        style.spacing.slider_width = 260.0;
        style.visuals = visuals();
    });
}

fn visuals() -> Visuals {
    let mut v = Visuals::dark();
    v.override_text_color = Some(TEXT);
    v.panel_fill = PANEL;
    v.window_fill = PANEL;
    v.extreme_bg_color = BACKGROUND;
    v.faint_bg_color = RAISED;
    v.selection.bg_fill = faded(BREATH, 0.35);
    v.selection.stroke = Stroke::new(1.0, BREATH);
    v.hyperlink_color = BREATH;
    v.warn_fg_color = CAUTION;
    v.widgets.inactive.weak_bg_fill = RAISED;
    v.widgets.inactive.bg_fill = RAISED;
    v.widgets.hovered.weak_bg_fill = faded(BREATH, 0.25);
    v.widgets.active.weak_bg_fill = faded(BREATH, 0.4);
    for w in [&mut v.widgets.inactive, &mut v.widgets.hovered, &mut v.widgets.active] {
        w.corner_radius = 10.into();
    }
    v
}

/// The frame of the central area.
pub fn central_frame() -> egui::Frame {
    egui::Frame::new().fill(BACKGROUND).inner_margin(Margin::same(24))
}

/// The frame of side and top panels.
pub fn panel_frame() -> egui::Frame {
    egui::Frame::new().fill(PANEL).inner_margin(Margin::symmetric(20, 14))
}
