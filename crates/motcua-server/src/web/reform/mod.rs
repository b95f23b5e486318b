//! Pages of administrative-reform evaluation (PAR INDEX) and SIPAS:
//! campaigns, a unit's sheet (self-assessment, evidence, appraisal), the
//! ranking and a unit's report, frameworks and published results, survey
//! designs with links, paper forms, the index and the sample-size planner,
//! and the public survey page reached by a one-time link (`/survey/{token}`).
//!
//! Every write goes through the same function as the JSON API
//! (`crate::routes::{reform, reform_campaigns, reform_sheets, sipas}`), so
//! who may do what is decided in one place ([`ReformAccess`]).

mod audit;
mod campaigns;
mod cards;
mod evaluations;
mod framework_form;
mod frameworks;
mod results;
mod sheet;
mod sheet_form;
mod sipas;
mod survey;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use motcua_rules::par::{Percent, Points};
use motcua_store::reform::CampaignStatus;

use super::page::{Authed, Page};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::routes::reform::ReformAccess;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(campaigns::routes())
        .merge(audit::routes())
        .merge(evaluations::routes())
        .merge(sheet::routes())
        .merge(results::routes())
        .merge(frameworks::routes())
        .merge(sipas::routes())
        .merge(cards::routes())
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

/// A percentage (an index, a share) the same way, in one place: `70,56`
/// on Vietnamese pages, `70.56` on English ones, always two decimals as
/// the published tables print them.
pub fn pct(page: &Page, p: Percent) -> String {
    if page.lang.english() { p.to_string() } else { p.to_vi() }
}

/// What a ranking's column heading holds on two or three lines at 1,366 px.
pub const SHORT_AREA_CHARS: usize = 27;

/// The short name of an area for a table's heading, its full name going
/// in the heading's `<abbr title>`: the name up to its first comma, then
/// before " và " when what is left still says something (three words or
/// more), then at most five words. "Cải cách thủ tục hành chính và thực
/// hiện cơ chế một cửa, một cửa liên thông" is "Cải cách thủ tục hành
/// chính". The frameworks hold full names only, and published tables
/// shorten them the same way.
pub fn short_area_name(name: &str) -> String {
    let mut short = name.split(',').next().unwrap_or(name).trim();
    if let Some((head, _)) = short.split_once(" và ")
        && head.split_whitespace().count() >= 3
    {
        short = head;
    }
    let mut out = String::new();
    for word in short.split_whitespace() {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len > SHORT_AREA_CHARS && !out.is_empty() {
            return format!("{out}…");
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Reads a score typed in a form (`1,5` or `1.5`).
pub fn parse_points(raw: &str, field: &str) -> Result<Points, ApiError> {
    Points::parse(raw.trim())
        .ok_or_else(|| ApiError::unprocessable("reform_points_invalid", field).arg("value", raw.trim()))
}

#[cfg(test)]
mod tests {
    use super::short_area_name;

    #[test]
    fn areas_are_shortened_the_way_published_tables_do() {
        let cases = [
            ("Công tác chỉ đạo, điều hành cải cách hành chính", "Công tác chỉ đạo"),
            ("Cải cách thể chế", "Cải cách thể chế"),
            (
                "Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông",
                "Cải cách thủ tục hành chính",
            ),
            ("Cải cách tổ chức bộ máy hành chính nhà nước", "Cải cách tổ chức bộ máy…"),
            // " và " after two words would say too little: kept, then cut.
            ("Xây dựng và phát triển chính quyền điện tử, chính quyền số", "Xây dựng và phát triển…"),
            ("Cải cách thủ tục hành chính, thực hiện cơ chế một cửa", "Cải cách thủ tục hành chính"),
            ("Điểm thưởng, điểm trừ", "Điểm thưởng"),
        ];
        for (name, short) in cases {
            assert_eq!(short_area_name(name), short, "{name}");
        }
    }
}
