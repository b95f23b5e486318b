//! Feedback (PAKN) handled to a deadline through the pages, on both
//! databases: the sender's private tracking link, forwarding to the unit
//! that owns the matter, answering with a topic, publication with consent,
//! the sender's rating, the overdue flag, the refusals of bad input, and
//! the 766 indicators 5.1–5.3 on the dashboard.

use motcua_rules::calendar::WorkCalendar;
use motcua_rules::feedback::Deadlines;
use motcua_store::model::NewFeedback;

use crate::common::PHONE;
use crate::pages_office::Browser;

/// Sends a feedback to `unit` through the public form; returns its number
/// and the tracking link.
async fn send(app: &crate::common::TestApp, unit: i64, consent: bool) -> (i64, String) {
    let citizen = Browser::new(app, None, None).await;
    let unit = unit.to_string();
    let mut form = vec![
        ("name", "Phạm Văn Dũng"),
        ("contact", PHONE),
        ("unit", unit.as_str()),
        ("subject", "Hướng dẫn chưa rõ"),
        ("content", "Cán bộ hướng dẫn hồ sơ đất đai chưa rõ ràng, tôi phải đi lại ba lần."),
        ("topic", "regulation"),
    ];
    if consent {
        form.push(("consent", "on"));
    }
    let r = citizen.post("/feedback", &form).await;
    r.assert_status(303);
    let (id, key) = r.location().strip_prefix("/feedback/received/").unwrap().split_once("?k=").unwrap();
    (id.parse().unwrap(), format!("/feedback/{id}?k={key}"))
}

both_backends!(a_feedback_is_forwarded_answered_published_and_rated, |app| async move {
    let commune = app.state.store.unit_by_code("H11.100".into()).await.unwrap().unwrap();
    let dept = app.state.store.unit_by_code("H11.SNNMT".into()).await.unwrap().unwrap();
    let (id, link) = send(&app, commune.id, true).await;

    // The sender's page, by its private link only.
    let citizen = Browser::new(&app, None, None).await;
    let page = citizen.get(&link).await;
    page.assert_status(200);
    page.assert_contains(&["Hướng dẫn chưa rõ", "Đang xử lý", "Hạn trả lời", "Về quy định hành chính"]);
    citizen.get(&format!("/feedback/{id}?k={}", "0".repeat(64))).await.assert_status(404);
    citizen.get(&format!("/feedback/{id}")).await.assert_status(404);

    // The commune's leader forwards it to the department; not to a unit
    // that does not exist (the field named), and nothing changes then.
    let leader = Browser::new(&app, Some("lanhdao"), None).await;
    let r = leader.post(&format!("/office/feedback/{id}/forward"), &[("to_unit", "999999")]).await;
    r.assert_status(422);
    r.assert_contains(&["data-code=\"unknown_unit\""]);
    let r = leader
        .post(
            &format!("/office/feedback/{id}/forward"),
            &[("to_unit", &dept.id.to_string()), ("note", "Lĩnh vực đất đai")],
        )
        .await;
    r.assert_status(303);
    assert!(!leader.get("/office/feedback").await.body.contains("Hướng dẫn chưa rõ"), "forwarded away");

    // The department's leader answers it (with the topic) and publishes it.
    let dept_leader = Browser::new(&app, Some("lanhdao.snmt"), None).await;
    let html = dept_leader.get("/office/feedback").await;
    html.assert_contains(&["Hướng dẫn chưa rõ", "Chuyển xử lý", "Lĩnh vực đất đai", PHONE]);
    let r = dept_leader
        .post(
            &format!("/office/feedback/{id}/answer"),
            &[
                ("topic", "conduct"),
                ("answer", "Sở đã chấn chỉnh việc hướng dẫn tại Bộ phận Một cửa."),
                ("how", "answer"),
            ],
        )
        .await;
    r.assert_status(303);
    let r = dept_leader
        .post(&format!("/office/feedback/{id}/answer"), &[("topic", "conduct"), ("answer", "Lần hai")])
        .await;
    r.assert_status(409);
    dept_leader.post(&format!("/office/feedback/{id}/publish"), &[]).await.assert_status(303);

    // Published without the sender's name or contact.
    let public = citizen.get("/feedback/answers").await;
    public.assert_contains(&["Hướng dẫn chưa rõ", "Sở đã chấn chỉnh"]);
    public.assert_lacks(&["Phạm Văn Dũng", PHONE]);

    // The sender sees the answer and rates it, once.
    let page = citizen.get(&link).await;
    page.assert_contains(&["Đã trả lời", "Sở đã chấn chỉnh", "rating-form"]);
    let key = link.split("?k=").nth(1).unwrap();
    let r = citizen.post(&format!("/feedback/{id}/rating"), &[("k", key), ("rating", "maybe")]).await;
    r.assert_status(422);
    r.assert_contains(&["data-code=\"feedback_rating_invalid\""]);
    let r = citizen.post(&format!("/feedback/{id}/rating"), &[("k", &"1".repeat(64)), ("rating", "satisfied")]).await;
    r.assert_status(404);
    let r = citizen.post(&format!("/feedback/{id}/rating"), &[("k", key), ("rating", "satisfied")]).await;
    r.assert_status(303);
    citizen.get(&link).await.assert_contains(&["Bạn đã đánh giá: Hài lòng"]);
    let r = citizen.post(&format!("/feedback/{id}/rating"), &[("k", key), ("rating", "dissatisfied")]).await;
    r.assert_status(409);
    let stored = app.state.store.feedback_list("/", 50).await.unwrap();
    let f = stored.iter().find(|f| f.id == id).unwrap();
    assert_eq!(
        (f.unit_id, f.topic.as_deref(), f.rating.as_deref(), f.published_at.is_some()),
        (Some(dept.id), Some("conduct"), Some("satisfied"), true)
    );

    // In English too.
    let en = Browser::new(&app, None, Some("en")).await;
    en.get(&link).await.assert_contains(&["Answered", "Your rating: Satisfied", "About an officer"]);
    en.get("/feedback/answers").await.assert_contains(&["Published answers to feedback"]);
});

both_backends!(without_consent_nothing_is_published_and_a_late_one_is_flagged, |app| async move {
    let commune = app.state.store.unit_by_code("H11.100".into()).await.unwrap().unwrap();
    let (id, _) = send(&app, commune.id, false).await;
    let leader = Browser::new(&app, Some("lanhdao"), None).await;
    let r = leader
        .post(&format!("/office/feedback/{id}/answer"), &[("topic", "regulation"), ("answer", "Đã hướng dẫn lại.")])
        .await;
    r.assert_status(303);
    let r = leader.post(&format!("/office/feedback/{id}/publish"), &[]).await;
    r.assert_status(409);
    r.assert_contains(&["data-code=\"feedback_no_consent\""]);

    // Received 30 days ago and never answered: overdue on the office page.
    let received = app.now() - chrono::Duration::days(30);
    let due = Deadlines::SPEC.due(&WorkCalendar::vietnam(), received).unwrap();
    app.state
        .store
        .create_feedback(NewFeedback {
            unit_id: Some(commune.id),
            dossier_code: None,
            name: "Võ Thị Em".into(),
            contact: Some(PHONE.into()),
            subject: "Chưa được trả lời".into(),
            content: "Tôi gửi phản ánh từ tháng trước mà chưa được trả lời.".into(),
            topic: None,
            publish_consent: false,
            track_key_hash: "2".repeat(64),
            refuse_by: due.refuse_by,
            answer_by: due.answer_by,
            now: received,
        })
        .await
        .unwrap();
    let html = leader.get("/office/feedback").await;
    html.assert_contains(&["Chưa được trả lời", "Quá hạn xử lý"]);
});

both_backends!(feedback_counts_in_the_766_index_of_its_owner, |app| async move {
    let commune = app.state.store.unit_by_code("H11.100".into()).await.unwrap().unwrap();
    let (id, _) = send(&app, commune.id, false).await;
    let leader = Browser::new(&app, Some("lanhdao"), None).await;
    leader
        .post(&format!("/office/feedback/{id}/answer"), &[("topic", "regulation"), ("answer", "Đã trả lời trong hạn.")])
        .await
        .assert_status(303);
    let token = app.login("lanhdao").await;
    let (status, d) = app.get(Some(&token), "/api/v1/stats/dashboard?period=2026-03").await;
    assert_eq!(status, 200, "{d}");
    let indicators = d["unit"]["score"]["indicators"].as_array().expect("indicators");
    let find =
        |id: &str| indicators.iter().find(|i| i["indicator"] == id).unwrap_or_else(|| panic!("{id} in {d}")).clone();
    let on_time = find("5.2");
    assert_eq!((on_time["numerator"].as_u64(), on_time["denominator"].as_u64()), (Some(1), Some(1)), "{on_time}");
    assert_eq!(find("5.1a")["numerator"].as_u64(), Some(1));
    assert_eq!(find("5.3")["denominator"].as_u64(), Some(1));
});
