//! Paying a dossier's fee online, in a real browser, in both languages: the
//! counter asks for the fee, the citizen presses "pay online" on their
//! dossier page, pays on the stand-in payment platform's page, comes back
//! to their dossier with the payment recorded (by the platform's
//! server-to-server callback) and downloads the electronic receipt.

use motcua_payment::testing::StandIn;
use serde_json::json;

use crate::common::{TestApp, default_now, submission_with};
use crate::harness::Browser;

const COPY: &str = "1.004873";

/// The citizen's dossier of COPY, received by the counter and asked to pay
/// its reception fee (through the API: the browser part is the citizen's).
async fn asked(b: &Browser) -> String {
    let app = &b.app;
    let citizen = app.login("congdan").await;
    let mut body = submission_with(COPY, &["Tờ khai theo mẫu"]);
    body["receiving_unit_code"] = json!("H11.100");
    let r = app.create_dossier(&citizen, &body).await;
    assert_eq!(r.status, 201, "{:#}", r.body);
    let counter = app.login("motcua").await;
    let d = app.act_ok(&counter, &r.body["id"].to_string(), "receive", None).await;
    let code = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&counter, &code, "request_payment", None).await;
    code
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_pays_online_and_gets_the_receipt_in_both_languages() {
    let platform = StandIn::start().await;
    platform.set_now(default_now());
    let builder = TestApp::builder().payment(platform.config());
    let Some(mut b) = Browser::start_with("payment", builder).await else { return };
    b.login_as("congdan").await;
    for (lang, paid_notice, due) in [
        ("vi", "Đã ghi nhận thanh toán. Biên lai điện tử của bạn ở bên dưới.", "Phải nộp"),
        ("en", "Your payment is recorded. Your electronic receipt is below.", "Due"),
    ] {
        let code = asked(&b).await;
        b.open(&format!("/my/{code}")).await;
        if lang == "en" {
            b.set_language("en").await;
        }
        let text = b.wait_for_text("8.000 đồng").await;
        assert!(text.contains(due), "{lang}: {text}");
        b.shot(&format!("{lang}-asked")).await;
        // To the platform's page, pay there, and back.
        b.submit("#pay-online").await;
        b.wait_for_text("Thanh toán trực tuyến / Online payment").await;
        assert_eq!(b.text_of("#amount").await, "8000 VND");
        b.shot(&format!("{lang}-platform")).await;
        b.submit("#pay").await;
        let text = b.wait_for_text(paid_notice).await;
        assert!(b.path().await.starts_with(&format!("/my/{code}")), "back on the dossier");
        assert!(!b.has("#pay-online").await, "{lang}: paid, nothing more to pay: {text}");
        b.shot(&format!("{lang}-paid")).await;
        let href = b.attr(".receipt-link", "href").await.expect("the receipt's link");
        let pdf = b.download(&href).await;
        assert_eq!((pdf.status, pdf.content_type.as_str()), (200, "application/pdf"));
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        b.keep(&format!("{lang}-receipt.pdf"), &pdf.bytes);
    }
    // Both callbacks were answered as recorded, once each.
    let delivered = platform.delivered();
    assert_eq!(delivered.iter().map(|d| d.status).collect::<Vec<_>>(), [200, 200]);
    b.finish().await;
}
