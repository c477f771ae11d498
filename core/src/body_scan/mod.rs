//! Guided body scans: the script model, its regions, the player and a scan in progress.

pub mod player;
pub mod region;
pub mod script;
pub mod session;
