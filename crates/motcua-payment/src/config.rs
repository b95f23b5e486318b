use url::Url;

use crate::RuleError;

/// The keyed hash both sides sign with. The platform's real scheme is not
/// public (docs/payments.md#unverified), so it is configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Algorithm {
    #[default]
    HmacSha256,
    HmacSha512,
}

impl Algorithm {
    pub fn parse(s: &str) -> Result<Algorithm, RuleError> {
        match s.to_ascii_lowercase().as_str() {
            "hmac-sha256" => Ok(Algorithm::HmacSha256),
            "hmac-sha512" => Ok(Algorithm::HmacSha512),
            _ => Err(RuleError::invalid("payment_algorithm_unknown", "algorithm").arg("algorithm", s)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::HmacSha256 => "hmac-sha256",
            Algorithm::HmacSha512 => "hmac-sha512",
        }
    }
}

/// What a province configures to connect the platform (docs/payments.md,
/// "What a province configures"). Not configured: no online payment, the
/// counter records payments.
#[derive(Clone)]
pub struct PlatformConfig {
    /// The platform's payment page; the signed request is its query string.
    pub pay_url: Url,
    /// The code the platform knows this installation by (mã đối tác).
    pub merchant_code: String,
    /// The shared secret both sides sign with.
    pub key: Vec<u8>,
    pub algorithm: Algorithm,
}

impl std::fmt::Debug for PlatformConfig {
    /// Never the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlatformConfig")
            .field("pay_url", &self.pay_url.as_str())
            .field("merchant_code", &self.merchant_code)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

impl PlatformConfig {
    /// From the operator's settings: the URL must be absolute http(s), the
    /// merchant code and key not empty (a key of at least 16 bytes).
    pub fn new(pay_url: &str, merchant_code: &str, key: &[u8], algorithm: Algorithm) -> Result<Self, RuleError> {
        let pay_url = Url::parse(pay_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .ok_or_else(|| RuleError::invalid("payment_config_invalid", "pay_url"))?;
        if merchant_code.trim().is_empty() {
            return Err(RuleError::invalid("payment_config_invalid", "merchant_code"));
        }
        if key.len() < 16 {
            return Err(RuleError::invalid("payment_config_invalid", "key"));
        }
        Ok(PlatformConfig { pay_url, merchant_code: merchant_code.trim().to_owned(), key: key.to_vec(), algorithm })
    }
}
