//! The one error type of the HTTP layer.
//!
//! Every failure leaves as `{"error": {"code", "field", "message",
//! "message_vi", "message_en"}}` with a status that says what kind of
//! failure it was. A request with several bad fields also gets
//! `"errors": [...]`, every problem in the same shape (the first is
//! `error`), so a form can mark all its fields at once. The `code` is the stable contract; `message` is in the
//! caller's language (Vietnamese unless `Accept-Language` prefers English).
//! Internal causes are logged once here and never sent.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use motcua_rules::RuleError;
use motcua_rules::error::ErrorKind;
use motcua_store::StoreError;
use motcua_store::db::DbError;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub field: Option<String>,
    pub message_vi: String,
    pub message_en: String,
    /// The message's arguments and the other problems, boxed: most errors
    /// have neither, and a small error keeps every `Result` small.
    extra: Option<Box<Extra>>,
}

#[derive(Debug, Clone, Default)]
struct Extra {
    /// The arguments of the catalog message: name, Vietnamese, English.
    args: Vec<(&'static str, String, String)>,
    /// The other problems found in the same request, after this one.
    also: Vec<ApiError>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// The first problem (the only one, usually).
    pub error: ErrorDetail,
    /// Every problem of the request, the first being `error`; present only
    /// when there are two or more (a form with several bad fields).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorDetail>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `invalid_phone`, `stale_version`.
    pub code: &'static str,
    /// The offending input field, e.g. `applicant.phone`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The message in the caller's language.
    pub message: String,
    pub message_vi: String,
    pub message_en: String,
}

impl ApiError {
    /// Private: every error's texts come from the catalog (`coded`), so a
    /// message is never written twice or in one language only.
    fn new(
        status: StatusCode,
        code: &'static str,
        field: Option<&str>,
        vi: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        ApiError {
            status,
            code,
            field: field.map(str::to_owned),
            message_vi: vi.into(),
            message_en: en.into(),
            extra: None,
        }
    }

    /// One error carrying every problem of `all`, the first leading; `None`
    /// when there is none.
    pub fn many(all: impl IntoIterator<Item = ApiError>) -> Option<ApiError> {
        let mut all = all.into_iter().flat_map(ApiError::into_each);
        let mut first = all.next()?;
        let rest: Vec<ApiError> = all.collect();
        if !rest.is_empty() {
            first.extra.get_or_insert_with(Box::default).also = rest;
        }
        Some(first)
    }

    /// This problem and those found with it, each on its own.
    pub fn into_each(mut self) -> Vec<ApiError> {
        let also = self.extra.as_mut().map(|x| std::mem::take(&mut x.also)).unwrap_or_default();
        let mut out = vec![self];
        out.extend(also.into_iter().flat_map(ApiError::into_each));
        out
    }

    /// This problem and those found with it, each on its own.
    pub fn each(&self) -> impl Iterator<Item = &ApiError> {
        std::iter::once(self).chain(self.extra.iter().flat_map(|x| x.also.iter()))
    }

    /// An error with the catalog message of `code` (`locales/{vi,en}/errors.ftl`
    /// in motcua-rules); `.arg(name, value)` fills in its variables.
    pub fn coded(status: StatusCode, code: &'static str, field: Option<&str>) -> Self {
        let (vi, en) = motcua_rules::messages::error_message(code, &[]);
        ApiError::new(status, code, field, vi, en)
    }

    /// A validation failure on `field` (422) with the catalog message of `code`.
    pub fn unprocessable(code: &'static str, field: &str) -> Self {
        ApiError::coded(StatusCode::UNPROCESSABLE_ENTITY, code, Some(field))
    }

    /// Fills in the message variable `name` with `value` in both languages.
    pub fn arg(self, name: &'static str, value: impl std::fmt::Display) -> Self {
        let value = value.to_string();
        self.arg_each(name, value.clone(), value)
    }

    /// Fills in the message variable `name`, written differently in each language.
    pub fn arg_each(mut self, name: &'static str, vi: impl std::fmt::Display, en: impl std::fmt::Display) -> Self {
        let args = &mut self.extra.get_or_insert_with(Box::default).args;
        args.retain(|(n, _, _)| *n != name);
        args.push((name, vi.to_string(), en.to_string()));
        let args_vi: Vec<(&str, &str)> = args.iter().map(|(n, v, _)| (*n, v.as_str())).collect();
        let args_en: Vec<(&str, &str)> = args.iter().map(|(n, _, e)| (*n, e.as_str())).collect();
        let (vi, en) = motcua_rules::messages::error_message_each(self.code, &args_vi, &args_en);
        self.message_vi = vi;
        self.message_en = en;
        self
    }

    /// Sends `Retry-After: seconds` with the answer (kept with the
    /// message arguments, so that the error stays small).
    pub fn retry_after(self, seconds: u64) -> Self {
        self.arg("retry_after", seconds)
    }

    /// The seconds of [`ApiError::retry_after`], if set.
    pub fn retry_after_secs(&self) -> Option<u64> {
        self.extra.as_ref()?.args.iter().find(|(n, _, _)| *n == "retry_after").and_then(|(_, v, _)| v.parse().ok())
    }

    /// The answer: status, body in the chosen language, `Retry-After`.
    fn response(&self, english: bool) -> Response {
        let mut res = (self.status, Json(self.body(english))).into_response();
        if let Some(secs) = self.retry_after_secs() {
            res.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(secs));
        }
        res
    }

    pub fn unauthenticated() -> Self {
        ApiError::coded(StatusCode::UNAUTHORIZED, "unauthenticated", None)
    }

    pub fn forbidden() -> Self {
        ApiError::coded(StatusCode::FORBIDDEN, "forbidden", None)
    }

    pub fn internal() -> Self {
        ApiError::coded(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", None)
    }

    /// The body in the language chosen by `english`.
    pub fn body(&self, english: bool) -> ErrorBody {
        let several = self.extra.as_ref().is_some_and(|x| !x.also.is_empty());
        let errors = if several { self.each().map(|e| e.detail(english)).collect() } else { Vec::new() };
        ErrorBody { error: self.detail(english), errors }
    }

    fn detail(&self, english: bool) -> ErrorDetail {
        ErrorDetail {
            code: self.code,
            field: self.field.clone(),
            message: if english { self.message_en.clone() } else { self.message_vi.clone() },
            message_vi: self.message_vi.clone(),
            message_en: self.message_en.clone(),
        }
    }
}

impl From<RuleError> for ApiError {
    fn from(e: RuleError) -> Self {
        let status = match e.kind {
            ErrorKind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorKind::NotAllowed | ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::Forbidden => StatusCode::FORBIDDEN,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
        };
        ApiError {
            status,
            code: e.code,
            field: e.field,
            message_vi: e.message_vi,
            message_en: e.message_en,
            extra: None,
        }
    }
}

impl From<motcua_rules::Problems> for ApiError {
    /// Every problem found; an empty list is a bug of the caller.
    fn from(p: motcua_rules::Problems) -> Self {
        ApiError::many(p.into_vec().into_iter().map(ApiError::from)).unwrap_or_else(ApiError::internal)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Rule(r) => r.into(),
            StoreError::Db(DbError::Busy(cause)) => {
                tracing::warn!(error.cause = %cause, "database busy");
                ApiError::coded(StatusCode::SERVICE_UNAVAILABLE, "database_busy", None)
            }
            StoreError::Db(cause) => {
                tracing::error!(error.cause = %cause, "database error");
                ApiError::internal()
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // The language is applied by the `language` middleware, which reads
        // the request's Accept-Language; here the default is Vietnamese.
        let mut res = self.response(false);
        res.extensions_mut().insert(self);
        res
    }
}

/// Re-renders an error response in English when the request prefers it.
pub async fn localize_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let english = prefers_english(req.headers());
    let res = next.run(req).await;
    match res.extensions().get::<ApiError>() {
        Some(err) if english => {
            let err = err.clone();
            err.response(true)
        }
        _ => res,
    }
}

/// Whether `Accept-Language` ranks English before Vietnamese. Vietnamese is
/// the default.
pub fn prefers_english(headers: &axum::http::HeaderMap) -> bool {
    let Some(value) = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    for lang in value.split(',') {
        let tag = lang.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if tag.starts_with("vi") {
            return false;
        }
        if tag.starts_with("en") {
            return true;
        }
    }
    false
}

pub type ApiResult<T> = Result<T, ApiError>;

/// axum's own rejections (a path segment that is not a number, a body read
/// as bytes over the limit, a broken multipart body) answer in plain text;
/// under `/api/` they leave in the API's error body like every other error,
/// so the API answers JSON whatever goes wrong.
pub async fn api_rejections(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let status = res.status();
    // A wrong method keeps axum's answer (with its `Allow` header).
    if !api
        || status.as_u16() < 400
        || status == StatusCode::METHOD_NOT_ALLOWED
        || res.extensions().get::<ApiError>().is_some()
    {
        return res;
    }
    let json = res
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("application/json"));
    if json {
        return res;
    }
    let err = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::coded(status, "body_too_large", None),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::coded(status, "unsupported_media_type", None),
        StatusCode::NOT_FOUND => ApiError::coded(status, "not_found", None),
        s if s.is_client_error() => ApiError::coded(s, "malformed_request", None),
        s => ApiError { status: s, ..ApiError::internal() },
    };
    err.into_response()
}
