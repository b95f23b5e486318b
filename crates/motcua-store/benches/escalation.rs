//! The escalation scheduler's round over a large generated database, with
//! its baselines measured in the same run.
//!
//! ```text
//! cargo run --release -p motcua -- demo --db sqlite://target/bench-1m.db --dossiers 0
//! cargo run --release -p motcua -- generate-dossiers --db sqlite://target/bench-1m.db --count 1000000
//! MOTCUA_BENCH_DB=sqlite://target/bench-1m.db cargo bench -p motcua-store --bench escalation
//! ```
//!
//! The database is changed (escalation marks, due moments of 1,000 steps):
//! use one made for benchmarks. Phases, each a real round
//! (`Store::escalation_round`, what the server's job runs), at the next
//! working day 10:00 on the database's calendar:
//! 1. steady state, every running step already escalated: the round with
//!    no dossier newly near due (the baseline);
//! 2. 1,000 steps newly within the default warning: the officer's level
//!    written for each (up to 100 steps per transaction);
//! 3. the same again: nothing new (back to the baseline's cost);
//! 4. those 1,000 now overdue: the leader's level for each;
//! 6. another 1,000 steps newly within the warning, written one
//!    transaction per step (`Store::escalate`, the way rounds wrote before
//!    the batches): the baseline for phase 2.
//!
//! It also times the query a scheduler without the "done" mark would run
//! each round (every running step due by the horizon, escalated or not)
//! and an inbox page of the same database, for scale.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDateTime, NaiveTime};
use motcua_rules::calendar::{WorkCalendar, vietnam_default_config};
use motcua_rules::codes::DossierCodeFormat;
use motcua_rules::escalation::Level;
use motcua_store::db::{Backend, Value};
use motcua_store::{InboxQuery, Store};

const STEPS: i64 = 1000;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

// The database's own client is synchronous (PostgreSQL's runs its own
// runtime): every direct query goes to a blocking thread, as the store's do.
async fn exec(backend: &Arc<Backend>, sql: &str, args: &[Value]) {
    let (b, sql, args) = (backend.clone(), sql.to_owned(), args.to_vec());
    tokio::task::spawn_blocking(move || b.write(|c| c.execute(&sql, &args).map_err(Into::into)).unwrap())
        .await
        .unwrap();
}

async fn count(backend: &Arc<Backend>, sql: &str, args: &[Value]) -> i64 {
    let (b, sql, args) = (backend.clone(), sql.to_owned(), args.to_vec());
    tokio::task::spawn_blocking(move || b.read(|c| Ok(c.query_one(&sql, &args)?.i64(0)?)).unwrap()).await.unwrap()
}

async fn ids(backend: &Arc<Backend>, sql: &str, args: &[Value]) -> Vec<i64> {
    let (b, sql, args) = (backend.clone(), sql.to_owned(), args.to_vec());
    tokio::task::spawn_blocking(move || {
        b.read(|c| Ok(c.query(&sql, &args)?.iter().map(|r| r.i64(0).unwrap()).collect())).unwrap()
    })
    .await
    .unwrap()
}

/// Runs a round at `now` (three times when it writes nothing): the best
/// time and the report of the first.
async fn round(store: &Store, calendar: &WorkCalendar, now: NaiveDateTime, label: &str) -> Duration {
    let started = Instant::now();
    let report = store.escalation_round(calendar, now).await.unwrap();
    let first = started.elapsed();
    let mut best = first;
    if report.escalated() == 0 {
        for _ in 0..2 {
            let started = Instant::now();
            store.escalation_round(calendar, now).await.unwrap();
            best = best.min(started.elapsed());
        }
    }
    println!(
        "| {label} | {} | {} | {} |",
        report.looked_at,
        report.escalated(),
        if report.escalated() == 0 { format!("{} (best of 3)", ms(best)) } else { ms(first) }
    );
    best
}

fn main() {
    let Ok(url) = std::env::var("MOTCUA_BENCH_DB") else {
        println!(
            "escalation bench: set MOTCUA_BENCH_DB to a database made with `motcua generate-dossiers` (see the file's doc)"
        );
        return;
    };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let store = Store::open(&url, DossierCodeFormat::Circular01).expect("open");
        store.migrate().await.expect("migrate");
        let u = url.clone();
        let backend = Arc::new(tokio::task::spawn_blocking(move || Backend::connect(&u).unwrap()).await.unwrap());
        // The calendar as the server builds it, and the next working day
        // after today (not a Friday, so two hours ahead stay within it), 10:00.
        let stored = store.calendar().await.unwrap();
        let today = chrono::Local::now().naive_local().date();
        let calendar = WorkCalendar::with_proposals(
            stored.config.unwrap_or_else(vietnam_default_config),
            stored.years,
            today.year() + 2,
        )
        .unwrap();
        let day = (1..15)
            .map(|n| today + chrono::Duration::days(n))
            .find(|d| calendar.is_working_day(*d).unwrap_or(false) && d.weekday() != chrono::Weekday::Fri)
            .expect("a working day");
        let now: NaiveDateTime = day.and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap());

        let total = count(&backend, "SELECT COUNT(*) FROM dossiers", &[]).await;
        let open = count(&backend, "SELECT COUNT(*) FROM dossiers WHERE status IN (1, 2, 4, 5, 6, 9)", &[]).await;
        let running = count(&backend, "SELECT COUNT(*) FROM dossiers WHERE status IN (4, 6) AND step_due_at IS NOT NULL", &[]).await;
        println!("escalation bench on {url} at {now}: {total} dossiers, {open} open, {running} at a step with a due moment");
        println!();
        println!("| Round | Steps read | Levels written | Time |");
        println!("|---|---|---|---|");

        // 1. Steady state: everything escalated already.
        exec(&backend, "UPDATE dossier_steps SET escalated = 9 WHERE ended_at IS NULL", &[]).await;
        exec(&backend, "DELETE FROM escalations", &[]).await;
        round(&store, &calendar, now, "1. steady state, nothing new (baseline)").await;

        // 2. 1,000 steps newly due in two hours (within the default 4 working hours).
        let pick = "SELECT id FROM dossiers WHERE status IN (4, 6) AND step_due_at IS NOT NULL ORDER BY id LIMIT $1";
        let first: Vec<i64> = ids(&backend, pick, &[Value::from(STEPS)]).await;
        let (lo, hi) = (*first.first().unwrap(), *first.last().unwrap());
        let soon = now + chrono::Duration::hours(2);
        exec(
            &backend,
            "UPDATE dossiers SET step_due_at = $1 WHERE id >= $2 AND id <= $3 AND status IN (4, 6) \
             AND step_due_at IS NOT NULL",
            &[soon.into(), lo.into(), hi.into()],
        ).await;
        exec(
            &backend,
            "UPDATE dossier_steps SET escalated = 0, due_at = $1 WHERE dossier_id >= $2 AND dossier_id <= $3 \
             AND ended_at IS NULL AND due_at IS NOT NULL \
             AND dossier_id IN (SELECT id FROM dossiers WHERE status IN (4, 6))",
            &[soon.into(), lo.into(), hi.into()],
        ).await;
        round(&store, &calendar, now, "2. 1,000 steps newly within the warning").await;
        round(&store, &calendar, now, "3. the same again, nothing new").await;

        // 4. Those steps overdue now: the leader's level.
        let past = now - chrono::Duration::hours(1);
        exec(
            &backend,
            "UPDATE dossier_steps SET due_at = $1 WHERE dossier_id >= $2 AND dossier_id <= $3 AND ended_at IS NULL \
             AND escalated = 1",
            &[past.into(), lo.into(), hi.into()],
        ).await;
        round(&store, &calendar, now, "4. the 1,000 steps overdue").await;
        round(&store, &calendar, now, "5. again, nothing new").await;

        // 6. The next 1,000 steps newly within the warning, one transaction each.
        let next: Vec<i64> = ids(&backend, &format!("{pick} OFFSET {STEPS}"), &[Value::from(STEPS)]).await;
        let (lo, hi) = (*next.first().unwrap(), *next.last().unwrap());
        exec(
            &backend,
            "UPDATE dossier_steps SET escalated = 0, due_at = $1 WHERE dossier_id >= $2 AND dossier_id <= $3 \
             AND ended_at IS NULL AND due_at IS NOT NULL \
             AND dossier_id IN (SELECT id FROM dossiers WHERE status IN (4, 6))",
            &[soon.into(), lo.into(), hi.into()],
        ).await;
        let horizon = motcua_rules::escalation::horizon(&calendar, now, 4).unwrap();
        let started = Instant::now();
        let cands = store.escalation_candidates(horizon, None, 10 * STEPS as usize).await.unwrap();
        let (read, mut written) = (cands.len(), 0);
        for cand in cands {
            // The default rule: the officer now, the leader when overdue (its last level).
            written += store.escalate(cand, vec![Level::Soon], Level::Overdue, now).await.unwrap().len();
        }
        println!(
            "| 6. the next 1,000 steps within the warning, a transaction per step (baseline for 2) | {read} | {written} | {} |",
            ms(started.elapsed())
        );

        // Without the done mark: every running step due by the horizon, each round.
        let naive = "SELECT COUNT(*) FROM dossiers d JOIN dossier_steps st ON st.dossier_id = d.id AND st.ended_at IS NULL \
             WHERE d.status IN (4, 6) AND d.step_due_at <= $1";
        let mut best = Duration::MAX;
        let mut rows = 0;
        for _ in 0..3 {
            let started = Instant::now();
            rows = count(&backend, naive, &[horizon.into()]).await;
            best = best.min(started.elapsed());
        }
        println!("| without the done mark: every running step due by the horizon | {rows} | — | {} (best of 3, the read alone) |", ms(best));

        // For scale: a leader's inbox page of the unit with the most open work.
        let unit_path = {
            let sql = "SELECT u.path FROM dossiers d JOIN units u ON u.id = d.current_unit_id \
                 WHERE d.status IN (4, 6) GROUP BY u.path ORDER BY COUNT(*) DESC LIMIT 1"
                .to_owned();
            let b = backend.clone();
            tokio::task::spawn_blocking(move || b.read(|c| Ok(c.query_one(&sql, &[])?.string(0)?)).unwrap())
                .await
                .unwrap()
        };
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let started = Instant::now();
            store.inbox(InboxQuery::new(&unit_path, None, 50)).await.unwrap();
            best = best.min(started.elapsed());
        }
        println!("| an inbox page of 50 (the busiest unit, any role) | — | — | {} (best of 3) |", ms(best));
    });
}
