//! Reminders in the library: decided by their RON struct name, kept beside the routines,
//! refused when they name a routine no file defines, and shipped switched off.

use std::path::PathBuf;

use unbrace_core::editor::switch::with_enabled;
use unbrace_core::library::{Library, Origin, UserFile, builtin};

fn user(id: &str, text: &str) -> UserFile {
    UserFile {
        id: id.to_owned(),
        path: PathBuf::from(format!("/home/me/scripts/{id}")),
        text: text.to_owned(),
    }
}

#[test]
fn the_shipped_reminders_load_switched_off_beside_every_routine() {
    let library = Library::built_in();
    assert!(library.problems().is_empty(), "{:?}", library.problems());
    let reminders: Vec<(&str, &str, bool)> = library
        .reminders()
        .iter()
        .map(|r| (r.id.as_str(), r.reminder.routine.as_str(), r.reminder.enabled))
        .collect();
    assert_eq!(
        reminders,
        [
            ("reminders/desk-break.ron", "Desk reset", false),
            ("reminders/sleep-wind-down.ron", "Sleep wind-down", false)
        ]
    );
    let scripts = builtin::BUILT_IN.iter().filter(|(id, _)| !id.starts_with("reminders/")).count();
    assert_eq!(library.entries().len(), scripts, "reminders are not routines");
    for r in library.reminders() {
        assert!(library.routine_named(&r.reminder.routine).is_some(), "{}", r.id);
    }
}

#[test]
fn turning_a_shipped_reminder_on_is_a_user_copy_over_it() {
    let (id, text) =
        builtin::BUILT_IN.iter().find(|(id, _)| *id == "reminders/desk-break.ron").expect("ships");
    let on = with_enabled(text, true).expect("has the field");
    let library = Library::build(vec![user(id, &on)], Vec::new());
    assert!(library.problems().is_empty(), "{:?}", library.problems());
    let entry = library.reminder(id).expect("still there, once");
    assert!(entry.reminder.enabled);
    assert!(matches!(entry.origin, Origin::User { replaces_built_in: true, .. }));
    assert_eq!(library.reminders().len(), 2);
}

#[test]
fn a_dangling_routine_is_refused_at_its_name_with_suggestions() {
    let text = "Reminder(\n    name: \"Stretch\",\n    // routine: \"Desk reset\" was the old one\n    routine: \"Desk rest\",\n    every: Minutes(30),\n)";
    let library = Library::build(vec![user("reminders/stretch.ron", text)], Vec::new());
    assert!(library.reminder("reminders/stretch.ron").is_none());
    let [problem] = library.problems() else { panic!("one problem: {:?}", library.problems()) };
    assert_eq!(problem.path, PathBuf::from("/home/me/scripts/reminders/stretch.ron"));
    assert_eq!(problem.position, Some((4, 14)));
    assert_eq!(
        problem.message,
        "no breathing pattern or body scan is named \"Desk rest\"; did you mean \"Desk reset\"?"
    );

    let text = "Reminder(name: \"x\", routine: \"Zzzzzzzzzzzzzzzz\", at: [\"12:00\"])";
    let library = Library::build(vec![user("reminders/x.ron", text)], Vec::new());
    let [problem] = library.problems() else { panic!("one problem") };
    assert_eq!(problem.position, Some((1, 30)));
    assert!(problem.message.contains("the routines are: ") && problem.message.contains("\"Coherent 6\""));
}

#[test]
fn a_reminder_may_name_any_pattern_or_scan_including_the_users_own() {
    let pattern =
        "Pattern(name: \"My calm\", phases: [Inhale(secs: 4), Exhale(secs: 6)], length: Minutes(3))";
    let reminder = "Reminder(name: \"Calm\", routine: \"My calm\", every: Minutes(20))";
    let library = Library::build(
        vec![user("breathing/my-calm.ron", pattern), user("reminders/calm.ron", reminder)],
        Vec::new(),
    );
    assert!(library.problems().is_empty(), "{:?}", library.problems());
    assert!(library.reminder("reminders/calm.ron").is_some_and(|r| r.reminder.enabled));
    let scan = "Reminder(name: \"Evening\", routine: \"Full body scan\", at: [\"19:00\"])";
    let library = Library::build(vec![user("reminders/evening.ron", scan)], Vec::new());
    assert!(library.problems().is_empty(), "{:?}", library.problems());
}

#[test]
fn a_reminder_naming_a_refused_scan_is_refused_too() {
    let scan = "BodyScan(name: \"Broken\", steps: [Step(region: Breath, secs: 30, breathing: \"Nope\", prompt: \"p\")])";
    let reminder = "Reminder(\n  name: \"Broken\",\n  routine: \"Broken\",\n  every: Minutes(20),\n)";
    let library = Library::build(
        vec![user("body_scan/broken.ron", scan), user("reminders/broken.ron", reminder)],
        Vec::new(),
    );
    assert!(library.get("body_scan/broken.ron").is_none());
    assert!(library.reminder("reminders/broken.ron").is_none());
    let positions: Vec<_> = library.problems().iter().map(|p| (p.path.clone(), p.position)).collect();
    assert_eq!(
        positions,
        [
            (PathBuf::from("/home/me/scripts/body_scan/broken.ron"), Some((1, 76))),
            (PathBuf::from("/home/me/scripts/reminders/broken.ron"), Some((3, 12)))
        ]
    );
}

#[test]
fn what_a_file_holds_is_decided_by_its_struct_name_not_its_folder() {
    let reminder = "// a note\n/* and a block */ Reminder(name: \"Odd place\", routine: \"Desk reset\", at: [\"08:00\"])";
    let pattern = "\u{feff}Pattern(name: \"In reminders\", phases: [Inhale(secs: 4), Exhale(secs: 6)], length: Minutes(3))";
    let library = Library::build(
        vec![user("breathing/odd.ron", reminder), user("reminders/odd.ron", pattern)],
        Vec::new(),
    );
    assert!(library.problems().is_empty(), "{:?}", library.problems());
    assert_eq!(library.reminder("breathing/odd.ron").map(|r| r.reminder.name.as_str()), Some("Odd place"));
    assert!(library.pattern("reminders/odd.ron").is_some(), "a byte order mark is skipped");
}

#[test]
fn a_user_file_replaces_a_built_in_of_another_kind_at_the_same_path() {
    let pattern =
        "Pattern(name: \"Was a reminder\", phases: [Inhale(secs: 4), Exhale(secs: 6)], length: Minutes(3))";
    let reminder = "Reminder(name: \"Was a pattern\", routine: \"Desk reset\", every: Minutes(50))";
    let library = Library::build(
        vec![user("reminders/desk-break.ron", pattern), user("breathing/box-4-4-4-4.ron", reminder)],
        Vec::new(),
    );
    assert!(library.problems().is_empty(), "{:?}", library.problems());
    assert!(library.reminder("reminders/desk-break.ron").is_none());
    assert!(library.pattern("reminders/desk-break.ron").is_some());
    assert!(library.get("breathing/box-4-4-4-4.ron").is_none());
    assert!(library.reminder("breathing/box-4-4-4-4.ron").is_some());
}
