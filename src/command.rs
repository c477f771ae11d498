//! Every change of state as one value: the user's intents (views and shortcuts return
//! them) and the app's own events (files changed, time passed, the window asked to close).
//! The app applies them in one place, so nothing deep in a closure changes state or touches a
//! file.

use unbrace_core::breathing::pattern::Length;
use unbrace_core::practice::check_in::CheckInEdit;
use unbrace_core::script::ScriptKind;

use crate::navigation::Page;
use crate::reminders::link::Sources;
use crate::reminders::shown::{Answer, Shown};
use unbrace_core::reminder::pause::Pause;

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
    ShowPage(Page),
    /// Something for the script editor.
    Editor(crate::editor::state::EditorCommand),
    /// A change to the check-in (before) or check-out (after) form.
    EditCheckIn(CheckInEdit),
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
    /// Spoken prompts on or off (V).
    ToggleVoice,
    /// The voice, its rate, volume and pauses, and the breathing words.
    SetVoice(unbrace_core::speech::settings::VoiceSettings),
    /// Say a sample prompt with the chosen voice.
    SayVoiceSample,
    /// The notice that speech (or a recording) is unavailable has been read.
    DismissVoiceNotice,
    /// Your own voice for a step of the open body scan: record, listen, keep.
    Take(TakeCommand),
    /// Leave focus mode, close the window or dialog on top, stop the practice, or skip the
    /// check-in: whatever is nearest (Esc).
    Back,
    /// Start, pause or resume, or go on from a check-in: whatever fits where the user is
    /// (Space).
    Primary,
    /// Turn a reminder (by library id) on or off; its file says so.
    SetReminderEnabled {
        id: String,
        on: bool,
    },
    /// Pause every reminder for a while or until tomorrow.
    PauseReminders(Pause),
    /// End the pause.
    ResumeReminders,
    /// "Start with my computer": write or remove the autostart entry.
    SetAutostart(bool),
    /// Show the window (the tray's Open, a second launch).
    OpenWindow,
    /// Show the window and start this routine (library id) at once (the tray's favourites).
    StartRoutine(String),
    /// The same, by the routine's name or file name (`unbrace --start NAME` launched again).
    StartRoutineNamed(String),
    /// Quit Unbrace, also while reminders would keep it running.
    Quit,
    /// Something about the heart: the strap, or "Find your breathing rate".
    Heart(crate::hrv::HeartCommand),

    // The app's own events.
    /// Time passed: a practice whose time is up ends; a running one is checkpointed.
    Tick,
    /// Files changed in the scripts folder.
    FilesChanged,
    /// Watching the scripts folder failed: changes made outside may not show.
    WatchFailed(String),
    /// The window was asked to close.
    CloseRequested,
    /// A reminder went out as a notification.
    ReminderShown(Shown),
    /// A reminder was answered with Start, Later or Skip, or closed unanswered.
    ReminderAnswered(Answer),
    /// What reminders work with (idle time, quiet time, notifications).
    ReminderSources(Sources),
    /// Something reminders need is missing or went away.
    ReminderProblem(String),
    /// Reminders are paused until then, or not paused.
    RemindersPausedUntil(Option<jiff::Timestamp>),
    /// The heart-rate source reported something (its status, a strap found, beats).
    HeartEvent(crate::hrv::source::SourceEvent),
}

/// Recording your own voice for the steps of the body scan open in the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TakeCommand {
    /// Record a take for this step (zero-based), replacing a take not kept.
    Record(usize),
    /// End the take being recorded.
    Stop,
    /// Listen to this step's take, or to its saved recording.
    Listen(usize),
    /// Save the take next to the script and point its step to it.
    Keep,
}
