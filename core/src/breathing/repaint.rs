//! When the breathing view next needs a frame: only when something visible changes.
//!
//! While the shape moves, when its edge has moved by about a pixel; during holds, when the
//! countdown ticks; never faster than the display; never while paused or finished.

use std::time::Duration;

use super::timeline::Moment;

/// No more than 60 frames a second, whatever the motion.
pub const MIN_FRAME_INTERVAL: Duration = Duration::from_micros(16_667);

/// Sizes on screen that decide how often a frame is worth drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// How many pixels the shape's edge moves between empty and full.
    pub shape_travel_px: f64,
    /// The width of the practice progress bar, in pixels.
    pub progress_width_px: f64,
}

/// The wait until the next visible change, or `None` when nothing will change by itself.
#[must_use]
pub fn next_frame_in(moment: &Moment, paused: bool, geometry: Geometry) -> Option<Duration> {
    if paused || moment.finished {
        return None;
    }
    // The phase ends (new words, new direction).
    let mut wait = moment.phase_remaining() + PAST_THE_BOUNDARY;
    // A counter shown in whole seconds ticks: the phase countdown, elapsed and remaining.
    wait = wait.min(until_countdown_ticks(moment.phase_remaining()));
    wait = wait.min(until_countdown_ticks(moment.remaining()));
    // The shape's edge moves by a pixel.
    if geometry.shape_travel_px > 0.0
        && let Some(shape) = moment.until_level_moves(1.0 / geometry.shape_travel_px)
    {
        wait = wait.min(shape);
    }
    // The progress bar grows by a pixel.
    if geometry.progress_width_px > 0.0 {
        let px = moment.total.as_secs_f64() / geometry.progress_width_px;
        if let Ok(progress) = Duration::try_from_secs_f64(px) {
            wait = wait.min(progress);
        }
    }
    Some(wait.max(MIN_FRAME_INTERVAL))
}

/// A count-down shown rounded up to whole seconds changes when `left` crosses a whole second.
/// A frame for a change at a boundary is asked for this much after it, so a frame that wakes
/// a little early still sees the change (instead of drawing the same thing and asking again).
pub const PAST_THE_BOUNDARY: Duration = Duration::from_millis(8);

/// How long until a count-down shown rounded up to whole seconds shows a new number.
#[must_use]
pub fn until_countdown_ticks(left: Duration) -> Duration {
    let sub = left.subsec_nanos();
    let until =
        if sub == 0 { Duration::from_secs(1).min(left) } else { Duration::from_nanos(u64::from(sub)) };
    until + PAST_THE_BOUNDARY
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::breathing::pattern::Length;
    use crate::breathing::timeline::Timeline;

    fn timeline() -> Timeline {
        let p = crate::script::parse_pattern(
            "Pattern(name: \"t\", phases: [Inhale(secs: 4), HoldIn(secs: 4), Exhale(secs: 6)], length: Minutes(5))",
        )
        .expect("parses");
        Timeline::new(&p, Length::Minutes(5))
    }

    const GEOMETRY: Geometry = Geometry { shape_travel_px: 200.0, progress_width_px: 0.0 };

    #[test]
    fn a_moving_shape_repaints_about_once_a_pixel_but_never_above_60_hz() {
        let mid_inhale = timeline().at(Duration::from_secs(2));
        let wait = next_frame_in(&mid_inhale, false, GEOMETRY).expect("moving");
        // Peak speed: 200 px × π/2 / 4 s ≈ 78.5 px/s, so a pixel takes about 12.7 ms → 60 Hz cap.
        assert_eq!(wait, MIN_FRAME_INTERVAL);
        let small = Geometry { shape_travel_px: 60.0, progress_width_px: 0.0 };
        let wait = next_frame_in(&mid_inhale, false, small).expect("moving");
        assert!(wait > Duration::from_millis(40) && wait < Duration::from_millis(45), "{wait:?}");
    }

    #[test]
    fn a_hold_repaints_once_a_second() {
        let hold = timeline().at(Duration::from_millis(5_250));
        let wait = next_frame_in(&hold, false, GEOMETRY).expect("counting down");
        assert_eq!(wait, Duration::from_millis(750) + PAST_THE_BOUNDARY);
    }

    #[test]
    fn nothing_runs_while_paused_or_finished() {
        let t = timeline();
        assert_eq!(next_frame_in(&t.at(Duration::from_secs(2)), true, GEOMETRY), None);
        assert_eq!(next_frame_in(&t.at(Duration::from_secs(10_000)), false, GEOMETRY), None);
    }

    #[test]
    fn the_start_of_a_phase_does_not_wait_for_the_slow_easing() {
        let start = timeline().at(Duration::ZERO);
        let wait = next_frame_in(&start, false, GEOMETRY).expect("moving");
        // The eased start is slow, but the first pixel comes well within a second.
        assert!(wait < Duration::from_millis(300), "{wait:?}");
    }
}
