//! Request extraction with errors that name the field and the rule.
//!
//! axum's own `Json` answers malformed or mistyped bodies with a plain-text
//! message; [`ApiJson`] answers with the API's error body instead: 400
//! `malformed_json` for bad syntax, 422 `invalid_field` naming the field
//! (`applicant.phone`) for a wrong type or a missing field, 413
//! `body_too_large` past the size limit, 415 for another content type.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        check_json_content_type(req.headers())?;
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::coded(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", None)
            } else {
                ApiError::coded(StatusCode::BAD_REQUEST, "unreadable_body", None)
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Parses JSON, naming the field that breaks the expected shape.
/// Strings holding NUL (`\u0000`, which PostgreSQL cannot store) are
/// refused with 422 `forbidden_character` naming their path, and nothing may
/// follow the value but white space (400 `malformed_json`).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    crate::input::check_json_text(bytes)?;
    // Long lists are refused before the typed parse builds them; a body
    // that is not JSON goes on to the parse, which says where it breaks.
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) {
        crate::limits::check_lists(&value)?;
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Syntax
            | serde_json::error::Category::Eof
            | serde_json::error::Category::Io => malformed(&inner),
            serde_json::error::Category::Data => {
                let message = inner.to_string();
                // serde reports a missing field at its parent: name the field itself.
                let field = match missing_field(&message) {
                    Some(name) if path == "." => name.to_owned(),
                    Some(name) => format!("{path}.{name}"),
                    None => path,
                };
                let what = message.split(" at line").next().unwrap_or(&message).to_owned();
                if field == "." {
                    // The body as a whole has the wrong shape (an object for
                    // a list, ...): there is no field to name.
                    return ApiError::coded(StatusCode::UNPROCESSABLE_ENTITY, "invalid_field", None)
                        .arg("case", "body")
                        .arg("what", what);
                }
                if message.starts_with("missing field") {
                    ApiError::unprocessable("required", &field).arg("case", "field").arg("field", &field)
                } else {
                    ApiError::unprocessable("invalid_field", &field).arg("field", &field).arg("what", what)
                }
            }
        }
    })?;
    // `{…} xyz`: the value must be the whole body.
    de.end().map_err(|e| malformed(&e))?;
    Ok(value)
}

fn malformed(e: &serde_json::Error) -> ApiError {
    ApiError::coded(StatusCode::BAD_REQUEST, "malformed_json", None).arg("line", e.line()).arg("column", e.column())
}

/// A JSON body must say `application/json`, with no charset or UTF-8 (the
/// only encoding JSON has, RFC 8259 §8.1): 415 otherwise.
pub fn check_json_content_type(headers: &axum::http::HeaderMap) -> Result<(), ApiError> {
    let Some(ct) = headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return Err(ApiError::coded(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", None));
    };
    let mut parts = ct.split(';');
    if !parts.next().unwrap_or("").trim().eq_ignore_ascii_case("application/json") {
        return Err(ApiError::coded(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", None));
    }
    for param in parts {
        let (name, value) = param.split_once('=').unwrap_or((param, ""));
        if name.trim().eq_ignore_ascii_case("charset") {
            let value = value.trim().trim_matches('"');
            if !value.eq_ignore_ascii_case("utf-8") && !value.eq_ignore_ascii_case("utf8") {
                return Err(ApiError::coded(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_charset", None)
                    .arg("charset", value));
            }
        }
    }
    Ok(())
}

fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next()
}

/// Query-string parameters as raw strings; handlers parse each one and
/// name it in their errors.
pub struct Params(pub HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Query(map) = Query::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::coded(StatusCode::BAD_REQUEST, "malformed_query", None))?;
        Ok(Params(map))
    }
}

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    pub fn require(&self, name: &str) -> Result<&str, ApiError> {
        self.get(name)
            .ok_or_else(|| ApiError::unprocessable("required", name).arg("case", "parameter").arg("name", name))
    }

    /// A whole number in `min..=max`.
    pub fn int(&self, name: &str, min: i64, max: i64) -> Result<Option<i64>, ApiError> {
        let Some(raw) = self.get(name) else { return Ok(None) };
        match raw.parse::<i64>() {
            Ok(v) if (min..=max).contains(&v) => Ok(Some(v)),
            _ => Err(ApiError::unprocessable("invalid_number", name).arg("name", name).arg("min", min).arg("max", max)),
        }
    }

    pub fn bool(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name) {
            None | Some("false") | Some("0") => Ok(false),
            Some("true") | Some("1") => Ok(true),
            Some(_) => Err(ApiError::unprocessable("invalid_boolean", name).arg("name", name)),
        }
    }
}
