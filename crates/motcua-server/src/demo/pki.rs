//! The demo's public key infrastructure: a "DEMO motcua Root", an agency
//! certificate for each demo unit and a person certificate for each demo
//! leader, made once by `pki/make.py` and kept in `pki/demo-pki.json`.
//!
//! **Every private key here is public** (it is in the repository): a demo
//! server trusts the demo root so that its own results verify as "passed"
//! on the public page, and no other server ever should. The server knows it
//! runs on demo data from the database (`installation.demo`), never from a
//! flag an operator could leave on.
//!
//! Verification calls a signature "passed" only when a CRL of the issuer
//! issued at or after the signing time is known (docs/signatures.md). A
//! real CA publishes CRLs that an operator installs; the demo root has
//! nobody to publish for it, so the demo server issues its empty CRL itself
//! whenever it verifies.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use rcgen::{CertificateRevocationListParams, Issuer, KeyIdMethod, KeyPair, PKCS_RSA_SHA256, SerialNumber};
use serde::Deserialize;

/// One demo key and its chain (PEM, the certificate first, then the root).
#[derive(Deserialize)]
pub struct DemoKey {
    pub key: String,
    pub chain: String,
    /// The agency's name, for its seal's text (agencies only).
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Deserialize)]
pub struct DemoPki {
    pub root: String,
    root_key: String,
    /// By unit code.
    pub agencies: HashMap<String, DemoKey>,
    /// By demo username.
    pub people: HashMap<String, DemoKey>,
}

/// The red seal ring every demo agency uses.
pub const SEAL_PNG: &[u8] = include_bytes!("pki/seal.png");
/// The blue stroke every demo leader signs with.
pub const SIGNATURE_PNG: &[u8] = include_bytes!("pki/signature.png");

/// The demo PKI, parsed once.
pub fn pki() -> &'static DemoPki {
    static PKI: OnceLock<DemoPki> = OnceLock::new();
    PKI.get_or_init(|| serde_json::from_str(include_str!("pki/demo-pki.json")).expect("the demo PKI is valid JSON"))
}

impl DemoPki {
    /// The root's empty CRL, issued at `now` and valid for a day.
    pub fn fresh_crl(&self, now: DateTime<Utc>) -> Result<Vec<u8>, String> {
        let key = KeyPair::from_pkcs8_pem_and_sign_algo(&self.root_key, &PKCS_RSA_SHA256).map_err(|e| e.to_string())?;
        let issuer = Issuer::from_ca_cert_pem(&self.root, key).map_err(|e| e.to_string())?;
        let at = |t: DateTime<Utc>| time::OffsetDateTime::from_unix_timestamp(t.timestamp()).map_err(|e| e.to_string());
        let number = u64::try_from(now.timestamp()).unwrap_or_default().to_be_bytes().to_vec();
        let crl = CertificateRevocationListParams {
            this_update: at(now)?,
            next_update: at(now + chrono::Duration::days(1))?,
            crl_number: SerialNumber::from(number),
            issuing_distribution_point: None,
            revoked_certs: Vec::new(),
            key_identifier_method: KeyIdMethod::Sha256,
        }
        .signed_by(&issuer)
        .map_err(|e| e.to_string())?;
        Ok(crl.der().to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_unit_and_leader_has_a_key_and_the_root_issues_crls() {
        let pki = pki();
        for login in super::super::all_logins() {
            if login.role == motcua_rules::role::Role::Leader {
                assert!(pki.people.contains_key(&login.username), "{} has no demo key", login.username);
                assert!(pki.agencies.contains_key(login.unit), "{} has no agency key", login.unit);
            }
        }
        assert!(pki.agencies.contains_key("H11.100") && pki.agencies.contains_key("H11.SNNMT"));
        let mut trust = motcua_sign::TrustStore::new();
        trust.add_anchors_pem(&pki.root).unwrap();
        trust.add_crl(&pki.fresh_crl(Utc::now()).unwrap()).unwrap();
        assert_eq!((trust.anchor_count(), trust.crl_count()), (1, 1));
    }
}
