//! Verifying the signatures of a PDF, for anyone: a citizen holding a
//! result, an agency receiving a document (docs/signatures.md).

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::error::ApiResult;
use crate::signatures::VerificationDto;
use crate::state::AppState;
use crate::time::to_api;

/// The request body: a PDF file's bytes, for the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct PdfBody(Vec<u8>);

/// Verifies every signature of the PDF sent as the body
/// (`Content-Type: application/pdf`): who signed, when, whether the
/// document changed after signing, the chain to the configured trust
/// anchors and revocation from the configured CRLs (nothing is fetched).
/// The verdict is `passed` only when every check was made and held;
/// `indeterminate` when something cannot be known (an unknown authority, a
/// certificate expired since signing without a timestamp); `failed`
/// otherwise. No login; nothing is kept.
#[utoipa::path(post, path = "/api/v1/signatures/verify", tag = "public",
    request_body(description = "The PDF itself, at most 20 MB (any content type is read as the file's bytes)",
        content((PdfBody = "application/pdf"), (PdfBody = "application/octet-stream"))),
    responses((status = 200, body = VerificationDto),
              (status = 413, description = "Larger than 20 MB (`file_too_large`)", body = crate::error::ErrorBody),
              (status = 415, description = "Not a PDF (`not_pdf`)", body = crate::error::ErrorBody),
              (status = 422, description = "A PDF that cannot be read, is encrypted or has no signature", body = crate::error::ErrorBody)))]
pub async fn verify(State(state): State<AppState>, body: Bytes) -> ApiResult<Json<VerificationDto>> {
    let report = state.signatures.verify(body.to_vec(), to_api(state.now()).with_timezone(&chrono::Utc)).await?;
    Ok(Json(VerificationDto::from(&report)))
}
