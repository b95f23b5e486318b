//! `/admin/procedures`: the catalog (search, edit, create, history, import,
//! export). Saving goes through the JSON API's own functions, with the
//! version read before editing, so a stale form is refused as the API
//! refuses it.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use motcua_rules::{Role, TimeUnit};
use motcua_store::ProcedureQuery;
use motcua_store::model::{
    Field, OnlineLevel, Procedure, ProcedureChange, ProcedureData, ProcedureSummary, PublicationStatus, StepUnitKind,
};
use serde::Deserialize;

use super::procedure_form::ProcedureForm;
use super::{AdminPage, TreeUnit, form_errors, level_name, unit_tree};
use crate::error::{ApiError, ApiResult};
use crate::extract::parse_json;
use crate::routes::procedures::{ProcedureUpdate, create_procedure, export_catalog, import_catalog, update_procedure};
use crate::state::AppState;
use crate::web::csrf::{self, CsrfForm};
use crate::web::format;
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/procedures", get(list))
        .route("/admin/procedures/new", get(new_form).post(create))
        .route("/admin/procedures/export", get(export))
        .route("/admin/procedures/import", get(import_form).post(import))
        .route("/admin/procedures/{code}", get(edit_form).post(save))
        .route("/admin/procedures/{code}/json", post(save_json))
        .route("/admin/procedures/{code}/history", get(history))
}

/// Levels a procedure is carried out at (cấp thực hiện).
const PROCEDURE_LEVELS: [&str; 4] = ["province", "department", "district", "commune"];
/// Roles a workflow step may be given to (`check_workflow`).
const STEP_ROLES: [Role; 3] = [Role::Specialist, Role::Leader, Role::CounterOfficer];
const ONLINE_LEVELS: [OnlineLevel; 3] = [OnlineLevel::Full, OnlineLevel::Partial, OnlineLevel::None];
const PUBLICATION: [PublicationStatus; 3] =
    [PublicationStatus::Published, PublicationStatus::Amended, PublicationStatus::Abolished];
const CHANGES: [&str; 3] = ["updated", "amended", "abolished"];
/// Blank rows offered under each list.
const BLANK_ROWS: usize = 2;
/// Catalog lines per page.
const PAGE_SIZE: u32 = 50;

fn procedure_not_found(code: &str) -> ApiError {
    ApiError::coded(StatusCode::NOT_FOUND, "procedure_not_found", None).arg("code", code)
}

/// Words for the catalog's codes, shared by the pages of this module.
trait CatalogWords {
    fn page(&self) -> &Page;

    fn online_name(&self, l: &OnlineLevel) -> String {
        self.page().t(&format!("adm-online-{}", l.as_str()))
    }

    fn publication_name(&self, s: &PublicationStatus) -> String {
        self.page().t(&format!("adm-pub-{}", s.as_str()))
    }

    fn level(&self, level: &str) -> String {
        level_name(self.page(), level)
    }
}

// ---- the list ----

#[derive(Template)]
#[template(path = "admin/procedures.html")]
struct ListPage {
    page: Page,
    q: String,
    field: String,
    fields: Vec<Field>,
    items: Vec<ProcedureSummary>,
    next_cursor: Option<String>,
    paged: bool,
}

impl CatalogWords for ListPage {
    fn page(&self) -> &Page {
        &self.page
    }
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    field: String,
    cursor: Option<String>,
}

async fn list(State(state): State<AppState>, admin: AdminPage, Query(q): Query<ListQuery>) -> ApiResult<Response> {
    let query = ProcedureQuery {
        q: Some(q.q.trim().to_owned()).filter(|s| !s.is_empty()),
        field_code: Some(q.field.trim().to_owned()).filter(|s| !s.is_empty()),
        online_only: false,
        include_abolished: true,
        after: q.cursor.clone().filter(|c| !c.is_empty()),
        limit: PAGE_SIZE,
    };
    let paged = query.after.is_some();
    let found = state.store.procedures(query).await?;
    let fields = state.store.fields().await?;
    render(&ListPage {
        page: admin.page,
        q: q.q,
        field: q.field,
        fields,
        items: found.items,
        next_cursor: found.next_cursor,
        paged,
    })
}

// ---- the edit page ----

#[derive(Template)]
#[template(path = "admin/procedure_edit.html")]
struct EditPage {
    page: Page,
    /// The code in the page's URLs; `None` for a new procedure.
    code: Option<String>,
    stored: Option<Procedure>,
    form: ProcedureForm,
    fields: Vec<Field>,
    units: Vec<TreeUnit>,
    /// The raw JSON editor's text and whether it was the part refused.
    json: String,
    json_open: bool,
    error: Option<FormError>,
    json_error: Option<FormError>,
}

form_errors!(EditPage);

impl CatalogWords for EditPage {
    fn page(&self) -> &Page {
        &self.page
    }
}

impl EditPage {
    /// `workflow[1].unit_code`: an input's name (as the API names it).
    fn row_name(&self, list: &str, i: &usize, part: &str) -> String {
        format!("{list}[{i}].{part}")
    }

    /// `workflow-1-unit_code`: an input's id.
    fn row_id(&self, list: &str, i: &usize, part: &str) -> String {
        format!("{list}-{i}-{part}")
    }

    fn row_on(&self, list: &str, i: &usize, part: &str) -> bool {
        self.error_on(&self.row_name(list, i, part))
    }

    fn row_msg(&self, list: &str, i: &usize, part: &str) -> Option<String> {
        self.error_msg(&self.row_name(list, i, part))
    }

    /// The refusal is about a list as a whole (`workflow`: the shares
    /// exceed the limit).
    fn list_msg(&self, list: &str) -> Option<&str> {
        self.error.as_ref().filter(|e| e.field.as_deref() == Some(list)).map(|e| e.message.as_str())
    }

    /// An error on the list as a whole or one of its items
    /// (`extra_receivers[1]`).
    fn error_on_prefix(&self, field: &str) -> bool {
        self.error_msg_prefix(field).is_some()
    }

    fn error_msg_prefix(&self, field: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|e| e.field.as_deref().is_some_and(|f| f == field || f.starts_with(&format!("{field}["))))
            .map(|e| e.message.as_str())
    }

    fn stale(&self) -> bool {
        self.error.as_ref().is_some_and(|e| e.code == "stale_version")
            || self.json_error.as_ref().is_some_and(|e| e.code == "stale_version")
    }

    fn action(&self) -> String {
        match &self.code {
            Some(code) => format!("/admin/procedures/{code}"),
            None => "/admin/procedures/new".into(),
        }
    }

    fn json_action(&self) -> String {
        format!("/admin/procedures/{}/json", self.code.as_deref().unwrap_or("new"))
    }

    fn levels(&self) -> Vec<String> {
        let mut out: Vec<String> = PROCEDURE_LEVELS.iter().map(|l| (*l).to_owned()).collect();
        if !self.form.level.is_empty() && !out.contains(&self.form.level) {
            out.push(self.form.level.clone());
        }
        out
    }

    fn time_units(&self) -> &'static [TimeUnit] {
        &TimeUnit::ALL
    }

    fn time_unit_name(&self, u: &TimeUnit) -> String {
        self.page.t(&format!("adm-tu-{}", u.as_str().replace('_', "-")))
    }

    /// The name of the time limit's unit as the form has it.
    fn current_unit_name(&self) -> String {
        TimeUnit::parse(&self.form.time_unit).map(|u| self.time_unit_name(&u)).unwrap_or_default()
    }

    fn online_levels(&self) -> &'static [OnlineLevel] {
        &ONLINE_LEVELS
    }

    fn statuses(&self) -> &'static [PublicationStatus] {
        &PUBLICATION
    }

    fn step_roles(&self) -> &'static [Role] {
        &STEP_ROLES
    }

    /// How a step's unit may be chosen, in the order the editor offers.
    fn step_unit_kinds(&self) -> &'static [StepUnitKind] {
        &StepUnitKind::ALL
    }

    fn step_unit_kind_name(&self, k: &StepUnitKind) -> String {
        self.page.t(&format!("adm-step-unit-{}", k.as_str()))
    }

    /// The levels an "above the receiving unit" step may name.
    fn unit_levels(&self) -> &'static [&'static str] {
        &crate::routes::units::LEVELS
    }

    fn unit_level_name(&self, level: &str) -> String {
        level_name(&self.page, level)
    }

    fn role_name(&self, r: &Role) -> String {
        self.page.t(&format!("role-{}", r.as_str()))
    }

    fn changes(&self) -> &'static [&'static str] {
        &CHANGES
    }

    fn change_name(&self, c: &str) -> String {
        self.page.t(&format!("adm-change-{c}"))
    }

    fn updated_at(&self) -> String {
        self.stored.as_ref().map(|p| format::datetime(p.updated_at)).unwrap_or_default()
    }
}

/// The JSON editor's text for a procedure.
fn pretty(data: &ProcedureData) -> String {
    serde_json::to_string_pretty(data).unwrap_or_default()
}

/// A starting point for a new procedure written as JSON.
fn json_skeleton() -> String {
    let example = serde_json::json!({
        "code": "1.000000",
        "name": "",
        "field_code": "",
        "level": "commune",
        "agency_unit_code": "",
        "time_limit": {"amount": 5, "unit": "working_days"},
        "fees": [],
        "components": [],
        "legal_basis": [],
        "online_level": "partial",
        "publication": {"status": "published"},
        "workflow": [{"name": "Thẩm định hồ sơ", "unit_code": "", "role": "specialist", "share": 5}]
    });
    serde_json::to_string_pretty(&example).unwrap_or_default()
}

struct EditState {
    stored: Option<Procedure>,
    form: ProcedureForm,
    json: String,
    json_open: bool,
    error: Option<FormError>,
    json_error: Option<FormError>,
}

async fn show_edit(state: &AppState, admin: AdminPage, code: Option<String>, s: EditState) -> ApiResult<Response> {
    let fields = state.store.fields().await?;
    let units = unit_tree(state.store.units().await?, None);
    let form = s.form.with_blank_rows(BLANK_ROWS);
    render(&EditPage {
        page: admin.page,
        code,
        stored: s.stored,
        form,
        fields,
        units,
        json: s.json,
        json_open: s.json_open,
        error: s.error,
        json_error: s.json_error,
    })
}

async fn load(state: &AppState, code: &str) -> ApiResult<Procedure> {
    state.store.procedure(code.to_owned()).await?.ok_or_else(|| procedure_not_found(code))
}

async fn edit_form(State(state): State<AppState>, admin: AdminPage, Path(code): Path<String>) -> ApiResult<Response> {
    let p = load(&state, &code).await?;
    let s = EditState {
        form: ProcedureForm::from_data(&p.data, p.version),
        json: pretty(&p.data),
        stored: Some(p),
        json_open: false,
        error: None,
        json_error: None,
    };
    show_edit(&state, admin, Some(code), s).await
}

async fn new_form(State(state): State<AppState>, admin: AdminPage) -> ApiResult<Response> {
    let s = EditState {
        stored: None,
        form: ProcedureForm::blank(),
        json: json_skeleton(),
        json_open: false,
        error: None,
        json_error: None,
    };
    show_edit(&state, admin, None, s).await
}

/// The field name to store with the data: the one already stored when the
/// field is unchanged, else the chosen field's name.
async fn field_name_for(
    state: &AppState,
    form: &ProcedureForm,
    stored: Option<&ProcedureData>,
) -> ApiResult<Option<String>> {
    let code = form.field_code.trim();
    if let Some(d) = stored.filter(|d| d.field_code == code) {
        return Ok(d.field_name.clone());
    }
    Ok(state.store.fields().await?.into_iter().find(|f| f.code == code).map(|f| f.name))
}

async fn save(
    State(state): State<AppState>,
    admin: AdminPage,
    Path(code): Path<String>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> ApiResult<Response> {
    let stored = load(&state, &code).await?;
    let form = ProcedureForm::from_fields(&fields);
    // Abolishing takes the procedure out of the public catalogue and out of
    // every counter's list: asked first (`crate::web::confirm`).
    let abolishing = form.publication_status == PublicationStatus::Abolished.as_str()
        && stored.data.publication.status != PublicationStatus::Abolished;
    let answered = fields.iter().any(|(k, v)| k == crate::web::confirm::FIELD && crate::web::confirm::given(Some(v)));
    if abolishing && !answered {
        return ask_abolish(admin.page, &stored, &fields);
    }
    let result = async {
        let field_name = field_name_for(&state, &form, Some(&stored.data)).await?;
        let data = form.to_data(field_name)?;
        let req = ProcedureUpdate { version: form.version_number()?, change: Some(form.change.clone()), data };
        update_procedure(&state, &admin.scope, &code, req).await
    }
    .await;
    match result {
        Ok(p) => {
            tracing::info!(procedure.code = %p.data.code, procedure.version = p.version, "procedure saved");
            Ok(redirect_done(&format!("/admin/procedures/{}", p.data.code), "adm-procedure-saved"))
        }
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&admin.page, &e));
            let s = EditState {
                json: pretty(&stored.data),
                stored: Some(stored),
                form,
                json_open: false,
                error,
                json_error: None,
            };
            let mut res = show_edit(&state, admin, Some(code), s).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

/// The question before abolishing a procedure, with the whole form carried
/// back.
fn ask_abolish(page: Page, stored: &Procedure, fields: &[(String, String)]) -> ApiResult<Response> {
    let code = &stored.data.code;
    crate::web::confirm::ConfirmPage {
        title: page.t1("adm-confirm-abolish-title", "name", &stored.data.name),
        effect: page.t("adm-confirm-abolish-effect"),
        facts: vec![(page.t("adm-procedure-code"), code.clone())],
        action: format!("/admin/procedures/{code}"),
        fields: fields.iter().filter(|(k, _)| k != "_csrf" && k != crate::web::confirm::FIELD).cloned().collect(),
        confirm: page.t("adm-confirm-abolish-do"),
        cancel: format!("/admin/procedures/{code}"),
        page,
    }
    .render()
}

async fn create(
    State(state): State<AppState>,
    admin: AdminPage,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> ApiResult<Response> {
    let form = ProcedureForm::from_fields(&fields);
    let result = async {
        let field_name = field_name_for(&state, &form, None).await?;
        let data = form.to_data(field_name)?;
        create_procedure(&state, &admin.scope, data).await
    }
    .await;
    match result {
        Ok(p) => {
            tracing::info!(procedure.code = %p.data.code, "procedure created");
            Ok(redirect_done(&format!("/admin/procedures/{}", p.data.code), "adm-procedure-created"))
        }
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&admin.page, &e));
            let s = EditState { stored: None, form, json: json_skeleton(), json_open: false, error, json_error: None };
            let mut res = show_edit(&state, admin, None, s).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct JsonForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    change: String,
    #[serde(default)]
    json: String,
}

/// The raw JSON editor: the whole `ProcedureData`, for what the form does
/// not cover; `code` is `new` on the new procedure's page.
async fn save_json(
    State(state): State<AppState>,
    admin: AdminPage,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<JsonForm>,
) -> ApiResult<Response> {
    let is_new = code == "new";
    let stored = if is_new { None } else { Some(load(&state, &code).await?) };
    let result = async {
        let data: ProcedureData = parse_json(form.json.as_bytes())?;
        if is_new {
            return create_procedure(&state, &admin.scope, data).await;
        }
        let version = form
            .version
            .trim()
            .parse()
            .map_err(|_| ApiError::unprocessable("required", "version").arg("case", "version"))?;
        let change = Some(form.change.clone()).filter(|c| !c.is_empty());
        update_procedure(&state, &admin.scope, &code, ProcedureUpdate { version, change, data }).await
    }
    .await;
    match result {
        Ok(p) => {
            tracing::info!(procedure.code = %p.data.code, procedure.version = p.version, "procedure saved as JSON");
            let notice = if is_new { "adm-procedure-created" } else { "adm-procedure-saved" };
            Ok(redirect_done(&format!("/admin/procedures/{}", p.data.code), notice))
        }
        Err(e) if is_form_error(&e) || e.code == "malformed_json" => {
            let json_error = Some(FormError::new(&admin.page, &e));
            let form_state = match &stored {
                Some(p) => ProcedureForm::from_data(&p.data, p.version),
                None => ProcedureForm::blank(),
            };
            let s = EditState { stored, form: form_state, json: form.json, json_open: true, error: None, json_error };
            let mut res = show_edit(&state, admin, if is_new { None } else { Some(code) }, s).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

// ---- history ----

#[derive(Template)]
#[template(path = "admin/procedure_history.html")]
struct HistoryPage {
    page: Page,
    procedure: Procedure,
    changes: Vec<ProcedureChange>,
    names: HashMap<i64, String>,
}

impl HistoryPage {
    fn change_name(&self, c: &str) -> String {
        let id = format!("adm-change-{}", c.replace('_', "-"));
        if crate::web::i18n::has(self.page.lang, &id) { self.page.t(&id) } else { c.to_owned() }
    }

    fn by(&self, c: &ProcedureChange) -> String {
        c.created_by.and_then(|id| self.names.get(&id).cloned()).unwrap_or_else(|| "—".into())
    }

    fn at(&self, c: &ProcedureChange) -> String {
        format::datetime(c.created_at)
    }
}

async fn history(State(state): State<AppState>, admin: AdminPage, Path(code): Path<String>) -> ApiResult<Response> {
    let procedure = load(&state, &code).await?;
    let mut changes = state.store.procedure_history(code).await?;
    changes.reverse();
    let mut names = HashMap::new();
    for id in changes.iter().filter_map(|c| c.created_by) {
        if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(id)
            && let Some(u) = state.store.user(id).await?
        {
            slot.insert(format!("{} ({})", u.full_name, u.username));
        }
    }
    render(&HistoryPage { page: admin.page, procedure, changes, names })
}

// ---- export and import ----

async fn export(State(state): State<AppState>, admin: AdminPage) -> ApiResult<Response> {
    let items = export_catalog(&state, &admin.scope).await?;
    let body = serde_json::to_vec_pretty(&items).map_err(|_| ApiError::internal())?;
    let file = format!("attachment; filename=\"motcua-thu-tuc-{}.json\"", state.now().format("%Y%m%d"));
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&file).map_err(|_| ApiError::internal())?);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// What an import did, counted against the catalog before it.
struct ImportSummary {
    created: usize,
    updated: usize,
    unchanged: usize,
}

#[derive(Template)]
#[template(path = "admin/procedure_import.html")]
struct ImportPage {
    page: Page,
    json: String,
    max_kib: usize,
    summary: Option<ImportSummary>,
    error: Option<FormError>,
    /// The code of the procedure the error is in, when it can be told.
    error_code: Option<String>,
}

async fn import_form(State(state): State<AppState>, admin: AdminPage) -> ApiResult<Response> {
    render(&ImportPage {
        page: admin.page,
        json: String::new(),
        max_kib: state.config.max_body_bytes / 1024,
        summary: None,
        error: None,
        error_code: None,
    })
}

fn bad_upload(e: axum::extract::multipart::MultipartError) -> ApiError {
    let status = e.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::coded(status, "body_too_large", Some("file")).arg("case", "file")
    } else {
        ApiError::coded(StatusCode::BAD_REQUEST, "invalid_form", None).arg("case", "upload")
    }
}

/// The pasted text or the uploaded file, after the CSRF token (which must
/// be the form's first part).
async fn read_upload(headers: &HeaderMap, mut multipart: Multipart) -> ApiResult<(Vec<u8>, String)> {
    let mut first = true;
    let (mut file, mut text) = (Vec::new(), String::new());
    while let Some(field) = multipart.next_field().await.map_err(bad_upload)? {
        let name = field.name().unwrap_or_default().to_owned();
        if first {
            first = false;
            let token = if name == "_csrf" { field.text().await.map_err(bad_upload)? } else { String::new() };
            csrf::check(headers, &token)?;
            continue;
        }
        match name.as_str() {
            "file" => file = field.bytes().await.map_err(bad_upload)?.to_vec(),
            "json" => text = field.text().await.map_err(bad_upload)?,
            _ => {}
        }
    }
    if first {
        csrf::check(headers, "")?;
    }
    Ok((file, text))
}

/// The code of item `[i]` of the raw JSON, for an error path starting `[i]`.
fn code_at(bytes: &[u8], field: Option<&str>) -> Option<String> {
    let index: usize = field?.strip_prefix('[')?.split(']').next()?.parse().ok()?;
    let v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    v.get(index)?.get("code")?.as_str().map(str::to_owned)
}

async fn import(
    State(state): State<AppState>,
    admin: AdminPage,
    headers: HeaderMap,
    multipart: Multipart,
) -> ApiResult<Response> {
    let max_kib = state.config.max_body_bytes / 1024;
    let (file, text) = read_upload(&headers, multipart).await?;
    let bytes = if file.is_empty() { text.clone().into_bytes() } else { file };
    let result = async {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::unprocessable("required", "file").arg("case", "json-file"));
        }
        let items: Vec<ProcedureData> = parse_json(&bytes)?;
        let before: HashMap<String, ProcedureData> =
            export_catalog(&state, &admin.scope).await?.into_iter().map(|d| (d.code.clone(), d)).collect();
        let mut seen = std::collections::HashSet::new();
        let mut summary = ImportSummary { created: 0, updated: 0, unchanged: 0 };
        for item in &items {
            match before.get(&item.code) {
                None if seen.insert(item.code.clone()) => summary.created += 1,
                None => summary.updated += 1,
                Some(old) if old == item => summary.unchanged += 1,
                Some(_) => summary.updated += 1,
            }
        }
        let done = import_catalog(&state, &admin.scope, items).await?;
        tracing::info!(import.changed = done.changed, "catalog imported");
        Ok(summary)
    }
    .await;
    match result {
        Ok(summary) => render(&ImportPage {
            page: admin.page,
            json: String::new(),
            max_kib,
            summary: Some(summary),
            error: None,
            error_code: None,
        }),
        Err(e) if is_form_error(&e) || e.code == "malformed_json" => {
            let error_code = code_at(&bytes, e.field.as_deref());
            let error = Some(FormError::new(&admin.page, &e));
            let mut res =
                render(&ImportPage { page: admin.page, json: text, max_kib, summary: None, error, error_code })?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
