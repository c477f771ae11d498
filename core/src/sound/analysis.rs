//! Measuring sound: the pitch of a stretch of samples and where sounds begin. Used by the
//! tests, from the synthesised buffers up to a recording from a real sound server.

#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "sample indices, lags and rates are far below 2^24"
)]

/// The fundamental frequency of `samples` (Hz) between 60 and 2 000 Hz, by normalised
/// autocorrelation; `None` for silence or noise.
#[must_use]
pub fn pitch(samples: &[f32], rate: u32) -> Option<f32> {
    let (min_lag, max_lag) = ((rate / 2000) as usize, (rate / 60) as usize);
    if samples.len() < 2 * max_lag {
        return None;
    }
    let correlation = |lag: usize| {
        let (a, b) = (&samples[..samples.len() - lag], &samples[lag..]);
        let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
        let energy = (a.iter().map(|x| x * x).sum::<f32>() * b.iter().map(|y| y * y).sum::<f32>()).sqrt();
        if energy > 0.0 { dot / energy } else { 0.0 }
    };
    let r: Vec<f32> =
        (0..=max_lag + 1).map(|lag| if lag < min_lag { 1.0 } else { correlation(lag) }).collect();
    // Past the first dip (half a period for a clean tone), the highest peak is the period or
    // a multiple of it; the shortest lag that is nearly as good is the period itself (an inharmonic bell lines
    // up a little better at three periods than at one).
    let dip = (min_lag..=max_lag).find(|&l| r[l] < 0.0)?;
    let best = r[dip..=max_lag].iter().copied().fold(0.0_f32, f32::max);
    if best < 0.5 {
        return None;
    }
    let lag = (dip.max(1)..=max_lag).find(|&l| r[l] >= 0.8 * best && r[l] >= r[l - 1] && r[l] >= r[l + 1])?;
    // A parabola through the peak and its neighbours places it between samples.
    let (a, b, c) = (r[lag - 1], r[lag], r[lag + 1]);
    let denominator = a - 2.0 * b + c;
    let shift = if denominator.abs() > f32::EPSILON { 0.5 * (a - c) / denominator } else { 0.0 };
    Some(rate as f32 / (lag as f32 + shift))
}

/// The strongest frequency (Hz, to 1 Hz) between `low` and `high` in `samples`: for sounds
/// like a bell, whose partials are not a harmonic series, where [`pitch`] is ambiguous.
#[must_use]
pub fn strongest(samples: &[f32], rate: u32, low: u32, high: u32) -> Option<u32> {
    let (n, rate) = (samples.len() as f32, rate as f32);
    // A Hann window keeps strong partials from leaking into their neighbours.
    let windowed: Vec<f32> = samples
        .iter()
        .enumerate()
        .map(|(i, s)| s * (0.5 - 0.5 * (std::f32::consts::TAU * i as f32 / n).cos()))
        .collect();
    let power = |freq: u32| {
        // Goertzel: the power of one frequency.
        let coefficient = 2.0 * (std::f32::consts::TAU * freq as f32 / rate).cos();
        let (mut s1, mut s2) = (0.0_f32, 0.0_f32);
        for x in &windowed {
            let s0 = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        s1 * s1 + s2 * s2 - coefficient * s1 * s2
    };
    (low..=high)
        .map(|f| (f, power(f)))
        .filter(|&(_, p)| p > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(f, _)| f)
}

/// Where sounds begin: indices of samples louder than `threshold` after at least `gap`
/// samples of quiet.
#[must_use]
pub fn onsets(samples: &[f32], threshold: f32, gap: usize) -> Vec<usize> {
    let mut found = Vec::new();
    let mut quiet = gap;
    for (i, s) in samples.iter().enumerate() {
        if s.abs() > threshold {
            if quiet >= gap {
                found.push(i);
            }
            quiet = 0;
        } else {
            quiet += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(freq: f32, secs: f32, rate: u32) -> Vec<f32> {
        let n = (secs * rate as f32) as usize;
        (0..n).map(|i| (std::f32::consts::TAU * freq * i as f32 / rate as f32).sin()).collect()
    }

    #[test]
    fn finds_the_pitch_of_a_sine_and_nothing_in_silence() {
        for freq in [110.0, 261.63, 440.0, 784.0, 1500.0] {
            let f = pitch(&sine(freq, 0.05, 48_000), 48_000).expect("a pitch");
            assert!((f - freq).abs() < freq * 0.01, "{freq} Hz measured as {f}");
        }
        assert_eq!(pitch(&vec![0.0; 4800], 48_000), None);
        let mut two = sine(440.0, 0.1, 48_000);
        for (s, t) in two.iter_mut().zip(sine(1234.0, 0.1, 48_000)) {
            *s = 0.3 * *s + t;
        }
        assert_eq!(strongest(&two, 48_000, 100, 2000), Some(1234));
        assert_eq!(strongest(&[0.0; 480], 48_000, 100, 2000), None);
    }

    #[test]
    fn finds_where_sounds_begin() {
        let mut samples = vec![0.0; 1000];
        samples.extend(sine(440.0, 0.01, 48_000));
        samples.extend(vec![0.0; 2000]);
        samples.extend(sine(440.0, 0.01, 48_000));
        let found = onsets(&samples, 0.1, 500);
        assert_eq!(found.len(), 2);
        assert!((1000..1010).contains(&found[0]), "{found:?}");
        assert!((3480..3490).contains(&found[1]), "{found:?}");
    }
}
