//! Pages of administrative-reform evaluation (PAR INDEX) and SIPAS:
//! campaigns, a unit's sheet (self-assessment, evidence, appraisal), the
//! ranking and a unit's report, frameworks and published results, survey
//! designs with links, paper forms, the index and the sample-size planner,
//! and the public survey page reached by a one-time link (`/survey/{token}`).
//!
//! Every write goes through the same function as the JSON API
//! (`crate::routes::{reform, reform_campaigns, reform_sheets, sipas}`), so
//! who may do what is decided in one place ([`ReformAccess`]).

mod campaigns;
mod evaluations;
mod frameworks;
mod results;
mod sheet;
mod sipas;
mod survey;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use motcua_rules::par::Points;
use motcua_store::reform::CampaignStatus;

use super::page::{Authed, Page};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::routes::reform::ReformAccess;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(campaigns::routes())
        .merge(evaluations::routes())
        .merge(sheet::routes())
        .merge(results::routes())
        .merge(frameworks::routes())
        .merge(sipas::routes())
        .merge(survey::routes())
}

/// A reform page: a logged-in reform officer, or a leader or specialist of
/// a unit; anyone else gets the 403 page.
pub struct ReformPage {
    pub page: Page,
    pub me: CurrentUser,
    pub access: ReformAccess,
}

impl FromRequestParts<AppState> for ReformPage {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Authed { page, me } = Authed::from_request_parts(parts, state).await?;
        let access = ReformAccess::of(&me).map_err(IntoResponse::into_response)?;
        Ok(ReformPage { page, me, access })
    }
}

impl ReformPage {
    /// 403 unless of the reform office.
    pub fn office(&self) -> Result<(), ApiError> {
        if self.access.is_office() { Ok(()) } else { Err(ApiError::forbidden()) }
    }
}

/// A status in the page's language.
pub fn status_name(page: &Page, s: CampaignStatus) -> String {
    page.t(&format!("rf-status-{}", s.as_str()))
}

/// Points as the press writes them, the Vietnamese way on Vietnamese
/// pages (`70,56`, `11,5`, `14`), else `70.56`, `11.5`, `14`.
pub fn pts(page: &Page, p: Points) -> String {
    let short = p.to_vi_short();
    if page.lang.english() { short.replace(',', ".") } else { short }
}

/// Reads a score typed in a form (`1,5` or `1.5`).
pub fn parse_points(raw: &str, field: &str) -> Result<Points, ApiError> {
    Points::parse(raw.trim())
        .ok_or_else(|| ApiError::unprocessable("reform_points_invalid", field).arg("value", raw.trim()))
}
