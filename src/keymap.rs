//! Every keyboard shortcut, in one table. Input handling reads it to turn key presses into
//! [`Action`]s, Help lists it, and a test checks that the README's table says the same.

use egui::{Key, Modifiers};

/// What a shortcut asks for; the app decides what that means where the user is (Space starts
/// on the practice page and pauses a running practice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Save,
    /// Start; pause or resume; go on from a check-in.
    Primary,
    /// Stop the practice, leave focus mode, close a window or a dialog, skip a check-in.
    Back,
    FocusMode,
    NextStep,
    PreviousStep,
    Extend,
    ToggleSound,
    ToggleVoice,
    Help,
}

/// One row of the table: how it is written for people, what it does, and the key presses
/// that trigger it. A row without presses is egui's own (Tab, Enter), listed for people.
#[derive(Debug)]
pub struct Shortcut {
    pub keys: &'static str,
    pub what: &'static str,
    pub presses: &'static [(Modifiers, Key, Action)],
    /// Works while typing in a text field (Ctrl+S in the editor).
    pub while_typing: bool,
}

/// The shortcuts, in the order Help and the README list them.
pub const SHORTCUTS: &[Shortcut] = &[
    Shortcut {
        keys: "Ctrl+S",
        what: "save the script open in the editor",
        presses: &[(Modifiers::COMMAND, Key::S, Action::Save)],
        while_typing: true,
    },
    Shortcut {
        keys: "Space",
        what: "start; pause or resume (or press the control in focus)",
        presses: &[(Modifiers::NONE, Key::Space, Action::Primary)],
        while_typing: false,
    },
    Shortcut {
        keys: "Esc",
        what: "stop the practice (or leave focus mode, close a window)",
        presses: &[(Modifiers::NONE, Key::Escape, Action::Back)],
        while_typing: false,
    },
    Shortcut {
        keys: "F11",
        what: "focus mode: only the breathing shape, full screen",
        presses: &[(Modifiers::NONE, Key::F11, Action::FocusMode)],
        while_typing: false,
    },
    Shortcut {
        keys: "Right / Left",
        what: "body scan: next or previous step",
        presses: &[
            (Modifiers::NONE, Key::ArrowRight, Action::NextStep),
            (Modifiers::NONE, Key::ArrowLeft, Action::PreviousStep),
        ],
        while_typing: false,
    },
    Shortcut {
        keys: "+",
        what: "body scan: 30 more seconds for this step",
        presses: &[
            (Modifiers::NONE, Key::Plus, Action::Extend),
            (Modifiers::SHIFT, Key::Plus, Action::Extend),
            (Modifiers::SHIFT, Key::Equals, Action::Extend),
            (Modifiers::NONE, Key::Equals, Action::Extend),
        ],
        while_typing: false,
    },
    Shortcut {
        keys: "M",
        what: "sound cues on or off",
        presses: &[(Modifiers::NONE, Key::M, Action::ToggleSound)],
        while_typing: false,
    },
    Shortcut {
        keys: "V",
        what: "voice guidance on or off",
        presses: &[(Modifiers::NONE, Key::V, Action::ToggleVoice)],
        while_typing: false,
    },
    Shortcut {
        keys: "F1",
        what: "help: shortcuts and the safety note",
        presses: &[(Modifiers::NONE, Key::F1, Action::Help)],
        while_typing: false,
    },
    Shortcut {
        keys: "Tab, Enter",
        what: "move between controls and press one",
        presses: &[],
        while_typing: false,
    },
];

/// The actions pressed this frame, in table order; each press is consumed. While a text
/// field has the keyboard, only the shortcuts that work while typing count.
#[must_use]
pub fn pressed(ctx: &egui::Context) -> Vec<Action> {
    let typing = ctx.egui_wants_keyboard_input();
    let mut actions = Vec::new();
    for shortcut in SHORTCUTS.iter().filter(|s| s.while_typing || !typing) {
        for &(modifiers, key, action) in shortcut.presses {
            if ctx.input_mut(|i| i.consume_key(modifiers, key)) && !actions.contains(&action) {
                actions.push(action);
            }
        }
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's table of keys, row by row.
    fn readme_rows() -> Vec<(String, String)> {
        let readme = include_str!("../README.md");
        let table = readme.split("| Key ").nth(1).expect("the README has a table of keys");
        table
            .lines()
            .skip(2)
            .take_while(|line| line.starts_with('|'))
            .map(|line| {
                let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
                (cells[0].to_owned(), cells[1].to_owned())
            })
            .collect()
    }

    #[test]
    fn the_readme_lists_the_same_shortcuts() {
        let table: Vec<(String, String)> =
            SHORTCUTS.iter().map(|s| (s.keys.to_owned(), s.what.to_owned())).collect();
        assert_eq!(readme_rows(), table);
    }

    #[test]
    fn no_key_press_means_two_things() {
        let mut seen = Vec::new();
        for &(modifiers, key, _) in SHORTCUTS.iter().flat_map(|s| s.presses) {
            assert!(!seen.contains(&(modifiers, key)), "{modifiers:?} {key:?} is bound twice");
            seen.push((modifiers, key));
        }
    }
}
