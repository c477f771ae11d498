//! The history store: one `SQLite` file (WAL mode, versioned schema with migrations) that any
//! `SQLite` client can read. A corrupt or unreadable file is moved aside, never deleted or
//! overwritten, and a new one is started. Two copies of the app can write at once.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use unbrace_core::history::record::{
    CheckIn, Record, Status, kind_key, parse_kind, regions_from_text, regions_to_text,
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

/// A file that could not be used and was moved aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    pub moved_to: PathBuf,
    pub reason: String,
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
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError(format!("cannot create {}: {e}", dir.display())))?;
        }
        match Self::try_open(path) {
            Ok(store) => Ok((store, None)),
            Err(OpenError::Newer(version)) => Err(StoreError(format!(
                "{} was written by a newer Unbrace (schema {version}); it is left untouched",
                path.display()
            ))),
            Err(OpenError::Failed(reason)) => Err(StoreError(format!(
                "{} cannot be opened ({reason}); it is left untouched",
                path.display()
            ))),
            Err(OpenError::Unusable(reason)) => {
                let moved_to = move_aside(path, timestamp)?;
                let store = Self::try_open(path).map_err(|e| StoreError(e.to_string()))?;
                Ok((store, Some(Recovery { moved_to, reason })))
            }
        }
    }

    /// A store that lives only in memory (for tests and benchmarks).
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let conn = Connection::open_in_memory()?;
        let store = Self { conn };
        store.migrate().map_err(|e| StoreError(e.to_string()))?;
        Ok(store)
    }

    fn try_open(path: &Path) -> Result<Self, OpenError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let conn = Connection::open_with_flags(path, flags).map_err(OpenError::from_sqlite)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(OpenError::from_sqlite)?;
        let check: String =
            conn.query_row("PRAGMA quick_check", [], |row| row.get(0)).map_err(OpenError::from_sqlite)?;
        if check != "ok" {
            return Err(OpenError::Unusable(format!("the file is damaged ({check})")));
        }
        conn.pragma_update(None, "journal_mode", "WAL").map_err(OpenError::from_sqlite)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(OpenError::from_sqlite)?;
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
                kind_key(r.kind),
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
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        for r in records {
            if let Err(e) = self.save(r) {
                let _rolled_back = self.conn.execute_batch("ROLLBACK");
                return Err(e);
            }
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

    /// Every record, newest first. Rows this version cannot read are skipped.
    pub fn all(&self) -> Result<Vec<Record>, StoreError> {
        let sql = format!("{SELECT} ORDER BY started_at_ms DESC, id DESC");
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([], read_record)?;
        Ok(rows.filter_map(Result::ok).collect())
    }
}

const SELECT: &str = "SELECT id, started_at_ms, kind, routine, planned_ms, practised_ms,
    done_count, total_count, status, stress_before, tension_before, tense_before,
    stress_after, tension_after, tense_after, note FROM practice";

fn check_in_columns(c: Option<&CheckIn>) -> (Option<u8>, Option<u8>, Option<String>) {
    match c {
        Some(c) => (Some(c.stress), Some(c.tension), Some(regions_to_text(&c.regions))),
        None => (None, None, None),
    }
}

fn read_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<Record> {
    let unknown = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown {what}").into(),
        )
    };
    let kind: String = row.get(2)?;
    let status: String = row.get(8)?;
    let check_in = |s: usize| -> rusqlite::Result<Option<CheckIn>> {
        let stress: Option<u8> = row.get(s)?;
        let tension: Option<u8> = row.get(s + 1)?;
        let regions: Option<String> = row.get(s + 2)?;
        Ok(match (stress, tension) {
            (Some(stress), Some(tension)) => Some(CheckIn {
                stress: stress.min(10),
                tension: tension.min(10),
                regions: regions_from_text(regions.as_deref().unwrap_or("")),
            }),
            _ => None,
        })
    };
    Ok(Record {
        id: row.get(0)?,
        started_at_ms: row.get(1)?,
        kind: parse_kind(&kind).ok_or_else(|| unknown(2, "kind"))?,
        routine: row.get(3)?,
        planned_ms: row.get(4)?,
        practised_ms: row.get(5)?,
        done_count: row.get(6)?,
        total_count: row.get(7)?,
        status: Status::parse(&status).ok_or_else(|| unknown(8, "status"))?,
        before: check_in(9)?,
        after: check_in(12)?,
        note: row.get(15)?,
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
            kind: ScriptKind::Breathing,
            routine: "Longer exhale 4-6".to_owned(),
            planned_ms: 300_000,
            practised_ms: 0,
            done_count: 0,
            total_count: 30,
            status: Status::Running,
            before: Some(CheckIn { stress: 7, tension: 6, regions: vec![Region::LowerBack, Region::Hips] }),
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
        r.after = Some(CheckIn { stress: 3, tension: 2, regions: vec![] });
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
            (ScriptKind::BodyScan, "Desk reset", Status::Finished, None, "")
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
        Connection::open(&path).expect("opens").execute_batch("PRAGMA user_version = 99;").expect("newer");
        let err = Store::open(&path, "t").expect_err("refused");
        assert!(err.0.contains("newer Unbrace"), "{err}");
        assert!(path.exists());
    }

    #[test]
    fn a_file_that_cannot_be_written_is_left_alone_not_moved_aside() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.sqlite3");
        Store::open(&path, "t").expect("creates");
        // Another process holds an exclusive lock, as a writer mid-transaction would.
        let holder = Connection::open(&path).expect("opens");
        holder.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;").expect("locks");
        let conn = Connection::open(&path).expect("opens");
        conn.busy_timeout(Duration::from_millis(50)).expect("timeout");
        let err = conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)).expect_err("locked");
        assert!(matches!(OpenError::from_sqlite(err), OpenError::Failed(_)));
        drop(holder);
        assert!(path.exists());
        assert!(
            std::fs::read_dir(dir.path())
                .expect("lists")
                .all(|e| { !e.expect("entry").file_name().to_string_lossy().contains("corrupt") })
        );
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
}
