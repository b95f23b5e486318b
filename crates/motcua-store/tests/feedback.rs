//! Feedback (PAKN) handled to a deadline, the same on every database:
//! forwarding within the province only, refusing and answering once with a
//! topic, repeats, publication with consent, the sender's tracking and
//! rating, the history, and the 766 counts credited to the owner unit.

#[macro_use]
mod common;

use common::fixtures::*;
use motcua_rules::Role;
use motcua_rules::calendar::WorkCalendar;
use motcua_rules::credit::Basis;
use motcua_rules::error::ErrorKind;
use motcua_rules::feedback::{Deadlines, Satisfaction, Topic};
use motcua_rules::period::Period;
use motcua_store::model::{NewFeedback, Unit};
use motcua_store::{Closing, FeedbackHandler, Store, StoreError, UnitSet};

on_both!(handling_to_the_deadline, the_766_counts_follow_the_owner_unit);

fn rule_of(e: StoreError) -> (ErrorKind, &'static str, Option<String>) {
    match e {
        StoreError::Rule(r) => (r.kind, r.code, r.field),
        other => panic!("not a rule error: {other:?}"),
    }
}

fn new(unit: Option<&Unit>, received: &str, key: &str) -> NewFeedback {
    let now = at(received);
    let due = Deadlines::SPEC.due(&WorkCalendar::vietnam(), now).unwrap();
    NewFeedback {
        unit_id: unit.map(|u| u.id),
        dossier_code: None,
        name: "Lê Thị Cúc".into(),
        contact: Some("0912345678".into()),
        subject: "Chờ lâu".into(),
        content: "Tôi phải chờ hơn hai giờ tại quầy tiếp nhận.".into(),
        topic: None,
        publish_consent: true,
        track_key_hash: key.repeat(64),
        refuse_by: due.refuse_by,
        answer_by: due.answer_by,
        now,
    }
}

async fn handler(store: &Store, unit: &Unit) -> FeedbackHandler {
    let officer = staff(store, unit, Role::Leader).await;
    FeedbackHandler {
        user_id: officer.user_id,
        unit_id: unit.id,
        scope: unit.path.clone(),
        province_id: unit.province_id,
    }
}

async fn handling_to_the_deadline(store: Store) {
    let province = unit(&store, None, "H91", "province").await;
    let commune = unit(&store, Some(&province), "H91.01", "commune").await;
    let dept = unit(&store, Some(&province), "H91.02", "department").await;
    let elsewhere = unit(&store, None, "H92", "province").await;
    let (at_commune, at_province) = (handler(&store, &commune).await, handler(&store, &province).await);
    let id = store.create_feedback(new(Some(&commune), "2026-03-04 09:00", "a")).await.unwrap();
    let t = at("2026-03-05 10:00");

    // Forwarding: never to another province's unit or an unknown one, nor
    // where it already is; nothing written then.
    for to in [elsewhere.id, 99_999] {
        let e = store.forward_feedback(id, at_commune.clone(), to, None, t).await.unwrap_err();
        assert_eq!(rule_of(e), (ErrorKind::Invalid, "unknown_unit", Some("to_unit".into())));
    }
    let e = store.forward_feedback(id, at_commune.clone(), commune.id, None, t).await.unwrap_err();
    assert_eq!(rule_of(e).1, "feedback_same_unit");
    let f =
        store.forward_feedback(id, at_commune.clone(), dept.id, Some("Thuộc thẩm quyền Sở".into()), t).await.unwrap();
    assert_eq!(f.unit_id, Some(dept.id));
    // Now out of the commune's sight, in the department's and the province's.
    assert!(store.feedback_in_scope(id, &commune.path).await.unwrap().is_none());
    let (_, history) = store.feedback_in_scope(id, &province.path).await.unwrap().unwrap();
    assert_eq!(history.len(), 1);
    let all = store.feedback_histories(vec![id, 999_999]).await.unwrap();
    assert_eq!((all.get(&id), all.contains_key(&999_999)), (Some(&history), false), "the same, in one read");
    assert_eq!(
        (history[0].action.as_str(), history[0].from_unit.as_deref(), history[0].to_unit.as_deref()),
        ("forwarded", Some("Đơn vị H91.01"), Some("Đơn vị H91.02"))
    );

    // Not answered yet: neither published nor rated.
    let e = store.publish_feedback(id, at_province.clone(), t).await.unwrap_err();
    assert_eq!(rule_of(e).1, "feedback_not_answered");
    let e = store.rate_feedback(id, "a".repeat(64), Satisfaction::Satisfied, t).await.unwrap_err();
    assert_eq!(rule_of(e).1, "feedback_not_answered");

    // A repeat of an earlier feedback marks that one repeated.
    let again = store.create_feedback(new(Some(&dept), "2026-03-06 09:00", "b")).await.unwrap();
    let e = store.mark_feedback_repeat(again, at_province.clone(), again + 5, t).await.unwrap_err();
    assert_eq!(rule_of(e), (ErrorKind::Invalid, "feedback_repeat_invalid", Some("repeat_of".into())));
    let r = store.mark_feedback_repeat(again, at_province.clone(), id, t).await.unwrap();
    assert_eq!(r.repeat_of, Some(id));

    // Answered with its topic, then published, once each.
    let answered = store
        .close_feedback(id, at_province.clone(), Closing::Answer, Some(Topic::Conduct), "Đã nhắc nhở".into(), t)
        .await
        .unwrap();
    assert_eq!(
        (answered.status.as_str(), answered.topic.as_deref(), answered.repeated),
        ("answered", Some("conduct"), true)
    );
    let e = store.forward_feedback(id, at_province.clone(), commune.id, None, t).await.unwrap_err();
    assert_eq!(rule_of(e), (ErrorKind::Conflict, "feedback_already_handled", None));
    let p = store.publish_feedback(id, at_province.clone(), t).await.unwrap();
    assert_eq!(p.published_at, Some(t));
    assert_eq!(
        rule_of(store.publish_feedback(id, at_province.clone(), t).await.unwrap_err()).1,
        "feedback_already_published"
    );
    assert_eq!(store.published_feedback(10).await.unwrap().iter().map(|f| f.id).collect::<Vec<_>>(), [id]);

    // The sender, by the key of their link only, rates once.
    assert!(store.feedback_for_sender(id, "b".repeat(64)).await.unwrap().is_none(), "the wrong key shows nothing");
    let (mine, history) = store.feedback_for_sender(id, "a".repeat(64)).await.unwrap().unwrap();
    assert_eq!((mine.id, history.len()), (id, 3));
    let e = store.rate_feedback(id, "b".repeat(64), Satisfaction::Satisfied, t).await.unwrap_err();
    assert_eq!(rule_of(e), (ErrorKind::NotFound, "feedback_not_found", None));
    let rated = store.rate_feedback(id, "a".repeat(64), Satisfaction::Dissatisfied, t).await.unwrap();
    assert_eq!(rated.rating.as_deref(), Some("dissatisfied"));
    let e = store.rate_feedback(id, "a".repeat(64), Satisfaction::Satisfied, t).await.unwrap_err();
    assert_eq!(rule_of(e).1, "feedback_already_rated");

    // Refusing needs a topic too; without consent nothing is published.
    let mut quiet = new(Some(&dept), "2026-03-06 09:00", "c");
    quiet.publish_consent = false;
    let quiet = store.create_feedback(quiet).await.unwrap();
    let e = store.close_feedback(quiet, at_province.clone(), Closing::Refuse, None, "Không rõ".into(), t).await;
    assert_eq!(rule_of(e.unwrap_err()).1, "feedback_topic_required");
    let refused = store
        .close_feedback(quiet, at_province.clone(), Closing::Refuse, Some(Topic::Regulation), "Trùng".into(), t)
        .await
        .unwrap();
    assert_eq!(refused.status, "refused");
    assert_eq!(rule_of(store.publish_feedback(quiet, at_province, t).await.unwrap_err()).1, "feedback_not_answered");
}

async fn the_766_counts_follow_the_owner_unit(store: Store) {
    let province = unit(&store, None, "H93", "province").await;
    let commune = unit(&store, Some(&province), "H93.01", "commune").await;
    let other = unit(&store, Some(&province), "H93.02", "commune").await;
    let by = handler(&store, &province).await;
    // March 2026: one answered on time, one answered late, one forwarded
    // from the other commune and still open within its deadline.
    let on_time = store.create_feedback(new(Some(&commune), "2026-03-02 09:00", "d")).await.unwrap();
    let late = store.create_feedback(new(Some(&commune), "2026-03-02 09:00", "e")).await.unwrap();
    let moved = store.create_feedback(new(Some(&other), "2026-03-27 09:00", "f")).await.unwrap();
    let answer = |id: i64, when: &str| {
        let (store, by, when) = (store.clone(), by.clone(), at(when));
        async move {
            store.close_feedback(id, by, Closing::Answer, Some(Topic::Regulation), "Trả lời".into(), when).await
        }
    };
    answer(on_time, "2026-03-10 09:00").await.unwrap();
    answer(late, "2026-03-30 09:00").await.unwrap();
    store.forward_feedback(moved, by.clone(), commune.id, None, at("2026-03-27 10:00")).await.unwrap();

    let march = Period::month(2026, 3).unwrap();
    let figures = store
        .subtree_figures(
            UnitSet::Level { province_id: province.id, level: "commune".into() },
            Basis::Handling,
            march,
            at("2026-06-01 00:00").date(),
        )
        .await
        .unwrap();
    let of = |u: &Unit| figures.iter().find(|(x, _)| x.id == u.id).unwrap().1.clone();
    let c = of(&commune);
    assert_eq!(
        (c.feedback_received, c.feedback_about_regulation, c.feedback_due, c.feedback_on_time, c.feedback_satisfactory),
        (3, 2, 3, 2, 2)
    );
    assert_eq!(of(&other).feedback_received, 0, "forwarded away: credited to the commune that owns it");
    // The province counts its whole subtree.
    let p =
        store.subtree_figures(UnitSet::One(province.id), Basis::Handling, march, at("2026-06-01 00:00").date()).await;
    assert_eq!(p.unwrap()[0].1.feedback_received, 3);
}
