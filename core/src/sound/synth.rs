//! The cues' sounds, synthesised from sine partials: no sample files. Pure: a cue and a
//! sample rate in, mono samples (-1 to 1) out.
//!
//! The breath tones glide a fifth (C4 to G4 and back) with a soft attack and release, so
//! they begin and end in silence (no click). The tick is a short, quiet wooden knock; the
//! bell and the chime are struck partials that ring out. Every sound is scaled to a fixed
//! peak well under full scale, so several can overlap before the mixer's limiter has work.

#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "sample indices and rates are far below 2^24, and every float turned back into a count is positive and small"
)]

use std::f32::consts::TAU;

use super::cue::Cue;

/// The rate the app plays at.
pub const SAMPLE_RATE: u32 = 48_000;

const C4: f32 = 261.63;
const G4: f32 = 392.0;

/// One partial of a struck sound: frequency ratio, amplitude, decay time constant (s).
type Partial = (f32, f32, f32);

/// A singing-bowl bell on D4 (ratios of a real bowl's modes, and a slightly detuned twin of
/// the root that makes it shimmer slowly).
const BELL: [Partial; 5] =
    [(1.0, 1.0, 2.4), (2.32, 0.45, 1.6), (4.25, 0.22, 1.0), (6.63, 0.1, 0.6), (1.003, 0.25, 2.8)];
const BELL_ROOT: f32 = 293.66;

/// A small chime: two notes (G5 then C6), each a clear partial and a soft overtone.
const CHIME: [Partial; 2] = [(1.0, 1.0, 0.7), (2.76, 0.25, 0.3)];
const CHIME_NOTES: [(f32, f32); 2] = [(0.0, 783.99), (0.16, 1046.5)];

/// How loud each cue is at its peak (full scale is 1).
#[must_use]
pub const fn peak(cue: Cue) -> f32 {
    match cue {
        Cue::Inhale | Cue::Exhale => 0.35,
        Cue::Hold => 0.2,
        Cue::Bell => 0.4,
        Cue::Chime => 0.3,
    }
}

/// How long each cue lasts, in seconds.
#[must_use]
pub const fn seconds(cue: Cue) -> f32 {
    match cue {
        Cue::Inhale => 0.9,
        Cue::Exhale => 1.1,
        Cue::Hold => 0.05,
        Cue::Bell => 4.0,
        Cue::Chime => 1.6,
    }
}

/// The samples of `cue` at `rate` samples per second.
#[must_use]
pub fn render(cue: Cue, rate: u32) -> Vec<f32> {
    let rate_f = rate as f32;
    let len = (seconds(cue) * rate_f).round() as usize;
    let mut samples = match cue {
        Cue::Inhale => glide(C4, G4, len, rate_f),
        Cue::Exhale => glide(G4, C4, len, rate_f),
        Cue::Hold => tick(len, rate_f),
        Cue::Bell => struck(&[(0.0, BELL_ROOT)], &BELL, len, rate_f),
        Cue::Chime => struck(&CHIME_NOTES, &CHIME, len, rate_f),
    };
    // Every sound fades to silence over its last moments, so it never ends in a click.
    let fade = (len / 8).min((0.3 * rate_f) as usize).max(1);
    for (i, s) in samples.iter_mut().rev().take(fade).enumerate() {
        *s *= raised_cosine(i as f32 / fade as f32);
    }
    normalise(&mut samples, peak(cue));
    samples
}

/// A tone gliding (exponentially, as the ear hears pitch) from `from` to `to` Hz, with a
/// fundamental and two soft harmonics, a gentle attack and a slow swell down.
fn glide(from: f32, to: f32, len: usize, rate: f32) -> Vec<f32> {
    let attack = 0.08 * rate;
    let mut phase = 0.0_f32;
    (0..len)
        .map(|i| {
            let t = i as f32 / len as f32;
            let freq = from * (to / from).powf(t);
            phase = (phase + TAU * freq / rate) % TAU;
            let tone = phase.sin() + 0.2 * (2.0 * phase).sin() + 0.06 * (3.0 * phase).sin();
            let envelope = raised_cosine(i as f32 / attack) * (1.0 - 0.35 * t);
            tone * envelope
        })
        .collect()
}

/// A light knock: a high partial with a very fast decay.
fn tick(len: usize, rate: f32) -> Vec<f32> {
    let attack = 0.002 * rate;
    (0..len)
        .map(|i| {
            let t = i as f32 / rate;
            let tone = (TAU * 1568.0 * t).sin() + 0.4 * (TAU * 2350.0 * t).sin();
            tone * raised_cosine(i as f32 / attack) * (-t / 0.009).exp()
        })
        .collect()
}

/// Struck notes `(start s, root Hz)`, each made of `partials`.
fn struck(notes: &[(f32, f32)], partials: &[Partial], len: usize, rate: f32) -> Vec<f32> {
    let attack = 0.004 * rate;
    (0..len)
        .map(|i| {
            let t = i as f32 / rate;
            notes
                .iter()
                .filter(|&&(start, _)| t >= start)
                .map(|&(start, root)| {
                    let t = t - start;
                    let n = i as f32 - start * rate;
                    let sum: f32 = partials
                        .iter()
                        .map(|&(ratio, amp, decay)| amp * (TAU * root * ratio * t).sin() * (-t / decay).exp())
                        .sum();
                    sum * raised_cosine(n / attack)
                })
                .sum()
        })
        .collect()
}

/// 0 at `x = 0` rising smoothly to 1 at `x >= 1`.
fn raised_cosine(x: f32) -> f32 {
    if x >= 1.0 { 1.0 } else { 0.5 - 0.5 * (std::f32::consts::PI * x.max(0.0)).cos() }
}

fn normalise(samples: &mut [f32], peak: f32) {
    let max = samples.iter().fold(0.0_f32, |m, s| m.max(s.abs()));
    if max > 0.0 {
        let scale = peak / max;
        for s in samples {
            *s *= scale;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sound::analysis::{pitch, strongest};

    fn window(samples: &[f32], from_s: f32, len_s: f32) -> &[f32] {
        let rate = SAMPLE_RATE as f32;
        let (a, b) = ((from_s * rate) as usize, ((from_s + len_s) * rate) as usize);
        &samples[a..b]
    }

    #[test]
    fn the_inhale_rises_a_fifth_and_the_exhale_falls() {
        let inhale = render(Cue::Inhale, SAMPLE_RATE);
        let (start, end) =
            (pitch(window(&inhale, 0.0, 0.06), SAMPLE_RATE), pitch(window(&inhale, 0.83, 0.06), SAMPLE_RATE));
        let (start, end) = (start.expect("a pitch"), end.expect("a pitch"));
        assert!((255.0..280.0).contains(&start), "inhale starts near C4: {start}");
        assert!((370.0..395.0).contains(&end), "inhale ends near G4: {end}");

        let exhale = render(Cue::Exhale, SAMPLE_RATE);
        let start = pitch(window(&exhale, 0.0, 0.06), SAMPLE_RATE).expect("a pitch");
        let end = pitch(window(&exhale, 1.03, 0.06), SAMPLE_RATE).expect("a pitch");
        assert!((375.0..400.0).contains(&start), "exhale starts near G4: {start}");
        assert!((255.0..275.0).contains(&end), "exhale ends near C4: {end}");
    }

    #[test]
    fn the_bell_and_the_chime_ring_at_their_notes() {
        let bell = render(Cue::Bell, SAMPLE_RATE);
        let f = strongest(window(&bell, 0.2, 0.5), SAMPLE_RATE, 60, 2000).expect("a sound");
        assert!((292..=296).contains(&f), "the bell rings on D4: {f}");
        let chime = render(Cue::Chime, SAMPLE_RATE);
        let f = strongest(window(&chime, 0.0, 0.15), SAMPLE_RATE, 60, 2000).expect("a sound");
        assert!((780..=788).contains(&f), "the chime starts on G5: {f}");
        let f = strongest(window(&chime, 0.3, 0.3), SAMPLE_RATE, 60, 2000).expect("a sound");
        assert!((1043..=1050).contains(&f), "and rises to C6: {f}");
    }

    #[test]
    fn every_cue_has_its_length_and_peak_and_starts_and_ends_in_silence() {
        for cue in Cue::ALL {
            let samples = render(cue, SAMPLE_RATE);
            let expected = (seconds(cue) * SAMPLE_RATE as f32).round() as usize;
            assert_eq!(samples.len(), expected, "{cue:?} length");
            let max = samples.iter().fold(0.0_f32, |m, s| m.max(s.abs()));
            assert!((max - peak(cue)).abs() < 1e-4, "{cue:?} peaks at {max}");
            assert!(max < 0.5, "{cue:?} leaves headroom: no clipping, even two at once");
            assert!(samples[0].abs() < 1e-3, "{cue:?} starts silent");
            assert!(samples[samples.len() - 1].abs() < 1e-3, "{cue:?} ends silent");
            assert!(samples.iter().all(|s| s.is_finite()));
            // Nothing jumps: the largest step between samples is far below full scale.
            let jump = samples.windows(2).fold(0.0_f32, |m, w| m.max((w[1] - w[0]).abs()));
            assert!(jump < 0.15, "{cue:?} steps by {jump}");
        }
    }

    #[test]
    fn the_tick_is_short_and_quiet() {
        let tick = render(Cue::Hold, SAMPLE_RATE);
        let late = window(&tick, 0.03, 0.02);
        assert!(late.iter().all(|s| s.abs() < 0.02), "the tick has died away by 30 ms");
    }
}
