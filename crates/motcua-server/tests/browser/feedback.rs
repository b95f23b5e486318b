//! Feedback (PAKN) handled to a deadline, in a real browser and in both
//! languages: a citizen sends one with consent to publish, keeps the
//! private tracking link; the commune's leader forwards it to the
//! department, whose leader classifies and answers it within its deadline
//! and publishes it; the citizen reads the answer and rates it; the
//! published answer shows nothing of the sender.

use crate::harness::Browser;

const SUBJECT: &str = "Hướng dẫn hồ sơ đất đai chưa rõ";
const ANSWER: &str = "Sở đã chấn chỉnh việc hướng dẫn tại Bộ phận Một cửa.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_feedback_is_answered_within_its_deadline_and_rated() {
    let Some(mut b) = Browser::start("feedback").await else { return };
    let commune = b.app.state.store.unit_by_code("H11.100".into()).await.unwrap().unwrap();
    let dept = b.app.state.store.unit_by_code("H11.SNNMT".into()).await.unwrap().unwrap();

    // 1. The citizen sends it, with the topic and the consent.
    b.open("/feedback").await;
    b.fill("name", "Phạm Văn Dũng").await;
    b.fill("contact", "0912345678").await;
    b.select("unit", &commune.id.to_string()).await;
    b.fill("subject", SUBJECT).await;
    b.fill("fb-content", "Cán bộ hướng dẫn chưa rõ ràng, tôi phải đi lại ba lần mới nộp được hồ sơ.").await;
    b.select("topic", "regulation").await;
    b.click("#consent").await;
    b.shot("feedback-form").await;
    b.press("Gửi phản ánh, kiến nghị").await;
    b.wait_for_text("Đã nhận phản ánh, kiến nghị").await;
    let link = b.attr("#track-link", "href").await.expect("the tracking link");
    b.shot("feedback-received").await;
    b.open(&link).await;
    let text = b.wait_for_text("Đang xử lý").await;
    assert!(text.contains("Hạn trả lời") && text.contains(SUBJECT), "{text}");
    b.shot("feedback-track-open").await;

    // 2. The commune's leader forwards it to the department.
    b.login_as("lanhdao").await;
    b.open("/office/feedback").await;
    b.wait_for_text(SUBJECT).await;
    b.click("details summary").await;
    b.select(&format!("fb-{}-to", feedback_id(&link)), &dept.id.to_string()).await;
    b.fill(&format!("fb-{}-note", feedback_id(&link)), "Lĩnh vực đất đai").await;
    b.press("Chuyển xử lý").await;
    b.wait_for_text("Đã chuyển phản ánh, kiến nghị").await;
    b.logout().await;

    // 3. The department's leader answers it with its topic, in English,
    //    then publishes it.
    b.login_as("lanhdao.snmt").await;
    b.open("/office/feedback").await;
    b.set_language("en").await;
    let text = b.wait_for_text(SUBJECT).await;
    assert!(text.contains("Answer due by") && text.contains("25/03/2026") && text.contains("Sở Nông nghiệp"), "{text}");
    let id = feedback_id(&link);
    b.select(&format!("fb-{id}-topic"), "conduct").await;
    b.fill(&format!("fb-{id}-answer"), ANSWER).await;
    b.shot("office-feedback-en").await;
    b.press("Send the answer").await;
    b.wait_for_text("The answer was recorded.").await;
    b.press("Publish the answer").await;
    b.wait_for_text("The answer was published.").await;
    b.shot("office-feedback-answered-en").await;
    b.set_language("vi").await;
    b.logout().await;

    // 4. The citizen reads the answer and rates it.
    b.open(&link).await;
    let text = b.wait_for_text(ANSWER).await;
    assert!(text.contains("Đã trả lời") && !text.contains("Quá hạn"), "answered within its deadline: {text}");
    b.click("#rating-satisfied").await;
    b.press("Gửi đánh giá").await;
    b.wait_for_text("Cảm ơn bạn đã đánh giá.").await;
    assert!(b.text().await.contains("Bạn đã đánh giá: Hài lòng"));
    b.shot("feedback-rated").await;
    b.check_phone("feedback-rated").await;
    b.set_language("en").await;
    b.wait_for_text("Your rating: Satisfied").await;
    b.shot("feedback-rated-en").await;

    // 5. The published answer, with nothing of the sender.
    b.open("/feedback/answers").await;
    let text = b.wait_for_text(ANSWER).await;
    assert!(!text.contains("Phạm Văn Dũng") && !text.contains("0912345678"), "{text}");
    b.shot("feedback-answers-en").await;
    b.set_language("vi").await;
    b.finish().await;
}

/// The feedback's number in its tracking link `/feedback/{id}?k=…`.
fn feedback_id(link: &str) -> String {
    link.trim_start_matches("/feedback/").split('?').next().unwrap().to_owned()
}
