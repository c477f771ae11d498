//! Which notifications are open for which reminder, and what each signal from the notification
//! service means. Shared by the thread that shows notifications and the one that listens.

use std::collections::HashMap;

use super::notifier::response;
use super::shown::{Answer, Shown};

/// What the notification service said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// `ActionInvoked`: a button was pressed.
    Action { id: u32, key: String },
    /// `NotificationClosed`, with the spec's reason: 1 expired, 2 dismissed by the person,
    /// 3 closed by a `CloseNotification` call, 4 undefined.
    Closed { id: u32, reason: u32 },
}

/// The spec's reason for a notification closed by `CloseNotification` (ours).
pub const CLOSED_BY_CALL: u32 = 3;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenNotifications {
    by_id: HashMap<u32, Shown>,
}

impl OpenNotifications {
    /// The notification to replace when showing `reminder_id` again.
    #[must_use]
    pub fn replaces(&self, reminder_id: &str) -> Option<u32> {
        self.by_id.iter().find(|(_, s)| s.reminder_id == reminder_id).map(|(&id, _)| id)
    }

    /// Notification `id` now shows `shown`. Returns the ones it replaced, unanswered (a
    /// service that ignored the replacement leaves the old one open; it is forgotten too).
    pub fn shown(&mut self, id: u32, shown: Shown) -> Vec<Answer> {
        let replaced: Vec<u32> = self
            .by_id
            .iter()
            .filter(|(other, s)| **other == id || s.reminder_id == shown.reminder_id)
            .map(|(&other, _)| other)
            .collect();
        let answers = replaced
            .into_iter()
            .filter_map(|other| self.by_id.remove(&other))
            .map(|shown| Answer { shown, response: None })
            .collect();
        self.by_id.insert(id, shown);
        answers
    }

    /// What `signal` means: an answer to one of ours, or nothing (not ours, answered already,
    /// or closed by us). Some services send `NotificationClosed` right after `ActionInvoked`:
    /// the first one answers.
    pub fn signal(&mut self, signal: Signal) -> Option<Answer> {
        match signal {
            Signal::Action { id, key } => {
                let response = response(&key)?;
                let shown = self.by_id.remove(&id)?;
                Some(Answer { shown, response: Some(response) })
            }
            Signal::Closed { id, reason } => {
                let shown = self.by_id.remove(&id)?;
                (reason != CLOSED_BY_CALL).then_some(Answer { shown, response: None })
            }
        }
    }

    /// Forgets every open notification, returning their ids (to close them).
    pub fn take_all(&mut self) -> Vec<u32> {
        self.by_id.drain().map(|(id, _)| id).collect()
    }
}

#[cfg(test)]
mod tests {
    use unbrace_core::reminder::Response;

    use super::*;

    fn shown(reminder: &str, at_ms: i64) -> Shown {
        Shown {
            row_id: format!("{reminder}-{at_ms}"),
            reminder_id: format!("reminders/{reminder}.ron"),
            name: reminder.to_owned(),
            routine: "Desk reset".to_owned(),
            at_ms,
        }
    }

    #[test]
    fn a_button_answers_once_even_when_a_close_follows() {
        let mut open = OpenNotifications::default();
        assert!(open.shown(7, shown("desk", 1)).is_empty());
        let answer = open.signal(Signal::Action { id: 7, key: "later".to_owned() });
        assert_eq!(answer, Some(Answer { shown: shown("desk", 1), response: Some(Response::Later) }));
        assert_eq!(open.signal(Signal::Closed { id: 7, reason: 2 }), None, "GNOME closes after an action");
        assert_eq!(open.signal(Signal::Action { id: 99, key: "start".to_owned() }), None, "not ours");
    }

    #[test]
    fn dismissed_is_unanswered_and_our_own_close_is_nothing() {
        let mut open = OpenNotifications::default();
        let _ = open.shown(1, shown("desk", 1));
        let _ = open.shown(2, shown("sleep", 2));
        assert_eq!(open.signal(Signal::Closed { id: 1, reason: 2 }).map(|a| a.response), Some(None));
        assert_eq!(open.signal(Signal::Closed { id: 2, reason: CLOSED_BY_CALL }), None);
        assert_eq!(open.signal(Signal::Action { id: 2, key: "start".to_owned() }), None, "gone");
    }

    #[test]
    fn showing_a_reminder_again_replaces_its_notification_and_counts_the_old_one_unanswered() {
        let mut open = OpenNotifications::default();
        let _ = open.shown(5, shown("desk", 1));
        let _ = open.shown(6, shown("sleep", 1));
        assert_eq!(open.replaces("reminders/desk.ron"), Some(5));
        // The service kept the id, as the spec asks.
        let replaced = open.shown(5, shown("desk", 2));
        assert_eq!(replaced, [Answer { shown: shown("desk", 1), response: None }]);
        // A service that ignores the replacement gives a new id: the old one is forgotten too.
        let replaced = open.shown(8, shown("desk", 3));
        assert_eq!(replaced.len(), 1);
        assert_eq!(open.replaces("reminders/desk.ron"), Some(8));
        assert!(open.signal(Signal::Action { id: 8, key: "nonsense".to_owned() }).is_none());
        assert_eq!(open.replaces("reminders/desk.ron"), Some(8), "an unknown key answers nothing");
        let mut ids = open.take_all();
        ids.sort_unstable();
        assert_eq!(ids, [6, 8]);
    }
}
