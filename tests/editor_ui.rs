//! The script editor through the real UI: duplicate a built-in, make and fix a mistake, save,
//! and practise the result; external edits while typing; delete with undo.

mod common;

use std::path::Path;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unbrace::app::UnbraceApp;
use unbrace::clock::ManualClock;
use unbrace::library::watch::ScriptsWatcher;

/// The app on its Scripts page, with its scripts folder in `dir`.
fn scripts_page(clock: &ManualClock, dir: &Path, watch: bool) -> Harness<'static, UnbraceApp> {
    let library = unbrace::library::load(Some(dir));
    let mut app = UnbraceApp::new(library, Box::new(clock.clone()), common::settled())
        .with_scripts_dir(dir.to_owned())
        .with_sound(Box::new(common::SoundSpy::default()));
    if watch {
        app = app.watching(ScriptsWatcher::start(dir, || {}));
    }
    let mut harness = common::harness_of(app, [1280.0, 800.0]);
    common::settle(&mut harness);
    harness.get_by_role_and_label(Role::Button, "Scripts").click();
    common::settle(&mut harness);
    harness
}

/// Lets validation (debounced) run.
fn pause(harness: &mut Harness<'static, UnbraceApp>, clock: &ManualClock) {
    clock.advance(Duration::from_millis(400));
    common::settle(harness);
}

#[test]
fn duplicate_a_built_in_fix_a_mistake_save_and_practise_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = ManualClock::new();
    let mut harness = scripts_page(&clock, dir.path(), false);

    harness.get_by_role_and_label(Role::Button, "Longer exhale 4-6 built-in").click();
    common::settle(&mut harness);
    harness.get_by_label("Built-in, read-only");
    harness.get_by_label("Duplicate to edit").click();
    common::settle(&mut harness);
    harness.get_by_label_contains("Duplicated as \"Longer exhale 4-6 (mine)\"");
    assert!(dir.path().join("breathing/longer-exhale-4-6-mine.ron").is_file());

    // A mistake: a stray character typed after the closing parenthesis.
    harness.get_by_label("Script text").focus();
    harness.run_steps(1);
    harness.get_by_label("Script text").type_text("x");
    harness.run_steps(1);
    pause(&mut harness, &clock);
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/breathing/four-six.ron"))
            .expect("shipped file");
    let last = shipped.lines().count();
    harness.get_by_label(&format!("Line {last}, column 2: something follows the end of the script: after its closing `)` only comments may come"));
    harness.get_by_label_contains("breathing/longer-exhale-4-6-mine.ron  · unsaved");

    // Saving is refused while the text has a problem; the typing is kept as a draft.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    common::settle(&mut harness);
    harness.get_by_label_contains(&format!("Not saved: line {last}, column 2"));
    assert!(dir.path().join(".drafts/breathing%2Flonger-exhale-4-6-mine.ron").is_file());

    // Fix it and save.
    harness.key_press(egui::Key::Backspace);
    harness.run_steps(1);
    pause(&mut harness, &clock);
    harness.get_by_label("No problems");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    common::settle(&mut harness);
    harness.get_by_label_contains("Saved ");
    assert!(!dir.path().join(".drafts/breathing%2Flonger-exhale-4-6-mine.ron").exists());

    // It is in the list, and it plays.
    harness.get_by_role_and_label(Role::Button, "Practice").click();
    common::settle(&mut harness);
    harness.get_by_role_and_label(Role::Button, "Longer exhale 4-6 (mine)").click();
    common::settle(&mut harness);
    harness.get_by_label("Start").click();
    common::settle(&mut harness);
    clock.advance(Duration::from_secs(1));
    common::settle(&mut harness);
    harness.get_by_label("Breathe in");
}

#[test]
fn try_it_plays_the_unsaved_text_and_comes_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = ManualClock::new();
    let mut harness = scripts_page(&clock, dir.path(), false);
    harness.get_by_label("New pattern").click();
    common::settle(&mut harness);
    harness.get_by_label_contains("breathing/new-pattern.ron");
    harness.get_by_label("Try it").click();
    common::settle(&mut harness);
    harness.get_by_label("Breathe in");
    harness.key_press(egui::Key::Escape);
    common::settle(&mut harness);
    harness.get_by_label_contains("breathing/new-pattern.ron");
    assert!(harness.state().history().records().is_empty(), "a try-out is not recorded");
    assert!(!dir.path().join("breathing/new-pattern.ron").exists(), "not written until saved");
    harness.get_by_role_and_label(Role::Button, "Practice").click();
    common::settle(&mut harness);
    assert!(harness.query_by_label("New pattern").is_none(), "an untouched template is not a routine yet");
    harness.get_by_role_and_label(Role::Button, "Scripts").click();
    common::settle(&mut harness);
    harness.get_by_label("Save").click();
    common::settle(&mut harness);
    assert!(dir.path().join("breathing/new-pattern.ron").is_file());

    // Delete moves it to the trash; undo brings it back.
    harness.get_by_label("Delete").click();
    common::settle(&mut harness);
    assert!(!dir.path().join("breathing/new-pattern.ron").exists());
    harness.get_by_label("Undo").click();
    common::settle(&mut harness);
    assert!(dir.path().join("breathing/new-pattern.ron").is_file());
}

#[test]
fn an_outside_edit_while_typing_asks_which_to_keep() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("breathing/calm.ron");
    std::fs::create_dir_all(file.parent().expect("folder")).expect("mkdir");
    let original =
        unbrace_core::editor::templates::template(unbrace_core::script::ScriptKind::Breathing, "Calm");
    std::fs::write(&file, &original).expect("write");
    let clock = ManualClock::new();
    let mut harness = scripts_page(&clock, dir.path(), true);
    harness.get_by_role_and_label(Role::Button, "Calm yours").click();
    common::settle(&mut harness);
    harness.get_by_label("Script text").focus();
    harness.run_steps(1);
    harness.get_by_label("Script text").type_text("// mine\n");
    common::settle(&mut harness);

    // Another editor (or a git pull) changes the file meanwhile.
    let theirs = original.replace("\"Calm\"", "\"Calm, theirs\"");
    std::fs::write(&file, &theirs).expect("write");
    for _ in 0..100 {
        harness.run_steps(1);
        if harness.query_by_label("This file changed on disk").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.get_by_label("This file changed on disk");
    // The library already shows the new name.
    harness.get_by_label("Use the file on disk").click();
    common::settle(&mut harness);
    assert_eq!(
        harness.state().library().get("breathing/calm.ron").map(|e| e.script.name().to_owned()).as_deref(),
        Some("Calm, theirs")
    );
    harness.get_by_label_contains("breathing/calm.ron");
    assert!(harness.query_by_label_contains("· unsaved").is_none());
}

#[test]
fn a_folder_that_cannot_be_watched_is_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = ManualClock::new();
    let app =
        UnbraceApp::new(unbrace::library::load(Some(dir.path())), Box::new(clock.clone()), common::settled())
            .with_scripts_dir(dir.path().to_owned())
            .watching(Err("inotify watch limit reached".to_owned()));
    let mut harness = common::harness_of(app, [1100.0, 720.0]);
    common::settle(&mut harness);
    harness.get_by_label("1 file has a problem").click();
    harness.run_steps(3);
    harness.get_by_label_contains(
        "changes made outside Unbrace will show after a restart (inotify watch limit reached)",
    );
}
