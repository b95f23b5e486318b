//! The web interface: server-rendered HTML pages for citizens, counter
//! officers, specialists, leaders and administrators.
//!
//! Pages are askama templates (compile-checked, auto-escaping) under
//! `templates/`, with their words from the Fluent catalog in `locales/`.
//! Every flow works without JavaScript. Handlers call the same functions as
//! the JSON API (`crate::routes::*`), so a rule is checked in one place.
//!
//! - `public`: the portal (catalogue, online submission, look-up, rating,
//!   feedback), no login needed except to submit.
//! - `office`: counter intake, online queue, inbox, dossier page, slips.
//! - `admin`: units, users, procedures, calendar.
//! - `account`: login, logout, registration, language.
//! - `slips`: the official slips as PDF.

pub mod account;
pub mod admin;
pub mod assets;
pub mod csrf;
pub mod format;
pub mod i18n;
pub mod office;
pub mod page;
pub mod public;
pub mod slips;

use askama::Template;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::AppState;
use page::{Page, request_lang};

/// All page routes. The application wraps them (and its fallback) in
/// [`html_errors`] and [`csrf::ensure_token`].
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(account::routes())
        .merge(public::routes())
        .merge(office::routes())
        .merge(admin::routes())
        .merge(slips::routes())
        .merge(assets::routes())
}

/// Whether a path belongs to a program-facing surface (JSON API, health)
/// rather than to the pages.
pub fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz"
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    status: u16,
    message: String,
    code: &'static str,
}

/// Turns an error response of a page handler into an HTML error page in
/// the visitor's language (the JSON API keeps its JSON errors).
pub async fn html_errors(req: Request, next: Next) -> Response {
    if is_api(req.uri().path()) {
        return next.run(req).await;
    }
    let lang = request_lang(req.headers());
    let csrf = req.extensions().get::<csrf::CsrfToken>().map(|t| t.0.clone()).unwrap_or_default();
    let path = req.uri().path().to_owned();
    let res = next.run(req).await;
    let Some(err) = res.extensions().get::<ApiError>().cloned() else {
        return res;
    };
    let page = Page { lang, user: None, csrf, path, notice: None };
    let message = page.error_text(&err);
    let status = err.status;
    let html = ErrorPage { page, status: status.as_u16(), message, code: err.code }.render().unwrap_or_else(|_| {
        // The error page itself failed: plain text, still in both languages.
        format!("{} / {}", err.message_vi, err.message_en)
    });
    let mut out = (status, axum::response::Html(html)).into_response();
    out.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    out
}

/// A page-level "not found", for a path under a known section.
pub fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", None, "Không tìm thấy trang này", "Page not found")
}
