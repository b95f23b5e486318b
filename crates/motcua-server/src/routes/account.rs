//! The account of the logged-in user: change the password, list and end
//! sessions; and the administrator's password reset.
//!
//! Rules (docs/accounts.md): a new password follows the policy of
//! `motcua_rules::password` (OWASP ASVS level 2); a change ends every
//! session of the account and gives the browser that made it a fresh one;
//! a reset sets a temporary password, shown once to the administrator, that
//! must be changed at the next login ([`PASSWORD_CHANGE_PATHS`] are all such
//! an account may reach until then).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use chrono::Duration;
use motcua_rules::throttle;
use motcua_store::model::{SessionInfo, User};
use motcua_store::{NewSession, ThrottleKey};
use serde::{Deserialize, Serialize};

use super::auth::{LoginResponse, session_cookie, too_many};
use crate::admin_scope::AdminScope;
use crate::auth::{Claimant, ClientAddr, CurrentUser, device_of, new_token, token_hash};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::time::to_api;

/// What an account that must change its password may still reach: the
/// change itself, who am I, and logging out (API and pages).
pub const PASSWORD_CHANGE_PATHS: [&str; 5] =
    ["/api/v1/account/password", "/api/v1/auth/me", "/api/v1/auth/logout", "/account/password", "/logout"];

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PasswordChange {
    /// The password in use now (the temporary one after a reset).
    pub current_password: String,
    /// The new password: 12 to 128 characters, not a common password, not
    /// the username, not the current password.
    pub new_password: String,
}

/// Change your own password. Every session of the account ends; the answer
/// carries the new session's token (and cookie) for the caller.
#[utoipa::path(post, path = "/api/v1/account/password", tag = "auth", request_body = PasswordChange,
    responses((status = 200, body = LoginResponse), (status = 401, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody),
              (status = 503, body = crate::error::ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    me: CurrentUser,
    addr: ClientAddr,
    headers: HeaderMap,
    ApiJson(req): ApiJson<PasswordChange>,
) -> ApiResult<impl IntoResponse> {
    let device = device_of(&headers);
    let (user, token, expires) = change_own_password(&state, &me, &addr, device, req).await?;
    let mut out = HeaderMap::new();
    out.insert(header::SET_COOKIE, session_cookie(&state, &token)?);
    Ok((out, Json(LoginResponse { token, expires_at: to_api(expires), user })))
}

/// The logic of a password change, shared with the account page: checks
/// the current password (throttled like a login, so that a stolen session
/// cannot guess it), the new one against the policy, then stores it and
/// swaps every session for one new session. Returns the user, the new
/// token and when it expires.
pub async fn change_own_password(
    state: &AppState,
    me: &CurrentUser,
    addr: &ClientAddr,
    device: Option<String>,
    req: PasswordChange,
) -> ApiResult<(User, String, chrono::NaiveDateTime)> {
    let username = me.user.username.clone();
    if let Some(first) = change_mistakes(&username, &req.current_password, &req.new_password).into_iter().next() {
        return Err(first);
    }
    let key = ThrottleKey::new(format!("password:{}", me.user.id), throttle::LOGIN_ACCOUNT_ADDRESS);
    let admission = state.hashes.admit(Claimant { address: &addr.0, account: Some(&username) })?;
    if let Some(wait) = state.store.throttle_claim(vec![key.clone()], state.now()).await? {
        return Err(too_many(wait, "password"));
    }
    let hash = state.store.user_for_login(username.clone()).await?.map(|(_, h)| h);
    if !state.hashes.verify_admitted(admission, hash, req.current_password).await? {
        return Err(ApiError::unprocessable("password_wrong", "current_password"));
    }
    state.store.throttle_success(vec![key.key], vec![]).await?;
    let new_hash =
        state.hashes.hash(Some(Claimant { address: &addr.0, account: Some(&username) }), req.new_password).await?;
    let token = new_token()?;
    let now = state.now();
    let expires = now + Duration::hours(state.config.session_hours);
    let session = NewSession { token_hash: token_hash(&token), expires_at: expires, device };
    let user = state.store.change_password(me.user.id, new_hash, now, session).await?;
    tracing::info!(user.id = user.id, "password changed; every other session ended");
    Ok((user, token, expires))
}

/// Every mistake of a password change that shows before the current
/// password is checked: no current password, a new one the policy refuses
/// or the same as the current one. The API answers the first; the page
/// shows them all.
pub fn change_mistakes(username: &str, current: &str, new: &str) -> Vec<ApiError> {
    let mut mistakes = Vec::new();
    if current.is_empty() {
        mistakes.push(ApiError::unprocessable("required", "current_password").arg("case", "field"));
    }
    if let Err(e) = motcua_rules::password::check(new, username, "new_password") {
        mistakes.push(e.into());
    } else if new == current {
        mistakes.push(ApiError::unprocessable("password_unchanged", "new_password"));
    }
    mistakes
}

/// Your live sessions, newest first; `current` is the one you called from.
#[utoipa::path(get, path = "/api/v1/account/sessions", tag = "auth",
    responses((status = 200, body = Vec<SessionInfo>), (status = 401, body = crate::error::ErrorBody)))]
pub async fn sessions(State(state): State<AppState>, me: CurrentUser) -> ApiResult<Json<Vec<SessionInfo>>> {
    Ok(Json(state.store.sessions_of(me.user.id, me.token_hash.clone(), state.now()).await?))
}

/// End one of your sessions (another browser, a lost phone).
#[utoipa::path(delete, path = "/api/v1/account/sessions/{id}", tag = "auth",
    params(("id" = String, Path, description = "The session's id from the list")),
    responses((status = 204), (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn end_session(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    if state.store.end_session(me.user.id, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::coded(StatusCode::NOT_FOUND, "session_not_found", None))
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PasswordReset {
    /// Shown once: give it to the person by a channel you trust. It must be
    /// changed at the next login.
    pub temporary_password: String,
    pub user: User,
}

/// Reset a staff account of your units: a temporary password that must be
/// changed at the next login; every session of the account ends.
#[utoipa::path(post, path = "/api/v1/users/{id}/password-reset", tag = "admin",
    params(("id" = i64, Path)),
    responses((status = 200, body = PasswordReset), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn reset(
    State(state): State<AppState>,
    admin: AdminScope,
    Path(id): Path<i64>,
) -> ApiResult<Json<PasswordReset>> {
    Ok(Json(reset_password(&state, &admin, id).await?))
}

/// The logic of a reset, shared with the administrator's page.
pub async fn reset_password(state: &AppState, admin: &AdminScope, id: i64) -> ApiResult<PasswordReset> {
    let user = admin.staff_user(state, id).await?;
    let temporary_password = temporary_password()?;
    let hash = state.hashes.hash(None, temporary_password.clone()).await?;
    let user = state.store.reset_password(user.id, hash, state.now()).await?;
    tracing::info!(user.id = user.id, admin.id = admin.user_id(), "password reset by an administrator");
    Ok(PasswordReset { temporary_password, user })
}

/// Letters and digits that cannot be mistaken for one another when read
/// aloud or copied by hand (no 0/o, 1/l/i).
const READABLE: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// 16 random readable characters in groups of four (`k7mq-…`): about 79
/// bits, well over the policy's 12 characters. Bytes at or above the last
/// whole multiple of the alphabet's size are drawn again, so that every
/// character is equally likely.
fn temporary_password() -> ApiResult<String> {
    let limit = 256 - 256 % READABLE.len();
    let mut chars = Vec::with_capacity(16);
    while chars.len() < 16 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|_| ApiError::internal())?;
        chars.extend(
            bytes.iter().map(|b| usize::from(*b)).filter(|b| *b < limit).map(|b| READABLE[b % READABLE.len()] as char),
        );
    }
    chars.truncate(16);
    Ok(chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_passwords_pass_the_policy_and_differ() {
        let (a, b) = (temporary_password().unwrap(), temporary_password().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 19);
        assert_eq!(a.split('-').count(), 4);
        assert!(a.chars().all(|c| c == '-' || READABLE.contains(&(c as u8))));
        assert_eq!(motcua_rules::password::check(&a, "chuyenvien", "password"), Ok(()));
    }
}
