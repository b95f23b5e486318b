//! `/admin/exchange`: the exchange of official documents with other
//! agencies (docs/exchange.md), read-only: whether the bus is configured
//! (its address without credentials, this agency's identifier, the stream
//! and the subject it receives on), how many messages wait in the outbox,
//! and the message log, newest first: time, direction, sender and
//! recipient, document id, business type, status, the start of the
//! SHA-256 of the raw bytes, and the refusal of a message that failed
//! validation. The log belongs to the installation (one agency
//! identifier), so every administrator sees all of it; it holds no
//! citizen's data beyond document identifiers.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use motcua_store::LogLine;

use super::AdminPage;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::format;
use crate::web::i18n::Lang;
use crate::web::page::{Page, render};

/// Lines shown at most (the newest).
const LIST_MAX: i64 = 300;
/// Hex characters of the hash shown (enough to tell messages apart).
const HASH_SHOWN: usize = 12;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/exchange", get(show))
}

struct Connection {
    url: String,
    agency: String,
    stream: String,
    subject: String,
}

struct Line {
    at: String,
    incoming: bool,
    direction: String,
    sender: String,
    recipient: String,
    document_id: String,
    business: String,
    status: String,
    hash: String,
    refusal: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "admin/exchange.html")]
struct ExchangePage {
    page: Page,
    connection: Option<Connection>,
    waiting: i64,
    oldest: Option<String>,
    lines: Vec<Line>,
}

fn line(page: &Page, l: LogLine) -> Line {
    let dash = || "—".to_owned();
    let incoming = l.direction == "in";
    let status = match (&l.status, l.kind.as_str()) {
        (Some(code), _) => page.t(&format!("exg-status-{code}")),
        (None, "document") => page.t("exg-kind-document"),
        (None, _) => dash(),
    };
    let refusal = l.refusal_code.map(|code| {
        let (vi, en) = motcua_rules::messages::error_message(&code, &[]);
        let words = if page.lang == Lang::En { en } else { vi };
        (format!("{code} {}", l.refusal_field.unwrap_or_default()).trim().to_owned(), words)
    });
    Line {
        at: format::datetime(l.at),
        direction: page.t(if incoming { "exg-in" } else { "exg-out" }),
        incoming,
        sender: l.sender.unwrap_or_else(dash),
        recipient: l.recipient.unwrap_or_else(dash),
        document_id: l.document_id.unwrap_or_else(dash),
        business: l.business_type.map_or_else(dash, |b| page.t(&format!("exg-business-{b}"))),
        status,
        hash: l.sha256.chars().take(HASH_SHOWN).collect(),
        refusal,
    }
}

async fn show(State(state): State<AppState>, a: AdminPage) -> ApiResult<Response> {
    let connection = state.config.exchange.as_ref().map(|s| Connection {
        url: s.redacted_url(),
        agency: format!("{} ({})", s.exchange.agency.id.as_str(), s.exchange.agency.name),
        stream: s.stream.name.clone(),
        subject: s.exchange.inbox_subject(),
    });
    let (waiting, oldest) = state.store.outbox_backlog().await?;
    let lines = state.store.bus_log(LIST_MAX).await?.into_iter().map(|l| line(&a.page, l)).collect();
    render(&ExchangePage { page: a.page, connection, waiting, oldest: oldest.map(format::datetime), lines })
}
