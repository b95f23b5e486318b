//! Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device
//! Cookies"): a browser or client that logged in to an account gets a
//! random token in the cookie [`DEVICE_COOKIE`]; its next login to that
//! account goes through the hashing pool's lane for proven clients
//! ([`super::HashPool::admit_proven`]), which a botnet guessing the
//! account's password from fresh addresses cannot fill. The token proves
//! nothing else: it is not a session, and a password is still asked.

use axum::http::{HeaderMap, HeaderValue};
use motcua_store::TRUSTED_DEVICE_DAYS;

use super::{cookie_value, new_token, token_hash};
use crate::error::ApiError;
use crate::state::AppState;

pub const DEVICE_COOKIE: &str = "motcua_device";

/// The length of a token ([`new_token`]: 32 random bytes in hex).
const TOKEN_CHARS: usize = 64;

/// The account whose device cookie the request carries, if it is one the
/// server gave and still trusts. Anything else in the cookie is ignored.
pub async fn proven_user(state: &AppState, headers: &HeaderMap) -> Result<Option<i64>, ApiError> {
    let Some(token) = cookie_value(headers, DEVICE_COOKIE) else { return Ok(None) };
    if token.len() != TOKEN_CHARS || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    Ok(state.store.trusted_device_user(token_hash(token), state.now()).await?)
}

/// Remembers this device for `user_id` after a successful login; the
/// cookie that carries its token.
pub async fn remember(state: &AppState, user_id: i64) -> Result<HeaderValue, ApiError> {
    let token = new_token()?;
    state.store.trust_device(token_hash(&token), user_id, state.now()).await?;
    let secure = if state.config.cookies_secure() { "; Secure" } else { "" };
    let cookie = format!(
        "{DEVICE_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        TRUSTED_DEVICE_DAYS * 86_400
    );
    HeaderValue::from_str(&cookie).map_err(|_| ApiError::internal())
}
