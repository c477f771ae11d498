//! The breathing-pattern form's model: a pattern as plain editable fields, and back to RON
//! text in the same readable layout as the shipped files. The form and the text view edit
//! the same file: the form writes text, and the text fills the form whenever it parses.

use std::fmt::Write as _;

use crate::breathing::pattern::{Length, Pattern, PhaseKind};

#[derive(Debug, Clone, PartialEq)]
pub struct PhaseField {
    pub kind: PhaseKind,
    pub secs: f64,
    pub cue: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PatternForm {
    pub name: String,
    pub summary: String,
    pub source: String,
    pub phases: Vec<PhaseField>,
    pub length: Length,
    /// Starting seconds for each phase, and how long the ramp takes.
    pub ramp: Option<(Vec<f64>, Length)>,
}

impl PatternForm {
    #[must_use]
    pub fn from_pattern(p: &Pattern) -> Self {
        Self {
            name: p.name.to_string(),
            summary: p.summary.to_string(),
            source: p.source.to_string(),
            phases: p
                .phases()
                .iter()
                .map(|ph| PhaseField { kind: ph.kind, secs: ph.secs.secs(), cue: ph.cue.to_string() })
                .collect(),
            length: p.length,
            ramp: p.ramp().map(|r| (r.from_secs.iter().map(|s| s.secs()).collect(), r.over)),
        }
    }

    /// The pattern as a RON file, laid out like the shipped ones.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut out = String::from("Pattern(\n");
        let _ = writeln!(out, "    name: {},", quote(&self.name));
        let _ = writeln!(out, "    summary: {},", quote(&self.summary));
        let _ = writeln!(out, "    source: {},", quote(&self.source));
        out.push_str("    phases: [\n");
        for ph in &self.phases {
            let cue = if ph.cue.is_empty() { String::new() } else { format!(", cue: {}", quote(&ph.cue)) };
            let _ = writeln!(out, "        {:?}(secs: {}{cue}),", ph.kind, number(ph.secs));
        }
        out.push_str("    ],\n");
        let _ = writeln!(out, "    length: {},", length(self.length));
        if let Some((from, over)) = &self.ramp {
            let from: Vec<String> = from.iter().map(|s| number(*s)).collect();
            let _ =
                writeln!(out, "    ramp: Ramp(from_secs: [{}], over: {}),", from.join(", "), length(*over));
        }
        out.push_str(")\n");
        out
    }
}

/// A RON string literal (quotes and escapes as RON writes them).
fn quote(text: &str) -> String {
    ron::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

/// Seconds as people write them: `4`, `5.45`.
fn number(secs: f64) -> String {
    let rounded = (secs * 1000.0).round() / 1000.0;
    let text = format!("{rounded:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn length(l: Length) -> String {
    match l {
        Length::Minutes(n) => format!("Minutes({n})"),
        Length::Cycles(n) => format!("Cycles({n})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::builtin::BUILT_IN;
    use crate::script::{Script, parse};

    #[test]
    fn every_shipped_pattern_survives_the_form() {
        for (id, text) in BUILT_IN {
            let Ok(Script::Pattern(p)) = parse(text) else {
                continue;
            };
            let form = PatternForm::from_pattern(&p);
            let again = crate::script::parse_pattern(&form.to_text()).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(again, p, "{id}");
        }
    }

    #[test]
    fn text_is_readable_and_quotes_are_escaped() {
        let p = crate::script::parse_pattern(
            "Pattern(name: \"Say \\\"ah\\\"\", phases: [Inhale(secs: 5.45, cue: \"in\"), Exhale(secs: 6)], length: Cycles(3))",
        )
        .expect("parses");
        let text = PatternForm::from_pattern(&p).to_text();
        assert!(text.contains("    name: \"Say \\\"ah\\\"\",\n"), "{text}");
        assert!(
            text.contains("        Inhale(secs: 5.45, cue: \"in\"),\n        Exhale(secs: 6),\n"),
            "{text}"
        );
        assert!(text.contains("    length: Cycles(3),\n"));
    }
}
