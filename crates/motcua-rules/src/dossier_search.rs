//! Staff search of dossiers (tìm hồ sơ): what one typed box means, and the
//! keys each dossier can be found by.
//!
//! A counter officer whose citizen comes back for a result types whatever
//! the citizen gives: the code on the receipt, a phone number, the number
//! of a CCCD/CMND or passport, or a name, with or without diacritics. The
//! box recognises which one it is from its shape ([`parse_query`]); each
//! dossier is stored under the matching keys ([`keys_of`]), so every search
//! is an exact look-up in an index, never a scan of the names.
//!
//! **Names** (decision, docs/search.md): a name is found by its whole
//! folded form or by any run of its last words, the way Vietnamese names
//! are asked for: "Nông Thị Mai", "Thị Mai", "mai" and "NONG THI MAI" all
//! find Nông Thị Mai; "Nông Mai" does not. Folding is the catalogue's
//! (lower case, no diacritics, `đ` as `d`), so "Đàm" and "dam" are equal.

use crate::error::RuleError;
use crate::fold::fold_letter;
use crate::validate::{CitizenId, PhoneNumber};

/// The field a search's errors name.
pub const QUERY_FIELD: &str = "q";

/// Longest query looked at: a long name, a code with separators.
pub const MAX_QUERY_LEN: usize = 100;

/// The most words of a name keyed: a person's name has two to five; an
/// organisation's longer name is found by its last eight words, its code,
/// phone or number.
pub const MAX_NAME_WORDS: usize = 8;

/// One key of the search index: a kind and a normalised value. Its stored
/// form ([`SearchKey::stored`]) is `kind:value`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SearchKey {
    /// The folded name, or a run of its last words.
    Name(String),
    /// A phone number in its national form (`0912345678`).
    Phone(String),
    /// An identity document number, upper case without spaces.
    IdNumber(String),
}

impl SearchKey {
    /// The form stored in the index and looked up.
    pub fn stored(&self) -> String {
        match self {
            SearchKey::Name(v) => format!("n:{v}"),
            SearchKey::Phone(v) => format!("p:{v}"),
            SearchKey::IdNumber(v) => format!("i:{v}"),
        }
    }
}

/// What a typed query was recognised as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchQuery {
    /// A dossier code (`H11.100-260309-0001`), upper-cased.
    Code(String),
    /// Keys to look up; a dossier matching any of them is a result (a
    /// 9-digit number is both an old CMND and, with a leading 0 lost, not a
    /// phone; a 10-digit one may be a phone; both are tried where valid).
    Keys(Vec<SearchKey>),
}

/// The folded form of a name: lower case, without diacritics, words
/// separated by one space, anything but letters and digits dropped.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            out.push(fold_letter(c));
        }
    }
    out
}

/// The name keys of `name`: the folded name and every run of its last
/// words, at most [`MAX_NAME_WORDS`] of them.
fn name_keys(name: &str) -> Vec<SearchKey> {
    let folded = fold_name(name);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let from = words.len().saturating_sub(MAX_NAME_WORDS);
    (from..words.len()).map(|i| SearchKey::Name(words[i..].join(" "))).collect()
}

/// The keys a dossier's applicant is found by: its name's, its phone's and
/// its identity number's. Phone and number are the stored, already
/// normalised values; one that does not parse (data older than the checks)
/// is keyed as stored.
pub fn keys_of(name: &str, phone: Option<&str>, id_number: Option<&str>) -> Vec<SearchKey> {
    let mut keys = name_keys(name);
    if let Some(p) = phone.map(str::trim).filter(|p| !p.is_empty()) {
        let national = PhoneNumber::parse(p, "phone").map(|p| p.as_str().to_owned()).unwrap_or_else(|_| p.to_owned());
        keys.push(SearchKey::Phone(national));
    }
    if let Some(n) = id_number.map(str::trim).filter(|n| !n.is_empty()) {
        let n = CitizenId::parse(n, "id_number").map(|n| n.as_str().to_owned()).unwrap_or_else(|_| n.to_uppercase());
        keys.push(SearchKey::IdNumber(n));
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Recognises a typed query. Errors: `search_query_required` (empty),
/// `search_query_too_long`, `search_query_unrecognised` (digits that are
/// neither a phone nor an identity number, or no letter at all).
pub fn parse_query(raw: &str) -> Result<SearchQuery, RuleError> {
    let q = raw.trim();
    if q.is_empty() {
        return Err(RuleError::invalid("search_query_required", QUERY_FIELD));
    }
    if q.chars().count() > MAX_QUERY_LEN {
        return Err(RuleError::invalid("search_query_too_long", QUERY_FIELD).arg("max", MAX_QUERY_LEN));
    }
    // A dossier code: one word with a dash and digits (H11.100-260309-0001).
    if !q.contains(char::is_whitespace) && q.contains('-') && q.chars().any(|c| c.is_ascii_digit()) {
        let letters_or_digits = q.chars().filter(|c| c.is_ascii_alphanumeric()).count();
        if letters_or_digits >= 6 && q.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.')) {
            return Ok(SearchQuery::Code(crate::codes::normalize_dossier_code(q)));
        }
    }
    // A number: a phone, an identity number, or both where both are valid.
    let compact: String = q.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')')).collect();
    let numeric = compact.trim_start_matches('+').bytes().all(|b| b.is_ascii_digit());
    if numeric {
        let mut keys = Vec::new();
        if let Ok(p) = PhoneNumber::parse(q, QUERY_FIELD) {
            keys.push(SearchKey::Phone(p.as_str().to_owned()));
        }
        if let Ok(n) = CitizenId::parse(&compact, QUERY_FIELD) {
            keys.push(SearchKey::IdNumber(n.as_str().to_owned()));
        }
        if keys.is_empty() {
            return Err(RuleError::invalid("search_query_unrecognised", QUERY_FIELD));
        }
        return Ok(SearchQuery::Keys(keys));
    }
    // A passport number: one word of 8–9 letters and digits, with both.
    let one_word = !q.contains(char::is_whitespace);
    let has_digit = q.chars().any(|c| c.is_ascii_digit());
    if one_word
        && has_digit
        && let Ok(n) = CitizenId::parse(q, QUERY_FIELD)
    {
        return Ok(SearchQuery::Keys(vec![SearchKey::IdNumber(n.as_str().to_owned())]));
    }
    let folded = fold_name(q);
    if !folded.chars().any(char::is_alphabetic) {
        return Err(RuleError::invalid("search_query_unrecognised", QUERY_FIELD));
    }
    let words: Vec<&str> = folded.split(' ').collect();
    let kept = words[words.len().saturating_sub(MAX_NAME_WORDS)..].join(" ");
    Ok(SearchQuery::Keys(vec![SearchKey::Name(kept)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(q: &str) -> Vec<String> {
        match parse_query(q).unwrap() {
            SearchQuery::Keys(k) => k.iter().map(SearchKey::stored).collect(),
            SearchQuery::Code(c) => vec![format!("code:{c}")],
        }
    }

    #[test]
    fn a_name_is_found_whole_or_by_its_last_words_with_or_without_diacritics() {
        let stored: Vec<String> = keys_of("Nông Thị Mai", None, None).iter().map(SearchKey::stored).collect();
        assert_eq!(stored, ["n:mai", "n:nong thi mai", "n:thi mai"]);
        for typed in ["Nông Thị Mai", "nong thi mai", "NÔNG  THỊ MAI", "Thị Mai", "mai", " Mai "] {
            let k = keys(typed);
            assert!(stored.contains(&k[0]), "{typed} → {k:?}");
        }
        assert!(!stored.contains(&keys("Nông Mai")[0]));
        assert_eq!(keys("Đàm Văn Đức"), ["n:dam van duc"]);
    }

    #[test]
    fn numbers_are_phones_or_identity_numbers_by_their_shape() {
        assert_eq!(keys("0912 345 678"), ["p:0912345678"]);
        assert_eq!(keys("+84 912345678"), ["p:0912345678"]);
        assert_eq!(keys("004123456789"), ["i:004123456789"], "12 digits: a CCCD");
        assert_eq!(keys("123456789"), ["i:123456789"], "9 digits: an old CMND");
        assert_eq!(keys("b1234567"), ["i:B1234567"], "a passport");
        let err = parse_query("12345").unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), ("search_query_unrecognised", Some("q")));
    }

    #[test]
    fn a_code_is_recognised_and_upper_cased() {
        assert_eq!(parse_query(" h11.100-260309-0001 ").unwrap(), SearchQuery::Code("H11.100-260309-0001".into()));
    }

    #[test]
    fn empty_long_and_meaningless_queries_are_refused_with_their_codes() {
        assert_eq!(parse_query("  ").unwrap_err().code, "search_query_required");
        assert_eq!(parse_query(&"a".repeat(101)).unwrap_err().code, "search_query_too_long");
        assert_eq!(parse_query("%%% ---").unwrap_err().code, "search_query_unrecognised");
    }

    #[test]
    fn stored_phones_and_numbers_key_as_their_normal_form() {
        let k = keys_of("Công ty TNHH Một Hai Ba Bốn Năm Sáu Bảy Tám", Some("0912345678"), Some("004123456789"));
        let names = k.iter().filter(|k| matches!(k, SearchKey::Name(_))).count();
        assert_eq!(names, MAX_NAME_WORDS);
        assert!(k.contains(&SearchKey::Phone("0912345678".into())));
        assert!(k.contains(&SearchKey::IdNumber("004123456789".into())));
    }
}
