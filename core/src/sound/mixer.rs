//! The mixer: turns the placed score into samples, a buffer at a time, on the audio thread.
//!
//! Pure: the caller says at what clock time the first sample of each buffer will be heard,
//! and the mixer starts each cue at the sample that will be heard at its moment, so a cue
//! lands on its phase boundary however the buffers fall. A re-sent score never plays a cue
//! twice, a cue more than [`LATE_LIMIT`] overdue is dropped rather than played out of
//! place, a pause or a change of score fades what is sounding in [`FADE_OUT`], and the
//! output never clips.
//!
//! Recordings (a body-scan step's own voice) play through the same mix, each from the sample
//! heard as its step begins. While a recording plays, or while the shell says speech is
//! playing, the cues are ducked to [`DUCKED`] so the words stay clear.

use std::collections::VecDeque;

use std::time::Duration;

use super::clip::Clip;
use super::cue::{Cue, SoundSettings};
use super::score::{Cursor, Placed};
use super::synth;

/// A cue this late (the audio thread was held up) is skipped, not played out of place.
pub const LATE_LIMIT: Duration = Duration::from_millis(150);

/// A pause, a stop or a skip fades the sounding cues out over this long (no click).
pub const FADE_OUT: Duration = Duration::from_millis(20);

/// How many started cues are remembered, so a score sent again does not repeat them.
const REMEMBERED: usize = 32;

/// Volume and mute changes glide over about this long, so they never click.
const GAIN_GLIDE_SECS: f32 = 0.02;

/// The cues' level while words are heard (speech or a recording), as a fraction.
pub const DUCKED: f32 = 0.3;
/// Ducking glides in and out over about this long.
const DUCK_GLIDE_SECS: f32 = 0.05;

/// Above this level the limiter bends the signal smoothly under full scale.
const LIMIT_KNEE: f32 = 0.8;

// Clone: the fuzz target renders the cues once per sample rate and copies the mixer.
#[derive(Debug, Clone)]
pub struct Mixer {
    rate: u32,
    /// Each cue's samples, by [`Cue::index`].
    sounds: Vec<Vec<f32>>,
    settings: SoundSettings,
    gain: f32,
    placed: Option<Placed>,
    /// Practice time up to which the placed score's cues have been started.
    planned_until: Duration,
    /// Where in the placed score the last buffer's cues were found.
    cursor: Cursor,
    /// The latest cues started from a score, by clock time: a score sent again (after an
    /// extension, say) finds its cues here and does not play them twice.
    started: VecDeque<(Duration, Cue)>,
    /// Cues to play at a clock time whatever the score and the cue switches (the settings'
    /// sample).
    extra: Vec<(Duration, Cue)>,
    voices: Vec<Voice>,
    /// Where in the placed score the last buffer's recordings were found.
    clip_cursor: Cursor,
    /// The recordings started from a score, by clock time, so a score sent again (an
    /// extension) neither repeats nor stops them.
    started_clips: VecDeque<(Duration, Clip)>,
    /// The recordings' gain (the voice volume), and whether speech is heard now.
    clip_gain: f32,
    speaking: bool,
    /// The cues' ducking factor now (1 when nothing is said), gliding to its target.
    duck: f32,
    /// A clip to play at a clock time, whatever the score (a take in the editor).
    extra_clip: Option<(Duration, Clip)>,
}

/// What a voice plays.
#[derive(Debug, Clone, PartialEq)]
enum Source {
    Cue(Cue),
    /// A recording that began at this clock time.
    Clip(Clip, Duration),
}

/// A cue or a recording playing (or about to, `delay` samples into the next buffer).
#[derive(Debug, Clone)]
struct Voice {
    source: Source,
    delay: usize,
    position: usize,
    /// Fading out: samples left until silence.
    fading: Option<usize>,
}

impl Mixer {
    #[must_use]
    pub fn new(rate: u32, settings: SoundSettings) -> Self {
        Self {
            rate,
            sounds: Cue::ALL.iter().map(|&cue| synth::render(cue, rate)).collect(),
            settings,
            gain: settings.gain(),
            placed: None,
            planned_until: Duration::ZERO,
            cursor: Cursor::default(),
            started: VecDeque::with_capacity(REMEMBERED),
            extra: Vec::new(),
            voices: Vec::new(),
            clip_cursor: Cursor::default(),
            started_clips: VecDeque::with_capacity(REMEMBERED),
            clip_gain: 1.0,
            speaking: false,
            duck: 1.0,
            extra_clip: None,
        }
    }

    /// How loud recordings play (the voice volume, as an amplitude factor).
    pub fn set_clip_gain(&mut self, gain: f32) {
        self.clip_gain = gain.clamp(0.0, 1.0);
    }

    /// Speech is heard now (or no longer): the cues duck under it.
    pub fn set_speaking(&mut self, speaking: bool) {
        self.speaking = speaking;
    }

    /// Plays `clip` from clock time `at`, whatever the score, instead of any clip played
    /// this way before (`None`: stops that one).
    pub fn play_clip_at(&mut self, at: Duration, clip: Option<Clip>) {
        let fade = self.samples_in(FADE_OUT).max(1);
        for voice in &mut self.voices {
            if matches!(voice.source, Source::Clip(_, Duration::MAX)) {
                voice.fading.get_or_insert(fade);
            }
        }
        self.extra_clip = clip.map(|c| (at, c));
    }

    pub fn set_settings(&mut self, settings: SoundSettings) {
        self.settings = settings;
    }

    /// The practice's score from now on, or `None` when it pauses or stops. What the old
    /// score had sounding fades out; what was still to come of it never starts.
    pub fn place(&mut self, placed: Option<Placed>) {
        if placed != self.placed {
            self.placed = placed;
            self.planned_until = Duration::ZERO;
            self.cursor = Cursor::default();
            self.clip_cursor = Cursor::default();
            let fade = self.samples_in(FADE_OUT).max(1);
            // Not begun yet: never begins. Sounding: fades, unless it is a recording that the
            // new score still starts at the same moment (the step was extended, not left).
            self.voices.retain(|v| v.delay == 0);
            let placed = self.placed.as_ref();
            for voice in &mut self.voices {
                let kept = match (&voice.source, placed) {
                    (Source::Clip(clip, at), Some(p)) => match &p.score {
                        super::score::Score::Scan { steps, .. } => {
                            at.checked_sub(p.origin).is_some_and(|t| steps.has_clip_at(t, clip))
                        }
                        super::score::Score::Breathing(_) => false,
                    },
                    _ => false,
                };
                if !kept {
                    voice.fading.get_or_insert(fade);
                }
            }
        }
    }

    /// Plays `cue` at clock time `at`, whatever the score.
    pub fn play_at(&mut self, at: Duration, cue: Cue) {
        self.extra.push((at, cue));
    }

    /// Nothing sounds and nothing is due: the stream can rest.
    #[must_use]
    pub fn is_idle(&self) -> bool {
        self.voices.is_empty()
            && self.extra.is_empty()
            && self.extra_clip.is_none()
            && self.placed.as_ref().is_none_or(|p| self.planned_until > p.score.end())
    }

    /// Fills `out` with the next samples; the first will be heard at clock time `heard_at`.
    pub fn fill(&mut self, out: &mut [f32], heard_at: Duration) {
        out.fill(0.0);
        let span = self.duration_of(out.len());
        self.start_due(heard_at, heard_at + span);
        let target = self.settings.gain();
        let glide = 1.0 / (GAIN_GLIDE_SECS * self.rate_f32());
        let duck_glide = (1.0 - DUCKED) / (DUCK_GLIDE_SECS * self.rate_f32());
        let words = self.speaking
            || self.voices.iter().any(|v| matches!(v.source, Source::Clip(..)) && v.fading.is_none());
        let duck_target = if words { DUCKED } else { 1.0 };
        let mut gains = Vec::with_capacity(out.len());
        let mut ducked = Vec::with_capacity(out.len());
        for _ in 0..out.len() {
            self.gain += (target - self.gain).clamp(-glide, glide);
            self.duck += (duck_target - self.duck).clamp(-duck_glide, duck_glide);
            gains.push(self.gain);
            ducked.push(self.gain * self.duck);
        }
        let clip_gain = if self.settings.on { self.clip_gain } else { 0.0 };
        let clip_gains = vec![clip_gain; out.len()];
        let n = out.len();
        let fade_len = self.samples_in(FADE_OUT).max(1);
        for voice in &mut self.voices {
            let (sound, gains): (&[f32], &[f32]) = match &voice.source {
                Source::Cue(cue) => (&self.sounds[cue.index()], &ducked),
                Source::Clip(clip, _) => (clip.samples(), &clip_gains),
            };
            let start = voice.delay.min(n);
            let mut count = (sound.len() - voice.position).min(n - start);
            if let Some(left) = voice.fading {
                count = count.min(left);
            }
            let source = &sound[voice.position..voice.position + count];
            for (k, ((o, s), g)) in
                out[start..start + count].iter_mut().zip(source).zip(&gains[start..]).enumerate()
            {
                #[expect(clippy::cast_precision_loss, reason = "a fade of a few hundred samples")]
                let fade = voice.fading.map_or(1.0, |left| (left - k) as f32 / fade_len as f32);
                *o += s * g * fade;
            }
            voice.position += count;
            voice.delay = voice.delay.saturating_sub(n);
            if let Some(left) = &mut voice.fading {
                *left -= count;
            }
        }
        let sounds = &self.sounds;
        self.voices.retain(|v| {
            let len = match &v.source {
                Source::Cue(cue) => sounds[cue.index()].len(),
                Source::Clip(clip, _) => clip.samples().len(),
            };
            v.position < len && v.fading != Some(0)
        });
        for o in out.iter_mut() {
            *o = limit(*o);
        }
    }

    /// Starts the cues due to be heard in `[from, until)` (clock time).
    fn start_due(&mut self, from: Duration, until: Duration) {
        let mut due = Vec::new();
        if let Some(placed) = &self.placed {
            let practice_until = until.saturating_sub(placed.origin);
            let practice_from = self.planned_until.max(placed.from);
            let mut cues = Vec::new();
            placed.score.cues_after(&mut self.cursor, practice_from, practice_until, &mut cues);
            for (t, cue) in cues {
                let at = placed.origin + t;
                if self.started.contains(&(at, cue)) {
                    continue;
                }
                if self.started.len() == REMEMBERED {
                    self.started.pop_front();
                }
                self.started.push_back((at, cue));
                if self.settings.wants(cue) {
                    due.push((at, cue));
                }
            }
            let mut clips = Vec::new();
            placed.score.clips_after(&mut self.clip_cursor, practice_from, practice_until, &mut clips);
            for (t, clip) in clips {
                let at = placed.origin + t;
                if self.started_clips.iter().any(|(when, c)| *when == at && c.is(&clip)) {
                    continue;
                }
                if self.started_clips.len() == REMEMBERED {
                    self.started_clips.pop_front();
                }
                self.started_clips.push_back((at, clip.clone()));
                // A recording is words: it starts even a little late, from its beginning.
                let delay = self.samples_in(at.saturating_sub(from));
                self.voices.push(Voice { source: Source::Clip(clip, at), delay, position: 0, fading: None });
            }
            self.planned_until = practice_until.max(practice_from);
        }
        if let Some((at, clip)) = self.extra_clip.take_if(|(at, _)| *at < until) {
            let delay = self.samples_in(at.saturating_sub(from));
            // Played outside any score: marked with no moment of its own.
            self.voices.push(Voice {
                source: Source::Clip(clip, Duration::MAX),
                delay,
                position: 0,
                fading: None,
            });
        }
        self.extra.retain(|&(at, cue)| {
            let now = at < until;
            if now {
                due.push((at, cue));
            }
            !now
        });
        for (at, cue) in due {
            if at + LATE_LIMIT < from || !self.settings.on {
                continue;
            }
            let delay = self.samples_in(at.saturating_sub(from));
            self.voices.push(Voice { source: Source::Cue(cue), delay, position: 0, fading: None });
        }
    }

    #[expect(clippy::cast_precision_loss, reason = "sample rates are far below 2^24")]
    fn rate_f32(&self) -> f32 {
        self.rate as f32
    }

    fn duration_of(&self, samples: usize) -> Duration {
        let nanos = samples as u128 * 1_000_000_000 / u128::from(self.rate);
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    }

    fn samples_in(&self, d: Duration) -> usize {
        // Rounded to the nearest sample.
        let samples = (d.as_nanos() * u128::from(self.rate) + 500_000_000) / 1_000_000_000;
        usize::try_from(samples).unwrap_or(usize::MAX)
    }
}

/// Passes quiet signals untouched and bends loud ones smoothly under full scale.
fn limit(x: f32) -> f32 {
    let over = x.abs() - LIMIT_KNEE;
    if over <= 0.0 {
        x
    } else {
        // Approaches 0.99 however loud: never full scale.
        let headroom = 0.99 - LIMIT_KNEE;
        x.signum() * (LIMIT_KNEE + headroom * over / (over + headroom))
    }
}

/// Little-endian 16-bit samples, as the sound server takes them.
pub fn to_s16le(samples: &[f32], bytes: &mut [u8]) {
    for (s, b) in samples.iter().zip(bytes.chunks_exact_mut(2)) {
        #[expect(clippy::cast_possible_truncation, reason = "clamped to the i16 range first")]
        let v = (s.clamp(-1.0, 1.0) * f32::from(i16::MAX)).round() as i16;
        b.copy_from_slice(&v.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sound::analysis::onsets;
    use crate::sound::score::Score;

    const RATE: u32 = 48_000;

    fn score() -> Score {
        let pattern = crate::script::parse_pattern(
            "Pattern(name: \"t\", phases: [Inhale(secs: 2), HoldIn(secs: 1), Exhale(secs: 3)], \
             length: Cycles(2))",
        )
        .expect("parses");
        Score::Breathing(crate::breathing::timeline::Timeline::new(&pattern, pattern.length))
    }

    /// Plays `secs` of the mixer in buffers of `chunk` samples, the first heard at `start`.
    fn play(mixer: &mut Mixer, start: Duration, secs: usize, chunk: usize) -> Vec<f32> {
        let mut all = Vec::new();
        let mut buffer = vec![0.0; chunk];
        while all.len() < secs * RATE as usize {
            let heard_at = start + mixer.duration_of(all.len());
            mixer.fill(&mut buffer, heard_at);
            all.extend_from_slice(&buffer);
        }
        all
    }

    /// Where a cue's own samples first pass the onset threshold (its attack is gentle).
    fn first_audible(cue: Cue) -> usize {
        synth::render(cue, RATE).iter().position(|s| s.abs() > 1e-4).expect("audible")
    }

    fn loud() -> SoundSettings {
        SoundSettings { volume: 100, ..SoundSettings::default() }
    }

    #[test]
    fn cues_start_on_the_exact_sample_of_their_boundary() {
        for chunk in [64, 441, 480, 4096] {
            let mut mixer = Mixer::new(RATE, loud());
            // Practice time zero is at clock 10.25 s; the stream began at clock 10 s.
            let origin = Duration::from_millis(10_250);
            mixer.place(Some(Placed { score: score(), origin, from: Duration::ZERO }));
            let out = play(&mut mixer, Duration::from_secs(10), 17, chunk);
            let found = onsets(&out, 1e-4, RATE as usize / 4);
            // Boundaries at 0, 2, 3, 6, 8, 9 s and the bell at 12 s, 0.25 s into the stream.
            let expected: Vec<usize> = [
                (250, Cue::Inhale),
                (2250, Cue::Hold),
                (3250, Cue::Exhale),
                (6250, Cue::Inhale),
                (8250, Cue::Hold),
                (9250, Cue::Exhale),
                (12_250, Cue::Bell),
            ]
            .iter()
            .map(|&(ms, cue)| ms * 48 + first_audible(cue))
            .collect();
            assert_eq!(found, expected, "chunk {chunk}: every cue begins on its boundary's sample");
            assert!(mixer.is_idle(), "after the bell there is nothing left to do");
        }
    }

    /// A scan of steps `(start, length)` in seconds, back to back.
    fn scan(steps: &[(u64, u64)]) -> Score {
        let start = Duration::from_secs(steps.first().map_or(0, |s| s.0));
        let steps: Vec<_> = steps.iter().map(|&(_, secs)| (Duration::from_secs(secs), None)).collect();
        crate::sound::score::tests::scan(start, &steps)
    }

    #[test]
    fn a_score_sent_again_never_repeats_a_cue() {
        let mut mixer = Mixer::new(RATE, loud());
        let mut buffer = vec![0.0; 480];
        // A scan's first step chimes; then it is extended, and its score sent again.
        let placed = |score| Placed { score, origin: Duration::ZERO, from: Duration::ZERO };
        mixer.place(Some(placed(scan(&[(0, 30), (30, 20)]))));
        mixer.fill(&mut buffer, Duration::ZERO);
        assert_eq!(mixer.voices.len(), 1, "the first chime");
        mixer.place(Some(placed(scan(&[(0, 60), (60, 20)]))));
        mixer.fill(&mut buffer, Duration::from_millis(10));
        assert_eq!(mixer.voices.len(), 1, "not chimed twice");
        // The next chime comes at the new time, not the old.
        let out = play(&mut mixer, Duration::from_millis(20), 61, 480);
        let found = onsets(&out, 1e-4, RATE as usize / 4);
        // The first chime still ringing as this stretch begins, then the next one at 60 s.
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0], 0);
        assert_eq!(found[1], 59_980 * 48 + first_audible(Cue::Chime));
    }

    #[test]
    fn a_cue_more_than_the_late_limit_overdue_is_dropped() {
        let mut buffer = vec![0.0; 480];
        // The audio thread was held up for a second: the hold tick at 2 s is now too late.
        let mut mixer = Mixer::new(RATE, loud());
        mixer.place(Some(Placed { score: score(), origin: Duration::ZERO, from: Duration::from_secs(1) }));
        mixer.fill(&mut buffer, Duration::from_millis(2200));
        assert!(mixer.voices.is_empty(), "{:?}", mixer.voices);
        mixer.fill(&mut buffer, Duration::from_millis(2995));
        assert_eq!(mixer.voices.len(), 1, "the exhale at 3 s, just in time");
    }

    #[test]
    fn a_pause_fades_out_at_once_and_the_resume_cues_each_boundary_once() {
        let mut mixer = Mixer::new(RATE, loud());
        mixer.place(Some(Placed { score: score(), origin: Duration::ZERO, from: Duration::ZERO }));
        // Paused half a second in, while the inhale tone sounds.
        let sounding = play(&mut mixer, Duration::ZERO, 1, 480);
        let last = sounding[RATE as usize / 2 - 1];
        assert!(last.abs() > 0.01, "the tone is sounding");
        let mut mixer = Mixer::new(RATE, loud());
        mixer.place(Some(Placed { score: score(), origin: Duration::ZERO, from: Duration::ZERO }));
        let mut half = vec![0.0; RATE as usize / 2];
        mixer.fill(&mut half, Duration::ZERO);
        mixer.place(None);
        let mut after = vec![0.0; 2400];
        mixer.fill(&mut after, Duration::from_millis(500));
        let fade = mixer.samples_in(FADE_OUT);
        assert!(after[fade..].iter().all(|s| *s == 0.0), "silent within the fade");
        assert!((after[0] - half[half.len() - 1]).abs() < 0.02, "faded from where it was: no click");
        assert!(mixer.is_idle());

        // Paused at practice time 1.99 s, just before the hold at 2 s; resumed at clock 10 s.
        let mut mixer = Mixer::new(RATE, loud());
        mixer.place(Some(Placed { score: score(), origin: Duration::ZERO, from: Duration::ZERO }));
        let _ = play(&mut mixer, Duration::ZERO, 1, 480);
        let mut rest = vec![0.0; 47_520];
        mixer.fill(&mut rest, Duration::from_secs(1));
        mixer.place(None);
        let origin = Duration::from_millis(8010);
        mixer.place(Some(Placed { score: score(), origin, from: Duration::from_millis(1990) }));
        let out = play(&mut mixer, Duration::from_secs(10), 2, 480);
        let found = onsets(&out, 1e-4, RATE as usize / 4);
        // The hold at 10.01 s and the exhale at 11.01 s, each once.
        assert_eq!(found, vec![480 + first_audible(Cue::Hold), 48_480 + first_audible(Cue::Exhale)]);
    }

    #[test]
    fn a_skip_just_before_an_old_cue_still_chimes() {
        let mut mixer = Mixer::new(RATE, loud());
        let mut buffer = vec![0.0; 4800];
        mixer.place(Some(Placed {
            score: scan(&[(0, 2), (2, 5)]),
            origin: Duration::ZERO,
            from: Duration::ZERO,
        }));
        // Written ahead: the buffer heard from 1.95 s holds the old step's chime at 2 s.
        mixer.fill(&mut buffer, Duration::from_millis(1950));
        // Next pressed at 1.98 s (a new score: the second step now starts at 1.98 s).
        let skipped = Placed {
            score: scan(&[(0, 1), (1, 5)]),
            origin: Duration::from_millis(980),
            from: Duration::from_secs(1),
        };
        mixer.place(Some(skipped));
        mixer.fill(&mut buffer, Duration::from_millis(2050));
        assert!(
            mixer.voices.iter().any(|v| v.source == Source::Cue(Cue::Chime) && v.fading.is_none()),
            "the new step chimes: {:?}",
            mixer.voices
        );
    }

    #[test]
    fn switched_off_cues_and_mute_are_silent_and_volume_scales() {
        let mut settings = loud();
        settings.set(Cue::Hold, false);
        let mut mixer = Mixer::new(RATE, settings);
        mixer.place(Some(Placed { score: score(), origin: Duration::ZERO, from: Duration::ZERO }));
        let out = play(&mut mixer, Duration::ZERO, 3, 480);
        let hold = &out[2 * 48_000..2 * 48_000 + 2400];
        assert!(hold.iter().all(|s| s.abs() < 1e-6), "no tick at 2 s");

        let mut quiet = Mixer::new(RATE, SoundSettings { volume: 50, ..SoundSettings::default() });
        quiet.place(Some(Placed { score: score(), origin: Duration::ZERO, from: Duration::ZERO }));
        let soft = play(&mut quiet, Duration::ZERO, 1, 480);
        let peak = |s: &[f32]| s.iter().fold(0.0_f32, |m, x| m.max(x.abs()));
        assert!((peak(&soft) / peak(&out[..48_000]) - 0.25).abs() < 0.01, "half volume is a quarter");

        let mut muted = Mixer::new(RATE, SoundSettings { on: false, ..loud() });
        muted.place(Some(Placed { score: score(), origin: Duration::ZERO, from: Duration::ZERO }));
        assert!(play(&mut muted, Duration::ZERO, 3, 480).iter().all(|s| *s == 0.0));
    }

    #[test]
    fn many_cues_at_once_never_clip() {
        let mut mixer = Mixer::new(RATE, loud());
        for cue in Cue::ALL.iter().cycle().take(20) {
            mixer.play_at(Duration::ZERO, *cue);
        }
        let out = play(&mut mixer, Duration::ZERO, 1, 480);
        let peak = out.iter().fold(0.0_f32, |m, x| m.max(x.abs()));
        assert!(peak > LIMIT_KNEE && peak < 1.0, "limited under full scale: {peak}");
        let mut bytes = vec![0; out.len() * 2];
        to_s16le(&out, &mut bytes);
        assert!(bytes.chunks_exact(2).all(|b| i16::from_le_bytes([b[0], b[1]]).unsigned_abs() < 32_767));
    }

    /// A scan of steps `secs` long, back to back from practice time zero, each opening with
    /// its clip.
    fn scan_with_clips(steps: &[(u64, Option<Clip>)]) -> Score {
        use std::sync::Arc;
        let durations: Vec<Duration> = steps.iter().map(|(s, _)| Duration::from_secs(*s)).collect();
        let end = durations.iter().sum();
        let breathing: Arc<[Option<crate::breathing::timeline::Timeline>]> =
            steps.iter().map(|_| None).collect();
        let clips: Arc<[Option<Clip>]> = steps.iter().map(|(_, c)| c.clone()).collect();
        let steps = crate::sound::score::ScanSteps::new(Arc::new(durations), breathing, 0, Duration::ZERO)
            .with_clips(clips);
        Score::Scan { steps, end }
    }

    /// Half a second of a steady level, starting on its first sample.
    fn clip() -> Clip {
        Clip::new(vec![0.5; RATE as usize / 2], RATE)
    }

    #[test]
    fn a_recording_starts_on_the_sample_of_its_step_at_the_voice_volume() {
        for chunk in [64, 441, 480, 4096] {
            let mut settings = loud();
            settings.chime = false;
            let mut mixer = Mixer::new(RATE, settings);
            mixer.set_clip_gain(0.5);
            let origin = Duration::from_millis(10_250);
            let score = scan_with_clips(&[(2, None), (3, Some(clip())), (1, None)]);
            mixer.place(Some(Placed { score, origin, from: Duration::ZERO }));
            let out = play(&mut mixer, Duration::from_secs(10), 4, chunk);
            let first = out.iter().position(|s| s.abs() > 1e-6).expect("heard");
            // The second step starts at practice time 2 s: 2.25 s into the stream.
            assert_eq!(first, 2250 * 48, "chunk {chunk}");
            assert!((out[first] - 0.25).abs() < 1e-6, "at the voice volume: {}", out[first]);
            assert!((out[first + RATE as usize / 2 - 1] - out[first]).abs() < 1e-6, "played whole");
            assert!(out[first + RATE as usize / 2..].iter().all(|s| s.abs() < 1e-6), "then silence");
        }
    }

    #[test]
    fn an_extension_keeps_a_recording_playing_and_a_pause_or_skip_silences_it() {
        let mut settings = loud();
        settings.chime = false;
        let placed = |score| Placed { score, origin: Duration::ZERO, from: Duration::ZERO };
        let mut mixer = Mixer::new(RATE, settings);
        let recording = clip();
        mixer.place(Some(placed(scan_with_clips(&[(3, Some(recording.clone())), (3, None)]))));
        let mut buffer = vec![0.0; 4800];
        mixer.fill(&mut buffer, Duration::ZERO);
        // Extended (the same recording, the same start, a longer step): it plays on, once.
        mixer.place(Some(placed(scan_with_clips(&[(33, Some(recording.clone())), (3, None)]))));
        mixer.fill(&mut buffer, Duration::from_millis(100));
        assert!(buffer.iter().all(|s| (s - 0.5).abs() < 1e-6), "not faded, not restarted");
        mixer.place(None);
        mixer.fill(&mut buffer, Duration::from_millis(200));
        assert!(buffer[mixer.samples_in(FADE_OUT)..].iter().all(|s| *s == 0.0), "paused: silent at once");
        assert!(mixer.is_idle());
    }

    #[test]
    fn cues_duck_under_speech_and_recordings_and_come_back_after() {
        let bell_peak = |speaking: bool| {
            let mut mixer = Mixer::new(RATE, loud());
            mixer.set_speaking(speaking);
            mixer.play_at(Duration::from_millis(500), Cue::Bell);
            let out = play(&mut mixer, Duration::ZERO, 2, 480);
            out.iter().fold(0.0_f32, |m, x| m.max(x.abs()))
        };
        let ratio = bell_peak(true) / bell_peak(false);
        assert!((ratio - DUCKED).abs() < 0.02, "ducked to {ratio}");

        // A chime at the start of a step with a recording is ducked under it.
        let mut mixer = Mixer::new(RATE, loud());
        mixer.set_clip_gain(0.0);
        let long = Clip::new(vec![0.5; 3 * RATE as usize], RATE);
        let score = scan_with_clips(&[(2, None), (3, Some(long))]);
        mixer.place(Some(Placed { score, origin: Duration::ZERO, from: Duration::ZERO }));
        let out = play(&mut mixer, Duration::ZERO, 4, 480);
        let energy = |s: &[f32]| s.iter().map(|x| x * x).sum::<f32>();
        let plain = energy(&out[..RATE as usize]);
        let under = energy(&out[2 * RATE as usize..3 * RATE as usize]);
        let ratio = (under / plain).sqrt();
        assert!(ratio < 0.4, "the chime under the recording, as a fraction of a plain one: {ratio}");

        // Speech ends: the cues come back to full level within the glide.
        let mut mixer = Mixer::new(RATE, loud());
        mixer.set_speaking(true);
        let mut buffer = vec![0.0; 4800];
        mixer.fill(&mut buffer, Duration::ZERO);
        mixer.set_speaking(false);
        mixer.fill(&mut buffer, Duration::from_millis(100));
        assert!((mixer.duck - 1.0).abs() < 1e-6, "back to full after {DUCK_GLIDE_SECS} s");
    }

    #[test]
    fn turning_the_volume_down_glides_without_a_click() {
        let mut mixer = Mixer::new(RATE, loud());
        mixer.play_at(Duration::ZERO, Cue::Bell);
        let mut first = vec![0.0; 4800];
        mixer.fill(&mut first, Duration::ZERO);
        mixer.set_settings(SoundSettings { on: false, ..loud() });
        let mut second = vec![0.0; 4800];
        mixer.fill(&mut second, Duration::from_millis(100));
        let jump = (second[0] - first[4799]).abs();
        assert!(jump < 0.05, "muting does not cut the wave: {jump}");
        assert!(second[4000..].iter().all(|s| *s == 0.0), "silent after the glide");
    }
}
