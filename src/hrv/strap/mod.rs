//! A Bluetooth heart-rate strap (Polar H10, Garmin HRM, Wahoo TICKR, any strap with the
//! Heart Rate Service 0x180D that sends RR intervals) as an [`RrSource`].
//!
//! Everything that touches the radio runs on the strap's own thread (`unbrace-strap`, a
//! single-threaded tokio runtime, which btleplug needs on Linux); the UI thread only sends it
//! requests and takes in its reports. The thread starts when a strap is first wanted (one is
//! remembered in the settings, or the user searches for one), so a person without a strap
//! never touches Bluetooth at all.
//!
//! The decisions are kept apart from the radio so they are tested without one: which devices
//! are straps ([`advert`]), when to try again after a drop ([`reconnect`]), and what a
//! notification says ([`beats_of`]).

pub mod advert;
#[cfg(target_os = "linux")]
mod ble;
pub mod reconnect;

use std::sync::Arc;
use std::time::Duration;

use unbrace_core::hrv::measurement::{MeasurementError, parse_measurement};

use super::source::{NoSource, RrSource, SourceEvent};

/// Reads the app's monotonic clock from the strap thread, to stamp when each notification
/// arrived (the clock module hands it out; nothing here reads a clock itself).
pub type Stamp = Arc<dyn Fn() -> Duration + Send + Sync>;

/// The longest a notification's RR interval can be as sent: 65 535/1024 s.
const RR_UNITS_PER_SEC: u64 = 1024;

/// Starts the strap source: its thread on Linux, where btleplug talks to BlueZ; elsewhere a
/// source that says there is no Bluetooth support, when asked.
#[must_use]
pub fn start(stamp: Stamp, wake: impl Fn() + Send + 'static) -> Box<dyn RrSource> {
    #[cfg(target_os = "linux")]
    {
        match ble::StrapSource::start(stamp, wake) {
            Ok(source) => Box::new(source),
            Err(e) => Box::new(NoSource::new(format!("the Bluetooth thread could not start: {e}"))),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (stamp, wake);
        Box::new(NoSource::new("this build of Unbrace reads heart-rate straps on Linux only"))
    }
}

/// What one Heart Rate Measurement notification (0x2A37) says, arrived at `arrival`: its RR
/// intervals (1/1024 s each, as sent) and whether the strap touches the skin.
pub fn beats_of(bytes: &[u8], arrival: Duration) -> Result<SourceEvent, MeasurementError> {
    let measurement = parse_measurement(bytes)?;
    let rr = measurement
        .rr_1024
        .iter()
        .map(|&units| Duration::from_nanos(u64::from(units) * 1_000_000_000 / RR_UNITS_PER_SEC))
        .collect();
    Ok(SourceEvent::Beats { arrival, rr, contact: measurement.contact })
}

/// The battery level (0x2A19), a percentage; `None` for a value no battery has.
#[must_use]
pub fn battery_of(bytes: &[u8]) -> Option<u8> {
    bytes.first().copied().filter(|&percent| percent <= 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unbrace_core::hrv::measurement::SensorContact;

    #[test]
    fn a_notification_gives_its_intervals_in_order_with_the_contact() {
        // Flags 0x16: 8-bit rate, contact supported and touching, RR present: 1024 and 1040.
        let event = beats_of(&[0x16, 60, 0x00, 0x04, 0x10, 0x04], Duration::from_secs(7)).expect("reads");
        assert_eq!(
            event,
            SourceEvent::Beats {
                arrival: Duration::from_secs(7),
                rr: vec![Duration::from_secs(1), Duration::from_nanos(1_015_625_000)],
                contact: SensorContact::Touching,
            }
        );
        // No beat ended since the last notification: no intervals, not an error.
        assert!(matches!(
            beats_of(&[0x10, 70], Duration::ZERO),
            Ok(SourceEvent::Beats { rr, .. }) if rr.is_empty()
        ));
        assert!(beats_of(&[], Duration::ZERO).is_err());
        assert!(beats_of(&[0x01, 70], Duration::ZERO).is_err());
    }

    #[test]
    fn battery_levels_are_percentages() {
        assert_eq!(battery_of(&[87]), Some(87));
        assert_eq!(battery_of(&[100, 1]), Some(100));
        assert_eq!(battery_of(&[101]), None);
        assert_eq!(battery_of(&[]), None);
    }
}
