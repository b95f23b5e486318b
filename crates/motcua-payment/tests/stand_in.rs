//! The stand-in platform speaks the crate's protocol end to end: a signed
//! request opens its pay page, "pay" posts a callback that verifies and
//! redirects the browser with the same signed fields, and the day's
//! statement lists the payment.

use std::sync::{Arc, Mutex};

use axum::extract::{Form, State};
use axum::routing::post;
use chrono::NaiveDate;
use motcua_payment::testing::StandIn;
use motcua_payment::{Callback, CallbackStatus, PaymentRequest, parse_statement};

type Seen = Arc<Mutex<Vec<Callback>>>;

/// A receiver standing for motcua's callback endpoint.
async fn receiver(config: motcua_payment::PlatformConfig) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let app = axum::Router::new()
        .route(
            "/callback",
            post(|State(seen): State<Seen>, Form(pairs): Form<Vec<(String, String)>>| async move {
                match Callback::verify(&config, &pairs) {
                    Ok(c) => {
                        seen.lock().unwrap().push(c);
                        "OK".to_owned()
                    }
                    Err(e) => e.code.to_owned(),
                }
            }),
        )
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/callback"), seen)
}

fn request(callback_url: &str) -> PaymentRequest {
    PaymentRequest {
        reference: "PR-1".into(),
        dossier_code: "000.00.04.H01-260304-0001".into(),
        procedure_code: "1.004194".into(),
        amount_vnd: 50_000,
        stage: 1,
        description: "Lệ phí đăng ký tạm trú".into(),
        return_url: "http://127.0.0.1:9/return?x=1".into(),
        callback_url: callback_url.into(),
        created_at: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap().and_hms_opt(9, 0, 0).unwrap(),
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

#[tokio::test]
async fn paying_on_the_stand_in_calls_back_redirects_and_lists_the_payment() {
    let platform = StandIn::start().await;
    let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    platform.set_now(day.and_hms_opt(10, 15, 0).unwrap());
    let (callback_url, seen) = receiver(platform.config()).await;
    let url = request(&callback_url).redirect_url(&platform.config());
    let page = client().get(url.as_str()).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("50000 VND") && page.contains("000.00.04.H01-260304-0001"), "{page}");
    let session = page.split("name=\"session\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let confirm = format!("http://{}/pay/confirm", platform.addr);
    let r = client().post(&confirm).form(&[("session", session.as_str()), ("decision", "pay")]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let back = url::Url::parse(r.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(back.path(), "/return");
    let pairs: Vec<(String, String)> = back.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    assert_eq!(pairs[0], ("x".to_owned(), "1".to_owned()), "the return URL's own query is kept");
    let returned = Callback::verify(&platform.config(), &pairs[1..]).unwrap();
    assert_eq!(
        (returned.status, returned.amount_vnd, returned.reference.as_str()),
        (CallbackStatus::Paid, 50_000, "PR-1")
    );
    let got = seen.lock().unwrap().clone();
    assert_eq!(got, vec![returned.clone()], "the server-to-server callback came first, the same");
    let delivered = platform.delivered();
    assert_eq!((delivered.len(), delivered[0].status, delivered[0].body.as_str()), (1, 200, "OK"));
    let statement = parse_statement(&platform.statement(day)).unwrap();
    assert_eq!(statement.lines[&returned.transaction_id].amount_vnd, 50_000);
    assert!(parse_statement(&platform.statement(day.succ_opt().unwrap())).unwrap().lines.is_empty());
    // The session is used: confirming twice is refused.
    let again =
        client().post(&confirm).form(&[("session", session.as_str()), ("decision", "pay")]).send().await.unwrap();
    assert_eq!(again.status(), 400);
}

#[tokio::test]
async fn a_cancelled_payment_calls_back_not_paid_and_is_not_on_the_statement() {
    let platform = StandIn::start().await;
    let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    platform.set_now(day.and_hms_opt(11, 0, 0).unwrap());
    let (callback_url, seen) = receiver(platform.config()).await;
    let url = request(&callback_url).redirect_url(&platform.config());
    let page = client().get(url.as_str()).send().await.unwrap().text().await.unwrap();
    let session = page.split("name=\"session\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let confirm = format!("http://{}/pay/confirm", platform.addr);
    client().post(&confirm).form(&[("session", session.as_str()), ("decision", "cancel")]).send().await.unwrap();
    assert_eq!(seen.lock().unwrap()[0].status, CallbackStatus::NotPaid);
    assert!(parse_statement(&platform.statement(day)).unwrap().lines.is_empty());
}

#[tokio::test]
async fn a_request_signed_with_another_key_is_refused_by_the_stand_in() {
    let platform = StandIn::start().await;
    let mut wrong = platform.config();
    wrong.key = b"not the platform's key at all".to_vec();
    let url = request("http://127.0.0.1:9/cb").redirect_url(&wrong);
    assert_eq!(client().get(url.as_str()).send().await.unwrap().status(), 400);
}
