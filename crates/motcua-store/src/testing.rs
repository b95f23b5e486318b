//! Test support: a fresh, empty database per test, on either backend.
//!
//! Test suites run on SQLite always, and on PostgreSQL when
//! `MOTCUA_TEST_POSTGRES_URL` names a server (`.ci/run` sets it); each test
//! gets its own database there, created from that URL and dropped by nobody
//! (they are cheap, and `.ci/run` starts from a clean cluster state).

use std::sync::atomic::{AtomicU64, Ordering};

use crate::{FILE_TABLES, Store, StoreError, params};

/// The environment variable naming the PostgreSQL server for tests.
pub const POSTGRES_ENV: &str = "MOTCUA_TEST_POSTGRES_URL";

/// A URL for a new private in-memory SQLite database.
pub fn sqlite_url() -> String {
    "sqlite::memory:".into()
}

/// A URL for a new empty PostgreSQL database, or `None` (with a note on
/// stderr) when `MOTCUA_TEST_POSTGRES_URL` is not set.
pub fn postgres_url(test: &str) -> Option<String> {
    let Ok(base) = std::env::var(POSTGRES_ENV) else {
        // Written to the stderr handle, not with `eprintln!`: the test
        // harness captures the macro's output of passing tests, and a skip
        // must be seen.
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "SKIPPED on PostgreSQL: {test} ({POSTGRES_ENV} is not set)");
        return None;
    };
    static N: AtomicU64 = AtomicU64::new(0);
    let name = format!(
        "motcua_t_{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0)
    );
    let base_for_thread = base.clone();
    let name_for_thread = name.clone();
    // The sync client runs its own runtime: keep it off the test's runtime.
    std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&base_for_thread, postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to {POSTGRES_ENV}: {e}"));
        client.batch_execute(&format!("CREATE DATABASE {name_for_thread}")).expect("create test database");
    })
    .join()
    .expect("create test database");
    Some(with_database(&base, &name))
}

/// Puts `data` back into the `data` column of row `id` of `table` (one of
/// [`FILE_TABLES`]), as rows written before migration 0023 hold their
/// bytes: for testing `motcua files move` and the readers' fallback.
pub async fn set_bytes_in_row(store: &Store, table: &str, id: i64, data: Option<Vec<u8>>) -> Result<(), StoreError> {
    let table = file_table(table);
    store
        .blocking(move |s| {
            s.write(|c| {
                let sql = format!("UPDATE {table} SET data = $1 WHERE id = $2");
                c.execute(&sql, params![data, id])?;
                Ok(())
            })
        })
        .await
}

/// The bytes row `id` of `table` still holds (`None`: moved out).
pub async fn bytes_in_row(store: &Store, table: &str, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
    let table = file_table(table);
    store
        .blocking(move |s| {
            s.read(|c| {
                let mut row = c.query_one(&format!("SELECT data FROM {table} WHERE id = $1"), params![id])?;
                Ok(row.take_opt_bytes(0)?)
            })
        })
        .await
}

fn file_table(table: &str) -> &'static str {
    FILE_TABLES.into_iter().find(|t| *t == table).unwrap_or_else(|| panic!("{table} is not a file table"))
}

/// `postgres://u@h:5432/db?x` with the database replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (main, query) = match url.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (url, None),
    };
    let scheme_end = main.find("://").map_or(0, |i| i + 3);
    let base = match main[scheme_end..].find('/') {
        Some(i) => &main[..scheme_end + i],
        None => main,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_the_database_name() {
        assert_eq!(super::with_database("postgres://u@h:5432/test", "x"), "postgres://u@h:5432/x");
        assert_eq!(
            super::with_database("postgres://u@h/test?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
        assert_eq!(super::with_database("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
