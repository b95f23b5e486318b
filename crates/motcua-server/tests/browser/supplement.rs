//! The counter's answers to an online submission that is not right yet, in
//! a real browser: a request to complete it (reason and items) that the
//! citizen reads on their dossier, the supplement received and the dossier
//! taken in; and a refusal with its reason and slip.

use crate::common::{CHECK, at};
use crate::harness::Browser;

const REASON: &str = "Giấy chứng sinh bị mờ, không đọc được số.";
const ITEMS: [&str; 2] = ["Bản chụp rõ nét Giấy chứng sinh", "Tờ khai có chữ ký của người đi khai sinh"];

/// An online submission of the birth registration by the demo citizen
/// (through the API: the browser part is the counter's); its number.
async fn submitted(b: &Browser) -> String {
    let d = b.app.online_submission().await;
    d["id"].as_i64().expect("an id").to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supplement_round_from_the_online_queue() {
    let Some(mut b) = Browser::start("supplement").await else { return };
    let id = submitted(&b).await;

    // 1. The counter opens the submission from the online queue and asks
    //    for what is missing.
    b.app.set_now(at(2026, 3, 4, 10, 0));
    b.login_as("motcua").await;
    b.open("/office/online").await;
    b.wait_for_text(&format!("Chưa có mã (số {id})")).await;
    b.submit(&format!("main a.button[href^='/office/dossiers/{id}?']")).await;
    b.wait_for_text("Mới đăng ký").await;
    assert!(!b.has("#act-request-supplement[open]").await, "the request is folded away until wanted");
    b.click("#act-request-supplement summary").await;
    b.fill("request-supplement-note", REASON).await;
    b.fill("request-supplement-items", &ITEMS.join("\n")).await;
    b.shot("request-form").await;
    b.press("Yêu cầu bổ sung hồ sơ").await;
    let text = b.wait_for_text("Đã gửi yêu cầu bổ sung hồ sơ.").await;
    for expected in ["Yêu cầu bổ sung giấy tờ", REASON, ITEMS[0], ITEMS[1], "Đã nhận bổ sung"] {
        assert!(text.contains(expected), "after the request: {expected:?} in {text}");
    }
    let slip = b.attr(".slip-now a", "href").await.expect("the supplement slip");
    assert_eq!(slip, format!("/office/dossiers/{id}/slips/supplement.pdf"));
    assert!(b.text_of(".slip-now").await.contains("In phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"));
    let pdf = b.download(&slip).await;
    assert_eq!((pdf.status, pdf.content_type.as_str()), (200, "application/pdf"));
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    b.keep("supplement-slip.pdf", &pdf.bytes);
    b.shot("requested").await;
    b.logout().await;

    // 2. The citizen reads the request on their dossier, in both languages.
    b.login_as("congdan").await;
    b.open(&format!("/my/{id}")).await;
    // Before reception no time limit runs, so nothing is said to be paused.
    let text = b.wait_for_text("Bộ phận Một cửa yêu cầu bổ sung, hoàn thiện hồ sơ trước khi tiếp nhận.").await;
    assert!(!text.contains("tạm dừng"), "{text}");
    for expected in ["Yêu cầu bổ sung giấy tờ", REASON, ITEMS[0], ITEMS[1]] {
        assert!(text.contains(expected), "the citizen reads {expected:?}: {text}");
    }
    b.shot("citizen-sees-request").await;
    b.set_language("en").await;
    let text = b.wait_for_text("Supplement requested").await;
    assert!(text.contains(REASON), "the officer's words as written: {text}");
    b.shot("citizen-sees-request-en").await;
    b.set_language("vi").await;
    b.logout().await;

    // 3. The citizen brought the papers: the counter records them and the
    //    dossier goes on to reception.
    b.app.set_now(at(2026, 3, 5, 8, 30));
    b.login_as("motcua").await;
    b.open(&format!("/office/dossiers/{id}")).await;
    b.press("Đã nhận bổ sung").await;
    let text = b.wait_for_text("Đã ghi nhận hồ sơ bổ sung.").await;
    assert!(
        text.contains("Mới đăng ký") && text.contains("Đã nhận hồ sơ bổ sung"),
        "back in the queue's status: {text}"
    );
    b.press("Tiếp nhận").await;
    let text = b.wait_for_text("Đã tiếp nhận hồ sơ.").await;
    let code = b.text_of("h1 .mono").await;
    assert!(code.starts_with("H11.100-260305-"), "received on the 5th: {code}");
    assert!(text.contains("Được tiếp nhận"), "{text}");
    b.shot("received-after-supplement").await;

    // 4. At phone width: the counter's inbox and the look-up.
    b.open("/office/inbox").await;
    b.wait_for_text(&code).await;
    b.check_phone("inbox").await;
    b.open("/lookup").await;
    b.fill("code", &code).await;
    b.fill("check", CHECK).await;
    b.press("Tra cứu").await;
    let text = b.wait_for_text("Kết quả tra cứu").await;
    assert!(
        text.contains("Đã yêu cầu bổ sung hồ sơ") && text.contains("Đã nhận hồ sơ bổ sung"),
        "the round shows: {text}"
    );
    // A supplement request is a written notice to the applicant: its reason
    // shows in the look-up (internal notes never do, docs/lifecycle.md#notes).
    assert!(text.contains(REASON), "the supplement reason reaches the applicant: {text}");
    b.shot("lookup").await;
    b.check_phone("lookup").await;
    b.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_with_its_reason_and_slip() {
    let Some(mut b) = Browser::start("refusal").await else { return };
    let id = submitted(&b).await;
    let reason = "Người được khai sinh cư trú tại xã Hòa An: hồ sơ nộp tại UBND xã Hòa An.";

    b.login_as("motcua").await;
    b.open(&format!("/office/dossiers/{id}")).await;
    b.wait_for_text("Mới đăng ký").await;
    b.click("#act-refuse-to-receive summary").await;
    b.fill("refuse-to-receive-note", reason).await;
    b.shot("refuse-form").await;
    b.press("Từ chối tiếp nhận").await;
    let text = b.wait_for_text("Đã từ chối tiếp nhận hồ sơ.").await;
    for expected in ["Không được tiếp nhận", reason, "Hiện bạn không có thao tác nào với hồ sơ này."]
    {
        assert!(text.contains(expected), "after the refusal: {expected:?} in {text}");
    }
    let slip = b.attr(".slip-now a", "href").await.expect("the refusal slip");
    assert_eq!(slip, format!("/office/dossiers/{id}/slips/refusal.pdf"));
    assert!(b.text_of(".slip-now").await.contains("In phiếu từ chối tiếp nhận hồ sơ"));
    let pdf = b.download(&slip).await;
    assert_eq!((pdf.status, pdf.content_type.as_str()), (200, "application/pdf"));
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    b.keep("refusal-slip.pdf", &pdf.bytes);
    b.shot("refused").await;

    // It left the online queue; the inbox (with a counter intake in it)
    // at phone width.
    b.open("/office/online").await;
    let text = b.wait_for_text("Hồ sơ nộp trực tuyến chờ tiếp nhận").await;
    assert!(!text.contains(&format!("Chưa có mã (số {id})")), "{text}");
    let other = b.app.counter_intake().await["code"].as_str().unwrap().to_owned();
    b.open("/office/inbox").await;
    b.wait_for_text(&other).await;
    b.check_phone("inbox").await;
    b.logout().await;

    // The citizen sees the refusal and its reason.
    b.login_as("congdan").await;
    b.open(&format!("/my/{id}")).await;
    let text = b.wait_for_text("Không được tiếp nhận").await;
    assert!(text.contains(reason), "the reason is shown to the applicant: {text}");
    b.shot("citizen-sees-refusal").await;

    // A refused dossier has no code: the look-up says it knows no such
    // dossier, on a phone too.
    b.open("/lookup").await;
    b.fill("code", "H11.100-260304-9999").await;
    b.fill("check", CHECK).await;
    b.press("Tra cứu").await;
    let text = b.wait_for_text("Tra cứu hồ sơ").await;
    assert!(b.has("#form-error").await, "a refusal on the form: {text}");
    b.shot("lookup-unknown").await;
    b.check_phone("lookup-unknown").await;
    b.finish().await;
}
