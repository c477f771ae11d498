//! Heart-rate variability (HRV): reading RR intervals from a Bluetooth strap or a file,
//! cleaning them of artefacts, and the figures people watch while breathing slowly.
pub mod correction;
pub mod measurement;
pub mod resample;
pub mod rr_file;
pub mod spectrum;
pub mod summary;
pub mod time_domain;
