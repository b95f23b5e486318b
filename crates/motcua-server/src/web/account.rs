//! Login, logout, citizen registration and the language switch.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use motcua_rules::Role;
use serde::Deserialize;

use super::csrf::{CsrfForm, TokenOnly};
use super::i18n::Lang;
use super::page::{FormError, LANG_COOKIE, Page, is_form_error, redirect_done, refused_with, render, safe_next};
use crate::auth::{ClientAddr, MaybeUser};
use crate::error::{ApiError, ApiResult};
use crate::routes::auth::{CLEAR_SESSION_COOKIE, RegisterRequest, register_citizen, start_session};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/logout", axum::routing::post(logout))
        .route("/register", get(register_form).post(register))
        .route("/lang/{lang}", get(switch_language))
        .route("/office", get(office_home))
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: Page,
    next: String,
    username: String,
    error: Option<String>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn login_form(page: Page, Query(q): Query<NextQuery>) -> ApiResult<Response> {
    let next = safe_next(q.next.as_deref());
    render(&LoginPage { page, next, username: String::new(), error: None })
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

/// Where a user goes after logging in when no page asked for it.
pub(crate) fn landing(role: Role) -> &'static str {
    match role {
        Role::CounterOfficer => "/office/intake",
        Role::Specialist | Role::Leader => "/office/inbox",
        Role::Admin => "/admin/units",
        Role::Citizen => "/my",
        Role::ReformOfficer => "/reform",
    }
}

async fn login(
    State(state): State<AppState>,
    addr: ClientAddr,
    headers: HeaderMap,
    page: Page,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> ApiResult<Response> {
    match start_session(&state, &addr, &headers, &form.username, form.password).await {
        Ok(session) => {
            let next = match safe_next(form.next.as_deref()) {
                // A temporary password set by an administrator is changed first.
                _ if session.user.must_change_password => "/account/password".to_owned(),
                n if n == "/" => landing(session.user.role).to_owned(),
                n => n,
            };
            let mut res = Redirect::to(&next).into_response();
            session.set_cookies(res.headers_mut());
            Ok(res)
        }
        Err(e) if is_form_error(&e) => {
            let error = Some(page.error_text(&e));
            let next = safe_next(form.next.as_deref());
            Ok(refused_with(render(&LoginPage { page, next, username: form.username, error })?, &e))
        }
        Err(e) => Err(e),
    }
}

async fn logout(
    State(state): State<AppState>,
    MaybeUser(me): MaybeUser,
    CsrfForm(_): CsrfForm<TokenOnly>,
) -> ApiResult<Response> {
    if let Some(me) = me {
        state.store.delete_session(me.token_hash).await?;
    }
    logged_out(&state)
}

/// The answer once a browser's session has ended: home, with the session
/// cookie cleared and a fresh CSRF token (shared with ending the current
/// session from the account page).
pub(crate) fn logged_out(state: &AppState) -> ApiResult<Response> {
    let mut res = redirect_done("/", "logged-out");
    res.headers_mut().append(header::SET_COOKIE, HeaderValue::from_static(CLEAR_SESSION_COOKIE));
    res.headers_mut().append(header::SET_COOKIE, super::csrf::fresh_cookie(state.config.cookies_secure())?);
    Ok(res)
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    page: Page,
    full_name: String,
    username: String,
    error: Option<FormError>,
}

impl RegisterPage {
    fn error_on(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.on(field))
    }

    fn error_for(&self, field: &str) -> Option<String> {
        self.error.as_ref().and_then(|e| e.message_on(field))
    }
}

async fn register_form(page: Page) -> ApiResult<Response> {
    render(&RegisterPage { page, full_name: String::new(), username: String::new(), error: None })
}

#[derive(Deserialize)]
struct RegisterForm {
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

async fn register(
    State(state): State<AppState>,
    addr: ClientAddr,
    headers: HeaderMap,
    page: Page,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> ApiResult<Response> {
    let req = RegisterRequest {
        username: form.username.clone(),
        password: form.password.clone(),
        full_name: form.full_name.clone(),
    };
    match register_citizen(&state, &addr, req).await {
        Ok(_) => {
            // Straight in: a new account logs in with what it just chose.
            let session = start_session(&state, &addr, &headers, &form.username, form.password).await?;
            let mut res = redirect_done("/my", "registered");
            session.set_cookies(res.headers_mut());
            Ok(res)
        }
        Err(e) if is_form_error(&e) => {
            let error = Some(FormError::new(&page, &e));
            let mut res = render(&RegisterPage { page, full_name: form.full_name, username: form.username, error })?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct BackQuery {
    back: Option<String>,
}

/// Remembers the chosen language for a year and goes back to the page.
async fn switch_language(Path(lang): Path<String>, Query(q): Query<BackQuery>) -> ApiResult<Response> {
    let lang = Lang::parse(&lang).ok_or_else(super::not_found)?;
    let mut res = Redirect::to(&safe_next(q.back.as_deref())).into_response();
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    res.headers_mut().append(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(|_| ApiError::internal())?);
    Ok(res)
}

/// `/office`: each member of staff's own starting page.
async fn office_home(MaybeUser(me): MaybeUser) -> Response {
    match me {
        Some(me) => Redirect::to(landing(me.role())).into_response(),
        None => Redirect::to("/login?next=/office").into_response(),
    }
}
