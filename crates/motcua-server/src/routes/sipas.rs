//! SIPAS under `/api/v1/reform/sipas` (reform office) and the public
//! survey under `/api/v1/public/survey/{token}` (no login).
//!
//! A link's token is 256 random bits, shown once when issued and stored
//! only as its SHA-256; the survey page asks nothing about the person and
//! the stored answers carry no token, person or time finer than the day.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use motcua_rules::credit::Basis;
use motcua_rules::par::Percent;
use motcua_rules::sipas::{
    Aggregation, DEFAULT_MARGIN, SipasIndex, SurveyDesign, ValidDesign, sipas_index, sipas_template, slovin,
};
use motcua_store::{DesignMeta, StoredDesign};
use serde::{Deserialize, Serialize};

use super::reform::{Office, ReformAccess};
use crate::auth::{CurrentUser, new_token, token_hash};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Params};
use crate::state::AppState;

/// The path of the public survey page of a token (docs/par-sipas.md).
pub fn survey_path(token: &str) -> String {
    format!("/survey/{token}")
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SampleSize {
    /// N: the unit's dossiers received in the year, or the population given.
    pub population: u64,
    #[schema(value_type = String)]
    pub margin: Percent,
    /// n = ⌈N / (1 + N·e²)⌉.
    pub sample: u64,
}

/// Slovin's sample size for a population (`population`), or for a unit's
/// dossiers received in a year (`unit_id`, `year`), at margin `margin`
/// percent (default 5).
#[utoipa::path(get, path = "/api/v1/reform/sipas/sample-size", tag = "reform",
    params(("population" = Option<u64>, Query), ("unit_id" = Option<i64>, Query), ("year" = Option<i32>, Query), ("margin" = Option<String>, Query)),
    responses((status = 200, body = SampleSize), (status = 422, body = crate::error::ErrorBody)))]
pub async fn sample_size(
    State(state): State<AppState>,
    me: CurrentUser,
    params: Params,
) -> ApiResult<Json<SampleSize>> {
    let office = ReformAccess::office(&me)?;
    let margin = match params.get("margin") {
        Some(raw) => Percent::parse(raw)
            .ok_or_else(|| ApiError::unprocessable("sipas_margin_invalid", "margin").arg("margin", raw))?,
        None => DEFAULT_MARGIN,
    };
    let population = match params.int("population", 0, i64::MAX)? {
        Some(n) => n as u64,
        None => {
            let unit_id =
                params.int("unit_id", 1, i64::MAX)?.ok_or_else(|| ApiError::unprocessable("required", "population"))?;
            let year =
                params.int("year", 1990, 2100)?.ok_or_else(|| ApiError::unprocessable("required", "year"))? as i32;
            received_in_year(&state, &office, unit_id, year).await?
        }
    };
    Ok(Json(SampleSize { population, margin, sample: slovin(population, margin)? }))
}

/// Dossiers received by a unit's subtree in a year, from the statistics.
pub async fn received_in_year(state: &AppState, office: &Office, unit_id: i64, year: i32) -> ApiResult<u64> {
    let unit = office.unit(state, unit_id, "unit_id").await?;
    let (from, to) = year_bounds(year)?;
    // The citizens served at the subtree's counters: intake.
    let period = motcua_rules::period::Period::range(from, to)?;
    let stats = state.store.unit_stats(unit.path, Basis::Intake, period, state.now().date()).await?;
    let n: i64 = stats.iter().map(|s| s.received_online + s.received_counter + s.received_postal).sum();
    Ok(u64::try_from(n).unwrap_or(0))
}

fn year_bounds(year: i32) -> ApiResult<(NaiveDate, NaiveDate)> {
    let d = |m, day| {
        NaiveDate::from_ymd_opt(year, m, day)
            .ok_or_else(|| ApiError::unprocessable("reform_year_invalid", "year").arg("year", year))
    };
    Ok((d(1, 1)?, d(12, 31)?))
}

/// The survey designs of the caller's province.
#[utoipa::path(get, path = "/api/v1/reform/sipas/designs", tag = "reform",
    responses((status = 200, body = Vec<DesignMeta>)))]
pub async fn designs(State(state): State<AppState>, me: CurrentUser) -> ApiResult<Json<Vec<DesignMeta>>> {
    let province = ReformAccess::office(&me)?.province_id;
    Ok(Json(state.store.designs(province).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DesignRequest {
    /// A survey design (docs/par-sipas.md §9.1); when absent, the shipped
    /// five-element template for `year`.
    #[schema(value_type = Option<Object>)]
    pub design: Option<SurveyDesign>,
    /// The year of the template (ignored when a design is given).
    pub year: Option<i32>,
    /// How shares aggregate; default `{"rule": "mean_of_means"}` (UNCONFIRMED).
    #[schema(value_type = Option<Object>)]
    pub aggregation: Option<Aggregation>,
}

/// Stores a survey design version for a year.
#[utoipa::path(post, path = "/api/v1/reform/sipas/designs", tag = "reform", request_body = DesignRequest,
    responses((status = 201, body = DesignMeta), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create_design(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(req): ApiJson<DesignRequest>,
) -> ApiResult<(StatusCode, Json<DesignMeta>)> {
    Ok((StatusCode::CREATED, Json(save_design(&state, &me, req).await?)))
}

pub async fn save_design(state: &AppState, me: &CurrentUser, req: DesignRequest) -> ApiResult<DesignMeta> {
    let province = ReformAccess::office(me)?.province_office()?;
    let design: ValidDesign = match req.design {
        Some(d) => d.validate()?,
        None => {
            let year = req.year.ok_or_else(|| ApiError::unprocessable("required", "year"))?;
            let mut d = sipas_template().into_design();
            d.year = Some(year);
            d.validate()?
        }
    };
    let meta = state
        .store
        .create_design(province, design, req.aggregation.unwrap_or_default(), Some(me.user.id), state.now())
        .await?;
    Ok(meta)
}

/// A design of the caller's province, or 404.
pub async fn office_design(state: &AppState, me: &CurrentUser, id: i64) -> ApiResult<(Office, StoredDesign)> {
    let office = ReformAccess::office(me)?;
    let province = office.province_id;
    let d = state.store.design(id).await?;
    if d.province_id != province {
        return Err(motcua_rules::RuleError::not_found("sipas_design_not_found").into());
    }
    Ok((office, d))
}

/// One design as JSON, with its aggregation rule.
#[utoipa::path(get, path = "/api/v1/reform/sipas/designs/{id}", tag = "reform", params(("id" = i64, Path)),
    responses((status = 200, description = "{design, aggregation}"), (status = 404, body = crate::error::ErrorBody)))]
pub async fn design(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> ApiResult<Json<serde_json::Value>> {
    let (_, d) = office_design(&state, &me, id).await?;
    Ok(Json(serde_json::json!({"id": d.id, "year": d.year, "design": d.design.design(), "aggregation": d.aggregation})))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TokensRequest {
    pub unit_id: i64,
    /// How many links (1–1,000).
    pub count: usize,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct IssuedTokens {
    /// The tokens, shown this once: motcua keeps only their hashes.
    pub tokens: Vec<String>,
    /// The survey page of each token (relative to the site, or absolute
    /// when `MOTCUA_PUBLIC_URL` is set), to print as a link or QR code.
    pub links: Vec<String>,
}

/// Issues one-time survey links for a unit of the province.
#[utoipa::path(post, path = "/api/v1/reform/sipas/designs/{id}/tokens", tag = "reform", params(("id" = i64, Path)),
    request_body = TokensRequest,
    responses((status = 201, body = IssuedTokens), (status = 422, body = crate::error::ErrorBody)))]
pub async fn issue_tokens(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    ApiJson(req): ApiJson<TokensRequest>,
) -> ApiResult<(StatusCode, Json<IssuedTokens>)> {
    Ok((StatusCode::CREATED, Json(issue(&state, &me, id, req).await?)))
}

pub async fn issue(state: &AppState, me: &CurrentUser, id: i64, req: TokensRequest) -> ApiResult<IssuedTokens> {
    let (office, _) = office_design(state, me, id).await?;
    office.unit(state, req.unit_id, "unit_id").await?;
    if req.count == 0 || req.count > motcua_store::MAX_TOKENS_PER_ISSUE {
        return Err(
            ApiError::unprocessable("sipas_token_count", "count").arg("max", motcua_store::MAX_TOKENS_PER_ISSUE)
        );
    }
    let tokens = (0..req.count).map(|_| new_token()).collect::<Result<Vec<_>, _>>()?;
    let links = tokens.iter().map(|t| (token_hash(t), t.clone())).collect();
    state.store.issue_tokens(id, req.unit_id, links, Some(me.user.id), state.now()).await?;
    let base = state.config.public_url.as_deref().unwrap_or("").trim_end_matches('/').to_owned();
    let links = tokens.iter().map(|t| format!("{base}{}", survey_path(t))).collect();
    Ok(IssuedTokens { tokens, links })
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PaperRequest {
    pub unit_id: i64,
    /// One array per form: per question a level 1–5, or null when skipped.
    pub forms: Vec<Vec<Option<u8>>>,
}

/// Paper forms typed in by an officer, all or nothing.
#[utoipa::path(post, path = "/api/v1/reform/sipas/designs/{id}/paper", tag = "reform", params(("id" = i64, Path)),
    request_body = PaperRequest,
    responses((status = 200, description = "{\"entered\": n}"), (status = 422, body = crate::error::ErrorBody)))]
pub async fn paper_forms(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    ApiJson(req): ApiJson<PaperRequest>,
) -> ApiResult<Json<serde_json::Value>> {
    let (office, _) = office_design(&state, &me, id).await?;
    office.unit(&state, req.unit_id, "unit_id").await?;
    let n = state.store.enter_paper_forms(id, req.unit_id, req.forms, Some(me.user.id), state.now()).await?;
    Ok(Json(serde_json::json!({"entered": n})))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct IndexView {
    pub unit_id: i64,
    pub year: i32,
    /// The rule used (configuration; the official one was not found).
    #[schema(value_type = Object)]
    pub aggregation: Aggregation,
    #[schema(value_type = Object)]
    pub index: SipasIndex,
    /// The index as a percentage with two decimals, when anyone answered.
    #[schema(value_type = Option<String>)]
    pub percent: Option<Percent>,
}

/// The SIPAS index of a unit's subtree for the design's year: the share
/// satisfied per question, per element and overall.
#[utoipa::path(get, path = "/api/v1/reform/sipas/designs/{id}/index", tag = "reform",
    params(("id" = i64, Path), ("unit_id" = i64, Query)),
    responses((status = 200, body = IndexView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn index(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    params: Params,
) -> ApiResult<Json<IndexView>> {
    let unit_id = params.int("unit_id", 1, i64::MAX)?.ok_or_else(|| ApiError::unprocessable("required", "unit_id"))?;
    Ok(Json(unit_index(&state, &me, id, unit_id).await?))
}

pub async fn unit_index(state: &AppState, me: &CurrentUser, id: i64, unit_id: i64) -> ApiResult<IndexView> {
    let (office, d) = office_design(state, me, id).await?;
    let unit = office.unit(state, unit_id, "unit_id").await?;
    let tally = state.store.sipas_tally(id, unit.path, d.year).await?;
    let index = sipas_index(&d.design, &tally, &d.aggregation)?;
    Ok(IndexView { unit_id, year: d.year, aggregation: d.aggregation, percent: index.overall_percent(), index })
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PublicSurvey {
    pub unit_name: String,
    pub year: i32,
    /// Already answered: the page thanks instead of asking again.
    pub answered: bool,
    #[schema(value_type = Vec<Object>)]
    pub elements: Vec<motcua_rules::sipas::Element>,
}

/// The survey a link opens (no login).
#[utoipa::path(get, path = "/api/v1/public/survey/{token}", tag = "public", params(("token" = String, Path)),
    responses((status = 200, body = PublicSurvey), (status = 404, body = crate::error::ErrorBody)))]
pub async fn public_survey(State(state): State<AppState>, Path(token): Path<String>) -> ApiResult<Json<PublicSurvey>> {
    let s = state.store.token_survey(token_hash(&token)).await?;
    Ok(Json(PublicSurvey {
        unit_name: s.unit_name,
        year: s.year,
        answered: s.used,
        elements: s.design.design.into_design().elements,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AnswerRequest {
    /// Per question, in design order: a level 1–5, or null when skipped.
    pub answers: Vec<Option<u8>>,
}

/// Answers the survey of a link, once (409 `sipas_token_used` after).
#[utoipa::path(post, path = "/api/v1/public/survey/{token}", tag = "public", params(("token" = String, Path)),
    request_body = AnswerRequest,
    responses((status = 204), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn public_answer(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ApiJson(req): ApiJson<AnswerRequest>,
) -> ApiResult<StatusCode> {
    state.store.answer_by_token(token_hash(&token), req.answers, state.now().date()).await?;
    Ok(StatusCode::NO_CONTENT)
}
