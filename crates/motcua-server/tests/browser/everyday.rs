//! The everyday tools of issue 11 in a real browser, in both languages and
//! at phone width: a citizen finding a procedure the way they say it, a
//! counter officer finding a returning citizen's dossier and handing over
//! the result, an administrator's password reset and the forced change
//! that follows, and an internal note that the citizen never sees.

use serde_json::Value;

use crate::common::{CHECK, ID_NUMBER, PHONE};
use crate::harness::Browser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_counter_finds_a_returning_citizens_dossier_and_hands_over_the_result() {
    let Some(mut b) = Browser::start("everyday-handover").await else { return };
    // A dossier whose result is ready, and another of the same citizen.
    let mut codes = Vec::new();
    for _ in 0..2 {
        codes.push(b.app.counter_intake().await["code"].as_str().unwrap().to_owned());
    }
    let ready = codes[0].clone();
    let counter = b.app.login("motcua").await;
    let specialist = b.app.login("chuyenvien").await;
    let leader = b.app.login("lanhdao").await;
    b.app.act_ok(&counter, &ready, "forward", None).await;
    b.app.act_ok(&specialist, &ready, "forward", None).await;
    b.app.act_ok(&leader, &ready, "finish", None).await;

    // The citizen gives a name without diacritics; both dossiers are found.
    b.login_as("motcua").await;
    b.open("/office/search").await;
    b.fill("s-q", "nguyen van an").await;
    b.submit("form[role=search] button[type=submit]").await;
    let text = b.wait_for_text(&ready).await;
    assert!(text.contains(&codes[1]), "both of the citizen's dossiers: {text}");
    b.check_phone("search-vi").await;
    b.submit(&format!("main a[href^='/office/dossiers/{ready}']")).await;
    let text = b.wait_for_text(ID_NUMBER).await;
    assert!(text.contains(PHONE), "the counter sees the applicant's data to check it: {text}");
    // The action's own button ("Trả kết quả" is also the counter's menu).
    b.js("document.querySelector('#act-return-result').open = true; return null;").await;
    b.submit("#act-return-result button[type=submit]").await;
    b.wait_for_text("Đã trả kết quả cho người dân.").await;
    b.check_phone("handed-over-vi").await;

    // In English, by the CCCD number: the dossier is now returned.
    b.set_language("en").await;
    b.open("/office/search").await;
    b.fill("s-q", ID_NUMBER).await;
    b.submit("form[role=search] button[type=submit]").await;
    b.wait_for_text(&ready).await;
    let line: Value = b
        .js(&format!(
            "return Array.from(document.querySelectorAll('table.search-results tbody tr'))\
             .find(tr => tr.innerText.includes('{ready}')).innerText;"
        ))
        .await;
    assert!(line.as_str().unwrap().contains("Result returned"), "{line}");
    b.check_phone("search-en").await;

    // Each look at the applicant's data was recorded for the administrator.
    let admin = b.app.login("admin").await;
    let (_, views) = b.app.get(Some(&admin), &format!("/api/v1/data-views?dossier={ready}")).await;
    assert!(views.to_string().contains("motcua"), "the counter officer's view is recorded: {views:#}");
    b.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_finds_a_procedure_the_way_they_say_it() {
    let Some(mut b) = Browser::start("everyday-catalogue").await else { return };
    b.open("/").await;
    b.fill("q", "lam giay khai sinh").await;
    b.submit("form[role=search] button[type=submit]").await;
    let text = b.wait_for_text("Tìm thấy").await;
    assert!(text.contains("thủ tục phù hợp nhất ở đầu danh sách"), "{text}");
    let first = b.attr("table tbody tr:first-child a", "href").await;
    assert_eq!(first.as_deref(), Some("/procedures/1.001193"), "Đăng ký khai sinh first");
    b.check_phone("catalogue-vi").await;

    // An everyday name in English; only some words of another query.
    b.set_language("en").await;
    b.fill("q", "so do").await;
    b.submit("form[role=search] button[type=submit]").await;
    let text = b.wait_for_text("Procedures found").await;
    assert!(text.contains("Đăng ký đất đai"), "{text}");
    b.fill("q", "chung thuc hop dong mua ban xe may").await;
    b.submit("form[role=search] button[type=submit]").await;
    let text = b.wait_for_text("No procedure has every word").await;
    let first = b.attr("table tbody tr:first-child a", "href").await;
    assert_eq!(first.as_deref(), Some("/procedures/2.001035"), "{text}");
    b.check_phone("catalogue-en").await;
    b.finish().await;
}

/// The id of a demo account, through the API.
async fn user_id(b: &Browser, username: &str) -> i64 {
    let admin = b.app.login("admin").await;
    let (_, users) = b.app.get(Some(&admin), "/api/v1/users").await;
    let list = users.get("items").unwrap_or(&users).as_array().cloned().unwrap_or_default();
    list.iter()
        .find(|u| u["username"] == username)
        .and_then(|u| u["id"].as_i64())
        .unwrap_or_else(|| panic!("{users:#}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrators_reset_forces_a_new_password_at_the_next_login() {
    let Some(mut b) = Browser::start("everyday-reset").await else { return };
    let id = user_id(&b, "chuyenvien").await;
    b.login_as("admin").await;
    b.open(&format!("/admin/users/{id}/reset-password")).await;
    b.wait_for_text("Đặt lại mật khẩu").await;
    b.check_phone("reset-confirm-vi").await;
    b.press("Đặt lại mật khẩu").await;
    let temporary = b.text_of("#temporary-password").await.trim().to_owned();
    assert!(temporary.len() >= 12, "a temporary password is shown once: {temporary:?}");
    b.shot("reset-done").await;
    b.logout().await;

    // The officer logs in with it and can do nothing but choose a new one,
    // here in English.
    b.open("/login").await;
    b.set_language("en").await;
    b.login("chuyenvien", &temporary).await;
    b.wait_for_path("/account/password").await;
    b.wait_for_text("Change your password before you go on").await;
    b.open("/office/inbox").await;
    b.wait_for_path("/account/password").await;
    b.check_phone("forced-change-en").await;
    b.fill("current_password", &temporary).await;
    b.fill("new_password", "ba con mèo trèo cây cau 2026").await;
    b.fill("confirm_password", "ba con mèo trèo cây cau 2026").await;
    b.press("Change password").await;
    b.open("/office/inbox").await;
    assert_eq!(b.path().await, "/office/inbox", "the officer works again");
    b.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_internal_note_stays_inside_the_office() {
    let Some(mut b) = Browser::start("everyday-note").await else { return };
    let d = b.app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    let counter = b.app.login("motcua").await;
    b.app.act_ok(&counter, &code, "forward", None).await;

    // The specialist forwards to the leader with a note for the file.
    b.login_as("chuyenvien").await;
    b.open(&format!("/office/dossiers/{code}")).await;
    // The form may already be open (the step's usual next action).
    b.js("document.querySelector('#act-forward').open = true; return null;").await;
    b.fill("forward-note", "Đề nghị lãnh đạo ký, hồ sơ đủ điều kiện").await;
    let internal: Value = b.js("return document.querySelector('#act-forward input[value=internal]').checked;").await;
    assert_eq!(internal, Value::Bool(true), "a note is internal unless chosen otherwise");
    b.submit("#act-forward button[type=submit]").await;
    let text = b.wait_for_text("Đề nghị lãnh đạo ký").await;
    assert!(text.contains("Nội bộ"), "the history marks it internal: {text}");
    b.check_phone("office-history").await;
    b.logout().await;

    // The citizen's look-up shows the step, never the note; in both languages.
    for lang in ["vi", "en"] {
        b.open("/lookup").await;
        if lang == "en" {
            b.set_language("en").await;
        }
        b.fill("code", &code).await;
        b.fill("check", CHECK).await;
        b.submit("main form button[type=submit]").await;
        let text = b.wait_for_text(&code).await;
        assert!(!text.contains("Đề nghị lãnh đạo ký"), "{lang}: the internal note leaked: {text}");
        b.check_phone(&format!("lookup-{lang}")).await;
    }
    b.finish().await;
}
