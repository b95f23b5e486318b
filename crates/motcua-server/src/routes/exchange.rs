//! `GET /api/v1/exchange/log`: the exchange's connection and message log
//! for administrators, the JSON of `/admin/exchange` (docs/exchange.md).

use axum::Json;
use axum::extract::State;
use motcua_store::LogLine;
use serde::Serialize;

use crate::admin_scope::AdminScope;
use crate::auth::CurrentUser;
use crate::error::ApiResult;
use crate::state::AppState;

/// Lines returned at most (the newest).
const LIST_MAX: i64 = 300;

/// The exchange as configured, and its message log.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ExchangeLog {
    /// `false` when `--nats-url` is not set: nothing is sent or received.
    pub configured: bool,
    /// The NATS server without credentials.
    pub url: Option<String>,
    /// This installation's agency identifier.
    pub agency_id: Option<String>,
    /// The subject it receives on.
    pub subject: Option<String>,
    /// Messages waiting in the outbox.
    pub waiting: i64,
    /// Newest first.
    pub lines: Vec<LogLine>,
}

/// The exchange's connection and message log (administrators).
#[utoipa::path(get, path = "/api/v1/exchange/log", tag = "admin",
    responses((status = 200, body = ExchangeLog), (status = 403, body = crate::error::ErrorBody)))]
pub async fn log(State(state): State<AppState>, me: CurrentUser) -> ApiResult<Json<ExchangeLog>> {
    AdminScope::of(&me)?;
    let s = state.config.exchange.as_ref();
    let (waiting, _) = state.store.outbox_backlog().await?;
    let lines = state.store.bus_log(LIST_MAX).await?;
    Ok(Json(ExchangeLog {
        configured: s.is_some(),
        url: s.map(|s| s.redacted_url()),
        agency_id: s.map(|s| s.exchange.agency.id.as_str().to_owned()),
        subject: s.map(|s| s.exchange.inbox_subject()),
        waiting,
        lines,
    }))
}
