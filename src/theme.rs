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
    v.widgets.inactive.weak_bg_fill = p.raised;
    v.widgets.inactive.bg_fill = p.raised;
    v.widgets.hovered.weak_bg_fill = faded(p.breath, 0.25);
    v.widgets.active.weak_bg_fill = faded(p.breath, 0.4);
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
    egui::Window::new(title)
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

/// The frame of the central area.
pub fn central_frame() -> egui::Frame {
    egui::Frame::new().fill(palette().background).inner_margin(Margin::same(24))
}

/// The frame of side and top panels.
pub fn panel_frame() -> egui::Frame {
    egui::Frame::new().fill(palette().panel).inner_margin(Margin::symmetric(20, 14))
}
