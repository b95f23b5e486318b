//! The working-day calendar: read it, compute a due date, and (for
//! administrators) edit the weekly pattern and the years.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, FixedOffset};
use motcua_rules::calendar::{CalendarConfig, WorkCalendar, YearSchedule};
use motcua_rules::{TimeLimit, TimeUnit};
use serde::Serialize;

use crate::admin_scope::{AdminScope, ProvinceAdmin};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Params};
use crate::state::AppState;
use crate::time::{parse_rfc3339, to_api};

#[derive(Serialize, utoipa::ToSchema)]
pub struct CalendarView {
    #[schema(value_type = Object)]
    pub config: CalendarConfig,
    #[schema(value_type = Vec<Object>)]
    pub years: Vec<YearSchedule>,
}

/// The weekly pattern and every year with data.
#[utoipa::path(get, path = "/api/v1/calendar", tag = "calendar", responses((status = 200, body = CalendarView)))]
pub async fn get_calendar(State(state): State<AppState>) -> ApiResult<Json<CalendarView>> {
    let stored = state.store.calendar().await?;
    Ok(Json(CalendarView { config: state.calendar().config().clone(), years: stored.years }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DeadlineView {
    /// The due moment.
    pub due: DateTime<FixedOffset>,
    pub start: DateTime<FixedOffset>,
    /// The day the receipt counts from (after the cut-off or a day off: the next working day).
    pub received_day: chrono::NaiveDate,
    pub amount: u32,
    #[schema(value_type = String)]
    pub unit: TimeUnit,
    /// True when a year involved is not confirmed by an official notice yet.
    pub provisional: bool,
}

/// Computes the due moment of a time limit from a start moment.
#[utoipa::path(get, path = "/api/v1/calendar/deadline", tag = "calendar",
    params(("start" = String, Query, description = "RFC 3339, e.g. 2026-03-02T09:00:00+07:00"),
           ("amount" = u32, Query), ("unit" = String, Query, description = "working_days | working_hours | days | months")),
    responses((status = 200, body = DeadlineView), (status = 422, body = crate::error::ErrorBody)))]
pub async fn deadline(State(state): State<AppState>, params: Params) -> ApiResult<Json<DeadlineView>> {
    let start = parse_rfc3339(params.require("start")?, "start")?;
    let amount = params.require("amount").and_then(|_| params.int("amount", 0, 3650))?.unwrap_or(0) as u32;
    let unit_raw = params.require("unit")?;
    let unit = TimeUnit::parse(unit_raw).ok_or_else(|| ApiError::unprocessable("invalid_time_unit", "unit"))?;
    Ok(Json(compute_deadline(&state, start, amount, unit)?))
}

/// The logic of `GET /calendar/deadline`, shared with the administrator's pages.
pub fn compute_deadline(
    state: &AppState,
    start: chrono::NaiveDateTime,
    amount: u32,
    unit: TimeUnit,
) -> ApiResult<DeadlineView> {
    let calendar = state.calendar();
    let at_start =
        |e: motcua_rules::calendar::CalendarError| ApiError::from(motcua_rules::RuleError::from(e).at("start"));
    let due = calendar.deadline(start, TimeLimit::new(amount, unit)).map_err(at_start)?;
    let received_day = calendar.effective_receipt_day(start).map_err(at_start)?;
    Ok(DeadlineView {
        due: to_api(due),
        start: to_api(start),
        received_day,
        amount,
        unit,
        provisional: calendar.is_provisional(start.date(), due.date()),
    })
}

/// Creates or replaces one year's holidays and swapped working days.
#[utoipa::path(put, path = "/api/v1/calendar/years/{year}", tag = "calendar", request_body(content = Object),
    params(("year" = i32, Path, description = "The calendar year, e.g. 2026")),
    responses((status = 200), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn put_year(
    State(state): State<AppState>,
    admin: AdminScope,
    Path(year): Path<String>,
    ApiJson(schedule): ApiJson<YearSchedule>,
) -> ApiResult<StatusCode> {
    save_year(&state, &admin.province("calendar")?, &year, schedule).await?;
    Ok(StatusCode::OK)
}

/// The logic of `PUT /calendar/years/{year}`, shared with the administrator's
/// pages: checks the whole calendar with the new year, stores it, reloads.
/// Only a province administrator: one calendar serves the installation's
/// province (docs/calendar.md, "Who changes it").
pub async fn save_year(state: &AppState, admin: &ProvinceAdmin, year: &str, schedule: YearSchedule) -> ApiResult<()> {
    let year = parse_year(year)?;
    if schedule.year != year {
        return Err(ApiError::unprocessable("year_mismatch", "year"));
    }
    crate::limits::check_year(&schedule)?;
    // Check the whole calendar with the new year before storing it.
    let mut years: Vec<YearSchedule> =
        state.store.calendar().await?.years.into_iter().filter(|y| y.year != year).collect();
    years.push(schedule.clone());
    WorkCalendar::new(state.calendar().config().clone(), years).map_err(motcua_rules::RuleError::from)?;
    state.store.put_calendar_year(schedule, Some(admin.user_id()), state.now()).await?;
    state.reload_calendar().await
}

/// Removes a year (its due dates then become errors, not guesses).
#[utoipa::path(delete, path = "/api/v1/calendar/years/{year}", tag = "calendar",
    params(("year" = i32, Path, description = "The calendar year, e.g. 2026")), responses((status = 204), (status = 404, body = crate::error::ErrorBody)))]
pub async fn delete_year(
    State(state): State<AppState>,
    admin: AdminScope,
    Path(year): Path<String>,
) -> ApiResult<StatusCode> {
    remove_year(&state, &admin.province("calendar")?, &year).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The logic of `DELETE /calendar/years/{year}`, shared with the
/// administrator's pages.
pub async fn remove_year(state: &AppState, _admin: &ProvinceAdmin, year: &str) -> ApiResult<()> {
    let year = parse_year(year)?;
    if !state.store.delete_calendar_year(year).await? {
        return Err(ApiError::coded(StatusCode::NOT_FOUND, "calendar_year_not_found", Some("year")).arg("year", year));
    }
    state.reload_calendar().await
}

/// Replaces the weekly pattern: working weekdays, hours, cut-off, day end.
#[utoipa::path(put, path = "/api/v1/calendar/config", tag = "calendar", request_body(content = Object),
    responses((status = 200), (status = 422, body = crate::error::ErrorBody)))]
pub async fn put_config(
    State(state): State<AppState>,
    admin: AdminScope,
    ApiJson(config): ApiJson<CalendarConfig>,
) -> ApiResult<StatusCode> {
    save_config(&state, &admin.province("calendar")?, config).await?;
    Ok(StatusCode::OK)
}

/// The logic of `PUT /calendar/config`, shared with the administrator's
/// pages: checks the whole calendar with the new pattern, stores it, reloads.
pub async fn save_config(state: &AppState, _admin: &ProvinceAdmin, config: CalendarConfig) -> ApiResult<()> {
    let years = state.store.calendar().await?.years;
    WorkCalendar::new(config.clone(), years).map_err(motcua_rules::RuleError::from)?;
    state.store.put_calendar_config(config, state.now()).await?;
    state.reload_calendar().await
}

/// A year in a path, with the API's error body rather than axum's text.
fn parse_year(raw: &str) -> ApiResult<i32> {
    raw.parse::<i32>()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| ApiError::unprocessable("invalid_year", "year"))
}
