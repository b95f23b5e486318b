//! Per-step deadlines, the same on every database: each step visit gets
//! its row in `dossier_steps` in the transaction of the action that started
//! it, with its own due moment (moved by a pause), and is closed with its
//! lateness and working days by the action that ended it; the running
//! step's clock is on the dossier row for the inbox; the per-unit figures
//! count the finished visits.

#[macro_use]
mod common;

use common::fixtures::*;
use motcua_rules::Role;
use motcua_rules::calendar::WorkCalendar;
use motcua_rules::dossier::Action;
use motcua_store::model::*;
use motcua_store::{DossierRef, InboxQuery, Store};

on_both!(a_forwarded_dossier_records_its_step_visits_with_their_own_deadlines);

async fn a_forwarded_dossier_records_its_step_visits_with_their_own_deadlines(store: Store) {
    let province = unit(&store, None, "H98", "province").await;
    let commune = unit(&store, Some(&province), "H98.01", "commune").await;
    let steps = vec![
        step("Thẩm định", StepUnitKind::Implementing, None, Role::Specialist, 2),
        step("Phê duyệt", StepUnitKind::Implementing, None, Role::Leader, 1),
    ];
    store
        .save_procedure(
            procedure("1.001193", "commune", "H98.01", steps),
            "created",
            None,
            None,
            at("2025-01-01 08:00"),
        )
        .await
        .unwrap();
    let counter = staff(&store, &commune, Role::CounterOfficer).await;
    let specialist = staff(&store, &commune, Role::Specialist).await;
    let leader = staff(&store, &commune, Role::Leader).await;

    // Received Monday 9/3/2026: the dossier is due Monday 16 (5 working days).
    let d = receive(&store, "1.001193", &commune, &counter, at("2026-03-09 08:00")).await.unwrap();
    assert_eq!(d.state.due_at, Some(end_of("2026-03-16")));
    assert!(store.dossier_steps(d.id).await.unwrap().is_empty(), "the counter is no step");

    let d = act(&store, &d, &counter, Action::Forward, at("2026-03-09 09:00")).await;
    let stored = store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap();
    assert_eq!(stored.state.step_started_at, Some(at("2026-03-09 09:00")));
    assert_eq!(stored.state.step_due_at, Some(end_of("2026-03-11")), "a share of 2 working days");
    let inbox = store.inbox(InboxQuery::new(commune.path.clone(), Some(Role::Specialist), 10)).await.unwrap();
    assert_eq!(inbox.items[0].step_due_at, Some(end_of("2026-03-11")));
    let visits = store.dossier_steps(d.id).await.unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!((visits[0].step, visits[0].unit_id, visits[0].role), (0, commune.id, Role::Specialist));
    assert_eq!((visits[0].due_at, visits[0].ended_at, visits[0].late), (Some(end_of("2026-03-11")), None, None));

    // Waiting for a supplement from Tuesday 10 to Thursday 12: two working
    // days added to the step, as to the dossier.
    let d = act(&store, &d, &specialist, Action::RequestSupplement, at("2026-03-10 10:00")).await;
    let d = act(&store, &d, &counter, Action::SupplementReceived, at("2026-03-12 10:00")).await;
    assert_eq!(d.state.due_at, Some(end_of("2026-03-18")));
    let visits = store.dossier_steps(d.id).await.unwrap();
    assert_eq!((visits[0].due_at, visits[0].paused_days), (Some(end_of("2026-03-13")), 2));

    // The examination ends on Monday 16, after its Friday: late.
    let d = act(&store, &d, &specialist, Action::Forward, at("2026-03-16 09:00")).await;
    // The approval keeps its one day: finished Tuesday 17, on time.
    let d = act(&store, &d, &leader, Action::Finish, at("2026-03-17 10:00")).await;
    assert_eq!(d.state.processing_days, Some(4));
    assert!(
        d.state
            .timeliness(at("2026-03-17 10:00"), &WorkCalendar::vietnam())
            .is_some_and(|t| t != motcua_rules::calendar::Timeliness::Late)
    );
    let stored = store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap();
    assert_eq!(stored, d, "what the action answered is what was stored");
    assert_eq!((stored.state.step_started_at, stored.state.step_due_at), (None, None));

    let visits = store.dossier_steps(d.id).await.unwrap();
    assert_eq!(visits.len(), 2);
    let (first, second) = (&visits[0], &visits[1]);
    assert_eq!(first.ended_at, Some(at("2026-03-16 09:00")));
    assert_eq!(first.late, Some(true));
    // Monday 9 to Monday 16: five working days, less the two paused.
    assert_eq!(first.working_days, Some(3));
    assert_eq!((second.step, second.role, second.unit_name.as_str()), (1, Role::Leader, "Đơn vị H98.01"));
    assert_eq!(second.started_at, at("2026-03-16 09:00"));
    assert_eq!(second.due_at, Some(end_of("2026-03-17")));
    assert_eq!(
        (second.ended_at, second.late, second.working_days),
        (Some(at("2026-03-17 10:00")), Some(false), Some(1))
    );

    // The unit's per-step figures for March; nothing in April.
    let march =
        store.step_timeliness(province.path.clone(), at("2026-03-01 00:00"), at("2026-04-01 00:00")).await.unwrap();
    assert_eq!(march.len(), 1);
    let f = &march[0];
    assert_eq!((f.unit_id, f.finished, f.late, f.unknown, f.working_days, f.timed), (commune.id, 2, 1, 0, 4, 2));
    let april =
        store.step_timeliness(province.path.clone(), at("2026-04-01 00:00"), at("2026-05-01 00:00")).await.unwrap();
    assert!(april.is_empty());
}
