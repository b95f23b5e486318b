//! SMS through an HTTP gateway. Vietnamese SMS providers (brandname SMS)
//! each have their own JSON API, so the request is configuration, not
//! code: a JSON body in which the strings `{phone}`, `{text}` and
//! `{tracking_id}` are replaced (as JSON strings, escaped), POSTed to the
//! gateway's URL with an optional bearer token; the answer is accepted when
//! the HTTP status is 2xx and, if configured, the value at a JSON pointer
//! equals the expected one (e.g. `/CodeResult` = `100`).
//!
//! A 5xx or 429 answer, or no answer, is tried again; a 4xx answer or a
//! refusal in the body is final; a body that is not JSON when a pointer is
//! configured is a protocol error (`gateway_bad_answer`), not tried again,
//! since the gateway may have sent the SMS already.

use std::time::Duration;

use motcua_rules::notice::ChannelKind;
use serde_json::Value;

use crate::channel::{Channel, Receipt, SendError, Sending};
use crate::message::{Address, Outgoing};
use crate::smtp::ConfigError;

/// How the gateway wants the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneFormat {
    /// `0912345678`
    National,
    /// `84912345678`
    International,
}

/// What an operator configures.
#[derive(Clone)]
pub struct SmsConfig {
    pub url: String,
    /// Sent as `Authorization: Bearer …` when set.
    pub token: Option<String>,
    /// The request body with `{phone}`, `{text}`, `{tracking_id}`.
    pub body: Value,
    /// Where in the answer the gateway says it accepted (`/code`), and the
    /// value it says it with (`"0"`, compared as text).
    pub accepted: Option<(String, String)>,
    pub phone_format: PhoneFormat,
    /// Write the text without Vietnamese diacritics (cheaper non-Unicode
    /// SMS; some brandname contracts require it).
    pub ascii: bool,
    pub timeout: Duration,
}

impl std::fmt::Debug for SmsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsConfig").field("url", &self.url).finish_non_exhaustive()
    }
}

/// The body used when none is configured.
pub fn default_body() -> Value {
    serde_json::json!({"to": "{phone}", "text": "{text}", "id": "{tracking_id}"})
}

impl SmsConfig {
    /// Parses the body template of the configuration; it must be a JSON
    /// object naming `{phone}` and `{text}`.
    pub fn body_from(text: &str) -> Result<Value, ConfigError> {
        let v: Value = serde_json::from_str(text).map_err(|e| ConfigError(format!("the SMS body is not JSON: {e}")))?;
        let s = v.to_string();
        if !v.is_object() || !s.contains("{phone}") || !s.contains("{text}") {
            return Err(ConfigError("the SMS body must be a JSON object with \"{phone}\" and \"{text}\"".into()));
        }
        Ok(v)
    }
}

/// The SMS channel.
pub struct SmsChannel {
    config: SmsConfig,
    client: reqwest::Client,
}

impl SmsChannel {
    pub fn new(config: SmsConfig) -> Result<SmsChannel, ConfigError> {
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|e| ConfigError(format!("the HTTP client: {e}")))?;
        Ok(SmsChannel { config, client })
    }

    /// The request body for one message.
    pub fn body(&self, phone: &str, text: &str, tracking_id: &str) -> Value {
        let phone = match self.config.phone_format {
            PhoneFormat::National => phone.to_owned(),
            PhoneFormat::International => international(phone),
        };
        let text = if self.config.ascii {
            text.chars().map(motcua_rules::fold::fold_letter).collect()
        } else {
            text.to_owned()
        };
        fill(&self.config.body, &[("{phone}", &phone), ("{text}", &text), ("{tracking_id}", tracking_id)])
    }
}

/// `0912345678` → `84912345678`.
pub fn international(phone: &str) -> String {
    match phone.strip_prefix('0') {
        Some(rest) => format!("84{rest}"),
        None => phone.to_owned(),
    }
}

/// Replaces the placeholders inside every string of `v` (keys stay).
fn fill(v: &Value, subs: &[(&str, &str)]) -> Value {
    match v {
        Value::String(s) => Value::String(replace_once(s, subs)),
        Value::Array(a) => Value::Array(a.iter().map(|x| fill(x, subs)).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, x)| (k.clone(), fill(x, subs))).collect()),
        other => other.clone(),
    }
}

/// Replaces each placeholder in one pass, so a value that happens to
/// contain a placeholder (a citizen's note with `{phone}`) stays as it is.
fn replace_once(s: &str, subs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    'outer: while !rest.is_empty() {
        for (k, val) in subs {
            if let Some(after) = rest.strip_prefix(k) {
                out.push_str(val);
                rest = after;
                continue 'outer;
            }
        }
        let c = rest.chars().next().expect("not empty");
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The text of a JSON value as compared with the expected one.
fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The failure of an HTTP status: 5xx and 429 again, other 4xx final.
pub(crate) fn status_error(status: reqwest::StatusCode) -> SendError {
    let transient = status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS;
    let code = if transient { "gateway_http_status" } else { "gateway_refused" };
    SendError { code, transient, status: Some(status.as_u16()) }
}

impl Channel for SmsChannel {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Sms
    }

    fn send<'a>(&'a self, m: &'a Outgoing) -> Sending<'a> {
        Box::pin(async move {
            let Address::Phone(phone) = &m.to else { return Err(SendError::permanent("gateway_refused")) };
            let mut req = self.client.post(&self.config.url).json(&self.body(phone, &m.text, &m.tracking_id));
            if let Some(token) = &self.config.token {
                req = req.bearer_auth(token);
            }
            let res = req.send().await.map_err(|_| SendError::transient("gateway_unreachable"))?;
            let status = res.status();
            if !status.is_success() {
                return Err(status_error(status));
            }
            let Some((pointer, expected)) = &self.config.accepted else { return Ok(Receipt::default()) };
            let body: Value = res.json().await.map_err(|_| SendError::permanent("gateway_bad_answer"))?;
            match body.pointer(pointer) {
                Some(v) if as_text(v) == *expected => Ok(Receipt::default()),
                Some(_) => Err(SendError::permanent("gateway_refused")),
                None => Err(SendError::permanent("gateway_bad_answer")),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(format: PhoneFormat, ascii: bool) -> SmsChannel {
        let body =
            SmsConfig::body_from(r#"{"Phone":"{phone}","Content":"{text}","Meta":{"ref":"x-{tracking_id}"},"Type":2}"#)
                .unwrap();
        SmsChannel::new(SmsConfig {
            url: "http://127.0.0.1:1/sms".into(),
            token: None,
            body,
            accepted: None,
            phone_format: format,
            ascii,
            timeout: Duration::from_secs(1),
        })
        .unwrap()
    }

    #[test]
    fn the_body_is_the_configured_shape_with_values_escaped() {
        let c = channel(PhoneFormat::International, false);
        let b = c.body("0912345678", "Hồ sơ \"A\"\n{x} {phone}", "motcua-7");
        assert_eq!(
            b,
            serde_json::json!({"Phone": "84912345678", "Content": "Hồ sơ \"A\"\n{x} {phone}", "Meta": {"ref": "x-motcua-7"}, "Type": 2})
        );
        let c = channel(PhoneFormat::National, true);
        assert_eq!(c.body("0912345678", "Đã tiếp nhận", "t")["Content"], "Da tiep nhan");
    }

    #[test]
    fn a_body_without_its_placeholders_is_refused() {
        assert!(SmsConfig::body_from("[1]").is_err());
        assert!(SmsConfig::body_from(r#"{"to":"{phone}"}"#).is_err());
        assert!(SmsConfig::body_from("{").is_err());
        assert!(SmsConfig::body_from(&default_body().to_string()).is_ok());
    }

    #[test]
    fn statuses_are_classified() {
        assert!(status_error(reqwest::StatusCode::BAD_GATEWAY).transient);
        assert!(status_error(reqwest::StatusCode::TOO_MANY_REQUESTS).transient);
        let e = status_error(reqwest::StatusCode::UNAUTHORIZED);
        assert_eq!((e.code, e.transient, e.status), ("gateway_refused", false, Some(401)));
    }
}
