//! The history's pure half: one practice as remembered, stats over many, and CSV text.

pub mod csv;
pub mod record;
pub mod stats;
