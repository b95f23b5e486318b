//! PAdES B-T: a time-stamp (RFC 3161) over the signature value, added to
//! the CMS as the unsigned attribute id-aa-signatureTimeStampToken. The
//! token proves the signature existed at its `genTime`, so a certificate
//! that expires or is revoked later no longer leaves the signature without
//! proof (docs/signatures.md, "Verification and its verdicts").
//!
//! [`TimestampAuthority`] is the interface; [`HttpTsa`] speaks RFC 3161
//! over HTTP to the province's time-stamp authority.

mod embed;
mod http;
pub(crate) mod protocol;

pub use http::HttpTsa;

pub(crate) use embed::add_signature_timestamp;

use crate::SignError;

/// How many bytes of `/Contents` a token is given by default: a token with
/// its TSA's chain of three RSA-4096 certificates is about 7 KB. The
/// reservation is written twice (hex) in every signed file, so it is kept
/// near that; an authority whose tokens are larger says so with
/// [`TimestampAuthority::token_reserve`].
pub const DEFAULT_TOKEN_RESERVE: usize = 10 * 1024;

/// Something that returns an RFC 3161 `TimeStampToken` for a SHA-256
/// message imprint: the province's time-stamp authority ([`HttpTsa`]), or a
/// test fixture.
///
/// Every failure is `timestamp_unavailable` on the field `timestamp`, so
/// that signing stops before anything is written: a B-T signature is
/// never silently downgraded to B-B.
pub trait TimestampAuthority: Send + Sync + std::fmt::Debug {
    /// The DER `TimeStampToken` (a CMS SignedData over a TSTInfo) whose
    /// message imprint is SHA-256 `message_imprint_sha256`.
    fn timestamp(&self, message_imprint_sha256: [u8; 32]) -> Result<Vec<u8>, SignError>;

    /// The room (bytes of DER) reserved for one token.
    fn token_reserve(&self) -> usize {
        DEFAULT_TOKEN_RESERVE
    }
}

pub(crate) fn unavailable(detail: impl Into<String>) -> SignError {
    SignError::new("timestamp_unavailable", "timestamp", detail)
}
