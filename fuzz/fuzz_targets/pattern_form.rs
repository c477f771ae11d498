//! The round trip through the editor's pattern form on arbitrary text: whatever parses as a
//! breathing pattern, put in the form and written back out, parses again to the same
//! pattern (names and cues with quotes, escapes and any characters; every duration; ramps).
#![no_main]

use libfuzzer_sys::fuzz_target;
use unbrace_core::editor::pattern_form::PatternForm;
use unbrace_core::script::{self, Script};
use unbrace_fuzz::text;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let Ok(Script::Pattern(pattern)) = script::parse(text) else { return };
    let form = PatternForm::from_pattern(&pattern);
    let written = form.to_text();
    match script::parse(&written) {
        Ok(Script::Pattern(again)) => {
            assert_eq!(again, pattern, "the form changed the pattern:\n{text}\n---\n{written}");
            assert_eq!(PatternForm::from_pattern(&again), form);
        }
        other => panic!("the form wrote a file that does not read back: {other:?}\n{text}\n---\n{written}"),
    }
});
