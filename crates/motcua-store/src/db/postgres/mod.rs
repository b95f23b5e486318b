//! The PostgreSQL backend, for production, selected by a `postgres://` URL.
//!
//! Each pooled connection is a `tokio-postgres` client with a small runtime
//! of its own, so the store calls it from tokio's blocking threads as it
//! calls SQLite, and both backends share one store implementation. Unlike
//! the synchronous `postgres` client it used before, a connection sends
//! several requests before it waits for the first answer (pipelining,
//! `conn.rs`): a write's `BEGIN` travels with its first statement and its
//! queued writes with its `COMMIT`.

mod conn;
mod types;

use std::collections::HashMap;
use std::error::Error as _;
use std::time::{Duration, Instant};

use tokio_postgres::{Client, NoTls, Statement};

use super::{BUSY_TIMEOUT, Conn, DbError};
use crate::StoreError;
use conn::PgConn;

/// Connections kept by the pool.
const POOL_SIZE: u32 = 16;
/// Connections opened at start and kept open when idle.
const MIN_IDLE: u32 = 2;
/// A connection the pool got back less than this long ago is handed out
/// without a ping: under load every checkout would otherwise cost a round
/// trip. HikariCP, the Java pool, skips its check in the same way (its
/// `aliveBypassWindowMs`, 500 ms). A connection that died in the window
/// fails its first statement with `database_busy`, and the pool drops it.
const PING_AFTER: Duration = Duration::from_millis(500);

pub struct PgBackend {
    /// Always `Some` until dropped; see the `Drop` impl.
    pool: Option<r2d2::Pool<Manager>>,
}

impl Drop for PgBackend {
    /// A connection's runtime cannot be dropped on a thread that drives an
    /// async runtime, so the pool is dropped on a plain thread of its own.
    fn drop(&mut self) {
        if let Some(pool) = self.pool.take() {
            let _ = std::thread::spawn(move || drop(pool)).join();
        }
    }
}

/// A pooled connection: its client, the runtime that drives its socket,
/// and its prepared statements, so a query is parsed once per connection
/// rather than on every call.
pub struct PgClient {
    rt: tokio::runtime::Runtime,
    client: Client,
    statements: HashMap<String, Statement>,
    /// When the pool last got it back (see [`PING_AFTER`]).
    returned_at: Instant,
}

pub struct Manager {
    config: tokio_postgres::Config,
}

impl r2d2::ManageConnection for Manager {
    type Connection = PgClient;
    type Error = DbError;

    fn connect(&self) -> Result<PgClient, DbError> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| DbError::Other(format!("cannot start a PostgreSQL connection's runtime: {e}")))?;
        let (client, connection) = rt.block_on(self.config.connect(NoTls)).map_err(map_err)?;
        // The connection task reads and writes the socket; on this
        // current-thread runtime it runs whenever a request is waited for.
        rt.spawn(async move {
            if let Err(e) = connection.await {
                tracing::warn!(error = %e, "PostgreSQL connection ended");
            }
        });
        Ok(PgClient { rt, client, statements: HashMap::new(), returned_at: Instant::now() })
    }

    fn is_valid(&self, conn: &mut PgClient) -> Result<(), DbError> {
        if conn.returned_at.elapsed() < PING_AFTER {
            return Ok(());
        }
        conn.rt.block_on(conn.client.simple_query("")).map(drop).map_err(map_err)
    }

    /// Called by the pool whenever a connection comes back; it also notes
    /// the time for [`Manager::is_valid`].
    fn has_broken(&self, conn: &mut PgClient) -> bool {
        conn.returned_at = Instant::now();
        conn.client.is_closed()
    }
}

impl PgBackend {
    pub fn connect(url: &str) -> Result<Self, DbError> {
        let config: tokio_postgres::Config = url.parse().map_err(|e| DbError::Url(format!("{e}")))?;
        let manager = Manager { config };
        let pool = r2d2::Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(MIN_IDLE))
            .connection_timeout(BUSY_TIMEOUT)
            .build(manager)
            .map_err(|e| DbError::Other(format!("cannot connect to PostgreSQL: {e}")))?;
        Ok(PgBackend { pool: Some(pool) })
    }

    fn client(&self) -> Result<r2d2::PooledConnection<Manager>, DbError> {
        self.pool
            .as_ref()
            .expect("the pool lives until drop")
            .get()
            .map_err(|e| DbError::Busy(format!("no PostgreSQL connection available: {e}")))
    }

    /// Runs `f` outside a transaction, each statement on its own snapshot.
    /// A transaction would give the same: PostgreSQL's default isolation
    /// (read committed) takes a new snapshot for every statement inside one
    /// too, and SQLite's readers work statement by statement as well. So
    /// `BEGIN` and `ROLLBACK` would only add two round trips to every read
    /// (BENCHMARKS.md, "Dossier actions through HTTP").
    pub fn read<T>(&self, f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut pooled = self.client()?;
        f(&mut PgConn::read(&mut pooled))
    }

    /// Runs `f` in a transaction. Nothing is sent until `f`'s first
    /// statement, which carries the `BEGIN`; the writes `f` left queued
    /// ([`super::Deferred`]) go with the `COMMIT`.
    pub fn write<T>(&self, f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut pooled = self.client()?;
        let mut conn = PgConn::transaction(&mut pooled);
        let v = f(&mut conn)?;
        conn.commit()?;
        Ok(v)
    }
}

fn map_err(e: tokio_postgres::Error) -> DbError {
    if let Some(db) = e.source().and_then(|s| s.downcast_ref::<tokio_postgres::error::DbError>()) {
        let code = db.code().code();
        if code == "23505" {
            return DbError::Unique(db.constraint().unwrap_or_default().to_owned());
        }
        // Serialization failures and lock timeouts; and a server going
        // away (class 08 connection failures, 57P01-57P03 shut down or
        // starting): the request may be tried again, on a new connection.
        if code == "40001" || code == "40P01" || code == "55P03" || code.starts_with("08") || code.starts_with("57P") {
            return DbError::Busy(db.message().to_owned());
        }
        return DbError::Other(format!("{}: {}", db.code().code(), db.message()));
    }
    let io = e.source().is_some_and(|s| s.is::<std::io::Error>());
    if e.is_closed() || io {
        // The server went away (a restart, a failover): the request may be
        // tried again on a new connection, which the pool opens.
        return DbError::Busy(format!("the PostgreSQL connection was lost: {e}"));
    }
    DbError::Other(e.to_string())
}
