//! Every shipped script loads, names its source, and is embedded in the binary unchanged.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use unbrace::library::{check, loader};
use unbrace_core::breathing::pattern::PhaseKind;
use unbrace_core::library::{Content, builtin, parse_content};
use unbrace_core::script::Script;

fn files_on_disk() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts");
    let (files, problems) = loader::find_script_files(&root);
    assert!(problems.is_empty(), "{problems:?}");
    files
        .into_iter()
        .map(|path| {
            let id = path.strip_prefix(&root).expect("below scripts/").to_string_lossy().replace('\\', "/");
            (id, fs::read_to_string(&path).expect("readable"))
        })
        .collect()
}

#[test]
fn every_file_under_scripts_is_embedded_unchanged() {
    let embedded: BTreeMap<String, String> =
        builtin::BUILT_IN.iter().map(|(id, text)| ((*id).to_owned(), (*text).to_owned())).collect();
    assert_eq!(files_on_disk(), embedded, "src/library/builtin.rs and scripts/ disagree");
}

#[test]
fn every_shipped_script_loads_and_names_its_source() {
    let on_disk = files_on_disk();
    assert!(on_disk.len() >= 16);
    for (id, text) in &on_disk {
        let script = match parse_content(Path::new(id), text).unwrap_or_else(|p| panic!("{p}")) {
            Content::Script(script) => script,
            // A reminder is not a routine: it names one, which the check below finds.
            Content::Reminder(_) => continue,
        };
        let (source, summary) = match &script {
            Script::Pattern(p) => (&p.source, &p.summary),
            Script::BodyScan(s) => (&s.source, &s.summary),
        };
        assert!(!source.trim().is_empty(), "{id} names no source");
        assert!(!summary.trim().is_empty(), "{id} has no summary");
    }
    let report = check::check_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts")], None);
    assert!(report.is_clean(), "{:?}", report.problems);
    assert_eq!(report.files, on_disk.len());
}

#[test]
fn the_first_pattern_is_a_slow_exhale_without_holds() {
    let library = unbrace::library::load(None);
    let pattern = library.pattern(builtin::DEFAULT_PATTERN).expect("default pattern ships");
    assert!(!pattern.has_holds());
    let secs = |kind| pattern.phases().iter().find(|p| p.kind == kind).map(|p| p.secs.millis());
    assert!(secs(PhaseKind::Exhale) > secs(PhaseKind::Inhale));
}

#[test]
fn the_issue_names_ship_with_their_rhythms() {
    let library = unbrace::library::load(None);
    let rhythms: BTreeMap<String, String> =
        library.patterns().map(|(_, p)| (p.name.to_string(), p.rhythm())).collect();
    for (name, rhythm) in [
        ("Resonance 5.5", "5.45-5.45"),
        ("Coherent 6", "5-5"),
        ("Longer exhale 4-6", "4-6"),
        ("Slow exhale 3-7", "3-7"),
        ("Double exhale 1:2", "4-8"),
        ("7-11", "7-11"),
        ("Cyclic sighing", "2.5+0.7-6"),
        ("Box 4-4-4-4", "4-4-4-4"),
        ("4-7-8 Relaxing breath", "4-7-8"),
        ("Slow down", "4-8"),
    ] {
        assert_eq!(rhythms.get(name).map(String::as_str), Some(rhythm), "{name}");
    }
    // A ramp is shown, not hidden behind its end point.
    let slow_down = library.patterns().find(|(_, p)| p.name.as_str() == "Slow down").expect("ships").1;
    assert_eq!(slow_down.rhythm_described(), "4-4, easing to 4-8 over 5 minutes");
}
