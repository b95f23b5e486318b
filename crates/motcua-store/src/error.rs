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

    pub fn not_found(code: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        StoreError::Rule(RuleError::new(ErrorKind::NotFound, code, None, vi, en))
    }

    pub fn conflict(code: &'static str, field: Option<&str>, vi: impl Into<String>, en: impl Into<String>) -> Self {
        StoreError::Rule(RuleError::new(ErrorKind::Conflict, code, field, vi, en))
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
    pub fn on_unique(self, code: &'static str, field: &str, vi: &str, en: &str) -> Self {
        match self {
            StoreError::Db(DbError::Unique(_)) => StoreError::conflict(code, Some(field), vi, en),
            other => other,
        }
    }
}
