//! What the first browser review found wrong in the pages, one test each,
//! kept as regression tests now that each is fixed: error pages that forgot
//! the user, a language switch after a form, "early" for open dossiers, a
//! note for reviewers on a public page, English plurals, slips for online
//! applicants.

use crate::common::{CHECK, TestApp};
use crate::harness::Browser;

/// A counter intake run through to a returned result, through the API.
async fn returned(app: &TestApp) -> String {
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let leader = app.login("lanhdao").await;
    app.act_ok(&counter, &code, "forward", None).await;
    app.act_ok(&specialist, &code, "forward", None).await;
    app.act_ok(&leader, &code, "finish", None).await;
    app.act_ok(&counter, &code, "return_result", None).await;
    code
}

async fn look_up(b: &Browser, code: &str) -> String {
    b.open("/lookup").await;
    b.fill("code", code).await;
    b.fill("check", CHECK).await;
    b.press("Tra cứu").await;
    b.wait_for_text("Kết quả tra cứu").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_pages_keep_the_logged_in_header() {
    let Some(mut b) = Browser::start("issue-error-header").await else { return };
    b.login_as("chuyenvien").await;
    b.open("/office/intake").await;
    b.wait_for_text("Không thực hiện được").await;
    b.shot("error-header").await;
    let header = b.text_of("header").await;
    assert!(header.contains("Trần Văn Minh"), "the user is still named: {header}");
    assert!(b.has("header form[action='/logout']").await, "the logout button stays");
    assert!(b.has("nav a[href='/office/inbox']").await, "the staff menu stays");
    b.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_language_after_rating_shows_a_page() {
    let Some(mut b) = Browser::start("issue-lang-after-post").await else { return };
    let code = returned(&b.app).await;
    look_up(&b, &code).await;
    for i in 0..9 {
        b.click(&format!("input[name='s{i}'][value='2']")).await;
    }
    b.press("Gửi đánh giá").await;
    b.wait_for_text("Cảm ơn bạn đã đánh giá.").await;
    b.submit("header a[hreflang='en']").await;
    b.shot("after-switch").await;
    // Not the browser's own error page: one of ours, in English.
    assert!(b.has("main#content").await, "a page of the site on {}", b.path().await);
    assert_eq!(b.lang().await, "en");
    b.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_dossier_is_not_called_early() {
    let Some(mut b) = Browser::start("issue-early").await else { return };
    let code = b.app.counter_intake().await["code"].as_str().unwrap().to_owned();
    let text = look_up(&b, &code).await;
    b.shot("open-dossier").await;
    assert!(text.contains("Được tiếp nhận"), "{text}");
    assert!(!text.contains("Trước hạn"), "an open dossier is not early yet: {text}");
    b.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rating_form_has_no_notes_for_reviewers() {
    let Some(b) = Browser::start("issue-rating-note").await else { return };
    let code = returned(&b.app).await;
    let text = look_up(&b, &code).await;
    assert!(text.contains("Gửi đánh giá"), "{text}");
    assert!(!text.contains("văn bản gốc"), "{text}");
    b.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_counts_agree_with_their_number() {
    let Some(mut b) = Browser::start("issue-plurals").await else { return };
    b.login_as("motcua").await;
    b.set_language("en").await;
    b.open(&format!("/office/intake?procedure={}", crate::common::BIRTH)).await;
    let text = b.wait_for_text("Receive and issue the receipt").await;
    b.shot("intake-en").await;
    for wrong in ["1 working days", "(s)", "(ies)"] {
        assert!(!text.contains(wrong), "{wrong:?} in {text}");
    }
    b.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_applicant_can_download_their_slips() {
    let Some(mut b) = Browser::start("issue-my-slips").await else { return };
    let id = b.app.online_submission().await["id"].as_i64().unwrap();
    let counter = b.app.login("motcua").await;
    let d = b.app.dossier(&counter, &id.to_string()).await;
    let body =
        serde_json::json!({"action": "refuse_to_receive", "version": d["version"], "note": "Không thuộc thẩm quyền"});
    b.app.act(&counter, &id.to_string(), &body).await.assert_status(200);
    b.login_as("congdan").await;
    b.open(&format!("/my/{id}")).await;
    b.wait_for_text("Không được tiếp nhận").await;
    b.shot("refused").await;
    let link = format!("main a[href='/my/{id}/slips/refusal.pdf']");
    assert!(b.has(&link).await, "a link to the refusal slip");
    b.finish().await;
}
