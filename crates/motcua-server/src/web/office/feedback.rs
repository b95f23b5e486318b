//! Citizens' feedback (phản ánh, kiến nghị) owned by the user's unit
//! subtree, newest first, handled to its deadline (docs/feedback.md): the
//! due moment and an overdue flag, forwarding to the unit that owns the
//! matter, classifying and answering or refusing it, marking a repeat, and
//! publishing the answer when the sender agreed.
//!
//! Leaders, counter officers and administrators handle it and see how to
//! contact the sender. Specialists may read it (it is often about their
//! work) but see the sender's name and contact masked, and do not handle it.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use motcua_rules::Role;
use motcua_rules::feedback::Topic;
use motcua_rules::mask::{mask_email, mask_name, mask_phone};
use motcua_rules::validate;
use motcua_store::model::Feedback;
use motcua_store::{Closing, FeedbackHandler};
use serde::Deserialize;

use super::staff_unit;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::feedback_words::{Line, lines, stage_words, topic_words};
use crate::web::format;
use crate::web::page::{Authed, FormError, Page, is_form_error, render};

/// How many feedback items the page lists (the newest).
const LIST_LIMIT: u32 = 200;

/// The longest answer accepted: a letter, not a report.
const MAX_ANSWER: usize = 4000;

/// The longest note kept with a forwarding.
const MAX_NOTE: usize = 500;

/// The roles that handle feedback.
const HANDLING: [Role; 3] = [Role::Leader, Role::CounterOfficer, Role::Admin];

struct Item {
    id: i64,
    received: String,
    unit: String,
    dossier_code: Option<String>,
    name: String,
    contact: Option<String>,
    subject: String,
    content: String,
    open: bool,
    stage: String,
    topic: Option<String>,
    topic_words: String,
    answer_by: String,
    overdue: bool,
    refused: bool,
    answer: Option<String>,
    answered_at: String,
    can_publish: bool,
    published: bool,
    rating: Option<String>,
    repeat_of: Option<i64>,
    history: Vec<Line>,
    /// Typed text and error, when an action on this item came back refused.
    typed: String,
    error: Option<FormError>,
}

/// A unit the feedback can be forwarded to.
struct Target {
    id: i64,
    label: String,
}

#[derive(Template)]
#[template(path = "office/feedback.html")]
struct FeedbackPage {
    page: Page,
    items: Vec<Item>,
    can_handle: bool,
    targets: Vec<Target>,
    /// At most [`LIST_LIMIT`] are shown: say so when the list is full.
    full: bool,
}

fn item(state: &AppState, page: &Page, f: Feedback, full_contact: bool) -> Item {
    let contact = f.contact.as_deref().map(|c| {
        if full_contact {
            c.to_owned()
        } else if c.contains('@') {
            mask_email(c)
        } else {
            mask_phone(c)
        }
    });
    Item {
        id: f.id,
        received: format::datetime(f.created_at),
        unit: f.unit_name.clone().unwrap_or_else(|| page.t("office-feedback-no-unit")),
        dossier_code: f.dossier_code.clone(),
        name: if full_contact { f.name.clone() } else { mask_name(&f.name) },
        contact,
        subject: f.subject.clone(),
        content: f.content.clone(),
        open: f.status == Feedback::RECEIVED,
        stage: stage_words(page, &f),
        topic_words: topic_words(page, f.topic.as_deref()),
        topic: f.topic.clone(),
        answer_by: format::opt_datetime(f.answer_by),
        overdue: f.overdue(state.now()),
        refused: f.status == Feedback::REFUSED,
        answer: f.answer.clone(),
        answered_at: format::opt_datetime(f.answered_at),
        can_publish: f.status == Feedback::ANSWERED && f.publish_consent && f.published_at.is_none(),
        published: f.published_at.is_some(),
        rating: f.rating.as_deref().map(|r| page.t(&format!("feedback-rating-{r}"))),
        repeat_of: f.repeat_of,
        history: Vec::new(),
        typed: String::new(),
        error: None,
    }
}

async fn page_for(state: &AppState, a: &Authed) -> ApiResult<FeedbackPage> {
    let unit = staff_unit(a)?;
    let can_handle = HANDLING.contains(&a.me.role());
    let list = state.store.feedback_list(&unit.path, LIST_LIMIT).await?;
    let full = list.len() >= LIST_LIMIT as usize;
    // Every listed item's history in one read.
    let mut histories = state.store.feedback_histories(list.iter().map(|f| f.id).collect()).await?;
    let items = list
        .into_iter()
        .map(|f| {
            let mut it = item(state, &a.page, f, can_handle);
            if let Some(events) = histories.remove(&it.id) {
                it.history = lines(&a.page, &events, true);
            }
            it
        })
        .collect();
    let targets = if can_handle {
        let province = unit.root_id();
        let units = state.store.units().await?;
        crate::web::public::unit_tree(&units.into_iter().filter(|u| u.province_id == province).collect::<Vec<_>>())
            .into_iter()
            .map(|o| Target { id: o.id, label: o.label })
            .collect()
    } else {
        Vec::new()
    };
    Ok(FeedbackPage { page: a.page.clone(), items, can_handle, targets, full })
}

/// `GET /office/feedback`.
pub async fn list(State(state): State<AppState>, a: Authed) -> ApiResult<Response> {
    render(&page_for(&state, &a).await?)
}

/// The officer acting, as the store sees them.
fn handler(a: &Authed) -> Result<FeedbackHandler, ApiError> {
    a.require(&HANDLING)?;
    let unit = staff_unit(a)?;
    Ok(FeedbackHandler { user_id: a.me.user.id, unit_id: unit.id, province_id: unit.root_id(), scope: unit.path })
}

/// Runs one action on feedback `id`; on success back at the item with a
/// notice, on a refused form the page again with the error on the item.
async fn act<F>(state: &AppState, a: &Authed, id: &str, typed: &str, notice: &str, run: F) -> ApiResult<Response>
where
    F: std::future::Future<Output = Result<Feedback, ApiError>>,
{
    let id: i64 = id.parse().map_err(|_| crate::web::not_found())?;
    match run.await {
        Ok(_) => Ok(Redirect::to(&format!("/office/feedback?done={notice}#fb-{id}")).into_response()),
        Err(e) if is_form_error(&e) => {
            let mut page = page_for(state, a).await?;
            let error = FormError::new(&a.page, &e);
            for it in page.items.iter_mut().filter(|it| it.id == id) {
                it.typed = typed.to_owned();
                it.error = Some(error.clone());
            }
            let mut res = render(&page)?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

fn feedback_id(id: &str) -> Result<i64, ApiError> {
    id.parse().map_err(|_| crate::web::not_found())
}

#[derive(Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    answer: String,
    #[serde(default)]
    topic: String,
    /// `answer` or `refuse`: the button pressed.
    #[serde(default)]
    how: String,
}

/// `POST /office/feedback/{id}/answer`: answers or refuses, with the topic.
pub async fn answer(
    State(state): State<AppState>,
    a: Authed,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<CloseForm>,
) -> ApiResult<Response> {
    let by = handler(&a)?;
    let how = if form.how == "refuse" { Closing::Refuse } else { Closing::Answer };
    let notice = if how == Closing::Refuse { "feedback-refused" } else { "feedback-answered" };
    let run = async {
        let n = feedback_id(&id)?;
        let topic = match form.topic.trim() {
            "" => None,
            t => Some(Topic::parse(t, "topic")?),
        };
        let text = validate::required_text(&form.answer, "answer", MAX_ANSWER)?;
        Ok(state.store.close_feedback(n, by, how, topic, text, state.now()).await?)
    };
    act(&state, &a, &id, &form.answer, notice, run).await
}

#[derive(Deserialize)]
pub struct ForwardForm {
    #[serde(default)]
    to_unit: String,
    #[serde(default)]
    note: String,
}

/// `POST /office/feedback/{id}/forward`: to the unit that owns the matter.
pub async fn forward(
    State(state): State<AppState>,
    a: Authed,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ForwardForm>,
) -> ApiResult<Response> {
    let by = handler(&a)?;
    let run = async {
        let n = feedback_id(&id)?;
        let to: i64 = form.to_unit.trim().parse().map_err(|_| {
            ApiError::from(motcua_rules::RuleError::invalid("unknown_unit", "to_unit").arg("case", "feedback"))
        })?;
        let note = Some(validate::text(&form.note, "note", MAX_NOTE)?).filter(|n| !n.is_empty());
        Ok(state.store.forward_feedback(n, by, to, note, state.now()).await?)
    };
    act(&state, &a, &id, "", "feedback-forwarded", run).await
}

#[derive(Deserialize)]
pub struct RepeatForm {
    #[serde(default)]
    repeat_of: String,
}

/// `POST /office/feedback/{id}/repeat`: the same matter as an earlier one.
pub async fn repeat(
    State(state): State<AppState>,
    a: Authed,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<RepeatForm>,
) -> ApiResult<Response> {
    let by = handler(&a)?;
    let run = async {
        let n = feedback_id(&id)?;
        let of: i64 =
            form.repeat_of.trim().trim_start_matches('#').parse().map_err(|_| {
                ApiError::from(motcua_rules::RuleError::invalid("feedback_repeat_invalid", "repeat_of"))
            })?;
        Ok(state.store.mark_feedback_repeat(n, by, of, state.now()).await?)
    };
    act(&state, &a, &id, "", "feedback-marked-repeat", run).await
}

/// `POST /office/feedback/{id}/publish`: publishes an answer the sender
/// agreed to publish.
pub async fn publish(
    State(state): State<AppState>,
    a: Authed,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<std::collections::HashMap<String, String>>,
) -> ApiResult<Response> {
    let by = handler(&a)?;
    let run = async { Ok(state.store.publish_feedback(feedback_id(&id)?, by, state.now()).await?) };
    act(&state, &a, &id, "", "feedback-published", run).await
}
