//! Gap-free numbers: receipts, electronic results, dossier codes and the
//! registers of official documents each take the next number of a
//! counter row inside the transaction that uses it. The upsert creates the
//! row at 1 or adds 1 to it and holds the row's lock until commit
//! (PostgreSQL), or runs inside the one writer (SQLite), so two
//! transactions never get the same number, and a rolled-back one gives its
//! number back: the numbers have no gaps and none is used twice. A new key
//! (a new year, a new day) starts again at 1.

use crate::StoreError;
use crate::db::{Conn, Value};

/// The next number of the counter in `table` (column `counter`) whose key
/// columns have the given values.
pub(crate) fn next(
    c: &mut dyn Conn,
    table: &'static str,
    counter: &'static str,
    keys: &[(&'static str, Value)],
) -> Result<i64, StoreError> {
    let names: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
    let marks: Vec<String> = (1..=keys.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({cols}, {counter}) VALUES ({marks}, 1) \
         ON CONFLICT ({cols}) DO UPDATE SET {counter} = {table}.{counter} + 1 RETURNING {counter}",
        cols = names.join(", "),
        marks = marks.join(", "),
    );
    let values: Vec<Value> = keys.iter().map(|(_, v)| v.clone()).collect();
    Ok(c.query_one(&sql, &values)?.i64(0)?)
}
