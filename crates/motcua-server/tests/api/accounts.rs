//! Accounts (issue 11): change your own password (every other session
//! ends), an administrator's reset with a temporary password that must be
//! changed at the next login, and the list of sessions an owner can end.

use reqwest::Method;
use serde_json::json;

use crate::common::TestApp;
use crate::pages_office::Browser;

const NEW: &str = "mưa rào đầu hạ ở Cao Bằng";

async fn login_with(app: &TestApp, username: &str, password: &str) -> crate::common::Resp {
    app.send(Method::POST, None, "/api/v1/auth/login", &json!({"username": username, "password": password})).await
}

both_backends!(changing_a_password_ends_every_other_session, |app| async move {
    let old = TestApp::password("chuyenvien");
    let first = login_with(&app, "chuyenvien", old).await.assert_status(200)["token"].as_str().unwrap().to_owned();
    let second = login_with(&app, "chuyenvien", old).await.assert_status(200)["token"].as_str().unwrap().to_owned();
    let (s, list) = app.get(Some(&first), "/api/v1/account/sessions").await;
    assert_eq!(s, 200);
    assert_eq!(list.as_array().unwrap().len(), 2, "{list:#}");
    assert_eq!(list.as_array().unwrap().iter().filter(|s| s["current"] == true).count(), 1);
    // Times leave with their offset, like every time of the API.
    assert!(list[0]["created_at"].as_str().unwrap().ends_with("+07:00"), "{list:#}");

    // Every rule, each on its field.
    for (body, code, field) in [
        (json!({"current_password": old, "new_password": "short"}), "password_too_short", "new_password"),
        (json!({"current_password": old, "new_password": "qwerty123456"}), "password_common", "new_password"),
        (json!({"current_password": old, "new_password": "chuyenvien"}), "password_too_short", "new_password"),
        (json!({"current_password": old, "new_password": old}), "password_unchanged", "new_password"),
        (json!({"current_password": "sai mật khẩu rồi", "new_password": NEW}), "password_wrong", "current_password"),
        (json!({"current_password": "", "new_password": NEW}), "required", "current_password"),
    ] {
        app.send(Method::POST, Some(&first), "/api/v1/account/password", &body).await.assert_error(
            422,
            code,
            Some(field),
        );
    }
    // Nothing changed: the old password still logs in.
    login_with(&app, "chuyenvien", old).await.assert_status(200);

    let r = app
        .send(
            Method::POST,
            Some(&first),
            "/api/v1/account/password",
            &json!({"current_password": old, "new_password": NEW}),
        )
        .await;
    let fresh = r.assert_status(200)["token"].as_str().unwrap().to_owned();
    assert!(r.headers.get_all("set-cookie").iter().any(|c| c.to_str().unwrap().starts_with("motcua_session=")));
    for old_token in [&first, &second] {
        assert_eq!(app.get(Some(old_token), "/api/v1/auth/me").await.0, 401, "the old sessions ended");
    }
    assert_eq!(app.get(Some(&fresh), "/api/v1/auth/me").await.0, 200, "the new session lives");
    login_with(&app, "chuyenvien", old).await.assert_error(401, "invalid_credentials", None);
    login_with(&app, "chuyenvien", NEW).await.assert_status(200);

    // Ending a session by its id; another's id is not found.
    let (_, list) = app.get(Some(&fresh), "/api/v1/account/sessions").await;
    let other =
        list.as_array().unwrap().iter().find(|s| s["current"] == false).unwrap()["id"].as_str().unwrap().to_owned();
    let r = app.send(Method::DELETE, Some(&fresh), &format!("/api/v1/account/sessions/{other}"), &json!(null)).await;
    assert_eq!(r.status, 204);
    let leader = app.login("lanhdao").await;
    app.send(Method::DELETE, Some(&leader), &format!("/api/v1/account/sessions/{other}"), &json!(null))
        .await
        .assert_error(404, "session_not_found", None);
});

both_backends!(a_reset_password_must_be_changed_at_the_next_login, |app| async move {
    let specialist = app.login("chuyenvien").await;
    let me = app.get(Some(&specialist), "/api/v1/auth/me").await.1;
    let id = me["id"].as_i64().unwrap();
    assert_eq!(me["must_change_password"], false);

    // Only an administrator whose units hold the account may reset it.
    let other_admin = app.login("quantri.snmt").await;
    app.send(Method::POST, Some(&other_admin), &format!("/api/v1/users/{id}/password-reset"), &json!(null))
        .await
        .assert_error(403, "user_outside_admin_scope", None);
    app.send(Method::POST, Some(&specialist), &format!("/api/v1/users/{id}/password-reset"), &json!(null))
        .await
        .assert_error(403, "forbidden", None);

    let admin = app.login("quantri.xa").await;
    let r = app.send(Method::POST, Some(&admin), &format!("/api/v1/users/{id}/password-reset"), &json!(null)).await;
    let temporary = r.assert_status(200)["temporary_password"].as_str().unwrap().to_owned();
    assert_eq!(r.body["user"]["must_change_password"], true);
    assert_eq!(app.get(Some(&specialist), "/api/v1/auth/me").await.0, 401, "the reset ended the session");

    // With the temporary password only the change is open.
    let token =
        login_with(&app, "chuyenvien", &temporary).await.assert_status(200)["token"].as_str().unwrap().to_owned();
    app.fetch(Some(&token), "/api/v1/inbox").await.assert_error(403, "password_change_required", None);
    assert_eq!(app.get(Some(&token), "/api/v1/auth/me").await.1["must_change_password"], true);
    let r = app
        .send(
            Method::POST,
            Some(&token),
            "/api/v1/account/password",
            &json!({"current_password": temporary, "new_password": NEW}),
        )
        .await;
    let fresh = r.assert_status(200)["token"].as_str().unwrap().to_owned();
    assert_eq!(r.body["user"]["must_change_password"], false);
    assert_eq!(app.get(Some(&fresh), "/api/v1/inbox").await.0, 200);
});

both_backends!(the_pages_force_the_change_and_report_every_mistake_at_once, |app| async move {
    // The administrator resets through the pages: a confirmation, then the
    // temporary password once.
    let admin = Browser::new(&app, Some("quantri.xa"), Some("vi")).await;
    let me = app.get(Some(&app.login("motcua").await), "/api/v1/auth/me").await.1;
    let id = me["id"].as_i64().unwrap();
    let ask = admin.get(&format!("/admin/users/{id}/reset-password")).await;
    ask.assert_contains(&["Đặt lại mật khẩu của", "Mọi phiên đăng nhập của tài khoản kết thúc ngay"]);
    let done = admin.post(&format!("/admin/users/{id}/reset-password"), &[]).await;
    let body = done.assert_status(200);
    let start = body.find("id=\"temporary-password\">").unwrap() + "id=\"temporary-password\">".len();
    let temporary = body[start..].split('<').next().unwrap().to_owned();
    assert_eq!(temporary.len(), 19, "{temporary}");

    // The officer logs in with it and lands on the change, wherever they go.
    let b = Browser::new(&app, None, Some("en")).await;
    let r = b.post("/login", &[("username", "motcua"), ("password", &temporary), ("next", "/office/inbox")]).await;
    assert_eq!(r.location(), "/account/password");
    let cookie = r.headers.get_all("set-cookie").iter().find_map(|c| {
        c.to_str().unwrap().strip_prefix("motcua_session=").map(|v| v.split(';').next().unwrap().to_owned())
    });
    let officer = Browser::with_session(&app, &cookie.unwrap(), "en").await;
    assert_eq!(officer.get("/office/inbox").await.location(), "/account/password");
    let page = officer.get("/account/password").await;
    page.assert_contains(&["Change your password before you go on"]);
    page.assert_lacks(&["Sessions"]);

    // Three mistakes, three messages, each next to its field.
    let r = officer
        .post(
            "/account/password",
            &[("current_password", ""), ("new_password", "short"), ("confirm_password", "other")],
        )
        .await;
    assert_eq!(r.status.as_u16(), 422);
    r.assert_contains(&[
        "The form has 3 errors to fix",
        "id=\"current_password-err\"",
        "id=\"new_password-err\"",
        "id=\"confirm_password-err\"",
        "The two new passwords differ",
    ]);

    let r = officer
        .post(
            "/account/password",
            &[("current_password", &temporary), ("new_password", NEW), ("confirm_password", NEW)],
        )
        .await;
    assert_eq!(r.location(), "/office/intake?done=password-changed");
    let cookie = r.headers.get_all("set-cookie").iter().find_map(|c| {
        c.to_str().unwrap().strip_prefix("motcua_session=").map(|v| v.split(';').next().unwrap().to_owned())
    });
    let officer = Browser::with_session(&app, &cookie.unwrap(), "vi").await;
    let account = officer.get("/account").await;
    account.assert_contains(&["Tài khoản của tôi", "Các phiên đăng nhập", "Phiên này"]);
    officer.get("/office/inbox").await.assert_status(200);
});
