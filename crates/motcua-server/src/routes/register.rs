//! The unit's register of dossiers (sổ theo dõi hồ sơ, docs/register.md):
//! every dossier the counters of the caller's units received in a period,
//! oldest first, with the applicant in full, the appointment, the hand-over
//! to the handling unit, the result and its return. The page, its PDF and
//! its spreadsheet (`crate::web::office::register`) and this endpoint share
//! [`RegisterInput`] and [`fetch`]; each records the view of the personal
//! data it shows ([`super::data_views`]).

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, FixedOffset, NaiveDate};
use motcua_rules::Role;
use motcua_store::model::{Applicant, Unit};
use motcua_store::{RegisterEntry, RegisterPage, RegisterQuery, RegisterTimeliness, ViewedVia};
use serde::Serialize;

use super::dossiers::parse_status;
use super::search::parse_day;
use super::stats::unit_in_scope;
use crate::auth::CurrentUser;
use crate::dto::StatusView;
use crate::error::{ApiError, ApiResult};
use crate::extract::Params;
use crate::state::AppState;
use crate::time::to_api;

/// Who keeps and reads the register: the roles that handle dossiers.
pub const REGISTER_READERS: [Role; 3] = [Role::CounterOfficer, Role::Specialist, Role::Leader];

/// Lines on a page of the register (page and API).
pub const PAGE_LINES: u32 = 50;
/// Lines a printed register or a spreadsheet holds at most: a longer one
/// asks for a shorter period.
pub const EXPORT_LINES: u32 = 2000;

/// The register's filters, as a page's form or the API's query gives them.
#[derive(Debug, Default, Clone)]
pub struct RegisterInput {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub procedure: Option<String>,
    pub status: Option<String>,
    /// `on_time` or `late`.
    pub timeliness: Option<String>,
    /// A unit code within the caller's scope; the caller's unit by default.
    pub unit: Option<String>,
    /// 1-based.
    pub page: u32,
}

impl RegisterInput {
    /// The filters of a query string (page and API use the same names).
    pub fn from_params(params: &Params) -> ApiResult<RegisterInput> {
        let text = |name: &str| params.get(name).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        Ok(RegisterInput {
            from: parse_day(params.get("from"), "from")?,
            to: parse_day(params.get("to"), "to")?,
            procedure: text("procedure"),
            status: text("status"),
            timeliness: text("timeliness"),
            unit: text("unit"),
            page: params.int("page", 1, 100_000)?.unwrap_or(1) as u32,
        })
    }
}

fn parse_timeliness(raw: &str) -> Result<RegisterTimeliness, ApiError> {
    match raw {
        "on_time" => Ok(RegisterTimeliness::OnTime),
        "late" => Ok(RegisterTimeliness::Late),
        _ => Err(ApiError::unprocessable("register_timeliness_invalid", "timeliness")),
    }
}

/// Reads the register for `me`: `limit` lines from page `input.page`, in
/// the unit asked for (within `me`'s scope), and records that `me` was
/// shown the applicants of those lines (`via`).
pub async fn fetch(
    state: &AppState,
    me: &CurrentUser,
    input: &RegisterInput,
    limit: u32,
    via: ViewedVia,
) -> ApiResult<(Unit, RegisterPage)> {
    me.require(&REGISTER_READERS)?;
    let unit = unit_in_scope(state, me, input.unit.as_deref()).await?;
    if let (Some(from), Some(to)) = (input.from, input.to)
        && from > to
    {
        return Err(ApiError::unprocessable("search_range_invalid", "from"));
    }
    let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight");
    let q = RegisterQuery {
        scope_path: unit.path.clone(),
        received_from: input.from.map(start),
        received_before: input.to.and_then(|d| d.succ_opt()).map(start),
        procedure_code: input.procedure.clone(),
        status: input.status.as_deref().map(parse_status).transpose()?,
        timeliness: input.timeliness.as_deref().map(parse_timeliness).transpose()?,
        now: state.now(),
        offset: input.page.saturating_sub(1).saturating_mul(limit),
        limit,
    };
    let page = state.store.register(q).await?;
    let ids = page.entries.iter().map(|e| e.dossier.id).collect();
    let path = me.user.unit_path.clone().unwrap_or_default();
    state.store.record_data_views(me.user.id, path, ids, via, state.now()).await?;
    Ok((unit, page))
}

/// One line of the register, as the API gives it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RegisterLine {
    /// The line's number in the register (STT), from the first of the filter.
    pub number: u64,
    pub id: i64,
    pub code: Option<String>,
    pub procedure_code: String,
    pub procedure_name: String,
    /// In full: the register is the unit's record of whom it served.
    pub applicant: Applicant,
    pub receiving_unit: String,
    pub received_at: Option<DateTime<FixedOffset>>,
    pub due_at: Option<DateTime<FixedOffset>>,
    /// When the dossier went to the unit that handles it, and that unit.
    pub handed_over_at: Option<DateTime<FixedOffset>>,
    pub handed_to: Option<String>,
    /// When the result was ready (the dossier handled).
    pub finished_at: Option<DateTime<FixedOffset>>,
    pub returned_at: Option<DateTime<FixedOffset>>,
    pub status: StatusView,
    /// `early`, `on_time` or `late` (late also while open past the due moment); absent before reception.
    pub timeliness: Option<&'static str>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RegisterView {
    /// The receiving unit whose register this is (its subtree included).
    pub unit_code: String,
    pub unit_name: String,
    pub page: u32,
    pub total: u64,
    pub items: Vec<RegisterLine>,
}

/// The timeliness of a line, by the rules' own test.
pub fn timeliness(state: &AppState, e: &RegisterEntry) -> Option<motcua_rules::calendar::Timeliness> {
    e.dossier.state.timeliness(state.now(), &state.calendar())
}

/// The API word of a timeliness.
pub fn timeliness_key(t: motcua_rules::calendar::Timeliness) -> &'static str {
    match t {
        motcua_rules::calendar::Timeliness::Early => "early",
        motcua_rules::calendar::Timeliness::OnTime => "on_time",
        motcua_rules::calendar::Timeliness::Late => "late",
    }
}

/// The unit's register of dossiers (sổ theo dõi hồ sơ): the dossiers its
/// counters (and those of the units below it) received, oldest first, 50 a
/// page, with the applicants unmasked; each view is recorded in the
/// personal-data access log.
#[utoipa::path(get, path = "/api/v1/register", tag = "dossiers",
    params(("from" = Option<String>, Query, description = "First day received, YYYY-MM-DD"),
           ("to" = Option<String>, Query, description = "Last day received, YYYY-MM-DD, included"),
           ("procedure" = Option<String>, Query, description = "Procedure code"),
           ("status" = Option<String>, Query, description = "Status name or national code"),
           ("timeliness" = Option<String>, Query, description = "on_time or late"),
           ("unit" = Option<String>, Query, description = "Receiving unit code within the caller's subtree"),
           ("page" = Option<u32>, Query, description = "1-based page of 50 lines")),
    responses((status = 200, body = RegisterView), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn register(State(state): State<AppState>, me: CurrentUser, params: Params) -> ApiResult<Json<RegisterView>> {
    let input = RegisterInput::from_params(&params)?;
    let (unit, page) = fetch(&state, &me, &input, PAGE_LINES, ViewedVia::Api).await?;
    let first = u64::from(input.page.saturating_sub(1)) * u64::from(PAGE_LINES);
    let items = page
        .entries
        .iter()
        .zip(first + 1..)
        .map(|(e, number)| {
            let d = &e.dossier;
            RegisterLine {
                number,
                id: d.id,
                code: d.code.clone(),
                procedure_code: e.procedure_code.clone(),
                procedure_name: e.procedure_name.clone(),
                applicant: d.applicant.clone(),
                receiving_unit: e.receiving_unit_name.clone(),
                received_at: d.state.received_at.map(to_api),
                due_at: d.state.due_at.map(to_api),
                handed_over_at: e.handed_to.as_ref().map(|(at, _)| to_api(*at)),
                handed_to: e.handed_to.as_ref().map(|(_, name)| name.clone()),
                finished_at: d.state.finished_at.map(to_api),
                returned_at: d.returned_at.map(to_api),
                status: d.state.status.into(),
                timeliness: timeliness(&state, e).map(timeliness_key),
            }
        })
        .collect();
    Ok(Json(RegisterView { unit_code: unit.code, unit_name: unit.name, page: input.page, total: page.total, items }))
}
