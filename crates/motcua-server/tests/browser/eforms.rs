//! The e-form (tờ khai điện tử) in a real browser: a citizen submits a
//! fully online procedure by filling its e-form (a mistake first, shown in
//! the summary and beside the field, then fixed), the dossier holds the
//! tờ khai as a PDF with the values in it, and the counter reads the
//! values on the dossier page. In Vietnamese and in English, at desktop
//! and phone width.

use crate::common::{ID_NUMBER, PHONE};
use crate::harness::{Browser, TempFile, tiny_pdf};

/// The marital-status certificate: fully online, with a demo e-form.
const MARITAL: &str = "1.004884";

/// The text of a PDF by poppler's `pdftotext` (CI installs poppler-utils).
fn pdf_text(pdf: &[u8]) -> String {
    let file = TempFile::new("to-khai.pdf", pdf);
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&file.path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Fills the applicant, the other component's file and the e-form; the
/// date of birth as `birth_date`.
async fn fill_form(b: &Browser, id_copy: &TempFile, name: &str, birth_date: &str, purpose: &str) {
    b.fill("id_number", ID_NUMBER).await;
    b.fill("phone", PHONE).await;
    // Received by Phường Thục Phán, whose counter is the demo `motcua`.
    b.select("receiving_unit_code", "H11.100").await;
    b.attach("file_1", id_copy).await;
    b.fill("eform-full_name", name).await;
    b.fill("eform-birth_date", birth_date).await;
    b.select("eform-sex", "Nữ").await;
    b.fill("eform-ethnicity", "Tày").await;
    b.fill("eform-residence", "Tổ 5, phường Thục Phán, tỉnh Cao Bằng").await;
    b.select("eform-status", "Chưa đăng ký kết hôn với ai").await;
    b.fill("eform-purpose", purpose).await;
    b.fill("eform-copies", "2").await;
}

/// The dossier's e-form PDF, fetched from the citizen's dossier page.
async fn the_pdf(b: &Browser) -> Vec<u8> {
    let href = b
        .js("const a = Array.from(document.querySelectorAll('a')).find(a => a.textContent.includes('to-khai-cap-giay')); return a ? a.getAttribute('href') : null;")
        .await;
    let href = href.as_str().expect("the dossier page links the tờ khai's PDF").to_owned();
    let d = b.download(&href).await;
    assert_eq!((d.status, d.content_type.as_str()), (200, "application/pdf"));
    assert!(d.bytes.starts_with(b"%PDF-"), "a PDF");
    d.bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_submits_a_fully_online_procedure_with_an_eform() {
    let Some(mut b) = Browser::start("eforms").await else { return };
    let id_copy = TempFile::new("can-cuoc.pdf", &tiny_pdf());

    // 1. In Vietnamese: the e-form stands where the upload was.
    b.login_as("congdan").await;
    b.open(&format!("/procedures/{MARITAL}/submit")).await;
    b.wait_for_text("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân").await;
    assert!(!b.has("#file_0").await, "the form's component has no upload");
    fill_form(&b, &id_copy, "Hoàng Thị Lan", "31/02/1995", "Để đăng ký kết hôn").await;
    b.shot("eform-filled").await;
    b.check_phone("eform-filled").await;
    // A date that does not exist, and the undertaking not ticked: both
    // told at once, in the summary and beside each field.
    b.press("Nộp hồ sơ").await;
    let text = b.wait_for_text("Ngày, tháng, năm sinh: không phải ngày hợp lệ").await;
    assert!(text.contains("Tôi cam đoan nội dung khai trên đây là đúng sự thật: thông tin bắt buộc"), "{text}");
    assert!(b.has("#eform-birth_date-err").await && b.has("a[href='#eform-pledge']").await);
    assert_eq!(b.attr("#eform-full_name", "value").await.as_deref(), Some("Hoàng Thị Lan"), "what was typed stays");
    b.shot("eform-refused").await;
    b.check_phone("eform-refused").await;

    // Fixed: the file is chosen again (the browser does not keep it).
    b.fill("eform-birth_date", "28/02/1995").await;
    b.click("#eform-pledge").await;
    b.attach("file_1", &id_copy).await;
    b.press("Nộp hồ sơ").await;
    b.wait_for_text("Đã nộp hồ sơ trực tuyến.").await;
    let path = b.path().await;
    let id = path.strip_prefix("/my/").and_then(|p| p.split('?').next()).expect("on the dossier's page").to_owned();
    b.shot("eform-submitted").await;
    let pdf = the_pdf(&b).await;
    b.keep("to-khai.pdf", &pdf);
    let text = pdf_text(&pdf);
    for s in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
        "Hoàng Thị Lan",
        "28/02/1995",
        "Chưa đăng ký kết hôn với ai",
        "Để đăng ký kết hôn",
        "ngày 04 tháng 3 năm 2026",
    ] {
        assert!(text.contains(s), "the PDF shows {s:?}:\n{text}");
    }
    b.logout().await;

    // 2. The counter reads the values on the dossier page.
    b.login_as("motcua").await;
    b.open(&format!("/office/dossiers/{id}")).await;
    let text = b.wait_for_text("Tờ khai điện tử").await;
    for s in [
        "Hoàng Thị Lan",
        "28/02/1995",
        "Chưa đăng ký kết hôn với ai",
        "to-khai-cap-giay-xac-nhan-tinh-trang-hon-nhan.pdf",
    ] {
        assert!(text.contains(s), "the counter sees {s:?}: {text}");
    }
    b.shot("eform-counter").await;
    b.check_phone("eform-counter").await;
    b.logout().await;

    // 3. In English: the English labels, the same path.
    b.login_as("congdan").await;
    b.set_language("en").await;
    b.open(&format!("/procedures/{MARITAL}/submit")).await;
    b.wait_for_text("Application for a certificate of marital status").await;
    fill_form(&b, &id_copy, "Hoàng Văn Nam", "1994-11-02", "To register a marriage").await;
    b.click("#eform-pledge").await;
    b.fill("eform-copies", "two").await;
    b.press("Submit").await;
    let text = b.wait_for_text("Number of copies requested: enter a whole number").await;
    assert!(text.contains("Date of birth"), "{text}");
    b.shot("eform-refused-en").await;
    b.check_phone("eform-refused-en").await;
    b.fill("eform-copies", "1").await;
    b.attach("file_1", &id_copy).await;
    b.press("Submit").await;
    b.wait_for_text("Your dossier has been submitted online.").await;
    b.shot("eform-submitted-en").await;
    b.check_phone("eform-submitted-en").await;
    let text = pdf_text(&the_pdf(&b).await);
    for s in ["Hoàng Văn Nam", "02/11/1994", "To register a marriage"] {
        assert!(text.contains(s), "the PDF shows {s:?}:\n{text}");
    }
    b.logout().await;

    // 4. The administrator's editor, where the form is defined.
    b.login_as("admin").await;
    b.open(&format!("/admin/procedures/{MARITAL}/eform")).await;
    b.wait_for_text("Key").await;
    b.shot("eform-editor-en").await;
    b.check_phone("eform-editor-en").await;
    b.set_language("vi").await;
    b.shot("eform-editor").await;
    b.finish().await;
}
