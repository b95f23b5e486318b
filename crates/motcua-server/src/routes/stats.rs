//! Statistics of dossier handling for a unit subtree and a period.

use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use motcua_store::UnitStats;

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Params;
use crate::state::AppState;

fn date(params: &Params, name: &str) -> ApiResult<NaiveDate> {
    NaiveDate::parse_from_str(params.require(name)?, "%Y-%m-%d")
        .map_err(|_| ApiError::unprocessable("invalid_date", name).arg("name", name))
}

/// Per receiving unit of the caller's subtree: received by channel,
/// carried over, resolved early / on time / late, still in process within
/// and past the due date at the end, supplements, refusals, withdrawals,
/// stops, returns and the average processing time (regulations.md §4.7).
#[utoipa::path(get, path = "/api/v1/stats/units", tag = "statistics",
    params(("from" = String, Query, description = "First day, YYYY-MM-DD"), ("to" = String, Query, description = "Last day, YYYY-MM-DD")),
    responses((status = 200, body = Vec<UnitStats>), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn units(State(state): State<AppState>, me: CurrentUser, params: Params) -> ApiResult<Json<Vec<UnitStats>>> {
    let scope = me.staff_scope()?;
    let (from, to) = (date(&params, "from")?, date(&params, "to")?);
    if to < from {
        return Err(ApiError::unprocessable("invalid_period", "to"));
    }
    Ok(Json(state.store.unit_stats(scope.path, from, to).await?))
}
