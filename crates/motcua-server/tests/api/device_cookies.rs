//! Device cookies (issue 17, OWASP's "device cookies"): a successful login
//! gives its client a device cookie; the next login to that account with it
//! goes through the hashing pool's lane for proven clients (tested in
//! `auth::pool`), and gets no new one. The cookie proves one account only,
//! and an administrator's reset forgets it.

use reqwest::Method;
use serde_json::json;

use crate::common::{Resp, TestApp};

async fn login(app: &TestApp, username: &str, password: &str, device: Option<&str>) -> Resp {
    let mut req =
        app.req(Method::POST, "/api/v1/auth/login").json(&json!({"username": username, "password": password}));
    if let Some(token) = device {
        req = req.header("cookie", &format!("motcua_device={token}"));
    }
    req.send().await
}

/// The device cookie a response sets: its token and its attributes.
fn device_cookie(r: &Resp) -> Option<(String, String)> {
    r.headers.get_all("set-cookie").iter().find_map(|c| {
        let c = c.to_str().unwrap();
        let rest = c.strip_prefix("motcua_device=")?;
        Some((rest.split(';').next().unwrap().to_owned(), c.to_owned()))
    })
}

both_backends!(a_login_proves_its_device_for_that_account_only, |app| async move {
    let password = TestApp::password("chuyenvien");
    // A first login: a device cookie for 180 days, out of scripts' reach.
    let r = login(&app, "chuyenvien", password, None).await;
    r.assert_status(200);
    let (token, cookie) = device_cookie(&r).expect("a device cookie");
    assert_eq!(token.len(), 64);
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=15552000"] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }

    // With it, the next login is proven and gets no new cookie...
    let r = login(&app, "chuyenvien", password, Some(&token)).await;
    r.assert_status(200);
    assert!(device_cookie(&r).is_none(), "already proven");
    // ...a wrong password is still wrong...
    login(&app, "chuyenvien", "không phải mật khẩu", Some(&token)).await.assert_error(401, "invalid_credentials", None);
    // ...and it proves nothing for another account, nor does a forged one.
    let other = TestApp::password("lanhdao");
    let r = login(&app, "lanhdao", other, Some(&token)).await;
    r.assert_status(200);
    assert!(device_cookie(&r).is_some(), "a device is proven per account");
    let r = login(&app, "lanhdao", other, Some(&"0".repeat(64))).await;
    assert!(device_cookie(&r).is_some(), "a forged token proves nothing");
    let r = login(&app, "lanhdao", other, Some("not-a-token")).await;
    assert!(device_cookie(&r).is_some());

    // An administrator's reset forgets the account's devices.
    let admin = app.login("admin").await;
    let (_, users) = app.get(Some(&admin), "/api/v1/users").await;
    let id = users.as_array().unwrap().iter().find(|u| u["username"] == "chuyenvien").unwrap()["id"].as_i64().unwrap();
    let r = app.send(Method::POST, Some(&admin), &format!("/api/v1/users/{id}/password-reset"), &json!({})).await;
    let temporary = r.assert_status(200)["temporary_password"].as_str().unwrap().to_owned();
    let r = login(&app, "chuyenvien", &temporary, Some(&token)).await;
    r.assert_status(200);
    assert!(device_cookie(&r).is_some(), "the old device is no longer proven");
});
