//! The RON field finder on arbitrary text: where a field's key and value stand (used to point
//! problems at a field and to edit one field's value), and line/column of any byte offset.
//! Also where a new last field would go (the reminder switch adds `enabled` there).
//! No panic; every range is a slice of the text on character boundaries, the key before the
//! value; in a text that parses, a found `name` is the routine's own name.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unbrace_core::script::fields::{end_of_fields, find, line_col};
use unbrace_core::script::{self, Script};
use unbrace_fuzz::{assert_slice, text};

/// Paths the app looks for (problems name these fields), and some no file has.
const PATHS: &[&[&str]] = &[
    &["name"],
    &["phases"],
    &["ramp", "from_secs"],
    &["ramp", "over"],
    &["routine"],
    &["enabled"],
    &["a", "b", "c"],
    &[""],
    &[],
];

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    for path in PATHS {
        let Some(span) = find(text, path) else { continue };
        assert_slice(text, &span.key, "key");
        assert_slice(text, &span.value, "value");
        assert!(
            span.key.end <= span.value.start,
            "{path:?}: value {:?} before key {:?}",
            span.value,
            span.key
        );
        assert_eq!(&text[span.key.clone()], *path.last().expect("found a field"));
        let (line, col) = line_col(text, span.key.start);
        assert!(line >= 1 && col >= 1);
    }
    // Where a new field would go: after the last one, before the struct's `)`.
    if let Some(end) = end_of_fields(text) {
        assert_slice(text, &(end.after..end.close), "end of fields");
        assert_eq!(text.as_bytes()[end.close], b')', "not the closing parenthesis");
    }
    // In a routine that parses, the `name` found is the one the parser read.
    if let Ok(parsed) = script::parse(text)
        && let Some(span) = find(script::without_bom(text), &["name"])
    {
        let value = &script::without_bom(text)[span.value];
        let probe =
            format!("Pattern(name: {value}, phases: [Inhale(secs: 1), Exhale(secs: 1)], length: Cycles(1))");
        match script::parse(&probe) {
            Ok(Script::Pattern(p)) => {
                assert_eq!(p.name.as_str(), parsed.name(), "found another name: {value}")
            }
            other => panic!("the name found is not a name: {value:?} ({other:?})"),
        }
    }
    // Any byte offset, on a character boundary or not, in the text or past it.
    let at = data.first().map_or(0, |&b| usize::from(b) * 7) % (text.len() + 3);
    let (line, col) = line_col(text, at);
    assert!(line >= 1 && col >= 1);
    let _ = line_col(text, usize::MAX);
});
