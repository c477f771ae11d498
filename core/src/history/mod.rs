//! The history's pure half: one practice as remembered, stats over many, heart-rate
//! variability per week, and CSV text; and the reminders shown, with what became of them,
//! counted per week.

pub mod csv;
pub mod hrv_weeks;
pub mod record;
pub mod reminder_record;
pub mod reminder_weeks;
pub mod stats;
