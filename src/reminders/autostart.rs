//! "Start with my computer": the XDG autostart entry, `~/.config/autostart/unbrace.desktop`,
//! which runs `unbrace --background` when the person logs in. Turning it off removes the file.

use std::path::{Path, PathBuf};

/// Where the entry goes and what it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autostart {
    /// The desktop file, e.g. `~/.config/autostart/unbrace.desktop`.
    pub file: PathBuf,
    /// This program, by its absolute path (the session's `PATH` may not have `~/.cargo/bin`).
    pub exe: PathBuf,
    /// Passed on after `--background` (the scripts and data folders this copy was given).
    pub args: Vec<String>,
}

impl Autostart {
    /// The entry in `config_dir/autostart` (the XDG config directory).
    #[must_use]
    pub fn in_config_dir(config_dir: &Path, exe: PathBuf, args: Vec<String>) -> Self {
        Self { file: config_dir.join("autostart").join("unbrace.desktop"), exe, args }
    }

    /// The desktop file's text.
    #[must_use]
    pub fn entry(&self) -> String {
        let mut exec = vec![quote(&self.exe.to_string_lossy()), "--background".to_owned()];
        exec.extend(self.args.iter().map(|a| quote(a)));
        format!(
            "[Desktop Entry]\n\
             Type=Application\n\
             Version=1.5\n\
             Name=Unbrace\n\
             Comment=Breathing-break reminders, counted by time at the keyboard\n\
             Exec={}\n\
             Icon=unbrace\n\
             Terminal=false\n\
             Categories=Utility;\n\
             StartupNotify=false\n\
             X-GNOME-Autostart-enabled=true\n\
             X-GNOME-Autostart-Delay=10\n",
            exec.join(" ")
        )
    }

    /// Whether the entry is there now.
    #[must_use]
    pub fn is_on(&self) -> bool {
        self.file.is_file()
    }

    /// Writes the entry (atomically) or removes it; returns whether it is on now.
    ///
    /// # Errors
    /// The file could not be written or removed, in words for people.
    pub fn set(&self, on: bool) -> Result<bool, String> {
        let said = |e: std::io::Error| format!("{} could not be changed ({e})", self.file.display());
        if on {
            let dir = self.file.parent().ok_or_else(|| said(std::io::ErrorKind::NotFound.into()))?;
            std::fs::create_dir_all(dir).map_err(said)?;
            let mut file = atomic_write_file::AtomicWriteFile::open(&self.file).map_err(said)?;
            std::io::Write::write_all(&mut file, self.entry().as_bytes()).map_err(said)?;
            file.commit().map_err(said)?;
        } else {
            match std::fs::remove_file(&self.file) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(said(e)),
            }
        }
        Ok(self.is_on())
    }
}

/// One `Exec` argument as the Desktop Entry specification wants it: quoted when it holds a
/// reserved character (with `"`, `` ` ``, `$` and `\` escaped inside), then string-escaped
/// (`\` doubled), and `%` doubled so it is no field code.
#[must_use]
pub fn quote(arg: &str) -> String {
    const RESERVED: &[char] =
        &[' ', '\t', '\n', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(', ')', '`'];
    let arg = arg.replace('%', "%%");
    let quoted = if arg.is_empty() || arg.contains(RESERVED) {
        let mut inner = String::new();
        for c in arg.chars() {
            if matches!(c, '"' | '`' | '$' | '\\') {
                inner.push('\\');
            }
            inner.push(c);
        }
        format!("\"{inner}\"")
    } else {
        arg
    };
    quoted.replace('\\', "\\\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_runs_this_program_in_the_background_with_its_folders() {
        let autostart = Autostart::in_config_dir(
            Path::new("/home/a/.config"),
            PathBuf::from("/home/a/.cargo/bin/unbrace"),
            vec!["--scripts".to_owned(), "/home/a/My scripts".to_owned()],
        );
        assert_eq!(autostart.file, Path::new("/home/a/.config/autostart/unbrace.desktop"));
        let entry = autostart.entry();
        assert!(entry.starts_with("[Desktop Entry]\nType=Application\n"), "{entry}");
        assert!(
            entry.contains(
                "\nExec=/home/a/.cargo/bin/unbrace --background --scripts \"/home/a/My scripts\"\n"
            ),
            "{entry}"
        );
    }

    #[test]
    fn arguments_are_quoted_as_the_specification_says() {
        assert_eq!(quote("/usr/bin/unbrace"), "/usr/bin/unbrace");
        assert_eq!(quote("/opt/My Apps/unbrace"), "\"/opt/My Apps/unbrace\"");
        assert_eq!(quote("a$b"), "\"a\\\\$b\"", "$ escaped, then the backslash string-escaped");
        assert_eq!(quote("C:\\x"), "\"C:\\\\\\\\x\"");
        assert_eq!(quote("100%"), "100%%", "no field code");
        assert_eq!(quote(""), "\"\"");
    }

    #[test]
    fn on_writes_the_file_and_off_removes_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let autostart = Autostart::in_config_dir(dir.path(), PathBuf::from("/bin/unbrace"), vec![]);
        assert!(!autostart.is_on());
        assert_eq!(autostart.set(true), Ok(true));
        let text = std::fs::read_to_string(&autostart.file).expect("written");
        assert!(text.contains("Exec=/bin/unbrace --background\n"));
        assert_eq!(autostart.set(false), Ok(false));
        assert_eq!(autostart.set(false), Ok(false), "already off is fine");
    }
}
