//! Statistics credited twice, the same on every database: a dossier counts
//! for the unit that received it (intake) and for the unit that handles it
//! (handling: the unit implementing its procedure), and a period running
//! past today counts as past due only what is already past due today.

#[macro_use]
mod common;

use chrono::NaiveDate;
use common::fixtures::*;
use motcua_rules::Role;
use motcua_rules::credit::Basis;
use motcua_rules::dossier::Action;
use motcua_rules::period::Period;
use motcua_store::model::*;
use motcua_store::{DossierRef, Store, UnitSet, UnitStats};

on_both!(
    a_province_procedure_received_at_the_centre_credits_its_department_under_handling,
    a_commune_procedure_credits_each_receiving_commune_both_ways,
    past_due_in_a_period_running_past_today_counts_only_what_is_past_due_today,
);

async fn one(store: &Store, unit: &Unit, basis: Basis, period: Period, today: NaiveDate) -> UnitStats {
    store.subtree_stats(UnitSet::One(unit.id), basis, period, today).await.unwrap().remove(0)
}

async fn a_province_procedure_received_at_the_centre_credits_its_department_under_handling(store: Store) {
    let province = unit(&store, None, "H99", "province").await;
    let centre = unit(&store, Some(&province), "H99.TTPVHCC", "centre").await;
    let dept = unit(&store, Some(&province), "H99.STP", "department").await;
    publish(&store, "2.001610", "province", "H99.STP").await;
    let counter = staff(&store, &centre, Role::CounterOfficer).await;
    let specialist = staff(&store, &dept, Role::Specialist).await;
    let leader = staff(&store, &dept, Role::Leader).await;
    let d = receive(&store, "2.001610", &centre, &counter, at("2025-03-03 08:00")).await.unwrap();
    assert_eq!(d.handling_unit.id, dept.id, "fixed at creation: the owning department");
    assert_eq!(store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap().handling_unit, d.handling_unit);
    let d = act(&store, &d, &counter, Action::Forward, at("2025-03-03 09:00")).await;
    let d = act(&store, &d, &specialist, Action::Forward, at("2025-03-04 09:00")).await;
    act(&store, &d, &leader, Action::Finish, at("2025-03-05 09:00")).await;
    // A second one, still open.
    receive(&store, "2.001610", &centre, &counter, at("2025-03-06 08:00")).await.unwrap();

    let march = Period::parse("2025-03").unwrap();
    let today = day("2025-03-31");
    let c_in = one(&store, &centre, Basis::Intake, march, today).await;
    let c_h = one(&store, &centre, Basis::Handling, march, today).await;
    let d_in = one(&store, &dept, Basis::Intake, march, today).await;
    let d_h = one(&store, &dept, Basis::Handling, march, today).await;
    assert_eq!((c_in.received_counter, c_in.resolved(), c_in.in_process()), (2, 1, 1), "the centre received both");
    assert!(!c_h.has_activity(), "the centre handles none");
    assert!(!d_in.has_activity(), "the department received none at its counter");
    assert_eq!((d_h.received_counter, d_h.resolved_early, d_h.in_process()), (2, 1, 1), "credited to the department");
    assert_eq!(d_h.average_processing_days, c_in.average_processing_days);
    // The daily counters say the same, per credited unit.
    let daily = store.unit_stats(province.path.clone(), Basis::Handling, march, today).await.unwrap();
    assert_eq!(daily.iter().map(|s| s.unit_id).collect::<Vec<_>>(), vec![dept.id]);
    let procedures = store.procedure_stats(dept.path.clone(), Basis::Handling, march, today).await.unwrap();
    assert_eq!((procedures.len(), procedures[0].code.as_str(), procedures[0].stats.received()), (1, "2.001610", 2));
    assert!(store.procedure_stats(dept.path.clone(), Basis::Intake, march, today).await.unwrap().is_empty());
    let check = store.check_stats().await.unwrap();
    assert_eq!(check.differences, 0);
    assert_eq!(store.rebuild_stats().await.unwrap().differences, 0);
    assert_eq!(store.check_stats().await.unwrap(), check);
}

async fn a_commune_procedure_credits_each_receiving_commune_both_ways(store: Store) {
    let province = unit(&store, None, "H99", "province").await;
    let a = unit(&store, Some(&province), "H99.01", "commune").await;
    let b = unit(&store, Some(&province), "H99.02", "commune").await;
    publish(&store, "1.001193", "commune", "H99.01").await;
    for (c, n) in [(&a, 1), (&b, 2)] {
        let counter = staff(&store, c, Role::CounterOfficer).await;
        for i in 0..n {
            let d = receive(&store, "1.001193", c, &counter, at("2025-03-03 08:00") + chrono::Duration::hours(i))
                .await
                .unwrap();
            assert_eq!(d.handling_unit.id, c.id, "not the agency as published");
        }
    }
    let march = Period::parse("2025-03").unwrap();
    for basis in Basis::ALL {
        assert_eq!(one(&store, &a, basis, march, day("2025-12-31")).await.received(), 1, "{basis:?}");
        assert_eq!(one(&store, &b, basis, march, day("2025-12-31")).await.received(), 2, "{basis:?}");
    }
    assert_eq!(store.check_stats().await.unwrap().differences, 0);
}

async fn past_due_in_a_period_running_past_today_counts_only_what_is_past_due_today(store: Store) {
    let province = unit(&store, None, "H99", "province").await;
    let a = unit(&store, Some(&province), "H99.01", "commune").await;
    publish(&store, "1.001193", "commune", "H99.01").await;
    let counter = staff(&store, &a, Role::CounterOfficer).await;
    // Received Mon 3 March, due Mon 10 March: past due from the 11th.
    let d = receive(&store, "1.001193", &a, &counter, at("2025-03-03 08:00")).await.unwrap();
    assert_eq!(d.state.due_at.unwrap().date(), day("2025-03-10"));
    let year = Period::parse("2025").unwrap();
    for basis in Basis::ALL {
        let on_the_due_day = one(&store, &a, basis, year, day("2025-03-10")).await;
        assert_eq!((on_the_due_day.in_process_within_due, on_the_due_day.in_process_past_due), (1, 0), "{basis:?}");
        let after = one(&store, &a, basis, year, day("2025-03-11")).await;
        assert_eq!((after.in_process_within_due, after.in_process_past_due), (0, 1), "{basis:?}");
    }
    // A period that starts after today has no figures at all.
    let next = Period::parse("2025-04").unwrap();
    assert!(!one(&store, &a, Basis::Handling, next, day("2025-03-11")).await.has_activity());
    assert!(store.unit_stats(province.path.clone(), Basis::Intake, next, day("2025-03-11")).await.unwrap().is_empty());
    // Month by month, the months after today are empty.
    let trend = store.subtree_trend(a.id, Basis::Handling, Period::parse("2025-Q1").unwrap(), day("2025-02-15")).await;
    assert!(trend.unwrap().iter().all(|(_, s)| !s.has_activity()));
}
