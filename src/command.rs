//! Every user intent as one value. Views return commands; the app applies them in one place
//! at the end of the frame, so nothing deep in a closure changes state or touches a file.

use crate::breathing::pattern::Length;

#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum Command {
    /// Choose the pattern to practise (by library id).
    SelectPattern(String),
    /// Change how long the next practice lasts.
    SetLength(Length),
    /// Start the selected pattern.
    Start,
    /// Pause a running practice, or resume a paused one.
    TogglePause,
    /// End the practice now.
    Stop,
    /// Leave the summary shown after a practice.
    Dismiss,
    /// Show only the animation, full screen (or go back).
    ToggleFocusMode,
    /// Show or hide the list of files with problems.
    ShowProblems(bool),
}
