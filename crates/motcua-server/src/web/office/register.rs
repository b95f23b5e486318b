//! `/office/register`: the unit's register of dossiers (sổ theo dõi hồ sơ,
//! docs/register.md) for staff: filters, 50 lines a page, and the same
//! lines as a printed register (`register.pdf`, landscape A4 through
//! `motcua-pdf`) or a spreadsheet (`register.xlsx`). The register shows the
//! applicants unmasked, so every page and file is recorded in the
//! personal-data access log (`crate::routes::register::fetch`).

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use motcua_rules::dossier::Status;
use motcua_store::model::Unit;
use motcua_store::{RegisterEntry, ViewedVia};

use super::inbox::Choice;
use crate::error::{ApiError, ApiResult};
use crate::extract::Params;
use crate::reports::{RegisterRow, ReportHeader, XLSX_CONTENT_TYPE, register_xlsx};
use crate::routes::register::{EXPORT_LINES, PAGE_LINES, REGISTER_READERS, RegisterInput, fetch, timeliness};
use crate::state::AppState;
use crate::web::download::disposition;
use crate::web::i18n::Lang;
use crate::web::page::{Authed, FormError, Page, is_form_error, render};
use crate::web::public::{due, timeliness as timeliness_words};
use crate::web::{format, slips};

/// One line of the register on the page.
pub struct Line {
    number: u64,
    href: String,
    code: String,
    procedure: String,
    procedure_code: String,
    applicant: String,
    contact: String,
    received: String,
    due: String,
    handed_over: String,
    finished: String,
    returned: String,
    status: String,
    status_class: &'static str,
    timeliness: Option<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "office/register.html")]
struct RegisterPage {
    page: Page,
    from: String,
    to: String,
    procedure: String,
    statuses: Vec<Choice>,
    timeliness: Vec<Choice>,
    units: Vec<Choice>,
    lines: Vec<Line>,
    /// "Lines 51–100 of 130".
    showing: String,
    prev: Option<String>,
    next: Option<String>,
    /// The query string of the filters, for the PDF and spreadsheet links.
    query: String,
    error: Option<FormError>,
}

impl RegisterPage {
    fn error_on(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.on(field))
    }
}

/// The filters of the request; a register with no period asked for shows
/// the current month up to today, the way a paper register is opened.
fn input_of(params: &Params, today: NaiveDate) -> ApiResult<RegisterInput> {
    let mut input = RegisterInput::from_params(params)?;
    if input.from.is_none() && input.to.is_none() {
        input.from = today.with_day(1);
        input.to = Some(today);
    }
    Ok(input)
}

/// The filters as a query string (page number left out).
fn query_of(i: &RegisterInput) -> String {
    let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    let mut pairs = vec![("from", day(i.from)), ("to", day(i.to))];
    for (k, v) in [("procedure", &i.procedure), ("status", &i.status), ("timeliness", &i.timeliness), ("unit", &i.unit)]
    {
        if let Some(v) = v {
            pairs.push((k, v.clone()));
        }
    }
    serde_urlencoded::to_string(&pairs).unwrap_or_default()
}

/// Address and phone on one line, as the register's contact column.
fn contact(e: &RegisterEntry) -> String {
    let a = &e.dossier.applicant;
    [a.address.as_deref(), a.phone.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The note column: the status and, once known, on time or late.
fn note(state: &AppState, e: &RegisterEntry, lang: Lang) -> String {
    let s = &e.dossier.state;
    let status = format::status(s.status, lang);
    match timeliness(state, e) {
        Some(t) => format!("{status}; {}", timeliness_words(t, s.status.is_closed(), lang).0.to_lowercase()),
        None => status.to_owned(),
    }
}

fn line(state: &AppState, page: &Page, e: &RegisterEntry, number: u64) -> Line {
    let d = &e.dossier;
    let s = &d.state;
    let reference = d.code.clone().unwrap_or_else(|| d.id.to_string());
    Line {
        number,
        href: format!("/office/dossiers/{reference}?from=register"),
        code: reference,
        procedure: e.procedure_name.clone(),
        procedure_code: e.procedure_code.clone(),
        applicant: d.applicant.name.clone(),
        contact: contact(e),
        received: format::opt_datetime(s.received_at),
        due: s.due_at.map_or_else(|| "—".to_owned(), due),
        handed_over: e
            .handed_to
            .as_ref()
            .map(|(at, unit)| format!("{} · {unit}", format::datetime(*at)))
            .unwrap_or_default(),
        finished: s.finished_at.map(format::datetime).unwrap_or_default(),
        returned: d.returned_at.map(format::datetime).unwrap_or_default(),
        status: format::status(s.status, page.lang).to_owned(),
        status_class: format::status_class(s.status),
        timeliness: timeliness(state, e).map(|t| timeliness_words(t, s.status.is_closed(), page.lang)),
    }
}

/// The units of the user's scope, in tree order, indented.
async fn unit_choices(state: &AppState, a: &Authed, current: Option<&str>) -> ApiResult<Vec<Choice>> {
    let scope = a.me.staff_scope()?;
    let mut units: Vec<Unit> = state.store.units().await?.into_iter().filter(|u| scope.contains(&u.as_ref())).collect();
    units.sort_by(|x, y| x.path.cmp(&y.path));
    let depth = |p: &str| p.matches('/').count().saturating_sub(scope.path.matches('/').count());
    Ok(units
        .into_iter()
        .map(|u| Choice {
            selected: current == Some(u.code.as_str()),
            label: format!("{}{}", "\u{a0}\u{a0}\u{a0}".repeat(depth(&u.path)), u.name),
            value: u.code,
        })
        .collect())
}

/// `GET /office/register`.
pub async fn page(State(state): State<AppState>, a: Authed, params: Params) -> ApiResult<Response> {
    a.require(&REGISTER_READERS)?;
    let p = &a.page;
    let lang = p.lang;
    let today = state.now().date();
    let attempt = async {
        let input = input_of(&params, today)?;
        let (_, found) = fetch(&state, &a.me, &input, PAGE_LINES, ViewedVia::Register).await?;
        Ok::<_, ApiError>((input, found))
    };
    let (input, found, error) = match attempt.await {
        Ok((input, found)) => (input, Some(found), None),
        Err(e) if is_form_error(&e) => (RegisterInput::default(), None, Some(e)),
        Err(e) => return Err(e),
    };
    let first = u64::from(input.page.saturating_sub(1)) * u64::from(PAGE_LINES);
    let (lines, total) = match &found {
        Some(f) => (f.entries.iter().zip(first + 1..).map(|(e, n)| line(&state, p, e, n)).collect(), f.total),
        None => (Vec::new(), 0),
    };
    let query = query_of(&input);
    let shown = lines.len() as u64;
    let showing = if shown == 0 {
        String::new()
    } else {
        p.t2("office-register-showing", ("range", &format!("{}–{}", first + 1, first + shown)), ("total", &total))
    };
    let link = |n: u32| format!("/office/register?{query}&page={n}");
    let prev = (input.page > 1 && error.is_none()).then(|| link(input.page - 1));
    let next = (first + shown < total).then(|| link(input.page + 1));
    let text = |name: &str| params.get(name).map(str::trim).unwrap_or_default().to_owned();
    let statuses = Status::ALL
        .into_iter()
        .map(|s| Choice {
            selected: params.get("status") == Some(s.as_str()),
            value: s.as_str().to_owned(),
            label: format::status(s, lang).to_owned(),
        })
        .collect();
    let timeliness = [("on_time", "office-register-on-time"), ("late", "office-register-late")]
        .into_iter()
        .map(|(k, id)| Choice { selected: params.get("timeliness") == Some(k), value: k.to_owned(), label: p.t(id) })
        .collect();
    let units = unit_choices(&state, &a, params.get("unit")).await?;
    let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let status = error.as_ref().map(|e| e.status);
    let error = error.map(|e| FormError::new(p, &e));
    let mut res = render(&RegisterPage {
        from: day(input.from).unwrap_or_else(|| text("from")),
        to: day(input.to).unwrap_or_else(|| text("to")),
        procedure: text("procedure"),
        statuses,
        timeliness,
        units,
        lines,
        showing,
        prev,
        next,
        query,
        error,
        page: a.page,
    })?;
    if let Some(s) = status {
        *res.status_mut() = s;
    }
    Ok(res)
}

/// The lines of a printed register or spreadsheet: the whole period, up to
/// [`EXPORT_LINES`], each with the appointment its receipt gave (the
/// closing time of its counter on the due day, `slips::counter_hours`).
async fn export_lines(
    state: &AppState,
    a: &Authed,
    params: &Params,
) -> ApiResult<(RegisterInput, Unit, Vec<(RegisterEntry, Option<NaiveDateTime>)>, bool)> {
    let mut input = input_of(params, state.now().date())?;
    input.page = 1;
    let (unit, found) = fetch(state, &a.me, &input, EXPORT_LINES, ViewedVia::Register).await?;
    let truncated = found.total > found.entries.len() as u64;
    let units = state.store.units().await?;
    let lines = found
        .entries
        .into_iter()
        .map(|e| {
            let counter = units.iter().find(|u| u.id == e.dossier.state.receiving_unit.id).unwrap_or(&unit);
            let due = e.dossier.state.due_at.map(|t| slips::counter_hours(state, counter).appointment(t));
            (e, due)
        })
        .collect();
    Ok((input, unit, lines, truncated))
}

pub(super) fn file_response(bytes: Vec<u8>, content_type: &'static str, name: &str) -> ApiResult<Response> {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_DISPOSITION, disposition(name).map_err(|_| ApiError::internal())?);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}

/// `GET /office/register.pdf`: the printed register, in Vietnamese (an
/// official book), whatever the page's language.
pub async fn pdf(State(state): State<AppState>, a: Authed, params: Params) -> ApiResult<Response> {
    a.require(&REGISTER_READERS)?;
    let (input, unit, entries, truncated) = export_lines(&state, &a, &params).await?;
    let lines = entries
        .iter()
        .zip(1u64..)
        .map(|((e, due), number)| motcua_pdf::RegisterLine {
            number,
            dossier_code: e.dossier.code.clone().unwrap_or_default(),
            procedure_name: e.procedure_name.clone(),
            applicant_name: e.dossier.applicant.name.clone(),
            applicant_contact: contact(e),
            received_at: e.dossier.state.received_at,
            due_at: *due,
            handed_over: e.handed_to.clone(),
            finished_at: e.dossier.state.finished_at,
            returned_at: e.dossier.returned_at,
            note: note(&state, e, Lang::Vi),
        })
        .collect();
    let register = motcua_pdf::Register {
        agency: slips::agency_of(&state, &unit).await?,
        from: input.from,
        to: input.to,
        printed_at: state.now(),
        lines,
        truncated,
    };
    let name = register.file_name(&unit.code);
    let bytes = tokio::task::spawn_blocking(move || register.render())
        .await
        .map_err(|_| ApiError::internal())?
        .map_err(|e| {
            tracing::error!(error.cause = %e, "register rendering failed");
            ApiError::internal()
        })?;
    file_response(bytes, "application/pdf", &name)
}

/// `GET /office/register.xlsx`: the same lines as a spreadsheet, in the
/// page's language.
pub async fn xlsx(State(state): State<AppState>, a: Authed, params: Params) -> ApiResult<Response> {
    a.require(&REGISTER_READERS)?;
    let (input, unit, entries, _) = export_lines(&state, &a, &params).await?;
    let lang = a.page.lang;
    let rows: Vec<RegisterRow> = entries
        .iter()
        .zip(1u64..)
        .map(|((e, due), number)| {
            let l = line(&state, &a.page, e, number);
            RegisterRow {
                number,
                code: e.dossier.code.clone().unwrap_or_default(),
                procedure: format!("{} ({})", l.procedure, l.procedure_code),
                applicant: l.applicant,
                contact: l.contact,
                received: l.received,
                due: due.map(format::datetime).unwrap_or_default(),
                handed_over: l.handed_over,
                finished: l.finished,
                returned: l.returned,
                note: note(&state, e, lang),
            }
        })
        .collect();
    let title = a.page.t("office-register-title");
    let today = state.now().date();
    let header = ReportHeader {
        title: &title,
        unit_name: &unit.name,
        from: input.from.unwrap_or(today),
        to: input.to.unwrap_or(today),
        generated_at: state.now(),
    };
    let bytes = register_xlsx(&header, &rows, lang)?;
    let name = format!("so-theo-doi-ho-so-{}-{}-{}.xlsx", unit.code, header.from, header.to);
    file_response(bytes, XLSX_CONTENT_TYPE, &name)
}
