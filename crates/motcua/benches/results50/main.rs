//! A leader's batch of 50 electronic results (issue 12's target: signed by
//! the agency in under 2 s), measured over HTTP against the release server.
//!
//! ```sh
//! cargo bench -p motcua --bench results50
//! MOTCUA_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/EMPTY_DB cargo bench -p motcua --bench results50
//! ```
//!
//! For each database (SQLite always; PostgreSQL when the URL of an empty
//! database is given) the bench loads the demo (units, staff, agency keys,
//! the remote-signing stand-in; no dossiers), starts `motcua serve`, and in
//! each round prepares through the API, as the counter, the specialist and
//! the leader would:
//! - **results**: 50 birth registrations at the leader's step, each with a
//!   result PDF the specialist attached and the leader signed remotely;
//! - **baseline**: 50 of the same dossiers without a result;
//!
//! then times the leader's one bulk approval (`finish`) of each batch, which
//! for the first issues every result with the unit's agency signature and a
//! register number. Every dossier is then checked finished, every result
//! issued with its own number, and a few verified through the public link
//! (both signatures, verdict passed). The two kinds alternate in order from
//! round to round, because the machine's speed drifts. `MOTCUA_BENCH_BATCH`
//! (50) and `MOTCUA_BENCH_ROUNDS` (7) change the sizes; without `--bench`
//! (`cargo test --benches`) one small round runs as a smoke test.
//! `MOTCUA_BENCH_KEEP=1` keeps the databases and the servers' logs.

use std::collections::HashSet;
use std::time::Duration;

use serde_json::Value;

mod client;
#[path = "../common/server.rs"]
mod server;

use client::{Api, Staff};
use server::Server;

/// The status a finished dossier has (handled, result to return).
const FINISHED: i64 = 9;

/// Prepares `n` dossiers at the leader's step (with a signed result each
/// when `with_results`), finishes them in one bulk approval, checks the
/// outcome, and returns the approval's time and the server's CPU time in it.
async fn round(server: &Server, api: &Api, staff: &Staff, n: usize, with_results: bool) -> (Duration, Duration) {
    let mut codes = Vec::with_capacity(n);
    for _ in 0..n {
        codes.push(api.at_leader(staff, with_results).await);
    }
    if with_results {
        api.wait_signed(&staff.leader, &codes).await;
    }
    let (answer, took, cpu) = api.bulk_finish(&staff.leader, &codes, || server.cpu_time()).await;
    check(api, staff, &codes, &answer, with_results).await;
    (took, cpu)
}

/// Every dossier finished; with results, each issued with a number of its
/// own, and one in 16 (and the last) verified as a citizen would.
async fn check(api: &Api, staff: &Staff, codes: &[String], answer: &Value, with_results: bool) {
    assert_eq!(answer["succeeded"].as_u64(), Some(codes.len() as u64), "{answer:#}");
    for outcome in answer["results"].as_array().expect("outcomes") {
        assert_eq!(outcome["status"]["code"].as_i64(), Some(FINISHED), "{outcome:#}");
    }
    let mut numbers = HashSet::new();
    for (i, code) in codes.iter().enumerate() {
        let results = api.results(&staff.leader, code).await;
        if !with_results {
            assert!(results.is_empty(), "{code} has a result");
            continue;
        }
        let [result] = results.as_slice() else { panic!("{code}: one result expected, got {results:#?}") };
        assert_eq!(result["state"], "issued", "{code}: {result:#}");
        let number = result["register_number"].as_str().expect("a register number").to_owned();
        assert!(numbers.insert(number.clone()), "register number {number} given twice");
        if i % 16 == 0 || i + 1 == codes.len() {
            let public = api.public_result(result["verify_url"].as_str().expect("a link")).await;
            let v = &public["verification"];
            let roles: Vec<&str> = v["signatures"]
                .as_array()
                .expect("signatures")
                .iter()
                .map(|s| s["role"].as_str().unwrap_or("?"))
                .collect();
            assert_eq!(
                (v["verdict"].as_str(), roles.as_slice()),
                (Some("passed"), &["signer", "agency"][..]),
                "{public:#}"
            );
            assert_eq!(public["register_number"].as_str(), Some(number.as_str()));
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// min, median, max of `v` in ms.
fn spread(v: &[Duration]) -> (f64, f64, f64) {
    let mut v = v.to_vec();
    v.sort();
    (ms(v[0]), ms(v[v.len() / 2]), ms(v[v.len() - 1]))
}

async fn run(name: &str, url: &str, dir: &std::path::Path, n: usize, rounds: usize) {
    std::fs::create_dir_all(dir).expect("the bench's directory");
    let server = server::start(url, dir).await;
    let api = Api::new(&server.base);
    let staff = api.staff().await;
    // Warm-up: the agency key's seal, caches, connections, the WAL file.
    round(&server, &api, &staff, 5, false).await;
    round(&server, &api, &staff, 5, true).await;
    println!(
        "\n{name}: bulk finish of {n} dossiers, {rounds} rounds (load average before: {})",
        server::load_average()
    );
    let (mut base, mut signed) = (Vec::new(), Vec::new());
    let (mut base_cpu, mut signed_cpu) = (Vec::new(), Vec::new());
    for r in 0..rounds {
        // Alternate which kind goes first: the machine's speed drifts.
        for with_results in if r % 2 == 0 { [false, true] } else { [true, false] } {
            let (took, cpu) = round(&server, &api, &staff, n, with_results).await;
            if with_results {
                signed.push(took);
                signed_cpu.push(cpu);
            } else {
                base.push(took);
                base_cpu.push(cpu);
            }
        }
        println!(
            "  round {}: baseline {:>6.0} ms (server CPU {:>5.0} ms)   with results {:>6.0} ms (server CPU {:>5.0} ms)",
            r + 1,
            ms(base[r]),
            ms(base_cpu[r]),
            ms(signed[r]),
            ms(signed_cpu[r])
        );
    }
    let (b, s) = (spread(&base), spread(&signed));
    let (bc, sc) = (spread(&base_cpu), spread(&signed_cpu));
    println!("  baseline (no result):         min {:>6.0}  median {:>6.0}  max {:>6.0} ms", b.0, b.1, b.2);
    println!("  with results (agency-signed): min {:>6.0}  median {:>6.0}  max {:>6.0} ms", s.0, s.1, s.2);
    println!("  server CPU time, median: baseline {:.0} ms, with results {:.0} ms", bc.1, sc.1);
    println!(
        "  signing + issuing: {:.1} ms per result on the medians; target 2,000 ms for 50: {}",
        (s.1 - b.1) / n as f64,
        if s.1 < 2000.0 { "met" } else { "MISSED" }
    );
    println!("  load average after: {}; the server's log: {}", server::load_average(), server.log.display());
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: a short smoke run.
    let bench = std::env::args().any(|a| a == "--bench");
    let var = |name: &str, default: usize| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let (n, rounds) = if bench { (var("MOTCUA_BENCH_BATCH", 50), var("MOTCUA_BENCH_ROUNDS", 7)) } else { (3, 1) };
    let dir = std::env::temp_dir().join(format!("motcua-results50-{}", std::process::id()));
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    rt.block_on(async {
        let sqlite = dir.join("sqlite");
        let url = format!("sqlite://{}", sqlite.join("bench.db").display());
        run("SQLite (WAL, synchronous=NORMAL, the default)", &url, &sqlite, n, rounds).await;
        match std::env::var("MOTCUA_BENCH_POSTGRES_URL") {
            Ok(url) => run("PostgreSQL", &url, &dir.join("postgres"), n, rounds).await,
            Err(_) => println!("\nPostgreSQL: skipped (set MOTCUA_BENCH_POSTGRES_URL to an empty database)"),
        }
    });
    // MOTCUA_BENCH_KEEP keeps the databases and the servers' logs (to profile).
    if std::env::var_os("MOTCUA_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
