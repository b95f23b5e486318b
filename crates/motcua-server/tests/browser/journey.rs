//! The whole online journey in a real browser: a citizen finds the birth
//! registration from the home page's search and submits it with a PDF; the
//! counter of Phường Thục Phán receives it (code, receipt) and forwards it;
//! the specialist forwards it, the leader finishes it, the counter returns
//! the result; the citizen tracks it with the last 4 digits of the phone
//! and rates it, once. Then the key screens again in English.

use fantoccini::Locator;

use crate::common::{BIRTH, CHECK, PHONE, at};
use crate::harness::{Browser, TempFile, tiny_pdf};

/// The demo citizen's name, which the submission form fills in.
const CITIZEN: &str = "Nông Thị Mai";
const CITIZEN_MASKED: &str = "N*** T** M**";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn online_submission_to_rated_result_in_both_languages() {
    let Some(mut b) = Browser::start("journey").await else { return };
    let declaration = TempFile::new("to-khai.pdf", &tiny_pdf());
    let certificate = TempFile::new("giay-chung-sinh.pdf", &tiny_pdf());

    // 1. The citizen logs in and lands on their dossiers.
    b.login_as("congdan").await;
    assert_eq!(b.path().await, "/my");
    b.wait_for_text("Hồ sơ của tôi").await;

    // 2. The home page's search finds the procedure (typed without accents).
    b.open("/").await;
    b.fill("q", "dang ky khai sinh").await;
    b.press("Tìm kiếm").await;
    let text = b.wait_for_text("Kết quả tìm kiếm").await;
    assert!(text.contains("Đăng ký khai sinh") && text.contains(BIRTH), "{text}");
    b.shot("home-search").await;
    b.submit(&format!("main a[href='/procedures/{BIRTH}']")).await;
    let text = b.wait_for_text("Nộp hồ sơ trực tuyến").await;
    assert!(text.contains("Toàn trình") && text.contains("1 ngày làm việc"), "{text}");
    assert!(text.contains("Phường Thục Phán"), "the agency is named: {text}");
    b.shot("procedure").await;

    // 3. The online form: the name comes from the account; two components,
    //    each with its PDF.
    b.press("Nộp hồ sơ trực tuyến").await;
    b.wait_for_path(&format!("/procedures/{BIRTH}/submit")).await;
    b.wait_for_text("Thành phần hồ sơ").await;
    assert_eq!(b.attr("#name", "value").await.as_deref(), Some(CITIZEN));
    assert_eq!(b.attr("#receiving_unit_code option[selected]", "value").await.as_deref(), Some("H11.100"));
    b.fill("id_number", "004188012345").await;
    b.fill("phone", PHONE).await;
    b.fill("email", "mai.nong@example.vn").await;
    b.fill("address", "Tổ 3, phường Thục Phán, tỉnh Cao Bằng").await;
    b.click("#component_0").await;
    b.click("#component_1").await;
    b.attach("file_0", &declaration).await;
    b.attach("file_1", &certificate).await;
    b.shot("submit-form").await;
    b.press("Nộp hồ sơ").await;
    let text = b.wait_for_text("Đã nộp hồ sơ trực tuyến.").await;
    let path = b.path().await;
    let id = path.strip_prefix("/my/").and_then(|p| p.split('?').next()).expect("on the new dossier's page").to_owned();
    assert!(id.parse::<i64>().is_ok(), "addressed by its number before it has a code: {path}");
    for expected in ["Mới đăng ký", "Số hồ sơ", "to-khai.pdf", "giay-chung-sinh.pdf", "Trực tuyến", "Đã nộp trực tuyến"]
    {
        assert!(text.contains(expected), "the new dossier shows {expected:?}: {text}");
    }
    b.shot("submitted").await;
    // The file kept is the one sent.
    let href = b.attr("main a[download]", "href").await.expect("a file link");
    let file = b.download(&href).await;
    assert_eq!((file.status, file.content_type.as_str()), (200, "application/pdf"));
    assert_eq!(file.bytes, tiny_pdf());

    // 4. It is listed under "my dossiers", without a code yet.
    b.press("← Hồ sơ của tôi").await;
    let text = b.wait_for_text(&format!("#{id}")).await;
    assert!(text.contains("Đăng ký khai sinh") && text.contains("Mới đăng ký"), "{text}");
    b.shot("my-list").await;
    b.logout().await;
    b.wait_for_text("Bạn đã đăng xuất.").await;

    // 5. The counter opens the online queue and checks the dossier: the
    //    applicant's name is masked in the list, whole on the dossier.
    b.app.set_now(at(2026, 3, 4, 9, 30));
    b.login_as("motcua").await;
    b.press("Hồ sơ trực tuyến").await;
    let text = b.wait_for_text("Hồ sơ nộp trực tuyến chờ tiếp nhận").await;
    assert!(text.contains(&format!("Chưa có mã (số {id})")) && text.contains(CITIZEN_MASKED), "{text}");
    assert!(!text.contains(CITIZEN), "the queue masks names: {text}");
    b.shot("online-queue").await;
    b.submit(&format!("main a.button[href^='/office/dossiers/{id}?']")).await;
    let text = b.wait_for_text("(chưa cấp mã)").await;
    for expected in ["Mới đăng ký", CITIZEN, PHONE, "to-khai.pdf", "giay-chung-sinh.pdf", "Tiếp nhận"] {
        assert!(text.contains(expected), "the counter sees {expected:?}: {text}");
    }
    b.shot("counter-check").await;

    // 6. Receive: the code, the due date and the receipt to print.
    b.press("Tiếp nhận").await;
    let text = b.wait_for_text("Đã tiếp nhận hồ sơ.").await;
    let code = b.text_of("h1 .mono").await;
    assert!(code.starts_with("H11.100-260304-") && code.len() == 19, "a code of the unit and day: {code}");
    assert!(b.path().await.starts_with(&format!("/office/dossiers/{code}?slip=receipt")), "{}", b.path().await);
    for expected in ["Được tiếp nhận", "05/03/2026", "In giấy tiếp nhận và hẹn trả kết quả"] {
        assert!(text.contains(expected), "after receiving: {expected:?} in {text}");
    }
    assert!(!text.contains("(chưa cấp mã)"), "{text}");
    b.shot("received").await;
    let receipt = b.attr(".slip-now a", "href").await.expect("the receipt link");
    assert_eq!(receipt, format!("/office/dossiers/{code}/slips/receipt.pdf"));
    let pdf = b.download(&receipt).await;
    assert_eq!((pdf.status, pdf.content_type.as_str()), (200, "application/pdf"));
    assert!(pdf.bytes.starts_with(b"%PDF-") && pdf.bytes.len() > 1000, "a real PDF: {} bytes", pdf.bytes.len());

    // 7. The counter hands it to the specialist's step.
    b.app.set_now(at(2026, 3, 4, 9, 35));
    b.press("Chuyển bước tiếp theo").await;
    let text = b.wait_for_text("Đã chuyển hồ sơ sang bước tiếp theo.").await;
    assert!(text.contains("Đang xử lý") && text.contains("Bước 1 · Thẩm định hồ sơ"), "{text}");
    b.logout().await;

    // 8. The specialist finds it in the inbox and forwards it to the leader.
    b.app.set_now(at(2026, 3, 4, 14, 0));
    b.login_as("chuyenvien").await;
    assert_eq!(b.path().await, "/office/inbox");
    let text = b.wait_for_text(&code).await;
    assert!(text.contains("Bước 1 · Chuyên viên") && text.contains(CITIZEN_MASKED), "{text}");
    b.shot("specialist-inbox").await;
    b.check_phone("specialist-inbox").await;
    b.submit(&format!("main a[href='/office/dossiers/{code}']")).await;
    b.wait_for_text("Thẩm định hồ sơ").await;
    b.press("Chuyển bước tiếp theo").await;
    let text = b.wait_for_text("Đã chuyển hồ sơ sang bước tiếp theo.").await;
    assert!(text.contains("Lãnh đạo"), "now at the leader's step: {text}");
    b.logout().await;

    // 9. The leader approves on the due day: the result goes to the counter.
    b.app.set_now(at(2026, 3, 5, 10, 0));
    b.login_as("lanhdao").await;
    b.wait_for_text(&code).await;
    b.submit(&format!("main a[href='/office/dossiers/{code}']")).await;
    b.press("Hoàn thành, có kết quả").await;
    let text = b.wait_for_text("Đã hoàn thành xử lý; kết quả chuyển về Bộ phận Một cửa.").await;
    assert!(text.contains("Đã xử lý xong") && text.contains("Đúng hạn"), "{text}");
    b.shot("finished").await;
    b.logout().await;

    // 10. The counter returns the result from its list.
    b.app.set_now(at(2026, 3, 5, 15, 0));
    b.login_as("motcua").await;
    b.open("/office/returns").await;
    let text = b.wait_for_text(&code).await;
    assert!(text.contains("Đăng ký khai sinh"), "{text}");
    b.shot("returns").await;
    b.submit(&format!("form[action='/office/dossiers/{code}/act'] button")).await;
    let text = b.wait_for_text("Đã trả kết quả cho người dân.").await;
    assert!(!text.contains(&code), "no longer waiting: {text}");
    b.logout().await;

    // 11. The citizen sees the result and follows the invitation to rate.
    b.app.set_now(at(2026, 3, 5, 15, 30));
    b.login_as("congdan").await;
    b.open(&format!("/my/{code}")).await;
    let text = b.wait_for_text("Đã trả kết quả").await;
    assert!(text.contains("Xin bạn dành một phút đánh giá"), "{text}");
    // The owner rates on this page, without the phone digits (tested in
    // `forms`); here the anonymous way, through the public look-up.
    assert!(b.has("#rating form.rating-form").await, "the rating form is on the owner's page");
    b.open(&format!("/lookup?code={code}")).await;
    assert_eq!(b.attr("#code", "value").await.as_deref(), Some(code.as_str()), "the code is filled in");
    b.fill("check", CHECK).await;
    b.press("Tra cứu").await;
    let text = b.wait_for_text("Kết quả tra cứu").await;
    for expected in [
        code.as_str(),
        "Đã trả kết quả",
        "Đúng hạn",
        CITIZEN_MASKED,
        "Đã nộp trực tuyến",
        "Đã tiếp nhận",
        "Đã chuyển bước xử lý",
        "Đã có kết quả",
        "Đã trả kết quả",
        "Đánh giá việc giải quyết thủ tục hành chính",
    ] {
        assert!(text.contains(expected), "the look-up shows {expected:?}: {text}");
    }
    assert!(!text.contains(CITIZEN) && !text.contains(PHONE), "nothing personal on the look-up: {text}");
    assert_eq!(b.client.find_all(Locator::Css("ol.timeline li")).await.unwrap().len(), 6);
    assert_eq!(b.client.find_all(Locator::Css("fieldset.criterion")).await.unwrap().len(), 9);
    b.shot("lookup-result").await;
    b.check_phone("lookup-result").await;

    // 12. The same look-up in a second tab, to try rating twice.
    let first = b.client.window().await.unwrap();
    let second = b.client.new_window(true).await.unwrap().handle;
    b.client.switch_to_window(second.clone()).await.unwrap();
    b.open(&format!("/lookup?code={code}")).await;
    b.fill("check", CHECK).await;
    b.press("Tra cứu").await;
    b.wait_for_text("Gửi đánh giá").await;
    b.client.switch_to_window(first.clone()).await.unwrap();

    // The rating: the nine criteria, one level each.
    for i in 0..9 {
        let level = if i == 6 { 1 } else { 2 };
        b.click(&format!("input[name='s{i}'][value='{level}']")).await;
    }
    b.fill("comment", "Cán bộ hướng dẫn tận tình.").await;
    b.shot("rating-filled").await;
    b.press("Gửi đánh giá").await;
    let text = b.wait_for_text("Cảm ơn bạn đã đánh giá.").await;
    assert!(!text.contains("Gửi đánh giá"), "the form is gone: {text}");
    b.shot("rated").await;

    // A second rating from the other tab is refused.
    b.client.switch_to_window(second).await.unwrap();
    for i in 0..9 {
        b.click(&format!("input[name='s{i}'][value='0']")).await;
    }
    b.press("Gửi đánh giá").await;
    let text = b.wait_for_text("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần.").await;
    assert!(!text.contains("Gửi đánh giá"), "no second form: {text}");
    b.shot("rated-twice").await;
    b.client.close_window().await.unwrap();
    b.client.switch_to_window(first).await.unwrap();

    // 13. English: the look-up, the citizen's dossier, then the office's
    //     dossier page and inbox. (From the look-up form: switching on the
    //     page the rating answered lands on a GET of /lookup/rate.)
    b.open("/lookup").await;
    b.set_language("en").await;
    assert_eq!(b.path().await, "/lookup");
    b.fill("code", &code).await;
    b.fill("check", CHECK).await;
    b.press("Track").await;
    let text = b.wait_for_text("Result returned").await;
    for expected in ["Submitted online", "Accepted", "Forwarded to the next step", "Result issued", "On time"] {
        assert!(text.contains(expected), "in English: {expected:?} in {text}");
    }
    assert!(text.contains("This dossier has already been rated."), "{text}");
    b.shot("lookup-result-en").await;
    b.check_phone("lookup-result-en").await;
    b.open(&format!("/my/{code}")).await;
    let text = b.wait_for_text("Result returned").await;
    assert!(text.contains("Dossier code") && text.contains("to-khai.pdf"), "{text}");
    b.shot("my-dossier-en").await;
    b.logout().await;

    b.login_as("motcua").await;
    b.open(&format!("/office/dossiers/{code}")).await;
    let text = b.wait_for_text("Result returned").await;
    for expected in ["Applicant", "Print the receipt with the appointment date", "On time", CITIZEN] {
        assert!(text.contains(expected), "the dossier page in English: {expected:?} in {text}");
    }
    b.shot("dossier-en").await;
    // The inbox with work in it: one dossier late, one due soon.
    let late = b.app.counter_intake().await["code"].as_str().unwrap().to_owned();
    b.app.set_now(at(2026, 3, 9, 9, 0));
    let soon = b.app.counter_intake().await["code"].as_str().unwrap().to_owned();
    b.open("/office/inbox").await;
    let text = b.wait_for_text(&late).await;
    for expected in [soon.as_str(), "Overdue", "Due soon", "Received", "One-stop counter"] {
        assert!(text.contains(expected), "the inbox in English: {expected:?} in {text}");
    }
    b.shot("inbox-en").await;
    b.check_phone("inbox-en").await;
    b.finish().await;
}
