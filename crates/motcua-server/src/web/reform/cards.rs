//! `/reform/sipas/{id}/cards`: a unit's unused survey links as a sheet of
//! cards to print and cut out (A4, eight cards a page, `@media print` in
//! `static/reform.css`): the unit's name, the QR code of the link, the
//! link itself and two lines on how to answer. Only links nobody has
//! answered are printed, so the office can print the cards again when a
//! batch is lost, and an answered card can never be handed out twice.
//!
//! The cards carry bearer credentials: the page is the reform office's,
//! for units of its own subtree (`office_design`, `Office::unit`), and is
//! never cached. Why the tokens are kept at all: docs/par-sipas.md,
//! "Survey links".

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use axum::routing::get;
use motcua_store::model::Unit;

use super::ReformPage;
use crate::error::{ApiError, ApiResult};
use crate::routes::reform::Office;
use crate::routes::sipas::{office_design, survey_path};
use crate::state::AppState;
use crate::web::page::{FormError, Page, render};

pub fn routes() -> Router<AppState> {
    Router::new().route("/reform/sipas/{id}/cards", get(cards_page))
}

/// The side of a card's QR code in the SVG's units (it scales in print).
const QR_SIZE: u32 = 160;

/// The public address printed on the cards by default: the configured
/// public URL, else the address this request came to (as for the slips'
/// QR codes).
fn default_base(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.config.public_url {
        return url.trim_end_matches('/').to_owned();
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let scheme = if state.config.secure_cookies { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// A public address the office typed: `http(s)://host[:port][/path]`,
/// nothing that could smuggle a query, a fragment or markup into the link.
fn check_base(raw: &str) -> Result<String, ApiError> {
    let base = raw.trim().trim_end_matches('/');
    let rest = base.strip_prefix("https://").or_else(|| base.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with('/')
            && base.len() <= 200
            && r.chars().all(|c| c.is_ascii_alphanumeric() || "-._~/:%".contains(c))
    });
    if ok {
        Ok(base.to_owned())
    } else {
        Err(ApiError::unprocessable("sipas_base_url_invalid", "base").arg("value", raw.trim()))
    }
}

struct Card {
    url: String,
    qr: String,
}

#[derive(Template)]
#[template(path = "reform/sipas_cards.html")]
struct CardsPage {
    page: Page,
    design_id: i64,
    year: i32,
    units: Vec<Unit>,
    unit: Option<Unit>,
    base: String,
    cards: Vec<Card>,
    /// Unused links issued before their tokens were kept: not printable.
    without_token: usize,
    error: Option<FormError>,
}

impl CardsPage {
    fn count_text(&self, unit: &Unit) -> String {
        self.page.t2("rf-cards-count", ("count", &self.cards.len()), ("unit", &unit.name))
    }

    fn is_unit(&self, id: &i64) -> bool {
        self.unit.as_ref().is_some_and(|u| u.id == *id)
    }
}

#[derive(serde::Deserialize)]
struct CardsQuery {
    unit_id: Option<i64>,
    base: Option<String>,
}

/// The units the office owns, the province itself aside.
async fn office_units(state: &AppState, office: &Office) -> ApiResult<Vec<Unit>> {
    let units = state.store.units().await?;
    Ok(units.into_iter().filter(|u| office.contains(u) && u.id != office.province_id).collect())
}

async fn cards_page(
    State(state): State<AppState>,
    p: ReformPage,
    Path(id): Path<i64>,
    Query(q): Query<CardsQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let (office, design) = office_design(&state, &p.me, id).await?;
    let units = office_units(&state, &office).await?;
    let unit = match q.unit_id {
        Some(u) => Some(office.unit(&state, u, "unit_id").await?),
        None => None,
    };
    let raw_base = q.base.filter(|b| !b.trim().is_empty()).unwrap_or_else(|| default_base(&state, &headers));
    let (base, error) = match check_base(&raw_base) {
        Ok(b) => (b, None),
        Err(e) => (raw_base, Some(FormError::new(&p.page, &e))),
    };
    let (cards, without_token) = match (&unit, &error) {
        (Some(u), None) => {
            let links = state.store.unused_links(id, u.id).await?;
            let cards = links
                .tokens
                .iter()
                .map(|t| {
                    let url = format!("{base}{}", survey_path(t));
                    let qr = motcua_pdf::qr_svg(&url, QR_SIZE).map_err(|_| ApiError::internal())?;
                    Ok(Card { url, qr })
                })
                .collect::<ApiResult<Vec<_>>>()?;
            (cards, links.without_token)
        }
        _ => (Vec::new(), 0),
    };
    let status =
        if error.is_some() { axum::http::StatusCode::UNPROCESSABLE_ENTITY } else { axum::http::StatusCode::OK };
    let mut res = render(&CardsPage {
        page: p.page,
        design_id: id,
        year: design.year,
        units,
        unit,
        base,
        cards,
        without_token,
        error,
    })?;
    *res.status_mut() = status;
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::check_base;

    #[test]
    fn the_public_address_is_a_plain_http_address() {
        assert_eq!(check_base(" https://dichvucong.caobang.gov.vn/ ").unwrap(), "https://dichvucong.caobang.gov.vn");
        assert_eq!(check_base("http://127.0.0.1:8080/motcua").unwrap(), "http://127.0.0.1:8080/motcua");
        for bad in
            ["ftp://x", "https://", "https:///x", "javascript:alert(1)", "https://x/?a=1", "https://x\"><b>", "x.vn"]
        {
            assert!(check_base(bad).is_err(), "{bad}");
        }
    }
}
