//! The routines shipped inside the binary, so Unbrace runs from anywhere. Their sources are
//! the files under `scripts/`; a test checks that this list and that folder agree.

/// `(path relative to scripts/, file text)` for every shipped script: routines and reminders.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("breathing/box-4-4-4-4.ron", include_str!("../../../scripts/breathing/box-4-4-4-4.ron")),
    ("breathing/coherent-6.ron", include_str!("../../../scripts/breathing/coherent-6.ron")),
    ("breathing/cyclic-sighing.ron", include_str!("../../../scripts/breathing/cyclic-sighing.ron")),
    ("breathing/double-exhale-4-8.ron", include_str!("../../../scripts/breathing/double-exhale-4-8.ron")),
    ("breathing/four-seven-eight.ron", include_str!("../../../scripts/breathing/four-seven-eight.ron")),
    ("breathing/four-six.ron", include_str!("../../../scripts/breathing/four-six.ron")),
    ("breathing/resonance-5-5.ron", include_str!("../../../scripts/breathing/resonance-5-5.ron")),
    ("breathing/seven-eleven.ron", include_str!("../../../scripts/breathing/seven-eleven.ron")),
    ("breathing/slow-down.ron", include_str!("../../../scripts/breathing/slow-down.ron")),
    ("breathing/slow-exhale-3-7.ron", include_str!("../../../scripts/breathing/slow-exhale-3-7.ron")),
    ("body_scan/desk-reset.ron", include_str!("../../../scripts/body_scan/desk-reset.ron")),
    ("body_scan/full-body-scan.ron", include_str!("../../../scripts/body_scan/full-body-scan.ron")),
    ("body_scan/hips-and-psoas.ron", include_str!("../../../scripts/body_scan/hips-and-psoas.ron")),
    ("body_scan/lower-back-tracking.ron", include_str!("../../../scripts/body_scan/lower-back-tracking.ron")),
    (
        "body_scan/progressive-relaxation.ron",
        include_str!("../../../scripts/body_scan/progressive-relaxation.ron"),
    ),
    ("body_scan/sleep-wind-down.ron", include_str!("../../../scripts/body_scan/sleep-wind-down.ron")),
    // Reminders ship switched off (`enabled: false`): a person turns one on.
    ("reminders/desk-break.ron", include_str!("../../../scripts/reminders/desk-break.ron")),
    ("reminders/sleep-wind-down.ron", include_str!("../../../scripts/reminders/sleep-wind-down.ron")),
];

/// The pattern selected on first start: a slow exhale without holds.
pub const DEFAULT_PATTERN: &str = "breathing/four-six.ron";
