//! Unit codes, procedure codes and dossier codes.
//!
//! - [`UnitCode`]: the national identifier of an agency (Thông tư
//!   10/2016/TT-BTTTT, QCVN 102:2016/BTTTT), e.g. `000.00.04.G18`.
//! - [`ProcedureCode`]: the code of an administrative procedure (TTHC) in
//!   the national TTHC database, `d.dddddd` (docs/sources.md#procedure-code).
//! - [`DossierCodeFormat`]: the dossier code (mã số hồ sơ) printed on the
//!   receipt. The format is chosen by configuration because the 2018 format
//!   is the only one with a (secondary) legal source and a different one is
//!   seen in 2026 data (docs/sources.md#dossier-code).

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::RuleError;

/// Implements the string plumbing shared by the validated newtypes of this
/// crate (`struct T(String)` with `fn parse(&str, &str) -> Result<T, RuleError>`):
/// `as_str`, `into_string`, `AsRef<str>`, `Display`, `From<T> for String`,
/// and a `Deserialize` that goes through `parse`, so a value read from JSON
/// or a database is checked exactly like one typed by a user.
///
/// `Serialize` is derived on the type with `#[serde(transparent)]`; serde
/// does not allow `transparent` together with `try_from`, hence the manual
/// `Deserialize`. `$field` names the field in the error when deserialising.
/// `Debug` is left to the caller so that personal data can mask it.
macro_rules! string_newtype {
    ($ty:ident, $field:literal) => {
        impl $ty {
            /// The normalised value.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The normalised value, by value.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.0
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <::std::borrow::Cow<'de, str>>::deserialize(d)?;
                $ty::parse(&raw, $field).map_err(::serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use string_newtype;

// ---------------------------------------------------------------------------
// Unit code
// ---------------------------------------------------------------------------

/// The national identifier of an agency or unit (mã định danh cơ quan, đơn
/// vị), in the style of Thông tư 10/2016/TT-BTTTT and QCVN 102:2016/BTTTT:
/// dot-separated segments of upper-case letters and digits, e.g. `H44`,
/// `H44.100`, `G09.20`, `000.00.04.G18`.
///
/// Only the shape is checked: the segment structure of QCVN 102:2016
/// (`V1V2V3.Z1Z2.Y1Y2.MX1X2`) is not enforced because real data also uses
/// shorter local codes (`H44.100`, `G09.20`). A unit code never contains a
/// `-`, which is what lets a dossier code be split back into its parts.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct UnitCode(String);

string_newtype!(UnitCode, "unit_code");

impl UnitCode {
    /// Longest accepted unit code, in characters. The full QCVN 102:2016
    /// structure `V1V2V3.Z1Z2.Y1Y2.MX1X2` is 13 characters; the standard's
    /// own maximum length was not found, so 40 leaves room for longer local
    /// sub-unit suffixes while keeping dossier codes short enough to print
    /// on a receipt and type at a counter.
    pub const MAX_LEN: usize = 40;

    /// Trims, upper-cases (ASCII) and checks the shape. Error code
    /// `invalid_unit_code` on `field`.
    pub fn parse(raw: &str, field: &str) -> Result<UnitCode, RuleError> {
        let s = raw.trim();
        let err = |case: &str| RuleError::invalid("invalid_unit_code", field).arg("case", case);
        if s.is_empty() {
            return Err(err("empty"));
        }
        if s.chars().count() > Self::MAX_LEN {
            return Err(err("too-long").arg("max", Self::MAX_LEN));
        }
        let upper = s.to_ascii_uppercase();
        if !is_unit_code_shape(&upper) {
            return Err(err("shape"));
        }
        Ok(UnitCode(upper))
    }
}

impl fmt::Debug for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnitCode({:?})", self.0)
    }
}

/// True when `s` is already a canonical unit code: 1–[`UnitCode::MAX_LEN`]
/// characters, non-empty dot-separated segments of `[A-Z0-9]`.
fn is_unit_code_shape(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= UnitCode::MAX_LEN
        && s.split('.').all(|seg| !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
}

// ---------------------------------------------------------------------------
// Procedure code
// ---------------------------------------------------------------------------

/// The code of an administrative procedure (mã TTHC) in the national TTHC
/// database: one digit, a dot, six digits (`d.dddddd`), e.g. `1.004194`
/// (đăng ký tạm trú) or `2.001610` (đăng ký thành lập doanh nghiệp tư nhân).
///
/// The meaning of the leading digit (1 vs 2 in all data seen) is **NOT
/// FOUND** in our sources (docs/sources.md#procedure-code, and open
/// question 9 of #gaps), so any digit is accepted and no meaning is derived
/// from it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ProcedureCode(String);

string_newtype!(ProcedureCode, "procedure_code");

impl ProcedureCode {
    /// Length of a procedure code: `d.dddddd`.
    pub const LEN: usize = 8;

    /// Trims and checks the `d.dddddd` shape. Error code
    /// `invalid_procedure_code` on `field`.
    pub fn parse(raw: &str, field: &str) -> Result<ProcedureCode, RuleError> {
        let s = raw.trim();
        let b = s.as_bytes();
        let ok = b.len() == Self::LEN && b[0].is_ascii_digit() && b[1] == b'.' && b[2..].iter().all(u8::is_ascii_digit);
        if !ok {
            return Err(RuleError::invalid("invalid_procedure_code", field));
        }
        Ok(ProcedureCode(s.to_owned()))
    }
}

impl fmt::Debug for ProcedureCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ProcedureCode({:?})", self.0)
    }
}

// ---------------------------------------------------------------------------
// Dossier code
// ---------------------------------------------------------------------------

/// How dossier codes (mã số hồ sơ) are written. Chosen by configuration:
/// the legal format of 2018 may have been replaced under Nghị định
/// 118/2025/NĐ-CP (docs/sources.md#dossier-code), so both are supported and storage
/// allocates the sequence per (unit, day) whatever the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DossierCodeFormat {
    /// Thông tư 01/2018/TT-VPCP Điều 19 (as quoted by a secondary source):
    /// `<unit code>-YYMMDD-XXXX`, with the date received and a 4-digit
    /// sequence of the dossiers received that day by that unit, e.g.
    /// `H44.100-250607-0012`. The two-digit year is read as 20YY.
    #[default]
    Circular01,
    /// `<unit code>-YYYYMMDD-XXXXXXX`: 8-digit date and 7-digit sequence, as
    /// seen in a 2026 integration sample (`G09.20-20260609-0092637`).
    /// **UNVERIFIED**: no legal text for it was found (possibly TT
    /// 03/2025/TT-VPCP).
    Extended,
}

/// The parts of a dossier code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ParsedDossierCode {
    /// The receiving unit.
    pub unit: UnitCode,
    /// The day the dossier was received.
    pub day: NaiveDate,
    /// The sequence number of the dossier among those received by the unit
    /// that day, from 1.
    pub seq: u32,
}

/// Longest dossier code of any supported format, in bytes (all ASCII): the
/// longest unit code, then `-YYYYMMDD-XXXXXXX`.
pub const MAX_DOSSIER_CODE_LEN: usize = UnitCode::MAX_LEN + 1 + 8 + 1 + 7;

impl DossierCodeFormat {
    pub const ALL: [DossierCodeFormat; 2] = [DossierCodeFormat::Circular01, DossierCodeFormat::Extended];

    /// The configuration name (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            DossierCodeFormat::Circular01 => "circular01",
            DossierCodeFormat::Extended => "extended",
        }
    }

    /// Digits of the date part.
    fn date_digits(self) -> usize {
        match self {
            DossierCodeFormat::Circular01 => 6,
            DossierCodeFormat::Extended => 8,
        }
    }

    /// Digits of the sequence part.
    fn seq_digits(self) -> usize {
        match self {
            DossierCodeFormat::Circular01 => 4,
            DossierCodeFormat::Extended => 7,
        }
    }

    /// The largest sequence number the format can write in a day: 9,999 for
    /// [`Circular01`](Self::Circular01), 9,999,999 for
    /// [`Extended`](Self::Extended).
    pub fn max_sequence(self) -> u32 {
        match self {
            DossierCodeFormat::Circular01 => 9_999,
            DossierCodeFormat::Extended => 9_999_999,
        }
    }

    /// The years the date part can write: 2000–2099 for a two-digit year,
    /// 0–9999 for a four-digit year.
    fn year_range(self) -> std::ops::RangeInclusive<i32> {
        match self {
            DossierCodeFormat::Circular01 => 2000..=2099,
            DossierCodeFormat::Extended => 0..=9999,
        }
    }

    /// Writes the code of the `seq`-th dossier received by `unit` on `day`.
    ///
    /// Errors (none carries a field: these are the caller's values, not user
    /// input):
    /// - `dossier_sequence_exhausted` ([`ErrorKind::Conflict`]) when `seq` is
    ///   above [`max_sequence`](Self::max_sequence): the unit has used up
    ///   the day's codes, and wrapping around would issue a duplicate code.
    /// - `invalid_dossier_sequence` when `seq` is 0 (sequences start at 1).
    /// - `dossier_date_out_of_range` when the format cannot write the year.
    pub fn format(&self, unit: &UnitCode, day: NaiveDate, seq: u32) -> Result<String, RuleError> {
        let fmt = *self;
        if seq == 0 {
            return Err(RuleError::invalid_data("invalid_dossier_sequence"));
        }
        if seq > fmt.max_sequence() {
            return Err(RuleError::conflict("dossier_sequence_exhausted")
                .arg("unit", unit)
                .arg("max", fmt.max_sequence())
                .arg_each("day", day.format("%d/%m/%Y"), day.format("%Y-%m-%d")));
        }
        let year = day.year();
        if !fmt.year_range().contains(&year) {
            return Err(RuleError::invalid_data("dossier_date_out_of_range")
                .arg("format", fmt.as_str())
                .arg("year", year));
        }
        let (m, d) = (day.month(), day.day());
        let code = match fmt {
            DossierCodeFormat::Circular01 => {
                format!("{unit}-{:02}{m:02}{d:02}-{seq:04}", year % 100)
            }
            DossierCodeFormat::Extended => format!("{unit}-{year:04}{m:02}{d:02}-{seq:07}"),
        };
        Ok(code)
    }

    /// Reads a code written by [`format`](Self::format) in this format.
    ///
    /// Strict: the code must be canonical (no surrounding spaces, upper
    /// case, a real calendar date, a sequence from 1). Normalise user input
    /// with [`normalize_dossier_code`] first.
    pub fn parse(&self, code: &str) -> Option<ParsedDossierCode> {
        let fmt = *self;
        if code.len() > MAX_DOSSIER_CODE_LEN {
            return None;
        }
        let mut parts = code.rsplitn(3, '-');
        let (seq_part, date_part, unit_part) = (parts.next()?, parts.next()?, parts.next()?);
        if !is_unit_code_shape(unit_part)
            || !is_digits(date_part, fmt.date_digits())
            || !is_digits(seq_part, fmt.seq_digits())
        {
            return None;
        }
        let seq: u32 = seq_part.parse().ok()?;
        if seq == 0 {
            return None;
        }
        let num = |r: std::ops::Range<usize>| date_part[r].parse::<u32>().ok();
        let day = match fmt {
            DossierCodeFormat::Circular01 => NaiveDate::from_ymd_opt(2000 + num(0..2)? as i32, num(2..4)?, num(4..6)?)?,
            DossierCodeFormat::Extended => NaiveDate::from_ymd_opt(num(0..4)? as i32, num(4..6)?, num(6..8)?)?,
        };
        Some(ParsedDossierCode { unit: UnitCode(unit_part.to_owned()), day, seq })
    }
}

/// True when `s` is exactly `n` ASCII digits.
fn is_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// A cheap check that `s` has the shape of a dossier code of either format,
/// for routing and lookups before touching storage: at most
/// [`MAX_DOSSIER_CODE_LEN`] bytes, only `A–Z`, `0–9`, `.` and `-`, and
/// `<unit code>-<6 digits>-<4 digits>` or `<unit code>-<8 digits>-<7 digits>`.
/// The date is not checked against the calendar. Like
/// [`DossierCodeFormat::parse`] it expects the canonical form; apply
/// [`normalize_dossier_code`] to user input first.
pub fn looks_like_dossier_code(s: &str) -> bool {
    if s.is_empty() || s.len() > MAX_DOSSIER_CODE_LEN {
        return false;
    }
    if !s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'.' || b == b'-') {
        return false;
    }
    let mut parts = s.rsplitn(3, '-');
    let (Some(seq), Some(date), Some(unit)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    is_unit_code_shape(unit)
        && DossierCodeFormat::ALL.iter().any(|f| is_digits(date, f.date_digits()) && is_digits(seq, f.seq_digits()))
}

/// The canonical form of a dossier code typed by a person: surrounding
/// whitespace removed, ASCII letters upper-cased. Codes are stored and
/// compared in this form.
pub fn normalize_dossier_code(s: &str) -> String {
    s.trim().to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn unit(s: &str) -> UnitCode {
        UnitCode::parse(s, "unit").unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn unit_codes_of_real_agencies_parse() {
        for s in ["H44", "H44.100", "000.00.04.G18", "G09.20", "X", "1"] {
            assert_eq!(unit(s).as_str(), s);
        }
    }

    #[test]
    fn unit_codes_are_trimmed_and_upper_cased() {
        assert_eq!(unit("  h44.100 \n").as_str(), "H44.100");
        assert_eq!(unit("000.00.04.g18").to_string(), "000.00.04.G18");
    }

    #[test]
    fn malformed_unit_codes_are_refused_on_their_field() {
        let long = "A".repeat(UnitCode::MAX_LEN + 1);
        for s in ["", "   ", ".", "H44.", ".H44", "H44..100", "H44-100", "H44 100", "H44/1", "Hà44", &long] {
            let e = UnitCode::parse(s, "receiving_unit").unwrap_err();
            assert_eq!(e.code, "invalid_unit_code", "{s:?}");
            assert_eq!(e.field.as_deref(), Some("receiving_unit"));
            assert_eq!(e.kind, ErrorKind::Invalid);
            assert!(!e.message_vi.is_empty() && !e.message_en.is_empty());
        }
        assert!(UnitCode::parse(&"A".repeat(UnitCode::MAX_LEN), "u").is_ok());
    }

    #[test]
    fn unit_codes_serialise_as_strings_and_are_checked_on_the_way_in() {
        let u = unit("h44.100");
        assert_eq!(serde_json::to_string(&u).unwrap(), "\"H44.100\"");
        let back: UnitCode = serde_json::from_str("\"h44.100\"").unwrap();
        assert_eq!(back, u);
        let err = serde_json::from_str::<UnitCode>("\"H44-100\"").unwrap_err();
        assert!(err.to_string().contains("invalid_unit_code"), "{err}");
    }

    #[test]
    fn procedure_codes() {
        for s in ["1.004194", "2.001610", " 1.013124 "] {
            let p = ProcedureCode::parse(s, "procedure").unwrap();
            assert_eq!(p.as_str(), s.trim());
        }
        for s in ["", "1004194", "1.00419", "1.0041944", "12.04194", "a.004194", "1,004194"] {
            let e = ProcedureCode::parse(s, "procedure").unwrap_err();
            assert_eq!(e.code, "invalid_procedure_code", "{s:?}");
            assert_eq!(e.field.as_deref(), Some("procedure"));
        }
        let p: ProcedureCode = serde_json::from_str("\"2.001955\"").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"2.001955\"");
        assert!(serde_json::from_str::<ProcedureCode>("\"2001955\"").is_err());
    }

    #[test]
    fn circular01_codes_match_the_published_example() {
        let f = DossierCodeFormat::Circular01;
        let code = f.format(&unit("H44.100"), date(2025, 6, 7), 12).unwrap();
        assert_eq!(code, "H44.100-250607-0012");
        let p = f.parse(&code).unwrap();
        assert_eq!(p, ParsedDossierCode { unit: unit("H44.100"), day: date(2025, 6, 7), seq: 12 });
        let code = f.format(&unit("000.00.04.G18"), date(2019, 1, 6), 1).unwrap();
        assert_eq!(code, "000.00.04.G18-190106-0001");
    }

    #[test]
    fn extended_codes_match_the_2026_sample() {
        let f = DossierCodeFormat::Extended;
        let code = f.format(&unit("G09.20"), date(2026, 6, 9), 92_637).unwrap();
        assert_eq!(code, "G09.20-20260609-0092637");
        let p = f.parse("G09.20-20260609-0092637").unwrap();
        assert_eq!(p.unit, unit("G09.20"));
        assert_eq!(p.day, date(2026, 6, 9));
        assert_eq!(p.seq, 92_637);
    }

    #[test]
    fn each_format_reads_only_its_own_codes() {
        let c = DossierCodeFormat::Circular01;
        let e = DossierCodeFormat::Extended;
        assert!(c.parse("G09.20-20260609-0092637").is_none());
        assert!(e.parse("H44.100-250607-0012").is_none());
        for bad in [
            "",
            "H44.100",
            "H44.100-250607",
            "-250607-0012",
            "h44.100-250607-0012",
            " H44.100-250607-0012",
            "H44.100-250607-0000",
            "H44.100-251307-0012",
            "H44.100-250231-0012",
            "H44.100-25067-00012",
            "H44.100-2506O7-0012",
            "H44..100-250607-0012",
            "H44.100-250607-+012",
        ] {
            assert!(c.parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn sequences_run_out_instead_of_wrapping() {
        let u = unit("H44.100");
        let d = date(2025, 6, 7);
        for f in DossierCodeFormat::ALL {
            let last = f.format(&u, d, f.max_sequence()).unwrap();
            assert_eq!(f.parse(&last).unwrap().seq, f.max_sequence());
            let e = f.format(&u, d, f.max_sequence() + 1).unwrap_err();
            assert_eq!(e.code, "dossier_sequence_exhausted");
            assert_eq!(e.kind, ErrorKind::Conflict);
            assert_eq!(e.field, None);
            assert!(e.message_vi.contains("H44.100"));
            let e = f.format(&u, d, 0).unwrap_err();
            assert_eq!(e.code, "invalid_dossier_sequence");
            assert_eq!(e.kind, ErrorKind::Invalid);
        }
        assert_eq!(DossierCodeFormat::Circular01.max_sequence(), 9_999);
        assert_eq!(DossierCodeFormat::Extended.max_sequence(), 9_999_999);
    }

    #[test]
    fn two_digit_years_cover_this_century_only() {
        let f = DossierCodeFormat::Circular01;
        let u = unit("H44");
        assert_eq!(f.format(&u, date(2000, 1, 1), 1).unwrap(), "H44-000101-0001");
        assert_eq!(f.format(&u, date(2099, 12, 31), 1).unwrap(), "H44-991231-0001");
        for y in [1999, 2100] {
            let e = f.format(&u, date(y, 1, 1), 1).unwrap_err();
            assert_eq!(e.code, "dossier_date_out_of_range");
        }
        assert!(DossierCodeFormat::Extended.format(&u, date(2100, 1, 1), 1).is_ok());
        let e = DossierCodeFormat::Extended.format(&u, date(10_000, 1, 1), 1).unwrap_err();
        assert_eq!(e.code, "dossier_date_out_of_range");
    }

    #[test]
    fn the_longest_codes_fit_the_lookup_limit() {
        let u = unit(&"A".repeat(UnitCode::MAX_LEN));
        for f in DossierCodeFormat::ALL {
            let code = f.format(&u, date(2026, 12, 31), f.max_sequence()).unwrap();
            assert!(code.len() <= MAX_DOSSIER_CODE_LEN);
            assert!(looks_like_dossier_code(&code));
            assert!(f.parse(&code).is_some());
        }
    }

    #[test]
    fn lookups_accept_both_formats_and_nothing_else() {
        assert!(looks_like_dossier_code("H44.100-250607-0012"));
        assert!(looks_like_dossier_code("G09.20-20260609-0092637"));
        assert!(looks_like_dossier_code("000.00.04.G18-190106-0001"));
        for bad in [
            "",
            "H44.100",
            "h44.100-250607-0012",
            "H44.100-250607-0012 ",
            "H44.100-250607-0092637",
            "G09.20-20260609-0012",
            "H44.100--250607-0012",
            "H44.100-250607-0012-1",
            "H44.100/250607-0012",
            "' OR 1=1 --",
            "../../etc/passwd",
            &format!("{}-250607-0012", "A".repeat(60)),
        ] {
            assert!(!looks_like_dossier_code(bad), "{bad:?}");
        }
        assert_eq!(normalize_dossier_code("  h44.100-250607-0012\n"), "H44.100-250607-0012");
    }

    #[test]
    fn formats_are_configured_by_snake_case_names() {
        for f in DossierCodeFormat::ALL {
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(json, format!("\"{}\"", f.as_str()));
            assert_eq!(serde_json::from_str::<DossierCodeFormat>(&json).unwrap(), f);
        }
        assert_eq!(DossierCodeFormat::default(), DossierCodeFormat::Circular01);
    }
}
