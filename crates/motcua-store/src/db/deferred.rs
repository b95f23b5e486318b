//! Writes whose results nobody reads (history rows, step visits, search
//! keys, statistics counters), collected and sent together at the end of
//! an action: on PostgreSQL as **one** statement, each write a
//! data-modifying `WITH` part, which saves a network round trip per write
//! (issue 10: an action writes more rows than it used to, and PostgreSQL
//! pays per statement), and in the same flight as the transaction's
//! `COMMIT` (`db/postgres/conn.rs`); on SQLite one after another, as before
//! (an in-process call has no round trip to save).
//!
//! So on PostgreSQL an error of a queued write (a unique violation, say)
//! may only be reported when the transaction commits: code after
//! [`Deferred::flush`] must not act on the writes having succeeded, and
//! nothing in a write transaction acts outside the database anyway.
//!
//! [`Deferred`] is a [`Conn`]: the store's functions write through it
//! unchanged. Its `execute` only queues, so it must only carry writes whose
//! changed-row count is not looked at; a `query` sends the queue first, so
//! reads still see every earlier write.

use super::{Conn, DbError, Dialect, Row, Value};

/// One queued write.
pub type Write = (String, Vec<Value>);

pub struct Deferred<'a> {
    inner: &'a mut dyn Conn,
    pending: Vec<Write>,
}

impl<'a> Deferred<'a> {
    pub fn new(inner: &'a mut dyn Conn) -> Deferred<'a> {
        Deferred { inner, pending: Vec::new() }
    }

    /// Sends the queued writes.
    pub fn flush(&mut self) -> Result<(), DbError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let writes = std::mem::take(&mut self.pending);
        self.inner.execute_all(&writes)
    }
}

impl Conn for Deferred<'_> {
    fn dialect(&self) -> Dialect {
        self.inner.dialect()
    }

    /// Queues the write; the count it returns is 0, not the rows changed.
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        self.pending.push((sql.to_owned(), params.to_vec()));
        Ok(0)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        self.flush()?;
        self.inner.query(sql, params)
    }

    fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        self.flush()?;
        self.inner.batch(sql)
    }
}

/// `writes` as one PostgreSQL statement: all but the last become `WITH`
/// parts (`w0 AS (…)`), the last is the main statement, and each one's
/// `$n` placeholders are renumbered after the previous ones'. PostgreSQL
/// runs the parts on one snapshot; they must not change the same row twice
/// (the store's deferred writes touch different rows or tables).
pub fn combine(writes: &[Write]) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut args = Vec::new();
    let last = writes.len().saturating_sub(1);
    for (i, (stmt, params)) in writes.iter().enumerate() {
        let shifted = shift_placeholders(stmt, args.len());
        if i < last {
            sql.push_str(if i == 0 { "WITH " } else { ", " });
            sql.push_str(&format!("w{i} AS ({shifted})"));
        } else {
            if i > 0 {
                sql.push(' ');
            }
            sql.push_str(&shifted);
        }
        args.extend(params.iter().cloned());
    }
    (sql, args)
}

/// `$1`, `$2` … of `sql` as `$(1+by)` …; the store's SQL has no `$` in
/// its literals.
fn shift_placeholders(sql: &str, by: usize) -> String {
    if by == 0 {
        return sql.to_owned();
    }
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            let mut n = 0usize;
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                n = n * 10 + d as usize;
                chars.next();
            }
            out.push_str(&format!("${}", n + by));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_combine_into_one_statement_with_renumbered_placeholders() {
        let writes = vec![
            ("INSERT INTO a (x, y) VALUES ($1, $2)".to_owned(), vec![Value::I64(1), Value::I64(2)]),
            ("UPDATE b SET z = $1 WHERE id = $2".to_owned(), vec![Value::I64(3), Value::I64(4)]),
            ("INSERT INTO c (v) VALUES ($1), ($2), ($3) ON CONFLICT DO NOTHING".to_owned(), vec![Value::I64(5); 3]),
        ];
        let (sql, args) = combine(&writes);
        assert_eq!(
            sql,
            "WITH w0 AS (INSERT INTO a (x, y) VALUES ($1, $2)), w1 AS (UPDATE b SET z = $3 WHERE id = $4) \
             INSERT INTO c (v) VALUES ($5), ($6), ($7) ON CONFLICT DO NOTHING"
        );
        assert_eq!(args.len(), 7);
        let (one, _) = combine(&writes[..1]);
        assert_eq!(one, writes[0].0);
        assert_eq!(shift_placeholders("a = $12 AND b = $3", 10), "a = $22 AND b = $13");
    }
}
