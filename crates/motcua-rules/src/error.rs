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
    /// The arguments of the catalog message: name, Vietnamese, English.
    args: Vec<(&'static str, String, String)>,
}

/// Building errors: the constructors take the code (a string literal, first,
/// so that the tests can find every code used) and render its message from
/// the catalog (`locales/{vi,en}/errors.ftl`, see [`crate::messages`]);
/// `.arg(name, value)` fills in a variable of the message.
///
/// ```
/// # use motcua_rules::RuleError;
/// let e = RuleError::invalid_data("calendar_year_unknown").arg("year", 2031);
/// assert!(e.message_en.contains("2031"));
/// ```
impl RuleError {
    /// An error whose messages are given as they are, not from the catalog.
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
            args: Vec::new(),
        }
    }

    /// An error of `kind` with the catalog message of `code`.
    pub fn of(code: &'static str, kind: ErrorKind, field: Option<&str>) -> Self {
        let (vi, en) = crate::messages::error_message(code, &[]);
        RuleError::new(kind, code, field, vi, en)
    }

    /// A validation failure on `field`.
    pub fn invalid(code: &'static str, field: &str) -> Self {
        RuleError::of(code, ErrorKind::Invalid, Some(field))
    }

    /// Invalid data that is not one input field (a calendar, a code format).
    pub fn invalid_data(code: &'static str) -> Self {
        RuleError::of(code, ErrorKind::Invalid, None)
    }

    /// An action the dossier's state does not allow.
    pub fn not_allowed(code: &'static str) -> Self {
        RuleError::of(code, ErrorKind::NotAllowed, None)
    }

    /// An action the caller's role or unit does not allow.
    pub fn forbidden(code: &'static str) -> Self {
        RuleError::of(code, ErrorKind::Forbidden, None)
    }

    /// Someone else changed the record first, or a unique value is taken.
    pub fn conflict(code: &'static str) -> Self {
        RuleError::of(code, ErrorKind::Conflict, None)
    }

    /// The thing named does not exist, or is not visible to the caller.
    pub fn not_found(code: &'static str) -> Self {
        RuleError::of(code, ErrorKind::NotFound, None)
    }

    /// Fills in the message variable `name` with `value` in both languages.
    pub fn arg(self, name: &'static str, value: impl fmt::Display) -> Self {
        let value = value.to_string();
        self.arg_each(name, value.clone(), value)
    }

    /// Fills in the message variable `name`, written differently in each
    /// language (a number the Vietnamese way, a name in each language).
    pub fn arg_each(mut self, name: &'static str, vi: impl fmt::Display, en: impl fmt::Display) -> Self {
        self.args.retain(|(n, _, _)| *n != name);
        self.args.push((name, vi.to_string(), en.to_string()));
        let args_vi: Vec<(&str, &str)> = self.args.iter().map(|(n, v, _)| (*n, v.as_str())).collect();
        let args_en: Vec<(&str, &str)> = self.args.iter().map(|(n, _, e)| (*n, e.as_str())).collect();
        let (vi, en) = crate::messages::error_message_each(self.code, &args_vi, &args_en);
        self.message_vi = vi;
        self.message_en = en;
        self
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

/// Every problem of one form or request, in the order the fields were
/// checked. A person at a counter fixes all their mistakes in one go only
/// if they are told about all of them, so a check of several fields adds
/// each failure here instead of returning at the first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(Vec<RuleError>);

impl Problems {
    pub fn new() -> Self {
        Problems(Vec::new())
    }

    /// The value of a check that passed; a failure is noted and `None`
    /// returned, so the caller goes on to the next field.
    pub fn check<T>(&mut self, result: Result<T, RuleError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    pub fn add(&mut self, e: RuleError) {
        self.0.push(e);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether a problem is already noted on `field`: a second check of the
    /// same field (a rule spanning two fields) then adds nothing.
    pub fn on(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field.as_deref() == Some(field))
    }

    /// The problems, first found first.
    pub fn into_vec(self) -> Vec<RuleError> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_keep_every_failure_in_order() {
        let mut p = Problems::new();
        assert_eq!(p.check(Ok::<_, RuleError>(3)), Some(3));
        assert_eq!(p.check::<()>(Err(RuleError::invalid("invalid_name", "a"))), None);
        p.add(RuleError::invalid("invalid_phone", "b"));
        assert!(p.on("a") && p.on("b") && !p.on("c"));
        let codes: Vec<_> = p.into_vec().into_iter().map(|e| e.code).collect();
        assert_eq!(codes, ["invalid_name", "invalid_phone"]);
    }
}
