//! Opening the database: the data directory, connection settings (WAL,
//! foreign keys, busy timeout), the schema-version check and migrations;
//! and the key-value settings.

use crate::error::StoreError;
use crate::migrations::{migrations, SCHEMA_VERSION};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The database file's name inside the data directory.
pub const DB_FILE: &str = "barraiser.sqlite3";
/// The recordings folder's name inside the data directory.
pub const RECORDINGS_DIR: &str = "recordings";

/// How long a statement waits for another connection's lock before it
/// fails. A round's writes are small, so a few seconds is generous.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open database. Writes take `&mut self`; share a `Store` across
/// threads behind a mutex, or open one per thread or process (WAL lets
/// readers and a writer work at once).
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    data_dir: PathBuf,
}

impl Store {
    /// Opens (creating when needed) the database in `data_dir` and upgrades
    /// its schema to the current version.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::CreateDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join(DB_FILE);
        let open_err = |source| StoreError::Open {
            path: path.clone(),
            source,
        };
        let mut conn = Connection::open(&path).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // The pragma answers with the mode it got; a file system without
        // shared memory keeps the rollback journal, which is still correct.
        retry_while_busy(|| {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
        })
        .map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;

        let found = user_version(&conn).map_err(open_err)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                path,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found < SCHEMA_VERSION {
            // Each process takes the write lock before migrating, waiting
            // for any other. If another process created or upgraded the
            // database since the version was read, this migration fails on
            // what is already there; the schema is then current, which is
            // all that was wanted.
            conn.set_transaction_behavior(TransactionBehavior::Immediate);
            let res = migrations().to_latest(&mut conn);
            conn.set_transaction_behavior(TransactionBehavior::Deferred);
            if let Err(source) = res {
                if user_version(&conn).map_err(open_err)? != SCHEMA_VERSION {
                    return Err(StoreError::Migrate {
                        path,
                        target: SCHEMA_VERSION,
                        source,
                    });
                }
            }
        }
        Ok(Store {
            conn,
            data_dir: data_dir.to_path_buf(),
        })
    }

    /// A transaction that holds the write lock from its start, so what it
    /// reads is still true when it writes: in WAL mode a deferred
    /// transaction that reads and then writes fails at once (no busy wait)
    /// when another connection wrote in between.
    pub(crate) fn write_transaction(&mut self) -> Result<Transaction<'_>, StoreError> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The value of setting `key`, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let value = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?;
        Ok(value)
    }

    /// Sets `key` to `value`, or removes it when `value` is `None`.
    pub fn set_setting(&mut self, key: &str, value: Option<&str>) -> Result<(), StoreError> {
        match value {
            Some(value) => self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )?,
            None => self
                .conn
                .execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
        Ok(())
    }
}

/// Runs `op` again while SQLite answers "busy", for up to `BUSY_TIMEOUT`.
/// Switching a new database to WAL needs an exclusive lock, and SQLite
/// fails that at once, without the busy handler, when another connection
/// is opening the same file (4 processes creating one database failed 12
/// times in 40 before this).
fn retry_while_busy<T>(mut op: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match op() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            res => return res,
        }
    }
}

fn user_version(conn: &Connection) -> rusqlite::Result<usize> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}
