//! The procedure catalog (TTHC): public reading, administrators' editing,
//! JSON import and export.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use motcua_store::ProcedureQuery;
use motcua_store::model::{Field, Procedure, ProcedureChange, ProcedureData, ProcedureSummary};
use serde::{Deserialize, Serialize};

use crate::admin_scope::AdminScope;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Params};
use crate::state::AppState;

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProcedurePage {
    pub items: Vec<ProcedureSummary>,
    pub next_cursor: Option<String>,
    /// How many procedures match over all pages.
    pub total: u64,
    /// With `q`: false when no procedure has every word and the items have
    /// some of them. Always true without `q`.
    pub all_words: bool,
}

/// Search the catalog the way citizens type (words in any order, diacritics
/// optional, everyday names through the administrator's synonyms), ranked
/// best first; or list it in code order without `q`. `total` counts every
/// match (docs/catalogue-search.md).
#[utoipa::path(get, path = "/api/v1/procedures", tag = "procedures",
    params(("q" = Option<String>, Query), ("field" = Option<String>, Query), ("online" = Option<bool>, Query),
           ("include_abolished" = Option<bool>, Query), ("cursor" = Option<String>, Query), ("limit" = Option<u32>, Query)),
    responses((status = 200, body = ProcedurePage)))]
pub async fn list(State(state): State<AppState>, params: Params) -> ApiResult<Json<ProcedurePage>> {
    let q = ProcedureQuery {
        q: params.get("q").map(str::to_owned),
        field_code: params.get("field").map(str::to_owned),
        online_only: params.bool("online")?,
        include_abolished: params.bool("include_abolished")?,
        after: params.get("cursor").map(str::to_owned),
        limit: params.int("limit", 1, 200)?.unwrap_or(50) as u32,
    };
    let page = state.store.procedures(q).await?;
    Ok(Json(ProcedurePage {
        items: page.items,
        next_cursor: page.next_cursor,
        total: page.total,
        all_words: page.all_words,
    }))
}

/// One procedure with everything the law requires to be public.
#[utoipa::path(get, path = "/api/v1/procedures/{code}", tag = "procedures",
    params(("code" = String, Path, description = "The procedure code, e.g. 1.001193")),
    responses((status = 200, body = Procedure), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(State(state): State<AppState>, Path(code): Path<String>) -> ApiResult<Json<Procedure>> {
    state
        .store
        .procedure(code.clone())
        .await?
        .map(Json)
        .ok_or_else(|| motcua_store::StoreError::from(not_found(&code)).into())
}

fn not_found(code: &str) -> motcua_rules::RuleError {
    motcua_rules::RuleError::not_found("procedure_not_found").arg("code", code)
}

/// Adds a procedure to the catalog (administrators).
#[utoipa::path(post, path = "/api/v1/procedures", tag = "procedures", request_body = ProcedureData,
    responses((status = 201, body = Procedure), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    admin: AdminScope,
    ApiJson(data): ApiJson<ProcedureData>,
) -> ApiResult<(StatusCode, Json<Procedure>)> {
    let p = create_procedure(&state, &admin, data).await?;
    Ok((StatusCode::CREATED, Json(p)))
}

/// The logic of `POST /procedures`, shared with the administrator's pages:
/// the agency and every workflow unit must lie in the administrator's
/// subtree (`motcua_rules::scope::check_procedure_units`).
pub async fn create_procedure(state: &AppState, admin: &AdminScope, data: ProcedureData) -> ApiResult<Procedure> {
    let scope = admin.unit().clone();
    Ok(state.store.save_procedure_within(scope, data, "created", Some(admin.user_id()), None, state.now()).await?)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProcedureUpdate {
    /// The version read before editing; a stale one is refused with 409.
    pub version: i64,
    /// `updated` (a correction), `amended` (sửa đổi, bổ sung) or `abolished`.
    #[serde(default)]
    pub change: Option<String>,
    #[serde(flatten)]
    pub data: ProcedureData,
}

/// Changes a procedure; the old version stays in its history.
#[utoipa::path(put, path = "/api/v1/procedures/{code}", tag = "procedures",
    params(("code" = String, Path, description = "The procedure code, e.g. 1.001193")), request_body = ProcedureUpdate,
    responses((status = 200, body = Procedure), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    admin: AdminScope,
    Path(code): Path<String>,
    ApiJson(req): ApiJson<ProcedureUpdate>,
) -> ApiResult<Json<Procedure>> {
    Ok(Json(update_procedure(&state, &admin, &code, req).await?))
}

/// The logic of `PUT /procedures/{code}`, shared with the administrator's
/// pages: the stored procedure and the new version must both lie in the
/// administrator's subtree.
pub async fn update_procedure(
    state: &AppState,
    admin: &AdminScope,
    code: &str,
    req: ProcedureUpdate,
) -> ApiResult<Procedure> {
    if req.data.code != code {
        return Err(ApiError::unprocessable("code_mismatch", "code"));
    }
    let change = match req.change.as_deref().unwrap_or("updated") {
        "updated" => "updated",
        "amended" => "amended",
        "abolished" => "abolished",
        _ => {
            return Err(ApiError::unprocessable("invalid_change", "change"));
        }
    };
    let scope = admin.unit().clone();
    Ok(state
        .store
        .save_procedure_within(scope, req.data, change, Some(admin.user_id()), Some(req.version), state.now())
        .await?)
}

/// Every version of a procedure, oldest first.
#[utoipa::path(get, path = "/api/v1/procedures/{code}/history", tag = "procedures",
    params(("code" = String, Path, description = "The procedure code, e.g. 1.001193")),
    responses((status = 200, body = Vec<ProcedureChange>), (status = 404, body = crate::error::ErrorBody)))]
pub async fn history(State(state): State<AppState>, Path(code): Path<String>) -> ApiResult<Json<Vec<ProcedureChange>>> {
    Ok(Json(state.store.procedure_history(code).await?))
}

/// The whole catalog as JSON, the format `import` reads.
#[utoipa::path(get, path = "/api/v1/procedures/export", tag = "procedures", responses((status = 200, body = Vec<ProcedureData>)))]
pub async fn export(State(state): State<AppState>, admin: AdminScope) -> ApiResult<Json<Vec<ProcedureData>>> {
    Ok(Json(export_catalog(&state, &admin).await?))
}

/// The logic of `GET /procedures/export`, shared with the administrator's
/// pages. The catalog is public, so every administrator exports all of it.
pub async fn export_catalog(state: &AppState, _admin: &AdminScope) -> ApiResult<Vec<ProcedureData>> {
    Ok(state.store.export_procedures().await?)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ImportResult {
    /// Procedures created or changed; identical ones are skipped.
    pub changed: usize,
}

/// Imports a catalog: all of it, or nothing when one procedure is invalid.
#[utoipa::path(post, path = "/api/v1/procedures/import", tag = "procedures", request_body = Vec<ProcedureData>,
    responses((status = 200, body = ImportResult), (status = 422, body = crate::error::ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    admin: AdminScope,
    ApiJson(items): ApiJson<Vec<ProcedureData>>,
) -> ApiResult<Json<ImportResult>> {
    Ok(Json(import_catalog(&state, &admin, items).await?))
}

/// The logic of `POST /procedures/import`, shared with the administrator's
/// pages: every procedure it creates or changes is checked as in
/// `update_procedure`; one outside the subtree refuses the whole file.
pub async fn import_catalog(
    state: &AppState,
    admin: &AdminScope,
    items: Vec<ProcedureData>,
) -> ApiResult<ImportResult> {
    let scope = admin.unit().clone();
    let changed = state.store.import_procedures_within(scope, items, Some(admin.user_id()), state.now()).await?;
    Ok(ImportResult { changed })
}

/// The fields (lĩnh vực) of the catalog.
#[utoipa::path(get, path = "/api/v1/fields", tag = "procedures", responses((status = 200, body = Vec<Field>)))]
pub async fn fields(State(state): State<AppState>) -> ApiResult<Json<Vec<Field>>> {
    Ok(Json(state.store.fields().await?))
}
