//! The editor's document on arbitrary text: validation (routine or reminder, and the
//! breathing patterns a scan names), the span it underlines, the debounce clock, and the
//! edits the editor makes to a file's text (turning a reminder on or off, renaming).
//! No panic; the underline is a slice of the text; a routine, a reminder and a problem
//! exclude each other; turning a valid reminder on or off changes exactly that.
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use unbrace_core::editor::document::{Document, byte_range};
use unbrace_core::editor::{switch, templates};
use unbrace_core::reminder;
use unbrace_fuzz::{assert_position, assert_slice, built_in_pattern_names, id_for, text};

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let known = built_in_pattern_names();
    let mut doc = Document::open(id_for(text), true, text.to_owned(), known);
    check(&doc);

    // Typing: validation waits for a pause; a draft falls due once.
    doc.edited(Duration::from_secs(5));
    let _ = doc.next_due(Duration::ZERO);
    assert!(!doc.validate_if_due(Duration::from_secs(5), known));
    assert!(doc.take_draft_due(Duration::from_secs(6)));
    assert!(!doc.take_draft_due(Duration::from_secs(7)));

    if let Some(r) = &doc.reminder {
        // The switch in the reminders list edits the text; the file must say what it shows.
        for enabled in [!r.enabled, r.enabled] {
            let Some(switched) = switch::with_enabled(text, enabled) else {
                panic!("a valid reminder cannot be switched: {text:?}");
            };
            let again = reminder::parse(&switched)
                .unwrap_or_else(|e| panic!("switching broke a valid reminder: {e}\n{text:?}\n{switched:?}"));
            assert_eq!(again.enabled, enabled, "the switch missed the field: {text:?}\n{switched:?}");
            assert_eq!(
                (&again.name, &again.routine, &again.schedule, again.days),
                (&r.name, &r.routine, &r.schedule, r.days)
            );
        }
    } else {
        let _ = switch::with_enabled(text, true);
    }
    // Rename: no panic. (That it edits the right `name:` is issue 17, item 6, not asserted.)
    let _ = templates::with_name(text, "Renamed \"calm\" one");
});

fn check(doc: &Document) {
    let exclusive = [doc.parsed.is_some(), doc.reminder.is_some(), doc.diagnostic.is_some()];
    assert_eq!(exclusive.iter().filter(|&&b| b).count(), 1, "routine, reminder or problem: {exclusive:?}");
    if let Some(d) = &doc.diagnostic {
        assert_position(&doc.text, d.start, "diagnostic start");
        assert!(d.end >= d.start, "{:?} ends before it starts", d);
        let range = byte_range(&doc.text, d.start, d.end);
        assert_slice(&doc.text, &range, "underline");
        let _ = &doc.text[range];
    }
}
