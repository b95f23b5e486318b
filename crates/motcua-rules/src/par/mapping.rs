//! Rules that turn a ratio into points: how a criterion computed from
//! motcua's own data (the on-time rate of dossiers, the share of online
//! dossiers …) or from the survey (a SIPAS percentage) earns its points.
//!
//! The official guides state such rules in words ("đạt 100% thì được điểm
//! tối đa; từ 95% đến dưới 100% được 1,5 điểm …"); each rule here is one of
//! those shapes, stored in the framework so that the rule is data a reform
//! office edits, never code. All arithmetic is on integers: a ratio is two
//! counts, thresholds are [`Percent`]s, so a unit exactly on a threshold
//! always gets the step, and the same counts always give the same points.

use serde::{Deserialize, Serialize};

use super::points::{Percent, Points, div_round};
use crate::error::RuleError;

/// `num / den`, a share of a whole: on-time dossiers over resolved
/// dossiers, online dossiers over all dossiers. `num <= den`, `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    num: u64,
    den: u64,
}

impl Ratio {
    /// `None` when `den` is 0 or `num > den`.
    pub fn new(num: u64, den: u64) -> Option<Ratio> {
        (den > 0 && num <= den).then_some(Ratio { num, den })
    }

    /// A percentage read as a share: 82.66% is 8266/10000. Negative values
    /// count as 0 and values above 100 as 100.
    pub fn from_percent(p: Percent) -> Ratio {
        Ratio { num: p.hundredths().clamp(0, 10_000) as u64, den: 10_000 }
    }

    pub fn num(self) -> u64 {
        self.num
    }

    pub fn den(self) -> u64 {
        self.den
    }

    /// The ratio as a percentage rounded to two decimals.
    pub fn percent(self) -> Percent {
        Percent::from_hundredths(div_round(i128::from(self.num) * 10_000, i128::from(self.den)) as i64)
    }

    /// `self >= p`, exactly.
    fn at_least(self, p: Percent) -> bool {
        i128::from(self.num) * 10_000 >= i128::from(p.hundredths()) * i128::from(self.den)
    }
}

/// One step of a [`RatioMapping::Steps`] rule: a ratio of at least
/// `at_least` earns `points`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub at_least: Percent,
    pub points: Points,
}

/// How a ratio becomes points, out of a criterion's maximum `max`.
/// Computed points are rounded to two decimals, halves up, like every
/// published score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum RatioMapping {
    /// `max × ratio`: 80% of the dossiers online earns 80% of the points.
    Proportional,
    /// 0 points at or below `zero_at`, `max` at or above `full_at`, a
    /// straight line between: "dưới 80% không có điểm, 100% được tối đa".
    Linear { zero_at: Percent, full_at: Percent },
    /// The points of the highest step reached, 0 below the lowest:
    /// "100%: 2 điểm; từ 95% đến dưới 100%: 1,5 điểm; …". Steps in
    /// ascending order of `at_least`, points never decreasing.
    Steps { steps: Vec<Step> },
}

impl RatioMapping {
    /// Checks the rule against the criterion's maximum; `field` is the
    /// rule's path in the framework (`areas[2].criteria[1].method.mapping`).
    pub fn check(&self, max: Points, field: &str) -> Result<(), RuleError> {
        let percent_ok = |p: Percent| (Percent::ZERO..=Percent::HUNDRED).contains(&p);
        match self {
            RatioMapping::Proportional => Ok(()),
            RatioMapping::Linear { zero_at, full_at } => {
                if !percent_ok(*zero_at) || !percent_ok(*full_at) || zero_at >= full_at {
                    return Err(RuleError::invalid("par_mapping_invalid", field)
                        .arg("case", "linear")
                        .arg_each("zero_at", zero_at.to_vi(), zero_at)
                        .arg_each("full_at", full_at.to_vi(), full_at));
                }
                Ok(())
            }
            RatioMapping::Steps { steps } => {
                if steps.is_empty() {
                    return Err(RuleError::invalid("par_mapping_invalid", field).arg("case", "no-steps"));
                }
                for (i, s) in steps.iter().enumerate() {
                    let at = format!("{field}.steps[{i}]");
                    if !percent_ok(s.at_least) {
                        return Err(RuleError::invalid("par_mapping_invalid", &format!("{at}.at_least"))
                            .arg("case", "threshold")
                            .arg_each("value", s.at_least.to_vi(), s.at_least));
                    }
                    if s.points < Points::ZERO || s.points > max {
                        return Err(RuleError::invalid("par_mapping_invalid", &format!("{at}.points"))
                            .arg("case", "step-points")
                            .arg_each("points", s.points.to_vi(), s.points)
                            .arg_each("max", max.to_vi(), max));
                    }
                    if let Some(prev) = i.checked_sub(1).map(|j| steps[j])
                        && (s.at_least <= prev.at_least || s.points < prev.points)
                    {
                        return Err(RuleError::invalid("par_mapping_invalid", &at).arg("case", "order"));
                    }
                }
                Ok(())
            }
        }
    }

    /// The points `ratio` earns out of `max`. The rule must have passed
    /// [`check`](Self::check) for the same `max`; the result is then
    /// within 0..=max.
    pub fn points(&self, ratio: Ratio, max: Points) -> Points {
        let (num, den, m) = (i128::from(ratio.num), i128::from(ratio.den), i128::from(max.hundredths()));
        let h = match self {
            RatioMapping::Proportional => div_round(m * num, den),
            RatioMapping::Linear { zero_at, full_at } => {
                let (z, f) = (i128::from(zero_at.hundredths()), i128::from(full_at.hundredths()));
                // The ratio in hundredths of a percent is num × 10 000 / den;
                // keep everything over den to stay exact.
                let r = num * 10_000;
                if r <= z * den {
                    0
                } else if r >= f * den {
                    m
                } else {
                    div_round(m * (r - z * den), (f - z) * den)
                }
            }
            RatioMapping::Steps { steps } => {
                steps.iter().rev().find(|s| ratio.at_least(s.at_least)).map_or(0, |s| i128::from(s.points.hundredths()))
            }
        };
        Points::from_hundredths(h as i64)
    }

    /// A short statement of the rule for people, in Vietnamese.
    pub fn describe_vi(&self, max: Points) -> String {
        match self {
            RatioMapping::Proportional => format!("Điểm = {} × tỷ lệ đạt được", max.to_vi_short()),
            RatioMapping::Linear { zero_at, full_at } => format!(
                "Từ {}% trở xuống: 0 điểm; từ {}% trở lên: {} điểm; ở giữa tính tỷ lệ tuyến tính",
                zero_at.to_vi_short(),
                full_at.to_vi_short(),
                max.to_vi_short()
            ),
            RatioMapping::Steps { steps } => {
                let mut parts: Vec<String> = steps
                    .iter()
                    .rev()
                    .map(|s| format!("từ {}%: {} điểm", s.at_least.to_vi_short(), s.points.to_vi_short()))
                    .collect();
                parts.push("thấp hơn: 0 điểm".to_owned());
                parts.join("; ")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(s: &str) -> Percent {
        Percent::parse(s).unwrap()
    }

    fn pts(s: &str) -> Points {
        Points::parse(s).unwrap()
    }

    #[test]
    fn ratio_refuses_an_empty_or_impossible_share() {
        assert!(Ratio::new(0, 0).is_none());
        assert!(Ratio::new(3, 2).is_none());
        assert_eq!(Ratio::new(2, 3).unwrap().percent(), pct("66.67"));
        assert_eq!(Ratio::from_percent(pct("82.66")), Ratio::new(8266, 10_000).unwrap());
    }

    #[test]
    fn proportional_by_hand() {
        // 1,171 online dossiers of 1,700: 5 × 0.68882… = 3.444… → 3.44.
        let r = Ratio::new(1171, 1700).unwrap();
        assert_eq!(RatioMapping::Proportional.points(r, pts("5")), pts("3.44"));
        // SIPAS 75.50% on a 6-point criterion: 4.53.
        assert_eq!(RatioMapping::Proportional.points(Ratio::from_percent(pct("75.5")), pts("6")), pts("4.53"));
        // Halves go up: 1/8 of 0.5 = 0.0625 → 0.06; 1/8 of 0.6 = 0.075 → 0.08.
        let eighth = Ratio::new(1, 8).unwrap();
        assert_eq!(RatioMapping::Proportional.points(eighth, pts("0.5")), pts("0.06"));
        assert_eq!(RatioMapping::Proportional.points(eighth, pts("0.6")), pts("0.08"));
    }

    #[test]
    fn linear_by_hand() {
        let rule = RatioMapping::Linear { zero_at: pct("80"), full_at: pct("100") };
        let max = pts("5");
        assert_eq!(rule.points(Ratio::new(79, 100).unwrap(), max), Points::ZERO);
        assert_eq!(rule.points(Ratio::new(80, 100).unwrap(), max), Points::ZERO);
        // 96%: 5 × (96 − 80) / 20 = 4.
        assert_eq!(rule.points(Ratio::new(2400, 2500).unwrap(), max), pts("4"));
        // 98.8% (Sơn Tây's on-time rate, seed 003): 5 × 18.8 / 20 = 4.7.
        assert_eq!(rule.points(Ratio::new(988, 1000).unwrap(), max), pts("4.7"));
        assert_eq!(rule.points(Ratio::new(1, 1).unwrap(), max), max);
    }

    #[test]
    fn steps_by_hand_with_exact_thresholds() {
        let rule = RatioMapping::Steps {
            steps: vec![
                Step { at_least: pct("90"), points: pts("1") },
                Step { at_least: pct("95"), points: pts("1.5") },
                Step { at_least: pct("100"), points: pts("2") },
            ],
        };
        assert_eq!(rule.check(pts("2"), "m"), Ok(()));
        assert_eq!(rule.points(Ratio::new(89, 100).unwrap(), pts("2")), Points::ZERO);
        // Exactly 95%: 19/20 reaches the 95% step, with no float in the way.
        assert_eq!(rule.points(Ratio::new(19, 20).unwrap(), pts("2")), pts("1.5"));
        assert_eq!(rule.points(Ratio::new(9999, 10_000).unwrap(), pts("2")), pts("1.5"));
        assert_eq!(rule.points(Ratio::new(7, 7).unwrap(), pts("2")), pts("2"));
        assert!(rule.describe_vi(pts("2")).starts_with("từ 100%: 2 điểm; từ 95%: 1,5 điểm"));
    }

    #[test]
    fn check_refuses_bad_rules_with_the_path() {
        let bad_linear = RatioMapping::Linear { zero_at: pct("90"), full_at: pct("90") };
        assert_eq!(bad_linear.check(pts("2"), "x.mapping").unwrap_err().code, "par_mapping_invalid");
        let over = RatioMapping::Steps { steps: vec![Step { at_least: pct("50"), points: pts("3") }] };
        assert_eq!(over.check(pts("2"), "x.mapping").unwrap_err().field.as_deref(), Some("x.mapping.steps[0].points"));
        let unordered = RatioMapping::Steps {
            steps: vec![Step { at_least: pct("95"), points: pts("1") }, Step { at_least: pct("90"), points: pts("2") }],
        };
        assert_eq!(unordered.check(pts("2"), "m").unwrap_err().field.as_deref(), Some("m.steps[1]"));
        assert!(RatioMapping::Steps { steps: vec![] }.check(pts("2"), "m").is_err());
    }

    #[test]
    fn json_shape() {
        let rule: RatioMapping =
            serde_json::from_str(r#"{"rule":"steps","steps":[{"at_least":95,"points":1.5}]}"#).unwrap();
        assert_eq!(rule, RatioMapping::Steps { steps: vec![Step { at_least: pct("95"), points: pts("1.5") }] });
        let lin: RatioMapping = serde_json::from_str(r#"{"rule":"linear","zero_at":80,"full_at":100}"#).unwrap();
        assert_eq!(lin, RatioMapping::Linear { zero_at: pct("80"), full_at: pct("100") });
    }
}
