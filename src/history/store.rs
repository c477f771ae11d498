//! The history store: one `SQLite` file (WAL mode, versioned schema with migrations) that any
//! `SQLite` client can read. A corrupt or unreadable file is moved aside, never deleted or
//! overwritten, and a new one is started. Two copies of the app can write at once.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use rusqlite::types::Value;
use unbrace_core::history::record::{
    CheckIn, Record, RecordKind, Status, regions_from_text, regions_to_text,
};

/// The schema, one step per version; `PRAGMA user_version` says how many have run.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    "CREATE TABLE practice (
        id            TEXT PRIMARY KEY,
        started_at_ms INTEGER NOT NULL,
        kind          TEXT NOT NULL,
        routine       TEXT NOT NULL,
        planned_ms    INTEGER NOT NULL,
        practised_ms  INTEGER NOT NULL,
        done_count    INTEGER NOT NULL,
        total_count   INTEGER NOT NULL,
        status        TEXT NOT NULL
    );
    CREATE INDEX practice_started ON practice (started_at_ms);",
    // 2: check-in before and check-out after, and a note.
    "ALTER TABLE practice ADD COLUMN stress_before  INTEGER;
    ALTER TABLE practice ADD COLUMN tension_before INTEGER;
    ALTER TABLE practice ADD COLUMN tense_before   TEXT;
    ALTER TABLE practice ADD COLUMN stress_after   INTEGER;
    ALTER TABLE practice ADD COLUMN tension_after  INTEGER;
    ALTER TABLE practice ADD COLUMN tense_after    TEXT;
    ALTER TABLE practice ADD COLUMN note           TEXT NOT NULL DEFAULT '';",
];

/// How long a write waits for another copy of the app that holds the lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What went wrong, in words for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        Self(e.to_string())
    }
}

/// How the store is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreOptions {
    /// How long a write waits for another program's lock.
    pub busy: Duration,
    /// The most pages the file may grow to (`None`: as the disk allows). A test sets it to
    /// make the disk "full" as `SQLite` sees it.
    pub max_pages: Option<i64>,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self { busy: BUSY_TIMEOUT, max_pages: None }
    }
}

/// Why the history file could not be opened (it is left as it was).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenFailure {
    /// Written by a newer version: it is never written to.
    Newer { path: PathBuf, version: i64 },
    /// Locked, read-only, the disk full, a folder that cannot be made: worth trying again.
    Failed { path: PathBuf, reason: String },
}

impl OpenFailure {
    /// Why, in a few words.
    #[must_use]
    pub fn reason(&self) -> String {
        match self {
            Self::Newer { version, .. } => {
                format!("the history file is from a newer Unbrace (schema {version})")
            }
            Self::Failed { reason, .. } => reason.clone(),
        }
    }
}

impl std::fmt::Display for OpenFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Newer { path, version } => write!(
                f,
                "{} was written by a newer Unbrace (schema {version}); it is left untouched",
                path.display()
            ),
            Self::Failed { path, reason } => {
                write!(f, "{} cannot be opened ({reason}); it is left untouched", path.display())
            }
        }
    }
}

/// A file that could not be used and was moved aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    pub moved_to: PathBuf,
    pub reason: String,
    /// How many records could still be read from it, and were copied into the new file.
    pub salvaged: usize,
}

#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (or creates) the history at `path`. A corrupt file is renamed to
    /// `<name>.corrupt-<timestamp>` (with its `-wal` and `-shm` files) and a new one started.
    /// `timestamp` names the moved file (the caller reads the clock).
    pub fn open(path: &Path, timestamp: &str) -> Result<(Self, Option<Recovery>), StoreError> {
        Self::open_with(path, timestamp, &StoreOptions::default()).map_err(|e| StoreError(e.to_string()))
    }

    /// [`Self::open`] with these options.
    pub fn open_with(
        path: &Path,
        timestamp: &str,
        options: &StoreOptions,
    ) -> Result<(Self, Option<Recovery>), OpenFailure> {
        let failed = |reason: String| OpenFailure::Failed { path: path.to_owned(), reason };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| failed(format!("cannot create {}: {e}", dir.display())))?;
        }
        match Self::try_open(path, options) {
            Ok(store) => Ok((store, None)),
            Err(OpenError::Newer(version)) => Err(OpenFailure::Newer { path: path.to_owned(), version }),
            Err(OpenError::Failed(reason)) => Err(failed(reason)),
            Err(OpenError::Unusable(reason)) => {
                let moved_to = move_aside(path, timestamp).map_err(|e| failed(e.0))?;
                let store = Self::try_open(path, options).map_err(|e| failed(e.to_string()))?;
                // Whatever rows the damaged file still gives up come along.
                let rescued = salvage(&moved_to);
                let salvaged = if store.save_all(&rescued).is_ok() { rescued.len() } else { 0 };
                Ok((store, Some(Recovery { moved_to, reason, salvaged })))
            }
        }
    }

    /// Opens the history only to read it: for a file on a disk that cannot be written (a
    /// read-only mount, where `SQLite` cannot make its `-wal` and `-shm` files). Nothing is
    /// written; saving through it fails.
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        let uri = format!("file:{}?immutable=1", uri_path(path));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(uri, flags)?;
        let store = Self { conn };
        let version = store.version()?;
        if version > i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX) || version < 1 {
            return Err(StoreError(format!(
                "{} has a schema this version cannot read ({version})",
                path.display()
            )));
        }
        Ok(store)
    }

    /// A store that lives only in memory (for tests and benchmarks).
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let conn = Connection::open_in_memory()?;
        let store = Self { conn };
        store.migrate().map_err(|e| StoreError(e.to_string()))?;
        Ok(store)
    }

    fn try_open(path: &Path, options: &StoreOptions) -> Result<Self, OpenError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let conn = Connection::open_with_flags(path, flags).map_err(OpenError::from_sqlite)?;
        conn.busy_timeout(options.busy).map_err(OpenError::from_sqlite)?;
        let check: String =
            conn.query_row("PRAGMA quick_check", [], |row| row.get(0)).map_err(OpenError::from_sqlite)?;
        if check != "ok" {
            return Err(OpenError::Unusable(format!("the file is damaged ({check})")));
        }
        // Reading the version writes nothing: a file from a newer version is refused before
        // anything (not even the journal mode) is changed in it.
        let version: i64 =
            conn.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(OpenError::from_sqlite)?;
        if version > i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX) {
            return Err(OpenError::Newer(version));
        }
        conn.pragma_update(None, "journal_mode", "WAL").map_err(OpenError::from_sqlite)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(OpenError::from_sqlite)?;
        if let Some(pages) = options.max_pages {
            conn.pragma_update(None, "max_page_count", pages).map_err(OpenError::from_sqlite)?;
        }
        let store = Self { conn };
        store.migrate()?;
        Ok(store)
    }

    /// Runs the migrations this file has not seen yet, each in its own transaction. The
    /// version is read again inside the transaction, so when two copies of the app open an old
    /// file at once, the second sees the first one's work and skips it.
    fn migrate(&self) -> Result<(), OpenError> {
        let known = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
        for (i, sql) in MIGRATIONS.iter().enumerate() {
            let next = i64::try_from(i + 1).unwrap_or(i64::MAX);
            let version = self.version().map_err(OpenError::from_sqlite)?;
            if version > known {
                return Err(OpenError::Newer(version));
            }
            if version >= next {
                continue;
            }
            self.conn.execute_batch("BEGIN IMMEDIATE").map_err(OpenError::from_sqlite)?;
            let step = self.version().and_then(|v| {
                if v >= next {
                    Ok(())
                } else {
                    self.conn.execute_batch(&format!("{sql} PRAGMA user_version = {next};"))
                }
            });
            match step.and_then(|()| self.conn.execute_batch("COMMIT")) {
                Ok(()) => {}
                Err(e) => {
                    // Never leave a half-run migration behind.
                    let _rolled_back = self.conn.execute_batch("ROLLBACK");
                    return Err(OpenError::from_sqlite(e));
                }
            }
        }
        Ok(())
    }

    fn version(&self) -> rusqlite::Result<i64> {
        self.conn.query_row("PRAGMA user_version", [], |row| row.get(0))
    }

    /// The schema version of this file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    /// Writes a record, replacing an earlier version of it (begin, checkpoints, end).
    pub fn save(&self, r: &Record) -> Result<(), StoreError> {
        let (sb, tb, rb) = check_in_columns(r.before.as_ref());
        let (sa, ta, ra) = check_in_columns(r.after.as_ref());
        self.conn.execute(
            "INSERT INTO practice (id, started_at_ms, kind, routine, planned_ms, practised_ms,
                done_count, total_count, status, stress_before, tension_before, tense_before,
                stress_after, tension_after, tense_after, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
             ON CONFLICT (id) DO UPDATE SET
                practised_ms = excluded.practised_ms, done_count = excluded.done_count,
                total_count = excluded.total_count, planned_ms = excluded.planned_ms,
                status = excluded.status, stress_before = excluded.stress_before,
                tension_before = excluded.tension_before, tense_before = excluded.tense_before,
                stress_after = excluded.stress_after, tension_after = excluded.tension_after,
                tense_after = excluded.tense_after, note = excluded.note",
            params![
                r.id,
                r.started_at_ms,
                r.kind.key(),
                r.routine,
                r.planned_ms,
                r.practised_ms,
                r.done_count,
                r.total_count,
                r.status.as_str(),
                sb,
                tb,
                rb,
                sa,
                ta,
                ra,
                r.note
            ],
        )?;
        Ok(())
    }

    /// Writes many records in one transaction (imports, benchmarks).
    pub fn save_all(&self, records: &[Record]) -> Result<(), StoreError> {
        self.write_all(records, &[])
    }

    /// Saves `records` and deletes the records with `deleted` ids, all or nothing.
    pub fn write_all(&self, records: &[Record], deleted: &[String]) -> Result<(), StoreError> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let written = records
            .iter()
            .try_for_each(|r| self.save(r))
            .and_then(|()| deleted.iter().try_for_each(|id| self.delete(id)));
        if let Err(e) = written {
            let _rolled_back = self.conn.execute_batch("ROLLBACK");
            return Err(e);
        }
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }

    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        self.conn.execute("DELETE FROM practice WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn get(&self, id: &str) -> Result<Option<Record>, StoreError> {
        let sql = format!("{SELECT} WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], read_record).optional()?)
    }

    /// Every record, newest first, each row as well as it can be read (none is skipped).
    pub fn all(&self) -> Result<Vec<Record>, StoreError> {
        let sql = format!("{SELECT} ORDER BY started_at_ms DESC, id DESC");
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([], read_record)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

const SELECT: &str = "SELECT id, started_at_ms, kind, routine, planned_ms, practised_ms,
    done_count, total_count, status, stress_before, tension_before, tense_before,
    stress_after, tension_after, tense_after, note, rowid FROM practice";

fn check_in_columns(c: Option<&CheckIn>) -> (Option<u8>, Option<u8>, Option<String>) {
    match c {
        Some(c) => (c.stress, c.tension, Some(regions_to_text(&c.regions))),
        None => (None, None, None),
    }
}

/// A row as a record, whatever it holds: a row written by a newer version or by hand is
/// shown and exported, never dropped. Unknown kinds and statuses are kept as written; a value
/// of the wrong type reads as nothing (a rating) or 0 (a number).
fn read_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<Record> {
    let value = |i: usize| row.get::<_, Value>(i);
    let number = |i: usize| -> rusqlite::Result<Option<i64>> {
        Ok(match value(i)? {
            Value::Integer(n) => Some(n),
            #[expect(clippy::cast_possible_truncation, reason = "a number written by hand, saturating")]
            Value::Real(x) => Some(x as i64),
            Value::Text(t) => t.trim().parse().ok(),
            Value::Null | Value::Blob(_) => None,
        })
    };
    let text = |i: usize| -> rusqlite::Result<String> {
        Ok(match value(i)? {
            Value::Text(t) => t,
            Value::Integer(n) => n.to_string(),
            Value::Real(x) => x.to_string(),
            Value::Null | Value::Blob(_) => String::new(),
        })
    };
    let rating = |i: usize| -> rusqlite::Result<Option<u8>> {
        Ok(number(i)?.map(|n| u8::try_from(n.clamp(0, 10)).unwrap_or(0)))
    };
    let check_in = |s: usize| -> rusqlite::Result<Option<CheckIn>> {
        let check_in = CheckIn {
            stress: rating(s)?,
            tension: rating(s + 1)?,
            regions: regions_from_text(&text(s + 2)?),
        };
        Ok((!check_in.is_empty()).then_some(check_in))
    };
    let id = text(0)?;
    Ok(Record {
        // A row without an id (SQLite allows it) is still shown, by its row number.
        id: if id.is_empty() { format!("row-{}", number(16)?.unwrap_or(0)) } else { id },
        started_at_ms: number(1)?.unwrap_or(0),
        kind: RecordKind::parse(&text(2)?),
        routine: text(3)?,
        planned_ms: number(4)?.unwrap_or(0),
        practised_ms: number(5)?.unwrap_or(0),
        done_count: number(6)?.unwrap_or(0),
        total_count: number(7)?.unwrap_or(0),
        status: Status::parse(&text(8)?),
        before: check_in(9)?,
        after: check_in(12)?,
        note: text(15)?,
    })
}

enum OpenError {
    /// Written by a newer version: leave it alone.
    Newer(i64),
    /// Damaged or not a database: move it aside.
    Unusable(String),
    /// Anything else (locked, read-only, disk full): leave it alone and say so.
    Failed(String),
}

impl OpenError {
    /// Only real damage moves a file aside; a locked or full disk never does.
    #[expect(clippy::needless_pass_by_value, reason = "used as a map_err function")]
    fn from_sqlite(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match e.sqlite_error_code() {
            Some(DatabaseCorrupt | NotADatabase) => Self::Unusable(e.to_string()),
            _ => Self::Failed(e.to_string()),
        }
    }
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Newer(v) => write!(f, "written by a newer Unbrace (schema {v})"),
            Self::Unusable(reason) | Self::Failed(reason) => f.write_str(reason),
        }
    }
}

/// Renames the file (and its WAL companions) to `<name>.corrupt-<timestamp>`, never over an
/// existing file.
/// `path` as a URI path: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    path.to_string_lossy().replace('%', "%25").replace('?', "%3f").replace('#', "%23")
}

/// The records a damaged file still gives up. It is read from a copy whose header is made
/// to agree with what is left of the file (a truncated file otherwise reads as wholly
/// malformed), first in order up to the first unreadable page, then record by record past
/// it, so a bad page loses only its own rows. The damaged file itself is never changed.
fn salvage(path: &Path) -> Vec<Record> {
    let mut copy = path.as_os_str().to_owned();
    copy.push(".salvage");
    let copy = PathBuf::from(copy);
    let records = repaired_copy(path, &copy).map(|()| read_what_remains(&copy)).unwrap_or_default();
    let _ = std::fs::remove_file(&copy);
    records
}

/// Copies the whole pages of `path` to `copy`, with the page count in its header set to
/// them and the journal mode set to the plain one (no `-wal` file is needed to read it).
fn repaired_copy(path: &Path, copy: &Path) -> Option<()> {
    const HEADER: &[u8; 16] = b"SQLite format 3\0";
    let mut bytes = std::fs::read(path).ok()?;
    if bytes.len() < 100 || &bytes[..16] != HEADER {
        return None;
    }
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        n => usize::from(n),
    };
    if page_size < 512 || !page_size.is_power_of_two() {
        return None;
    }
    let pages = bytes.len() / page_size;
    bytes.truncate(pages * page_size);
    bytes[18] = 1;
    bytes[19] = 1;
    bytes[28..32].copy_from_slice(&u32::try_from(pages).ok()?.to_be_bytes());
    std::fs::write(copy, bytes).ok()
}

fn read_what_remains(copy: &Path) -> Vec<Record> {
    /// Past the last row found, how many row numbers in a row may be missing before the rest
    /// is taken to be gone.
    const GAP: i64 = 2_000;
    let Ok(store) = Store::open_read_only(copy) else {
        return Vec::new();
    };
    let sql = format!("{SELECT} WHERE rowid = ?1");
    let read = |rowid: i64| store.conn.query_row(&sql, [rowid], read_record).ok();
    let in_order: Vec<i64> = store
        .conn
        .prepare("SELECT rowid FROM practice NOT INDEXED")
        .and_then(|mut statement| {
            Ok(statement.query_map([], |row| row.get(0))?.map_while(Result::ok).collect())
        })
        .unwrap_or_default();
    let mut records: Vec<Record> = in_order.iter().filter_map(|&rowid| read(rowid)).collect();
    let mut rowid = in_order.last().copied().unwrap_or(0);
    let mut last_found = rowid;
    while rowid - last_found < GAP {
        rowid += 1;
        if let Some(record) = read(rowid) {
            records.push(record);
            last_found = rowid;
        }
    }
    records
}

fn move_aside(path: &Path, timestamp: &str) -> Result<PathBuf, StoreError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut target = path.with_file_name(format!("{name}.corrupt-{timestamp}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = path.with_file_name(format!("{name}.corrupt-{timestamp}-{n}"));
    }
    std::fs::rename(path, &target)
        .map_err(|e| StoreError(format!("cannot move the damaged {} aside: {e}", path.display())))?;
    for suffix in ["-wal", "-shm"] {
        let companion = path.with_file_name(format!("{name}{suffix}"));
        if companion.exists() {
            let moved = target.with_file_name(format!(
                "{}{suffix}",
                target.file_name().unwrap_or_default().to_string_lossy()
            ));
            std::fs::rename(&companion, moved)
                .map_err(|e| StoreError(format!("cannot move {}: {e}", companion.display())))?;
        }
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unbrace_core::body_scan::region::Region;
    use unbrace_core::script::ScriptKind;

    fn record(id: &str, started_at_ms: i64) -> Record {
        Record {
            id: id.to_owned(),
            started_at_ms,
            kind: ScriptKind::Breathing.into(),
            routine: "Longer exhale 4-6".to_owned(),
            planned_ms: 300_000,
            practised_ms: 0,
            done_count: 0,
            total_count: 30,
            status: Status::Running,
            before: Some(CheckIn {
                stress: Some(7),
                tension: Some(6),
                regions: vec![Region::LowerBack, Region::Hips],
            }),
            after: None,
            note: String::new(),
        }
    }

    #[test]
    fn insert_checkpoint_and_reopen() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        let (store, recovery) = Store::open(&path, "t").expect("opens");
        assert_eq!(recovery, None);
        let mut r = record("a", 1_000);
        store.save(&r).expect("begin");
        r.practised_ms = 15_000;
        r.done_count = 1;
        store.save(&r).expect("checkpoint");
        drop(store);

        let (store, _) = Store::open(&path, "t").expect("reopens");
        assert_eq!(store.get("a").expect("reads"), Some(r.clone()));
        r.status = Status::Finished;
        r.after = Some(CheckIn { stress: Some(3), tension: Some(2), regions: vec![] });
        r.note = "Shoulders softer, \"really\".".to_owned();
        store.save(&r).expect("finish");
        assert_eq!(store.all().expect("reads"), vec![r]);
        assert_eq!(
            store.schema_version().expect("version"),
            i64::try_from(MIGRATIONS.len()).expect("few migrations")
        );
    }

    #[test]
    fn newest_first_and_delete() {
        let store = Store::open_in_memory().expect("opens");
        for (id, at) in [("old", 1), ("new", 3), ("mid", 2)] {
            store.save(&record(id, at)).expect("saves");
        }
        let ids: Vec<String> = store.all().expect("reads").into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["new", "mid", "old"]);
        store.delete("mid").expect("deletes");
        assert_eq!(store.all().expect("reads").len(), 2);
    }

    #[test]
    fn migrates_from_the_first_schema_keeping_records() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        {
            let conn = Connection::open(&path).expect("opens");
            conn.execute_batch(&format!("{} PRAGMA user_version = 1;", MIGRATIONS[0])).expect("first schema");
            conn.execute(
                "INSERT INTO practice VALUES ('v1', 5, 'body_scan', 'Desk reset', 180000, 180000, 9, 9, 'finished')",
                [],
            )
            .expect("a v1 record");
        }
        let (store, recovery) = Store::open(&path, "t").expect("migrates");
        assert_eq!(recovery, None);
        assert_eq!(store.schema_version().expect("version"), 2);
        let r = store.get("v1").expect("reads").expect("kept");
        assert_eq!(
            (r.kind, r.routine.as_str(), r.status, r.before, r.note.as_str()),
            (ScriptKind::BodyScan.into(), "Desk reset", Status::Finished, None, "")
        );
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_and_a_new_one_started() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        let garbage = b"this is not a database, but it is the user's file".repeat(100);
        std::fs::write(&path, &garbage).expect("write");
        let (store, recovery) = Store::open(&path, "20261123-120000").expect("opens anew");
        let recovery = recovery.expect("moved aside");
        assert_eq!(recovery.moved_to, dir.path().join("history.sqlite3.corrupt-20261123-120000"));
        assert_eq!(std::fs::read(&recovery.moved_to).expect("kept"), garbage, "kept byte for byte");
        store.save(&record("fresh", 1)).expect("usable");
        // A second corruption on the same second never overwrites the first one kept aside.
        drop(store);
        std::fs::write(&path, b"garbage again").expect("write");
        let (_, again) = Store::open(&path, "20261123-120000").expect("opens anew");
        assert_eq!(
            again.expect("moved").moved_to,
            dir.path().join("history.sqlite3.corrupt-20261123-120000-2")
        );
        assert_eq!(std::fs::read(&recovery.moved_to).expect("still kept"), garbage);
    }

    #[test]
    fn a_file_from_a_newer_version_is_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        Connection::open(&path)
            .expect("opens")
            .execute_batch("CREATE TABLE practice (id TEXT); PRAGMA user_version = 99;")
            .expect("newer");
        let before = std::fs::read(&path).expect("reads");
        let err = Store::open(&path, "t").expect_err("refused");
        assert!(err.0.contains("newer Unbrace"), "{err}");
        // Not a byte changed: it is still a rollback-journal file, not switched to WAL.
        assert_eq!(std::fs::read(&path).expect("reads"), before);
        assert!(!dir.path().join("history.sqlite3-wal").exists());
    }

    #[test]
    fn a_file_locked_by_another_program_is_left_alone_not_moved_aside() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        let (store, _) = Store::open(&path, "t").expect("creates");
        store.save(&record("a", 1)).expect("saves");
        drop(store);
        // Another process holds an exclusive lock, as a writer mid-transaction would.
        let holder = Connection::open(&path).expect("opens");
        holder.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;").expect("locks");
        let options = StoreOptions { busy: Duration::from_millis(50), ..StoreOptions::default() };
        let err = Store::open_with(&path, "t", &options).expect_err("locked");
        assert!(
            matches!(err, OpenFailure::Failed { .. }) && err.to_string().contains("left untouched"),
            "{err}"
        );
        drop(holder);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("lists")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains("corrupt")), "{names:?}");
        let (store, recovery) = Store::open(&path, "t").expect("opens once the lock is gone");
        assert_eq!(recovery, None);
        assert_eq!(store.all().expect("reads").len(), 1, "the record is still there");
    }

    #[test]
    fn rows_this_version_does_not_understand_are_read_not_dropped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        let (store, _) = Store::open(&path, "t").expect("creates");
        store.save(&record("known", 2)).expect("saves");
        store
            .conn
            .execute_batch(
                "INSERT INTO practice (id, started_at_ms, kind, routine, planned_ms, practised_ms,
                    done_count, total_count, status, stress_before, note)
                 VALUES ('newer', 1, 'stretching', 'Cat-cow', 60000, 'about a minute', 3, 3,
                    'abandoned', 'seven', '');",
            )
            .expect("a row from a newer version or by hand");
        let all = store.all().expect("reads");
        assert_eq!(all.len(), 2);
        let newer = all.iter().find(|r| r.id == "newer").expect("kept");
        assert_eq!(newer.kind, RecordKind::Other("stretching".to_owned()));
        assert_eq!(newer.status, Status::Other("abandoned".to_owned()));
        assert_eq!((newer.practised_ms, newer.done_count), (0, 3));
        assert_eq!(newer.before, None, "a rating that is not a number reads as not rated");
        // Saved back (an undone delete) as it was written.
        store.save(newer).expect("saves");
        let again = store.get("newer").expect("reads").expect("there");
        assert_eq!((again.kind.key(), again.status.as_str()), ("stretching", "abandoned"));
    }

    #[test]
    fn two_copies_migrating_an_old_file_at_once_both_succeed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        {
            let conn = Connection::open(&path).expect("opens");
            conn.execute_batch(&format!("{} PRAGMA user_version = 1;", MIGRATIONS[0])).expect("first schema");
        }
        let copies: Vec<_> = (0..2)
            .map(|n| {
                let path = path.clone();
                std::thread::Builder::new()
                    .name(format!("copy-{n}"))
                    .spawn(move || Store::open(&path, "t").map(|(_, recovery)| recovery))
                    .expect("spawns")
            })
            .collect();
        for copy in copies {
            assert_eq!(copy.join().expect("finished"), Ok(None), "opened without moving anything aside");
        }
        let (store, _) = Store::open(&path, "t").expect("opens");
        assert_eq!(store.schema_version().expect("version"), 2);
    }

    #[test]
    fn two_writers_at_once_lose_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        Store::open(&path, "t").expect("creates");
        let writers: Vec<_> = (0..2)
            .map(|w| {
                let path = path.clone();
                std::thread::Builder::new()
                    .name(format!("writer-{w}"))
                    .spawn(move || {
                        let (store, _) = Store::open(&path, "t").expect("opens");
                        for i in 0..200 {
                            let mut r = record(&format!("w{w}-{i}"), i);
                            store.save(&r).expect("begin");
                            r.practised_ms = 1000;
                            store.save(&r).expect("checkpoint");
                        }
                    })
                    .expect("spawns")
            })
            .collect();
        for w in writers {
            w.join().expect("writer finished");
        }
        let (store, _) = Store::open(&path, "t").expect("opens");
        let all = store.all().expect("reads");
        assert_eq!(all.len(), 400);
        assert!(all.iter().all(|r| r.practised_ms == 1000));
    }

    #[test]
    fn the_rows_a_truncated_file_still_gives_up_are_carried_into_the_new_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        {
            let (store, _) = Store::open(&path, "t").expect("creates");
            let records: Vec<Record> = (0..300)
                .map(|i| Record { note: "n".repeat(400), ..record(&format!("r{i:03}"), i) })
                .collect();
            store.save_all(&records).expect("saves");
            store.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("checkpoint");
        }
        // Cut off the end of the file, as a full disk or a bad copy would.
        let bytes = std::fs::read(&path).expect("reads");
        std::fs::write(&path, &bytes[..bytes.len() * 2 / 3]).expect("truncates");
        let (store, recovery) = Store::open(&path, "t").expect("opens a new one");
        let recovery = recovery.expect("moved aside");
        assert!(recovery.moved_to.exists(), "the damaged file is kept");
        let kept = store.all().expect("reads").len();
        assert_eq!(kept, recovery.salvaged);
        assert!(kept > 50 && kept < 300, "most rows before the cut come back: {kept}");
    }

    #[test]
    fn a_history_can_be_read_without_writing_anything() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        {
            let (store, _) = Store::open(&path, "t").expect("creates");
            store.save(&record("a", 1)).expect("saves");
        }
        let before = std::fs::read(&path).expect("reads");
        let store = Store::open_read_only(&path).expect("opens");
        assert_eq!(store.all().expect("reads").len(), 1);
        assert!(store.save(&record("b", 2)).is_err(), "read only");
        assert_eq!(std::fs::read(&path).expect("reads"), before);
    }
}
