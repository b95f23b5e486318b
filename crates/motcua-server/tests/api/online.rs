//! "Toàn trình" online: the citizen's supplement sent online (files and a
//! history line in one transaction; the clock resumes only when the counter
//! accepts), the citizen's withdrawal through the API, on both databases.
//! Every refusal is checked to have written nothing.

use motcua_rules::Role;
use motcua_server::auth::hash_password;
use motcua_store::model::NewUser;
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::common::{Resp, TestApp};

pub fn pdf(tag: &str) -> Vec<u8> {
    format!("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% {tag}\n%%EOF\n").into_bytes()
}

/// A second citizen, who does not own the dossiers of `congdan`.
pub async fn other_citizen(app: &TestApp) -> String {
    let password = "mat-khau-cong-dan-3";
    app.state
        .store
        .create_user(
            NewUser {
                username: "congdan3".into(),
                password_hash: hash_password(password).unwrap(),
                full_name: "Hà Thị Cúc".into(),
                role: Role::Citizen,
                unit_id: None,
            },
            app.now(),
        )
        .await
        .unwrap();
    let r = app
        .send(Method::POST, None, "/api/v1/auth/login", &json!({"username": "congdan3", "password": password}))
        .await;
    r.assert_status(200)["token"].as_str().unwrap().to_owned()
}

/// Sends a supplement through the API: `version`, then each file.
pub async fn send_supplement(
    app: &TestApp,
    token: &str,
    r: &str,
    version: Option<i64>,
    files: Vec<(&str, Vec<u8>)>,
) -> Resp {
    let mut form = Form::new();
    if let Some(v) = version {
        form = form.text("version", v.to_string());
    }
    form = form.text("note", "Gửi bản sao giấy chứng sinh");
    for (name, data) in files {
        form = form.part("files", Part::bytes(data).file_name(name.to_owned()));
    }
    let res = app
        .client
        .post(app.url(&format!("/api/v1/dossiers/{r}/supplement")))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.bytes().await.unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Resp { status, headers, body }
}

/// An online submission received by the counter and asked for a
/// supplement: its code and version.
pub async fn waiting_for_supplement(app: &TestApp) -> (String, i64) {
    let d = app.online_submission().await;
    let id = d["id"].to_string();
    let counter = app.login("motcua").await;
    let d = app.act_ok(&counter, &id, "receive", None).await;
    let code = d["code"].as_str().unwrap().to_owned();
    let d = app.act_ok(&counter, &code, "request_supplement", Some("Thiếu bản sao giấy chứng sinh")).await;
    (code, d["version"].as_i64().unwrap())
}

/// The number of files of a dossier (below the HTTP surface).
async fn file_count(app: &TestApp, code: &str) -> usize {
    let d = app.state.store.dossier(motcua_store::DossierRef::Code(code.into())).await.unwrap().unwrap();
    app.state.store.attachments(d.id).await.unwrap().len()
}

both_backends!(a_supplement_sent_online_waits_for_the_counter_and_the_clock_resumes_on_acceptance, |app| async move {
    let citizen = app.login("congdan").await;
    let counter = app.login("motcua").await;
    let (code, version) = waiting_for_supplement(&app).await;
    let before = app.dossier(&counter, &code).await;
    let files_before = file_count(&app, &code).await;

    let r = send_supplement(&app, &citizen, &code, Some(version), vec![("Giấy chứng sinh.pdf", pdf("cs"))]).await;
    let d = r.assert_status(200);
    assert_eq!(d["status"]["key"], "supplement_requested", "the status does not change");
    assert_eq!(d["due_at"], before["due_at"], "the clock does not resume on upload");
    assert_eq!(d["paused_at"], before["paused_at"]);
    assert!(d["supplement_arrived_at"].is_string());
    let last = d["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "submit_supplement");
    assert_eq!(last["note"], "Gửi bản sao giấy chứng sinh", "the citizen's note is theirs to read");
    assert_eq!(file_count(&app, &code).await, files_before + 1);

    // Sent twice before the counter looked: the files add up.
    let v = d["version"].as_i64().unwrap();
    let d = send_supplement(&app, &citizen, &code, Some(v), vec![("trang-2.pdf", pdf("p2"))]).await;
    d.assert_status(200);
    assert_eq!(file_count(&app, &code).await, files_before + 2);

    // The counter sees it arrived, in the dossier and in the inbox.
    let seen = app.dossier(&counter, &code).await;
    assert!(seen["supplement_arrived_at"].is_string());
    let allowed = seen["allowed_actions"].as_array().unwrap();
    assert!(allowed.contains(&json!("supplement_received")) && allowed.contains(&json!("request_supplement")));
    let (s, inbox) = app.get(Some(&counter), "/api/v1/inbox?status=supplement_requested").await;
    assert_eq!(s, 200, "{inbox:#}");
    let item = inbox["items"].as_array().unwrap().iter().find(|i| i["code"] == code.as_str()).unwrap().clone();
    assert!(item["supplement_arrived_at"].is_string(), "{item:#}");
    let kinds = app.state.store.attachments(seen["id"].as_i64().unwrap()).await.unwrap();
    assert_eq!(kinds.iter().filter(|f| f.kind == motcua_store::model::AttachmentKind::Supplement).count(), 2);

    // Accepted two days later: the due date moves by the pause, from the request.
    app.advance(chrono::Duration::days(2));
    let d = app.act_ok(&counter, &code, "supplement_received", None).await;
    assert_eq!(d["status"]["key"], "received");
    assert!(d["supplement_arrived_at"].is_null());
    assert!(d["paused_at"].is_null());
    assert_ne!(d["due_at"], before["due_at"], "the clock resumed at the acceptance");
    assert_eq!(d["supplement_count"], 1);
});

both_backends!(the_counter_may_ask_again_after_an_online_supplement, |app| async move {
    let citizen = app.login("congdan").await;
    let counter = app.login("motcua").await;
    let (code, version) = waiting_for_supplement(&app).await;
    // Nothing arrived yet: asking again is refused.
    let v = app.dossier(&counter, &code).await["version"].clone();
    app.act(&counter, &code, &json!({"action": "request_supplement", "version": v, "note": "Lần nữa"}))
        .await
        .assert_error(409, "action_not_allowed_in_status", None);
    send_supplement(&app, &citizen, &code, Some(version), vec![("a.pdf", pdf("a"))]).await.assert_status(200);
    let d = app.act_ok(&counter, &code, "request_supplement", Some("Bản sao chưa chứng thực")).await;
    assert_eq!(d["status"]["key"], "supplement_requested");
    assert_eq!(d["supplement_count"], 1, "the same round: not a second supplement request");
    assert!(d["supplement_arrived_at"].is_null());
    // The citizen sees the new note and may send again.
    let mine = app.dossier(&citizen, &code).await;
    assert!(mine["events"].as_array().unwrap().iter().any(|e| e["note"] == "Bản sao chưa chứng thực"));
    assert!(mine["allowed_actions"].as_array().unwrap().contains(&json!("submit_supplement")));
});

both_backends!(a_bad_supplement_is_refused_with_nothing_written, |app| async move {
    let citizen = app.login("congdan").await;
    let counter = app.login("motcua").await;
    let (code, version) = waiting_for_supplement(&app).await;
    let before = app.fingerprint(&counter, &code).await;
    let files = file_count(&app, &code).await;
    let check = |r: Resp, status: u16, code_: &'static str, field: Option<&'static str>| {
        r.assert_error(status, code_, field);
    };
    // Not the owner: the dossier does not exist for them.
    let other = other_citizen(&app).await;
    check(
        send_supplement(&app, &other, &code, Some(version), vec![("a.pdf", pdf("a"))]).await,
        404,
        "dossier_not_found",
        None,
    );
    // Staff do not send the citizen's supplement.
    check(
        send_supplement(&app, &counter, &code, Some(version), vec![("a.pdf", pdf("a"))]).await,
        403,
        "role_not_allowed",
        None,
    );
    // No file; no version; a stale version.
    check(send_supplement(&app, &citizen, &code, Some(version), vec![]).await, 422, "no_file", Some("files"));
    check(
        send_supplement(&app, &citizen, &code, None, vec![("a.pdf", pdf("a"))]).await,
        422,
        "required",
        Some("version"),
    );
    check(
        send_supplement(&app, &citizen, &code, Some(version - 1), vec![("a.pdf", pdf("a"))]).await,
        409,
        "stale_version",
        Some("version"),
    );
    // A program named .pdf, then a good file with a refused one: nothing kept.
    check(
        send_supplement(&app, &citizen, &code, Some(version), vec![("virus.pdf", b"MZ\x90\x00\x03".to_vec())]).await,
        415,
        "file_type_not_allowed",
        Some("files"),
    );
    let mixed = vec![("ok.pdf", pdf("ok")), ("x.exe", b"MZ\x90\x00".to_vec())];
    check(
        send_supplement(&app, &citizen, &code, Some(version), mixed).await,
        415,
        "file_type_not_allowed",
        Some("files"),
    );
    // Too large (over 10 MB).
    let mut big = pdf("big");
    big.resize(10 * 1024 * 1024 + 10, b' ');
    check(
        send_supplement(&app, &citizen, &code, Some(version), vec![("big.pdf", big)]).await,
        413,
        "file_too_large",
        Some("files"),
    );
    assert_eq!(app.fingerprint(&counter, &code).await, before);
    assert_eq!(file_count(&app, &code).await, files);

    // Not waiting for a supplement (accepted meanwhile): refused, nothing written.
    let d = app.act_ok(&counter, &code, "supplement_received", None).await;
    let v = d["version"].as_i64().unwrap();
    let before = app.fingerprint(&counter, &code).await;
    check(
        send_supplement(&app, &citizen, &code, Some(v), vec![("a.pdf", pdf("a"))]).await,
        409,
        "action_not_allowed_in_status",
        None,
    );
    assert_eq!(app.fingerprint(&counter, &code).await, before);
    assert_eq!(file_count(&app, &code).await, files);
    // Not through the actions endpoint: a supplement brings files.
    app.act(&citizen, &code, &json!({"action": "submit_supplement", "version": v})).await.assert_error(
        422,
        "unknown_action",
        Some("action"),
    );
});

both_backends!(the_owner_withdraws_through_the_api_with_a_reason, |app| async move {
    let citizen = app.login("congdan").await;
    let counter = app.login("motcua").await;
    let d = app.online_submission().await;
    let id = d["id"].to_string();
    let v = d["version"].clone();
    let before = app.fingerprint(&counter, &id).await;
    // Without a reason; with an internal note; by another citizen: refused.
    app.act(&citizen, &id, &json!({"action": "withdraw", "version": v})).await.assert_error(
        422,
        "required",
        Some("note"),
    );
    app.act(&citizen, &id, &json!({"action": "withdraw", "version": v, "note": "x", "note_for": "internal"}))
        .await
        .assert_error(422, "note_audience_fixed", Some("note_for"));
    let other = other_citizen(&app).await;
    app.act(&other, &id, &json!({"action": "withdraw", "version": v, "note": "x"})).await.assert_error(
        404,
        "dossier_not_found",
        None,
    );
    assert_eq!(app.fingerprint(&counter, &id).await, before);

    let r = app.act(&citizen, &id, &json!({"action": "withdraw", "version": v, "note": "Nộp nhầm thủ tục"})).await;
    let d = r.assert_status(200);
    assert_eq!(d["status"]["key"], "withdrawn");
    assert!(d["allowed_actions"].as_array().unwrap().is_empty());
    // Who and why: the counter reads the citizen's reason, the citizen too.
    let staff_view = app.dossier(&counter, &id).await;
    let last = staff_view["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "withdraw");
    assert_eq!(last["note"], "Nộp nhầm thủ tục");
    assert_eq!(last["note_for_applicant"], true);
    // Closed: neither a second withdrawal nor a supplement.
    app.act(&citizen, &id, &json!({"action": "withdraw", "version": d["version"], "note": "lại"})).await.assert_error(
        409,
        "action_not_allowed_in_status",
        None,
    );
});
