//! The officer inbox: what waits at the caller's unit and role.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, FixedOffset};
use motcua_rules::Role;
use motcua_rules::dossier::step_clock;
use motcua_store::model::Channel;
use motcua_store::{InboxCursor, InboxItem, InboxQuery};
use serde::Serialize;

use super::dossiers::parse_status;
use crate::auth::CurrentUser;
use crate::dto::StatusView;
use crate::error::{ApiError, ApiResult};
use crate::extract::Params;
use crate::state::AppState;
use crate::time::{parse_rfc3339, to_api};

#[derive(Serialize, utoipa::ToSchema)]
pub struct InboxItemView {
    pub id: i64,
    pub code: Option<String>,
    pub procedure_code: String,
    pub procedure_name: String,
    pub applicant_name: String,
    pub status: StatusView,
    #[schema(value_type = String)]
    pub channel: Channel,
    pub received_at: Option<DateTime<FixedOffset>>,
    pub due_at: Option<DateTime<FixedOffset>>,
    /// Past its due moment now.
    pub overdue: bool,
    pub current_unit_id: i64,
    pub current_role: &'static str,
    pub step: Option<u32>,
    /// When the running step began, and its own due moment (absent for a
    /// step without a share of the limit).
    pub step_started_at: Option<DateTime<FixedOffset>>,
    pub step_due_at: Option<DateTime<FixedOffset>>,
    /// The running step is past its own due moment now (Bước quá hạn),
    /// which may happen while the dossier as a whole is on time.
    pub step_overdue: bool,
    pub version: i64,
    /// The officer the current step is assigned to, and their name.
    pub assigned_user_id: Option<i64>,
    pub assigned_name: Option<String>,
    /// A supplement the citizen sent online waits to be checked (accepted
    /// with `supplement_received`, or answered with `request_supplement`).
    pub supplement_arrived_at: Option<DateTime<FixedOffset>>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct InboxPage {
    pub items: Vec<InboxItemView>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

pub(crate) fn view(i: InboxItem, now: chrono::NaiveDateTime) -> InboxItemView {
    InboxItemView {
        overdue: i.status.clock_running() && i.due_at.is_some_and(|d| d < now),
        id: i.id,
        code: i.code,
        procedure_code: i.procedure_code,
        procedure_name: i.procedure_name,
        applicant_name: i.applicant_name,
        status: i.status.into(),
        channel: i.channel,
        received_at: i.received_at.map(to_api),
        due_at: i.due_at.map(to_api),
        current_unit_id: i.current_unit_id,
        current_role: i.current_role.as_str(),
        step: i.step,
        step_started_at: i.step_started_at.map(to_api),
        step_due_at: i.step_due_at.map(to_api),
        step_overdue: step_clock::step_overdue(i.step_due_at, i.paused_at, now),
        version: i.version,
        assigned_user_id: i.assigned_user_id,
        assigned_name: i.assigned_name,
        supplement_arrived_at: i.supplement_arrived_at.map(to_api),
    }
}

/// Dossiers waiting at the caller's unit subtree for their role, soonest
/// due first. Leaders may pass `role=any` to see every role's work.
/// `assigned=me` lists only the dossiers assigned to the caller (Được giao
/// cho tôi), whatever the role they wait for; `assigned=unit` (the default)
/// lists the unit's work (Của đơn vị), assigned or not.
#[utoipa::path(get, path = "/api/v1/inbox", tag = "dossiers",
    params(("role" = Option<String>, Query), ("status" = Option<String>, Query), ("procedure" = Option<String>, Query),
           ("field" = Option<String>, Query), ("channel" = Option<String>, Query, description = "counter | online | postal"),
           ("received_from" = Option<String>, Query), ("received_to" = Option<String>, Query),
           ("overdue" = Option<bool>, Query),
           ("step_overdue" = Option<bool>, Query, description = "only dossiers whose running step is past its own due moment"),
           ("assigned" = Option<String>, Query, description = "me | unit (default)"),
           ("cursor" = Option<String>, Query), ("limit" = Option<u32>, Query)),
    responses((status = 200, body = InboxPage), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn inbox(State(state): State<AppState>, me: CurrentUser, params: Params) -> ApiResult<Json<InboxPage>> {
    let scope = me.staff_scope()?;
    let role = match params.get("role") {
        None => Some(me.role()),
        Some("any") if me.role() == Role::Leader => None,
        Some(r) => match Role::parse(r) {
            Some(role) if role == me.role() || me.role() == Role::Leader => Some(role),
            Some(_) => return Err(ApiError::forbidden()),
            None => {
                return Err(ApiError::unprocessable("invalid_role", "role").arg("role", r));
            }
        },
    };
    let channel = match params.get("channel") {
        None => None,
        Some("counter") => Some(Channel::Counter),
        Some("online") => Some(Channel::Online),
        Some("postal") => Some(Channel::Postal),
        Some(_) => {
            return Err(ApiError::unprocessable("invalid_channel", "channel"));
        }
    };
    let after = match params.get("cursor") {
        None => None,
        Some(c) => Some(InboxCursor::decode(c).ok_or_else(|| ApiError::unprocessable("invalid_cursor", "cursor"))?),
    };
    let assigned_to = match params.get("assigned") {
        None | Some("unit") => None,
        Some("me") => Some(me.user.id),
        Some(other) => {
            return Err(ApiError::unprocessable("invalid_field", "assigned")
                .arg("field", "assigned")
                .arg("what", format!("{other} (me, unit)")));
        }
    };
    let now = state.now();
    let q = InboxQuery {
        assigned_to,
        scope_path: scope.path,
        role,
        status: params.get("status").map(parse_status).transpose()?,
        procedure_code: params.get("procedure").map(str::to_owned),
        field_code: params.get("field").map(str::to_owned),
        channel,
        received_from: params.get("received_from").map(|v| parse_rfc3339(v, "received_from")).transpose()?,
        received_to: params.get("received_to").map(|v| parse_rfc3339(v, "received_to")).transpose()?,
        overdue_at: params.bool("overdue")?.then_some(now),
        step_overdue_at: params.bool("step_overdue")?.then_some(now),
        after,
        limit: params.int("limit", 1, 200)?.unwrap_or(50) as u32,
    };
    let page = state.store.inbox(q).await?;
    Ok(Json(InboxPage { items: page.items.into_iter().map(|i| view(i, now)).collect(), next_cursor: page.next_cursor }))
}
