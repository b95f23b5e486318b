//! The signing plugin on the officer's machine (VGCA Sign Service of the
//! Ban Cơ yếu Chính phủ): the server serves a PDF, the plugin signs it
//! with the officer's token and uploads the signed file. The upload is
//! only accepted when it is the served document plus a new signature
//! that verifies.

use crate::input::load_pdf;
use crate::verify::{Report, Verdict, VerifyOptions, signatures, verify_pdf};
use crate::{SignError, TrustStore};

/// Checks an upload from the signing plugin against the document served.
///
/// Refused, one code each: the upload does not start with the served bytes
/// (`upload_not_served_document`: not the document we served, or a
/// rewritten one); it is the served document again, or a prefix of it
/// (`duplicate_signature`: the same signed upload twice, since after the
/// first the server serves the signed file); it adds bytes but no signature (`no_new_signature`); its new
/// signature fails (`signature_invalid`) or cannot be established
/// (`signature_indeterminate`, e.g. a certificate from no configured CA).
/// On success the report of the whole upload is returned.
pub fn check_signed_upload(
    served: &[u8],
    uploaded: &[u8],
    trust: &TrustStore,
    options: &VerifyOptions,
) -> Result<Report, SignError> {
    let served_doc = load_pdf(served, options.limits, "served")?;
    let uploaded_doc = load_pdf(uploaded, options.limits, "upload")?;
    let before: Vec<Vec<u8>> = signatures(&served_doc).into_iter().map(|s| s.contents).collect();
    let after = signatures(&uploaded_doc);
    // Once an upload is accepted the server serves the signed file, so the
    // same upload again is the served document or an earlier state of it.
    if served.starts_with(uploaded) {
        return Err(SignError::new(
            "duplicate_signature",
            "upload",
            "the upload is already part of the served document",
        ));
    }
    if !uploaded.starts_with(served) {
        return Err(SignError::new(
            "upload_not_served_document",
            "upload",
            "the upload does not begin with the served document's bytes",
        ));
    }
    let new: Vec<String> = after
        .iter()
        .filter(|s| s.revision_end() > served.len() && !before.contains(&s.contents))
        .map(|s| s.field_name.clone())
        .collect();
    if new.is_empty() {
        return Err(SignError::new("no_new_signature", "upload", "bytes were added but no signature"));
    }
    let report = verify_pdf(uploaded, trust, options)?;
    for sig in report.signatures.iter().filter(|s| new.contains(&s.field_name)) {
        match sig.verdict {
            Verdict::Passed => {}
            Verdict::Failed => {
                return Err(SignError::new(
                    "signature_invalid",
                    "upload",
                    format!("{}: {:?}", sig.field_name, sig.findings),
                ));
            }
            Verdict::Indeterminate => {
                return Err(SignError::new(
                    "signature_indeterminate",
                    "upload",
                    format!("{}: {:?}", sig.field_name, sig.findings),
                ));
            }
        }
    }
    Ok(report)
}
