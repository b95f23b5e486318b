//! The portal's HTTP flow, as the public integrations speak it
//! (docs/portal-sync.md, "Protocol"):
//!
//! 1. `POST {base}{auth_path}` `{"username", "password"}` → `{"error_code": 0, "session": "…"}`;
//! 2. `POST {base}{sync_path}` `{"session", "madonvi", "service": "DongBoHoSoMC",
//!    "isUpdating": "False" | "True", "data": [record]}` → `{"error_code": "0", "message": "…"}`;
//!    a create of a code the portal has answers `error_code` 3 (or -3): the
//!    record is then sent again as an update;
//! 3. `POST {base}{sync_path}` `{…, "service": "CapNhatTienDoHoSoMC", "data": [entry]}`.
//!
//! Answers are parsed strictly: anything but HTTP 200 with a JSON object
//! carrying `error_code` is a [`PortalError`] with a code, never taken for
//! success. Blocking (ureq): the sender calls it from blocking threads.

use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;

use serde_json::{Value, json};

use crate::mapping::Message;
use crate::record::{HoSo, TienTrinh};

/// The largest answer read.
const MAX_ANSWER: u64 = 64 * 1024;

/// Where and how to reach the portal: what a province configures
/// (docs/portal-sync.md, "Connecting the real portal").
#[derive(Clone)]
pub struct PortalConfig {
    /// The adapter's address, `https://…` (`adapter_url` in the public
    /// integrations).
    pub base_url: String,
    /// The session endpoint's path (`auth_endpoint`).
    pub auth_path: String,
    /// The sync endpoint's path (`integration_endpoint`).
    pub sync_path: String,
    pub username: String,
    /// Never printed (`Debug` masks it).
    pub password: String,
    /// The province's unit identifier at the portal (`madonvi`).
    pub unit_code: String,
    /// How long one request may take.
    pub timeout: Duration,
}

impl std::fmt::Debug for PortalConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortalConfig")
            .field("base_url", &self.base_url)
            .field("auth_path", &self.auth_path)
            .field("sync_path", &self.sync_path)
            .field("username", &self.username)
            .field("password", &"***")
            .field("unit_code", &self.unit_code)
            .finish()
    }
}

impl PortalConfig {
    /// The defaults motcua's stand-in serves; the real adapter's paths are
    /// the province's to configure.
    pub const DEFAULT_AUTH_PATH: &'static str = "/auth";
    pub const DEFAULT_SYNC_PATH: &'static str = "/sync";
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
}

/// Why a request did not get a protocol answer. `code` is stable (the
/// server's message catalog has it); `detail` is for the administrator's
/// page and never holds the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalError {
    /// `portal_unreachable` (network, timeout, HTTP other than 200/401),
    /// `portal_bad_answer` (not the protocol's answer), `portal_auth_failed`
    /// (the session was refused), `portal_session_expired` (HTTP 401).
    pub code: &'static str,
    pub detail: String,
}

impl PortalError {
    fn new(code: &'static str, detail: impl Into<String>) -> Self {
        PortalError { code, detail: detail.into() }
    }
}

impl std::fmt::Display for PortalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.detail)
    }
}

impl std::error::Error for PortalError {}

/// The portal's verdict on one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `error_code` 0.
    Accepted,
    /// A create of a dossier the portal already has (`error_code` 3 or -3).
    Exists,
    /// Any other `error_code`: the record was refused. `field` when the
    /// answer names one (motcua's stand-in does; the real portal's
    /// refusals are UNVERIFIED, docs/portal-sync.md).
    Rejected { code: String, message: String, field: Option<String> },
}

/// A blocking client with its session.
pub struct PortalClient {
    config: PortalConfig,
    agent: ureq::Agent,
    session: Mutex<Option<String>>,
}

impl std::fmt::Debug for PortalClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortalClient").field("config", &self.config).finish_non_exhaustive()
    }
}

/// The `error_code` of an answer, as text: the portal sends it as a
/// string ("0", "00") or as a number.
fn error_code(v: &Value) -> Option<String> {
    match v.get("error_code")? {
        Value::String(s) if !s.is_empty() && s.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit()) => {
            Some(s.clone())
        }
        Value::Number(n) if n.is_i64() => Some(n.to_string()),
        _ => None,
    }
}

fn is_zero(code: &str) -> bool {
    code.trim_start_matches('-').bytes().all(|b| b == b'0')
}

/// Parses an answer body: a JSON object with a well-formed `error_code`
/// and, if present, a string `message` and `field`.
pub fn parse_answer(body: &[u8]) -> Result<Outcome, PortalError> {
    let v: Value =
        serde_json::from_slice(body).map_err(|e| PortalError::new("portal_bad_answer", format!("not JSON: {e}")))?;
    if !v.is_object() {
        return Err(PortalError::new("portal_bad_answer", "not a JSON object"));
    }
    let code = error_code(&v).ok_or_else(|| PortalError::new("portal_bad_answer", "no valid error_code"))?;
    let text = |key: &str| -> Result<Option<String>, PortalError> {
        match v.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(PortalError::new("portal_bad_answer", format!("{key} is not text"))),
        }
    };
    let message = text("message")?;
    let field = text("field")?;
    if is_zero(&code) {
        return Ok(Outcome::Accepted);
    }
    if code == "3" || code == "-3" {
        return Ok(Outcome::Exists);
    }
    Ok(Outcome::Rejected { code, message: message.unwrap_or_default(), field })
}

impl PortalClient {
    pub fn new(config: PortalConfig) -> Result<Self, PortalError> {
        let lower = config.base_url.to_ascii_lowercase();
        let host = lower.strip_prefix("http://").or_else(|| lower.strip_prefix("https://"));
        if host.is_none_or(|h| h.is_empty() || h.starts_with('/')) {
            return Err(PortalError::new("portal_url_invalid", config.base_url.clone()));
        }
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            .build()
            .new_agent();
        Ok(PortalClient { config, agent, session: Mutex::new(None) })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.config.base_url.trim_end_matches('/'), path)
    }

    /// POSTs JSON; the body of an HTTP 200 answer.
    fn post(&self, path: &str, body: &Value) -> Result<Vec<u8>, PortalError> {
        let url = self.url(path);
        let bytes = serde_json::to_vec(body).map_err(|e| PortalError::new("portal_bad_answer", e.to_string()))?;
        let mut response = self
            .agent
            .post(&url)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .send(&bytes[..])
            .map_err(|e| PortalError::new("portal_unreachable", format!("{url}: {e}")))?;
        let status = response.status().as_u16();
        if status == 401 {
            return Err(PortalError::new("portal_session_expired", format!("{url}: HTTP 401")));
        }
        if status != 200 {
            return Err(PortalError::new("portal_unreachable", format!("{url}: HTTP {status}")));
        }
        let mut answer = Vec::new();
        response
            .body_mut()
            .as_reader()
            .take(MAX_ANSWER)
            .read_to_end(&mut answer)
            .map_err(|e| PortalError::new("portal_unreachable", format!("{url}: {e}")))?;
        Ok(answer)
    }

    /// Opens a session.
    pub fn login(&self) -> Result<String, PortalError> {
        let body = json!({"username": self.config.username, "password": self.config.password});
        let answer = self.post(&self.config.auth_path, &body)?;
        let v: Value = serde_json::from_slice(&answer)
            .map_err(|e| PortalError::new("portal_bad_answer", format!("session: not JSON: {e}")))?;
        let code = error_code(&v).ok_or_else(|| PortalError::new("portal_bad_answer", "session: no error_code"))?;
        if !is_zero(&code) {
            let message = v.get("message").and_then(Value::as_str).unwrap_or("");
            return Err(PortalError::new("portal_auth_failed", format!("error_code {code}: {message}")));
        }
        match v.get("session") {
            Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
            _ => Err(PortalError::new("portal_bad_answer", "session: no session")),
        }
    }

    fn session(&self) -> Result<String, PortalError> {
        let mut held = self.session.lock().expect("session lock");
        if let Some(s) = held.as_ref() {
            return Ok(s.clone());
        }
        let s = self.login()?;
        *held = Some(s.clone());
        Ok(s)
    }

    fn forget_session(&self) {
        *self.session.lock().expect("session lock") = None;
    }

    fn call(&self, session: &str, service: &str, updating: Option<bool>, data: Value) -> Result<Outcome, PortalError> {
        let mut body = json!({
            "session": session,
            "madonvi": self.config.unit_code,
            "service": service,
            "data": data,
        });
        if let Some(u) = updating {
            body["isUpdating"] = Value::String(if u { "True" } else { "False" }.to_owned());
        }
        parse_answer(&self.post(&self.config.sync_path, &body)?)
    }

    /// Sends the dossier record: a create, or an update when the portal
    /// has it (`created`, or a create answered [`Outcome::Exists`]).
    pub fn push_record(&self, session: &str, record: &HoSo, created: bool) -> Result<Outcome, PortalError> {
        let data = json!([record]);
        let first = self.call(session, "DongBoHoSoMC", Some(created), data.clone())?;
        match first {
            Outcome::Exists if !created => self.call(session, "DongBoHoSoMC", Some(true), data),
            other => Ok(other),
        }
    }

    pub fn push_progress(&self, session: &str, entries: &[TienTrinh]) -> Result<Outcome, PortalError> {
        self.call(session, "CapNhatTienDoHoSoMC", None, json!(entries))
    }

    /// One event, whole: the record, then the progress entry, with a new
    /// session once if the portal says the old one expired. `Ok(Accepted)`
    /// when both were accepted; `Ok(Rejected)` when either was refused.
    pub fn send(&self, m: &Message, created: bool) -> Result<Outcome, PortalError> {
        match self.send_once(m, created) {
            Err(e) if e.code == "portal_session_expired" => {
                self.forget_session();
                self.send_once(m, created)
            }
            other => other,
        }
    }

    fn send_once(&self, m: &Message, created: bool) -> Result<Outcome, PortalError> {
        let session = self.session()?;
        match self.push_record(&session, &m.record, created)? {
            Outcome::Accepted => {}
            Outcome::Exists => return Err(PortalError::new("portal_bad_answer", "an update answered 'exists'")),
            rejected => return Ok(rejected),
        }
        match self.push_progress(&session, std::slice::from_ref(&m.progress))? {
            Outcome::Exists => Err(PortalError::new("portal_bad_answer", "a progress entry answered 'exists'")),
            other => Ok(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_parsed_strictly() {
        assert_eq!(parse_answer(r#"{"error_code":"0","message":"Thành công"}"#.as_bytes()), Ok(Outcome::Accepted));
        assert_eq!(parse_answer(br#"{"error_code":"00"}"#), Ok(Outcome::Accepted));
        assert_eq!(parse_answer(br#"{"error_code":0}"#), Ok(Outcome::Accepted));
        assert_eq!(parse_answer(r#"{"error_code":"-3","message":"Hồ sơ đã tồn tại"}"#.as_bytes()), Ok(Outcome::Exists));
        assert_eq!(
            parse_answer(r#"{"error_code":"-1","message":"Sai mã TTHC","field":"MaTTHC"}"#.as_bytes()),
            Ok(Outcome::Rejected { code: "-1".into(), message: "Sai mã TTHC".into(), field: Some("MaTTHC".into()) })
        );
        for bad in [
            &b"<html>OK</html>"[..],
            b"[]",
            b"{}",
            br#"{"error_code":"zero"}"#,
            br#"{"error_code":""}"#,
            br#"{"error_code":true}"#,
            br#"{"error_code":0.5}"#,
            br#"{"error_code":"1","message":5}"#,
        ] {
            let e = parse_answer(bad).unwrap_err();
            assert_eq!(e.code, "portal_bad_answer", "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn a_url_must_be_http() {
        let config = PortalConfig {
            base_url: "ftp://portal".into(),
            auth_path: "/auth".into(),
            sync_path: "/sync".into(),
            username: "u".into(),
            password: "secret".into(),
            unit_code: "H11".into(),
            timeout: PortalConfig::DEFAULT_TIMEOUT,
        };
        assert_eq!(PortalClient::new(config.clone()).unwrap_err().code, "portal_url_invalid");
        assert!(!format!("{config:?}").contains("secret"), "the password is never printed");
    }
}
