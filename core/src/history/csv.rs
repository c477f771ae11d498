//! Every record as CSV text, for spreadsheets and for keeping (the shell writes the file).
//!
//! Columns say what a person reads on screen ("stopped early", "Lower back", "3 min 20 s")
//! plus exact figures (milliseconds, seconds) for anyone who computes with them. Cells that a
//! spreadsheet would run as a formula are neutralised (OWASP "CSV injection").

use std::fmt::Write as _;

use jiff::tz::TimeZone;

use super::record::{CheckIn, PracticeHrv, Record, RecordKind, Status};
use super::reminder_record::ReminderRecord;
use crate::body_scan::region::Region;

const HEADER: &str = "started_local,started_utc_ms,kind,routine,status,planned,practised,planned_secs,\
practised_secs,done,total,stress_before,tension_before,tense_before,stress_after,tension_after,\
tense_after,note,rmssd_first_minute_ms,rmssd_last_minute_ms,coherence_mean";

/// The records as CSV text (RFC 4180 quoting), times shown in `zone`, each with the offset it
/// had then.
#[must_use]
pub fn to_csv(records: &[Record], zone: &TimeZone) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for r in records {
        let check = |c: &Option<CheckIn>| match c {
            Some(c) => [rating(c.stress), rating(c.tension), region_names(&c.regions)],
            None => [String::new(), String::new(), String::new()],
        };
        let mut fields = vec![
            crate::local_time::format(r.started_at_ms, zone, "%Y-%m-%d %H:%M"),
            r.started_at_ms.to_string(),
            kind_text(&r.kind),
            r.routine.clone(),
            status_text(&r.status),
            duration_words(r.planned_ms),
            duration_words(r.practised_ms),
            seconds(r.planned_ms),
            seconds(r.practised_ms),
            r.done_count.to_string(),
            r.total_count.to_string(),
        ];
        fields.extend(check(&r.before));
        fields.extend(check(&r.after));
        fields.push(r.note.clone());
        fields.extend(hrv_cells(r.hrv.as_deref()));
        let line: Vec<String> = fields.iter().map(|f| quote(&neutralise(f))).collect();
        let _ = writeln!(out, "{}", line.join(","));
    }
    out
}

const REMINDERS_HEADER: &str =
    "shown_local,shown_utc_ms,reminder,outcome,practice_started_local,practice_started_utc_ms";

/// Reminders shown and what became of each, as CSV text. Each comes with the start of the
/// practice its Start began, if any (`started_utc_ms` of the practices' CSV, to join on).
#[must_use]
pub fn reminders_to_csv(rows: &[(ReminderRecord, Option<i64>)], zone: &TimeZone) -> String {
    let mut out = String::from(REMINDERS_HEADER);
    out.push('\n');
    for (r, practice) in rows {
        let fields = [
            crate::local_time::format(r.at_ms, zone, "%Y-%m-%d %H:%M"),
            r.at_ms.to_string(),
            r.reminder.clone(),
            r.outcome.label().to_owned(),
            practice.map(|ms| crate::local_time::format(ms, zone, "%Y-%m-%d %H:%M")).unwrap_or_default(),
            practice.map(|ms| ms.to_string()).unwrap_or_default(),
        ];
        let line: Vec<String> = fields.iter().map(|f| quote(&neutralise(f))).collect();
        let _ = writeln!(out, "{}", line.join(","));
    }
    out
}

/// The kind in words; one this version does not know, as it was stored.
fn kind_text(kind: &RecordKind) -> String {
    match kind {
        RecordKind::Known(_) => kind.label().to_owned(),
        RecordKind::Other(text) => text.clone(),
    }
}

/// The status in words; one this version does not know, as it was stored.
fn status_text(status: &Status) -> String {
    match status {
        Status::Other(text) => text.clone(),
        known => known.label().to_owned(),
    }
}

/// RMSSD over the first and last minute (ms, to the hundredth) and the mean coherence ratio
/// (to the hundredth); empty where there was no strap or too few beats.
fn hrv_cells(hrv: Option<&PracticeHrv>) -> [String; 3] {
    let cell = |v: Option<f64>| v.filter(|v| v.is_finite()).map(|v| format!("{v:.2}")).unwrap_or_default();
    match hrv {
        Some(h) => [cell(h.rmssd_first_ms), cell(h.rmssd_last_ms), cell(h.coherence_mean)],
        None => [String::new(), String::new(), String::new()],
    }
}

fn rating(value: Option<u8>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// `Lower back; Hips`.
fn region_names(regions: &[Region]) -> String {
    regions.iter().map(|r| r.label()).collect::<Vec<_>>().join("; ")
}

/// `12.5`: seconds to the tenth.
fn seconds(ms: i64) -> String {
    format!("{}.{}", ms.max(0) / 1000, ms.max(0) % 1000 / 100)
}

/// `45 s`, `3 min 20 s`, `1 h 5 min`, as the history shows durations.
#[must_use]
pub fn duration_words(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

/// A cell a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return) gets a leading `'`, so it shows as the text it is (OWASP).
fn neutralise(field: &str) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{field}") } else { field.to_owned() }
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::reminder_record::Outcome;

    #[test]
    fn reminders_say_what_became_of_each_and_which_practice_began() {
        let followed = ReminderRecord {
            reminder: "=Desk, break".to_owned(),
            at_ms: 1_795_424_400_000,
            outcome: Outcome::Followed,
        };
        let ignored = ReminderRecord { outcome: Outcome::Ignored, ..followed.clone() };
        let csv = reminders_to_csv(&[(followed, Some(1_795_424_460_000)), (ignored, None)], &TimeZone::UTC);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], REMINDERS_HEADER);
        assert_eq!(
            lines[1],
            "2026-11-23 09:00,1795424400000,\"'=Desk, break\",followed,2026-11-23 09:01,1795424460000"
        );
        assert!(lines[2].ends_with(",not answered,,"), "{}", lines[2]);
    }
    use crate::history::record::sample;
    use crate::script::ScriptKind;

    fn row(csv: &str) -> &str {
        csv.lines().nth(1).expect("a row")
    }

    #[test]
    fn quotes_what_needs_quoting_and_writes_what_a_person_reads() {
        let r = Record {
            id: "x".to_owned(),
            started_at_ms: 0,
            kind: RecordKind::Known(ScriptKind::BodyScan),
            routine: "Desk reset".to_owned(),
            planned_ms: 180_000,
            practised_ms: 5_000,
            done_count: 4,
            total_count: 9,
            status: Status::Stopped,
            before: Some(CheckIn {
                stress: Some(7),
                tension: None,
                regions: vec![Region::LowerBack, Region::Hips],
            }),
            after: None,
            note: "calmer, \"lighter\"\nshoulders down".to_owned(),
            hrv: None,
        };
        let csv = to_csv(&[r], &TimeZone::fixed(jiff::tz::offset(1)));
        assert!(
            row(&csv).starts_with(
                "1970-01-01 01:00,0,Body scan,Desk reset,stopped early,3 min,5 s,180.0,5.0,4,9,\
                 7,,Lower back; Hips,,,,\"calmer, \"\"lighter\"\""
            ),
            "{csv}"
        );
        assert!(csv.ends_with("shoulders down\",,,\n"));
    }

    #[test]
    fn heart_rate_variability_has_its_own_columns() {
        let r = Record {
            hrv: Some(Box::new(PracticeHrv {
                rmssd_first_ms: Some(31.456),
                rmssd_last_ms: Some(48.2),
                coherence_mean: None,
            })),
            ..sample("x", 0)
        };
        let csv = to_csv(&[r, sample("y", 0)], &TimeZone::UTC);
        assert!(
            csv.lines()
                .next()
                .expect("header")
                .ends_with(",note,rmssd_first_minute_ms,rmssd_last_minute_ms,coherence_mean"),
            "{csv}"
        );
        assert!(row(&csv).ends_with(",,31.46,48.20,"), "{csv}");
        assert!(csv.lines().nth(2).expect("second row").ends_with(",,,,"), "{csv}");
    }

    #[test]
    fn each_row_is_written_with_its_own_offset() {
        // Exported in November from Berlin, a practice at 00:30 on 16 July (summer time)
        // keeps its day and hour.
        let r = Record { started_at_ms: 1_784_154_600_000, ..sample("x", 0) };
        let berlin = TimeZone::get("Europe/Berlin").expect("bundled");
        let csv = to_csv(&[r], &berlin);
        assert!(row(&csv).starts_with("2026-07-16 00:30,"), "{csv}");
    }

    #[test]
    fn formulas_are_neutralised() {
        for (note, cell) in [
            ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("plain", "plain"),
        ] {
            let r = Record { note: note.to_owned(), routine: format!("{note}x"), ..sample("x", 0) };
            let csv = to_csv(&[r], &TimeZone::UTC);
            assert!(row(&csv).ends_with(&format!(",{cell},,,")), "{note:?} → {csv}");
            let routine = quote(&neutralise(&format!("{note}x")));
            assert!(row(&csv).contains(&format!(",{routine},")), "routine of {note:?} → {csv}");
        }
    }

    #[test]
    fn rows_this_version_does_not_understand_are_exported_as_written() {
        let r = Record {
            kind: RecordKind::Other("stretching".to_owned()),
            status: Status::Other("abandoned".to_owned()),
            ..sample("x", 0)
        };
        let csv = to_csv(&[r], &TimeZone::UTC);
        assert!(row(&csv).contains(",stretching,Coherent 6,abandoned,"), "{csv}");
    }

    #[test]
    fn durations_read_as_on_screen() {
        assert_eq!(duration_words(0), "0 s");
        assert_eq!(duration_words(5_400), "5 s");
        assert_eq!(duration_words(200_000), "3 min 20 s");
        assert_eq!(duration_words(3_900_000), "1 h 5 min");
        assert_eq!(duration_words(-5), "0 s");
        assert_eq!(seconds(5_400), "5.4");
    }
}
