//! Text that cannot be stored, refused at the edge.
//!
//! PostgreSQL refuses the character U+0000 (NUL) in `text` columns and
//! parameters, and every text the server keeps must be valid UTF-8 (Rust
//! strings are, so lone surrogates cannot occur; JSON's `"\ud800"` is a
//! syntax error, 400 `malformed_json`). Rather than each handler checking
//! its inputs, [`guard`] checks every request once, before any handler:
//!
//! - the path parameters of the matched route (`{code}`, `{ref}` …),
//! - every query-string parameter, its name and its value,
//! - every field of an `application/x-www-form-urlencoded` body,
//!
//! and answers 422 `forbidden_character` (NUL) or `invalid_utf8` naming the
//! parameter or field. JSON bodies are checked by [`crate::extract::parse_json`]
//! (naming the JSON path, `applicant.name`) and multipart text fields by
//! [`crate::web::public::uploads::text_value`]; uploaded file names have
//! their control characters removed (`uploads::clean_name`).

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode;

use crate::error::ApiError;
use crate::state::AppState;

/// Checks one decoded input: valid UTF-8 without NUL.
pub fn check_bytes(field: &str, bytes: &[u8]) -> Result<(), ApiError> {
    let text = std::str::from_utf8(bytes).map_err(|_| invalid_utf8(field))?;
    check_text(field, text)
}

/// Checks one text input for characters that cannot be stored.
pub fn check_text(field: &str, text: &str) -> Result<(), ApiError> {
    if text.contains('\0') { Err(forbidden_character(field)) } else { Ok(()) }
}

pub fn forbidden_character(field: &str) -> ApiError {
    let field = printable(field);
    ApiError::unprocessable("forbidden_character", &field).arg("field", &field)
}

pub fn invalid_utf8(field: &str) -> ApiError {
    let field = printable(field);
    ApiError::unprocessable("invalid_utf8", &field).arg("field", &field)
}

/// A field name fit to be shown (and stored in a log): a NUL in the name
/// itself is written `\0`.
fn printable(field: &str) -> String {
    field.replace('\0', "\\0")
}

/// The middleware: path parameters, query string and urlencoded forms.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let matched = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned());
    if let Some(template) = matched
        && let Err(e) = check_path(&template, req.uri().path())
    {
        return e.into_response();
    }
    if let Some(query) = req.uri().query()
        && let Err(e) = check_pairs(query.as_bytes())
    {
        return e.into_response();
    }
    if !is_form(req.headers()) {
        return next.run(req).await;
    }
    // A form body is small (the body limit): read it, check it, hand it on.
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, state.config.max_body_bytes).await {
        Ok(b) => b,
        Err(_) => {
            return ApiError::coded(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", None)
                .arg("case", "form")
                .into_response();
        }
    };
    if let Err(e) = check_pairs(&bytes) {
        return e.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| ct.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"))
}

/// Checks `name=value&…` pairs (`+` is a space, `%XX` a byte).
fn check_pairs(raw: &[u8]) -> Result<(), ApiError> {
    for pair in raw.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &b""[..]),
        };
        let name = decode_form(name);
        let value = decode_form(value);
        let shown = String::from_utf8_lossy(&name).into_owned();
        check_bytes(&shown, &name)?;
        check_bytes(&shown, &value)?;
    }
    Ok(())
}

fn decode_form(raw: &[u8]) -> Vec<u8> {
    let spaced: Vec<u8> = raw.iter().map(|b| if *b == b'+' { b' ' } else { *b }).collect();
    percent_decode(&spaced).collect()
}

/// Checks the parameters of a matched route: `/api/v1/dossiers/{ref}`
/// against `/api/v1/dossiers/%00`, naming `ref`.
fn check_path(template: &str, path: &str) -> Result<(), ApiError> {
    let mut actual = path.split('/');
    for part in template.split('/') {
        let Some(segment) = actual.next() else { break };
        let Some(name) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) else { continue };
        if let Some(name) = name.strip_prefix('*') {
            // A wildcard takes the rest of the path.
            let rest: Vec<&str> = std::iter::once(segment).chain(actual.by_ref()).collect();
            let decoded: Vec<u8> = percent_decode(rest.join("/").as_bytes()).collect();
            return check_bytes(name, &decoded);
        }
        let decoded: Vec<u8> = percent_decode(segment.as_bytes()).collect();
        check_bytes(name, &decoded)?;
    }
    Ok(())
}

/// Refuses JSON text whose strings (keys or values) hold a NUL, naming the
/// first one's path; text that is not JSON passes (its parser says why).
pub fn check_json_text(bytes: &[u8]) -> Result<(), ApiError> {
    // Only an escape can put a NUL in a JSON string (a raw one is a syntax
    // error), so the walk runs only when the escape is there.
    if !bytes.windows(6).any(|w| w == b"\\u0000") {
        return Ok(());
    }
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else { return Ok(()) };
    match find_nul(&value) {
        None => Ok(()),
        Some(path) if path.is_empty() => Err(forbidden_character("body")),
        Some(path) => Err(forbidden_character(&path)),
    }
}

/// Finds the first string (key or value) holding a NUL in a JSON value and
/// names its path the way field errors do (`components[1].name`).
pub fn find_nul(value: &serde_json::Value) -> Option<String> {
    fn walk(v: &serde_json::Value, path: &mut String) -> bool {
        match v {
            serde_json::Value::String(s) => s.contains('\0'),
            serde_json::Value::Array(items) => items.iter().enumerate().any(|(i, item)| {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                let found = walk(item, path);
                if !found {
                    path.truncate(len);
                }
                found
            }),
            serde_json::Value::Object(map) => map.iter().any(|(k, item)| {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                let found = k.contains('\0') || walk(item, path);
                if !found {
                    path.truncate(len);
                }
                found
            }),
            _ => false,
        }
    }
    let mut path = String::new();
    walk(value, &mut path).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn path_parameters_are_named() {
        assert!(check_path("/api/v1/dossiers/{ref}", "/api/v1/dossiers/H11.100").is_ok());
        let e = check_path("/api/v1/dossiers/{ref}/actions", "/api/v1/dossiers/a%00b/actions").unwrap_err();
        assert_eq!((e.code, e.field.as_deref(), e.status.as_u16()), ("forbidden_character", Some("ref"), 422));
        let e = check_path("/api/v1/procedures/{code}", "/api/v1/procedures/%FF").unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("invalid_utf8", Some("code")));
        assert_eq!(check_path("/static/{*file}", "/static/a/%00").unwrap_err().field.as_deref(), Some("file"));
        // Vietnamese in a path is fine.
        assert!(check_path("/x/{name}", "/x/Nguy%E1%BB%85n").is_ok());
    }

    #[test]
    fn query_and_form_pairs_are_named() {
        assert!(check_pairs(b"q=h%E1%BB%99+t%E1%BB%8Bch&limit=5&flag").is_ok());
        let e = check_pairs(b"limit=5&q=%00").unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("forbidden_character", Some("q")));
        let e = check_pairs(b"province=%C3%28").unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("invalid_utf8", Some("province")));
        let e = check_pairs(b"a%00b=1").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("a\\0b"));
    }

    #[test]
    fn json_nul_is_found_with_its_path() {
        assert_eq!(find_nul(&json!({"a": "x", "b": [1, "y"]})), None);
        assert_eq!(find_nul(&json!({"applicant": {"name": "A\u{0}"}})).as_deref(), Some("applicant.name"));
        assert_eq!(find_nul(&json!({"c": [{"n": "x"}, {"n": "\u{0}"}]})).as_deref(), Some("c[1].n"));
        assert_eq!(find_nul(&json!({"k\u{0}": 1})).as_deref(), Some("k\u{0}"));
        assert_eq!(find_nul(&json!("\u{0}")).as_deref(), Some(""));
    }
}
