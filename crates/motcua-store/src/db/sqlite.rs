//! The SQLite backend: the embedded default.
//!
//! SQLite allows one writer at a time, so writes go through one connection
//! behind a mutex (no `SQLITE_BUSY` storms), while reads use a small pool of
//! their own connections and run in parallel thanks to WAL mode.
//!
//! Durability: WAL with `synchronous = NORMAL` survives a crash of the
//! process at any point after a commit returns; an operating-system crash or
//! power loss may lose the last transactions before the next checkpoint.
//! Set `MOTCUA_SQLITE_SYNC=full`, or add `?synchronous=full` to the URL, to
//! fsync every commit as well (docs/operations.md).

use std::sync::{Mutex, mpsc};
use std::time::Duration;

use rusqlite::types::{ToSql, ToSqlOutput, Value as SqlValue, ValueRef};
use rusqlite::{Connection, OpenFlags};

use super::{BUSY_TIMEOUT, Conn, DbError, Dialect, Row, Value};
use crate::StoreError;

/// Read connections kept open; SQLite readers scale with cores.
const READERS: usize = 4;

pub struct SqliteBackend {
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    path: String,
    full_sync: bool,
    /// An in-memory database (tests): one connection for everything, since
    /// connections sharing a memory database lock whole tables against
    /// each other instead of reading beside a writer as WAL allows.
    memory: bool,
    /// Declared last so it stops after the connections are closed.
    _checkpointer: Option<Checkpointer>,
}

/// How often the background thread folds the WAL back into the database.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(200);

/// Runs WAL checkpoints on a thread of its own, so that no commit pays for
/// one: SQLite's automatic checkpoint runs inside whichever commit crosses
/// the threshold, which showed as a millisecond tail on action latency.
struct Checkpointer {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Checkpointer {
    fn start(path: &str) -> Result<Checkpointer, DbError> {
        let conn = open_conn(path, false)?;
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(CHECKPOINT_EVERY) {
                    // PASSIVE never waits for readers or blocks writers.
                    if let Err(e) = conn.execute_batch("PRAGMA wal_checkpoint(PASSIVE)") {
                        tracing::warn!(error.cause = %e, "WAL checkpoint failed");
                    }
                }
                let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
            })
            .map_err(|e| DbError::Other(format!("cannot start the checkpoint thread: {e}")))?;
        Ok(Checkpointer { stop: Some(stop), thread: Some(thread) })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl SqliteBackend {
    /// Opens `path`, which may end in `?synchronous=full` or `?synchronous=normal`.
    pub fn open(path: &str) -> Result<Self, DbError> {
        let (path, full_sync) = match path.split_once('?') {
            Some((p, "synchronous=full")) => (p, true),
            Some((p, "synchronous=normal")) => (p, false),
            Some((_, other)) => {
                return Err(DbError::Url(format!("unknown SQLite option `{other}`; use synchronous=full|normal")));
            }
            None => (path, std::env::var("MOTCUA_SQLITE_SYNC").is_ok_and(|v| v.eq_ignore_ascii_case("full"))),
        };
        let memory = path == ":memory:";
        // An in-memory database is private to its connection; share it
        // between the writer and readers through a named shared cache.
        let path = if memory {
            format!("file:motcua-mem-{}?mode=memory&cache=shared", unique_suffix())
        } else {
            path.to_owned()
        };
        let writer = open_conn(&path, full_sync)?;
        let checkpointer = if memory {
            None
        } else {
            writer.execute_batch("PRAGMA wal_autocheckpoint = 0").map_err(map_err)?;
            Some(Checkpointer::start(&path)?)
        };
        Ok(SqliteBackend {
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            path,
            full_sync,
            memory,
            _checkpointer: checkpointer,
        })
    }

    pub fn read<T>(&self, f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>) -> Result<T, StoreError> {
        if self.memory {
            let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
            return f(&mut SqliteConnRef(&mut guard));
        }
        let conn = self.readers.lock().expect("reader pool poisoned").pop();
        let mut conn = match conn {
            Some(c) => c,
            None => open_conn(&self.path, self.full_sync)?,
        };
        let out = f(&mut SqliteConnRef(&mut conn));
        let mut pool = self.readers.lock().expect("reader pool poisoned");
        if pool.len() < READERS {
            pool.push(conn);
        }
        out
    }

    pub fn write<T>(&self, f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let conn = &mut *guard;
        // A write whose closure panicked left its transaction open (and the
        // lock poisoned, which is ignored above): end it, or no write would
        // ever begin again (tests/transactions.rs).
        if !conn.is_autocommit() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        conn.execute_batch("BEGIN IMMEDIATE").map_err(map_err)?;
        // Borrow the connection for the closure, then commit or roll back.
        let mut c = SqliteConnRef(conn);
        let out = f(&mut c);
        match &out {
            Ok(_) => {
                if let Err(e) = conn.execute_batch("COMMIT") {
                    let _ = conn.execute_batch("ROLLBACK");
                    return Err(map_err(e).into());
                }
            }
            Err(_) => {
                let _ = conn.execute_batch("ROLLBACK");
            }
        }
        out
    }
}

fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!("{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed))
}

fn open_conn(path: &str, full_sync: bool) -> Result<Connection, DbError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(map_err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(map_err)?;
    let sync = if full_sync { "FULL" } else { "NORMAL" };
    // 1 KiB pages (set when the database is created; SQLite's default is
    // 4 KiB): every commit writes each page it touched into the WAL, and an
    // action touches a handful of small rows and index entries, so smaller
    // pages write a quarter of the bytes. Measured: 1,427 → 2,274 complete
    // dossiers/s (BENCHMARKS.md), inbox reads unaffected.
    conn.execute_batch(&format!(
        "PRAGMA page_size = 1024; PRAGMA journal_mode = WAL; PRAGMA synchronous = {sync}; PRAGMA foreign_keys = ON; \
         PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;"
    ))
    .map_err(map_err)?;
    conn.set_prepared_statement_cache_capacity(256);
    Ok(conn)
}

/// SQLite numbers its parameters `?1`; the shared SQL writes `$1`.
fn placeholders(sql: &str) -> std::borrow::Cow<'_, str> {
    if sql.contains('$') { std::borrow::Cow::Owned(sql.replace('$', "?")) } else { std::borrow::Cow::Borrowed(sql) }
}

fn map_err(e: rusqlite::Error) -> DbError {
    use rusqlite::ErrorCode;
    match &e {
        rusqlite::Error::SqliteFailure(f, msg) => match f.code {
            ErrorCode::ConstraintViolation
                if matches!(f.extended_code, 2067 /* UNIQUE */ | 1555 /* PRIMARY KEY */) =>
            {
                DbError::Unique(msg.clone().unwrap_or_default())
            }
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => DbError::Busy(e.to_string()),
            _ => DbError::Other(e.to_string()),
        },
        _ => DbError::Other(e.to_string()),
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Owned(SqlValue::Null),
            Value::I64(v) => ToSqlOutput::Owned(SqlValue::Integer(*v)),
            Value::F64(v) => ToSqlOutput::Owned(SqlValue::Real(*v)),
            Value::Bool(b) => ToSqlOutput::Owned(SqlValue::Integer(i64::from(*b))),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Time(t) => ToSqlOutput::Owned(SqlValue::Text(super::value::format_time(t))),
            Value::Date(d) => ToSqlOutput::Owned(SqlValue::Text(d.format("%Y-%m-%d").to_string())),
            Value::Bytes(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

fn run_query(conn: &Connection, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
    let mut stmt = conn.prepare_cached(&placeholders(sql)).map_err(map_err)?;
    let n = stmt.column_count();
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter())).map_err(map_err)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next().map_err(map_err)? {
        let mut vals = Vec::with_capacity(n);
        for i in 0..n {
            vals.push(match r.get_ref(i).map_err(map_err)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(v) => Value::I64(v),
                ValueRef::Real(v) => Value::F64(v),
                ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                // Only `Value::Bytes` is ever bound as a BLOB, so a BLOB
                // reads back as bytes, not as (lossy) text.
                ValueRef::Blob(b) => Value::Bytes(b.to_vec()),
            });
        }
        out.push(Row(vals));
    }
    Ok(out)
}

fn run_execute(conn: &Connection, sql: &str, params: &[Value]) -> Result<u64, DbError> {
    let mut stmt = conn.prepare_cached(&placeholders(sql)).map_err(map_err)?;
    let n = stmt.execute(rusqlite::params_from_iter(params.iter())).map_err(map_err)?;
    Ok(n as u64)
}

struct SqliteConnRef<'a>(&'a mut Connection);

impl Conn for SqliteConnRef<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        run_execute(self.0, sql, params)
    }
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        run_query(self.0, sql, params)
    }
    fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        self.0.execute_batch(sql).map_err(map_err)
    }
}
