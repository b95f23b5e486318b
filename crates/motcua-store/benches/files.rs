//! What storing a file costs through the store as built (docs/storage.md):
//! the bytes put in the content-addressed file store (temporary name,
//! `fsync`, rename, directory `fsync`) before the transaction that commits
//! the metadata row, one file per transaction as an upload does.
//!
//! `cargo bench -p motcua-store --bench files` (set `MOTCUA_TEST_POSTGRES_URL`
//! to include PostgreSQL; `MOTCUA_BENCH_FILE_MB` for the megabytes written
//! per file size, default 400), for a 200 KB signed result and a 2 MB colour
//! scan of a few pages at 200 dpi. It prints files per second, MB/s,
//! p50/p99 per file, what the database grew by and, on PostgreSQL, the
//! write-ahead log written per file: the log is what a replica and every
//! base backup receive. The measurement that decided the design, bytes in
//! the database against bytes on disk, is in docs/storage.md ("Measured");
//! the database way no longer exists to measure. The file contents are
//! random bytes, as incompressible as a JPEG scan.

use std::fs;
use std::time::{Duration, Instant};

use motcua_store::db::Backend;
use motcua_store::model::{AttachmentKind, NewAttachment};

mod common;
use common::{quantile, setup, submit_online, t};

/// Deterministic incompressible bytes (xorshift64*), different per seed.
fn random_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        out.extend_from_slice(&x.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

fn attachment(data: Vec<u8>) -> NewAttachment {
    NewAttachment {
        kind: AttachmentKind::Submission,
        component: Some("Tờ khai".into()),
        name: "to-khai.pdf".into(),
        content_type: "application/pdf".into(),
        data,
    }
}

/// What the database occupies, in bytes, and its write-ahead log position
/// (PostgreSQL only).
fn footprint(url: &str) -> (u64, Option<u64>) {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap();
        // Checkpointed first, so that a frame is not counted twice; what a
        // busy reader kept in the log is counted there.
        let c = rusqlite::Connection::open(path).unwrap();
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
        let size = |p: String| fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        return (size(path.to_owned()) + size(format!("{path}-wal")), None);
    }
    let backend = Backend::connect(url).unwrap();
    backend
        .read(|c| {
            let row = c.query_one(
                "SELECT pg_database_size(current_database()), pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint",
                &[],
            )?;
            Ok((row.i64(0)? as u64, Some(row.i64(1)? as u64)))
        })
        .unwrap()
}

struct Run {
    wall: Duration,
    per_file: Vec<Duration>,
    db_growth: u64,
    wal: Option<u64>,
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

async fn measure(url: &str, size: usize, count: usize) -> Run {
    let s = setup(url).await;
    let d = submit_online(&s, t("2025-03-04 09:00")).await;
    // One warm-up file: the table's first pages, the prepared statement.
    s.store.add_attachments(d.id, vec![attachment(random_bytes(size, 0))], None, t("2025-03-04 09:00")).await.unwrap();
    let before = tokio::task::block_in_place(|| footprint(url));
    let mut per_file = Vec::with_capacity(count);
    let started = Instant::now();
    for i in 0..count {
        let data = random_bytes(size, i as u64 + 1);
        let clock = Instant::now();
        s.store.add_attachments(d.id, vec![attachment(data)], None, t("2025-03-04 09:00")).await.unwrap();
        per_file.push(clock.elapsed());
    }
    let wall = started.elapsed();
    let after = tokio::task::block_in_place(|| footprint(url));
    Run {
        wall,
        per_file,
        db_growth: after.0.saturating_sub(before.0),
        wal: after.1.zip(before.1).map(|(a, b)| a.saturating_sub(b)),
    }
}

fn print(label: &str, size: usize, count: usize, mut r: Run) {
    let total = (size * count) as u64;
    println!(
        "  {label:<28} {:>7.0} files/s {:>7.0} MB/s   p50 {:>6.2} ms  p99 {:>6.2} ms   db +{:>7.1} MB{}",
        count as f64 / r.wall.as_secs_f64(),
        mb(total) / r.wall.as_secs_f64(),
        quantile(&mut r.per_file, 0.50).as_secs_f64() * 1e3,
        quantile(&mut r.per_file, 0.99).as_secs_f64() * 1e3,
        mb(r.db_growth),
        r.wal.map(|w| format!("   WAL {:.2} MB/file", mb(w) / count as f64)).unwrap_or_default(),
    );
}

async fn report(name: &str, url_for: impl Fn(&str) -> String, budget_mb: usize) {
    println!("\n{name}");
    for (what, size) in [("200 KB result", 200 * 1000), ("2 MB scan", 2 * 1000 * 1000)] {
        let count = (budget_mb * 1000 * 1000 / size).max(5);
        println!(" {what}: {count} files of {size} bytes");
        let r = measure(&url_for(&format!("files-{size}")), size, count).await;
        print("file store + metadata row", size, count, r);
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a plain `cargo test --benches` passes nothing: run a short smoke.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let budget_mb =
        if smoke { 4 } else { std::env::var("MOTCUA_BENCH_FILE_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(400) };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let dir = std::env::temp_dir().join(format!("motcua-bench-files-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    rt.block_on(async {
        let sqlite = |name: &str| format!("sqlite://{}", dir.join(format!("{name}.db")).display());
        report("SQLite (WAL, synchronous=NORMAL, the default)", sqlite, budget_mb).await;
        if std::env::var("MOTCUA_TEST_POSTGRES_URL").is_ok() {
            let pg = |name: &str| motcua_store::testing::postgres_url(&format!("files bench {name}")).unwrap();
            report("PostgreSQL 15 (local, sync client, pool)", pg, budget_mb).await;
        } else {
            println!("\nPostgreSQL: skipped (set MOTCUA_TEST_POSTGRES_URL)");
        }
    });
    let _ = fs::remove_dir_all(&dir);
}
