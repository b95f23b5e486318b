//! The stylesheet and the few scripts, compiled into the binary and served
//! with a content hash in their URL so browsers may cache them for a year.

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::LazyLock;

use crate::state::AppState;

const CSS: &str = include_str!("../../static/app.css");

/// The stylesheet's URL, with a short hash of its content.
pub static CSS_URL: LazyLock<String> = LazyLock::new(|| format!("/static/app-{}.css", short_hash(CSS)));

fn short_hash(s: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(s.as_bytes())[..6])
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/static/{name}", get(serve))
}

async fn serve(Path(name): Path<String>) -> Response {
    if format!("/static/{name}") == *CSS_URL {
        let mut res = CSS.into_response();
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
        return res;
    }
    StatusCode::NOT_FOUND.into_response()
}
