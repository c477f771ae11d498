//! Unbrace: a calm desktop guide out of stress-driven muscle tension.
//!
//! A pure core (script models, the breathing timeline, the practice clock, the library
//! loader) under a thin egui shell (`app`, the `*view*` modules, `theme`). Nothing in the
//! core reads the clock or draws.

pub mod a11y;
pub mod app;
pub mod background;
pub mod body_scan;
pub mod breathing;
pub mod clock;
pub mod command;
pub mod disk;
pub mod editor;
pub mod frame_stats;
pub mod help_view;
pub mod history;
pub mod hrv;
pub mod icon;
pub mod keymap;
pub mod library;
pub mod navigation;
pub mod picker;
pub mod problems_view;
pub mod reminders;
pub mod reminders_view;
pub mod saved_settings;
pub mod settings_view;
pub mod sound;
pub mod sound_view;
pub mod speech;
pub mod theme;
pub mod voice;
pub mod voice_view;
pub mod waker;
