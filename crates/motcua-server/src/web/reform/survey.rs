//! `/survey/{token}`: the public SIPAS survey reached by a one-time link
//! or its QR code. No login, and nothing about the person is asked or
//! kept: the answers are stored without the token, and the token is only
//! marked used.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use motcua_rules::sipas::{Element, Level, Question};

use crate::auth::token_hash;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{FormError, Page, is_form_error, render};

pub fn routes() -> Router<AppState> {
    Router::new().route("/survey/{token}", get(survey_page).post(answer))
}

/// An element's number, the element, and its questions with their form
/// numbers.
type Numbered<'a> = (usize, &'a Element, Vec<(usize, &'a Question)>);

#[derive(Template)]
#[template(path = "reform/survey.html")]
struct SurveyPage {
    page: Page,
    token: String,
    unit_name: String,
    year: i32,
    /// Answered (now or before): the page thanks instead of asking.
    answered: bool,
    elements: Vec<Element>,
    levels: Vec<(u8, &'static str)>,
    chosen: HashMap<String, String>,
    error: Option<FormError>,
}

impl SurveyPage {
    /// The question numbers run on across elements (q0, q1 …).
    fn numbered(&self) -> Vec<Numbered<'_>> {
        let mut n = 0;
        self.elements
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let qs = e.questions.iter().map(|q| {
                    n += 1;
                    (n - 1, q)
                });
                (i + 1, e, qs.collect())
            })
            .collect()
    }

    fn lead(&self) -> String {
        self.page.t2("rf-survey-lead", ("unit", &self.unit_name), ("year", &self.year))
    }

    fn is_chosen(&self, q: &usize, level: &u8) -> bool {
        self.chosen.get(&format!("q{q}")).is_some_and(|v| *v == level.to_string())
    }
}

async fn show(
    state: &AppState,
    page: Page,
    token: String,
    chosen: HashMap<String, String>,
    error: Option<FormError>,
) -> ApiResult<Response> {
    let s = state.store.token_survey(token_hash(&token)).await?;
    render(&SurveyPage {
        page,
        token,
        unit_name: s.unit_name,
        year: s.year,
        answered: s.used,
        elements: s.design.design.into_design().elements,
        levels: Level::ALL.iter().map(|l| (l.number(), l.label_vi())).collect(),
        chosen,
        error,
    })
}

async fn survey_page(State(state): State<AppState>, page: Page, Path(token): Path<String>) -> ApiResult<Response> {
    show(&state, page, token, HashMap::new(), None).await
}

async fn answer(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
    CsrfForm(f): CsrfForm<HashMap<String, String>>,
) -> ApiResult<Response> {
    let s = state.store.token_survey(token_hash(&token)).await?;
    let count = s.design.design.question_count();
    let answers: Vec<Option<u8>> =
        (0..count).map(|q| f.get(&format!("q{q}")).and_then(|v| v.trim().parse().ok())).collect();
    match state.store.answer_by_token(token_hash(&token), answers, state.now().date()).await.map_err(ApiError::from) {
        Ok(()) => show(&state, page, token, HashMap::new(), None).await,
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&page, &e));
            let mut res = show(&state, page, token, f, error).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
