//! The catalogue search, measured for the choice it makes
//! (docs/catalogue-search.md): each database's own full-text index against
//! the `LIKE '%…%'` substring match it replaced, on a catalogue the size
//! of a province's whole published list, for speed and for how often the
//! right procedure comes first.
//!
//! Make a database with the demo catalogue, then run the bench; it grows
//! the catalogue once to about 6,000 procedures (the demo's 30 names with
//! qualifiers, as the national catalogue has them: "… có yếu tố nước
//! ngoài", "… cấp lại") and searches the phrases citizens type
//! (`crates/motcua-server/tests/data/citizen_phrases.tsv`):
//!
//! ```text
//! cargo run --release -p motcua -- demo --db sqlite://target/catalogue.db --dossiers 0
//! MOTCUA_BENCH_DB=sqlite://target/catalogue.db cargo bench -p motcua-store --bench catalogue
//! ```

use std::time::{Duration, Instant};

use motcua_rules::codes::DossierCodeFormat;
use motcua_store::db::{Backend, Value};
use motcua_store::search::like_pattern;
use motcua_store::{ProcedureQuery, Store};

/// Procedures the grown catalogue has.
const TARGET: usize = 6_000;
/// Each phrase is searched this many times.
const ROUNDS: usize = 20;
/// Results asked for, as the home page does.
const LIMIT: u32 = 20;

/// Qualifiers of the national catalogue's names, combined two at a time.
const FIRST: [&str; 15] = [
    "cấp lại",
    "cấp đổi",
    "điều chỉnh",
    "bổ sung",
    "gia hạn",
    "thu hồi",
    "đính chính",
    "cấp bản sao",
    "xác nhận",
    "thẩm định",
    "phê duyệt",
    "công nhận",
    "hủy bỏ",
    "tạm dừng",
    "chấm dứt",
];
const SECOND: [&str; 14] = [
    "tại cơ quan đại diện",
    "cho người Việt Nam định cư ở nước ngoài",
    "trong trường hợp bị mất",
    "cấp tỉnh",
    "cấp huyện",
    "theo thủ tục rút gọn",
    "đối với tổ chức",
    "đối với cá nhân",
    "khu vực biên giới",
    "trên môi trường điện tử",
    "có yếu tố nước ngoài",
    "trong khu công nghiệp",
    "liên thông",
    "cho người chưa thành niên",
];

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
    v[i].as_secs_f64() * 1e3
}

fn phrases() -> Vec<(&'static str, &'static str)> {
    include_str!("../../motcua-server/tests/data/citizen_phrases.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once('\t').expect("phrase<TAB>code"))
        .collect()
}

/// The search this replaced: the folded query as one substring of the
/// folded code, name and field, in code order.
fn like_first(backend: &Backend, q: &str) -> Option<String> {
    backend
        .read(|c| {
            let rows = c.query(
                "SELECT code FROM procedures WHERE search_text LIKE $1 ESCAPE '\\' \
                 AND publication_status <> 'abolished' ORDER BY code LIMIT $2",
                &[Value::from(like_pattern(q)), Value::I64(i64::from(LIMIT))],
            )?;
            let count = c.query_one(
                "SELECT COUNT(*) FROM procedures WHERE search_text LIKE $1 ESCAPE '\\' \
                 AND publication_status <> 'abolished'",
                &[Value::from(like_pattern(q))],
            )?;
            let _ = count.i64(0)?;
            Ok(rows.first().map(|r| r.string(0)).transpose()?)
        })
        .unwrap()
}

fn main() {
    let Ok(url) = std::env::var("MOTCUA_BENCH_DB") else {
        println!("catalogue bench: set MOTCUA_BENCH_DB to a database made with `motcua demo` (see the file's doc)");
        return;
    };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let store = rt.block_on(async {
        let store = Store::open(&url, DossierCodeFormat::Circular01).expect("open");
        store.migrate().await.expect("migrate");
        grow(&store).await;
        store
    });
    let backend = Backend::connect(&url).unwrap();
    let size = backend.read(|c| Ok(c.query_one("SELECT COUNT(*) FROM procedures", &[])?.i64(0)?)).unwrap();
    let phrases = phrases();
    println!("catalogue bench on {url}: {size} procedures, {} phrases × {ROUNDS} rounds", phrases.len());

    let (mut fts, mut like) = (Vec::new(), Vec::new());
    let (mut fts_first, mut like_hits) = (0, 0);
    for round in 0..ROUNDS {
        for (q, want) in &phrases {
            let t = Instant::now();
            let hits = rt
                .block_on(store.procedures(ProcedureQuery { q: Some((*q).into()), limit: LIMIT, ..Default::default() }))
                .unwrap();
            fts.push(t.elapsed());
            let t = Instant::now();
            let old = like_first(&backend, q);
            like.push(t.elapsed());
            if round == 0 {
                let right = hits.items.first().is_some_and(|p| p.code == *want);
                fts_first += usize::from(right);
                like_hits += usize::from(old.as_deref() == Some(*want));
                let took = fts.last().unwrap().as_secs_f64() * 1e3;
                if !right || took > 50.0 {
                    let top = hits.items.first().map(|p| p.name.as_str()).unwrap_or("-");
                    println!(
                        "  {q:?}: {took:.1} ms, {} matches ({}), first {top:?} (want {want})",
                        hits.total,
                        if hits.all_words { "every word" } else { "some words" }
                    );
                }
            }
        }
    }
    let n = phrases.len();
    println!(
        "full-text: p50 {:.2} ms, p99 {:.2} ms; right procedure first for {fts_first} of {n}",
        pct(&mut fts, 0.5),
        pct(&mut fts, 0.99)
    );
    println!(
        "LIKE '%…%' (before): p50 {:.2} ms, p99 {:.2} ms; right procedure first for {like_hits} of {n}",
        pct(&mut like, 0.5),
        pct(&mut like, 0.99)
    );
}

/// Grows the demo catalogue to [`TARGET`] procedures (once): each demo
/// procedure again under new codes with two qualifiers in its name.
async fn grow(store: &Store) {
    let base = store.export_procedures().await.unwrap();
    if base.len() >= TARGET {
        return;
    }
    let originals: Vec<_> = base.iter().filter(|p| !p.code.starts_with('9')).cloned().collect();
    let mut more = Vec::new();
    let mut n = 0;
    'outer: for a in FIRST {
        for b in SECOND {
            for p in &originals {
                if base.len() + more.len() >= TARGET {
                    break 'outer;
                }
                n += 1;
                let mut copy = p.clone();
                copy.code = format!("9.{n:06}");
                copy.name = format!("{} {a} {b}", p.name);
                more.push(copy);
            }
        }
    }
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(8, 0, 0).unwrap();
    let t = Instant::now();
    let added = store.import_procedures(more, None, now).await.unwrap();
    println!("catalogue bench: {added} procedures added in {:.1} s", t.elapsed().as_secs_f64());
}
