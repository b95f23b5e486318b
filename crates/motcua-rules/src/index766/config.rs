//! Configuration for what the sources leave open (docs/sources.md#766-formulas
//! and #766-total).
//!
//! Everything here has a documented default, and every result that depends
//! on it is flagged provisional.

use serde::{Deserialize, Serialize};

use super::group::Group;
use super::indicator::Indicator;
use crate::error::RuleError;

/// What the sources leave unresolved, as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Classification bands, highest first. The decision's bands were NOT
    /// FOUND (docs/sources.md#766-total), so the default is provisional; see
    /// [`Config::default_bands`].
    pub bands: Vec<Band>,
    /// Set only when the bands come from a decision that applies to the unit
    /// (e.g. a provincial decision); otherwise every class is provisional.
    pub bands_confirmed: bool,
    /// Points of indicator 2.1 (progress, max 20) when no dossier was
    /// received (totalReceived = 0). Never observed on the portal. Default 0,
    /// after (A)'s general rule "if the denominator is 0, show 0 or N/A".
    pub progress_when_empty: f64,
    /// A formula for the 12-point online-service (DVCTT) group, whose real
    /// formula is unresolved. `None` (the default): the group has no score.
    pub online_service: Option<OnlineServiceFormula>,
    /// Who publishes the catalogue motcua scores 1.1 and 1.2 on: the
    /// deadlines differ for a ministry and a province
    /// ([`super::publication::DEADLINES`]). Default: province.
    pub publisher_level: super::publication::PublisherLevel,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bands: Config::default_bands(),
            bands_confirmed: false,
            progress_when_empty: 0.0,
            online_service: None,
            publisher_level: super::publication::PublisherLevel::Province,
        }
    }
}

/// A classification band: a total of at least `min` (out of 100, rounded
/// to 2 decimals) falls in this band, unless a higher band takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min: f64,
    pub name_vi: String,
    pub name_en: String,
}

impl Band {
    fn new(min: f64, name_vi: &str, name_en: &str) -> Band {
        Band { min, name_vi: name_vi.to_owned(), name_en: name_en.to_owned() }
    }
}

/// A stand-in formula for the online-service group:
/// `score = min(12, Σ points × min(1, ratio / full_at))` over the group's
/// indicators (3.0–3.3), a ratio of a zero denominator counting as 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnlineServiceFormula {
    pub terms: Vec<OnlineTerm>,
}

/// One term of [`OnlineServiceFormula`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnlineTerm {
    /// An indicator of the online-service group, by id (`"3.2"`).
    pub indicator: Indicator,
    /// Points at full marks.
    pub points: f64,
    /// The ratio (0..1] from which the term has full marks; 1 = linear.
    #[serde(default = "one")]
    pub full_at: f64,
}

fn one() -> f64 {
    1.0
}

impl OnlineServiceFormula {
    /// The group's points, given the ratio of each indicator (`None` for a
    /// zero denominator, which scores 0).
    pub fn score(&self, ratio: impl Fn(Indicator) -> Option<f64>) -> f64 {
        let sum: f64 = self
            .terms
            .iter()
            .map(|t| {
                let r = ratio(t.indicator).filter(|r| r.is_finite() && *r > 0.0).unwrap_or(0.0);
                t.points * (r / t.full_at).min(1.0)
            })
            .sum();
        sum.min(Group::OnlineService.max())
    }
}

/// The class of a total, e.g. "tốt".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Classification<'a> {
    /// `None` when the total is below every band.
    pub band: Option<&'a Band>,
    /// True unless [`Config::bands_confirmed`].
    pub provisional: bool,
}

impl Config {
    /// The default bands: xuất sắc ≥ 90, tốt ≥ 80, khá ≥ 70, trung bình ≥ 50,
    /// yếu below. The names are those a province used (Lâm Đồng, Q2/2024:
    /// 83.61 ⇒ tốt, 90.96 ⇒ xuất sắc); the cut-offs are motcua's, consistent
    /// with those two reports. Provisional: the decision's bands were not found.
    pub fn default_bands() -> Vec<Band> {
        vec![
            Band::new(90.0, "Xuất sắc", "Excellent"),
            Band::new(80.0, "Tốt", "Good"),
            Band::new(70.0, "Khá", "Fair"),
            Band::new(50.0, "Trung bình", "Average"),
            Band::new(0.0, "Yếu", "Weak"),
        ]
    }

    /// The class of a total out of 100 (compared rounded to 2 decimals).
    /// Only a complete total should be classified (see
    /// [`super::UnitScore::classification`]).
    pub fn classify(&self, total: f64) -> Classification<'_> {
        let total = super::round2(total);
        Classification { band: self.bands.iter().find(|b| total >= b.min), provisional: !self.bands_confirmed }
    }

    /// The configured score of an indicator whose denominator is 0 and
    /// whose rule is [`super::WhenEmpty::Configured`].
    pub fn when_empty(&self, indicator: Indicator) -> f64 {
        match indicator {
            Indicator::ProgressOnTime => self.progress_when_empty,
            _ => 0.0,
        }
    }

    /// Checks the configuration; the error names the offending field.
    pub fn check(&self) -> Result<(), RuleError> {
        let mut previous: Option<f64> = None;
        for (i, band) in self.bands.iter().enumerate() {
            if !(band.min.is_finite() && (0.0..=100.0).contains(&band.min)) {
                return Err(invalid(&format!("bands[{i}].min"), "band-min"));
            }
            if previous.is_some_and(|p| band.min >= p) {
                return Err(invalid(&format!("bands[{i}].min"), "band-order"));
            }
            if band.name_vi.trim().is_empty() || band.name_en.trim().is_empty() {
                return Err(invalid(&format!("bands[{i}].name_vi"), "band-name"));
            }
            previous = Some(band.min);
        }
        let progress_max = Indicator::ProgressOnTime.def().max;
        if !(self.progress_when_empty.is_finite() && (0.0..=progress_max).contains(&self.progress_when_empty)) {
            return Err(invalid("progress_when_empty", "progress-when-empty"));
        }
        if let Some(formula) = &self.online_service {
            let mut total = 0.0;
            for (i, term) in formula.terms.iter().enumerate() {
                if term.indicator.group() != Group::OnlineService {
                    return Err(invalid(&format!("online_service.terms[{i}].indicator"), "online-indicator"));
                }
                if !(term.points.is_finite() && term.points > 0.0) {
                    return Err(invalid(&format!("online_service.terms[{i}].points"), "online-points"));
                }
                if !(term.full_at.is_finite() && term.full_at > 0.0 && term.full_at <= 1.0) {
                    return Err(invalid(&format!("online_service.terms[{i}].full_at"), "online-full-at"));
                }
                total += term.points;
            }
            if total > Group::OnlineService.max() + 1e-9 {
                return Err(invalid("online_service.terms", "online-total"));
            }
        }
        Ok(())
    }
}

/// `case` picks the wording of `index766_config_invalid` in errors.ftl.
fn invalid(field: &str, case: &str) -> RuleError {
    RuleError::invalid("index766_config_invalid", field).arg("case", case)
}
