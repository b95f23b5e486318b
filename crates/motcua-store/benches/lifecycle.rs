//! Lifecycle throughput: dossiers driven through create + 5 actions, every
//! action persisted in its own transaction, in-process against the store.
//!
//! `cargo bench -p motcua-store --bench lifecycle` (set
//! `MOTCUA_TEST_POSTGRES_URL` to include PostgreSQL; `MOTCUA_BENCH_DOSSIERS`
//! to change the count, default 10,000). Prints dossiers per second and
//! p50/p99 latency per action for each database, in one run:
//! - SQLite, WAL + synchronous=NORMAL (the default: durable against a
//!   process crash),
//! - SQLite, synchronous=FULL (fsync on every commit: the baseline a
//!   cautious operator would pick, `MOTCUA_SQLITE_SYNC=full`),
//! - PostgreSQL on the local server, when configured.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use motcua_rules::dossier::{self, Action, Actor, Context};
use motcua_store::DossierRef;
use motcua_store::model::*;

mod common;
use common::{Setup, quantile, setup, submit_online, t};

async fn act(s: &Setup, d: &Dossier, actor: &Actor, action: Action, now: NaiveDateTime) -> Dossier {
    let calendar = s.calendar.clone();
    let actor = actor.clone();
    let event = EventInput::by(action.kind().as_str(), &actor, None);
    s.store
        .act(DossierRef::Id(d.id), d.version, event, now, move |cur, v| {
            let workflow = cur.workflow(v);
            let ctx = Context { calendar: &calendar, limit: v.data.time_limit, workflow: &workflow, now };
            dossier::apply(&cur.state, &actor, &action, None, &ctx)
        })
        .await
        .expect("action")
}

/// Drives `n` dossiers one after another; returns the wall time and the
/// latencies per step.
async fn drive(s: &Setup, n: usize) -> (Duration, BTreeMap<&'static str, Vec<Duration>>) {
    let mut lat: BTreeMap<&'static str, Vec<Duration>> = BTreeMap::new();
    let started = Instant::now();
    let now = t("2025-03-04 09:00");
    for _ in 0..n {
        let clock = Instant::now();
        let mut d = submit_online(s, now).await;
        lat.entry("1 submit_online").or_default().push(clock.elapsed());
        for (label, actor, action) in [
            ("2 receive", &s.counter, Action::Receive),
            ("3 forward", &s.counter, Action::Forward),
            ("4 forward", &s.specialist, Action::Forward),
            ("5 finish", &s.leader, Action::Finish),
            ("6 return_result", &s.counter, Action::ReturnResult),
        ] {
            let clock = Instant::now();
            d = act(s, &d, actor, action, now).await;
            lat.entry(label).or_default().push(clock.elapsed());
        }
    }
    (started.elapsed(), lat)
}

async fn report(name: &str, url: &str, n: usize) {
    let s = setup(url).await;
    // Warm-up: caches, prepared statements, WAL file.
    drive(&s, 200).await;
    let (wall, mut lat) = drive(&s, n).await;
    println!("\n{name}: {n} dossiers (create + 5 actions, 6 transactions each) in {:.2} s", wall.as_secs_f64());
    println!(
        "  throughput: {:.0} complete dossiers/s ({:.0} transactions/s)",
        n as f64 / wall.as_secs_f64(),
        6.0 * n as f64 / wall.as_secs_f64()
    );
    println!("  {:<18} {:>10} {:>10}", "step", "p50 µs", "p99 µs");
    for (label, v) in lat.iter_mut() {
        println!(
            "  {:<18} {:>10.0} {:>10.0}",
            label,
            quantile(v, 0.50).as_secs_f64() * 1e6,
            quantile(v, 0.99).as_secs_f64() * 1e6
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a plain `cargo test --benches` passes nothing: run a short smoke.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let n = if smoke {
        50
    } else {
        std::env::var("MOTCUA_BENCH_DOSSIERS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000)
    };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let dir = std::env::temp_dir().join(format!("motcua-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    rt.block_on(async {
        // MOTCUA_BENCH_ONLY=sqlite runs the default configuration alone,
        // MOTCUA_BENCH_ONLY=postgres PostgreSQL alone (for profiling).
        let only = std::env::var("MOTCUA_BENCH_ONLY").unwrap_or_default();
        if only != "postgres" {
            let normal = format!("sqlite://{}?synchronous=normal", dir.join("normal.db").display());
            report("SQLite (WAL, synchronous=NORMAL, default)", &normal, n).await;
        }
        if only.is_empty() {
            let full = format!("sqlite://{}?synchronous=full", dir.join("full.db").display());
            report("SQLite (WAL, synchronous=FULL, baseline)", &full, n).await;
        }
        if only == "sqlite" {
            return;
        }
        // A fresh database on the server named by MOTCUA_TEST_POSTGRES_URL.
        match motcua_store::testing::postgres_url("lifecycle bench") {
            Some(url) => report("PostgreSQL 15 (local, pipelined client, pool)", &url, n).await,
            None => println!("\nPostgreSQL: skipped (set MOTCUA_TEST_POSTGRES_URL)"),
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
}
