//! The settings as eframe last stored them, read before any window exists (`--background`
//! has none): eframe keeps a RON map of strings in `app.ron` in its storage folder, and the
//! settings under [`crate::app::SETTINGS_KEY`].

use std::collections::HashMap;
use std::path::Path;

use unbrace_core::settings::Settings;

/// The stored settings, or the defaults when there are none (or they cannot be read).
#[must_use]
pub fn read(app_id: &str) -> Settings {
    eframe::storage_dir(app_id).map_or_else(Settings::default, |dir| read_file(&dir.join("app.ron")))
}

fn read_file(path: &Path) -> Settings {
    std::fs::read_to_string(path).ok().map_or_else(Settings::default, |text| parse(&text))
}

/// The settings in an `app.ron` file's text.
#[must_use]
pub fn parse(text: &str) -> Settings {
    ron::from_str::<HashMap<String, String>>(text)
        .ok()
        .and_then(|map| map.get(crate::app::SETTINGS_KEY).and_then(|value| ron::from_str(value).ok()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_eframe_stored_and_falls_back_to_the_defaults() {
        let stored = Settings { text_percent: 150, safety_note_seen: true, ..Settings::default() };
        let value = ron::to_string(&stored).expect("serialises");
        let map = HashMap::from([
            (crate::app::SETTINGS_KEY.to_owned(), value),
            ("egui".to_owned(), "()".to_owned()),
        ]);
        let file = ron::ser::to_string_pretty(&map, ron::ser::PrettyConfig::default()).expect("serialises");
        assert_eq!(parse(&file), stored);
        assert_eq!(parse("not ron"), Settings::default());
        assert_eq!(parse("{}"), Settings::default());
    }
}
