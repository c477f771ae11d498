//! The notifier: shows a due reminder as a desktop notification with Start, Later and Skip,
//! replacing (never stacking) the reminder's earlier one, and hears the answer.

use unbrace_core::reminder::Response;

use super::shown::Shown;

/// The buttons, as `(action key, label)`.
pub const ACTIONS: [(&str, &str); 3] = [("start", "Start"), ("later", "Later"), ("skip", "Skip")];

/// The answer an action key stands for (`None`: not one of ours).
#[must_use]
pub fn response(key: &str) -> Option<Response> {
    match key {
        "start" => Some(Response::Start),
        "later" => Some(Response::Later),
        "skip" => Some(Response::Skip),
        _ => None,
    }
}

/// Where reminders are shown. Answers come back by the callback each notifier is made with.
pub trait Notifier: Send {
    /// Shows `shown` with `body`, in place of the reminder's notification still open, if any.
    ///
    /// # Errors
    /// The notification could not be shown, in words for people.
    fn show(&mut self, shown: &Shown, body: &str) -> Result<(), String>;

    /// Takes every open notification down (when quitting: their buttons would lead nowhere).
    fn withdraw_all(&mut self);

    /// The service's name and whether it shows buttons, for Settings.
    fn describe(&self) -> String;
}

/// Nothing to show reminders with (no session bus, no notification service).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoNotifier {
    pub why: String,
}

impl Notifier for NoNotifier {
    fn show(&mut self, _: &Shown, _: &str) -> Result<(), String> {
        Err(self.why.clone())
    }

    fn withdraw_all(&mut self) {}

    fn describe(&self) -> String {
        format!("not shown: {}", self.why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_button_answers_as_the_scheduler_expects() {
        let answers: Vec<Option<Response>> = ACTIONS.iter().map(|(key, _)| response(key)).collect();
        assert_eq!(answers, [Some(Response::Start), Some(Response::Later), Some(Response::Skip)]);
        assert_eq!(response("default"), None, "a click on the text is not an answer");
    }
}
