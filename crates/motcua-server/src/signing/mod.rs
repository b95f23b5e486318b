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
    Appearance, KeyFileSigner, LocalTestProvider, Placement, Rect, RemoteSigningProvider, SignRequest, SignatureRole,
    StampImage, seal_placement,
};

use crate::error::ApiError;
pub use keys::AgencyKey;
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
}

impl Signing {
    /// Loads the configured keys; on demo data, the demo's keys and remote
    /// provider as well.
    pub fn load(dir: Option<&std::path::Path>, demo: bool, poll: Duration) -> Result<Signing, String> {
        let mut agencies = match dir {
            Some(d) => keys::load_dir(d)?,
            None => HashMap::new(),
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
        Ok(Signing { agencies, images, remote })
    }

    /// No keys, no provider.
    pub fn none() -> Signing {
        Signing { agencies: HashMap::new(), images: HashMap::new(), remote: None }
    }

    /// Whether the unit coded `code` can issue electronic results.
    pub fn has_agency_key(&self, code: &str) -> bool {
        self.agencies.contains_key(code)
    }

    /// The agency's signature of the unit coded `unit_code` on `pdf`, the
    /// seal over the left third of the signer's image on the last page.
    pub async fn agency_sign(&self, unit_code: &str, pdf: Vec<u8>, now: DateTime<Utc>) -> Result<Vec<u8>, ApiError> {
        let key = self.agencies.get(unit_code).cloned().ok_or_else(|| {
            ApiError::coded(StatusCode::CONFLICT, "agency_key_missing", Some("result")).arg("unit", unit_code)
        })?;
        tokio::task::spawn_blocking(move || {
            let placement = seal_placement(signer_placement(&pdf)?);
            let request = SignRequest::new(SignatureRole::Agency, now)
                .with_appearance(Appearance::Agency { placement, mark: key.mark.clone() });
            motcua_sign::sign_pdf(&pdf, &key.signer, &request)
        })
        .await
        .map_err(|_| ApiError::internal())?
        .map_err(signing_refused)
    }

    /// How `username`'s signature shows: their image where one is known,
    /// else a signature without a visible mark.
    pub fn signer_request(&self, username: &str, pdf: &[u8], now: DateTime<Utc>) -> Result<SignRequest, ApiError> {
        let request = SignRequest::new(SignatureRole::Signer, now);
        Ok(match self.images.get(username) {
            Some(image) => request.with_appearance(Appearance::Signer {
                placement: signer_placement(pdf).map_err(signing_refused)?,
                image: image.clone(),
            }),
            None => request,
        })
    }
}

/// The leader's box on the last page of `pdf`.
fn signer_placement(pdf: &[u8]) -> Result<Placement, motcua_sign::SignError> {
    let limits = motcua_sign::Limits { max_pdf_bytes: crate::signatures::MAX_PDF };
    let page = motcua_sign::page_count(pdf, limits)?;
    Ok(Placement { page, rect: SIGNER_RECT })
}

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
