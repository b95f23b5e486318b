//! Staff search of dossiers (tìm hồ sơ): one box for a code, a name, a
//! phone or an identity number, within the caller's unit subtree
//! (docs/search.md#staff-search). Results carry the applicant's name
//! masked, like the inbox's pages: the officer opens the dossier to see the
//! data, and that view is recorded ([`super::data_views`]).

use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use motcua_rules::Role;
use motcua_rules::dossier_search::{SearchKey, SearchQuery, parse_query};
use motcua_rules::mask::mask_name;
use motcua_store::{DossierSearch, SearchHits};
use serde::Serialize;

use super::inbox::{InboxItemView, view};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Params;
use crate::state::AppState;

/// Who searches: the roles that handle dossiers. Administrators manage
/// accounts and read the record of views; reform officers score units.
pub const SEARCHERS: [Role; 3] = [Role::CounterOfficer, Role::Specialist, Role::Leader];

/// What was typed, with the filters, as a page or the API received them.
#[derive(Debug, Default, Clone)]
pub struct SearchInput {
    pub q: String,
    pub procedure: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// What a query was recognised as, for the page's "searched by" line.
pub fn recognised_as(q: &SearchQuery) -> &'static str {
    match q {
        SearchQuery::Code(_) => "code",
        SearchQuery::Keys(keys) => match keys.first() {
            Some(SearchKey::Name(_)) => "name",
            _ if keys.len() > 1 => "phone_or_id",
            Some(SearchKey::Phone(_)) => "phone",
            _ => "id_number",
        },
    }
}

/// A day filter in `YYYY-MM-DD`.
pub fn parse_day(raw: Option<&str>, field: &str) -> Result<Option<NaiveDate>, ApiError> {
    raw.map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| ApiError::unprocessable("invalid_date", field).arg("case", "plain"))
        })
        .transpose()
}

/// Runs a search for `me`; the query recognised and the hits.
pub async fn find(
    state: &AppState,
    me: &CurrentUser,
    input: &SearchInput,
    limit: u32,
) -> ApiResult<(SearchQuery, SearchHits)> {
    me.require(&SEARCHERS)?;
    let scope = me.staff_scope()?;
    let query = parse_query(&input.q)?;
    if let (Some(from), Some(to)) = (input.from, input.to)
        && from > to
    {
        return Err(ApiError::unprocessable("search_range_invalid", "from"));
    }
    let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight");
    let search = DossierSearch {
        scope_path: scope.path,
        query: query.clone(),
        procedure_code: input.procedure.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned),
        received_from: input.from.map(start),
        received_before: input.to.and_then(|d| d.succ_opt()).map(start),
        limit,
    };
    let hits = state.store.search_dossiers(search).await?;
    Ok((query, hits))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SearchPage {
    /// Newest first; `applicant_name` masked.
    pub items: Vec<InboxItemView>,
    /// What the query was taken for: `code`, `name`, `phone`, `id_number`
    /// or `phone_or_id`.
    pub recognised_as: &'static str,
    /// More dossiers matched than are read for one search
    /// (`motcua_store::MAX_MATCHES`): narrow it (a full name, a date range).
    pub truncated: bool,
}

/// Finds dossiers of the caller's units by code, applicant name (with or
/// without diacritics), phone or identity number, newest first.
#[utoipa::path(get, path = "/api/v1/dossiers/search", tag = "dossiers",
    params(("q" = String, Query, description = "A dossier code, a name, a phone or a CCCD/CMND/passport number"),
           ("procedure" = Option<String>, Query, description = "Procedure code"),
           ("received_from" = Option<String>, Query, description = "YYYY-MM-DD"),
           ("received_to" = Option<String>, Query, description = "YYYY-MM-DD, included"),
           ("limit" = Option<u32>, Query)),
    responses((status = 200, body = SearchPage), (status = 403, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn search(State(state): State<AppState>, me: CurrentUser, params: Params) -> ApiResult<Json<SearchPage>> {
    let input = SearchInput {
        q: params.get("q").unwrap_or_default().to_owned(),
        procedure: params.get("procedure").map(str::to_owned),
        from: parse_day(params.get("received_from"), "received_from")?,
        to: parse_day(params.get("received_to"), "received_to")?,
    };
    let limit = params.int("limit", 1, 200)?.unwrap_or(50) as u32;
    let (query, hits) = find(&state, &me, &input, limit).await?;
    let now = state.now();
    let items = hits
        .items
        .into_iter()
        .map(|i| {
            let mut v = view(i, now);
            v.applicant_name = mask_name(&v.applicant_name);
            v
        })
        .collect();
    Ok(Json(SearchPage { items, recognised_as: recognised_as(&query), truncated: hits.truncated }))
}
