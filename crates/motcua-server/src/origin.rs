//! Cross-site request forgery on the JSON API.
//!
//! Programs authenticate with `Authorization: Bearer …`, which another site
//! cannot make a browser send. A browser that is logged in to the pages
//! also sends its session cookie to `/api/v1`, and a page elsewhere can make
//! it send a form (urlencoded, multipart, `text/plain`) there. So a write
//! (POST, PUT, PATCH, DELETE) under `/api/v1` that carries the session
//! cookie and no bearer token must show that it comes from this site,
//! either way:
//!
//! - the pages' CSRF token (the `motcua_csrf` cookie's value, see
//!   `web::csrf`) in an `X-CSRF-Token` header, or
//! - `Content-Type: application/json` together with an `Origin` of this
//!   site: `MOTCUA_PUBLIC_URL` when it is set, otherwise the request's
//!   `Host` (a cross-site page can send JSON only through CORS, which this
//!   server never grants, and the browser always names the page's origin).
//!
//! Anything else is refused with 403 `cross_site_request`.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::{SESSION_COOKIE, cookie_value};
use crate::error::ApiError;
use crate::state::AppState;

/// The header that carries the pages' CSRF token to the API.
pub const CSRF_HEADER: &str = "x-csrf-token";

pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if needs_proof(req.method(), req.uri().path(), req.headers())
        && !proven(req.headers(), state.config.public_url.as_deref())
    {
        return ApiError::coded(StatusCode::FORBIDDEN, "cross_site_request", None).into_response();
    }
    next.run(req).await
}

/// A cookie-authenticated write to the API.
fn needs_proof(method: &Method, path: &str, headers: &HeaderMap) -> bool {
    let write = matches!(*method, Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.len() > 7 && v[..7].eq_ignore_ascii_case("bearer "));
    write && path.starts_with("/api/") && !bearer && cookie_value(headers, SESSION_COOKIE).is_some()
}

fn proven(headers: &HeaderMap, public_url: Option<&str>) -> bool {
    if let Some(token) = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()) {
        return crate::web::csrf::check(headers, token).is_ok();
    }
    crate::extract::check_json_content_type(headers).is_ok() && same_origin(headers, public_url)
}

/// Whether `Origin` names this site.
fn same_origin(headers: &HeaderMap, public_url: Option<&str>) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return false };
    let origin = origin.trim_end_matches('/').to_ascii_lowercase();
    match public_url {
        Some(url) => origin == site_of(url),
        None => {
            let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else { return false };
            let host = host.to_ascii_lowercase();
            origin == format!("http://{host}") || origin == format!("https://{host}")
        }
    }
}

/// `https://Example.gov.vn/path` → `https://example.gov.vn` (scheme and
/// authority, as browsers write `Origin`).
fn site_of(url: &str) -> String {
    let url = url.trim().to_ascii_lowercase();
    match url.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}", rest.split('/').next().unwrap_or("")),
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn only_cookie_authenticated_api_writes_need_proof() {
        let cookie = headers(&[("cookie", "motcua_session=abc")]);
        assert!(needs_proof(&Method::POST, "/api/v1/dossiers", &cookie));
        assert!(needs_proof(&Method::DELETE, "/api/v1/calendar/years/2026", &cookie));
        assert!(!needs_proof(&Method::GET, "/api/v1/dossiers/1", &cookie));
        assert!(!needs_proof(&Method::POST, "/login", &cookie));
        let both = headers(&[("cookie", "motcua_session=abc"), ("authorization", "Bearer t")]);
        assert!(!needs_proof(&Method::POST, "/api/v1/dossiers", &both));
        assert!(!needs_proof(&Method::POST, "/api/v1/auth/login", &HeaderMap::new()));
    }

    #[test]
    fn json_from_this_site_or_the_token_passes() {
        let json = |origin: &str, host: &str| {
            headers(&[("content-type", "application/json"), ("origin", origin), ("host", host)])
        };
        assert!(proven(&json("http://127.0.0.1:8080", "127.0.0.1:8080"), None));
        assert!(!proven(&json("https://evil.example", "127.0.0.1:8080"), None));
        assert!(proven(&json("https://dvc.example.gov.vn", "10.0.0.5"), Some("https://DVC.example.gov.vn/")));
        assert!(!proven(&json("http://10.0.0.5", "10.0.0.5"), Some("https://dvc.example.gov.vn")));
        // Same origin but not JSON, or JSON without an Origin.
        let form = headers(&[("content-type", "text/plain"), ("origin", "http://h"), ("host", "h")]);
        assert!(!proven(&form, None));
        assert!(!proven(&headers(&[("content-type", "application/json"), ("host", "h")]), None));
        // The double-submit token, whatever the body.
        let token = "c".repeat(64);
        let ok = headers(&[("cookie", &format!("motcua_csrf={token}")), ("x-csrf-token", &token)]);
        assert!(proven(&ok, None));
        let wrong = headers(&[("cookie", &format!("motcua_csrf={token}")), ("x-csrf-token", &"d".repeat(64))]);
        assert!(!proven(&wrong, None));
    }
}
