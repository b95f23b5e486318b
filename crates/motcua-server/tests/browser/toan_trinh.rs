//! Issue 12's "done when", in a real browser and both languages: a citizen
//! submits a fully online (toàn trình) procedure with its e-form and a
//! digitised component reused from an earlier dossier; the counter asks
//! for a supplement and the citizen uploads it online; the specialist
//! prepares the result, the leader signs it through the test
//! remote-signing provider and "finish" adds the agency's signature; the
//! citizen downloads the signed result, whose public verification page says
//! "passed" while a tampered copy says "failed"; and the 766 digitisation
//! group shows on the dashboard with the right figures.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::common::{ID_NUMBER, PHONE, at, one_page_pdf, submission_with};
use crate::harness::{Browser, TempFile, tiny_pdf};

/// The marital-status certificate: fully online, with a demo e-form.
const MARITAL: &str = "1.004884";
/// A procedure whose dossier holds the citizen's ID card copy.
const EARLIER: &str = "1.000894";
const CCCD: &str = "Bản sao Căn cước công dân";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fully_online_dossier_with_a_reused_copy_ends_with_a_signed_result() {
    let Some(mut b) = Browser::start("toan-trinh").await else { return };
    b.app.set_now(at(2026, 3, 2, 9, 0));
    let counter = b.app.login("motcua").await;

    // Before: the citizen's earlier dossier, whose ID card copy the counter digitised.
    let citizen = b.app.login("congdan").await;
    let mut earlier = submission_with(EARLIER, &["Tờ khai theo mẫu", CCCD]);
    earlier["receiving_unit_code"] = json!("H11.100");
    let earlier = b.app.create_dossier(&citizen, &earlier).await.assert_status(201).clone();
    let earlier_code =
        b.app.act_ok(&counter, &earlier["id"].to_string(), "receive", None).await["code"].as_str().unwrap().to_owned();
    // The counter scans the paper ID card copy on the dossier page: kept and digitised.
    b.login_as("motcua").await;
    b.open(&format!("/office/dossiers/{earlier_code}")).await;
    b.click("details.scan summary").await;
    b.select("scan-component", CCCD).await;
    let scan = TempFile::new("cccd.pdf", &one_page_pdf());
    b.attach("scan-file", &scan).await;
    b.shot("office-scan-form").await;
    b.press("Lưu và số hóa").await;
    let text = b.wait_for_text("Đã số hóa thành phần hồ sơ").await;
    assert!(text.contains("Đã số hóa") && text.contains("Bản số hóa"), "{text}");
    b.shot("office-digitised").await;
    b.set_language("en").await;
    let text = b.wait_for_text("Electronic copy, kept for the applicant").await;
    assert!(text.contains("Digitised copy") && text.contains("Scan a paper component"), "{text}");
    b.shot("office-digitised-en").await;
    b.set_language("vi").await;
    b.logout().await;
    let kept = b.app.fetch(Some(&citizen), "/api/v1/me/kept-documents").await.assert_status(200).clone();
    let kept_id = kept[0]["id"].as_i64().expect("the copy is kept for the citizen").to_string();

    // 1. The citizen fills the e-form and reuses the digitised ID card copy.
    b.app.set_now(at(2026, 3, 3, 9, 0));
    b.login_as("congdan").await;
    b.open(&format!("/procedures/{MARITAL}/submit")).await;
    b.set_language("en").await;
    b.wait_for_text("Or reuse a digitised document").await;
    b.shot("submit-reuse-en").await;
    b.set_language("vi").await;
    b.wait_for_text("Hoặc dùng lại giấy tờ đã số hóa").await;
    b.fill("id_number", ID_NUMBER).await;
    b.fill("phone", PHONE).await;
    b.select("receiving_unit_code", "H11.100").await;
    b.select("reuse_1", &kept_id).await;
    b.fill("eform-full_name", "Nguyễn Thị Bình").await;
    b.fill("eform-birth_date", "04/03/1998").await;
    b.select("eform-sex", "Nữ").await;
    b.fill("eform-ethnicity", "Tày").await;
    b.fill("eform-residence", "Tổ 5, phường Thục Phán, tỉnh Cao Bằng").await;
    b.select("eform-status", "Chưa đăng ký kết hôn với ai").await;
    b.fill("eform-purpose", "Đăng ký kết hôn").await;
    b.fill("eform-copies", "1").await;
    b.click("#eform-pledge").await;
    b.shot("submit-reuse").await;
    b.check_phone("submit-reuse").await;
    b.press("Nộp hồ sơ").await;
    b.wait_for_text("Đã nộp hồ sơ trực tuyến.").await;
    let path = b.path().await;
    let id = path.strip_prefix("/my/").and_then(|p| p.split('?').next()).expect("the dossier's page").to_owned();
    b.logout().await;

    // 2. The counter receives it (the reuse is marked) and asks for a supplement.
    let code = b.app.act_ok(&counter, &id, "receive", None).await["code"].as_str().unwrap().to_owned();
    b.login_as("motcua").await;
    b.open(&format!("/office/dossiers/{code}")).await;
    let text = b.wait_for_text("Dùng lại giấy tờ đã số hóa").await;
    assert!(text.contains("Tờ khai theo mẫu"), "the e-form's PDF is a file: {text}");
    b.shot("office-files-reuse").await;
    b.logout().await;
    b.app.act_ok(&counter, &code, "request_supplement", Some("Bổ sung ảnh chân dung")).await;

    // 3. The citizen uploads the supplement online; the counter accepts it.
    b.app.set_now(at(2026, 3, 4, 9, 0));
    b.login_as("congdan").await;
    b.open(&format!("/my/{code}")).await;
    b.wait_for_text("Nộp bổ sung trực tuyến").await;
    let photo = TempFile::new("anh-chan-dung.pdf", &tiny_pdf());
    b.attach("supplement-files", &photo).await;
    b.press("Gửi bổ sung").await;
    b.wait_for_text("Đã gửi bổ sung. Bộ phận Một cửa sẽ kiểm tra").await;
    b.logout().await;
    b.app.act_ok(&counter, &code, "supplement_received", None).await;

    // 4. The specialist prepares the result; the leader signs it remotely; "finish" issues it.
    b.app.act_ok(&counter, &code, "forward", None).await;
    let specialist = b.app.login("chuyenvien").await;
    let leader = b.app.login("lanhdao").await;
    let prepare = format!("/api/v1/dossiers/{code}/results?title=Gi%E1%BA%A5y%20x%C3%A1c%20nh%E1%BA%ADn");
    b.app
        .req(Method::POST, &prepare)
        .token(&specialist)
        .raw("application/pdf", one_page_pdf())
        .send()
        .await
        .assert_status(201);
    b.app.act_ok(&specialist, &code, "forward", None).await;
    let sign = format!("/api/v1/dossiers/{code}/results/remote-signing");
    assert_eq!(b.app.req(Method::POST, &sign).token(&leader).send().await.status, 202);
    let mut signed = false;
    for _ in 0..120 {
        let v = b.app.fetch(Some(&leader), &format!("/api/v1/dossiers/{code}/results")).await;
        if v.assert_status(200)["results"][0]["state"] == "signed" {
            signed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(signed, "the test provider signed");
    b.app.set_now(at(2026, 3, 5, 10, 0));
    b.app.act_ok(&leader, &code, "finish", None).await;

    // 5. The citizen downloads the signed result and verifies it; a tampered copy fails.
    b.login_as("congdan").await;
    b.open(&format!("/my/{code}")).await;
    b.wait_for_text("Kết quả điện tử").await;
    let href = b.attr("#results a[download]", "href").await.expect("the download link");
    let file = b.download(&href).await;
    assert_eq!((file.status, file.content_type.as_str()), (200, "application/pdf"));
    b.click("#results a[href^='/verify/r/']").await;
    b.wait_for_text("Số vào sổ kết quả").await;
    assert_eq!(b.attr("#result", "data-verdict").await.as_deref(), Some("passed"));
    b.shot("verify-passed").await;
    b.tampered_copy_fails(&file.bytes, one_page_pdf().len() / 2).await;
    b.logout().await;

    // 6. The dashboard's 766 table: 4.1 and 4.2 one of one handled, 4.3 one of two received.
    b.login_as("lanhdao").await;
    b.open("/office/stats?unit=H11.100&period=2026-03").await;
    let text = b.wait_for_text("4.3").await;
    for expected in ["4.1 Hồ sơ có kết quả giải quyết điện tử", "4.2 Hồ sơ thực hiện số hóa", "4.3 Hồ sơ khai thác"]
    {
        assert!(text.contains(expected), "the dashboard names {expected:?}: {text}");
    }
    let rows = b
        .js("return Array.from(document.querySelectorAll('tr')).map(r => r.textContent.replace(/\\s+/g, ' ').trim()).filter(t => /^4\\.[123] /.test(t));")
        .await;
    let rows: Vec<String> = rows.as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_owned()).collect();
    assert!(rows.iter().any(|r| r.starts_with("4.1 ") && r.contains("1 / 1")), "{rows:?}");
    assert!(rows.iter().any(|r| r.starts_with("4.2 ") && r.contains("1 / 1")), "{rows:?}");
    assert!(rows.iter().any(|r| r.starts_with("4.3 ") && r.contains("1 / 2")), "{rows:?}");
    b.shot("dashboard-766").await;
    b.set_language("en").await;
    b.wait_for_text("Dossiers reusing digitised data").await;
    b.shot("dashboard-766-en").await;
    b.set_language("vi").await;
    b.finish().await;
}
