//! RR intervals from text exports: for replay in the app and for `unbrace --hrv FILE`.
//!
//! Two shapes are read:
//!
//! - **One interval a line**, no header (Elite HRV, many loggers): `812`, `0.812`.
//! - **A table with a header line**, fields split by tab, `;` or `,` (whichever the first line
//!   has, tried in that order), the RR column found by its name: `rr`, `rri`, `rr_ms`,
//!   `RR-interval [ms]` (Polar Sensor Logger), `RR interval (s)`, `ibi`, `IBI (ms)`,
//!   `inter-beat interval`, `nn`, `nni`. Case, spaces, punctuation and a unit in brackets or
//!   as a suffix (`_ms`, `_s`) do not matter. The first matching column is used; other
//!   columns are ignored, and a row with an empty RR cell (a row without a beat) is skipped.
//!
//! **Units**: a unit in the header decides. Otherwise the values decide: RR intervals are
//! 0.2–3 s, so a median below 10 means seconds and anything else milliseconds. After
//! conversion every interval must lie in 100–10 000 ms; the wide upper bound lets a dropout
//! through to the artefact correction rather than refusing a whole recording for it.
//!
//! A decimal comma (`0,812`) is read in files split by tab or `;` (never in a `,` file).
//! Blank lines, lines starting with `#` and anything after a `#` are ignored, as are a
//! byte-order mark and Windows line ends; fields may be wrapped in double quotes.
//!
//! Errors give the 1-based line and column of the offending field, like a compiler. Text
//! over [`MAX_TEXT_BYTES`] or [`MAX_LINES`] is refused before anything is parsed: the shell
//! should check the file's size before reading it (a day's recording is about 100 000 beats).

use std::fmt;

use super::PLAUSIBLE_RR_MS;

/// The largest text read (16 MiB).
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;
/// The most lines read (over a week of beats).
pub const MAX_LINES: usize = 1_000_000;
/// A median below this means the values are seconds.
const SECONDS_BELOW: f64 = 10.0;

/// Names of an RR column, with case, punctuation, spaces and units removed.
/// (`rrs` is left out: `rr_s` means seconds.)
const RR_NAMES: [&str; 10] = [
    "rr",
    "rri",
    "rrinterval",
    "rrintervals",
    "ibi",
    "interbeatinterval",
    "interbeatintervals",
    "nn",
    "nni",
    "nninterval",
];

/// The unit the intervals were written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RrUnit {
    Milliseconds,
    Seconds,
}

/// The intervals of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct RrFile {
    /// The intervals in milliseconds, in file order.
    pub rr_ms: Vec<f64>,
    /// The unit they were written in.
    pub unit: RrUnit,
    /// The header of the column read, for a table.
    pub column: Option<String>,
}

/// Why a file could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RrFileError {
    /// 1-based line and column (in characters), where there is one.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl RrFileError {
    fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self { position: Some((line, column)), message: message.into() }
    }

    fn whole(message: impl Into<String>) -> Self {
        Self { position: None, message: message.into() }
    }
}

impl fmt::Display for RrFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{line}:{column}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for RrFileError {}

/// What an RR column's header says of its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderUnit {
    /// Nothing: the values decide.
    Unstated,
    Stated(RrUnit),
}

/// One field of a line: its text and its 1-based character column.
#[derive(Debug, Clone, Copy)]
struct Field<'a> {
    text: &'a str,
    column: usize,
}

/// A number as read, before units are known.
#[derive(Debug, Clone, Copy)]
struct Reading {
    value: f64,
    line: usize,
    column: usize,
}

/// Reads the intervals of an RR export (see the module comment).
pub fn parse_rr_text(text: &str) -> Result<RrFile, RrFileError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(RrFileError::whole(format!(
            "the file is {:.1} MiB; RR files of up to {} MiB are read",
            mib(text.len()),
            MAX_TEXT_BYTES / (1024 * 1024)
        )));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        if index >= MAX_LINES {
            return Err(RrFileError::whole(format!(
                "the file has over {MAX_LINES} lines; that many are read"
            )));
        }
        let content = raw.split('#').next().unwrap_or("");
        if !content.trim().is_empty() {
            lines.push((index + 1, content));
        }
    }
    let Some(&(first_line, first)) = lines.first() else {
        return Err(RrFileError::whole("no RR intervals found: the file is empty or only comments"));
    };
    let delimiter = ['\t', ';', ','].into_iter().find(|d| first.contains(*d));
    let decimal_comma = delimiter != Some(',');
    let first_fields = split(first, delimiter);
    let is_header =
        first_fields.iter().any(|f| !f.text.is_empty() && number(f.text, decimal_comma).is_none());

    let (column_index, header_unit, column_name, data) = if is_header {
        let Some((index, unit)) =
            first_fields.iter().enumerate().find_map(|(i, f)| rr_column(f.text).map(|u| (i, u)))
        else {
            let found: Vec<String> = first_fields.iter().map(|f| format!("`{}`", f.text)).collect();
            return Err(RrFileError::at(
                first_line,
                first_fields.first().map_or(1, |f| f.column),
                format!(
                    "no RR column in the header ({}): name it like `rr`, `rr_ms`, `RR-interval [ms]` or `ibi`",
                    found.join(", ")
                ),
            ));
        };
        (index, unit, Some(first_fields[index].text.to_owned()), &lines[1..])
    } else {
        if first_fields.len() > 1 {
            return Err(RrFileError::at(
                first_line,
                1,
                format!(
                    "{} columns and no header: add a header line naming the RR column (like `rr` or `rr_ms`)",
                    first_fields.len()
                ),
            ));
        }
        (0, HeaderUnit::Unstated, None, &lines[..])
    };

    let mut readings = Vec::new();
    for &(line, content) in data {
        let fields = split(content, delimiter);
        let Some(field) = fields.get(column_index) else {
            let end = content.chars().count() + 1;
            return Err(RrFileError::at(
                line,
                end,
                format!(
                    "this row has {} field{}; the RR column{} is field {}",
                    fields.len(),
                    if fields.len() == 1 { "" } else { "s" },
                    column_name.as_ref().map(|n| format!(" (`{n}`)")).unwrap_or_default(),
                    column_index + 1
                ),
            ));
        };
        if field.text.is_empty() {
            continue;
        }
        let value = number(field.text, decimal_comma).ok_or_else(|| {
            RrFileError::at(line, field.column, format!("`{}` is not a number", field.text))
        })?;
        readings.push(Reading { value, line, column: field.column });
    }
    if readings.is_empty() {
        return Err(RrFileError::whole("no RR intervals found: the RR column is empty"));
    }

    let unit = if let HeaderUnit::Stated(unit) = header_unit {
        unit
    } else {
        let mut values: Vec<f64> = readings.iter().map(|r| r.value).collect();
        values.sort_by(f64::total_cmp);
        if values[values.len() / 2] < SECONDS_BELOW { RrUnit::Seconds } else { RrUnit::Milliseconds }
    };
    let scale = match unit {
        RrUnit::Milliseconds => 1.0,
        RrUnit::Seconds => 1000.0,
    };
    let mut rr_ms = Vec::with_capacity(readings.len());
    for r in readings {
        let ms = r.value * scale;
        if !(PLAUSIBLE_RR_MS.0..=PLAUSIBLE_RR_MS.1).contains(&ms) {
            let written = match unit {
                RrUnit::Milliseconds => format!("{} ms", r.value),
                RrUnit::Seconds => format!("{} s", r.value),
            };
            return Err(RrFileError::at(
                r.line,
                r.column,
                format!(
                    "an interval of {written} is outside {}–{} ms: is this column RR intervals?",
                    PLAUSIBLE_RR_MS.0, PLAUSIBLE_RR_MS.1
                ),
            ));
        }
        rr_ms.push(ms);
    }
    Ok(RrFile { rr_ms, unit, column: column_name })
}

#[expect(clippy::cast_precision_loss, reason = "a size for people")]
fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Splits a line into trimmed, unquoted fields with their columns.
fn split(line: &str, delimiter: Option<char>) -> Vec<Field<'_>> {
    let mut fields = Vec::new();
    let mut start = 0;
    let pieces: Vec<&str> = match delimiter {
        Some(d) => line.split(d).collect(),
        None => vec![line],
    };
    for piece in pieces {
        let leading = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        let unquoted = trimmed.strip_prefix('"').and_then(|t| t.strip_suffix('"')).map_or(trimmed, str::trim);
        let column = line[..start + leading].chars().count() + 1;
        fields.push(Field { text: unquoted, column });
        start += piece.len() + delimiter.map_or(0, char::len_utf8);
    }
    fields
}

/// A finite number, with a decimal comma where allowed.
fn number(text: &str, decimal_comma: bool) -> Option<f64> {
    let owned;
    let text = if decimal_comma && text.matches(',').count() == 1 && !text.contains('.') {
        owned = text.replace(',', ".");
        owned.as_str()
    } else {
        text
    };
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Whether a header names an RR column, and the unit it gives if it gives one.
fn rr_column(header: &str) -> Option<HeaderUnit> {
    let lower = header.to_lowercase();
    let mut bracket_unit = None;
    let mut outside = String::new();
    let mut depth = 0_u32;
    let mut inside = String::new();
    for c in lower.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                inside.clear();
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                bracket_unit = bracket_unit.or_else(|| unit_word(inside.trim()));
            }
            _ if depth > 0 => inside.push(c),
            _ if c.is_alphanumeric() => outside.push(c),
            _ => {}
        }
    }
    if RR_NAMES.contains(&outside.as_str()) {
        return Some(bracket_unit.map_or(HeaderUnit::Unstated, HeaderUnit::Stated));
    }
    for (suffix, unit) in [
        ("ms", RrUnit::Milliseconds),
        ("secs", RrUnit::Seconds),
        ("sec", RrUnit::Seconds),
        ("s", RrUnit::Seconds),
    ] {
        if let Some(base) = outside.strip_suffix(suffix)
            && RR_NAMES.contains(&base)
        {
            return Some(HeaderUnit::Stated(unit));
        }
    }
    None
}

fn unit_word(word: &str) -> Option<RrUnit> {
    match word {
        "ms" | "msec" | "millisecond" | "milliseconds" => Some(RrUnit::Milliseconds),
        "s" | "sec" | "secs" | "second" | "seconds" => Some(RrUnit::Seconds),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> RrFile {
        parse_rr_text(text).unwrap_or_else(|e| panic!("{text:?} should read: {e}"))
    }

    fn refuse(text: &str) -> String {
        parse_rr_text(text).expect_err("should be refused").to_string()
    }

    #[test]
    fn reads_one_interval_a_line_with_comments_and_blank_lines() {
        let f = read("# exported by a strap\n\n812\n 790 \r\n805 # a note\n\n");
        assert_eq!(f.rr_ms, vec![812.0, 790.0, 805.0]);
        assert_eq!((f.unit, f.column), (RrUnit::Milliseconds, None));
    }

    #[test]
    fn reads_seconds_by_their_size() {
        let f = read("0.812\n0.790\n1.05\n");
        assert_eq!(f.unit, RrUnit::Seconds);
        assert_eq!(f.rr_ms, vec![812.0, 790.0, 1050.0]);
    }

    #[test]
    fn reads_a_polar_sensor_logger_export() {
        let f = read(
            "Phone timestamp;RR-interval [ms]\n2024-05-01T10:00:00.100;812\n2024-05-01T10:00:00.900;790\n",
        );
        assert_eq!(f.rr_ms, vec![812.0, 790.0]);
        assert_eq!(f.column.as_deref(), Some("RR-interval [ms]"));
    }

    #[test]
    fn finds_the_rr_column_by_many_names() {
        for (header, unit) in [
            ("rr", HeaderUnit::Unstated),
            ("RR", HeaderUnit::Unstated),
            ("rr_ms", HeaderUnit::Stated(RrUnit::Milliseconds)),
            ("RR interval (ms)", HeaderUnit::Stated(RrUnit::Milliseconds)),
            ("RR-interval [ms]", HeaderUnit::Stated(RrUnit::Milliseconds)),
            ("RRI", HeaderUnit::Unstated),
            ("ibi", HeaderUnit::Unstated),
            ("IBI (s)", HeaderUnit::Stated(RrUnit::Seconds)),
            ("ibi_s", HeaderUnit::Stated(RrUnit::Seconds)),
            ("rr_s", HeaderUnit::Stated(RrUnit::Seconds)),
            ("Inter-beat interval", HeaderUnit::Unstated),
            ("rr_intervals", HeaderUnit::Unstated),
            ("\"NN\"", HeaderUnit::Unstated),
        ] {
            let fields = split(header, None);
            assert_eq!(rr_column(fields[0].text), Some(unit), "{header}");
        }
        for other in ["time", "hr", "heart rate", "bpm", "rr_hr", "timestamp (s)", ""] {
            assert_eq!(rr_column(other), None, "{other}");
        }
    }

    #[test]
    fn a_unit_in_the_header_wins_over_the_values() {
        // 12 ms intervals are impossible, but the header says ms: refused, not rescaled.
        let message = refuse("time,rr_ms\n0,12\n1,11\n");
        assert!(message.starts_with("2:3:") && message.contains("12 ms"), "{message}");
        let f = read("time\tRR (s)\n0\t0.8\n0.8\t0.9\n");
        assert_eq!(f.rr_ms, vec![800.0, 900.0]);
    }

    #[test]
    fn reads_decimal_commas_only_where_they_cannot_be_delimiters() {
        let f = read("Zeit;RR (s)\n0;0,812\n1;0,790\n");
        assert_eq!(f.rr_ms, vec![812.0, 790.0]);
        let message = refuse("0,812\n0,790\n");
        assert!(message.starts_with("1:1:") && message.contains("2 columns and no header"), "{message}");
    }

    #[test]
    fn skips_rows_without_a_beat_and_ignores_other_columns() {
        let f = read("time,hr,rr,note\n0.0,72,,\n0.8,72,812,ok\n1.6,73,790\n");
        assert_eq!(f.rr_ms, vec![812.0, 790.0]);
        assert_eq!(f.column.as_deref(), Some("rr"));
    }

    #[test]
    fn names_line_and_column_of_what_is_wrong() {
        let cases = [
            ("812\n790\nabc\n", "3:1:", "`abc` is not a number"),
            ("812\n  79O\n", "2:3:", "`79O` is not a number"),
            ("time,rr\n0,812\n1,eight\n", "3:3:", "`eight` is not a number"),
            ("time;hr\n0;70\n", "1:1:", "no RR column in the header (`time`, `hr`)"),
            (
                "time,hr,rr\n0,70,812\n1,71\n",
                "3:5:",
                "this row has 2 fields; the RR column (`rr`) is field 3",
            ),
            ("812\n790\n-800\n", "3:1:", "-800 ms is outside 100–10000 ms"),
            ("812\n790\n0\n", "3:1:", "0 ms is outside"),
            ("812\n790\n1e300\n", "3:1:", "outside"),
            ("812\nNaN\n", "2:1:", "`NaN` is not a number"),
            ("812\ninf\n", "2:1:", "`inf` is not a number"),
            ("time,rr\n0,\"x\"\n", "2:3:", "`x` is not a number"),
            ("55\n60\n58\n", "1:1:", "55 ms is outside 100–10000 ms: is this column RR intervals?"),
        ];
        for (text, at, words) in cases {
            let message = refuse(text);
            assert!(message.starts_with(at) && message.contains(words), "{text:?} gave {message:?}");
        }
    }

    #[test]
    fn counts_columns_in_characters_not_bytes() {
        let message = refuse("zeit–stempel;rr\n0;812\nüber;x\n");
        assert!(message.starts_with("3:6:"), "{message}");
    }

    #[test]
    fn empty_and_comment_only_files_say_so() {
        assert!(refuse("").contains("no RR intervals"));
        assert!(refuse("# nothing\n\n   \n").contains("no RR intervals"));
        assert!(refuse("time,rr\n0,\n1,\n").contains("RR column is empty"));
        assert_eq!(parse_rr_text("rr\n").unwrap_err().position, None);
    }

    #[test]
    fn huge_files_are_refused_before_parsing() {
        let message = refuse(&"8".repeat(MAX_TEXT_BYTES + 1));
        assert!(message.contains("16.0 MiB") && message.contains("up to 16 MiB"), "{message}");
        let lines = "\n".repeat(MAX_LINES + 1);
        assert!(refuse(&lines).contains("over 1000000 lines"));
    }

    #[test]
    fn never_panics_on_random_text() {
        let alphabet: Vec<char> = "0123456789.,;\t \n#\"-eE()[]rRiIbBmMsS\u{feff}é€".chars().collect();
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        for _ in 0..3000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = usize::try_from(state % 40).unwrap();
            let text: String = (0..len)
                .map(|i| alphabet[usize::try_from((state >> (i % 50)) % alphabet.len() as u64).unwrap()])
                .collect();
            if let Ok(f) = parse_rr_text(&text) {
                assert!(!f.rr_ms.is_empty());
                assert!(f.rr_ms.iter().all(|v| (PLAUSIBLE_RR_MS.0..=PLAUSIBLE_RR_MS.1).contains(v)));
            }
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "\u{feff}812\n",
            "\"",
            ",,,\n",
            ";\n;\n",
            "rr\n\"\"\n812\n",
            "\t\n",
            "rr(\n812",
            "rr)]\n812",
            "((((rr\n812",
            "é,ü\n1,2",
            "#\n#\n",
            "812,",
        ] {
            let _ = parse_rr_text(text);
        }
        assert_eq!(read("\u{feff}812\n").rr_ms, vec![812.0]);
    }
}
