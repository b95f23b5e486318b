//! The status look-up (tra cứu hồ sơ) and the rating of a returned dossier.
//!
//! The check digits travel in POST bodies only, never in a URL. The look-up
//! and the rating both go through `routes::public::find_checked`, so a
//! wrong code and wrong digits answer alike and count against the same
//! limit as the JSON API.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use motcua_rules::dossier::Status;
use motcua_rules::validate;
use motcua_store::model::{Dossier, NewRating, RATING_CRITERIA, RATING_MAX_SCORE};
use serde::Deserialize;

use super::{closing_kind, due, timeliness};
use crate::auth::ClientAddr;
use crate::error::{ApiError, ApiResult};
use crate::routes::public::{PublicDossier, find_checked, public_view};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::format;
use crate::web::i18n;
use crate::web::page::{FormError, Page, is_form_error, render};

/// The longest rating comment accepted.
pub(super) const MAX_COMMENT: usize = 1000;

/// Where the rating of a looked-up dossier stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RatingState {
    /// Not returned yet: nothing to rate.
    NotYet,
    /// Returned, not rated: the form is shown.
    Open,
    /// Rated before this visit.
    Already,
    /// Rated just now.
    Thanks,
}

/// A history line as the public sees it (only notes for the applicant, no
/// officers).
pub struct PublicEventRow {
    note: Option<String>,
    at: String,
    action: String,
    status: String,
    status_class: &'static str,
}

/// The look-up's answer, ready for the page.
pub struct Found {
    view: PublicDossier,
    status: String,
    status_class: &'static str,
    timeliness: Option<(String, &'static str)>,
    received: String,
    due: String,
    /// The label of `finished`: a refusal is not a result.
    finished_label: String,
    finished: String,
    returned: String,
    events: Vec<PublicEventRow>,
    rating: RatingState,
    /// The electronic results issued, for whoever holds code and digits.
    results: Vec<super::results::PublicResultRow>,
}

#[derive(Template)]
#[template(path = "public/lookup.html")]
struct LookupPage {
    page: Page,
    code: String,
    /// The check digits, kept only to send them again with the rating
    /// form (a POST body); empty on a fresh form.
    check: String,
    error: Option<FormError>,
    found: Option<Found>,
    /// The rating form's own error, and what was chosen so far.
    rating_error: Option<FormError>,
    scores: [Option<u8>; RATING_CRITERIA],
    comment: String,
}

impl LookupPage {
    fn new(page: Page, code: String) -> LookupPage {
        LookupPage {
            page,
            code,
            check: String::new(),
            error: None,
            found: None,
            rating_error: None,
            scores: [None; RATING_CRITERIA],
            comment: String::new(),
        }
    }

    fn error_on(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.on(field))
    }

    fn rating_error_on(&self, i: &usize) -> bool {
        self.rating_error.as_ref().is_some_and(|e| e.on(&format!("scores[{i}]")))
    }

    fn rating_is(&self, state: &str) -> bool {
        let s = self.found.as_ref().map(|f| f.rating);
        matches!(
            (state, s),
            ("open", Some(RatingState::Open))
                | ("already", Some(RatingState::Already))
                | ("thanks", Some(RatingState::Thanks))
        )
    }

    /// The criteria, numbered from 0, with their words.
    fn criteria(&self) -> Vec<(usize, String)> {
        (0..RATING_CRITERIA).map(|i| (i, self.page.t(&format!("pub-rating-c{}", i + 1)))).collect()
    }

    /// The levels offered for each criterion, best first: the score, its
    /// name and its points.
    fn levels(&self) -> Vec<(u8, String, String)> {
        (0..=RATING_MAX_SCORE)
            .rev()
            .map(|s| {
                let points = if s == 1 { "pub-rating-points-one" } else { "pub-rating-points" };
                (s, self.page.t(&format!("pub-rating-level-{s}")), self.page.t1(points, "n", &s))
            })
            .collect()
    }

    fn chosen(&self, i: &usize, score: &u8) -> bool {
        self.scores.get(*i).copied().flatten() == Some(*score)
    }
}

#[derive(Deserialize)]
pub struct CodeQuery {
    code: Option<String>,
}

/// Keeps a typed dossier code to show it again: trimmed, at most 64 chars.
fn clean_code(raw: &str) -> String {
    raw.trim().chars().take(64).collect()
}

/// `GET /lookup` and `GET /lookup?code=…` (the QR code on the receipt): the
/// form, with the code filled in when given.
pub async fn form(page: Page, Query(q): Query<CodeQuery>) -> ApiResult<Response> {
    render(&LookupPage::new(page, q.code.as_deref().map(clean_code).unwrap_or_default()))
}

#[derive(Deserialize)]
pub struct LookupForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    check: String,
}

async fn found(state: &AppState, page: &Page, d: &Dossier, rating: RatingState) -> ApiResult<Found> {
    let view = public_view(state, d).await?;
    let lang = page.lang;
    let s = &d.state;
    let events = view
        .timeline
        .iter()
        .map(|e| {
            let st = Status::parse(e.status.key).unwrap_or(Status::Submitted);
            PublicEventRow {
                note: e.note.clone(),
                at: format::datetime(e.at.naive_local()),
                action: format::action_str(&e.action, lang),
                status: format::status(st, lang).to_owned(),
                status_class: format::status_class(st),
            }
        })
        .collect();
    Ok(Found {
        status: format::status(s.status, lang).to_owned(),
        status_class: format::status_class(s.status),
        timeliness: view.timeliness.map(|t| timeliness(t, s.status.is_closed(), lang)),
        finished_label: i18n::message(lang, &format!("pub-dossier-finished-{}", closing_kind(s.status)), &[]),
        received: format::opt_datetime(s.received_at),
        due: s.due_at.map_or_else(|| "—".to_owned(), due),
        finished: format::opt_datetime(s.finished_at),
        returned: format::opt_datetime(d.returned_at),
        events,
        rating,
        results: super::results::rows(state, page, d.id).await?,
        view,
    })
}

async fn rating_state(state: &AppState, d: &Dossier) -> ApiResult<RatingState> {
    if d.state.status != Status::Returned {
        return Ok(RatingState::NotYet);
    }
    Ok(if state.store.rating(d.id).await?.is_some() { RatingState::Already } else { RatingState::Open })
}

/// Shows the look-up form again with a refusal.
fn refused(page: Page, code: String, e: &ApiError) -> ApiResult<Response> {
    let mut p = LookupPage::new(page, code);
    p.error = Some(FormError::new(&p.page, e));
    let mut res = render(&p)?;
    *res.status_mut() = e.status;
    Ok(res)
}

/// `POST /lookup`: the dossier's progress, personal data masked.
pub async fn lookup(
    State(state): State<AppState>,
    addr: ClientAddr,
    page: Page,
    CsrfForm(f): CsrfForm<LookupForm>,
) -> ApiResult<Response> {
    let code = clean_code(&f.code);
    let check = f.check.trim().to_owned();
    let d = match find_checked(&state, &addr, &code, &check).await {
        Ok(d) => d,
        Err(e) if is_form_error(&e) || e.status.as_u16() == 404 => return refused(page, code, &e),
        Err(e) => return Err(e),
    };
    let rating = rating_state(&state, &d).await?;
    let found = found(&state, &page, &d, rating).await?;
    let mut p = LookupPage::new(page, found.view.code.clone());
    p.check = check;
    p.found = Some(found);
    render(&p)
}

#[derive(Deserialize)]
pub struct RateForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    check: String,
    // The scores and comment are read by the owner's rating too
    // (`rating.rs`), which has no code and digits to check.
    s0: Option<String>,
    s1: Option<String>,
    s2: Option<String>,
    s3: Option<String>,
    s4: Option<String>,
    s5: Option<String>,
    s6: Option<String>,
    s7: Option<String>,
    s8: Option<String>,
    #[serde(default)]
    pub(super) comment: String,
}

impl RateForm {
    /// The chosen score of each criterion, `None` where none (or nonsense)
    /// was sent.
    pub(super) fn scores(&self) -> [Option<u8>; RATING_CRITERIA] {
        let raw = [&self.s0, &self.s1, &self.s2, &self.s3, &self.s4, &self.s5, &self.s6, &self.s7, &self.s8];
        raw.map(|s| s.as_deref().and_then(|v| v.parse::<u8>().ok()).filter(|v| *v <= RATING_MAX_SCORE))
    }

    /// The rating of `dossier_id` the form gives, or its first problem.
    /// Shared by the look-up and the owner's page (`rating.rs`).
    pub(super) fn rating(&self, dossier_id: i64, now: chrono::NaiveDateTime) -> Result<NewRating, ApiError> {
        let scores = complete(&self.scores())?;
        let comment = validate::text(&self.comment, "comment", MAX_COMMENT)?;
        Ok(NewRating { dossier_id, scores, comment: (!comment.is_empty()).then_some(comment), now })
    }
}

/// Every criterion needs a level: the first without one is named.
pub(super) fn complete(scores: &[Option<u8>; RATING_CRITERIA]) -> Result<[u8; RATING_CRITERIA], ApiError> {
    let mut out = [0; RATING_CRITERIA];
    for (i, s) in scores.iter().enumerate() {
        out[i] = s.ok_or_else(|| {
            ApiError::unprocessable("required", &format!("scores[{i}]")).arg("case", "score").arg("n", i + 1)
        })?;
    }
    Ok(out)
}

/// `POST /lookup/rate`: the citizen's rating of a returned dossier, once.
/// The code and check digits are checked again; nothing personal is kept
/// with the rating.
pub async fn rate(
    State(state): State<AppState>,
    addr: ClientAddr,
    page: Page,
    CsrfForm(f): CsrfForm<RateForm>,
) -> ApiResult<Response> {
    let code = clean_code(&f.code);
    let check = f.check.trim().to_owned();
    let d = match find_checked(&state, &addr, &code, &check).await {
        Ok(d) => d,
        Err(e) if is_form_error(&e) || e.status.as_u16() == 404 => return refused(page, code, &e),
        Err(e) => return Err(e),
    };
    let (outcome, rating_error) = match f.rating(d.id, state.now()) {
        Ok(rating) => match state.store.rate_dossier(rating).await.map_err(ApiError::from) {
            Ok(_) => (RatingState::Thanks, None),
            Err(e) if e.code == "already_rated" => (RatingState::Already, Some(e)),
            Err(e) if is_form_error(&e) => (rating_state(&state, &d).await?, Some(e)),
            Err(e) => return Err(e),
        },
        Err(e) => (rating_state(&state, &d).await?, Some(e)),
    };
    let found = found(&state, &page, &d, outcome).await?;
    let mut p = LookupPage::new(page, found.view.code.clone());
    p.rating_error = rating_error.as_ref().map(|e| FormError::new(&p.page, e));
    if outcome == RatingState::Open {
        // Keep what was chosen, to fix only what is missing.
        p.scores = f.scores();
        p.comment = f.comment.chars().take(MAX_COMMENT).collect();
    }
    p.check = check;
    p.found = Some(found);
    let mut res = render(&p)?;
    if let Some(e) = rating_error {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_criterion_needs_a_level_and_the_first_missing_is_named() {
        let mut s = [Some(2); RATING_CRITERIA];
        assert_eq!(complete(&s).unwrap(), [2; RATING_CRITERIA]);
        s[4] = None;
        s[7] = None;
        let e = complete(&s).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("required", Some("scores[4]")));
    }

    #[test]
    fn only_the_three_levels_count_as_chosen() {
        let f = RateForm {
            code: String::new(),
            check: String::new(),
            s0: Some("2".into()),
            s1: Some("1".into()),
            s2: Some("0".into()),
            s3: Some("3".into()),
            s4: Some("x".into()),
            s5: None,
            s6: Some("2".into()),
            s7: Some("2".into()),
            s8: Some("-1".into()),
            comment: String::new(),
        };
        assert_eq!(f.scores(), [Some(2), Some(1), Some(0), None, None, None, Some(2), Some(2), None]);
    }
}
