//! Finding a dossier (tìm hồ sơ): the box a counter officer types into when
//! a citizen comes back, and the list of what it found in the officer's
//! units. The rules are the API's (`crate::routes::search`); names are
//! masked in the list and shown, with the view recorded, on the dossier.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::inbox::{Row, row};
use super::{counted, given};
use crate::error::ApiResult;
use crate::routes::search::{SEARCHERS, SearchInput, find, parse_day, recognised_as};
use crate::state::AppState;
use crate::web::page::{Authed, FormError, Page, is_form_error, render};

/// Results shown at once: the newest; more means the search is too wide.
const LIMIT: u32 = 50;

#[derive(Deserialize, Default)]
pub struct SearchParams {
    q: Option<String>,
    procedure: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

#[derive(Template)]
#[template(path = "office/search.html")]
struct SearchPage {
    page: Page,
    q: String,
    procedure: String,
    from: String,
    to: String,
    /// A search was made (the form was sent with something in the box).
    searched: bool,
    rows: Vec<Row>,
    count: String,
    /// "Searched by phone number" and the like, once recognised.
    recognised: String,
    /// The limit was reached: there may be more.
    full: bool,
    truncated: bool,
    error: Option<FormError>,
}

impl SearchPage {
    fn error_on(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.on(field))
    }
}

/// `GET /office/search?q=…`: the form, and the results when asked.
pub async fn search(State(state): State<AppState>, a: Authed, Query(p): Query<SearchParams>) -> ApiResult<Response> {
    a.require(&SEARCHERS)?;
    let mut out = SearchPage {
        q: p.q.clone().unwrap_or_default(),
        procedure: p.procedure.clone().unwrap_or_default(),
        from: p.from.clone().unwrap_or_default(),
        to: p.to.clone().unwrap_or_default(),
        searched: given(&p.q).is_some() || given(&p.procedure).is_some() || given(&p.from).is_some(),
        rows: Vec::new(),
        count: String::new(),
        recognised: String::new(),
        full: false,
        truncated: false,
        error: None,
        page: a.page,
    };
    if out.searched {
        let attempt = async {
            let input = SearchInput {
                q: out.q.clone(),
                procedure: given(&p.procedure).map(str::to_owned),
                from: parse_day(given(&p.from), "from")?,
                to: parse_day(given(&p.to), "to")?,
            };
            find(&state, &a.me, &input, LIMIT).await
        };
        match attempt.await {
            Ok((query, hits)) => {
                let now = state.now();
                let calendar = state.calendar();
                out.recognised = out.page.t(&format!("office-search-by-{}", recognised_as(&query).replace('_', "-")));
                out.full = hits.items.len() == LIMIT as usize;
                out.truncated = hits.truncated;
                out.rows = hits.items.into_iter().map(|i| row(&out.page, i, now, &calendar)).collect();
                out.count = counted(&out.page, "office-search-count", out.rows.len() as i64);
            }
            Err(e) if is_form_error(&e) => out.error = Some(FormError::new(&out.page, &e)),
            Err(e) => return Err(e),
        }
    }
    let status = out.error.as_ref().map(|_| axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    let mut res = render(&out)?;
    if let Some(s) = status {
        *res.status_mut() = s;
    }
    Ok(res)
}
