//! The owner's rating of a returned dossier, from "My dossiers"
//! (`POST /my/{ref}/rate`). The session already proves who the owner is,
//! so the last digits of the phone or identity number are not asked
//! again; they stay the proof on the anonymous path (`lookup::rate`). The
//! rating itself is the same: nine criteria, once per dossier, nothing
//! personal kept with it.

use axum::extract::{Path, State};
use axum::response::Response;
use motcua_rules::Role;
use motcua_store::model::{RATING_CRITERIA, RATING_MAX_SCORE};

use super::lookup::{MAX_COMMENT, RateForm};
use crate::error::{ApiError, ApiResult};
use crate::routes::dossiers::{parse_ref, visible};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Authed, FormError, Page, is_form_error, redirect_done, urlencode};

/// The rating form on the owner's dossier page: the criteria and levels in
/// the page's language, what was chosen, and the error of a refused try.
pub struct RatingForm {
    pub criteria: Vec<(usize, String)>,
    /// Best first: the score, its name and its points.
    pub levels: Vec<(u8, String, String)>,
    pub scores: [Option<u8>; RATING_CRITERIA],
    pub comment: String,
    pub error: Option<FormError>,
}

impl RatingForm {
    pub fn new(page: &Page, error: Option<FormError>, scores: [Option<u8>; RATING_CRITERIA]) -> RatingForm {
        let criteria = (0..RATING_CRITERIA).map(|i| (i, page.t(&format!("pub-rating-c{}", i + 1)))).collect();
        let levels = (0..=RATING_MAX_SCORE)
            .rev()
            .map(|s| {
                let points = if s == 1 { "pub-rating-points-one" } else { "pub-rating-points" };
                (s, page.t(&format!("pub-rating-level-{s}")), page.t1(points, "n", &s))
            })
            .collect();
        RatingForm { criteria, levels, scores, comment: String::new(), error }
    }

    pub fn chosen(&self, i: &usize, score: &u8) -> bool {
        self.scores.get(*i).copied().flatten() == Some(*score)
    }

    pub fn error_on(&self, i: &usize) -> bool {
        self.error.as_ref().is_some_and(|e| e.on(&format!("scores[{i}]")))
    }
}

/// `POST /my/{ref}/rate`: the owner rates their returned dossier.
pub async fn rate(
    State(state): State<AppState>,
    authed: Authed,
    Path(r): Path<String>,
    CsrfForm(f): CsrfForm<RateForm>,
) -> ApiResult<Response> {
    authed.require(&[Role::Citizen])?;
    // Only the owner sees it (`visible`), so only the owner rates it.
    // The store refuses a dossier not returned yet (`rating_not_allowed`).
    let (d, _) = visible(&state, &authed.me, parse_ref(&r)).await?;
    let result = match f.rating(d.id, state.now()) {
        Ok(rating) => state.store.rate_dossier(rating).await.map(|_| ()).map_err(ApiError::from),
        Err(e) => Err(e),
    };
    let reference = d.code.clone().unwrap_or_else(|| d.id.to_string());
    match result {
        Ok(()) => Ok(redirect_done(&format!("/my/{}", urlencode(&reference)), "rated")),
        Err(e) if e.code == "rating_not_allowed" => Err(e),
        // Rated already (another tab): the page says so by showing no form.
        Err(e) if e.code == "already_rated" => Ok(redirect_done(&format!("/my/{}", urlencode(&reference)), "rated")),
        Err(e) if is_form_error(&e) => {
            let mut form = RatingForm::new(&authed.page, Some(FormError::new(&authed.page, &e)), f.scores());
            form.comment = f.comment.chars().take(MAX_COMMENT).collect();
            let mut res = super::mine::show(&state, authed, &r, Some(form)).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
