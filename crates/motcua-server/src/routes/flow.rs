//! Work on several dossiers or people at once: bulk approval (forward or
//! finish a selection of dossiers) and the officers a dossier's current step
//! may be assigned to.
//!
//! A bulk action is not one transaction: each dossier is acted on by
//! [`act_on`], exactly as `POST /dossiers/{ref}/actions` would, with its own
//! version check, its own history line and its own counters. The answer
//! says, per dossier and in the order sent, what was done or why it was
//! refused; a refusal affects no other dossier. Two leaders approving
//! overlapping selections at once: the second to reach a dossier finds its
//! version moved on (`stale_version`), so each dossier changes once.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use motcua_rules::Role;
use motcua_rules::dossier::ActionKind;
use motcua_store::model::User;
use serde::{Deserialize, Serialize};

use super::dossiers::{ActionRequest, act_on, parse_ref, visible};
use crate::auth::CurrentUser;
use crate::dto::StatusView;
use crate::error::{ApiError, ApiResult, ErrorDetail, prefers_english};
use crate::extract::ApiJson;
use crate::state::AppState;

/// The most dossiers one bulk action takes: a page of the inbox is 50, and
/// each dossier is a transaction of its own.
pub const MAX_BULK: usize = 100;

/// The actions a bulk request may take: moving dossiers on.
pub const BULK_ACTIONS: [ActionKind; 2] = [ActionKind::Forward, ActionKind::Finish];

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BulkItem {
    /// The dossier's code, or its internal id.
    pub dossier: String,
    /// The dossier version the caller read.
    pub version: i64,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BulkRequest {
    /// `forward` or `finish` (approve at the last step).
    pub action: String,
    /// An optional note, written on each dossier's history line.
    pub note: Option<String>,
    /// At most 100 dossiers, none twice.
    pub items: Vec<BulkItem>,
}

/// What happened to one dossier of a bulk action.
#[derive(Serialize, utoipa::ToSchema)]
pub struct BulkOutcome {
    /// As sent.
    pub dossier: String,
    pub ok: bool,
    /// After the action, when it was done.
    pub code: Option<String>,
    pub version: Option<i64>,
    pub status: Option<StatusView>,
    /// Why it was refused (as a single action's error would say).
    pub error: Option<ErrorDetail>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct BulkResult {
    pub succeeded: usize,
    pub refused: usize,
    /// One per item, in the order sent.
    pub results: Vec<BulkOutcome>,
}

/// The checks of the request as a whole: a leader, an action that moves
/// dossiers on, a list of 1–100 distinct dossiers.
pub fn check_bulk(me: &CurrentUser, req: &BulkRequest) -> Result<ActionKind, ApiError> {
    me.require(&[Role::Leader])?;
    let kind = ActionKind::parse(req.action.trim()).filter(|k| BULK_ACTIONS.contains(k));
    let Some(kind) = kind else {
        return Err(ApiError::unprocessable("bulk_action_not_allowed", "action"));
    };
    if req.items.is_empty() {
        return Err(ApiError::unprocessable("required", "items").arg("case", "field").arg("field", "items"));
    }
    crate::limits::at_most("items", req.items.len(), MAX_BULK)?;
    crate::limits::distinct("items", req.items.iter().map(|i| parse_key(&i.dossier)))?;
    Ok(kind)
}

/// The same dossier by id or by code (codes compare normalised).
fn parse_key(raw: &str) -> String {
    match parse_ref(raw.trim()) {
        motcua_store::DossierRef::Id(id) => format!("#{id}"),
        motcua_store::DossierRef::Code(code) => code,
    }
}

/// Acts on each dossier in turn; never fails as a whole once the request
/// passed [`check_bulk`].
pub async fn run_bulk(
    state: &AppState,
    me: &CurrentUser,
    kind: ActionKind,
    note: Option<String>,
    items: Vec<BulkItem>,
    english: bool,
) -> BulkResult {
    let mut results = Vec::with_capacity(items.len());
    for item in items {
        let req = ActionRequest {
            action: kind.as_str().to_owned(),
            note: note.clone(),
            version: item.version,
            ..ActionRequest::default()
        };
        let outcome = match act_on(state, me, item.dossier.trim(), req).await {
            Ok((d, _)) => BulkOutcome {
                dossier: item.dossier,
                ok: true,
                code: d.code,
                version: Some(d.version),
                status: Some(d.state.status.into()),
                error: None,
            },
            Err(e) => BulkOutcome {
                dossier: item.dossier,
                ok: false,
                code: None,
                version: None,
                status: None,
                error: Some(e.body(english).error),
            },
        };
        results.push(outcome);
    }
    let succeeded = results.iter().filter(|r| r.ok).count();
    BulkResult { succeeded, refused: results.len() - succeeded, results }
}

/// Forward or finish several dossiers at once (leaders). Each dossier is
/// its own transaction with its own version check and history line; the
/// answer (200) reports each one. A request that is wrong as a whole
/// (another role, another action, no items, more than 100, a dossier twice)
/// is refused with nothing done.
#[utoipa::path(post, path = "/api/v1/dossiers/bulk-actions", tag = "dossiers", request_body = BulkRequest,
    responses((status = 200, body = BulkResult), (status = 403, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn bulk(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    ApiJson(req): ApiJson<BulkRequest>,
) -> ApiResult<Json<BulkResult>> {
    let kind = check_bulk(&me, &req)?;
    let result = run_bulk(&state, &me, kind, req.note, req.items, prefers_english(&headers)).await;
    tracing::info!(
        dossier.action = kind.as_str(),
        bulk.succeeded = result.succeeded,
        bulk.refused = result.refused,
        user.id = me.user.id,
        "bulk action"
    );
    Ok(Json(result))
}

/// An officer a dossier may be assigned to.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AssigneeView {
    pub id: i64,
    pub full_name: String,
    pub role: &'static str,
}

impl From<User> for AssigneeView {
    fn from(u: User) -> Self {
        AssigneeView { id: u.id, full_name: u.full_name, role: u.role.as_str() }
    }
}

/// The officers the dossier's current step may be assigned to: the active
/// accounts of the step's unit whose role is the step's role or leader
/// (empty before the first step and once handled).
#[utoipa::path(get, path = "/api/v1/dossiers/{ref}/assignees", tag = "dossiers",
    params(("ref" = String, Path, description = "Dossier code or internal id")),
    responses((status = 200, body = Vec<AssigneeView>), (status = 404, body = crate::error::ErrorBody)))]
pub async fn assignees(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
) -> ApiResult<Json<Vec<AssigneeView>>> {
    me.staff_scope()?;
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    Ok(Json(eligible(&state, &d).await?.into_iter().map(AssigneeView::from).collect()))
}

/// The officers `d`'s current step may be assigned to; none when it is at
/// no step.
pub async fn eligible(state: &AppState, d: &motcua_store::model::Dossier) -> ApiResult<Vec<User>> {
    let s = &d.state;
    if s.step.is_none() || s.status.is_closed() {
        return Ok(Vec::new());
    }
    Ok(state.store.assignable_officers(s.current_unit.id, s.current_role).await?)
}
