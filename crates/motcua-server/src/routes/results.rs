//! Electronic results through the API (docs/api.md, "Electronic results").
//! The flows are `crate::results`'s; this is their HTTP face.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDateTime;
use motcua_rules::Role;
use motcua_rules::dossier::result::ResultState;
use motcua_store::DossierResult;
use serde::{Deserialize, Serialize};

use super::dossiers::{parse_ref, visible};
use super::signatures::PdfBody;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::signatures::VerificationDto;
use crate::signing::PendingView;
use crate::state::AppState;

/// One result of a dossier.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ResultDto {
    pub id: i64,
    pub title: String,
    /// `prepared`, `signed`, `issued`, `revoked` or `replaced`.
    pub state: &'static str,
    /// The number in the issuing unit's results register, `12/2026`, once issued.
    pub register_number: Option<String>,
    pub issued_unit_id: Option<i64>,
    #[serde(with = "crate::time::rfc3339")]
    #[schema(value_type = String)]
    pub prepared_at: NaiveDateTime,
    #[serde(with = "crate::time::rfc3339::option")]
    #[schema(value_type = Option<String>)]
    pub signed_at: Option<NaiveDateTime>,
    /// The leader's certificate name, as verified when the signed file was kept.
    pub signer_name: Option<String>,
    #[serde(with = "crate::time::rfc3339::option")]
    #[schema(value_type = Option<String>)]
    pub issued_at: Option<NaiveDateTime>,
    #[serde(with = "crate::time::rfc3339::option")]
    #[schema(value_type = Option<String>)]
    pub ended_at: Option<NaiveDateTime>,
    /// Why it was revoked or replaced.
    pub end_reason: Option<String>,
    /// The result this one replaces, and why.
    pub replaces_id: Option<i64>,
    pub replace_reason: Option<String>,
    /// The public verification page of an issued result (no personal data).
    pub verify_url: Option<String>,
}

impl From<DossierResult> for ResultDto {
    fn from(r: DossierResult) -> Self {
        let issued_once = r.issued_at.is_some();
        ResultDto {
            id: r.id,
            register_number: r.register_number(),
            title: r.title,
            state: r.state.as_str(),
            issued_unit_id: r.issued_unit_id,
            prepared_at: r.prepared_at,
            signed_at: r.signed_at,
            signer_name: r.signer_name,
            issued_at: r.issued_at,
            ended_at: r.ended_at,
            end_reason: r.end_reason,
            replaces_id: r.replaces_id,
            replace_reason: r.replace_reason,
            verify_url: issued_once.then(|| format!("/verify/r/{}", r.public_token)),
        }
    }
}

/// A dossier's results and the leader's signature waiting, if any.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ResultsView {
    /// Oldest first; a citizen sees only issued results and their history.
    pub results: Vec<ResultDto>,
    /// The remote signature of the current draft, while it waits or after it failed.
    pub signing: Option<PendingView>,
    /// Whether a remote-signing provider is configured.
    pub remote_signing: bool,
}

/// The results a caller sees: staff every one, the owner only those once
/// issued (a draft is not theirs yet).
fn for_caller(me: &CurrentUser, results: Vec<DossierResult>) -> Vec<DossierResult> {
    if me.role() == Role::Citizen { results.into_iter().filter(|r| r.issued_at.is_some()).collect() } else { results }
}

pub async fn view(state: &AppState, me: &CurrentUser, dossier_id: i64) -> ApiResult<ResultsView> {
    let results = for_caller(me, state.store.results(dossier_id).await?);
    let signing = state.signing();
    let draft = results.iter().find(|r| matches!(r.state, ResultState::Prepared | ResultState::Signed));
    let pending = match (&signing.remote, draft) {
        (Some(remote), Some(d)) if me.role() != Role::Citizen => remote.status(d.id),
        _ => None,
    };
    Ok(ResultsView {
        results: results.into_iter().map(ResultDto::from).collect(),
        signing: pending,
        remote_signing: signing.remote.is_some(),
    })
}

/// The dossier's results, oldest first.
#[utoipa::path(get, path = "/api/v1/dossiers/{ref}/results", tag = "results",
    params(("ref" = String, Path, description = "Dossier code or internal id")),
    responses((status = 200, body = ResultsView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
) -> ApiResult<Json<ResultsView>> {
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    Ok(Json(view(&state, &me, d.id).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PrepareQuery {
    /// The result's title, e.g. "Giấy khai sinh".
    pub title: String,
    /// For a replacement of an issued result: why it was wrong (required then).
    pub reason: Option<String>,
}

/// Attaches the result PDF (the body) as the dossier's prepared result:
/// by whoever owns the dossier's step while it is being handled; once a
/// result was issued, by a leader of the issuing unit, as a replacement
/// with a reason. A draft not issued yet is replaced.
#[utoipa::path(post, path = "/api/v1/dossiers/{ref}/results", tag = "results",
    params(("ref" = String, Path, description = "Dossier code or internal id"), PrepareQuery),
    request_body(description = "The result PDF, at most 20 MB",
        content((PdfBody = "application/pdf"), (PdfBody = "application/octet-stream"))),
    responses((status = 201, body = ResultDto), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody), (status = 415, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn prepare(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
    Query(q): Query<PrepareQuery>,
    body: Bytes,
) -> ApiResult<Response> {
    me.staff_scope()?;
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    let result = crate::results::prepare(&state, &me, &d, &q.title, q.reason.as_deref(), body.to_vec()).await?;
    Ok((StatusCode::CREATED, Json(ResultDto::from(result))).into_response())
}

/// Asks the leader, through the remote-signing provider, to sign the
/// prepared result (202): they confirm in the provider's app, and the
/// signed file is kept once it verifies. `GET …/results` says how it went.
#[utoipa::path(post, path = "/api/v1/dossiers/{ref}/results/remote-signing", tag = "results",
    params(("ref" = String, Path, description = "Dossier code or internal id")),
    responses((status = 202, body = ResultsView), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn sign_remote(State(state): State<AppState>, me: CurrentUser, Path(r): Path<String>) -> ApiResult<Response> {
    me.staff_scope()?;
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    crate::results::sign_remote(&state, &me, &d).await?;
    Ok((StatusCode::ACCEPTED, Json(view(&state, &me, d.id).await?)).into_response())
}

/// The prepared result's PDF for the signing plugin to sign (a leader
/// allowed to sign it).
#[utoipa::path(get, path = "/api/v1/dossiers/{ref}/results/to-sign", tag = "results",
    params(("ref" = String, Path, description = "Dossier code or internal id")),
    responses((status = 200, description = "The PDF", content_type = "application/pdf"),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody)))]
pub async fn to_sign(State(state): State<AppState>, me: CurrentUser, Path(r): Path<String>) -> ApiResult<Response> {
    me.staff_scope()?;
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    let (draft, data) = crate::results::file_to_sign(&state, &me, &d).await?;
    super::data_views::record(&state, &me, &d, motcua_store::ViewedVia::Api).await?;
    crate::web::download::file(&format!("{}.pdf", draft.title), "application/pdf", data)
}

/// The signing plugin's signed PDF (the body): kept when it is the file
/// served by `…/to-sign` plus the leader's signature, and that signature
/// verifies as passed.
#[utoipa::path(post, path = "/api/v1/dossiers/{ref}/results/signed", tag = "results",
    params(("ref" = String, Path, description = "Dossier code or internal id")),
    request_body(description = "The signed PDF", content((PdfBody = "application/pdf"), (PdfBody = "application/octet-stream"))),
    responses((status = 200, body = ResultDto), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody), (status = 415, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn upload_signed(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
    body: Bytes,
) -> ApiResult<Json<ResultDto>> {
    me.staff_scope()?;
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    Ok(Json(crate::results::upload_signed(&state, &me, &d, body.to_vec()).await?.into()))
}

/// Issues a signed replacement of a handled dossier's result: the agency's
/// signature, a new register number, and the old result marked replaced.
#[utoipa::path(post, path = "/api/v1/dossiers/{ref}/results/issue", tag = "results",
    params(("ref" = String, Path, description = "Dossier code or internal id")),
    responses((status = 200, body = ResultDto), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn issue(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
) -> ApiResult<Json<ResultDto>> {
    me.staff_scope()?;
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    Ok(Json(crate::results::issue_replacement(&state, &me, &d).await?.into()))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RevokeRequest {
    /// Why the result is revoked (shown to the owner and on the verification page).
    pub reason: String,
}

/// Revokes the dossier's issued result (a leader of the issuing unit).
#[utoipa::path(post, path = "/api/v1/dossiers/{ref}/results/revoke", tag = "results", request_body = RevokeRequest,
    params(("ref" = String, Path, description = "Dossier code or internal id")),
    responses((status = 200, body = ResultDto), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
    ApiJson(req): ApiJson<RevokeRequest>,
) -> ApiResult<Json<ResultDto>> {
    me.staff_scope()?;
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    Ok(Json(crate::results::revoke(&state, &me, &d, &req.reason).await?.into()))
}

/// A result's current PDF: staff who see the dossier, any version; its
/// owner, an issued result's (revoked and replaced ones included, so the
/// history can be read).
#[utoipa::path(get, path = "/api/v1/dossiers/{ref}/results/{id}/file", tag = "results",
    params(("ref" = String, Path, description = "Dossier code or internal id"), ("id" = i64, Path)),
    responses((status = 200, description = "The PDF", content_type = "application/pdf"),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn file(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((r, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    let (result, data) = result_file(&state, &me, d.id, &id).await?;
    // A result names its applicant: a member of staff reading it is recorded.
    super::data_views::record(&state, &me, &d, motcua_store::ViewedVia::Api).await?;
    crate::web::download::file(&format!("{}.pdf", result.title), "application/pdf", data)
}

/// A result of dossier `dossier_id` the caller may download, with its file.
pub async fn result_file(
    state: &AppState,
    me: &CurrentUser,
    dossier_id: i64,
    id: &str,
) -> ApiResult<(DossierResult, Vec<u8>)> {
    let not_found = || ApiError::from(motcua_rules::RuleError::not_found("result_not_found"));
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let results = for_caller(me, state.store.results(dossier_id).await?);
    let result = results.into_iter().find(|r| r.id == id).ok_or_else(not_found)?;
    let (_, data) = state.store.attachment(dossier_id, result.attachment_id).await?.ok_or_else(not_found)?;
    Ok((result, data))
}

/// What the public verification link of a result shows: no personal data.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PublicResult {
    pub title: String,
    /// `issued`, `revoked` or `replaced` (a draft has no public link).
    pub state: &'static str,
    pub register_number: Option<String>,
    pub issuing_unit: Option<String>,
    #[serde(with = "crate::time::rfc3339::option")]
    #[schema(value_type = Option<String>)]
    pub issued_at: Option<NaiveDateTime>,
    pub end_reason: Option<String>,
    /// The verification of the result's file as motcua keeps it.
    pub verification: VerificationDto,
}

/// The verification behind a result's public link.
pub async fn public_result(state: &AppState, token: String) -> ApiResult<PublicResult> {
    let not_found = || ApiError::from(motcua_rules::RuleError::not_found("result_not_found"));
    let result = state.store.result_by_token(token).await?.filter(|r| r.issued_at.is_some()).ok_or_else(not_found)?;
    let (_, data) = state.store.attachment(result.dossier_id, result.attachment_id).await?.ok_or_else(not_found)?;
    let report = state.signatures.verify(data, crate::time::to_api(state.now()).with_timezone(&chrono::Utc)).await?;
    let unit = match result.issued_unit_id {
        Some(id) => state.store.unit(id).await?.map(|u| u.name),
        None => None,
    };
    Ok(PublicResult {
        register_number: result.register_number(),
        title: result.title,
        state: result.state.as_str(),
        issuing_unit: unit,
        issued_at: result.issued_at,
        end_reason: result.end_reason,
        verification: VerificationDto::from(&report),
    })
}

/// The public verification of an issued result, by its link's key: its
/// number, issuer and state, and the verification of its signatures.
/// No login; no personal data.
#[utoipa::path(get, path = "/api/v1/public/results/{token}", tag = "public",
    params(("token" = String, Path, description = "The key of the result's verification link")),
    responses((status = 200, body = PublicResult), (status = 404, body = crate::error::ErrorBody)))]
pub async fn public(State(state): State<AppState>, Path(token): Path<String>) -> ApiResult<Json<PublicResult>> {
    Ok(Json(public_result(&state, token).await?))
}
