//! Sync throughput: events per second from the outbox to the stand-in
//! portal, through the real sender (`portal_sync::sender::drain`: the
//! store's queries, the mapping, the validation, two HTTP requests per
//! event over loopback, the outbox marked), on a fresh database with the
//! demo's dossiers for each run: a SQLite file, and a new PostgreSQL
//! database when `MOTCUA_TEST_POSTGRES_URL` is set.
//!
//! Runs in one process, alternating, so the machine's drift hits all alike:
//! - the portal answering at once (the sender's own cost),
//! - the portal answering each request after 20 ms (a realistic round trip
//!   to a national service; the eight dossiers in flight then set the pace),
//! - the baseline: the same messages built and validated with no HTTP at all
//!   (what the sender costs without the portal).
//!
//! `cargo bench -p motcua-server --bench portal_sync`
//! (`MOTCUA_TEST_POSTGRES_URL=postgres://USER@HOST/DB` adds PostgreSQL)
//! (`MOTCUA_BENCH_DOSSIERS`, default 1,000; `MOTCUA_BENCH_ROUNDS`, default 2).

use std::sync::Arc;
use std::time::{Duration, Instant};

use motcua_portal::standin::StandIn;
use motcua_portal::validate::validate_message;
use motcua_portal::{PortalClient, PortalConfig};
use motcua_server::config::Config;
use motcua_server::portal_sync::sender::drain;
use motcua_server::{Application, demo};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A fresh application with `n` demo dossiers: a SQLite file, or a new
/// PostgreSQL database.
async fn fresh(dir: &std::path::Path, run: usize, n: usize, postgres: bool) -> Application {
    let db = dir.join(format!("bench-{run}.db"));
    let database_url = if postgres {
        motcua_store::testing::postgres_url("portal_sync bench").expect("MOTCUA_TEST_POSTGRES_URL")
    } else {
        format!("sqlite://{}", db.display())
    };
    let config = Config {
        database_url,
        bind: "127.0.0.1:0".into(),
        files_dir: Some(format!("{}.files", db.display())),
        ..Config::default()
    };
    let now = chrono::NaiveDateTime::parse_from_str("2026-03-04 09:00:00", "%Y-%m-%d %H:%M:%S").unwrap();
    let clock: motcua_server::time::Clock = Arc::new(move || now);
    let app = Application::build(config, clock).await.unwrap();
    demo::load(&app.state.store, now, n).await.unwrap();
    app
}

async fn client(portal: &StandIn) -> Arc<PortalClient> {
    Arc::new(
        PortalClient::new(PortalConfig {
            base_url: portal.url.clone(),
            auth_path: PortalConfig::DEFAULT_AUTH_PATH.into(),
            sync_path: PortalConfig::DEFAULT_SYNC_PATH.into(),
            username: "bench".into(),
            password: "bench".into(),
            unit_code: "H11".into(),
            timeout: Duration::from_secs(30),
        })
        .unwrap(),
    )
}

/// Builds and validates every due event's messages, sending nothing.
async fn build_only(app: &Application) -> (usize, Duration) {
    let store = &app.state.store;
    let started = Instant::now();
    let mut events = 0;
    let mut after = 0;
    loop {
        let page = store.portal_export_page(None, None, after, 500).await.unwrap();
        let Some(&(last, _)) = page.last() else { break };
        for (id, seqs) in page {
            for seq in seqs {
                let item = store.portal_item(id, seq).await.unwrap();
                let m = motcua_server::portal_sync::message(&item).unwrap();
                assert!(validate_message(&m).is_empty());
                events += 1;
            }
        }
        after = last;
    }
    (events, started.elapsed())
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let n = env("MOTCUA_BENCH_DOSSIERS", 1000);
    let rounds = env("MOTCUA_BENCH_ROUNDS", 2);
    let dir = std::env::temp_dir().join(format!("motcua-bench-portal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let postgres = std::env::var(motcua_store::testing::POSTGRES_ENV).is_ok();
    let databases: &[bool] = if postgres { &[false, true] } else { &[false] };
    println!("portal sync: {n} demo dossiers per run, {rounds} rounds, alternating");
    let mut run = 0;
    for round in 1..=rounds {
        for (db, (label, latency)) in databases.iter().flat_map(|db| {
            [("instant portal", None), ("20 ms portal", Some(20)), ("no HTTP (baseline)", None)].map(|r| (*db, r))
        }) {
            run += 1;
            let app = fresh(&dir, run, n, db).await;
            let (events, took) = if label.starts_with("no HTTP") {
                build_only(&app).await
            } else {
                let portal = StandIn::start("bench", "bench").await;
                if let Some(ms) = latency {
                    portal.set_latency(Duration::from_millis(ms));
                }
                let c = client(&portal).await;
                let started = Instant::now();
                let r = drain(&app.state, &c, 200).await.unwrap();
                let took = started.elapsed();
                assert_eq!(r.refused + r.retried, 0);
                assert_eq!(portal.progress_total(), r.sent);
                (r.sent, took)
            };
            let db = if db { "PostgreSQL" } else { "SQLite" };
            println!(
                "  round {round} {db:<10} {label:<20} {events} events in {:>6.2} s: {:>7.0} events/s",
                took.as_secs_f64(),
                events as f64 / took.as_secs_f64()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
