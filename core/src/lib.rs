//! Unbrace's pure core: everything that decides what a practice is and does, with no screen,
//! disk, sound server or bus in reach. Time is passed in as an argument, so a test
//! fast-forwards an hour of breathing in a microsecond.
//!
//! The shell crate (`unbrace`) draws these with egui and connects them to the world.

pub mod body_scan;
pub mod breathing;
pub mod editor;
pub mod history;
pub mod hrv;
pub mod library;
pub mod local_time;
pub mod practice;
pub mod reminder;
pub mod script;
pub mod settings;
pub mod sound;
pub mod speech;
