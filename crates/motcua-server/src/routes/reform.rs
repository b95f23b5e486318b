//! The reform office's JSON API (PAR INDEX and SIPAS) under
//! `/api/v1/reform`: who may do what, the routes, frameworks and published
//! results. Campaigns, sheets, results and surveys have their own files.
//!
//! Access (docs/par-sipas.md, "Access"):
//! - a `reform_officer` runs the campaigns and surveys of the units its unit
//!   owns (its subtree): a campaign is its office's when every unit the
//!   campaign evaluates lies there. What the whole province shares
//!   (frameworks, published results, SIPAS designs) it reads, and only an
//!   officer of the root unit writes;
//! - a `leader` or `specialist` sees the campaigns (past draft) that
//!   evaluate a unit of their own subtree, self-scores and submits for
//!   those units only, and sees their appraisal and report;
//! - nobody sees another province: an id of another province answers 404,
//!   as if it did not exist.

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use motcua_rules::Role;
use motcua_rules::par::{PublishedResult, ValidFramework, commune_template, department_template, parse_published_csv};
use motcua_rules::scope::UnitRef;
use motcua_store::model::Unit;
use motcua_store::reform::{Campaign, CampaignStatus, CampaignUnit, FrameworkMeta};
use serde::Serialize;

use super::{reform_campaigns, reform_evaluations, reform_results, reform_sheets, sipas};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The routes, merged into the router nested under `/api/v1` (one
/// `.route("…"` per line: the OpenAPI test reads them from this file).
#[rustfmt::skip]
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/reform/templates/{level}", get(template))
        .route("/reform/frameworks", get(frameworks).post(create_framework))
        .route("/reform/frameworks/{id}", get(framework))
        .route("/reform/published", post(import_published))
        .route("/reform/published/{year}", get(published))
        .route("/reform/campaigns", get(reform_campaigns::list).post(reform_campaigns::create))
        .route("/reform/campaigns/{id}", get(reform_campaigns::get))
        .route("/reform/campaigns/{id}/status", post(reform_campaigns::advance))
        .route("/reform/campaigns/{id}/deadline", put(reform_campaigns::deadline))
        .route("/reform/campaigns/{id}/fill", post(reform_campaigns::fill))
        .route("/reform/campaigns/{id}/audit", get(reform_campaigns::audit))
        .route("/reform/campaigns/{id}/results", get(reform_results::results))
        .route("/reform/campaigns/{id}/units/{unit_id}", get(reform_sheets::sheet))
        .route("/reform/campaigns/{id}/units/{unit_id}/submit", post(reform_sheets::submit))
        .route("/reform/campaigns/{id}/units/{unit_id}/entries/{code}/self", put(reform_sheets::self_score))
        .route("/reform/campaigns/{id}/units/{unit_id}/entries/{code}/appraisal", put(reform_sheets::appraise))
        .route("/reform/campaigns/{id}/units/{unit_id}/entries/{code}/office", put(reform_sheets::office_entry))
        .route("/reform/campaigns/{id}/units/{unit_id}/evidence", post(reform_sheets::upload_evidence).layer(evidence_limit()))
        .route("/reform/campaigns/{id}/units/{unit_id}/evidence/{file_id}", get(reform_sheets::download_evidence))
        .route("/reform/evaluations", get(reform_evaluations::evaluations))
        .route("/reform/sipas/sample-size", get(sipas::sample_size))
        .route("/reform/sipas/designs", get(sipas::designs).post(sipas::create_design))
        .route("/reform/sipas/designs/{id}", get(sipas::design))
        .route("/reform/sipas/designs/{id}/tokens", post(sipas::issue_tokens))
        .route("/reform/sipas/designs/{id}/paper", post(sipas::paper_forms))
        .route("/reform/sipas/designs/{id}/index", get(sipas::index))
        .route("/public/survey/{token}", get(sipas::public_survey).post(sipas::public_answer))
}

/// One evidence file and its code: the file limit plus room for the framing.
fn evidence_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(crate::web::public::uploads::MAX_FILE + 64 * 1024)
}

/// What the caller may do in reform work.
#[derive(Debug, Clone)]
pub enum ReformAccess {
    /// A reform officer: the office of its unit's subtree.
    Office(Office),
    /// Officers of a unit: their own subtree only.
    Unit { scope: UnitRef },
}

/// A reform officer's office: the units its unit owns (its subtree), in
/// the province of that tree. Made only by [`ReformAccess::office`].
#[derive(Debug, Clone)]
pub struct Office {
    /// The root of the officer's tree, which keys the province's
    /// frameworks, published results and SIPAS designs.
    pub province_id: i64,
    /// The officer's unit: its subtree is what the office acts on.
    pub scope: UnitRef,
}

impl Office {
    /// Whether the office owns the campaign (loaded with its units): same
    /// province, and every unit it evaluates in the officer's subtree.
    /// `Store::campaigns_of_office` is the same test in SQL.
    pub fn owns(&self, c: &Campaign) -> bool {
        c.province_id == self.province_id && !c.units.is_empty() && c.units.iter().all(|u| in_scope(&self.scope, u))
    }

    /// The province, for what only the province's office writes
    /// (frameworks, published results, SIPAS designs): the officer must be
    /// placed at the root unit, else 403 `reform_province_office_only`.
    pub fn province_office(&self) -> ApiResult<i64> {
        if self.scope.id == self.province_id {
            Ok(self.province_id)
        } else {
            Err(ApiError::coded(StatusCode::FORBIDDEN, "reform_province_office_only", None))
        }
    }

    /// The unit `unit_id` if the office owns it; 422
    /// `reform_unit_outside_office` on `field` otherwise (also for a unit
    /// that does not exist, so ids of other trees reveal nothing).
    pub async fn unit(&self, state: &AppState, unit_id: i64, field: &str) -> ApiResult<Unit> {
        match state.store.unit(unit_id).await? {
            Some(u) if self.scope.contains(&u.as_ref()) => Ok(u),
            _ => Err(ApiError::unprocessable("reform_unit_outside_office", field).arg("id", unit_id)),
        }
    }

    /// Whether the office owns `unit`.
    pub fn contains(&self, unit: &Unit) -> bool {
        self.scope.contains(&unit.as_ref())
    }
}

impl ReformAccess {
    pub fn of(me: &CurrentUser) -> ApiResult<ReformAccess> {
        let unit = me.unit().ok_or_else(ApiError::forbidden)?;
        match me.role() {
            Role::ReformOfficer => Ok(ReformAccess::Office(Office { province_id: unit.root_id(), scope: unit })),
            Role::Leader | Role::Specialist => Ok(ReformAccess::Unit { scope: unit }),
            _ => Err(ApiError::forbidden()),
        }
    }

    /// The office of a reform officer; 403 for anyone else.
    pub fn office(me: &CurrentUser) -> ApiResult<Office> {
        match ReformAccess::of(me)? {
            ReformAccess::Office(office) => Ok(office),
            ReformAccess::Unit { .. } => Err(ApiError::forbidden()),
        }
    }

    pub fn is_office(&self) -> bool {
        matches!(self, ReformAccess::Office(_))
    }

    /// Whether the caller sees this campaign: the office that owns it, or
    /// officers of one of its units once it is open. Otherwise 404.
    pub fn see(&self, c: &Campaign) -> ApiResult<()> {
        let visible = match self {
            ReformAccess::Office(office) => office.owns(c),
            ReformAccess::Unit { scope } => {
                c.status != CampaignStatus::Draft && c.units.iter().any(|u| in_scope(scope, u))
            }
        };
        if visible {
            Ok(())
        } else {
            Err(ApiError::from(motcua_rules::RuleError::not_found("reform_campaign_not_found")))
        }
    }

    /// The campaign unit the caller may see the sheet of; 404 otherwise.
    pub fn unit<'a>(&self, c: &'a Campaign, unit_id: i64) -> ApiResult<&'a CampaignUnit> {
        self.see(c)?;
        let unit = c
            .unit(unit_id)
            .ok_or_else(|| ApiError::from(motcua_rules::RuleError::not_found("reform_unit_not_in_campaign")))?;
        match self {
            ReformAccess::Unit { scope } if !in_scope(scope, unit) => {
                Err(ApiError::from(motcua_rules::RuleError::not_found("reform_unit_not_in_campaign")))
            }
            _ => Ok(unit),
        }
    }
}

fn in_scope(scope: &UnitRef, unit: &CampaignUnit) -> bool {
    scope.contains(&UnitRef { id: unit.unit_id, path: unit.path.clone() })
}

/// A shipped framework template (`department` or `commune`), as JSON to
/// import or edit.
#[utoipa::path(get, path = "/api/v1/reform/templates/{level}", tag = "reform",
    params(("level" = String, Path, description = "`department` or `commune`")),
    responses((status = 200, description = "The framework JSON", content_type = "application/json"), (status = 404, body = crate::error::ErrorBody)))]
pub async fn template(
    me: CurrentUser,
    Path(level): Path<String>,
) -> ApiResult<([(axum::http::HeaderName, &'static str); 1], String)> {
    ReformAccess::office(&me)?;
    let fw = template_named(&level)?;
    Ok(([(axum::http::header::CONTENT_TYPE, "application/json")], fw.to_json()))
}

pub fn template_named(level: &str) -> ApiResult<ValidFramework> {
    match level {
        "department" => Ok(department_template()),
        "commune" => Ok(commune_template()),
        _ => Err(ApiError::coded(StatusCode::NOT_FOUND, "not_found", None)),
    }
}

/// The framework versions of the caller's province.
#[utoipa::path(get, path = "/api/v1/reform/frameworks", tag = "reform",
    responses((status = 200, body = Vec<FrameworkMeta>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn frameworks(State(state): State<AppState>, me: CurrentUser) -> ApiResult<Json<Vec<FrameworkMeta>>> {
    let province = ReformAccess::office(&me)?.province_id;
    Ok(Json(state.store.frameworks(province).await?))
}

/// Imports a framework version (the JSON of docs/par-sipas.md §2),
/// validated by the rules: maxima that do not add up, bad codes or methods
/// are refused naming the field (`areas[1].criteria[0].max`).
#[utoipa::path(post, path = "/api/v1/reform/frameworks", tag = "reform",
    request_body(content = Object, description = "A framework (docs/par-sipas.md §2)", content_type = "application/json"),
    responses((status = 201, body = FrameworkMeta), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create_framework(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<FrameworkMeta>)> {
    crate::extract::check_json_content_type(&headers)?;
    let json = std::str::from_utf8(&body).map_err(|_| crate::input::invalid_utf8("framework"))?;
    crate::input::check_json_text(json.as_bytes())?;
    let meta = save_framework(&state, &me, json).await?;
    Ok((StatusCode::CREATED, Json(meta)))
}

/// The logic of `POST /reform/frameworks`, shared with the pages.
pub async fn save_framework(state: &AppState, me: &CurrentUser, json: &str) -> ApiResult<FrameworkMeta> {
    let province = ReformAccess::office(me)?.province_office()?;
    crate::input::check_json_text(json.as_bytes())?;
    let fw = ValidFramework::from_json(json)?;
    let meta = state.store.create_framework(province, fw, Some(me.user.id), state.now()).await?;
    tracing::info!(reform.framework = meta.id, user.id = me.user.id, "framework stored");
    Ok(meta)
}

/// One framework version as JSON (export).
#[utoipa::path(get, path = "/api/v1/reform/frameworks/{id}", tag = "reform", params(("id" = i64, Path)),
    responses((status = 200, description = "The framework JSON", content_type = "application/json"), (status = 404, body = crate::error::ErrorBody)))]
pub async fn framework(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> ApiResult<([(axum::http::HeaderName, &'static str); 1], String)> {
    let province = ReformAccess::office(&me)?.province_id;
    let fw = state.store.framework(province, id).await?;
    Ok(([(axum::http::header::CONTENT_TYPE, "application/json")], fw.framework.to_json()))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub rows: usize,
    /// Columns of the file that motcua does not read.
    pub ignored_columns: Vec<String>,
}

/// Imports results published in earlier years (CSV, docs/par-sipas.md §8),
/// all or nothing; the first error names its line and column.
#[utoipa::path(post, path = "/api/v1/reform/published", tag = "reform",
    request_body(content = String, description = "CSV (docs/par-sipas.md §8)", content_type = "text/csv"),
    responses((status = 200, body = ImportReport), (status = 422, body = crate::error::ErrorBody)))]
pub async fn import_published(
    State(state): State<AppState>,
    me: CurrentUser,
    body: Bytes,
) -> ApiResult<Json<ImportReport>> {
    Ok(Json(import_csv(&state, &me, &String::from_utf8_lossy(&body)).await?))
}

/// The logic of `POST /reform/published`, shared with the pages.
pub async fn import_csv(state: &AppState, me: &CurrentUser, text: &str) -> ApiResult<ImportReport> {
    let province = ReformAccess::office(me)?.province_office()?;
    crate::input::check_text("csv", text)?;
    let table = parse_published_csv(text)?;
    let ignored_columns = table.ignored_columns.clone();
    let rows = state.store.import_published(province, table, Some(me.user.id), state.now()).await?;
    Ok(ImportReport { rows, ignored_columns })
}

/// The results published for a year in the caller's province.
#[utoipa::path(get, path = "/api/v1/reform/published/{year}", tag = "reform", params(("year" = i32, Path)),
    responses((status = 200, body = Vec<Object>)))]
pub async fn published(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(year): Path<i32>,
) -> ApiResult<Json<Vec<PublishedResult>>> {
    let province = ReformAccess::office(&me)?.province_id;
    Ok(Json(state.store.published(province, year).await?))
}
