//! `/reform`: the campaigns the user sees, and for the reform office the
//! form that starts one; `/reform/campaigns/{id}`: a campaign's units, who
//! has submitted by the deadline, its next step and its audit log.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use chrono::NaiveDate;
use motcua_store::model::Unit;
use motcua_store::reform::{Campaign, CampaignStatus, CampaignUnit, FrameworkMeta};

use super::{ReformPage, status_name};
use crate::error::{ApiError, ApiResult};
use crate::routes::reform::ReformAccess;
use crate::routes::reform_campaigns::{
    CampaignRequest, CampaignView, advance_campaign, create_campaign, fill_campaign, visible_campaign,
    visible_campaigns,
};
use crate::state::AppState;
use crate::web::admin::form_errors;
use crate::web::csrf::CsrfForm;
use crate::web::format::datetime;
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/reform", get(list_page).post(create))
        .route("/reform/campaigns/{id}", get(campaign_page))
        .route("/reform/campaigns/{id}/status", post(advance))
        .route("/reform/campaigns/{id}/fill", post(fill))
}

#[derive(Template)]
#[template(path = "reform/campaigns.html")]
struct ListPage {
    page: Page,
    office: bool,
    campaigns: Vec<Campaign>,
    frameworks: Vec<FrameworkMeta>,
    units: Vec<Unit>,
    form: HashMap<String, String>,
    error: Option<FormError>,
}

form_errors!(ListPage);

impl ListPage {
    fn status(&self, s: &CampaignStatus) -> String {
        status_name(&self.page, *s)
    }

    fn day(&self, t: &chrono::NaiveDateTime) -> String {
        crate::web::format::date(t.date())
    }

    fn value(&self, name: &str) -> String {
        self.form.get(name).cloned().unwrap_or_default()
    }

    fn checked(&self, unit: &Unit) -> bool {
        self.form.contains_key(&format!("u{}", unit.id))
    }
}

async fn show(
    state: &AppState,
    p: ReformPage,
    form: HashMap<String, String>,
    error: Option<FormError>,
) -> ApiResult<Response> {
    let campaigns = visible_campaigns(state, &p.me).await?;
    let (frameworks, units) = match &p.access {
        ReformAccess::Office(office) => {
            let units = state.store.units().await?;
            // The units the office owns, the province itself aside.
            let units = units.into_iter().filter(|u| office.contains(u) && u.id != office.province_id).collect();
            (state.store.frameworks(office.province_id).await?, units)
        }
        ReformAccess::Unit { .. } => (Vec::new(), Vec::new()),
    };
    render(&ListPage { office: p.access.is_office(), page: p.page, campaigns, frameworks, units, form, error })
}

async fn list_page(State(state): State<AppState>, p: ReformPage) -> ApiResult<Response> {
    show(&state, p, HashMap::new(), None).await
}

fn date(form: &HashMap<String, String>, name: &str) -> Result<NaiveDate, ApiError> {
    let raw = form.get(name).map(String::as_str).unwrap_or("").trim();
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| ApiError::unprocessable("invalid_filter", name).arg("case", "date"))
}

fn request(form: &HashMap<String, String>) -> Result<CampaignRequest, ApiError> {
    let framework_id = form
        .get("framework_id")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| ApiError::unprocessable("required", "framework_id"))?;
    let year = form.get("year").and_then(|v| v.trim().parse().ok()).ok_or_else(|| {
        ApiError::unprocessable("reform_year_invalid", "year").arg("year", form.get("year").map_or("", |s| s))
    })?;
    let mut unit_ids: Vec<i64> =
        form.keys().filter_map(|k| k.strip_prefix('u').and_then(|id| id.parse().ok())).collect();
    unit_ids.sort_unstable();
    Ok(CampaignRequest {
        framework_id,
        year,
        name: form.get("name").cloned().unwrap_or_default(),
        bands: None,
        period_from: date(form, "period_from")?,
        period_to: date(form, "period_to")?,
        deadline: date(form, "deadline")?,
        unit_ids,
    })
}

async fn create(
    State(state): State<AppState>,
    p: ReformPage,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> ApiResult<Response> {
    let result = match request(&form) {
        Ok(req) => create_campaign(&state, &p.me, req).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(c) => Ok(redirect_done(&format!("/reform/campaigns/{}", c.id), "rf-campaign-created")),
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&p.page, &e));
            let mut res = show(&state, p, form, error).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

/// The log lines on a campaign's page; the rest are on its audit page.
const LATEST_AUDIT_LINES: i64 = 10;

#[derive(Template)]
#[template(path = "reform/campaign.html")]
struct CampaignPage {
    page: Page,
    office: bool,
    view: CampaignView,
    /// The newest lines of the log, in words (the office only).
    audit_rows: Vec<super::audit::AuditRow>,
    next: Option<CampaignStatus>,
    error: Option<FormError>,
    /// The unit ids the user may open the sheet of.
    mine: Vec<i64>,
}

impl CampaignPage {
    fn status(&self, s: &CampaignStatus) -> String {
        status_name(&self.page, *s)
    }

    fn when(&self, t: &chrono::NaiveDateTime) -> String {
        datetime(*t)
    }

    fn late(&self, u: &CampaignUnit) -> bool {
        u.submitted_at.is_some_and(|t| t > self.view.campaign.deadline)
    }

    fn may_open(&self, u: &CampaignUnit) -> bool {
        self.office || self.mine.contains(&u.unit_id)
    }
}

async fn show_campaign(state: &AppState, p: ReformPage, id: i64, error: Option<FormError>) -> ApiResult<Response> {
    let c = visible_campaign(state, &p.me, id).await?;
    let office = p.access.is_office();
    let audit_rows = if office {
        let fw = state.store.framework(c.province_id, c.framework_id).await.ok().map(|f| f.framework);
        let log = state.store.campaign_audit_page(id, None, LATEST_AUDIT_LINES).await?;
        super::audit::rows(&p.page, &c, fw.as_ref(), &log.lines)
    } else {
        Vec::new()
    };
    let mine = c.units.iter().filter(|u| p.access.unit(&c, u.unit_id).is_ok()).map(|u| u.unit_id).collect();
    let next = c.status.next();
    let view = CampaignView::new(c, state.now());
    render(&CampaignPage { page: p.page, office, view, audit_rows, next, error, mine })
}

async fn campaign_page(State(state): State<AppState>, p: ReformPage, Path(id): Path<i64>) -> ApiResult<Response> {
    show_campaign(&state, p, id, None).await
}

#[derive(serde::Deserialize)]
struct StatusForm {
    status: CampaignStatus,
    /// `yes` once the question before publishing was answered
    /// (`crate::web::confirm`).
    confirm: Option<String>,
}

async fn advance(
    State(state): State<AppState>,
    p: ReformPage,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> ApiResult<Response> {
    // Publishing is final: the scores freeze and the ranking goes public.
    if form.status == CampaignStatus::Published && !crate::web::confirm::given(form.confirm.as_deref()) {
        let campaign = visible_campaign(&state, &p.me, id).await?;
        let page = p.page;
        return crate::web::confirm::ConfirmPage {
            title: page.t1("rf-confirm-publish-title", "name", &campaign.name),
            effect: page.t("rf-confirm-publish-effect"),
            facts: vec![(page.t("rf-status"), status_name(&page, campaign.status))],
            action: format!("/reform/campaigns/{id}/status"),
            fields: vec![("status".to_owned(), CampaignStatus::Published.as_str().to_owned())],
            confirm: page.t("rf-confirm-publish-do"),
            cancel: format!("/reform/campaigns/{id}"),
            page,
        }
        .render();
    }
    match advance_campaign(&state, &p.me, id, form.status).await {
        Ok(_) => Ok(redirect_done(&format!("/reform/campaigns/{id}"), "rf-status-changed")),
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&p.page, &e));
            let mut res = show_campaign(&state, p, id, error).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

async fn fill(
    State(state): State<AppState>,
    p: ReformPage,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<HashMap<String, String>>,
) -> ApiResult<Response> {
    match fill_campaign(&state, &p.me, id).await {
        Ok(_) => Ok(redirect_done(&format!("/reform/campaigns/{id}"), "rf-filled")),
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&p.page, &e));
            let mut res = show_campaign(&state, p, id, error).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
