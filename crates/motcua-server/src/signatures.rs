//! Signature verification for the API and the public page: the configured
//! trust anchors, a bound on how many verifications run at once, and the
//! report as the API answers it.
//!
//! The checks themselves are `motcua-sign`'s; this module only loads its
//! configuration, runs it off the async threads and words its findings.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use motcua_sign::{Report, SignError, SignatureReport, SignatureRole, TrustStore, Verdict, VerifyOptions};
use serde::Serialize;
use tokio::sync::Semaphore;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::web::i18n::{self, Lang};

/// The largest PDF accepted for verification (the signing crate's default:
/// a scanned appendix of some pages).
pub const MAX_PDF: usize = motcua_sign::Limits { max_pdf_bytes: 20 * 1024 * 1024 }.max_pdf_bytes;

/// The body limit of the routes that take a PDF to verify: the file and
/// room for a form's framing.
pub fn body_limit() -> axum::extract::DefaultBodyLimit {
    axum::extract::DefaultBodyLimit::max(MAX_PDF + 64 * 1024)
}

/// What verification needs, shared by every request.
#[derive(Clone)]
pub struct Signatures {
    trust: Arc<TrustStore>,
    /// On demo data: the demo root is trusted too, with a CRL it issues at
    /// each verification (crate::demo::pki explains why).
    demo: Arc<AtomicBool>,
    /// At most one verification per core runs at once: each takes tens of
    /// milliseconds of CPU, and the page is public.
    slots: Arc<Semaphore>,
}

impl Signatures {
    /// Loads the anchors and CRLs of `dir`; none when `dir` is `None`.
    pub fn load(dir: Option<&Path>) -> Result<Signatures, String> {
        let trust = match dir {
            Some(d) => TrustStore::load_dir(d).map_err(|e| format!("trust directory {}: {e}", d.display()))?,
            None => TrustStore::new(),
        };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(Signatures {
            trust: Arc::new(trust),
            demo: Arc::new(AtomicBool::new(false)),
            slots: Arc::new(Semaphore::new(cores)),
        })
    }

    /// Trusts the demo root (on demo data only).
    pub fn set_demo(&self, on: bool) {
        self.demo.store(on, Ordering::Relaxed);
    }

    /// The anchors and CRLs to verify with at `now`.
    fn trust_at(&self, now: DateTime<Utc>) -> Result<Arc<TrustStore>, ApiError> {
        if !self.demo.load(Ordering::Relaxed) {
            return Ok(self.trust.clone());
        }
        let pki = crate::demo::pki::pki();
        let mut trust = TrustStore::clone(&self.trust);
        let crl = pki.fresh_crl(now).map_err(|e| {
            tracing::error!(error.cause = %e, "the demo CRL cannot be made");
            ApiError::internal()
        })?;
        trust.add_anchors_pem(&pki.root).and_then(|()| trust.add_crl(&crl)).map_err(|e| {
            tracing::error!(error.code = e.code, "the demo root cannot be trusted");
            ApiError::internal()
        })?;
        Ok(Arc::new(trust))
    }

    fn options(now: DateTime<Utc>) -> VerifyOptions {
        VerifyOptions { now, limits: motcua_sign::Limits { max_pdf_bytes: MAX_PDF } }
    }

    /// Verifies every signature of `pdf` at `now`.
    pub async fn verify(&self, pdf: Vec<u8>, now: DateTime<Utc>) -> Result<Report, ApiError> {
        let _slot = self.slots.acquire().await.map_err(|_| ApiError::internal())?;
        let trust = self.trust_at(now)?;
        let options = Self::options(now);
        tokio::task::spawn_blocking(move || motcua_sign::verify_pdf(&pdf, &trust, &options))
            .await
            .map_err(|_| ApiError::internal())?
            .map_err(refused)
    }

    /// Checks a signed file against the one that was served to be signed:
    /// the same bytes plus one new signature that verifies as passed
    /// (`motcua_sign::check_signed_upload`).
    pub async fn check_signed(&self, served: Vec<u8>, signed: Vec<u8>, now: DateTime<Utc>) -> Result<Report, ApiError> {
        let _slot = self.slots.acquire().await.map_err(|_| ApiError::internal())?;
        let trust = self.trust_at(now)?;
        let options = Self::options(now);
        tokio::task::spawn_blocking(move || motcua_sign::check_signed_upload(&served, &signed, &trust, &options))
            .await
            .map_err(|_| ApiError::internal())?
            .map_err(crate::signing::signing_refused)
    }
}

/// A refused input as an API error with the signing crate's code and
/// field and the catalogue's message. Each code verification can give is
/// named here, so each has its message; any other is a bug.
pub fn refused(e: SignError) -> ApiError {
    tracing::info!(error.code = e.code, error.detail = %e.detail, "signature input refused");
    let field = Some(e.field);
    match e.code {
        "file_too_large" => ApiError::coded(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large", field)
            .arg("name", "PDF")
            .arg("max", MAX_PDF / (1024 * 1024)),
        "not_pdf" => ApiError::coded(StatusCode::UNSUPPORTED_MEDIA_TYPE, "not_pdf", field),
        "pdf_unreadable" => ApiError::unprocessable("pdf_unreadable", e.field),
        "pdf_encrypted" => ApiError::unprocessable("pdf_encrypted", e.field),
        "no_signatures" => ApiError::unprocessable("no_signatures", e.field),
        _ => {
            tracing::error!(error.code = e.code, error.detail = %e.detail, "unexpected signature error");
            ApiError::internal()
        }
    }
}

/// The verification of a document.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerificationDto {
    /// `passed`, `indeterminate` or `failed` (EN 319 102-1): the worst of
    /// the signatures' verdicts and the document's own findings.
    #[schema(example = "passed")]
    pub verdict: String,
    /// Every signature, in the order they were added to the document.
    pub signatures: Vec<SignatureDto>,
    /// Findings about the document as a whole (the order of signatures).
    pub findings: Vec<FindingDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignatureDto {
    pub field_name: String,
    /// `signer` or `agency` for signatures motcua made, else absent.
    pub role: Option<String>,
    /// `ETSI.CAdES.detached` or `adbe.pkcs7.detached`.
    pub sub_filter: String,
    /// The signer's name (certificate common name).
    pub signer_name: Option<String>,
    pub signer_organization: Option<String>,
    /// The certificate's serial number, hexadecimal.
    pub certificate_serial: Option<String>,
    /// The issuing authority (RFC 4514).
    pub certificate_issuer: Option<String>,
    /// The signing time the signature claims, with the Vietnam offset.
    pub signing_time: Option<String>,
    /// The time of the signature's time-stamp (PAdES B-T), with the
    /// Vietnam offset, when it holds: the signature existed then. A
    /// time-stamp that does not hold is absent here and shows as a finding.
    pub timestamp_time: Option<String>,
    /// The time-stamp authority's name, with `timestamp_time`.
    pub timestamp_authority: Option<String>,
    /// Whether this signature covers the file up to its end; later
    /// revisions that only add signatures keep an earlier one valid.
    pub covers_whole_document: bool,
    pub verdict: String,
    pub findings: Vec<FindingDto>,
}

/// One thing a check found, with a message in each language.
#[derive(Debug, Serialize, ToSchema)]
pub struct FindingDto {
    #[schema(example = "unknown_ca")]
    pub code: String,
    pub verdict: String,
    pub message_vi: String,
    pub message_en: String,
}

pub fn verdict_str(v: Verdict) -> &'static str {
    match v {
        Verdict::Passed => "passed",
        Verdict::Indeterminate => "indeterminate",
        Verdict::Failed => "failed",
    }
}

/// A finding's words in `lang` (`sig-finding-<code>` in public.ftl); a code
/// with no words gives the code.
pub fn finding_message(lang: Lang, code: &str) -> String {
    i18n::message(lang, &format!("sig-finding-{}", code.replace('_', "-")), &[])
}

fn finding(f: &motcua_sign::Finding) -> FindingDto {
    FindingDto {
        code: f.code.to_owned(),
        verdict: verdict_str(f.verdict).to_owned(),
        message_vi: finding_message(Lang::Vi, f.code),
        message_en: finding_message(Lang::En, f.code),
    }
}

/// A signing time as ISO 8601 with the Vietnam offset, as NĐ 30 shows it.
pub fn vietnam_time(t: DateTime<Utc>) -> String {
    motcua_sign::display_time(t)
}

fn signature(s: &SignatureReport) -> SignatureDto {
    SignatureDto {
        field_name: s.field_name.clone(),
        role: s.role.map(|r| {
            match r {
                SignatureRole::Signer => "signer",
                SignatureRole::Agency => "agency",
            }
            .to_owned()
        }),
        sub_filter: s.sub_filter.clone(),
        signer_name: s.signer.as_ref().and_then(|i| i.common_name.clone()),
        signer_organization: s.signer.as_ref().and_then(|i| i.organization.clone()),
        certificate_serial: s.signer.as_ref().map(|i| i.serial.clone()),
        certificate_issuer: s.signer.as_ref().map(|i| i.issuer.clone()),
        signing_time: s.signing_time.map(vietnam_time),
        timestamp_time: s.timestamp.as_ref().filter(|t| t.holds).map(|t| vietnam_time(t.time)),
        timestamp_authority: s.timestamp.as_ref().filter(|t| t.holds).and_then(|t| t.authority.clone()),
        covers_whole_document: s.covers_whole_document,
        verdict: verdict_str(s.verdict).to_owned(),
        findings: s.findings.iter().map(finding).collect(),
    }
}

impl From<&Report> for VerificationDto {
    fn from(r: &Report) -> Self {
        VerificationDto {
            verdict: verdict_str(r.verdict).to_owned(),
            signatures: r.signatures.iter().map(signature).collect(),
            findings: r.findings.iter().map(finding).collect(),
        }
    }
}
