//! The everyday points of issue #11 in a real browser, wide and at phone
//! width, in both languages: the intake form shows three problems at once
//! and keeps what was typed; the language chosen is remembered from page
//! to page; a citizen filters "My dossiers" and rates a returned dossier
//! without typing the last digits of their phone.

use serde_json::json;

use crate::common::BIRTH;
use crate::harness::{Browser, TempFile};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_problem_at_once_the_language_remembered_and_my_dossiers() {
    let Some(mut b) = Browser::start("forms").await else { return };

    // 1. The counter's intake: no name, a two-digit number, no document.
    b.login_as("motcua").await;
    b.open(&format!("/office/intake/{BIRTH}")).await;
    b.wait_for_text("Tiếp nhận và cấp giấy hẹn").await;
    b.fill("applicant-id-number", "12").await;
    b.fill("applicant-address", "Tổ 5, phường Thục Phán").await;
    b.press("Tiếp nhận và cấp giấy hẹn").await;
    let text = b.wait_for_text("Chưa tiếp nhận được:").await;
    assert!(text.contains("Có 3 chỗ cần sửa"), "{text}");
    let links =
        b.js("return Array.from(document.querySelectorAll('#form-error a')).map(a => a.getAttribute('href'))").await;
    assert_eq!(links, json!(["#applicant-name", "#applicant-id-number", "#components"]));
    for id in ["#applicant-name", "#applicant-id-number"] {
        assert_eq!(b.attr(id, "aria-invalid").await.as_deref(), Some("true"), "{id}");
    }
    assert!(b.has(".field.invalid > #applicant-name-err").await, "the name's message sits under it");
    assert!(b.has("#components-err").await, "the documents' message sits in their list");
    assert_eq!(b.attr("#applicant-id-number", "value").await.as_deref(), Some("12"), "kept");
    assert_eq!(b.attr("#applicant-address", "value").await.as_deref(), Some("Tổ 5, phường Thục Phán"));
    // A link of the summary moves to its field.
    b.click("#form-error a[href='#applicant-id-number']").await;
    assert!(b.path().await.starts_with(&format!("/office/intake/{BIRTH}")));
    b.shot("intake-three-problems").await;
    b.check_phone("intake-three-problems").await;

    // The same in English: the switch stays on the procedure's form.
    b.set_language("en").await;
    assert_eq!(b.path().await, format!("/office/intake/{BIRTH}"));
    b.press("Receive and issue the receipt").await;
    let text = b.wait_for_text("3 things to correct").await;
    assert!(text.contains("The name must not be empty."), "{text}");
    b.shot("intake-problems-en").await;
    b.check_phone("intake-problems-en").await;
    // Remembered on the next page.
    b.open("/office/inbox").await;
    assert_eq!(b.lang().await, "en", "the choice is remembered");
    b.set_language("vi").await;
    b.logout().await;

    // 2. A citizen with three dossiers: one returned, one asked for a
    //    supplement, one just submitted.
    let counter = b.app.login("motcua").await;
    let returned = b.app.online_submission().await["id"].as_i64().unwrap().to_string();
    let d = b.app.act_ok(&counter, &returned, "receive", None).await;
    let code = d["code"].as_str().unwrap().to_owned();
    b.app.act_ok(&counter, &code, "forward", None).await;
    b.app.act_ok(&b.app.login("chuyenvien").await, &code, "forward", None).await;
    b.app.act_ok(&b.app.login("lanhdao").await, &code, "finish", None).await;
    b.app.act_ok(&counter, &code, "return_result", None).await;
    let waiting = b.app.online_submission().await["id"].as_i64().unwrap().to_string();
    let w = b.app.act_ok(&counter, &waiting, "receive", None).await;
    let waiting_code = w["code"].as_str().unwrap().to_owned();
    b.app.act_ok(&counter, &waiting_code, "request_supplement", Some("Thiếu bản sao giấy chứng sinh")).await;
    b.app.online_submission().await;

    b.login_as("congdan").await;
    b.open("/my").await;
    b.wait_for_text("Hồ sơ nộp gần nhất ở trên cùng.").await;
    let rows = b.js("return document.querySelectorAll('#my-dossiers tbody tr').length").await;
    assert_eq!(rows, json!(3));
    b.shot("my-dossiers").await;
    b.check_phone("my-dossiers").await;
    b.press("Cần bổ sung").await;
    assert_eq!(b.path().await, "/my?show=supplement");
    let shown = b.text_of("#my-dossiers tbody").await;
    assert!(shown.contains(&waiting_code) && !shown.contains(&code), "{shown}");
    b.shot("my-dossiers-supplement").await;
    // The switch keeps the filter.
    b.set_language("en").await;
    assert_eq!(b.path().await, "/my?show=supplement");
    b.wait_for_text("Needs supplement").await;
    b.check_phone("my-dossiers-supplement-en").await;
    b.set_language("vi").await;

    // 3. The returned dossier is rated from its page: no digits asked.
    b.open(&format!("/my/{code}")).await;
    b.wait_for_text("Gửi đánh giá").await;
    assert!(!b.has("input[name='check']").await, "the owner is not asked for the digits");
    b.check_phone("my-dossier-rating").await;
    b.js(
        "document.querySelectorAll('#rating input[type=radio][value=\"2\"]').forEach(r => r.checked = true); return 1",
    )
    .await;
    b.press("Gửi đánh giá").await;
    b.wait_for_text("Cảm ơn bạn đã đánh giá").await;
    assert!(!b.has("#rating").await, "rated once");
    let id: i64 = returned.parse().unwrap();
    assert_eq!(b.app.state.store.rating(id).await.unwrap().expect("stored").total, 18);
    b.shot("my-dossier-rated").await;
    b.finish().await;
}

/// The other pages issue #11 changed, looked at wide and at phone width in
/// both languages: the online form after a refusal (files asked for again),
/// the question before a stop and before locking an account, the 404 page
/// and the 766 chart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questions_the_404_page_the_online_form_and_the_766_chart() {
    let Some(mut b) = Browser::start("forms-pages").await else { return };

    // The 404 page, anonymous, in both languages.
    b.open("/khong-co-trang-nay").await;
    let text = b.wait_for_text("Không tìm thấy trang").await;
    assert!(text.contains("Tra cứu tình trạng hồ sơ") && !text.contains("not_found"), "{text}");
    b.shot("404").await;
    b.check_phone("404").await;
    b.set_language("en").await;
    b.wait_for_text("Page not found").await;
    b.check_phone("404-en").await;
    b.set_language("vi").await;

    // The online form refused: a program named .pdf and no name.
    b.login_as("congdan").await;
    b.open(&format!("/procedures/{BIRTH}/submit")).await;
    b.wait_for_text("Nộp hồ sơ").await;
    b.fill("name", "").await;
    b.fill("phone", "0912345678").await;
    let program = TempFile::new("to-khai.pdf", b"MZ\x90\x00 not a pdf");
    b.attach("file_0", &program).await;
    b.submit("#submit-form button[type=submit]").await;
    let text = b.wait_for_text("Bạn đã chọn: to-khai.pdf.").await;
    assert!(text.contains("Có 3 chỗ cần sửa"), "{text}");
    b.shot("online-form-refused").await;
    b.check_phone("online-form-refused").await;
    b.logout().await;

    // The question before a stop, at the leader's step.
    let code = {
        let d = b.app.counter_intake().await;
        d["code"].as_str().unwrap().to_owned()
    };
    let counter = b.app.login("motcua").await;
    b.app.act_ok(&counter, &code, "forward", None).await;
    b.app.act_ok(&b.app.login("chuyenvien").await, &code, "forward", None).await;
    b.login_as("lanhdao").await;
    b.open(&format!("/office/dossiers/{code}")).await;
    b.click("#act-stop summary").await;
    b.fill("stop-note", "Hồ sơ trùng với hồ sơ đã nộp trước").await;
    b.submit("#act-stop button[type=submit]").await;
    b.wait_for_text("Bạn có chắc chắn không?").await;
    b.shot("stop-question").await;
    b.check_phone("stop-question").await;
    b.press("Hủy").await;
    assert_eq!(b.path().await, format!("/office/dossiers/{code}"), "cancel goes back, nothing done");
    assert_eq!(b.app.dossier(&counter, &code).await["status"]["key"], "in_process");

    // The 766 chart: bars for what motcua scores, the portal's groups named.
    b.open("/office/stats?period=2026").await;
    let text = b.wait_for_text("Cổng Dịch vụ công quốc gia nắm giữ số liệu").await;
    assert!(text.contains("Số hóa hồ sơ"), "{text}");
    b.shot("stats-766").await;
    b.check_phone("stats-766").await;
    b.logout().await;

    // The question before locking an account, in English.
    b.login_as("admin").await;
    b.set_language("en").await;
    b.open("/admin/users").await;
    let (target, _) = b.app.state.store.user_for_login("chuyenvien".into()).await.unwrap().unwrap();
    let form = format!("form[action='/admin/users/{}']", target.id);
    b.click(&format!("{form} input[name='active']")).await;
    b.submit(&format!("{form} button[type=submit]")).await;
    b.wait_for_text("Are you sure?").await;
    b.shot("lock-question-en").await;
    b.check_phone("lock-question-en").await;
    b.finish().await;
}
