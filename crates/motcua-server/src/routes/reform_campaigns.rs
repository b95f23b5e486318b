//! Campaigns of the reform office: create, list, move through their
//! statuses, extend the deadline, fill computed and survey items from live
//! data, read the audit log.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::par::{Bands, Input, Method, Metric, Percent, par_default_bands};
use motcua_rules::sipas::sipas_index;
use motcua_store::reform::{AuditEntry, Campaign, CampaignStatus, NewCampaign};
use serde::{Deserialize, Serialize};

use super::reform::ReformAccess;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;

/// A campaign as the API shows it: with whether its deadline has passed
/// and how many units have submitted.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CampaignView {
    #[serde(flatten)]
    pub campaign: Campaign,
    pub deadline_passed: bool,
    pub submitted: usize,
}

impl CampaignView {
    pub fn new(campaign: Campaign, now: NaiveDateTime) -> CampaignView {
        let submitted = campaign.units.iter().filter(|u| u.submitted_at.is_some()).count();
        CampaignView { deadline_passed: now > campaign.deadline, submitted, campaign }
    }
}

/// The campaigns the caller sees: the province's for the reform office,
/// those evaluating their units for a unit's officers.
#[utoipa::path(get, path = "/api/v1/reform/campaigns", tag = "reform",
    responses((status = 200, body = Vec<Campaign>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, me: CurrentUser) -> ApiResult<Json<Vec<Campaign>>> {
    Ok(Json(visible_campaigns(&state, &me).await?))
}

pub async fn visible_campaigns(state: &AppState, me: &CurrentUser) -> ApiResult<Vec<Campaign>> {
    Ok(match ReformAccess::of(me)? {
        ReformAccess::Office(office) => state.store.campaigns_of_office(office.province_id, office.scope.path).await?,
        ReformAccess::Unit { scope } => state.store.campaigns_for_units(scope.path).await?,
    })
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CampaignRequest {
    pub framework_id: i64,
    pub year: i32,
    pub name: String,
    /// Classification bands, highest first; default: Nhóm A ≥ 90, B ≥ 80,
    /// C ≥ 70, below 70 (docs/par-sipas.md §4).
    #[schema(value_type = Option<Vec<Object>>)]
    pub bands: Option<Bands<Percent>>,
    /// The period computed criteria count dossiers over.
    #[schema(value_type = String, example = "2026-01-01")]
    pub period_from: NaiveDate,
    #[schema(value_type = String, example = "2026-12-31")]
    pub period_to: NaiveDate,
    /// The last day units may submit (until the end of that day).
    #[schema(value_type = String, example = "2027-01-15")]
    pub deadline: NaiveDate,
    pub unit_ids: Vec<i64>,
}

/// Creates a campaign (draft) over a peer group of the province's units.
#[utoipa::path(post, path = "/api/v1/reform/campaigns", tag = "reform", request_body = CampaignRequest,
    responses((status = 201, body = Campaign), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(req): ApiJson<CampaignRequest>,
) -> ApiResult<(StatusCode, Json<Campaign>)> {
    Ok((StatusCode::CREATED, Json(create_campaign(&state, &me, req).await?)))
}

/// The end of a deadline day.
pub fn end_of(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(23, 59, 59).unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN))
}

pub async fn create_campaign(state: &AppState, me: &CurrentUser, req: CampaignRequest) -> ApiResult<Campaign> {
    let office = ReformAccess::office(me)?;
    let name = motcua_rules::validate::required_text(&req.name, "name", 300)?;
    // The peer group: units the office owns (the store checks the rest).
    for (i, unit_id) in req.unit_ids.iter().enumerate() {
        office.unit(state, *unit_id, &format!("unit_ids[{i}]")).await?;
    }
    let province_id = office.province_id;
    let new = NewCampaign {
        province_id,
        framework_id: req.framework_id,
        year: req.year,
        name,
        bands: req.bands.unwrap_or_else(par_default_bands),
        period_from: req.period_from,
        period_to: req.period_to,
        deadline: end_of(req.deadline),
        unit_ids: req.unit_ids,
    };
    let c = state.store.create_campaign(new, Some(me.user.id), state.now()).await?;
    tracing::info!(reform.campaign = c.id, user.id = me.user.id, "campaign created");
    Ok(c)
}

/// A campaign with its units, who submitted and the deadline.
#[utoipa::path(get, path = "/api/v1/reform/campaigns/{id}", tag = "reform", params(("id" = i64, Path)),
    responses((status = 200, body = CampaignView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(State(state): State<AppState>, me: CurrentUser, Path(id): Path<i64>) -> ApiResult<Json<CampaignView>> {
    let c = visible_campaign(&state, &me, id).await?;
    Ok(Json(CampaignView::new(c, state.now())))
}

/// A campaign the caller may see, or 404.
pub async fn visible_campaign(state: &AppState, me: &CurrentUser, id: i64) -> ApiResult<Campaign> {
    let access = ReformAccess::of(me)?;
    let c = state.store.campaign(id).await?;
    access.see(&c)?;
    Ok(c)
}

/// A campaign of the caller's province, for the reform office; 404 for
/// another province's, 403 for anyone not of the office.
pub async fn office_campaign(state: &AppState, me: &CurrentUser, id: i64) -> ApiResult<Campaign> {
    ReformAccess::office(me)?;
    visible_campaign(state, me, id).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StatusRequest {
    /// The next status: `open`, `appraising` or `published`.
    pub status: CampaignStatus,
}

/// Moves a campaign to its next status. Publishing needs every item of
/// every unit appraised and every survey figure known.
#[utoipa::path(post, path = "/api/v1/reform/campaigns/{id}/status", tag = "reform", params(("id" = i64, Path)),
    request_body = StatusRequest,
    responses((status = 200, body = Campaign), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn advance(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    ApiJson(req): ApiJson<StatusRequest>,
) -> ApiResult<Json<Campaign>> {
    Ok(Json(advance_campaign(&state, &me, id, req.status).await?))
}

pub async fn advance_campaign(state: &AppState, me: &CurrentUser, id: i64, to: CampaignStatus) -> ApiResult<Campaign> {
    office_campaign(state, me, id).await?;
    let c = state.store.advance_campaign(id, to, Some(me.user.id), state.now()).await?;
    tracing::info!(reform.campaign = id, reform.status = to.as_str(), user.id = me.user.id, "campaign status");
    Ok(c)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DeadlineRequest {
    #[schema(value_type = String, example = "2027-01-31")]
    pub deadline: NaiveDate,
}

/// Moves the self-assessment deadline (while draft or open).
#[utoipa::path(put, path = "/api/v1/reform/campaigns/{id}/deadline", tag = "reform", params(("id" = i64, Path)),
    request_body = DeadlineRequest,
    responses((status = 200, body = Campaign), (status = 409, body = crate::error::ErrorBody)))]
pub async fn deadline(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    ApiJson(req): ApiJson<DeadlineRequest>,
) -> ApiResult<Json<Campaign>> {
    office_campaign(&state, &me, id).await?;
    Ok(Json(state.store.set_campaign_deadline(id, end_of(req.deadline), Some(me.user.id), state.now()).await?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FillReport {
    /// Entries written (computed ratios and SIPAS percentages).
    pub filled: usize,
    /// Items motcua holds no figure for, left for the office to enter.
    pub not_held: Vec<String>,
    /// Units without SIPAS answers for the year, whose survey items stay empty.
    pub no_survey: Vec<String>,
}

/// Fills the computed items (on-time rate, online share) from motcua's own
/// dossier counts over the campaign period, and the SIPAS-fed survey items
/// from the SIPAS index of the campaign year, for every unit, in one
/// transaction.
#[utoipa::path(post, path = "/api/v1/reform/campaigns/{id}/fill", tag = "reform", params(("id" = i64, Path)),
    responses((status = 200, body = FillReport), (status = 409, body = crate::error::ErrorBody)))]
pub async fn fill(State(state): State<AppState>, me: CurrentUser, Path(id): Path<i64>) -> ApiResult<Json<FillReport>> {
    Ok(Json(fill_campaign(&state, &me, id).await?))
}

pub async fn fill_campaign(state: &AppState, me: &CurrentUser, id: i64) -> ApiResult<FillReport> {
    let c = office_campaign(state, me, id).await?;
    let fw = state.store.framework(c.province_id, c.framework_id).await?.framework;
    let design = state.store.design_for_year(c.province_id, c.year).await?;
    let mut entries = Vec::new();
    let mut not_held = Vec::new();
    let mut no_survey = Vec::new();
    for unit in &c.units {
        // Credited as the 766 index is (docs/statistics.md, "Intake and handling").
        let period = motcua_rules::period::Period::range(c.period_from, c.period_to)?;
        let stats =
            state.store.unit_stats(unit.path.clone(), state.config.stats_credit, period, state.now().date()).await?;
        let sum = |f: fn(&motcua_store::UnitStats) -> i64| -> u64 {
            u64::try_from(stats.iter().map(f).sum::<i64>()).unwrap_or(0)
        };
        let sipas = match &design {
            Some(d) => {
                let tally = state.store.sipas_tally(d.id, unit.path.clone(), c.year).await?;
                sipas_index(&d.design, &tally, &d.aggregation)?.par_input()
            }
            None => None,
        };
        for leaf in fw.leaves() {
            let input = match &leaf.method {
                Method::Computed { metric: Metric::OnTimeRate, .. } => {
                    let on_time = sum(|s| s.resolved_early + s.resolved_on_time);
                    Some(Input::Computed { numerator: on_time, denominator: on_time + sum(|s| s.resolved_late) })
                }
                Method::Computed { metric: Metric::OnlineShare, .. } => Some(Input::Computed {
                    numerator: sum(|s| s.received_online),
                    denominator: sum(|s| s.received_online + s.received_counter + s.received_postal),
                }),
                Method::Computed { .. } => {
                    if !not_held.contains(&leaf.code) {
                        not_held.push(leaf.code.clone());
                    }
                    None
                }
                Method::Survey { from_sipas: Some(_) } => {
                    if sipas.is_none() && !no_survey.contains(&unit.code) {
                        no_survey.push(unit.code.clone());
                    }
                    sipas.clone()
                }
                _ => None,
            };
            if let Some(input) = input {
                entries.push((unit.unit_id, leaf.code.clone(), input));
            }
        }
    }
    let filled = state.store.fill_entries(id, entries, Some(me.user.id), state.now()).await?;
    Ok(FillReport { filled, not_held, no_survey })
}

/// The audit log of a campaign (reform office only).
#[utoipa::path(get, path = "/api/v1/reform/campaigns/{id}/audit", tag = "reform", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<AuditEntry>), (status = 404, body = crate::error::ErrorBody)))]
pub async fn audit(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    office_campaign(&state, &me, id).await?;
    Ok(Json(state.store.campaign_audit(id).await?))
}

/// Refuses with 403 unless the caller is of the reform office.
pub fn require_office(access: &ReformAccess) -> ApiResult<()> {
    if access.is_office() { Ok(()) } else { Err(ApiError::forbidden()) }
}
