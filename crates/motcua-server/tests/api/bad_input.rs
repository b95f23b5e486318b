//! Bad input: every refusal names its code and field, and a refused write
//! leaves nothing behind.

use reqwest::Method;
use serde_json::json;

use crate::common::{BIRTH, CHECK, SIGNATURE, TestApp, components_of, submission, submission_with};

/// How many online submissions wait at the H11.100 counter (to show that a
/// refused submission wrote nothing).
async fn waiting(app: &TestApp) -> usize {
    let counter = app.login("motcua").await;
    let (s, page) = app.get(Some(&counter), "/api/v1/inbox?role=counter_officer&limit=200").await;
    assert_eq!(s, 200, "{page:#}");
    page["items"].as_array().unwrap().len()
}

both_backends!(refused_submissions_name_the_field_and_write_nothing, |app| async move {
    let citizen = app.login("congdan").await;
    let counter = app.login("motcua").await;
    let before = waiting(&app).await;
    let post = |body: serde_json::Value| {
        let citizen = citizen.clone();
        let app = &app;
        async move { app.create_dossier(&citizen, &body).await }
    };

    // Unknown procedure.
    let r = post(submission("9.999999")).await;
    r.assert_error(422, "unknown_procedure", Some("procedure_code"));
    // Unknown receiving unit.
    let mut b = submission(BIRTH);
    b["receiving_unit_code"] = json!("H99.999");
    post(b).await.assert_error(422, "unknown_unit", Some("receiving_unit_code"));
    // Wrong types, named with their path.
    let mut b = submission(BIRTH);
    b["applicant"]["name"] = json!(42);
    post(b).await.assert_error(422, "invalid_field", Some("applicant.name"));
    let mut b = submission(BIRTH);
    b["components"] = json!("all of them");
    post(b).await.assert_error(422, "invalid_field", Some("components"));
    let mut b = submission(BIRTH);
    b["components"][1]["count"] = json!(-1);
    post(b).await.assert_error(422, "invalid_field", Some("components[1].count"));
    // Missing fields, named themselves (not their parent).
    let mut b = submission(BIRTH);
    b.as_object_mut().unwrap().remove("applicant");
    post(b).await.assert_error(422, "required", Some("applicant"));
    let mut b = submission(BIRTH);
    b["applicant"].as_object_mut().unwrap().remove("name");
    post(b).await.assert_error(422, "required", Some("applicant.name"));
    // Validation of the values.
    let mut b = submission(BIRTH);
    b["applicant"]["phone"] = json!("0123");
    post(b).await.assert_error(422, "invalid_phone", Some("applicant.phone"));
    let mut b = submission(BIRTH);
    b["applicant"]["id_number"] = json!("12-34");
    post(b).await.assert_error(422, "invalid_citizen_id", Some("applicant.id_number"));
    let mut b = submission(BIRTH);
    b["applicant"].as_object_mut().unwrap().remove("phone");
    b["applicant"].as_object_mut().unwrap().remove("id_number");
    post(b).await.assert_error(422, "phone_or_id_required", Some("applicant.phone"));
    let mut b = submission(BIRTH);
    b["components"].as_array_mut().unwrap().pop();
    post(b).await.assert_error(422, "components_incomplete", Some("components"));
    let mut b = submission(BIRTH);
    b["components"][0]["name"] = json!("Giấy không có trong danh mục");
    post(b).await.assert_error(422, "unknown_component", Some("components[0].name"));
    let mut b = submission(BIRTH);
    b["components"][0]["count"] = json!(0);
    post(b).await.assert_error(422, "invalid_count", Some("components[0].count"));
    // A procedure without online service is not submitted online.
    let signature = components_of(&app, SIGNATURE).await;
    let signature: Vec<&str> = signature.iter().map(String::as_str).collect();
    let r = post(submission_with(SIGNATURE, &signature)).await;
    r.assert_error(409, "procedure_not_online", Some("procedure_code"));
    // A counter intake is never "online".
    let mut b = submission(BIRTH);
    b["channel"] = json!("online");
    let r = app.create_dossier(&counter, &b).await;
    r.assert_error(422, "invalid_channel", Some("channel"));

    // Malformed JSON, a body of another type, a body too large.
    let r = app
        .req(Method::POST, "/api/v1/dossiers")
        .token(&citizen)
        .raw("application/json", "{\"procedure_code\": ")
        .send()
        .await;
    r.assert_error(400, "malformed_json", None);
    let r = app
        .req(Method::POST, "/api/v1/dossiers")
        .token(&citizen)
        .raw("text/plain", submission(BIRTH).to_string())
        .send()
        .await;
    r.assert_error(415, "unsupported_media_type", None);
    let r = app
        .req(Method::POST, "/api/v1/dossiers")
        .token(&citizen)
        .raw("application/x-www-form-urlencoded", "a=b")
        .send()
        .await;
    r.assert_error(415, "unsupported_media_type", None);
    let limit = app.state.config.max_body_bytes;
    let mut b = submission(BIRTH);
    b["applicant"]["address"] = json!("x".repeat(limit));
    let r = app.create_dossier(&citizen, &b).await;
    r.assert_error(413, "body_too_large", None);
    // Just under the limit is read (and then judged on its content).
    let mut b = submission(BIRTH);
    let size = b.to_string().len();
    b["applicant"]["note"] = json!("x".repeat(limit - size - 20));
    assert!(b.to_string().len() <= limit);
    app.create_dossier(&citizen, &b).await.assert_status(201);
    assert_eq!(waiting(&app).await, before + 1, "only the last submission was written");

    // Without a login: 401 before anything else.
    let r = app.send(Method::POST, None, "/api/v1/dossiers", &submission(BIRTH)).await;
    r.assert_error(401, "unauthenticated", None);
    // Staff who do not take in dossiers: 403.
    let r = app.create_dossier(&app.login("chuyenvien").await, &submission(BIRTH)).await;
    r.assert_error(403, "forbidden", None);
    assert_eq!(waiting(&app).await, before + 1);
});

both_backends!(refused_actions_name_the_rule_and_change_nothing, |app| async move {
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let citizen = app.login("congdan").await;
    let other_unit = app.login("chuyenvien.snmt").await;
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    let version = d["version"].as_i64().unwrap();
    let before = app.fingerprint(&counter, &code).await;
    let act = |token: String, body: serde_json::Value| {
        let app = &app;
        let code = code.clone();
        async move { app.act(&token, &code, &body).await }
    };

    // Not in this status: returning a result that does not exist yet.
    let r = act(counter.clone(), json!({"action": "return_result", "version": version})).await;
    r.assert_error(409, "action_not_allowed_in_status", None);
    // A role that may never do it: a specialist receiving at the counter.
    let r = act(specialist.clone(), json!({"action": "receive", "version": version})).await;
    r.assert_error(403, "role_not_allowed", None);
    // A role that may act, but not at this step: the specialist forwarding
    // a dossier still at the counter.
    let r = act(specialist.clone(), json!({"action": "forward", "version": version})).await;
    r.assert_error(403, "not_step_owner", None);
    // A specialist of another unit cannot see the dossier at all.
    let r = act(other_unit.clone(), json!({"action": "forward", "version": version})).await;
    r.assert_error(404, "dossier_not_found", None);
    let r = app.fetch(Some(&other_unit), &format!("/api/v1/dossiers/{code}")).await;
    r.assert_error(404, "dossier_not_found", None);
    // Nor can a citizen who does not own it.
    let r = act(citizen.clone(), json!({"action": "withdraw", "version": version})).await;
    r.assert_error(404, "dossier_not_found", None);
    // A stale version.
    let r = act(counter.clone(), json!({"action": "forward", "version": version - 1})).await;
    r.assert_error(409, "stale_version", Some("version"));
    let r = act(counter.clone(), json!({"action": "forward", "version": version + 5})).await;
    r.assert_error(409, "stale_version", Some("version"));
    // An unknown action, and the creation actions that are not actions.
    let r = act(counter.clone(), json!({"action": "fly_away", "version": version})).await;
    r.assert_error(422, "unknown_action", Some("action"));
    let r = act(counter.clone(), json!({"action": "receive_at_counter", "version": version})).await;
    r.assert_error(422, "unknown_action", Some("action"));
    // A reason is required for a supplement request; blank is no reason.
    let r = act(counter.clone(), json!({"action": "request_supplement", "version": version})).await;
    r.assert_error(422, "required", Some("note"));
    let r = act(counter.clone(), json!({"action": "request_supplement", "version": version, "note": "   "})).await;
    r.assert_error(422, "required", Some("note"));
    let r = act(counter.clone(), json!({"action": "request_supplement", "version": version, "note": "x".repeat(2001)}))
        .await;
    assert_eq!(r.status, 422, "{:#}", r.body);
    assert_eq!(r.field(), Some("note"));
    // Shape errors on the action body.
    let r = act(counter.clone(), json!({"action": "forward"})).await;
    r.assert_error(422, "required", Some("version"));
    let r = act(counter.clone(), json!({"action": "forward", "version": "2"})).await;
    r.assert_error(422, "invalid_field", Some("version"));
    let r = act(
        counter.clone(),
        json!({"action": "reschedule", "version": version, "note": "x", "new_due_date": "9/3/2026"}),
    )
    .await;
    r.assert_error(422, "invalid_field", Some("new_due_date"));
    let r = app
        .req(Method::POST, &format!("/api/v1/dossiers/{code}/actions"))
        .token(&counter)
        .raw("application/json", "{\"action\": \"forward\", \"version\": 1,}")
        .send()
        .await;
    r.assert_error(400, "malformed_json", None);
    // An unknown dossier.
    let r = app.act(&counter, "H11.100-260304-9999", &json!({"action": "forward", "version": 1})).await;
    r.assert_error(404, "dossier_not_found", None);
    let r = app.act(&counter, "999999", &json!({"action": "forward", "version": 1})).await;
    r.assert_error(404, "dossier_not_found", None);

    // None of it left a trace.
    assert_eq!(app.fingerprint(&counter, &code).await, before);

    // Outside the workflow: a leader may not finish before the last step.
    let d = app.act_ok(&counter, &code, "forward", None).await;
    let r = app.act(&app.login("lanhdao").await, &code, &json!({"action": "finish", "version": d["version"]})).await;
    r.assert_error(409, "action_not_allowed_in_status", None);
});

both_backends!(deadline_parameters_are_checked, |app| async move {
    let deadline = |q: &str| {
        let app = &app;
        let path = format!("/api/v1/calendar/deadline?{q}");
        async move { app.fetch(None, &path).await }
    };
    // A year without calendar data is an error, never a guess.
    let r = deadline("start=2031-03-02T09:00:00%2B07:00&amount=5&unit=working_days").await;
    r.assert_error(422, "calendar_year_unknown", Some("start"));
    assert!(r.body["error"]["message_en"].as_str().unwrap().contains("2031"), "{:#}", r.body);
    // A deadline that runs from a known year into an unknown one, too.
    let r = deadline("start=2026-12-28T09:00:00%2B07:00&amount=3650&unit=working_days").await;
    r.assert_error(422, "calendar_year_unknown", Some("start"));

    deadline("amount=5&unit=working_days").await.assert_error(422, "required", Some("start"));
    deadline("start=2026-03-02T09:00:00%2B07:00&unit=working_days").await.assert_error(422, "required", Some("amount"));
    deadline("start=2026-03-02T09:00:00%2B07:00&amount=5").await.assert_error(422, "required", Some("unit"));
    deadline("start=yesterday&amount=5&unit=working_days").await.assert_error(422, "invalid_datetime", Some("start"));
    // No offset: not RFC 3339.
    deadline("start=2026-03-02T09:00:00&amount=5&unit=working_days").await.assert_error(
        422,
        "invalid_datetime",
        Some("start"),
    );
    deadline("start=2026-03-02T09:00:00%2B07:00&amount=-1&unit=working_days").await.assert_error(
        422,
        "invalid_number",
        Some("amount"),
    );
    deadline("start=2026-03-02T09:00:00%2B07:00&amount=five&unit=working_days").await.assert_error(
        422,
        "invalid_number",
        Some("amount"),
    );
    deadline("start=2026-03-02T09:00:00%2B07:00&amount=3651&unit=working_days").await.assert_error(
        422,
        "invalid_number",
        Some("amount"),
    );
    deadline("start=2026-03-02T09:00:00%2B07:00&amount=5&unit=weeks").await.assert_error(
        422,
        "invalid_time_unit",
        Some("unit"),
    );
    // The public look-up's check is a parameter too.
    let r = app.fetch(None, &format!("/api/v1/public/dossiers/H11.100-260304-0001?check={CHECK}x")).await;
    r.assert_error(422, "invalid_check", Some("check"));
});

both_backends!(bad_query_parameters_are_named, |app| async move {
    let counter = app.login("motcua").await;
    let inbox = |q: &str| {
        let app = &app;
        let counter = counter.clone();
        let path = format!("/api/v1/inbox?{q}");
        async move { app.fetch(Some(&counter), &path).await }
    };
    inbox("limit=0").await.assert_error(422, "invalid_number", Some("limit"));
    inbox("limit=201").await.assert_error(422, "invalid_number", Some("limit"));
    inbox("cursor=garbage").await.assert_error(422, "invalid_cursor", Some("cursor"));
    inbox("status=lost").await.assert_error(422, "invalid_status", Some("status"));
    inbox("channel=fax").await.assert_error(422, "invalid_channel", Some("channel"));
    inbox("overdue=maybe").await.assert_error(422, "invalid_boolean", Some("overdue"));
    inbox("received_from=monday").await.assert_error(422, "invalid_datetime", Some("received_from"));
    inbox("role=wizard").await.assert_error(422, "invalid_role", Some("role"));
    // A counter officer may not look into another role's inbox.
    inbox("role=leader").await.assert_error(403, "forbidden", None);
    let r = app.fetch(None, "/api/v1/procedures?online=sometimes").await;
    r.assert_error(422, "invalid_boolean", Some("online"));
    let r = app.fetch(None, "/api/v1/procedures?limit=1000").await;
    r.assert_error(422, "invalid_number", Some("limit"));
});
