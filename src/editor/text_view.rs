//! The script as highlighted RON text: long lines wrap to the editor's width, each line's
//! number sits beside its first row (and never scrolls away sideways, as nothing does), and
//! the problem is underlined in place.

use egui::text::{ByteIndex, LayoutJob, LayoutSection};
use egui::{Galley, Stroke, Ui};

use crate::theme;
use unbrace_core::editor::document::{Document, byte_range};

/// The text with line numbers; returns `true` if it was edited.
pub fn text_ui(ui: &mut Ui, doc: &mut Document) -> bool {
    let underline = doc
        .diagnostic
        .as_ref()
        .map(|d| byte_range(&doc.text, d.start, d.end))
        .filter(|r| r.end <= doc.text.len());
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let gutter_width = gutter_width(ui, &font, doc.text.lines().count() + 1);
    let mut changed = false;
    // Only up and down: wrapped lines never need a sideways scroll, so the numbers stay.
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.horizontal_top(|ui| {
            // The gutter is painted after the text is laid out, row by row, so the numbers
            // always sit on their lines.
            let (gutter, _) = ui.allocate_exact_size(egui::vec2(gutter_width, 0.0), egui::Sense::hover());
            let theme = egui_extras::syntax_highlighting::CodeTheme::from_style(ui.style());
            let mut layouter = |ui: &Ui, buf: &dyn egui::TextBuffer, wrap_width: f32| {
                let mut job = egui_extras::syntax_highlighting::highlight(
                    ui.ctx(),
                    ui.style(),
                    &theme,
                    buf.as_str(),
                    "rs",
                );
                if let Some(range) = &underline
                    && range.end <= buf.as_str().len()
                {
                    underline_range(&mut job, range.clone());
                }
                job.wrap.max_width = wrap_width;
                ui.fonts_mut(|f| f.layout_job(job))
            };
            let output = egui::TextEdit::multiline(&mut doc.text)
                .font(font.clone())
                .code_editor()
                .interactive(doc.editable)
                .desired_width(f32::INFINITY)
                .desired_rows(20)
                .lock_focus(true)
                .layouter(&mut layouter)
                .show(ui);
            let response = &output.response;
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, doc.editable, "Script text")
            });
            changed = response.changed();
            let painter = ui.painter();
            let color = theme::faded(theme::palette().muted, 0.7);
            for (line, y) in line_starts(&output.galley) {
                let at = egui::pos2(gutter.right() - 8.0, output.galley_pos.y + y);
                painter.text(at, egui::Align2::RIGHT_CENTER, line.to_string(), font.clone(), color);
            }
        });
    });
    changed
}

/// Room for the widest line number, and a margin.
fn gutter_width(ui: &Ui, font: &egui::FontId, lines: usize) -> f32 {
    let digits = lines.max(10).ilog10() + 1;
    let digit = ui.fonts_mut(|f| f.glyph_width(font, '0'));
    #[expect(clippy::cast_precision_loss, reason = "a handful of digits")]
    let digits = digits as f32;
    digits * digit + 20.0
}

/// Each logical line's number (from 1) and the middle of its first row, in galley
/// coordinates: a line wrapped onto several rows is numbered once.
fn line_starts(galley: &Galley) -> Vec<(usize, f32)> {
    let mut starts = Vec::new();
    let mut starts_line = true;
    for row in &galley.rows {
        if starts_line {
            starts.push((starts.len() + 1, row.rect().center().y));
        }
        starts_line = row.ends_with_newline;
    }
    starts
}

/// Underlines bytes `range` of `job` (splitting sections where needed).
fn underline_range(job: &mut LayoutJob, range: std::ops::Range<usize>) {
    let stroke = Stroke::new(2.0, theme::palette().caution);
    let mut sections = Vec::with_capacity(job.sections.len() + 2);
    for section in job.sections.drain(..) {
        let (start, end) = (section.byte_range.start.0, section.byte_range.end.0);
        let (a, b) = (range.start.clamp(start, end), range.end.clamp(start, end));
        if a >= b {
            sections.push(section);
            continue;
        }
        for (part, marked) in [(start..a, false), (a..b, true), (b..end, false)] {
            if part.is_empty() {
                continue;
            }
            let byte_range = ByteIndex(part.start)..ByteIndex(part.end);
            let mut s = LayoutSection { byte_range, ..section.clone() };
            if marked {
                s.format.underline = stroke;
                s.format.background = theme::faded(theme::palette().caution, 0.15);
            }
            sections.push(s);
        }
    }
    job.sections = sections;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` laid out in monospace, wrapped at `width` points, with a problem underlined.
    fn galley(text: &str, width: f32, underline: std::ops::Range<usize>) -> std::sync::Arc<Galley> {
        let ctx = egui::Context::default();
        let mut galley = None;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let font = egui::FontId::monospace(14.0);
            let mut job = LayoutJob::simple(text.to_owned(), font, egui::Color32::WHITE, width);
            underline_range(&mut job, underline.clone());
            galley = Some(ui.fonts_mut(|f| f.layout_job(job)));
        });
        output.textures_delta.clear();
        galley.expect("laid out")
    }

    #[test]
    fn a_wrapped_line_is_numbered_once_and_the_next_line_keeps_its_number() {
        let long = "a ".repeat(200);
        let text = format!("(\n{long}\nend)\n");
        let galley = galley(&text, 300.0, 2..6);
        assert!(galley.rows.len() > 5, "the long line wraps: {} rows", galley.rows.len());
        let starts = line_starts(&galley);
        let numbers: Vec<usize> = starts.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [1, 2, 3, 4], "one number per line, the empty last one too");
        // Line 3 sits on the row after line 2's last wrapped row, not on line 2's second row.
        let row_height = galley.rows[0].rect().height();
        assert!(starts[2].1 - starts[1].1 > 3.0 * row_height, "{starts:?}");
        assert!(galley.size().x <= 300.0 + 1.0, "no row is wider than the editor");
        // The problem's bytes are underlined, and only they.
        let underlined: Vec<_> = galley
            .job
            .sections
            .iter()
            .filter(|s| s.format.underline.width > 0.0)
            .map(|s| (s.byte_range.start.0, s.byte_range.end.0))
            .collect();
        assert_eq!(underlined, vec![(2, 6)]);
    }
}
