//! The sender's side of a feedback after sending it: the tracking page
//! (opened with the key of the link given at sending; nothing else shows
//! it), the rating of the handling, and the answers published with their
//! senders' consent (docs/feedback.md).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use motcua_rules::feedback::Satisfaction;
use motcua_store::model::Feedback;
use serde::Deserialize;

use super::feedback::KeyQuery;
use crate::auth::token_hash;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::feedback_words::{Line, lines, stage_words, topic_words};
use crate::web::format;
use crate::web::page::{FormError, Page, is_form_error, render};

/// How many published answers the public page lists (the newest).
const PUBLISHED_LIMIT: u32 = 100;

/// A tracking key as `auth::new_token` makes them: 64 hex digits.
pub fn is_key(k: &str) -> bool {
    k.len() == 64 && k.bytes().all(|b| b.is_ascii_hexdigit())
}

#[derive(Template)]
#[template(path = "public/feedback_track.html")]
struct TrackPage {
    page: Page,
    f: Feedback,
    key: String,
    stage: String,
    topic: String,
    received: String,
    answer_by: String,
    answered_at: String,
    overdue: bool,
    rating: Option<String>,
    can_rate: bool,
    history: Vec<Line>,
    error: Option<FormError>,
}

async fn track_page(
    state: &AppState,
    page: Page,
    id: &str,
    key: &str,
    error: Option<FormError>,
) -> ApiResult<Response> {
    let id = id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(crate::web::not_found)?;
    if !is_key(key) {
        return Err(crate::web::not_found());
    }
    let (f, events) = state.store.feedback_for_sender(id, token_hash(key)).await?.ok_or_else(crate::web::not_found)?;
    let rating = f.rating.as_deref().map(|r| page.t(&format!("feedback-rating-{r}")));
    let can_rate = f.status != Feedback::RECEIVED && f.rating.is_none();
    render(&TrackPage {
        stage: stage_words(&page, &f),
        topic: topic_words(&page, f.topic.as_deref()),
        received: format::datetime(f.created_at),
        answer_by: format::opt_datetime(f.answer_by),
        answered_at: format::opt_datetime(f.answered_at),
        overdue: f.overdue(state.now()),
        history: lines(&page, &events, false),
        rating,
        can_rate,
        key: key.to_owned(),
        f,
        page,
        error,
    })
}

/// `GET /feedback/{id}?k=`: the sender's view, with the key of their link.
pub async fn track(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    Query(q): Query<KeyQuery>,
) -> ApiResult<Response> {
    track_page(&state, page, &id, &q.k, None).await
}

#[derive(Deserialize)]
pub struct RatingForm {
    #[serde(default)]
    k: String,
    #[serde(default)]
    rating: String,
}

/// `POST /feedback/{id}/rating`: the sender's verdict on the handling.
pub async fn rate(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<RatingForm>,
) -> ApiResult<Response> {
    let n = id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(crate::web::not_found)?;
    if !is_key(&form.k) {
        return Err(crate::web::not_found());
    }
    let attempt = async {
        let rating = Satisfaction::parse(&form.rating, "rating")?;
        Ok::<_, ApiError>(state.store.rate_feedback(n, token_hash(&form.k), rating, state.now()).await?)
    };
    match attempt.await {
        Ok(_) => Ok(Redirect::to(&format!("/feedback/{n}?k={}&done=feedback-rated", form.k)).into_response()),
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&page, &e));
            let mut res = track_page(&state, page, &id, &form.k, error).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

/// A published answer as the public sees it: nothing of the sender.
struct Published {
    id: i64,
    unit: String,
    topic: String,
    subject: String,
    content: String,
    answer: String,
    received: String,
    answered: String,
}

#[derive(Template)]
#[template(path = "public/feedback_answers.html")]
struct AnswersPage {
    page: Page,
    items: Vec<Published>,
}

/// `GET /feedback/answers`: the answers published with their senders' consent.
pub async fn answers(State(state): State<AppState>, page: Page) -> ApiResult<Response> {
    let items = state
        .store
        .published_feedback(PUBLISHED_LIMIT)
        .await?
        .into_iter()
        .map(|f| Published {
            id: f.id,
            unit: f.unit_name.clone().unwrap_or_default(),
            topic: topic_words(&page, f.topic.as_deref()),
            subject: f.subject.clone(),
            content: f.content.clone(),
            answer: f.answer.clone().unwrap_or_default(),
            received: format::date(f.created_at.date()),
            answered: format::opt_datetime(f.answered_at),
        })
        .collect();
    render(&AnswersPage { page, items })
}
