//! Counter intake in a real browser: the officer picks the procedure, types
//! the applicant, ticks the components; a bad phone number comes back next
//! to its field (in Vietnamese, then in English); the fixed form receives
//! the dossier with its code, and the receipt opens as a PDF.

use crate::common::{APPLICANT_NAME, BIRTH, CHECK, ID_NUMBER, PHONE};
use crate::harness::Browser;

/// Types the applicant and ticks both components of the birth registration.
async fn fill_intake(b: &Browser, phone: &str) {
    b.fill("applicant-name", APPLICANT_NAME).await;
    b.fill("applicant-id-number", ID_NUMBER).await;
    b.fill("applicant-phone", phone).await;
    b.fill("applicant-address", "Tổ 5, phường Thục Phán, tỉnh Cao Bằng").await;
    b.click("#comp-0").await;
    b.click("#comp-1").await;
}

/// The phone input is marked invalid and its message sits right under it.
async fn assert_phone_marked(b: &Browser, message: &str) {
    assert_eq!(b.attr("#applicant-phone", "aria-invalid").await.as_deref(), Some("true"));
    let described = b.attr("#applicant-phone", "aria-describedby").await.unwrap_or_default();
    assert!(described.split(' ').any(|id| id == "applicant-phone-err"), "aria-describedby={described}");
    assert!(b.has(".field.invalid > #applicant-phone").await, "the field is marked");
    let err = b.text_of(".field.invalid > #applicant-phone-err").await;
    assert!(err.contains(message), "the message next to the phone: {err}");
    assert_eq!(b.attr("#form-error a", "href").await.as_deref(), Some("#applicant-phone"), "the summary links to it");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counter_intake_with_receipt_and_a_bad_phone_in_both_languages() {
    let Some(mut b) = Browser::start("counter").await else { return };
    b.login_as("motcua").await;
    assert_eq!(b.path().await, "/office/intake");
    let text = b.wait_for_text("Tiếp nhận hồ sơ tại quầy").await;
    assert!(text.contains("Phường Thục Phán"), "the officer's unit is named: {text}");

    // 1. The picker: search, choose.
    b.fill("q", "khai sinh").await;
    b.press("Tìm kiếm").await;
    b.wait_for_text("Chọn thủ tục này").await;
    b.select("procedure", BIRTH).await;
    b.shot("picker").await;
    b.press("Chọn thủ tục này").await;
    let text = b.wait_for_text("Tiếp nhận và cấp giấy hẹn").await;
    assert!(text.contains("Đăng ký khai sinh") && text.contains("1 ngày làm việc"), "{text}");

    // 2. A phone number that is not one: refused, on its field, the rest
    //    of the form kept.
    fill_intake(&b, "091 234").await;
    b.press("Tiếp nhận và cấp giấy hẹn").await;
    b.wait_for_text("Chưa tiếp nhận được:").await;
    assert_phone_marked(&b, "Số điện thoại không hợp lệ").await;
    assert_eq!(b.attr("#applicant-name", "value").await.as_deref(), Some(APPLICANT_NAME), "the name is kept");
    assert!(b.has("#comp-1[checked]").await, "the ticks are kept");
    b.shot("bad-phone").await;

    // 3. Fixed: received, with the code, the due date and the receipt.
    b.fill("applicant-phone", PHONE).await;
    b.press("Tiếp nhận và cấp giấy hẹn").await;
    let text = b.wait_for_text("Đã tiếp nhận hồ sơ, cấp mã và ngày hẹn trả kết quả.").await;
    let code = b.text_of("h1 .mono").await;
    assert!(code.starts_with("H11.100-260304-"), "{code}");
    for expected in ["Được tiếp nhận", "Trực tiếp", "Đã tiếp nhận tại quầy", "05/03/2026", APPLICANT_NAME]
    {
        assert!(text.contains(expected), "the new dossier shows {expected:?}: {text}");
    }
    b.shot("received").await;

    // 4. The receipt link opens the PDF in a new tab.
    let href = b.attr(".slip-now a", "href").await.expect("the receipt link");
    assert_eq!(href, format!("/office/dossiers/{code}/slips/receipt.pdf"));
    let home = b.client.window().await.unwrap();
    b.click(".slip-now a").await;
    let tab = b
        .wait_until("the receipt's tab", || async { b.client.windows().await.ok()?.into_iter().find(|w| w != &home) })
        .await;
    b.client.switch_to_window(tab).await.unwrap();
    b.wait_until("the receipt to load", || async {
        let url = b.client.current_url().await.ok()?;
        let ty = b.client.execute("return document.contentType;", vec![]).await.ok()?;
        (url.path().ends_with("/slips/receipt.pdf") && ty == "application/pdf").then_some(())
    })
    .await;
    b.client.close_window().await.unwrap();
    b.client.switch_to_window(home).await.unwrap();
    let pdf = b.download(&href).await;
    assert_eq!((pdf.status, pdf.content_type.as_str()), (200, "application/pdf"));
    assert!(pdf.bytes.starts_with(b"%PDF-"), "a PDF");
    b.keep("receipt.pdf", &pdf.bytes);

    // 5. At phone width: the inbox with the new dossier, and its look-up.
    b.open("/office/inbox").await;
    b.wait_for_text(&code).await;
    b.shot("inbox").await;
    b.check_phone("inbox").await;
    b.open("/lookup").await;
    b.fill("code", &code).await;
    b.fill("check", CHECK).await;
    b.press("Tra cứu").await;
    let text = b.wait_for_text("Kết quả tra cứu").await;
    assert!(text.contains("Được tiếp nhận") && text.contains("N***** V** A*"), "{text}");
    b.check_phone("lookup").await;

    // 6. The same refusal in English.
    b.open(&format!("/office/intake?procedure={BIRTH}")).await;
    // The chosen procedure is in the path, so the language switch keeps it.
    b.set_language("en").await;
    assert_eq!(b.path().await, format!("/office/intake/{BIRTH}"));
    b.wait_for_text("Receive and issue the receipt").await;
    fill_intake(&b, "12 34").await;
    b.press("Receive and issue the receipt").await;
    b.wait_for_text("The dossier was not received:").await;
    assert_phone_marked(&b, "Invalid phone number").await;
    b.shot("bad-phone-en").await;
    b.finish().await;
}
