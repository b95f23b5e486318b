//! `SignError`: one stable code per way a request can fail, with the field it
//! concerns, so the server can map it to its own error type and messages.

use std::fmt;

/// Why a signing or verification request was refused.
///
/// `code` is stable and machine-readable (the server's message catalog is
/// keyed by it); `field` names the input it concerns; `detail` is for logs
/// only (it may quote a library's message) and is never shown to users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignError {
    pub code: &'static str,
    pub field: &'static str,
    pub detail: String,
}

impl SignError {
    pub fn new(code: &'static str, field: &'static str, detail: impl Into<String>) -> Self {
        Self { code, field, detail: detail.into() }
    }

    /// The input does not start with `%PDF-`.
    pub(crate) fn not_pdf(field: &'static str) -> Self {
        Self::new("not_pdf", field, "no %PDF- header")
    }

    /// An internal step failed that no caller input explains (a bug or a
    /// library limit); the detail says which.
    pub(crate) fn internal(detail: impl Into<String>) -> Self {
        Self::new("signing_failed", "document", detail)
    }
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.field, self.detail)
    }
}

impl std::error::Error for SignError {}

impl From<underskrift::PdfSignError> for SignError {
    fn from(e: underskrift::PdfSignError) -> Self {
        SignError::internal(e.to_string())
    }
}
