//! `/office/portal-scores`: the reform office (or an administrator) records
//! the 766 scores the national portal published, one unit at a time or as
//! pasted CSV (`crate::routes::portal_scores`); the public ranking shows
//! them beside motcua's.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use motcua_store::{GroupScores, NewPortalScore, PortalScore};
use serde::Deserialize;

use crate::error::{ApiError, ApiResult};
use crate::extract::Params;
use crate::routes::portal_scores::{CSV_COLUMNS, parse_csv, recorder_scope, save};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Authed, Page, redirect_done, render};

/// The form's values, sent back when a line is refused.
#[derive(Deserialize, Default, Clone)]
pub struct ScoreForm {
    #[serde(default)]
    unit_code: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    total: String,
    /// Each group's cell, in `Group::ALL` order.
    #[serde(default)]
    transparency: String,
    #[serde(default)]
    progress: String,
    #[serde(default)]
    online_service: String,
    #[serde(default)]
    online_payment: String,
    #[serde(default)]
    digitisation: String,
    #[serde(default)]
    satisfaction: String,
    #[serde(default)]
    csv: String,
}

impl ScoreForm {
    /// The group inputs: name, label id, value.
    fn groups(&self) -> Vec<(&'static str, String, &str)> {
        let cells = [
            ("transparency", &self.transparency),
            ("progress", &self.progress),
            ("online_service", &self.online_service),
            ("online_payment", &self.online_payment),
            ("digitisation", &self.digitisation),
            ("satisfaction", &self.satisfaction),
        ];
        cells.into_iter().map(|(n, v)| (n, format!("stats-group-{}", n.replace('_', "-")), v.as_str())).collect()
    }

    /// The one line of the form, as the CSV reader reads it (so the same
    /// number rules and errors apply).
    fn lines(&self) -> ApiResult<Vec<NewPortalScore>> {
        if !self.csv.trim().is_empty() {
            return parse_csv(&self.csv);
        }
        let cells = [&self.total, &self.transparency, &self.progress, &self.online_service]
            .into_iter()
            .chain([&self.online_payment, &self.digitisation, &self.satisfaction])
            .map(|c| c.trim().replace(',', "."))
            .collect::<Vec<_>>()
            .join(";");
        parse_csv(&format!("{};{};{cells}", self.unit_code.trim(), self.period.trim()))
    }
}

#[derive(Template)]
#[template(path = "office/portal_scores.html")]
struct PortalScoresPage {
    page: Page,
    form: ScoreForm,
    csv_columns: String,
    units: Vec<(String, String)>,
    error: Option<String>,
    recorded: Vec<PortalScore>,
    period: String,
}

impl PortalScoresPage {
    /// A score the way the page's language writes numbers (81,50 in Vietnamese).
    fn score(&self, v: &f64) -> String {
        crate::web::stats::decimal(&self.page, *v)
    }

    fn group(&self, g: &GroupScores, i: &usize) -> String {
        let v = [g.transparency, g.progress, g.online_service, g.online_payment, g.digitisation, g.satisfaction][*i];
        v.map_or_else(|| "—".to_owned(), |v| self.score(&v))
    }
}

async fn view(state: &AppState, authed: Authed, form: ScoreForm, error: Option<String>) -> ApiResult<Response> {
    let scope = recorder_scope(&authed.me)?;
    let units: Vec<(String, String)> = state
        .store
        .units()
        .await?
        .into_iter()
        .filter(|u| u.path.starts_with(&scope.path))
        .map(|u| (u.code, u.name))
        .collect();
    let period = motcua_rules::index766::published::period_key(&form.period).unwrap_or_default();
    let recorded = match (&period, state.store.unit(scope.root_id()).await?) {
        (p, Some(root)) if !p.is_empty() => {
            let mut r: Vec<PortalScore> = state.store.portal_scores(root.id, p.clone()).await?.into_values().collect();
            r.retain(|s| units.iter().any(|(code, _)| *code == s.unit_code));
            r.sort_by(|a, b| a.unit_code.cmp(&b.unit_code));
            r
        }
        _ => Vec::new(),
    };
    let failed = error.is_some();
    let mut res = render(&PortalScoresPage {
        page: authed.page,
        form,
        csv_columns: CSV_COLUMNS.join(","),
        units,
        error,
        recorded,
        period,
    })?;
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

pub async fn show(State(state): State<AppState>, authed: Authed, params: Params) -> ApiResult<Response> {
    let form = ScoreForm { period: params.get("period").unwrap_or_default().to_owned(), ..ScoreForm::default() };
    view(&state, authed, form, None).await
}

pub async fn record(
    State(state): State<AppState>,
    authed: Authed,
    CsrfForm(form): CsrfForm<ScoreForm>,
) -> ApiResult<Response> {
    recorder_scope(&authed.me)?;
    let outcome = match form.lines() {
        Ok(lines) => save(&state, &authed.me, lines).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(_) => {
            let period = motcua_rules::index766::published::period_key(&form.period).unwrap_or_default();
            Ok(redirect_done(&format!("/office/portal-scores?period={period}"), "portal-scores-recorded"))
        }
        Err(e) if e.status == axum::http::StatusCode::FORBIDDEN => Err(e),
        Err(e) => {
            let text = field_text(&authed.page, &e);
            view(&state, authed, form, Some(text)).await
        }
    }
}

/// The error's message, with the line it is on for a CSV batch.
fn field_text(page: &Page, e: &ApiError) -> String {
    let line = e
        .field
        .as_deref()
        .and_then(|f| f.strip_prefix("scores["))
        .and_then(|f| f.split(']').next())
        .and_then(|n| n.parse::<usize>().ok());
    match line {
        Some(n) => format!("{} {}", page.t1("portal-scores-line", "line", &(n + 1)), page.error_text(e)),
        None => page.error_text(e),
    }
}
