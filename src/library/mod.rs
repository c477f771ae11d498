//! Loading the library from disk: the built-in routines overlaid by the user's scripts
//! folder (see [`unbrace_core::library`]), read defensively by [`loader`]; `--check`, the
//! scripts folder's place, and hot reload.

pub mod check;
pub mod loader;
pub mod user_dir;
pub mod watch;

use std::path::Path;

use unbrace_core::library::{Library, UserFile};

/// The built-in routines overlaid by those in `user_dir`, if given.
#[must_use]
pub fn load(user_dir: Option<&Path>) -> Library {
    let Some(dir) = user_dir else {
        return Library::built_in();
    };
    if !dir.exists() {
        let problem = unbrace_core::library::Problem::new(
            dir,
            "this scripts folder does not exist: create it (your scripts then load by themselves \
             when Unbrace next starts) or name another with --scripts; the built-in routines are \
             here meanwhile",
        );
        return Library::build(Vec::new(), vec![problem]);
    }
    let (paths, mut problems) = loader::find_script_files(dir);
    let mut files = Vec::new();
    for path in paths {
        match loader::read_text(&path) {
            Ok(text) => files.push(UserFile { id: relative_id(dir, &path), path, text }),
            Err(problem) => problems.push(problem),
        }
    }
    Library::build(files, problems)
}

/// `dir/breathing/x.ron` → `breathing/x.ron`, with `/` on every platform.
fn relative_id(dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(dir).unwrap_or(path);
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use std::fs;

    use unbrace_core::library::{Origin, builtin};

    use super::*;

    #[test]
    fn a_scan_naming_a_missing_pattern_is_refused_with_its_position() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("body_scan")).expect("mkdir");
        let path = dir.path().join("body_scan/dangling.ron");
        fs::write(
            &path,
            "BodyScan(\n  name: \"Dangling\",\n  steps: [\n    Step(region: Breath, secs: 30, breathing: \"Nope 9-9\", prompt: \"Breathe.\"),\n  ],\n)",
        )
        .expect("write");
        let library = load(Some(dir.path()));
        assert!(library.get("body_scan/dangling.ron").is_none());
        let problem = library.problems().iter().find(|p| p.path == path).expect("reported");
        assert_eq!(problem.position, Some((4, 47)));
        assert!(problem.message.contains("\"Nope 9-9\"") && problem.message.contains("\"Coherent 6\""));
    }

    const USER_FOUR_SIX: &str = r#"Pattern(
        name: "My 4-6",
        phases: [Inhale(secs: 4), Exhale(secs: 6)],
        length: Minutes(3),
    )"#;

    #[test]
    fn built_ins_load_without_problems() {
        let library = load(None);
        assert!(library.problems().is_empty(), "{:?}", library.problems());
        assert_eq!(library.entries().len() + library.reminders().len(), builtin::BUILT_IN.len());
        assert!(library.pattern(builtin::DEFAULT_PATTERN).is_some());
    }

    #[test]
    fn a_user_file_with_the_same_path_replaces_the_built_in() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
        let tweaked = USER_FOUR_SIX.replace("My 4-6", "Longer exhale 4-6").replace("secs: 6", "secs: 7");
        fs::write(dir.path().join("breathing/four-six.ron"), tweaked).expect("write");
        fs::write(dir.path().join("breathing/mine.ron"), USER_FOUR_SIX).expect("write");
        let library = load(Some(dir.path()));
        assert!(library.problems().is_empty(), "{:?}", library.problems());
        assert_eq!(library.entries().len() + library.reminders().len(), builtin::BUILT_IN.len() + 1);
        let replaced = library.get("breathing/four-six.ron").expect("still there");
        assert!(matches!(replaced.origin, Origin::User { replaces_built_in: true, .. }));
        let pattern = library.pattern_named("Longer exhale 4-6").expect("by name");
        assert_eq!(pattern.rhythm(), "4-7");
        let mine = library.get("breathing/mine.ron").expect("added");
        assert!(matches!(mine.origin, Origin::User { replaces_built_in: false, .. }));
    }

    #[test]
    fn renaming_a_pattern_that_scans_use_is_reported_on_those_scans() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
        fs::write(dir.path().join("breathing/four-six.ron"), USER_FOUR_SIX).expect("write");
        let library = load(Some(dir.path()));
        assert!(library.get("body_scan/desk-reset.ron").is_none());
        assert!(library.problems().iter().any(|p| {
            p.path.to_string_lossy().ends_with("body_scan/desk-reset.ron")
                && p.message.contains("\"Longer exhale 4-6\"")
        }));
    }

    #[test]
    fn a_bad_user_file_is_a_problem_and_everything_else_still_loads() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("breathing")).expect("mkdir");
        let bad = dir.path().join("breathing/four-six.ron");
        fs::write(&bad, "Pattern(\n  name: \"x\",\n  phases: [],\n  length: Minutes(3),\n)").expect("write");
        fs::write(dir.path().join("breathing/good.ron"), USER_FOUR_SIX).expect("write");
        let library = load(Some(dir.path()));
        assert_eq!(library.problems().len(), 1);
        assert_eq!(library.problems()[0].path, bad);
        // The built-in of the same name stays rather than vanishing.
        let kept = library.get("breathing/four-six.ron").expect("built-in kept");
        assert_eq!(kept.origin, Origin::BuiltIn);
        assert!(library.get("breathing/good.ron").is_some());
        // The bad file is untouched.
        assert!(fs::read_to_string(&bad).expect("read").contains("phases: []"));
    }
}
