//! The window icon, drawn here rather than loaded from a file (no image decoder needed): the
//! same soft breathing circle as `assets/unbrace.svg`.

/// A `size`×`size` RGBA icon.
#[must_use]
pub fn icon(size: u32) -> egui::IconData {
    let mut rgba = Vec::with_capacity((size * size * 4) as usize);
    #[expect(clippy::cast_precision_loss, reason = "pixel coordinates of a small icon")]
    let (s, c) = (size as f32, size as f32 / 2.0);
    let ground = [0x1b, 0x22, 0x30];
    let breath = [0x8c, 0xc7, 0xb5];
    for y in 0..size {
        for x in 0..size {
            #[expect(clippy::cast_precision_loss, reason = "pixel coordinates of a small icon")]
            let d = ((x as f32 + 0.5 - c).powi(2) + (y as f32 + 0.5 - c).powi(2)).sqrt() / s;
            // Anti-aliased edges (half a pixel each side): the soft disc, and the round dark
            // ground it sits on.
            let disc = (0.32 - d).mul_add(s, 0.5).clamp(0.0, 1.0);
            let ground_alpha = (0.5 - d).mul_add(s, 0.5).clamp(0.0, 1.0);
            let mix = |g: u8, b: u8| {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "a blend of two bytes"
                )]
                let v = (f32::from(g) + (f32::from(b) - f32::from(g)) * disc).round() as u8;
                v
            };
            #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "alpha 0..255")]
            let alpha = (ground_alpha * 255.0).round() as u8;
            rgba.extend_from_slice(&[
                mix(ground[0], breath[0]),
                mix(ground[1], breath[1]),
                mix(ground[2], breath[2]),
                alpha,
            ]);
        }
    }
    egui::IconData { rgba, width: size, height: size }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_centre_is_the_breath_colour_and_the_corners_are_clear() {
        let icon = icon(64);
        assert_eq!(icon.rgba.len(), 64 * 64 * 4);
        let at = |x: usize, y: usize| &icon.rgba[(y * 64 + x) * 4..(y * 64 + x) * 4 + 4];
        assert_eq!(at(32, 32), [0x8c, 0xc7, 0xb5, 255]);
        assert_eq!(at(0, 0)[3], 0, "transparent outside the round ground");
    }
}
