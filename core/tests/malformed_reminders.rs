//! Bad reminder files give a clear message at the right line and column, never a panic.

use std::path::Path;

use unbrace_core::library::{Content, parse_content};
use unbrace_core::reminder::{self, Reminder, Schedule};

/// Parses `text` as if from `bad.ron` and returns `line:col: message`.
fn problem(text: &str) -> String {
    let problem = parse_content(Path::new("bad.ron"), text).expect_err("should be refused");
    let (line, col) = problem.position.expect("a position");
    format!("{line}:{col}: {}", problem.message)
}

fn assert_problem(text: &str, at: &str, words: &[&str]) {
    let got = problem(text);
    assert!(got.starts_with(at), "expected a problem at {at}, got {got}");
    for w in words {
        assert!(got.contains(w), "expected {w:?} in {got}");
    }
}

fn parsed(text: &str) -> Reminder {
    match parse_content(Path::new("good.ron"), text) {
        Ok(Content::Reminder(r)) => r,
        other => panic!("expected a reminder, got {other:?}"),
    }
}

/// A reminder with one line per field, so each field's line number is its index + 2.
fn reminder_with(fields: &[&str]) -> String {
    let mut text = "Reminder(\n".to_owned();
    for f in fields {
        text.push_str("    ");
        text.push_str(f);
        text.push_str(",\n");
    }
    text.push_str(")\n");
    text
}

const NAME: &str = "name: \"Desk break\"";
const ROUTINE: &str = "routine: \"Desk reset\"";

#[test]
fn the_issue_example_parses_with_every_field() {
    let text = "Reminder(\n    name: \"Desk break\",\n    routine: \"Desk reset\",        // any breathing pattern or body scan, by name\n    every: Minutes(50),           // of active use at the computer, 1 to 480\n    idle_after: Minutes(5),       // optional\n    days: [Mon, Tue, Wed, Thu, Fri],   // optional, default every day\n    between: (\"09:00\", \"18:00\"),  // optional\n)\n";
    let r = parsed(text);
    assert_eq!((r.name.as_str(), r.routine.as_str(), r.enabled), ("Desk break", "Desk reset", true));
    let Schedule::Every { interval, idle_after, between } = r.schedule else { panic!("an every reminder") };
    assert_eq!((interval.get(), idle_after.get()), (50, 5));
    let between = between.expect("a window");
    assert_eq!(
        (between.start.to_string(), between.end.to_string()),
        ("09:00".to_owned(), "18:00".to_owned())
    );
    assert_eq!(r.days.to_string(), "weekdays");
}

#[test]
fn optional_fields_have_gentle_defaults() {
    let r = parsed(&reminder_with(&[NAME, ROUTINE, "every: Minutes(50)"]));
    let Schedule::Every { idle_after, between, .. } = r.schedule else { panic!("every") };
    assert_eq!((idle_after.get(), between), (5, None));
    assert_eq!(r.days.to_string(), "every day");
    assert!(r.enabled);
    let r = parsed(&reminder_with(&[NAME, ROUTINE, "at: [\"22:30\", \"07:15\"]", "enabled: false"]));
    let Schedule::At(times) = &r.schedule else { panic!("at") };
    let shown: Vec<String> = times.times().iter().map(ToString::to_string).collect();
    assert_eq!(shown, ["07:15", "22:30"], "kept in clock order");
    assert!(!r.enabled);
}

#[test]
fn a_byte_order_mark_is_accepted_and_positions_ignore_it() {
    let text = format!("\u{feff}{}", reminder_with(&[NAME, ROUTINE, "every: Minutes(50)"]));
    assert_eq!(parsed(&text).name.as_str(), "Desk break");
    assert!(reminder::parse(&text).is_ok());
    let bad = format!("\u{feff}{}", reminder_with(&[NAME, ROUTINE, "every: Minutes(0)"]));
    assert_problem(&bad, "4:", &["Minutes(0)"]);
    assert_problem("\u{feff}Reminder(nme: \"x\")", "1:10:", &["`nme`"]);
}

#[test]
fn intervals_out_of_range_are_refused_where_they_stand() {
    for (every, words) in [
        ("Minutes(0)", &["Minutes(0)", "1 to 480"][..]),
        ("Minutes(481)", &["Minutes(481)", "1 to 480"][..]),
        ("Minutes(-5)", &[][..]),
        ("Minutes(2.5)", &[][..]),
        ("Hours(1)", &["Minutes", "Hours"][..]),
        ("50", &[][..]),
    ] {
        let text = reminder_with(&[NAME, ROUTINE, &format!("every: {every}")]);
        assert_problem(&text, "4:", words);
    }
    let text = reminder_with(&[NAME, ROUTINE, "every: Minutes(50)", "idle_after: Minutes(61)"]);
    assert_problem(&text, "5:", &["Minutes(61)", "1 to 60"]);
}

#[test]
fn times_must_be_on_a_24_hour_clock() {
    let text = reminder_with(&[NAME, ROUTINE, "at: [\"22:30\", \"24:00\"]"]);
    assert_problem(&text, "4:", &["\"24:00\"", "00:00 to 23:59"]);
    let text = reminder_with(&[NAME, ROUTINE, "at: [\"10pm\"]"]);
    assert_problem(&text, "4:", &["\"10pm\"", "like \"09:00\""]);
    let text = reminder_with(&[NAME, ROUTINE, "every: Minutes(50)", "between: (\"09:00\", \"18:60\")"]);
    assert_problem(&text, "5:", &["\"18:60\""]);
    let text = reminder_with(&[NAME, ROUTINE, "at: [2230]"]);
    assert_problem(&text, "4:", &["double quotes"]);
}

#[test]
fn at_lists_one_to_24_different_times() {
    assert_problem(&reminder_with(&[NAME, ROUTINE, "at: []"]), "4:", &["`at` is empty"]);
    let text = reminder_with(&[NAME, ROUTINE, "at: [\"22:30\", \"07:00\", \"22:30\"]"]);
    assert_problem(&text, "4:", &["\"22:30\" is listed twice"]);
    let times: Vec<String> = (0..25).map(|h| format!("\"{:02}:{:02}\"", h % 24, h / 24)).collect();
    let text = reminder_with(&[NAME, ROUTINE, &format!("at: [{}]", times.join(", "))]);
    assert_problem(&text, "4:", &["25 times", "at most 24"]);
    let times: Vec<String> = (0..24).map(|h| format!("\"{h:02}:00\"")).collect();
    let r = parsed(&reminder_with(&[NAME, ROUTINE, &format!("at: [{}]", times.join(", "))]));
    assert!(matches!(r.schedule, Schedule::At(t) if t.times().len() == 24));
}

#[test]
fn days_are_named_once_each() {
    let text = reminder_with(&[NAME, ROUTINE, "every: Minutes(50)", "days: [Mon, Tue, Mon]"]);
    assert_problem(&text, "5:", &["Mon is listed twice"]);
    let text = reminder_with(&[NAME, ROUTINE, "every: Minutes(50)", "days: []"]);
    assert_problem(&text, "5:", &["`days` is empty"]);
    let text = reminder_with(&[NAME, ROUTINE, "every: Minutes(50)", "days: [Monday]"]);
    assert_problem(&text, "5:12:", &["`Monday`", "`Mon`", "`Sun`"]);
}

#[test]
fn a_window_must_not_be_empty_but_may_run_overnight() {
    let text = reminder_with(&[NAME, ROUTINE, "every: Minutes(50)", "between: (\"09:00\", \"09:00\")"]);
    assert_problem(&text, "5:", &["same time"]);
    let r = parsed(&reminder_with(&[NAME, ROUTINE, "every: Minutes(50)", "between: (\"22:00\", \"06:00\")"]));
    assert!(r.between().expect("a window").is_overnight());
    let text = reminder_with(&[NAME, ROUTINE, "every: Minutes(50)", "between: (\"09:00\")"]);
    assert_problem(&text, "5:", &[]);
}

#[test]
fn every_and_at_exclude_each_other_at_the_second_one() {
    let text = reminder_with(&[NAME, ROUTINE, "every: Minutes(50)", "at: [\"22:30\"]"]);
    assert_problem(&text, "5:5:", &["either `every`", "or `at`"]);
    let text = reminder_with(&[NAME, ROUTINE, "at: [\"22:30\"]", "every: Minutes(50)"]);
    assert_problem(&text, "5:5:", &["either `every`", "or `at`"]);
    let text = reminder_with(&[NAME, ROUTINE, "days: [Sat]"]);
    assert_problem(&text, "5:1:", &["`every: Minutes(50)`", "`at: [\"22:30\"]`"]);
}

#[test]
fn idle_after_and_between_belong_to_every() {
    let text = reminder_with(&[NAME, ROUTINE, "at: [\"22:30\"]", "idle_after: Minutes(5)"]);
    assert_problem(&text, "5:5:", &["`idle_after` is only for `every`"]);
    let text = reminder_with(&[NAME, ROUTINE, "between: (\"09:00\", \"18:00\")", "at: [\"22:30\"]"]);
    assert_problem(&text, "5:5:", &["`between` is only for `every`"]);
}

#[test]
fn unknown_repeated_and_missing_fields_are_named() {
    let text = reminder_with(&[NAME, ROUTINE, "evry: Minutes(50)"]);
    assert_problem(&text, "4:5:", &["`evry`", "`every`", "`idle_after`", "`enabled`"]);
    let text = reminder_with(&[NAME, ROUTINE, "every: Minutes(50)", "name: \"Again\""]);
    assert_problem(&text, "5:5:", &["`name` is given twice"]);
    let text = reminder_with(&[NAME, "every: Minutes(50)"]);
    assert_problem(&text, "4:1:", &["`routine`"]);
    let text = reminder_with(&[NAME, "routine: \"\"", "every: Minutes(50)"]);
    assert_problem(&text, "3:", &["must not be empty"]);
    let text = reminder_with(&[NAME, ROUTINE, "every: Minutes(50)", "enabled: yes"]);
    assert_problem(&text, "5:", &[]);
}

#[test]
fn a_misspelt_top_level_name_mentions_reminders() {
    assert_problem("Remind(name: \"x\")", "1:1:", &["Remind", "`Reminder(`"]);
    assert_problem("Reminder(\n    name: \"Desk break\",\n", "2:24:", &["ends too early"]);
}
