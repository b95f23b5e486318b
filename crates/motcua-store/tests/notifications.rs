//! The notification outbox and escalation, the same on every database: a
//! notice is written in the transaction of the action that causes it and
//! never on a refusal; a claimed notice leaves the queue, a failure comes
//! back after its backoff; each escalation level of a step visit is written
//! once, however many rounds or processes try.

#[macro_use]
mod common;

use common::fixtures::*;
use motcua_rules::Role;
use motcua_rules::dossier::Action;
use motcua_rules::escalation::Level;
use motcua_rules::notice::{ChannelKind, DeliveryStatus, NoticeKind};
use motcua_store::{Outcome, Store};

on_both!(
    a_notice_is_written_with_its_action_and_never_on_refusal,
    a_claimed_notice_leaves_the_queue_and_a_failure_comes_back_after_its_backoff,
    each_level_of_a_step_visit_is_escalated_once,
);

async fn a_notice_is_written_with_its_action_and_never_on_refusal(store: Store) {
    let province = unit(&store, None, "H96", "province").await;
    let commune = unit(&store, Some(&province), "H96.01", "commune").await;
    publish(&store, "1.001193", "commune", "H96.01").await;
    let counter = staff(&store, &commune, Role::CounterOfficer).await;
    let specialist = staff(&store, &commune, Role::Specialist).await;
    let leader = staff(&store, &commune, Role::Leader).await;

    let d = receive(&store, "1.001193", &commune, &counter, at("2026-03-09 08:00")).await.unwrap();
    let kinds = |store: Store, id| async move {
        store.dossier_notifications(id).await.unwrap().into_iter().map(|n| (n.kind, n.status)).collect::<Vec<_>>()
    };
    assert_eq!(kinds(store.clone(), d.id).await, [(NoticeKind::Received, DeliveryStatus::Pending)]);

    // An action that tells nobody writes nothing.
    let d = act(&store, &d, &counter, Action::Forward, at("2026-03-09 09:00")).await;
    assert_eq!(kinds(store.clone(), d.id).await.len(), 1);

    // Refused by the rules (the counter cannot finish), and refused as
    // stale: nothing written, the notice included.
    assert!(try_act(&store, &d, &counter, Action::Finish, at("2026-03-09 10:00")).await.is_err());
    let stale = motcua_store::model::Dossier { version: d.version - 1, ..d.clone() };
    assert!(try_act(&store, &stale, &specialist, Action::Forward, at("2026-03-09 10:00")).await.is_err());
    assert_eq!(kinds(store.clone(), d.id).await.len(), 1);

    let d = act(&store, &d, &specialist, Action::Forward, at("2026-03-10 09:00")).await;
    let d = act(&store, &d, &leader, Action::Finish, at("2026-03-10 10:00")).await;
    assert_eq!(
        kinds(store.clone(), d.id).await,
        [(NoticeKind::Received, DeliveryStatus::Pending), (NoticeKind::ResultReady, DeliveryStatus::Pending)]
    );
}

async fn a_claimed_notice_leaves_the_queue_and_a_failure_comes_back_after_its_backoff(store: Store) {
    let province = unit(&store, None, "H95", "province").await;
    let commune = unit(&store, Some(&province), "H95.01", "commune").await;
    publish(&store, "1.001193", "commune", "H95.01").await;
    let counter = staff(&store, &commune, Role::CounterOfficer).await;
    let t0 = at("2026-03-09 08:00");
    let d = receive(&store, "1.001193", &commune, &counter, t0).await.unwrap();

    let due = store.claim_notifications(t0, 10).await.unwrap();
    assert_eq!(due.len(), 1);
    let n = &due[0];
    assert_eq!((n.kind, n.dossier_id, n.attempts), (NoticeKind::Received, d.id, 0));
    assert_eq!(n.applicant.phone.as_deref(), Some("0912345678"));
    assert_eq!(n.due_after, d.state.due_at, "the appointment of the event");
    assert!(n.dossier_code.is_some());
    // Claimed: a second sender at the same moment gets nothing.
    assert!(store.claim_notifications(t0, 10).await.unwrap().is_empty());

    // The mail server is down: retried after the first backoff (1 minute).
    let failed = Outcome::Failed {
        channel: ChannelKind::Email,
        address_masked: "n***@example.vn".into(),
        code: "smtp_unreachable",
        transient: true,
    };
    store.record_notification(n, failed, t0).await.unwrap();
    let view = &store.dossier_notifications(d.id).await.unwrap()[0];
    assert_eq!(
        (view.status, view.attempts, view.last_error.as_deref()),
        (DeliveryStatus::Retrying, 1, Some("smtp_unreachable"))
    );
    assert_eq!(view.next_attempt_at, Some(t0 + chrono::Duration::minutes(1)));
    assert!(store.claim_notifications(t0 + chrono::Duration::seconds(30), 10).await.unwrap().is_empty());
    let again = store.claim_notifications(t0 + chrono::Duration::minutes(1), 10).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempts, 1);

    let sent =
        Outcome::Sent { channel: ChannelKind::Email, address_masked: "n***@example.vn".into(), provider_id: None };
    store.record_notification(&again[0], sent, t0 + chrono::Duration::minutes(1)).await.unwrap();
    let view = &store.dossier_notifications(d.id).await.unwrap()[0];
    assert_eq!((view.status, view.attempts, view.last_error.as_deref()), (DeliveryStatus::Sent, 2, None));
    assert_eq!(view.address.as_deref(), Some("n***@example.vn"));
    let counts = store.notification_counts().await.unwrap();
    assert_eq!((counts.sent, counts.pending, counts.retrying), (1, 0, 0));
}

async fn each_level_of_a_step_visit_is_escalated_once(store: Store) {
    let province = unit(&store, None, "H94", "province").await;
    let commune = unit(&store, Some(&province), "H94.01", "commune").await;
    publish(&store, "1.001193", "commune", "H94.01").await;
    let counter = staff(&store, &commune, Role::CounterOfficer).await;
    let specialist = staff(&store, &commune, Role::Specialist).await;
    let leader = staff(&store, &commune, Role::Leader).await;
    let d = receive(&store, "1.001193", &commune, &counter, at("2026-03-09 08:00")).await.unwrap();
    // Thẩm định, three working days from Monday 09:00: due on Thursday.
    let d = act(&store, &d, &counter, Action::Forward, at("2026-03-09 09:00")).await;
    let due = d.state.step_due_at.expect("the step has its own due moment");

    let late = at("2026-03-13 10:00");
    assert!(store.escalation_candidates(due - chrono::Duration::hours(1), None, 10).await.unwrap().is_empty());
    let found = store.escalation_candidates(late, None, 10).await.unwrap();
    assert_eq!(found.len(), 1);
    let cand = found[0].clone();
    assert_eq!((cand.dossier_id, cand.step, cand.due_at, cand.escalated), (d.id, 0, due, 0));

    // Two processes at once, then a later round: written once.
    let (a, b) = tokio::join!(
        store.escalate(cand.clone(), vec![Level::Overdue], Level::Second, late),
        store.escalate(cand.clone(), vec![Level::Overdue], Level::Second, late),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.len() + b.len(), 1, "one of them wrote it: {a:?} {b:?}");
    assert!(store.escalate(cand.clone(), vec![Level::Overdue], Level::Second, late).await.unwrap().is_empty());
    let staff_notices: Vec<_> = store
        .dossier_notifications(d.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == NoticeKind::StepOverdue)
        .collect();
    assert_eq!(staff_notices.len(), 1, "the unit's one leader, told once");
    assert_eq!(staff_notices[0].recipient, "staff");

    // Reached level 2 of 3: still a candidate, marked so.
    let again = store.escalation_candidates(late, None, 10).await.unwrap();
    assert_eq!(again[0].escalated, 2);
    // The leader sees it; a unit outside does not.
    let seen = store.escalations_in(commune.path.clone(), true, 10).await.unwrap();
    assert_eq!((seen.len(), seen[0].level, seen[0].open), (1, 2, true));
    let other = unit(&store, Some(&province), "H94.02", "commune").await;
    assert!(store.escalations_in(other.path.clone(), true, 10).await.unwrap().is_empty());

    // The last level: done, not read again.
    store.escalate(again[0].clone(), vec![Level::Second], Level::Second, late).await.unwrap();
    assert!(store.escalation_candidates(late, None, 10).await.unwrap().is_empty());

    // The next step is a new visit, escalated afresh.
    let d = act(&store, &d, &specialist, Action::Forward, at("2026-03-13 11:00")).await;
    let next_due = d.state.step_due_at.unwrap();
    let found = store.escalation_candidates(next_due + chrono::Duration::hours(1), None, 10).await.unwrap();
    assert_eq!((found.len(), found[0].step, found[0].escalated), (1, 1, 0));
    assert_ne!(found[0].visit_seq, cand.visit_seq);
    // The earlier visit's escalation shows as moved on.
    let all = store.escalations_in(commune.path.clone(), false, 10).await.unwrap();
    assert!(all.iter().all(|e| !e.open), "{all:?}");
    let _ = leader;
}
