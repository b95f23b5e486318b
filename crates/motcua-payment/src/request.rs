//! The payment request: the signed URL the citizen's browser is sent to.

use chrono::NaiveDateTime;
use url::Url;

use crate::config::PlatformConfig;
use crate::signing::{SIGNATURE, sign};

/// One payment asked of the platform. Field names on the wire are in
/// [`PaymentRequest::fields`]; docs/payments.md#request lists them with
/// the national catalogue's names they stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRequest {
    /// motcua's reference of the payment request, unique in the
    /// installation (mã tham chiếu); the callback names it.
    pub reference: String,
    /// The dossier code (`MaHoSo`).
    pub dossier_code: String,
    /// The procedure code (`MaTTHC`).
    pub procedure_code: String,
    /// In VND, whole đồng.
    pub amount_vnd: i64,
    /// `HinhThucThu` (1, 2 or 4).
    pub stage: i16,
    /// What the citizen sees on the platform's page (procedure and fee).
    pub description: String,
    /// Where the platform sends the citizen's browser back.
    pub return_url: String,
    /// Where the platform posts the server-to-server callback.
    pub callback_url: String,
    /// When the request was made (UTC+7).
    pub created_at: NaiveDateTime,
}

impl PaymentRequest {
    /// The fields sent, signature excluded, in a fixed order.
    pub fn fields(&self, merchant: &str) -> Vec<(&'static str, String)> {
        vec![
            ("version", "1".to_owned()),
            ("merchant", merchant.to_owned()),
            ("ref", self.reference.clone()),
            ("dossier", self.dossier_code.clone()),
            ("procedure", self.procedure_code.clone()),
            ("amount", self.amount_vnd.to_string()),
            ("currency", "VND".to_owned()),
            ("stage", self.stage.to_string()),
            ("description", self.description.clone()),
            ("return_url", self.return_url.clone()),
            ("callback_url", self.callback_url.clone()),
            ("time", self.created_at.format(crate::TIME_FORMAT).to_string()),
        ]
    }

    /// The URL of the platform's payment page with the signed request as
    /// its query string.
    pub fn redirect_url(&self, config: &PlatformConfig) -> Url {
        let fields = self.fields(&config.merchant_code);
        let signature = sign(config.algorithm, &config.key, fields.iter().map(|(k, v)| (*k, v.as_str())));
        let mut url = config.pay_url.clone();
        {
            let mut q = url.query_pairs_mut();
            for (k, v) in &fields {
                q.append_pair(k, v);
            }
            q.append_pair(SIGNATURE, &signature);
        }
        url
    }
}
