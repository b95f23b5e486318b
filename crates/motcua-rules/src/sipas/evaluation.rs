//! The citizen's evaluation of one dossier's handling (đánh giá việc giải
//! quyết TTHC), summarised per unit and per officer.
//!
//! Nine criteria, each with a standard score of 2, 18 in all
//! (docs/sources.md#citizen-rating, as implemented in Thanh Hóa's public integration
//! code [IMPL]). What a citizen's answer is worth on a criterion (Rất hài
//! lòng / Hài lòng / Không hài lòng ⇒ 2 / 1 / 0 is the usual example) is
//! NOT FOUND in a primary source, so the level-to-points mapping is
//! configuration ([`RatingScale`]) with that example as an unverified
//! default.
//!
//! The bands are the Thanh Hóa code's, also unverified against TT 01/2018:
//! more than 15 Xuất sắc; 12 to under 15 Tốt; 9 to under 12 Khá; 6 to
//! under 9 Trung bình; under 6 Yếu. That code leaves exactly 15 in no band. [`thanh_hoa_bands`] closes the gap
//! by reading the top band as "15 and above", the lower-bound-inclusive
//! reading every other band of the same list uses, and says so.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::RuleError;
use crate::par::points::div_round;
use crate::par::{Band, Bands, Points};

/// The points each criterion is out of.
pub const CRITERION_MAX: u8 = 2;
/// The number of criteria.
pub const CRITERIA: usize = 9;

/// One criterion of the evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EvaluationCriterion {
    /// 1..=9, as numbered in the source.
    pub number: u8,
    pub name_vi: &'static str,
    pub name_en: &'static str,
}

/// The nine criteria, in the source's order (docs/sources.md#citizen-rating).
pub const EVALUATION_CRITERIA: [EvaluationCriterion; CRITERIA] = [
    EvaluationCriterion {
        number: 1,
        name_vi: "Tổng thời gian giải quyết TTHC so với quy định của pháp luật",
        name_en: "Total handling time against the statutory limit",
    },
    EvaluationCriterion {
        number: 2,
        name_vi: "Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết (kể cả đơn vị phối hợp)",
        name_en: "Time taken by each agency involved, including cooperating ones",
    },
    EvaluationCriterion {
        number: 3,
        name_vi: "Số lần phải liên hệ với nơi tiếp nhận hồ sơ để hoàn thiện hồ sơ (kể cả trực tuyến)",
        name_en: "Contacts with the receiving office needed to complete the dossier, online included",
    },
    EvaluationCriterion {
        number: 4,
        name_vi: "Số lượng cơ quan, đơn vị, tổ chức phải liên hệ để hoàn thiện hồ sơ",
        name_en: "Agencies and organisations contacted to complete the dossier",
    },
    EvaluationCriterion {
        number: 5,
        name_vi: "Thực hiện tổ chức tiếp nhận hồ sơ, giải quyết, trả kết quả tại Bộ phận Một cửa",
        name_en: "Reception, handling and return of the result at the one-stop counter",
    },
    EvaluationCriterion { number: 6, name_vi: "Công khai các TTHC", name_en: "Publication of the procedures" },
    EvaluationCriterion {
        number: 7,
        name_vi: "Thái độ của CBCCVC khi hướng dẫn, tiếp nhận, giải quyết TTHC",
        name_en: "Attitude of the officials who guided, received and handled the dossier",
    },
    EvaluationCriterion {
        number: 8,
        name_vi: "Tiếp thu, giải trình đối với ý kiến phản ánh, kiến nghị",
        name_en: "Response to feedback and complaints",
    },
    EvaluationCriterion {
        number: 9,
        name_vi: "Tiến độ và chất lượng cung cấp DVCTT",
        name_en: "Timeliness and quality of the online public service",
    },
];

/// A rating a citizen may give on a criterion, and its points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingLevel {
    pub code: String,
    pub label_vi: String,
    pub points: u8,
}

/// The ratings offered on each criterion and what they are worth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingScale {
    pub levels: Vec<RatingLevel>,
    /// False until a primary source confirms the points.
    #[serde(default)]
    pub verified: bool,
}

impl RatingScale {
    /// Checks codes (present, unique) and points (0..=2).
    pub fn check(&self) -> Result<(), RuleError> {
        if self.levels.is_empty() {
            return Err(RuleError::invalid("evaluation_scale_invalid", "levels").arg("case", "empty"));
        }
        for (i, l) in self.levels.iter().enumerate() {
            if l.code.trim().is_empty()
                || l.label_vi.trim().is_empty()
                || self.levels[..i].iter().any(|o| o.code == l.code)
            {
                return Err(
                    RuleError::invalid("evaluation_scale_invalid", &format!("levels[{i}]")).arg("case", "level")
                );
            }
            if l.points > CRITERION_MAX {
                return Err(RuleError::invalid("evaluation_scale_invalid", &format!("levels[{i}].points"))
                    .arg("case", "points")
                    .arg("max", CRITERION_MAX));
            }
        }
        Ok(())
    }

    /// The unverified default: Rất hài lòng 2, Hài lòng 1, Không hài lòng 0
    /// (the example of docs/sources.md#citizen-rating, NOT FOUND in a primary source).
    pub fn unverified_default() -> RatingScale {
        let level = |code: &str, label: &str, points| RatingLevel { code: code.into(), label_vi: label.into(), points };
        RatingScale {
            levels: vec![
                level("rat_hai_long", "Rất hài lòng", 2),
                level("hai_long", "Hài lòng", 1),
                level("khong_hai_long", "Không hài lòng", 0),
            ],
            verified: false,
        }
    }

    fn points_of(&self, code: &str) -> Option<u8> {
        self.levels.iter().find(|l| l.code == code).map(|l| l.points)
    }
}

/// One dossier's evaluation: the points of the nine criteria, each 0..=2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DossierEvaluation {
    points: [u8; CRITERIA],
}

impl DossierEvaluation {
    /// From the points of the nine criteria, in order.
    pub fn from_points(points: &[u8]) -> Result<DossierEvaluation, RuleError> {
        let arr: [u8; CRITERIA] = points.try_into().map_err(|_| {
            RuleError::invalid("evaluation_criteria_count", "points").arg("count", CRITERIA).arg("given", points.len())
        })?;
        if let Some(i) = arr.iter().position(|p| *p > CRITERION_MAX) {
            return Err(RuleError::invalid("evaluation_points_invalid", &format!("points[{i}]"))
                .arg("criterion", i + 1)
                .arg("points", arr[i])
                .arg("max", CRITERION_MAX));
        }
        Ok(DossierEvaluation { points: arr })
    }

    /// From the rating codes a citizen chose, mapped by `scale`.
    pub fn from_levels(scale: &RatingScale, levels: &[&str]) -> Result<DossierEvaluation, RuleError> {
        scale.check()?;
        let points = levels
            .iter()
            .enumerate()
            .map(|(i, code)| {
                scale.points_of(code).ok_or_else(|| {
                    RuleError::invalid("evaluation_level_unknown", &format!("levels[{i}]")).arg("code", code)
                })
            })
            .collect::<Result<Vec<u8>, RuleError>>()?;
        DossierEvaluation::from_points(&points)
    }

    pub fn points(&self) -> &[u8; CRITERIA] {
        &self.points
    }

    /// 0..=18.
    pub fn total(&self) -> u8 {
        self.points.iter().sum()
    }
}

/// Adds evaluations up; [`EvaluationTally::summary`] reads the result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationTally {
    pub count: u64,
    pub sums: [u64; CRITERIA],
}

impl EvaluationTally {
    pub fn add(&mut self, e: &DossierEvaluation) {
        self.count += 1;
        for (s, p) in self.sums.iter_mut().zip(e.points) {
            *s += u64::from(p);
        }
    }

    /// Means to two decimals, and the band of the mean total.
    pub fn summary(&self, bands: &Bands<Points>) -> EvaluationSummary {
        let mean = |sum: u64| {
            (self.count > 0)
                .then(|| Points::from_hundredths(div_round(i128::from(sum) * 100, i128::from(self.count)) as i64))
        };
        let mean_total = mean(self.sums.iter().sum());
        let band = mean_total.map(|t| bands.classify(t));
        EvaluationSummary {
            count: self.count,
            mean_total,
            mean_per_criterion: self.sums.map(mean),
            band_code: band.map(|b| b.code.clone()),
            band_label_vi: band.map(|b| b.label_vi.clone()),
        }
    }
}

/// A unit's or an officer's evaluations in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvaluationSummary {
    pub count: u64,
    /// Mean of the totals, out of 18; none without evaluations.
    pub mean_total: Option<Points>,
    /// Mean per criterion, out of 2, in the criteria's order.
    pub mean_per_criterion: [Option<Points>; CRITERIA],
    pub band_code: Option<String>,
    pub band_label_vi: Option<String>,
}

/// Summaries grouped by a key: the unit code, an officer's id, or both.
pub fn summarise_by<'a, K: Ord>(
    items: impl IntoIterator<Item = (K, &'a DossierEvaluation)>,
    bands: &Bands<Points>,
) -> BTreeMap<K, EvaluationSummary> {
    let mut tallies: BTreeMap<K, EvaluationTally> = BTreeMap::new();
    for (k, e) in items {
        tallies.entry(k).or_default().add(e);
    }
    tallies.into_iter().map(|(k, t)| (k, t.summary(bands))).collect()
}

/// The Thanh Hóa bands on the total out of 18 (docs/sources.md#citizen-rating),
/// unverified; 15 itself, in no band of the source, is read as Xuất sắc.
pub fn thanh_hoa_bands() -> Bands<Points> {
    let note = "Thanh Hóa [IMPL], chưa đối chiếu TT 01/2018";
    let band = |code: &str, label: &str, min: i64, note: &str| Band {
        code: code.into(),
        label_vi: label.into(),
        min: Points::whole(min),
        verified: false,
        note: note.into(),
    };
    Bands::new(vec![
        band(
            "xuat_sac",
            "Xuất sắc",
            15,
            "Thanh Hóa [IMPL] ghi \"> 15\", để trống đúng 15 điểm; motcua đọc là \"từ 15\" như các mức khác",
        ),
        band("tot", "Tốt", 12, note),
        band("kha", "Khá", 9, note),
        band("trung_binh", "Trung bình", 6, note),
        band("yeu", "Yếu", 0, note),
    ])
    .expect("the shipped bands are consistent")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(h: i64) -> Points {
        Points::from_hundredths(h)
    }

    #[test]
    fn nine_criteria_of_two_points() {
        assert_eq!(EVALUATION_CRITERIA.len(), 9);
        assert!(EVALUATION_CRITERIA.iter().enumerate().all(|(i, c)| c.number as usize == i + 1));
        assert_eq!(usize::from(CRITERION_MAX) * CRITERIA, 18);
    }

    #[test]
    fn evaluations_are_checked() {
        assert_eq!(DossierEvaluation::from_points(&[2; 9]).unwrap().total(), 18);
        assert_eq!(DossierEvaluation::from_points(&[2; 8]).unwrap_err().code, "evaluation_criteria_count");
        let e = DossierEvaluation::from_points(&[2, 2, 3, 0, 0, 0, 0, 0, 0]).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("evaluation_points_invalid", Some("points[2]")));
        let scale = RatingScale::unverified_default();
        assert!(!scale.verified);
        let levels = ["rat_hai_long", "hai_long", "khong_hai_long", "hai_long", "rat_hai_long"];
        let mut all = levels.to_vec();
        all.extend(["rat_hai_long"; 4]);
        assert_eq!(DossierEvaluation::from_levels(&scale, &all).unwrap().total(), 14); // 2 + 1 + 0 + 1 + 2 + 4 × 2
        all[8] = "tuyet_voi";
        let e = DossierEvaluation::from_levels(&scale, &all).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("evaluation_level_unknown", Some("levels[8]")));
        let mut bad = scale.clone();
        bad.levels[0].points = 3;
        assert_eq!(bad.check().unwrap_err().field.as_deref(), Some("levels[0].points"));
    }

    #[test]
    fn the_gap_at_15_is_closed() {
        let b = thanh_hoa_bands();
        assert_eq!(b.classify(Points::whole(18)).code, "xuat_sac");
        assert_eq!(b.classify(Points::whole(15)).code, "xuat_sac");
        assert_eq!(b.classify(pts(1499)).code, "tot");
        assert_eq!(b.classify(Points::whole(12)).code, "tot");
        assert_eq!(b.classify(pts(1199)).code, "kha");
        assert_eq!(b.classify(Points::whole(9)).code, "kha");
        assert_eq!(b.classify(Points::whole(6)).code, "trung_binh");
        assert_eq!(b.classify(pts(599)).code, "yeu");
        assert!(b.bands().iter().all(|x| !x.verified));
    }

    #[test]
    fn summaries_by_unit_and_officer_by_hand() {
        let e = |p: [u8; 9]| DossierEvaluation::from_points(&p).unwrap();
        let full = e([2; 9]);
        let mixed = e([2, 1, 1, 2, 2, 2, 0, 1, 2]); // 13
        let low = e([1, 1, 0, 0, 1, 1, 0, 1, 0]); // 5
        let items = [(("U1", "cb.a"), &full), (("U1", "cb.a"), &mixed), (("U1", "cb.b"), &low)];
        let bands = thanh_hoa_bands();
        let by_officer = summarise_by(items.iter().map(|(k, v)| (*k, *v)), &bands);
        let a = &by_officer[&("U1", "cb.a")];
        // (18 + 13) / 2 = 15.5: Xuất sắc.
        assert_eq!((a.count, a.mean_total, a.band_code.as_deref()), (2, Some(pts(1550)), Some("xuat_sac")));
        assert_eq!(a.mean_per_criterion[6], Some(pts(100)));
        assert_eq!(by_officer[&("U1", "cb.b")].band_code.as_deref(), Some("yeu"));
        let by_unit = summarise_by(items.iter().map(|((u, _), v)| (*u, *v)), &bands);
        // (18 + 13 + 5) / 3 = 12: Tốt.
        assert_eq!((by_unit["U1"].mean_total, by_unit["U1"].band_code.as_deref()), (Some(pts(1200)), Some("tot")));
        // Criterion 2: (2 + 1 + 1) / 3 = 1.333… → 1.33.
        assert_eq!(by_unit["U1"].mean_per_criterion[1], Some(pts(133)));
        let empty = EvaluationTally::default().summary(&bands);
        assert_eq!((empty.mean_total, empty.band_code), (None, None));
    }
}
