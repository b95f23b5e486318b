//! Rule errors: a stable code for programs, the offending field, and a
//! message in Vietnamese and in English for people.
//!
//! The code is part of the API contract: clients branch on it, so a code is
//! never renamed once shipped. Messages may be reworded freely.

use std::fmt;

/// What kind of failure this is; the HTTP layer maps it to a status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input breaks a validation rule (HTTP 422).
    Invalid,
    /// The action is not allowed in the dossier's current state (HTTP 409).
    NotAllowed,
    /// The caller's role or unit does not allow it (HTTP 403).
    Forbidden,
    /// Someone else changed the record first, or a unique value is taken (HTTP 409).
    Conflict,
    /// The thing named does not exist, or is not visible to the caller (HTTP 404).
    NotFound,
}

/// The name of an input field, as the client wrote it (`"applicant.phone"`).
pub type Field = String;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub kind: ErrorKind,
    /// Stable machine-readable code, snake_case (`"calendar_year_unknown"`).
    pub code: &'static str,
    /// The offending input field, when there is one.
    pub field: Option<Field>,
    pub message_vi: String,
    pub message_en: String,
}

impl RuleError {
    pub fn new(
        kind: ErrorKind,
        code: &'static str,
        field: Option<&str>,
        message_vi: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        RuleError {
            kind,
            code,
            field: field.map(str::to_owned),
            message_vi: message_vi.into(),
            message_en: message_en.into(),
        }
    }

    /// A validation failure on `field`.
    pub fn invalid(
        code: &'static str,
        field: &str,
        message_vi: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        RuleError::new(ErrorKind::Invalid, code, Some(field), message_vi, message_en)
    }

    /// An action the dossier's state does not allow.
    pub fn not_allowed(code: &'static str, message_vi: impl Into<String>, message_en: impl Into<String>) -> Self {
        RuleError::new(ErrorKind::NotAllowed, code, None, message_vi, message_en)
    }

    /// An action the caller's role or unit does not allow.
    pub fn forbidden(code: &'static str, message_vi: impl Into<String>, message_en: impl Into<String>) -> Self {
        RuleError::new(ErrorKind::Forbidden, code, None, message_vi, message_en)
    }

    /// Sets or replaces the field the error points at.
    pub fn at(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message_en)?;
        if let Some(field) = &self.field {
            write!(f, " (field `{field}`)")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleError {}
