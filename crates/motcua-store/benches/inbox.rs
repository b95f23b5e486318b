//! Officer inbox pages over a large database, in-process against the store.
//!
//! Make the data once with the binary, then run the bench:
//!
//! ```text
//! cargo run --release -p motcua -- demo --db sqlite://target/bench-1m.db --dossiers 0
//! cargo run --release -p motcua -- generate-dossiers --db sqlite://target/bench-1m.db --count 1000000
//! MOTCUA_BENCH_DB=sqlite://target/bench-1m.db cargo bench -p motcua-store --bench inbox
//! ```
//!
//! For every unit and role that has open work it walks up to 20 pages of 50
//! (first page, then by cursor) and reports p50/p99 of a page. In the same
//! run it measures the obvious alternative: `ORDER BY … LIMIT 50 OFFSET k`
//! with a `COUNT(*)` over the same join for the page count.

use std::time::{Duration, Instant};

use motcua_rules::Role;
use motcua_rules::codes::DossierCodeFormat;
use motcua_store::db::{Backend, Value};
use motcua_store::{InboxCursor, InboxQuery, Store};

const PAGES: usize = 20;
const PAGE: u32 = 50;

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
    v[i].as_secs_f64() * 1e3
}

fn query(path: &str, role: Role, after: Option<InboxCursor>) -> InboxQuery {
    InboxQuery { after, ..InboxQuery::new(path, Some(role), PAGE) }
}

fn main() {
    let Ok(url) = std::env::var("MOTCUA_BENCH_DB") else {
        println!(
            "inbox bench: set MOTCUA_BENCH_DB to a database made with `motcua generate-dossiers` (see the file's doc)"
        );
        return;
    };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let store = Store::open(&url, DossierCodeFormat::Circular01).expect("open");
        let units = store.units().await.unwrap();
        let total: i64 = store_count(&url, "SELECT COUNT(*) FROM dossiers");
        println!("inbox bench on {url}: {total} dossiers, {} units", units.len());
        let mut keyset = Vec::new();
        let mut offset = Vec::new();
        let backend = Backend::connect(&url).unwrap();
        for unit in units.iter().filter(|u| u.level != "province") {
            for role in [Role::CounterOfficer, Role::Specialist, Role::Leader] {
                let mut after = None;
                for page in 0..PAGES {
                    let clock = Instant::now();
                    let p = store.inbox(query(&unit.path, role, after)).await.unwrap();
                    keyset.push(clock.elapsed());
                    // The baseline: the same page by OFFSET, and a COUNT for "page x of y".
                    let clock = Instant::now();
                    let (path, role_s, off) = (unit.path.clone(), role.as_str(), (page as i64) * i64::from(PAGE));
                    backend
                        .read(|c| {
                            let hi = format!("{}0", path.trim_end_matches('/'));
                            let filter = "FROM dossiers d JOIN procedures p ON p.id = d.procedure_id \
                                 WHERE d.current_unit_id IN (SELECT id FROM units WHERE path >= $1 AND path < $2) \
                                 AND d.status IN (1, 2, 4, 5, 6, 9) AND d.inbox_role = $3";
                            let args = [Value::from(path.clone()), Value::from(hi), Value::from(role_s)];
                            c.query_one(&format!("SELECT COUNT(*) {filter}"), &args)?;
                            let mut paged = args.to_vec();
                            paged.push(Value::from(off));
                            c.query(
                                &format!("SELECT d.id, d.code, p.name, d.due_at {filter} ORDER BY d.inbox_due, d.id LIMIT 50 OFFSET $4"),
                                &paged,
                            )?;
                            Ok(())
                        })
                        .unwrap();
                    offset.push(clock.elapsed());
                    match p.next_cursor {
                        Some(c) => after = InboxCursor::decode(&c),
                        None => break,
                    }
                }
            }
        }
        println!("  pages measured: {}", keyset.len());
        println!("  keyset cursor (motcua):   p50 {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms", pct(&mut keyset, 0.5), pct(&mut keyset, 0.99), pct(&mut keyset, 1.0));
        println!("  OFFSET + COUNT (baseline): p50 {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms", pct(&mut offset, 0.5), pct(&mut offset, 0.99), pct(&mut offset, 1.0));
    });
}

fn store_count(url: &str, sql: &str) -> i64 {
    let backend = Backend::connect(url).unwrap();
    backend.read(|c| Ok(c.query_one(sql, &[])?.i64(0)?)).unwrap()
}
