//! Digitised components and kept documents through the API (docs/api.md,
//! "Digitised components and reuse"). The flows are `crate::digitised`'s;
//! this is their HTTP face.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::dossiers::{parse_ref, visible};
use crate::auth::CurrentUser;
use crate::digitised::{self, KeptDocumentDto};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;

/// Digitises a file the dossier received (a scan of a paper component, as
/// PDF): the agency of the caller's unit signs it as an electronic copy of
/// the original, at the top right of its first page; the copy is kept for
/// the applicant (by identity number) for reuse.
#[utoipa::path(post, path = "/api/v1/dossiers/{ref}/files/{id}/digitise", tag = "digitised",
    params(("ref" = String, Path, description = "Dossier code or internal id"), ("id" = i64, Path, description = "The file to digitise")),
    responses((status = 201, body = KeptDocumentDto), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn digitise(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((r, id)): Path<(String, String)>,
) -> ApiResult<(StatusCode, Json<KeptDocumentDto>)> {
    me.staff_scope()?;
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    let id = id
        .parse::<i64>()
        .map_err(|_| ApiError::from(motcua_rules::RuleError::not_found("file_not_found").at("file")))?;
    let kept = digitised::digitise(&state, &me, &d, id).await?;
    super::data_views::record(&state, &me, &d, motcua_store::ViewedVia::Api).await?;
    Ok((StatusCode::CREATED, Json(kept.into())))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScanQuery {
    /// The procedure's component the scan is of, by name as in the catalogue.
    pub component: String,
}

/// The counter's scan of a component handed in on paper (the PDF is the
/// body): kept as the dossier's file for the component and digitised at
/// once (see `…/files/{id}/digitise`).
#[utoipa::path(post, path = "/api/v1/dossiers/{ref}/scans", tag = "digitised", params(("ref" = String, Path, description = "Dossier code or internal id"), ScanQuery),
    request_body(description = "The scan, as PDF", content((super::signatures::PdfBody = "application/pdf"), (super::signatures::PdfBody = "application/octet-stream"))),
    responses((status = 201, body = KeptDocumentDto), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody), (status = 415, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn scan(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
    Query(q): Query<ScanQuery>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<KeptDocumentDto>)> {
    me.staff_scope()?;
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    let kept = digitised::scan(&state, &me, &d, &q.component, body.to_vec()).await?;
    super::data_views::record(&state, &me, &d, motcua_store::ViewedVia::Api).await?;
    Ok((StatusCode::CREATED, Json(kept.into())))
}

/// The kept documents made from the dossier's files and results.
#[utoipa::path(get, path = "/api/v1/dossiers/{ref}/kept-documents", tag = "digitised",
    params(("ref" = String, Path, description = "Dossier code or internal id")),
    responses((status = 200, body = [KeptDocumentDto]), (status = 404, body = crate::error::ErrorBody)))]
pub async fn of_dossier(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
) -> ApiResult<Json<Vec<KeptDocumentDto>>> {
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    let kept = state.store.kept_documents_of_dossier(d.id).await?;
    Ok(Json(kept.into_iter().map(KeptDocumentDto::from).collect()))
}

/// The citizen's own kept documents, to reuse in a new dossier
/// (`reuse` of `POST /api/v1/dossiers`). Newest first.
#[utoipa::path(get, path = "/api/v1/me/kept-documents", tag = "digitised",
    responses((status = 200, body = [KeptDocumentDto]), (status = 403, body = crate::error::ErrorBody)))]
pub async fn mine(State(state): State<AppState>, me: CurrentUser) -> ApiResult<Json<Vec<KeptDocumentDto>>> {
    let kept = digitised::mine(&state, &me).await?;
    Ok(Json(kept.into_iter().map(KeptDocumentDto::from).collect()))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HolderSearch {
    /// The identity number (CCCD) on the card the applicant shows at the counter.
    pub id_number: String,
}

/// A counter officer's look-up of an applicant's kept documents by identity
/// number (in the body, so that it never lands in an access log). Recorded
/// as a view of personal data.
#[utoipa::path(post, path = "/api/v1/kept-documents/search", tag = "digitised", request_body = HolderSearch,
    responses((status = 200, body = [KeptDocumentDto]), (status = 403, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(req): ApiJson<HolderSearch>,
) -> ApiResult<Json<Vec<KeptDocumentDto>>> {
    let kept = digitised::of_holder(&state, &me, &req.id_number).await?;
    Ok(Json(kept.into_iter().map(KeptDocumentDto::from).collect()))
}
