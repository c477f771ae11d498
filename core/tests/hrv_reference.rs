//! The HRV core against published implementations: neurokit2 and hrv-analysis (time domain,
//! Lipponen & Tarvainen artefact correction) and scipy (the spectrum, same parameters), run
//! by `hrv_reference.py` on RR series this test makes, with ectopic, missed, extra, long and
//! short beats put in.
//!
//! Ignored by default: it needs Python with the packages. With a venv:
//!
//! ```text
//! python3 -m venv .venv && .venv/bin/pip install neurokit2 hrv-analysis 'nolds<0.6'
//! UNBRACE_HRV_PYTHON=.venv/bin/python cargo test -p unbrace-core --test hrv_reference -- --ignored --nocapture
//! ```
//!
//! `UNBRACE_HRV_PYTHON` names the interpreter (default `python3`).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use unbrace_core::hrv::correction::{Artefacts, correct, detect};
use unbrace_core::hrv::spectrum::spectral;
use unbrace_core::hrv::time_domain::TimeDomain;

/// Time-domain figures must agree to this (ms, or percentage points).
const TIME_DOMAIN_TOLERANCE: f64 = 0.01;
/// Corrected intervals must agree to this (ms): neurokit2 rounds peaks to whole microseconds.
const CORRECTED_TOLERANCE_MS: f64 = 0.01;
/// Spectral powers and the coherence ratio must agree to this share.
const SPECTRAL_TOLERANCE: f64 = 1e-4;

/// A deterministic generator (xorshift64*), so the series are the same on every machine.
struct Random(u64);

impl Random {
    fn next_unit(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        #[expect(clippy::cast_precision_loss, reason = "53 random bits")]
        let unit = (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1_u64 << 53) as f64;
        unit
    }

    /// A standard normal value (Box–Muller).
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.next_unit().max(1e-12), self.next_unit());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// `count` whole-millisecond intervals around `mean_ms`, with waves of (Hz, amplitude ms)
/// at the beats' own times and Gaussian beat-to-beat noise.
fn series(count: usize, mean_ms: f64, waves: &[(f64, f64)], noise_ms: f64, seed: u64) -> Vec<f64> {
    let mut random = Random(seed);
    let mut t = 0.0;
    (0..count)
        .map(|_| {
            let wave: f64 = waves.iter().map(|(hz, a)| a * (std::f64::consts::TAU * hz * t).sin()).sum();
            let rr = (mean_ms + wave + noise_ms * random.normal()).round();
            t += rr / 1000.0;
            rr
        })
        .collect()
}

/// Artefacts put into a series.
fn ectopic(rr: &mut [f64], at: usize, shift_ms: f64) {
    rr[at] -= shift_ms;
    rr[at + 1] += shift_ms;
}

fn missed(rr: &mut Vec<f64>, at: usize) {
    rr[at] += rr[at + 1];
    rr.remove(at + 1);
}

fn extra(rr: &mut Vec<f64>, at: usize, first_ms: f64) {
    let rest = rr[at] - first_ms;
    rr.splice(at..=at, [first_ms, rest]);
}

/// The series compared: clean ones, and ones with each kind of artefact.
fn cases() -> Vec<(&'static str, Vec<f64>)> {
    // The research notes' golden series: round(1000 + 50 sin(2πi/10) + 20 sin(2πi/3.7)).
    let golden: Vec<f64> = (0..120_u32)
        .map(|i| {
            let i = f64::from(i);
            let tau = std::f64::consts::TAU;
            (1000.0 + 50.0 * (tau * i / 10.0).sin() + 20.0 * (tau * i / 3.7).sin()).round()
        })
        .collect();
    let mut golden_artefacts = golden.clone();
    ectopic(&mut golden_artefacts, 30, 300.0);
    missed(&mut golden_artefacts, 60);
    extra(&mut golden_artefacts, 90, 400.0);

    let resting = series(300, 900.0, &[(0.1, 60.0), (0.25, 20.0)], 15.0, 7);
    let mut resting_artefacts = resting.clone();
    ectopic(&mut resting_artefacts, 50, 250.0);
    missed(&mut resting_artefacts, 100);
    resting_artefacts[150] += 200.0; // long
    extra(&mut resting_artefacts, 200, 320.0);
    resting_artefacts[250] -= 260.0; // short

    // Slow breathing: wide, smooth swings the correction must leave alone.
    let slow = series(400, 1000.0, &[(0.1, 110.0)], 8.0, 11);
    let mut slow_artefacts = slow.clone();
    missed(&mut slow_artefacts, 80);
    missed(&mut slow_artefacts, 220);
    ectopic(&mut slow_artefacts, 150, 280.0);
    extra(&mut slow_artefacts, 300, 450.0);

    // A fast heart with little variability.
    let mut fast = series(500, 520.0, &[(0.3, 10.0)], 6.0, 23);
    for at in [60, 180, 300, 420] {
        ectopic(&mut fast, at, 150.0);
    }
    missed(&mut fast, 100);
    extra(&mut fast, 240, 200.0);
    fast[360] += 160.0;
    fast[460] -= 140.0;

    // A poor recording: about 8 % artefacts.
    let mut poor = series(250, 850.0, &[(0.1, 40.0)], 12.0, 41);
    for at in (10..240).step_by(13) {
        if at % 2 == 0 {
            missed(&mut poor, at);
        } else {
            ectopic(&mut poor, at, 220.0);
        }
    }

    // Chaos: intervals drawn from a few values, far apart. Extra beats at the very start,
    // several removals before other artefacts (index shifts), corrections on corrections.
    let picks = [1000.0, 400.0, 600.0, 2000.0, 150.0, 3000.0, 999.0, 1001.0];
    let mut random = Random(97);
    let chaotic: Vec<f64> = (0..80)
        .map(|_| {
            #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0 ≤ x < 8")]
            let pick = (random.next_unit() * 8.0) as usize;
            picks[pick]
        })
        .collect();
    let chaotic_short = vec![1001.0, 2000.0, 3000.0, 400.0, 3000.0, 2000.0, 1001.0, 2000.0, 1001.0];

    let mut all = vec![
        ("golden", golden),
        ("golden_artefacts", golden_artefacts),
        ("resting", resting),
        ("resting_artefacts", resting_artefacts),
        ("slow_breathing", slow),
        ("slow_breathing_artefacts", slow_artefacts),
        ("fast_artefacts", fast),
        ("poor", poor),
        ("chaotic", chaotic),
        ("chaotic_short", chaotic_short),
    ];
    all.extend(RANDOM_NAMES.iter().zip(1..).map(|(name, seed)| (*name, random_case(seed))));
    all
}

const RANDOM_NAMES: [&str; 24] = [
    "random01", "random02", "random03", "random04", "random05", "random06", "random07", "random08",
    "random09", "random10", "random11", "random12", "random13", "random14", "random15", "random16",
    "random17", "random18", "random19", "random20", "random21", "random22", "random23", "random24",
];

/// A heart of random rate, rhythm and noise, with 2 to 12 artefacts of random kinds in
/// random places.
fn random_case(seed: u64) -> Vec<f64> {
    let mut random = Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut pick = |low: f64, high: f64| low + (high - low) * random.next_unit();
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "small positive counts")]
    let count = pick(150.0, 500.0) as usize;
    let mean_ms = pick(500.0, 1200.0);
    let waves =
        [(pick(0.05, 0.14), pick(0.0, 0.08) * mean_ms), (pick(0.15, 0.35), pick(0.0, 0.04) * mean_ms)];
    let noise_ms = pick(2.0, 25.0);
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a seed from a fraction")]
    let mut rr = series(count, mean_ms, &waves, noise_ms, (pick(0.0, 1.0) * 1e9) as u64);
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "small positive counts")]
    let artefacts = pick(2.0, 13.0) as usize;
    for _ in 0..artefacts {
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "an index in range")]
        let at = pick(2.0, f64::from(u32::try_from(rr.len() - 3).expect("a few hundred beats"))) as usize;
        let kind = pick(0.0, 5.0);
        let size = pick(0.2, 0.45) * mean_ms;
        if kind < 1.0 {
            ectopic(&mut rr, at, size.round());
        } else if kind < 2.0 {
            missed(&mut rr, at);
        } else if kind < 3.0 {
            extra(&mut rr, at, size.round());
        } else if kind < 4.0 {
            rr[at] += size.round();
        } else {
            rr[at] -= size.round();
        }
    }
    rr
}

/// The reference figures, `(series, key) → value`, from one run of the script.
struct Reference {
    values: HashMap<(String, String), String>,
}

impl Reference {
    fn text(&self, name: &str, key: &str) -> &str {
        self.values.get(&(name.to_owned(), key.to_owned())).unwrap_or_else(|| panic!("no {key} for {name}"))
    }

    fn number(&self, name: &str, key: &str) -> f64 {
        self.text(name, key).parse().unwrap_or_else(|e| panic!("{name} {key}: {e}"))
    }

    fn numbers(&self, name: &str, key: &str) -> Vec<f64> {
        match self.text(name, key) {
            "-" => Vec::new(),
            list => list.split(',').map(|v| v.parse().expect("a number from the script")).collect(),
        }
    }

    fn indices(&self, name: &str, key: &str) -> Vec<usize> {
        match self.text(name, key) {
            "-" => Vec::new(),
            list => list.split(',').map(|v| v.parse().expect("a beat number from the script")).collect(),
        }
    }

    fn artefacts(&self, name: &str, prefix: &str) -> Artefacts {
        Artefacts {
            ectopic: self.indices(name, &format!("{prefix}.ectopic")),
            missed: self.indices(name, &format!("{prefix}.missed")),
            extra: self.indices(name, &format!("{prefix}.extra")),
            long_short: self.indices(name, &format!("{prefix}.longshort")),
        }
    }
}

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        let python = std::env::var("UNBRACE_HRV_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hrv_reference.py");
        let mut child = Command::new(&python)
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("could not run {python} (set UNBRACE_HRV_PYTHON): {e}"));
        let mut input = String::new();
        for (name, rr) in cases() {
            let values: Vec<String> = rr.iter().map(ToString::to_string).collect();
            let _ = writeln!(input, "{name}\t{}", values.join(","));
        }
        // Written from another thread: the script answers as it reads, and a full output pipe
        // would otherwise block it while this thread still writes.
        let mut stdin = child.stdin.take().expect("the script's input");
        let writer = std::thread::Builder::new()
            .name("hrv-reference-input".to_owned())
            .spawn(move || stdin.write_all(input.as_bytes()))
            .expect("a thread to write the series");
        let output = child.wait_with_output().expect("the script's output");
        writer.join().expect("the writer thread").expect("the series written to the script");
        assert!(
            output.status.success(),
            "{python} {script} failed (are neurokit2, hrv-analysis and 'nolds<0.6' installed?):\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut values = HashMap::new();
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let mut parts = line.splitn(3, ' ');
            if let (Some(name), Some(key), Some(value)) = (parts.next(), parts.next(), parts.next()) {
                values.insert((name.to_owned(), key.to_owned()), value.to_owned());
            }
        }
        println!(
            "reference: {}",
            values.get(&("-".to_owned(), "versions".to_owned())).map_or("?", String::as_str)
        );
        Reference { values }
    })
}

fn assert_close(what: &str, ours: f64, theirs: f64, tolerance: f64) {
    assert!((ours - theirs).abs() <= tolerance, "{what}: ours {ours:.6}, reference {theirs:.6}");
}

/// Our figures of `rr` against neurokit2's and hrv-analysis's under `prefix` (`""` or
/// `"fixed."`), with a line for the report.
fn compare_time_domain(name: &str, prefix: &str, rr: &[f64]) {
    let r = reference();
    let ours = TimeDomain::from_rr(rr).expect("every case has beats");
    let n = f64::from(u32::try_from(rr.len()).expect("a few hundred beats"));
    let key = |k: &str| format!("{prefix}{k}");
    let what = |k: &str| format!("{name} {prefix}{k}");
    assert_close(
        &what("SDNN vs neurokit2"),
        ours.sdnn_ms,
        r.number(name, &key("nk.sdnn")),
        TIME_DOMAIN_TOLERANCE,
    );
    assert_close(
        &what("SDNN vs hrv-analysis"),
        ours.sdnn_ms,
        r.number(name, &key("ha.sdnn")),
        TIME_DOMAIN_TOLERANCE,
    );
    assert_close(
        &what("RMSSD vs neurokit2"),
        ours.rmssd_ms,
        r.number(name, &key("nk.rmssd")),
        TIME_DOMAIN_TOLERANCE,
    );
    assert_close(
        &what("RMSSD vs hrv-analysis"),
        ours.rmssd_ms,
        r.number(name, &key("ha.rmssd")),
        TIME_DOMAIN_TOLERANCE,
    );
    assert_close(
        &what("pNN50 vs hrv-analysis (÷ N − 1)"),
        ours.pnn50_percent,
        r.number(name, &key("ha.pnn50")),
        TIME_DOMAIN_TOLERANCE,
    );
    assert_close(
        &what("pNN50 × (N − 1)/N vs neurokit2 (÷ N)"),
        ours.pnn50_percent * (n - 1.0) / n,
        r.number(name, &key("nk.pnn50")),
        TIME_DOMAIN_TOLERANCE,
    );
    assert_close(
        &what("mean HR vs 60 000 / neurokit2 MeanNN"),
        ours.mean_hr_bpm,
        60_000.0 / r.number(name, &key("nk.meannn")),
        TIME_DOMAIN_TOLERANCE,
    );
    println!(
        "{name:<25} {:<6} RMSSD {:>8.4} (nk {:>8.4}, ha {:>8.4})  SDNN {:>8.4} (nk {:>8.4}, ha {:>8.4})  \
         pNN50 {:>7.4} (ha {:>7.4}, nk÷N {:>7.4})  mean HR {:>6.2} (ha mean of rates {:>6.2})",
        if prefix.is_empty() { "raw" } else { "fixed" },
        ours.rmssd_ms,
        r.number(name, &key("nk.rmssd")),
        r.number(name, &key("ha.rmssd")),
        ours.sdnn_ms,
        r.number(name, &key("nk.sdnn")),
        r.number(name, &key("ha.sdnn")),
        ours.pnn50_percent,
        r.number(name, &key("ha.pnn50")),
        r.number(name, &key("nk.pnn50")),
        ours.mean_hr_bpm,
        r.number(name, &key("ha.mean_hr")),
    );
}

#[test]
#[ignore = "needs Python with neurokit2 and hrv-analysis: see the file comment"]
fn time_domain_matches_neurokit2_and_hrv_analysis() {
    for (name, rr) in cases() {
        compare_time_domain(name, "", &rr);
    }
}

#[test]
#[ignore = "needs Python with neurokit2 and hrv-analysis: see the file comment"]
fn single_pass_detections_match_neurokit2() {
    let r = reference();
    for (name, rr) in cases() {
        let ours = detect(&rr);
        let theirs = r.artefacts(name, "single");
        println!("{name:<25} single pass: {ours:?}");
        assert_eq!(ours, theirs, "{name}: ours (left) vs neurokit2 (right)");
    }
}

#[test]
#[ignore = "needs Python with neurokit2 and hrv-analysis: see the file comment"]
fn every_correction_pass_matches_neurokit2() {
    let r = reference();
    for (name, rr) in cases() {
        let ours = correct(&rr);
        let passes: usize = r.text(name, "passes").parse().unwrap();
        let theirs: Vec<Artefacts> = (1..=passes).map(|k| r.artefacts(name, &format!("pass{k}"))).collect();
        assert_eq!(ours.passes, theirs, "{name}: ours (left) vs neurokit2 (right)");
        println!(
            "{name:<25} {} beats, {} passes, corrected {} (ectopic {}, missed {}, extra {}, long/short {}), {:.1} %{}",
            rr.len(),
            ours.passes.len(),
            ours.beats_corrected(),
            ours.counts.ectopic,
            ours.counts.missed,
            ours.counts.extra,
            ours.counts.long_short,
            100.0 * ours.fraction_corrected(),
            if ours.signal_poor() { ": signal poor" } else { "" },
        );
    }
}

#[test]
#[ignore = "needs Python with neurokit2 and hrv-analysis: see the file comment"]
fn corrected_series_and_their_figures_match_neurokit2() {
    let r = reference();
    for (name, rr) in cases() {
        let ours = correct(&rr).rr_ms;
        let theirs = r.numbers(name, "fixed");
        assert_eq!(ours.len(), theirs.len(), "{name}: corrected lengths");
        let worst = ours.iter().zip(&theirs).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        assert!(worst <= CORRECTED_TOLERANCE_MS, "{name}: corrected intervals differ by up to {worst} ms");
        println!("{name:<25} {} corrected intervals, at most {worst:.6} ms from neurokit2's", ours.len());
        compare_time_domain(name, "fixed.", &ours);
    }
}

#[test]
#[ignore = "needs Python with neurokit2 and hrv-analysis: see the file comment"]
fn spectrum_matches_scipy() {
    let r = reference();
    for (name, rr) in cases() {
        let corrected = correct(&rr).rr_ms;
        let Some(ours) = spectral(&corrected).figures().copied() else {
            continue;
        };
        let relative = |what: &str, a: f64, b: f64| {
            assert!((a - b).abs() <= SPECTRAL_TOLERANCE * b.abs(), "{name} {what}: ours {a}, scipy {b}");
        };
        relative("LF", ours.lf_ms2, r.number(name, "sp.lf"));
        relative("HF", ours.hf_ms2, r.number(name, "sp.hf"));
        relative("total", ours.total_ms2, r.number(name, "sp.total"));
        let peak = ours.peak.unwrap();
        assert_close(&format!("{name} peak Hz"), peak.hz, r.number(name, "sp.peak_hz"), 1e-9);
        relative("coherence ratio", peak.coherence_ratio, r.number(name, "sp.ratio"));
        println!(
            "{name:<25} LF {:>9.3} (scipy {:>9.3})  HF {:>8.3} (scipy {:>8.3})  peak {:.4} Hz  coherence {:.4} (scipy {:.4})",
            ours.lf_ms2,
            r.number(name, "sp.lf"),
            ours.hf_ms2,
            r.number(name, "sp.hf"),
            peak.hz,
            peak.coherence_ratio,
            r.number(name, "sp.ratio"),
        );
    }
}
