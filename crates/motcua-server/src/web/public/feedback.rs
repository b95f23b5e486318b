//! Feedback (phản ánh, kiến nghị, PAKN): how to give it, and the form that
//! records it for the unit concerned. The sender gets a reference number.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use motcua_rules::codes::{looks_like_dossier_code, normalize_dossier_code};
use motcua_rules::feedback::{Deadlines, Topic};
use motcua_rules::validate::{self, Email, PersonName, PhoneNumber};
use motcua_rules::{Problems, RuleError};
use motcua_store::model::NewFeedback;
use serde::Deserialize;

use super::{UnitOption, unit_tree};
use crate::auth::{new_token, token_hash};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{FormError, Page, is_form_error, render};

/// The longest subject: one line.
pub const MAX_SUBJECT: usize = 200;
/// The longest feedback text.
pub const MAX_CONTENT: usize = 4000;
/// The shortest feedback text that can say what happened.
pub const MIN_CONTENT: usize = 20;

#[derive(Deserialize, Default)]
pub struct FeedbackForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    dossier_code: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    content: String,
    /// `regulation`, `conduct`, or empty: the sender does not say.
    #[serde(default)]
    topic: String,
    /// The checkbox "publish the answer": present when ticked.
    #[serde(default)]
    consent: Option<String>,
}

#[derive(Template)]
#[template(path = "public/feedback.html")]
struct FeedbackPage {
    page: Page,
    units: Vec<UnitOption>,
    f: FeedbackForm,
    error: Option<FormError>,
    max_subject: usize,
    max_content: usize,
    min_content: usize,
}

impl FeedbackPage {
    fn error_on(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.on(field))
    }

    /// The messages about `field`, to show under it.
    fn error_for(&self, field: &str) -> Option<String> {
        self.error.as_ref()?.message_on(field)
    }

    fn content_hint(&self) -> String {
        let max = crate::web::format::thousands(self.max_content as i64);
        self.page.t2("pub-feedback-content-hint", ("min", &self.min_content), ("max", &max))
    }

    fn selected(&self, id: &i64) -> bool {
        self.f.unit == id.to_string()
    }

    fn topic_is(&self, topic: &str) -> bool {
        self.f.topic == topic
    }
}

async fn page_with(state: &AppState, page: Page, f: FeedbackForm, error: Option<FormError>) -> ApiResult<Response> {
    let units = unit_tree(&state.store.units().await?);
    render(&FeedbackPage {
        page,
        units,
        f,
        error,
        max_subject: MAX_SUBJECT,
        max_content: MAX_CONTENT,
        min_content: MIN_CONTENT,
    })
}

/// `GET /feedback`.
pub async fn form(State(state): State<AppState>, page: Page) -> ApiResult<Response> {
    page_with(&state, page, FeedbackForm::default(), None).await
}

/// The form as a record to store, or every problem, each on its field. The
/// due moments and the tracking key are filled in by the caller.
fn parse(f: &FeedbackForm, now: chrono::NaiveDateTime) -> Result<NewFeedback, ApiError> {
    let mut p = Problems::new();
    let name = p.check(PersonName::parse(&f.name, "name"));
    let contact = f.contact.trim();
    let contact = if contact.is_empty() {
        p.add(RuleError::invalid("contact_required", "contact"));
        None
    } else if contact.contains('@') {
        p.check(Email::parse(contact, "contact")).map(|e| e.as_str().to_owned())
    } else {
        p.check(PhoneNumber::parse(contact, "contact")).map(|n| n.as_str().to_owned())
    };
    let unit_id = match f.unit.trim() {
        "" => None,
        raw => {
            p.check(raw.parse::<i64>().map_err(|_| RuleError::invalid("unknown_unit", "unit").arg("case", "feedback")))
        }
    };
    let dossier_code = match normalize_dossier_code(&f.dossier_code) {
        c if c.is_empty() => None,
        c if looks_like_dossier_code(&c) => Some(c),
        _ => {
            p.add(RuleError::invalid("invalid_dossier_code", "dossier_code"));
            None
        }
    };
    let subject = p.check(validate::required_text(&f.subject, "subject", MAX_SUBJECT));
    if subject.as_ref().is_some_and(|s| s.contains('\n')) {
        p.add(RuleError::invalid("invalid_text", "subject").arg("case", "one-line"));
    }
    let topic = match f.topic.trim() {
        "" => None,
        t => p.check(Topic::parse(t, "topic")).map(|t| t.as_str().to_owned()),
    };
    let content = p.check(validate::required_text(&f.content, "content", MAX_CONTENT));
    if content.as_ref().is_some_and(|c| c.chars().count() < MIN_CONTENT) {
        p.add(RuleError::invalid("text_too_short", "content").arg("min", MIN_CONTENT));
    }
    match (name, contact, subject, content) {
        (Some(name), Some(contact), Some(subject), Some(content)) if p.is_empty() => Ok(NewFeedback {
            unit_id,
            dossier_code,
            name: name.as_str().to_owned(),
            contact: Some(contact),
            subject,
            content,
            topic,
            publish_consent: f.consent.is_some(),
            track_key_hash: String::new(),
            refuse_by: now,
            answer_by: now,
            now,
        }),
        _ => Err(p.into()),
    }
}

/// `POST /feedback`: stores it and sends the browser to its receipt.
pub async fn send(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(f): CsrfForm<FeedbackForm>,
) -> ApiResult<Response> {
    let key = new_token()?;
    let stored = match parse(&f, state.now()) {
        Ok(mut new) => {
            let due = Deadlines::SPEC.due(&state.calendar(), new.now).map_err(ApiError::from)?;
            (new.refuse_by, new.answer_by, new.track_key_hash) = (due.refuse_by, due.answer_by, token_hash(&key));
            state.store.create_feedback(new).await.map_err(ApiError::from)
        }
        Err(e) => Err(e),
    };
    match stored {
        // The key travels in the query string, which no log line records.
        Ok(id) => {
            tracing::info!(feedback.id = id, "feedback received");
            Ok(Redirect::to(&format!("/feedback/received/{id}?k={key}")).into_response())
        }
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&page, &e));
            let mut res = page_with(&state, page, f, error).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "public/feedback_received.html")]
struct ReceivedPage {
    page: Page,
    id: i64,
    /// The sender's tracking link, when the key came with the redirect.
    track: Option<String>,
}

#[derive(Deserialize)]
pub struct KeyQuery {
    #[serde(default)]
    pub k: String,
}

/// `GET /feedback/received/{id}?k=`: the reference number and the tracking
/// link to keep. It shows nothing of what was sent.
pub async fn received(page: Page, Path(id): Path<String>, Query(q): Query<KeyQuery>) -> ApiResult<Response> {
    let id = id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(crate::web::not_found)?;
    let track = super::feedback_track::is_key(&q.k).then(|| format!("/feedback/{id}?k={}", q.k));
    render(&ReceivedPage { page, id, track })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> FeedbackForm {
        FeedbackForm {
            name: "Nguyễn Văn An".into(),
            contact: "0912345678".into(),
            unit: String::new(),
            dossier_code: String::new(),
            subject: "Chờ lâu tại quầy".into(),
            content: "Tôi phải chờ hơn hai giờ để được tiếp nhận hồ sơ.".into(),
            topic: String::new(),
            consent: None,
        }
    }

    fn now() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    #[track_caller]
    fn refused(f: FeedbackForm, code: &str, field: &str) {
        let e = parse(&f, now()).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (code, Some(field)));
    }

    #[test]
    fn a_complete_form_becomes_feedback() {
        let new =
            parse(&FeedbackForm { contact: " an@example.vn ".into(), unit: "4".into(), ..form() }, now()).unwrap();
        assert_eq!(new.unit_id, Some(4));
        assert_eq!(new.contact.as_deref(), Some("an@example.vn"));
        let new = parse(&FeedbackForm { dossier_code: " h11.100-260304-0001 ".into(), ..form() }, now()).unwrap();
        assert_eq!(new.dossier_code.as_deref(), Some("H11.100-260304-0001"));
        assert_eq!((new.topic, new.publish_consent), (None, false));
        let new =
            parse(&FeedbackForm { topic: "conduct".into(), consent: Some("on".into()), ..form() }, now()).unwrap();
        assert_eq!((new.topic.as_deref(), new.publish_consent), (Some("conduct"), true));
    }

    #[test]
    fn each_problem_is_named_on_its_field() {
        refused(FeedbackForm { name: " ".into(), ..form() }, "invalid_name", "name");
        refused(FeedbackForm { contact: String::new(), ..form() }, "contact_required", "contact");
        refused(FeedbackForm { dossier_code: "abc".into(), ..form() }, "invalid_dossier_code", "dossier_code");
        refused(FeedbackForm { unit: "x".into(), ..form() }, "unknown_unit", "unit");
        refused(FeedbackForm { subject: String::new(), ..form() }, "required", "subject");
        refused(FeedbackForm { topic: "other".into(), ..form() }, "feedback_topic_invalid", "topic");
        refused(FeedbackForm { content: "ngắn".into(), ..form() }, "text_too_short", "content");
        refused(FeedbackForm { content: "x".repeat(MAX_CONTENT + 1), ..form() }, "text_too_long", "content");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let empty = FeedbackForm {
            name: String::new(),
            contact: String::new(),
            unit: String::new(),
            dossier_code: "abc".into(),
            subject: String::new(),
            content: "ngắn".into(),
            topic: "x".into(),
            consent: None,
        };
        let e = parse(&empty, now()).unwrap_err();
        let fields: Vec<_> = e.each().map(|p| p.field.clone().unwrap_or_default()).collect();
        assert_eq!(fields, ["name", "contact", "dossier_code", "subject", "topic", "content"]);
    }
}
