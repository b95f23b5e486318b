//! Cross-site request forgery protection for HTML forms: the double-submit
//! token.
//!
//! Every browser gets a random token in the `motcua_csrf` cookie
//! (HttpOnly, SameSite=Strict); every form carries the same token in a
//! hidden `_csrf` field; a POST whose field does not equal its cookie is
//! refused. Another site can make the browser send the cookie but cannot
//! read it to put it in the form. The JSON API needs no token: it accepts
//! only `application/json` bodies, which a cross-site form cannot send.
//!
//! The token is replaced at every login and logout ([`fresh_cookie`]), so a
//! token planted or seen before the login is worth nothing after it. The
//! cookie is `Secure` when the session cookie is
//! ([`crate::Config::cookies_secure`]).

use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::auth::{cookie_value, new_token};
use crate::error::ApiError;
use crate::state::AppState;

pub const CSRF_COOKIE: &str = "motcua_csrf";

/// The request's token, put in its extensions by [`ensure_token`].
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

fn cookie_for(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}")
}

/// A `Set-Cookie` value with a new token: sent with every login and logout
/// so that the token changes with the session.
pub fn fresh_cookie(secure: bool) -> Result<HeaderValue, ApiError> {
    HeaderValue::from_str(&cookie_for(&new_token()?, secure)).map_err(|_| ApiError::internal())
}

/// Gives a browser that has no token a new one (cookie + request extension).
pub async fn ensure_token(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if super::is_api(req.uri().path()) {
        return next.run(req).await;
    }
    let existing = cookie_value(req.headers(), CSRF_COOKIE).filter(|t| well_formed(t)).map(str::to_owned);
    let (token, fresh) = match existing {
        Some(t) => (t, false),
        None => match new_token() {
            Ok(t) => (t, true),
            Err(e) => return axum::response::IntoResponse::into_response(e),
        },
    };
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut res = next.run(req).await;
    if fresh && let Ok(v) = HeaderValue::from_str(&cookie_for(&token, state.config.cookies_secure())) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

fn refused() -> ApiError {
    ApiError::coded(StatusCode::FORBIDDEN, "csrf_failed", Some("_csrf"))
}

/// Checks a submitted token against the request's cookie, in constant time.
pub fn check(headers: &HeaderMap, submitted: &str) -> Result<(), ApiError> {
    let Some(cookie) = cookie_value(headers, CSRF_COOKIE).filter(|t| well_formed(t)) else {
        return Err(refused());
    };
    let (a, b) = (cookie.as_bytes(), submitted.as_bytes());
    if a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0 {
        Ok(())
    } else {
        Err(refused())
    }
}

#[derive(Deserialize)]
struct TokenField {
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

/// A form that carries nothing but its CSRF token: a button that confirms
/// (log out, end a session, delete a year, reset a password).
#[derive(Deserialize)]
pub struct TokenOnly {}

/// An `application/x-www-form-urlencoded` form whose CSRF token checked out.
/// Unknown fields (such as `_csrf`) are ignored by `T`.
pub struct CsrfForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for CsrfForm<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let headers = req.headers().clone();
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| ApiError::coded(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", None).arg("case", "form"))?;
        let token: TokenField = serde_urlencoded::from_bytes(&bytes).map_err(|_| refused())?;
        check(&headers, &token.csrf)?;
        let value = serde_urlencoded::from_bytes(&bytes)
            .map_err(|e| ApiError::coded(StatusCode::UNPROCESSABLE_ENTITY, "invalid_form", None).arg("error", e))?;
        Ok(CsrfForm(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers_with(cookie: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_str(cookie).unwrap());
        h
    }

    #[test]
    fn only_the_cookies_own_token_passes() {
        let token = "a".repeat(64);
        let h = headers_with(&format!("x=1; {CSRF_COOKIE}={token}"));
        assert!(check(&h, &token).is_ok());
        assert_eq!(check(&h, &"b".repeat(64)).unwrap_err().code, "csrf_failed");
        assert!(check(&h, "").is_err());
        assert!(check(&HeaderMap::new(), &token).is_err());
        // A malformed cookie is no token at all.
        assert!(check(&headers_with(&format!("{CSRF_COOKIE}=short")), "short").is_err());
    }
}
