//! Store errors: a rule the data breaks (with its stable code), or a
//! failure of the database itself.

use motcua_rules::RuleError;
use motcua_rules::error::ErrorKind;

use crate::db::DbError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The request breaks a rule: not found, conflict, invalid ... The
    /// caller shows it to the user.
    #[error(transparent)]
    Rule(#[from] RuleError),
    /// The database failed; the caller logs it and answers 500/503.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl StoreError {
    pub fn internal(msg: impl Into<String>) -> Self {
        StoreError::Db(DbError::Other(msg.into()))
    }

    /// Not found, with the catalog message of `code` (see `motcua_rules::messages`).
    pub fn not_found(code: &'static str) -> Self {
        StoreError::Rule(RuleError::of(code, ErrorKind::NotFound, None))
    }

    /// A conflict on `field`, with the catalog message of `code`.
    pub fn conflict(code: &'static str, field: Option<&str>) -> Self {
        StoreError::Rule(RuleError::of(code, ErrorKind::Conflict, field))
    }

    /// Fills in the message variable `name` of a rule error (see [`RuleError::arg`]).
    pub fn arg(self, name: &'static str, value: impl std::fmt::Display) -> Self {
        match self {
            StoreError::Rule(r) => StoreError::Rule(r.arg(name, value)),
            other => other,
        }
    }

    /// The rule error inside, if this is one.
    pub fn rule(&self) -> Option<&RuleError> {
        match self {
            StoreError::Rule(r) => Some(r),
            StoreError::Db(_) => None,
        }
    }

    /// A unique-constraint violation from the database, mapped to a clear
    /// conflict; other errors pass through.
    pub fn on_unique(self, code: &'static str, field: &str) -> Self {
        match self {
            StoreError::Db(DbError::Unique(_)) => StoreError::conflict(code, Some(field)),
            other => other,
        }
    }
}
