//! `/office/documents`: the official documents of the user's unit
//! (docs/documents.md). The open work (arrivals to register, documents to
//! route or handle, drafts to review, sign and issue), and the registers
//! (sổ văn bản) by direction, series and year: on screen, as a print view
//! laid out like Decree 30's Appendix IV registers, and as a spreadsheet.
//!
//! Only counter officers (who do the clerk's work), specialists and
//! leaders use these pages, and only for their own unit's documents.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use motcua_rules::Role;
use motcua_rules::documents::{self as rules, Direction, SERIES, Series};
use motcua_store::{Document, DocumentList};

use crate::error::{ApiError, ApiResult};
use crate::extract::Params;
use crate::reports::{DocumentRegisterRow, ReportHeader, XLSX_CONTENT_TYPE, document_register_xlsx};
use crate::state::AppState;
use crate::web::format;
use crate::web::i18n::Lang;
use crate::web::office::register::file_response;
use crate::web::page::{Authed, Page, render};

/// The roles that work with official documents.
pub(super) const DOC_ROLES: [Role; 3] = [Role::CounterOfficer, Role::Specialist, Role::Leader];

/// The most lines a register shows or exports.
const REGISTER_LINES: u32 = motcua_store::DOCUMENT_LIST_MAX;

/// One document in a list.
pub(super) struct Line {
    pub id: i64,
    pub number: String,
    pub notation: String,
    pub date: String,
    pub doc_type: String,
    pub subject: String,
    pub sender: String,
    pub lead: String,
    pub due: String,
    pub overdue: bool,
    pub state: String,
    pub state_key: &'static str,
    pub direction: &'static str,
}

pub(super) fn type_name(page: &Page, code: &str) -> String {
    rules::doc_type(code, "doc_type").map(|t| page.pick(t.name_vi, t.name_en).to_owned()).unwrap_or_default()
}

pub(super) fn state_name(page: &Page, s: rules::State) -> String {
    page.t(&format!("doc-state-{}", s.as_str().replace('_', "-")))
}

pub(super) fn line(state: &AppState, page: &Page, d: &Document) -> Line {
    Line {
        id: d.id,
        number: d.reg_no.map(|n| n.to_string()).unwrap_or_default(),
        notation: d.notation.clone().unwrap_or_default(),
        date: d.doc_date.map(format::date).unwrap_or_default(),
        doc_type: type_name(page, &d.doc_type),
        subject: d.subject.clone(),
        sender: d.sender_name.clone().unwrap_or_default(),
        lead: d.lead_unit_name.clone().unwrap_or_default(),
        due: format::opt_datetime(d.due_at),
        overdue: rules::overdue(d.due_at, d.done_at, state.now()),
        state: state_name(page, d.state),
        state_key: d.state.as_str(),
        direction: d.direction.as_str(),
    }
}

#[derive(Template)]
#[template(path = "office/documents.html")]
struct WorkPage {
    page: Page,
    lines: Vec<Line>,
    is_clerk: bool,
    drafts: bool,
}

/// `GET /office/documents`: the open work of the user's unit.
pub async fn work(State(state): State<AppState>, a: Authed) -> ApiResult<Response> {
    a.require(&DOC_ROLES)?;
    let unit = a.me.staff_scope()?;
    let docs = state.store.documents(DocumentList::Open { unit_id: unit.id }, REGISTER_LINES).await?;
    let lines = docs.iter().map(|d| line(&state, &a.page, d)).collect();
    let role = a.me.role();
    render(&WorkPage {
        page: a.page.clone(),
        lines,
        is_clerk: role == Role::CounterOfficer,
        drafts: matches!(role, Role::Specialist | Role::Leader),
    })
}

/// The register asked for: direction, series and year (this year by default).
struct Which {
    direction: Direction,
    series: Series,
    year: i64,
}

fn which(params: &Params, today: NaiveDate) -> Result<Which, ApiError> {
    let direction = Direction::parse(params.get("kind").unwrap_or("den"), "kind")?;
    let series = Series::parse(params.get("series").unwrap_or("thuong"), direction, "series")?;
    let year = params.int("year", 2000, 2100)?.unwrap_or_else(|| i64::from(today.year()));
    Ok(Which { direction, series, year })
}

/// A choice of register on the page.
struct Tab {
    href: String,
    label: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "office/document_register.html")]
struct RegisterPage {
    page: Page,
    tabs: Vec<Tab>,
    title: String,
    incoming: bool,
    series: &'static str,
    year: i64,
    query: String,
    lines: Vec<Line>,
    full: bool,
}

fn register_title(page: &Page, w: &Which) -> String {
    let series = page.t(&format!("doc-series-{}", w.series.as_str()));
    page.t2(&format!("doc-register-title-{}", w.direction.as_str()), ("series", &series), ("year", &w.year))
}

async fn register_lines(state: &AppState, a: &Authed, params: &Params) -> ApiResult<(Which, Vec<Document>)> {
    a.require(&DOC_ROLES)?;
    let unit = a.me.staff_scope()?;
    let w = which(params, state.now().date())?;
    let list = DocumentList::Register { unit_id: unit.id, direction: w.direction, series: w.series, year: w.year };
    let docs = state.store.documents(list, REGISTER_LINES).await?;
    Ok((w, docs))
}

fn query_of(w: &Which) -> String {
    format!("kind={}&series={}&year={}", w.direction.as_str(), w.series.as_str(), w.year)
}

/// `GET /office/documents/register`: one register, in number order.
pub async fn register(State(state): State<AppState>, a: Authed, params: Params) -> ApiResult<Response> {
    let (w, docs) = register_lines(&state, &a, &params).await?;
    let p = &a.page;
    let tabs = SERIES
        .into_iter()
        .map(|(d, s)| {
            let tab = Which { direction: d, series: s, year: w.year };
            Tab {
                href: format!("/office/documents/register?{}", query_of(&tab)),
                label: register_title(p, &tab),
                current: d == w.direction && s == w.series,
            }
        })
        .collect();
    render(&RegisterPage {
        title: register_title(p, &w),
        incoming: w.direction == Direction::Incoming,
        series: w.series.as_str(),
        year: w.year,
        query: query_of(&w),
        full: docs.len() >= REGISTER_LINES as usize,
        lines: docs.iter().map(|d| line(&state, p, d)).collect(),
        tabs,
        page: a.page.clone(),
    })
}

/// One line of a printed register: Appendix IV's columns.
pub(super) struct PrintLine {
    pub cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "office/document_register_print.html")]
struct PrintPage {
    page: Page,
    agency: String,
    title: String,
    headings: Vec<String>,
    lines: Vec<PrintLine>,
    printed: String,
    query: String,
}

/// The columns of the register of `direction` (Decree 30 Appendix IV, as
/// docs/documents.md lists them), and one document's cells.
fn columns(page: &Page, direction: Direction) -> Vec<String> {
    let ids: &[&str] = match direction {
        Direction::Incoming => &[
            "doc-col-arrived",
            "doc-col-arrival-no",
            "doc-col-sender",
            "doc-col-notation",
            "doc-col-date",
            "doc-col-type-subject",
            "doc-col-receiver",
            "doc-col-transfer",
            "doc-col-signature",
            "doc-col-note",
        ],
        Direction::Outgoing => &[
            "doc-col-notation",
            "doc-col-date",
            "doc-col-type-subject",
            "doc-col-signer",
            "doc-col-recipients",
            "doc-col-file-unit",
            "doc-col-copies",
            "doc-col-sent",
            "doc-col-signature",
            "doc-col-note",
        ],
    };
    ids.iter().map(|id| page.t(id)).collect()
}

fn cells(page: &Page, d: &Document, recipients: &str) -> Vec<String> {
    let type_subject = format!("{} – {}", type_name(page, &d.doc_type), d.subject);
    let date = d.doc_date.map(format::date).unwrap_or_default();
    match d.direction {
        Direction::Incoming => vec![
            d.arrived_at.map(format::datetime).unwrap_or_default(),
            d.reg_no.map(|n| n.to_string()).unwrap_or_default(),
            d.sender_name.clone().unwrap_or_default(),
            d.notation.clone().unwrap_or_default(),
            date,
            type_subject,
            d.lead_unit_name.clone().unwrap_or_default(),
            String::new(),
            String::new(),
            state_name(page, d.state),
        ],
        Direction::Outgoing => vec![
            d.notation.clone().unwrap_or_default(),
            date,
            type_subject,
            d.signer_name
                .clone()
                .map(|n| format!("{} {n}", d.signer_position.clone().unwrap_or_default()))
                .unwrap_or_default(),
            recipients.to_owned(),
            d.unit_name.clone(),
            String::new(),
            date_sent(d),
            String::new(),
            state_name(page, d.state),
        ],
    }
}

fn date_sent(d: &Document) -> String {
    if d.state == rules::State::Dispatched { d.doc_date.map(format::date).unwrap_or_default() } else { String::new() }
}

/// The recipients of each outgoing document, written out.
async fn recipients_of(state: &AppState, unit_id: i64, docs: &[Document]) -> ApiResult<Vec<String>> {
    let mut out = Vec::with_capacity(docs.len());
    for d in docs {
        if d.direction == Direction::Incoming {
            out.push(String::new());
            continue;
        }
        let detail = state.store.document(d.id, unit_id).await?;
        let mut names: Vec<String> = detail.recipients.into_iter().map(|u| u.name).collect();
        names.extend(d.external_recipients.clone());
        out.push(names.join("; "));
    }
    Ok(out)
}

/// `GET /office/documents/register/print`: the register laid out for
/// printing, in Vietnamese (an official book) whatever the page's language.
pub async fn print(State(state): State<AppState>, mut a: Authed, params: Params) -> ApiResult<Response> {
    let (w, docs) = register_lines(&state, &a, &params).await?;
    a.page.lang = Lang::Vi;
    let unit = a.me.staff_scope()?;
    let recipients = recipients_of(&state, unit.id, &docs).await?;
    let p = &a.page;
    let agency = docs.first().map(|d| d.unit_name.clone()).unwrap_or_default();
    let agency =
        if agency.is_empty() { state.store.unit(unit.id).await?.map(|u| u.name).unwrap_or_default() } else { agency };
    render(&PrintPage {
        agency,
        title: register_title(p, &w).to_uppercase(),
        headings: columns(p, w.direction),
        lines: docs.iter().zip(&recipients).map(|(d, r)| PrintLine { cells: cells(p, d, r) }).collect(),
        printed: format::datetime(state.now()),
        query: query_of(&w),
        page: a.page.clone(),
    })
}

/// `GET /office/documents/register.xlsx`: the same columns as a spreadsheet,
/// in the page's language.
pub async fn xlsx(State(state): State<AppState>, a: Authed, params: Params) -> ApiResult<Response> {
    let (w, docs) = register_lines(&state, &a, &params).await?;
    let unit = a.me.staff_scope()?;
    let recipients = recipients_of(&state, unit.id, &docs).await?;
    let p = &a.page;
    let unit_name = state.store.unit(unit.id).await?.map(|u| u.name).unwrap_or_default();
    let title = register_title(p, &w);
    let year = i32::try_from(w.year).map_err(|_| ApiError::internal())?;
    let header = ReportHeader {
        title: &title,
        unit_name: &unit_name,
        from: NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(ApiError::internal)?,
        to: NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(ApiError::internal)?,
        generated_at: state.now(),
    };
    let rows: Vec<DocumentRegisterRow> =
        docs.iter().zip(&recipients).map(|(d, r)| DocumentRegisterRow { cells: cells(p, d, r) }).collect();
    let bytes = document_register_xlsx(&header, &columns(p, w.direction), &rows, p.lang)?;
    let name = format!("so-van-ban-{}-{}-{}.xlsx", w.direction.as_str(), w.series.as_str(), w.year);
    file_response(bytes, XLSX_CONTENT_TYPE, &name)
}

#[cfg(test)]
mod tests {
    use motcua_rules::documents::{Act, State};

    use crate::web::i18n::{Lang, has};

    /// The ids built from the rules' names exist in both languages.
    #[test]
    fn every_built_message_exists() {
        let mut ids: Vec<String> =
            State::ALL.iter().map(|s| format!("doc-state-{}", s.as_str().replace('_', "-"))).collect();
        for a in Act::ALL {
            ids.push(format!("doc-act-{}", a.as_str()));
            ids.push(format!("doc-did-{}", a.as_str()));
            ids.push(format!("notice-doc-{}", a.as_str()));
        }
        for (d, s) in super::SERIES {
            ids.push(format!("doc-series-{}", s.as_str()));
            ids.push(format!("doc-register-title-{}", d.as_str()));
            ids.push(format!("doc-dir-{}", d.as_str()));
        }
        ids.extend(
            ["doc-did-created", "doc-did-arrived", "notice-doc-registered", "notice-doc-drafted"].map(String::from),
        );
        let missing: Vec<String> = ids
            .iter()
            .flat_map(|id| [Lang::Vi, Lang::En].map(|l| (l, id)))
            .filter(|(l, id)| !has(*l, id))
            .map(|(l, id)| format!("{} {id}", l.code()))
            .collect();
        assert!(missing.is_empty(), "missing: {missing:?}");
    }
}
