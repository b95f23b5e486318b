//! E-mail over SMTP (RFC 5321) with `lettre`: the province's mail server,
//! over TLS, STARTTLS, or plain on a trusted network.
//!
//! The body is plain text, UTF-8, base64-encoded (Vietnamese letters pass
//! every mail server unchanged). Errors are classified without keeping the
//! server's words, which often repeat the address: a connection that fails
//! or a 4xx answer is tried again (`smtp_unreachable`, `smtp_temporary`), a
//! 5xx answer is final (`smtp_refused`).

use std::time::Duration;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use motcua_rules::notice::ChannelKind;

use crate::channel::{Channel, Receipt, SendError, Sending};
use crate::message::{Address, Outgoing};

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// SMTPS: TLS from the first byte (port 465).
    Tls,
    /// Plain, then STARTTLS before anything is sent (port 587); refused if
    /// the server cannot.
    StartTls,
    /// No encryption: only for a relay on the same machine or network
    /// (and the tests' local receiver).
    None,
}

impl Security {
    pub fn parse(s: &str) -> Option<Security> {
        match s {
            "tls" => Some(Security::Tls),
            "starttls" => Some(Security::StartTls),
            "none" => Some(Security::None),
            _ => None,
        }
    }
}

/// What an operator configures.
#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// User name and password, when the server asks for them.
    pub credentials: Option<(String, String)>,
    /// The sender (`Một cửa tỉnh <motcua@example.gov.vn>`).
    pub from: String,
    /// How long one delivery may take, connection included.
    pub timeout: Duration,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("credentials", &self.credentials.as_ref().map(|_| "***"))
            .finish_non_exhaustive()
    }
}

/// The e-mail channel.
pub struct SmtpChannel {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// A configuration that cannot work (a bad sender, a TLS set-up that fails).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl SmtpChannel {
    pub fn new(config: &SmtpConfig) -> Result<SmtpChannel, ConfigError> {
        let from: Mailbox =
            config.from.parse().map_err(|_| ConfigError("the sender (from) is not an e-mail address".into()))?;
        let tls = |e: lettre::transport::smtp::Error| ConfigError(format!("TLS to {}: {e}", config.host));
        let builder = match config.security {
            Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host).map_err(tls)?,
            Security::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host).map_err(tls)?,
            Security::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host),
        };
        let mut builder = builder.port(config.port).timeout(Some(config.timeout));
        if let Some((user, password)) = &config.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(SmtpChannel { transport: builder.build(), from })
    }

    fn message(&self, m: &Outgoing) -> Result<Message, SendError> {
        let Address::Email(to) = &m.to else { return Err(SendError::permanent("smtp_bad_address")) };
        let to: Mailbox = to.parse().map_err(|_| SendError::permanent("smtp_bad_address"))?;
        let body = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .header(ContentTransferEncoding::Base64)
            .body(m.text.clone());
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .singlepart(body)
            .map_err(|_| SendError::permanent("smtp_bad_address"))
    }
}

/// A failure as a code: 5xx final, 4xx and anything on the way (refused
/// connection, timeout, TLS) tried again.
fn classify(e: &lettre::transport::smtp::Error) -> SendError {
    if e.is_permanent() {
        SendError::permanent("smtp_refused")
    } else if e.is_transient() {
        SendError::transient("smtp_temporary")
    } else {
        SendError::transient("smtp_unreachable")
    }
}

impl Channel for SmtpChannel {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Email
    }

    fn send<'a>(&'a self, m: &'a Outgoing) -> Sending<'a> {
        Box::pin(async move {
            let message = self.message(m)?;
            self.transport.send(message).await.map_err(|e| classify(&e))?;
            Ok(Receipt::default())
        })
    }
}
