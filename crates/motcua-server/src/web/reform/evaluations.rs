//! `/reform/evaluations`: citizens' per-dossier evaluations (9 criteria ×
//! 2 points) summarised per receiving unit or per receiving officer.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use motcua_rules::par::Points;
use motcua_rules::sipas::EVALUATION_CRITERIA;

use super::{ReformPage, pts};
use crate::error::ApiResult;
use crate::routes::reform_evaluations::{Evaluations, summarise};
use crate::state::AppState;
use crate::web::page::{Page, render};

pub fn routes() -> Router<AppState> {
    Router::new().route("/reform/evaluations", get(page))
}

#[derive(Template)]
#[template(path = "reform/evaluations.html")]
struct EvaluationsPage {
    page: Page,
    ev: Evaluations,
    criteria: Vec<String>,
}

impl EvaluationsPage {
    fn p(&self, v: &Option<Points>) -> String {
        v.map(|v| pts(&self.page, v)).unwrap_or_else(|| "—".to_owned())
    }
}

#[derive(serde::Deserialize)]
struct ByQuery {
    by: Option<String>,
}

async fn page(State(state): State<AppState>, p: ReformPage, Query(q): Query<ByQuery>) -> ApiResult<Response> {
    let ev = summarise(&state, &p.me, q.by.as_deref().unwrap_or("unit")).await?;
    let english = p.page.lang.english();
    let criteria = EVALUATION_CRITERIA.iter().map(|c| if english { c.name_en } else { c.name_vi }.to_owned()).collect();
    render(&EvaluationsPage { page: p.page, ev, criteria })
}
