//! The electronic result for its owner and for whoever holds the dossier's
//! code and check digits: the issued results (with their history of
//! replacements and revocations), each with its download and the link to
//! its public verification page.

use axum::extract::{Path, State};
use axum::response::Response;
use motcua_rules::Role;
use motcua_rules::dossier::result::ResultState;
use motcua_store::DossierResult;
use serde::Deserialize;

use crate::auth::ClientAddr;
use crate::error::{ApiError, ApiResult};
use crate::routes::dossiers::{parse_ref, visible};
use crate::routes::public::find_checked;
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::format;
use crate::web::page::{Authed, Page};

/// One issued result, as the citizen reads it.
pub struct PublicResultRow {
    pub id: i64,
    pub title: String,
    pub number: String,
    pub state: String,
    pub state_class: &'static str,
    /// Only the result in force is offered for download.
    pub current: bool,
    pub issued: String,
    pub reason: Option<String>,
    pub verify_href: String,
}

/// The results of a dossier ever issued, newest first.
pub async fn rows(state: &AppState, page: &Page, dossier_id: i64) -> ApiResult<Vec<PublicResultRow>> {
    let all = state.store.results(dossier_id).await?;
    Ok(all.into_iter().rev().filter(|r| r.issued_at.is_some()).map(|r| row(page, r)).collect())
}

fn row(page: &Page, r: DossierResult) -> PublicResultRow {
    let class = if r.state == ResultState::Issued { "badge-done" } else { "badge-late" };
    PublicResultRow {
        id: r.id,
        number: r.register_number().unwrap_or_default(),
        state: page.t(&format!("result-state-{}", r.state.as_str())),
        state_class: class,
        current: r.state == ResultState::Issued,
        issued: format::opt_datetime(r.issued_at),
        reason: r.end_reason,
        verify_href: format!("/verify/r/{}", r.public_token),
        title: r.title,
    }
}

/// The file of an issued result of `dossier_id`.
async fn issued_file(state: &AppState, dossier_id: i64, id: &str) -> ApiResult<(DossierResult, Vec<u8>)> {
    let id: i64 = id.parse().map_err(|_| crate::web::not_found())?;
    let result = state
        .store
        .results(dossier_id)
        .await?
        .into_iter()
        .find(|r| r.id == id && r.issued_at.is_some())
        .ok_or_else(crate::web::not_found)?;
    let (_, data) =
        state.store.attachment(dossier_id, result.attachment_id).await?.ok_or_else(crate::web::not_found)?;
    Ok((result, data))
}

fn pdf(result: &DossierResult, data: Vec<u8>) -> ApiResult<Response> {
    let name = match result.register_number() {
        Some(n) => format!("{} {}.pdf", result.title, n.replace('/', "-")),
        None => format!("{}.pdf", result.title),
    };
    crate::web::download::file(&name, "application/pdf", data)
}

/// `GET /my/{ref}/results/{id}`: the owner's result, as a download.
pub async fn mine(
    State(state): State<AppState>,
    authed: Authed,
    Path((r, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    authed.require(&[Role::Citizen])?;
    let (d, _) = visible(&state, &authed.me, parse_ref(&r)).await?;
    let (result, data) = issued_file(&state, d.id, &id).await?;
    pdf(&result, data)
}

#[derive(Deserialize)]
pub struct LookupResultForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    check: String,
    #[serde(default)]
    id: String,
}

/// `POST /lookup/result`: the result in force of a looked-up dossier, for
/// whoever holds its code and check digits (the digits travel in the body,
/// never in a URL, as for the look-up itself).
pub async fn lookup(
    State(state): State<AppState>,
    addr: ClientAddr,
    CsrfForm(f): CsrfForm<LookupResultForm>,
) -> ApiResult<Response> {
    let d = find_checked(&state, &addr, f.code.trim(), f.check.trim()).await?;
    let (result, data) = issued_file(&state, d.id, &f.id).await?;
    if result.state != ResultState::Issued {
        return Err(ApiError::from(motcua_rules::RuleError::not_found("result_not_found")));
    }
    pdf(&result, data)
}
