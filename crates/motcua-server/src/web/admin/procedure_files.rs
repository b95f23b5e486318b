//! `/admin/procedures/{code}/forms`: the form files of a procedure (tờ
//! khai, mẫu đơn) in the editor: upload, rename, remove. The administrator
//! who may edit the procedure may change them (`AdminScope`, checked by the
//! store); the changes go through the API's functions and into the
//! procedure's history.

use askama::Template;
use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use motcua_store::model::{Procedure, ProcedureForm};
use serde::Deserialize;

use super::AdminPage;
use crate::error::{ApiError, ApiResult};
use crate::routes::procedure_forms::{add_form, rename_form};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::format;
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render, urlencode};
use crate::web::public::uploads;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/procedures/{code}/forms",
            get(show)
                .post(upload)
                .layer(axum::extract::DefaultBodyLimit::max(uploads::MAX_FORM + uploads::MAX_TEXT_BYTES * 2)),
        )
        .route("/admin/procedures/{code}/forms/{id}/rename", post(rename))
        .route("/admin/procedures/{code}/forms/{id}/remove", post(remove))
}

/// A form as the editor lists it.
struct FormRow {
    id: i64,
    name: String,
    size: String,
    at: String,
}

#[derive(Template)]
#[template(path = "admin/procedure_forms.html")]
struct FormsPage {
    page: Page,
    procedure: Procedure,
    forms: Vec<FormRow>,
    /// The refusal of the upload, or of a rename (with the form's id).
    error: Option<FormError>,
    error_on: Option<i64>,
    max_mb: usize,
    max_forms: usize,
}

impl FormsPage {
    /// The rename refused was this form's.
    fn refused_here(&self, id: &i64) -> bool {
        self.error_on == Some(*id)
    }
}

fn row(f: ProcedureForm) -> FormRow {
    FormRow { id: f.id, size: crate::web::public::size(f.size), at: format::datetime(f.uploaded_at), name: f.name }
}

async fn page(
    state: &AppState,
    admin: AdminPage,
    code: &str,
    error: Option<(ApiError, Option<i64>)>,
) -> ApiResult<Response> {
    let procedure = state.store.procedure(code.to_owned()).await?.ok_or_else(crate::web::not_found)?;
    let forms = state.store.procedure_forms(code.to_owned()).await?.into_iter().map(row).collect();
    let status = error.as_ref().map(|(e, _)| e.status);
    let (error, error_on) = match error {
        Some((e, on)) => (Some(FormError::new(&admin.page, &e)), on),
        None => (None, None),
    };
    let mut res = render(&FormsPage {
        page: admin.page,
        procedure,
        forms,
        error,
        error_on,
        max_mb: uploads::MAX_FORM >> 20,
        max_forms: motcua_store::MAX_FORMS,
    })?;
    if let Some(s) = status {
        *res.status_mut() = s;
    }
    Ok(res)
}

async fn show(State(state): State<AppState>, admin: AdminPage, Path(code): Path<String>) -> ApiResult<Response> {
    page(&state, admin, &code, None).await
}

fn back(code: &str, notice: &str) -> Response {
    redirect_done(&format!("/admin/procedures/{}/forms", urlencode(code)), notice)
}

/// `POST /admin/procedures/{code}/forms`: `_csrf`, then `name` and `file`.
async fn upload(
    State(state): State<AppState>,
    admin: AdminPage,
    Path(code): Path<String>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> ApiResult<Response> {
    let Ok(mut mp) = mp else {
        return Err(crate::web::public::uploads::not_multipart(&headers));
    };
    let parts = uploads::read_parts(&mut mp, Some(&headers), &uploads::FORM).await?;
    match add_form(&state, &admin.scope, code.clone(), parts).await {
        Ok(_) => Ok(back(&code, "form-added")),
        Err(e) if is_form_error(&e) || e.status.as_u16() == 403 => page(&state, admin, &code, Some((e, None))).await,
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct RenameForm {
    #[serde(default)]
    name: String,
}

async fn rename(
    State(state): State<AppState>,
    admin: AdminPage,
    Path((code, id)): Path<(String, i64)>,
    CsrfForm(f): CsrfForm<RenameForm>,
) -> ApiResult<Response> {
    match rename_form(&state, &admin.scope, code.clone(), id, &f.name).await {
        Ok(_) => Ok(back(&code, "form-renamed")),
        Err(e) if is_form_error(&e) || e.status.as_u16() == 403 => {
            page(&state, admin, &code, Some((e, Some(id)))).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct RemoveForm {
    confirm: Option<String>,
}

/// Removing asks first: the file is gone for good.
async fn remove(
    State(state): State<AppState>,
    admin: AdminPage,
    Path((code, id)): Path<(String, i64)>,
    CsrfForm(f): CsrfForm<RemoveForm>,
) -> ApiResult<Response> {
    let forms = state.store.procedure_forms(code.clone()).await?;
    let form = forms.iter().find(|x| x.id == id).ok_or_else(crate::web::not_found)?;
    if !crate::web::confirm::given(f.confirm.as_deref()) {
        let p = &admin.page;
        let here = format!("/admin/procedures/{}/forms", urlencode(&code));
        return crate::web::confirm::ConfirmPage {
            title: p.t1("adm-forms-remove-title", "name", &form.name),
            effect: p.t("adm-forms-remove-effect"),
            facts: vec![(p.t("adm-procedure-code"), code.clone()), (p.t("adm-forms-name"), form.name.clone())],
            action: format!("{here}/{id}/remove"),
            fields: vec![],
            confirm: p.t("adm-forms-remove-do"),
            cancel: here,
            page: admin.page,
        }
        .render();
    }
    let scope = Some(admin.scope.unit().clone());
    state.store.remove_procedure_form(scope, code.clone(), id, Some(admin.scope.user_id()), state.now()).await?;
    Ok(back(&code, "form-removed"))
}
