//! Bad script files give a clear message at the right line and column, never a panic.

use std::path::Path;

use unbrace_core::library::parse_text;

/// Parses `text` as if from `bad.ron` and returns `line:col: message`.
fn problem(text: &str) -> String {
    let problem = parse_text(Path::new("bad.ron"), text).expect_err("should be refused");
    let (line, col) = problem.position.expect("a position");
    format!("{line}:{col}: {}", problem.message)
}

fn pattern_with(phases: &str) -> String {
    format!("Pattern(\n    name: \"Test\",\n    phases: [{phases}],\n    length: Minutes(5),\n)\n")
}

fn assert_problem(text: &str, at: &str, words: &[&str]) {
    let got = problem(text);
    assert!(got.starts_with(at), "expected a problem at {at}, got {got}");
    for w in words {
        assert!(got.contains(w), "expected {w:?} in {got}");
    }
}

#[test]
fn an_unknown_field_lists_the_valid_ones() {
    let text = "Pattern(\n    name: \"Test\",\n    phase: [],\n)";
    assert_problem(text, "3:5:", &["`phase`", "`phases`", "`length`", "`ramp`"]);
}

#[test]
fn an_unknown_field_inside_a_phase_lists_the_valid_ones() {
    let text = pattern_with("Inhale(secs: 4, seconds: 2), Exhale(secs: 4)");
    assert_problem(&text, "3:30:", &["`seconds`", "`secs`", "`cue`"]);
}

#[test]
fn bad_durations_are_refused_where_they_stand() {
    for (secs, words) in [
        ("-4", &["-4", "too short"][..]),
        ("0", &["0 seconds is too short"][..]),
        ("0.2", &["too short", "0.5 to 120"][..]),
        ("NaN", &["NaN"][..]),
        ("inf", &["infinity"][..]),
        ("1e300", &["too long"][..]),
        ("121", &["121 seconds is too long"][..]),
        ("\"four\"", &["number of seconds"][..]),
    ] {
        let text = pattern_with(&format!("Inhale(secs: 4), Exhale(secs: {secs})"));
        let got = problem(&text);
        assert!(got.starts_with("3:"), "{secs}: the problem is on the phases line: {got}");
        for w in words {
            assert!(got.contains(w), "{secs}: expected {w:?} in {got}");
        }
    }
}

#[test]
fn empty_phases_and_missing_inhales_are_clear() {
    // Each at the `phases` field, not at the end of the file.
    assert_problem(&pattern_with(""), "3:5:", &["`phases` is empty"]);
    assert_problem(&pattern_with("Exhale(secs: 4)"), "3:5:", &["no Inhale"]);
    assert_problem(
        &pattern_with("TopUp(secs: 1), Inhale(secs: 4), Exhale(secs: 4)"),
        "3:5:",
        &["TopUp", "straight after an Inhale"],
    );
}

#[test]
fn wrong_types_and_lengths_are_clear() {
    let text = "Pattern(\n    name: 42,\n)";
    assert_problem(text, "2:11:", &["double quotes"]);
    let text = "Pattern(name: \"x\", phases: [Inhale(secs: 4), Exhale(secs: 4)], length: Minutes(0))";
    assert_problem(text, "1:81:", &["Minutes(0)", "1 to 180"]);
    let text = "Pattern(name: \"x\", phases: [Inhale(secs: 4), Exhale(secs: 4)], length: Hours(1))";
    assert_problem(text, "1:72:", &["Hours", "Minutes", "Cycles"]);
    let text = "Pattern(name: \"x\", phases: [Breathe(secs: 4)], length: Minutes(1))";
    assert_problem(text, "1:29:", &["Breathe", "Inhale", "HoldOut"]);
}

#[test]
fn a_ramp_must_match_the_phases() {
    let text = "Pattern(\n  name: \"x\",\n  phases: [Inhale(secs: 4), Exhale(secs: 8)],\n  length: Minutes(10),\n  ramp: Ramp(from_secs: [4], over: Minutes(5)),\n)";
    assert_problem(text, "5:14:", &["1 durations", "`phases` has 2"]);
}

#[test]
fn syntax_errors_point_at_the_break() {
    // A missing comma between fields.
    let text = "Pattern(\n    name: \"Test\"\n    phases: [],\n)";
    assert_problem(text, "3:5:", &[]);
    // A file that ends early.
    assert_problem("Pattern(\n    name: \"Test\",\n", "2:18:", &["ends too early"]);
    // Not a pattern at all.
    assert_problem("Breath(name: \"x\")", "1:1:", &["Breath", "Pattern"]);
    // An unterminated string.
    assert_problem("Pattern(\n  name: \"Test,\n)", "2:9:", &[]);
}

#[test]
fn hostile_text_is_refused_calmly() {
    let long_name = format!("Pattern(name: \"{}\", phases: [], length: Minutes(1))", "x".repeat(5000));
    assert!(problem(&long_name).contains("limit is 60"));
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let _ = problem(&deep);
    assert!(
        problem("Pattern(name: \"a\u{7}b\", phases: [], length: Minutes(1))").contains("control character")
    );
}

fn scan_with(steps: &str) -> String {
    format!("BodyScan(\n    name: \"Test scan\",\n    steps: [{steps}],\n)\n")
}

#[test]
fn an_unknown_region_lists_the_valid_ones() {
    let text = scan_with("Step(region: Toes, secs: 30, prompt: \"Notice your toes.\")");
    assert_problem(&text, "3:26:", &["`Toes`", "`Feet`", "`LowerBack`", "`WholeBody`"]);
}

#[test]
fn empty_steps_and_bad_step_values_are_clear() {
    assert_problem(&scan_with(""), "3:5:", &["`steps` is empty"]);
    let text = scan_with("Step(region: Feet, secs: 2, prompt: \"Notice your feet.\")");
    assert_problem(&text, "3:38:", &["too short", "5 to 1800"]);
    let text = scan_with("Step(region: Feet, secs: 30, prompt: \"\")");
    assert_problem(&text, "3:51:", &["must not be empty"]);
    let text = scan_with("Step(region: Feet, secs: 30, kind: Stretch, prompt: \"p\")");
    assert_problem(&text, "3:48:", &["`Stretch`", "`Tracking`", "`Release`"]);
    let text = scan_with("Step(region: Feet, secs: 30, promt: \"p\")");
    assert_problem(&text, "3:42:", &["`promt`", "`prompt`", "`breathing`"]);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    // As Windows Notepad saves a file; CRLF line ends too.
    let text = "\u{feff}Pattern(\r\n    name: \"Notepad\",\r\n    phases: [Inhale(secs: 4), Exhale(secs: 6)],\r\n    length: Minutes(5),\r\n)\r\n";
    let script = parse_text(Path::new("breathing/notepad.ron"), text).expect("parses");
    assert_eq!(script.name(), "Notepad");
    // Positions after the mark are as the user sees them.
    let bad = "\u{feff}Pattern(name: 42)";
    assert_problem(bad, "1:15:", &["double quotes"]);
}

#[test]
fn a_struct_without_its_name_says_what_is_expected_there() {
    let pattern = parse_text(Path::new("scripts/breathing/x.ron"), "(name: \"x\")").expect_err("refused");
    assert_eq!(pattern.position, Some((1, 1)));
    assert!(pattern.message.contains("`Pattern(`") && !pattern.message.contains("BodyScan"), "{pattern}");
    let scan = parse_text(Path::new("scripts/body_scan/x.ron"), "(name: \"x\")").expect_err("refused");
    assert!(scan.message.contains("`BodyScan(`") && !scan.message.contains("Pattern("), "{scan}");
    let elsewhere = parse_text(Path::new("x.ron"), "(name: \"x\")").expect_err("refused");
    assert!(elsewhere.message.contains("`Pattern(`, `BodyScan(` or `Reminder(`"), "{elsewhere}");
}

#[test]
fn the_parsers_terse_words_are_put_plainly() {
    // A number where a name was expected: RON would say "invalid std identifier, try r#2".
    let got = problem("Pattern(\n    2: \"x\",\n)");
    assert!(got.starts_with("2:5:") && got.contains("`2` cannot stand here"), "{got}");
    assert!(!got.contains("r#"), "{got}");
    let got =
        problem("Pattern(name: \"x\", phases: [Inhale(secs: 4), Exhale(secs: 6)], length: Minutes(5)) x");
    assert!(got.contains("only comments may come"), "{got}");
    let got = problem("Pattern(\n  name: Calm,\n)");
    assert!(got.contains("double quotes"), "{got}");
}
