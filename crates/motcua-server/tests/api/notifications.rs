//! Notifications and escalation through the API and the pages, on both
//! databases: a notice delivered to the local SMTP receiver in both
//! languages, a mail server that is down (retried, "Đang gửi lại" on the
//! dossier page, then delivered), no channel configured (kept, not sent,
//! the administrator told), the citizen's channel and its refusals, the
//! escalation rules and their refusals, and an overdue step escalated once
//! across two scheduler rounds and two schedulers at once.

use std::sync::Arc;
use std::time::Duration;

use motcua_notify::Channels;
use motcua_notify::smtp::{Security, SmtpChannel, SmtpConfig};
use motcua_notify::testing::{Behaviour, SmtpReceiver};
use motcua_server::notify::{scheduler, sender};
use serde_json::{Value, json};

use crate::common::html::Html;
use crate::common::{TestApp, at, components_of, submission_with};

/// Đăng ký kết hôn: 3 working days at commune H11.100, the specialist's
/// examination 2 of them, the leader's approval 1.
const MARRIAGE: &str = "1.000894";

fn smtp_to(port: u16) -> Channels {
    let channel = SmtpChannel::new(&SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        credentials: None,
        from: "Một cửa Cao Bằng <motcua@example.gov.vn>".into(),
        timeout: Duration::from_secs(5),
    })
    .unwrap();
    Channels::none().with(Arc::new(channel))
}

async fn received(app: &TestApp, counter: &str) -> String {
    let components = components_of(app, MARRIAGE).await;
    let names: Vec<&str> = components.iter().map(String::as_str).collect();
    let r = app.create_dossier(counter, &submission_with(MARRIAGE, &names)).await;
    r.assert_status(201)["code"].as_str().unwrap().to_owned()
}

async fn notices(app: &TestApp, token: &str, code: &str) -> Vec<Value> {
    let (s, v) = app.get(Some(token), &format!("/api/v1/dossiers/{code}/notifications")).await;
    assert_eq!(s, 200, "{v:#}");
    v.as_array().unwrap().clone()
}

async fn page(app: &TestApp, user: &str, lang: &str, path: &str) -> Html {
    let client = app.page_client(Some(user), Some(lang)).await;
    Html::read(client.get(app.url(path)).send().await.unwrap()).await
}

both_backends!(
    notices_go_out_by_email_and_a_mail_server_down_is_retried,
    TestApp::builder().dossiers(0),
    |app| async move {
        let counter = app.login("motcua").await;
        let code = received(&app, &counter).await;
        let receiver = SmtpReceiver::start().await;

        // The mail server is down: kept, retried, shown as "Đang gửi lại".
        receiver.set_behaviour(Behaviour::Drop);
        app.state.set_channels(smtp_to(receiver.port));
        let report = sender::send_round(&app.state).await.unwrap();
        assert_eq!((report.sent, report.failed), (0, 1));
        let n = &notices(&app, &counter, &code).await[0];
        assert_eq!((n["kind"].as_str(), n["status"].as_str()), (Some("received"), Some("retrying")));
        assert_eq!((n["attempts"].as_u64(), n["last_error"].as_str()), (Some(1), Some("smtp_unreachable")));
        assert_eq!(n["address"], "a***@example.vn", "masked");
        assert!(n["next_attempt_at"].is_string());
        let vi = page(&app, "motcua", "vi", &format!("/office/dossiers/{code}")).await;
        let text = vi.assert_status(200);
        assert!(text.contains("Đang gửi lại") && text.contains("Không kết nối được máy chủ thư"), "{text}");
        let en = page(&app, "motcua", "en", &format!("/office/dossiers/{code}")).await;
        assert!(en.assert_status(200).contains("Retrying"));

        // Not due again before its backoff; delivered once the server is back.
        receiver.set_behaviour(Behaviour::Accept);
        assert_eq!(sender::send_round(&app.state).await.unwrap(), sender::SendReport::default());
        app.advance(chrono::Duration::minutes(2));
        assert_eq!(sender::send_round(&app.state).await.unwrap().sent, 1);
        let mails = receiver.wait_for(1, Duration::from_secs(5)).await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].to, ["an.nguyen@example.vn"]);
        assert!(mails[0].subject().starts_with(&format!("Hồ sơ {code} đã được tiếp nhận / Dossier {code}")));
        let body = mails[0].body();
        assert!(
            body.contains("Ngày hẹn trả kết quả: 09/03/2026") && body.contains("The result is due on 09/03/2026"),
            "{body}"
        );
        let n = &notices(&app, &counter, &code).await[0];
        assert_eq!(
            (n["status"].as_str(), n["attempts"].as_u64(), n["channel"].as_str()),
            (Some("sent"), Some(2), Some("email"))
        );
        // Sent once: a later round sends nothing.
        assert_eq!(sender::send_round(&app.state).await.unwrap().sent, 0);
        assert_eq!(receiver.mails().len(), 1);
    }
);

both_backends!(
    with_no_channel_notices_are_kept_and_the_administrator_is_told,
    TestApp::builder().dossiers(0),
    |app| async move {
        let counter = app.login("motcua").await;
        let code = received(&app, &counter).await;
        let report = sender::send_round(&app.state).await.unwrap();
        assert_eq!(report.not_sent, 1);
        let n = &notices(&app, &counter, &code).await[0];
        assert_eq!(
            (n["status"].as_str(), n["last_error"].as_str()),
            (Some("not_sent"), Some("notify_channel_not_configured"))
        );

        let admin = app.login("admin").await;
        let (s, status) = app.get(Some(&admin), "/api/v1/notifications/status").await;
        assert_eq!(s, 200);
        assert_eq!(status["channels"], json!([]));
        assert_eq!(status["counts"]["not_sent"], 1);
        let vi = page(&app, "admin", "vi", "/admin/notifications").await;
        assert!(vi.assert_status(200).contains("Chưa cấu hình kênh gửi nào"));
        let en = page(&app, "admin", "en", "/admin/notifications").await;
        assert!(en.assert_status(200).contains("No channel is configured"));
        // Not for others.
        assert_eq!(app.get(Some(&counter), "/api/v1/notifications/status").await.0, 403);
    }
);

both_backends!(
    a_citizen_chooses_a_channel_and_mistakes_are_refused_each_on_its_field,
    TestApp::builder().dossiers(0),
    |app| async move {
        let citizen = app.login("congdan").await;
        assert_eq!(app.get(Some(&citizen), "/api/v1/account/notifications").await.1, Value::Null);
        let r = app
            .send(reqwest::Method::PUT, Some(&citizen), "/api/v1/account/notifications", &json!({"channel": "fax"}))
            .await;
        r.assert_error(422, "notify_channel_unknown", Some("channel"));
        let r = app
            .send(reqwest::Method::PUT, Some(&citizen), "/api/v1/account/notifications", &json!({"channel": "sms"}))
            .await;
        r.assert_error(422, "notify_address_required", Some("phone"));
        let bad = json!({"channel": "email", "email": "not-an-address", "phone": "12"});
        let r = app.send(reqwest::Method::PUT, Some(&citizen), "/api/v1/account/notifications", &bad).await;
        assert_eq!(r.status, 422);
        let fields: Vec<&str> =
            r.body["errors"].as_array().unwrap().iter().filter_map(|e| e["field"].as_str()).collect();
        assert_eq!(fields, ["email", "phone"], "{:#}", r.body);
        let good = json!({"channel": "zalo", "phone": "0987 654 321"});
        let r = app.send(reqwest::Method::PUT, Some(&citizen), "/api/v1/account/notifications", &good).await;
        assert_eq!(r.assert_status(200)["phone"], "0987654321");
        assert_eq!(app.get(Some(&citizen), "/api/v1/account/notifications").await.1["channel"], "zalo");
        // The account page shows it, in both languages.
        let vi = page(&app, "congdan", "vi", "/account").await;
        assert!(vi.assert_status(200).contains("Nhận thông báo về hồ sơ") && vi.body.contains("0987654321"));
        let en = page(&app, "congdan", "en", "/account").await;
        assert!(en.assert_status(200).contains("Notices about your dossiers"));
    }
);

both_backends!(escalation_rules_are_an_administrators_and_checked, TestApp::builder().dossiers(0), |app| async move {
    let admin = app.login("admin").await;
    let (_, rules) = app.get(Some(&admin), "/api/v1/escalation-rules").await;
    assert_eq!(rules["default"], json!({"warn_hours": 4, "leader_when_overdue": true, "second_level_hours": null}));
    let path = "/api/v1/escalation-rules/units/H11.100";
    let bad = json!({"warn_hours": 0, "leader_when_overdue": true, "second_level_hours": 1000});
    let r = app.send(reqwest::Method::PUT, Some(&admin), path, &bad).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["error"]["code"], "escalation_hours_invalid");
    let fields: Vec<&str> = r.body["errors"].as_array().unwrap().iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, ["warn_hours", "second_level_hours"]);
    let good = json!({"warn_hours": 2, "leader_when_overdue": true, "second_level_hours": 8});
    app.send(reqwest::Method::PUT, Some(&admin), path, &good).await.assert_status(200);
    let (_, rules) = app.get(Some(&admin), "/api/v1/escalation-rules").await;
    assert_eq!(rules["rules"][0]["code"], "H11.100");
    assert_eq!(rules["rules"][0]["second_level_hours"], 8);
    app.send(reqwest::Method::PUT, Some(&admin), "/api/v1/escalation-rules/units/NOPE", &good).await.assert_error(
        404,
        "unit_not_found",
        None,
    );
    let leader = app.login("lanhdao").await;
    assert_eq!(app.send(reqwest::Method::PUT, Some(&leader), path, &good).await.status, 403);
    app.send(reqwest::Method::DELETE, Some(&admin), path, &Value::Null).await.assert_status(204);
    app.send(reqwest::Method::DELETE, Some(&admin), path, &Value::Null).await.assert_error(
        404,
        "escalation_rule_not_found",
        None,
    );
});

both_backends!(
    an_overdue_step_is_escalated_once_across_rounds_and_schedulers,
    TestApp::builder().dossiers(0),
    |app| async move {
        let counter = app.login("motcua").await;
        let code = received(&app, &counter).await;
        // Wednesday 09:00: the examination's two working days end on Friday.
        app.act_ok(&counter, &code, "forward", None).await;

        // Thursday afternoon: not yet within the default 4 working hours.
        app.set_now(at(2026, 3, 5, 15, 0));
        assert_eq!(scheduler::escalate_round(&app.state).await.unwrap().escalated(), 0);
        // Friday 15:00: within them; the specialist is told (level 1).
        app.set_now(at(2026, 3, 6, 15, 0));
        assert_eq!(scheduler::escalate_round(&app.state).await.unwrap().escalated(), 1);
        assert_eq!(scheduler::escalate_round(&app.state).await.unwrap().escalated(), 0, "once");

        // Monday: overdue. Two schedulers at once, then another round: once.
        app.set_now(at(2026, 3, 9, 9, 0));
        let (a, b) = tokio::join!(scheduler::escalate_round(&app.state), scheduler::escalate_round(&app.state));
        assert_eq!(a.unwrap().escalated() + b.unwrap().escalated(), 1);
        assert_eq!(scheduler::escalate_round(&app.state).await.unwrap().escalated(), 0);
        let staff: Vec<Value> =
            notices(&app, &counter, &code).await.into_iter().filter(|n| n["recipient"] == "staff").collect();
        let kinds: Vec<&str> = staff.iter().filter_map(|n| n["kind"].as_str()).collect();
        assert_eq!(kinds.iter().filter(|k| **k == "step_overdue").count(), 1, "{kinds:?}");
        assert!(kinds.contains(&"step_due_soon"));

        // On the leader's page, in both languages; the API says the same.
        let leader = app.login("lanhdao").await;
        let (_, list) = app.get(Some(&leader), "/api/v1/escalations").await;
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!((list[0]["dossier_code"].as_str(), list[0]["level"].as_i64()), (Some(code.as_str()), Some(2)));
        let vi = page(&app, "lanhdao", "vi", "/office/escalations").await;
        assert!(vi.assert_status(200).contains(&code) && vi.body.contains("Quá hạn (báo lãnh đạo đơn vị)"));
        let en = page(&app, "lanhdao", "en", "/office/escalations").await;
        assert!(en.assert_status(200).contains("Overdue (unit leader told)"));
        // A citizen has no such page.
        let citizen = app.login("congdan").await;
        assert_eq!(app.get(Some(&citizen), "/api/v1/escalations").await.0, 403);
    }
);
