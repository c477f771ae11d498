//! Every parser a file in the scripts folder reaches: the loader's `parse_content`, which
//! reads a routine (`script::parse`) or, when the struct is named `Reminder(`, a reminder
//! (`reminder::parse`), and says why a file is refused; and the pattern parser the editor
//! uses on its own. No panic; each refusal is a problem at a line of the text; the two
//! parsers agree on what a pattern is.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use unbrace_core::library::{self, Content};
use unbrace_core::script::{self, Script};
use unbrace_fuzz::{assert_position, id_for, text};

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let shown_as = Path::new(id_for(text));
    let pattern = script::parse_pattern(text);
    match library::parse_content(shown_as, text) {
        Ok(Content::Script(s)) => {
            if let Script::Pattern(p) = &s {
                assert_eq!(pattern.as_ref().ok(), Some(p), "a pattern the loader reads, the editor refuses");
            }
            let _ = (s.name(), s.kind().label());
        }
        Ok(Content::Reminder(r)) => {
            let _ = (r.between(), r.days.to_string());
        }
        Err(problem) => {
            let position = problem.position.expect("a parse problem has a position");
            assert_position(text, position, "problem");
            assert!(!problem.message.is_empty());
            let _ = problem.to_string();
        }
    }
});
