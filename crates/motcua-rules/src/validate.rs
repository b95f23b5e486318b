//! Checks of applicant input, as types: once a value is a [`PhoneNumber`],
//! a [`CitizenId`], an [`Email`] or a [`PersonName`] it is valid and
//! normalised, and it stays so through JSON and storage (deserialising goes
//! through the same `parse`).
//!
//! The `Debug` output of these types is masked ([`crate::mask`]) so that a
//! stray `{:?}` in a log line does not leak personal data; `Display` and
//! `as_str` give the full value for receipts and forms.

use std::fmt;

use serde::Serialize;

use crate::codes::string_newtype;
use crate::error::RuleError;
use crate::mask;

// ---------------------------------------------------------------------------
// Phone number
// ---------------------------------------------------------------------------

/// A Vietnamese phone number, normalised to the national form with the
/// leading `0` and digits only: `0912345678`.
///
/// Accepted input: spaces, dots, dashes and parentheses between digits, and
/// the country code written `+84` or `84` instead of the leading `0`.
///
/// Accepted numbers (after the 2017–2018 renumbering):
/// - mobile: 10 digits, `03`, `05`, `07`, `08` or `09` then 8 digits;
/// - fixed line: 11 digits, `02` then 9 digits (area code `024`/`028` and
///   an 8-digit subscriber number, or `02xx` and 7 digits).
///
/// Fixed lines are 11 digits, not 10: since the 2017 area-code change a
/// landline is the 3- or 4-digit `02…` area code plus a 7- or 8-digit
/// subscriber number. Which sub-prefixes are actually assigned is not
/// checked: that list changes and a wrong refusal at the counter costs more
/// than a number that turns out not to answer.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct PhoneNumber(String);

string_newtype!(PhoneNumber, "phone");

impl PhoneNumber {
    /// Digits of a mobile number, leading `0` included.
    pub const MOBILE_DIGITS: usize = 10;
    /// Digits of a fixed-line number, leading `0` included.
    pub const LANDLINE_DIGITS: usize = 11;
    /// Longest raw input looked at: the longest number (11 digits, or 12
    /// with `84`), written `+84 (0)2x xxxx xxxx`-style with a separator
    /// between every digit, fits in 32 characters. Anything longer is not
    /// a phone number and is refused before any work is done on it.
    pub const MAX_RAW_LEN: usize = 32;

    /// Error code `invalid_phone` on `field`.
    pub fn parse(raw: &str, field: &str) -> Result<PhoneNumber, RuleError> {
        let err = || RuleError::invalid("invalid_phone", field);
        let s = raw.trim();
        if s.is_empty() || s.len() > Self::MAX_RAW_LEN {
            return Err(err());
        }
        // Separators are dropped first so that `(+84)` works; a `+` is then
        // only allowed in front.
        let compact: String = s.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')')).collect();
        let (plus, digits) = match compact.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, compact.as_str()),
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let national = if plus {
            // `+` is only ever followed by the country code 84.
            match digits.strip_prefix("84") {
                Some(n) => format!("0{n}"),
                None => return Err(err()),
            }
        } else if let Some(n) = digits.strip_prefix("84") {
            // A national number starts with 0, so a leading 84 is the
            // country code written without `+`.
            format!("0{n}")
        } else {
            digits.to_owned()
        };
        let b = national.as_bytes();
        let ok = matches!(
            (b.len(), b.first(), b.get(1)),
            (Self::MOBILE_DIGITS, Some(b'0'), Some(b'3' | b'5' | b'7' | b'8' | b'9'))
                | (Self::LANDLINE_DIGITS, Some(b'0'), Some(b'2'))
        );
        if !ok {
            return Err(err());
        }
        Ok(PhoneNumber(national))
    }

    /// True for a mobile number (can receive SMS notifications).
    pub fn is_mobile(&self) -> bool {
        self.0.len() == Self::MOBILE_DIGITS
    }

    /// The last four digits (the public lookup check).
    fn last4(&self) -> Option<[u8; 4]> {
        last4_bytes(&self.0)
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhoneNumber({:?})", mask::mask_phone(&self.0))
    }
}

// ---------------------------------------------------------------------------
// Citizen ID
// ---------------------------------------------------------------------------

/// Which identity document a [`CitizenId`] is the number of. Inferred from
/// the shape of the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// 12-digit personal identification number (số định danh cá nhân),
    /// printed on the căn cước công dân / căn cước card.
    Cccd,
    /// 9-digit number of the old chứng minh nhân dân card.
    Cmnd,
    /// A passport number, for foreigners (and Vietnamese abroad).
    Passport,
}

/// The number of an applicant's identity document, normalised: surrounding
/// and inner spaces removed, letters upper-cased.
///
/// - 12 digits: [`IdKind::Cccd`]; 9 digits: [`IdKind::Cmnd`];
/// - otherwise a passport: a letter and 7–8 digits (the Vietnamese shape,
///   e.g. `C1234567`) or 8–9 letters and digits (foreign passports).
///
/// The kind is read from the shape, so a foreign passport number of exactly
/// nine digits reads as a CMND number. That does not matter for what the
/// number is used for here (matching, masking, the lookup check); a form
/// that must know the document type asks for it separately.
///
/// Only the shape is checked: the meaning of the first digits of a CCCD
/// number (place of birth registration, century and sex, year of birth) is
/// not validated, since a wrong table would turn citizens away.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct CitizenId(String);

string_newtype!(CitizenId, "citizen_id");

impl CitizenId {
    /// Digits of a personal identification number (CCCD).
    pub const CCCD_DIGITS: usize = 12;
    /// Digits of an old identity card number (CMND).
    pub const CMND_DIGITS: usize = 9;
    /// Shortest and longest passport number accepted. Vietnamese passports
    /// are one letter and 7 digits (8 characters) and the letter-and-8-digits
    /// shape is 9; 8–9 letters and digits also covers the common foreign
    /// shapes. A shorter or longer foreign number is refused: widen these
    /// if real applicants are turned away.
    pub const PASSPORT_MIN: usize = 8;
    pub const PASSPORT_MAX: usize = 9;
    /// Longest raw input looked at (a 12-digit number written in groups
    /// with spaces fits easily).
    pub const MAX_RAW_LEN: usize = 32;

    /// Error code `invalid_citizen_id` on `field`.
    pub fn parse(raw: &str, field: &str) -> Result<CitizenId, RuleError> {
        let err = || RuleError::invalid("invalid_citizen_id", field);
        let s = raw.trim();
        if s.is_empty() || s.len() > Self::MAX_RAW_LEN {
            return Err(err());
        }
        let n: String = s.chars().filter(|c| *c != ' ').map(|c| c.to_ascii_uppercase()).collect();
        if !n.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
            return Err(err());
        }
        let all_digits = n.bytes().all(|b| b.is_ascii_digit());
        let ok = (all_digits && (n.len() == Self::CCCD_DIGITS || n.len() == Self::CMND_DIGITS))
            || (Self::PASSPORT_MIN..=Self::PASSPORT_MAX).contains(&n.len());
        if !ok {
            return Err(err());
        }
        Ok(CitizenId(n))
    }

    /// The kind of document, from the shape of the number.
    pub fn kind(&self) -> IdKind {
        let all_digits = self.0.bytes().all(|b| b.is_ascii_digit());
        match self.0.len() {
            Self::CCCD_DIGITS if all_digits => IdKind::Cccd,
            Self::CMND_DIGITS if all_digits => IdKind::Cmnd,
            _ => IdKind::Passport,
        }
    }

    /// The last four characters (the public lookup check).
    fn last4(&self) -> Option<[u8; 4]> {
        last4_bytes(&self.0)
    }
}

impl fmt::Debug for CitizenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CitizenId({:?})", mask::mask_id(&self.0))
    }
}

// ---------------------------------------------------------------------------
// Email
// ---------------------------------------------------------------------------

/// An email address, checked for structure only (`local@domain.tld`, no
/// spaces or control characters); whether it receives mail is found out by
/// sending to it. The domain is lower-cased; the local part is kept as
/// typed, since mail servers may treat it case-sensitively.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Email(String);

string_newtype!(Email, "email");

impl Email {
    /// Longest address, in characters: the limit of an SMTP forward path
    /// (RFC 5321 §4.5.3.1.3, 256 octets including the angle brackets).
    pub const MAX_LEN: usize = 254;
    /// Longest local part, in characters (RFC 5321 §4.5.3.1.1).
    pub const MAX_LOCAL_LEN: usize = 64;
    /// Longest domain label, in characters (RFC 1035 §2.3.4).
    pub const MAX_LABEL_LEN: usize = 63;

    /// Error code `invalid_email` on `field`.
    pub fn parse(raw: &str, field: &str) -> Result<Email, RuleError> {
        let err = || RuleError::invalid("invalid_email", field);
        let s = raw.trim();
        if s.is_empty() || s.chars().count() > Self::MAX_LEN {
            return Err(err());
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err(err());
        };
        let local_ok = !local.is_empty()
            && local.chars().count() <= Self::MAX_LOCAL_LEN
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| !c.is_whitespace() && !c.is_control() && !"@<>()[]\\,;:\"".contains(c));
        let domain = domain.to_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.chars().count() <= Self::MAX_LABEL_LEN
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if !local_ok || !domain_ok {
            return Err(err());
        }
        Ok(Email(format!("{local}@{domain}")))
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email({:?})", mask::mask_email(&self.0))
    }
}

// ---------------------------------------------------------------------------
// Person name
// ---------------------------------------------------------------------------

/// A person's full name: trimmed, runs of spaces collapsed to one, at least
/// one letter, no control or invisible formatting characters. Any script
/// is accepted (Vietnamese letters, foreign names).
///
/// Text is kept in the form it arrives in (composed or decomposed Unicode);
/// normalising to NFC would need Unicode tables this crate does not carry.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct PersonName(String);

string_newtype!(PersonName, "name");

impl PersonName {
    /// Longest name, in characters. A Vietnamese full name is rarely over
    /// 40 characters; 120 leaves room for long foreign names with several
    /// given names while still fitting one line of a printed form. (The
    /// field size of the national portal's `ChuHoSo` is NOT FOUND.)
    pub const MAX_CHARS: usize = 120;

    /// Error code `invalid_name` on `field`.
    pub fn parse(raw: &str, field: &str) -> Result<PersonName, RuleError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(RuleError::invalid("invalid_name", field));
        }
        if s.chars().any(|c| c.is_control() || is_invisible_format(c)) {
            return Err(RuleError::invalid("invalid_name", field).arg("case", "chars"));
        }
        if !s.chars().any(char::is_alphabetic) {
            return Err(RuleError::invalid("invalid_name", field).arg("case", "letters"));
        }
        let name = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.chars().count() > Self::MAX_CHARS {
            return Err(RuleError::invalid("invalid_name", field).arg("case", "too-long").arg("max", Self::MAX_CHARS));
        }
        Ok(PersonName(name))
    }
}

impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonName({:?})", mask::mask_name(&self.0))
    }
}

/// Zero-width and bidirectional formatting characters: invisible, and able
/// to make a name display differently from what it is (U+202E reverses the
/// text after it).
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

// ---------------------------------------------------------------------------
// Free text
// ---------------------------------------------------------------------------

/// A note, reason or other free text: line endings normalised to `\n`,
/// trimmed, at most `max_chars` characters, no control characters other
/// than newline and tab. Empty is allowed (see [`required_text`]).
///
/// Errors on `field`: `text_too_long`, `invalid_text`. The limit is the
/// caller's because it depends on where the text goes (a refusal reason is
/// printed on a slip, a note is not).
pub fn text(raw: &str, field: &str, max_chars: usize) -> Result<String, RuleError> {
    let s = raw.replace("\r\n", "\n").replace('\r', "\n");
    let s = s.trim();
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(RuleError::invalid("invalid_text", field));
    }
    let n = s.chars().count();
    if n > max_chars {
        return Err(RuleError::invalid("text_too_long", field).arg("n", n).arg("max", max_chars));
    }
    Ok(s.to_owned())
}

/// [`text`] that must not be empty after trimming: error code `required` on
/// `field`.
pub fn required_text(raw: &str, field: &str, max_chars: usize) -> Result<String, RuleError> {
    let s = text(raw, field, max_chars)?;
    if s.is_empty() {
        return Err(RuleError::invalid("required", field));
    }
    Ok(s)
}

// ---------------------------------------------------------------------------
// Public lookup check
// ---------------------------------------------------------------------------

/// The last four bytes of an ASCII value.
fn last4_bytes(s: &str) -> Option<[u8; 4]> {
    s.as_bytes().last_chunk::<4>().copied()
}

/// Compares two 4-byte values, looking at every byte whatever the earlier
/// ones were.
fn ct_eq4(a: &[u8; 4], b: &[u8; 4]) -> bool {
    let mut diff = 0u8;
    for (x, y) in a.iter().zip(b) {
        diff |= x ^ y;
    }
    std::hint::black_box(diff) == 0
}

/// The check of the public status lookup: `check` must be exactly four
/// digits and equal the last four digits of the applicant's phone number
/// or of their ID number.
///
/// Both candidates are always compared, byte by byte to the end, so the
/// time taken does not tell which byte differed or which candidate matched.
/// (Whether the check has the right shape is not secret and is answered
/// at once.) Rate limiting the lookup is the caller's job: four digits are
/// only 10,000 guesses.
pub fn last4_matches(check: &str, phone: Option<&PhoneNumber>, id: Option<&CitizenId>) -> bool {
    let Some(c) = check.as_bytes().first_chunk::<4>() else {
        return false;
    };
    if check.len() != 4 || !c.iter().all(u8::is_ascii_digit) {
        return false;
    }
    // A value that is absent is compared against a filler that can never
    // equal four digits, so the work done is the same.
    const NONE: [u8; 4] = [0xff; 4];
    let p = phone.and_then(PhoneNumber::last4).unwrap_or(NONE);
    let i = id.and_then(CitizenId::last4).unwrap_or(NONE);
    let phone_ok = ct_eq4(c, &p);
    let id_ok = ct_eq4(c, &i);
    phone_ok | id_ok
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
