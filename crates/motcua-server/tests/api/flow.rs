//! Assignment (phân công), return to an earlier step (trả lại) and bulk
//! approval, with the bad input of issue 10: a return to a step that does
//! not exist or is not earlier, or without a reason; an assignment to an
//! officer of another unit or a deactivated account; a bulk approval mixing
//! dossiers the leader may and may not act on; two leaders bulk-approving
//! overlapping selections at once.

use chrono::Duration;
use motcua_rules::Role;
use motcua_server::auth::token_hash;
use motcua_store::model::{NewUser, UserChange};
use reqwest::Method;
use serde_json::{Value, json};

use crate::common::TestApp;

/// A demo user's id, from their own session.
async fn user_id(app: &TestApp, username: &str) -> i64 {
    let token = app.login(username).await;
    let (_, me) = app.get(Some(&token), "/api/v1/auth/me").await;
    me["id"].as_i64().unwrap_or_else(|| panic!("{me:#}"))
}

/// A new account of H11.100 (Phường Thục Phán) with a session; returns
/// (id, token). `active: false` deactivates it after the session is made.
async fn extra_officer(app: &TestApp, username: &str, role: Role, active: bool) -> (i64, String) {
    let store = &app.state.store;
    let unit = store.unit_by_code("H11.100".into()).await.unwrap().unwrap();
    let now = app.now();
    let new = NewUser {
        username: username.into(),
        password_hash: "not-used".into(),
        full_name: format!("Cán bộ {username}"),
        role,
        unit_id: Some(unit.id),
    };
    let user = store.create_user(new, now).await.unwrap();
    let token = format!("test-token-{username}");
    store.create_session(token_hash(&token), user.id, now, now + Duration::hours(8), None).await.unwrap();
    if !active {
        store.update_user(user.id, UserChange { role, unit_id: Some(unit.id), active: false }, now).await.unwrap();
    }
    (user.id, token)
}

/// A counter intake at H11.100, forwarded to the specialist's step (0);
/// `at_leader` forwards it on to the leader's step (1). Returns its code.
async fn at_step(app: &TestApp, at_leader: bool) -> String {
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&app.login("motcua").await, &code, "forward", None).await;
    if at_leader {
        app.act_ok(&app.login("chuyenvien").await, &code, "forward", None).await;
    }
    code
}

async fn assign(app: &TestApp, token: &str, code: &str, assignee: Value) -> crate::common::Resp {
    let d = app.dossier(token, code).await;
    app.act(token, code, &json!({"action": "assign", "version": d["version"], "assignee_id": assignee})).await
}

fn codes(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap_or_default().to_owned()).collect()
}

both_backends!(assignment_fills_my_list_and_ends_with_the_step, |app| async move {
    let leader = app.login("lanhdao").await;
    let specialist = app.login("chuyenvien").await;
    let specialist_id = user_id(&app, "chuyenvien").await;
    let leader_id = user_id(&app, "lanhdao").await;
    let code = at_step(&app, false).await;
    let other = at_step(&app, false).await;

    // The step's eligible officers: the specialists and leaders of H11.100.
    let (status, eligible) = app.get(Some(&leader), &format!("/api/v1/dossiers/{code}/assignees")).await;
    assert_eq!(status, 200);
    let ids: Vec<i64> = eligible.as_array().unwrap().iter().map(|u| u["id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&specialist_id) && ids.contains(&leader_id), "{eligible:#}");
    assert!(!ids.contains(&user_id(&app, "motcua").await), "the counter is not the step's role");

    let r = assign(&app, &leader, &code, json!(specialist_id)).await;
    let d = r.assert_status(200);
    assert_eq!(d["current"]["assigned_user_id"], specialist_id);
    assert_eq!(d["status"]["code"], 4, "the status does not change");

    // "Assigned to me" and "my unit's" are separate lists.
    let (_, mine) = app.get(Some(&specialist), "/api/v1/inbox?assigned=me").await;
    assert_eq!(codes(&mine), vec![code.clone()]);
    assert_eq!(mine["items"][0]["assigned_user_id"], specialist_id);
    assert_eq!(mine["items"][0]["assigned_name"], "Trần Văn Minh");
    let (_, unit) = app.get(Some(&specialist), "/api/v1/inbox?assigned=unit&limit=200").await;
    assert!(codes(&unit).contains(&code) && codes(&unit).contains(&other));
    let (_, leaders) = app.get(Some(&leader), "/api/v1/inbox?assigned=me").await;
    assert!(!codes(&leaders).contains(&code));
    let r = app.fetch(Some(&specialist), "/api/v1/inbox?assigned=someone").await;
    r.assert_error(422, "invalid_field", Some("assigned"));

    // Reassignment by the step's specialist: a history line naming both.
    let r = assign(&app, &specialist, &code, json!(leader_id)).await;
    let d = r.assert_status(200);
    let last = d["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["action"].as_str(), &last["assigned_from"], &last["assigned_to"]),
        (Some("assign"), &json!(specialist_id), &json!(leader_id))
    );
    let (_, mine) = app.get(Some(&specialist), "/api/v1/inbox?assigned=me").await;
    assert!(codes(&mine).is_empty());

    // Forwarding clears it: the next step's unit assigns anew.
    let d = app.act_ok(&specialist, &code, "forward", None).await;
    assert_eq!(d["current"]["assigned_user_id"], Value::Null);
    let (_, leaders) = app.get(Some(&leader), "/api/v1/inbox?assigned=me").await;
    assert!(codes(&leaders).is_empty());
});

both_backends!(assignment_refuses_other_units_deactivated_and_wrong_accounts, |app| async move {
    let leader = app.login("lanhdao").await;
    let code = at_step(&app, false).await;
    let before = app.dossier(&leader, &code).await;
    let (inactive, _) = extra_officer(&app, "chuyenvien.nghi", Role::Specialist, false).await;
    let cases = [
        (json!(user_id(&app, "chuyenvien.hoaan").await), "assignee_other_unit"),
        (json!(user_id(&app, "chuyenvien.snmt").await), "assignee_other_unit"),
        (json!(inactive), "assignee_inactive"),
        (json!(user_id(&app, "motcua").await), "assignee_wrong_role"),
        (json!(user_id(&app, "congdan").await), "assignee_other_unit"),
        (json!(999_999), "assignee_not_found"),
    ];
    for (who, code_expected) in cases {
        let r = assign(&app, &leader, &code, who.clone()).await;
        r.assert_error(422, code_expected, Some("assignee_id"));
        assert!(r.body["error"]["message_vi"].as_str().unwrap().contains("assignee_id"), "{:#}", r.body);
    }
    let r = app.act(&leader, &code, &json!({"action": "assign", "version": before["version"]})).await;
    r.assert_error(422, "required", Some("assignee_id"));
    // The deactivated account is not offered either.
    let (_, eligible) = app.get(Some(&leader), &format!("/api/v1/dossiers/{code}/assignees")).await;
    assert!(!eligible.as_array().unwrap().iter().any(|u| u["id"] == inactive));
    // English, on request.
    let r = app
        .req(Method::POST, &format!("/api/v1/dossiers/{code}/actions"))
        .token(&leader)
        .header("accept-language", "en")
        .json(&json!({"action": "assign", "version": before["version"], "assignee_id": inactive}))
        .send()
        .await;
    assert!(r.body["error"]["message"].as_str().unwrap().contains("deactivated"), "{:#}", r.body);
    // Nothing was written.
    let after = app.dossier(&leader, &code).await;
    assert_eq!((&after["version"], &after["events"]), (&before["version"], &before["events"]));
    // The counter officer of the receiving unit does not own the step.
    let counter = app.login("motcua").await;
    let r = assign(&app, &counter, &code, json!(user_id(&app, "chuyenvien").await)).await;
    r.assert_error(403, "not_step_owner", None);
});

both_backends!(a_return_goes_back_to_an_earlier_step_with_a_reason, |app| async move {
    let leader = app.login("lanhdao").await;
    let specialist = app.login("chuyenvien").await;
    let code = at_step(&app, true).await;
    let before = app.dossier(&leader, &code).await;
    let version = before["version"].clone();
    let back = |body: Value| {
        let app = &app;
        let leader = leader.clone();
        let code = code.clone();
        async move { app.act(&leader, &code, &body).await }
    };
    back(json!({"action": "return_to_step", "version": version, "to_step": 5, "note": "x"})).await.assert_error(
        422,
        "return_step_not_found",
        Some("to_step"),
    );
    back(json!({"action": "return_to_step", "version": version, "to_step": 1, "note": "x"})).await.assert_error(
        422,
        "return_step_not_earlier",
        Some("to_step"),
    );
    back(json!({"action": "return_to_step", "version": version, "to_step": 0})).await.assert_error(
        422,
        "required",
        Some("note"),
    );
    back(json!({"action": "return_to_step", "version": version, "to_step": 0, "note": "   "})).await.assert_error(
        422,
        "required",
        Some("note"),
    );
    back(json!({"action": "return_to_step", "version": version, "note": "x"})).await.assert_error(
        422,
        "required",
        Some("to_step"),
    );
    back(json!({"action": "return_to_step", "version": version, "to_step": -1, "note": "x"})).await.assert_error(
        422,
        "invalid_field",
        Some("to_step"),
    );
    let unchanged = app.dossier(&leader, &code).await;
    assert_eq!(unchanged["events"], before["events"], "nothing half-written");

    let r =
        back(json!({"action": "return_to_step", "version": version, "to_step": 0, "note": "Thiếu ý kiến thẩm định"}))
            .await;
    let d = r.assert_status(200);
    assert_eq!((d["current"]["step"].as_u64(), d["current"]["role"].as_str()), (Some(0), Some("specialist")));
    assert_eq!(d["due_at"], before["due_at"], "the clock keeps running: the due date does not move");
    assert_eq!(d["status"]["code"], 4);
    let last = d["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["action"].as_str(), last["from_step"].as_u64(), last["to_step"].as_u64()),
        (Some("return_to_step"), Some(1), Some(0))
    );
    assert_eq!(last["note"], "Thiếu ý kiến thẩm định");
    // Back in the specialist's inbox; the step is theirs again.
    let (_, inbox) = app.get(Some(&specialist), "/api/v1/inbox?limit=200").await;
    assert!(codes(&inbox).contains(&code));
    let d = app.dossier(&specialist, &code).await;
    assert!(d["allowed_actions"].as_array().unwrap().contains(&json!("forward")));
    assert!(!d["allowed_actions"].as_array().unwrap().contains(&json!("return_to_step")), "nothing before step 0");
});

async fn bulk(app: &TestApp, token: &str, action: &str, items: &[(String, Value)]) -> crate::common::Resp {
    let items: Vec<Value> = items.iter().map(|(d, v)| json!({"dossier": d, "version": v})).collect();
    app.send(Method::POST, Some(token), "/api/v1/dossiers/bulk-actions", &json!({"action": action, "items": items}))
        .await
}

async fn versioned(app: &TestApp, token: &str, code: &str) -> (String, Value) {
    (code.to_owned(), app.dossier(token, code).await["version"].clone())
}

both_backends!(bulk_approval_reports_each_dossier_and_touches_only_the_allowed, |app| async move {
    let leader = app.login("lanhdao").await;
    let mut items = Vec::new();
    for _ in 0..3 {
        let code = at_step(&app, true).await;
        items.push(versioned(&app, &leader, &code).await);
    }
    // Not at the last step: cannot be finished.
    let early = at_step(&app, false).await;
    items.push(versioned(&app, &leader, &early).await);
    // Another commune's dossier: not visible to this leader.
    let hoa_an = app.login("motcua.hoaan").await;
    let d = app.create_dossier(&hoa_an, &crate::common::submission(crate::common::BIRTH)).await;
    let foreign = d.assert_status(201)["code"].as_str().unwrap().to_owned();
    items.push((foreign.clone(), json!(1)));
    // Someone acted since the leader read it.
    let stale = at_step(&app, true).await;
    let (_, old_version) = versioned(&app, &leader, &stale).await;
    let before_stale = app.dossier(&leader, &stale).await;
    items.push((stale.clone(), json!(old_version.as_i64().unwrap() - 1)));

    let r = app
        .req(Method::POST, "/api/v1/dossiers/bulk-actions")
        .token(&leader)
        .header("accept-language", "en")
        .json(&json!({"action": "finish", "note": "Duyệt hàng loạt",
                      "items": items.iter().map(|(d, v)| json!({"dossier": d, "version": v})).collect::<Vec<_>>()}))
        .send()
        .await;
    let body = r.assert_status(200);
    assert_eq!((body["succeeded"].as_u64(), body["refused"].as_u64()), (Some(3), Some(3)), "{body:#}");
    let results = body["results"].as_array().unwrap();
    for (i, res) in results.iter().enumerate().take(3) {
        assert_eq!(res["dossier"], items[i].0.as_str());
        assert_eq!((res["ok"].as_bool(), res["status"]["code"].as_i64()), (Some(true), Some(9)), "{res:#}");
    }
    let refused: Vec<(&str, &str)> = results[3..]
        .iter()
        .map(|r| (r["error"]["code"].as_str().unwrap(), r["error"]["message"].as_str().unwrap()))
        .collect();
    assert_eq!(refused[0].0, "action_not_allowed_in_status");
    assert_eq!(refused[1].0, "dossier_not_found");
    assert_eq!(refused[2].0, "stale_version");
    assert!(refused.iter().all(|(_, m)| m.is_ascii()), "messages in English: {refused:?}");
    assert!(!results[3]["error"]["message_vi"].as_str().unwrap().is_ascii());

    // Each success has its own history line with the note; the refused are untouched.
    for (code, version) in &items[..3] {
        let d = app.dossier(&leader, code).await;
        assert_eq!(d["version"], version.as_i64().unwrap() + 1);
        let last = d["events"].as_array().unwrap().last().unwrap().clone();
        assert_eq!((last["action"].as_str(), last["note"].as_str()), (Some("finish"), Some("Duyệt hàng loạt")));
    }
    assert_eq!(app.dossier(&leader, &early).await["version"], items[3].1);
    assert_eq!(app.dossier(&leader, &stale).await, before_stale);
    let foreign_now = app.dossier(&hoa_an, &foreign).await;
    assert_eq!(foreign_now["version"], 1);
});

both_backends!(bulk_requests_wrong_as_a_whole_do_nothing, |app| async move {
    let leader = app.login("lanhdao").await;
    let specialist = app.login("chuyenvien").await;
    let code = at_step(&app, true).await;
    let item = versioned(&app, &leader, &code).await;
    bulk(&app, &specialist, "forward", std::slice::from_ref(&item)).await.assert_error(403, "forbidden", None);
    bulk(&app, &leader, "stop", std::slice::from_ref(&item)).await.assert_error(
        422,
        "bulk_action_not_allowed",
        Some("action"),
    );
    bulk(&app, &leader, "finish", &[]).await.assert_error(422, "required", Some("items"));
    bulk(&app, &leader, "finish", &[item.clone(), item.clone()]).await.assert_error(
        422,
        "duplicate_item",
        Some("items[1]"),
    );
    let many: Vec<(String, Value)> = (0..101).map(|i| (format!("{}", 1_000_000 + i), json!(1))).collect();
    bulk(&app, &leader, "finish", &many).await.assert_error(422, "too_many_items", Some("items"));
    assert_eq!(app.dossier(&leader, &code).await["version"], item.1);
});

both_backends!(two_leaders_bulk_approving_overlapping_selections_change_each_dossier_once, |app| async move {
    let leader = app.login("lanhdao").await;
    let (_, second) = extra_officer(&app, "lanhdao.pho", Role::Leader, true).await;
    for round in 0..3 {
        let mut items = Vec::new();
        for _ in 0..4 {
            let code = at_step(&app, true).await;
            items.push(versioned(&app, &leader, &code).await);
        }
        // A: 0, 1, 2; B: 1, 2, 3 (B in another order on odd rounds).
        let a = items[..3].to_vec();
        let mut b = items[1..].to_vec();
        if round % 2 == 1 {
            b.reverse();
        }
        let (ra, rb) = tokio::join!(bulk(&app, &leader, "finish", &a), bulk(&app, &second, "finish", &b));
        let (ra, rb) = (ra.assert_status(200).clone(), rb.assert_status(200).clone());
        for (code, version) in &items {
            let wins: Vec<&Value> = [&ra, &rb]
                .iter()
                .flat_map(|r| r["results"].as_array().unwrap())
                .filter(|r| r["dossier"] == code.as_str() && r["ok"] == true)
                .collect();
            assert_eq!(wins.len(), 1, "{code} changed once: {ra:#} {rb:#}");
            let losses: Vec<&Value> = [&ra, &rb]
                .iter()
                .flat_map(|r| r["results"].as_array().unwrap())
                .filter(|r| r["dossier"] == code.as_str() && r["ok"] == false)
                .collect();
            assert!(losses.iter().all(|l| l["error"]["code"] == "stale_version"), "{losses:?}");
            let d = app.dossier(&leader, code).await;
            assert_eq!(d["version"], version.as_i64().unwrap() + 1);
            let finishes = d["events"].as_array().unwrap().iter().filter(|e| e["action"] == "finish").count();
            assert_eq!(finishes, 1);
        }
        assert_eq!(ra["succeeded"].as_u64().unwrap() + rb["succeeded"].as_u64().unwrap(), 4);
    }
});
