//! A unit's score sheet (phiếu chấm điểm) and its scoring.
//!
//! The sheet holds one entry per leaf of the framework: the unit's own
//! score and the appraised score for self-assessed items (tự đánh giá,
//! thẩm định), the survey points (điều tra xã hội học), the two counts of a
//! computed ratio, bonus and penalty points. [`score_sheet`] checks every
//! entry against its leaf and adds up:
//!
//! - PAR INDEX = (appraised points + survey points) / maximum × 100, per
//!   area and in total (docs/sources.md#par-method, "as used in every year's
//!   table"; the 2012 table confirms index = MOHA part + survey part on the
//!   100-point scale). Computed items count with the appraised part: they
//!   stand in for what the appraisers would otherwise check by hand.
//! - Bonus and penalty points are added to their area. An area with scored
//!   items stays within 0..=its maximum; an area made only of adjustments
//!   (max 0) keeps its net points; the total stays within 0..=the scale.
//!   The sources found say nothing on bonus points beyond the maximum, so
//!   the index never exceeds 100% (docs/par-sipas.md, "DEFAULT").

use serde::{Deserialize, Serialize};

use super::framework::{Leaf, Method, NoData, ValidFramework};
use super::mapping::Ratio;
use super::points::{Percent, Points};
use crate::error::RuleError;

/// Longest appraisal reason kept: a paragraph, not a report.
pub const MAX_REASON_CHARS: usize = 2000;

/// What was entered for one leaf. The kind must fit the leaf's method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Input {
    /// A self-assessed item: the unit's score, then the appraisers'. A
    /// reason is required when the appraised score differs.
    Assessed {
        self_score: Points,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        appraised: Option<Points>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// Survey points, as the survey report gives them.
    Survey { points: Points },
    /// A SIPAS percentage, for a survey item whose framework states how a
    /// percentage maps to points (`from_sipas`).
    Sipas { percent: Percent },
    /// The two counts of a computed item's ratio (on-time dossiers and
    /// resolved dossiers …), over the campaign's period.
    Computed { numerator: u64, denominator: u64 },
    /// Bonus or penalty points, as a magnitude: a penalty of 0.5 is `0.5`.
    Adjustment { points: Points },
}

/// One entry of a sheet: the leaf's code and what was entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub code: String,
    #[serde(flatten)]
    pub input: Input,
}

/// A unit's sheet in one campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    pub unit_code: String,
    pub unit_name: String,
    pub entries: Vec<Entry>,
}

/// Which scores count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreBasis {
    /// The unit's own scores, while it fills in its sheet: appraisals are
    /// ignored and survey items not yet known count 0 (listed in
    /// [`UnitScore::pending`]).
    SelfAssessment,
    /// The result: every self-assessed item must be appraised and every
    /// survey item known.
    Appraisal,
}

/// The points of one leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LeafScore {
    /// The points that count on the chosen basis; negative for a penalty.
    pub points: Points,
    /// The unit's own score (equal to `points` for items it does not
    /// score itself).
    pub self_points: Points,
}

/// How the points of an area or unit split by method.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    /// Self-assessed items, as appraised (or as self-scored on the
    /// [`ScoreBasis::SelfAssessment`] basis).
    pub assessed: Points,
    pub survey: Points,
    pub computed: Points,
    pub bonus: Points,
    /// As a positive number.
    pub penalty: Points,
}

impl Breakdown {
    fn add(&mut self, method: &Method, points: Points) {
        match method {
            Method::SelfAssessed => self.assessed += points,
            Method::Survey { .. } => self.survey += points,
            Method::Computed { .. } => self.computed += points,
            Method::Bonus => self.bonus += points,
            Method::Penalty => self.penalty -= points,
        }
    }

    fn merge(&mut self, other: &Breakdown) {
        self.assessed += other.assessed;
        self.survey += other.survey;
        self.computed += other.computed;
        self.bonus += other.bonus;
        self.penalty += other.penalty;
    }

    /// Scored points plus bonus minus penalty, before any bound.
    pub fn net(&self) -> Points {
        self.assessed + self.survey + self.computed + self.bonus - self.penalty
    }
}

/// An area's result for one unit. Its name is the framework's (by code):
/// scoring thousands of units does not copy it into every result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaScore {
    pub code: String,
    /// The area's maximum (0 for an area of bonus and penalty only).
    pub max: Points,
    /// The points that count, within 0..=max when max > 0.
    pub points: Points,
    /// The same from the unit's own scores.
    pub self_points: Points,
    pub breakdown: Breakdown,
    /// points / max × 100; none for an area of adjustments only.
    pub index: Option<Percent>,
    /// Points lost: max − points, at least 0.
    pub lost: Points,
}

/// A unit's result on one sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitScore {
    pub unit_code: String,
    pub unit_name: String,
    pub basis: ScoreBasis,
    /// In framework order.
    pub areas: Vec<AreaScore>,
    pub maximum: Points,
    /// Total points, within 0..=maximum.
    pub points: Points,
    pub self_points: Points,
    pub breakdown: Breakdown,
    /// PAR INDEX: points / maximum × 100, two decimals.
    pub index: Percent,
    /// The same from the unit's own scores: the gap to `index` is what
    /// the appraisal took away.
    pub self_index: Percent,
    /// Codes of survey items not yet known (self-assessment basis only).
    pub pending: Vec<String>,
    /// One per leaf, in the order of [`ValidFramework::leaves`].
    pub leaves: Vec<LeafScore>,
}

/// An area's points lost, for "where to act" (see [`UnitScore::losses`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaLoss {
    pub code: String,
    pub max: Points,
    pub points: Points,
    pub lost: Points,
}

impl UnitScore {
    /// The points lost per area, the worst first: most points lost, then
    /// the larger share of its maximum lost, then framework order. The
    /// areas where a unit can gain the most come first.
    pub fn losses(&self) -> Vec<AreaLoss> {
        let mut out: Vec<(usize, AreaLoss)> = self
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| (i, AreaLoss { code: a.code.clone(), max: a.max, points: a.points, lost: a.lost }))
            .collect();
        out.sort_by(|(i, x), (j, y)| {
            // Compare lost/max shares by cross-multiplying; an area with
            // max 0 counts as all lost when it lost anything.
            let share = |l: &AreaLoss, other: &AreaLoss| {
                i128::from(l.lost.hundredths()) * i128::from(other.max.hundredths().max(1))
            };
            y.lost.cmp(&x.lost).then_with(|| share(y, x).cmp(&share(x, y))).then(i.cmp(j))
        });
        out.into_iter().map(|(_, l)| l).collect()
    }
}

/// Where an entry sits, for error fields. Paths are built only when an
/// error is returned: scoring thousands of sheets must not allocate a path
/// per item.
#[derive(Clone, Copy)]
enum At<'a> {
    /// `entries[i]` of a sheet.
    Entry(usize),
    /// A path the caller gave.
    Given(&'a str),
}

impl At<'_> {
    fn field(self, name: &str) -> String {
        match self {
            At::Entry(i) => format!("entries[{i}].{name}"),
            At::Given(at) => format!("{at}.{name}"),
        }
    }
}

/// `what` names the score in the message: `self-score`, `appraised`, `survey` or `adjustment`.
fn within(value: Points, leaf: &Leaf, at: At, name: &str, what: &str) -> Result<Points, RuleError> {
    if value < Points::ZERO {
        return Err(RuleError::invalid("par_points_negative", &at.field(name))
            .arg("what", what)
            .arg("code", &leaf.code)
            .arg_each("value", value.to_vi(), value));
    }
    if value > leaf.max {
        return Err(RuleError::invalid("par_points_above_max", &at.field(name))
            .arg("what", what)
            .arg("code", &leaf.code)
            .arg_each("value", value.to_vi(), value)
            .arg_each("max", leaf.max.to_vi(), leaf.max));
    }
    Ok(value)
}

/// The appraisal's reason: required when the appraised score differs from
/// the self-assessment; when given, at most [`MAX_REASON_CHARS`] characters
/// and no control characters but line breaks and tabs (the rules of
/// [`crate::validate::text`], checked here without allocating).
fn check_reason(reason: Option<&str>, leaf: &Leaf, own: Points, appraised: Points, at: At) -> Result<(), RuleError> {
    let r = reason.unwrap_or("");
    if has_control(r) {
        return Err(RuleError::invalid("invalid_text", &at.field("reason")));
    }
    // A char is at least a byte: count chars only when the bytes could be
    // too many.
    let n = if r.len() > MAX_REASON_CHARS { r.trim().chars().count() } else { 0 };
    if n > MAX_REASON_CHARS {
        return Err(RuleError::invalid("text_too_long", &at.field("reason")).arg("n", n).arg("max", MAX_REASON_CHARS));
    }
    if appraised != own && r.trim().is_empty() {
        return Err(RuleError::invalid("par_appraisal_reason_missing", &at.field("reason"))
            .arg("code", &leaf.code)
            .arg_each("appraised", appraised.to_vi(), appraised)
            .arg_each("own", own.to_vi(), own));
    }
    Ok(())
}

/// Whether `s` holds a control character (Unicode category Cc) other
/// than `\n`, `\r` and `\t`, on the bytes: C0 and DEL are single bytes,
/// C1 (U+0080–U+009F) is `0xC2` followed by `0x80..=0x9F`. Reasons are
/// checked for every appraised item of every sheet, so this avoids
/// decoding each char.
fn has_control(s: &str) -> bool {
    // 0xC2 is always a lead byte in UTF-8, so "after 0xC2" is exact.
    let mut after_c2 = false;
    for &c in s.as_bytes() {
        if (c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t')) || c == 0x7f || (after_c2 && c <= 0x9f) {
            return true;
        }
        after_c2 = c == 0xc2;
    }
    false
}

fn wrong_kind(leaf: &Leaf, at: At) -> RuleError {
    let expected = match &leaf.method {
        Method::SelfAssessed => "assessed",
        Method::Survey { from_sipas: Some(_) } => "survey or sipas",
        Method::Survey { from_sipas: None } => "survey",
        Method::Computed { .. } => "computed",
        Method::Bonus | Method::Penalty => "adjustment",
    };
    RuleError::invalid("par_entry_kind", &at.field("kind")).arg("code", &leaf.code).arg("kind", expected)
}

/// Scores one entry against its leaf; `at` is the entry's path
/// (`entries[4]`), the prefix of the field of any error.
pub fn score_entry(leaf: &Leaf, input: &Input, basis: ScoreBasis, at: &str) -> Result<LeafScore, RuleError> {
    score_entry_at(leaf, input, basis, At::Given(at))
}

fn score_entry_at(leaf: &Leaf, input: &Input, basis: ScoreBasis, at: At) -> Result<LeafScore, RuleError> {
    let same = |p: Points| LeafScore { points: p, self_points: p };
    match (&leaf.method, input) {
        (Method::SelfAssessed, Input::Assessed { self_score, appraised, reason }) => {
            let own = within(*self_score, leaf, at, "self_score", "self-score")?;
            let mut counted = own;
            if let Some(appraised) = appraised {
                let appraised = within(*appraised, leaf, at, "appraised", "appraised")?;
                check_reason(reason.as_deref(), leaf, own, appraised, at)?;
                if basis == ScoreBasis::Appraisal {
                    counted = appraised;
                }
            } else if basis == ScoreBasis::Appraisal {
                return Err(RuleError::invalid("par_not_appraised", &at.field("appraised")).arg("code", &leaf.code));
            }
            Ok(LeafScore { points: counted, self_points: own })
        }
        (Method::Survey { .. }, Input::Survey { points }) => Ok(same(within(*points, leaf, at, "points", "survey")?)),
        (Method::Survey { from_sipas: Some(mapping) }, Input::Sipas { percent }) => {
            if *percent < Percent::ZERO || *percent > Percent::HUNDRED {
                return Err(RuleError::invalid("par_percent_out_of_range", &at.field("percent")).arg_each(
                    "percent",
                    percent.to_vi(),
                    percent,
                ));
            }
            Ok(same(mapping.points(Ratio::from_percent(*percent), leaf.max)))
        }
        (Method::Computed { mapping, if_no_data, .. }, Input::Computed { numerator, denominator }) => {
            if *denominator == 0 && *numerator == 0 {
                return Ok(same(match if_no_data {
                    NoData::FullPoints => leaf.max,
                    NoData::ZeroPoints => Points::ZERO,
                }));
            }
            let ratio = Ratio::new(*numerator, *denominator).ok_or_else(|| {
                RuleError::invalid("par_ratio_invalid", &at.field("numerator"))
                    .arg("code", &leaf.code)
                    .arg("numerator", numerator)
                    .arg("denominator", denominator)
            })?;
            Ok(same(mapping.points(ratio, leaf.max)))
        }
        (Method::Bonus | Method::Penalty, Input::Adjustment { points }) => {
            let p = within(*points, leaf, at, "points", "adjustment")?;
            Ok(same(if leaf.method == Method::Penalty { -p } else { p }))
        }
        _ => Err(wrong_kind(leaf, at)),
    }
}

/// An area's points from its net: bounded by 0..=max when it has scored
/// items, as is for an area of adjustments only.
fn bound_area(net: Points, max: Points) -> Points {
    if max > Points::ZERO { net.clamp(Points::ZERO, max) } else { net }
}

/// Scores a unit's sheet. Refuses, with the entry's path
/// (`entries[3].appraised`): an unknown or repeated code, an entry of the
/// wrong kind for its item, scores below zero or above the maximum, an
/// appraisal that differs from the self-assessment without a reason, an
/// impossible ratio, a missing item (bonus and penalty items may be left
/// out: they count 0), and on the appraisal basis an item not appraised.
pub fn score_sheet(fw: &ValidFramework, sheet: &Sheet, basis: ScoreBasis) -> Result<UnitScore, RuleError> {
    if sheet.unit_code.trim().is_empty() {
        return Err(RuleError::invalid("required", "unit_code").arg("case", "unit-code"));
    }
    let leaves = fw.leaves();
    let mut scored: Vec<Option<LeafScore>> = vec![None; leaves.len()];
    for (i, entry) in sheet.entries.iter().enumerate() {
        // Sheets are usually in framework order: try the same position
        // before the look-up.
        let at_position = leaves.get(i).is_some_and(|l| l.code == entry.code);
        let Some(l) = (if at_position { Some(i) } else { fw.leaf_index(&entry.code) }) else {
            return Err(RuleError::invalid("par_entry_unknown", &format!("entries[{i}].code")).arg("code", &entry.code));
        };
        if scored[l].is_some() {
            return Err(
                RuleError::invalid("par_entry_duplicate", &format!("entries[{i}].code")).arg("code", &entry.code)
            );
        }
        scored[l] = Some(score_entry_at(&leaves[l], &entry.input, basis, At::Entry(i))?);
    }

    let mut pending = Vec::new();
    let areas = fw.areas();
    let mut per_area = vec![(Breakdown::default(), Breakdown::default()); areas.len()];
    let mut out_leaves = Vec::with_capacity(leaves.len());
    for (leaf, score) in leaves.iter().zip(scored) {
        let score = match score {
            Some(s) => s,
            None if leaf.method.is_adjustment() => LeafScore { points: Points::ZERO, self_points: Points::ZERO },
            None if basis == ScoreBasis::SelfAssessment && matches!(leaf.method, Method::Survey { .. }) => {
                pending.push(leaf.code.clone());
                LeafScore { points: Points::ZERO, self_points: Points::ZERO }
            }
            None => {
                return Err(RuleError::invalid("par_entry_missing", "entries")
                    .arg("code", &leaf.code)
                    .arg("name", &leaf.name));
            }
        };
        let (counted, own) = &mut per_area[leaf.area];
        counted.add(&leaf.method, score.points);
        own.add(&leaf.method, score.self_points);
        out_leaves.push(score);
    }

    let mut total = Breakdown::default();
    let (mut points, mut self_points) = (Points::ZERO, Points::ZERO);
    let area_scores = areas
        .iter()
        .zip(&per_area)
        .map(|(area, (counted, own))| {
            total.merge(counted);
            let p = bound_area(counted.net(), area.max);
            let sp = bound_area(own.net(), area.max);
            points += p;
            self_points += sp;
            AreaScore {
                code: area.code.clone(),
                max: area.max,
                points: p,
                self_points: sp,
                breakdown: *counted,
                index: (area.max > Points::ZERO).then(|| Percent::of(p, area.max)),
                lost: (area.max - p).max(Points::ZERO),
            }
        })
        .collect();
    let maximum = fw.maximum();
    let points = points.clamp(Points::ZERO, maximum);
    let self_points = self_points.clamp(Points::ZERO, maximum);
    Ok(UnitScore {
        unit_code: sheet.unit_code.clone(),
        unit_name: sheet.unit_name.clone(),
        basis,
        areas: area_scores,
        maximum,
        points,
        self_points,
        breakdown: total,
        index: Percent::of(points, maximum),
        self_index: Percent::of(self_points, maximum),
        pending,
        leaves: out_leaves,
    })
}

#[cfg(test)]
#[path = "sheet_tests.rs"]
mod tests;
