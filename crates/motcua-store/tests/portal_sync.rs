//! The outbox of the national portal sync, the same on every database:
//! every event is queued with its action (and nothing when the action is
//! refused), a dossier's events come out one at a time in order, a refusal
//! holds its later events until it is sent again, and the 766 indicator
//! 1.4 counter moves once, when a received dossier first reaches the
//! portal, as `stats rebuild` replays it.

#[macro_use]
mod common;

use common::fixtures::*;
use motcua_rules::Role;
use motcua_rules::credit::Basis;
use motcua_rules::dossier::Action;
use motcua_store::{Store, SyncHead, SyncResult};

on_both!(events_are_queued_with_their_action_and_sent_in_order);

async fn events_are_queued_with_their_action_and_sent_in_order(store: Store) {
    let province = unit(&store, None, "H97", "province").await;
    let commune = unit(&store, Some(&province), "H97.01", "commune").await;
    publish(&store, "1.001193", "commune", "H97.01").await;
    let counter = staff(&store, &commune, Role::CounterOfficer).await;
    let specialist = staff(&store, &commune, Role::Specialist).await;
    let later = at("2030-01-01 00:00");

    let a = receive(&store, "1.001193", &commune, &counter, at("2025-03-03 09:00")).await.unwrap();
    let a = act(&store, &a, &counter, Action::Forward, at("2025-03-03 10:00")).await;
    let b = receive(&store, "1.001193", &commune, &counter, at("2025-03-03 11:00")).await.unwrap();
    // A refused action queues nothing.
    assert!(try_act(&store, &a, &counter, Action::Finish, at("2025-03-03 12:00")).await.is_err());
    let a = act(&store, &a, &specialist, Action::RequestPayment, at("2025-03-03 13:00")).await;

    // The heads: each dossier's first event only, oldest first.
    let heads = store.portal_heads(later, 10).await.unwrap();
    assert_eq!(
        heads,
        vec![SyncHead { dossier_id: a.id, seq: 1, attempts: 0 }, SyncHead { dossier_id: b.id, seq: 1, attempts: 0 }]
    );
    let item = store.portal_item(a.id, 1).await.unwrap();
    assert_eq!((item.event.action.as_str(), item.created), ("receive_at_counter", false));
    assert!(item.actor.is_some(), "the officer who received it");
    let now = at("2026-01-05 08:00");
    assert_eq!(store.portal_overview(province.as_ref()).await.unwrap().pending, 4);

    // Sent: the next event of the dossier comes back to be sent on.
    let next = store.portal_record(a.id, 1, now, SyncResult::Sent).await.unwrap();
    assert_eq!(next, Some(SyncHead { dossier_id: a.id, seq: 2, attempts: 0 }));
    assert!(store.portal_item(a.id, 2).await.unwrap().created, "the record is on the portal now");
    // A retry waits for its time and keeps the dossier's later events back.
    let retry = SyncResult::Retry {
        next_at: at("2026-01-05 08:05"),
        code: "portal_unreachable".into(),
        detail: "HTTP 503".into(),
    };
    assert_eq!(store.portal_record(a.id, 2, now, retry).await.unwrap(), None);
    let heads = store.portal_heads(at("2026-01-05 08:01"), 10).await.unwrap();
    assert_eq!(heads, vec![SyncHead { dossier_id: b.id, seq: 1, attempts: 0 }]);
    // Refused: held, shown, and its dossier's later events wait.
    let refused = SyncResult::Refused {
        code: "portal_rejected".into(),
        field: Some("MaTTHC".into()),
        message: "[-1] Sai".into(),
    };
    store.portal_record(a.id, 2, now, refused).await.unwrap();
    let heads = store.portal_heads(later, 10).await.unwrap();
    assert_eq!(heads, vec![SyncHead { dossier_id: b.id, seq: 1, attempts: 0 }]);
    let problems = store.portal_problems(province.as_ref(), 10).await.unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].dossier_code.as_deref(), problems[0].error_field.as_deref(), problems[0].state.as_str()),
        (a.code.as_deref(), Some("MaTTHC"), "failed")
    );
    let mine = store.portal_dossier(a.id).await.unwrap();
    assert_eq!((mine.sent, mine.failed, mine.pending), (1, 1, 1));
    // Another unit's administrator cannot send it again; this one can.
    let other = unit(&store, None, "H96", "province").await;
    assert!(store.portal_resend(other.as_ref(), a.id, 2, now).await.is_err());
    assert!(store.portal_resend(province.as_ref(), a.id, 2, now).await.unwrap());
    assert!(!store.portal_resend(province.as_ref(), a.id, 2, now).await.unwrap(), "once");
    assert_eq!(store.portal_record(a.id, 2, now, SyncResult::Sent).await.unwrap().map(|h| h.seq), Some(3));
    store.portal_record(a.id, 3, now, SyncResult::Sent).await.unwrap();
    assert_eq!(store.portal_dossier(a.id).await.unwrap().sent, 3);

    // 1.4: a counts once, on its reception day, b not yet; a replay agrees.
    let check = store.check_stats().await.unwrap();
    assert_eq!(check.differences, 0, "the live counter equals the replay");
    let march = motcua_rules::period::Period::range(day("2025-03-01"), day("2025-03-31")).unwrap();
    let figures = store.unit_stats(province.path.clone(), Basis::Intake, march, day("2099-12-31")).await.unwrap();
    let c = figures.iter().find(|f| f.unit_id == commune.id).unwrap();
    assert_eq!((c.received_synced, c.received()), (1, 2));
    // Sending a later event again counts nothing more.
    store.portal_record(b.id, 1, now, SyncResult::Sent).await.unwrap();
    assert_eq!(store.check_stats().await.unwrap().differences, 0);
}
