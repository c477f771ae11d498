//! The check-in form before a practice and the check-out after it, as a draft the user edits.
//! A rating stays "not rated" until it is touched, so an untouched form records nothing.

use std::collections::BTreeSet;

use crate::body_scan::region::Region;
use crate::history::record::CheckIn;

/// The highest rating.
pub const MAX_RATING: u8 = 10;

/// What the user has entered so far.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckInDraft {
    /// 0 to 10, or not rated.
    pub stress: Option<u8>,
    pub tension: Option<u8>,
    pub regions: BTreeSet<Region>,
    /// Check-out only: anything noticed.
    pub note: String,
}

/// One change to the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckInEdit {
    Stress(u8),
    Tension(u8),
    ToggleRegion(Region),
    Note(String),
}

/// The longest note kept, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;

impl CheckInDraft {
    pub fn apply(&mut self, edit: CheckInEdit) {
        match edit {
            CheckInEdit::Stress(v) => self.stress = Some(v.min(MAX_RATING)),
            CheckInEdit::Tension(v) => self.tension = Some(v.min(MAX_RATING)),
            CheckInEdit::ToggleRegion(region) => {
                if !self.regions.remove(&region) {
                    self.regions.insert(region);
                }
            }
            CheckInEdit::Note(note) => self.note = note.chars().take(MAX_NOTE_CHARS).collect(),
        }
    }

    /// What to record; `None` when nothing was rated or marked.
    #[must_use]
    pub fn check_in(&self) -> Option<CheckIn> {
        let check_in = CheckIn {
            stress: self.stress,
            tension: self.tension,
            regions: self.regions.iter().copied().collect(),
        };
        (!check_in.is_empty()).then_some(check_in)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untouched_is_nothing_and_zero_is_an_answer() {
        let mut draft = CheckInDraft::default();
        assert_eq!(draft.check_in(), None);
        draft.apply(CheckInEdit::Stress(0));
        assert_eq!(draft.check_in(), Some(CheckIn { stress: Some(0), tension: None, regions: vec![] }));
    }

    #[test]
    fn edits_stay_in_range() {
        let mut draft = CheckInDraft::default();
        draft.apply(CheckInEdit::Tension(200));
        draft.apply(CheckInEdit::ToggleRegion(Region::Hips));
        draft.apply(CheckInEdit::ToggleRegion(Region::Neck));
        draft.apply(CheckInEdit::ToggleRegion(Region::Hips));
        draft.apply(CheckInEdit::Note("x".repeat(5000)));
        assert_eq!(draft.tension, Some(10));
        assert_eq!(draft.regions.iter().copied().collect::<Vec<_>>(), [Region::Neck]);
        assert_eq!(draft.note.chars().count(), MAX_NOTE_CHARS);
    }
}
