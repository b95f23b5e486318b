//! The register of dossiers, the same on every database: the dossiers a
//! subtree's counters received, oldest first, filtered by period, status
//! and timeliness, counted over all pages, with the hand-over to the first
//! step; and the counter's phone and hours of a unit.

#[macro_use]
mod common;

use common::fixtures::*;
use motcua_rules::Role;
use motcua_rules::dossier::{Action, Status};
use motcua_store::model::*;
use motcua_store::{RegisterQuery, RegisterTimeliness, Store, ViewedVia};

on_both!(the_register_lists_what_the_subtree_received_with_its_filters, a_unit_keeps_its_counter_phone_and_hours);

fn query(scope: &Unit, now: &str) -> RegisterQuery {
    RegisterQuery {
        scope_path: scope.path.clone(),
        received_from: None,
        received_before: None,
        procedure_code: None,
        status: None,
        timeliness: None,
        now: at(now),
        offset: 0,
        limit: 50,
    }
}

async fn codes(store: &Store, q: RegisterQuery) -> (Vec<String>, u64) {
    let page = store.register(q).await.unwrap();
    (page.entries.iter().map(|e| e.dossier.code.clone().unwrap()).collect(), page.total)
}

async fn the_register_lists_what_the_subtree_received_with_its_filters(store: Store) {
    let province = unit(&store, None, "H95", "province").await;
    let a = unit(&store, Some(&province), "H95.01", "commune").await;
    let b = unit(&store, Some(&province), "H95.02", "commune").await;
    publish(&store, "1.001193", "commune", "H95.01").await;
    publish(&store, "1.001194", "commune", "H95.02").await;
    let counter_a = staff(&store, &a, Role::CounterOfficer).await;
    let counter_b = staff(&store, &b, Role::CounterOfficer).await;
    // Monday 9/3/2026 and Tuesday 10: five working days, due 16 and 17.
    let first = receive(&store, "1.001193", &a, &counter_a, at("2026-03-09 08:00")).await.unwrap();
    let second = receive(&store, "1.001193", &a, &counter_a, at("2026-03-10 08:00")).await.unwrap();
    let other = receive(&store, "1.001194", &b, &counter_b, at("2026-03-10 09:00")).await.unwrap();
    let code = |d: &Dossier| d.code.clone().unwrap();

    // The unit sees its own, oldest first; the province sees both units'.
    assert_eq!(codes(&store, query(&a, "2026-03-11 08:00")).await, (vec![code(&first), code(&second)], 2));
    let (all, total) = codes(&store, query(&province, "2026-03-11 08:00")).await;
    assert_eq!((all, total), (vec![code(&first), code(&second), code(&other)], 3));

    // A period is [from, before); a page counts the whole register.
    let mut q = query(&province, "2026-03-11 08:00");
    q.received_from = Some(at("2026-03-10 00:00"));
    q.received_before = Some(at("2026-03-11 00:00"));
    assert_eq!(codes(&store, q.clone()).await, (vec![code(&second), code(&other)], 2));
    q.limit = 1;
    q.offset = 1;
    assert_eq!(codes(&store, q).await, (vec![code(&other)], 2));
    let mut q = query(&province, "2026-03-11 08:00");
    q.procedure_code = Some("1.001194".into());
    assert_eq!(codes(&store, q).await.0, vec![code(&other)]);

    // The first, forwarded, is handed over to its first step; the others are still at the counter.
    act(&store, &first, &counter_a, Action::Forward, at("2026-03-09 09:30")).await;
    let page = store.register(query(&a, "2026-03-11 08:00")).await.unwrap();
    assert_eq!(page.entries[0].handed_to, Some((at("2026-03-09 09:30"), a.name.clone())));
    assert_eq!(page.entries[0].receiving_unit_name, a.name);
    assert_eq!(page.entries[0].procedure_code, "1.001193");
    assert_eq!(page.entries[0].dossier.applicant.phone.as_deref(), Some("0912345678"));
    assert_eq!(page.entries[1].handed_to, None);
    let mut q = query(&province, "2026-03-11 08:00");
    q.status = Some(Status::InProcess);
    assert_eq!(codes(&store, q).await.0, vec![code(&first)]);

    // On Tuesday 17 at noon the first (due Monday 16) is late, the second
    // (due Tuesday 17, end of day) still on time.
    let mut q = query(&a, "2026-03-17 12:00");
    q.timeliness = Some(RegisterTimeliness::Late);
    assert_eq!(codes(&store, q.clone()).await.0, vec![code(&first)]);
    q.timeliness = Some(RegisterTimeliness::OnTime);
    assert_eq!(codes(&store, q).await.0, vec![code(&second)]);

    // Showing a page records one view per dossier, in one go.
    let viewer = counter_a.user_id;
    let ids = vec![first.id, second.id];
    store.record_data_views(viewer, a.path.clone(), ids, ViewedVia::Register, at("2026-03-11 08:00")).await.unwrap();
    let views = store.data_views(a.path.clone(), None, None, 10).await.unwrap();
    assert_eq!(views.len(), 2);
    assert!(views.iter().all(|v| v.via == ViewedVia::Register && v.user_id == viewer));
}

async fn a_unit_keeps_its_counter_phone_and_hours(store: Store) {
    let province = unit(&store, None, "H94", "province").await;
    let a = unit(&store, Some(&province), "H94.01", "commune").await;
    assert_eq!((a.phone.as_deref(), a.counter_hours.as_deref()), (None, None));
    let set = store.set_unit_counter(a.id, Some("0206 3852 123".into()), Some("07:00-16:30".into())).await.unwrap();
    assert_eq!((set.phone.as_deref(), set.counter_hours.as_deref()), (Some("0206 3852 123"), Some("07:00-16:30")));
    let read = store.unit(a.id).await.unwrap().unwrap();
    assert_eq!(read, set);
    let cleared = store.set_unit_counter(a.id, None, None).await.unwrap();
    assert_eq!((cleared.phone, cleared.counter_hours), (None, None));
    assert!(store.set_unit_counter(9_999_999, None, None).await.is_err());
}
