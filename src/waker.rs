//! Waking the app from another thread, whether it has a window or not.
//!
//! The history, disk, watcher, reminders and tray threads call [`Waker::wake`] when they have
//! news. With a window open that asks eframe for a frame (through the window's context);
//! without one (`--background`, or the window closed while reminders are on) it wakes the
//! loop in [`crate::background`] that runs the app's logic headless.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// Cheap to clone; every clone wakes the same app.
#[derive(Clone, Default)]
pub struct Waker(Arc<Inner>);

#[derive(Default)]
struct Inner {
    state: Mutex<State>,
    woken: Condvar,
}

#[derive(Default)]
struct State {
    /// Something happened: run the logic now.
    now: bool,
    /// The logic asked to run again after this long (the shortest asked since the last wait).
    after: Option<Duration>,
    /// The open window's context, if there is a window.
    window: Option<egui::Context>,
}

impl std::fmt::Debug for Waker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Waker").finish_non_exhaustive()
    }
}

impl Waker {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A thread that panicked while holding the lock left nothing half-done in it.
        self.0.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Asks for the app's logic to run soon (a frame, with a window).
    pub fn wake(&self) {
        self.wake_after(Duration::ZERO);
    }

    /// Asks for the app's logic to run within `delay`.
    pub fn wake_after(&self, delay: Duration) {
        let window = {
            let mut state = self.lock();
            if delay.is_zero() {
                state.now = true;
            } else {
                state.after = Some(state.after.map_or(delay, |after| after.min(delay)));
            }
            state.window.clone()
        };
        if let Some(ctx) = window {
            ctx.request_repaint_after(delay);
        }
        self.0.woken.notify_all();
    }

    /// The window whose frames the wakes ask for (`None`: no window, the headless loop runs).
    pub fn attach(&self, window: Option<egui::Context>) {
        self.lock().window = window;
        self.0.woken.notify_all();
    }

    /// Waits until woken or until the delay last asked for has passed, at most `longest`.
    pub fn wait(&self, longest: Duration) {
        let mut state = self.lock();
        let limit = state.after.map_or(longest, |after| after.min(longest));
        if !state.now {
            state = self
                .0
                .woken
                .wait_timeout_while(state, limit, |s| !s.now)
                .map_or_else(|e| e.into_inner().0, |(state, _)| state);
        }
        state.now = false;
        state.after = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wake_from_another_thread_ends_the_wait() {
        let waker = Waker::new();
        let other = waker.clone();
        let thread = std::thread::Builder::new()
            .name("waker-test".to_owned())
            .spawn(move || other.wake())
            .expect("spawns");
        // Without the wake this would wait an hour.
        waker.wait(Duration::from_secs(3600));
        thread.join().expect("joins");
    }

    #[test]
    fn a_delay_asked_for_shortens_the_wait() {
        let waker = Waker::new();
        waker.wake_after(Duration::from_millis(5));
        waker.wait(Duration::from_secs(3600));
        // Consumed: a wake already given does not end the next wait.
        waker.wake_after(Duration::from_millis(5));
        waker.wait(Duration::from_secs(3600));
    }
}
