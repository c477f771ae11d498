//! Every user intent as one value. Views return commands; the app applies them in one place
//! at the end of the frame, so nothing deep in a closure changes state or touches a file.

use unbrace_core::breathing::pattern::Length;
use unbrace_core::script::ScriptKind;

#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum Command {
    /// Show the breathing patterns or the body scans in the list.
    ShowKind(ScriptKind),
    /// Choose the routine to practise (by library id).
    Select(String),
    /// Change how long the next breathing practice lasts.
    SetLength(Length),
    /// Start the selected routine (with the check-in first, if it is wanted).
    Start,
    /// Start the selected routine at once (`--start`), once the safety note is read.
    StartNow,
    /// Pause a running practice, or resume a paused one.
    TogglePause,
    /// Body scan: on to the next step.
    Next,
    /// Body scan: back to the previous step.
    Previous,
    /// Body scan: 30 more seconds for this step.
    Extend,
    /// End the practice now.
    Stop,
    /// Leave the summary shown after a practice.
    Dismiss,
    /// Show only the animation, full screen (or go back).
    ToggleFocusMode,
    /// Show or hide the list of files with problems.
    ShowProblems(bool),
    /// Show or hide help: shortcuts and the safety note.
    ShowHelp(bool),
    /// The safety note has been read.
    AcknowledgeSafetyNote,
    /// Go to the practice area, the history or the scripts.
    ShowPage(crate::app::Page),
    /// Something for the script editor.
    Editor(crate::editor::state::EditorCommand),
    /// Save the check-in (before) or check-out (after) form.
    SubmitCheckIn,
    /// Go on without a check-in or check-out.
    SkipCheckIn,
    /// Turn the check-in before and after practices on or off.
    SetCheckIns(bool),
    /// History: delete a record (with undo), or bring the last deleted one back.
    DeleteRecord(String),
    UndoDelete,
    /// History: write every record to a CSV file.
    ExportHistory,
    /// History: show or hide the streak.
    SetShowStreak(bool),
    /// Show or hide the settings window.
    ShowSettings(bool),
    /// Breathe with brightness instead of size.
    SetReducedMotion(bool),
    /// Make text and controls larger, in percent (100 to 200).
    SetTextPercent(u16),
    /// Light, dark, high contrast, or as the desktop.
    SetTheme(unbrace_core::settings::ThemeChoice),
    /// Sound on or off, its volume, and which cues play.
    SetSound(unbrace_core::sound::cue::SoundSettings),
    /// Sound on or off (M).
    ToggleSound,
    /// Play a breath in and out at the chosen volume.
    PreviewSound,
    /// The notice that sound is unavailable has been read.
    DismissSoundNotice,
}
