//! What a reminder's notification says: its name as the title, and a line in warm second
//! person that names the routine.

use std::time::Duration;

use super::time_of_day::TimeOfDay;

/// After so much active use.
#[must_use]
pub fn after_use(routine: &str, active: Duration) -> String {
    format!("You've been at the computer for {}. Time for {routine}?", minutes_in_words(active))
}

/// Back after "Later".
#[must_use]
pub fn snoozed(routine: &str) -> String {
    format!("Ten minutes on, as you asked. Ready for {routine}?")
}

/// At a time of day; `late` when it comes after the time (held by a meeting or a practice).
#[must_use]
pub fn at_time(routine: &str, time: TimeOfDay, late: bool) -> String {
    if late {
        format!("It's a little past {time}. Time for {routine}, whenever you're ready.")
    } else {
        format!("It's {time}. Time for {routine}, whenever you're ready.")
    }
}

/// Whole minutes in words: "1 minute", "50 minutes", "1 hour", "2 hours and 5 minutes".
#[must_use]
pub fn minutes_in_words(length: Duration) -> String {
    let minutes = length.as_secs() / 60;
    let plural = |n: u64, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
    match (minutes / 60, minutes % 60) {
        (0, m) => plural(m, "minute"),
        (h, 0) => plural(h, "hour"),
        (h, m) => format!("{} and {}", plural(h, "hour"), plural(m, "minute")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_read_naturally() {
        let words = |m: u64| minutes_in_words(Duration::from_secs(m * 60 + 59));
        assert_eq!(
            [words(1), words(50), words(60), words(61), words(125)],
            ["1 minute", "50 minutes", "1 hour", "1 hour and 1 minute", "2 hours and 5 minutes"]
        );
        assert_eq!(
            after_use("Desk reset", Duration::from_secs(50 * 60)),
            "You've been at the computer for 50 minutes. Time for Desk reset?"
        );
    }
}
