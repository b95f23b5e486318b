//! Pages a user's role or unit does not open, in a real browser: a
//! specialist at the counter's intake (403), a citizen in the office inbox
//! (403, in both languages), a specialist of another unit on a dossier
//! (404, not even its existence), and an anonymous visitor sent to log in.

use crate::common::CHECK;
use crate::harness::Browser;

const FORBIDDEN_VI: &str = "Vai trò của bạn không được phép làm việc này";
const FORBIDDEN_EN: &str = "Your role is not allowed to do this";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_and_units_see_only_their_pages() {
    let Some(mut b) = Browser::start("wrong-role").await else { return };
    let d = b.app.counter_intake().await;
    let code = d["code"].as_str().expect("a code").to_owned();

    // 1. A specialist at the counter's intake form: 403, in Vietnamese.
    b.login_as("chuyenvien").await;
    b.open("/office/intake").await;
    let text = b.wait_for_text("Không thực hiện được").await;
    assert!(text.contains(FORBIDDEN_VI) && text.contains("(403)"), "{text}");
    assert_eq!(b.lang().await, "vi");
    assert!(!b.has("main form").await, "no intake form behind the refusal");
    b.shot("specialist-intake-403").await;
    b.check_phone("specialist-intake-403").await;
    b.open("/office/inbox").await;
    b.logout().await;

    // 2. A specialist of another unit (the provincial department) cannot
    //    open a dossier of the commune: 404, as if it did not exist.
    b.login_as("chuyenvien.snmt").await;
    b.open(&format!("/office/dossiers/{code}")).await;
    let text = b.wait_for_text("Không tìm thấy trang").await;
    assert!(text.contains("Không tìm thấy hồ sơ"), "the plain 404 page says what: {text}");
    assert!(!text.contains("Nguyễn Văn An") && !text.contains("Đăng ký khai sinh"), "nothing leaks: {text}");
    b.shot("other-unit-404").await;
    let slip = b.download(&format!("/office/dossiers/{code}/slips/receipt.pdf")).await;
    assert_eq!(slip.status, 404, "nor its receipt");
    b.open("/office/inbox").await;
    b.logout().await;

    // 3. A citizen in the office: 403, then in English.
    b.login_as("congdan").await;
    b.open("/office/inbox").await;
    let text = b.wait_for_text("Không thực hiện được").await;
    assert!(text.contains(FORBIDDEN_VI) && text.contains("(403)"), "{text}");
    b.shot("citizen-inbox-403").await;
    b.set_language("en").await;
    assert_eq!(b.path().await, "/office/inbox");
    let text = b.wait_for_text("That did not work").await;
    assert!(text.contains(FORBIDDEN_EN) && text.contains("(403)"), "{text}");
    b.shot("citizen-inbox-403-en").await;
    b.open("/office/online").await;
    let text = b.wait_for_text("That did not work").await;
    assert!(text.contains(FORBIDDEN_EN), "nor the online queue: {text}");
    b.set_language("vi").await;
    b.open("/my").await;
    b.logout().await;

    // 4. Anonymous: sent to log in, and back to the page after.
    b.open("/office/inbox").await;
    b.wait_for_path("/login").await;
    assert_eq!(b.path().await, "/login?next=/office/inbox");
    b.fill("username", "motcua").await;
    b.fill("password", crate::common::TestApp::password("motcua")).await;
    b.submit("main form button[type=submit]").await;
    assert_eq!(b.path().await, "/office/inbox");
    b.wait_for_text(&code).await;
    b.check_phone("counter-inbox").await;
    b.logout().await;

    // 5. The public look-up of that dossier, at phone width.
    b.open("/lookup").await;
    b.fill("code", &code).await;
    b.fill("check", CHECK).await;
    b.press("Tra cứu").await;
    b.wait_for_text("Kết quả tra cứu").await;
    b.check_phone("lookup").await;
    b.finish().await;
}
