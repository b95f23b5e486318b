//! The public status look-up: a dossier code plus the last 4 digits of the
//! applicant's phone or ID number, answered with personal data masked.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, FixedOffset};
use motcua_rules::calendar::Timeliness;
use motcua_rules::validate::{CitizenId, PhoneNumber, last4_matches};
use motcua_rules::{mask, throttle};
use motcua_store::ThrottleKey;
use motcua_store::model::Dossier;
use serde::Serialize;

use super::dossiers::parse_ref;
use crate::auth::ClientAddr;
use crate::dto::StatusView;
use crate::error::{ApiError, ApiResult};
use crate::extract::Params;
use crate::state::AppState;
use crate::time::to_api;

#[derive(Serialize, utoipa::ToSchema)]
pub struct PublicEvent {
    pub at: DateTime<FixedOffset>,
    pub action: String,
    pub action_vi: &'static str,
    pub status: StatusView,
    /// A note written for the applicant (a refusal or supplement reason);
    /// internal notes are never shown.
    pub note: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PublicDossier {
    pub code: String,
    pub procedure_code: String,
    pub procedure_name: String,
    /// Masked: first letters only.
    pub applicant_name: String,
    pub status: StatusView,
    pub received_at: Option<DateTime<FixedOffset>>,
    pub due_at: Option<DateTime<FixedOffset>>,
    pub finished_at: Option<DateTime<FixedOffset>>,
    pub returned_at: Option<DateTime<FixedOffset>>,
    #[schema(value_type = Option<String>)]
    pub timeliness: Option<Timeliness>,
    /// What happened and when, with the notes written for the applicant;
    /// internal notes and officers are not shown.
    pub timeline: Vec<PublicEvent>,
}

fn not_found() -> ApiError {
    ApiError::coded(StatusCode::NOT_FOUND, "dossier_not_found", None).arg("case", "lookup")
}

/// Status of a dossier by its code and the last 4 digits of the applicant's
/// phone or ID. A wrong check answers like an unknown code; repeated wrong
/// checks on one code, or from one address, are slowed down (exponential
/// delays, see `motcua_rules::throttle`).
#[utoipa::path(get, path = "/api/v1/public/dossiers/{code}", tag = "public",
    params(("code" = String, Path), ("check" = String, Query, description = "Last 4 digits of the applicant's phone or ID number")),
    responses((status = 200, body = PublicDossier), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody)))]
pub async fn status(
    State(state): State<AppState>,
    addr: ClientAddr,
    Path(code): Path<String>,
    params: Params,
) -> ApiResult<Json<PublicDossier>> {
    let check = params.require("check")?;
    let d = find_checked(&state, &addr, &code, check).await?;
    Ok(Json(public_view(&state, &d).await?))
}

/// The look-up's check, shared by the API and the portal: `check` must be
/// 4 digits equal to the last 4 of the applicant's phone or ID number. An
/// unknown code and a wrong check answer the same `dossier_not_found`.
///
/// Every well-formed attempt is first claimed in the database against the
/// code and against the address ([`throttle::LOOKUP_CODE`],
/// [`throttle::LOOKUP_ADDRESS`]), so parallel guesses are counted one by
/// one; once a key must wait, even the right check is refused for a while
/// (429 `too_many_attempts` with `Retry-After`). The right check clears the
/// code's count and takes back the address's charge.
pub async fn find_checked(state: &AppState, addr: &ClientAddr, code: &str, check: &str) -> ApiResult<Dossier> {
    if check.len() != 4 || !check.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::unprocessable("invalid_check", "check"));
    }
    let code = motcua_rules::codes::normalize_dossier_code(code);
    if !motcua_rules::codes::looks_like_dossier_code(&code) {
        return Err(not_found());
    }
    let code_key = format!("lookup:{code}");
    let addr_key = format!("lookup-from:{}", addr.0);
    let keys = vec![
        ThrottleKey::new(code_key.clone(), throttle::LOOKUP_CODE),
        ThrottleKey::new(addr_key.clone(), throttle::LOOKUP_ADDRESS),
    ];
    if let Some(wait) = state.store.throttle_claim(keys, state.now()).await? {
        return Err(crate::routes::auth::too_many(wait, "lookup"));
    }
    let Some(d) = state.store.dossier(parse_ref(&code)).await? else {
        return Err(not_found());
    };
    let phone = d.applicant.phone.as_deref().and_then(|p| PhoneNumber::parse(p, "phone").ok());
    let id = d.applicant.id_number.as_deref().and_then(|p| CitizenId::parse(p, "id").ok());
    if !last4_matches(check, phone.as_ref(), id.as_ref()) {
        return Err(not_found());
    }
    state.store.throttle_success(vec![code_key], vec![addr_key]).await?;
    Ok(d)
}

/// What the public may see of a dossier that passed [`find_checked`]:
/// personal data masked, only the notes for the applicant, no officers.
pub async fn public_view(state: &AppState, d: &Dossier) -> ApiResult<PublicDossier> {
    let version = state.store.procedure_version(d.procedure_version_id).await?;
    let events = state.store.dossier_events(d.id).await?;
    let calendar = state.calendar();
    let s = &d.state;
    Ok(PublicDossier {
        code: d.code.clone().unwrap_or_default(),
        procedure_code: version.data.code.clone(),
        procedure_name: version.data.name.clone(),
        applicant_name: mask::mask_name(&d.applicant.name),
        status: s.status.into(),
        received_at: s.received_at.map(to_api),
        due_at: s.due_at.map(to_api),
        finished_at: s.finished_at.map(to_api),
        returned_at: d.returned_at.map(to_api),
        timeliness: s.timeliness(state.now(), &calendar),
        timeline: events
            .into_iter()
            .map(|e| PublicEvent {
                note: e.applicant_note().map(str::to_owned),
                at: to_api(e.at),
                action_vi: motcua_rules::dossier::ActionKind::parse(&e.action).map_or("", |k| k.name_vi()),
                action: e.action,
                status: e.to_status.into(),
            })
            .collect(),
    })
}
