//! The portal's published 766 scores, the same on every database: a batch
//! recorded whole or not at all, replacing the same unit and period, only
//! inside the recorder's scope, read back per province and period.

#[macro_use]
mod common;

use common::fixtures::*;
use motcua_store::{GroupScores, NewPortalScore, Store, StoreError};

on_both!(recorded_whole_or_not_at_all);

fn score(unit: &str, period: &str, total: f64, progress: Option<f64>) -> NewPortalScore {
    NewPortalScore {
        unit_code: unit.into(),
        period: period.into(),
        total,
        groups: GroupScores { progress, ..GroupScores::default() },
    }
}

fn code(e: StoreError) -> (&'static str, Option<String>) {
    match e {
        StoreError::Rule(r) => (r.code, r.field),
        other => panic!("{other:?}"),
    }
}

async fn recorded_whole_or_not_at_all(store: Store) {
    let province = unit(&store, None, "H94", "province").await;
    let commune = unit(&store, Some(&province), "H94.01", "commune").await;
    let other = unit(&store, None, "H95", "province").await;
    let t = at("2026-04-05 09:00");
    let scope = province.path.clone();
    let n = store
        .record_portal_scores(
            scope.clone(),
            vec![score("H94", "2026-q1", 82.4, Some(17.5)), score("H94.01", "2026-Q1", 79.0, None)],
            None,
            t,
        )
        .await
        .unwrap();
    assert_eq!(n, 2);
    let got = store.portal_scores(province.id, "2026-Q1".into()).await.unwrap();
    assert_eq!(got.len(), 2);
    let p = &got[&province.id];
    assert_eq!(
        (p.period.as_str(), p.total, p.groups.progress, p.groups.satisfaction),
        ("2026-Q1", 82.4, Some(17.5), None)
    );
    assert_eq!((got[&commune.id].unit_code.as_str(), p.recorded_at), ("H94.01", t));
    // Recording again replaces; a bad line refuses the whole batch.
    let bad = vec![score("H94", "2026-Q1", 85.0, Some(18.0)), score("H94.01", "2026-Q1", 120.0, None)];
    let e = store.record_portal_scores(scope.clone(), bad, None, t).await.unwrap_err();
    assert_eq!(code(e), ("portal_score_out_of_range", Some("scores[1].total".into())));
    assert_eq!(store.portal_scores(province.id, "2026-Q1".into()).await.unwrap()[&province.id].total, 82.4);
    let e = store.record_portal_scores(scope.clone(), vec![score("H94.99", "2026-Q1", 80.0, None)], None, t).await;
    assert_eq!(code(e.unwrap_err()), ("unknown_unit", Some("scores[0].unit_code".into())));
    let e = store.record_portal_scores(scope.clone(), vec![score("H94", "2026-3", 80.0, None)], None, t).await;
    assert_eq!(code(e.unwrap_err()), ("portal_score_period_invalid", Some("scores[0].period".into())));
    let e = store.record_portal_scores(scope.clone(), vec![score("H95", "2026-Q1", 80.0, None)], None, t).await;
    assert_eq!(code(e.unwrap_err()), ("portal_score_outside_scope", Some("unit_code".into())));
    store.record_portal_scores(scope, vec![score("H94", "2026-Q1", 85.0, Some(18.0))], None, t).await.unwrap();
    let got = store.portal_scores(province.id, "2026-Q1".into()).await.unwrap();
    assert_eq!((got.len(), got[&province.id].total), (2, 85.0));
    assert!(store.portal_scores(other.id, "2026-Q1".into()).await.unwrap().is_empty());
    assert!(store.portal_scores(province.id, "2026-03".into()).await.unwrap().is_empty());
}
