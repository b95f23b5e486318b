//! Login, logout and "who am I".

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use chrono::{DateTime, Duration, FixedOffset};
use motcua_store::model::User;
use serde::{Deserialize, Serialize};

use crate::auth::{
    CurrentUser, SESSION_COOKIE, hash_password, hash_password_blocking, new_token, token_hash, verify_password,
};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::time::to_api;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer <token>`; browsers get it as a cookie too.
    pub token: String,
    pub expires_at: DateTime<FixedOffset>,
    pub user: User,
}

fn bad_credentials() -> ApiError {
    ApiError::coded(StatusCode::UNAUTHORIZED, "invalid_credentials", None)
}

/// Log in with a username and password.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = crate::error::ErrorBody),
              (status = 429, body = crate::error::ErrorBody)))]
pub async fn login(State(state): State<AppState>, ApiJson(req): ApiJson<LoginRequest>) -> ApiResult<impl IntoResponse> {
    let session = start_session(&state, &req.username, req.password).await?;
    let mut headers = HeaderMap::new();
    headers.insert(header::SET_COOKIE, session.cookie.clone());
    Ok((headers, Json(LoginResponse { token: session.token, expires_at: to_api(session.expires), user: session.user })))
}

/// A new login: the token, its cookie, when it expires, and who it is.
pub struct Session {
    pub token: String,
    pub cookie: HeaderValue,
    pub expires: chrono::NaiveDateTime,
    pub user: User,
}

/// Checks a username and password (rate-limited per username) and opens a
/// session. Shared by the JSON API and the login page.
pub async fn start_session(state: &AppState, username: &str, password: String) -> ApiResult<Session> {
    let key = format!("login:{}", username.trim().to_lowercase());
    if !state.limiter.allowed(&key) {
        return Err(ApiError::coded(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", None));
    }
    let found = state.store.user_for_login(username.trim().to_owned()).await?;
    // Verify even for an unknown user so the answer takes as long either way.
    let (user, hash) = match found {
        Some((u, h)) => (Some(u), h),
        None => (None, DUMMY_HASH.get_or_init(|| hash_password("dummy").unwrap_or_default()).clone()),
    };
    let ok = tokio::task::spawn_blocking(move || verify_password(&hash, &password))
        .await
        .map_err(|_| ApiError::internal())?;
    let user = match user {
        Some(u) if ok && u.active => u,
        _ => {
            state.limiter.record_failure(&key);
            return Err(bad_credentials());
        }
    };
    state.limiter.clear(&key);
    let token = new_token()?;
    let now = state.now();
    let expires = now + Duration::hours(state.config.session_hours);
    state.store.create_session(token_hash(&token), user.id, now, expires).await?;
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        state.config.session_hours * 3600,
        if state.config.secure_cookies { "; Secure" } else { "" }
    );
    let cookie = HeaderValue::from_str(&cookie).map_err(|_| ApiError::internal())?;
    Ok(Session { token, cookie, expires, user })
}

/// The cookie that ends a browser's session.
pub const CLEAR_SESSION_COOKIE: &str = "motcua_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";

static DUMMY_HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RegisterRequest {
    pub username: String,
    pub password: String,
    pub full_name: String,
}

/// The shortest password accepted (NIST SP 800-63B recommends at least 8).
pub const MIN_PASSWORD: usize = 8;

/// Checks a new account's username and password.
pub fn check_credentials(username: &str, password: &str) -> ApiResult<String> {
    let username = username.trim().to_lowercase();
    if username.len() < 3
        || username.len() > 64
        || !username.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    {
        return Err(ApiError::unprocessable("invalid_username", "username"));
    }
    if password.chars().count() < MIN_PASSWORD {
        return Err(ApiError::unprocessable("password_too_short", "password").arg("min", MIN_PASSWORD));
    }
    Ok(username)
}

/// A citizen opens an account to submit dossiers online. (A province that
/// signs citizens in through the national identity service would turn this
/// off; that integration is not part of motcua yet.)
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    responses((status = 201, body = User), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<RegisterRequest>,
) -> ApiResult<(StatusCode, Json<User>)> {
    let user = register_citizen(&state, req).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// Opens a citizen account (the API and the registration page).
pub async fn register_citizen(state: &AppState, req: RegisterRequest) -> ApiResult<User> {
    let username = check_credentials(&req.username, &req.password)?;
    let full_name = motcua_rules::validate::PersonName::parse(&req.full_name, "full_name")?;
    let password_hash = hash_password_blocking(req.password).await?;
    let user = state
        .store
        .create_user(
            motcua_store::model::NewUser {
                username,
                password_hash,
                full_name: full_name.as_str().to_owned(),
                role: motcua_rules::Role::Citizen,
                unit_id: None,
            },
            state.now(),
        )
        .await?;
    Ok(user)
}

/// End the current session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(State(state): State<AppState>, me: CurrentUser) -> ApiResult<impl IntoResponse> {
    state.store.delete_session(me.token_hash).await?;
    let mut headers = HeaderMap::new();
    headers.insert(header::SET_COOKIE, HeaderValue::from_static(CLEAR_SESSION_COOKIE));
    Ok((StatusCode::NO_CONTENT, headers))
}

/// The logged-in user.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", responses((status = 200, body = User), (status = 401, body = crate::error::ErrorBody)))]
pub async fn me(me: CurrentUser) -> Json<User> {
    Json(me.user)
}
