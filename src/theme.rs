//! The one place colours, spacing and type sizes are defined: calm palettes (a soft twilight,
//! warm paper, and high contrast) with large, readable type.

use egui::{Color32, FontFamily, FontId, Margin, Stroke, TextStyle, Visuals};
use unbrace_core::settings::ThemeChoice;

/// The colours of one theme. Views read them through [`palette`], never inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// The window background.
    pub background: Color32,
    /// Side panels, one step away from the background.
    pub panel: Color32,
    /// Cards and selected rows.
    pub raised: Color32,
    /// Body text.
    pub text: Color32,
    /// Secondary text: summaries, sources, times.
    pub muted: Color32,
    /// The breathing shape.
    pub breath: Color32,
    /// Holds, so a rest looks different from motion.
    pub hold: Color32,
    /// Problems with files: never an alarm red.
    pub caution: Color32,
    /// What shows a control's shape (field borders, slider rails, check boxes): at least 3:1
    /// against the panels, as WCAG asks of controls.
    pub control: Color32,
    /// The heart-rate curve: a soft warm rose, calm beside the breath.
    pub heart: Color32,
    /// Whether egui's dark widget styles suit it.
    pub dark: bool,
}

/// A calm twilight: deep blue-grey, warm off-white text, a soft sage teal breath.
pub const DARK: Palette = Palette {
    background: Color32::from_rgb(0x1b, 0x22, 0x30),
    panel: Color32::from_rgb(0x21, 0x29, 0x39),
    raised: Color32::from_rgb(0x2a, 0x34, 0x47),
    text: Color32::from_rgb(0xe8, 0xe3, 0xd9),
    muted: Color32::from_rgb(0xa4, 0xac, 0xba),
    breath: Color32::from_rgb(0x8c, 0xc7, 0xb5),
    hold: Color32::from_rgb(0xbf, 0xb2, 0xe0),
    caution: Color32::from_rgb(0xe6, 0xbe, 0x82),
    control: Color32::from_rgb(0x76, 0x80, 0x8f),
    heart: Color32::from_rgb(0xe3, 0xa6, 0x9d),
    dark: true,
};

/// Warm paper and ink, with a deeper teal so the shape holds its contrast.
pub const LIGHT: Palette = Palette {
    background: Color32::from_rgb(0xf4, 0xf1, 0xea),
    panel: Color32::from_rgb(0xea, 0xe5, 0xdb),
    raised: Color32::from_rgb(0xdd, 0xd6, 0xc8),
    text: Color32::from_rgb(0x26, 0x2a, 0x31),
    muted: Color32::from_rgb(0x55, 0x5c, 0x68),
    breath: Color32::from_rgb(0x2f, 0x80, 0x6b),
    hold: Color32::from_rgb(0x6a, 0x58, 0xa6),
    caution: Color32::from_rgb(0x8a, 0x4f, 0x06),
    control: Color32::from_rgb(0x7d, 0x77, 0x6b),
    heart: Color32::from_rgb(0xa6, 0x4b, 0x42),
    dark: false,
};

/// Black and white with bright accents, for low vision.
pub const HIGH_CONTRAST: Palette = Palette {
    background: Color32::BLACK,
    panel: Color32::from_rgb(0x0c, 0x0c, 0x0c),
    raised: Color32::from_rgb(0x26, 0x26, 0x26),
    text: Color32::WHITE,
    muted: Color32::from_rgb(0xdd, 0xdd, 0xdd),
    breath: Color32::from_rgb(0x5f, 0xf0, 0xcc),
    hold: Color32::from_rgb(0xd4, 0xc4, 0xff),
    caution: Color32::from_rgb(0xff, 0xc8, 0x5a),
    control: Color32::from_rgb(0x8a, 0x8a, 0x8a),
    heart: Color32::from_rgb(0xff, 0xa8, 0xa0),
    dark: true,
};

thread_local! {
    /// The palette in use on this thread (the UI thread; each test has its own).
    static CURRENT: std::cell::Cell<Palette> = const { std::cell::Cell::new(DARK) };
}

/// The colours in use.
#[must_use]
pub fn palette() -> Palette {
    CURRENT.with(std::cell::Cell::get)
}

/// Switches to `palette` and restyles egui to match; does nothing if it is already in use.
/// The palette for a theme choice; `system_is_light` answers for
/// [`ThemeChoice::System`].
#[must_use]
pub fn palette_for(choice: ThemeChoice, system_is_light: bool) -> Palette {
    match choice {
        ThemeChoice::System if system_is_light => LIGHT,
        ThemeChoice::Light => LIGHT,
        ThemeChoice::System | ThemeChoice::Dark => DARK,
        ThemeChoice::HighContrast => HIGH_CONTRAST,
    }
}

pub fn use_palette(ctx: &egui::Context, palette: Palette) {
    if CURRENT.with(|c| c.replace(palette)) != palette {
        apply(ctx);
    }
}

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
    palette().background.lerp_to_gamma(color, t)
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
    let p = palette();
    let mut v = if p.dark { Visuals::dark() } else { Visuals::light() };
    v.override_text_color = Some(p.text);
    v.panel_fill = p.panel;
    v.window_fill = p.panel;
    v.extreme_bg_color = p.background;
    v.faint_bg_color = p.raised;
    v.selection.bg_fill = faded(p.breath, 0.35);
    v.selection.stroke = Stroke::new(1.0, p.breath);
    v.hyperlink_color = p.breath;
    v.warn_fg_color = p.caution;
    // Buttons fill with `weak_bg_fill`; rails and check boxes with `bg_fill`, which must show
    // their shape (3:1) and carry a check mark in the text colour.
    v.widgets.inactive.weak_bg_fill = p.raised;
    v.widgets.inactive.bg_fill = p.control;
    // Every control has an edge, text fields included (not only when hovered).
    v.widgets.inactive.bg_stroke = Stroke::new(1.0, p.control);
    v.widgets.hovered.weak_bg_fill = faded(p.breath, 0.25);
    v.widgets.hovered.bg_fill = p.control;
    v.widgets.hovered.bg_stroke = Stroke::new(1.0, p.breath);
    v.widgets.active.weak_bg_fill = faded(p.breath, 0.4);
    v.widgets.active.bg_fill = p.breath;
    // Keyboard focus shows as a clear ring (a focused widget is drawn as active).
    v.widgets.active.bg_stroke = Stroke::new(2.0, p.breath);
    v.widgets.open.weak_bg_fill = p.raised;
    v.widgets.open.bg_fill = p.raised;
    v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, p.raised);
    for w in [&mut v.widgets.inactive, &mut v.widgets.hovered, &mut v.widgets.active] {
        w.corner_radius = 10.into();
    }
    v
}

/// A window over the page, the same for every one: centred near the top, not collapsible,
/// with a close button. Returns `false` once the user has closed it.
pub fn dialog(
    ctx: &egui::Context,
    title: &str,
    width: f32,
    add_contents: impl FnOnce(&mut egui::Ui),
) -> bool {
    let mut open = true;
    // Below the top bar, and never past the bottom of the window: long content (or large
    // text) scrolls inside.
    let top = 60.0;
    let room = (ctx.content_rect().height() - top - 80.0).max(120.0);
    // As wide as asked, or the window's width less a margin: text wraps inside.
    let width = width.min(ctx.content_rect().width() - 32.0).max(160.0);
    // Room to breathe inside the window (egui's default is 6 points), less on a small screen.
    let margin = if ctx.content_rect().width() < 640.0 { 10 } else { 18 };
    egui::Window::new(title)
        .frame(egui::Frame::window(&ctx.global_style()).inner_margin(Margin::same(margin)))
        .open(&mut open)
        .collapsible(false)
        // Sized by its content (up to the room there is), which scrolls beyond that.
        .resizable(false)
        .default_width(width)
        .min_width(width)
        .max_width(width)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, top))
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(room)
                .min_scrolled_height(room)
                .auto_shrink([false, true])
                .show(ui, add_contents);
        });
    open
}

/// The frame of the central area. It has no fill: the window is cleared to
/// [`clear_color`] before each frame, so a fill would paint the whole area a second time (in
/// software rendering, that is most of a frame's cost).
pub fn central_frame() -> egui::Frame {
    egui::Frame::new().inner_margin(Margin::same(24))
}

/// [`central_frame`] for a page in `ui`: generous margins where there is room, half as much
/// in a small window or with large text, so the content keeps the room.
pub fn central_frame_for(ui: &egui::Ui) -> egui::Frame {
    let room = ui.available_size();
    if room.x < 640.0 || room.y < 420.0 {
        egui::Frame::new().inner_margin(Margin::same(12))
    } else {
        central_frame()
    }
}

/// What the window is cleared to before each frame: the background.
#[must_use]
pub fn clear_color() -> [f32; 4] {
    palette().background.to_normalized_gamma_f32()
}

/// The frame of side and top panels.
pub fn panel_frame() -> egui::Frame {
    egui::Frame::new().fill(palette().panel).inner_margin(Margin::symmetric(20, 14))
}

/// The WCAG 2 contrast ratio of two colours (1 to 21), from their relative luminance.
#[must_use]
pub fn contrast(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.040_45 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PALETTES: [(&str, Palette); 3] =
        [("dark", DARK), ("light", LIGHT), ("high contrast", HIGH_CONTRAST)];

    #[test]
    fn the_contrast_ratio_matches_wcags_examples() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // #767676 on white is the classic just-passing grey: 4.54.
        assert!((contrast(Color32::from_rgb(0x76, 0x76, 0x76), Color32::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn text_reads_at_aa_on_every_surface_in_every_theme() {
        for (name, p) in PALETTES {
            for (what, fg) in [("text", p.text), ("muted", p.muted), ("caution", p.caution)] {
                for (on, bg) in [("background", p.background), ("panel", p.panel), ("raised", p.raised)] {
                    let ratio = contrast(fg, bg);
                    assert!(ratio >= 4.5, "{name}: {what} on {on} is {ratio:.2}:1, under 4.5");
                }
            }
        }
    }

    #[test]
    fn controls_and_shapes_stand_out_at_3_to_1_in_every_theme() {
        for (name, p) in PALETTES {
            for (what, fg) in [("control", p.control), ("breath", p.breath), ("hold", p.hold)] {
                for (on, bg) in [("background", p.background), ("panel", p.panel), ("raised", p.raised)] {
                    let ratio = contrast(fg, bg);
                    assert!(ratio >= 3.0, "{name}: {what} on {on} is {ratio:.2}:1, under 3");
                }
            }
            let check = contrast(p.text, p.control);
            assert!(check >= 3.0, "{name}: a check mark on a box is {check:.2}:1");
        }
    }
}
