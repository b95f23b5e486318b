//! A dossier's file sent back as a download, the same way for the citizen
//! who sent it and for the staff who handle it.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use motcua_store::model::AttachmentMeta;

use crate::error::{ApiError, ApiResult};

/// The file as an attachment (never shown inline, never sniffed, never
/// cached by a shared proxy), under its original name.
pub fn attachment(meta: &AttachmentMeta, data: Vec<u8>) -> ApiResult<Response> {
    file(&meta.name, &meta.content_type, data)
}

/// Any stored file (a dossier's, a procedure's form) sent the same way.
pub fn file(name: &str, content_type: &str, data: Vec<u8>) -> ApiResult<Response> {
    let mut res = data.into_response();
    let h = res.headers_mut();
    let content_type =
        HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    h.insert(header::CONTENT_TYPE, content_type);
    h.insert(header::CONTENT_DISPOSITION, disposition(name).map_err(|_| ApiError::internal())?);
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}

/// `attachment; filename="ASCII fallback"; filename*=UTF-8''percent-encoded`
/// (RFC 6266 / RFC 8187), so Vietnamese names survive in every browser:
/// the one rule for files and reports alike
/// ([`crate::reports::content_disposition`]).
pub fn disposition(name: &str) -> Result<HeaderValue, axum::http::header::InvalidHeaderValue> {
    HeaderValue::from_str(&crate::reports::content_disposition(name))
}

#[cfg(test)]
mod tests {
    #[test]
    fn download_names_keep_their_vietnamese_letters() {
        let v = super::disposition("Tờ khai \"mẫu\".pdf").unwrap();
        assert_eq!(
            v.to_str().unwrap(),
            "attachment; filename=\"To khai _mau_.pdf\"; filename*=UTF-8''T%E1%BB%9D%20khai%20%22m%E1%BA%ABu%22.pdf"
        );
    }
}
