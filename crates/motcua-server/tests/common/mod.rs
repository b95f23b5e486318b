//! Shared support for the HTTP integration tests.
//!
//! [`TestApp`] starts the real server (router, layers, store) on
//! 127.0.0.1:0 over a fresh database, with a test-controlled clock (fixed at
//! Wednesday 2026-03-04 09:00 Vietnamese time unless a test moves it) and
//! the demo data (units, catalog, logins, a few simulated dossiers).
//!
//! [`both_backends!`] turns one test body into two tests, `NAME::sqlite`
//! and `NAME::postgres`; the PostgreSQL one prints SKIPPED and passes when
//! `MOTCUA_TEST_POSTGRES_URL` is not set.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use motcua_server::time::Clock;
use motcua_server::{AppState, Application, Config, demo};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub mod exchange;
pub mod html;

/// Wednesday 4 March 2026, 09:00 in Vietnam: a plain working day, far from
/// Tết and from the end of the calendar data.
pub fn default_now() -> NaiveDateTime {
    at(2026, 3, 4, 9, 0)
}

/// A local (UTC+7) wall-clock time.
pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

/// Procedure index 0 of the demo catalog: Đăng ký khai sinh, full online
/// service, 1 working day, handled by commune H11.100.
pub const BIRTH: &str = "1.001193";
pub const BIRTH_COMPONENTS: [&str; 2] = ["Tờ khai theo mẫu", "Giấy chứng sinh"];
/// Procedure index 6: Chứng thực chữ ký, no online service, 8 working
/// hours, handled by commune H11.100.
pub const SIGNATURE: &str = "2.000884";

/// The phone of the applicant in [`submission`]: its last four are the
/// public look-up check.
pub const PHONE: &str = "0912345678";
pub const CHECK: &str = "5678";
pub const ID_NUMBER: &str = "001099012345";
pub const APPLICANT_NAME: &str = "Nguyễn Văn An";

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// How to start a [`TestApp`].
#[derive(Clone)]
pub struct TestAppBuilder {
    now: NaiveDateTime,
    dossiers: usize,
    max_body_bytes: Option<usize>,
    session_hours: i64,
    sqlite_in_memory: bool,
    configure: Option<fn(&mut Config)>,
    /// The online payment platform (a stand-in's), if any.
    payment: Option<motcua_payment::PlatformConfig>,
}

impl TestAppBuilder {
    /// The initial time of the test clock.
    pub fn now(mut self, now: NaiveDateTime) -> Self {
        self.now = now;
        self
    }

    /// How many simulated demo dossiers to load (default 10).
    pub fn dossiers(mut self, n: usize) -> Self {
        self.dossiers = n;
        self
    }

    pub fn max_body_bytes(mut self, n: usize) -> Self {
        self.max_body_bytes = Some(n);
        self
    }

    /// How long a login lasts. The default here is two weeks, so that tests
    /// may move the clock over days without logging everyone out; the
    /// server's own default is 12 hours.
    pub fn session_hours(mut self, hours: i64) -> Self {
        self.session_hours = hours;
        self
    }

    /// Changes the server's configuration before it starts
    /// (`|c| c.trust_proxy = true`).
    pub fn configure(mut self, f: fn(&mut Config)) -> Self {
        self.configure = Some(f);
        self
    }

    /// Connects the online payment platform (a stand-in's configuration).
    pub fn payment(mut self, platform: motcua_payment::PlatformConfig) -> Self {
        self.payment = Some(platform);
        self
    }

    /// SQLite in memory (`motcua_store::testing::sqlite_url()`) instead of
    /// a temporary file. See [`temp_sqlite`] for why files are the default.
    pub fn sqlite_in_memory(mut self) -> Self {
        self.sqlite_in_memory = true;
        self
    }

    /// Starts the app on `backend`; `None` when that backend is not
    /// configured (PostgreSQL without `MOTCUA_TEST_POSTGRES_URL`).
    pub async fn start(self, backend: Backend, test: &str) -> Option<TestApp> {
        let (url, file) = match backend {
            Backend::Sqlite if self.sqlite_in_memory => (motcua_store::testing::sqlite_url(), None),
            Backend::Sqlite => {
                let file = temp_sqlite();
                (format!("sqlite://{}", file.0.display()), Some(file))
            }
            // The files of a PostgreSQL test go where a SQLite test's do:
            // beside a temporary name, removed with it.
            Backend::Postgres => (motcua_store::testing::postgres_url(test)?, Some(temp_sqlite())),
        };
        let files_dir = file.as_ref().map(|f| format!("{}.files", f.0.display()));
        let mut config = Config {
            database_url: url,
            bind: "127.0.0.1:0".into(),
            session_hours: self.session_hours,
            files_dir,
            ..Config::default()
        };
        if let Some(n) = self.max_body_bytes {
            config.max_body_bytes = n;
        }
        if let Some(f) = self.configure {
            f(&mut config);
        }
        config.payment = self.payment.clone();
        let time = Arc::new(Mutex::new(self.now));
        let t = time.clone();
        let clock: Clock = Arc::new(move || *t.lock().unwrap());
        let app = Application::build(config, clock).await.expect("the application builds");
        let state = app.state.clone();
        demo::load(&state.store, self.now, self.dossiers).await.expect("the demo data loads");
        // As `motcua serve` does: the calendar was read before the demo wrote it.
        state.reload_calendar().await.map_err(|e| e.message_en).expect("the demo calendar loads");
        state.reload_signing().await.map_err(|e| e.message_en).expect("the demo signing keys load");
        let addr = app.local_addr().expect("bound");
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(app.run_until(async move {
            let _ = stop_rx.await;
        }));
        Some(TestApp {
            base: format!("http://{addr}"),
            client: reqwest::Client::builder().build().unwrap(),
            state,
            backend,
            time,
            tokens: Mutex::new(HashMap::new()),
            _stop: stop_tx,
            _file: file,
        })
    }
}

/// A running server with its own database.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    pub client: reqwest::Client,
    /// The server's state (its store), for checks below the HTTP surface.
    pub state: AppState,
    pub backend: Backend,
    time: Arc<Mutex<NaiveDateTime>>,
    tokens: Mutex<HashMap<String, String>>,
    /// Dropping the sender stops the server.
    _stop: tokio::sync::oneshot::Sender<()>,
    /// The SQLite file, removed with the app.
    _file: Option<TempDb>,
}

/// A SQLite database file of one test, removed (with its WAL and its
/// files directory) on drop.
pub struct TempDb(pub std::path::PathBuf);

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
        let _ = std::fs::remove_dir_all(format!("{}.files", self.0.display()));
    }
}

/// A new SQLite file in the temporary directory.
///
/// SQLite tests run on a file, as production does (WAL, one writer, pooled
/// readers, the checkpoint thread), rather than on `sqlite::memory:`, which
/// the store serves from a single connection
/// (`concurrency::in_memory_sqlite_under_concurrent_intakes` covers it).
pub fn temp_sqlite() -> TempDb {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let name = format!("motcua-test-{}-{}-{nanos}.db", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
    TempDb(std::env::temp_dir().join(name))
}

/// An HTTP answer: status, headers and the body as JSON (`Null` when empty,
/// `Value::String` when it is not JSON).
#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Resp {
    /// `error.code` of an error body.
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }

    /// `error.field` of an error body.
    pub fn field(&self) -> Option<&str> {
        self.body["error"]["field"].as_str()
    }

    /// Asserts an error answer: its status, code and field.
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str, field: Option<&str>) {
        assert_eq!(self.status.as_u16(), status, "status of {:#}", self.body);
        assert_eq!(self.code(), code, "error code of {:#}", self.body);
        assert_eq!(self.field(), field, "error field of {:#}", self.body);
        let e = &self.body["error"];
        for key in ["message", "message_vi", "message_en"] {
            assert!(e[key].as_str().is_some_and(|m| !m.is_empty()), "error.{key} is missing in {:#}", self.body);
        }
    }

    #[track_caller]
    pub fn assert_status(&self, status: u16) -> &Value {
        assert_eq!(self.status.as_u16(), status, "unexpected answer {:#}", self.body);
        &self.body
    }
}

/// A request being built: `app.req(Method::POST, "/api/v1/...").token(t).json(v).send()`.
pub struct Req {
    inner: reqwest::RequestBuilder,
}

impl Req {
    pub fn token(mut self, token: &str) -> Self {
        self.inner = self.inner.bearer_auth(token);
        self
    }

    pub fn json(mut self, body: &Value) -> Self {
        self.inner = self.inner.json(body);
        self
    }

    /// A raw body with its content type.
    pub fn raw(mut self, content_type: &str, body: impl Into<reqwest::Body>) -> Self {
        self.inner = self.inner.header("content-type", content_type).body(body);
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.inner = self.inner.header(HeaderName::from_bytes(name.as_bytes()).unwrap(), value);
        self
    }

    pub async fn send(self) -> Resp {
        let res = self.inner.send().await.expect("the server answers");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.bytes().await.expect("a body");
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        Resp { status, headers, body }
    }
}

impl TestApp {
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder {
            now: default_now(),
            dossiers: 10,
            max_body_bytes: None,
            session_hours: 24 * 14,
            sqlite_in_memory: false,
            configure: None,
            payment: None,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    // ---- the clock ----

    pub fn now(&self) -> NaiveDateTime {
        *self.time.lock().unwrap()
    }

    pub fn set_now(&self, t: NaiveDateTime) {
        *self.time.lock().unwrap() = t;
    }

    pub fn advance(&self, d: Duration) {
        *self.time.lock().unwrap() += d;
    }

    // ---- requests ----

    pub fn req(&self, method: Method, path: &str) -> Req {
        Req { inner: self.client.request(method, self.url(path)) }
    }

    /// GET with a token (or anonymous with `None`).
    pub async fn get(&self, token: Option<&str>, path: &str) -> (StatusCode, Value) {
        let mut r = self.req(Method::GET, path);
        if let Some(t) = token {
            r = r.token(t);
        }
        let r = r.send().await;
        (r.status, r.body)
    }

    pub async fn post(&self, token: Option<&str>, path: &str, body: &Value) -> (StatusCode, Value) {
        let r = self.send(Method::POST, token, path, body).await;
        (r.status, r.body)
    }

    pub async fn put(&self, token: Option<&str>, path: &str, body: &Value) -> (StatusCode, Value) {
        let r = self.send(Method::PUT, token, path, body).await;
        (r.status, r.body)
    }

    /// A JSON request with an optional token, the whole answer back.
    pub async fn send(&self, method: Method, token: Option<&str>, path: &str, body: &Value) -> Resp {
        let mut r = self.req(method, path).json(body);
        if let Some(t) = token {
            r = r.token(t);
        }
        r.send().await
    }

    /// A GET with an optional token, the whole answer back.
    pub async fn fetch(&self, token: Option<&str>, path: &str) -> Resp {
        let mut r = self.req(Method::GET, path);
        if let Some(t) = token {
            r = r.token(t);
        }
        r.send().await
    }

    // ---- logins ----

    /// The password of a demo login.
    pub fn password(username: &str) -> &'static str {
        demo::all_logins()
            .into_iter()
            .find(|l| l.username == username)
            .map(|l| l.password)
            .unwrap_or_else(|| panic!("no demo login {username}"))
    }

    /// Logs in as a demo user; returns the bearer token (one login per
    /// user and app: Argon2 is slow in debug builds).
    pub async fn login(&self, username: &str) -> String {
        if let Some(t) = self.tokens.lock().unwrap().get(username) {
            return t.clone();
        }
        let r = self
            .send(
                Method::POST,
                None,
                "/api/v1/auth/login",
                &json!({"username": username, "password": Self::password(username)}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "login {username}: {:#}", r.body);
        let token = r.body["token"].as_str().expect("a token").to_owned();
        self.tokens.lock().unwrap().insert(username.to_owned(), token.clone());
        token
    }

    // ---- dossiers ----

    /// Submits `body` as a dossier; the whole answer back.
    pub async fn create_dossier(&self, token: &str, body: &Value) -> Resp {
        self.send(Method::POST, Some(token), "/api/v1/dossiers", body).await
    }

    /// Reads a dossier by code or id; panics unless 200.
    pub async fn dossier(&self, token: &str, r: &str) -> Value {
        let (s, body) = self.get(Some(token), &format!("/api/v1/dossiers/{r}")).await;
        assert_eq!(s, StatusCode::OK, "read dossier {r}: {body:#}");
        body
    }

    /// Sends an action; the whole answer back.
    pub async fn act(&self, token: &str, r: &str, body: &Value) -> Resp {
        self.send(Method::POST, Some(token), &format!("/api/v1/dossiers/{r}/actions"), body).await
    }

    /// Sends `action` with the dossier's current version (read first);
    /// panics unless 200; returns the new dossier.
    pub async fn act_ok(&self, token: &str, r: &str, action: &str, note: Option<&str>) -> Value {
        let d = self.dossier(token, r).await;
        let mut body = json!({"action": action, "version": d["version"]});
        if let Some(n) = note {
            body["note"] = json!(n);
        }
        let res = self.act(token, r, &body).await;
        assert_eq!(res.status, StatusCode::OK, "{action} on {r}: {:#}", res.body);
        res.body
    }

    /// A counter intake of [`BIRTH`] by `motcua` at H11.100; returns the
    /// received dossier (status 2, with a code).
    pub async fn counter_intake(&self) -> Value {
        let token = self.login("motcua").await;
        let r = self.create_dossier(&token, &submission(BIRTH)).await;
        assert_eq!(r.status, StatusCode::CREATED, "counter intake: {:#}", r.body);
        r.body
    }

    /// An online submission of [`BIRTH`] by `congdan`; returns the dossier
    /// (status 1, no code yet).
    pub async fn online_submission(&self) -> Value {
        let token = self.login("congdan").await;
        let r = self.create_dossier(&token, &submission(BIRTH)).await;
        assert_eq!(r.status, StatusCode::CREATED, "online submission: {:#}", r.body);
        r.body
    }

    /// The version and the number of history lines of a dossier, to check
    /// that a refused write changed nothing.
    pub async fn fingerprint(&self, token: &str, r: &str) -> (i64, usize, Value) {
        let d = self.dossier(token, r).await;
        let version = d["version"].as_i64().expect("a version");
        let events = d["events"].as_array().expect("events").len();
        (version, events, d["status"]["code"].clone())
    }
}

/// A complete submission of `procedure` (its components are those of
/// [`BIRTH`]; pass another list with [`submission_with`]).
/// A one-page PDF made by motcua-pdf (an empty register), standing for a
/// scan or a result.
pub fn one_page_pdf() -> Vec<u8> {
    let agency = motcua_pdf::Agency {
        parent: "UBND TỈNH CAO BẰNG".into(),
        name: "UBND PHƯỜNG THỤC PHÁN".into(),
        place: "Thục Phán".into(),
        phone: None,
    };
    let printed_at = at(2026, 3, 4, 8, 0);
    motcua_pdf::Register { agency, from: None, to: None, printed_at, lines: vec![], truncated: false }
        .render()
        .expect("the register renders")
}

pub fn submission(procedure: &str) -> Value {
    submission_with(procedure, &BIRTH_COMPONENTS)
}

pub fn submission_with(procedure: &str, components: &[&str]) -> Value {
    json!({
        "procedure_code": procedure,
        "applicant": {
            "name": APPLICANT_NAME,
            "id_number": ID_NUMBER,
            "phone": PHONE,
            "email": "an.nguyen@example.vn",
            "address": "Tổ 5, phường Thục Phán, tỉnh Cao Bằng"
        },
        "components": components.iter().map(|c| json!({"name": c, "count": 1})).collect::<Vec<_>>(),
    })
}

/// The components of a demo procedure, from the catalog.
pub async fn components_of(app: &TestApp, procedure: &str) -> Vec<String> {
    let (s, p) = app.get(None, &format!("/api/v1/procedures/{procedure}")).await;
    assert_eq!(s, StatusCode::OK, "{p:#}");
    p["components"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect()
}

/// A header value, as text.
pub fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok())
}

/// One test body, run once per backend: `NAME::sqlite` and `NAME::postgres`.
///
/// ```ignore
/// both_backends!(healthz_answers, |app| async move { ... });
/// both_backends!(big_bodies, TestApp::builder().max_body_bytes(1024), |app| async move { ... });
/// both_backends!(#[ignore = "why"] known_bug, |app| async move { ... });
/// ```
macro_rules! both_backends {
    ($(#[$attr:meta])* $name:ident, |$app:ident| $body:expr) => {
        both_backends!($(#[$attr])* $name, $crate::common::TestApp::builder(), |$app| $body);
    };
    ($(#[$attr:meta])* $name:ident, $builder:expr, |$app:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            $(#[$attr])*
            async fn sqlite() {
                let $app = ($builder)
                    .start($crate::common::Backend::Sqlite, module_path!())
                    .await
                    .expect("SQLite is always available");
                $body.await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            $(#[$attr])*
            async fn postgres() {
                // `postgres_url` prints SKIPPED when the variable is unset.
                let Some($app) = ($builder).start($crate::common::Backend::Postgres, module_path!()).await else {
                    return;
                };
                $body.await
            }
        }
    };
}
