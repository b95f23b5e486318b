//! Classification bands (xếp loại, nhóm) as configuration.
//!
//! Bands are data because every index has its own and the sources give
//! only some of them: PAR INDEX groups A/B/C (docs/sources.md#par-groups)
//! but nothing below 70%; a province's own labels ("xếp loại khá", seed
//! 000, #seed-000); the Thanh Hóa bands of the per-dossier evaluation
//! (#citizen-rating), unverified.
//! Each band says whether a source confirms it.

use serde::{Deserialize, Deserializer, Serialize};

use super::points::Percent;
use crate::error::RuleError;

/// A band: every value at or above `min` and below the next band's `min`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band<V> {
    /// Stable code (`A`, `xuat_sac`).
    pub code: String,
    /// The name people read (`Nhóm A`, `Xuất sắc`).
    pub label_vi: String,
    /// Lower bound, inclusive.
    pub min: V,
    /// True when a source confirms this band's bound; false for a default
    /// chosen where the sources are silent or unconfirmed.
    #[serde(default)]
    pub verified: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Bands from the highest to the lowest; the lowest starts at zero, so
/// every value from zero up has exactly one band. Values below zero (which
/// valid scores never are) fall in the lowest band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Bands<V> {
    bands: Vec<Band<V>>,
}

impl<V: Copy + Ord + Default + std::fmt::Display> Bands<V> {
    /// Checks the bands: at least one, codes and labels present and codes
    /// unique, lower bounds strictly decreasing, the last at zero.
    pub fn new(bands: Vec<Band<V>>) -> Result<Self, RuleError> {
        let invalid = |field: String, case: &str| RuleError::invalid("bands_invalid", &field).arg("case", case);
        if bands.is_empty() {
            return Err(invalid("bands".into(), "empty"));
        }
        for (i, b) in bands.iter().enumerate() {
            if b.code.trim().is_empty() || b.label_vi.trim().is_empty() {
                return Err(invalid(format!("bands[{i}]"), "label"));
            }
            if bands[..i].iter().any(|o| o.code == b.code) {
                return Err(invalid(format!("bands[{i}].code"), "duplicate").arg("code", &b.code));
            }
            if i > 0 && b.min >= bands[i - 1].min {
                return Err(invalid(format!("bands[{i}].min"), "order"));
            }
        }
        let last = bands.len() - 1;
        if bands[last].min != V::default() {
            return Err(invalid(format!("bands[{last}].min"), "lowest").arg("min", bands[last].min));
        }
        Ok(Bands { bands })
    }

    /// The band `value` falls in.
    pub fn classify(&self, value: V) -> &Band<V> {
        self.bands.iter().find(|b| value >= b.min).unwrap_or_else(|| &self.bands[self.bands.len() - 1])
    }

    pub fn bands(&self) -> &[Band<V>] {
        &self.bands
    }
}

impl<'de, V> Deserialize<'de> for Bands<V>
where
    V: Copy + Ord + Default + std::fmt::Display + Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let bands = Vec::<Band<V>>::deserialize(d)?;
        Bands::new(bands).map_err(|e| serde::de::Error::custom(e.message_en))
    }
}

fn band(code: &str, label_vi: &str, min: i64, verified: bool, note: &str) -> Band<Percent> {
    Band { code: code.into(), label_vi: label_vi.into(), min: Percent::whole(min), verified, note: note.into() }
}

/// The PAR INDEX groups: Nhóm A ≥ 90%, B 80% to < 90%, C 70% to < 80%
/// (2015 report, m.baophapluat.vn/...post224282; the same A and B cut-offs
/// in 2024, vietnamplus post1025084; docs/sources.md#par-groups). Nothing lower is
/// defined in the sources found, so below 70% is one catch-all band, a
/// configurable default marked unverified.
pub fn par_default_bands() -> Bands<Percent> {
    let src = "docs/sources.md#par-groups (báo cáo PAR INDEX 2015; 2024 dùng cùng ngưỡng A, B)";
    Bands::new(vec![
        band("A", "Nhóm A", 90, true, src),
        band("B", "Nhóm B", 80, true, src),
        band("C", "Nhóm C", 70, true, "docs/sources.md#par-groups (báo cáo PAR INDEX 2015)"),
        band(
            "below_c",
            "Dưới 70% (chưa có nhóm)",
            0,
            false,
            "DEFAULT: nguồn không quy định nhóm dưới 70%; cơ quan đánh giá tự cấu hình",
        ),
    ])
    .expect("the shipped bands are consistent")
}

/// The labels of the demo district campaign (Bắc Kạn 2022). The seed (000)
/// confirms only that 70.56 points is "khá"; the bounds reuse the national
/// 90/80/70 cut-offs and are NOT from a Bắc Kạn decision.
pub fn demo_bac_kan_bands() -> Bands<Percent> {
    let demo = "DEMO: ngưỡng theo nhóm A/B/C toàn quốc, chưa đối chiếu quyết định của tỉnh";
    Bands::new(vec![
        band("xuat_sac", "Xuất sắc", 90, false, demo),
        band("tot", "Tốt", 80, false, demo),
        band("kha", "Khá", 70, false, "Seed 000: Ngân Sơn 70,56 điểm xếp loại khá; ngưỡng 70 là DEMO"),
        band("trung_binh", "Trung bình", 0, false, demo),
    ])
    .expect("the demo bands are consistent")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(s: &str) -> Percent {
        Percent::parse(s).unwrap()
    }

    #[test]
    fn default_groups_by_hand() {
        let b = par_default_bands();
        assert_eq!(b.classify(pct("96.17")).code, "A"); // Hải Phòng 2024
        assert_eq!(b.classify(pct("90")).code, "A");
        assert_eq!(b.classify(pct("89.99")).code, "B");
        assert_eq!(b.classify(pct("80")).code, "B");
        assert_eq!(b.classify(pct("70.56")).code, "C");
        assert_eq!(b.classify(pct("69.99")).code, "below_c");
        assert!(!b.classify(pct("10")).verified);
        assert_eq!(demo_bac_kan_bands().classify(pct("70.56")).label_vi, "Khá");
    }

    #[test]
    fn bad_bands_are_refused() {
        let err = |v: Vec<Band<Percent>>| Bands::new(v).unwrap_err().field.unwrap_or_default();
        assert_eq!(err(vec![]), "bands");
        assert_eq!(err(vec![band("A", "A", 90, true, ""), band("B", "B", 95, true, "")]), "bands[1].min");
        assert_eq!(err(vec![band("A", "A", 90, true, ""), band("B", "B", 10, true, "")]), "bands[1].min");
        assert_eq!(err(vec![band("A", "A", 90, true, ""), band("A", "B", 0, true, "")]), "bands[1].code");
        assert_eq!(err(vec![band("A", " ", 0, true, "")]), "bands[0]");
    }

    #[test]
    fn json_round_trip_checks_on_the_way_in() {
        let b = par_default_bands();
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(serde_json::from_str::<Bands<Percent>>(&json).unwrap(), b);
        assert!(serde_json::from_str::<Bands<Percent>>(r#"[{"code":"A","label_vi":"A","min":50}]"#).is_err());
    }
}
