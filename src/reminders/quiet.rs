//! Quiet time: moments when a reminder must wait (a call, a talk, a film): a full-screen
//! window has focus, or the desktop is in do-not-disturb.
//!
//! There is no portable question for either. Unbrace asks what the session offers:
//! - X11: the focused window (`_NET_ACTIVE_WINDOW`) is `_NET_WM_STATE_FULLSCREEN`
//!   ([`super::fullscreen_x11`]);
//! - the notification service's `Inhibited` property (KDE Plasma's do-not-disturb, which also
//!   turns on while a full-screen window has focus), where the service has it
//!   ([`super::notifier_dbus::Inhibited`]).

/// One way of telling that now is not the moment.
pub trait QuietSource: Send {
    /// # Errors
    /// The source stopped answering, in words for people.
    fn quiet(&mut self) -> Result<bool, String>;

    /// What it watches, for Settings ("full screen on X11").
    fn name(&self) -> &'static str;
}

/// Every quiet source in use: quiet when any says so. A source that fails is dropped, and
/// its failure returned once, to be said.
#[derive(Default)]
pub struct QuietSources {
    sources: Vec<Box<dyn QuietSource>>,
}

impl std::fmt::Debug for QuietSources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QuietSources").finish_non_exhaustive()
    }
}

impl QuietSources {
    #[must_use]
    pub fn new(sources: Vec<Box<dyn QuietSource>>) -> Self {
        Self { sources }
    }

    /// Whether it is quiet now, and the sources that failed (now dropped).
    pub fn quiet(&mut self) -> (bool, Vec<String>) {
        let mut quiet = false;
        let mut failed = Vec::new();
        self.sources.retain_mut(|source| match source.quiet() {
            Ok(q) => {
                quiet |= q;
                true
            }
            Err(why) => {
                failed.push(format!("{} can no longer be checked ({why})", source.name()));
                false
            }
        });
        (quiet, failed)
    }

    /// What is watched, for Settings.
    #[must_use]
    pub fn names(&self) -> Vec<&'static str> {
        self.sources.iter().map(|s| s.name()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed(Result<bool, String>);

    impl QuietSource for Fixed {
        fn quiet(&mut self) -> Result<bool, String> {
            self.0.clone()
        }

        fn name(&self) -> &'static str {
            "fixed"
        }
    }

    #[test]
    fn quiet_when_any_says_so_and_a_failed_source_is_said_once_and_dropped() {
        let mut sources = QuietSources::new(vec![
            Box::new(Fixed(Ok(false))),
            Box::new(Fixed(Err("gone".to_owned()))),
            Box::new(Fixed(Ok(true))),
        ]);
        assert_eq!(sources.quiet(), (true, vec!["fixed can no longer be checked (gone)".to_owned()]));
        assert_eq!(sources.quiet(), (true, vec![]), "said once");
        assert_eq!(sources.names().len(), 2);
        assert_eq!(QuietSources::default().quiet(), (false, vec![]));
    }
}
