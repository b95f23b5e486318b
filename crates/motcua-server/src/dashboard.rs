//! The figures of the statistics dashboards and rankings, shared by the
//! JSON API (`routes::stats`), the pages (`web::stats`) and the exports:
//! counters in (`Store::subtree_stats`, which reads the roll-ups), the 766
//! index from motcua's own data (`rules::index766::own_inputs`) and ranks
//! among peers out. Nothing here scans the dossier table.

use motcua_rules::index766::{self, Config, OwnCounts, UnitScore, own_inputs, score_unit};
use motcua_rules::period::Period;
use motcua_store::model::Unit;
use motcua_store::{InboxItem, ProcedureStats, UnitSet, UnitStats};
use serde::Serialize;

use crate::error::ApiResult;
use crate::state::AppState;

/// Overdue dossiers a dashboard lists (the most overdue first).
pub const OVERDUE_LIST: u32 = 20;

/// What the counters give for the 766 indicators motcua measures.
pub fn own_counts(s: &UnitStats) -> OwnCounts {
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    OwnCounts {
        received: n(s.received()),
        received_online: n(s.received_online),
        resolved_on_time: n(s.resolved_early + s.resolved_on_time),
        resolved_late: n(s.resolved_late),
        open_within_due: n(s.in_process_within_due),
        open_past_due: n(s.in_process_past_due),
        rated_dissatisfied: n(s.rated_dissatisfied),
    }
}

/// The 766 configuration: the documented defaults (docs/index766.md §4).
pub fn index_config() -> Config {
    Config::default()
}

/// One unit's figures for a period, with its 766 score and its rank among
/// the units it is listed with.
#[derive(Debug, Clone, Serialize)]
pub struct UnitFigures {
    pub unit: Unit,
    pub stats: UnitStats,
    pub score: UnitScore,
    /// Competition rank (1, 2, 2, 4) by the 766 total among the listed
    /// units; `None` when listed alone.
    pub rank: Option<u32>,
}

impl UnitFigures {
    /// Handled early or on time, plus in process within the due date, over
    /// handled plus in process: the 2.1 ratio, as a fraction.
    pub fn on_time_ratio(&self) -> Option<f64> {
        self.score.indicator(index766::Indicator::ProgressOnTime).ratio
    }
}

/// Scores units and ranks them among themselves.
fn figures(units: Vec<(Unit, UnitStats)>, config: &Config) -> Vec<UnitFigures> {
    let mut out: Vec<UnitFigures> = units
        .into_iter()
        .map(|(unit, stats)| {
            let score = score_unit(&own_inputs(&own_counts(&stats)), config);
            UnitFigures { unit, stats, score, rank: None }
        })
        .collect();
    let totals: Vec<(&str, f64)> = out.iter().map(|f| (f.unit.code.as_str(), f.score.total)).collect();
    let ranks = index766::ranks(&totals);
    for (f, r) in out.iter_mut().zip(ranks) {
        f.rank = Some(r);
    }
    out
}

/// Every unit of one level in a province, scored and ranked, best first
/// (ties by code).
pub async fn peer_ranking(
    state: &AppState,
    province_id: i64,
    level: &str,
    period: Period,
) -> ApiResult<Vec<UnitFigures>> {
    let set = UnitSet::Level { province_id, level: level.to_owned() };
    let mut out = figures(state.store.subtree_figures(set, period).await?, &index_config());
    out.sort_by(|a, b| (a.rank, &a.unit.code).cmp(&(b.rank, &b.unit.code)));
    Ok(out)
}

/// A unit's dashboard for a period.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub period: Period,
    /// The unit itself, its rank among the units of its level in its
    /// province.
    pub unit: UnitFigures,
    /// How many units share that level (the "of N" of the rank).
    pub peers: usize,
    /// Month by month through the period.
    pub trend: Vec<(Period, UnitStats)>,
    /// The units directly below, each with its subtree, ranked among
    /// themselves: the next level of the drill-down.
    pub children: Vec<UnitFigures>,
    /// Per procedure, for a unit with nothing below it (a commune or a
    /// department): the last level of the drill-down.
    pub procedures: Vec<ProcedureStats>,
    /// The most overdue open dossiers received in the subtree, now.
    pub overdue: Vec<InboxItem>,
}

/// The rows of the next level down: the units directly below, ranked among
/// themselves, or, for a unit with none below, its procedures. The
/// dashboard's tables and the exports both list these.
pub async fn rows_below(
    state: &AppState,
    unit: &Unit,
    period: Period,
) -> ApiResult<(Vec<UnitFigures>, Vec<ProcedureStats>)> {
    let below = state.store.subtree_figures(UnitSet::Children(unit.id), period).await?;
    let mut children = figures(below, &index_config());
    children.sort_by(|a, b| (a.rank, &a.unit.code).cmp(&(b.rank, &b.unit.code)));
    let procedures =
        if children.is_empty() { state.store.procedure_stats(unit.path.clone(), period).await? } else { Vec::new() };
    Ok((children, procedures))
}

pub async fn dashboard(state: &AppState, unit: Unit, period: Period) -> ApiResult<Dashboard> {
    let store = &state.store;
    let peers = peer_ranking(state, unit.province_id, &unit.level, period).await?;
    let me = peers.iter().find(|f| f.unit.id == unit.id).cloned();
    let trend = async { Ok::<_, crate::error::ApiError>(store.subtree_trend(unit.id, period).await?) };
    let ((children, procedures), trend) = tokio::try_join!(rows_below(state, &unit, period), trend)?;
    let overdue = store.past_due(unit.path.clone(), unit.province_id, state.now(), OVERDUE_LIST).await?;
    let unit_figures = match me {
        Some(f) => f,
        // A unit whose level has no peers listed (cannot happen: it is its
        // own peer), scored alone.
        None => figures(store.subtree_figures(UnitSet::One(unit.id), period).await?, &index_config()).remove(0),
    };
    Ok(Dashboard { period, unit: unit_figures, peers: peers.len(), trend, children, procedures, overdue })
}
