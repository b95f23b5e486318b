//! The done-when sync test of issue 14: the demo's 1,000 dossiers, with
//! every kind of event the demo drives (submissions, receptions, steps,
//! assignments, returns to a step, supplements asked, sent and received,
//! payments asked and made, reschedules, refusals, withdrawals, stops,
//! finishes, returns of results), reach the stand-in portal in order and
//! exactly once each, across a `kill -9` of `motcua serve` in the middle
//! of the sync.
//!
//! The real binary runs as a child process against a SQLite file (and a
//! fresh PostgreSQL database when MOTCUA_TEST_POSTGRES_URL is set); the
//! stand-in portal runs in this process. After the kill, the test ends the
//! dead process's job lease (as its expiry, 30 s later, would) and starts
//! the server again. Takes about 20 s per database in a debug build.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use motcua_portal::standin::StandIn;
use motcua_rules::codes::DossierCodeFormat;
use motcua_store::{DossierRef, Store};

const DOSSIERS: &str = "1000";
const PASSWORD: &str = "mật-khẩu-thử";

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("motcua-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn motcua(db: &str, files: &PathBuf) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_motcua"));
    c.env("MOTCUA_LOG", "warn")
        .env("MOTCUA_DATABASE_URL", db)
        .env("MOTCUA_FILES_DIR", files)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn serve(db: &str, files: &PathBuf, portal: &str) -> Child {
    motcua(db, files)
        .args(["serve", "--no-demo", "--bind", "127.0.0.1:0", "--portal-url", portal])
        .args(["--portal-username", "motcua", "--portal-unit", "H11", "--portal-every", "1"])
        .env("MOTCUA_PORTAL_PASSWORD", PASSWORD)
        .spawn()
        .expect("motcua serve starts")
}

/// Waits until the stand-in holds at least `n` progress entries.
async fn until(portal: &StandIn, n: usize, limit: Duration) -> usize {
    let started = Instant::now();
    loop {
        let got = portal.progress_total();
        if got >= n || started.elapsed() > limit {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn sync_survives_a_kill(db: String, dir: PathBuf) {
    let files = dir.join("files");
    let started = Instant::now();
    let loaded = motcua(&db, &files).args(["demo", "--dossiers", DOSSIERS]).status().unwrap();
    assert!(loaded.success(), "the demo loads");

    // What the portal must end up with: every event of every dossier that
    // has a code, in order.
    let store = Store::open_at(&db, DossierCodeFormat::Circular01, files.to_str()).unwrap();
    let mut expected = std::collections::BTreeMap::new();
    let mut ids = Vec::new();
    let mut after = 0;
    loop {
        let page = store.portal_export_page(None, None, after, 500).await.unwrap();
        let Some(&(last, _)) = page.last() else { break };
        for (id, seqs) in page {
            let d = store.dossier(DossierRef::Id(id)).await.unwrap().unwrap();
            ids.push(id);
            expected.insert(d.code.unwrap(), seqs.iter().map(|s| *s as u64).collect::<Vec<_>>());
        }
        after = last;
    }
    let total: usize = expected.values().map(Vec::len).sum();
    assert!(expected.len() > 900 && total > 4000, "{} dossiers, {total} events", expected.len());

    // The portal answers each request after 1 ms, so the kill lands mid-way.
    let portal = StandIn::start("motcua", PASSWORD).await;
    portal.set_latency(Duration::from_millis(1));
    let mut first = serve(&db, &files, &portal.url);
    let before_kill = until(&portal, total / 3, Duration::from_secs(120)).await;
    first.kill().unwrap(); // SIGKILL
    first.wait().unwrap();
    let at_kill = portal.progress_total();
    assert!(before_kill >= total / 3 && at_kill < total, "killed mid-way: {at_kill} of {total}");

    // The dead process's lease would expire in 30 s: end it now.
    let now = (motcua_server::time::system_clock())();
    assert!(store.lease_take("portal_sync", "kill-test", now + chrono::Duration::hours(1), now).await.unwrap());
    let mut second = serve(&db, &files, &portal.url);
    let done = until(&portal, total, Duration::from_secs(180)).await;
    // A little longer: nothing more may arrive.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    second.kill().unwrap();
    second.wait().unwrap();

    let s = portal.snapshot();
    assert_eq!(done, total, "every event arrived");
    assert!(s.violations.is_empty(), "out of order: {:?}", &s.violations[..s.violations.len().min(5)]);
    assert_eq!(s.progress.len(), expected.len(), "every dossier with a code");
    for (code, seqs) in &expected {
        assert_eq!(s.progress.get(code), Some(seqs), "{code}: in order, exactly once");
    }
    assert_eq!(s.records.len(), expected.len());
    assert_eq!(s.creates as usize, expected.len(), "each record created once, updated after");
    // Nothing refused, nothing of a dossier with a code left in the outbox
    // (online submissions still in the queue wait for their code), and the
    // 1.4 counter agrees with a replay.
    let root = store.units().await.unwrap().into_iter().find(|u| u.parent_id.is_none()).unwrap();
    assert_eq!(store.portal_overview(root.as_ref()).await.unwrap().failed, 0);
    for id in ids {
        let sync = store.portal_dossier(id).await.unwrap();
        assert_eq!((sync.pending, sync.failed), (0, 0), "dossier {id}");
    }
    assert_eq!(store.check_stats().await.unwrap().differences, 0);
    eprintln!(
        "portal sync across kill -9: {} dossiers, {total} events, {at_kill} before the kill, {} repeats \
         recognised, {:.1}s",
        expected.len(),
        s.duplicates,
        started.elapsed().as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_survives_a_kill_on_sqlite() {
    let dir = scratch("portal-kill");
    let db = format!("sqlite://{}", dir.join("motcua.db").display());
    sync_survives_a_kill(db, dir.clone()).await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_survives_a_kill_on_postgres() {
    let Some(db) = motcua_store::testing::postgres_url("sync_survives_a_kill_on_postgres") else { return };
    let dir = scratch("portal-kill-pg");
    sync_survives_a_kill(db, dir.clone()).await;
    let _ = std::fs::remove_dir_all(&dir);
}
