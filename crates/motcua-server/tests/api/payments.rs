//! Fees, payments and receipts through the API (issue 14): a procedure's
//! fees with their stage and exemptions in the catalogue; the amount due
//! asked with the "request payment" action; a payment at the counter; an
//! online payment through the stand-in platform's redirect and callback
//! (replays answer the same, bad callbacks change nothing); the receipt as
//! a PDF; the reconciliation of a statement that differs in exactly three
//! ways.

use motcua_payment::testing::StandIn;
use motcua_payment::{Callback, CallbackStatus};
use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{Backend, TestApp, default_now, submission_with};

/// A demo procedure with a fee (Cấp bản sao trích lục hộ tịch, 8.000 đồng).
const COPY: &str = "1.004873";
const COPY_COMPONENTS: [&str; 1] = ["Tờ khai theo mẫu"];

/// Runs `body` with an app connected to a fresh stand-in platform, once
/// per backend.
macro_rules! with_platform {
    ($name:ident, |$app:ident, $platform:ident| $body:expr) => {
        mod $name {
            use super::*;

            async fn run(backend: Backend) {
                let $platform = StandIn::start().await;
                $platform.set_now(default_now());
                let builder = TestApp::builder().payment($platform.config());
                let Some($app) = builder.start(backend, module_path!()).await else { return };
                $body.await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run(Backend::Sqlite).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                run(Backend::Postgres).await
            }
        }
    };
}

/// Gives COPY a second fee collected with the result and an exemption, as
/// an administrator does through the API; returns the procedure as read back.
async fn with_exemption(app: &TestApp) -> Value {
    let admin = app.login("admin").await;
    let (_, mut p) = app.get(Some(&admin), &format!("/api/v1/procedures/{COPY}")).await;
    p["fees"] = json!([
        {"name": "Lệ phí cấp bản sao", "amount_vnd": 8000, "kind": "charge", "collected_at": "reception",
         "exemptions": [{"code": "test-mien-50", "name": "Nhóm thử nghiệm", "percent": 50}]},
        {"name": "Phí gửi kết quả", "amount_vnd": 20000, "kind": "fee", "collected_at": "result"}
    ]);
    let r = app.send(Method::PUT, Some(&admin), &format!("/api/v1/procedures/{COPY}"), &p).await;
    assert_eq!(r.status, 200, "{:#}", r.body);
    r.body
}

async fn counter_dossier(app: &TestApp) -> (String, String) {
    let counter = app.login("motcua").await;
    let r = app.create_dossier(&counter, &submission_with(COPY, &COPY_COMPONENTS)).await;
    assert_eq!(r.status, 201, "{:#}", r.body);
    (counter, r.body["code"].as_str().unwrap().to_owned())
}

async fn request_payment(app: &TestApp, token: &str, code: &str, extra: Value) -> crate::common::Resp {
    let d = app.dossier(token, code).await;
    let mut body = json!({"action": "request_payment", "version": d["version"]});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    app.act(token, code, &body).await
}

both_backends!(fees_in_the_catalogue_carry_kind_stage_and_exemptions, |app| async move {
    let p = with_exemption(&app).await;
    assert_eq!(p["fees"][0]["exemptions"][0]["percent"], 50);
    assert_eq!((p["fees"][1]["kind"].as_str(), p["fees"][1]["collected_at"].as_str()), (Some("fee"), Some("result")));
    // An exemption of 0% or a code used twice is refused on its field.
    let admin = app.login("admin").await;
    let mut bad = p.clone();
    bad["fees"][0]["exemptions"][0]["percent"] = json!(0);
    let r = app.send(Method::PUT, Some(&admin), &format!("/api/v1/procedures/{COPY}"), &bad).await;
    r.assert_error(422, "exemption_percent_invalid", Some("fees[0].exemptions[0].percent"));
    let mut twice = p.clone();
    twice["fees"][0]["exemptions"] =
        json!([{"code": "a", "name": "A", "percent": 10}, {"code": "a", "name": "B", "percent": 20}]);
    let r = app.send(Method::PUT, Some(&admin), &format!("/api/v1/procedures/{COPY}"), &twice).await;
    r.assert_error(422, "exemption_code_twice", Some("fees[0].exemptions[1].code"));
});

both_backends!(the_counter_asks_records_and_prints_the_receipt, |app| async move {
    with_exemption(&app).await;
    let (counter, code) = counter_dossier(&app).await;
    // The amount each choice gives, before asking.
    let (s, due) =
        app.get(Some(&counter), &format!("/api/v1/dossiers/{code}/payments/due?exemption=test-mien-50")).await;
    assert_eq!((s.as_u16(), due["total_vnd"].as_i64(), due["hinh_thuc_thu"].as_i64()), (200, Some(4000), Some(1)));
    // An exemption the stage's fees do not have: refused, nothing written.
    let before = app.fingerprint(&counter, &code).await;
    let r = request_payment(&app, &counter, &code, json!({"exemption": "khong-co"})).await;
    r.assert_error(422, "unknown_exemption", Some("exemption"));
    assert_eq!(app.fingerprint(&counter, &code).await, before);
    let r = request_payment(&app, &counter, &code, json!({"exemption": "test-mien-50"})).await;
    assert_eq!(r.status, 200, "{:#}", r.body);
    assert_eq!(r.body["status"]["code"], 6);
    let (_, list) = app.get(Some(&counter), &format!("/api/v1/dossiers/{code}/payments")).await;
    let q = &list["requests"][0];
    assert_eq!((q["amount_vnd"].as_i64(), q["stage"].as_str()), (Some(4000), Some("reception")));
    assert_eq!(q["lines"][0]["reduction_vnd"], 4000);
    assert_eq!(list["online_configured"], false);
    // Not configured: the citizen's online payment is refused with its code.
    // (The counter officer is not the owner: 403 before anything else.)
    let r =
        app.send(Method::POST, Some(&counter), &format!("/api/v1/dossiers/{code}/payments/online"), &json!({})).await;
    r.assert_error(409, "payment_not_configured", None);
    // Recorded at the counter, by transfer.
    let d = app.dossier(&counter, &code).await;
    let body = json!({"action": "record_payment", "version": d["version"], "payment_method": "transfer"});
    let r = app.act(&counter, &code, &body).await;
    assert_eq!((r.status.as_u16(), r.body["status"]["code"].as_i64()), (200, Some(2)), "{:#}", r.body);
    let (_, list) = app.get(Some(&counter), &format!("/api/v1/dossiers/{code}/payments")).await;
    let p = &list["requests"][0]["payment"];
    assert_eq!((p["method"].as_str(), p["amount_vnd"].as_i64()), (Some("transfer"), Some(4000)));
    assert!(p["receipt_number"].as_str().unwrap().ends_with("/2026"), "{p:#}");
    let pdf = download(&app, &counter, p["receipt_url"].as_str().unwrap()).await;
    assert!(pdf.starts_with(b"%PDF-"));
    // The stage is paid: asking again is refused; an unknown method too.
    let r = request_payment(&app, &counter, &code, json!({})).await;
    r.assert_error(409, "fee_stage_paid", None);
    let d = app.dossier(&counter, &code).await;
    let r = app
        .act(&counter, &code, &json!({"action": "record_payment", "version": d["version"], "payment_method": "online"}))
        .await;
    r.assert_error(422, "payment_method_invalid", Some("payment_method"));
});

/// The citizen's dossier of COPY, received, with its reception fee asked.
async fn asked_online(app: &TestApp) -> (String, String, String) {
    let citizen = app.login("congdan").await;
    let mut body = submission_with(COPY, &COPY_COMPONENTS);
    body["receiving_unit_code"] = json!("H11.100");
    let r = app.create_dossier(&citizen, &body).await;
    assert_eq!(r.status, 201, "{:#}", r.body);
    let id = r.body["id"].to_string();
    let counter = app.login("motcua").await;
    let d = app.act_ok(&counter, &id, "receive", None).await;
    let code = d["code"].as_str().unwrap().to_owned();
    let r = request_payment(app, &counter, &code, json!({})).await;
    assert_eq!(r.status, 200, "{:#}", r.body);
    (citizen, counter, code)
}

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// The citizen starts paying and confirms on the stand-in's page; returns
/// where the platform sends the browser back.
async fn pay_on_platform(app: &TestApp, platform: &StandIn, citizen: &str, code: &str) -> String {
    let r =
        app.send(Method::POST, Some(citizen), &format!("/api/v1/dossiers/{code}/payments/online"), &json!({})).await;
    assert_eq!(r.status, 200, "{:#}", r.body);
    let url = r.body["redirect_url"].as_str().unwrap();
    assert!(url.starts_with(&format!("http://{}/pay?", platform.addr)), "{url}");
    let page = no_redirects().get(url).send().await.unwrap().text().await.unwrap();
    let session = page.split("name=\"session\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let confirm = format!("http://{}/pay/confirm", platform.addr);
    let r =
        no_redirects().post(confirm).form(&[("session", session.as_str()), ("decision", "pay")]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    r.headers()["location"].to_str().unwrap().to_owned()
}

with_platform!(an_online_payment_is_recorded_once_by_the_callback, |app, platform| async move {
    let (citizen, counter, code) = asked_online(&app).await;
    let back = pay_on_platform(&app, &platform, &citizen, &code).await;
    assert!(back.starts_with(&format!("{}/my/{code}/payment/return?", app.base)), "{back}");
    let delivered = platform.delivered();
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].status, 200, "{}", delivered[0].body);
    let answer: Value = serde_json::from_str(&delivered[0].body).unwrap();
    assert_eq!((answer["result"].as_str(), answer["replay"].as_bool()), (Some("00"), Some(false)));
    let d = app.dossier(&counter, &code).await;
    assert_eq!(d["status"]["code"], 2, "back where it was asked");
    assert_eq!(d["events"].as_array().unwrap().last().unwrap()["action"], "record_payment");
    let (_, list) = app.get(Some(&citizen), &format!("/api/v1/dossiers/{code}/payments")).await;
    let p = &list["requests"][0]["payment"];
    assert_eq!((p["method"].as_str(), p["amount_vnd"].as_i64()), (Some("online"), Some(8000)));
    assert_eq!(p["transaction_id"], delivered[0].callback.transaction_id.as_str());
    assert_eq!(list["payable_online"], false);
    // The citizen downloads the receipt.
    let pdf = download(&app, &citizen, p["receipt_url"].as_str().unwrap()).await;
    assert!(pdf.starts_with(b"%PDF-"));
    // Staff of another commune do not see it.
    let other = app.login("motcua.hoaan").await;
    let r = app.client.get(app.url(p["receipt_url"].as_str().unwrap())).bearer_auth(&other).send().await.unwrap();
    assert_eq!(r.status(), 404);
    // The platform retries: the same answer, nothing written.
    let before = app.fingerprint(&counter, &code).await;
    let callback = app.url("/api/v1/payments/callback");
    let (status, body) = platform.resend(&callback, &delivered[0].callback).await;
    let again: Value = serde_json::from_str(&body).unwrap();
    assert_eq!((status, again["replay"].as_bool()), (200, Some(true)));
    assert_eq!(again["receipt_number"], answer["receipt_number"]);
    assert_eq!(app.fingerprint(&counter, &code).await, before);
    // Another transaction for the paid request: refused, nothing paid twice.
    let twice = Callback { transaction_id: "PG-OTHER".into(), ..delivered[0].callback.clone() };
    let (status, body) = platform.resend(&callback, &twice).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("payment_not_requested"), "{body}");
    assert_eq!(app.fingerprint(&counter, &code).await, before);
});

with_platform!(bad_callbacks_are_refused_and_change_nothing, |app, platform| async move {
    let (citizen, counter, code) = asked_online(&app).await;
    let (_, list) = app.get(Some(&citizen), &format!("/api/v1/dossiers/{code}/payments")).await;
    let reference = list["requests"][0]["reference"].as_str().unwrap().to_owned();
    assert_eq!(list["payable_online"], true);
    let before = app.fingerprint(&counter, &code).await;
    let callback = app.url("/api/v1/payments/callback");
    let paid = Callback {
        reference: reference.clone(),
        dossier_code: code.clone(),
        amount_vnd: 8000,
        transaction_id: "PG-BAD-1".into(),
        status: CallbackStatus::Paid,
        result_code: "00".into(),
        paid_at: default_now(),
        intermediary: String::new(),
    };
    // Signed with another key.
    let mut fields = paid.signed_fields(&platform.config());
    let other = motcua_payment::PlatformConfig { key: b"someone else's key, 16+ bytes".to_vec(), ..platform.config() };
    fields.last_mut().unwrap().1 = paid.signed_fields(&other).last().unwrap().1.clone();
    let r = app.client.post(&callback).form(&fields).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "payment_signature_invalid");
    // A changed amount breaks the signature too; a signed wrong amount is a mismatch.
    let (status, body) = platform.resend(&callback, &Callback { amount_vnd: 7999, ..paid.clone() }).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("payment_amount_mismatch"), "{body}");
    let (status, body) =
        platform.resend(&callback, &Callback { reference: "HS-KHONG-CO".into(), ..paid.clone() }).await;
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("payment_unknown_reference"), "{body}");
    // Not paid on the platform: answered, nothing recorded.
    let (status, body) = platform
        .resend(&callback, &Callback { status: CallbackStatus::NotPaid, result_code: "24".into(), ..paid.clone() })
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"01\""), "{body}");
    assert_eq!(app.fingerprint(&counter, &code).await, before);
    // Withdrawn while the payment was open: a late callback is refused.
    let d = app.dossier(&counter, &code).await;
    let r =
        app.act(&counter, &code, &json!({"action": "withdraw", "version": d["version"], "note": "Công dân rút"})).await;
    assert_eq!(r.status, 200, "{:#}", r.body);
    let (status, body) = platform.resend(&callback, &paid).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("dossier_closed"), "{body}");
    let (_, list) = app.get(Some(&citizen), &format!("/api/v1/dossiers/{code}/payments")).await;
    assert!(list["requests"][0]["payment"].is_null());
});

with_platform!(a_statement_differing_in_three_ways_reports_exactly_those_three, |app, platform| async move {
    // Three online payments on the day.
    let mut codes = Vec::new();
    for _ in 0..3 {
        let (citizen, _, code) = asked_online(&app).await;
        pay_on_platform(&app, &platform, &citizen, &code).await;
        codes.push(code);
    }
    let txns: Vec<String> = platform.delivered().iter().map(|d| d.callback.transaction_id.clone()).collect();
    assert_eq!(txns.len(), 3);
    let day = default_now().date();
    // The platform's statement agrees with motcua.
    let admin = app.login("admin").await;
    let path = format!("/api/v1/payments/statements?day={day}");
    let r = app.req(Method::POST, &path).token(&admin).raw("text/csv", platform.statement(day)).send().await;
    assert_eq!(r.status, 201, "{:#}", r.body);
    assert_eq!((r.body["lines"].as_i64(), r.body["differences"].as_array().unwrap().len()), (Some(3), 0));
    // Now one line left out, one amount changed, one transaction motcua never heard of.
    let text = String::from_utf8(platform.statement(day)).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines.retain(|l| !l.starts_with(&txns[0]));
    for l in lines.iter_mut().filter(|l| l.starts_with(&txns[1])) {
        *l = l.replace(",8000,", ",9000,");
    }
    lines.push(format!("PG-EXTRA-1,HS-X-1,{},12000,{},00", codes[2], day.format("%Y%m%d100000")));
    let changed = lines.join("\n") + "\n";
    let r = app.req(Method::POST, &path).token(&admin).raw("application/octet-stream", changed).send().await;
    assert_eq!(r.status, 201, "{:#}", r.body);
    let mut found: Vec<(String, String)> = r.body["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["kind"].as_str().unwrap().to_owned(), d["transaction_id"].as_str().unwrap().to_owned()))
        .collect();
    found.sort();
    let mut expected = vec![
        ("amount_differs".to_owned(), txns[1].clone()),
        ("missing_in_motcua".to_owned(), "PG-EXTRA-1".to_owned()),
        ("missing_in_statement".to_owned(), txns[0].clone()),
    ];
    expected.sort();
    assert_eq!(found, expected);
    // The live 766 counters of these payments equal their replay.
    assert_eq!(app.state.store.check_stats().await.unwrap().differences, 0);
    let amounts =
        r.body["differences"].as_array().unwrap().iter().find(|d| d["kind"] == "amount_differs").unwrap().clone();
    assert_eq!(
        (amounts["statement_amount_vnd"].as_i64(), amounts["recorded_amount_vnd"].as_i64()),
        (Some(9000), Some(8000))
    );
    // Kept, newest first; a broken file names its line; not for a commune's admin.
    let (_, kept) = app.get(Some(&admin), "/api/v1/payments/statements").await;
    assert_eq!((kept[0]["differences"].as_i64(), kept[1]["differences"].as_i64()), (Some(3), Some(0)));
    let r = app.req(Method::POST, &path).token(&admin).raw("text/csv", "txn,ref\n").send().await;
    r.assert_error(422, "statement_malformed", Some("file"));
    let commune_admin = app.login("quantri.xa").await;
    let r = app.req(Method::POST, &path).token(&commune_admin).raw("text/csv", changed_again()).send().await;
    r.assert_error(403, "province_admin_only", None);
});

/// A PDF by its API path; panics unless 200 and `application/pdf`.
async fn download(app: &TestApp, token: &str, path: &str) -> Vec<u8> {
    let r = app.client.get(app.url(path)).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    assert_eq!(r.headers()["content-type"], "application/pdf");
    r.bytes().await.unwrap().to_vec()
}

fn changed_again() -> &'static str {
    "txn,ref,dossier,amount,paid_at,result\n"
}
