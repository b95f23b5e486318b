//! Exact decimal values with two decimals: [`Points`] and [`Percent`].
//!
//! Every published PAR figure has two decimals (70,56 điểm; 16,71/17,50;
//! 92,20%), and ranks are decided on values rounded to two decimals. Storing
//! hundredths in an integer makes sums exact (12 + 11,5 + 7 + 5 + 16,71 is
//! 52,21, not 52,209999…), ties exact, and JSON round trips lossless. A value
//! with a third decimal is refused rather than silently rounded: it is a
//! typing error or a framework the engine cannot represent, and either way
//! a person should look at it.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The largest magnitude accepted, in whole units: far above any score or
/// percentage, far below where `i64` hundredths or `f64` stop being exact.
const MAX_WHOLE: i64 = 1_000_000_000;

/// `num / den` rounded to the nearest integer, halves away from zero.
/// `den` must be positive. The one rounding rule of the PAR engine.
pub(crate) fn div_round(num: i128, den: i128) -> i128 {
    debug_assert!(den > 0);
    if num >= 0 { (2 * num + den) / (2 * den) } else { -((2 * -num + den) / (2 * den)) }
}

/// Parses a decimal with at most two decimals, `.` or `,` as the decimal
/// mark (Vietnamese writes 70,56), no thousands separators, an optional
/// leading `-`. Returns hundredths.
pub(crate) fn parse_hundredths(raw: &str) -> Option<i64> {
    let s = raw.trim();
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (whole, frac) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 10 {
        return None;
    }
    if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) || (s.len() > whole.len() && frac.is_empty()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    if whole > MAX_WHOLE {
        return None;
    }
    let mut cents = 0;
    for (i, b) in frac.bytes().enumerate() {
        cents += i64::from(b - b'0') * if i == 0 { 10 } else { 1 };
    }
    let v = whole * 100 + cents;
    Some(if negative { -v } else { v })
}

/// Hundredths from an `f64` read from JSON, refusing a third decimal.
fn hundredths_from_f64(v: f64) -> Result<i64, String> {
    if !v.is_finite() || v.abs() > MAX_WHOLE as f64 {
        return Err(format!("{v} is out of range"));
    }
    let scaled = v * 100.0;
    let rounded = scaled.round();
    // 16.71 * 100 is 1671.0000000000002: tolerate binary noise (relative
    // to the magnitude, as a float's precision is), not a real third
    // decimal (16.715 is off by 0.5).
    if (scaled - rounded).abs() > 1e-6_f64.max(scaled.abs() * 1e-12) {
        return Err(format!("{v} has more than two decimals"));
    }
    Ok(rounded as i64)
}

macro_rules! hundredths_newtype {
    ($ty:ident, $what:literal) => {
        impl $ty {
            pub const ZERO: $ty = $ty(0);

            /// From a count of hundredths: `from_hundredths(7056)` is 70.56.
            pub const fn from_hundredths(h: i64) -> $ty {
                $ty(h)
            }

            /// From a whole number: `whole(14)` is 14.00.
            pub const fn whole(n: i64) -> $ty {
                $ty(n * 100)
            }

            /// The value in hundredths.
            pub const fn hundredths(self) -> i64 {
                self.0
            }

            /// The value as a float, for display and charts only.
            pub fn as_f64(self) -> f64 {
                self.0 as f64 / 100.0
            }

            /// From a float, rounded to two decimals (halves away from zero).
            /// For computed values only; input is parsed exactly.
            pub fn from_f64_rounded(v: f64) -> $ty {
                let v = v.clamp(-(MAX_WHOLE as f64), MAX_WHOLE as f64);
                $ty((v * 100.0).round() as i64)
            }

            /// Parses `70.56`, `70,56`, `-0.5`, `14`: at most two decimals.
            pub fn parse(s: &str) -> Option<$ty> {
                parse_hundredths(s).map($ty)
            }

            /// The Vietnamese way of writing it: `70,56`, `12,00`.
            pub fn to_vi(self) -> String {
                self.to_string().replace('.', ",")
            }

            /// As the press writes it, without trailing zeros: `70,56`,
            /// `11,5`, `14`.
            pub fn to_vi_short(self) -> String {
                let s = self.to_vi();
                s.trim_end_matches('0').trim_end_matches(',').to_owned()
            }
        }

        /// Always two decimals, `.` as the mark: `70.56`, `12.00`, `-0.50`.
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let sign = if self.0 < 0 { "-" } else { "" };
                let a = self.0.unsigned_abs();
                write!(f, "{sign}{}.{:02}", a / 100, a % 100)
            }
        }

        impl Add for $ty {
            type Output = $ty;
            fn add(self, rhs: $ty) -> $ty {
                $ty(self.0 + rhs.0)
            }
        }

        impl Sub for $ty {
            type Output = $ty;
            fn sub(self, rhs: $ty) -> $ty {
                $ty(self.0 - rhs.0)
            }
        }

        impl Neg for $ty {
            type Output = $ty;
            fn neg(self) -> $ty {
                $ty(-self.0)
            }
        }

        impl AddAssign for $ty {
            fn add_assign(&mut self, rhs: $ty) {
                self.0 += rhs.0;
            }
        }

        impl SubAssign for $ty {
            fn sub_assign(&mut self, rhs: $ty) {
                self.0 -= rhs.0;
            }
        }

        impl Sum for $ty {
            fn sum<I: Iterator<Item = $ty>>(iter: I) -> $ty {
                $ty(iter.map(|v| v.0).sum())
            }
        }

        impl<'a> Sum<&'a $ty> for $ty {
            fn sum<I: Iterator<Item = &'a $ty>>(iter: I) -> $ty {
                $ty(iter.map(|v| v.0).sum())
            }
        }

        /// A JSON number (`70.56`); `serde_json` writes the shortest form
        /// that reads back to the same float, so 1671 hundredths is `16.71`.
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if self.0 % 100 == 0 { s.serialize_i64(self.0 / 100) } else { s.serialize_f64(self.as_f64()) }
            }
        }

        /// A JSON number, or a string in the forms [`parse`](Self::parse)
        /// reads; at most two decimals.
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, "{} as a number with at most two decimals", $what)
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$ty, E> {
                        if v.abs() > MAX_WHOLE {
                            return Err(E::custom(format!("{v} is out of range")));
                        }
                        Ok($ty(v * 100))
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$ty, E> {
                        match i64::try_from(v) {
                            Ok(v) => self.visit_i64(v),
                            Err(_) => Err(E::custom(format!("{v} is out of range"))),
                        }
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$ty, E> {
                        hundredths_from_f64(v).map($ty).map_err(E::custom)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        $ty::parse(v)
                            .ok_or_else(|| E::custom(format!("`{v}` is not a number with at most two decimals")))
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}

/// Points of a PAR score (điểm), in hundredths: `Points::from_hundredths(1671)`
/// is 16.71 điểm. Signed, because a penalty (điểm trừ) takes points away.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(i64);
hundredths_newtype!(Points, "points");

/// A percentage with two decimals, in hundredths of a percentage point:
/// `Percent::from_hundredths(7056)` is 70.56%. An index is within 0..=100;
/// a year-on-year change may be negative.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(i64);
hundredths_newtype!(Percent, "a percentage");

impl Percent {
    pub const HUNDRED: Percent = Percent(10_000);

    /// `part / whole × 100`, rounded to two decimals. `whole` must be
    /// positive. Exact: computed on the integers, never through a float.
    pub fn of(part: Points, whole: Points) -> Percent {
        assert!(whole.0 > 0, "a percentage of a non-positive whole");
        Percent(div_round(i128::from(part.0) * 10_000, i128::from(whole.0)) as i64)
    }

    /// A share in 0..=1 as a percentage rounded to two decimals.
    pub fn from_share(share: f64) -> Percent {
        Percent::from_f64_rounded(share * 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_figures_add_up_exactly() {
        // Ngân Sơn 2022, seed 000: the five published area scores.
        let areas = ["12", "11,5", "7", "5", "16,71"];
        let sum: Points = areas.iter().map(|s| Points::parse(s).unwrap()).sum();
        assert_eq!(sum, Points::from_hundredths(5221));
        assert_eq!(sum.to_string(), "52.21");
        assert_eq!(sum.to_vi(), "52,21");
    }

    #[test]
    fn parse_accepts_two_decimals_and_both_marks() {
        assert_eq!(Points::parse("70.56"), Some(Points::from_hundredths(7056)));
        assert_eq!(Points::parse(" 70,5 "), Some(Points::from_hundredths(7050)));
        assert_eq!(Points::parse("-0.25"), Some(Points::from_hundredths(-25)));
        assert_eq!(Points::parse("+3"), Some(Points::whole(3)));
        for bad in ["", "1.234", "1.", ".5", "1,2,3", "1e3", "abc", "- 1", "99999999999"] {
            assert_eq!(Points::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn display_always_has_two_decimals() {
        assert_eq!(Points::whole(12).to_string(), "12.00");
        assert_eq!(Points::from_hundredths(-50).to_string(), "-0.50");
        assert_eq!(Percent::from_hundredths(5).to_string(), "0.05");
        assert_eq!(Points::from_hundredths(1150).to_vi_short(), "11,5");
        assert_eq!(Points::whole(14).to_vi_short(), "14");
        assert_eq!(Points::whole(100).to_vi_short(), "100");
        assert_eq!(Points::from_hundredths(-1671).to_vi_short(), "-16,71");
    }

    #[test]
    fn json_round_trip_is_lossless_and_refuses_a_third_decimal() {
        let p: Points = serde_json::from_str("16.71").unwrap();
        assert_eq!(p.hundredths(), 1671);
        assert_eq!(serde_json::to_string(&p).unwrap(), "16.71");
        assert_eq!(serde_json::to_string(&Points::whole(14)).unwrap(), "14");
        assert_eq!(serde_json::from_str::<Points>("\"11,5\"").unwrap().hundredths(), 1150);
        assert!(serde_json::from_str::<Points>("16.715").is_err());
        assert!(serde_json::from_str::<Points>("1e300").is_err());
        for h in [-12345, -1, 0, 1, 7, 10, 1671, 7056, 10_000, 123_456_789] {
            let p = Points::from_hundredths(h);
            let back: Points = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
            assert_eq!(back, p);
        }
    }

    #[test]
    fn percent_of_is_exact_and_rounds_half_away_from_zero() {
        assert_eq!(Percent::of(Points::from_hundredths(7056), Points::whole(100)), Percent::from_hundredths(7056));
        // 16.71 / 17.50 = 95.4857… %
        assert_eq!(Percent::of(Points::from_hundredths(1671), Points::from_hundredths(1750)).to_string(), "95.49");
        // 1/8 = 12.5 % exactly; 1/3 = 33.333… %
        assert_eq!(Percent::of(Points::whole(1), Points::whole(8)).hundredths(), 1250);
        assert_eq!(Percent::of(Points::whole(1), Points::whole(3)).hundredths(), 3333);
        assert_eq!(div_round(5, 2), 3);
        assert_eq!(div_round(-5, 2), -3);
        assert_eq!(div_round(4, 3), 1);
    }
}
