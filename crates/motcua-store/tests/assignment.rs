//! Assignment, the same on every database: the officer a dossier is
//! assigned to is checked again inside the action's transaction, so an
//! account deactivated or moved to another unit after the page read it is
//! not given work, and nothing is written.

#[macro_use]
mod common;

use common::fixtures::*;
use motcua_rules::Role;
use motcua_rules::dossier::{Action, Actor, Assignee};
use motcua_store::model::*;
use motcua_store::{DossierRef, Store, StoreError};

on_both!(an_account_changed_after_it_was_read_is_not_given_the_dossier);

/// The assignee as a page read it: active, in its unit.
fn as_read(a: &Actor) -> Action {
    Action::Assign { assignee: Assignee { user_id: a.user_id, role: a.role, unit: a.unit.clone(), active: true } }
}

fn code(e: StoreError) -> String {
    match e {
        StoreError::Rule(r) => r.code.to_string(),
        other => panic!("expected a rule error, got {other:?}"),
    }
}

async fn an_account_changed_after_it_was_read_is_not_given_the_dossier(store: Store) {
    let province = unit(&store, None, "H97", "province").await;
    let commune = unit(&store, Some(&province), "H97.01", "commune").await;
    let other = unit(&store, Some(&province), "H97.02", "commune").await;
    publish(&store, "1.001193", "commune", "H97.01").await;
    let counter = staff(&store, &commune, Role::CounterOfficer).await;
    let leader = staff(&store, &commune, Role::Leader).await;
    let first = staff(&store, &commune, Role::Specialist).await;
    let new = NewUser {
        username: "chuyenvien2.h97.01".into(),
        password_hash: "x".into(),
        full_name: "Chuyên viên 2".into(),
        role: Role::Specialist,
        unit_id: Some(commune.id),
    };
    let second = Actor { user_id: store.create_user(new, at("2025-01-01 08:00")).await.unwrap().id, ..first.clone() };

    let d = receive(&store, "1.001193", &commune, &counter, at("2026-03-09 08:00")).await.unwrap();
    let d = act(&store, &d, &counter, Action::Forward, at("2026-03-09 09:00")).await;

    // Deactivated between the read and the action: refused, nothing written.
    let off = UserChange { role: Role::Specialist, unit_id: Some(commune.id), active: false };
    store.update_user(first.user_id, off, at("2026-03-09 09:30")).await.unwrap();
    let err = try_act(&store, &d, &leader, as_read(&first), at("2026-03-09 10:00")).await.unwrap_err();
    assert_eq!(code(err), "assignee_inactive");

    // Moved to another commune: refused too.
    let moved = UserChange { role: Role::Specialist, unit_id: Some(other.id), active: true };
    store.update_user(second.user_id, moved, at("2026-03-09 09:30")).await.unwrap();
    let err = try_act(&store, &d, &leader, as_read(&second), at("2026-03-09 10:00")).await.unwrap_err();
    assert_eq!(code(err), "assignee_other_unit");

    let stored = store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap();
    assert_eq!((stored.version, stored.state.assigned_user_id), (d.version, None));
    assert_eq!(store.dossier_events(d.id).await.unwrap().len(), 2, "receive and forward only");

    // Back in the commune: the same assignment is accepted.
    let back = UserChange { role: Role::Specialist, unit_id: Some(commune.id), active: true };
    store.update_user(second.user_id, back, at("2026-03-09 10:30")).await.unwrap();
    let d = try_act(&store, &d, &leader, as_read(&second), at("2026-03-09 11:00")).await.unwrap();
    assert_eq!(d.state.assigned_user_id, Some(second.user_id));
}
