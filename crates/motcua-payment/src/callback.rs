//! The platform's answer: the same signed fields sent to the citizen's
//! browser (the return URL's query) and, server to server, posted to
//! motcua's callback (form-encoded). Only the server-to-server callback
//! records a payment; the return only shows the citizen where things stand.

use chrono::NaiveDateTime;

use crate::RuleError;
use crate::config::PlatformConfig;
use crate::signing::{SIGNATURE, sign, verify};

/// How the payment ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackStatus {
    /// `00`: paid.
    Paid,
    /// Any other code: not paid (refused, cancelled, timed out).
    NotPaid,
}

/// A callback whose signature holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    pub reference: String,
    pub dossier_code: String,
    pub amount_vnd: i64,
    /// The platform's transaction id (mã giao dịch), unique per payment.
    pub transaction_id: String,
    pub status: CallbackStatus,
    /// The platform's result code as sent (`00` paid).
    pub result_code: String,
    /// When the platform recorded the payment (UTC+7).
    pub paid_at: NaiveDateTime,
    /// The intermediary that took the money (NAPAS, a bank, a wallet), as
    /// the platform names it; may be empty.
    pub intermediary: String,
}

/// The result code of a successful payment.
pub const PAID: &str = "00";

impl Callback {
    /// The fields of this callback, signature excluded (for the stand-in
    /// and the tests, which must send exactly what the platform sends).
    pub fn fields(&self, merchant: &str) -> Vec<(&'static str, String)> {
        vec![
            ("version", "1".to_owned()),
            ("merchant", merchant.to_owned()),
            ("ref", self.reference.clone()),
            ("dossier", self.dossier_code.clone()),
            ("amount", self.amount_vnd.to_string()),
            ("txn", self.transaction_id.clone()),
            ("result", self.result_code.clone()),
            ("paid_at", self.paid_at.format(crate::TIME_FORMAT).to_string()),
            ("intermediary", self.intermediary.clone()),
        ]
    }

    /// The fields with their signature appended, as the platform sends them.
    pub fn signed_fields(&self, config: &PlatformConfig) -> Vec<(&'static str, String)> {
        let mut fields = self.fields(&config.merchant_code);
        let signature = sign(config.algorithm, &config.key, fields.iter().map(|(k, v)| (*k, v.as_str())));
        fields.push((SIGNATURE, signature));
        fields
    }

    /// Checks and reads a callback's fields (the form body of the
    /// server-to-server call, or the return URL's query).
    ///
    /// Errors, in this order: no `signature` or a signature that does not
    /// hold → `payment_signature_invalid`; a field missing or repeated →
    /// `payment_field_missing` / `payment_field_invalid` (on the field);
    /// another merchant → `payment_merchant_unknown`. The signature is
    /// checked first, over every field sent, so nothing unsigned is read.
    pub fn verify(config: &PlatformConfig, pairs: &[(String, String)]) -> Result<Callback, RuleError> {
        let signature = single(pairs, SIGNATURE).map_err(|_| signature_invalid())?;
        if !verify(config.algorithm, &config.key, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), signature) {
            return Err(signature_invalid());
        }
        if single(pairs, "merchant")? != config.merchant_code {
            return Err(RuleError::invalid("payment_merchant_unknown", "merchant"));
        }
        let version = single(pairs, "version")?;
        if version != "1" {
            return Err(RuleError::invalid("payment_field_invalid", "version"));
        }
        let amount_vnd = single(pairs, "amount")?
            .parse::<i64>()
            .ok()
            .filter(|a| *a >= 0)
            .ok_or_else(|| RuleError::invalid("payment_field_invalid", "amount"))?;
        let paid_at = NaiveDateTime::parse_from_str(single(pairs, "paid_at")?, crate::TIME_FORMAT)
            .map_err(|_| RuleError::invalid("payment_field_invalid", "paid_at"))?;
        let result_code = single(pairs, "result")?.to_owned();
        let transaction_id = single(pairs, "txn")?.to_owned();
        if transaction_id.is_empty() || transaction_id.len() > 64 {
            return Err(RuleError::invalid("payment_field_invalid", "txn"));
        }
        Ok(Callback {
            reference: single(pairs, "ref")?.to_owned(),
            dossier_code: single(pairs, "dossier")?.to_owned(),
            amount_vnd,
            status: if result_code == PAID { CallbackStatus::Paid } else { CallbackStatus::NotPaid },
            result_code,
            transaction_id,
            paid_at,
            intermediary: single(pairs, "intermediary").unwrap_or_default().to_owned(),
        })
    }
}

fn signature_invalid() -> RuleError {
    RuleError::forbidden("payment_signature_invalid").at(SIGNATURE)
}

/// The one value of `name`; missing or repeated is an error on that field.
fn single<'a>(pairs: &'a [(String, String)], name: &str) -> Result<&'a str, RuleError> {
    let mut found = pairs.iter().filter(|(k, _)| k == name);
    match (found.next(), found.next()) {
        (Some((_, v)), None) => Ok(v.as_str()),
        (None, _) => Err(RuleError::invalid("payment_field_missing", name)),
        (Some(_), Some(_)) => Err(RuleError::invalid("payment_field_invalid", name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Algorithm;

    fn config() -> PlatformConfig {
        PlatformConfig::new(
            "http://127.0.0.1:9/pay",
            "MOTCUA-01",
            b"a test key of 32 bytes .........",
            Algorithm::HmacSha256,
        )
        .unwrap()
    }

    fn callback() -> Callback {
        Callback {
            reference: "PR-7".into(),
            dossier_code: "000.00.04.H01-260304-0001".into(),
            amount_vnd: 50_000,
            transaction_id: "T123".into(),
            status: CallbackStatus::Paid,
            result_code: PAID.into(),
            paid_at: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap().and_hms_opt(10, 5, 0).unwrap(),
            intermediary: "NAPAS".into(),
        }
    }

    fn pairs(fields: Vec<(&'static str, String)>) -> Vec<(String, String)> {
        fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }

    #[test]
    fn a_signed_callback_reads_back() {
        let c = config();
        assert_eq!(Callback::verify(&c, &pairs(callback().signed_fields(&c))).unwrap(), callback());
    }

    #[test]
    fn a_changed_field_or_a_wrong_key_is_a_bad_signature() {
        let c = config();
        let mut p = pairs(callback().signed_fields(&c));
        p[4].1 = "5000".into();
        let e = Callback::verify(&c, &p).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("payment_signature_invalid", Some("signature")));
        let other = PlatformConfig { key: b"another key, 16 bytes or more".to_vec(), ..config() };
        let e = Callback::verify(&c, &pairs(callback().signed_fields(&other))).unwrap_err();
        assert_eq!(e.code, "payment_signature_invalid");
        let mut unsigned = pairs(callback().signed_fields(&c));
        unsigned.pop();
        assert_eq!(Callback::verify(&c, &unsigned).unwrap_err().code, "payment_signature_invalid");
        // An added field changes what is signed.
        let mut extra = pairs(callback().signed_fields(&c));
        extra.push(("amount_override".into(), "1".into()));
        assert_eq!(Callback::verify(&c, &extra).unwrap_err().code, "payment_signature_invalid");
    }

    #[test]
    fn signed_but_malformed_fields_are_named() {
        let c = config();
        let sign_pairs = |fields: Vec<(&'static str, String)>| {
            let mut p = pairs(fields);
            let s = sign(c.algorithm, &c.key, p.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            p.push((SIGNATURE.into(), s));
            p
        };
        let mut f = callback().fields(&c.merchant_code);
        f[4].1 = "-1".into();
        let e = Callback::verify(&c, &sign_pairs(f)).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("payment_field_invalid", Some("amount")));
        let mut f = callback().fields(&c.merchant_code);
        f.remove(5);
        let e = Callback::verify(&c, &sign_pairs(f)).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("payment_field_missing", Some("txn")));
        let f = callback().fields("SOMEONE-ELSE");
        assert_eq!(Callback::verify(&c, &sign_pairs(f)).unwrap_err().code, "payment_merchant_unknown");
        let mut f = callback().fields(&c.merchant_code);
        f[7].1 = "2026-03-04".into();
        let e = Callback::verify(&c, &sign_pairs(f)).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("payment_field_invalid", Some("paid_at")));
    }

    #[test]
    fn a_result_other_than_00_is_not_paid() {
        let c = config();
        let failed = Callback { result_code: "24".into(), status: CallbackStatus::NotPaid, ..callback() };
        assert_eq!(Callback::verify(&c, &pairs(failed.signed_fields(&c))).unwrap().status, CallbackStatus::NotPaid);
    }
}
