//! What the database boundary promises on both databases, whatever a
//! backend does to save round trips (PostgreSQL holds `BEGIN` back and sends
//! queued writes with the `COMMIT`, `db/postgres/conn.rs`): a write is
//! kept whole or not at all, queued writes included, and reports the error
//! of the statement that failed; a failed or panicking write leaves its
//! connection clean for the next one; and on PostgreSQL a connection the
//! server dropped is replaced by the pool without anyone's help.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

use motcua_store::db::{Backend, Conn, DbError, Deferred};
use motcua_store::{StoreError, params, testing};

/// The backends to try, each on a fresh database with one table.
fn backends(test: &str) -> Vec<(&'static str, Backend)> {
    let mut all = vec![("sqlite", Backend::connect(&testing::sqlite_url()).expect("sqlite"))];
    if let Some(url) = testing::postgres_url(test) {
        all.push(("postgres", Backend::connect(&url).expect("postgres")));
    }
    for (_, b) in &all {
        b.write(|c| Ok(c.batch("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT NOT NULL)")?)).expect("table");
    }
    all
}

fn insert(c: &mut dyn Conn, id: i64) -> Result<(), DbError> {
    c.execute("INSERT INTO t (id, v) VALUES ($1, $2)", params![id, "x"]).map(drop)
}

fn ids(b: &Backend) -> Vec<i64> {
    b.read(|c| {
        let rows = c.query("SELECT id FROM t ORDER BY id", &[])?;
        Ok(rows.iter().map(|r| r.i64(0)).collect::<Result<Vec<_>, _>>()?)
    })
    .expect("ids")
}

#[test]
fn a_failed_queued_write_undoes_the_whole_transaction_and_reports_its_own_error() {
    for (name, b) in backends("a_failed_queued_write_undoes_the_whole_transaction") {
        b.write(|c| Ok(insert(c, 1)?)).expect("first row");
        let result = b.write(|c| {
            insert(c, 2)?;
            let mut w = Deferred::new(c);
            insert(&mut w, 3)?;
            insert(&mut w, 1)?; // taken
            w.flush()?;
            Ok(())
        });
        assert!(matches!(result, Err(StoreError::Db(DbError::Unique(_)))), "{name}: {result:?}");
        assert_eq!(ids(&b), [1], "{name}: nothing of the failed write is kept");
        // The connection is usable again, outside the failed transaction.
        b.write(|c| Ok(insert(c, 4)?)).expect("after the failure");
        assert_eq!(ids(&b), [1, 4], "{name}");
    }
}

#[test]
fn queued_writes_are_committed_and_seen_by_the_transactions_own_reads() {
    for (name, b) in backends("queued_writes_are_committed_and_seen") {
        // Nothing but queued writes: they go with the commit.
        b.write(|c| {
            let mut w = Deferred::new(c);
            insert(&mut w, 1)?;
            insert(&mut w, 2)?;
            Ok(w.flush()?)
        })
        .expect("queued only");
        assert_eq!(ids(&b), [1, 2], "{name}");
        // A read inside the transaction sees what was queued before it.
        let seen = b
            .write(|c| {
                let mut w = Deferred::new(c);
                insert(&mut w, 3)?;
                let n = w.query_one("SELECT count(*) FROM t WHERE id = $1", params![3_i64])?.i64(0)?;
                w.flush()?;
                Ok(n)
            })
            .expect("read after queue");
        assert_eq!(seen, 1, "{name}");
        // A write that sends nothing commits nothing and fails nothing.
        b.write(|_| Ok(())).expect("empty write");
        assert_eq!(ids(&b), [1, 2, 3], "{name}");
    }
}

#[test]
fn a_panicking_write_leaves_nothing_behind_on_its_connection() {
    for (name, b) in backends("a_panicking_write_leaves_nothing_behind") {
        let panicked = catch_unwind(AssertUnwindSafe(|| {
            let _ = b.write(|c| -> Result<(), StoreError> {
                insert(c, 1)?;
                panic!("the closure fails halfway");
            });
        }));
        assert!(panicked.is_err(), "{name}");
        // The pool hands out the connection it got back last; had the
        // transaction stayed open on it, this commit would keep row 1 too.
        b.write(|c| Ok(insert(c, 2)?)).expect("after the panic");
        assert_eq!(ids(&b), [2], "{name}");
    }
}

/// Kills every server process serving `url`'s database but the caller's.
fn drop_connections(url: &str) {
    let mut admin = postgres::Client::connect(url, postgres::NoTls).expect("admin connection");
    admin
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
            &[],
        )
        .expect("terminate");
}

#[test]
fn postgresql_connections_dropped_by_the_server_are_replaced() {
    let Some(url) = testing::postgres_url("postgresql_connections_dropped_by_the_server_are_replaced") else {
        return;
    };
    let b = Backend::connect(&url).expect("postgres");
    b.write(|c| Ok(c.batch("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT NOT NULL)")?)).expect("table");
    b.write(|c| Ok(insert(c, 1)?)).expect("row");

    // A connection idle for longer than the ping window is checked on the
    // way out of the pool, so the first request after a restart succeeds.
    drop_connections(&url);
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(ids(&b), [1]);

    // One used a moment ago is not checked: its request fails as "busy"
    // (503, to be tried again), never as an internal error, and the pool
    // opens a new connection for the next.
    drop_connections(&url);
    let mut failures = 0;
    let written = loop {
        match b.write(|c| Ok(insert(c, 2)?)) {
            Ok(()) => break true,
            Err(StoreError::Db(DbError::Busy(_))) if failures < 16 => failures += 1,
            Err(e) => panic!("after {failures} busy answers: {e:?}"),
        }
    };
    // Each dead connection fails once and is dropped by the pool; there are
    // at most the few the pool kept idle.
    assert!(written, "{failures}");
    assert_eq!(ids(&b), [1, 2]);
}

#[test]
fn queries_sent_together_answer_in_order_and_see_the_writes_before_them() {
    for (name, b) in backends("queries_sent_together_answer_in_order") {
        let answers = b
            .write(|c| {
                let mut w = Deferred::new(c);
                insert(&mut w, 1)?;
                insert(&mut w, 2)?;
                let answers = w.query_all(&[
                    ("SELECT id FROM t WHERE id >= $1 ORDER BY id", params![2_i64]),
                    ("SELECT count(*) FROM t", &[]),
                    ("SELECT id FROM t WHERE id > $1", params![5_i64]),
                ])?;
                w.flush()?;
                Ok(answers)
            })
            .expect("query_all");
        let firsts: Vec<Vec<i64>> =
            answers.iter().map(|rows| rows.iter().map(|r| r.i64(0).expect("i64")).collect()).collect();
        assert_eq!(firsts, [vec![2], vec![2], vec![]], "{name}");
    }
}
