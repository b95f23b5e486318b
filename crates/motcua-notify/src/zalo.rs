//! Zalo Notification Service (ZNS): a message from the province's Zalo
//! Official Account to a phone number, filling a template the province has
//! registered with Zalo and Zalo has approved.
//!
//! The protocol (Zalo's published ZNS API, "gửi thông báo ZNS"): `POST
//! https://business.openapi.zalo.me/message/template` with the header
//! `access_token: <the OA's access token>` and the JSON body `{"phone":
//! "84912345678", "template_id": "…", "template_data": {name: value, …},
//! "tracking_id": "…"}`. The answer is JSON: `{"error": 0, "message":
//! "Success", "data": {"msg_id": "…", "sent_time": "…"}}`, and a non-zero
//! `error` with its `message` when Zalo refuses (an invalid token, a
//! template not approved, a number that has no Zalo account …).
//!
//! motcua sends the notice's variables (docs/notifications.md lists them
//! per kind) as `template_data`; the province registers one template per
//! kind, with those parameter names, and configures the ids. A kind with
//! no template configured is not sent through Zalo.

use std::collections::HashMap;
use std::time::Duration;

use motcua_rules::notice::{ChannelKind, NoticeKind};
use serde_json::{Value, json};

use crate::channel::{Channel, Receipt, SendError, Sending};
use crate::message::{Address, Outgoing};
use crate::sms::{international, status_error};
use crate::smtp::ConfigError;

/// Zalo's address for sending a ZNS message.
pub const ZNS_URL: &str = "https://business.openapi.zalo.me/message/template";

/// What an operator configures.
#[derive(Clone)]
pub struct ZaloConfig {
    pub url: String,
    /// The Official Account's access token.
    pub access_token: TokenSource,
    /// The approved template of each kind.
    pub templates: HashMap<NoticeKind, String>,
    pub timeout: Duration,
}

impl std::fmt::Debug for ZaloConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZaloConfig").field("url", &self.url).field("templates", &self.templates).finish_non_exhaustive()
    }
}

/// Where the access token comes from. Zalo's OA tokens expire after about
/// a day and are renewed with a refresh token; a renewal job outside
/// motcua that rewrites a file is enough, since the file is read at each
/// send.
#[derive(Clone)]
pub enum TokenSource {
    Value(String),
    File(std::path::PathBuf),
}

impl TokenSource {
    async fn read(&self) -> Result<String, SendError> {
        match self {
            TokenSource::Value(v) => Ok(v.clone()),
            TokenSource::File(p) => tokio::fs::read_to_string(p)
                .await
                .map(|t| t.trim().to_owned())
                .map_err(|_| SendError::transient("notify_channel_not_configured")),
        }
    }
}

/// The ZNS channel.
pub struct ZaloChannel {
    config: ZaloConfig,
    client: reqwest::Client,
}

impl ZaloChannel {
    pub fn new(config: ZaloConfig) -> Result<ZaloChannel, ConfigError> {
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|e| ConfigError(format!("the HTTP client: {e}")))?;
        Ok(ZaloChannel { config, client })
    }

    /// Whether a template is configured for `kind`.
    pub fn has_template(&self, kind: NoticeKind) -> bool {
        self.config.templates.contains_key(&kind)
    }

    /// The request body for one message, or `None` when `kind` has no template.
    pub fn body(&self, m: &Outgoing, phone: &str) -> Option<Value> {
        let template_id = self.config.templates.get(&m.kind)?;
        let data: serde_json::Map<String, Value> =
            m.vars.iter().map(|(k, v)| ((*k).to_owned(), Value::String(v.clone()))).collect();
        Some(json!({
            "phone": international(phone),
            "template_id": template_id,
            "template_data": data,
            "tracking_id": m.tracking_id,
        }))
    }
}

/// Reads Zalo's answer: `error` 0 with `data.msg_id`, or a refusal.
pub fn read_answer(body: &Value) -> Result<Receipt, SendError> {
    match body.get("error").and_then(Value::as_i64) {
        Some(0) => {
            let msg_id = body.pointer("/data/msg_id").and_then(Value::as_str);
            match msg_id {
                Some(id) => Ok(Receipt { provider_id: Some(id.to_owned()) }),
                None => Err(SendError::permanent("gateway_bad_answer")),
            }
        }
        Some(_) => Err(SendError::permanent("zalo_refused")),
        None => Err(SendError::permanent("gateway_bad_answer")),
    }
}

impl Channel for ZaloChannel {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Zalo
    }

    fn send<'a>(&'a self, m: &'a Outgoing) -> Sending<'a> {
        Box::pin(async move {
            let Address::Phone(phone) = &m.to else { return Err(SendError::permanent("zalo_refused")) };
            let Some(body) = self.body(m, phone) else {
                return Err(SendError::permanent("notify_channel_not_configured"));
            };
            let token = self.config.access_token.read().await?;
            let res = self
                .client
                .post(&self.config.url)
                .header("access_token", token)
                .json(&body)
                .send()
                .await
                .map_err(|_| SendError::transient("gateway_unreachable"))?;
            if !res.status().is_success() {
                return Err(status_error(res.status()));
            }
            let answer: Value = res.json().await.map_err(|_| SendError::permanent("gateway_bad_answer"))?;
            read_answer(&answer)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_as_the_protocol_says() {
        let ok = json!({"error": 0, "message": "Success", "data": {"msg_id": "a1b2", "sent_time": "1700000000000"}});
        assert_eq!(read_answer(&ok).unwrap().provider_id.as_deref(), Some("a1b2"));
        let refused = json!({"error": -124, "message": "Access token is invalid"});
        assert_eq!(read_answer(&refused).unwrap_err().code, "zalo_refused");
        for bad in [json!({"status": "ok"}), json!({"error": 0}), json!([1])] {
            assert_eq!(read_answer(&bad).unwrap_err().code, "gateway_bad_answer", "{bad}");
        }
    }
}
