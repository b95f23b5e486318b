//! Liveness and readiness for probes.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::error::ApiResult;
use crate::state::AppState;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub database: &'static str,
}

/// Answers 200 when the server runs and its database answers.
#[utoipa::path(get, path = "/healthz", tag = "system", responses((status = 200, body = Health), (status = 500)))]
pub async fn healthz(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    state.store.ping().await?;
    let database = match state.store.dialect() {
        motcua_store::db::Dialect::Sqlite => "sqlite",
        motcua_store::db::Dialect::Postgres => "postgres",
    };
    Ok(Json(Health { status: "ok", database }))
}
