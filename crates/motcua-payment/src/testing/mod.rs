//! TEST FIXTURE: a stand-in payment platform on 127.0.0.1 that speaks the
//! protocol of this crate. It checks the signed request, shows a payment
//! page, and on "pay" posts the signed server-to-server callback to the
//! request's `callback_url`, then redirects the browser to its
//! `return_url` with the same signed fields; it serves each day's
//! statement. Never what `motcua serve` talks to (the `testing` feature is
//! off in every build).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{Duration, NaiveDate, NaiveDateTime, Utc};

use crate::callback::{Callback, CallbackStatus, PAID};
use crate::config::{Algorithm, PlatformConfig};
use crate::signing::{SIGNATURE, verify};
use crate::statement::{StatementLine, write_statement};

/// The key the stand-in and the tests share.
pub const TEST_KEY: &[u8] = b"motcua stand-in platform key, test only";
/// The merchant code the stand-in expects.
pub const TEST_MERCHANT: &str = "MOTCUA-TEST";

/// What the stand-in did with one confirmed payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    pub callback: Callback,
    /// The HTTP status motcua's callback answered, and its body.
    pub status: u16,
    pub body: String,
}

struct Shared {
    config: PlatformConfig,
    client: reqwest::Client,
    /// Requests shown on the pay page, by session, waiting for the choice.
    pending: Mutex<HashMap<String, Vec<(String, String)>>>,
    /// Every paid transaction, for the statement.
    paid: Mutex<Vec<StatementLine>>,
    delivered: Mutex<Vec<Delivered>>,
    next: Mutex<u64>,
    now: Mutex<Option<NaiveDateTime>>,
}

/// A running stand-in platform.
pub struct StandIn {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl StandIn {
    /// Starts on a free port of 127.0.0.1 with [`TEST_KEY`] and [`TEST_MERCHANT`].
    pub async fn start() -> StandIn {
        StandIn::start_with(TEST_MERCHANT, TEST_KEY, Algorithm::HmacSha256).await
    }

    pub async fn start_with(merchant: &str, key: &[u8], algorithm: Algorithm) -> StandIn {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let config = PlatformConfig::new(&format!("http://{addr}/pay"), merchant, key, algorithm).expect("valid");
        let shared = Arc::new(Shared {
            config,
            client: reqwest::Client::new(),
            pending: Mutex::default(),
            paid: Mutex::default(),
            delivered: Mutex::default(),
            next: Mutex::new(1),
            now: Mutex::new(None),
        });
        let app = Router::new()
            .route("/pay", get(pay_page))
            .route("/pay/confirm", post(confirm))
            .route("/statement", get(statement))
            .with_state(shared.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        StandIn { addr, shared, task }
    }

    /// The configuration motcua needs to talk to this stand-in.
    pub fn config(&self) -> PlatformConfig {
        self.shared.config.clone()
    }

    /// Fixes the platform's clock (UTC+7); by default the real time.
    pub fn set_now(&self, now: NaiveDateTime) {
        *self.shared.now.lock().unwrap() = Some(now);
    }

    /// Every callback delivered so far, in order.
    pub fn delivered(&self) -> Vec<Delivered> {
        self.shared.delivered.lock().unwrap().clone()
    }

    /// The statement of `day` as the platform serves it.
    pub fn statement(&self, day: NaiveDate) -> Vec<u8> {
        statement_of(&self.shared, day)
    }

    /// Sends a signed callback to `url` again, as a platform retrying would.
    pub async fn resend(&self, url: &str, callback: &Callback) -> (u16, String) {
        post_callback(&self.shared, url, callback).await
    }
}

fn now(shared: &Shared) -> NaiveDateTime {
    shared.now.lock().unwrap().unwrap_or_else(|| (Utc::now() + Duration::hours(7)).naive_utc())
}

fn statement_of(shared: &Shared, day: NaiveDate) -> Vec<u8> {
    let paid = shared.paid.lock().unwrap();
    let lines: Vec<StatementLine> = paid.iter().filter(|l| l.paid_at.date() == day).cloned().collect();
    write_statement(&lines)
}

fn get_field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

async fn pay_page(State(shared): State<Arc<Shared>>, Query(pairs): Query<Vec<(String, String)>>) -> Response {
    let c = &shared.config;
    let signature = get_field(&pairs, SIGNATURE);
    let signed = verify(c.algorithm, &c.key, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), signature);
    if !signed || get_field(&pairs, "merchant") != c.merchant_code {
        return (StatusCode::BAD_REQUEST, Html("<h1>Chữ ký không hợp lệ / Invalid signature</h1>".to_owned()))
            .into_response();
    }
    let session = {
        let mut next = shared.next.lock().unwrap();
        *next += 1;
        format!("S{}", *next)
    };
    let body = format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Nền tảng thanh toán (stand-in)</title></head>\
         <body><main><h1>Thanh toán trực tuyến / Online payment</h1><p>STAND-IN, test only</p>\
         <dl><dt>Hồ sơ / Dossier</dt><dd id=\"dossier\">{}</dd><dt>Nội dung / For</dt><dd>{}</dd>\
         <dt>Số tiền / Amount</dt><dd id=\"amount\">{} VND</dd></dl>\
         <form method=\"post\" action=\"/pay/confirm\"><input type=\"hidden\" name=\"session\" value=\"{}\">\
         <button id=\"pay\" name=\"decision\" value=\"pay\">Thanh toán / Pay</button> \
         <button id=\"cancel\" name=\"decision\" value=\"cancel\">Huỷ / Cancel</button></form></main></body></html>",
        escape(get_field(&pairs, "dossier")),
        escape(get_field(&pairs, "description")),
        escape(get_field(&pairs, "amount")),
        session
    );
    shared.pending.lock().unwrap().insert(session, pairs);
    Html(body).into_response()
}

#[derive(serde::Deserialize)]
struct Confirm {
    session: String,
    decision: String,
}

async fn confirm(State(shared): State<Arc<Shared>>, Form(form): Form<Confirm>) -> Response {
    let Some(pairs) = shared.pending.lock().unwrap().remove(&form.session) else {
        return (StatusCode::BAD_REQUEST, "unknown session").into_response();
    };
    let paid = form.decision == "pay";
    let txn = {
        let mut next = shared.next.lock().unwrap();
        *next += 1;
        format!("PG{:08}", *next)
    };
    let callback = Callback {
        reference: get_field(&pairs, "ref").to_owned(),
        dossier_code: get_field(&pairs, "dossier").to_owned(),
        amount_vnd: get_field(&pairs, "amount").parse().unwrap_or(0),
        transaction_id: txn,
        status: if paid { CallbackStatus::Paid } else { CallbackStatus::NotPaid },
        result_code: if paid { PAID.to_owned() } else { "24".to_owned() },
        paid_at: now(&shared),
        intermediary: "STAND-IN".to_owned(),
    };
    if paid {
        shared.paid.lock().unwrap().push(StatementLine {
            transaction_id: callback.transaction_id.clone(),
            reference: callback.reference.clone(),
            dossier_code: callback.dossier_code.clone(),
            amount_vnd: callback.amount_vnd,
            paid_at: callback.paid_at,
            result_code: PAID.to_owned(),
        });
    }
    // Server to server first, as the platform does; the browser follows.
    post_callback(&shared, get_field(&pairs, "callback_url"), &callback).await;
    let mut back = match url::Url::parse(get_field(&pairs, "return_url")) {
        Ok(u) => u,
        Err(_) => return (StatusCode::BAD_REQUEST, "bad return_url").into_response(),
    };
    back.query_pairs_mut().extend_pairs(callback.signed_fields(&shared.config));
    Redirect::to(back.as_str()).into_response()
}

async fn post_callback(shared: &Shared, url: &str, callback: &Callback) -> (u16, String) {
    let fields = callback.signed_fields(&shared.config);
    let (status, body) = match shared.client.post(url).form(&fields).send().await {
        Ok(r) => (r.status().as_u16(), r.text().await.unwrap_or_default()),
        Err(e) => (0, e.to_string()),
    };
    shared.delivered.lock().unwrap().push(Delivered { callback: callback.clone(), status, body: body.clone() });
    (status, body)
}

#[derive(serde::Deserialize)]
struct Day {
    day: String,
}

async fn statement(State(shared): State<Arc<Shared>>, Query(q): Query<Day>) -> Response {
    let Ok(day) = NaiveDate::parse_from_str(&q.day, "%Y-%m-%d") else {
        return (StatusCode::BAD_REQUEST, "day=YYYY-MM-DD").into_response();
    };
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], statement_of(&shared, day)).into_response()
}
