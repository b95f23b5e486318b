//! The per-dossier evaluations (9 criteria × 2 points, par-sipas.md §10)
//! of a province, summarised per receiving unit or per receiving officer,
//! for the reform office.

use axum::Json;
use axum::extract::State;
use motcua_rules::sipas::{EvaluationSummary, summarise_by, thanh_hoa_bands};
use serde::Serialize;

use super::reform::ReformAccess;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Params;
use crate::state::AppState;

/// One group: a unit or an officer, with its summary.
#[derive(Serialize, utoipa::ToSchema)]
pub struct EvaluationGroup {
    /// The unit's or the officer's id (`null`: reception without a recorded officer).
    pub id: Option<i64>,
    pub name: String,
    /// The unit's code, when grouped by unit.
    pub code: Option<String>,
    #[schema(value_type = Object)]
    pub summary: EvaluationSummary,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Evaluations {
    /// `unit` or `officer`.
    pub by: String,
    /// The bands are Thanh Hóa's, not verified against the national rule.
    pub bands_verified: bool,
    pub groups: Vec<EvaluationGroup>,
}

/// The province's per-dossier evaluations grouped `by=unit` (default) or
/// `by=officer` (who received the dossier): count, mean total out of 18,
/// mean per criterion out of 2, band.
#[utoipa::path(get, path = "/api/v1/reform/evaluations", tag = "reform",
    params(("by" = Option<String>, Query, description = "`unit` (default) or `officer`")),
    responses((status = 200, body = Evaluations), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn evaluations(
    State(state): State<AppState>,
    me: CurrentUser,
    params: Params,
) -> ApiResult<Json<Evaluations>> {
    let by = params.get("by").unwrap_or("unit").to_owned();
    Ok(Json(summarise(&state, &me, &by).await?))
}

pub async fn summarise(state: &AppState, me: &CurrentUser, by: &str) -> ApiResult<Evaluations> {
    // The evaluations of the units the office owns: its unit's subtree.
    let office = ReformAccess::office(me)?;
    let root = state.store.unit(office.scope.id).await?.ok_or_else(ApiError::forbidden)?;
    let rated = state.store.dossier_evaluations(root.path).await?;
    let bands = thanh_hoa_bands();
    let groups = match by {
        "unit" => {
            let names: std::collections::HashMap<i64, (&str, &str)> =
                rated.iter().map(|r| (r.unit_id, (r.unit_code.as_str(), r.unit_name.as_str()))).collect();
            summarise_by(rated.iter().map(|r| (r.unit_id, &r.evaluation)), &bands)
                .into_iter()
                .map(|(id, summary)| EvaluationGroup {
                    id: Some(id),
                    name: names.get(&id).map(|n| n.1.to_owned()).unwrap_or_default(),
                    code: names.get(&id).map(|n| n.0.to_owned()),
                    summary,
                })
                .collect()
        }
        "officer" => {
            let names: std::collections::HashMap<Option<i64>, &str> =
                rated.iter().map(|r| (r.officer_id, r.officer_name.as_deref().unwrap_or(""))).collect();
            summarise_by(rated.iter().map(|r| (r.officer_id, &r.evaluation)), &bands)
                .into_iter()
                .map(|(id, summary)| EvaluationGroup {
                    id,
                    name: names.get(&id).map(|n| (*n).to_owned()).unwrap_or_default(),
                    code: None,
                    summary,
                })
                .collect()
        }
        _ => {
            return Err(ApiError::unprocessable("invalid_choice", "by").arg_each(
                "what",
                "cách nhóm (unit: đơn vị, officer: cán bộ)",
                "grouping (unit or officer)",
            ));
        }
    };
    Ok(Evaluations { by: by.to_owned(), bands_verified: false, groups })
}
