//! A recording, decoded and ready to mix: mono samples at the output's rate, shared (a clip
//! is handed around by handle, never copied). Decoding is the shell's, off the audio thread.

use std::sync::Arc;
use std::time::Duration;

/// Mono samples, -1.0 to 1.0, at `rate`.
#[derive(Clone)]
pub struct Clip {
    samples: Arc<[f32]>,
    rate: u32,
}

impl Clip {
    #[must_use]
    pub fn new(samples: Vec<f32>, rate: u32) -> Self {
        Self { samples: samples.into(), rate: rate.max(1) }
    }

    #[must_use]
    pub fn samples(&self) -> &[f32] {
        &self.samples
    }

    #[must_use]
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// How long it plays.
    #[must_use]
    pub fn duration(&self) -> Duration {
        let nanos = self.samples.len() as u128 * 1_000_000_000 / u128::from(self.rate);
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    }

    /// The same recording (one decode, not an equal copy).
    #[must_use]
    pub fn is(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.samples, &other.samples)
    }
}

impl PartialEq for Clip {
    /// Clips compare by handle, at no cost: two decodes are two clips.
    fn eq(&self, other: &Self) -> bool {
        self.is(other)
    }
}

impl std::fmt::Debug for Clip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clip").field("samples", &self.samples.len()).field("rate", &self.rate).finish()
    }
}
