//! Guided body scans: the script model, its regions and the player (all pure), and the egui
//! views that show them (the body map and the scan view).

pub mod body_map;
pub mod player;
pub mod region;
pub mod script;
pub mod session;
pub mod view;
