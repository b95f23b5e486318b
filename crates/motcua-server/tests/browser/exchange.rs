//! `/admin/exchange` as the administrator sees it, in both languages: the
//! bus configured (its password hidden), a document received and answered
//! "01", one refused with its code and answered "02".

use crate::common::TestApp;
use crate::common::exchange::{configured, receive_two};
use crate::harness::Browser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_message_log_in_both_languages() {
    let Some(mut b) = Browser::start_with("exchange", TestApp::builder().configure(configured)).await else { return };
    receive_two(&b.app).await;
    b.login_as("admin").await;
    b.open("/admin/exchange").await;
    let text = b.text().await;
    assert!(
        text.contains("Nhật ký gói tin") && text.contains("01 – Đã đến") && text.contains("edxml_bad_value"),
        "{text}"
    );
    assert!(!text.contains("bi-mat"));
    b.shot("admin-vi").await;
    b.set_language("en").await;
    let text = b.text().await;
    assert!(text.contains("Message log") && text.contains("02 – Refused"), "{text}");
    b.shot("admin-en").await;
    b.finish().await;
}
