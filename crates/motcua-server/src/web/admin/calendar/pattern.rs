//! `/admin/calendar/pattern`: the weekly pattern's editor (working
//! weekdays, working windows, the receiving cut-off, when a day ends).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{NaiveTime, Weekday};
use motcua_rules::calendar::{CalendarConfig, DayEnd, WorkWindow};

use super::super::{AdminPage, form_errors};
use super::{WEEK, hm, weekday_id};
use crate::error::{ApiError, ApiResult};
use crate::routes::calendar::save_config;
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render};

/// Working windows offered on the form; empty ones are ignored.
const WINDOW_ROWS: usize = 3;

#[derive(Template)]
#[template(path = "admin/calendar_pattern.html")]
struct PatternPage {
    page: Page,
    form: PatternForm,
    error: Option<FormError>,
}

form_errors!(PatternPage);

impl PatternPage {
    fn week(&self) -> &'static [Weekday] {
        &WEEK
    }

    fn weekday_name(&self, w: &Weekday) -> String {
        self.page.t(weekday_id(*w))
    }

    fn works(&self, w: &Weekday) -> bool {
        self.form.days.contains(&weekday_key(*w).to_owned())
    }

    fn rows(&self) -> std::ops::Range<usize> {
        0..WINDOW_ROWS
    }

    fn window_start(&self, i: &usize) -> &str {
        self.form.windows.get(*i).map_or("", |w| w.0.as_str())
    }

    fn window_end(&self, i: &usize) -> &str {
        self.form.windows.get(*i).map_or("", |w| w.1.as_str())
    }

    /// Whether the refusal is about window `i` (`part`: `start` or `end`).
    fn window_invalid(&self, i: &usize, part: &str) -> bool {
        self.error_on(&format!("w{i}_{part}"))
    }

    fn windows_invalid(&self) -> bool {
        self.error_on("windows")
            || self.rows().any(|i| self.window_invalid(&i, "start") || self.window_invalid(&i, "end"))
    }

    fn key(&self, w: &Weekday) -> &'static str {
        weekday_key(*w)
    }
}

fn weekday_key(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// The weekly pattern as the form's text.
#[derive(Debug, Clone, Default)]
struct PatternForm {
    /// `mon`, `tue` … of the working weekdays.
    days: Vec<String>,
    /// (start, end) as `HH:MM`.
    windows: Vec<(String, String)>,
    cutoff: String,
    day_end: String,
}

impl PatternForm {
    fn from_config(c: &CalendarConfig) -> PatternForm {
        PatternForm {
            days: c.working_weekdays.iter().map(|w| weekday_key(*w).to_owned()).collect(),
            windows: c.windows.iter().map(|w| (hm(w.start), hm(w.end))).collect(),
            cutoff: c.cutoff.map(hm).unwrap_or_default(),
            day_end: match c.day_end {
                DayEnd::EndOfDay => "end_of_day".into(),
                DayEnd::EndOfWorkingHours => "end_of_working_hours".into(),
            },
        }
    }

    fn from_fields(fields: &[(String, String)]) -> PatternForm {
        let get = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_owned());
        PatternForm {
            days: fields.iter().filter(|(k, _)| k == "day").map(|(_, v)| v.clone()).collect(),
            windows: (0..WINDOW_ROWS)
                .map(|i| {
                    (get(&format!("w{i}_start")).unwrap_or_default(), get(&format!("w{i}_end")).unwrap_or_default())
                })
                .collect(),
            cutoff: get("cutoff").unwrap_or_default(),
            day_end: get("day_end").unwrap_or_default(),
        }
    }

    fn to_config(&self) -> ApiResult<CalendarConfig> {
        let time = |raw: &str, field: &str| {
            NaiveTime::parse_from_str(raw, "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
                .map_err(|_| ApiError::unprocessable("invalid_time", field).arg("case", "value").arg("value", raw))
        };
        let mut windows = Vec::new();
        for (i, (start, end)) in self.windows.iter().enumerate() {
            if start.is_empty() && end.is_empty() {
                continue;
            }
            let start = time(start, &format!("w{i}_start"))?;
            let end = time(end, &format!("w{i}_end"))?;
            windows.push(WorkWindow { start, end });
        }
        let day_end = match self.day_end.as_str() {
            "end_of_working_hours" => DayEnd::EndOfWorkingHours,
            _ => DayEnd::EndOfDay,
        };
        Ok(CalendarConfig {
            working_weekdays: WEEK.into_iter().filter(|w| self.days.iter().any(|d| d == weekday_key(*w))).collect(),
            windows,
            cutoff: if self.cutoff.is_empty() { None } else { Some(time(&self.cutoff, "cutoff")?) },
            day_end,
        })
    }
}

pub(super) async fn pattern_form(State(state): State<AppState>, admin: AdminPage) -> ApiResult<Response> {
    admin.scope.province("calendar")?;
    let form = PatternForm::from_config(state.calendar().config());
    render(&PatternPage { page: admin.page, form, error: None })
}

pub(super) async fn save_pattern(
    State(state): State<AppState>,
    admin: AdminPage,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> ApiResult<Response> {
    let form = PatternForm::from_fields(&fields);
    let result = async { save_config(&state, &admin.scope.province("calendar")?, form.to_config()?).await }.await;
    match result {
        Ok(()) => {
            tracing::info!("calendar weekly pattern saved");
            Ok(redirect_done("/admin/calendar", "adm-pattern-saved"))
        }
        Err(e) if is_form_error(&e) => {
            // The calendar's own check (no weekday, overlapping windows, a
            // swapped Saturday that is now a working weekday) names no field:
            // its message stands alone above the form.
            let error = Some(FormError::new(&admin.page, &e));
            let mut res = render(&PatternPage { page: admin.page, form, error })?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
