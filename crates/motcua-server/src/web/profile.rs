//! `/account`: the logged-in user's account. Change the password (every
//! other session ends), see the live sessions and end one. After an
//! administrator's reset, `/account/password` is the only page open until
//! the temporary password is replaced.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use motcua_store::model::SessionInfo;
use serde::Deserialize;

use super::account::{landing, logged_out};
use super::csrf::{CsrfForm, TokenOnly};
use super::format;
use super::page::{Authed, FormError, Page, is_form_error, redirect_done, refused_with, render};
use crate::auth::{ClientAddr, device_of};
use crate::error::{ApiError, ApiResult};
use crate::routes::account::{PasswordChange, change_mistakes, change_own_password};
use crate::routes::auth::session_cookie;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account", get(account_page))
        .route("/account/password", get(password_page).post(change_password))
        .route("/account/sessions/{id}/end", post(end_session))
        .route("/account/notifications", post(save_notify))
}

/// A session as listed.
struct SessionRow {
    id: String,
    started: String,
    expires: String,
    device: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    page: Page,
    /// The temporary password of a reset must be changed: only the form.
    forced: bool,
    sessions: Vec<SessionRow>,
    /// Every refusal of the password form, each on its field.
    errors: Vec<FormError>,
    /// How the user wants to be told (docs/notifications.md).
    notify: NotifyForm,
}

/// The notification form as shown: the values, the channels offered, and
/// the refusal of the last try.
pub(crate) struct NotifyForm {
    channel: String,
    email: String,
    phone: String,
    options: Vec<(&'static str, String)>,
    error: Option<FormError>,
}

impl NotifyForm {
    fn new(page: &Page, channel: String, email: String, phone: String, error: Option<FormError>) -> NotifyForm {
        let options = motcua_rules::notice::ChannelKind::ALL
            .into_iter()
            .map(|c| (c.as_str(), page.t(&format!("ntf-channel-{}", c.as_str()))))
            .collect();
        NotifyForm { channel, email, phone, options, error }
    }

    /// Whether `value` is the channel chosen.
    fn is(&self, value: &str) -> bool {
        self.channel == value
    }
}

impl AccountPage {
    fn error_on(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.on(field))
    }

    fn error_msg(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.on(field)).map(|e| e.message.as_str())
    }
}

async fn show(state: &AppState, a: Authed, errors: Vec<FormError>) -> ApiResult<Response> {
    let contact = state.store.notify_contact(a.me.user.id).await?;
    let notify = match contact {
        Some(c) => NotifyForm::new(
            &a.page,
            c.channel.as_str().to_owned(),
            c.email.unwrap_or_default(),
            c.phone.unwrap_or_default(),
            None,
        ),
        None => NotifyForm::new(&a.page, "email".into(), String::new(), String::new(), None),
    };
    show_with(state, a, errors, notify).await
}

async fn show_with(state: &AppState, a: Authed, errors: Vec<FormError>, notify: NotifyForm) -> ApiResult<Response> {
    let forced = a.me.user.must_change_password;
    let sessions = if forced {
        Vec::new()
    } else {
        let unknown = a.page.t("acc-device-unknown");
        state
            .store
            .sessions_of(a.me.user.id, a.me.token_hash.clone(), state.now())
            .await?
            .into_iter()
            .map(|s: SessionInfo| SessionRow {
                id: s.id,
                started: format::datetime(s.created_at),
                expires: format::datetime(s.expires_at),
                device: s.device.unwrap_or_else(|| unknown.clone()),
                current: s.current,
            })
            .collect()
    };
    render(&AccountPage { page: a.page, forced, sessions, errors, notify })
}

async fn account_page(State(state): State<AppState>, a: Authed) -> ApiResult<Response> {
    show(&state, a, Vec::new()).await
}

async fn password_page(State(state): State<AppState>, a: Authed) -> ApiResult<Response> {
    if !a.me.user.must_change_password {
        return Ok(Redirect::to("/account#password").into_response());
    }
    show(&state, a, Vec::new()).await
}

#[derive(Deserialize, Default)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

/// Every mistake of the form before the current password is checked
/// ([`change_mistakes`]), and a confirmation that differs: all at once.
fn form_mistakes(page: &Page, username: &str, f: &PasswordForm) -> Vec<FormError> {
    let mut mistakes = change_mistakes(username, &f.current_password, &f.new_password);
    if f.confirm_password != f.new_password {
        mistakes.push(ApiError::unprocessable("password_mismatch", "confirm_password"));
    }
    mistakes.iter().map(|e| FormError::new(page, e)).collect()
}

async fn change_password(
    State(state): State<AppState>,
    a: Authed,
    addr: ClientAddr,
    headers: HeaderMap,
    CsrfForm(f): CsrfForm<PasswordForm>,
) -> ApiResult<Response> {
    let mistakes = form_mistakes(&a.page, &a.me.user.username, &f);
    if !mistakes.is_empty() {
        let mut res = show(&state, a, mistakes).await?;
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let req = PasswordChange { current_password: f.current_password, new_password: f.new_password };
    match change_own_password(&state, &a.me, &addr, device_of(&headers), req).await {
        Ok((user, token, _)) => {
            let to = if a.me.user.must_change_password { landing(user.role) } else { "/account" };
            let mut res = redirect_done(to, "password-changed");
            res.headers_mut().append(header::SET_COOKIE, session_cookie(&state, &token)?);
            Ok(res)
        }
        Err(e) if is_form_error(&e) => {
            let errors = vec![FormError::new(&a.page, &e)];
            Ok(refused_with(show(&state, a, errors).await?, &e))
        }
        Err(e) => Err(e),
    }
}

/// Ends one of the user's sessions; ending the current one logs out.
async fn end_session(
    State(state): State<AppState>,
    a: Authed,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<TokenOnly>,
) -> ApiResult<Response> {
    let current = a.me.token_hash.starts_with(&id.to_ascii_lowercase());
    if !state.store.end_session(a.me.user.id, id).await? {
        return Err(ApiError::coded(axum::http::StatusCode::NOT_FOUND, "session_not_found", None));
    }
    if current {
        return logged_out(&state);
    }
    Ok(redirect_done("/account", "session-ended"))
}

#[derive(Deserialize, Default)]
struct NotifyFormInput {
    #[serde(default)]
    channel: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
}

/// Saves how the user wants to be told; every mistake at once on refusal.
async fn save_notify(
    State(state): State<AppState>,
    a: Authed,
    CsrfForm(f): CsrfForm<NotifyFormInput>,
) -> ApiResult<Response> {
    let input = crate::routes::notifications::ContactInput {
        channel: f.channel.clone(),
        email: Some(f.email.clone()),
        phone: Some(f.phone.clone()),
    };
    match crate::routes::notifications::check_contact(&input) {
        Ok(contact) => {
            state.store.set_notify_contact(a.me.user.id, contact, state.now()).await?;
            Ok(redirect_done("/account", "notify-saved"))
        }
        Err(e) => {
            let notify = NotifyForm::new(&a.page, f.channel, f.email, f.phone, Some(FormError::new(&a.page, &e)));
            Ok(refused_with(show_with(&state, a, Vec::new(), notify).await?, &e))
        }
    }
}
