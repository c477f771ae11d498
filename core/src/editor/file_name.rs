//! File names from routine names, sanitised so nothing is ever written outside the scripts
//! folder: no path separators, no `..`, no hidden or reserved names, a sane length.

use std::path::{Component, Path};

/// The longest stem, in characters.
const MAX_STEM: usize = 60;
/// Names Windows reserves for devices (a shared folder may be opened there).
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
    "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file stem for a routine name: lower case, letters and digits kept (in any script),
/// everything else one `-`; never empty, never starting with `.`, never reserved.
#[must_use]
pub fn stem_for(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            stem.push(c);
        } else if !stem.ends_with('-') {
            stem.push('-');
        }
        if stem.chars().count() >= MAX_STEM {
            break;
        }
    }
    let stem = stem.trim_matches('-').to_owned();
    if stem.is_empty() {
        "routine".to_owned()
    } else if RESERVED.contains(&stem.as_str()) {
        format!("{stem}-routine")
    } else {
        stem
    }
}

/// Whether `id` (a path below the scripts folder with `/` separators) stays inside it: only
/// plain names, no `..`, no root, no hidden parts, ending in `.ron`.
#[must_use]
pub fn is_safe_id(id: &str) -> bool {
    let path = Path::new(id);
    path.extension().is_some_and(|e| e == "ron")
        && !id.contains('\\')
        && path.components().all(|c| match c {
            Component::Normal(part) => !part.to_string_lossy().starts_with('.'),
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names() {
        assert_eq!(stem_for("Longer exhale 4-6"), "longer-exhale-4-6");
        assert_eq!(stem_for("Box 4-4-4-4"), "box-4-4-4-4");
        assert_eq!(stem_for("Double exhale 1:2"), "double-exhale-1-2");
        assert_eq!(stem_for("Épaules détendues"), "épaules-détendues");
    }

    #[test]
    fn hostile_names_stay_inside_the_folder() {
        for (name, stem) in [
            ("../../.bashrc", "bashrc"),
            ("/etc/passwd", "etc-passwd"),
            ("..", "routine"),
            ("", "routine"),
            ("   ", "routine"),
            ("C:\\Windows\\system32", "c-windows-system32"),
            ("con", "con-routine"),
            ("NUL", "nul-routine"),
            ("a/b\\c\0d", "a-b-c-d"),
            (".hidden", "hidden"),
            ("name\nwith\nlines", "name-with-lines"),
        ] {
            let got = stem_for(name);
            assert_eq!(got, stem, "{name:?}");
            assert!(!got.contains(['/', '\\', '\0']) && !got.starts_with('.') && got != "..");
        }
        let long = stem_for(&"x".repeat(10_000));
        assert_eq!(long.chars().count(), MAX_STEM);
    }

    #[test]
    fn ids_must_stay_below_the_folder() {
        assert!(is_safe_id("breathing/calm.ron"));
        for bad in
            ["../calm.ron", "/etc/calm.ron", "breathing/../../x.ron", ".trash/x.ron", "calm.txt", "a\\b.ron"]
        {
            assert!(!is_safe_id(bad), "{bad}");
        }
    }
}
