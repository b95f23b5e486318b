//! SIPAS (Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ
//! quan hành chính nhà nước) and the per-dossier evaluation, with no IO.
//!
//! - [`SurveyDesign`]: elements (yếu tố) and questions on the 5-level scale
//!   ([`Level`]), versioned; [`sipas_template`] ships the five elements of
//!   2640/QĐ-BNV (docs/sources.md#sipas-elements).
//! - [`slovin`]: the sample-size planner, n = N / (1 + N·e²)
//!   (docs/sources.md#sipas-sample).
//! - [`Tally`] counts answers; [`sipas_index`] turns counts into the share
//!   satisfied per question, per element and overall, under a configurable
//!   [`Aggregation`] because the official formula was NOT FOUND (#sipas-formula).
//!   The result feeds a PAR survey item ([`SipasIndex::par_input`],
//!   [`par_points`]).
//! - [`DossierEvaluation`]: the 9 criteria × 2 points a citizen gives one
//!   dossier (#citizen-rating), summarised per unit and officer ([`summarise_by`]).
//!
//! Sources and status of every rule: docs/par-sipas.md.

mod design;
mod evaluation;
mod index;
mod sample;
mod tally;

pub use design::{Element, Level, Question, SurveyDesign, ValidDesign, sipas_template};
pub use evaluation::{
    CRITERIA, CRITERION_MAX, DossierEvaluation, EVALUATION_CRITERIA, EvaluationCriterion, EvaluationSummary,
    EvaluationTally, RatingLevel, RatingScale, summarise_by, thanh_hoa_bands,
};
pub use index::{Aggregation, ElementResult, ElementWeight, QuestionResult, SipasIndex, par_points, sipas_index};
pub use sample::{DEFAULT_MARGIN, slovin};
pub use tally::{AnswerCounts, Tally};
