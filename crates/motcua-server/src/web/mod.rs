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
//! - `stats`: dashboards with drill-down, exports, the public ranking.

pub mod account;
pub mod admin;
pub mod assets;
pub mod charts;
pub mod confirm;
pub mod csrf;
pub mod download;
pub mod feedback_words;
pub mod format;
pub mod i18n;
pub mod office;
pub mod page;
pub mod profile;
pub mod public;
pub mod reform;
pub mod slips;
pub mod stats;

use askama::Template;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::{SESSION_COOKIE, cookie_value, token_hash};
use crate::error::ApiError;
use crate::state::AppState;
use page::{Page, back_to, request_lang};

/// All page routes. The application wraps them (and its fallback) in
/// [`html_errors`] and [`csrf::ensure_token`].
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(account::routes())
        .merge(profile::routes())
        .merge(public::routes())
        .merge(office::routes())
        .merge(admin::routes())
        .merge(stats::routes())
        .merge(reform::routes())
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
    /// Where "back" goes: the user's own starting page, or the home page.
    home: &'static str,
}

/// The answer to an address that leads nowhere (or to a dossier the
/// visitor may not see): what was not found, in words, and where to go
/// from here. No error code: it means nothing to a citizen.
#[derive(Template)]
#[template(path = "not_found.html")]
struct NotFoundPage {
    page: Page,
    /// What was not found ("Không tìm thấy hồ sơ"), from the error.
    what: String,
    /// The staff member's or citizen's own starting page, when logged in.
    start: Option<&'static str>,
}

/// Turns an error response of a page into an HTML error page in the
/// visitor's language, with their own header and menu (the JSON API keeps
/// its JSON errors). A GET on an address that only takes forms (a language
/// switch or a reload after sending one) goes back to the page above it.
pub async fn html_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if is_api(req.uri().path()) {
        return next.run(req).await;
    }
    let lang = request_lang(req.headers());
    let csrf = req.extensions().get::<csrf::CsrfToken>().map(|t| t.0.clone()).unwrap_or_default();
    let path = req.uri().path().to_owned();
    let back = back_to(req.uri());
    let is_get = req.method() == Method::GET;
    let token = cookie_value(req.headers(), SESSION_COOKIE).map(str::to_owned);
    let res = next.run(req).await;
    let err = match res.extensions().get::<ApiError>().cloned() {
        Some(err) => err,
        None if res.status() == StatusCode::METHOD_NOT_ALLOWED && is_get => {
            let parent = path.trim_end_matches('/').rsplit_once('/').map_or("/", |(p, _)| p);
            return Redirect::to(if parent.is_empty() { "/" } else { parent }).into_response();
        }
        None if res.status() == StatusCode::METHOD_NOT_ALLOWED => {
            ApiError::coded(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", None)
        }
        None => return res,
    };
    // Who is looking, for the header and the way back (a failed lookup is
    // just an anonymous page).
    let user = match token {
        Some(t) => state.store.session_user(token_hash(&t), state.now()).await.ok().flatten(),
        None => None,
    };
    let home = user.as_ref().map_or("/", |u| account::landing(u.role));
    let start = user.as_ref().map(|u| account::landing(u.role));
    let province = state.province_name().await;
    let page = Page { lang, user, csrf, path, back, province, notice: None };
    let message = page.error_text(&err);
    let status = err.status;
    let rendered = if status == StatusCode::NOT_FOUND {
        NotFoundPage { page, what: message, start }.render()
    } else {
        ErrorPage { page, status: status.as_u16(), message, code: err.code, home }.render()
    };
    let html = rendered.unwrap_or_else(|_| {
        // The error page itself failed: plain text, still in both languages.
        format!("{} / {}", err.message_vi, err.message_en)
    });
    let mut out = (status, axum::response::Html(html)).into_response();
    out.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(secs) = err.retry_after_secs() {
        out.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    out
}

/// A page-level "not found", for a path under a known section.
pub fn not_found() -> ApiError {
    ApiError::coded(StatusCode::NOT_FOUND, "not_found", None).arg("case", "page")
}
