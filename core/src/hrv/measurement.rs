//! One Bluetooth Heart Rate Measurement notification (characteristic 0x2A37 of the Heart
//! Rate Service 0x180D), read from its bytes: heart rate, sensor contact, energy expended and
//! the RR intervals the strap measured since its last notification.
//!
//! Layout (Bluetooth SIG, GATT characteristic `heart_rate_measurement`; little-endian):
//!
//! | bytes | field | present when |
//! |---|---|---|
//! | 1 | flags | always |
//! | 1 or 2 | heart rate, bpm (`u8`, or `u16` when flag bit 0 is set) | always |
//! | 2 | energy expended, kJ (`u16`) | flag bit 3 |
//! | 2 each | RR intervals in 1/1024 s (`u16`), oldest first | flag bit 4 |
//!
//! Flag bits 1–2 say whether the strap can tell skin contact and, if so, whether it has it;
//! bits 5–7 are reserved and ignored. Bytes come from a radio and a device we do not control,
//! so nothing here trusts them: a short packet is an error, never a panic.

use std::fmt;

const FLAG_HR_U16: u8 = 0x01;
const FLAG_ENERGY: u8 = 0x08;
const FLAG_RR: u8 = 0x10;

/// RR units per second in the notification.
const RR_UNITS_PER_SEC: f64 = 1024.0;

/// Whether the strap touches the skin, as far as it can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SensorContact {
    /// The strap does not report contact (flag bits 1–2 are `00` or `01`).
    NotSupported,
    /// It can tell, and has no contact: the values are likely noise.
    Lost,
    /// It can tell, and touches the skin.
    Touching,
}

/// One Heart Rate Measurement notification, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeartRateMeasurement {
    /// The strap's own heart rate, beats per minute (often averaged over a few seconds).
    pub heart_rate_bpm: u16,
    pub contact: SensorContact,
    /// Energy expended since the strap's last reset, kJ (65 535 means "that or more").
    pub energy_kj: Option<u16>,
    /// RR intervals as sent, in 1/1024 s, oldest first. Often empty: no beat ended since the
    /// last notification. See [`Self::rr_ms`].
    pub rr_1024: Vec<u16>,
}

impl HeartRateMeasurement {
    /// The RR intervals in milliseconds, oldest first (`rr × 1000 / 1024`, not rounded).
    pub fn rr_ms(&self) -> impl Iterator<Item = f64> + '_ {
        self.rr_1024.iter().map(|&rr| f64::from(rr) * 1000.0 / RR_UNITS_PER_SEC)
    }
}

/// Why a notification could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasurementError {
    /// No bytes at all.
    Empty,
    /// The flags promise a heart rate of `needed` bytes, and fewer follow.
    ShortHeartRate { needed: usize, len: usize },
    /// The flags promise an energy field, and the packet ends first.
    ShortEnergy { len: usize },
}

impl fmt::Display for MeasurementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "an empty heart-rate notification"),
            Self::ShortHeartRate { needed, len } => write!(
                f,
                "a heart-rate notification of {len} bytes: its flags promise a {needed}-byte heart rate"
            ),
            Self::ShortEnergy { len } => {
                write!(f, "a heart-rate notification of {len} bytes ends inside its energy field")
            }
        }
    }
}

impl std::error::Error for MeasurementError {}

/// Reads one notification.
///
/// Flag bit 4 with no RR bytes is not an error (straps send it when no beat fell in the
/// last second). An odd byte after the RR values cannot be an interval and is ignored; the
/// whole intervals before it are kept, since dropping them would leave a gap in the beats.
pub fn parse_measurement(bytes: &[u8]) -> Result<HeartRateMeasurement, MeasurementError> {
    let len = bytes.len();
    let (&flags, rest) = bytes.split_first().ok_or(MeasurementError::Empty)?;
    let (heart_rate_bpm, rest) = if flags & FLAG_HR_U16 == 0 {
        let (&bpm, rest) = rest.split_first().ok_or(MeasurementError::ShortHeartRate { needed: 1, len })?;
        (u16::from(bpm), rest)
    } else {
        let (bpm, rest) = read_u16(rest).ok_or(MeasurementError::ShortHeartRate { needed: 2, len })?;
        (bpm, rest)
    };
    let contact = match (flags >> 1) & 0b11 {
        0b11 => SensorContact::Touching,
        0b10 => SensorContact::Lost,
        _ => SensorContact::NotSupported,
    };
    let (energy_kj, rest) = if flags & FLAG_ENERGY == 0 {
        (None, rest)
    } else {
        let (energy, rest) = read_u16(rest).ok_or(MeasurementError::ShortEnergy { len })?;
        (Some(energy), rest)
    };
    let rr_1024 = if flags & FLAG_RR == 0 {
        Vec::new()
    } else {
        rest.chunks_exact(2).map(|pair| u16::from_le_bytes([pair[0], pair[1]])).collect()
    };
    Ok(HeartRateMeasurement { heart_rate_bpm, contact, energy_kj, rr_1024 })
}

fn read_u16(bytes: &[u8]) -> Option<(u16, &[u8])> {
    match bytes {
        [lo, hi, rest @ ..] => Some((u16::from_le_bytes([*lo, *hi]), rest)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_8_bit_rate_with_contact_and_two_intervals() {
        let m = parse_measurement(&[0x16, 60, 0x00, 0x04, 0x10, 0x04]).unwrap();
        assert_eq!(m.heart_rate_bpm, 60);
        assert_eq!(m.contact, SensorContact::Touching);
        assert_eq!(m.energy_kj, None);
        assert_eq!(m.rr_1024, vec![1024, 1040]);
        let rr: Vec<f64> = m.rr_ms().collect();
        assert_eq!(rr, vec![1000.0, 1015.625]);
    }

    #[test]
    fn reads_a_16_bit_rate_with_energy() {
        // Flags: u16 rate, contact not supported, energy and RR present.
        let m = parse_measurement(&[0x19, 0x2c, 0x01, 0x10, 0x00, 0x00, 0x02]).unwrap();
        assert_eq!(m.heart_rate_bpm, 300);
        assert_eq!(m.contact, SensorContact::NotSupported);
        assert_eq!(m.energy_kj, Some(16));
        assert_eq!(m.rr_1024, vec![512]);
        assert_eq!(m.rr_ms().next(), Some(500.0));
    }

    #[test]
    fn tells_contact_lost_from_not_supported() {
        assert_eq!(parse_measurement(&[0b100, 70]).unwrap().contact, SensorContact::Lost);
        assert_eq!(parse_measurement(&[0b010, 70]).unwrap().contact, SensorContact::NotSupported);
        assert_eq!(parse_measurement(&[0b000, 70]).unwrap().contact, SensorContact::NotSupported);
    }

    #[test]
    fn keeps_rr_flag_without_intervals_and_drops_an_odd_byte() {
        assert_eq!(parse_measurement(&[0x10, 70]).unwrap().rr_1024, Vec::<u16>::new());
        assert_eq!(parse_measurement(&[0x10, 70, 0x00]).unwrap().rr_1024, Vec::<u16>::new());
        assert_eq!(parse_measurement(&[0x10, 70, 0x00, 0x04, 0x99]).unwrap().rr_1024, vec![1024]);
        // Without the RR flag, trailing bytes are not intervals.
        assert_eq!(parse_measurement(&[0x00, 70, 0x00, 0x04]).unwrap().rr_1024, Vec::<u16>::new());
    }

    #[test]
    fn ignores_reserved_flag_bits() {
        let m = parse_measurement(&[0xE0 | 0x16, 60, 0x00, 0x04]).unwrap();
        assert_eq!((m.heart_rate_bpm, m.rr_1024), (60, vec![1024]));
    }

    #[test]
    fn short_packets_are_errors_with_a_message() {
        assert_eq!(parse_measurement(&[]), Err(MeasurementError::Empty));
        assert_eq!(parse_measurement(&[0x00]), Err(MeasurementError::ShortHeartRate { needed: 1, len: 1 }));
        assert_eq!(
            parse_measurement(&[0x01, 70]),
            Err(MeasurementError::ShortHeartRate { needed: 2, len: 2 })
        );
        assert_eq!(parse_measurement(&[0x08, 70, 0x01]), Err(MeasurementError::ShortEnergy { len: 3 }));
        let message = parse_measurement(&[0x09, 0x2c, 0x01, 0x10]).unwrap_err().to_string();
        assert!(message.contains("4 bytes") && message.contains("energy"), "{message}");
    }

    #[test]
    fn never_panics_on_any_short_packet() {
        // Every packet of up to 3 bytes, and every flag byte with 0..=9 bytes after it.
        for a in 0..=255_u8 {
            for b in [0_u8, 1, 0x7f, 0xff] {
                let _ = parse_measurement(&[a]);
                let _ = parse_measurement(&[a, b]);
                let _ = parse_measurement(&[a, b, b]);
            }
            for len in 0..10 {
                let mut packet = vec![a];
                packet.extend(std::iter::repeat_n(0xAB, len));
                if let Ok(m) = parse_measurement(&packet) {
                    assert!(m.rr_1024.len() <= len / 2);
                }
            }
        }
    }
}
