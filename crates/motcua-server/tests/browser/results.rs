//! An electronic result from the specialist's desk to the citizen, in a real
//! browser (issue 12): the specialist attaches the result PDF, the leader
//! signs it through the demo's remote-signing stand-in and finishes the
//! dossier (the agency's signature and the register number), the citizen
//! downloads it from "My dossiers" and its verification page says
//! "passed"; a copy with one byte changed says "failed" on `/verify`.

use std::time::Duration;

use crate::common::at;
use crate::harness::{Browser, TempFile};

fn result_pdf() -> Vec<u8> {
    let agency = motcua_pdf::Agency {
        parent: "UBND TỈNH CAO BẰNG".into(),
        name: "UBND PHƯỜNG THỤC PHÁN".into(),
        place: "Thục Phán".into(),
        phone: None,
    };
    motcua_pdf::Register {
        agency,
        from: None,
        to: None,
        printed_at: at(2026, 3, 4, 8, 0),
        lines: vec![],
        truncated: false,
    }
    .render()
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_result_reaches_the_citizen_and_verifies() {
    let Some(mut b) = Browser::start("results").await else { return };
    // An online birth registration, received and at the specialist's step.
    let d = b.app.online_submission().await;
    let counter = b.app.login("motcua").await;
    let code = b.app.act_ok(&counter, &d["id"].to_string(), "receive", None).await["code"].as_str().unwrap().to_owned();
    b.app.act_ok(&counter, &code, "forward", None).await;

    // 1. The specialist attaches the result.
    b.login_as("chuyenvien").await;
    b.open(&format!("/office/dossiers/{code}")).await;
    b.wait_for_text("Kết quả điện tử").await;
    b.fill("result-title", "Giấy khai sinh").await;
    let pdf = TempFile::new("giay-khai-sinh.pdf", &result_pdf());
    b.attach("result-file", &pdf).await;
    b.shot("prepare-form").await;
    b.press("Lưu kết quả").await;
    let text = b.wait_for_text("Đã lưu kết quả; kết quả chờ lãnh đạo ký số.").await;
    assert!(text.contains("Đã chuẩn bị, chờ ký"), "{text}");
    b.logout().await;
    b.app.act_ok(&b.app.login("chuyenvien").await, &code, "forward", None).await;

    // 2. The leader signs remotely (the stand-in confirms at once) and finishes.
    b.app.set_now(at(2026, 3, 4, 10, 0));
    b.login_as("lanhdao").await;
    b.open(&format!("/office/dossiers/{code}")).await;
    b.wait_for_text("Ký số từ xa").await;
    b.shot("to-sign").await;
    b.press("Ký số từ xa").await;
    b.wait_for_text("Đã gửi yêu cầu ký tới ứng dụng ký số.").await;
    let mut signed = false;
    for _ in 0..60 {
        b.open(&format!("/office/dossiers/{code}")).await;
        if b.text().await.contains("Lãnh đạo đã ký") {
            signed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(signed, "the remote signature came back");
    b.press("Hoàn thành, có kết quả").await;
    let text = b.wait_for_text("Đã ban hành").await;
    assert!(text.contains("1/2026") && text.contains("DEMO Lãnh đạo (lanhdao)"), "{text}");
    b.shot("issued").await;
    b.set_language("en").await;
    let text = b.wait_for_text("Electronic result").await;
    assert!(text.contains("Issued") && text.contains("Public verification page"), "{text}");
    b.shot("issued-en").await;
    b.check_phone("issued-en").await;
    b.set_language("vi").await;
    b.logout().await;

    // 3. The citizen downloads it and opens its verification page.
    b.login_as("congdan").await;
    b.open(&format!("/my/{code}")).await;
    b.wait_for_text("Kết quả điện tử").await;
    b.shot("citizen").await;
    b.check_phone("citizen").await;
    let href = b.attr("#results a[download]", "href").await.expect("the download link");
    let file = b.download(&href).await;
    assert_eq!((file.status, file.content_type.as_str()), (200, "application/pdf"));
    b.keep("issued-result.pdf", &file.bytes);
    b.click("#results a[href^='/verify/r/']").await;
    b.wait_for_text("Số vào sổ kết quả").await;
    assert_eq!(b.attr("#result", "data-verdict").await.as_deref(), Some("passed"));
    b.shot("verify-issued").await;
    b.set_language("en").await;
    b.wait_for_text("Number in the results register").await;
    assert_eq!(b.attr("#result", "data-verdict").await.as_deref(), Some("passed"));
    b.shot("verify-issued-en").await;
    b.set_language("vi").await;

    // 4. A copy with one byte changed fails on the public check.
    b.tampered_copy_fails(&file.bytes, result_pdf().len() / 2).await;
    b.shot("verify-tampered").await;
    b.finish().await;
}
