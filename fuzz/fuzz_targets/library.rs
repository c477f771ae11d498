//! The library built from several arbitrary user files, cross-file references included: the
//! input is split at 0xFF bytes (never part of UTF-8 text) into files, each given an id
//! (a built-in one it replaces, or its own). No panic; every body scan kept names only
//! patterns the library has, every reminder kept names a routine it has; the order is the
//! documented one; problems point inside their file.
#![no_main]

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use unbrace_core::library::builtin::BUILT_IN;
use unbrace_core::library::{Library, Origin, Problem, UserFile};
use unbrace_core::script::Script;
use unbrace_fuzz::assert_position;

/// At most this many files from one input (the loader reads up to 10 000; a handful is where
/// references cross).
const MAX_FILES: usize = 24;

fuzz_target!(|data: &[u8]| {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut ids = HashSet::new();
    for (i, chunk) in data.split(|&b| b == 0xFF).take(MAX_FILES).enumerate() {
        // Replace a built-in file now and then, as a person's own copy does.
        let built_in = BUILT_IN[(i + chunk.len()) % BUILT_IN.len()].0;
        let id = if chunk.len() % 3 == 0 && ids.insert(built_in.to_owned()) {
            built_in.to_owned()
        } else {
            let id = format!("mine/{i}.ron");
            ids.insert(id.clone());
            id
        };
        let path = PathBuf::from("/scripts").join(&id);
        match std::str::from_utf8(chunk) {
            Ok(text) => files.push(UserFile { id, path, text: text.to_owned() }),
            // As the shell's reader says it.
            Err(_) => problems.push(Problem::new(&path, "this file is not UTF-8 text: save it as UTF-8")),
        }
    }
    let texts: HashMap<PathBuf, String> = files.iter().map(|f| (f.path.clone(), f.text.clone())).collect();
    let library = Library::build(files, problems);

    let mut seen = HashSet::new();
    for entry in library.entries() {
        assert!(seen.insert(entry.id.as_str()), "{} listed twice", entry.id);
        assert_eq!(library.get(&entry.id), Some(entry));
        if let Script::BodyScan(scan) = &entry.script {
            for name in scan.breathing_names() {
                assert!(
                    library.pattern_named(name).is_some(),
                    "{} kept naming a missing pattern {name:?}",
                    entry.id
                );
            }
        }
        if let Origin::User { path, .. } = &entry.origin {
            assert!(texts.contains_key(path));
        }
    }
    let order: Vec<_> =
        library.entries().iter().map(|e| (e.script.kind(), e.script.name().to_lowercase())).collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "routines out of order");
    for r in library.reminders() {
        assert!(seen.insert(r.id.as_str()), "{} listed twice", r.id);
        assert!(
            library.routine_named(&r.reminder.routine).is_some(),
            "{} kept naming a missing routine",
            r.id
        );
        assert_eq!(library.reminder(&r.id), Some(r));
    }
    for problem in library.problems() {
        if let (Some(position), Some(text)) = (problem.position, texts.get(&problem.path)) {
            assert_position(text, position, "library problem");
        }
        let _ = problem.to_string();
    }
});
