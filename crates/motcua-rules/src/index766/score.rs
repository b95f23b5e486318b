//! Scoring: counters in, points out. Pure arithmetic over fixed-size
//! arrays, no allocation, so a province's units score in microseconds.

use serde::Serialize;

use super::config::{Classification, Config};
use super::group::Group;
use super::indicator::{Indicator, Rule, WhenEmpty};

/// A numerator and a denominator, as counted by the statistics layer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Counts {
    pub numerator: u64,
    pub denominator: u64,
}

impl Counts {
    pub const fn new(numerator: u64, denominator: u64) -> Counts {
        Counts { numerator, denominator }
    }

    /// numerator / denominator, `None` when the denominator is 0.
    pub fn ratio(self) -> Option<f64> {
        ratio_of(self.numerator as f64, self.denominator as f64)
    }
}

/// numerator / denominator, `None` when the denominator is not above 0.
pub fn ratio_of(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator > 0.0).then(|| numerator / denominator)
}

/// Rounds to 2 decimals, as the portal publishes scores (and percentages).
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A ratio as a percentage rounded to 2 decimals, for display (0.857142 ⇒ 85.71).
pub fn percent(ratio: f64) -> f64 {
    round2(ratio * 100.0)
}

/// Where an indicator's counts come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Counted as the indicator defines them (the portal's own figures, or
    /// motcua's where its data holds exactly what the spec counts).
    #[default]
    Counted,
    /// Counted by motcua under a reading of the spec that the sources do
    /// not confirm: the score is provisional.
    Estimated,
    /// Not measured: the data is held elsewhere (the national portal, the
    /// TTHC database). No score; its group has none either.
    Unmeasured,
}

/// The counters of one unit for one period: a numerator and a denominator
/// per indicator, indexed by [`Indicator`], and where each comes from.
/// Tracked indicators may be left at 0/0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Inputs {
    pub counts: [Counts; Indicator::COUNT],
    pub sources: [Source; Indicator::COUNT],
}

impl Inputs {
    /// Sets an indicator's counts with their source.
    pub fn set_from(&mut self, indicator: Indicator, counts: Counts, source: Source) -> &mut Inputs {
        self.counts[indicator.index()] = counts;
        self.sources[indicator.index()] = source;
        self
    }

    pub fn get(&self, indicator: Indicator) -> Counts {
        self.counts[indicator.index()]
    }

    pub fn set(&mut self, indicator: Indicator, numerator: u64, denominator: u64) -> &mut Inputs {
        self.counts[indicator.index()] = Counts::new(numerator, denominator);
        self
    }

    /// Fills 2.1 from the portal's progress counters (`totalOnTime`,
    /// `totalReceived`).
    pub fn set_progress(&mut self, received: u64, on_time: u64) -> &mut Inputs {
        self.set(Indicator::ProgressOnTime, on_time, received)
    }

    /// Fills 3.5, 3.5b and 3.6 from the portal's online-payment counters.
    pub fn set_online_payment(&mut self, c: PaymentCounters) -> &mut Inputs {
        self.set(Indicator::PaymentDossiers, c.dossier_online_payment_success, c.dossier_financial_obligation)
            .set(Indicator::PaymentFormalityTransactions, c.dossier_online_formality_payment_success, c.fee_formality)
            .set(Indicator::PaymentFormalityIntegrated, c.fee_dossier_formality, c.fee_formality)
    }
}

/// The counters of the portal's online-payment group, named as its API names them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaymentCounters {
    /// `totalDossierOnlinePaymentSuccess`
    pub dossier_online_payment_success: u64,
    /// `totalDossierFinancialObligation`
    pub dossier_financial_obligation: u64,
    /// `totalDossierOnlineFormalityPaymentSuccess`
    pub dossier_online_formality_payment_success: u64,
    /// `totalFeeFormality`
    pub fee_formality: u64,
    /// `totalFeeDossierFormality`
    pub fee_dossier_formality: u64,
}

/// What one indicator scores for one ratio.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Outcome {
    /// The ratio as a fraction (0.85); `None` when the denominator is 0 and
    /// the indicator shows N/A.
    pub ratio: Option<f64>,
    /// `None` for tracked and unresolved indicators.
    pub score: Option<f64>,
    /// The score rests on something the sources leave open.
    pub provisional: bool,
}

/// Scores one indicator. `ratio` is numerator / denominator as a fraction,
/// `None` when the denominator is 0; `max` is normally `indicator.def().max`
/// (a caller may pass the maximum a portal response states).
pub fn evaluate(indicator: Indicator, max: f64, ratio: Option<f64>, config: &Config) -> Outcome {
    let def = indicator.def();
    let max = if max.is_finite() && max > 0.0 { max } else { 0.0 };
    match def.rule {
        Rule::Tracking => return Outcome { ratio, score: None, provisional: false },
        Rule::Unresolved { .. } => return Outcome { ratio, score: None, provisional: true },
        Rule::Linear | Rule::Threshold { .. } => {}
    }
    match ratio {
        Some(r) => Outcome {
            ratio: Some(r),
            score: def.rule.points(max, r),
            // A formula that is not verified is still exact at ratio 0
            // (0 points were observed); only a positive ratio is a guess.
            provisional: !def.verified && r > 0.0,
        },
        None => match def.when_empty {
            WhenEmpty::RatioZero => Outcome { ratio: Some(0.0), score: def.rule.points(max, 0.0), provisional: false },
            WhenEmpty::Zero => Outcome { ratio: None, score: Some(0.0), provisional: false },
            WhenEmpty::Score(s) => Outcome { ratio: None, score: Some(s.min(max)), provisional: false },
            WhenEmpty::Configured => {
                Outcome { ratio: None, score: Some(config.when_empty(indicator).clamp(0.0, max)), provisional: true }
            }
        },
    }
}

/// One indicator of one unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IndicatorScore {
    pub indicator: Indicator,
    pub numerator: u64,
    pub denominator: u64,
    /// As a fraction; display it with [`percent`].
    pub ratio: Option<f64>,
    pub score: Option<f64>,
    pub max: f64,
    pub provisional: bool,
    pub source: Source,
}

/// One group of one unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GroupScore {
    pub group: Group,
    /// `None` when the group's formula is unresolved and not configured.
    pub score: Option<f64>,
    pub max: f64,
    pub provisional: bool,
    /// Why there is no score.
    pub reason: Option<&'static str>,
}

/// The 766 index of one unit for one period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct UnitScore {
    /// In the order of [`Indicator::ALL`].
    pub indicators: [IndicatorScore; Indicator::COUNT],
    /// In the order of [`Group::ALL`].
    pub groups: [GroupScore; Group::COUNT],
    /// The sum of the groups that have a score.
    pub total: f64,
    /// 100.
    pub max: f64,
    /// The sum of the maxima of the groups that have a score: 88 while the
    /// online-service group is unresolved, 100 when every group scores.
    pub resolved_max: f64,
    /// Some part is provisional or unresolved.
    pub provisional: bool,
}

impl UnitScore {
    pub fn indicator(&self, indicator: Indicator) -> &IndicatorScore {
        &self.indicators[indicator.index()]
    }

    pub fn group(&self, group: Group) -> &GroupScore {
        &self.groups[group.index()]
    }

    /// Every group has a score, so `total` is out of 100.
    pub fn complete(&self) -> bool {
        self.groups.iter().all(|g| g.score.is_some())
    }

    /// The class of the total; `None` while a group is unresolved (a total
    /// out of 88 must not be read against bands out of 100).
    pub fn classification<'c>(&self, config: &'c Config) -> Option<Classification<'c>> {
        self.complete().then(|| config.classify(self.total))
    }
}

/// The reason a group has no score when some of its indicators were not
/// measured ([`Source::Unmeasured`]).
pub const NOT_MEASURED: &str = "not measured here: some of its indicators count data held by the national portal";

/// Scores every indicator and group of one unit.
pub fn score_unit(inputs: &Inputs, config: &Config) -> UnitScore {
    let indicators: [IndicatorScore; Indicator::COUNT] = std::array::from_fn(|i| {
        let indicator = Indicator::ALL[i];
        let def = indicator.def();
        let counts = inputs.counts[i];
        let source = inputs.sources[i];
        let outcome = match source {
            Source::Unmeasured => Outcome { ratio: None, score: None, provisional: false },
            Source::Counted => evaluate(indicator, def.max, counts.ratio(), config),
            Source::Estimated => Outcome { provisional: true, ..evaluate(indicator, def.max, counts.ratio(), config) },
        };
        IndicatorScore {
            indicator,
            numerator: counts.numerator,
            denominator: counts.denominator,
            ratio: outcome.ratio,
            score: outcome.score,
            max: def.max,
            provisional: outcome.provisional,
            source,
        }
    });

    // One pass over the indicators: sum per group, note what is unresolved.
    let mut sums = [0.0; Group::COUNT];
    let mut provisional = [false; Group::COUNT];
    let mut unresolved: [Option<&'static str>; Group::COUNT] = [None; Group::COUNT];
    let mut unmeasured = [false; Group::COUNT];
    for s in &indicators {
        let g = s.indicator.group().index();
        provisional[g] |= s.provisional;
        let scored = !matches!(s.indicator.def().rule, Rule::Tracking);
        if scored && s.source == Source::Unmeasured {
            unmeasured[g] = true;
        }
        match (s.score, s.indicator.def().rule) {
            (Some(points), _) => sums[g] += points,
            (None, Rule::Unresolved { reason }) => unresolved[g] = unresolved[g].or(Some(reason)),
            (None, _) => {}
        }
    }

    let groups: [GroupScore; Group::COUNT] = std::array::from_fn(|g| {
        let group = Group::ALL[g];
        let max = group.max();
        if unmeasured[g] {
            return GroupScore { group, score: None, max, provisional: false, reason: Some(NOT_MEASURED) };
        }
        match (unresolved[g], group, &config.online_service) {
            (None, _, _) => {
                GroupScore { group, score: Some(sums[g].min(max)), max, provisional: provisional[g], reason: None }
            }
            (Some(_), Group::OnlineService, Some(formula)) => {
                let score = formula.score(|i| indicators[i.index()].ratio);
                GroupScore { group, score: Some(score), max, provisional: true, reason: None }
            }
            (Some(reason), _, _) => GroupScore { group, score: None, max, provisional: true, reason: Some(reason) },
        }
    });

    let mut total = 0.0;
    let mut resolved_max = 0.0;
    for g in &groups {
        if let Some(score) = g.score {
            total += score;
            resolved_max += g.max;
        }
    }
    UnitScore {
        indicators,
        groups,
        total,
        max: 100.0,
        resolved_max,
        // Unresolved is provisional; not measured is incomplete (`complete()`).
        provisional: groups.iter().any(|g| g.provisional || (g.score.is_none() && g.reason != Some(NOT_MEASURED))),
    }
}
