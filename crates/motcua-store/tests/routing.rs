//! Routing, the same on every database: a workflow whose steps name their
//! unit relative to the dossier is resolved when the dossier is created,
//! stored with it, and refused (writing nothing) when a step has no unit
//! or the unit may not receive the procedure.

#[macro_use]
mod common;

use common::fixtures::*;
use motcua_rules::Role;
use motcua_rules::dossier::Action;
use motcua_store::model::*;
use motcua_store::{DossierRef, InboxQuery, Store};

on_both!(
    one_commune_procedure_is_handled_by_each_receiving_commune,
    a_province_procedure_received_at_the_centre_goes_to_its_department,
    an_unresolvable_step_or_a_wrong_receiver_writes_nothing,
);

async fn inbox_count(store: &Store, unit: &Unit, role: Role) -> usize {
    store.inbox(InboxQuery::new(unit.path.clone(), Some(role), 50)).await.unwrap().items.len()
}

async fn one_commune_procedure_is_handled_by_each_receiving_commune(store: Store) {
    let province = unit(&store, None, "H99", "province").await;
    let a = unit(&store, Some(&province), "H99.01", "commune").await;
    let b = unit(&store, Some(&province), "H99.02", "commune").await;
    // Published once, with commune A as its agency: commune B handles its own.
    store
        .save_procedure(
            procedure("1.001193", "commune", "H99.01", two_steps()),
            "created",
            None,
            None,
            at("2025-01-01 08:00"),
        )
        .await
        .unwrap();
    let now = at("2025-03-03 08:00");
    for c in [&a, &b] {
        let counter = staff(&store, c, Role::CounterOfficer).await;
        let specialist = staff(&store, c, Role::Specialist).await;
        let d = receive(&store, "1.001193", c, &counter, now).await.unwrap();
        assert_eq!(d.route.iter().map(|u| u.id).collect::<Vec<_>>(), vec![c.id, c.id]);
        // Stored: read back the same.
        let again = store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap();
        assert_eq!(again.route, d.route);
        let d = act(&store, &d, &counter, Action::Forward, now).await;
        assert_eq!((d.state.current_unit.id, d.state.current_role), (c.id, Role::Specialist));
        assert_eq!(inbox_count(&store, c, Role::Specialist).await, 1, "each commune's own specialist");
        let d = act(&store, &d, &specialist, Action::Forward, now).await;
        assert_eq!((d.state.current_unit.id, d.state.current_role), (c.id, Role::Leader));
    }
}

async fn a_province_procedure_received_at_the_centre_goes_to_its_department(store: Store) {
    let province = unit(&store, None, "H99", "province").await;
    let centre = unit(&store, Some(&province), "H99.TTPVHCC", "centre").await;
    let dept = unit(&store, Some(&province), "H99.STP", "department").await;
    let commune = unit(&store, Some(&province), "H99.01", "commune").await;
    let mut steps = two_steps();
    // A third, liên thông step at the province.
    steps.push(step("Ý kiến", StepUnitKind::Ancestor, Some("province"), Role::Leader, 0));
    store
        .save_procedure(
            procedure("2.001610", "province", "H99.STP", steps),
            "created",
            None,
            None,
            at("2025-01-01 08:00"),
        )
        .await
        .unwrap();
    let now = at("2025-03-03 08:00");
    let counter = staff(&store, &centre, Role::CounterOfficer).await;
    let d = receive(&store, "2.001610", &centre, &counter, now).await.unwrap();
    assert_eq!(d.route.iter().map(|u| u.id).collect::<Vec<_>>(), vec![dept.id, dept.id, province.id]);
    let d = act(&store, &d, &counter, Action::Forward, now).await;
    assert_eq!((d.state.current_unit.id, d.state.current_role), (dept.id, Role::Specialist));
    // Received at the department's own counter too; not at a commune.
    let dept_counter = staff(&store, &dept, Role::CounterOfficer).await;
    assert!(receive(&store, "2.001610", &dept, &dept_counter, now).await.is_ok());
    let commune_counter = staff(&store, &commune, Role::CounterOfficer).await;
    let err = receive(&store, "2.001610", &commune, &commune_counter, now).await.unwrap_err();
    let rule = err.rule().unwrap();
    assert_eq!((rule.code, rule.field.as_deref()), ("receiver_not_allowed", Some("receiving_unit_code")));
    // An administrator adds the commune as a receiver: a new version.
    let mut p = store.procedure("2.001610".into()).await.unwrap().unwrap();
    p.data.extra_receivers = vec!["H99.01".into()];
    store.save_procedure(p.data, "updated", None, Some(p.version), at("2025-01-02 08:00")).await.unwrap();
    let d = receive(&store, "2.001610", &commune, &commune_counter, now).await.unwrap();
    assert_eq!(d.route[0].id, dept.id);
}

async fn an_unresolvable_step_or_a_wrong_receiver_writes_nothing(store: Store) {
    let province = unit(&store, None, "H99", "province").await;
    let commune = unit(&store, Some(&province), "H99.01", "commune").await;
    let mut steps = two_steps();
    steps.push(step("Huyện xác nhận", StepUnitKind::Ancestor, Some("district"), Role::Leader, 0));
    store
        .save_procedure(
            procedure("1.001194", "commune", "H99.01", steps),
            "created",
            None,
            None,
            at("2025-01-01 08:00"),
        )
        .await
        .unwrap();
    let counter = staff(&store, &commune, Role::CounterOfficer).await;
    let now = at("2025-03-03 08:00");
    let err = receive(&store, "1.001194", &commune, &counter, now).await.unwrap_err();
    let rule = err.rule().unwrap();
    assert_eq!((rule.code, rule.field.as_deref()), ("step_unit_unresolved", Some("workflow[2].unit")));
    assert!(rule.message_vi.contains("Bước 3") && rule.message_vi.contains("cấp huyện"), "{}", rule.message_vi);
    assert_eq!(inbox_count(&store, &province, Role::CounterOfficer).await, 0, "nothing half-written");
    // A step without its level is refused when the procedure is saved.
    let bad = vec![step("Cấp trên", StepUnitKind::Ancestor, None, Role::Leader, 1)];
    let err = store
        .save_procedure(procedure("1.001195", "commune", "H99.01", bad), "created", None, None, at("2025-01-01 08:00"))
        .await
        .unwrap_err();
    let rule = err.rule().unwrap();
    assert_eq!((rule.code, rule.field.as_deref()), ("step_unit_level_required", Some("workflow[0].unit_level")));
    // An unknown extra receiver is refused too.
    let mut p = procedure("1.001196", "commune", "H99.01", two_steps());
    p.extra_receivers = vec!["H00.NOPE".into()];
    let err = store.save_procedure(p, "created", None, None, at("2025-01-01 08:00")).await.unwrap_err();
    assert_eq!(err.rule().unwrap().field.as_deref(), Some("extra_receivers[0]"));
}
