//! Answer counts: the only thing the index needs.
//!
//! Every aggregation rule the index supports is a function of how many
//! answers each question got at each level, so responses are counted once
//! (per unit and period, by the caller or by storage as answers arrive)
//! and the index is arithmetic over a few numbers per question, however
//! many responses there were. Counts add: a province's tally is the sum of
//! its units' tallies ([`Tally::merge`]).

use serde::{Deserialize, Serialize};

use super::design::{Level, ValidDesign};
use crate::error::RuleError;

/// How many answers one question got at each level, 1..=5.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerCounts(pub [u64; 5]);

impl AnswerCounts {
    pub fn get(&self, level: Level) -> u64 {
        self.0[usize::from(level.number() - 1)]
    }

    /// Answers at any level (skipped questions are not answers).
    pub fn answers(&self) -> u64 {
        self.0.iter().sum()
    }

    /// Hài lòng + Rất hài lòng.
    pub fn satisfied(&self) -> u64 {
        self.get(Level::Satisfied) + self.get(Level::VerySatisfied)
    }

    /// satisfied / answers, in 0..=1; none without answers.
    pub fn share(&self) -> Option<f64> {
        let n = self.answers();
        (n > 0).then(|| self.satisfied() as f64 / n as f64)
    }

    fn add(&mut self, other: &AnswerCounts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }
}

/// Counts per question of one design, in the design's question order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    counts: Vec<AnswerCounts>,
    /// Forms counted, including forms that skipped every question.
    respondents: u64,
}

impl Tally {
    /// An empty tally for `design`.
    pub fn new(design: &ValidDesign) -> Tally {
        Tally { counts: vec![AnswerCounts::default(); design.question_count()], respondents: 0 }
    }

    /// A tally from stored counts, one per question in design order.
    pub fn from_counts(design: &ValidDesign, counts: Vec<AnswerCounts>, respondents: u64) -> Result<Tally, RuleError> {
        if counts.len() != design.question_count() {
            return Err(RuleError::invalid("sipas_counts_mismatch", "counts")
                .arg("case", "count")
                .arg("given", counts.len())
                .arg("questions", design.question_count()));
        }
        Ok(Tally { counts, respondents })
    }

    /// Counts one form: `answers[q]` is the answer to question `q` of the
    /// design, `None` when skipped.
    pub fn add_response(&mut self, answers: &[Option<Level>]) -> Result<(), RuleError> {
        if answers.len() != self.counts.len() {
            return Err(RuleError::invalid("sipas_response_length", "answers")
                .arg("answers", answers.len())
                .arg("questions", self.counts.len()));
        }
        for (c, a) in self.counts.iter_mut().zip(answers) {
            if let Some(level) = a {
                c.0[usize::from(level.number() - 1)] += 1;
            }
        }
        self.respondents += 1;
        Ok(())
    }

    /// Adds another tally of the same design (another unit or period).
    pub fn merge(&mut self, other: &Tally) -> Result<(), RuleError> {
        if other.counts.len() != self.counts.len() {
            return Err(RuleError::invalid("sipas_counts_mismatch", "counts").arg("case", "tallies"));
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            a.add(b);
        }
        self.respondents += other.respondents;
        Ok(())
    }

    pub fn counts(&self) -> &[AnswerCounts] {
        &self.counts
    }

    pub fn respondents(&self) -> u64 {
        self.respondents
    }
}

#[cfg(test)]
mod tests {
    use super::super::design::sipas_template;
    use super::*;

    #[test]
    fn counting_by_hand() {
        let d = sipas_template();
        let mut t = Tally::new(&d);
        let mut form = vec![Some(Level::Satisfied); 14];
        form[0] = Some(Level::Neutral);
        form[1] = None;
        t.add_response(&form).unwrap();
        form[0] = Some(Level::VerySatisfied);
        t.add_response(&form).unwrap();
        assert_eq!(t.respondents(), 2);
        let q0 = t.counts()[0];
        assert_eq!((q0.answers(), q0.satisfied(), q0.share()), (2, 1, Some(0.5)));
        assert_eq!(t.counts()[1].share(), None);
        assert_eq!(t.counts()[2].share(), Some(1.0));
        let mut both = t.clone();
        both.merge(&t).unwrap();
        assert_eq!(both.counts()[0].0, [0, 0, 2, 0, 2]);
        assert_eq!(both.respondents(), 4);
    }

    #[test]
    fn shapes_must_match() {
        let d = sipas_template();
        let mut t = Tally::new(&d);
        assert_eq!(t.add_response(&[Some(Level::Satisfied)]).unwrap_err().code, "sipas_response_length");
        assert_eq!(Tally::from_counts(&d, vec![], 0).unwrap_err().code, "sipas_counts_mismatch");
    }
}
