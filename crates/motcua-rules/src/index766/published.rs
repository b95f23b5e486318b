//! The scores the national portal published for a unit and a period,
//! recorded by the reform office next to motcua's own (docs/index766.md
//! §10): their checks, and how the two are compared.
//!
//! motcua scores only the groups whose data it holds, so its total is out
//! of less than 100 until every group is measured. A difference is only
//! shown on the same ground: the totals when motcua's is complete, else the
//! groups both motcua and the recorded figures score.

use serde::{Deserialize, Serialize};

use super::group::Group;
use super::score::{UnitScore, round2};
use crate::error::RuleError;
use crate::period::Period;

/// One unit's published score: the total (out of 100) and each group's
/// where the portal's figure is known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishedScore {
    pub total: f64,
    /// By [`Group::index`]; `None` where not recorded.
    pub groups: [Option<f64>; Group::COUNT],
}

/// The period key a published score is recorded for: a month (`2026-03`),
/// a quarter (`2026-Q1`) or a year (`2026`), as the portal publishes them.
pub fn period_key(s: &str) -> Result<String, RuleError> {
    let bad = || RuleError::invalid("portal_score_period_invalid", "period").arg("value", s.trim());
    Period::parse(s).ok().and_then(|p| p.key()).ok_or_else(bad)
}

/// Checks a published score: the total between 0 and 100, each group
/// between 0 and its maximum, and the groups adding up to no more than the
/// total (0.01 allowed for the portal's rounding); with every group known,
/// they add up to it.
pub fn check(score: &PublishedScore) -> Result<(), RuleError> {
    let range = |field: &str, v: f64, max: f64| {
        if v.is_finite() && (0.0..=max).contains(&v) {
            Ok(())
        } else {
            Err(RuleError::invalid("portal_score_out_of_range", field).arg("max", max).arg("value", v))
        }
    };
    range("total", score.total, 100.0)?;
    for g in Group::ALL {
        if let Some(v) = score.groups[g.index()] {
            range(&format!("groups.{}", g.as_str()), v, g.max())?;
        }
    }
    let known: Vec<f64> = score.groups.iter().flatten().copied().collect();
    let sum: f64 = known.iter().sum();
    let all = known.len() == Group::COUNT;
    if sum > score.total + 0.01 || (all && (sum - score.total).abs() > 0.01) {
        return Err(RuleError::invalid("portal_score_groups_mismatch", "total")
            .arg("sum", round2(sum))
            .arg("total", score.total));
    }
    Ok(())
}

/// motcua's score against the published one, on the same ground.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// motcua's score over the compared groups, and those groups' maximum.
    pub motcua: f64,
    pub portal: f64,
    pub max: f64,
    /// motcua − portal, rounded to 2 decimals.
    pub difference: f64,
    /// True when the totals (out of 100) are compared.
    pub whole: bool,
    /// The groups compared.
    pub groups: Vec<Group>,
}

/// Compares motcua's score with the published one: the totals when
/// motcua's is complete, else the groups both score; `None` when they
/// share none.
pub fn compare(motcua: &UnitScore, portal: &PublishedScore) -> Option<Comparison> {
    if motcua.complete() {
        let (m, p) = (round2(motcua.total), round2(portal.total));
        return Some(Comparison {
            motcua: m,
            portal: p,
            max: 100.0,
            difference: round2(m - p),
            whole: true,
            groups: Group::ALL.to_vec(),
        });
    }
    let both: Vec<(Group, f64, f64)> =
        Group::ALL.into_iter().filter_map(|g| Some((g, motcua.group(g).score?, portal.groups[g.index()]?))).collect();
    if both.is_empty() {
        return None;
    }
    let m = round2(both.iter().map(|b| b.1).sum());
    let p = round2(both.iter().map(|b| b.2).sum());
    Some(Comparison {
        motcua: m,
        portal: p,
        max: both.iter().map(|b| b.0.max()).sum(),
        difference: round2(m - p),
        whole: false,
        groups: both.iter().map(|b| b.0).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index766::{Config, Indicator, Inputs, OwnCounts, own_inputs, score_unit};

    fn groups(values: [(Group, f64); 2]) -> [Option<f64>; Group::COUNT] {
        let mut g = [None; Group::COUNT];
        for (group, v) in values {
            g[group.index()] = Some(v);
        }
        g
    }

    #[test]
    fn periods_are_a_month_a_quarter_or_a_year() {
        assert_eq!(period_key("2026-03").unwrap(), "2026-03");
        assert_eq!(period_key(" 2026-q1 ").unwrap(), "2026-Q1");
        assert_eq!(period_key("2026").unwrap(), "2026");
        for bad in ["2026-13", "26-03", "2026-03-01", "", "2026-Q5"] {
            let e = period_key(bad).unwrap_err();
            assert_eq!((e.code, e.field.as_deref()), ("portal_score_period_invalid", Some("period")), "{bad}");
        }
    }

    #[test]
    fn scores_stay_in_their_ranges_and_add_up() {
        let ok = PublishedScore { total: 81.5, groups: groups([(Group::Progress, 17.2), (Group::Transparency, 16.0)]) };
        assert!(check(&ok).is_ok());
        let e = check(&PublishedScore { total: 100.5, ..ok }).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("portal_score_out_of_range", Some("total")));
        assert!(check(&PublishedScore { total: -1.0, ..ok }).is_err());
        assert!(check(&PublishedScore { total: f64::NAN, ..ok }).is_err());
        let e = check(&PublishedScore { groups: groups([(Group::Progress, 20.5), (Group::Transparency, 1.0)]), ..ok })
            .unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("portal_score_out_of_range", Some("groups.progress")));
        let e = check(&PublishedScore { total: 30.0, ..ok }).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("portal_score_groups_mismatch", Some("total")), "33.2 > 30");
        // Every group known: they must add up to the total.
        let all = [Some(16.0), Some(17.0), Some(6.0), Some(8.0), Some(15.0), Some(18.0)];
        assert!(check(&PublishedScore { total: 80.0, groups: all }).is_ok());
        assert!(check(&PublishedScore { total: 80.005, groups: all }).is_ok(), "rounding");
        assert_eq!(
            check(&PublishedScore { total: 85.0, groups: all }).unwrap_err().code,
            "portal_score_groups_mismatch"
        );
    }

    #[test]
    fn comparison_is_on_the_same_ground() {
        // motcua scores progress (16 of 20) and satisfaction (18, no
        // feedback and no dossier rating): not complete.
        let c = OwnCounts { resolved_on_time: 40, resolved_late: 10, ..OwnCounts::default() };
        let motcua = score_unit(&own_inputs(&c), &Config::default());
        assert!(!motcua.complete());
        let progress = motcua.group(Group::Progress).score.unwrap();
        assert_eq!(progress, 16.0);
        // The portal's progress is known, its satisfaction is not: only
        // progress is compared.
        let portal =
            PublishedScore { total: 80.0, groups: groups([(Group::Progress, 17.25), (Group::Digitisation, 20.0)]) };
        let got = compare(&motcua, &portal).unwrap();
        assert_eq!((got.motcua, got.portal, got.max, got.difference, got.whole), (16.0, 17.25, 20.0, -1.25, false));
        assert_eq!(got.groups, vec![Group::Progress]);
        // Nothing in common: no comparison.
        let none = PublishedScore { total: 80.0, groups: [None; Group::COUNT] };
        assert_eq!(compare(&motcua, &none), None);
        // A complete score compares the totals.
        let mut inputs = Inputs::default();
        inputs.set_progress(10, 10).set(Indicator::PublishOnTime, 1, 1);
        let config = Config {
            online_service: Some(crate::index766::OnlineServiceFormula { terms: vec![] }),
            ..Config::default()
        };
        let full = score_unit(&inputs, &config);
        assert!(full.complete());
        let got = compare(&full, &PublishedScore { total: 50.0, groups: [None; Group::COUNT] }).unwrap();
        assert_eq!((got.whole, got.portal, got.difference), (true, 50.0, round2(full.total - 50.0)));
    }
}
