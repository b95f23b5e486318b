//! Notifications and escalation in a real browser (issue 14), in both
//! languages: the citizen chooses e-mail on the account page, their
//! dossier's "result ready" e-mail arrives in the local SMTP receiver
//! (Vietnamese, then English) and the dossier page shows it sent; a step
//! left overdue is escalated to the unit's leader, who finds it on the
//! "Đôn đốc" / "Escalations" page.

use std::sync::Arc;
use std::time::Duration;

use motcua_notify::Channels;
use motcua_notify::message::LANGUAGE_SEPARATOR;
use motcua_notify::smtp::{Security, SmtpChannel, SmtpConfig};
use motcua_notify::testing::SmtpReceiver;
use motcua_server::notify::{scheduler, sender};

use crate::common::{at, components_of, submission_with};
use crate::harness::Browser;

const CITIZEN_EMAIL: &str = "cong.dan.demo@example.vn";
/// Đăng ký kết hôn: the specialist's examination takes 2 of its 3 working days.
const MARRIAGE: &str = "1.000894";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_result_ready_email_arrives_and_an_overdue_step_reaches_the_leader() {
    let Some(mut b) = Browser::start("notifications").await else { return };
    let receiver = SmtpReceiver::start().await;
    let channel = SmtpChannel::new(&SmtpConfig {
        host: "127.0.0.1".into(),
        port: receiver.port,
        security: Security::None,
        credentials: None,
        from: "Bộ phận Một cửa <motcua@example.gov.vn>".into(),
        timeout: Duration::from_secs(5),
    })
    .unwrap();
    b.app.state.set_channels(Channels::none().with(Arc::new(channel)));

    // 1. The citizen chooses e-mail on their account page.
    b.login_as("congdan").await;
    b.open("/account").await;
    b.wait_for_text("Nhận thông báo về hồ sơ").await;
    b.select("notify-channel", "email").await;
    b.fill("notify-email", CITIZEN_EMAIL).await;
    b.shot("account-notify").await;
    b.press("Lưu cách nhận thông báo").await;
    b.wait_for_text("Đã lưu cách nhận thông báo.").await;
    b.set_language("en").await;
    let text = b.wait_for_text("Notices about your dossiers").await;
    assert!(text.contains("Save how I am notified"), "{text}");
    b.shot("account-notify-en").await;
    b.set_language("vi").await;
    b.logout().await;

    // 2. Their online dossier is received, handled and finished.
    let d = b.app.online_submission().await;
    let counter = b.app.login("motcua").await;
    let code = b.app.act_ok(&counter, &d["id"].to_string(), "receive", None).await["code"].as_str().unwrap().to_owned();
    b.app.act_ok(&counter, &code, "forward", None).await;
    b.app.act_ok(&b.app.login("chuyenvien").await, &code, "forward", None).await;
    b.app.act_ok(&b.app.login("lanhdao").await, &code, "finish", None).await;
    sender::send_round(&b.app.state).await.unwrap();

    // 3. The e-mail is in the receiver: Vietnamese first, then English.
    let mut mail = None;
    for _ in 0..50 {
        let wanted = format!("Hồ sơ {code} đã có kết quả");
        mail = receiver.mails().into_iter().find(|m| m.to == [CITIZEN_EMAIL] && m.subject().starts_with(&wanted));
        if mail.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mail = mail.expect("the result-ready e-mail arrived");
    assert_eq!(mail.subject(), format!("Hồ sơ {code} đã có kết quả / The result of dossier {code} is ready"));
    let body = mail.body();
    let (vi, en) = body.split_once(LANGUAGE_SEPARATOR).expect("both languages");
    assert!(vi.contains("đã giải quyết xong") && vi.contains("Mời Ông/Bà nhận kết quả tại Phường Thục Phán"), "{vi}");
    assert!(en.contains("has been handled"), "{en}");
    b.keep("result-ready-email.txt", format!("Subject: {}\n\n{body}", mail.subject()).as_bytes());

    // 4. Staff see it sent on the dossier page, in both languages.
    b.login_as("motcua").await;
    b.open(&format!("/office/dossiers/{code}#notices")).await;
    let text = b.wait_for_text("Thông báo đã gửi").await;
    assert!(text.contains("Đã có kết quả") && text.contains("Đã gửi") && text.contains("c***@example.vn"), "{text}");
    assert!(!text.contains(CITIZEN_EMAIL), "the address is masked");
    b.shot("dossier-notices").await;
    b.set_language("en").await;
    let text = b.wait_for_text("Notifications").await;
    assert!(text.contains("Result ready") && text.contains("Sent"), "{text}");
    b.shot("dossier-notices-en").await;
    b.set_language("vi").await;
    b.logout().await;

    // 5. A marriage registration left at the specialist's step past its
    // own due moment (Friday): on Monday the scheduler tells the leader.
    let components = components_of(&b.app, MARRIAGE).await;
    let names: Vec<&str> = components.iter().map(String::as_str).collect();
    let r = b.app.create_dossier(&counter, &submission_with(MARRIAGE, &names)).await;
    let late = r.assert_status(201)["code"].as_str().unwrap().to_owned();
    b.app.act_ok(&counter, &late, "forward", None).await;
    b.app.set_now(at(2026, 3, 9, 9, 0));
    let report = scheduler::escalate_round(&b.app.state).await.unwrap();
    assert!(report.escalated() >= 1, "{report:?}");
    assert_eq!(scheduler::escalate_round(&b.app.state).await.unwrap().escalated(), 0, "once");

    b.login_as("lanhdao").await;
    b.press("Đôn đốc").await;
    let text = b.wait_for_text("Hồ sơ cần đôn đốc").await;
    assert!(text.contains(&late) && text.contains("Quá hạn (báo lãnh đạo đơn vị)"), "{text}");
    b.shot("leader-escalations").await;
    b.set_language("en").await;
    let text = b.wait_for_text("Escalations").await;
    assert!(text.contains(&late) && text.contains("Overdue (unit leader told)"), "{text}");
    b.shot("leader-escalations-en").await;
    b.check_phone("leader-escalations-phone").await;
    b.finish().await;
}
