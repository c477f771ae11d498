//! What `unbrace --hrv FILE [--no-correction]` prints, from the text of an export to the
//! figures, one a line. The expected figures are neurokit2's and hrv-analysis's for the same
//! series (see `hrv_reference.rs`).

use std::fmt::Write as _;

use unbrace_core::hrv::rr_file::{RrUnit, parse_rr_text};
use unbrace_core::hrv::summary::{Correcting, Summary};

/// The research notes' golden series, `round(1000 + 50 sin(2πi/10) + 20 sin(2πi/3.7))`, with
/// an ectopic pair at 30–31, a missed beat at 60 and an extra beat at 90, as a Polar Sensor
/// Logger export.
fn polar_export() -> String {
    let mut rr: Vec<f64> = (0..120_u32)
        .map(|i| {
            let i = f64::from(i);
            let tau = std::f64::consts::TAU;
            (1000.0 + 50.0 * (tau * i / 10.0).sin() + 20.0 * (tau * i / 3.7).sin()).round()
        })
        .collect();
    rr[30] -= 300.0;
    rr[31] += 300.0;
    rr[60] += rr[61];
    rr.remove(61);
    let x = rr[90];
    rr.splice(90..91, [400.0, x - 400.0]);
    let mut text = String::from("Phone timestamp;RR-interval [ms]\n");
    let mut t_ms = 0.0;
    for v in rr {
        t_ms += v;
        let _ = writeln!(
            text,
            "2024-05-01T10:{:02}:{:06.3};{v}",
            (t_ms / 60_000.0).floor(),
            (t_ms / 1000.0) % 60.0
        );
    }
    text
}

#[test]
fn a_polar_export_gives_the_reference_figures_after_correction() {
    let file = parse_rr_text(&polar_export()).unwrap();
    assert_eq!((file.rr_ms.len(), file.unit), (120, RrUnit::Milliseconds));
    // neurokit2 and hrv-analysis on neurokit2's corrected series: RMSSD 34.0781, SDNN 40.9980,
    // pNN50 10.9244 (÷ N − 1), 60 000 / MeanNN 59.99.
    let summary = Summary::of(&file.rr_ms, Correcting::On).unwrap();
    assert_eq!(
        summary.to_string(),
        "RMSSD 34.08 ms\nSDNN 41.00 ms\npNN50 10.92 %\nmean HR 60.0 bpm\nbeats 120\nbeats corrected 6\n"
    );
}

#[test]
fn without_correction_the_artefacts_show() {
    let file = parse_rr_text(&polar_export()).unwrap();
    // neurokit2 and hrv-analysis on the series as given: RMSSD 171.1432, SDNN 129.0281,
    // pNN50 15.1261.
    let summary = Summary::of(&file.rr_ms, Correcting::Off).unwrap();
    assert_eq!(
        summary.to_string(),
        "RMSSD 171.14 ms\nSDNN 129.03 ms\npNN50 15.13 %\nmean HR 60.0 bpm\nbeats 120\nbeats corrected off\n"
    );
}

#[test]
fn a_bad_file_is_reported_at_its_line_and_column() {
    let mut text = polar_export();
    text.push_str("2024-05-01T10:02:01.000;eight hundred\n");
    let error = parse_rr_text(&text).unwrap_err();
    assert_eq!(error.to_string(), "122:25: `eight hundred` is not a number");
}
