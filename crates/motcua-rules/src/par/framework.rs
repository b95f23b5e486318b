//! Evaluation frameworks (bộ tiêu chí) as data: a versioned tree of areas
//! (lĩnh vực) → criteria (tiêu chí) → sub-criteria (tiêu chí thành phần),
//! each with its maximum points, a scoring guide and a method.
//!
//! The frameworks change by year and by province (876/QĐ-BNV for ministries
//! and provinces; each province issues its own for departments, districts
//! and communes; docs/sources.md#par-method), so a framework is a JSON document a
//! reform office imports, edits and exports, never code. [`Framework`] is
//! that document as written; [`Framework::validate`] turns it into a
//! [`ValidFramework`], the only thing the scoring accepts, so a framework
//! whose maxima do not add up can never be scored.
//!
//! Maxima: a scored item's `max` counts toward its parent's `max`, and the
//! parent's `max` must equal the sum of its children's. A bonus or penalty
//! item (điểm thưởng, điểm trừ) does not: its `max` is the most it can add
//! or take away, and an area made only of such items (Hà Nội's "(9) điểm
//! thưởng/điểm trừ") has `max` 0.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::mapping::RatioMapping;
use super::points::Points;
use crate::error::RuleError;

/// The kind of unit a framework evaluates; units are ranked only against
/// peers of the same kind (docs/sources.md#par-method and
/// docs/sources.md#par-groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeerLevel {
    /// Bộ, cơ quan ngang bộ (876/QĐ-BNV, run by MOHA).
    Ministry,
    /// Tỉnh, thành phố trực thuộc trung ương (876/QĐ-BNV, run by MOHA).
    Province,
    /// Sở, ban, ngành: the province-run index of departments.
    Department,
    /// Huyện, thị xã, thành phố thuộc tỉnh: before 01/07/2025 only.
    District,
    /// Xã, phường, thị trấn, đặc khu: the province-run (formerly
    /// district-run) index of communes.
    Commune,
}

/// Which of motcua's own figures a computed criterion reads. The figure is
/// a ratio of two counts over the campaign's period; the caller (storage)
/// counts them, the engine maps the ratio to points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Dossiers resolved early or on time / dossiers resolved (tỷ lệ hồ sơ
    /// giải quyết đúng hạn).
    OnTimeRate,
    /// Dossiers received online / dossiers received (tỷ lệ hồ sơ trực tuyến).
    OnlineShare,
    /// Dossiers with a fee paid online / dossiers with a fee (tỷ lệ thanh
    /// toán trực tuyến).
    OnlinePaymentShare,
    /// Dossiers whose components and result were digitised / dossiers
    /// received (số hóa hồ sơ, kết quả giải quyết TTHC).
    DigitisedShare,
    /// A ratio motcua does not hold (investment disbursement, a
    /// department's own figure): the reform office enters both counts.
    Entered,
}

impl Metric {
    pub fn name_vi(self) -> &'static str {
        match self {
            Metric::OnTimeRate => "Tỷ lệ hồ sơ giải quyết đúng hạn",
            Metric::OnlineShare => "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
            Metric::OnlinePaymentShare => "Tỷ lệ hồ sơ thanh toán trực tuyến",
            Metric::DigitisedShare => "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC",
            Metric::Entered => "Tỷ lệ do cơ quan đánh giá nhập",
        }
    }
}

/// What a computed criterion earns when the ratio has no denominator (no
/// dossier was resolved in the period). The guides found do not say, so
/// the framework must.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoData {
    /// Nothing to be late on: the maximum.
    FullPoints,
    /// Nothing achieved: 0.
    ZeroPoints,
}

/// How a scored item gets its points (docs/sources.md#par-method: "two methods",
/// self-assessment appraised by the evaluating body and the sociological
/// survey; plus figures motcua computes, and bonus or penalty points).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Method {
    /// Tự đánh giá, then thẩm định: the unit scores itself, the evaluating
    /// body appraises and may change the score, giving a reason.
    SelfAssessed,
    /// Điều tra xã hội học: points from the survey. With `from_sipas` the
    /// points may be given as a SIPAS percentage, mapped by that rule.
    Survey {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from_sipas: Option<RatioMapping>,
    },
    /// A ratio from motcua's own data, mapped to points by `mapping`.
    Computed { metric: Metric, mapping: RatioMapping, if_no_data: NoData },
    /// Điểm thưởng: adds up to `max`, outside the maximum of the scale.
    Bonus,
    /// Điểm trừ: takes away up to `max`.
    Penalty,
}

impl Method {
    /// Bonus and penalty items adjust a score; every other item is scored
    /// and counts toward the maximum.
    pub fn is_adjustment(&self) -> bool {
        matches!(self, Method::Bonus | Method::Penalty)
    }
}

/// A sub-criterion (tiêu chí thành phần): always a scored leaf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubCriterion {
    pub code: String,
    pub name: String,
    pub max: Points,
    /// The scoring guide (hướng dẫn chấm điểm, tài liệu kiểm chứng).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guide: String,
    pub method: Method,
}

/// A criterion (tiêu chí): either a leaf with its own `method`, or the
/// parent of sub-criteria whose maxima add up to its `max`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub code: String,
    pub name: String,
    pub max: Points,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guide: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub: Vec<SubCriterion>,
}

/// An area (lĩnh vực).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub code: String,
    pub name: String,
    pub max: Points,
    /// Where this area's maximum comes from, or why it is a default.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub max_source: String,
    pub criteria: Vec<Criterion>,
}

/// An evaluation framework as written in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Framework {
    /// Stable identifier of the framework family (`par-commune`).
    pub code: String,
    /// Incremented on every change; a campaign keeps the version it used.
    pub version: u32,
    /// The evaluation year it was issued for, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub name: String,
    pub level: PeerLevel,
    /// The scale (thang điểm), the sum of the areas' maxima: 100.
    pub maximum: Points,
    /// True when the maxima are defaults to be edited by the reform office
    /// (they change by year and province), not an issued decision's.
    #[serde(default)]
    pub maxima_are_defaults: bool,
    /// Sources, status and anything a reader must know.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub areas: Vec<Area>,
}

/// One scored or adjustment item of a valid framework, flattened: a
/// sub-criterion, or a criterion without sub-criteria.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    pub code: String,
    pub name: String,
    /// Its place in the framework: `areas[2].criteria[0].sub[1]`.
    pub path: String,
    /// Index of its area in [`Framework::areas`].
    pub area: usize,
    pub max: Points,
    pub method: Method,
}

/// A framework that passed [`Framework::validate`]: maxima add up, codes
/// are unique, every rule is sound. Read-only; edit the [`Framework`] and
/// validate again.
#[derive(Debug, Clone)]
pub struct ValidFramework {
    framework: Framework,
    leaves: Vec<Leaf>,
    by_code: HashMap<String, usize>,
}

/// Codes are short identifiers that also appear in CSV headers
/// (`area:<code>:points`), so they keep to characters that need no quoting.
const MAX_CODE_LEN: usize = 32;

fn check_code(code: &str, field: &str) -> Result<(), RuleError> {
    let ok = !code.is_empty()
        && code.len() <= MAX_CODE_LEN
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(RuleError::invalid("par_code_invalid", field).arg("code", code).arg("max", MAX_CODE_LEN))
    }
}

fn check_name(name: &str, field: &str) -> Result<(), RuleError> {
    if name.trim().is_empty() {
        return Err(RuleError::invalid("required", field).arg("case", "name"));
    }
    Ok(())
}

/// `what` is `criterion` or `area` (then the caller adds its `code`), or `framework`.
fn sum_mismatch(field: &str, what: &str, max: Points, sum: Points) -> RuleError {
    RuleError::invalid("par_max_sum_mismatch", field).arg_each("max", max.to_vi(), max).arg("case", what).arg_each(
        "sum",
        sum.to_vi(),
        sum,
    )
}

/// Checks a leaf's maximum and method at `at` (`areas[0].criteria[1]`).
fn check_leaf(max: Points, method: &Method, at: &str) -> Result<(), RuleError> {
    let adjust = method.is_adjustment();
    if max <= Points::ZERO {
        return Err(RuleError::invalid("par_max_invalid", &format!("{at}.max"))
            .arg("case", if adjust { "adjustment" } else { "item" }));
    }
    match method {
        Method::Computed { mapping, .. } => mapping.check(max, &format!("{at}.method.mapping")),
        Method::Survey { from_sipas: Some(mapping) } => mapping.check(max, &format!("{at}.method.from_sipas")),
        _ => Ok(()),
    }
}

impl Framework {
    /// Checks the framework and flattens its leaves. Refuses, with the path
    /// of the offending field: an empty or malformed code, a code used
    /// twice, a missing name, a maximum at or below zero, a criterion with
    /// both or neither of a method and sub-criteria, maxima that do not add
    /// up to their parent's, and an unsound ratio rule.
    pub fn validate(self) -> Result<ValidFramework, RuleError> {
        check_code(&self.code, "code")?;
        check_name(&self.name, "name")?;
        if self.maximum <= Points::ZERO {
            return Err(RuleError::invalid("par_max_invalid", "maximum").arg("case", "scale"));
        }
        if self.areas.is_empty() {
            return Err(RuleError::invalid("par_framework_empty", "areas"));
        }
        let mut leaves = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut unique = |code: &str, field: String| -> Result<(), RuleError> {
            if let Some(first) = seen.get(code) {
                return Err(RuleError::invalid("par_code_duplicate", &field).arg("code", code).arg("first", first));
            }
            seen.insert(code.to_owned(), field);
            Ok(())
        };
        let mut total = Points::ZERO;
        for (a, area) in self.areas.iter().enumerate() {
            let at_area = format!("areas[{a}]");
            check_code(&area.code, &format!("{at_area}.code"))?;
            unique(&area.code, format!("{at_area}.code"))?;
            check_name(&area.name, &format!("{at_area}.name"))?;
            if area.criteria.is_empty() {
                return Err(RuleError::invalid("par_framework_empty", &format!("{at_area}.criteria"))
                    .arg("case", "area")
                    .arg("area", &area.code));
            }
            let mut area_sum = Points::ZERO;
            for (c, crit) in area.criteria.iter().enumerate() {
                let at = format!("{at_area}.criteria[{c}]");
                check_code(&crit.code, &format!("{at}.code"))?;
                unique(&crit.code, format!("{at}.code"))?;
                check_name(&crit.name, &format!("{at}.name"))?;
                match (&crit.method, crit.sub.is_empty()) {
                    (Some(method), true) => {
                        check_leaf(crit.max, method, &at)?;
                        if !method.is_adjustment() {
                            area_sum += crit.max;
                        }
                        leaves.push(Leaf {
                            code: crit.code.clone(),
                            name: crit.name.clone(),
                            path: at,
                            area: a,
                            max: crit.max,
                            method: method.clone(),
                        });
                    }
                    (None, false) => {
                        let mut sub_sum = Points::ZERO;
                        for (s, sub) in crit.sub.iter().enumerate() {
                            let at_sub = format!("{at}.sub[{s}]");
                            check_code(&sub.code, &format!("{at_sub}.code"))?;
                            unique(&sub.code, format!("{at_sub}.code"))?;
                            check_name(&sub.name, &format!("{at_sub}.name"))?;
                            check_leaf(sub.max, &sub.method, &at_sub)?;
                            if !sub.method.is_adjustment() {
                                sub_sum += sub.max;
                            }
                            leaves.push(Leaf {
                                code: sub.code.clone(),
                                name: sub.name.clone(),
                                path: at_sub,
                                area: a,
                                max: sub.max,
                                method: sub.method.clone(),
                            });
                        }
                        if crit.max != sub_sum {
                            return Err(sum_mismatch(&format!("{at}.max"), "criterion", crit.max, sub_sum)
                                .arg("code", &crit.code));
                        }
                        area_sum += crit.max;
                    }
                    (Some(_), false) | (None, true) => {
                        return Err(RuleError::invalid("par_criterion_shape", &at).arg("code", &crit.code));
                    }
                }
            }
            if area.max != area_sum {
                return Err(sum_mismatch(&format!("{at_area}.max"), "area", area.max, area_sum).arg("code", &area.code));
            }
            total += area.max;
        }
        if self.maximum != total {
            return Err(sum_mismatch("maximum", "framework", self.maximum, total));
        }
        let by_code = leaves.iter().enumerate().map(|(i, l)| (l.code.clone(), i)).collect();
        Ok(ValidFramework { framework: self, leaves, by_code })
    }
}

/// A maximum the rules check against the items under it: a criterion's
/// against its sub-criteria, an area's against its criteria, the scale
/// against the areas. What [`Framework::validate`] checks, all at once, so
/// a form can show every sum while the framework is being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaxSum {
    /// The path of the maximum (`areas[2].max`, `maximum`).
    pub field: String,
    pub max: Points,
    /// What the items under it add up to (bonus and penalty items aside).
    pub sum: Points,
}

impl MaxSum {
    pub fn holds(&self) -> bool {
        self.max == self.sum
    }
}

impl Framework {
    /// Every maximum with the sum of the items it must equal, in framework
    /// order (criteria, then their area; the scale last). Bonus and penalty
    /// items count toward nothing, as in [`Framework::validate`].
    pub fn max_sums(&self) -> Vec<MaxSum> {
        let mut out = Vec::new();
        let mut total = Points::ZERO;
        for (a, area) in self.areas.iter().enumerate() {
            let mut area_sum = Points::ZERO;
            for (c, crit) in area.criteria.iter().enumerate() {
                if crit.sub.is_empty() {
                    if !crit.method.as_ref().is_some_and(Method::is_adjustment) {
                        area_sum += crit.max;
                    }
                    continue;
                }
                let sum = crit.sub.iter().filter(|s| !s.method.is_adjustment()).map(|s| s.max).sum();
                out.push(MaxSum { field: format!("areas[{a}].criteria[{c}].max"), max: crit.max, sum });
                area_sum += crit.max;
            }
            out.push(MaxSum { field: format!("areas[{a}].max"), max: area.max, sum: area_sum });
            total += area.max;
        }
        out.push(MaxSum { field: "maximum".into(), max: self.maximum, sum: total });
        out
    }
}

impl ValidFramework {
    /// Reads and validates a framework from JSON. A malformed document is
    /// `par_framework_json` (with serde's line and column); a well-formed
    /// but inconsistent one is refused by [`Framework::validate`].
    pub fn from_json(json: &str) -> Result<ValidFramework, RuleError> {
        let framework: Framework = serde_json::from_str(json)
            .map_err(|e| RuleError::invalid("par_framework_json", "framework").arg("error", e))?;
        framework.validate()
    }

    /// The framework as pretty JSON, the export format.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.framework).expect("a framework always serialises")
    }

    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    pub fn into_framework(self) -> Framework {
        self.framework
    }

    pub fn areas(&self) -> &[Area] {
        &self.framework.areas
    }

    pub fn maximum(&self) -> Points {
        self.framework.maximum
    }

    /// Every leaf in framework order.
    pub fn leaves(&self) -> &[Leaf] {
        &self.leaves
    }

    /// The index of the leaf with this code in [`leaves`](Self::leaves).
    pub fn leaf_index(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    pub fn leaf(&self, code: &str) -> Option<&Leaf> {
        self.leaf_index(code).map(|i| &self.leaves[i])
    }
}

#[cfg(test)]
mod tests {
    use super::super::points::Percent;
    use super::*;

    /// Two areas; area 1 has a parent criterion with two sub-criteria,
    /// area 2 a computed leaf and a penalty.
    fn small() -> Framework {
        serde_json::from_str(
            r#"{
              "code": "t", "version": 1, "name": "Thử", "level": "commune", "maximum": 10,
              "areas": [
                {"code": "1", "name": "Chỉ đạo", "max": 6, "criteria": [
                  {"code": "1.1", "name": "Kế hoạch", "max": 6, "sub": [
                    {"code": "1.1.1", "name": "Ban hành", "max": 2.5, "method": {"kind": "self_assessed"}},
                    {"code": "1.1.2", "name": "Hoàn thành", "max": 3.5, "method": {"kind": "self_assessed"}}
                  ]}
                ]},
                {"code": "2", "name": "TTHC", "max": 4, "criteria": [
                  {"code": "2.1", "name": "Đúng hạn", "max": 4, "method": {"kind": "computed",
                     "metric": "on_time_rate", "mapping": {"rule": "proportional"}, "if_no_data": "full_points"}},
                  {"code": "2.2", "name": "Kỷ luật", "max": 1, "method": {"kind": "penalty"}}
                ]}
              ]
            }"#,
        )
        .unwrap()
    }

    fn err(f: Framework) -> (String, String) {
        let e = f.validate().unwrap_err();
        (e.code.to_owned(), e.field.unwrap_or_default())
    }

    #[test]
    fn a_sound_framework_flattens_its_leaves_in_order() {
        let v = small().validate().unwrap();
        let codes: Vec<&str> = v.leaves().iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["1.1.1", "1.1.2", "2.1", "2.2"]);
        assert_eq!(v.leaf("2.1").unwrap().path, "areas[1].criteria[0]");
        assert_eq!(v.leaf("1.1.2").unwrap().path, "areas[0].criteria[0].sub[1]");
        assert_eq!(v.leaf_index("9"), None);
        // Export then import gives the same framework.
        let back = ValidFramework::from_json(&v.to_json()).unwrap();
        assert_eq!(back.framework(), v.framework());
    }

    #[test]
    fn sub_criteria_that_do_not_add_up_are_refused_at_the_parent() {
        let mut f = small();
        f.areas[0].criteria[0].sub[1].max = Points::whole(3);
        assert_eq!(err(f), ("par_max_sum_mismatch".into(), "areas[0].criteria[0].max".into()));
    }

    #[test]
    fn areas_and_the_scale_must_add_up_too() {
        let mut f = small();
        f.areas[1].max = Points::whole(5);
        assert_eq!(err(f), ("par_max_sum_mismatch".into(), "areas[1].max".into()));
        let mut f = small();
        f.maximum = Points::whole(100);
        assert_eq!(err(f), ("par_max_sum_mismatch".into(), "maximum".into()));
    }

    #[test]
    fn every_sum_is_listed_and_agrees_with_validate() {
        let sums = small().max_sums();
        let fields: Vec<&str> = sums.iter().map(|s| s.field.as_str()).collect();
        assert_eq!(fields, ["areas[0].criteria[0].max", "areas[0].max", "areas[1].max", "maximum"]);
        assert!(sums.iter().all(MaxSum::holds), "a valid framework's sums hold");
        let mut f = small();
        f.areas[1].max = Points::whole(5);
        f.maximum = Points::whole(11);
        let broken: Vec<String> = f.max_sums().into_iter().filter(|s| !s.holds()).map(|s| s.field).collect();
        // The area is off, and the scale is checked against the maxima as written.
        assert_eq!(broken, ["areas[1].max"]);
        assert_eq!(err(f).1, "areas[1].max");
    }

    #[test]
    fn the_penalty_does_not_count_toward_the_area_maximum() {
        // Area 2 is 4 (computed) + penalty 1: max 4, as in `small`.
        assert!(small().validate().is_ok());
    }

    #[test]
    fn shape_codes_and_maxima_are_checked() {
        let mut f = small();
        f.areas[0].criteria[0].method = Some(Method::SelfAssessed);
        assert_eq!(err(f), ("par_criterion_shape".into(), "areas[0].criteria[0]".into()));
        let mut f = small();
        f.areas[1].criteria[1].code = "1.1.1".into();
        let e = f.validate().unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("par_code_duplicate", Some("areas[1].criteria[1].code")));
        assert!(e.message_en.contains("areas[0].criteria[0].sub[0].code"));
        let mut f = small();
        f.areas[0].code = "1 a".into();
        assert_eq!(err(f), ("par_code_invalid".into(), "areas[0].code".into()));
        let mut f = small();
        f.areas[0].criteria[0].sub[0].max = Points::from_hundredths(-50);
        assert_eq!(err(f), ("par_max_invalid".into(), "areas[0].criteria[0].sub[0].max".into()));
        let mut f = small();
        f.areas[1].criteria[1].max = Points::ZERO;
        assert_eq!(err(f), ("par_max_invalid".into(), "areas[1].criteria[1].max".into()));
        let mut f = small();
        f.areas[0].name = "  ".into();
        assert_eq!(err(f), ("required".into(), "areas[0].name".into()));
    }

    #[test]
    fn an_unsound_rule_is_refused_with_its_path() {
        let mut f = small();
        f.areas[1].criteria[0].method = Some(Method::Computed {
            metric: Metric::OnTimeRate,
            mapping: RatioMapping::Linear { zero_at: Percent::whole(90), full_at: Percent::whole(80) },
            if_no_data: NoData::ZeroPoints,
        });
        assert_eq!(err(f), ("par_mapping_invalid".into(), "areas[1].criteria[0].method.mapping".into()));
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let e = ValidFramework::from_json("{\n  \"code\": 1\n}").unwrap_err();
        assert_eq!(e.code, "par_framework_json");
        assert!(e.message_en.contains("line 2"), "{}", e.message_en);
        let e = ValidFramework::from_json(
            r#"{"code":"t","version":1,"name":"x","level":"commune","maximum":10.123,"areas":[]}"#,
        )
        .unwrap_err();
        assert!(e.message_en.contains("more than two decimals"), "{}", e.message_en);
    }
}
