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

/// The reform office's screens: the sheet, the card sheet, the wide tables.
/// Their own file, loaded by their pages only.
const REFORM_CSS: &str = include_str!("../../static/reform.css");
pub static REFORM_CSS_URL: LazyLock<String> =
    LazyLock::new(|| format!("/static/reform-{}.css", short_hash(REFORM_CSS)));

/// The sheet's autosave and reason fields; the sheet works without it.
const SHEET_JS: &str = include_str!("../../static/reform-sheet.js");
pub static SHEET_JS_URL: LazyLock<String> =
    LazyLock::new(|| format!("/static/reform-sheet-{}.js", short_hash(SHEET_JS)));

/// For the reform templates: `{{ crate::web::assets::reform_css() }}`.
pub fn reform_css() -> &'static str {
    &REFORM_CSS_URL
}

pub fn sheet_js() -> &'static str {
    &SHEET_JS_URL
}

fn short_hash(s: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(s.as_bytes())[..6])
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/static/{name}", get(serve))
}

async fn serve(Path(name): Path<String>) -> Response {
    let path = format!("/static/{name}");
    let (body, content_type) = if path == *CSS_URL {
        (CSS, "text/css; charset=utf-8")
    } else if path == *REFORM_CSS_URL {
        (REFORM_CSS, "text/css; charset=utf-8")
    } else if path == *SHEET_JS_URL {
        (SHEET_JS, "text/javascript; charset=utf-8")
    } else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    res
}
