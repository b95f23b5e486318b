//! `/reform/sipas`: survey designs per year and the Slovin sample-size
//! planner; `/reform/sipas/{id}`: the index of a unit (per question,
//! element and overall), one-time links to hand out, and paper forms typed
//! in by an officer.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use motcua_rules::par::Percent;
use motcua_rules::sipas::{DEFAULT_MARGIN, Level, slovin};
use motcua_store::DesignMeta;
use motcua_store::model::Unit;

use super::ReformPage;
use crate::error::{ApiError, ApiResult};
use crate::routes::reform::{Office, ReformAccess};
use crate::routes::sipas::{DesignRequest, IndexView, TokensRequest, issue, office_design, save_design, unit_index};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/reform/sipas", get(designs_page).post(create_design))
        .route("/reform/sipas/{id}", get(design_page))
        .route("/reform/sipas/{id}/tokens", post(tokens))
        .route("/reform/sipas/{id}/paper", post(paper))
}

type Form = HashMap<String, String>;

#[derive(Template)]
#[template(path = "reform/sipas.html")]
struct DesignsPage {
    page: Page,
    designs: Vec<DesignMeta>,
    units: Vec<Unit>,
    query: Form,
    /// The planner's answer: population, margin, sample.
    plan: Option<(u64, Percent, u64)>,
    error: Option<FormError>,
}

impl DesignsPage {
    fn q(&self, name: &str) -> String {
        self.query.get(name).cloned().unwrap_or_default()
    }

    fn plan_text(&self, n: &u64, sample: &u64) -> String {
        self.page.t2("rf-plan-result", ("population", n), ("sample", sample))
    }

    fn pct(&self, p: &Percent) -> String {
        super::pct(&self.page, *p)
    }
}

/// The units the office owns, the province itself aside.
async fn office_units(state: &AppState, office: &Office) -> ApiResult<Vec<Unit>> {
    let units = state.store.units().await?;
    Ok(units.into_iter().filter(|u| office.contains(u) && u.id != office.province_id).collect())
}

/// The planner: a population typed in, or a unit's dossiers received in a year.
async fn plan(state: &AppState, office: &Office, q: &Form) -> ApiResult<Option<(u64, Percent, u64)>> {
    let margin = match q.get("margin").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        Some(raw) => Percent::parse(raw)
            .ok_or_else(|| ApiError::unprocessable("sipas_margin_invalid", "margin").arg("margin", raw))?,
        None => DEFAULT_MARGIN,
    };
    let population = match q.get("population").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        Some(raw) => Some(raw.parse::<u64>().map_err(|_| {
            ApiError::unprocessable("invalid_number", "population").arg("case", "not-negative").arg("value", raw)
        })?),
        None => {
            match (q.get("unit_id").and_then(|v| v.parse().ok()), q.get("year").and_then(|v| v.trim().parse().ok())) {
                (Some(unit), Some(year)) => {
                    Some(crate::routes::sipas::received_in_year(state, office, unit, year).await?)
                }
                _ => None,
            }
        }
    };
    match population {
        Some(n) => Ok(Some((n, margin, slovin(n, margin)?))),
        None => Ok(None),
    }
}

async fn show(state: &AppState, p: ReformPage, query: Form, error: Option<FormError>) -> ApiResult<Response> {
    let office = ReformAccess::office(&p.me)?;
    let designs = state.store.designs(office.province_id).await?;
    let units = office_units(state, &office).await?;
    let (plan, error) = match plan(state, &office, &query).await {
        Ok(plan) => (plan, error),
        Err(e) if is_form_error(&e) => (None, Some(FormError::new(&p.page, &e))),
        Err(e) => return Err(e),
    };
    render(&DesignsPage { page: p.page, designs, units, query, plan, error })
}

async fn designs_page(State(state): State<AppState>, p: ReformPage, Query(q): Query<Form>) -> ApiResult<Response> {
    show(&state, p, q, None).await
}

async fn create_design(
    State(state): State<AppState>,
    p: ReformPage,
    CsrfForm(f): CsrfForm<Form>,
) -> ApiResult<Response> {
    let year = f.get("year").and_then(|y| y.trim().parse().ok());
    let result = match year {
        Some(year) => {
            save_design(&state, &p.me, DesignRequest { design: None, year: Some(year), aggregation: None }).await
        }
        None => {
            Err(ApiError::unprocessable("reform_year_invalid", "year").arg("year", f.get("year").map_or("", |s| s)))
        }
    };
    match result {
        Ok(d) => Ok(redirect_done(&format!("/reform/sipas/{}", d.id), "rf-design-created")),
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&p.page, &e));
            let mut res = show(&state, p, Form::new(), error).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

/// A question of the design, for the paper form.
struct QuestionRow {
    index: usize,
    code: String,
    text: String,
    element: String,
}

#[derive(Template)]
#[template(path = "reform/sipas_design.html")]
struct DesignPage {
    page: Page,
    id: i64,
    year: i32,
    name: String,
    units: Vec<Unit>,
    unit_id: Option<i64>,
    index: Option<IndexView>,
    questions: Vec<QuestionRow>,
    levels: Vec<(u8, &'static str)>,
    links: Vec<String>,
    error: Option<FormError>,
}

impl DesignPage {
    /// The QR code of an absolute link (with `MOTCUA_PUBLIC_URL` set); a
    /// relative link cannot be scanned, so it gets none.
    fn qr(&self, link: &str) -> Option<String> {
        if !link.starts_with("http") {
            return None;
        }
        motcua_pdf::qr_svg(link, 160).ok()
    }

    fn share(&self, s: &Option<f64>) -> String {
        match s {
            Some(v) => {
                format!("{}%", super::pct(&self.page, Percent::from_share(*v)))
            }
            None => "—".to_owned(),
        }
    }

    fn is_unit(&self, id: &i64) -> bool {
        self.unit_id == Some(*id)
    }

    fn percent(&self) -> String {
        match self.index.as_ref().and_then(|i| i.percent) {
            Some(p) => format!("{}%", super::pct(&self.page, p)),
            None => "—".to_owned(),
        }
    }
}

async fn show_design(
    state: &AppState,
    p: ReformPage,
    id: i64,
    unit_id: Option<i64>,
    links: Vec<String>,
    error: Option<FormError>,
) -> ApiResult<Response> {
    let (office, d) = office_design(state, &p.me, id).await?;
    let units = office_units(state, &office).await?;
    let index = match unit_id {
        Some(u) => Some(unit_index(state, &p.me, id, u).await?),
        None => None,
    };
    let design = d.design.design();
    let mut questions = Vec::new();
    for e in &design.elements {
        for q in &e.questions {
            questions.push(QuestionRow {
                index: questions.len(),
                code: q.code.clone(),
                text: q.text.clone(),
                element: e.name.clone(),
            });
        }
    }
    let levels = Level::ALL.iter().map(|l| (l.number(), l.label_vi())).collect();
    render(&DesignPage {
        page: p.page,
        id,
        year: d.year,
        name: design.name.clone(),
        units,
        unit_id,
        index,
        questions,
        levels,
        links,
        error,
    })
}

async fn design_page(
    State(state): State<AppState>,
    p: ReformPage,
    Path(id): Path<i64>,
    Query(q): Query<Form>,
) -> ApiResult<Response> {
    let unit_id = q.get("unit_id").and_then(|v| v.parse().ok());
    show_design(&state, p, id, unit_id, Vec::new(), None).await
}

async fn refuse(state: &AppState, p: ReformPage, id: i64, e: ApiError) -> ApiResult<Response> {
    if !is_form_error(&e) {
        return Err(e);
    }
    let error = Some(FormError::new(&p.page, &e));
    let mut res = show_design(state, p, id, None, Vec::new(), error).await?;
    *res.status_mut() = e.status;
    Ok(res)
}

/// Issues links and shows them once: only their hashes are kept.
async fn tokens(
    State(state): State<AppState>,
    p: ReformPage,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<Form>,
) -> ApiResult<Response> {
    let unit_id = f.get("unit_id").and_then(|v| v.parse().ok()).unwrap_or(0);
    let count = f.get("count").and_then(|v| v.trim().parse().ok()).unwrap_or(0);
    match issue(&state, &p.me, id, TokensRequest { unit_id, count }).await {
        Ok(issued) => show_design(&state, p, id, Some(unit_id), issued.links, None).await,
        Err(e) => refuse(&state, p, id, e).await,
    }
}

/// One paper form: per question `q<i>` a level 1–5, or empty when skipped.
async fn paper(
    State(state): State<AppState>,
    p: ReformPage,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<Form>,
) -> ApiResult<Response> {
    let result = async {
        let (_, d) = office_design(&state, &p.me, id).await?;
        let unit_id = f
            .get("unit_id")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| ApiError::unprocessable("required", "unit_id"))?;
        let mut answers = Vec::with_capacity(d.design.question_count());
        for q in 0..d.design.question_count() {
            let raw = f.get(&format!("q{q}")).map(|s| s.trim()).unwrap_or("");
            answers.push(if raw.is_empty() {
                None
            } else {
                Some(raw.parse::<u8>().map_err(|_| {
                    ApiError::unprocessable("sipas_answer_invalid", &format!("answers[{q}]"))
                        .arg("question", &d.design.question(q).code)
                        .arg("value", raw)
                })?)
            });
        }
        state.store.enter_paper_forms(id, unit_id, vec![answers], Some(p.me.user.id), state.now()).await?;
        Ok::<i64, ApiError>(unit_id)
    }
    .await;
    match result {
        Ok(unit_id) => Ok(redirect_done(&format!("/reform/sipas/{id}?unit_id={unit_id}"), "rf-paper-saved")),
        Err(e) => refuse(&state, p, id, e).await,
    }
}
