//! `/admin/calendar`: the weekly pattern, each year's days off and swapped
//! working days (with their "verified" flag), the year editor, deleting a
//! year, and a due-date calculator to check a year's data.
//!
//! The names typed beside the dates (`2026-01-01 Tết Dương lịch`) go into
//! the year's `names`. Years saved before `names` existed kept them at the
//! end of their `notes`, after a line [`NAMES_MARKER`]; the editor still
//! reads those and saves them as `names`.
//!
//! Years no administrator has entered are shown as proposed (from the
//! Labour Code and the lunar calendar, `motcua_rules::calendar::
//! proposed_year`); opening one fills the editor with the proposal, and it
//! becomes the province's data only when an administrator saves it.
//!
//! The calendar belongs to the province: an administrator of a unit below
//! it (`quantri.xa`) sees the page read-only, with a line saying who may
//! change it, and its editors answer 403 `province_admin_only`.

use std::collections::BTreeMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use motcua_rules::TimeUnit;
use motcua_rules::calendar::{CalendarConfig, DayEnd, YearSchedule, proposed_year};
use serde::Deserialize;

use super::procedure_form::parse_date;
use super::{AdminPage, form_errors};
use crate::error::{ApiError, ApiResult};
use crate::routes::calendar::{DeadlineView, compute_deadline, remove_year, save_year};
use crate::state::AppState;
use crate::time::from_api;
use crate::web::csrf::{CsrfForm, TokenOnly};
use crate::web::format;
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/calendar", get(calendar_page))
        .route("/admin/calendar/year", get(go_to_year))
        .route("/admin/calendar/pattern", get(pattern::pattern_form).post(pattern::save_pattern))
        .route("/admin/calendar/years/{year}", get(year_form).post(save))
        .route("/admin/calendar/years/{year}/delete", get(confirm_delete).post(delete))
}

mod pattern;

/// The line after which a year's notes list the names of its dates.
pub const NAMES_MARKER: &str = "[Tên ngày / Day names]";

/// A year's notes split into the free text and the names of its dates.
fn split_notes(notes: &str) -> (String, BTreeMap<NaiveDate, String>) {
    let Some(at) = notes.rfind(NAMES_MARKER) else {
        return (notes.trim().to_owned(), BTreeMap::new());
    };
    let names = notes[at + NAMES_MARKER.len()..]
        .lines()
        .filter_map(|l| {
            let (date, name) = l.trim().split_once(' ')?;
            Some((parse_date(date)?, name.trim().to_owned()))
        })
        .collect();
    (notes[..at].trim().to_owned(), names)
}

/// A year's free notes and the names of its days: `names`, over any names
/// an older save kept at the end of the notes.
fn notes_and_names(y: &YearSchedule) -> (String, BTreeMap<NaiveDate, String>) {
    let (notes, mut names) = split_notes(&y.notes);
    names.extend(y.names.clone());
    (notes, names)
}

/// One date of a year, as the pages show it.
struct Day {
    date: NaiveDate,
    name: String,
}

/// A year as the overview shows it.
struct YearView {
    year: i32,
    verified: bool,
    /// Not stored: proposed from the law and the lunar calendar until an
    /// administrator saves it.
    proposed: bool,
    days_off: Vec<Day>,
    extra: Vec<Day>,
    notes: String,
}

impl YearView {
    fn new(y: &YearSchedule) -> YearView {
        let (notes, names) = notes_and_names(y);
        let day = |d: &NaiveDate| Day { date: *d, name: names.get(d).cloned().unwrap_or_default() };
        let mut days_off: Vec<Day> = y.days_off.iter().map(day).collect();
        days_off.sort_by_key(|d| d.date);
        let mut extra: Vec<Day> = y.extra_working_days.iter().map(day).collect();
        extra.sort_by_key(|d| d.date);
        YearView { year: y.year, verified: y.verified && !y.proposed, proposed: y.proposed, days_off, extra, notes }
    }
}

const WEEK: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

fn weekday_id(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "adm-weekday-mon",
        Weekday::Tue => "adm-weekday-tue",
        Weekday::Wed => "adm-weekday-wed",
        Weekday::Thu => "adm-weekday-thu",
        Weekday::Fri => "adm-weekday-fri",
        Weekday::Sat => "adm-weekday-sat",
        Weekday::Sun => "adm-weekday-sun",
    }
}

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

// ---- the overview and the calculator ----

#[derive(Template)]
#[template(path = "admin/calendar.html")]
struct CalendarPage {
    page: Page,
    /// Whether this administrator may change the calendar (a province's).
    can_edit: bool,
    config: CalendarConfig,
    years: Vec<YearView>,
    calc: CalcForm,
    result: Option<DeadlineView>,
    error: Option<FormError>,
}

form_errors!(CalendarPage);

impl CalendarPage {
    fn weekday(&self, d: &NaiveDate) -> String {
        self.page.t(weekday_id(d.weekday()))
    }

    fn date(&self, d: &NaiveDate) -> String {
        format::date(*d)
    }

    fn working_weekdays(&self) -> String {
        self.config.working_weekdays.iter().map(|w| self.page.t(weekday_id(*w))).collect::<Vec<_>>().join(", ")
    }

    fn windows(&self) -> String {
        self.config.windows.iter().map(|w| format!("{}–{}", hm(w.start), hm(w.end))).collect::<Vec<_>>().join(", ")
    }

    fn cutoff(&self) -> String {
        self.config.cutoff.map_or_else(|| self.page.t("adm-cal-no-cutoff"), hm)
    }

    fn day_end(&self) -> String {
        match self.config.day_end {
            DayEnd::EndOfDay => self.page.t("adm-cal-end-of-day"),
            DayEnd::EndOfWorkingHours => self.page.t("adm-cal-end-of-hours"),
        }
    }

    fn time_units(&self) -> &'static [TimeUnit] {
        &TimeUnit::ALL
    }

    fn time_unit_name(&self, u: &TimeUnit) -> String {
        self.page.t(&format!("adm-tu-{}", u.as_str().replace('_', "-")))
    }

    fn due(&self, r: &DeadlineView) -> String {
        let t = from_api(r.due);
        format!("{} {}", self.page.t(weekday_id(t.weekday())), format::datetime(t))
    }

    fn received(&self, r: &DeadlineView) -> String {
        format!("{} {}", self.page.t(weekday_id(r.received_day.weekday())), format::date(r.received_day))
    }
}

#[derive(Debug, Clone, Deserialize)]
struct CalcForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    unit: String,
}

impl CalcForm {
    fn is_filled(&self) -> bool {
        !self.date.trim().is_empty()
    }

    fn parse(&self) -> ApiResult<(chrono::NaiveDateTime, u32, TimeUnit)> {
        let date = parse_date(self.date.trim())
            .ok_or_else(|| ApiError::unprocessable("invalid_date", "date").arg("case", "received"))?;
        let time = match self.time.trim() {
            "" => NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            t => NaiveTime::parse_from_str(t, "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
                .map_err(|_| ApiError::unprocessable("invalid_time", "time").arg("case", "received"))?,
        };
        let amount = self
            .amount
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= 3650)
            .ok_or_else(|| ApiError::unprocessable("invalid_number", "amount").arg("case", "time-limit"))?;
        let unit = TimeUnit::parse(self.unit.trim())
            .ok_or_else(|| ApiError::unprocessable("invalid_time_unit", "unit").arg("case", "choose"))?;
        Ok((date.and_time(time), amount, unit))
    }
}

async fn calendar_page(
    State(state): State<AppState>,
    admin: AdminPage,
    Query(calc): Query<CalcForm>,
) -> ApiResult<Response> {
    let stored = state.store.calendar().await?;
    let mut years: Vec<YearView> = stored.years.iter().map(YearView::new).collect();
    // The years the calendar proposes, shown after the stored ones.
    let calendar = state.calendar();
    years.extend(calendar.years().filter_map(|y| calendar.schedule(y)).filter(|s| s.proposed).map(YearView::new));
    years.sort_by_key(|y| y.year);
    let config = calendar.config().clone();
    let (mut result, mut error) = (None, None);
    if calc.is_filled() {
        // The calendar's errors are about the moment received.
        match calc.parse().and_then(|(start, amount, unit)| compute_deadline(&state, start, amount, unit)) {
            Ok(r) => result = Some(r),
            Err(e) if is_form_error(&e) => {
                let mut fe = FormError::new(&admin.page, &e);
                if fe.field.as_deref() == Some("start") {
                    fe.field = Some("date".into());
                }
                error = Some(fe);
            }
            Err(e) => return Err(e),
        }
    }
    let calc = if calc.is_filled() {
        calc
    } else {
        let now = state.now();
        CalcForm {
            date: now.format("%Y-%m-%d").to_string(),
            time: now.format("%H:%M").to_string(),
            amount: "5".into(),
            unit: TimeUnit::WorkingDays.as_str().into(),
        }
    };
    let can_edit = admin.scope.is_province();
    render(&CalendarPage { page: admin.page, can_edit, config, years, calc, result, error })
}

#[derive(Deserialize)]
struct YearQuery {
    #[serde(default)]
    year: String,
}

/// The "add or edit a year" box: to that year's editor.
async fn go_to_year(admin: AdminPage, Query(q): Query<YearQuery>) -> ApiResult<Redirect> {
    admin.scope.province("calendar")?;
    Ok(match q.year.trim().parse::<i32>() {
        Ok(y) if (1900..=2200).contains(&y) => Redirect::to(&format!("/admin/calendar/years/{y}")),
        _ => Redirect::to("/admin/calendar"),
    })
}

// ---- the year editor ----

#[derive(Template)]
#[template(path = "admin/calendar_year.html")]
struct YearPage {
    page: Page,
    year: i32,
    exists: bool,
    form: YearForm,
    error: Option<FormError>,
}

form_errors!(YearPage);

#[derive(Debug, Clone, Default, Deserialize)]
struct YearForm {
    #[serde(default)]
    days_off: String,
    #[serde(default)]
    extra_working_days: String,
    #[serde(default)]
    verified: Option<String>,
    #[serde(default)]
    notes: String,
}

impl YearForm {
    fn from_schedule(y: &YearSchedule) -> YearForm {
        let (notes, names) = notes_and_names(y);
        let lines = |days: &[NaiveDate]| {
            let mut days = days.to_vec();
            days.sort();
            days.iter()
                .map(|d| match names.get(d) {
                    Some(n) if !n.is_empty() => format!("{} {n}", d.format("%Y-%m-%d")),
                    _ => d.format("%Y-%m-%d").to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        YearForm {
            days_off: lines(&y.days_off),
            extra_working_days: lines(&y.extra_working_days),
            verified: y.verified.then(|| "on".into()),
            notes,
        }
    }

    /// The schedule the form describes; every bad line of both textareas
    /// is reported at once, each naming its textarea and line.
    fn to_schedule(&self, year: i32) -> ApiResult<YearSchedule> {
        let mut names = BTreeMap::new();
        let mut problems = Vec::new();
        let days_off = parse_lines(&self.days_off, year, "days_off", &mut names, &mut problems);
        let extra_working_days =
            parse_lines(&self.extra_working_days, year, "extra_working_days", &mut names, &mut problems);
        if let Some(e) = ApiError::many(problems) {
            return Err(e);
        }
        if let Some(d) = days_off.iter().find(|d| extra_working_days.contains(d)) {
            let d = format::date(*d);
            return Err(ApiError::unprocessable("day_both_ways", "extra_working_days").arg("date", d));
        }
        Ok(YearSchedule {
            year,
            days_off,
            extra_working_days,
            verified: self.verified.is_some(),
            notes: self.notes.trim().to_owned(),
            names,
            proposed: false,
        })
    }
}

/// Lines `YYYY-MM-DD name` (or `dd/mm/yyyy name`); blank lines and lines
/// starting with `#` are skipped. The dates come back sorted, without
/// repeats; the names go into `names`, every bad line into `problems`.
fn parse_lines(
    text: &str,
    year: i32,
    field: &str,
    names: &mut BTreeMap<NaiveDate, String>,
    problems: &mut Vec<ApiError>,
) -> Vec<NaiveDate> {
    let mut days = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (raw, name) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let n = n + 1;
        let Some(date) = parse_date(raw) else {
            problems.push(
                ApiError::unprocessable("invalid_date", field)
                    .arg("case", "calendar-line")
                    .arg("line", n)
                    .arg("value", raw),
            );
            continue;
        };
        if date.year() != year {
            problems.push(
                ApiError::unprocessable("date_outside_year", field)
                    .arg("line", n)
                    .arg("date", format::date(date))
                    .arg("year", year),
            );
            continue;
        }
        let name = name.trim();
        if !name.is_empty() {
            names.insert(date, name.chars().take(200).collect());
        }
        days.push(date);
    }
    days.sort();
    days.dedup();
    days
}

fn year_number(raw: &str) -> ApiResult<i32> {
    raw.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y)).ok_or_else(super::super::not_found)
}

async fn year_form(State(state): State<AppState>, admin: AdminPage, Path(year): Path<String>) -> ApiResult<Response> {
    admin.scope.province("calendar")?;
    let year = year_number(&year)?;
    let stored = state.store.calendar().await?.years.into_iter().find(|y| y.year == year);
    // A year not entered yet starts from the proposal (never verified).
    let form = match &stored {
        Some(y) => YearForm::from_schedule(y),
        None => YearForm::from_schedule(&proposed_year(state.calendar().config(), year)),
    };
    render(&YearPage { page: admin.page, year, exists: stored.is_some(), form, error: None })
}

async fn save(
    State(state): State<AppState>,
    admin: AdminPage,
    Path(raw): Path<String>,
    CsrfForm(form): CsrfForm<YearForm>,
) -> ApiResult<Response> {
    let year = year_number(&raw)?;
    let result = async {
        let schedule = form.to_schedule(year)?;
        save_year(&state, &admin.scope.province("calendar")?, &raw, schedule).await
    }
    .await;
    match result {
        Ok(()) => {
            tracing::info!(calendar.year = year, "calendar year saved");
            // The notice, then the year's card (a fragment goes last).
            Ok(Redirect::to(&format!("/admin/calendar?done=adm-year-saved#year-{year}")).into_response())
        }
        Err(e) if is_form_error(&e) => {
            let exists = state.store.calendar().await?.years.iter().any(|y| y.year == year);
            let mut error = FormError::new(&admin.page, &e);
            // The calendar's own check names no field: it is about the dates.
            if error.field.is_none() || error.field.as_deref() == Some("year") {
                error.field = Some("days_off".into());
            }
            let mut res = render(&YearPage { page: admin.page, year, exists, form, error: Some(error) })?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

// ---- deleting a year ----

#[derive(Template)]
#[template(path = "admin/calendar_delete.html")]
struct DeletePage {
    page: Page,
    year: i32,
    days_off: usize,
}

async fn confirm_delete(
    State(state): State<AppState>,
    admin: AdminPage,
    Path(year): Path<String>,
) -> ApiResult<Response> {
    admin.scope.province("calendar")?;
    let year = year_number(&year)?;
    let stored = state.store.calendar().await?.years.into_iter().find(|y| y.year == year);
    let stored = stored.ok_or_else(super::super::not_found)?;
    render(&DeletePage { page: admin.page, year, days_off: stored.days_off.len() })
}

async fn delete(
    State(state): State<AppState>,
    admin: AdminPage,
    Path(raw): Path<String>,
    CsrfForm(_): CsrfForm<TokenOnly>,
) -> ApiResult<Response> {
    let year = year_number(&raw)?;
    remove_year(&state, &admin.scope.province("calendar")?, &raw).await?;
    tracing::info!(calendar.year = year, "calendar year deleted");
    Ok(redirect_done("/admin/calendar", "adm-year-deleted"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_survive_a_round_trip_through_the_notes() {
        let form = YearForm {
            days_off: "2031-01-01 Tết Dương lịch\n\n# comment\n02/01/2031 Nghỉ bù\n2031-01-01".into(),
            extra_working_days: "2031-01-11 Làm bù".into(),
            verified: Some("on".into()),
            notes: "Nguồn: công văn 1/VPCP".into(),
        };
        let y = form.to_schedule(2031).unwrap();
        assert_eq!(y.days_off.len(), 2);
        assert!(y.verified);
        assert_eq!(y.notes, "Nguồn: công văn 1/VPCP");
        assert_eq!(y.names.len(), 3);
        let back = YearForm::from_schedule(&y);
        assert_eq!(back.days_off, "2031-01-01 Tết Dương lịch\n2031-01-02 Nghỉ bù");
        assert_eq!(back.extra_working_days, "2031-01-11 Làm bù");
        assert_eq!(back.notes, "Nguồn: công văn 1/VPCP");
    }

    #[test]
    fn a_bad_line_is_named() {
        let form = YearForm { days_off: "2031-01-01 A\n2031-02-30 B".into(), ..YearForm::default() };
        let e = form.to_schedule(2031).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("days_off"));
        assert!(e.message_en.starts_with("Line 2:"), "{}", e.message_en);
        let form = YearForm { days_off: "2030-12-31".into(), ..YearForm::default() };
        assert_eq!(form.to_schedule(2031).unwrap_err().code, "date_outside_year");
    }
}
