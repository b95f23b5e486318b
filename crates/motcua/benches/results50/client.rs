//! The bench's side of the API: what the counter, the specialist and the
//! leader send, as the pages and the signing plugin send it. Every answer
//! is checked, so a refused step stops the bench instead of timing an error.

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{Value, json};

/// Đăng ký khai sinh at Phường Thục Phán (H11.100): counter, then the
/// specialist's step, then the leader's (the demo catalogue).
const PROCEDURE: &str = "1.001193";
const COMPONENTS: [&str; 2] = ["Tờ khai theo mẫu", "Giấy chứng sinh"];

/// The result document: the 49 KB one-page PDF the signing bench measures
/// (BENCHMARKS.md, "Signing and verifying PDFs"), so the two figures compare.
const RESULT_PDF: &[u8] = include_bytes!("../../../motcua-sign/tests/data/cairo-sample.pdf");
/// "Giấy khai sinh", percent-encoded for the query.
const TITLE: &str = "Gi%E1%BA%A5y%20khai%20sinh";

/// The demo's staff of H11.100 who handle a birth registration.
pub struct Staff {
    pub counter: String,
    pub specialist: String,
    pub leader: String,
}

pub struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    pub fn new(base: &str) -> Api {
        Api { http: reqwest::Client::new(), base: base.to_owned() }
    }

    async fn send(&self, method: Method, token: Option<&str>, path: &str, body: Option<&Value>) -> (u16, Value) {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let res = req.send().await.unwrap_or_else(|e| panic!("{path}: {e}"));
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Sends and panics unless the answer is `want`.
    async fn expect(&self, want: u16, method: Method, token: Option<&str>, path: &str, body: Option<&Value>) -> Value {
        let (status, v) = self.send(method, token, path, body).await;
        assert_eq!(status, want, "{path}: {v:#}");
        v
    }

    async fn login(&self, username: &str, password: &str) -> String {
        let body = json!({"username": username, "password": password});
        let v = self.expect(200, Method::POST, None, "/api/v1/auth/login", Some(&body)).await;
        v["token"].as_str().expect("a session token").to_owned()
    }

    pub async fn staff(&self) -> Staff {
        Staff {
            counter: self.login("motcua", "motcua-demo-2026").await,
            specialist: self.login("chuyenvien", "chuyenvien-demo-2026").await,
            leader: self.login("lanhdao", "lanhdao-demo-2026").await,
        }
    }

    pub async fn dossier(&self, token: &str, code: &str) -> Value {
        self.expect(200, Method::GET, Some(token), &format!("/api/v1/dossiers/{code}"), None).await
    }

    /// `action` on the dossier's version as read just before.
    async fn act(&self, token: &str, code: &str, action: &str) {
        let version = self.dossier(token, code).await["version"].clone();
        let body = json!({"action": action, "version": version});
        self.expect(200, Method::POST, Some(token), &format!("/api/v1/dossiers/{code}/actions"), Some(&body)).await;
    }

    /// A birth registration received at the counter and sent on to the
    /// leader's step; with `result`, the specialist first attaches the
    /// result PDF and the leader asks for its remote signature. Returns
    /// the dossier's code.
    pub async fn at_leader(&self, staff: &Staff, result: bool) -> String {
        let body = json!({
            "procedure_code": PROCEDURE,
            "applicant": {"name": "Nguyễn Văn An", "id_number": "001099012345", "phone": "0912345678",
                          "address": "Tổ 5, phường Thục Phán, tỉnh Cao Bằng"},
            "components": COMPONENTS.iter().map(|c| json!({"name": c, "count": 1})).collect::<Vec<_>>(),
        });
        let d = self.expect(201, Method::POST, Some(&staff.counter), "/api/v1/dossiers", Some(&body)).await;
        let code = d["code"].as_str().expect("a received dossier has a code").to_owned();
        self.act(&staff.counter, &code, "forward").await;
        if result {
            let url = format!("{}/api/v1/dossiers/{code}/results?title={TITLE}", self.base);
            let res = self.http.post(url).bearer_auth(&staff.specialist).header("content-type", "application/pdf");
            let res = res.body(RESULT_PDF).send().await.expect("prepare the result");
            assert_eq!(res.status().as_u16(), 201, "prepare: {}", res.text().await.unwrap_or_default());
        }
        self.act(&staff.specialist, &code, "forward").await;
        if result {
            let path = format!("/api/v1/dossiers/{code}/results/remote-signing");
            self.expect(202, Method::POST, Some(&staff.leader), &path, None).await;
        }
        code
    }

    /// The dossier's results, oldest first.
    pub async fn results(&self, token: &str, code: &str) -> Vec<Value> {
        let v = self.expect(200, Method::GET, Some(token), &format!("/api/v1/dossiers/{code}/results"), None).await;
        assert!(v["signing"]["state"] != "failed", "the remote signature of {code} failed: {v:#}");
        v["results"].as_array().expect("results").clone()
    }

    /// Waits until the leader's remote signature of every one is kept (the
    /// demo's provider answers at its second poll, 0.5 s apart).
    pub async fn wait_signed(&self, token: &str, codes: &[String]) {
        let started = Instant::now();
        for code in codes {
            loop {
                let results = self.results(token, code).await;
                if results.last().is_some_and(|r| r["state"] == "signed") {
                    break;
                }
                assert!(started.elapsed() < Duration::from_secs(120), "{code} never got signed");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }

    /// The leader's one bulk approval ("finish") of `codes`, at the
    /// versions read before; returns the answer, how long it took, and how
    /// much `cpu` (the server's CPU clock) moved meanwhile.
    pub async fn bulk_finish(
        &self,
        token: &str,
        codes: &[String],
        cpu: impl Fn() -> Duration,
    ) -> (Value, Duration, Duration) {
        let mut items = Vec::with_capacity(codes.len());
        for code in codes {
            items.push(json!({"dossier": code, "version": self.dossier(token, code).await["version"]}));
        }
        let body = json!({"action": "finish", "items": items});
        let (clock, cpu_before) = (Instant::now(), cpu());
        let v = self.expect(200, Method::POST, Some(token), "/api/v1/dossiers/bulk-actions", Some(&body)).await;
        (v, clock.elapsed(), cpu().saturating_sub(cpu_before))
    }

    /// The public verification of an issued result, by its link.
    pub async fn public_result(&self, verify_url: &str) -> Value {
        let path = verify_url.replace("/verify/r/", "/api/v1/public/results/");
        self.expect(200, Method::GET, None, &path, None).await
    }
}
