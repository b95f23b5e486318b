//! 766 indicators 1.1–1.3 from the catalogue, the same on every database:
//! each decision's latest dates, a procedure counted once per period and
//! late if any decision was, credited to its agency's subtree; the dates
//! checked as they are saved.

#[macro_use]
mod common;

use std::sync::Arc;

use common::fixtures::*;
use motcua_rules::calendar::WorkCalendar;
use motcua_rules::index766::publication::{PublicationCounts, PublisherLevel};
use motcua_rules::period::Period;
use motcua_store::model::{Component, ProcedureData, PublicationStatus};
use motcua_store::{Store, StoreError, UnitSet};

on_both!(catalogue_counts_per_unit, dates_are_checked_when_saved);

fn dated(
    code: &str,
    agency: &str,
    decision: &str,
    decided: &str,
    basis: Option<&str>,
    public: Option<&str>,
) -> ProcedureData {
    let mut p = procedure(code, "province", agency, two_steps());
    p.publication.decision = Some(decision.into());
    p.publication.decision_date = Some(day(decided));
    p.publication.basis_effective = basis.map(day);
    p.publication.public_date = public.map(day);
    p
}

fn complete(mut p: ProcedureData) -> ProcedureData {
    p.components = vec![Component { name: "Tờ khai".into(), form: None, originals: 1, copies: 0, required: true }];
    p.applicants = Some("Công dân Việt Nam".into());
    p
}

async fn counts(store: &Store, set: UnitSet) -> PublicationCounts {
    let march = Period::month(2026, 3).unwrap();
    let cal = Arc::new(WorkCalendar::vietnam());
    let got = store.publication_counts(set, march, day("2026-06-01"), PublisherLevel::Province, cal).await.unwrap();
    assert!(got.len() <= 1);
    got.into_values().next().unwrap_or_default()
}

async fn catalogue_counts_per_unit(store: Store) {
    let province = unit(&store, None, "H92", "province").await;
    let commune = unit(&store, Some(&province), "H92.01", "commune").await;
    let dept = unit(&store, Some(&province), "H92.02", "department").await;
    let t = at("2026-03-20 08:00");
    // P1: 10/QĐ of 02/03 (basis 16/03: on time; public 05/03 ≤ 09/03), then
    // 20/QĐ of 12/03 (basis 16/03: 2 working days, late; public 13/03 ≤
    // 19/03) ⇒ 1.1 late, counted once; 1.2 on time.
    let p1 = dated("1.000001", "H92.02", "10/QĐ-UBND", "2026-03-02", Some("2026-03-16"), Some("2026-03-05"));
    store.save_procedure(p1, "created", None, None, t).await.unwrap();
    let p1 = dated("1.000001", "H92.02", "20/QĐ-UBND", "2026-03-12", Some("2026-03-16"), Some("2026-03-13"));
    store.save_procedure(p1, "amended", None, Some(1), t).await.unwrap();
    // P2: 11/QĐ of 02/03, first saved without a public date, then corrected
    // to public on 06/03: the latest values count ⇒ 1.1 and 1.2 on time.
    let p2 = complete(dated("1.000002", "H92.02", "11/QĐ-UBND", "2026-03-02", Some("2026-03-16"), None));
    store.save_procedure(p2.clone(), "created", None, None, t).await.unwrap();
    let mut p2 = p2;
    p2.publication.public_date = Some(day("2026-03-06"));
    store.save_procedure(p2, "updated", None, Some(1), t).await.unwrap();
    // P3 (the commune's): no effective date ⇒ 1.1 not measurable; made
    // public on 03/03 ⇒ 1.2 on time.
    let p3 = dated("1.000003", "H92.01", "12/QĐ-UBND", "2026-03-02", None, Some("2026-03-03"));
    store.save_procedure(p3, "created", None, None, t).await.unwrap();
    // P4: complete, no decision: 1.3 only. P5: abolished, not in force.
    store
        .save_procedure(complete(procedure("1.000004", "province", "H92.02", two_steps())), "created", None, None, t)
        .await
        .unwrap();
    let mut p5 = complete(procedure("1.000005", "province", "H92.02", two_steps()));
    p5.publication.status = PublicationStatus::Abolished;
    store.save_procedure(p5, "created", None, None, t).await.unwrap();

    let d = counts(&store, UnitSet::One(dept.id)).await;
    assert_eq!((d.published, d.published_on_time, d.published_unmeasurable), (2, 1, 0), "{d:?}");
    assert_eq!((d.public_due, d.public_on_time, d.public_unmeasurable), (2, 2, 0));
    assert_eq!((d.in_force, d.content_complete, d.with_decisions), (3, 2, 2), "P2 and P4 state every part");
    let c = counts(&store, UnitSet::One(commune.id)).await;
    assert_eq!((c.published, c.published_unmeasurable, c.public_due, c.public_on_time), (0, 1, 1, 1));
    assert_eq!((c.in_force, c.content_complete), (1, 0), "no components, no applicants");
    let p = counts(&store, UnitSet::One(province.id)).await;
    assert_eq!((p.published, p.published_on_time, p.published_unmeasurable), (2, 1, 1));
    assert_eq!((p.public_due, p.public_on_time, p.in_force, p.with_decisions), (3, 3, 4, 3));
    // Children: one entry per unit with procedures.
    let cal = Arc::new(WorkCalendar::vietnam());
    let march = Period::month(2026, 3).unwrap();
    let kids = store
        .publication_counts(UnitSet::Children(province.id), march, day("2026-06-01"), PublisherLevel::Province, cal)
        .await
        .unwrap();
    assert_eq!((kids[&dept.id], kids[&commune.id]), (d, c));
    // February: no decision dated in it, none due ⇒ 1.1 and 1.2 empty,
    // 1.3 is the same point-in-time count.
    let feb = Period::month(2026, 2).unwrap();
    let cal = Arc::new(WorkCalendar::vietnam());
    let f = store.publication_counts(UnitSet::One(dept.id), feb, day("2026-06-01"), PublisherLevel::Province, cal);
    let f = f.await.unwrap()[&dept.id];
    assert_eq!((f.published, f.public_due, f.in_force, f.with_decisions), (0, 0, 3, 0));
}

async fn dates_are_checked_when_saved(store: Store) {
    let province = unit(&store, None, "H93", "province").await;
    let _ = province;
    let t = at("2026-03-20 08:00");
    let bad = dated("1.000009", "H93", "1/QĐ-UBND", "2026-03-10", None, Some("2026-03-09"));
    let code = |e: StoreError| match e {
        StoreError::Rule(r) => (r.code, r.field),
        other => panic!("{other:?}"),
    };
    let e = store.save_procedure(bad.clone(), "created", None, None, t).await.unwrap_err();
    assert_eq!(code(e), ("publication_public_before_decision", Some("publication.public_date".into())));
    let mut undated = bad;
    undated.publication.decision_date = None;
    let e = store.save_procedure(undated, "created", None, None, t).await.unwrap_err();
    assert_eq!(code(e), ("publication_decision_date_required", Some("publication.decision_date".into())));
    assert!(store.current_version("1.000009".into()).await.is_err(), "nothing written");
}

/// The read-time cost on a province-sized catalogue (docs/index766.md
/// §9.1): 2,000 procedures, each with a dated decision, on SQLite. Run with
/// `cargo test --release -p motcua-store --test catalogue_766 -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run on its own, in release"]
async fn cost_on_a_province_catalogue() {
    let store = common::open(motcua_store::testing::sqlite_url()).await;
    let province = unit(&store, None, "H96", "province").await;
    let catalogue: Vec<ProcedureData> = (0..2_000)
        .map(|i| {
            let public = if i % 4 == 0 { Some("2026-03-12") } else { Some("2026-03-05") };
            complete(dated(&format!("2.{i:06}"), "H96", "5/QĐ-UBND", "2026-03-02", Some("2026-03-16"), public))
        })
        .collect();
    store.import_procedures(catalogue, None, at("2026-03-20 08:00")).await.unwrap();
    let cal = Arc::new(WorkCalendar::vietnam());
    let march = Period::month(2026, 3).unwrap();
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let got = store
            .publication_counts(
                UnitSet::One(province.id),
                march,
                day("2026-06-01"),
                PublisherLevel::Province,
                cal.clone(),
            )
            .await
            .unwrap();
        times.push(t.elapsed());
        let p = got[&province.id];
        assert_eq!(
            (p.published, p.published_on_time, p.public_due, p.public_on_time, p.in_force),
            (2000, 2000, 2000, 1500, 2000)
        );
    }
    times.sort();
    println!("1.1–1.3 over 2,000 procedures: median {:?} (min {:?}, max {:?})", times[2], times[0], times[4]);
    assert!(times[2] < std::time::Duration::from_secs(1));
}
