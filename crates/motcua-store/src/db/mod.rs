//! The database boundary: a connection trait both backends implement, and
//! the choice of backend from the database URL.
//!
//! Store code is written once against [`Conn`], in the SQL both databases
//! understand (`$1` placeholders, `INSERT .. ON CONFLICT .. DO UPDATE`,
//! `RETURNING`, no date functions: times are computed in Rust). What differs
//! per database lives in its backend module: connecting, placeholders, the
//! migrations and the mapping of constraint violations.

mod builder;
mod deferred;
mod migrate;
mod postgres;
mod sqlite;
mod value;

pub use builder::QueryBuilder;
pub use deferred::Deferred;
pub use value::{Row, TIME_FORMAT, Value};

use std::time::Duration;

/// A failure below the store: the database said no, or a row did not decode.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A unique constraint was violated; carries the constraint or index
    /// name when the database reports it.
    #[error("unique violation: {0}")]
    Unique(String),
    /// Another transaction holds the lock for longer than the busy timeout.
    #[error("database busy: {0}")]
    Busy(String),
    #[error("database error: {0}")]
    Other(String),
    #[error("cannot decode row: {0}")]
    Decode(String),
    #[error("bad database URL: {0}")]
    Url(String),
}

/// Which SQL dialect a connection speaks, for the few statements that must differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A connection (inside a transaction when used for a write).
pub trait Conn {
    fn dialect(&self) -> Dialect;
    /// Runs a statement; returns the number of rows changed.
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError>;
    /// Runs a query; returns all rows.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError>;
    /// Runs several statements without parameters (migrations).
    fn batch(&mut self, sql: &str) -> Result<(), DbError>;

    /// Runs writes whose results are not needed, in order ([`Deferred`]).
    /// One after another here; PostgreSQL sends them as one statement, in a
    /// transaction together with its next request or its `COMMIT`.
    fn execute_all(&mut self, writes: &[(String, Vec<Value>)]) -> Result<(), DbError> {
        for (sql, params) in writes {
            self.execute(sql, params)?;
        }
        Ok(())
    }

    /// Runs queries whose answers do not depend on one another; returns
    /// each one's rows, in order. One after another here; PostgreSQL sends
    /// them all before it reads the first answer (one round trip).
    fn query_all(&mut self, queries: &[(&str, &[Value])]) -> Result<Vec<Vec<Row>>, DbError> {
        queries.iter().map(|(sql, params)| self.query(sql, params)).collect()
    }

    /// The first row, if any.
    fn query_opt(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>, DbError> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// Exactly one row.
    fn query_one(&mut self, sql: &str, params: &[Value]) -> Result<Row, DbError> {
        self.query_opt(sql, params)?.ok_or_else(|| DbError::Other("query returned no row".into()))
    }
}

/// The database a store runs on, chosen once at start-up from the URL.
pub enum Backend {
    Sqlite(Box<sqlite::SqliteBackend>),
    Postgres(postgres::PgBackend),
}

impl Backend {
    /// `sqlite://path.db`, `sqlite::memory:` or `postgres://...`.
    pub fn connect(url: &str) -> Result<Backend, DbError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres(postgres::PgBackend::connect(url)?))
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            Ok(Backend::Sqlite(Box::new(sqlite::SqliteBackend::open(path)?)))
        } else if url == "sqlite::memory:" {
            Ok(Backend::Sqlite(Box::new(sqlite::SqliteBackend::open(":memory:")?)))
        } else {
            Err(DbError::Url("expected sqlite://FILE, sqlite::memory: or postgres://USER@HOST/DB".into()))
        }
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Backend::Sqlite(_) => Dialect::Sqlite,
            Backend::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Runs `f` on a connection for reading, outside a transaction: each
    /// statement sees what was committed when it started. A read that needs
    /// several statements to agree must be one statement, or a write.
    pub fn read<T>(
        &self,
        f: impl FnOnce(&mut dyn Conn) -> Result<T, crate::StoreError>,
    ) -> Result<T, crate::StoreError> {
        match self {
            Backend::Sqlite(b) => b.read(f),
            Backend::Postgres(b) => b.read(f),
        }
    }

    /// Runs `f` in one transaction: committed when `f` returns `Ok`, rolled
    /// back otherwise, so an action is never half-written.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut dyn Conn) -> Result<T, crate::StoreError>,
    ) -> Result<T, crate::StoreError> {
        match self {
            Backend::Sqlite(b) => b.write(f),
            Backend::Postgres(b) => b.write(f),
        }
    }

    /// Applies the migrations this database has not seen yet.
    pub fn migrate(&self) -> Result<Vec<String>, crate::StoreError> {
        let dialect = self.dialect();
        self.write(|c| migrate::run(c, dialect))
    }
}

/// How long a connection waits for a lock or a pooled connection.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
