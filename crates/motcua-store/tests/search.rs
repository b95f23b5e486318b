//! Staff search, the same on every database: a dossier is found by its
//! code, by its applicant's name (whole, by its last words, with or without
//! diacritics), phone or identity number, only within a subtree holding its
//! receiving unit or a unit of its route; filters narrow; newest first.

#[macro_use]
mod common;

use common::fixtures::*;
use motcua_rules::Role;
use motcua_rules::dossier::Actor;
use motcua_rules::dossier_search::{SearchQuery, parse_query};
use motcua_store::model::*;
use motcua_store::{DossierSearch, NewDossier, Store};

on_both!(a_dossier_is_found_by_what_the_citizen_gives_within_the_units_that_see_it);

fn search(scope: &Unit, q: &str) -> DossierSearch {
    DossierSearch {
        scope_path: scope.path.clone(),
        query: parse_query(q).unwrap(),
        procedure_code: None,
        received_from: None,
        received_before: None,
        limit: 50,
    }
}

async fn codes(store: &Store, q: DossierSearch) -> Vec<String> {
    let hits = store.search_dossiers(q).await.unwrap();
    assert!(!hits.truncated);
    hits.items.into_iter().map(|i| i.code.unwrap_or_default()).collect()
}

async fn a_dossier_is_found_by_what_the_citizen_gives_within_the_units_that_see_it(store: Store) {
    let province = unit(&store, None, "H96", "province").await;
    let a = unit(&store, Some(&province), "H96.01", "commune").await;
    let b = unit(&store, Some(&province), "H96.02", "commune").await;
    publish(&store, "1.001193", "commune", "H96.01").await;
    let counter_a = staff(&store, &a, Role::CounterOfficer).await;
    let counter_b = staff(&store, &b, Role::CounterOfficer).await;
    let version = store.current_version("1.001193".into()).await.unwrap();
    let make = |unit: &Unit, counter: &Actor, name: &str, phone: &str, id: &str, when: &str| {
        let calendar = motcua_rules::calendar::WorkCalendar::vietnam();
        let now = at(when);
        let ctx =
            motcua_rules::dossier::Context { calendar: &calendar, limit: version.data.time_limit, workflow: &[], now };
        NewDossier {
            version: version.clone(),
            receiving_unit: unit.clone(),
            channel: Channel::Counter,
            applicant: Applicant {
                name: name.into(),
                id_number: Some(id.into()),
                phone: Some(phone.into()),
                email: None,
                address: None,
                organization: false,
            },
            components: vec![],
            state: motcua_rules::dossier::receive_at_counter(unit.as_ref(), counter, &ctx).unwrap(),
            event: EventInput::by("receive_at_counter", counter, None),
            idempotency: None,
            now,
        }
    };
    let (mai, _) = store
        .create_dossier(make(&a, &counter_a, "Nông Thị Mai", "0912345678", "004123456789", "2026-03-09 08:00"))
        .await
        .unwrap();
    let (mai_later, _) = store
        .create_dossier(make(&a, &counter_a, "Đàm Thị Mai", "0987654321", "004987654321", "2026-03-10 08:00"))
        .await
        .unwrap();
    let (other, _) = store
        .create_dossier(make(&b, &counter_b, "Nông Thị Mai", "0912345678", "004123456789", "2026-03-11 08:00"))
        .await
        .unwrap();
    let code = |d: &Dossier| d.code.clone().unwrap();

    // By name, however it is typed; newest first.
    for typed in ["Nông Thị Mai", "nong thi mai", "NÔNG THỊ MAI", "Thị Mai", "mai"] {
        let found = codes(&store, search(&a, typed)).await;
        if typed == "Thị Mai" || typed == "mai" {
            assert_eq!(found, [code(&mai_later), code(&mai)], "{typed}");
        } else {
            assert_eq!(found, [code(&mai)], "{typed}");
        }
    }
    assert!(codes(&store, search(&a, "Nông Mai")).await.is_empty(), "not a run of the last words");
    // By phone (any written form) and identity number.
    assert_eq!(codes(&store, search(&a, "0912 345 678")).await, [code(&mai)]);
    assert_eq!(codes(&store, search(&a, "+84912345678")).await, [code(&mai)]);
    assert_eq!(codes(&store, search(&a, "004123456789")).await, [code(&mai)]);
    // By code, lower-cased.
    assert_eq!(codes(&store, search(&a, &code(&mai).to_lowercase())).await, [code(&mai)]);
    assert!(matches!(parse_query(&code(&mai)).unwrap(), SearchQuery::Code(_)));

    // Scope: commune b's dossier is not found from a, nor a's from b; the
    // province finds both.
    assert!(codes(&store, search(&b, &code(&mai))).await.is_empty());
    assert_eq!(codes(&store, search(&b, "0912345678")).await, [code(&other)]);
    assert_eq!(codes(&store, search(&province, "nong thi mai")).await, [code(&other), code(&mai)]);

    // Filters: received date range and procedure.
    let mut q = search(&province, "mai");
    q.received_from = Some(at("2026-03-10 00:00"));
    q.received_before = Some(at("2026-03-11 00:00"));
    assert_eq!(codes(&store, q).await, [code(&mai_later)]);
    let mut q = search(&province, "mai");
    q.procedure_code = Some("9.999999".into());
    assert!(codes(&store, q).await.is_empty());
}
