//! Notifications and escalation over the API (docs/notifications.md): a
//! dossier's notices and their delivery, a person's channel, the
//! administrators' escalation rules, the escalations a leader sees, and
//! whether any channel is configured.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use motcua_rules::escalation::{EscalationRule, RuleScope};
use motcua_rules::notice::ChannelKind;
use motcua_rules::validate::{Email, PhoneNumber};
use motcua_rules::{Problems, RuleError};
use motcua_store::{EscalationView, NotificationCounts, NotificationView, NotifyContact};
use serde::{Deserialize, Serialize};

use crate::admin_scope::AdminScope;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Params};
use crate::routes::dossiers::{parse_ref, visible};
use crate::state::AppState;

/// The notices of a dossier and how each was delivered (the address masked).
#[utoipa::path(get, path = "/api/v1/dossiers/{ref}/notifications", tag = "notifications",
    params(("ref" = String, Path, description = "Dossier code, or internal id before reception")),
    responses((status = 200, body = [NotificationView]), (status = 404, body = crate::error::ErrorBody)))]
pub async fn of_dossier(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
) -> ApiResult<Json<Vec<NotificationView>>> {
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    Ok(Json(state.store.dossier_notifications(d.id).await?))
}

/// How a person wants to be told, as sent.
#[derive(Deserialize, utoipa::ToSchema, Default)]
pub struct ContactInput {
    /// `email`, `sms` or `zalo`.
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// Checks a contact: every mistake at once, each on its field.
pub fn check_contact(input: &ContactInput) -> Result<NotifyContact, ApiError> {
    let mut p = Problems::new();
    let channel = ChannelKind::parse(input.channel.trim());
    if channel.is_none() {
        p.add(RuleError::invalid("notify_channel_unknown", "channel"));
    }
    let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let email = text(&input.email).and_then(|e| p.check(Email::parse(&e, "email")).map(|e| e.as_str().to_owned()));
    let phone =
        text(&input.phone).and_then(|v| p.check(PhoneNumber::parse(&v, "phone")).map(|v| v.as_str().to_owned()));
    match channel {
        Some(ChannelKind::Email) if email.is_none() && text(&input.email).is_none() => {
            p.add(RuleError::invalid("notify_address_required", "email"));
        }
        Some(ChannelKind::Sms | ChannelKind::Zalo) if phone.is_none() && text(&input.phone).is_none() => {
            p.add(RuleError::invalid("notify_address_required", "phone"));
        }
        _ => {}
    }
    if !p.is_empty() {
        return Err(p.into());
    }
    Ok(NotifyContact { channel: channel.expect("checked"), email, phone })
}

/// The caller's channel and contact details; absent when never set.
#[utoipa::path(get, path = "/api/v1/account/notifications", tag = "notifications",
    responses((status = 200, body = Option<NotifyContact>), (status = 401, body = crate::error::ErrorBody)))]
pub async fn my_contact(State(state): State<AppState>, me: CurrentUser) -> ApiResult<Json<Option<NotifyContact>>> {
    Ok(Json(state.store.notify_contact(me.user.id).await?))
}

/// Sets how the caller wants to be told.
#[utoipa::path(put, path = "/api/v1/account/notifications", tag = "notifications", request_body = ContactInput,
    responses((status = 200, body = NotifyContact), (status = 422, body = crate::error::ErrorBody)))]
pub async fn set_my_contact(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(input): ApiJson<ContactInput>,
) -> ApiResult<Json<NotifyContact>> {
    let contact = check_contact(&input)?;
    state.store.set_notify_contact(me.user.id, contact.clone(), state.now()).await?;
    Ok(Json(contact))
}

/// A rule as listed: where it is set, and what it says.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RuleLine {
    /// `procedure` or `unit`.
    pub scope: String,
    /// The procedure's or the unit's code.
    pub code: String,
    pub name: String,
    #[serde(flatten)]
    pub rule: RuleBody,
}

/// An escalation rule, as sent and as answered.
#[derive(Serialize, Deserialize, utoipa::ToSchema, Default, Clone, Copy)]
pub struct RuleBody {
    /// Tell the step's officer this many working hours before the step's
    /// due moment; null: not at all.
    #[serde(default)]
    pub warn_hours: Option<u32>,
    /// Tell the leader of the step's unit when the step is overdue.
    #[serde(default)]
    pub leader_when_overdue: bool,
    /// Tell the leader of the unit above when still overdue after this many
    /// working hours; null: no second level.
    #[serde(default)]
    pub second_level_hours: Option<u32>,
}

impl From<RuleBody> for EscalationRule {
    fn from(b: RuleBody) -> Self {
        EscalationRule {
            warn_hours: b.warn_hours,
            leader_when_overdue: b.leader_when_overdue,
            second_level_hours: b.second_level_hours,
        }
    }
}

impl From<EscalationRule> for RuleBody {
    fn from(r: EscalationRule) -> Self {
        RuleBody {
            warn_hours: r.warn_hours,
            leader_when_overdue: r.leader_when_overdue,
            second_level_hours: r.second_level_hours,
        }
    }
}

/// The rules and the default that holds where none is set.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RulesAnswer {
    pub default: RuleBody,
    pub rules: Vec<RuleLine>,
}

/// The rules of the administrator's units and procedures.
pub async fn rules_of(state: &AppState, scope: &AdminScope) -> ApiResult<RulesAnswer> {
    let rules = state
        .store
        .escalation_rule_lines()
        .await?
        .into_iter()
        .filter(|l| scope.unit().contains(&l.unit))
        .map(|l| RuleLine {
            scope: match l.scope {
                RuleScope::Procedure(_) => "procedure".into(),
                RuleScope::Unit(_) => "unit".into(),
            },
            code: l.code,
            name: l.name,
            rule: l.rule.into(),
        })
        .collect();
    Ok(RulesAnswer { default: EscalationRule::default().into(), rules })
}

/// The escalation rules (administrators).
#[utoipa::path(get, path = "/api/v1/escalation-rules", tag = "notifications",
    responses((status = 200, body = RulesAnswer), (status = 403, body = crate::error::ErrorBody)))]
pub async fn rules(State(state): State<AppState>, me: CurrentUser) -> ApiResult<Json<RulesAnswer>> {
    let scope = AdminScope::of(&me)?;
    Ok(Json(rules_of(&state, &scope).await?))
}

/// The scope a path names, checked against the administrator's subtree.
pub async fn scope_of(state: &AppState, admin: &AdminScope, kind: &str, code: &str) -> ApiResult<RuleScope> {
    match kind {
        "units" => {
            let unit = state
                .store
                .unit_by_code(code.to_owned())
                .await?
                .ok_or_else(|| ApiError::coded(StatusCode::NOT_FOUND, "unit_not_found", None))?;
            Ok(RuleScope::Unit(admin.chosen_unit(unit, "unit")?.id))
        }
        "procedures" => {
            let p = state
                .store
                .procedure(code.to_owned())
                .await?
                .ok_or_else(|| ApiError::coded(StatusCode::NOT_FOUND, "procedure_not_found", None))?;
            let agency = state
                .store
                .unit_by_code(p.data.agency_unit_code.clone())
                .await?
                .ok_or_else(|| ApiError::coded(StatusCode::NOT_FOUND, "unit_not_found", None))?;
            admin.chosen_unit(agency, "procedure")?;
            Ok(RuleScope::Procedure(p.id))
        }
        _ => Err(ApiError::coded(StatusCode::NOT_FOUND, "not_found", None)),
    }
}

/// Sets the escalation rule of a unit (and the units below it without
/// their own) or of a procedure (which wins over any unit's).
#[utoipa::path(put, path = "/api/v1/escalation-rules/{scope}/{code}", tag = "notifications", request_body = RuleBody,
    params(("scope" = String, Path, description = "`units` or `procedures`"),
           ("code" = String, Path, description = "The unit's or the procedure's code")),
    responses((status = 200, body = RuleBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn put_rule(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((kind, code)): Path<(String, String)>,
    ApiJson(body): ApiJson<RuleBody>,
) -> ApiResult<Json<RuleBody>> {
    let admin = AdminScope::of(&me)?;
    let scope = scope_of(&state, &admin, &kind, &code).await?;
    let rule = EscalationRule::from(body);
    if let Err(errors) = rule.check() {
        let mut p = Problems::new();
        errors.into_iter().for_each(|e| p.add(e));
        return Err(p.into());
    }
    state.store.set_escalation_rule(scope, rule, me.user.id, state.now()).await?;
    Ok(Json(body))
}

/// Removes a rule: the unit above's, or the default, holds again.
#[utoipa::path(delete, path = "/api/v1/escalation-rules/{scope}/{code}", tag = "notifications",
    params(("scope" = String, Path, description = "`units` or `procedures`"),
           ("code" = String, Path, description = "The unit's or the procedure's code")),
    responses((status = 204), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn delete_rule(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((kind, code)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let admin = AdminScope::of(&me)?;
    let scope = scope_of(&state, &admin, &kind, &code).await?;
    if state.store.delete_escalation_rule(scope).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::coded(StatusCode::NOT_FOUND, "escalation_rule_not_found", None))
    }
}

/// The escalations told to the leaders of the caller's unit and the units
/// below it (overdue steps, and those overdue for long), newest first.
#[utoipa::path(get, path = "/api/v1/escalations", tag = "notifications",
    params(("all" = Option<bool>, Query, description = "Include the steps that have since moved on")),
    responses((status = 200, body = [EscalationView]), (status = 403, body = crate::error::ErrorBody)))]
pub async fn escalations(
    State(state): State<AppState>,
    me: CurrentUser,
    params: Params,
) -> ApiResult<Json<Vec<EscalationView>>> {
    let unit = me.staff_scope()?;
    let all = params.bool("all")?;
    Ok(Json(state.store.escalations_in(unit.path, !all, 200).await?))
}

/// Which channels are configured, and how many notices are in each state.
#[derive(Serialize, utoipa::ToSchema)]
pub struct NotifyStatus {
    /// `email`, `sms`, `zalo`: empty when none is (notices are then kept, not sent).
    pub channels: Vec<String>,
    pub counts: NotificationCounts,
}

/// Whether notices can go out (administrators).
#[utoipa::path(get, path = "/api/v1/notifications/status", tag = "notifications",
    responses((status = 200, body = NotifyStatus), (status = 403, body = crate::error::ErrorBody)))]
pub async fn status(State(state): State<AppState>, me: CurrentUser) -> ApiResult<Json<NotifyStatus>> {
    AdminScope::of(&me)?;
    let channels = state.channels().configured().into_iter().map(|c| c.as_str().to_owned()).collect();
    Ok(Json(NotifyStatus { channels, counts: state.store.notification_counts().await? }))
}
