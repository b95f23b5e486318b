//! Server configuration: defaults, overridden by command-line flags or
//! `MOTCUA_*` environment variables (the binary reads them), checked once
//! at start-up.

use motcua_rules::codes::DossierCodeFormat;
use motcua_rules::counter_hours::CounterHours;
use motcua_rules::credit::Basis;

#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://motcua.db` (default) or `postgres://...`.
    pub database_url: String,
    /// Address to listen on; port 0 picks a free port (tests).
    pub bind: String,
    /// Dossier code format (Circular 01/2018 by default).
    pub code_format: DossierCodeFormat,
    /// How long a login lasts.
    pub session_hours: i64,
    /// Largest accepted request body. Dossier JSON is small; files come
    /// through their own upload endpoint with its own limit.
    pub max_body_bytes: usize,
    /// Mark the session cookie `Secure` (behind HTTPS in production). It is
    /// also `Secure` whenever `public_url` is `https://` (see
    /// [`Config::cookies_secure`]).
    pub secure_cookies: bool,
    /// The site's public address (`https://dichvucong.example.gov.vn`),
    /// printed in the QR code of the receipt. Unset: the request's host.
    pub public_url: Option<String>,
    /// Behind a reverse proxy: take the client's address from the last
    /// entry of `X-Forwarded-For` (the one the proxy appended) instead of
    /// the connection's. Only set this when every request comes through
    /// that proxy, or clients could name their own address.
    pub trust_proxy: bool,
    /// Password hashes computed at the same time; 0: one per CPU core.
    pub hash_workers: usize,
    /// Which figures a unit's 766 index, its rank and the figures of the
    /// dashboards' tables are computed from: `handling` (default, the unit
    /// that implements the procedure, as the portal's specification counts)
    /// or `intake` (the receiving unit). Both are always kept and shown
    /// side by side (docs/statistics.md, "Intake and handling").
    pub stats_credit: Basis,
    /// The counters' working hours where a unit has set none: the slips
    /// give the applicant the closing time of the due day. 07:30–17:00 by
    /// default, a setting, not a legal fact (docs/register.md#working-hours).
    pub counter_hours: CounterHours,
    /// The directory of trust anchors (`*.pem`, `*.crt`, `*.cer`: the Ban
    /// Cơ yếu root, the public CAs' roots) and CRLs (`*.crl`) that signature
    /// verification trusts (docs/signatures.md). Unset: no anchor, so every
    /// signature's chain is "indeterminate", never "passed".
    pub trust_dir: Option<std::path::PathBuf>,
    /// The directory of the units' agency signing keys (ký số cơ quan):
    /// for a unit coded `H11.100`, `H11.100.key` (PKCS#8 PEM),
    /// `H11.100.pem` (its certificate, then its CA's up to the root) and
    /// `H11.100.png` (the seal's image). A unit without them cannot issue
    /// electronic results (docs/signatures.md, "Keys of an installation").
    /// A unit whose key is in a PKCS#11 token has `H11.100.pkcs11` (the
    /// token's and the key's labels) instead of `H11.100.key`.
    pub agency_keys_dir: Option<std::path::PathBuf>,
    /// The PKCS#11 module (the HSM vendor's `.so`) that opens the tokens
    /// the `CODE.pkcs11` files name. Unset: no unit may have one.
    pub pkcs11_module: Option<std::path::PathBuf>,
    /// The tokens' user PIN, from `MOTCUA_PKCS11_PIN` only (never a flag,
    /// so it stays out of the process list; never printed).
    pub pkcs11_pin: Option<Secret>,
    /// The RFC 3161 time-stamp authority (`http://` or `https://`) that
    /// time-stamps the agency's signature when a result is issued (PAdES
    /// B-T). Unset: B-B signatures, as before (docs/signatures.md).
    pub tsa_url: Option<String>,
    /// How often a remote-signing provider is asked whether the person has
    /// confirmed (the providers ask for 5 seconds).
    pub remote_poll_interval: std::time::Duration,
    /// Where file bytes live (docs/storage.md): a directory, or
    /// `s3://bucket/prefix` for S3-compatible object storage. Unset: beside
    /// the SQLite file (`motcua.db.files`), or `motcua-files` in the working
    /// directory for PostgreSQL (`motcua_store::default_files_dir`).
    pub files_dir: Option<String>,
    /// The channels notices go out by (docs/notifications.md): none by
    /// default, so notices are kept, marked not sent, and the
    /// administrator's page says so.
    pub notify: crate::notify::NotifyConfig,
    /// The online payment platform (docs/payments.md, "What a province
    /// configures"): its payment page, the merchant code, the shared key
    /// and the signing algorithm. Unset (the default): no online payment;
    /// the citizen's page says so and the counter records payments.
    pub payment: Option<motcua_payment::PlatformConfig>,
    /// The sync to the national public service portal (docs/portal-sync.md).
    /// Unset (the default): the events are kept in the outbox, nothing is
    /// sent, and the administrator's page says the sync is not configured.
    pub portal: Option<crate::portal_sync::PortalSettings>,
    /// The exchange of official documents over NATS (docs/exchange.md).
    /// Unset (the default): nothing is sent or received, the messages an
    /// action queues wait in the outbox, and `/admin/exchange` says so.
    pub exchange: Option<motcua_bus::ExchangeSettings>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://motcua.db".into(),
            bind: "127.0.0.1:8080".into(),
            code_format: DossierCodeFormat::Circular01,
            session_hours: 12,
            max_body_bytes: 256 * 1024,
            secure_cookies: false,
            public_url: None,
            trust_proxy: false,
            hash_workers: 0,
            stats_credit: Basis::Handling,
            counter_hours: CounterHours::default(),
            trust_dir: None,
            agency_keys_dir: None,
            pkcs11_module: None,
            pkcs11_pin: None,
            tsa_url: None,
            remote_poll_interval: motcua_sign::remote::POLL_INTERVAL,
            files_dir: None,
            notify: crate::notify::NotifyConfig::default(),
            payment: None,
            portal: None,
            exchange: None,
        }
    }
}

/// A value that must never be printed (a PIN): `Debug` shows a mask.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Secret(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl Config {
    /// Whether cookies carry `Secure`: when asked for, or when the public
    /// address is HTTPS.
    pub fn cookies_secure(&self) -> bool {
        self.secure_cookies
            || self.public_url.as_deref().is_some_and(|u| u.trim().to_ascii_lowercase().starts_with("https://"))
    }

    /// A printable form of the database URL with any password hidden.
    pub fn database_url_redacted(&self) -> String {
        redact_url(&self.database_url)
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    match rest.split_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            if userinfo.contains(':') {
                format!("{scheme}://{user}:***@{host}")
            } else {
                format!("{scheme}://{userinfo}@{host}")
            }
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_never_print() {
        assert_eq!(super::redact_url("postgres://u:s3cret@h/db"), "postgres://u:***@h/db");
        assert_eq!(super::redact_url("sqlite://motcua.db"), "sqlite://motcua.db");
    }

    #[test]
    fn cookies_are_secure_behind_https() {
        let c = |secure_cookies, url: Option<&str>| super::Config {
            secure_cookies,
            public_url: url.map(str::to_owned),
            ..super::Config::default()
        };
        assert!(!c(false, None).cookies_secure());
        assert!(!c(false, Some("http://localhost:8080")).cookies_secure());
        assert!(c(false, Some("HTTPS://dichvucong.caobang.gov.vn")).cookies_secure());
        assert!(c(true, None).cookies_secure());
    }
}
