//! Citizens' feedback (phản ánh, kiến nghị) addressed to the user's unit
//! subtree, newest first, and the unit's answer.
//!
//! Leaders, counter officers and administrators receive and answer it, and
//! see how to contact the sender. Specialists may read it (it is often
//! about their work) but see the sender's name and contact masked, and do
//! not answer.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use motcua_rules::Role;
use motcua_rules::mask::{mask_email, mask_name, mask_phone};
use motcua_rules::validate;
use motcua_store::model::Feedback;
use serde::Deserialize;

use super::staff_unit;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::format;
use crate::web::page::{Authed, FormError, Page, is_form_error, render};

/// How many feedback items the page lists (the newest).
const LIST_LIMIT: u32 = 200;

/// The longest answer accepted: a letter, not a report.
const MAX_ANSWER: usize = 4000;

/// The roles that receive and answer feedback.
const ANSWERING: [Role; 3] = [Role::Leader, Role::CounterOfficer, Role::Admin];

struct Item {
    id: i64,
    received: String,
    unit: String,
    dossier_code: Option<String>,
    name: String,
    contact: Option<String>,
    subject: String,
    content: String,
    answered: bool,
    answer: Option<String>,
    answered_at: String,
    /// Typed answer and error, when the answer came back refused.
    typed: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "office/feedback.html")]
struct FeedbackPage {
    page: Page,
    items: Vec<Item>,
    can_answer: bool,
    /// At most [`LIST_LIMIT`] are shown: say so when the list is full.
    full: bool,
}

fn item(page: &Page, f: Feedback, full_contact: bool) -> Item {
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
        unit: f.unit_name.unwrap_or_else(|| page.t("office-feedback-no-unit")),
        dossier_code: f.dossier_code,
        name: if full_contact { f.name } else { mask_name(&f.name) },
        contact,
        subject: f.subject,
        content: f.content,
        answered: f.status == Feedback::ANSWERED,
        answer: f.answer,
        answered_at: format::opt_datetime(f.answered_at),
        typed: String::new(),
        error: None,
    }
}

async fn page_for(state: &AppState, a: &Authed) -> ApiResult<FeedbackPage> {
    let unit = staff_unit(a)?;
    let can_answer = ANSWERING.contains(&a.me.role());
    let list = state.store.feedback_list(&unit.path, LIST_LIMIT).await?;
    let full = list.len() >= LIST_LIMIT as usize;
    let items = list.into_iter().map(|f| item(&a.page, f, can_answer)).collect();
    Ok(FeedbackPage { page: a.page.clone(), items, can_answer, full })
}

/// `GET /office/feedback`.
pub async fn list(State(state): State<AppState>, a: Authed) -> ApiResult<Response> {
    render(&page_for(&state, &a).await?)
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// `POST /office/feedback/{id}/answer`.
pub async fn answer(
    State(state): State<AppState>,
    a: Authed,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> ApiResult<Response> {
    a.require(&ANSWERING)?;
    let id: i64 = id.parse().map_err(|_| crate::web::not_found())?;
    let unit = staff_unit(&a)?;
    let attempt = async {
        let text = validate::required_text(&form.answer, "answer", MAX_ANSWER)?;
        Ok::<_, crate::error::ApiError>(state.store.answer_feedback(id, &unit.path, text, state.now()).await?)
    };
    match attempt.await {
        // The notice, then back at the item answered.
        Ok(_) => Ok(Redirect::to(&format!("/office/feedback?done=feedback-answered#fb-{id}")).into_response()),
        Err(e) if is_form_error(&e) => {
            let mut page = page_for(&state, &a).await?;
            let error = FormError::new(&a.page, &e);
            for it in page.items.iter_mut().filter(|it| it.id == id) {
                it.typed = form.answer.clone();
                it.error = Some(error.message.clone());
            }
            let mut res = render(&page)?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
