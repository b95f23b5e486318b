//! The PostgreSQL backend, for production, selected by a `postgres://` URL.
//!
//! Uses the synchronous `postgres` client from a pool; the store runs every
//! call on tokio's blocking threads, as it does for SQLite, so both backends
//! share one store implementation.

use std::error::Error as _;

use std::collections::HashMap;

use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, GenericClient, NoTls, Statement};

use super::{BUSY_TIMEOUT, Conn, DbError, Dialect, Row, Value};
use crate::StoreError;

/// Connections kept by the pool.
const POOL_SIZE: u32 = 16;
/// Connections opened at start and kept open when idle.
const MIN_IDLE: u32 = 2;

pub struct PgBackend {
    /// Always `Some` until dropped; see the `Drop` impl.
    pool: Option<r2d2::Pool<Manager>>,
}

impl Drop for PgBackend {
    /// The sync client's connections shut down by blocking on their own
    /// runtime, which panics on a thread that drives an async runtime; so
    /// the pool is dropped on a plain thread of its own.
    fn drop(&mut self) {
        if let Some(pool) = self.pool.take() {
            let _ = std::thread::spawn(move || drop(pool)).join();
        }
    }
}

/// A pooled client with its prepared statements, so a query is parsed
/// once per connection rather than on every call.
pub struct PgClient {
    client: Client,
    statements: HashMap<String, Statement>,
}

pub struct Manager {
    config: postgres::Config,
}

impl r2d2::ManageConnection for Manager {
    type Connection = PgClient;
    type Error = postgres::Error;

    fn connect(&self) -> Result<PgClient, postgres::Error> {
        Ok(PgClient { client: self.config.connect(NoTls)?, statements: HashMap::new() })
    }

    fn is_valid(&self, conn: &mut PgClient) -> Result<(), postgres::Error> {
        conn.client.simple_query("").map(|_| ())
    }

    fn has_broken(&self, conn: &mut PgClient) -> bool {
        conn.client.is_closed()
    }
}

impl PgBackend {
    pub fn connect(url: &str) -> Result<Self, DbError> {
        let config: postgres::Config = url.parse().map_err(|e| DbError::Url(format!("{e}")))?;
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
        let PgClient { client, statements } = &mut *pooled;
        f(&mut PgConn { client, statements })
    }

    pub fn write<T>(&self, f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut pooled = self.client()?;
        let PgClient { client, statements } = &mut *pooled;
        let mut tx = client.transaction().map_err(map_err)?;
        match f(&mut PgConn { client: &mut tx, statements }) {
            Ok(v) => {
                tx.commit().map_err(map_err)?;
                Ok(v)
            }
            Err(e) => {
                let _ = tx.rollback();
                Err(e)
            }
        }
    }
}

fn map_err(e: postgres::Error) -> DbError {
    if let Some(db) = e.source().and_then(|s| s.downcast_ref::<postgres::error::DbError>()) {
        let code = db.code().code();
        if code == "23505" {
            return DbError::Unique(db.constraint().unwrap_or_default().to_owned());
        }
        if code == "40001" || code == "40P01" || code == "55P03" {
            return DbError::Busy(db.message().to_owned());
        }
        return DbError::Other(format!("{}: {}", db.code().code(), db.message()));
    }
    DbError::Other(e.to_string())
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::I64(v) => match *ty {
                Type::INT2 => i16::try_from(*v)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(*v)?.to_sql(ty, out),
                Type::FLOAT8 => (*v as f64).to_sql(ty, out),
                Type::BOOL => (*v != 0).to_sql(ty, out),
                _ => v.to_sql(ty, out),
            },
            Value::F64(v) => v.to_sql(ty, out),
            Value::Bool(b) => b.to_sql(ty, out),
            Value::Text(s) => s.to_sql(ty, out),
            Value::Time(t) => t.to_sql(ty, out),
            Value::Date(d) => d.to_sql(ty, out),
            Value::Bytes(b) => b.as_slice().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        // The variant decides; a mismatch is reported by `to_sql`.
        true
    }

    to_sql_checked!();
}

fn decode(row: &postgres::Row) -> Result<Row, DbError> {
    let mut vals = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let bad = |e: postgres::Error| DbError::Decode(format!("column {}: {e}", col.name()));
        let v = match *col.type_() {
            Type::INT8 => row.try_get::<_, Option<i64>>(i).map_err(bad)?.map(Value::I64),
            Type::INT4 => row.try_get::<_, Option<i32>>(i).map_err(bad)?.map(|v| Value::I64(v.into())),
            Type::INT2 => row.try_get::<_, Option<i16>>(i).map_err(bad)?.map(|v| Value::I64(v.into())),
            Type::FLOAT8 => row.try_get::<_, Option<f64>>(i).map_err(bad)?.map(Value::F64),
            Type::FLOAT4 => row.try_get::<_, Option<f32>>(i).map_err(bad)?.map(|v| Value::F64(v.into())),
            Type::BOOL => row.try_get::<_, Option<bool>>(i).map_err(bad)?.map(Value::Bool),
            Type::TIMESTAMP => row.try_get::<_, Option<chrono::NaiveDateTime>>(i).map_err(bad)?.map(Value::Time),
            Type::DATE => row.try_get::<_, Option<chrono::NaiveDate>>(i).map_err(bad)?.map(Value::Date),
            Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(i).map_err(bad)?.map(Value::Bytes),
            _ => row.try_get::<_, Option<String>>(i).map_err(bad)?.map(Value::Text),
        };
        vals.push(v.unwrap_or(Value::Null));
    }
    Ok(Row(vals))
}

fn refs(params: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

/// A pooled connection for a read (the client itself) or a write (its
/// transaction), with the connection's prepared statements.
struct PgConn<'a, C: GenericClient> {
    client: &'a mut C,
    statements: &'a mut HashMap<String, Statement>,
}

impl<C: GenericClient> PgConn<'_, C> {
    fn prepared(&mut self, sql: &str) -> Result<Statement, DbError> {
        if let Some(stmt) = self.statements.get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = self.client.prepare(sql).map_err(map_err)?;
        self.statements.insert(sql.to_owned(), stmt.clone());
        Ok(stmt)
    }
}

impl<C: GenericClient> Conn for PgConn<'_, C> {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        let stmt = self.prepared(sql)?;
        self.client.execute(&stmt, &refs(params)).map_err(map_err)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        let stmt = self.prepared(sql)?;
        let rows = self.client.query(&stmt, &refs(params)).map_err(map_err)?;
        rows.iter().map(decode).collect()
    }

    fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        // Schema changes invalidate prepared statements' plans.
        self.statements.clear();
        self.client.batch_execute(sql).map_err(map_err)
    }

    /// One round trip for all of them (`deferred::combine`).
    fn execute_all(&mut self, writes: &[(String, Vec<Value>)]) -> Result<(), DbError> {
        match writes {
            [] => Ok(()),
            [(sql, params)] => self.execute(sql, params).map(drop),
            many => {
                let (sql, params) = super::deferred::combine(many);
                self.execute(&sql, &params).map(drop)
            }
        }
    }
}
