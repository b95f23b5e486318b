//! Statistics of dossier handling for a unit subtree and a period.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use chrono::{Datelike, NaiveDate};
use motcua_rules::credit::Basis;
use motcua_rules::dossier::step_clock;
use motcua_rules::index766::published::{Comparison, compare};
use motcua_rules::index766::{Group, percent, round2};
use motcua_rules::period::Period;
use motcua_rules::scope::UnitRef;
use motcua_store::model::Unit;
use motcua_store::{PortalScore, UnitStats};
use serde::Serialize;

use crate::auth::CurrentUser;
use crate::dashboard::{Dashboard, UnitFigures, peer_ranking};
use crate::error::{ApiError, ApiResult};
use crate::extract::Params;
use crate::state::AppState;

fn date(params: &Params, name: &str) -> ApiResult<NaiveDate> {
    NaiveDate::parse_from_str(params.require(name)?, "%Y-%m-%d")
        .map_err(|_| ApiError::unprocessable("invalid_date", name).arg("name", name))
}

/// The basis of a request's figures: `basis=handling` (credited to the
/// unit that handles the dossier) or `basis=intake` (to the unit that
/// received it); the configured one (`Config::stats_credit`) by default.
pub fn basis_of(params: &Params, state: &AppState) -> ApiResult<Basis> {
    match params.get("basis").filter(|b| !b.is_empty()) {
        None => Ok(state.config.stats_credit),
        Some(b) => Basis::parse(b)
            .ok_or_else(|| ApiError::unprocessable("invalid_filter", "basis").arg("case", "basis").arg("value", b)),
    }
}

/// Per unit of the caller's subtree credited under `basis` (the receiving
/// units for intake, the handling units for handling): received by
/// channel, carried over, resolved early / on time / late, still in
/// process within and past the due date at the end (or today, for a period
/// running past today), supplements, refusals, withdrawals, stops, returns
/// and the average processing time (docs/sources.md#periodic-report).
#[utoipa::path(get, path = "/api/v1/stats/units", tag = "statistics",
    params(("from" = String, Query, description = "First day, YYYY-MM-DD"), ("to" = String, Query, description = "Last day, YYYY-MM-DD"),
        ("basis" = Option<String>, Query, description = "handling (the unit that handles the dossier) or intake (the unit that received it); the server's setting by default (handling)")),
    responses((status = 200, body = Vec<UnitStats>), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn units(State(state): State<AppState>, me: CurrentUser, params: Params) -> ApiResult<Json<Vec<UnitStats>>> {
    let scope = me.staff_scope()?;
    // The same rule as every other period: `to` not before `from`, at most 10 years.
    let period = Period::range(date(&params, "from")?, date(&params, "to")?)?;
    let basis = basis_of(&params, &state)?;
    Ok(Json(state.store.unit_stats(scope.path, basis, period, state.now().date()).await?))
}

/// The reporting period of a request: `period=2026`, `2026-Q1`, `2026-03`,
/// or `from` and `to` (YYYY-MM-DD); the current year to date when none is
/// given.
pub fn period_of(params: &Params, today: NaiveDate) -> ApiResult<Period> {
    if let Some(key) = params.get("period") {
        return Ok(Period::parse(key)?);
    }
    if params.get("from").is_some() || params.get("to").is_some() {
        return Ok(Period::range(date(params, "from")?, date(params, "to")?)?);
    }
    Ok(Period::range(NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today), today)?)
}

fn unit_not_found() -> ApiError {
    ApiError::coded(axum::http::StatusCode::NOT_FOUND, "unit_not_found", Some("unit"))
}

/// The unit a member of staff asks about: `unit=CODE` within their own
/// subtree (another unit is "not found", as if it did not exist), else
/// their own unit.
pub async fn unit_in_scope(state: &AppState, me: &CurrentUser, code: Option<&str>) -> ApiResult<Unit> {
    let scope = me.staff_scope()?;
    let unit = match code {
        Some(code) => state.store.unit_by_code(code.to_owned()).await?,
        None => state.store.unit(scope.id).await?,
    };
    unit.filter(|u| scope.contains(&UnitRef { id: u.id, path: u.path.clone() })).ok_or_else(unit_not_found)
}

/// A unit's dashboard: its figures for the period (the columns of the
/// periodic report) under `basis` and, side by side, under intake and
/// handling; its 766 index from motcua's own counters and its rank among
/// the units of its level in the province that have data (`null`: no
/// data); the trend month by month, the units below it (each with its
/// subtree and its rank among its peers), per procedure for a unit with
/// none below, and the most overdue open dossiers. Read from the roll-ups,
/// never from the dossier table.
#[utoipa::path(get, path = "/api/v1/stats/dashboard", tag = "statistics",
    params(
        ("unit" = Option<String>, Query, description = "Unit code within the caller's subtree; the caller's unit by default"),
        ("period" = Option<String>, Query, description = "2026, 2026-Q1 or 2026-03; or give from and to"),
        ("from" = Option<String>, Query, description = "First day, YYYY-MM-DD"),
        ("to" = Option<String>, Query, description = "Last day, YYYY-MM-DD"),
        ("basis" = Option<String>, Query, description = "handling or intake; the server's setting by default (handling)")),
    responses((status = 200, description = "The dashboard: period, basis, unit {unit, stats, score, rank, no_data}, peers, both {intake, handling}, trend, children, procedures, overdue"),
        (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn dashboard(State(state): State<AppState>, me: CurrentUser, params: Params) -> ApiResult<Json<Dashboard>> {
    let period = period_of(&params, state.now().date())?;
    let basis = basis_of(&params, &state)?;
    let unit = unit_in_scope(&state, &me, params.get("unit")).await?;
    Ok(Json(crate::dashboard::dashboard(&state, unit, basis, period).await?))
}

/// One line of a public ranking.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RankingLine {
    /// `null` for a unit with no dossier in the period ("no data"): it is
    /// listed after the ranked units and not ranked.
    pub rank: Option<u32>,
    pub no_data: bool,
    pub code: String,
    pub name: String,
    pub received: i64,
    pub resolved: i64,
    pub resolved_on_time: i64,
    pub resolved_late: i64,
    pub in_process_past_due: i64,
    /// The 766 indicator 2.1 ratio in percent (2 decimals), `null` when the
    /// unit had no dossier.
    pub on_time_percent: Option<f64>,
    /// The 766 progress score (out of 20), from motcua's counters; `null`
    /// for a unit with no data.
    pub progress_score: Option<f64>,
    /// motcua's 766 total from its own data, out of `motcua_max` (the
    /// groups it measures); `null` for a unit with no data.
    pub motcua_total: Option<f64>,
    pub motcua_max: f64,
    /// The total the national portal published for the unit and period, as
    /// the reform office recorded it; `null` when none is recorded.
    pub portal_total: Option<f64>,
    /// motcua's score against the published one on the same ground
    /// (`rules::index766::published::compare`); `null` when either is
    /// missing or they share no group.
    #[schema(value_type = Option<Object>)]
    pub comparison: Option<Comparison>,
}

/// A ranking as the reform portal publishes it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Ranking {
    pub province: String,
    pub level: String,
    #[schema(value_type = Object)]
    pub period: Period,
    /// `handling` or `intake`: whose dossiers each unit is credited with.
    #[schema(value_type = String)]
    pub basis: Basis,
    pub units: Vec<RankingLine>,
}

/// The lines of a ranking, with the published scores recorded for its
/// period (by unit id) beside motcua's.
pub fn ranking_lines(figures: &[UnitFigures], portal: &HashMap<i64, PortalScore>) -> Vec<RankingLine> {
    figures
        .iter()
        .map(|f| {
            let published = portal.get(&f.unit.id);
            let comparison = published.filter(|_| !f.no_data).and_then(|p| compare(&f.score, &p.published()));
            (f, published.map(|p| p.total), comparison)
        })
        .map(|(f, portal_total, comparison)| RankingLine {
            rank: f.rank,
            no_data: f.no_data,
            code: f.unit.code.clone(),
            name: f.unit.name.clone(),
            received: f.stats.received(),
            resolved: f.stats.resolved(),
            resolved_on_time: f.stats.resolved_early + f.stats.resolved_on_time,
            resolved_late: f.stats.resolved_late,
            in_process_past_due: f.stats.in_process_past_due,
            on_time_percent: f.on_time_ratio().map(percent),
            // No data: no score, rather than the 0 a ratio of 0/0 gives.
            progress_score: f.score.group(Group::Progress).score.map(round2).filter(|_| !f.no_data),
            motcua_total: (!f.no_data).then(|| round2(f.score.total)),
            motcua_max: f.score.resolved_max,
            portal_total,
            comparison,
        })
        .collect()
}

/// The levels a public ranking compares: the units citizens deal with.
pub const RANKED_LEVELS: [&str; 2] = ["commune", "department"];

/// The public ranking of a province's units of one level (communes or
/// departments) by the 766 progress score from motcua's counters, with
/// their on-time rates: no login, no personal data. A unit with no dossier
/// in the period is listed last as "no data", without a rank.
#[utoipa::path(get, path = "/api/v1/public/ranking", tag = "statistics",
    params(
        ("province" = Option<String>, Query, description = "Province unit code; the first province by default"),
        ("level" = Option<String>, Query, description = "commune (default) or department"),
        ("period" = Option<String>, Query, description = "2026, 2026-Q1 or 2026-03; the current year to date by default"),
        ("basis" = Option<String>, Query, description = "handling or intake; the server's setting by default (handling)")),
    responses((status = 200, body = Ranking), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn public_ranking(State(state): State<AppState>, params: Params) -> ApiResult<Json<Ranking>> {
    let (province, level, period) = ranking_request(&state, &params).await?;
    let basis = basis_of(&params, &state)?;
    let figures = peer_ranking(&state, province.id, level, basis, period).await?;
    let portal = published_scores(&state, &province, period).await?;
    Ok(Json(Ranking {
        province: province.code,
        level: level.to_owned(),
        period,
        basis,
        units: ranking_lines(&figures, &portal),
    }))
}

/// The published scores recorded for a province and a period (a month, a
/// quarter or a year; none for another range).
pub async fn published_scores(
    state: &AppState,
    province: &Unit,
    period: Period,
) -> ApiResult<HashMap<i64, PortalScore>> {
    match period.key() {
        Some(key) => Ok(state.store.portal_scores(province.id, key).await?),
        None => Ok(HashMap::new()),
    }
}

/// Reads the province, level and period of a ranking request.
pub async fn ranking_request(state: &AppState, params: &Params) -> ApiResult<(Unit, &'static str, Period)> {
    let period = period_of(params, state.now().date())?;
    let level = match params.get("level") {
        None => RANKED_LEVELS[0],
        Some(l) => RANKED_LEVELS
            .into_iter()
            .find(|x| *x == l)
            .ok_or_else(|| ApiError::unprocessable("invalid_filter", "level").arg("case", "level").arg("value", l))?,
    };
    let province = match params.get("province") {
        Some(code) => state.store.unit_by_code(code.to_owned()).await?.filter(|u| u.parent_id.is_none()),
        None => state.store.units().await?.into_iter().find(|u| u.parent_id.is_none()),
    }
    .ok_or_else(unit_not_found)?;
    Ok((province, level, period))
}

/// One unit's line of the per-step timeliness table.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StepTimelinessLine {
    #[serde(flatten)]
    pub figures: motcua_store::UnitStepFigures,
    /// `late` out of the visits whose lateness is known; absent when none is.
    pub late_ratio: Option<f64>,
    /// Working days per visit, over the visits whose days are known.
    pub average_days: Option<f64>,
}

/// The per-step timeliness of a unit's subtree in a period.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StepTimeliness {
    #[schema(value_type = Object)]
    pub period: Period,
    pub unit_code: String,
    pub unit_name: String,
    /// Each unit of the subtree that finished a step visit in the period.
    pub units: Vec<StepTimelinessLine>,
}

/// The per-step timeliness table of `unit`'s subtree for `period`.
pub async fn step_timeliness(state: &AppState, unit: &Unit, period: Period) -> ApiResult<StepTimeliness> {
    let from = period.from.and_time(chrono::NaiveTime::MIN);
    let to = period.to.succ_opt().unwrap_or(period.to).and_time(chrono::NaiveTime::MIN);
    let rows = state.store.step_timeliness(unit.path.clone(), from, to).await?;
    let units = rows
        .into_iter()
        .map(|f| StepTimelinessLine {
            late_ratio: step_clock::late_ratio(f.late, f.finished, f.unknown),
            average_days: step_clock::average_days(f.working_days, f.timed),
            figures: f,
        })
        .collect();
    Ok(StepTimeliness { period, unit_code: unit.code.clone(), unit_name: unit.name.clone(), units })
}

/// Per-step timeliness: per unit of the subtree, the workflow step visits
/// it finished in the period, how many ended after the step's own due
/// moment, and the working days they took ("the time taken by each unit
/// taking part, including cooperating units", docs/sources.md#766-end-time;
/// docs/statistics.md).
#[utoipa::path(get, path = "/api/v1/stats/steps", tag = "statistics",
    params(
        ("unit" = Option<String>, Query, description = "Unit code within the caller's subtree; the caller's unit by default"),
        ("period" = Option<String>, Query, description = "2026, 2026-Q1 or 2026-03; or give from and to"),
        ("from" = Option<String>, Query, description = "First day, YYYY-MM-DD"),
        ("to" = Option<String>, Query, description = "Last day, YYYY-MM-DD")),
    responses((status = 200, body = StepTimeliness), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn steps(State(state): State<AppState>, me: CurrentUser, params: Params) -> ApiResult<Json<StepTimeliness>> {
    let period = period_of(&params, state.now().date())?;
    let unit = unit_in_scope(&state, &me, params.get("unit")).await?;
    Ok(Json(step_timeliness(&state, &unit, period).await?))
}
