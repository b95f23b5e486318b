//! Decision 766/QĐ-TTg real-time service index ("Bộ chỉ số 766"),
//! as the national portal computes it today (docs/sources.md#index-766).
//!
//! Six groups, 100 points: transparency 18, progress 20, online services 12,
//! online payment 10, digitisation 22, satisfaction 18. Each indicator is
//! data ([`INDICATORS`]): its maximum, its scoring [`Rule`], what it scores
//! when the denominator is 0 ([`WhenEmpty`]), its source and whether the
//! portal's published scores verify it.
//!
//! - [`score_unit`]: [`Inputs`] (a numerator and a denominator per
//!   indicator) ⇒ [`UnitScore`] (per indicator, per group, total).
//! - [`evaluate`]: one indicator from a ratio, for callers that have ratios
//!   rather than counts (the portal's own figures).
//! - [`rank`]: competition ranking among peers, ties sharing a rank.
//! - [`Config`]: what the sources leave open (classification bands, the
//!   progress score with no dossier, the online-service formula), with
//!   documented defaults; results that depend on it are provisional.
//!
//! See `docs/index766.md`.

mod config;
mod group;
mod indicator;
mod own;
pub mod publication;
pub mod published;
mod rank;
mod score;

#[cfg(test)]
mod tests;

pub use config::{Band, Classification, Config, OnlineServiceFormula, OnlineTerm};
pub use group::Group;
pub use indicator::{INDICATORS, Indicator, IndicatorDef, Rule, WhenEmpty};
pub use own::{MEASURED_BY_MOTCUA, OwnCounts, own_inputs};
pub use rank::{Ranked, rank, ranks, ranks_with_data};
pub use score::{
    Counts, GroupScore, IndicatorScore, Inputs, NOT_MEASURED, Outcome, PaymentCounters, Source, UnitScore, evaluate,
    percent, ratio_of, round2, score_unit,
};
