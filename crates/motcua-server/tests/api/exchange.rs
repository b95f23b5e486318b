//! The exchange's administrator surface (docs/exchange.md): `/admin/exchange`
//! and `GET /api/v1/exchange/log` say whether the bus is configured (never
//! showing its password) and list the message log with refusals, in both
//! languages; other roles are refused. The log is filled the way the
//! consumer fills it (`Exchange::examine` and `Store::receive_message`);
//! the bus itself is tested in crates/motcua-bus/tests/exchange.rs.

use crate::common::TestApp;
use crate::common::exchange::{HERE, THERE, configured, receive_two};
use crate::common::html::Html;

async fn page(app: &TestApp, user: &str, lang: Option<&str>) -> Html {
    let client = app.page_client(Some(user), lang).await;
    Html::read(client.get(app.url("/admin/exchange")).send().await.unwrap()).await
}

both_backends!(the_log_is_shown_to_administrators_only, TestApp::builder().configure(configured), |app| async move {
    receive_two(&app).await;
    let vi = page(&app, "admin", None).await;
    let body = vi.assert_status(200).to_owned();
    assert!(!body.contains("bi-mat"), "the password is never shown");
    vi.assert_contains(&["nats://***@127.0.0.1:4999", HERE, "EDOC.out.000.00.04.G18", "Nhật ký gói tin"]);
    vi.assert_contains(&[
        "01 – Đã đến",
        "02 – Từ chối tiếp nhận",
        "edxml_bad_value",
        "MessageHeader/OtherInfo/Priority",
    ]);
    vi.assert_contains(&["Gói tin chờ gửi", "Gửi mới", &format!("{THERE},2026/03/04,05/UBND-VP")]);
    let en = page(&app, "admin", Some("en")).await;
    en.assert_contains(&["Message log", "01 – Arrived", "02 – Refused", "Messages waiting to be sent", "Refusal"]);

    let admin = app.login("admin").await;
    let (s, log) = app.get(Some(&admin), "/api/v1/exchange/log").await;
    assert_eq!(s, 200);
    assert_eq!((log["configured"].as_bool(), log["agency_id"].as_str()), (Some(true), Some(HERE)));
    assert_eq!(log["url"], "nats://***@127.0.0.1:4999");
    assert_eq!(log["waiting"], 2, "the two replies wait for the relay");
    let lines = log["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 4, "two in, two replies out: {lines:?}");
    let refused: Vec<_> = lines.iter().filter(|l| !l["refusal_code"].is_null()).collect();
    assert_eq!(refused.len(), 1);
    assert_eq!(
        (refused[0]["refusal_code"].as_str(), refused[0]["status"].as_str()),
        (Some("edxml_bad_value"), Some("02"))
    );
    assert_eq!(refused[0]["sha256"].as_str().map(str::len), Some(64));

    // Not for others.
    let counter = app.login("motcua").await;
    assert_eq!(app.get(Some(&counter), "/api/v1/exchange/log").await.0, 403);
    page(&app, "motcua", None).await.assert_status(403);
});

both_backends!(an_installation_without_the_bus_says_so, |app| async move {
    let vi = page(&app, "admin", None).await;
    vi.assert_contains(&[
        "exchange-not-configured",
        "Chưa cấu hình kết nối trục liên thông",
        "Chưa gửi hay nhận gói tin nào.",
    ]);
    let en = page(&app, "admin", Some("en")).await;
    en.assert_contains(&["The exchange bus is not configured", "No message has been sent or received."]);
    let admin = app.login("admin").await;
    let (_, log) = app.get(Some(&admin), "/api/v1/exchange/log").await;
    assert_eq!((log["configured"].as_bool(), log["lines"].as_array().map(Vec::len)), (Some(false), Some(0)));
});
