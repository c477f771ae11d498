//! Finding a routine by what a person types (`unbrace --start "box"`), with suggestions of the
//! closest names when nothing matches.

use super::{Entry, Library};

/// The routine named `query`: its name (any case), its id (`breathing/box-4-4-4-4.ron`), or
/// its file name with or without `.ron` (`box-4-4-4-4.ron`, `box-4-4-4-4`), with or without
/// its folder.
///
/// # Errors
/// Up to three of the closest names, best first, when nothing matches.
pub fn find<'a>(library: &'a Library, query: &str) -> Result<&'a Entry, Vec<&'a str>> {
    let wanted = query.trim().to_lowercase();
    let wanted_file = wanted.trim_end_matches(".ron");
    let found = library.entries().iter().find(|e| {
        let id = e.id.to_lowercase();
        let id = id.trim_end_matches(".ron");
        let stem = id.rsplit('/').next().unwrap_or(id);
        e.script.name().to_lowercase() == wanted || id == wanted_file || stem == wanted_file
    });
    found.ok_or_else(|| closest(library, &wanted))
}

fn closest<'a>(library: &'a Library, wanted: &str) -> Vec<&'a str> {
    closest_names(wanted, library.entries().iter().map(|e| e.script.name()))
}

/// Up to three of `names` closest to `wanted` (any case), best first: names containing it,
/// then those a few edits away.
pub fn closest_names<'a>(wanted: &str, names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = wanted.trim().to_lowercase();
    let mut scored: Vec<(usize, &str)> = names
        .into_iter()
        .map(|name| {
            let lower = name.to_lowercase();
            let score = if !wanted.is_empty() && lower.contains(&wanted) {
                0
            } else {
                edit_distance(&lower, &wanted)
            };
            (score, name)
        })
        .collect();
    scored.sort_unstable();
    scored.dedup();
    let limit = (wanted.chars().count() / 2).max(3);
    scored.into_iter().filter(|&(score, _)| score <= limit).take(3).map(|(_, name)| name).collect()
}

/// Levenshtein distance, counted in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_name_id_or_file_name() {
        let library = Library::built_in();
        for query in [
            "Box 4-4-4-4",
            "box 4-4-4-4",
            "breathing/box-4-4-4-4.ron",
            "box-4-4-4-4",
            "box-4-4-4-4.ron",
            "breathing/box-4-4-4-4",
        ] {
            assert_eq!(
                find(&library, query).map(|e| e.id.as_str()),
                Ok("breathing/box-4-4-4-4.ron"),
                "{query}"
            );
        }
        assert_eq!(find(&library, "Desk reset").map(|e| e.id.as_str()), Ok("body_scan/desk-reset.ron"));
    }

    #[test]
    fn suggests_the_closest_names() {
        let library = Library::built_in();
        assert_eq!(find(&library, "desk rest").map(|e| e.id.as_str()), Err(vec!["Desk reset"]));
        let suggestions = find(&library, "box").expect_err("not exact");
        assert_eq!(suggestions.first(), Some(&"Box 4-4-4-4"));
        assert!(find(&library, "zzzzzzzzzzzzzzzz").expect_err("nothing").is_empty());
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("café", "cafe"), 1);
    }
}
