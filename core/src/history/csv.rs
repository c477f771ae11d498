//! Every record as CSV text, for spreadsheets and for keeping (the shell writes the file).

use std::fmt::Write as _;

use jiff::tz::TimeZone;

use super::record::{CheckIn, Record, kind_key, regions_to_text};

const HEADER: &str = "started_local,started_utc_ms,kind,routine,status,planned_min,practised_min,\
done,total,stress_before,tension_before,tense_before,stress_after,tension_after,tense_after,note";

/// The records as CSV text (RFC 4180 quoting), times shown in `zone`.
#[must_use]
pub fn to_csv(records: &[Record], zone: &TimeZone) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for r in records {
        let local = crate::local_time::format(r.started_at_ms, zone, "%Y-%m-%d %H:%M");
        let check = |c: &Option<CheckIn>| match c {
            Some(c) => [c.stress.to_string(), c.tension.to_string(), regions_to_text(&c.regions)],
            None => [String::new(), String::new(), String::new()],
        };
        #[expect(clippy::cast_precision_loss, reason = "minutes for people")]
        let minutes = |ms: i64| format!("{:.2}", ms as f64 / 60_000.0);
        let mut fields = vec![
            local,
            r.started_at_ms.to_string(),
            kind_key(r.kind).to_owned(),
            r.routine.clone(),
            r.status.as_str().to_owned(),
            minutes(r.planned_ms),
            minutes(r.practised_ms),
            r.done_count.to_string(),
            r.total_count.to_string(),
        ];
        fields.extend(check(&r.before));
        fields.extend(check(&r.after));
        fields.push(r.note.clone());
        let line: Vec<String> = fields.iter().map(|f| quote(f)).collect();
        let _ = writeln!(out, "{}", line.join(","));
    }
    out
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
    use crate::history::record::Status;
    use crate::script::ScriptKind;

    #[test]
    fn quotes_what_needs_quoting() {
        let r = Record {
            id: "x".to_owned(),
            started_at_ms: 0,
            kind: ScriptKind::BodyScan,
            routine: "Desk reset".to_owned(),
            planned_ms: 180_000,
            practised_ms: 90_000,
            done_count: 4,
            total_count: 9,
            status: Status::Stopped,
            before: None,
            after: None,
            note: "calmer, \"lighter\"\nshoulders down".to_owned(),
        };
        let csv = to_csv(&[r], &TimeZone::fixed(jiff::tz::offset(1)));
        let line = csv.lines().nth(1).expect("a row");
        assert!(line.starts_with(
            "1970-01-01 01:00,0,body_scan,Desk reset,stopped,3.00,1.50,4,9,,,,,,,\"calmer, \"\"lighter\"\""
        ));
        assert!(csv.ends_with("shoulders down\"\n"));
    }

    #[test]
    fn each_row_is_written_with_its_own_offset() {
        // Exported in November from Berlin, a practice at 00:30 on 16 July (summer time)
        // keeps its day and hour.
        let r = Record { started_at_ms: 1_784_154_600_000, ..crate::history::record::sample("x", 0) };
        let berlin = TimeZone::get("Europe/Berlin").expect("bundled");
        let csv = to_csv(&[r], &berlin);
        assert!(csv.lines().nth(1).expect("a row").starts_with("2026-07-16 00:30,"), "{csv}");
    }
}
