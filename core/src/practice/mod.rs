//! What runs during a practice, whatever the routine: the practice clock, the check-in
//! draft, the summary, and the lifecycle that ties them to the history ([`flow`]).

pub mod check_in;
pub mod flow;
pub mod stopwatch;
pub mod summary;
