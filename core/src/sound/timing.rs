//! When a byte written to the sound server will be heard. Pure: the server's timing report
//! and the clock readings around it go in, an affine map from stream position to clock time
//! comes out. Both run at the same rate, so one report holds for seconds; it is refreshed
//! twice a second anyway.

use std::time::Duration;

/// Before the first report on a new stream (its buffer still empty, so its first sample is
/// heard after the server's own latency), when no earlier stream told what that is.
pub const FIRST_GUESS: Duration = Duration::from_millis(10);

/// What the server reported about the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    /// The latency of the sink: how long after the server reads a byte it is heard.
    pub sink: Duration,
    /// The stream position (bytes) the server had read when it answered.
    pub read_offset: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    bytes_per_sec: u32,
    /// How soon the first bytes of a new stream are heard, until a report says.
    first_guess: Duration,
    /// A stream position and the clock time at which it is heard.
    anchor: Option<(i64, Duration)>,
}

impl Timing {
    #[must_use]
    pub const fn new(bytes_per_sec: u32, first_guess: Duration) -> Self {
        Self { bytes_per_sec, first_guess, anchor: None }
    }

    /// A report answered between clock readings `asked` and `answered`.
    pub fn update(&mut self, report: Report, asked: Duration, answered: Duration) {
        let midpoint = asked + answered.saturating_sub(asked) / 2;
        self.anchor = Some((report.read_offset, midpoint + report.sink));
    }

    /// Forgets the map (the stream stopped; the server's clock for it stood still).
    pub fn reset(&mut self) {
        self.anchor = None;
    }

    /// When the byte at stream position `position`, about to be written at clock time `now`,
    /// will be heard. Never before `now`. Without a report, the first bytes written are
    /// taken to be heard the first guess later, and the bytes after them in turn.
    pub fn heard_at(&mut self, position: i64, now: Duration) -> Duration {
        let (anchor_position, anchor_time) = *self.anchor.get_or_insert((position, now + self.first_guess));
        let delta = position - anchor_position;
        let nanos = i128::from(delta) * 1_000_000_000 / i128::from(self.bytes_per_sec.max(1));
        let at = if nanos >= 0 {
            anchor_time + Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
        } else {
            anchor_time.saturating_sub(Duration::from_nanos(u64::try_from(-nanos).unwrap_or(u64::MAX)))
        };
        at.max(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_stream_positions_to_clock_time() {
        let ms = Duration::from_millis;
        // 48 kHz mono 16-bit: 96 000 bytes a second.
        let mut timing = Timing::new(96_000, ms(10));
        assert_eq!(timing.heard_at(0, ms(100)), ms(110), "a first guess before any report");
        // Before a report, later bytes follow the first: 100 ms of stream is 100 ms later,
        // even when written at almost the same moment.
        assert_eq!(timing.heard_at(9_600, ms(101)), ms(210));
        // Asked at 1.000 s, answered at 1.002 s: byte 96 000 was read then, heard 25 ms later.
        timing.update(Report { sink: ms(25), read_offset: 96_000 }, ms(1000), ms(1002));
        assert_eq!(timing.heard_at(96_000, ms(1001)), ms(1026));
        // Half a second further on in the stream is half a second later.
        assert_eq!(timing.heard_at(144_000, ms(1010)), ms(1526));
        // A position already played cannot be heard in the past.
        assert_eq!(timing.heard_at(0, ms(1010)), ms(1010));
        timing.reset();
        assert_eq!(timing.heard_at(144_000, ms(2000)), ms(2010));
        assert_eq!(timing.heard_at(144_000 + 960, ms(2005)), ms(2020));
    }
}
