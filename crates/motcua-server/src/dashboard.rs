//! The figures of the statistics dashboards and rankings, shared by the
//! JSON API (`routes::stats`), the pages (`web::stats`) and the exports:
//! counters in (`Store::subtree_figures`, which reads the roll-ups), the 766
//! index from motcua's own data (`rules::index766::own_inputs`) and ranks
//! among peers out. Nothing here scans the dossier table.
//!
//! Every figure has a basis (`rules::credit::Basis`): intake (credited to
//! the receiving unit) or handling (to the unit that implements the
//! procedure). The 766 index, the ranks and the tables read the configured
//! one (`Config::stats_credit`, handling by default) unless a request asks
//! for the other; a unit's own figures are given in both.
//!
//! A unit's rank is always its rank among the units of its level in its
//! province, with the units that have no data in the period left out
//! (`index766::ranks_with_data`): [`peer_ranking`] computes it, and every
//! page that shows a rank takes it from there, so a unit has the same rank
//! on its own dashboard, in its parent's table and on the public ranking.

use std::collections::HashMap;

use motcua_rules::credit::Basis;
use motcua_rules::index766::publication::PublicationCounts;
use motcua_rules::index766::{self, Config, OwnCounts, UnitScore, own_inputs, score_unit};
use motcua_rules::period::Period;
use motcua_store::model::Unit;
use motcua_store::{InboxItem, ProcedureStats, UnitSet, UnitStats};
use serde::Serialize;

use crate::error::ApiResult;
use crate::state::AppState;

/// Overdue dossiers a dashboard lists (the most overdue first).
pub const OVERDUE_LIST: u32 = 20;

/// What the counters and the catalogue give for the 766 indicators motcua
/// measures.
pub fn own_counts(s: &UnitStats, publication: PublicationCounts) -> OwnCounts {
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    OwnCounts {
        received: n(s.received()),
        received_online: n(s.received_online),
        resolved_on_time: n(s.resolved_early + s.resolved_on_time),
        resolved_late: n(s.resolved_late),
        open_within_due: n(s.in_process_within_due),
        open_past_due: n(s.in_process_past_due),
        rated_dissatisfied: n(s.rated_dissatisfied),
        results_issued: n(s.results_issued),
        results_digitised: n(s.results_digitised),
        received_reusing: n(s.received_reusing),
        certified_copies_handled: n(s.certified_copies_handled),
        certified_copies_issued: n(s.certified_copies_issued),
        feedback: motcua_rules::feedback::FeedbackCounts {
            received: n(s.feedback_received),
            about_regulation: n(s.feedback_about_regulation),
            about_conduct: n(s.feedback_about_conduct),
            due_in_period: n(s.feedback_due),
            on_time: n(s.feedback_on_time),
            satisfactory: n(s.feedback_satisfactory),
        },
        fee_dossiers: n(s.fee_dossiers),
        paid_online: n(s.paid_online),
        fee_procedures: n(s.fee_procedures),
        fee_procedures_requested: n(s.fee_procedures_requested),
        fee_procedures_paid_online: n(s.fee_procedures_paid_online),
        received_synced: n(s.received_synced),
        publication,
    }
}

/// The 766 configuration: the documented defaults (docs/index766.md §4).
pub fn index_config() -> Config {
    Config::default()
}

/// One unit's figures for a period, with its 766 score and its rank among
/// its peers.
#[derive(Debug, Clone, Serialize)]
pub struct UnitFigures {
    pub unit: Unit,
    pub stats: UnitStats,
    pub score: UnitScore,
    /// Competition rank (1, 2, 2, 4) by the 766 total among the units of
    /// its level in its province that have data; `None` when it has no
    /// data in the period ("no data", never ranked on 0).
    pub rank: Option<u32>,
    /// No dossier received, handled, refused, withdrawn or stopped in the
    /// period and none in process at its end.
    pub no_data: bool,
    /// What the catalogue gives for 766 indicators 1.1–1.3, with the
    /// procedures that cannot be judged (`rules::index766::publication`).
    pub publication: PublicationCounts,
}

impl UnitFigures {
    /// Handled early or on time, plus in process within the due date, over
    /// handled plus in process: the 2.1 ratio, as a fraction.
    pub fn on_time_ratio(&self) -> Option<f64> {
        self.score.indicator(index766::Indicator::ProgressOnTime).ratio
    }
}

/// Scores units, not yet ranked.
fn scored(
    units: Vec<(Unit, UnitStats)>,
    publications: &HashMap<i64, PublicationCounts>,
    config: &Config,
) -> Vec<UnitFigures> {
    units
        .into_iter()
        .map(|(unit, stats)| {
            let publication = publications.get(&unit.id).copied().unwrap_or_default();
            let score = score_unit(&own_inputs(&own_counts(&stats, publication)), config);
            UnitFigures { no_data: !stats.has_activity(), unit, stats, score, rank: None, publication }
        })
        .collect()
}

/// The units of `set` with their counters and catalogue figures, scored,
/// not yet ranked. The catalogue is read at request time
/// (`Store::publication_counts`), beside the roll-ups.
async fn figures(state: &AppState, set: UnitSet, basis: Basis, period: Period) -> ApiResult<Vec<UnitFigures>> {
    let (store, today, config) = (&state.store, state.now().date(), index_config());
    let (units, publications) = tokio::try_join!(
        store.subtree_figures(set.clone(), basis, period, today),
        store.publication_counts(set, period, today, config.publisher_level, state.calendar()),
    )?;
    Ok(scored(units, &publications, &config))
}

/// Ranked units first (by rank, ties by code), then the units with no data
/// (by code).
fn sort_ranked(figures: &mut [UnitFigures]) {
    figures.sort_by(|a, b| (a.rank.is_none(), a.rank, &a.unit.code).cmp(&(b.rank.is_none(), b.rank, &b.unit.code)));
}

/// Every unit of one level in a province, scored under `basis` and ranked
/// among those with data, best first, then the units with no data. The one
/// place a rank is computed.
pub async fn peer_ranking(
    state: &AppState,
    province_id: i64,
    level: &str,
    basis: Basis,
    period: Period,
) -> ApiResult<Vec<UnitFigures>> {
    let set = UnitSet::Level { province_id, level: level.to_owned() };
    let mut out = figures(state, set, basis, period).await?;
    let totals: Vec<(&str, Option<f64>)> =
        out.iter().map(|f| (f.unit.code.as_str(), (!f.no_data).then_some(f.score.total))).collect();
    let ranks = index766::ranks_with_data(&totals);
    for (f, r) in out.iter_mut().zip(ranks) {
        f.rank = r;
    }
    sort_ranked(&mut out);
    Ok(out)
}

/// A unit's own figures under both bases.
#[derive(Debug, Clone, Serialize)]
pub struct BothBases {
    /// Credited to the unit's subtree as the receiving units.
    pub intake: UnitStats,
    /// Credited to the unit's subtree as the handling units.
    pub handling: UnitStats,
}

/// A unit's dashboard for a period.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub period: Period,
    /// The basis of `unit`, `trend`, `children` and `procedures`.
    pub basis: Basis,
    /// The unit itself, its rank among the units of its level in its
    /// province.
    pub unit: UnitFigures,
    /// How many units of that level have data and are ranked (the "of N"
    /// of the rank).
    pub peers: usize,
    /// The unit's figures under intake and under handling, side by side.
    pub both: BothBases,
    /// Month by month through the period.
    pub trend: Vec<(Period, UnitStats)>,
    /// The units directly below, each with its subtree and its rank among
    /// its peers: the next level of the drill-down.
    pub children: Vec<UnitFigures>,
    /// Per procedure, for a unit with nothing below it (a commune or a
    /// department): the last level of the drill-down.
    pub procedures: Vec<ProcedureStats>,
    /// The most overdue open dossiers received in the subtree, now.
    pub overdue: Vec<InboxItem>,
}

/// The rows of the next level down: the units directly below, each with
/// its rank among its peers ([`peer_ranking`]), or, for a unit with none
/// below, its procedures. The dashboard's tables and the exports both list
/// these.
pub async fn rows_below(
    state: &AppState,
    unit: &Unit,
    basis: Basis,
    period: Period,
) -> ApiResult<(Vec<UnitFigures>, Vec<ProcedureStats>)> {
    let today = state.now().date();
    let mut children = figures(state, UnitSet::Children(unit.id), basis, period).await?;
    let mut levels: Vec<String> = children.iter().map(|c| c.unit.level.clone()).collect();
    levels.sort();
    levels.dedup();
    let mut ranks: HashMap<i64, Option<u32>> = HashMap::new();
    for level in levels {
        for f in peer_ranking(state, unit.province_id, &level, basis, period).await? {
            ranks.insert(f.unit.id, f.rank);
        }
    }
    for c in &mut children {
        c.rank = ranks.get(&c.unit.id).copied().flatten();
    }
    sort_ranked(&mut children);
    let procedures = if children.is_empty() {
        state.store.procedure_stats(unit.path.clone(), basis, period, today).await?
    } else {
        Vec::new()
    };
    Ok((children, procedures))
}

pub async fn dashboard(state: &AppState, unit: Unit, basis: Basis, period: Period) -> ApiResult<Dashboard> {
    let store = &state.store;
    let today = state.now().date();
    let peers = peer_ranking(state, unit.province_id, &unit.level, basis, period).await?;
    let me = peers.iter().find(|f| f.unit.id == unit.id).cloned();
    let trend = async { Ok::<_, crate::error::ApiError>(store.subtree_trend(unit.id, basis, period, today).await?) };
    let other = match basis {
        Basis::Intake => Basis::Handling,
        Basis::Handling => Basis::Intake,
    };
    let other_stats = async {
        Ok::<_, crate::error::ApiError>(store.subtree_stats(UnitSet::One(unit.id), other, period, today).await?)
    };
    let ((children, procedures), trend, other_stats) =
        tokio::try_join!(rows_below(state, &unit, basis, period), trend, other_stats)?;
    let overdue = store.past_due(unit.path.clone(), unit.province_id, state.now(), OVERDUE_LIST).await?;
    let unit_figures = match me {
        Some(f) => f,
        // Cannot happen (a unit is its own peer); scored alone, unranked.
        None => figures(state, UnitSet::One(unit.id), basis, period).await?.remove(0),
    };
    let other_stats =
        other_stats.into_iter().next().unwrap_or_else(|| UnitStats { unit_id: unit.id, ..UnitStats::default() });
    let both = match basis {
        Basis::Intake => BothBases { intake: unit_figures.stats.clone(), handling: other_stats },
        Basis::Handling => BothBases { intake: other_stats, handling: unit_figures.stats.clone() },
    };
    let ranked = peers.iter().filter(|f| f.rank.is_some()).count();
    Ok(Dashboard { period, basis, unit: unit_figures, peers: ranked, both, trend, children, procedures, overdue })
}
