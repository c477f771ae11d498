//! What the disk thread reports back about reminder files and the autostart entry.

/// A result from the disk thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemindersDone {
    /// The autostart entry is on (`true`) or off; or why it could not be changed.
    Autostart(Result<bool, String>),
    /// A reminder was switched (its id), or why not.
    Switched { id: String, result: Result<(), String> },
}
