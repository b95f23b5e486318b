//! The password policy of new passwords, after OWASP ASVS 4.0 level 2
//! (V2.1) and NIST SP 800-63B §5.1.1.2:
//!
//! - at least [`MIN_CHARS`] characters (ASVS 2.1.1) for every account,
//!   citizens included: ASVS asks 12 of every account, and a citizen's
//!   account holds personal data (ID numbers, addresses, dossiers) just as
//!   an officer's reaches them;
//! - at most [`MAX_CHARS`] characters (ASVS 2.1.2 asks that at least 64 be
//!   allowed; the bound keeps the work of one hash small);
//! - any character allowed, spaces included, and no composition rules
//!   (ASVS 2.1.4, 2.1.9): no "one digit, one capital";
//! - not on the shipped list of common and breached passwords (ASVS 2.1.7,
//!   NIST "values known to be commonly-used"), compared in lowercase;
//! - not the account's own username (NIST "context-specific words").
//!
//! Characters are counted as Unicode scalar values, so `mật khẩu` is 8.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::RuleError;

/// The shortest password accepted (ASVS 2.1.1).
pub const MIN_CHARS: usize = 12;
/// The longest password accepted (ASVS 2.1.2 asks for at least 64).
pub const MAX_CHARS: usize = 128;

/// Django's list of 19,641 common passwords, lowercase, one a line (BSD
/// licence; see `data/passwords/README.md`).
const COMMON: &str = include_str!("../data/passwords/common-passwords.txt");

fn common() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
}

/// Whether `password` (in any case) is on the common-password list.
pub fn is_common(password: &str) -> bool {
    common().contains(password.to_lowercase().as_str())
}

/// Checks a new password for the account `username` (already normalised,
/// lowercase). Errors on `field`: `password_too_short` (argument `min`),
/// `password_too_long` (`max`), `password_common`, `password_is_username`.
pub fn check(password: &str, username: &str, field: &str) -> Result<(), RuleError> {
    let n = password.chars().count();
    if n < MIN_CHARS {
        return Err(RuleError::invalid("password_too_short", field).arg("min", MIN_CHARS));
    }
    if n > MAX_CHARS {
        return Err(RuleError::invalid("password_too_long", field).arg("max", MAX_CHARS));
    }
    if is_common(password) {
        return Err(RuleError::invalid("password_common", field));
    }
    if !username.is_empty() && password.trim().to_lowercase() == username.trim().to_lowercase() {
        return Err(RuleError::invalid("password_is_username", field));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(password: &str) -> Option<&'static str> {
        check(password, "nguyenvana", "password").err().map(|e| e.code)
    }

    #[test]
    fn the_list_is_loaded_whole() {
        assert!(common().len() > 19_000, "{}", common().len());
        for p in ["123456", "password", "12345678", "qwerty123456", "1q2w3e4r5t6y"] {
            assert!(is_common(p), "{p}");
        }
        assert!(is_common("QWERTY123456"), "compared in lowercase");
        assert!(!is_common("mưa rào đầu hạ ở Cao Bằng"));
    }

    #[test]
    fn length_bounds_count_characters() {
        assert_eq!(code("12345678"), Some("password_too_short"));
        assert_eq!(code("password"), Some("password_too_short"));
        assert_eq!(code("xk3-mưa-rào"), Some("password_too_short"), "11 characters, more bytes");
        assert_eq!(code("xk3-mưa-rào!"), None, "12 characters");
        assert_eq!(code(&"đ".repeat(MAX_CHARS)), None, "128 two-byte characters");
        assert_eq!(code(&"a".repeat(MAX_CHARS + 1)), Some("password_too_long"));
        let e = check("short", "x", "password").unwrap_err();
        assert!(e.message_en.contains("12") && e.message_vi.contains("12"), "{e:?}");
        assert_eq!(e.field.as_deref(), Some("password"));
    }

    #[test]
    fn common_passwords_and_the_username_are_refused_not_compositions() {
        assert_eq!(code("qwerty123456"), Some("password_common"));
        assert_eq!(code("123456789123"), Some("password_common"));
        assert_eq!(check("nguyenvana12", "nguyenvana12", "password").unwrap_err().code, "password_is_username");
        assert_eq!(check("NguyenVanA12", "nguyenvana12", "password").unwrap_err().code, "password_is_username");
        // No composition rules: lowercase words with spaces pass.
        assert_eq!(code("trâu ăn cỏ non ven suối"), None);
        assert_eq!(code("correct horse battery staple"), None);
    }
}
