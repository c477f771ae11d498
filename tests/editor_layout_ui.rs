//! The script editor's layout as a user meets it: long lines wrap and keep their numbers in
//! view, the text stays put when a problem or a message appears, the pattern form's fields
//! line up in columns and say when a value was changed to fit, and Open folder shows where
//! the scripts are and says when it could not open them.

mod common;

use std::path::Path;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unbrace::app::UnbraceApp;
use unbrace::clock::ManualClock;
use unbrace::editor::opener::FolderOpener;

/// The app on its Scripts page in a window of `size`, its scripts in `dir`, opening folders
/// with `opener`.
fn scripts_page(
    clock: &ManualClock,
    dir: &Path,
    size: [f32; 2],
    opener: &str,
) -> Harness<'static, UnbraceApp> {
    let library = unbrace::library::load(Some(dir));
    let app = UnbraceApp::new(library, Box::new(clock.clone()), common::settled())
        .with_scripts_dir(dir.to_owned())
        .with_folder_opener(FolderOpener::new(opener, || {}))
        .with_sound(Box::new(common::SoundSpy::default()));
    let mut harness = common::harness_of(app, size);
    common::settle(&mut harness);
    harness.get_by_role_and_label(Role::Button, "Scripts").click();
    common::settle(&mut harness);
    harness
}

/// A new breathing pattern, open in the text view.
fn new_pattern(clock: &ManualClock, dir: &Path, size: [f32; 2]) -> Harness<'static, UnbraceApp> {
    let mut harness = scripts_page(clock, dir, size, "true");
    harness.get_by_label("New pattern").click();
    common::settle(&mut harness);
    harness.get_by_label_contains("breathing/new-pattern.ron");
    harness
}

/// Lets validation (debounced) run.
fn pause(harness: &mut Harness<'static, UnbraceApp>, clock: &ManualClock) {
    clock.advance(Duration::from_millis(400));
    common::settle(harness);
}

/// Puts the cursor at the end of the script text.
fn to_the_end(harness: &mut Harness<'static, UnbraceApp>) {
    harness.get_by_label("Script text").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    harness.run_steps(1);
}

fn text_rect(harness: &Harness<'static, UnbraceApp>) -> egui::Rect {
    harness.get_by_label("Script text").rect()
}

#[test]
fn a_long_line_wraps_and_the_line_numbers_stay_in_view() {
    for size in [[1100.0, 720.0], [800.0, 600.0]] {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = ManualClock::new();
        let mut harness = new_pattern(&clock, dir.path(), size);
        let before = text_rect(&harness);
        to_the_end(&mut harness);
        harness.key_press(egui::Key::Enter);
        harness.get_by_label("Script text").type_text(&format!("// {}end", "a long comment ".repeat(30)));
        harness.run_steps(3);
        let after = text_rect(&harness);
        // Nothing scrolled sideways: the gutter with line 1's number is still left of the text.
        assert!(
            (after.left() - before.left()).abs() < 0.5,
            "at {size:?} the text scrolled sideways: {after:?}"
        );
        assert!(before.left() > 30.0, "room for the line numbers at {size:?}: {before:?}");
        assert!(after.right() <= size[0], "at {size:?} the long line runs out of the window: {after:?}");
    }
}

#[test]
fn the_text_stays_put_when_a_problem_and_a_message_appear() {
    for size in [[1100.0, 720.0], [800.0, 600.0]] {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = ManualClock::new();
        let mut harness = new_pattern(&clock, dir.path(), size);
        // A stray character after the closing parenthesis: a problem, said once typing pauses.
        to_the_end(&mut harness);
        harness.get_by_label("Script text").type_text("x");
        // With its line end, so saving (which adds a missing one) does not change the text.
        harness.key_press(egui::Key::Enter);
        // Long enough for the text to finish scrolling to the cursor.
        harness.run_steps(60);
        harness.get_by_label("No problems");
        let clean = text_rect(&harness);
        pause(&mut harness, &clock);
        harness.get_by_label_contains("something follows the end of the script");
        assert_eq!(text_rect(&harness), clean, "at {size:?} the problem line moved the text");

        // Trying it and saving it are refused and say so: a message as well.
        harness.get_by_label("Try it").click();
        common::settle(&mut harness);
        harness.get_by_label("Fix the problem in the text to try it.");
        assert_eq!(text_rect(&harness), clean, "at {size:?} the message moved the text");
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
        common::settle(&mut harness);
        harness.get_by_label_contains("Not saved");
        assert_eq!(text_rect(&harness), clean, "at {size:?} the longer message moved the text");
    }
}

#[test]
fn the_pattern_form_lines_its_fields_up_and_says_when_a_value_was_cut() {
    for size in [[1100.0, 720.0], [800.0, 600.0]] {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = ManualClock::new();
        let mut harness = new_pattern(&clock, dir.path(), size);
        harness.get_by_label("Show form").click();
        common::settle(&mut harness);

        // "Breathe in" and "Breathe out" are of different widths; the fields after them are not
        // moved by that.
        let lefts = |harness: &Harness<'static, UnbraceApp>, field: &str| -> Vec<f32> {
            (1..=2).map(|i| harness.get_by_label(&format!("Phase {i} {field}")).rect().left()).collect()
        };
        let secs = lefts(&harness, "seconds");
        assert!((secs[0] - secs[1]).abs() < 0.5, "at {size:?} the seconds fields zig-zag: {secs:?}");
        let cues = lefts(&harness, "cue");
        assert!((cues[0] - cues[1]).abs() < 0.5, "at {size:?} the cue fields zig-zag: {cues:?}");
        for cue in ["Phase 1 cue", "Phase 2 cue"] {
            assert!(harness.get_by_label(cue).rect().right() <= size[0], "{cue} fits at {size:?}");
        }

        // 200 s is more than a phase may last: it is set to 120, and the form says so.
        harness.get_by_label("Phase 1 seconds").focus();
        harness.run_steps(2);
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        harness.get_by_label("Phase 1 seconds").type_text("200");
        harness.key_press(egui::Key::Enter);
        harness.run_steps(2);
        harness.get_by_label("At most 120 s: set to 120.");
        assert_eq!(lefts(&harness, "seconds"), secs, "at {size:?} the note moved the fields");
        assert_eq!(lefts(&harness, "cue"), cues, "at {size:?} the note moved the fields");
        pause(&mut harness, &clock);
        harness.get_by_label("No problems");
        harness.get_by_label("Save").click();
        common::settle(&mut harness);
        let saved = std::fs::read_to_string(dir.path().join("breathing/new-pattern.ron")).expect("saved");
        assert!(saved.contains("Inhale(secs: 120,"), "{saved}");
    }
}

#[test]
fn open_folder_shows_the_path_and_says_when_it_could_not_open_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = ManualClock::new();
    let path = dir.path().display().to_string();

    // No opener on this system.
    let mut harness = scripts_page(&clock, dir.path(), [1100.0, 720.0], "unbrace-no-such-opener");
    harness.get_by_label(&path);
    harness.get_by_label("Open folder").click();
    common::settle(&mut harness);
    harness.get_by_label_contains("Could not open the folder: unbrace-no-such-opener is not installed");
    harness.get_by_label(&path);

    // An opener that works.
    let mut harness = scripts_page(&clock, dir.path(), [800.0, 600.0], "true");
    harness.get_by_label("Open folder").click();
    common::settle(&mut harness);
    harness.get_by_label("Opened in your file manager.");

    // An opener that fails, and a folder that went away.
    let mut harness = scripts_page(&clock, dir.path(), [1100.0, 720.0], "false");
    harness.get_by_label("Open folder").click();
    common::settle(&mut harness);
    harness.get_by_label_contains("Could not open the folder: false stopped with code 1");
    let gone = tempfile::tempdir().expect("temp dir");
    let mut harness = scripts_page(&clock, gone.path(), [1100.0, 720.0], "true");
    std::fs::remove_dir_all(gone.path()).expect("removed");
    harness.get_by_label("Open folder").click();
    common::settle(&mut harness);
    harness.get_by_label_contains("Could not open the folder: the folder is missing");
}
