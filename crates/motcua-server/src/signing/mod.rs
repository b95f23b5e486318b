//! Signing results: each unit's agency key (ký số cơ quan), the remote
//! signing provider people sign through (ký số từ xa), and where the
//! signatures go on the page.
//!
//! The signatures themselves are `motcua-sign`'s; this module holds the
//! keys the installation was given and runs the CPU work off the async
//! threads. Keys come from `agency_keys_dir` (see [`crate::config::Config`]);
//! on demo data, also from the demo's public test keys
//! ([`crate::demo::pki`]), with the demo's remote-signing stand-in.

mod copy;
mod keys;
mod remote;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use motcua_sign::{
    Appearance, HttpTsa, KeyFileSigner, LocalTestProvider, Placement, Rect, RemoteSigningProvider, SignRequest,
    SignatureRole, StampImage, TimestampAuthority, seal_placement,
};

use crate::error::ApiError;
pub use keys::{AgencyKey, Pkcs11Config};
pub use remote::{OnSigned, PendingView, RemoteSigning};

/// Where the leader's signature goes on the last page of a result: the
/// lower right, where Decree 30/2020's layout puts the signature between
/// the title (CHỦ TỊCH, GIÁM ĐỐC…) and the name, for an A4 portrait page
/// with the usual 20 mm margins. The agency's seal covers its left third
/// ([`seal_placement`]). A result whose layout differs should leave this
/// space free (docs/signatures.md, "Where the signatures go").
pub const SIGNER_RECT: Rect = Rect { x: 350.0, y: 120.0, width: 150.0, height: 56.0 };

/// The keys and provider of an installation.
pub struct Signing {
    /// By unit code.
    agencies: HashMap<String, Arc<AgencyKey>>,
    /// People's signature images, by username (the demo's leaders).
    images: HashMap<String, StampImage>,
    pub remote: Option<RemoteSigning>,
    /// The time-stamp authority of the agency's signatures (B-T), if any.
    timestamp: Option<Arc<dyn TimestampAuthority>>,
}

impl Signing {
    /// Loads the configured keys and time-stamp authority; on demo data,
    /// the demo's keys and remote provider as well.
    pub fn load(config: &crate::config::Config, demo: bool) -> Result<Signing, String> {
        let poll = config.remote_poll_interval;
        let pkcs11 = Pkcs11Config { module: config.pkcs11_module.as_deref(), pin: config.pkcs11_pin.as_ref() };
        let mut agencies = match &config.agency_keys_dir {
            Some(d) => keys::load_dir(d, pkcs11)?,
            None => HashMap::new(),
        };
        let timestamp = match &config.tsa_url {
            Some(url) => {
                Some(Arc::new(HttpTsa::new(url).map_err(|e| format!("--tsa-url: {e}"))?) as Arc<dyn TimestampAuthority>)
            }
            None => None,
        };
        let mut images = HashMap::new();
        let mut remote = None;
        if demo {
            let pki = crate::demo::pki::pki();
            let seal = StampImage::from_png(crate::demo::pki::SEAL_PNG).map_err(|e| e.to_string())?;
            for (code, k) in &pki.agencies {
                let name = k.name.clone().unwrap_or_else(|| code.clone());
                agencies.entry(code.clone()).or_insert(Arc::new(AgencyKey::new(
                    &k.key,
                    &k.chain,
                    seal.clone(),
                    &name,
                )?));
            }
            let image = StampImage::from_png(crate::demo::pki::SIGNATURE_PNG).map_err(|e| e.to_string())?;
            let mut provider = LocalTestProvider::new();
            for (user, k) in &pki.people {
                let signer = KeyFileSigner::from_pem(&k.key, &k.chain).map_err(|e| e.to_string())?;
                provider = provider.with_user(user, signer);
                images.insert(user.clone(), image.clone());
            }
            // The stand-in answers at the second question: no need to wait
            // the providers' 5 seconds between them.
            let provider: Arc<dyn RemoteSigningProvider> = Arc::new(provider);
            remote = Some(RemoteSigning::new(provider, "demo", poll.min(Duration::from_millis(500))));
        }
        Ok(Signing { agencies, images, remote, timestamp })
    }

    /// No keys, no provider.
    pub fn none() -> Signing {
        Signing { agencies: HashMap::new(), images: HashMap::new(), remote: None, timestamp: None }
    }

    /// Whether the unit coded `code` can issue electronic results.
    pub fn has_agency_key(&self, code: &str) -> bool {
        self.agencies.contains_key(code)
    }

    /// The agency's signature of the unit coded `unit_code` on `pdf`, the
    /// seal over the left third of the signer's image on the last page;
    /// time-stamped (B-T) when a time-stamp authority is configured, and
    /// refused (`timestamp_unavailable`, 503) when it cannot be reached,
    /// rather than issued without the time-stamp.
    pub async fn agency_sign(&self, unit_code: &str, pdf: Vec<u8>, now: DateTime<Utc>) -> Result<Vec<u8>, ApiError> {
        self.sign_as_agency(unit_code, "result", pdf, now, |_| Ok(seal_placement(SIGNER_PLACEMENT))).await
    }

    /// The agency signature of the unit coded `unit_code` on `pdf`, its
    /// mark where `place` puts it; time-stamped when configured. `field`
    /// is what a missing key is reported on.
    async fn sign_as_agency(
        &self,
        unit_code: &str,
        field: &str,
        pdf: Vec<u8>,
        now: DateTime<Utc>,
        place: fn(&[u8]) -> Result<Placement, motcua_sign::SignError>,
    ) -> Result<Vec<u8>, ApiError> {
        let key = self.agencies.get(unit_code).cloned().ok_or_else(|| {
            ApiError::coded(StatusCode::CONFLICT, "agency_key_missing", Some(field)).arg("unit", unit_code)
        })?;
        let timestamp = self.timestamp.clone();
        tokio::task::spawn_blocking(move || {
            let placement = place(&pdf)?;
            let mut request = SignRequest::new(SignatureRole::Agency, now)
                .with_appearance(Appearance::Agency { placement, mark: key.mark.clone() });
            if let Some(tsa) = timestamp {
                request = request.with_timestamp(tsa);
            }
            motcua_sign::sign_pdf(&pdf, key.signer.as_ref(), &request)
        })
        .await
        .map_err(|_| ApiError::internal())?
        .map_err(signing_refused)
    }

    /// How `username`'s signature shows: their image where one is known,
    /// else a signature without a visible mark.
    pub fn signer_request(&self, username: &str, now: DateTime<Utc>) -> SignRequest {
        let request = SignRequest::new(SignatureRole::Signer, now);
        match self.images.get(username) {
            Some(image) => {
                request.with_appearance(Appearance::Signer { placement: SIGNER_PLACEMENT, image: image.clone() })
            }
            None => request,
        }
    }
}

/// The leader's box on the last page, which the signer finds on the
/// document it parses (one parse a signature: the finish of a leader's
/// batch was spending a third of each signature counting pages).
const SIGNER_PLACEMENT: Placement = Placement { page: Placement::LAST_PAGE, rect: SIGNER_RECT };

/// A signing error as the API answers it: the input's faults with their
/// code, anything else an internal error (logged without the document).
pub fn signing_refused(e: motcua_sign::SignError) -> ApiError {
    match e.code {
        "not_pdf" | "pdf_unreadable" | "pdf_encrypted" | "file_too_large" => crate::signatures::refused(e),
        "upload_not_served_document"
        | "duplicate_signature"
        | "no_new_signature"
        | "signature_invalid"
        | "signature_indeterminate" => {
            tracing::info!(error.code = e.code, error.detail = %e.detail, "signed upload refused");
            plugin_refused(e.code)
        }
        "timestamp_unavailable" => {
            tracing::warn!(error.code = e.code, error.detail = %e.detail, "the time-stamp authority did not answer");
            ApiError::coded(StatusCode::SERVICE_UNAVAILABLE, "timestamp_unavailable", Some("timestamp"))
        }
        _ => {
            tracing::error!(error.code = e.code, error.detail = %e.detail, "signing failed");
            ApiError::internal()
        }
    }
}

/// The signing plugin's upload refused, with its own code and message.
fn plugin_refused(code: &str) -> ApiError {
    match code {
        "upload_not_served_document" => ApiError::unprocessable("upload_not_served_document", "file"),
        "duplicate_signature" => ApiError::coded(StatusCode::CONFLICT, "duplicate_signature", Some("file")),
        "no_new_signature" => ApiError::unprocessable("no_new_signature", "file"),
        "signature_invalid" => ApiError::unprocessable("signature_invalid", "file"),
        _ => ApiError::unprocessable("signature_indeterminate", "file"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// A directory with the demo agency key of H11.103, as an operator
    /// would write it.
    fn keys_dir(name: &str) -> std::path::PathBuf {
        let k = &crate::demo::pki::pki().agencies["H11.103"];
        let dir = std::env::temp_dir().join(format!("motcua-tsa-keys-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("H11.103.key"), &k.key).unwrap();
        std::fs::write(dir.join("H11.103.pem"), &k.chain).unwrap();
        std::fs::write(dir.join("H11.103.png"), crate::demo::pki::SEAL_PNG).unwrap();
        dir
    }

    #[tokio::test]
    async fn an_unreachable_time_stamp_authority_refuses_the_agency_signature_with_its_code() {
        let dir = keys_dir("down");
        // Port 9 (discard) on 127.0.0.1: nothing listens there in a test run.
        let config = Config {
            agency_keys_dir: Some(dir.clone()),
            tsa_url: Some("http://127.0.0.1:9/tsa".into()),
            ..Config::default()
        };
        let signing = Signing::load(&config, false).unwrap();
        let pdf = crate::demo::one_page_pdf("KET QUA (mau)", &["Quyet dinh so 12/QD-UBND"]);
        let err = signing.agency_sign("H11.103", pdf, Utc::now()).await.unwrap_err();
        assert_eq!(
            (err.status, err.code, err.field.as_deref()),
            (StatusCode::SERVICE_UNAVAILABLE, "timestamp_unavailable", Some("timestamp"))
        );
        assert!(err.message_vi.contains("dấu thời gian") && err.message_en.contains("time-stamp"), "{err:?}");

        let bad = Config { tsa_url: Some("tsa.example".into()), ..config };
        let err = Signing::load(&bad, false).err().unwrap();
        assert!(err.contains("--tsa-url") && err.contains("timestamp_url_invalid"), "{err}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// A TEST-ONLY time-stamp authority: a self-signed certificate with
    /// id-kp-timeStamping (on the demo agency's key, which is public), which
    /// the verification below trusts as an anchor.
    fn test_tsa(gen_time: DateTime<Utc>) -> (motcua_sign::testing::tsa::TestTsa, String) {
        let k = &crate::demo::pki::pki().agencies["H11.103"];
        let key = rcgen::KeyPair::from_pkcs8_pem_and_sign_algo(&k.key, &rcgen::PKCS_RSA_SHA256).unwrap();
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(rcgen::DnType::CommonName, "TEST TSA (test only)");
        params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::TimeStamping];
        let cert = params.self_signed(&key).unwrap().pem();
        (motcua_sign::testing::tsa::TestTsa::start(&k.key, &cert, gen_time), cert)
    }

    #[tokio::test]
    async fn with_a_time_stamp_authority_the_agency_signature_is_b_t() {
        let dir = keys_dir("up");
        let now = DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap();
        let (tsa, tsa_cert) = test_tsa(now + chrono::Duration::seconds(1));
        let config = Config { agency_keys_dir: Some(dir.clone()), tsa_url: Some(tsa.url), ..Config::default() };
        let signing = Signing::load(&config, false).unwrap();
        let pdf = crate::demo::one_page_pdf("KET QUA (mau)", &["Quyet dinh so 12/QD-UBND"]);
        let signed = signing.agency_sign("H11.103", pdf, now).await.unwrap();

        let pki = crate::demo::pki::pki();
        let mut trust = motcua_sign::TrustStore::new();
        trust.add_anchors_pem(&pki.root).unwrap();
        trust.add_anchors_pem(&tsa_cert).unwrap();
        trust.add_crl(&pki.fresh_crl(now + chrono::Duration::seconds(2)).unwrap()).unwrap();
        let options = motcua_sign::VerifyOptions::at(now + chrono::Duration::seconds(3));
        let report = motcua_sign::verify_pdf(&signed, &trust, &options).unwrap();
        let sig = &report.signatures[0];
        assert_eq!(report.verdict, motcua_sign::Verdict::Passed, "{:?}", sig.findings);
        let ts = sig.timestamp.as_ref().expect("the agency signature is time-stamped");
        assert!(ts.holds);
        assert_eq!(ts.time, now + chrono::Duration::seconds(1));
        let json = crate::signatures::VerificationDto::from(&report);
        assert_eq!(json.signatures[0].timestamp_authority.as_deref(), Some("TEST TSA (test only)"));
        assert!(json.signatures[0].timestamp_time.is_some());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
