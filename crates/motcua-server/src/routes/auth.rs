//! Login, logout and "who am I".

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use chrono::{DateTime, Duration, FixedOffset};
use motcua_store::model::User;
use serde::{Deserialize, Serialize};

use motcua_rules::throttle;
use motcua_store::ThrottleKey;

use crate::auth::{Claimant, ClientAddr, CurrentUser, SESSION_COOKIE, new_token, token_hash};
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
              (status = 429, body = crate::error::ErrorBody), (status = 503, body = crate::error::ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    addr: ClientAddr,
    request_headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> ApiResult<impl IntoResponse> {
    let session = start_session(&state, &addr, &request_headers, &req.username, req.password).await?;
    let mut headers = HeaderMap::new();
    session.set_cookies(&mut headers);
    Ok((headers, Json(LoginResponse { token: session.token, expires_at: to_api(session.expires), user: session.user })))
}

/// A new login: the token, its cookie, when it expires, and who it is.
pub struct Session {
    pub token: String,
    pub cookie: HeaderValue,
    /// A new CSRF token for the new session (rotated at every login).
    pub csrf_cookie: HeaderValue,
    /// The device cookie of a device that was not yet proven for this
    /// account ([`crate::auth::device`]).
    pub device_cookie: Option<HeaderValue>,
    pub expires: chrono::NaiveDateTime,
    pub user: User,
}

impl Session {
    /// Sets the session's cookies (and a new device's) on a response.
    pub fn set_cookies(&self, headers: &mut HeaderMap) {
        headers.append(header::SET_COOKIE, self.cookie.clone());
        headers.append(header::SET_COOKIE, self.csrf_cookie.clone());
        if let Some(device) = &self.device_cookie {
            headers.append(header::SET_COOKIE, device.clone());
        }
    }
}

/// The longest username kept in a throttling key (no account has longer).
const MAX_KEY_USERNAME: usize = 64;

/// The throttling keys of a login: the account at this address, and the
/// address.
fn login_keys(username: &str, addr: &ClientAddr) -> [ThrottleKey; 2] {
    let name: String = username.trim().to_lowercase().chars().take(MAX_KEY_USERNAME).collect();
    [
        ThrottleKey::new(format!("login:{name}@{}", addr.0), throttle::LOGIN_ACCOUNT_ADDRESS),
        ThrottleKey::new(format!("login-from:{}", addr.0), throttle::LOGIN_ADDRESS),
    ]
}

/// 429 `too_many_attempts`, with how long to wait.
pub fn too_many(seconds: i64, case: &str) -> ApiError {
    let seconds = u64::try_from(seconds.max(1)).unwrap_or(1);
    ApiError::coded(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", None)
        .arg("case", case)
        .arg("seconds", seconds)
        .retry_after(seconds)
}

/// Checks a username and password and opens a session. Shared by the JSON
/// API and the login page.
///
/// First the attempt is admitted to the hashing pool (its address's and
/// account's fair shares, [`crate::auth::HashPool::admit`]): over a share it
/// gets 503 before anything is counted. Then, before the password is looked
/// at, the attempt is claimed in the database against the account at this address and against the address
/// ([`throttle::LOGIN_ACCOUNT_ADDRESS`], [`throttle::LOGIN_ADDRESS`]): a
/// key that must still wait answers 429 without any hashing. The check
/// itself runs in the bounded hashing pool, charged to the address's and
/// the account's fair shares; an unknown username takes no place in the
/// pool but is answered after a measured check's latency
/// ([`crate::auth::HashPool::verify`]). A success clears the account's key and takes back
/// the address's charge; a 503 from the pool takes back both.
///
/// A request with the account's device cookie (a device that logged in to
/// it before, [`crate::auth::device`]) is admitted through the pool's lane
/// for proven clients instead, without fair shares; a first success from a
/// device gives it the cookie.
pub async fn start_session(
    state: &AppState,
    addr: &ClientAddr,
    request_headers: &HeaderMap,
    username: &str,
    password: String,
) -> ApiResult<Session> {
    let device = crate::auth::device_of(request_headers);
    let keys = login_keys(username, addr);
    let names: Vec<String> = keys.iter().map(|k| k.key.clone()).collect();
    // Usernames are stored in lowercase (`check_credentials`).
    let account: String = username.trim().to_lowercase().chars().take(MAX_KEY_USERNAME).collect();
    // Only a request that carries a device cookie costs a look-up before
    // admission; a flood without one is turned away as before.
    let mut proven = None;
    if let Some(device_user) = crate::auth::device::proven_user(state, request_headers).await? {
        let found = state.store.user_for_login(username.trim().to_lowercase()).await?;
        proven = found.filter(|(u, _)| u.id == device_user);
    }
    // Admission to the hashing pool first: a request over its fair share is
    // turned away before anything is counted against anyone.
    let admission = match proven {
        Some(_) => state.hashes.admit_proven()?,
        None => state.hashes.admit(Claimant { address: &addr.0, account: Some(&account) })?,
    };
    if let Some(wait) = state.store.throttle_claim(keys.to_vec(), state.now()).await? {
        return Err(too_many(wait, "login"));
    }
    let was_proven = proven.is_some();
    let found = match proven {
        Some(found) => Some(found),
        None => state.store.user_for_login(username.trim().to_lowercase()).await?,
    };
    let (user, hash) = match found {
        Some((u, h)) => (Some(u), Some(h)),
        None => (None, None),
    };
    let ok = match state.hashes.verify_admitted(admission, hash, password).await {
        Ok(ok) => ok,
        Err(e) => {
            // Not checked: nothing to count against anyone.
            state.store.throttle_success(vec![], names).await?;
            return Err(e);
        }
    };
    let user = match user {
        Some(u) if ok && u.active => u,
        _ => return Err(bad_credentials()),
    };
    state.store.throttle_success(vec![names[0].clone()], vec![names[1].clone()]).await?;
    let token = new_token()?;
    let now = state.now();
    let expires = now + Duration::hours(state.config.session_hours);
    state.store.create_session(token_hash(&token), user.id, now, expires, device).await?;
    let cookie = session_cookie(state, &token)?;
    let csrf_cookie = crate::web::csrf::fresh_cookie(state.config.cookies_secure())?;
    let device_cookie = match was_proven {
        true => None,
        false => Some(crate::auth::device::remember(state, user.id).await?),
    };
    Ok(Session { token, cookie, csrf_cookie, device_cookie, expires, user })
}

/// The cookie that carries a session's token to the browser.
pub fn session_cookie(state: &AppState, token: &str) -> ApiResult<HeaderValue> {
    let secure = if state.config.cookies_secure() { "; Secure" } else { "" };
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        state.config.session_hours * 3600,
    );
    HeaderValue::from_str(&cookie).map_err(|_| ApiError::internal())
}

/// The cookie that ends a browser's session.
pub const CLEAR_SESSION_COOKIE: &str = "motcua_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RegisterRequest {
    pub username: String,
    pub password: String,
    pub full_name: String,
}

/// Checks a new account's username and password (the password policy is
/// [`motcua_rules::password`]); returns the normalised username.
pub fn check_credentials(username: &str, password: &str) -> ApiResult<String> {
    let username = username.trim().to_lowercase();
    if username.len() < 3
        || username.len() > 64
        || !username.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    {
        return Err(ApiError::unprocessable("invalid_username", "username"));
    }
    motcua_rules::password::check(password, &username, "password")?;
    Ok(username)
}

/// A citizen opens an account to submit dossiers online. (A province that
/// signs citizens in through the national identity service would turn this
/// off; that integration is not part of motcua yet.)
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    responses((status = 201, body = User), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
              (status = 429, body = crate::error::ErrorBody), (status = 503, body = crate::error::ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    addr: ClientAddr,
    ApiJson(req): ApiJson<RegisterRequest>,
) -> ApiResult<(StatusCode, Json<User>)> {
    let user = register_citizen(&state, &addr, req).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// Opens a citizen account (the API and the registration page). Valid
/// requests are counted per address and day (UTC+7), and beyond
/// [`throttle::REGISTRATIONS_PER_ADDRESS_PER_DAY`] refused with 429
/// `too_many_registrations` before any hashing.
pub async fn register_citizen(state: &AppState, addr: &ClientAddr, req: RegisterRequest) -> ApiResult<User> {
    // Every problem of the form at once, in the order of its fields.
    let mut problems = Vec::new();
    let full_name = motcua_rules::validate::PersonName::parse(&req.full_name, "full_name")
        .map_err(|e| problems.push(ApiError::from(e)))
        .ok();
    let username = check_credentials(&req.username, &req.password).map_err(|e| problems.push(e)).ok();
    if problems.last().is_some_and(|e| e.field.as_deref() == Some("username")) {
        // A bad username stopped the password's check: run it too.
        let typed = req.username.trim().to_lowercase();
        if let Err(e) = motcua_rules::password::check(&req.password, &typed, "password") {
            problems.push(e.into());
        }
    }
    if let Some(e) = ApiError::many(problems) {
        return Err(e);
    }
    let (Some(username), Some(full_name)) = (username, full_name) else { return Err(ApiError::internal()) };
    let now = state.now();
    let key = format!("register:{}:{}", addr.0, now.date());
    if state.store.throttle_count(key, now).await? > throttle::REGISTRATIONS_PER_ADDRESS_PER_DAY {
        let midnight = (now.date() + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap_or(now);
        let wait = u64::try_from((midnight - now).num_seconds().max(1)).unwrap_or(1);
        return Err(ApiError::coded(StatusCode::TOO_MANY_REQUESTS, "too_many_registrations", None).retry_after(wait));
    }
    let password_hash = state.hashes.hash(Some(Claimant { address: &addr.0, account: None }), req.password).await?;
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
    headers.append(header::SET_COOKIE, crate::web::csrf::fresh_cookie(state.config.cookies_secure())?);
    Ok((StatusCode::NO_CONTENT, headers))
}

/// The logged-in user.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", responses((status = 200, body = User), (status = 401, body = crate::error::ErrorBody)))]
pub async fn me(me: CurrentUser) -> Json<User> {
    Json(me.user)
}
