//! No personal data in the log at any level (issue 17, finding 4).
//!
//! A whole dossier journey runs with `MOTCUA_LOG=trace` through the
//! binary's own log set-up (`motcua_server::logging::init`, the `log`
//! records of the PostgreSQL driver included), on SQLite and PostgreSQL; the
//! captured log must not hold the applicant's name, phone, ID number or
//! the officers' note. Its own test binary: the subscriber is global.

#[macro_use]
#[path = "common/mod.rs"]
mod common;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::json;

use common::{BIRTH, TestApp, submission};

const NAME: &str = "Hoàng Thị Lưu Ly";
const PHONE: &str = "0987651234";
const ID_NUMBER: &str = "079188004321";
const NOTE: &str = "Ghi chú riêng tư số 7781";

/// Everything the subscriber wrote.
static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();

struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs the process's subscriber at the most verbose level, once.
fn capture_log() -> common::TestAppBuilder {
    LOG.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let sink = buf.clone();
        motcua_server::logging::init(Some("trace"), move || Capture(sink.clone())).expect("the subscriber installs");
        buf
    });
    TestApp::builder()
}

fn log_text() -> String {
    String::from_utf8_lossy(&LOG.get().expect("installed").lock().unwrap()).into_owned()
}

both_backends!(a_journey_at_trace_level_logs_no_personal_data, capture_log(), |app| async move {
    let citizen = app.login("congdan").await;
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let leader = app.login("lanhdao").await;

    let mut body = submission(BIRTH);
    body["applicant"]["name"] = json!(NAME);
    body["applicant"]["phone"] = json!(PHONE);
    body["applicant"]["id_number"] = json!(ID_NUMBER);
    let d = app.create_dossier(&citizen, &body).await.assert_status(201).clone();
    let id = d["id"].to_string();
    let d = app.act_ok(&counter, &id, "receive", Some(NOTE)).await;
    let code = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&counter, &code, "forward", Some(NOTE)).await;
    app.act_ok(&specialist, &code, "forward", Some(NOTE)).await;
    app.act_ok(&leader, &code, "finish", Some(NOTE)).await;
    let d = app.act_ok(&counter, &code, "return_result", Some(NOTE)).await;
    assert_eq!(d["status"]["code"], 10);
    let r = app.fetch(None, &format!("/api/v1/public/dossiers/{code}?check={}", &PHONE[6..])).await;
    r.assert_status(200);
    // The owner reads it back, name and all (in the answer, not the log).
    assert_eq!(app.dossier(&citizen, &code).await["applicant"]["name"], NAME);

    let log = log_text();
    // The log was on, at the verbose levels, for this server.
    assert!(log.contains("DEBUG") || log.contains("TRACE"), "nothing was logged below info");
    assert!(log.contains("/api/v1/dossiers"), "the requests were not logged");
    for secret in [NAME, PHONE, ID_NUMBER, NOTE, "Hoàng Thị", "079188004321"] {
        if let Some(line) = log.lines().find(|l| l.contains(secret)) {
            panic!("the log holds personal data ({secret}): {line}");
        }
    }
});

both_backends!(an_eform_at_trace_level_logs_none_of_its_values, capture_log(), |app| async move {
    const CHILD: &str = "Lục Thị Bảo Trâm";
    const PURPOSE: &str = "Mục đích riêng 4417";
    const BAD_DATE: &str = "31/02/1977";
    let citizen = app.login("congdan").await;
    let values = json!({
        "full_name": CHILD, "birth_date": "15/08/1990", "sex": "Nữ", "ethnicity": "Tày",
        "residence": "Tổ 5", "status": "Đã ly hôn", "purpose": PURPOSE, "pledge": "yes"
    });
    let mut body = common::submission_with("1.004884", &["Bản sao Căn cước công dân"]);
    body["receiving_unit_code"] = json!("H11.100");
    body["eform"] = values.clone();
    app.create_dossier(&citizen, &body).await.assert_status(201);
    // Refused too: the messages name the labels, and the log holds nothing typed.
    body["eform"]["birth_date"] = json!(BAD_DATE);
    app.create_dossier(&citizen, &body).await.assert_error(422, "eform_not_a_date", Some("eform.birth_date"));

    let log = log_text();
    assert!(log.contains("/api/v1/dossiers"), "the requests were not logged");
    for secret in [CHILD, PURPOSE, BAD_DATE] {
        if let Some(line) = log.lines().find(|l| l.contains(secret)) {
            panic!("the log holds a value of the e-form ({secret}): {line}");
        }
    }
});

both_backends!(notices_and_escalations_at_trace_level_log_no_personal_data, capture_log(), |app| async move {
    const EMAIL: &str = "luu.ly.7781@example.vn";
    let counter = app.login("motcua").await;
    let mut body = submission(BIRTH);
    body["applicant"]["name"] = json!(NAME);
    body["applicant"]["phone"] = json!(PHONE);
    body["applicant"]["id_number"] = json!(ID_NUMBER);
    body["applicant"]["email"] = json!(EMAIL);
    let d = app.create_dossier(&counter, &body).await.assert_status(201).clone();
    let code = d["code"].as_str().unwrap().to_owned();

    // Delivered to the local receiver, then a refusal, then a server down.
    let receiver = motcua_notify::testing::SmtpReceiver::start().await;
    let channel = motcua_notify::smtp::SmtpChannel::new(&motcua_notify::smtp::SmtpConfig {
        host: "127.0.0.1".into(),
        port: receiver.port,
        security: motcua_notify::smtp::Security::None,
        credentials: None,
        from: "motcua@example.gov.vn".into(),
        timeout: std::time::Duration::from_secs(5),
    })
    .unwrap();
    app.state.set_channels(motcua_notify::Channels::none().with(Arc::new(channel)));
    assert_eq!(motcua_server::notify::sender::send_round(&app.state).await.unwrap().sent, 1);
    assert_eq!(receiver.wait_for(1, std::time::Duration::from_secs(5)).await[0].to, [EMAIL]);
    receiver.set_behaviour(motcua_notify::testing::Behaviour::Refuse);
    app.act_ok(&counter, &code, "forward", Some(NOTE)).await;
    app.set_now(common::at(2026, 3, 5, 16, 0));
    motcua_server::notify::scheduler::escalate_round(&app.state).await.unwrap();
    motcua_server::notify::sender::send_round(&app.state).await.unwrap();

    let log = log_text();
    assert!(log.contains("notification.kind"), "the deliveries were not logged");
    for secret in [NAME, PHONE, ID_NUMBER, NOTE, EMAIL, "luu.ly", "Hoàng Thị"] {
        if let Some(line) = log.lines().find(|l| l.contains(secret)) {
            panic!("the log holds personal data ({secret}): {line}");
        }
    }
});
