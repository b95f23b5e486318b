//! A pooled connection seen through [`Conn`], sending what it can in one
//! flight.
//!
//! `tokio-postgres` writes a request to the socket when its future is first
//! polled and reads the answers in order, so requests polled together
//! travel together and cost one round trip (its documentation calls this
//! pipelining). A write uses it twice: `BEGIN` is held back and goes with
//! the transaction's first statement, and the writes queued through
//! [`Conn::execute_all`] wait for the next statement or for the `COMMIT`.
//! A dossier action (`ops::dossiers::act_in`) thus costs two round trips
//! where it cost five: `BEGIN` with the read of the dossier, and all its
//! writes with the `COMMIT` (BENCHMARKS.md, "Dossier actions through HTTP").
//!
//! The answers are checked in the order the requests were sent, so a
//! failed queued write reports its own error, not the "transaction is
//! aborted" of the statement behind it; a `COMMIT` behind a failed
//! statement is a rollback in PostgreSQL, so nothing half-done is kept.

use std::future::Future;

use tokio_postgres::{Client, Statement};

use super::super::deferred::{Write, combine};
use super::super::{Conn, DbError, Dialect, Row, Value};
use super::types::{decode, refs};
use super::{PgClient, map_err};

pub(super) struct PgConn<'a> {
    pg: &'a mut PgClient,
    /// `BEGIN` is still to be sent, with the next request.
    begin: bool,
    /// `BEGIN` was sent and neither `COMMIT` nor `ROLLBACK` yet.
    open: bool,
    /// Queued writes, sent with the next request (a write transaction
    /// only; a read sends them at once).
    queued: Vec<Write>,
}

impl<'a> PgConn<'a> {
    /// Statements on their own, each committed by itself.
    pub(super) fn read(pg: &'a mut PgClient) -> PgConn<'a> {
        PgConn { pg, begin: false, open: false, queued: Vec::new() }
    }

    /// A transaction that begins with the first request.
    pub(super) fn transaction(pg: &'a mut PgClient) -> PgConn<'a> {
        PgConn { pg, begin: true, open: false, queued: Vec::new() }
    }

    /// Sends the queued writes and `COMMIT` together. A transaction that
    /// sent nothing has nothing to commit.
    pub(super) fn commit(mut self) -> Result<(), DbError> {
        if self.begin && self.queued.is_empty() {
            return Ok(());
        }
        let result = self.send(|client| client.batch_execute("COMMIT"));
        // Committed, or rolled back by the server after an error: over
        // either way (`Drop` has nothing left to do).
        self.open = false;
        result
    }

    fn prepared(&mut self, sql: &str) -> Result<Statement, DbError> {
        if let Some(stmt) = self.pg.statements.get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = self.pg.rt.block_on(self.pg.client.prepare(sql)).map_err(map_err)?;
        self.pg.statements.insert(sql.to_owned(), stmt.clone());
        Ok(stmt)
    }

    /// Sends the held-back `BEGIN`, the queued writes and the request
    /// `last` makes, in one flight, and returns `last`'s answer.
    fn send<'c, R, F>(&'c mut self, last: impl FnOnce(&'c Client) -> F) -> Result<R, DbError>
    where
        F: Future<Output = Result<R, tokio_postgres::Error>> + 'c,
    {
        let mut writes = std::mem::take(&mut self.queued);
        let (sql, params) = match writes.len() {
            0 | 1 => writes.pop().unzip(),
            _ => {
                let (sql, params) = combine(&writes);
                (Some(sql), Some(params))
            }
        };
        // Prepared before `BEGIN` is marked sent: a failed prepare sends
        // nothing, and the `BEGIN` still waits for the next request.
        let queued = match (sql, params) {
            (Some(sql), Some(params)) => Some((self.prepared(&sql)?, params)),
            _ => None,
        };
        let begin = std::mem::take(&mut self.begin);
        self.open |= begin;
        let PgClient { rt, client, .. } = &*self.pg;
        let writes_params = queued.as_ref().map(|(_, params)| refs(params));
        let flight = async {
            let begin = async { if begin { client.batch_execute("BEGIN").await } else { Ok(()) } };
            let writes = async {
                match (&queued, &writes_params) {
                    (Some((stmt, _)), Some(params)) => client.execute(stmt, params).await.map(drop),
                    _ => Ok(()),
                }
            };
            // Polled in this order, so sent in this order.
            let (begun, written, answer) = tokio::join!(begin, writes, last(client));
            begun?;
            written?;
            answer
        };
        rt.block_on(flight).map_err(map_err)
    }
}

impl Drop for PgConn<'_> {
    /// A transaction left open (its closure failed, or panicked) is rolled
    /// back here, so the connection goes back to the pool clean.
    fn drop(&mut self) {
        if self.open {
            let _ = self.pg.rt.block_on(self.pg.client.batch_execute("ROLLBACK"));
        }
    }
}

impl Conn for PgConn<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        let stmt = self.prepared(sql)?;
        let params = refs(params);
        self.send(|client| client.execute(&stmt, &params))
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        let stmt = self.prepared(sql)?;
        let params = refs(params);
        let rows = self.send(|client| client.query(&stmt, &params))?;
        rows.iter().map(decode).collect()
    }

    fn query_all(&mut self, queries: &[(&str, &[Value])]) -> Result<Vec<Vec<Row>>, DbError> {
        let statements = queries.iter().map(|(sql, _)| self.prepared(sql)).collect::<Result<Vec<_>, _>>()?;
        let params: Vec<_> = queries.iter().map(|(_, params)| refs(params)).collect();
        let answers = self.send(|client| {
            // Polled in order on the first poll, so all sent at once.
            futures::future::try_join_all(statements.iter().zip(&params).map(|(stmt, p)| client.query(stmt, p)))
        })?;
        answers.iter().map(|rows| rows.iter().map(decode).collect()).collect()
    }

    fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        // Schema changes invalidate prepared statements' plans.
        let result = self.send(|client| client.batch_execute(sql));
        self.pg.statements.clear();
        result
    }

    /// Queued for the next request in a transaction; sent at once, as one
    /// statement (`deferred::combine`), outside one.
    fn execute_all(&mut self, writes: &[Write]) -> Result<(), DbError> {
        self.queued.extend_from_slice(writes);
        // In a transaction until it ends: `BEGIN` waiting, or sent.
        let in_transaction = self.begin || self.open;
        if in_transaction || self.queued.is_empty() {
            return Ok(());
        }
        self.send(|_| std::future::ready(Ok(())))
    }
}
