//! `/reform/campaigns/{id}/units/{unit_id}`: a unit's sheet, one form.
//! The unit's officers type every self-score and note, the reform office
//! every appraisal (with a reason only where it changes the unit's score)
//! and the survey, computed, bonus and penalty figures; one save writes
//! the whole sheet ([`motcua_store::Store::save_sheet`]) or, when any row
//! is refused, nothing, and the page comes back with every typed value and
//! every refusal on its row. A small script (`static/reform-sheet.js`)
//! keeps a draft while someone types; without it the save button does
//! everything. Submitting asks first, on its own page, so it needs no
//! script either.

use std::collections::HashMap;

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use motcua_rules::par::{Input, Method, Points, ScoreBasis, ValidFramework, score_entry};
use motcua_store::SheetEdit;
use motcua_store::reform::{Campaign, CampaignStatus, CampaignUnit, EvidenceMeta};

use super::sheet_form::{self, Form, Rights, field, office_kind, office_value};
use super::{ReformPage, pts, status_name};
use crate::error::{ApiError, ApiResult};
use crate::routes::reform::ReformAccess;
use crate::routes::reform_sheets::{
    ItemView, SheetView, evidence_file, save_evidence, sheet_access, sheet_view, submit_sheet,
};
use crate::state::AppState;
use crate::web::csrf::{self, CsrfForm};
use crate::web::page::{FormError, Page, is_form_error, render};
use crate::web::public::uploads::{self, MAX_FILE, read_limited};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/reform/campaigns/{id}/units/{unit_id}", get(sheet_page).post(save))
        .route("/reform/campaigns/{id}/units/{unit_id}/draft", post(draft))
        .route("/reform/campaigns/{id}/units/{unit_id}/draft/discard", post(discard))
        .route("/reform/campaigns/{id}/units/{unit_id}/submit", get(submit_page).post(submit))
        .route(
            "/reform/campaigns/{id}/units/{unit_id}/evidence",
            post(upload).layer(DefaultBodyLimit::max(MAX_FILE + 64 * 1024)),
        )
        .route("/reform/campaigns/{id}/units/{unit_id}/evidence/{file_id}", get(download))
}

fn rights(access: &ReformAccess, c: &Campaign, unit: &CampaignUnit) -> Rights {
    let office = access.is_office();
    let open = c.status == CampaignStatus::Open;
    Rights {
        self_score: !office && open && unit.submitted_at.is_none(),
        appraise: office && c.status == CampaignStatus::Appraising,
        office: office && (open || c.status == CampaignStatus::Appraising),
    }
}

/// An area's heading row in the sheet.
struct AreaHead {
    code: String,
    name: String,
    max: Points,
}

#[derive(Template)]
#[template(path = "reform/sheet.html")]
struct SheetPage {
    page: Page,
    sheet: SheetView,
    areas: Vec<AreaHead>,
    campaign_name: String,
    rights: Rights,
    /// What the user typed (a refused save, or a draft), by field name;
    /// empty: the stored values are shown.
    typed: Form,
    /// Refusals by item code, every one of them.
    row_errors: HashMap<String, Vec<String>>,
    /// A refusal of the whole sheet (the campaign moved on).
    error: Option<FormError>,
    /// When the draft shown was kept (`HH:MM`), if one is shown.
    draft_at: Option<String>,
}

impl SheetPage {
    fn status(&self) -> String {
        status_name(&self.page, self.sheet.status)
    }

    fn p(&self, v: &Points) -> String {
        pts(&self.page, *v)
    }

    fn method(&self, item: &ItemView) -> String {
        self.page.t(&format!("rf-method-{}", item.method))
    }

    fn editable(&self) -> bool {
        self.rights.self_score || self.rights.appraise || self.rights.office
    }

    /// The appraisal column: while the office appraises, or once anything
    /// was appraised; during self-assessment it would be an empty column.
    fn show_appraisal(&self) -> bool {
        self.rights.appraise
            || self
                .sheet
                .items
                .iter()
                .any(|i| matches!(i.entry.as_ref().map(|e| &e.input), Some(Input::Assessed { appraised: Some(_), .. })))
    }

    fn columns(&self) -> usize {
        if self.show_appraisal() { 4 } else { 3 }
    }

    fn base(&self) -> String {
        format!("/reform/campaigns/{}/units/{}", self.sheet.campaign_id, self.sheet.unit.unit_id)
    }

    /// The area heading before `item`, when it opens an area.
    fn area_before(&self, i: &usize) -> Option<&AreaHead> {
        let item = &self.sheet.items[*i];
        let opens = *i == 0 || self.sheet.items[i - 1].area != item.area;
        if opens { self.areas.iter().find(|a| a.code == item.area) } else { None }
    }

    fn errors_of(&self, item: &ItemView) -> &[String] {
        self.row_errors.get(&item.code).map(Vec::as_slice).unwrap_or(&[])
    }

    fn refused_rows(&self) -> Vec<&ItemView> {
        self.sheet.items.iter().filter(|i| self.row_errors.contains_key(&i.code)).collect()
    }

    /// The value of a field: as typed, else as stored.
    fn val(&self, prefix: &str, item: &ItemView) -> String {
        let name = format!("{prefix}:{}", item.code);
        if let Some(v) = self.typed.get(&name) {
            return v.clone();
        }
        let input = item.entry.as_ref().map(|e| &e.input);
        match (prefix, input) {
            ("self", Some(Input::Assessed { self_score, .. })) => self.p(self_score),
            ("appr", Some(Input::Assessed { appraised: Some(a), .. })) => self.p(a),
            ("reason", Some(Input::Assessed { reason: Some(r), .. })) => r.clone(),
            ("note", _) => item.entry.as_ref().and_then(|e| e.note.clone()).unwrap_or_default(),
            ("self" | "appr" | "reason", _) => String::new(),
            _ => office_value(item, prefix, self.page.lang.english()),
        }
    }

    fn kind(&self, item: &ItemView) -> &'static str {
        office_kind(item)
    }

    /// The unit's score in hundredths, for the script that asks for a
    /// reason only when the appraisal differs.
    fn self_hundredths(&self, item: &ItemView) -> String {
        match item.entry.as_ref().map(|e| &e.input) {
            Some(Input::Assessed { self_score, .. }) => self_score.hundredths().to_string(),
            _ => String::new(),
        }
    }

    fn self_shown(&self, item: &ItemView) -> String {
        match item.entry.as_ref().map(|e| &e.input) {
            Some(Input::Assessed { self_score, .. }) => self.p(self_score),
            _ => "—".to_owned(),
        }
    }

    /// What the entry holds, in words, for whoever only reads it.
    fn entered(&self, item: &ItemView) -> String {
        let Some(e) = &item.entry else { return "—".to_owned() };
        match &e.input {
            Input::Assessed { self_score, .. } => self.p(self_score),
            Input::Survey { points } | Input::Adjustment { points } => self.p(points),
            Input::Sipas { percent } => {
                format!("{}%", super::pct(&self.page, *percent))
            }
            Input::Computed { numerator, denominator } => format!("{numerator} / {denominator}"),
        }
    }

    fn appraised(&self, item: &ItemView) -> Option<(String, String)> {
        match item.entry.as_ref().map(|e| &e.input) {
            Some(Input::Assessed { appraised: Some(a), reason, .. }) => {
                Some((self.p(a), reason.clone().unwrap_or_default()))
            }
            _ => None,
        }
    }

    fn note(&self, item: &ItemView) -> String {
        item.entry.as_ref().and_then(|e| e.note.clone()).unwrap_or_default()
    }

    fn evidence_of(&self, item: &ItemView) -> Vec<&EvidenceMeta> {
        self.sheet.evidence.iter().filter(|e| e.code == item.code).collect()
    }

    fn unit_items(&self) -> Vec<&ItemView> {
        self.sheet.items.iter().filter(|i| i.filled_by == "unit").collect()
    }

    fn submitted_at(&self) -> Option<String> {
        self.sheet.unit.submitted_at.map(crate::web::format::datetime)
    }
}

/// What a page shows besides the stored sheet.
#[derive(Default)]
struct Shown {
    typed: Option<Form>,
    row_errors: Vec<(String, ApiError)>,
    error: Option<FormError>,
}

async fn show(state: &AppState, p: ReformPage, id: i64, unit_id: i64, shown: Shown) -> ApiResult<Response> {
    let (access, c, unit) = sheet_access(state, &p.me, id, unit_id).await?;
    let sheets = state.store.campaign_sheets(id).await?;
    let evidence = state.store.evidence(id, unit_id).await?;
    let sheet = sheet_view(&sheets, &unit, evidence, p.page.lang.english());
    let rights = rights(&access, &c, &unit);
    let editable = rights.self_score || rights.appraise || rights.office;
    // A draft is shown only where it can still be saved, and never over
    // what a refused save sent back.
    let (typed, draft_at) = match shown.typed {
        Some(t) => (t, None),
        None if editable => match state.store.sheet_draft(id, unit_id, p.me.user.id).await? {
            Some(d) => (sheet_form::from_draft(&d.fields), Some(d.saved_at.format("%H:%M").to_string())),
            None => (Form::new(), None),
        },
        None => (Form::new(), None),
    };
    let mut row_errors: HashMap<String, Vec<String>> = HashMap::new();
    for (code, e) in &shown.row_errors {
        row_errors.entry(code.clone()).or_default().push(p.page.error_text(e));
    }
    let areas = sheets
        .framework
        .areas()
        .iter()
        .map(|a| AreaHead { code: a.code.clone(), name: a.name.clone(), max: a.max })
        .collect();
    let status = if shown.row_errors.is_empty() && shown.error.is_none() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut res = render(&SheetPage {
        page: p.page,
        sheet,
        areas,
        campaign_name: c.name,
        rights,
        typed,
        row_errors,
        error: shown.error,
        draft_at,
    })?;
    if res.status().is_success() {
        *res.status_mut() = status;
    }
    Ok(res)
}

async fn sheet_page(
    State(state): State<AppState>,
    p: ReformPage,
    Path((id, unit_id)): Path<(i64, i64)>,
) -> ApiResult<Response> {
    show(&state, p, id, unit_id, Shown::default()).await
}

fn back(id: i64, unit_id: i64) -> String {
    format!("/reform/campaigns/{id}/units/{unit_id}")
}

/// A redirect with the notice before the fragment, where the page reads it.
fn done(to: &str, notice: &str, fragment: &str) -> Response {
    let sep = if to.contains('?') { '&' } else { '?' };
    axum::response::Redirect::to(&format!("{to}{sep}done={notice}{fragment}")).into_response()
}

/// Checks parsed rows against their items without the store, so that when
/// some rows do not even parse the others' refusals show in the same round.
fn precheck(fw: &ValidFramework, items: &[ItemView], edits: &[SheetEdit]) -> Vec<(String, ApiError)> {
    let mut out = Vec::new();
    for e in edits {
        let Some(leaf) = fw.leaf(e.code()) else { continue };
        let result = match e {
            SheetEdit::SelfScore { self_score, .. } => {
                let input = Input::Assessed { self_score: *self_score, appraised: None, reason: None };
                score_entry(leaf, &input, ScoreBasis::SelfAssessment, "").map_err(|e| e.at("self_score"))
            }
            SheetEdit::Appraisal { code, appraised, reason } => {
                let own = items.iter().find(|i| i.code == *code).and_then(|i| match i.entry.as_ref()?.input {
                    Input::Assessed { self_score, .. } => Some(self_score),
                    _ => None,
                });
                let Some(self_score) = own else { continue };
                let reason = Some(reason.trim().to_owned()).filter(|r| !r.is_empty());
                let input = Input::Assessed { self_score, appraised: Some(*appraised), reason };
                score_entry(leaf, &input, ScoreBasis::Appraisal, "")
            }
            SheetEdit::Office { input, .. } => score_entry(leaf, input, ScoreBasis::Appraisal, ""),
        };
        if let Err(err) = result {
            out.push((e.code().to_owned(), ApiError::from(err)));
        }
    }
    out
}

/// The one save of the sheet. `then`: `submit` goes on to the submission
/// page once saved; `agree` first gives every blank appraisal the unit's
/// own score.
async fn save(
    State(state): State<AppState>,
    p: ReformPage,
    Path((id, unit_id)): Path<(i64, i64)>,
    CsrfForm(mut form): CsrfForm<Form>,
) -> ApiResult<Response> {
    let (access, c, unit) = sheet_access(&state, &p.me, id, unit_id).await?;
    let rights = rights(&access, &c, &unit);
    if !(rights.self_score || rights.appraise || rights.office) {
        let code = if unit.submitted_at.is_some() { "reform_already_submitted" } else { "reform_campaign_status" };
        let e = ApiError::coded(axum::http::StatusCode::CONFLICT, code, None);
        let error = Some(FormError::new(&p.page, &e));
        let mut res = show(&state, p, id, unit_id, Shown { typed: Some(form), error, ..Shown::default() }).await?;
        *res.status_mut() = e.status;
        return Ok(res);
    }
    let sheets = state.store.campaign_sheets(id).await?;
    let view = sheet_view(&sheets, &unit, Vec::new(), p.page.lang.english());
    let then = field(&form, "then").to_owned();
    if then == "agree" && rights.appraise {
        sheet_form::agree_with_unit(&mut form, &view.items);
    }
    let (edits, mut refused) = sheet_form::read(&form, &view.items, rights);
    if !refused.is_empty() {
        refused.extend(precheck(&sheets.framework, &view.items, &edits));
        refused.sort_by_key(|(code, _)| view.items.iter().position(|i| i.code == *code));
        return show(&state, p, id, unit_id, Shown { typed: Some(form), row_errors: refused, error: None }).await;
    }
    match state.store.save_sheet(id, unit_id, edits, Some(p.me.user.id), state.now()).await {
        Ok(Ok(n)) => {
            tracing::info!(
                reform.campaign = id,
                reform.unit = unit_id,
                user.id = p.me.user.id,
                rows = n,
                "sheet saved"
            );
            let notice = if n == 0 { "rf-sheet-unchanged" } else { "rf-sheet-saved" };
            if then == "submit" && rights.self_score {
                Ok(done(&format!("{}/submit", back(id, unit_id)), notice, ""))
            } else {
                Ok(done(&back(id, unit_id), notice, ""))
            }
        }
        Ok(Err(rows)) => {
            let row_errors = rows.into_iter().map(|r| (r.code, ApiError::from(r.error))).collect();
            show(&state, p, id, unit_id, Shown { typed: Some(form), row_errors, error: None }).await
        }
        Err(e) => {
            let e = ApiError::from(e);
            if !is_form_error(&e) {
                return Err(e);
            }
            let error = Some(FormError::new(&p.page, &e));
            let mut res =
                show(&state, p, id, unit_id, Shown { typed: Some(form), row_errors: Vec::new(), error }).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
    }
}

#[derive(serde::Serialize)]
struct DraftSaved {
    /// `HH:MM`, Vietnamese time.
    saved_at: String,
    /// "Đã lưu nháp lúc 14:05", in the page's language.
    message: String,
}

/// The script's autosave: keeps the sheet's fields as typed.
async fn draft(
    State(state): State<AppState>,
    p: ReformPage,
    Path((id, unit_id)): Path<(i64, i64)>,
    CsrfForm(form): CsrfForm<Form>,
) -> ApiResult<Json<DraftSaved>> {
    let (access, c, unit) = sheet_access(&state, &p.me, id, unit_id).await?;
    let r = rights(&access, &c, &unit);
    if !(r.self_score || r.appraise || r.office) {
        return Err(ApiError::coded(axum::http::StatusCode::CONFLICT, "reform_campaign_status", None));
    }
    let at =
        state.store.save_sheet_draft(id, unit_id, p.me.user.id, sheet_form::draft_fields(&form), state.now()).await?;
    let saved_at = at.format("%H:%M").to_string();
    let message = p.page.t1("rf-draft-saved-at", "time", &saved_at);
    Ok(Json(DraftSaved { saved_at, message }))
}

async fn discard(
    State(state): State<AppState>,
    p: ReformPage,
    Path((id, unit_id)): Path<(i64, i64)>,
    CsrfForm(_): CsrfForm<Form>,
) -> ApiResult<Response> {
    sheet_access(&state, &p.me, id, unit_id).await?;
    state.store.discard_sheet_draft(id, unit_id, p.me.user.id).await?;
    Ok(done(&back(id, unit_id), "rf-draft-discarded", ""))
}

#[derive(Template)]
#[template(path = "reform/submit.html")]
struct SubmitPage {
    page: Page,
    campaign_id: i64,
    campaign_name: String,
    unit: CampaignUnit,
    /// Self-assessed items scored, and how many there are.
    scored: usize,
    total: usize,
    /// The self-assessed items not scored yet: submission would be refused.
    missing: Vec<(String, String)>,
    /// The unit's own index so far, as shown.
    self_index: Option<String>,
    deadline: String,
    late: bool,
    error: Option<FormError>,
}

/// The question before submitting: what will be sent, and that it cannot
/// be changed afterwards. A page, not a script's `confirm()`, so it works
/// everywhere.
async fn submit_page(
    State(state): State<AppState>,
    p: ReformPage,
    Path((id, unit_id)): Path<(i64, i64)>,
) -> ApiResult<Response> {
    confirm(&state, p, id, unit_id, None).await
}

async fn confirm(
    state: &AppState,
    p: ReformPage,
    id: i64,
    unit_id: i64,
    error: Option<FormError>,
) -> ApiResult<Response> {
    let (access, c, unit) = sheet_access(state, &p.me, id, unit_id).await?;
    if !rights(&access, &c, &unit).self_score {
        // Already sent, or not the unit's to send: the sheet says which.
        return Ok(axum::response::Redirect::to(&back(id, unit_id)).into_response());
    }
    let sheets = state.store.campaign_sheets(id).await?;
    let view = sheet_view(&sheets, &unit, Vec::new(), p.page.lang.english());
    let own: Vec<&ItemView> = view
        .items
        .iter()
        .filter(|i| sheets.framework.leaf(&i.code).is_some_and(|l| l.method == Method::SelfAssessed))
        .collect();
    let missing: Vec<(String, String)> =
        own.iter().filter(|i| i.entry.is_none()).map(|i| (i.code.clone(), i.name.clone())).collect();
    let self_index =
        view.self_score.as_ref().map(|s| format!("{} / {}", pts(&p.page, s.points), pts(&p.page, s.maximum)));
    let status =
        if error.is_some() { axum::http::StatusCode::UNPROCESSABLE_ENTITY } else { axum::http::StatusCode::OK };
    let mut res = render(&SubmitPage {
        campaign_id: id,
        campaign_name: c.name.clone(),
        scored: own.len() - missing.len(),
        total: own.len(),
        missing,
        self_index,
        deadline: crate::web::format::datetime(c.deadline),
        late: state.now() > c.deadline,
        unit,
        error,
        page: p.page,
    })?;
    *res.status_mut() = status;
    Ok(res)
}

async fn submit(
    State(state): State<AppState>,
    p: ReformPage,
    Path((id, unit_id)): Path<(i64, i64)>,
    CsrfForm(_): CsrfForm<Form>,
) -> ApiResult<Response> {
    match submit_sheet(&state, &p.me, id, unit_id).await {
        Ok(_) => Ok(done(&back(id, unit_id), "rf-submitted", "")),
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&p.page, &e));
            confirm(&state, p, id, unit_id, error).await
        }
        Err(e) => Err(e),
    }
}

/// Evidence upload: `_csrf` first, then `code`, then `file`.
async fn upload(
    State(state): State<AppState>,
    p: ReformPage,
    Path(key): Path<(i64, i64)>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> ApiResult<Response> {
    let Ok(mut mp) = mp else {
        return Err(crate::web::public::uploads::not_multipart(&headers));
    };
    let mut first = true;
    let mut code = String::new();
    let mut file: Result<Option<(String, Vec<u8>)>, ApiError> = Ok(None);
    while let Some(mut field) = mp.next_field().await.map_err(|e| uploads::upload_failed(&e))? {
        let name = field.name().unwrap_or_default().to_owned();
        if first {
            first = false;
            let token = if name == "_csrf" {
                read_limited(&mut field, 256).await.ok().flatten().and_then(|b| String::from_utf8(b).ok())
            } else {
                None
            };
            csrf::check(&headers, &token.unwrap_or_default())?;
            continue;
        }
        match name.as_str() {
            "code" => code = field.text().await.map_err(|e| uploads::upload_failed(&e))?,
            "file" => {
                let file_name = field.file_name().unwrap_or_default().to_owned();
                file = match read_limited(&mut field, MAX_FILE).await.map_err(|e| uploads::upload_failed(&e))? {
                    Some(data) => Ok(Some((file_name, data))),
                    None => Err(uploads::file_too_large("file", &file_name)),
                };
            }
            _ => {}
        }
    }
    let result = match file {
        Ok(Some((name, data))) => match evidence_file(code.clone(), &name, data) {
            Ok(f) => save_evidence(&state, &p.me, key.0, key.1, f).await,
            Err(e) => Err(e),
        },
        Ok(None) => Err(ApiError::unprocessable("required", "file")),
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(done(&back(key.0, key.1), "rf-evidence-added", &format!("#item-{code}"))),
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&p.page, &e));
            let mut res = show(&state, p, key.0, key.1, Shown { error, ..Shown::default() }).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

async fn download(
    State(state): State<AppState>,
    p: ReformPage,
    Path((id, unit_id, file_id)): Path<(i64, i64, i64)>,
) -> ApiResult<Response> {
    sheet_access(&state, &p.me, id, unit_id).await?;
    let (meta, data) = state
        .store
        .evidence_file(id, unit_id, file_id)
        .await?
        .ok_or_else(|| ApiError::from(motcua_rules::RuleError::not_found("reform_evidence_not_found")))?;
    let mut res = data.into_response();
    let h = res.headers_mut();
    h.insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_str(&meta.content_type)
            .unwrap_or(axum::http::HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(
        axum::http::header::CONTENT_DISPOSITION,
        crate::web::download::disposition(&meta.name).map_err(|_| ApiError::internal())?,
    );
    h.insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("private, no-store"));
    Ok(res)
}
