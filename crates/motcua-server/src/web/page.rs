//! What every HTML page knows about its request: the language, the
//! logged-in user, the CSRF token for its forms, and where it is.

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use motcua_rules::Role;
use motcua_store::model::User;

use super::csrf::CsrfToken;
use super::i18n::{self, Lang};
use crate::auth::{CurrentUser, MaybeUser, cookie_value};
use crate::error::ApiError;
use crate::state::AppState;

pub const LANG_COOKIE: &str = "motcua_lang";

/// The request's context, handed to every template as `page`.
#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    pub user: Option<User>,
    /// The token every form on the page sends back as `_csrf`.
    pub csrf: String,
    /// The current path, for the navigation's "you are here".
    pub path: String,
    /// The current path with its query (less the one-time notice), for the
    /// language switch to come back to the same page.
    pub back: String,
    /// The installation's province, shown in the header.
    pub province: Option<String>,
    /// A one-word notice id from the `done` query parameter, shown once
    /// after a redirect (`notice-<id>` in the catalog).
    pub notice: Option<String>,
}

impl Page {
    /// A message from the catalog.
    pub fn t(&self, id: &str) -> String {
        i18n::message(self.lang, id, &[])
    }

    /// A message with one argument.
    pub fn t1(&self, id: &str, name: &str, value: &dyn std::fmt::Display) -> String {
        i18n::message(self.lang, id, &[(name, &value.to_string())])
    }

    /// A message with two arguments.
    pub fn t2(&self, id: &str, a: (&str, &dyn std::fmt::Display), b: (&str, &dyn std::fmt::Display)) -> String {
        i18n::message(self.lang, id, &[(a.0, &a.1.to_string()), (b.0, &b.1.to_string())])
    }

    /// Picks between a Vietnamese and an English text held in data (a
    /// status name, an error from the rules).
    pub fn pick<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        if self.lang.english() { en } else { vi }
    }

    /// The message of an error in the page's language.
    pub fn error_text(&self, e: &ApiError) -> String {
        self.pick(&e.message_vi, &e.message_en).to_owned()
    }

    pub fn role(&self) -> Option<Role> {
        self.user.as_ref().map(|u| u.role)
    }

    pub fn is(&self, role: &str) -> bool {
        self.role().is_some_and(|r| r.as_str() == role)
    }

    pub fn is_staff(&self) -> bool {
        self.role().is_some_and(|r| r.is_staff())
    }

    /// The role's name in the page's language.
    pub fn role_name(&self) -> String {
        self.role().map(|r| self.t(&format!("role-{}", r.as_str()))).unwrap_or_default()
    }

    /// Whether the navigation link `prefix` is the current section.
    pub fn here(&self, prefix: &str) -> bool {
        if prefix == "/" { self.path == "/" } else { self.path.starts_with(prefix) }
    }

    /// The stylesheet's URL (content-hashed).
    pub fn css(&self) -> &str {
        &super::assets::CSS_URL
    }

    /// The notice to show, in the page's language.
    pub fn notice_text(&self) -> Option<String> {
        let id = format!("notice-{}", self.notice.as_deref()?);
        i18n::has(self.lang, &id).then(|| self.t(&id))
    }
}

/// The language of a page: the one the visitor chose (the `motcua_lang`
/// cookie, set by the switch in the header), else Vietnamese. The
/// browser's `Accept-Language` is not used: Vietnamese is the default for
/// everyone, a public office's pages read the same on every computer, and
/// English is a choice (issue #11). (The JSON API still honours it.)
pub fn request_lang(headers: &HeaderMap) -> Lang {
    cookie_value(headers, LANG_COOKIE).and_then(Lang::parse).unwrap_or(Lang::Vi)
}

/// The path and query a language switch comes back to; the one-time notice
/// (`done=`) is left out so that it is not shown twice.
pub fn back_to(uri: &axum::http::Uri) -> String {
    let query: Vec<&str> =
        uri.query().unwrap_or("").split('&').filter(|kv| !kv.is_empty() && !kv.starts_with("done=")).collect();
    if query.is_empty() { uri.path().to_owned() } else { format!("{}?{}", uri.path(), query.join("&")) }
}

impl FromRequestParts<AppState> for Page {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let MaybeUser(user) = MaybeUser::from_request_parts(parts, state).await?;
        let csrf = parts.extensions.get::<CsrfToken>().map(|t| t.0.clone()).unwrap_or_default();
        let notice = parts
            .uri
            .query()
            .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("done=")))
            .filter(|v| v.len() <= 40 && v.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
            .map(str::to_owned);
        Ok(Page {
            lang: request_lang(&parts.headers),
            user: user.map(|u| u.user),
            csrf,
            path: parts.uri.path().to_owned(),
            back: back_to(&parts.uri),
            province: state.province_name().await,
            notice,
        })
    }
}

/// A page that needs a logged-in user: the page context plus the user.
/// Anonymous visitors are sent to the login page and come back after.
pub struct Authed {
    pub page: Page,
    pub me: CurrentUser,
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let me = match CurrentUser::from_request_parts(parts, state).await {
            Ok(me) => me,
            Err(e) if e.code == "unauthenticated" => {
                let next = parts.uri.path();
                return Err(Redirect::to(&format!("/login?next={}", urlencode(next))).into_response());
            }
            Err(e) if e.code == "password_change_required" => {
                return Err(Redirect::to("/account/password").into_response());
            }
            Err(e) => return Err(e.into_response()),
        };
        let mut page = Page::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        page.user = Some(me.user.clone());
        Ok(Authed { page, me })
    }
}

impl Authed {
    /// Rejects with 403 unless the user holds one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        self.me.require(roles)
    }
}

/// Percent-encodes a path for a query parameter.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A local path to go back to after logging in; anything else (another
/// site, a scheme) becomes the home page.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/".to_owned(),
    }
}

/// Renders a template; pages are never cached because most show personal
/// or live data.
pub fn render<T: Template>(t: &T) -> Result<Response, ApiError> {
    let body = t.render().map_err(|e| {
        tracing::error!(error.cause = %e, "template failed");
        ApiError::internal()
    })?;
    let mut res = Html(body).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// After a successful form: back to `to`, with a notice id.
pub fn redirect_done(to: &str, notice: &str) -> Response {
    let sep = if to.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{to}{sep}done={notice}")).into_response()
}

/// A form page sent back for a refusal `e`: with the refusal's status, and
/// its `Retry-After` when it asks the client to wait (a throttled login or
/// password check).
pub fn refused_with(mut res: Response, e: &ApiError) -> Response {
    *res.status_mut() = e.status;
    if let Some(secs) = e.retry_after_secs() {
        res.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(secs));
    }
    res
}

/// A refused form: every problem in the page's language with the field it
/// points at, so the template can mark each input and list them all in a
/// summary at the top. `message`, `field` and `code` are the first one.
#[derive(Debug, Clone)]
pub struct FormError {
    pub message: String,
    pub field: Option<String>,
    pub code: &'static str,
    /// Every problem, the first included, in the order they were found.
    pub all: Vec<Problem>,
}

/// One problem of a refused form.
#[derive(Debug, Clone)]
pub struct Problem {
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    /// Whether it is about `field` (or one of its parts).
    fn is_on(&self, field: &str) -> bool {
        self.field.as_deref().is_some_and(|f| {
            f == field || f.strip_prefix(field).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
    }
}

impl FormError {
    pub fn new(page: &Page, e: &ApiError) -> FormError {
        let all = e.each().map(|p| Problem { field: p.field.clone(), message: page.error_text(p) }).collect();
        FormError { message: page.error_text(e), field: e.field.clone(), code: e.code, all }
    }

    /// Whether a problem is about `field` (or one of its parts).
    pub fn on(&self, field: &str) -> bool {
        self.all.iter().any(|p| p.is_on(field))
    }

    /// The messages about `field` (or its parts), joined, to show next to it.
    pub fn message_on(&self, field: &str) -> Option<String> {
        let m: Vec<&str> = self.all.iter().filter(|p| p.is_on(field)).map(|p| p.message.as_str()).collect();
        (!m.is_empty()).then(|| m.join(" "))
    }

    /// The messages about exactly `field`, not its parts.
    pub fn message_exactly(&self, field: &str) -> Option<String> {
        let m: Vec<&str> =
            self.all.iter().filter(|p| p.field.as_deref() == Some(field)).map(|p| p.message.as_str()).collect();
        (!m.is_empty()).then(|| m.join(" "))
    }
}

/// Whether a refusal belongs on the form (the user can fix it) rather than
/// on an error page.
pub fn is_form_error(e: &ApiError) -> bool {
    matches!(e.status.as_u16(), 409 | 413 | 415 | 422 | 429) || e.code == "invalid_credentials"
}
