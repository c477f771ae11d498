//! Stored instants (milliseconds since 1970 UTC) as the user's local time. Each instant gets
//! the offset its zone had at that moment (summer or winter time), never today's offset.
//! The zone is passed in: the core never looks up the system's zone.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

/// The local date and time of the instant `ms` in `zone`.
#[must_use]
pub fn at(ms: i64, zone: &TimeZone) -> Option<DateTime> {
    Some(zone.to_datetime(Timestamp::from_millisecond(ms).ok()?))
}

/// The local date of the instant `ms` in `zone`.
#[must_use]
pub fn date_at(ms: i64, zone: &TimeZone) -> Option<Date> {
    at(ms, zone).map(jiff::civil::DateTime::date)
}

/// `ms` formatted with `strftime` directives in `zone`; empty for an instant out of range.
#[must_use]
pub fn format(ms: i64, zone: &TimeZone, directives: &str) -> String {
    at(ms, zone).map(|t| t.strftime(directives).to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summer_instants_keep_summer_offsets() {
        let berlin = TimeZone::get("Europe/Berlin").expect("bundled");
        // 2026-07-15 22:30 UTC is 00:30 on the 16th in Berlin (UTC+2 in summer)…
        let july = 1_784_154_600_000;
        assert_eq!(format(july, &berlin, "%Y-%m-%d %H:%M"), "2026-07-16 00:30");
        // …and 2026-11-15 23:30 UTC is 00:30 on the 16th in winter (UTC+1).
        let november = 1_794_785_400_000;
        assert_eq!(format(november, &berlin, "%Y-%m-%d %H:%M"), "2026-11-16 00:30");
        assert_eq!(date_at(i64::MAX, &berlin), None, "out of range is no date, not a panic");
        assert_eq!(format(i64::MIN, &berlin, "%Y"), "");
    }
}
