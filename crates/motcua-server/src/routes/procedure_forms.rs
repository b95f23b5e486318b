//! The form files of a procedure (tờ khai, mẫu đơn): anyone lists and
//! downloads them; the administrator who may edit the procedure adds,
//! renames and removes them. Types: PDF, DOC/DOCX, XLS/XLSX, told by their
//! contents ([`uploads::FORM_KINDS`]), at most 5 MB each, 10 per procedure.

use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use motcua_store::model::{NewProcedureForm, ProcedureForm};
use serde::Deserialize;

use crate::admin_scope::AdminScope;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::web::public::uploads::{self, Kind};

/// The multipart parts of `POST /procedures/{code}/forms`.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct FormUpload {
    /// The file (part name `file`).
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
    /// The name shown to citizens; the file's own name when absent. The
    /// extension of the file's type is kept.
    pub name: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RenameForm {
    /// The new name shown to citizens; the extension is kept.
    pub name: String,
}

/// The longest form name before its extension.
const MAX_NAME: usize = 120;

/// A name typed for a form of `kind`: made safe as an uploaded file's
/// name is, with the type's extension; `required` when empty.
pub fn form_name(raw: &str, kind: Kind) -> ApiResult<String> {
    crate::input::check_text("name", raw)?;
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ApiError::unprocessable("required", "name").arg("case", "name"));
    }
    if raw.chars().count() > MAX_NAME {
        return Err(ApiError::unprocessable("text_too_long", "name").arg("case", "plain"));
    }
    Ok(uploads::clean_name(raw, kind))
}

/// The forms of a procedure, oldest first.
#[utoipa::path(get, path = "/api/v1/procedures/{code}/forms", tag = "procedures",
    params(("code" = String, Path)),
    responses((status = 200, body = Vec<ProcedureForm>), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, Path(code): Path<String>) -> ApiResult<Json<Vec<ProcedureForm>>> {
    Ok(Json(state.store.procedure_forms(code).await?))
}

/// One form, as a download.
#[utoipa::path(get, path = "/api/v1/procedures/{code}/forms/{id}", tag = "procedures",
    params(("code" = String, Path), ("id" = i64, Path)),
    responses((status = 200, description = "The file"), (status = 404, body = crate::error::ErrorBody)))]
pub async fn download(State(state): State<AppState>, Path((code, id)): Path<(String, String)>) -> ApiResult<Response> {
    fetch(&state, code, &id).await
}

/// A form's file, or 404 `procedure_form_not_found` (the API and the page).
pub async fn fetch(state: &AppState, code: String, id: &str) -> ApiResult<Response> {
    let not_found = || ApiError::coded(StatusCode::NOT_FOUND, "procedure_form_not_found", None);
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let (meta, data) = state.store.procedure_form(code, id).await?.ok_or_else(not_found)?;
    crate::web::download::file(&meta.name, &meta.content_type, data)
}

/// Adds a form to a procedure (its administrator).
#[utoipa::path(post, path = "/api/v1/procedures/{code}/forms", tag = "procedures",
    params(("code" = String, Path)),
    request_body(content = FormUpload, content_type = "multipart/form-data"),
    responses((status = 201, body = ProcedureForm), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody), (status = 415, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    admin: AdminScope,
    Path(code): Path<String>,
    mp: Result<Multipart, MultipartRejection>,
) -> ApiResult<(StatusCode, Json<ProcedureForm>)> {
    let mut mp = mp.map_err(|_| ApiError::unprocessable("upload_failed", "file"))?;
    let parts = uploads::read_parts(&mut mp, None, &uploads::FORM).await?;
    let form = add_form(&state, &admin, code, parts).await?;
    Ok((StatusCode::CREATED, Json(form)))
}

/// An upload read by [`uploads::read_parts`], stored (the API and the page).
pub async fn add_form(
    state: &AppState,
    admin: &AdminScope,
    code: String,
    mut parts: uploads::Parts,
) -> ApiResult<ProcedureForm> {
    if let Some(e) = ApiError::many(std::mem::take(&mut parts.errors)) {
        return Err(e);
    }
    let typed = parts.text("name").map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
    let file = parts.files.pop().ok_or_else(|| ApiError::unprocessable("no_file", "file"))?;
    let name = match typed {
        Some(n) => form_name(&n, file.kind)?,
        None => file.name,
    };
    let form = NewProcedureForm { name, content_type: file.kind.mime().to_owned(), data: file.data };
    let scope = Some(admin.unit().clone());
    Ok(state.store.add_procedure_form(scope, code, form, Some(admin.user_id()), state.now()).await?)
}

/// Renames a form (its administrator).
#[utoipa::path(patch, path = "/api/v1/procedures/{code}/forms/{id}", tag = "procedures",
    params(("code" = String, Path), ("id" = i64, Path)), request_body = RenameForm,
    responses((status = 200, body = ProcedureForm), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn rename(
    State(state): State<AppState>,
    admin: AdminScope,
    Path((code, id)): Path<(String, i64)>,
    ApiJson(req): ApiJson<RenameForm>,
) -> ApiResult<Json<ProcedureForm>> {
    Ok(Json(rename_form(&state, &admin, code, id, &req.name).await?))
}

/// A rename, the name made safe with the form's own extension.
pub async fn rename_form(
    state: &AppState,
    admin: &AdminScope,
    code: String,
    id: i64,
    name: &str,
) -> ApiResult<ProcedureForm> {
    let forms = state.store.procedure_forms(code.clone()).await?;
    let current = forms
        .iter()
        .find(|f| f.id == id)
        .ok_or_else(|| ApiError::coded(StatusCode::NOT_FOUND, "procedure_form_not_found", None))?;
    let kind = Kind::from_mime(&current.content_type).ok_or_else(ApiError::internal)?;
    let name = form_name(name, kind)?;
    let scope = Some(admin.unit().clone());
    Ok(state.store.rename_procedure_form(scope, code, id, name, Some(admin.user_id()), state.now()).await?)
}

/// Removes a form for good (its administrator).
#[utoipa::path(delete, path = "/api/v1/procedures/{code}/forms/{id}", tag = "procedures",
    params(("code" = String, Path), ("id" = i64, Path)),
    responses((status = 204, description = "Removed"), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    admin: AdminScope,
    Path((code, id)): Path<(String, i64)>,
) -> ApiResult<StatusCode> {
    let scope = Some(admin.unit().clone());
    state.store.remove_procedure_form(scope, code, id, Some(admin.user_id()), state.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
