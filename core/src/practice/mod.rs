//! What runs during a practice, independent of the kind of routine: the practice clock.

pub mod stopwatch;
