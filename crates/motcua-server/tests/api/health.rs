//! Liveness: `/healthz` answers with the database it runs on, and the
//! security headers are on every answer.

use crate::common::{Backend, header};

both_backends!(healthz_reports_the_database, |app| async move {
    let r = app.fetch(None, "/healthz").await;
    r.assert_status(200);
    let expected = match app.backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(r.body, serde_json::json!({"status": "ok", "database": expected}));
    assert_eq!(header(&r.headers, "x-content-type-options"), Some("nosniff"));
    assert_eq!(header(&r.headers, "x-frame-options"), Some("DENY"));
    assert_eq!(header(&r.headers, "referrer-policy"), Some("no-referrer"));
});

both_backends!(unknown_paths_answer_404_in_the_api_shape, |app| async move {
    let r = app.fetch(None, "/api/v1/no-such-thing").await;
    r.assert_error(404, "not_found", None);
    assert_eq!(r.body["error"]["message"], "Không có địa chỉ này");
    // Accept-Language: en switches `message`, both languages stay.
    let r = app.req(reqwest::Method::GET, "/api/v1/nowhere").header("accept-language", "en-GB,en;q=0.9").send().await;
    r.assert_error(404, "not_found", None);
    assert_eq!(r.body["error"]["message"], "No such path");
    assert_eq!(r.body["error"]["message_vi"], "Không có địa chỉ này");
    // Outside the API a person is reading: the same error as an HTML page.
    let page = app.client.get(format!("{}/nowhere", app.base)).send().await.unwrap();
    assert_eq!(page.status(), 404);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    assert!(page.text().await.unwrap().contains("Không có địa chỉ này"));
});
