//! "Toàn trình" online in a real browser: a citizen submits online, the
//! counter receives it and asks for a supplement, the citizen sends the
//! supplement from their dossier page, the counter sees it arrived and
//! accepts it (the clock resumes then); the citizen withdraws another
//! dossier with a reason. In both languages, and at phone width.

use crate::common::{BIRTH, PHONE, at};
use crate::harness::{Browser, TempFile, tiny_pdf};

const REASON: &str = "Giấy chứng sinh bị mờ, không đọc được số.";
const ITEM: &str = "Bản chụp rõ nét Giấy chứng sinh";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supplement_sent_online_accepted_then_a_withdrawal() {
    let Some(mut b) = Browser::start("online").await else { return };
    let declaration = TempFile::new("to-khai.pdf", &tiny_pdf());
    let certificate = TempFile::new("giay-chung-sinh.pdf", &tiny_pdf());
    let clear_copy = TempFile::new("giay-chung-sinh-ro-net.pdf", &tiny_pdf());

    // 1. The citizen submits online.
    b.login_as("congdan").await;
    b.open(&format!("/procedures/{BIRTH}/submit")).await;
    b.wait_for_text("Thành phần hồ sơ").await;
    b.fill("id_number", "004188012345").await;
    b.fill("phone", PHONE).await;
    b.click("#component_0").await;
    b.click("#component_1").await;
    b.attach("file_0", &declaration).await;
    b.attach("file_1", &certificate).await;
    b.press("Nộp hồ sơ").await;
    b.wait_for_text("Đã nộp hồ sơ trực tuyến.").await;
    let path = b.path().await;
    let id = path.strip_prefix("/my/").and_then(|p| p.split('?').next()).expect("on the dossier's page").to_owned();
    assert!(!b.has("#supplement").await, "nothing to supplement yet");
    b.logout().await;

    // 2. The counter receives it and asks for a supplement.
    b.app.set_now(at(2026, 3, 4, 10, 0));
    b.login_as("motcua").await;
    b.open(&format!("/office/dossiers/{id}")).await;
    b.press("Tiếp nhận").await;
    b.wait_for_text("Đã tiếp nhận hồ sơ.").await;
    let code = b.text_of("h1 .mono").await;
    b.click("#act-request-supplement summary").await;
    b.fill("request-supplement-note", REASON).await;
    b.fill("request-supplement-items", ITEM).await;
    b.press("Yêu cầu bổ sung hồ sơ").await;
    b.wait_for_text("Đã gửi yêu cầu bổ sung hồ sơ.").await;
    let due_before = b.app.dossier(&b.app.login("motcua").await, &code).await["due_at"].clone();
    b.logout().await;

    // 3. The citizen sends the supplement from their dossier page.
    b.app.set_now(at(2026, 3, 5, 9, 0));
    b.login_as("congdan").await;
    b.open(&format!("/my/{code}")).await;
    let text = b.wait_for_text("Nộp bổ sung trực tuyến").await;
    assert!(text.contains(REASON) && text.contains(ITEM), "the request is read above the form: {text}");
    b.attach("supplement-files", &clear_copy).await;
    b.fill("supplement-note", "Gửi lại bản chụp rõ nét").await;
    b.shot("citizen-supplement-form").await;
    b.check_phone("citizen-supplement-form").await;
    b.press("Gửi bổ sung").await;
    let text = b.wait_for_text("Đã gửi bổ sung. Bộ phận Một cửa sẽ kiểm tra").await;
    for expected in [
        "Đã gửi bổ sung, đang chờ Bộ phận Một cửa kiểm tra.",
        "giay-chung-sinh-ro-net.pdf",
        "Công dân đã nộp bổ sung trực tuyến",
    ] {
        assert!(text.contains(expected), "the citizen sees {expected:?}: {text}");
    }
    b.shot("citizen-supplement-sent").await;
    b.set_language("en").await;
    let text = b.wait_for_text("Supplement sent; waiting for the one-stop counter to check it.").await;
    assert!(text.contains("The citizen sent the supplement online"), "{text}");
    b.shot("citizen-supplement-sent-en").await;
    b.check_phone("citizen-supplement-sent-en").await;
    b.set_language("vi").await;
    b.logout().await;

    // 4. The counter sees it arrived, checks the file, and accepts it two
    //    days later: the clock resumes then.
    b.app.set_now(at(2026, 3, 6, 14, 0));
    b.login_as("motcua").await;
    b.open("/office/inbox").await;
    b.wait_for_text("Đã có bổ sung trực tuyến").await;
    b.shot("counter-inbox-arrived").await;
    b.open(&format!("/office/dossiers/{code}")).await;
    let text = b.wait_for_text("Công dân đã nộp bổ sung trực tuyến, chờ kiểm tra.").await;
    assert!(text.contains("giay-chung-sinh-ro-net.pdf") && text.contains("Gửi lại bản chụp rõ nét"), "{text}");
    b.shot("counter-sees-supplement").await;
    b.check_phone("counter-sees-supplement").await;
    b.set_language("en").await;
    b.wait_for_text("The citizen sent the supplement online; it waits to be checked.").await;
    b.shot("counter-sees-supplement-en").await;
    b.set_language("vi").await;
    b.press("Đã nhận bổ sung").await;
    let text = b.wait_for_text("Đã ghi nhận hồ sơ bổ sung.").await;
    assert!(!text.contains("chờ kiểm tra"), "no longer waiting: {text}");
    let d = b.app.dossier(&b.app.login("motcua").await, &code).await;
    assert_eq!(d["status"]["key"], "received");
    assert_ne!(d["due_at"], due_before, "the due date moved by the pause when the counter accepted");
    b.logout().await;

    // 5. The citizen withdraws another dossier, with a reason, after the question.
    let other = b.app.online_submission().await["id"].to_string();
    b.login_as("congdan").await;
    b.open(&format!("/my/{other}")).await;
    b.wait_for_text("Rút hồ sơ").await;
    // Folded away until wanted, so that it is not pressed by mistake.
    assert!(!b.has("#withdraw[open]").await);
    b.click("#withdraw summary").await;
    b.fill("withdraw-note", "Nộp nhầm thủ tục").await;
    b.shot("citizen-withdraw-form").await;
    b.press("Rút hồ sơ…").await;
    let text = b.wait_for_text("Việc này không hoàn tác được").await;
    assert!(text.contains("Nộp nhầm thủ tục"), "the question repeats the reason: {text}");
    b.shot("citizen-withdraw-question").await;
    b.check_phone("citizen-withdraw-question").await;
    b.submit("#confirm-yes").await;
    let text = b.wait_for_text("Đã rút hồ sơ. Hồ sơ không được giải quyết tiếp.").await;
    assert!(text.contains("Công dân yêu cầu rút hồ sơ") && text.contains("Nộp nhầm thủ tục"), "{text}");
    assert!(!b.has("#withdraw").await, "a withdrawn dossier offers no withdrawal");
    b.shot("citizen-withdrawn").await;
    b.set_language("en").await;
    b.wait_for_text("Withdrawn").await;
    b.shot("citizen-withdrawn-en").await;
    b.check_phone("citizen-withdrawn-en").await;
    b.set_language("vi").await;
    b.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_uploads_a_form_that_anyone_downloads() {
    let Some(mut b) = Browser::start("online-forms").await else { return };
    let form = TempFile::new("to-khai-khai-sinh.pdf", &tiny_pdf());

    b.login_as("admin").await;
    b.open(&format!("/admin/procedures/{BIRTH}")).await;
    b.submit("#forms-link").await;
    b.wait_for_text("Thủ tục chưa có tệp mẫu đơn, tờ khai.").await;
    b.fill("form-name", "Tờ khai đăng ký khai sinh").await;
    b.attach("form-file", &form).await;
    b.press("Tải lên").await;
    let text = b.wait_for_text("Đã thêm mẫu đơn, tờ khai.").await;
    assert!(text.contains("Tờ khai đăng ký khai sinh.pdf"), "{text}");
    b.shot("admin-forms").await;
    b.check_phone("admin-forms").await;
    b.set_language("en").await;
    b.wait_for_text("Current files").await;
    b.shot("admin-forms-en").await;
    b.set_language("vi").await;
    b.logout().await;

    // Anyone finds it on the procedure's page and downloads it.
    b.open(&format!("/procedures/{BIRTH}")).await;
    let text = b.wait_for_text("Tải mẫu đơn, tờ khai về").await;
    assert!(text.contains("Tờ khai đăng ký khai sinh.pdf"), "{text}");
    b.shot("procedure-forms").await;
    b.check_phone("procedure-forms").await;
    let href = b.attr("ul.form-files a", "href").await.expect("a form link");
    let file = b.download(&href).await;
    assert_eq!((file.status, file.content_type.as_str()), (200, "application/pdf"));
    assert_eq!(file.bytes, tiny_pdf());
    b.set_language("en").await;
    b.wait_for_text("Download the forms").await;
    b.shot("procedure-forms-en").await;
    b.finish().await;
}
