//! PAR INDEX (Chỉ số cải cách hành chính): frameworks, score sheets,
//! ranking and year-on-year comparison, with no IO.
//!
//! A campaign evaluates a peer group of units (departments, districts or
//! communes) on one [`Framework`]: areas (lĩnh vực) → criteria (tiêu chí)
//! → sub-criteria (tiêu chí thành phần). Each unit's [`Sheet`] is scored
//! by [`score_sheet`]; the scores are ranked by [`rank_units`] and compared
//! with the year before by [`year_on_year`], whose previous results may
//! come from a published table read by [`parse_published_csv`].
//!
//! Formulas and sources (docs/sources.md#par-index, docs/par-sipas.md):
//! - PAR INDEX = (appraised points + survey points) / maximum × 100, per
//!   area and in total (876/QĐ-BNV method as used in every year's table;
//!   verified on the 2012 table: index = MOHA part + survey part).
//! - Groups A ≥ 90, B 80–<90, C 70–<80 (docs/sources.md#par-groups);
//!   below 70 is a configurable default because the sources define no
//!   lower group.
//! - Ranks: competition ranking on two-decimal values (1, 2, 2, 4).
//!
//! Points and percentages are exact two-decimal values ([`Points`],
//! [`Percent`]), so published figures add up exactly and ties are exact.

mod band;
mod csv;
mod demo;
mod framework;
mod history;
mod mapping;
pub(crate) mod points;
mod ranking;
mod sheet;
mod templates;

pub use band::{Band, Bands, demo_bac_kan_bands, par_default_bands};
pub use csv::{PublishedTable, parse_published_csv};
pub use demo::{DEMO_BAC_KAN_2021_CSV, DemoCampaign, demo_bac_kan_2022_districts, demo_son_tay_2017_communes};
pub use framework::{
    Area, Criterion, Framework, Leaf, MaxSum, Method, Metric, NoData, PeerLevel, SubCriterion, ValidFramework,
};
pub use history::{AreaChange, PublishedArea, PublishedResult, RankChange, YearChange, rank_change_vi, year_on_year};
pub use mapping::{Ratio, RatioMapping, Step};
pub use points::{Percent, Points};
pub use ranking::{AreaRank, RankedUnit, competition_ranks, rank_units};
pub use sheet::{
    AreaLoss, AreaScore, Breakdown, Entry, Input, LeafScore, MAX_REASON_CHARS, ScoreBasis, Sheet, UnitScore,
    score_entry, score_sheet,
};
pub use templates::{commune_template, department_template};
