//! What a province configures to send notices: an SMTP server, an SMS
//! gateway, a Zalo Official Account. Read from `MOTCUA_*` variables of
//! the environment (secrets included, never flags, so they stay out of the
//! process list); nothing set means no channel, and notices are kept,
//! marked not sent. See docs/notifications.md, "What a province configures".

use std::collections::HashMap;
use std::time::Duration;

use motcua_notify::channel::Channels;
use motcua_notify::sms::{PhoneFormat, SmsChannel, SmsConfig, default_body};
use motcua_notify::smtp::{ConfigError, Security, SmtpChannel, SmtpConfig};
use motcua_notify::zalo::{TokenSource, ZNS_URL, ZaloChannel, ZaloConfig};
use motcua_rules::notice::NoticeKind;

/// How long one delivery may take.
const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, Default)]
pub struct NotifyConfig {
    pub smtp: Option<SmtpConfig>,
    pub sms: Option<SmsConfig>,
    pub zalo: Option<ZaloConfig>,
}

impl NotifyConfig {
    /// The channels these settings give.
    pub fn channels(&self) -> Result<Channels, ConfigError> {
        let mut channels = Channels::none();
        if let Some(c) = &self.smtp {
            channels = channels.with(std::sync::Arc::new(SmtpChannel::new(c)?));
        }
        if let Some(c) = &self.sms {
            channels = channels.with(std::sync::Arc::new(SmsChannel::new(c.clone())?));
        }
        if let Some(c) = &self.zalo {
            channels = channels.with(std::sync::Arc::new(ZaloChannel::new(c.clone())?));
        }
        Ok(channels)
    }

    /// From the environment (`get` is `std::env::var` outside tests).
    pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> Result<NotifyConfig, String> {
        let get = |k: &str| get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let smtp = match get("MOTCUA_SMTP_HOST") {
            None => None,
            Some(host) => {
                let security = match get("MOTCUA_SMTP_SECURITY") {
                    None => Security::StartTls,
                    Some(s) => Security::parse(&s).ok_or("MOTCUA_SMTP_SECURITY: expected tls, starttls or none")?,
                };
                let port = match get("MOTCUA_SMTP_PORT") {
                    Some(p) => p.parse().map_err(|_| "MOTCUA_SMTP_PORT: expected a port number")?,
                    None => match security {
                        Security::Tls => 465,
                        Security::StartTls => 587,
                        Security::None => 25,
                    },
                };
                let from = get("MOTCUA_SMTP_FROM").ok_or("MOTCUA_SMTP_FROM: the sender's address is required")?;
                let credentials = get("MOTCUA_SMTP_USER").map(|u| (u, get("MOTCUA_SMTP_PASSWORD").unwrap_or_default()));
                Some(SmtpConfig { host, port, security, credentials, from, timeout: TIMEOUT })
            }
        };
        let sms = match get("MOTCUA_SMS_URL") {
            None => None,
            Some(url) => {
                let body = match get("MOTCUA_SMS_BODY") {
                    Some(b) => SmsConfig::body_from(&b).map_err(|e| format!("MOTCUA_SMS_BODY: {e}"))?,
                    None => default_body(),
                };
                let accepted = match get("MOTCUA_SMS_ACCEPTED") {
                    None => None,
                    Some(a) => {
                        let (p, v) = a.split_once('=').ok_or("MOTCUA_SMS_ACCEPTED: expected /pointer=value")?;
                        Some((p.to_owned(), v.to_owned()))
                    }
                };
                let phone_format = match get("MOTCUA_SMS_PHONE_FORMAT").as_deref() {
                    None | Some("national") => PhoneFormat::National,
                    Some("international") => PhoneFormat::International,
                    Some(_) => return Err("MOTCUA_SMS_PHONE_FORMAT: expected national or international".into()),
                };
                let ascii = !matches!(get("MOTCUA_SMS_ASCII").as_deref(), Some("false" | "0" | "no"));
                Some(SmsConfig {
                    url,
                    token: get("MOTCUA_SMS_TOKEN"),
                    body,
                    accepted,
                    phone_format,
                    ascii,
                    timeout: TIMEOUT,
                })
            }
        };
        let token = match (get("MOTCUA_ZALO_TOKEN"), get("MOTCUA_ZALO_TOKEN_FILE")) {
            (Some(t), _) => Some(TokenSource::Value(t)),
            (None, Some(f)) => Some(TokenSource::File(f.into())),
            (None, None) => None,
        };
        let zalo = match token {
            None => None,
            Some(access_token) => {
                let mut templates = HashMap::new();
                for pair in get("MOTCUA_ZALO_TEMPLATES").unwrap_or_default().split(',').filter(|p| !p.trim().is_empty())
                {
                    let (kind, id) =
                        pair.split_once('=').ok_or("MOTCUA_ZALO_TEMPLATES: expected kind=template_id,…")?;
                    let kind = NoticeKind::parse(kind.trim())
                        .ok_or_else(|| format!("MOTCUA_ZALO_TEMPLATES: unknown kind of notice {}", kind.trim()))?;
                    templates.insert(kind, id.trim().to_owned());
                }
                let url = get("MOTCUA_ZALO_URL").unwrap_or_else(|| ZNS_URL.to_owned());
                Some(ZaloConfig { url, access_token, templates, timeout: TIMEOUT })
            }
        };
        Ok(NotifyConfig { smtp, sms, zalo })
    }

    pub fn from_env() -> Result<NotifyConfig, String> {
        NotifyConfig::from_env_with(|k| std::env::var(k).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn nothing_set_is_no_channel() {
        let c = NotifyConfig::from_env_with(env(&[])).unwrap();
        assert!(c.smtp.is_none() && c.sms.is_none() && c.zalo.is_none());
        assert!(c.channels().unwrap().is_empty());
    }

    #[test]
    fn every_setting_is_read_and_mistakes_are_named() {
        let c = NotifyConfig::from_env_with(env(&[
            ("MOTCUA_SMTP_HOST", "mail.example.gov.vn"),
            ("MOTCUA_SMTP_SECURITY", "tls"),
            ("MOTCUA_SMTP_FROM", "motcua@example.gov.vn"),
            ("MOTCUA_SMS_URL", "https://sms.example.vn/send"),
            ("MOTCUA_SMS_ACCEPTED", "/code=0"),
            ("MOTCUA_ZALO_TOKEN", "t"),
            ("MOTCUA_ZALO_TEMPLATES", "received=1001, result_ready=1002"),
        ]))
        .unwrap();
        assert_eq!(c.smtp.as_ref().unwrap().port, 465);
        assert_eq!(c.sms.as_ref().unwrap().accepted, Some(("/code".into(), "0".into())));
        assert_eq!(c.zalo.as_ref().unwrap().templates.get(&NoticeKind::ResultReady).unwrap(), "1002");
        for (bad, named) in [
            (vec![("MOTCUA_SMTP_HOST", "h")], "MOTCUA_SMTP_FROM"),
            (
                vec![("MOTCUA_SMTP_HOST", "h"), ("MOTCUA_SMTP_FROM", "a@b.vn"), ("MOTCUA_SMTP_SECURITY", "ssl")],
                "SECURITY",
            ),
            (vec![("MOTCUA_SMS_URL", "u"), ("MOTCUA_SMS_BODY", "{\"to\":1}")], "MOTCUA_SMS_BODY"),
            (vec![("MOTCUA_ZALO_TOKEN", "t"), ("MOTCUA_ZALO_TEMPLATES", "overdue=1")], "MOTCUA_ZALO_TEMPLATES"),
        ] {
            let e = NotifyConfig::from_env_with(env(&bad)).unwrap_err();
            assert!(e.contains(named), "{e}");
        }
    }
}
