//! The province's time-stamp authority over HTTP (RFC 3161 §3.4): a POST of
//! `application/timestamp-query`, answered with `application/timestamp-reply`.

use std::io::Read;
use std::time::Duration;

use rsa::rand_core::{OsRng, RngCore};

use super::{DEFAULT_TOKEN_RESERVE, TimestampAuthority, protocol, unavailable};
use crate::SignError;

/// The largest reply read: a token with a long chain is a few kilobytes.
const MAX_REPLY: u64 = 256 * 1024;

/// How long one request may take. Signing waits for it (the agency's
/// signature at "finish"), so a TSA that hangs must not hold the finish.
const TIMEOUT: Duration = Duration::from_secs(20);

/// An RFC 3161 time-stamp authority at an `http://` or `https://` URL.
pub struct HttpTsa {
    url: String,
    agent: ureq::Agent,
    reserve: usize,
}

impl std::fmt::Debug for HttpTsa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpTsa").field("url", &self.url).finish()
    }
}

impl HttpTsa {
    /// The authority at `url`. Nothing is sent until the first signature.
    /// A URL that is not `http://` or `https://` is refused
    /// (`timestamp_url_invalid` on `tsa_url`).
    pub fn new(url: &str) -> Result<Self, SignError> {
        let lower = url.to_ascii_lowercase();
        let host = lower.strip_prefix("http://").or_else(|| lower.strip_prefix("https://"));
        if host.is_none_or(|h| h.is_empty() || h.starts_with('/')) {
            return Err(SignError::new("timestamp_url_invalid", "tsa_url", url.to_string()));
        }
        let agent =
            ureq::Agent::config_builder().timeout_global(Some(TIMEOUT)).http_status_as_error(false).build().new_agent();
        Ok(Self { url: url.to_string(), agent, reserve: DEFAULT_TOKEN_RESERVE })
    }

    /// Reserves `bytes` for each token instead of the default.
    pub fn with_token_reserve(mut self, bytes: usize) -> Self {
        self.reserve = bytes;
        self
    }

    pub fn url(&self) -> &str {
        &self.url
    }
}

impl TimestampAuthority for HttpTsa {
    fn timestamp(&self, message_imprint_sha256: [u8; 32]) -> Result<Vec<u8>, SignError> {
        let mut nonce = [0u8; 8];
        OsRng.fill_bytes(&mut nonce);
        let request = protocol::request(&message_imprint_sha256, &nonce)?;
        let mut response = self
            .agent
            .post(&self.url)
            .header("Content-Type", "application/timestamp-query")
            .send(&request[..])
            .map_err(|e| unavailable(format!("{}: {e}", self.url)))?;
        let status = response.status();
        if status != 200 {
            return Err(unavailable(format!("{}: HTTP {status}", self.url)));
        }
        let content_type =
            response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
        if !content_type.starts_with("application/timestamp-reply") {
            return Err(unavailable(format!("{}: content type {content_type:?}", self.url)));
        }
        let mut reply = Vec::new();
        response
            .body_mut()
            .as_reader()
            .take(MAX_REPLY)
            .read_to_end(&mut reply)
            .map_err(|e| unavailable(format!("{}: {e}", self.url)))?;
        protocol::token_from_reply(&reply, &request)
    }

    fn token_reserve(&self) -> usize {
        self.reserve
    }
}
