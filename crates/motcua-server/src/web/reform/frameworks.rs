//! `/reform/frameworks`: the province's framework versions, import as
//! JSON (from a shipped template or a file's text), export, edit as a form
//! or as JSON (saved as a new version), and the import of results
//! published in earlier years (CSV).

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use motcua_store::reform::FrameworkMeta;
use serde::Deserialize;

use motcua_rules::par::MaxSum;

use super::ReformPage;
use super::framework_form::{KINDS, LEVELS, Model, form_name};
use crate::error::{ApiError, ApiResult};
use crate::routes::reform::{import_csv, save_framework, template_named};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/reform/frameworks", get(list).post(import))
        .route("/reform/frameworks/{id}/edit", get(edit))
        .route("/reform/frameworks/{id}/form", get(form_page))
        .route("/reform/frameworks/form", post(form_post))
        .route("/reform/frameworks/{id}/export", get(export))
        .route("/reform/published", post(import_published))
}

#[derive(Template)]
#[template(path = "reform/frameworks.html")]
struct FrameworksPage {
    page: Page,
    frameworks: Vec<FrameworkMeta>,
    json: String,
    csv: String,
    error: Option<FormError>,
    /// Which form the refusal belongs to: `framework` or `csv`.
    error_form: &'static str,
}

#[derive(Deserialize, Default)]
struct TextForm {
    #[serde(default)]
    json: String,
    #[serde(default)]
    csv: String,
}

#[derive(Deserialize)]
struct TemplateQuery {
    template: Option<String>,
}

async fn show(
    state: &AppState,
    p: ReformPage,
    form: TextForm,
    error: Option<(FormError, &'static str)>,
) -> ApiResult<Response> {
    let province = crate::routes::reform::ReformAccess::office(&p.me)?.province_id;
    let frameworks = state.store.frameworks(province).await?;
    let (error, error_form) = match error {
        Some((e, f)) => (Some(e), f),
        None => (None, ""),
    };
    render(&FrameworksPage { page: p.page, frameworks, json: form.json, csv: form.csv, error, error_form })
}

async fn list(State(state): State<AppState>, p: ReformPage, Query(q): Query<TemplateQuery>) -> ApiResult<Response> {
    p.office()?;
    let json = match q.template.as_deref() {
        Some(level) => pretty(&template_named(level)?.to_json()),
        None => String::new(),
    };
    show(&state, p, TextForm { json, csv: String::new() }, None).await
}

fn pretty(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| json.to_owned())
}

async fn import(
    State(state): State<AppState>,
    p: ReformPage,
    CsrfForm(form): CsrfForm<TextForm>,
) -> ApiResult<Response> {
    match save_framework(&state, &p.me, &form.json).await {
        Ok(_) => Ok(redirect_done("/reform/frameworks", "rf-framework-saved")),
        Err(e) if is_form_error(&e) => {
            let error = FormError::new(&p.page, &e);
            let mut res = show(&state, p, form, Some((error, "framework"))).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

/// The framework's JSON in the import box, with the next version number:
/// a saved version never changes, an edit is a new version.
async fn edit(State(state): State<AppState>, p: ReformPage, Path(id): Path<i64>) -> ApiResult<Response> {
    let province = crate::routes::reform::ReformAccess::office(&p.me)?.province_id;
    let mut fw = state.store.framework(province, id).await?.framework.into_framework();
    fw.version += 1;
    let json = serde_json::to_string_pretty(&fw).unwrap_or_default();
    show(&state, p, TextForm { json, csv: String::new() }, None).await
}

async fn export(State(state): State<AppState>, p: ReformPage, Path(id): Path<i64>) -> ApiResult<Response> {
    let province = crate::routes::reform::ReformAccess::office(&p.me)?.province_id;
    let fw = state.store.framework(province, id).await?.framework;
    let name = format!("{}-v{}.json", fw.framework().code, fw.framework().version);
    let mut res = pretty(&fw.to_json()).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    if let Ok(v) = crate::web::download::disposition(&name) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

async fn import_published(
    State(state): State<AppState>,
    p: ReformPage,
    CsrfForm(form): CsrfForm<TextForm>,
) -> ApiResult<Response> {
    match import_csv(&state, &p.me, &form.csv).await {
        Ok(_) => Ok(redirect_done("/reform/frameworks", "rf-published-imported")),
        Err(e) if is_form_error(&e) => {
            let error = FormError::new(&p.page, &e);
            let mut res = show(&state, p, form, Some((error, "csv"))).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "reform/framework_form.html")]
struct FormPage {
    page: Page,
    model: Model,
    /// Each maximum with the sum it must equal, by the form's field name.
    sums: std::collections::HashMap<String, MaxSum>,
    error: Option<FormError>,
    /// The form's name of the field the refusal is about.
    error_name: String,
}

impl FormPage {
    fn sum(&self, name: &str) -> Option<&MaxSum> {
        self.sums.get(name)
    }

    fn p(&self, v: &motcua_rules::par::Points) -> String {
        super::pts(&self.page, *v)
    }

    fn kinds(&self) -> &'static [&'static str] {
        &KINDS
    }

    fn levels(&self) -> &'static [&'static str] {
        &LEVELS
    }

    fn bad(&self, name: &str) -> bool {
        self.error_name == name
    }
}

fn form_response(page: Page, model: Model, error: Option<FormError>) -> ApiResult<Response> {
    let sums = match model.framework() {
        Ok(fw) => fw
            .max_sums()
            .into_iter()
            .map(|s| {
                let name = if s.field == "maximum" { "fw.maximum".to_owned() } else { form_name(&s.field) };
                (name, s)
            })
            .collect(),
        Err(_) => Default::default(),
    };
    let error_name = error
        .as_ref()
        .and_then(|e| e.field.as_deref())
        .map(|f| if f == "maximum" || !f.starts_with("areas[") { format!("fw.{f}") } else { form_name(f) });
    render(&FormPage { page, model, sums, error, error_name: error_name.unwrap_or_default() })
}

/// A framework version as a form, for its next version.
async fn form_page(State(state): State<AppState>, p: ReformPage, Path(id): Path<i64>) -> ApiResult<Response> {
    let province = crate::routes::reform::ReformAccess::office(&p.me)?.province_id;
    let mut fw = state.store.framework(province, id).await?.framework.into_framework();
    fw.version += 1;
    form_response(p.page, Model::of(&fw), None)
}

/// The form posted: a row added or removed (`op`), the sums checked, or
/// the framework saved as a new version (`op=save`), through the same
/// check and store as the JSON import.
async fn form_post(
    State(state): State<AppState>,
    p: ReformPage,
    CsrfForm(form): CsrfForm<std::collections::HashMap<String, String>>,
) -> ApiResult<Response> {
    p.office()?;
    let model = Model::from_form(&form);
    if form.get("op").map(String::as_str) != Some("save") {
        return form_response(p.page, model, None);
    }
    let saved = match model.framework() {
        Ok(fw) => save_framework(&state, &p.me, &serde_json::to_string(&fw).map_err(|_| ApiError::internal())?).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => Ok(redirect_done("/reform/frameworks", "rf-framework-saved")),
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&p.page, &e));
            let mut res = form_response(p.page, model, error)?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
