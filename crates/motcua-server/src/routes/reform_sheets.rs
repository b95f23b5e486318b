//! A unit's sheet in a campaign: its items with what was entered and
//! appraised, its scores so far, evidence files, the submission.

use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use motcua_rules::par::{Input, Method, Points, ScoreBasis, UnitScore, score_sheet};
use motcua_store::reform::{
    Campaign, CampaignSheets, CampaignStatus, CampaignUnit, EvidenceMeta, NewEvidence, StoredEntry,
};
use serde::{Deserialize, Serialize};

use super::reform::ReformAccess;
use super::reform_campaigns::require_office;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::web::public::uploads::{self, MAX_FILE, read_limited};

/// One item of the framework with what the sheet holds for it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ItemView {
    pub code: String,
    pub name: String,
    /// Area › criterion › item, for display.
    pub path: String,
    pub area: String,
    #[schema(value_type = String)]
    pub max: Points,
    /// `self_assessed`, `survey`, `computed`, `bonus` or `penalty`.
    pub method: &'static str,
    /// Who fills it: `unit` (self-assessed) or `office`.
    pub filled_by: &'static str,
    /// The framework's scoring guide.
    pub guide: String,
    /// For a computed or SIPAS-fed item, the rule in words (Vietnamese).
    pub rule_vi: Option<String>,
    pub entry: Option<StoredEntry>,
}

/// A unit's sheet.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SheetView {
    pub campaign_id: i64,
    pub status: CampaignStatus,
    pub unit: CampaignUnit,
    pub items: Vec<ItemView>,
    /// The unit's own scores (self-assessment basis).
    #[schema(value_type = Option<Object>)]
    pub self_score: Option<UnitScore>,
    /// The appraised scores, once every item is appraised and known.
    #[schema(value_type = Option<Object>)]
    pub appraised_score: Option<UnitScore>,
    /// Why there is no appraised score yet (the first item missing).
    pub appraisal_pending: Option<String>,
    pub evidence: Vec<EvidenceMeta>,
}

pub fn method_name(m: &Method) -> &'static str {
    match m {
        Method::SelfAssessed => "self_assessed",
        Method::Survey { .. } => "survey",
        Method::Computed { .. } => "computed",
        Method::Bonus => "bonus",
        Method::Penalty => "penalty",
    }
}

/// Builds the sheet view of one unit from the campaign's sheets.
pub fn sheet_view(
    sheets: &CampaignSheets,
    unit: &CampaignUnit,
    evidence: Vec<EvidenceMeta>,
    english: bool,
) -> SheetView {
    let entries =
        sheets.entries.iter().find(|(u, _)| u.unit_id == unit.unit_id).map(|(_, e)| e.as_slice()).unwrap_or(&[]);
    let fw = &sheets.framework;
    let guides = guides(fw.framework());
    let items = fw
        .leaves()
        .iter()
        .map(|leaf| {
            let rule_vi = match &leaf.method {
                Method::Computed { mapping, .. } => Some(mapping.describe_vi(leaf.max)),
                Method::Survey { from_sipas: Some(mapping) } => Some(mapping.describe_vi(leaf.max)),
                _ => None,
            };
            ItemView {
                code: leaf.code.clone(),
                name: leaf.name.clone(),
                path: leaf.path.clone(),
                area: fw.areas()[leaf.area].code.clone(),
                max: leaf.max,
                method: method_name(&leaf.method),
                filled_by: if matches!(leaf.method, Method::SelfAssessed) { "unit" } else { "office" },
                guide: guides.get(&leaf.code).cloned().unwrap_or_default(),
                rule_vi,
                entry: entries.iter().find(|e| e.code == leaf.code).cloned(),
            }
        })
        .collect();
    let sheet = sheets.sheet(unit, entries);
    let self_score = score_sheet(fw, &sheet, ScoreBasis::SelfAssessment).ok();
    let (appraised_score, appraisal_pending) = match score_sheet(fw, &sheet, ScoreBasis::Appraisal) {
        Ok(s) => (Some(s), None),
        Err(e) => (None, Some(if english { e.message_en } else { e.message_vi })),
    };
    SheetView {
        campaign_id: sheets.campaign.id,
        status: sheets.campaign.status,
        unit: unit.clone(),
        items,
        self_score,
        appraised_score,
        appraisal_pending,
        evidence,
    }
}

/// The scoring guide of every leaf, by code.
fn guides(fw: &motcua_rules::par::Framework) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    for a in &fw.areas {
        for c in &a.criteria {
            out.insert(c.code.clone(), c.guide.clone());
            for s in &c.sub {
                out.insert(s.code.clone(), s.guide.clone());
            }
        }
    }
    out
}

/// The campaign and unit of a sheet the caller may see.
pub async fn sheet_access(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    unit_id: i64,
) -> ApiResult<(ReformAccess, Campaign, CampaignUnit)> {
    let access = ReformAccess::of(me)?;
    let c = state.store.campaign(id).await?;
    let unit = access.unit(&c, unit_id)?.clone();
    Ok((access, c, unit))
}

/// A unit's sheet: every item with its entry, the scores so far and the
/// evidence files. Units see the appraised scores and reasons too.
#[utoipa::path(get, path = "/api/v1/reform/campaigns/{id}/units/{unit_id}", tag = "reform",
    params(("id" = i64, Path), ("unit_id" = i64, Path)),
    responses((status = 200, body = SheetView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn sheet(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, unit_id)): Path<(i64, i64)>,
    headers: axum::http::HeaderMap,
) -> ApiResult<Json<SheetView>> {
    let (_, _, unit) = sheet_access(&state, &me, id, unit_id).await?;
    let sheets = state.store.campaign_sheets(id).await?;
    let evidence = state.store.evidence(id, unit_id).await?;
    Ok(Json(sheet_view(&sheets, &unit, evidence, crate::error::prefers_english(&headers))))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SelfScoreRequest {
    /// Points, at most two decimals (`1.5` or `"1,5"`).
    #[schema(value_type = String, example = "1.5")]
    pub self_score: Points,
    pub note: Option<String>,
}

/// A unit's self-score of a self-assessed item (officers of the unit).
#[utoipa::path(put, path = "/api/v1/reform/campaigns/{id}/units/{unit_id}/entries/{code}/self", tag = "reform",
    params(("id" = i64, Path), ("unit_id" = i64, Path), ("code" = String, Path)), request_body = SelfScoreRequest,
    responses((status = 200, body = StoredEntry), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn self_score(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, unit_id, code)): Path<(i64, i64, String)>,
    ApiJson(req): ApiJson<SelfScoreRequest>,
) -> ApiResult<Json<StoredEntry>> {
    Ok(Json(save_self_score(&state, &me, id, unit_id, code, req).await?))
}

pub async fn save_self_score(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    unit_id: i64,
    code: String,
    req: SelfScoreRequest,
) -> ApiResult<StoredEntry> {
    let (access, _, _) = sheet_access(state, me, id, unit_id).await?;
    // Self-assessment is the unit's own act: the office appraises instead.
    if access.is_office() {
        return Err(ApiError::forbidden());
    }
    let note = req.note.filter(|n| !n.trim().is_empty());
    Ok(state.store.self_score(id, unit_id, code, req.self_score, note, Some(me.user.id), state.now()).await?)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AppraisalRequest {
    #[schema(value_type = String, example = "1")]
    pub appraised: Points,
    /// Required when the appraised score differs from the unit's.
    pub reason: Option<String>,
}

/// The reform office's appraisal of a self-assessed item.
#[utoipa::path(put, path = "/api/v1/reform/campaigns/{id}/units/{unit_id}/entries/{code}/appraisal", tag = "reform",
    params(("id" = i64, Path), ("unit_id" = i64, Path), ("code" = String, Path)), request_body = AppraisalRequest,
    responses((status = 200, body = StoredEntry), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn appraise(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, unit_id, code)): Path<(i64, i64, String)>,
    ApiJson(req): ApiJson<AppraisalRequest>,
) -> ApiResult<Json<StoredEntry>> {
    Ok(Json(save_appraisal(&state, &me, id, unit_id, code, req).await?))
}

pub async fn save_appraisal(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    unit_id: i64,
    code: String,
    req: AppraisalRequest,
) -> ApiResult<StoredEntry> {
    let (access, _, _) = sheet_access(state, me, id, unit_id).await?;
    require_office(&access)?;
    Ok(state.store.appraise(id, unit_id, code, req.appraised, req.reason, Some(me.user.id), state.now()).await?)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct OfficeEntryRequest {
    /// `{"kind": "survey", "points": 3.5}`, `{"kind": "sipas", "percent": 82.66}`,
    /// `{"kind": "computed", "numerator": 95, "denominator": 100}` or
    /// `{"kind": "adjustment", "points": 0.5}`.
    #[schema(value_type = Object)]
    pub input: Input,
    pub note: Option<String>,
}

/// What the reform office enters for survey, computed, bonus and penalty items.
#[utoipa::path(put, path = "/api/v1/reform/campaigns/{id}/units/{unit_id}/entries/{code}/office", tag = "reform",
    params(("id" = i64, Path), ("unit_id" = i64, Path), ("code" = String, Path)), request_body = OfficeEntryRequest,
    responses((status = 200, body = StoredEntry), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn office_entry(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, unit_id, code)): Path<(i64, i64, String)>,
    ApiJson(req): ApiJson<OfficeEntryRequest>,
) -> ApiResult<Json<StoredEntry>> {
    Ok(Json(save_office_entry(&state, &me, id, unit_id, code, req).await?))
}

pub async fn save_office_entry(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    unit_id: i64,
    code: String,
    req: OfficeEntryRequest,
) -> ApiResult<StoredEntry> {
    let (access, _, _) = sheet_access(state, me, id, unit_id).await?;
    require_office(&access)?;
    let note = req.note.filter(|n| !n.trim().is_empty());
    Ok(state.store.office_entry(id, unit_id, code, req.input, note, Some(me.user.id), state.now()).await?)
}

/// Submits a unit's self-assessment (officers of the unit).
#[utoipa::path(post, path = "/api/v1/reform/campaigns/{id}/units/{unit_id}/submit", tag = "reform",
    params(("id" = i64, Path), ("unit_id" = i64, Path)),
    responses((status = 200, body = Campaign), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, unit_id)): Path<(i64, i64)>,
) -> ApiResult<Json<Campaign>> {
    Ok(Json(submit_sheet(&state, &me, id, unit_id).await?))
}

pub async fn submit_sheet(state: &AppState, me: &CurrentUser, id: i64, unit_id: i64) -> ApiResult<Campaign> {
    let (access, _, _) = sheet_access(state, me, id, unit_id).await?;
    if access.is_office() {
        return Err(ApiError::forbidden());
    }
    let c = state.store.submit_self_assessment(id, unit_id, Some(me.user.id), state.now()).await?;
    tracing::info!(reform.campaign = id, reform.unit = unit_id, user.id = me.user.id, "self-assessment submitted");
    Ok(c)
}

/// An evidence file checked as dossier files are: at most 10 MB, and a
/// PDF, JPEG, PNG or Word document told by its contents.
pub fn evidence_file(code: String, raw_name: &str, data: Vec<u8>) -> ApiResult<NewEvidence> {
    // The file name loses its control characters (`clean_name`); the item
    // code is looked up, so it must be storable text.
    crate::input::check_text("code", &code)?;
    let kind = uploads::check_file("file", raw_name, &data)?;
    Ok(NewEvidence { code, name: uploads::clean_name(raw_name, kind), content_type: kind.mime().to_owned(), data })
}

/// Uploads an evidence file for an item (multipart: `code`, then `file`).
#[utoipa::path(post, path = "/api/v1/reform/campaigns/{id}/units/{unit_id}/evidence", tag = "reform",
    params(("id" = i64, Path), ("unit_id" = i64, Path)),
    request_body(content = String, description = "multipart/form-data with `code` then `file`", content_type = "multipart/form-data"),
    responses((status = 201, body = EvidenceMeta), (status = 413, body = crate::error::ErrorBody), (status = 415, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn upload_evidence(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, unit_id)): Path<(i64, i64)>,
    mut mp: Multipart,
) -> ApiResult<(StatusCode, Json<EvidenceMeta>)> {
    let mut code = None;
    let mut file = None;
    while let Some(mut field) = mp.next_field().await.map_err(|e| uploads::upload_failed(&e))? {
        match field.name() {
            Some("code") => code = Some(field.text().await.map_err(|e| uploads::upload_failed(&e))?),
            Some("file") => {
                let name = field.file_name().unwrap_or("").to_owned();
                match read_limited(&mut field, MAX_FILE).await.map_err(|e| uploads::upload_failed(&e))? {
                    Some(data) => file = Some((name, data)),
                    None => return Err(uploads::file_too_large("file", &name)),
                }
            }
            _ => {}
        }
    }
    let code = code.filter(|c| !c.is_empty()).ok_or_else(|| ApiError::unprocessable("required", "code"))?;
    let (name, data) = file.ok_or_else(|| ApiError::unprocessable("required", "file"))?;
    let meta = save_evidence(&state, &me, id, unit_id, evidence_file(code, &name, data)?).await?;
    Ok((StatusCode::CREATED, Json(meta)))
}

pub async fn save_evidence(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    unit_id: i64,
    file: NewEvidence,
) -> ApiResult<EvidenceMeta> {
    let (access, _, _) = sheet_access(state, me, id, unit_id).await?;
    if access.is_office() {
        return Err(ApiError::forbidden());
    }
    Ok(state.store.add_evidence(id, unit_id, file, Some(me.user.id), state.now()).await?)
}

/// Downloads an evidence file (the unit's officers and the reform office).
#[utoipa::path(get, path = "/api/v1/reform/campaigns/{id}/units/{unit_id}/evidence/{file_id}", tag = "reform",
    params(("id" = i64, Path), ("unit_id" = i64, Path), ("file_id" = i64, Path)),
    responses((status = 200, description = "The file"), (status = 404, body = crate::error::ErrorBody)))]
pub async fn download_evidence(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, unit_id, file_id)): Path<(i64, i64, i64)>,
) -> ApiResult<Response> {
    sheet_access(&state, &me, id, unit_id).await?;
    let (meta, data) = state
        .store
        .evidence_file(id, unit_id, file_id)
        .await?
        .ok_or_else(|| ApiError::from(motcua_rules::RuleError::not_found("reform_evidence_not_found")))?;
    let mut res = data.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&meta.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        crate::web::download::disposition(&meta.name).map_err(|_| ApiError::internal())?,
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}
