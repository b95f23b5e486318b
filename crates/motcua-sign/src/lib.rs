//! Signing and verifying PDF documents for motcua's signed electronic
//! documents: PAdES B-B signatures (B-T with an RFC 3161 time-stamp) (CMS, subfilter `ETSI.CAdES.detached`,
//! SHA-256, RSA) with the visible appearance of Decree 30/2020/NĐ-CP
//! Appendix I, and verification of any PDF's signatures with a verdict.
//! See `docs/signatures.md` for the reasons behind each choice.
//!
//! # Interface
//!
//! Signing (always an incremental update: the input's bytes are a prefix
//! of the output, so earlier signatures stay valid):
//!
//! - [`sign_pdf`]`(pdf, &dyn DigestSigner, &SignRequest)`: sign with a key
//!   at hand ([`KeyFileSigner`]: a PKCS#8 PEM key and its PEM chain;
//!   [`Pkcs11Signer`]: a key in a PKCS#11 token or HSM).
//! - [`prepare`] → [`PreparedSignature::digest`] → (someone signs) →
//!   [`finalize`]: the same in three steps, for keys held elsewhere.
//! - [`remote`]: [`RemoteSigningProvider`] (start a request, poll it),
//!   [`finalize_remote`], and [`LocalTestProvider`] (a test fixture).
//! - [`SignRequest`]: the [`SignatureRole`] (signer or agency), the signing
//!   time (written as `/M`), the [`Appearance`] (invisible, the signer's
//!   [`StampImage`], or the agency's [`AgencyMark`]: its seal and name,
//!   shown with the time) at a [`Placement`]; [`seal_placement`] puts the
//!   seal over the left third of the signer's image;
//!   [`SignRequest::with_timestamp`] makes it B-T with a
//!   [`TimestampAuthority`] ([`HttpTsa`]: RFC 3161 over HTTP), failing with
//!   `timestamp_unavailable` rather than signing without it.
//!
//! Verifying (no network access; anchors and CRLs are configuration):
//!
//! - [`verify_pdf`]`(pdf, &TrustStore, &VerifyOptions)` → [`Report`]: per
//!   signature who signed, when, the subfilter, whether it covers the whole
//!   document, the findings and a [`Verdict`]; and the document's verdict.
//! - [`check_signed_upload`]`(served, uploaded, …)`: the signing plugin's
//!   upload must be the served document plus a new signature that verifies.
//! - [`TrustStore::load_dir`]: the anchors (`*.pem`, `*.crt`, `*.cer`) and
//!   CRLs (`*.crl`) of a directory.
//!
//! Bad input is a [`SignError`] with a stable `code` and the `field`:
//! `not_pdf`, `pdf_unreadable`, `pdf_encrypted`, `file_too_large`,
//! `no_signatures`, `upload_not_served_document`, `duplicate_signature`,
//! `no_new_signature`, `page_out_of_range`, `placement_invalid`,
//! `key_unsupported`, `key_certificate_mismatch`, `signature_invalid`,
//! `remote_refused`, `remote_expired`… (the full list is in
//! `docs/signatures.md`).
//!
//! # Verdicts
//!
//! Each finding carries a verdict; a signature's verdict is the worst of
//! its findings, the document's the worst of all. "Passed" only when every
//! check was made and held. The signing time is the claimed one (`/M`, or
//! the CMS signing-time attribute when a signer wrote one); a signature
//! time-stamp that holds is the proof of existence at its `genTime`.
//!
//! | Finding | Verdict |
//! |---|---|
//! | `modified_after_signing`: signed bytes changed (digest mismatch), or a later revision changes more than signatures | failed |
//! | `signature_invalid`: the signature value does not verify, the CMS is unreadable, or the ByteRange does not frame `/Contents` | failed |
//! | `unknown_ca`: no path to a configured anchor | indeterminate |
//! | `certificate_revoked`: revoked at or before the signing time | failed |
//! | `revoked_since_signing_no_timestamp`: revoked after the signing time, no time-stamp | indeterminate |
//! | revoked after a valid time-stamp's time | passed |
//! | `revoked_before_timestamp`: revoked after the signing time, before the time-stamp's | indeterminate |
//! | `certificate_expired` / `certificate_not_yet_valid`: outside its validity at the signing time | failed |
//! | `expired_since_signing_no_timestamp`: valid then, expired now, no time-stamp | indeterminate |
//! | valid at a valid time-stamp's time, expired now | passed |
//! | `expired_before_timestamp`: expired before the time-stamp's time | indeterminate |
//! | `timestamp_invalid`: the token is broken or over other bytes | indeterminate |
//! | `timestamp_untrusted`: the TSA is not trusted, lacks id-kp-timeStamping or was not valid then | indeterminate |
//! | `revocation_unknown`: no CRL of the issuer issued at or after the signing time | indeterminate |
//! | `agency_before_signer` (document): a signer's signature after the agency's | failed |
//! | `unsupported_algorithm`, `unsupported_subfilter`, `signing_time_missing` | indeterminate |
//!
//! Two rules are decisions, not the standard: EN 319 102-1 takes no claimed
//! time as proof, so it would call a certificate revoked or expired before
//! the claimed signing time indeterminate; here the signer's own claim makes
//! it failed (a claim is only ever used to make a verdict worse). And the
//! order of Decree 30 (the signer first, the agency last) is checked on the
//! roles written in motcua's field names; signatures made elsewhere have no
//! role.
//!
//! # Sources
//!
//! PDF signatures and incremental updates: ISO 32000-1 §7.5.6 and §12.8.
//! Time-stamps: RFC 3161 (with the signature time-stamp attribute of ETSI
//! EN 319 122-1).
//! PAdES baseline (the `/M` signing time, no CMS signing-time attribute):
//! ETSI EN 319 142-1. Validation and its three indications: ETSI EN 319
//! 102-1, with the names EU DSS uses. CMS: RFC 5652; certificates and
//! CRLs: RFC 5280. The two signatures' appearance: Decree 30/2020/NĐ-CP
//! Appendix I and Circular 01/2019/TT-BNV, read through secondary sources
//! (`docs/sources.md` §12 has them and their tags).

mod appearance;
mod error;
mod input;
mod pkcs11;
mod plugin;
pub mod remote;
mod sign;
mod signer;
#[cfg(feature = "testing")]
pub mod testing;
mod timestamp;
mod trust;
mod verify;

pub use appearance::{
    AGENCY_TEXT_WIDTH, AgencyMark, Appearance, Placement, Rect, StampImage, display_time, seal_placement,
    vietnam_offset,
};
pub use error::SignError;
pub use input::{Limits, first_page_size, page_count};
pub use pkcs11::Pkcs11Signer;
pub use plugin::check_signed_upload;
pub use remote::{LocalTestProvider, RemoteSigningProvider, RemoteStatus, RequestId, finalize_remote};
pub use sign::{PreparedSignature, SignRequest, SignatureRole, finalize, prepare, sign_pdf};
pub use signer::{DigestSigner, KeyFileSigner};
pub use timestamp::{DEFAULT_TOKEN_RESERVE, HttpTsa, TimestampAuthority};
pub use trust::TrustStore;
pub use verify::{
    Finding, Report, SignatureReport, SignerIdentity, TimeSource, TimestampReport, Verdict, VerifyOptions, verify_pdf,
};
