//! `/reform/campaigns/{id}/units/{unit_id}`: a unit's sheet. The unit's
//! officers self-score each self-assessed item with a note, upload
//! evidence and submit; the reform office enters survey, computed, bonus
//! and penalty items and appraises each self-score, giving a reason when
//! it changes one, which the unit then sees beside its own score.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use motcua_rules::par::{Input, Percent, Points};
use motcua_store::reform::{CampaignStatus, EvidenceMeta};

use super::{ReformPage, parse_points, pts, status_name};
use crate::error::{ApiError, ApiResult};
use crate::routes::reform_sheets::{
    AppraisalRequest, ItemView, OfficeEntryRequest, SelfScoreRequest, SheetView, evidence_file, save_appraisal,
    save_evidence, save_office_entry, save_self_score, sheet_access, sheet_view, submit_sheet,
};
use crate::state::AppState;
use crate::web::csrf::{self, CsrfForm};
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render};
use crate::web::public::uploads::{self, MAX_FILE, read_limited};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/reform/campaigns/{id}/units/{unit_id}", get(sheet_page))
        .route("/reform/campaigns/{id}/units/{unit_id}/self", post(self_score))
        .route("/reform/campaigns/{id}/units/{unit_id}/appraise", post(appraise))
        .route("/reform/campaigns/{id}/units/{unit_id}/office", post(office))
        .route("/reform/campaigns/{id}/units/{unit_id}/submit", post(submit))
        .route(
            "/reform/campaigns/{id}/units/{unit_id}/evidence",
            post(upload).layer(DefaultBodyLimit::max(MAX_FILE + 64 * 1024)),
        )
        .route("/reform/campaigns/{id}/units/{unit_id}/evidence/{file_id}", get(download))
}

#[derive(Template)]
#[template(path = "reform/sheet.html")]
struct SheetPage {
    page: Page,
    sheet: SheetView,
    campaign_name: String,
    /// The unit may still change its scores.
    can_self: bool,
    can_appraise: bool,
    can_office: bool,
    error: Option<FormError>,
    /// The item the refusal is about, to show it on that row.
    error_row: Option<String>,
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

    fn row_error(&self, item: &ItemView) -> Option<&str> {
        match (&self.error, &self.error_row) {
            (Some(e), Some(code)) if *code == item.code => Some(e.message.as_str()),
            _ => None,
        }
    }

    /// What the entry holds, in words.
    fn entered(&self, item: &ItemView) -> String {
        let Some(e) = &item.entry else { return "—".to_owned() };
        match &e.input {
            Input::Assessed { self_score, .. } => self.p(self_score),
            Input::Survey { points } | Input::Adjustment { points } => self.p(points),
            Input::Sipas { percent } => {
                format!("{}%", if self.page.lang.english() { percent.to_string() } else { percent.to_vi() })
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

    fn self_value(&self, item: &ItemView) -> String {
        match item.entry.as_ref().map(|e| &e.input) {
            Some(Input::Assessed { self_score, .. }) => self.p(self_score),
            _ => String::new(),
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
}

async fn show(
    state: &AppState,
    p: ReformPage,
    id: i64,
    unit_id: i64,
    error: Option<(FormError, Option<String>)>,
) -> ApiResult<Response> {
    let (access, c, unit) = sheet_access(state, &p.me, id, unit_id).await?;
    let sheets = state.store.campaign_sheets(id).await?;
    let evidence = state.store.evidence(id, unit_id).await?;
    let sheet = sheet_view(&sheets, &unit, evidence, p.page.lang.english());
    let office = access.is_office();
    let open = c.status == CampaignStatus::Open;
    let (error, error_row) = match error {
        Some((e, row)) => (Some(e), row),
        None => (None, None),
    };
    render(&SheetPage {
        page: p.page,
        can_self: !office && open && unit.submitted_at.is_none(),
        can_appraise: office && c.status == CampaignStatus::Appraising,
        can_office: office && (open || c.status == CampaignStatus::Appraising),
        sheet,
        campaign_name: c.name,
        error,
        error_row,
    })
}

async fn sheet_page(
    State(state): State<AppState>,
    p: ReformPage,
    Path((id, unit_id)): Path<(i64, i64)>,
) -> ApiResult<Response> {
    show(&state, p, id, unit_id, None).await
}

fn back(id: i64, unit_id: i64) -> String {
    format!("/reform/campaigns/{id}/units/{unit_id}")
}

/// After a write: back to the sheet, or the sheet again with the refusal
/// on the row it is about.
async fn answer<T>(
    state: &AppState,
    p: ReformPage,
    (id, unit_id): (i64, i64),
    row: Option<String>,
    result: ApiResult<T>,
    notice: &str,
) -> ApiResult<Response> {
    match result {
        Ok(_) => Ok(redirect_done(&format!("{}#item-{}", back(id, unit_id), row.unwrap_or_default()), notice)),
        Err(e) if is_form_error(&e) => {
            let error = FormError::new(&p.page, &e);
            let mut res = show(state, p, id, unit_id, Some((error, row))).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

type Form = HashMap<String, String>;

fn field<'a>(f: &'a Form, name: &str) -> &'a str {
    f.get(name).map(String::as_str).unwrap_or("")
}

async fn self_score(
    State(state): State<AppState>,
    p: ReformPage,
    Path(key): Path<(i64, i64)>,
    CsrfForm(f): CsrfForm<Form>,
) -> ApiResult<Response> {
    let code = field(&f, "code").to_owned();
    let result = match parse_points(field(&f, "self_score"), "self_score") {
        Ok(self_score) => {
            let req = SelfScoreRequest { self_score, note: Some(field(&f, "note").to_owned()) };
            save_self_score(&state, &p.me, key.0, key.1, code.clone(), req).await
        }
        Err(e) => Err(e),
    };
    answer(&state, p, key, Some(code), result, "rf-saved").await
}

async fn appraise(
    State(state): State<AppState>,
    p: ReformPage,
    Path(key): Path<(i64, i64)>,
    CsrfForm(f): CsrfForm<Form>,
) -> ApiResult<Response> {
    let code = field(&f, "code").to_owned();
    let result = match parse_points(field(&f, "appraised"), "appraised") {
        Ok(appraised) => {
            let req = AppraisalRequest { appraised, reason: Some(field(&f, "reason").to_owned()) };
            save_appraisal(&state, &p.me, key.0, key.1, code.clone(), req).await
        }
        Err(e) => Err(e),
    };
    answer(&state, p, key, Some(code), result, "rf-saved").await
}

/// The office's input for an item, from the fields its kind needs.
fn office_input(f: &Form) -> Result<Input, ApiError> {
    let count = |name: &str| -> Result<u64, ApiError> {
        field(f, name).trim().parse().map_err(|_| {
            ApiError::unprocessable("invalid_number", name).arg("case", "not-negative").arg("value", field(f, name))
        })
    };
    match field(f, "kind") {
        "computed" => Ok(Input::Computed { numerator: count("numerator")?, denominator: count("denominator")? }),
        "sipas" => {
            let raw = field(f, "percent").trim();
            let percent = Percent::parse(raw)
                .ok_or_else(|| ApiError::unprocessable("reform_points_invalid", "percent").arg("value", raw))?;
            Ok(Input::Sipas { percent })
        }
        "adjustment" => Ok(Input::Adjustment { points: parse_points(field(f, "points"), "points")? }),
        _ => Ok(Input::Survey { points: parse_points(field(f, "points"), "points")? }),
    }
}

async fn office(
    State(state): State<AppState>,
    p: ReformPage,
    Path(key): Path<(i64, i64)>,
    CsrfForm(f): CsrfForm<Form>,
) -> ApiResult<Response> {
    let code = field(&f, "code").to_owned();
    let result = match office_input(&f) {
        Ok(input) => {
            let req = OfficeEntryRequest { input, note: Some(field(&f, "note").to_owned()) };
            save_office_entry(&state, &p.me, key.0, key.1, code.clone(), req).await
        }
        Err(e) => Err(e),
    };
    answer(&state, p, key, Some(code), result, "rf-saved").await
}

async fn submit(
    State(state): State<AppState>,
    p: ReformPage,
    Path(key): Path<(i64, i64)>,
    CsrfForm(_): CsrfForm<Form>,
) -> ApiResult<Response> {
    let result = submit_sheet(&state, &p.me, key.0, key.1).await;
    answer(&state, p, key, None, result, "rf-submitted").await
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
        return Err(csrf::check(&headers, "").err().unwrap_or_else(ApiError::internal));
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
    answer(&state, p, key, Some(code), result, "rf-evidence-added").await
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
