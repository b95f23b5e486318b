//! Staff search over a large database, in-process against the store
//! (issue 11: p99 under 20 ms at 1,000,000 dossiers).
//!
//! Make the data once with the binary (its applicants have realistic
//! names, phones and CCCD numbers), then run the bench:
//!
//! ```text
//! cargo run --release -p motcua -- demo --db sqlite://target/bench-1m.db --dossiers 0
//! cargo run --release -p motcua -- generate-dossiers --db sqlite://target/bench-1m.db --count 1000000
//! MOTCUA_BENCH_DB=sqlite://target/bench-1m.db cargo bench -p motcua-store --bench search
//! ```
//!
//! Queries are taken from the data itself: for 40 dossiers drawn evenly,
//! their full name, their middle and given names, their given name alone,
//! their phone, their CCCD number and their code, each searched from the
//! receiving commune and from the province. In the same run the obvious
//! alternative is measured: `applicant_name LIKE '%…%'` (or the applicant's
//! JSON for a number) scanned over the dossiers of the scope, newest first,
//! for the first 8 dossiers' queries (each scan takes up to a second).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use motcua_rules::codes::DossierCodeFormat;
use motcua_rules::dossier_search::parse_query;
use motcua_store::db::{Backend, Value};
use motcua_store::model::Unit;
use motcua_store::{DossierRef, DossierSearch, Store};

const SAMPLES: i64 = 40;
const LIMIT: u32 = 50;
/// Dossiers whose queries are also run as the `LIKE` scan.
const BASELINE_SAMPLES: i64 = 8;

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
    v[i].as_secs_f64() * 1e3
}

fn main() {
    let Ok(url) = std::env::var("MOTCUA_BENCH_DB") else {
        println!(
            "search bench: set MOTCUA_BENCH_DB to a database made with `motcua generate-dossiers` (see the file's doc)"
        );
        return;
    };
    // The baseline runs on the synchronous backend, whose PostgreSQL client
    // keeps its own runtime: it is opened here, outside the bench's runtime,
    // and used from a plain thread (`off_runtime`).
    let backend = Backend::connect(&url).unwrap();
    let max_id = backend.read(|c| Ok(c.query_one("SELECT MAX(id) FROM dossiers", &[])?.i64(0)?)).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let store = Store::open(&url, DossierCodeFormat::Circular01).expect("open");
        store.migrate().await.expect("migrate (writes the search keys of older dossiers)");
        let units = store.units().await.unwrap();
        let province = units.iter().find(|u| u.parent_id.is_none()).unwrap().clone();
        println!("search bench on {url}: {max_id} dossiers, {} units", units.len());
        // kind → (motcua times, baseline times, matches seen)
        let mut by_kind: BTreeMap<&str, (Vec<Duration>, Vec<Duration>, usize)> = BTreeMap::new();
        let mut truncated = 0;
        for k in 0..SAMPLES {
            let id = 1 + k * (max_id / SAMPLES);
            let Some(d) = store.dossier(DossierRef::Id(id)).await.unwrap() else { continue };
            let Some(code) = d.code.clone() else { continue };
            let commune = units.iter().find(|u| u.id == d.state.receiving_unit.id).unwrap().clone();
            let words: Vec<&str> = d.applicant.name.split(' ').collect();
            let queries = [
                ("full name", d.applicant.name.clone()),
                ("middle + given name", words[words.len().saturating_sub(2)..].join(" ")),
                ("given name alone", words.last().unwrap().to_string()),
                ("phone", d.applicant.phone.clone().unwrap_or_default()),
                ("CCCD", d.applicant.id_number.clone().unwrap_or_default()),
                ("code", code),
            ];
            for (kind, q) in queries {
                if q.is_empty() {
                    continue;
                }
                for (scope_name, scope) in [("commune", &commune), ("province", &province)] {
                    let key = if scope_name == "commune" { kind } else { leak(format!("{kind}, province")) };
                    let entry = by_kind.entry(key).or_default();
                    let search = DossierSearch {
                        scope_path: scope.path.clone(),
                        query: parse_query(&q).unwrap(),
                        procedure_code: None,
                        received_from: None,
                        received_before: None,
                        limit: LIMIT,
                    };
                    let clock = Instant::now();
                    let hits = store.search_dossiers(search).await.unwrap();
                    entry.0.push(clock.elapsed());
                    // Newest first: an older dossier of a common name may be
                    // past the first page, never missing from a short list.
                    let full = hits.items.len() == LIMIT as usize || hits.truncated;
                    assert!(full || hits.items.iter().any(|i| i.id == d.id), "{kind} {q}: not found");
                    truncated += usize::from(hits.truncated);
                    entry.2 += hits.items.len();
                    // The scan takes up to a second: a sample of it is enough.
                    if k < BASELINE_SAMPLES {
                        let clock = Instant::now();
                        off_runtime(|| baseline(&backend, scope, kind, &q));
                        entry.1.push(clock.elapsed());
                    }
                }
            }
        }
        println!(
            "  {:<34} {:>10} {:>10} {:>10}   {:>12} {:>12}",
            "query (scope)", "p50 ms", "p99 ms", "max ms", "LIKE p50", "LIKE p99"
        );
        let (mut all, mut all_base) = (Vec::new(), Vec::new());
        for (kind, (mut t, mut b, seen)) in by_kind {
            all.extend(t.iter().copied());
            all_base.extend(b.iter().copied());
            println!(
                "  {:<34} {:>10.2} {:>10.2} {:>10.2}   {:>12.1} {:>12.1}   ({} searches, {:.0} results each)",
                kind,
                pct(&mut t, 0.5),
                pct(&mut t, 0.99),
                pct(&mut t, 1.0),
                pct(&mut b, 0.5),
                pct(&mut b, 0.99),
                t.len(),
                seen as f64 / t.len() as f64
            );
        }
        println!(
            "  {:<34} {:>10.2} {:>10.2} {:>10.2}   {:>12.1} {:>12.1}   ({} searches, {truncated} truncated)",
            "all",
            pct(&mut all, 0.5),
            pct(&mut all, 0.99),
            pct(&mut all, 1.0),
            pct(&mut all_base, 0.5),
            pct(&mut all_base, 0.99),
            all.len()
        );
    });
}

/// Runs `f` on a thread of its own: the synchronous PostgreSQL client may
/// not block a thread of the tokio runtime.
fn off_runtime(f: impl FnOnce() + Send) {
    std::thread::scope(|scope| scope.spawn(f).join().unwrap());
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// The obvious search: a substring scan of the scope's dossiers, newest first.
fn baseline(backend: &Backend, scope: &Unit, kind: &str, q: &str) {
    let hi = format!("{}0", scope.path.trim_end_matches('/'));
    let (column, pattern) = match kind {
        "code" => ("d.code", q.to_owned()),
        "phone" | "CCCD" => ("d.applicant", q.to_owned()),
        _ => ("d.applicant_name", q.to_owned()),
    };
    let sql = format!(
        "SELECT d.id, d.code, d.applicant_name FROM dossiers d JOIN units u ON u.id = d.receiving_unit_id \
         WHERE u.path >= $1 AND u.path < $2 AND {column} LIKE $3 ORDER BY d.id DESC LIMIT {LIMIT}"
    );
    let args = [Value::from(scope.path.clone()), Value::from(hi), Value::from(format!("%{pattern}%"))];
    backend.read(|c| Ok(c.query(&sql, &args)?.len())).unwrap();
}
