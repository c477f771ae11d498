//! Starting points for new scripts: small, valid, and commented so the format explains itself.

use crate::script::ScriptKind;

const PATTERN: &str = r#"// A breathing pattern. Phases: Inhale, TopUp, HoldIn, Exhale, HoldOut, each 0.5 to 120
// seconds (decimals are fine), with an optional cue. Length: Minutes(n) or Cycles(n).
Pattern(
    name: "NAME",
    summary: "What it is and when to use it, in one line.",
    source: "Where it comes from (or: My own).",
    phases: [
        Inhale(secs: 4, cue: "in through the nose"),
        Exhale(secs: 6, cue: "slowly out"),
    ],
    length: Minutes(5),
)
"#;

const BODY_SCAN: &str = r#"// A body scan. Each step: region, seconds (5 to 1800), prompt; optionally kind (Scan,
// Tracking, Tense, Release, Rest) and breathing (the name of a breathing pattern).
// Regions: WholeBody, Head, FaceAndJaw, Neck, Shoulders, Arms, Hands, Chest, UpperBack,
// Belly, LowerBack, Hips, Glutes, Thighs, Hamstrings, Knees, Calves, Feet, Breath.
BodyScan(
    name: "NAME",
    summary: "What it is and when to use it, in one line.",
    source: "Where it comes from (or: My own).",
    posture: "Sit or lie comfortably.",
    steps: [
        Step(
            region: Breath,
            secs: 30,
            prompt: "Notice your breath, just as it is.",
        ),
        Step(
            region: Shoulders,
            secs: 45,
            prompt: "Let your attention rest on your shoulders.\nLet them soften, if they want to.",
        ),
    ],
)
"#;

const REMINDER: &str = r#"// A reminder. Unbrace suggests a routine (any breathing pattern or body scan, by its name)
// after so many minutes of active use at the computer, or at times of day.
//
// `every: Minutes(50)` counts only time you are at the keyboard and mouse (1 to 480 minutes).
// If you are away from them for `idle_after` (5 minutes unless you say), that counts as your
// break and the count starts again. For reminders at times of day, write `at: ["12:30",
// "22:30"]` instead of `every` (times from 00:00 to 23:59).
//
// Both are optional: `days` (Mon to Sun; every day if left out) and, for `every`, `between`,
// the hours it counts in ("22:00" to "06:00" runs overnight). `enabled: false` keeps it off
// without deleting it.
Reminder(
    name: "NAME",
    routine: "Desk reset",
    every: Minutes(50),
    idle_after: Minutes(5),
    days: [Mon, Tue, Wed, Thu, Fri],
    between: ("09:00", "18:00"),
)
"#;

/// The template for a new reminder named `name`. It goes in [`crate::reminder::FOLDER`].
#[must_use]
pub fn reminder_template(name: &str) -> String {
    REMINDER.replace("\"NAME\"", &ron::to_string(name).unwrap_or_else(|_| "\"New\"".to_owned()))
}

/// The template for a new script of `kind` named `name`.
#[must_use]
pub fn template(kind: ScriptKind, name: &str) -> String {
    let text = match kind {
        ScriptKind::Breathing => PATTERN,
        ScriptKind::BodyScan => BODY_SCAN,
    };
    text.replace("\"NAME\"", &ron::to_string(name).unwrap_or_else(|_| "\"New\"".to_owned()))
}

/// The folder below the scripts folder where a kind of script lives.
#[must_use]
pub const fn folder(kind: ScriptKind) -> &'static str {
    match kind {
        ScriptKind::Breathing => "breathing",
        ScriptKind::BodyScan => "body_scan",
    }
}

/// `text` with the value of the routine's own top-level `name` field replaced (found by
/// reading the RON tokens: never a `name:` in a comment, in another string, or in a nested
/// struct), or `None` if it has none.
#[must_use]
pub fn with_name(text: &str, name: &str) -> Option<String> {
    let span = crate::script::fields::find(text, &["name"])?.value;
    let quoted = ron::to_string(name).ok()?;
    Some(format!("{}{quoted}{}", &text[..span.start], &text[span.end..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::{Script, parse};

    #[test]
    fn templates_are_valid_scripts() {
        let p =
            parse(&template(ScriptKind::Breathing, "New \"calm\" pattern")).expect("pattern template parses");
        assert_eq!(p.name(), "New \"calm\" pattern");
        let s = parse(&template(ScriptKind::BodyScan, "New body scan")).expect("scan template parses");
        assert!(matches!(s, Script::BodyScan(_)));
    }

    #[test]
    fn the_reminder_template_is_a_valid_reminder_that_is_on() {
        let text = reminder_template("After \"lunch\"");
        let r = crate::reminder::parse(&text).expect("reminder template parses");
        assert_eq!(r.name.as_str(), "After \"lunch\"");
        assert!(r.enabled, "a person's own reminder is on unless it says otherwise");
        let library = crate::library::Library::built_in();
        assert!(library.routine_named(&r.routine).is_some(), "it names a routine that ships");
        assert_eq!(
            with_name(&text, "Renamed").map(|t| crate::reminder::parse(&t).map(|r| r.name.to_string())),
            Some(Ok("Renamed".to_owned()))
        );
    }

    #[test]
    fn renames_the_routine_not_other_text() {
        let text = "// name: \"in a comment\"\nPattern(name: \"Old\", summary: \"name: x\")";
        let renamed = with_name(text, "New").expect("has a name");
        assert_eq!(renamed, "// name: \"in a comment\"\nPattern(name: \"New\", summary: \"name: x\")");
        let text = "Pattern(\n    name: \"Old \\\"one\\\"\",\n    summary: \"keeps name: here\",\n)";
        assert_eq!(
            with_name(text, "New").as_deref(),
            Some("Pattern(\n    name: \"New\",\n    summary: \"keeps name: here\",\n)")
        );
        assert_eq!(with_name("Pattern()", "x"), None);
    }

    #[test]
    fn renaming_changes_the_routines_own_name_field_only() {
        // Before the routine's own `name:`, one inside another string and one in a comment.
        let text = template(ScriptKind::Breathing, "Calm")
            .replace(
                "Pattern(\n    name",
                "/* name: \"old\" */\nPattern(\n    summary: \"Say name: \\\"x\\\" slowly\",\n    name",
            )
            .replace("    summary: \"What it is and when to use it, in one line.\",\n", "");
        assert_eq!(crate::script::parse(&text).expect("parses").name(), "Calm");
        let renamed = with_name(&text, "Quiet").expect("has a name");
        assert_eq!(crate::script::parse(&renamed).expect("parses").name(), "Quiet");
        assert!(renamed.contains("/* name: \"old\" */") && renamed.contains("Say name: \\\"x\\\" slowly"));
    }
}
