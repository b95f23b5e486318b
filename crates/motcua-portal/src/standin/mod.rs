//! TEST-ONLY: a stand-in portal on 127.0.0.1 that speaks the protocol of
//! [`crate::client`] (the session, `DongBoHoSoMC`, `CapNhatTienDoHoSoMC`),
//! for the tests, the sync benchmark and a demo. Never what `motcua serve`
//! talks to unless someone points `--portal-url` at it.
//!
//! It keeps what it accepts: each dossier's last record and its progress
//! entries in arrival order. It is idempotent as the sync needs a portal
//! to be (docs/portal-sync.md, "Duplicates"): a record is an upsert by
//! `MaHoSo`, and a progress entry whose `IdTienTrinh` it already has is
//! acknowledged and not kept twice (counted in `duplicates`). It checks
//! order: an entry whose number is not above the dossier's last one is a
//! violation. It checks each record against the catalogue's rules
//! ([`crate::validate`]) and refuses it with the first problem's field, and
//! it can be told to refuse records whose field has a value, to fail the
//! next requests with HTTP 503, to answer slowly, and to forget sessions.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::record::{HoSo, TienTrinh};
use crate::validate::{validate_progress, validate_record};

/// Refuse records whose top-level `field` is `equals` (any value when
/// `None`), answering `message` with the field named.
#[derive(Debug, Clone)]
pub struct Rejection {
    pub field: String,
    pub equals: Option<String>,
    pub message: String,
}

/// What the stand-in has kept.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Each dossier's last record, by `MaHoSo`.
    pub records: BTreeMap<String, Value>,
    /// Each dossier's progress entries' numbers, in arrival order.
    pub progress: BTreeMap<String, Vec<u64>>,
    /// Each dossier's progress entries, in arrival order.
    pub entries: BTreeMap<String, Vec<Value>>,
    pub creates: u64,
    pub updates: u64,
    /// Progress entries received again and acknowledged without keeping.
    pub duplicates: u64,
    /// Entries that came out of order, and progress for unknown dossiers.
    pub violations: Vec<String>,
    /// Every request to the sync endpoint.
    pub requests: u64,
}

impl Snapshot {
    pub fn progress_total(&self) -> usize {
        self.progress.values().map(Vec::len).sum()
    }
}

#[derive(Default)]
struct Inner {
    username: String,
    password: String,
    sessions: HashSet<String>,
    issued: u64,
    seen: HashSet<String>,
    rules: Vec<Rejection>,
    fail_next: u32,
    latency: Duration,
    kept: Snapshot,
}

/// A running stand-in; it serves as long as the runtime that started it.
#[derive(Clone)]
pub struct StandIn {
    /// `http://127.0.0.1:PORT`: the base URL (`/auth`, `/sync`).
    pub url: String,
    inner: Arc<Mutex<Inner>>,
}

fn answer(code: &str, message: &str, field: Option<&str>) -> Response {
    let mut body = json!({"error_code": code, "message": message});
    if let Some(f) = field {
        body["field"] = Value::String(f.to_owned());
    }
    Json(body).into_response()
}

impl StandIn {
    /// Starts on a free port of 127.0.0.1, accepting `username` and
    /// `password`.
    pub async fn start(username: &str, password: &str) -> StandIn {
        let inner = Arc::new(Mutex::new(Inner {
            username: username.to_owned(),
            password: password.to_owned(),
            ..Inner::default()
        }));
        let app = Router::new().route("/auth", post(auth)).route("/sync", post(sync)).with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the stand-in portal");
        let url = format!("http://{}", listener.local_addr().expect("its address"));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        StandIn { url, inner }
    }

    fn with<T>(&self, f: impl FnOnce(&mut Inner) -> T) -> T {
        f(&mut self.inner.lock().expect("stand-in lock"))
    }

    pub fn reject(&self, rule: Rejection) {
        self.with(|i| i.rules.push(rule));
    }

    pub fn clear_rejections(&self) {
        self.with(|i| i.rules.clear());
    }

    /// The next `n` requests are answered HTTP 503.
    pub fn fail_next(&self, n: u32) {
        self.with(|i| i.fail_next = n);
    }

    /// Every request waits this long before it is answered.
    pub fn set_latency(&self, latency: Duration) {
        self.with(|i| i.latency = latency);
    }

    /// Forgets every session: the next sync request is answered HTTP 401.
    pub fn expire_sessions(&self) {
        self.with(|i| i.sessions.clear());
    }

    pub fn snapshot(&self) -> Snapshot {
        self.with(|i| i.kept.clone())
    }

    pub fn progress_total(&self) -> usize {
        self.with(|i| i.kept.progress_total())
    }
}

type Shared = Arc<Mutex<Inner>>;

async fn delay(inner: &Shared) -> Option<Response> {
    let (latency, fail) = {
        let mut i = inner.lock().expect("stand-in lock");
        let fail = i.fail_next > 0;
        if fail {
            i.fail_next -= 1;
        }
        (i.latency, fail)
    };
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    fail.then(|| StatusCode::SERVICE_UNAVAILABLE.into_response())
}

async fn auth(State(inner): State<Shared>, body: Json<Value>) -> Response {
    if let Some(r) = delay(&inner).await {
        return r;
    }
    let mut i = inner.lock().expect("stand-in lock");
    let ok = body.get("username").and_then(Value::as_str) == Some(i.username.as_str())
        && body.get("password").and_then(Value::as_str) == Some(i.password.as_str());
    if !ok {
        return Json(json!({"error_code": 1, "message": "Sai tên đăng nhập hoặc mật khẩu"})).into_response();
    }
    i.issued += 1;
    let session = format!("phien-{}", i.issued);
    i.sessions.insert(session.clone());
    Json(json!({"error_code": 0, "session": session})).into_response()
}

async fn sync(State(inner): State<Shared>, body: Json<Value>) -> Response {
    if let Some(r) = delay(&inner).await {
        return r;
    }
    let mut i = inner.lock().expect("stand-in lock");
    i.kept.requests += 1;
    let session = body.get("session").and_then(Value::as_str).unwrap_or("");
    if !i.sessions.contains(session) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Some(data) = body.get("data").and_then(Value::as_array) else {
        return answer("-1", "Thiếu dữ liệu", Some("data"));
    };
    match body.get("service").and_then(Value::as_str) {
        Some("DongBoHoSoMC") => {
            let updating = match body.get("isUpdating").and_then(Value::as_str) {
                Some("True") => true,
                Some("False") => false,
                _ => return answer("-1", "isUpdating phải là True hoặc False", Some("isUpdating")),
            };
            for item in data {
                if let Some(refusal) = take_record(&mut i, item, updating) {
                    return refusal;
                }
            }
            answer("0", "Đồng bộ thành công", None)
        }
        Some("CapNhatTienDoHoSoMC") => {
            for item in data {
                if let Some(refusal) = take_progress(&mut i, item) {
                    return refusal;
                }
            }
            answer("0", "Cập nhật tiến độ thành công", None)
        }
        _ => answer("-1", "Dịch vụ không hỗ trợ", Some("service")),
    }
}

fn take_record(i: &mut Inner, item: &Value, updating: bool) -> Option<Response> {
    let Ok(record) = serde_json::from_value::<HoSo>(item.clone()) else {
        return Some(answer("-1", "Bản ghi hồ sơ sai cấu trúc", Some("data")));
    };
    if let Some(p) = validate_record(&record).first() {
        return Some(answer("-1", &format!("Trường {} không hợp lệ ({})", p.field, p.code), Some(&p.field)));
    }
    for rule in &i.rules {
        let value = item.get(&rule.field).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned));
        let hit = match &rule.equals {
            Some(want) => value.as_deref() == Some(want.as_str()),
            None => value.is_some(),
        };
        if hit {
            return Some(answer("-1", &rule.message, Some(&rule.field)));
        }
    }
    let exists = i.kept.records.contains_key(&record.ma_ho_so);
    match (updating, exists) {
        (false, true) => return Some(answer("3", "Hồ sơ đã tồn tại", Some("MaHoSo"))),
        (true, false) => return Some(answer("-1", "Hồ sơ không tồn tại", Some("MaHoSo"))),
        (false, false) => i.kept.creates += 1,
        (true, true) => i.kept.updates += 1,
    }
    i.kept.records.insert(record.ma_ho_so.clone(), item.clone());
    None
}

fn take_progress(i: &mut Inner, item: &Value) -> Option<Response> {
    let Ok(entry) = serde_json::from_value::<TienTrinh>(item.clone()) else {
        return Some(answer("-1", "Tiến độ sai cấu trúc", Some("data")));
    };
    if let Some(p) = validate_progress(&entry).first() {
        return Some(answer("-1", &format!("Trường {} không hợp lệ ({})", p.field, p.code), Some(&p.field)));
    }
    if !i.kept.records.contains_key(&entry.ma_ho_so) {
        i.kept.violations.push(format!("{}: progress before the record", entry.id));
        return Some(answer("-1", "Hồ sơ không tồn tại", Some("MaHoSo")));
    }
    if !i.seen.insert(entry.id.clone()) {
        i.kept.duplicates += 1;
        return None;
    }
    let seq = entry.seq().unwrap_or(0);
    let seqs = i.kept.progress.entry(entry.ma_ho_so.clone()).or_default();
    if seqs.last().is_some_and(|last| *last >= seq) {
        let last = *seqs.last().expect("checked");
        i.kept.violations.push(format!("{}: after #{last}", entry.id));
    }
    seqs.push(seq);
    i.kept.entries.entry(entry.ma_ho_so.clone()).or_default().push(item.clone());
    None
}
