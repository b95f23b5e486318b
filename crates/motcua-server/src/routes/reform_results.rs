//! A campaign's results: index per area and in total, classification,
//! rank with ties, change against the year before, and points lost per
//! area from the worst. Everything is computed by the rules from the
//! stored sheets on each request (scoring a campaign of hundreds of units
//! takes milliseconds, docs/par-sipas.md §11), so what is shown is never a
//! stale copy of the entries.

use axum::Json;
use axum::extract::{Path, State};
use motcua_rules::par::{
    AreaLoss, AreaScore, Percent, Points, RankedUnit, ScoreBasis, UnitScore, YearChange, year_on_year,
};
use motcua_store::reform::{CampaignSheets, CampaignStatus};
use serde::Serialize;

use super::reform::ReformAccess;
use crate::auth::CurrentUser;
use crate::error::ApiResult;
use crate::state::AppState;

/// An area of the framework, for table headers.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AreaHead {
    pub code: String,
    pub name: String,
    #[schema(value_type = String)]
    pub max: Points,
}

/// One ranked unit.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ResultRow {
    pub unit_id: i64,
    #[schema(value_type = Object)]
    pub ranked: RankedUnit,
    /// Per area: points, index, points lost (framework order).
    #[schema(value_type = Vec<Object>)]
    pub areas: Vec<AreaScore>,
    /// Points lost per area, the worst first.
    #[schema(value_type = Vec<Object>)]
    pub losses: Vec<AreaLoss>,
    /// Against the year before, when its results are known.
    #[schema(value_type = Option<Object>)]
    pub change: Option<YearChange>,
    /// "tăng 2 bậc", "giảm 2 bậc", "giữ nguyên".
    pub rank_change_vi: Option<String>,
    /// The unit's own total before appraisal.
    #[schema(value_type = String)]
    pub self_index: Percent,
}

/// A unit not ranked yet, and why.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PendingUnit {
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub reason_vi: String,
    pub reason_en: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Results {
    pub campaign_id: i64,
    pub year: i32,
    pub status: CampaignStatus,
    /// True once published; before that the ranking covers only the units
    /// fully appraised and may change.
    pub final_results: bool,
    pub areas: Vec<AreaHead>,
    pub rows: Vec<ResultRow>,
    pub pending: Vec<PendingUnit>,
    /// The year compared with, when results of the year before are stored.
    pub previous_year: Option<i32>,
}

/// Computes the results of a campaign's sheets against `previous`.
pub fn compute(sheets: &CampaignSheets, previous: &[motcua_rules::par::PublishedResult]) -> Results {
    let mut scores: Vec<(i64, UnitScore, Percent)> = Vec::new();
    let mut pending = Vec::new();
    let self_scores = sheets.scores(ScoreBasis::SelfAssessment);
    for ((unit, score), (_, own)) in sheets.scores(ScoreBasis::Appraisal).into_iter().zip(self_scores) {
        match score {
            Ok(s) => {
                let own = own.map(|o| o.index).unwrap_or(s.self_index);
                scores.push((unit.unit_id, s, own));
            }
            Err(e) => pending.push(PendingUnit {
                unit_id: unit.unit_id,
                unit_code: unit.code.clone(),
                unit_name: unit.name.clone(),
                reason_vi: e.message_vi,
                reason_en: e.message_en,
            }),
        }
    }
    let plain: Vec<UnitScore> = scores.iter().map(|(_, s, _)| s.clone()).collect();
    let ranked = motcua_rules::par::rank_units(&plain, &sheets.campaign.bands);
    let changes = year_on_year(&ranked, previous);
    let rows = ranked
        .into_iter()
        .map(|r| {
            let (unit_id, score, own) =
                scores.iter().find(|(_, s, _)| s.unit_code == r.unit_code).expect("ranked from these");
            let change =
                changes.iter().find(|c| c.unit_code == r.unit_code).filter(|c| c.previous_year.is_some()).cloned();
            ResultRow {
                unit_id: *unit_id,
                rank_change_vi: change.as_ref().and_then(|c| c.rank_change).map(motcua_rules::par::rank_change_vi),
                change,
                areas: score.areas.clone(),
                losses: score.losses(),
                self_index: *own,
                ranked: r,
            }
        })
        .collect();
    let areas = sheets
        .framework
        .areas()
        .iter()
        .map(|a| AreaHead { code: a.code.clone(), name: a.name.clone(), max: a.max })
        .collect();
    Results {
        campaign_id: sheets.campaign.id,
        year: sheets.campaign.year,
        status: sheets.campaign.status,
        final_results: sheets.campaign.status == CampaignStatus::Published,
        areas,
        rows,
        pending,
        previous_year: previous.first().map(|p| p.year),
    }
}

/// The results the caller may see: the reform office sees every unit at
/// any time; a unit's officers see the ranking once it is published, and
/// their own units' rows before that.
pub async fn results_for(state: &AppState, me: &CurrentUser, id: i64) -> ApiResult<Results> {
    let access = ReformAccess::of(me)?;
    let sheets = state.store.campaign_sheets(id).await?;
    access.see(&sheets.campaign)?;
    let previous = state.store.previous_results(sheets.campaign.province_id, sheets.campaign.year).await?;
    let mut results = compute(&sheets, &previous);
    if let ReformAccess::Unit { scope } = &access
        && !results.final_results
    {
        let mine = |unit_id: i64| {
            sheets
                .campaign
                .unit(unit_id)
                .is_some_and(|u| scope.contains(&motcua_rules::scope::UnitRef { id: u.unit_id, path: u.path.clone() }))
        };
        results.rows.retain(|r| mine(r.unit_id));
        results.pending.retain(|p| mine(p.unit_id));
    }
    Ok(results)
}

/// The ranking table: per unit the index, band, rank (ties share), the
/// points per area, the change against last year and the points lost per
/// area from the worst.
#[utoipa::path(get, path = "/api/v1/reform/campaigns/{id}/results", tag = "reform", params(("id" = i64, Path)),
    responses((status = 200, body = Results), (status = 404, body = crate::error::ErrorBody)))]
pub async fn results(State(state): State<AppState>, me: CurrentUser, Path(id): Path<i64>) -> ApiResult<Json<Results>> {
    Ok(Json(results_for(&state, &me, id).await?))
}
