//! `/admin/portal`: the sync to the national public service portal for the
//! administrator's subtree (docs/portal-sync.md): whether it is
//! configured, how many events wait, and every event the portal refused
//! (or motcua's own check against the catalogue held back) with the
//! dossier code, the portal's field and its words, each with a button to
//! send it again once the cause is fixed. Retrying events (the portal
//! down, an answer off the protocol) are listed with their next try.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use motcua_store::{SyncOverview, SyncProblem};
use serde::Deserialize;

use super::AdminPage;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::format;
use crate::web::i18n::Lang;
use crate::web::page::{Page, render};

/// Problems listed at most (the oldest first).
const LIST_MAX: i64 = 200;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/portal", get(show)).route("/admin/portal/resend", post(resend))
}

struct Line {
    dossier: String,
    seq: i64,
    dossier_id: i64,
    event: String,
    at: String,
    failed: bool,
    state: String,
    attempts: i64,
    field: String,
    message: String,
    next_at: String,
}

#[derive(Template)]
#[template(path = "admin/portal.html")]
struct PortalPage {
    page: Page,
    /// The portal's address when configured.
    portal_url: Option<String>,
    overview: SyncOverview,
    lines: Vec<Line>,
}

/// What the administrator reads of a problem: the portal's own words when
/// it sent some, else motcua's message for the code (a check before
/// sending, a network failure).
fn words(page: &Page, p: &SyncProblem) -> String {
    let code = p.error_code.as_deref().unwrap_or("");
    let ours = || {
        let (vi, en) = motcua_rules::messages::error_message(code, &[]);
        if page.lang == Lang::En { en } else { vi }
    };
    match p.error_message.as_deref().filter(|m| !m.trim().is_empty()) {
        Some(m) if code == "portal_rejected" => m.to_owned(),
        Some(m) => format!("{} ({m})", ours()),
        None => ours(),
    }
}

fn line(page: &Page, p: SyncProblem) -> Line {
    let failed = p.state == "failed";
    Line {
        dossier: p.dossier_code.clone().unwrap_or_else(|| page.t1("office-no-code-ref", "n", &p.dossier_id)),
        seq: p.seq,
        dossier_id: p.dossier_id,
        event: format::action_str(&p.action, page.lang),
        at: format::datetime(p.at),
        state: page.t(if failed { "adm-portal-state-failed" } else { "adm-portal-state-retrying" }),
        attempts: p.attempts,
        field: p.error_field.clone().unwrap_or_else(|| "—".to_owned()),
        message: words(page, &p),
        next_at: if failed { String::new() } else { format::datetime(p.next_at) },
        failed,
    }
}

async fn show(State(state): State<AppState>, a: AdminPage) -> ApiResult<Response> {
    let scope = a.scope.unit().clone();
    let overview = state.store.portal_overview(scope.clone()).await?;
    let problems = state.store.portal_problems(scope, LIST_MAX).await?;
    let lines = problems.into_iter().map(|p| line(&a.page, p)).collect();
    let portal_url = state.config.portal.as_ref().map(|p| p.client.base_url.clone());
    render(&PortalPage { page: a.page, portal_url, overview, lines })
}

#[derive(Deserialize)]
struct ResendForm {
    dossier_id: i64,
    seq: i64,
}

/// Sends a refused event again: it is rebuilt from the dossier as it is
/// now when the sender takes it (docs/portal-sync.md, "Refusals").
async fn resend(State(state): State<AppState>, a: AdminPage, CsrfForm(f): CsrfForm<ResendForm>) -> ApiResult<Response> {
    let scope = a.scope.unit().clone();
    let done = state.store.portal_resend(scope, f.dossier_id, f.seq, state.now()).await?;
    tracing::info!(dossier.id = f.dossier_id, sync.seq = f.seq, sync.resent = done, "portal event sent again");
    let notice = if done { "adm-portal-resent" } else { "adm-portal-not-failed" };
    Ok(Redirect::to(&format!("/admin/portal?done={notice}")).into_response())
}
