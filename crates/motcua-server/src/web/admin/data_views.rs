//! Page: the record of staff views of applicants' personal data (Decree
//! 13/2023): who saw whose dossier, when and how, for the administrator's
//! subtree, newest first, a page at a time, optionally for one dossier.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use super::AdminPage;
use crate::error::ApiResult;
use crate::routes::data_views::{DataViewLine, page_of};
use crate::state::AppState;
use crate::web::format;
use crate::web::page::{FormError, Page, is_form_error, render, urlencode};

const PAGE_SIZE: u32 = 50;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/data-views", get(list))
}

#[derive(Deserialize, Default)]
pub struct Params {
    dossier: Option<String>,
    before: Option<i64>,
}

struct Line {
    at: String,
    who: String,
    username: String,
    dossier: String,
    via: String,
}

#[derive(Template)]
#[template(path = "admin/data_views.html")]
struct DataViewsPage {
    page: Page,
    dossier: String,
    lines: Vec<Line>,
    next_href: Option<String>,
    error: Option<FormError>,
}

fn line(page: &Page, v: DataViewLine) -> Line {
    let dossier = v.dossier_code.clone().unwrap_or_else(|| page.t1("office-no-code-ref", "n", &v.dossier_id));
    Line {
        at: format::datetime(v.at.naive_local()),
        who: v.full_name,
        username: v.username,
        dossier,
        via: page.t(&format!("admin-data-views-via-{}", v.via.as_str())),
    }
}

async fn list(State(state): State<AppState>, a: AdminPage, Query(p): Query<Params>) -> ApiResult<Response> {
    let dossier = p.dossier.clone().unwrap_or_default();
    let mut out = DataViewsPage { page: a.page, dossier, lines: Vec::new(), next_href: None, error: None };
    match page_of(&state, &a.scope, p.dossier.as_deref(), p.before, PAGE_SIZE).await {
        Ok(found) => {
            out.next_href = found.next_before.map(|b| {
                let d = url_param(&out.dossier);
                format!("/admin/data-views?before={b}{d}")
            });
            out.lines = found.items.into_iter().map(|v| line(&out.page, v)).collect();
        }
        Err(e) if is_form_error(&e) => out.error = Some(FormError::new(&out.page, &e)),
        Err(e) => return Err(e),
    }
    render(&out)
}

/// `&dossier=…` for the next page's link, when filtered.
fn url_param(dossier: &str) -> String {
    let d = dossier.trim();
    if d.is_empty() { String::new() } else { format!("&dossier={}", urlencode(d)) }
}
