//! The satisfaction index: per question the share satisfied (Hài lòng +
//! Rất hài lòng), per element and overall.
//!
//! The official aggregation of 1001/QĐ-BNV was NOT FOUND
//! (docs/sources.md#sipas-formula; open question 4 of #gaps): results are
//! published as "% satisfied", and the usual reading (question shares
//! averaged into elements, elements averaged into the index) is
//! unconfirmed. So the rule is configuration ([`Aggregation`]), the
//! default is that usual reading, and every rule is arithmetic over
//! [`Tally`] counts.
//!
//! Shares are `f64` in 0..=1: they are means of ratios, not sums of
//! two-decimal figures, and are rounded to two decimals only when shown or
//! fed to PAR ([`SipasIndex::overall_percent`]).

use serde::{Deserialize, Serialize};

use super::design::ValidDesign;
use super::tally::Tally;
use crate::error::RuleError;
use crate::par::{Input, Percent, Points, Ratio, RatioMapping};

/// An element's weight in [`Aggregation::WeightedElements`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementWeight {
    pub element: String,
    pub weight: f64,
}

/// How question shares become element shares and the index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Aggregation {
    /// DEFAULT, UNCONFIRMED: an element is the mean of its questions'
    /// shares, the index the mean of the elements'. Every question and
    /// every element weighs the same, however many answered it.
    #[default]
    MeanOfMeans,
    /// All answers pooled: satisfied answers / answers, per element and
    /// overall. A question many skipped weighs less.
    Pooled,
    /// Elements as in `MeanOfMeans`, the index their weighted mean. Every
    /// element of the design needs a positive weight; weights need not add
    /// to 1.
    WeightedElements { weights: Vec<ElementWeight> },
}

impl Aggregation {
    /// Checks the rule against a design: for weighted elements, one
    /// positive finite weight per element of the design, no other.
    pub fn check(&self, design: &ValidDesign) -> Result<(), RuleError> {
        let Aggregation::WeightedElements { weights } = self else { return Ok(()) };
        let elements = &design.design().elements;
        for (i, w) in weights.iter().enumerate() {
            let field = format!("aggregation.weights[{i}]");
            if !elements.iter().any(|e| e.code == w.element) || weights[..i].iter().any(|o| o.element == w.element) {
                return Err(RuleError::invalid("sipas_weights_invalid", &format!("{field}.element"))
                    .arg("case", "element")
                    .arg("element", &w.element));
            }
            if !(w.weight.is_finite() && w.weight > 0.0) {
                return Err(RuleError::invalid("sipas_weights_invalid", &format!("{field}.weight")));
            }
        }
        if let Some(missing) = elements.iter().find(|e| !weights.iter().any(|w| w.element == e.code)) {
            return Err(RuleError::invalid("sipas_weights_invalid", "aggregation.weights")
                .arg("case", "missing")
                .arg("element", &missing.code));
        }
        Ok(())
    }
}

/// One question's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionResult {
    pub code: String,
    pub answers: u64,
    pub satisfied: u64,
    /// None when nobody answered.
    pub share: Option<f64>,
}

/// One element's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementResult {
    pub code: String,
    pub name: String,
    pub answers: u64,
    pub satisfied: u64,
    /// None when none of its questions was answered.
    pub share: Option<f64>,
}

/// The index of one tally (one unit and period).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SipasIndex {
    pub respondents: u64,
    pub questions: Vec<QuestionResult>,
    pub elements: Vec<ElementResult>,
    /// None when nothing was answered.
    pub overall: Option<f64>,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// Computes the index of `tally` under `aggregation`. Questions and
/// elements without answers have no share and are left out of the means
/// (a weighted mean is taken over the elements that have one).
pub fn sipas_index(design: &ValidDesign, tally: &Tally, aggregation: &Aggregation) -> Result<SipasIndex, RuleError> {
    aggregation.check(design)?;
    if tally.counts().len() != design.question_count() {
        return Err(RuleError::invalid("sipas_counts_mismatch", "counts"));
    }
    let counts = tally.counts();
    let questions: Vec<QuestionResult> = counts
        .iter()
        .enumerate()
        .map(|(q, c)| QuestionResult {
            code: design.question(q).code.clone(),
            answers: c.answers(),
            satisfied: c.satisfied(),
            share: c.share(),
        })
        .collect();
    let pooled = matches!(aggregation, Aggregation::Pooled);
    let elements: Vec<ElementResult> = design
        .design()
        .elements
        .iter()
        .enumerate()
        .map(|(e, element)| {
            let qs = &questions[design.element_questions(e)];
            let answers: u64 = qs.iter().map(|q| q.answers).sum();
            let satisfied: u64 = qs.iter().map(|q| q.satisfied).sum();
            let share = if pooled {
                (answers > 0).then(|| satisfied as f64 / answers as f64)
            } else {
                mean(qs.iter().filter_map(|q| q.share))
            };
            ElementResult { code: element.code.clone(), name: element.name.clone(), answers, satisfied, share }
        })
        .collect();
    let overall = match aggregation {
        Aggregation::MeanOfMeans => mean(elements.iter().filter_map(|e| e.share)),
        Aggregation::Pooled => {
            let answers: u64 = elements.iter().map(|e| e.answers).sum();
            let satisfied: u64 = elements.iter().map(|e| e.satisfied).sum();
            (answers > 0).then(|| satisfied as f64 / answers as f64)
        }
        Aggregation::WeightedElements { weights } => {
            let weight = |code: &str| weights.iter().find(|w| w.element == code).map_or(0.0, |w| w.weight);
            let (sum, total) = elements
                .iter()
                .filter_map(|e| e.share.map(|s| (s, weight(&e.code))))
                .fold((0.0, 0.0), |(sum, total), (s, w)| (sum + s * w, total + w));
            (total > 0.0).then(|| (sum / total).clamp(0.0, 1.0))
        }
    };
    Ok(SipasIndex { respondents: tally.respondents(), questions, elements, overall })
}

impl SipasIndex {
    /// The index as the published percentage, two decimals.
    pub fn overall_percent(&self) -> Option<Percent> {
        self.overall.map(Percent::from_share)
    }

    /// The entry that feeds this result into a PAR survey item whose
    /// framework states a `from_sipas` rule; the PAR sheet maps it.
    pub fn par_input(&self) -> Option<Input> {
        self.overall_percent().map(|percent| Input::Sipas { percent })
    }
}

/// The PAR points a SIPAS percentage earns on an item of maximum `max`
/// under `rule` (the rule must have passed [`RatioMapping::check`]): the
/// published percentage, two decimals, read as a share.
pub fn par_points(percent: Percent, max: Points, rule: &RatioMapping) -> Points {
    rule.points(Ratio::from_percent(percent), max)
}

#[cfg(test)]
mod tests {
    use super::super::design::sipas_template;
    use super::super::tally::AnswerCounts;
    use super::*;

    /// Element 1 (3 questions) answered 10 times each with 8, 6 and 10
    /// satisfied; question 2.1 answered 4 times, 1 satisfied; nothing else.
    fn tally() -> Tally {
        let d = sipas_template();
        let mut counts = vec![AnswerCounts::default(); 14];
        counts[0] = AnswerCounts([1, 0, 1, 5, 3]);
        counts[1] = AnswerCounts([0, 2, 2, 3, 3]);
        counts[2] = AnswerCounts([0, 0, 0, 0, 10]);
        counts[3] = AnswerCounts([1, 1, 1, 1, 0]);
        Tally::from_counts(&d, counts, 10).unwrap()
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn mean_of_means_by_hand() {
        let i = sipas_index(&sipas_template(), &tally(), &Aggregation::default()).unwrap();
        assert_eq!(i.questions[0].share, Some(0.8));
        // Element 1: (0.8 + 0.6 + 1.0) / 3 = 0.8; element 2: only 2.1 = 0.25.
        assert!(close(i.elements[0].share, 0.8));
        assert!(close(i.elements[1].share, 0.25));
        assert_eq!(i.elements[2].share, None);
        // Overall: (0.8 + 0.25) / 2 = 0.525.
        assert!(close(i.overall, 0.525));
        assert_eq!(i.overall_percent(), Some(Percent::from_hundredths(5250)));
    }

    #[test]
    fn pooled_by_hand() {
        let i = sipas_index(&sipas_template(), &tally(), &Aggregation::Pooled).unwrap();
        assert!(close(i.elements[0].share, 24.0 / 30.0));
        // 25 satisfied of 34 answers.
        assert!(close(i.overall, 25.0 / 34.0));
    }

    #[test]
    fn weighted_by_hand() {
        let weights = ["1", "2", "3", "4", "5"]
            .iter()
            .zip([3.0, 1.0, 1.0, 1.0, 1.0])
            .map(|(e, w)| ElementWeight { element: (*e).into(), weight: w })
            .collect();
        let i = sipas_index(&sipas_template(), &tally(), &Aggregation::WeightedElements { weights }).unwrap();
        // (3 × 0.8 + 1 × 0.25) / 4 = 0.6625 (elements 3–5 have no share).
        assert!(close(i.overall, 0.6625));
    }

    #[test]
    fn weights_must_cover_the_design() {
        let d = sipas_template();
        let w = |pairs: &[(&str, f64)]| Aggregation::WeightedElements {
            weights: pairs.iter().map(|(e, w)| ElementWeight { element: (*e).into(), weight: *w }).collect(),
        };
        let field = |a: Aggregation| a.check(&d).unwrap_err().field.unwrap_or_default();
        assert_eq!(field(w(&[("1", 1.0)])), "aggregation.weights");
        assert_eq!(field(w(&[("9", 1.0)])), "aggregation.weights[0].element");
        assert_eq!(field(w(&[("1", 1.0), ("1", 1.0)])), "aggregation.weights[1].element");
        assert_eq!(field(w(&[("1", 0.0)])), "aggregation.weights[0].weight");
        assert_eq!(field(w(&[("1", f64::NAN)])), "aggregation.weights[0].weight");
    }

    #[test]
    fn nothing_answered_has_no_index() {
        let d = sipas_template();
        let mut t = Tally::new(&d);
        t.add_response(&[None; 14]).unwrap();
        let i = sipas_index(&d, &t, &Aggregation::default()).unwrap();
        assert_eq!((i.respondents, i.overall, i.par_input()), (1, None, None));
    }

    #[test]
    fn sipas_feeds_par() {
        // Quảng Ninh 2023, 90.61% (docs/sources.md#sipas-results), on a 6-point item
        // scored in proportion: 5.4366 → 5.44.
        let p = par_points(Percent::from_hundredths(9061), Points::whole(6), &RatioMapping::Proportional);
        assert_eq!(p, Points::from_hundredths(544));
        let i = sipas_index(&sipas_template(), &tally(), &Aggregation::default()).unwrap();
        assert_eq!(i.par_input(), Some(Input::Sipas { percent: Percent::from_hundredths(5250) }));
    }

    #[test]
    fn aggregation_json_shape() {
        let a: Aggregation = serde_json::from_str(r#"{"rule":"pooled"}"#).unwrap();
        assert_eq!(a, Aggregation::Pooled);
        let w: Aggregation =
            serde_json::from_str(r#"{"rule":"weighted_elements","weights":[{"element":"1","weight":2}]}"#).unwrap();
        assert!(matches!(w, Aggregation::WeightedElements { .. }));
    }
}
