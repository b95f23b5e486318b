//! The record of staff views of applicants' personal data (Decree 13/2023,
//! docs/search.md#personal-data-views): written wherever staff are shown a
//! dossier's applicant unmasked, read by administrators.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, FixedOffset};
use motcua_store::model::Dossier;
use motcua_store::{DataView, ViewedVia};
use serde::Serialize;

use crate::admin_scope::AdminScope;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Params;
use crate::routes::dossiers::parse_ref;
use crate::state::AppState;
use crate::time::to_api;

/// Records that `me` is being shown `d`'s applicant, unless `me` is the
/// applicant's own account (a citizen reading their own dossier).
pub async fn record(state: &AppState, me: &CurrentUser, d: &Dossier, via: ViewedVia) -> ApiResult<()> {
    if !me.role().is_staff() {
        return Ok(());
    }
    let path = me.user.unit_path.clone().unwrap_or_default();
    state.store.record_data_view(me.user.id, path, d.id, via, state.now()).await?;
    Ok(())
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DataViewLine {
    pub id: i64,
    pub at: DateTime<FixedOffset>,
    pub user_id: i64,
    pub username: String,
    pub full_name: String,
    pub dossier_id: i64,
    pub dossier_code: Option<String>,
    /// `page`, `api` or `slip`.
    #[schema(value_type = String)]
    pub via: ViewedVia,
}

impl From<DataView> for DataViewLine {
    fn from(v: DataView) -> Self {
        DataViewLine {
            id: v.id,
            at: to_api(v.at),
            user_id: v.user_id,
            username: v.username,
            full_name: v.full_name,
            dossier_id: v.dossier_id,
            dossier_code: v.dossier_code,
            via: v.via,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DataViewPage {
    pub items: Vec<DataViewLine>,
    /// Pass as `before` for the next page; absent on the last.
    pub next_before: Option<i64>,
}

/// The views of the records of the administrator's subtree's staff; only
/// the dossier's when `dossier` (a code or an id) is given; newest first.
pub async fn page_of(
    state: &AppState,
    scope: &AdminScope,
    dossier: Option<&str>,
    before: Option<i64>,
    limit: u32,
) -> ApiResult<DataViewPage> {
    let dossier_id = match dossier.map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(r) => Some(
            state
                .store
                .dossier(parse_ref(r))
                .await?
                .ok_or_else(|| ApiError::unprocessable("dossier_not_found", "dossier"))?
                .id,
        ),
    };
    let items = state.store.data_views(scope.unit().path.clone(), dossier_id, before, limit + 1).await?;
    let more = items.len() > limit as usize;
    let items: Vec<DataViewLine> = items.into_iter().take(limit as usize).map(DataViewLine::from).collect();
    let next_before = if more { items.last().map(|v| v.id) } else { None };
    Ok(DataViewPage { items, next_before })
}

/// Who of the administrator's staff saw whose personal data, and when.
#[utoipa::path(get, path = "/api/v1/data-views", tag = "admin",
    params(("dossier" = Option<String>, Query, description = "Only this dossier's (code or id)"),
           ("before" = Option<i64>, Query, description = "The `next_before` of the previous page"),
           ("limit" = Option<u32>, Query)),
    responses((status = 200, body = DataViewPage), (status = 403, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, me: CurrentUser, params: Params) -> ApiResult<Json<DataViewPage>> {
    let scope = AdminScope::of(&me)?;
    let before = params.int("before", 1, i64::MAX)?;
    let limit = params.int("limit", 1, 200)?.unwrap_or(50) as u32;
    Ok(Json(page_of(&state, &scope, params.get("dossier"), before, limit).await?))
}
