//! The catalogue: the home page's search over procedures, and one
//! procedure with everything the law requires to be public.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::NaiveDate;
use motcua_rules::TimeLimit;
use motcua_store::ProcedureQuery;
use motcua_store::model::{Field, LegalDoc, OnlineLevel, Procedure, PublicationStatus};
use serde::Deserialize;

use super::{level_name, online_class, online_level, time_limit};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::format;
use crate::web::page::{Page, render, urlencode};

/// Procedures per page of the catalogue.
const PAGE_SIZE: u32 = 20;

/// The longest search text kept; longer input is cut.
const MAX_QUERY: usize = 200;

#[derive(Deserialize, Default)]
pub struct HomeQuery {
    q: Option<String>,
    field: Option<String>,
    online: Option<String>,
    cursor: Option<String>,
    page: Option<String>,
}

/// One line of the catalogue list.
pub struct Row {
    code: String,
    name: String,
    field_name: String,
    level: String,
    online: OnlineLevel,
    limit: String,
}

#[derive(Template)]
#[template(path = "public/home.html")]
struct HomePage {
    page: Page,
    q: String,
    field: String,
    online_only: bool,
    fields: Vec<Field>,
    rows: Vec<Row>,
    /// Whether any filter is set (the list is a search result, not the
    /// whole catalogue).
    searching: bool,
    page_no: u32,
    next: Option<String>,
    /// How many procedures match over all pages.
    total: u64,
    /// False when none has every word typed and the list shows those with
    /// some of them.
    all_words: bool,
}

impl HomePage {
    fn online_name(&self, l: &OnlineLevel) -> String {
        online_level(*l, self.page.lang)
    }

    fn online_class(&self, l: &OnlineLevel) -> &'static str {
        online_class(*l)
    }

    /// The query string of this search without paging, for the pager.
    fn filters(&self) -> String {
        let mut s = format!("q={}&field={}", urlencode(&self.q), urlencode(&self.field));
        if self.online_only {
            s.push_str("&online=1");
        }
        s
    }
}

/// `GET /`: the search box and the catalogue: all of it in code order when
/// nothing is typed, otherwise the ranked search (best first), a page at a
/// time, with the count.
pub async fn home(State(state): State<AppState>, page: Page, Query(q): Query<HomeQuery>) -> ApiResult<Response> {
    let text: String = q.q.unwrap_or_default().trim().chars().take(MAX_QUERY).collect();
    let field = q.field.unwrap_or_default().trim().to_owned();
    let online_only = q.online.is_some_and(|v| v == "1" || v == "on" || v == "true");
    let page_no = q.page.and_then(|p| p.parse::<u32>().ok()).filter(|p| (1..100_000).contains(p)).unwrap_or(1);
    let cursor = q.cursor.filter(|c| !c.is_empty() && c.len() <= 40);
    let fields = state.store.fields().await?;
    let result = state
        .store
        .procedures(ProcedureQuery {
            q: (!text.is_empty()).then(|| text.clone()),
            field_code: (!field.is_empty()).then(|| field.clone()),
            online_only,
            include_abolished: false,
            after: cursor.clone(),
            limit: PAGE_SIZE,
        })
        .await?;
    let mut rows = Vec::with_capacity(result.items.len());
    for p in result.items {
        // The list has no time limit; the current version (cached) does.
        let version = state.store.current_version(p.code.clone()).await?;
        rows.push(Row {
            limit: time_limit(version.data.time_limit, page.lang),
            level: level_name(&p.level, page.lang),
            code: p.code,
            name: p.name,
            field_name: p.field_name,
            online: p.online_level,
        });
    }
    let searching = !text.is_empty() || !field.is_empty() || online_only;
    render(&HomePage {
        page,
        q: text,
        field,
        online_only,
        fields,
        rows,
        searching,
        page_no: if cursor.is_some() { page_no } else { 1 },
        next: result.next_cursor,
        total: result.total,
        all_words: result.all_words,
    })
}

/// A workflow step as the public reads it.
pub struct StepView {
    name: String,
    unit: String,
    /// The part of the time limit given to the step; `None` for none.
    share: Option<String>,
}

/// A fee with its amount written the Vietnamese way.
pub struct FeeView {
    name: String,
    amount: String,
    note: Option<String>,
    /// Phí or lệ phí, in words.
    kind: String,
    /// When it is collected, in words.
    stage: String,
    /// The exemption categories, "Hộ nghèo (−50%)", one each.
    exemptions: Vec<String>,
}

#[derive(Template)]
#[template(path = "public/procedure.html")]
struct ProcedurePage {
    page: Page,
    p: Procedure,
    /// The form files to download.
    forms: Vec<FormLink>,
    agency: String,
    steps: Vec<StepView>,
    fees: Vec<FeeView>,
    limit: String,
    level: String,
    in_force: bool,
    online: bool,
}

impl ProcedurePage {
    fn online_name(&self) -> String {
        online_level(self.p.data.online_level, self.page.lang)
    }

    fn online_class(&self) -> &'static str {
        online_class(self.p.data.online_level)
    }

    fn abolished(&self) -> bool {
        self.p.data.publication.status == PublicationStatus::Abolished
    }

    /// The publication status with its decision and dates.
    fn publication(&self) -> String {
        let pb = &self.p.data.publication;
        let mut parts = vec![self.page.t(&format!("pub-publication-{}", pb.status.as_str()))];
        if let Some(dec) = &pb.decision {
            parts.push(self.page.t1("pub-proc-decision", "number", dec));
        }
        if let Some(d) = pb.effective_from {
            parts.push(self.page.t1("pub-proc-effective-from", "date", &format::date(d)));
        }
        if let Some(d) = pb.effective_to {
            parts.push(self.page.t1("pub-proc-effective-to", "date", &format::date(d)));
        }
        parts.join(" · ")
    }

    fn online_channel(&self) -> String {
        self.page.t1("pub-proc-channel-online-text", "level", &self.online_name())
    }

    /// A legal document's date and issuer, when known.
    fn legal_extra(&self, l: &LegalDoc) -> String {
        let mut s = String::new();
        if let Some(d) = l.issued {
            s.push_str(" · ");
            s.push_str(&self.page.t1("pub-proc-issued", "date", &format::date(d)));
        }
        if let Some(i) = &l.issuer {
            s.push_str(" · ");
            s.push_str(i);
        }
        s
    }

    fn updated(&self) -> String {
        format::datetime(self.p.updated_at)
    }
}

/// Whether a procedure is in force on `today` (the rule online submission
/// checks too).
pub fn in_force(p: &motcua_store::model::ProcedureData, today: NaiveDate) -> bool {
    let pb = &p.publication;
    pb.status != PublicationStatus::Abolished
        && pb.effective_from.is_none_or(|d| d <= today)
        && pb.effective_to.is_none_or(|d| today <= d)
}

/// The unit named by `code`, or the code itself when the unit is unknown.
async fn unit_name(state: &AppState, code: &str) -> ApiResult<String> {
    Ok(state.store.unit_by_code(code.to_owned()).await?.map_or_else(|| code.to_owned(), |u| u.name))
}

pub fn procedure_not_found(code: &str) -> ApiError {
    ApiError::coded(axum::http::StatusCode::NOT_FOUND, "procedure_not_found", None).arg("code", code)
}

/// `GET /procedures/{code}`.
/// A procedure's form file as its page lists it.
pub struct FormLink {
    id: i64,
    name: String,
    /// `PDF`, `DOCX` …
    kind: String,
    size: String,
}

pub(crate) fn form_link(f: motcua_store::model::ProcedureForm) -> FormLink {
    let kind = f.name.rsplit_once('.').map(|(_, e)| e.to_uppercase()).unwrap_or_default();
    FormLink { id: f.id, kind, size: super::mine::size(f.size), name: f.name }
}

/// `GET /procedures/{code}/forms/{id}`: a form file, for anyone.
pub async fn form_file(State(state): State<AppState>, Path((code, id)): Path<(String, String)>) -> ApiResult<Response> {
    let code: String = code.trim().chars().take(40).collect();
    crate::routes::procedure_forms::fetch(&state, code, &id)
        .await
        .map_err(|e| if e.status == axum::http::StatusCode::NOT_FOUND { crate::web::not_found() } else { e })
}

pub async fn procedure(State(state): State<AppState>, page: Page, Path(code): Path<String>) -> ApiResult<Response> {
    let code: String = code.trim().chars().take(40).collect();
    let p = state.store.procedure(code.clone()).await?.ok_or_else(|| procedure_not_found(&code))?;
    let agency = unit_name(&state, &p.data.agency_unit_code).await?;
    let mut steps = Vec::with_capacity(p.data.workflow.len());
    for s in &p.data.workflow {
        steps.push(StepView {
            name: s.name.clone(),
            unit: unit_name(&state, &s.unit_code).await?,
            // A step given no time of its own shows no duration.
            share: (s.share > 0).then(|| time_limit(TimeLimit::new(s.share, p.data.time_limit.unit), page.lang)),
        });
    }
    let fees = p
        .data
        .fees
        .iter()
        .map(|f| FeeView {
            name: f.name.clone(),
            amount: format::thousands(f.amount_vnd),
            note: f.note.clone(),
            kind: page.t(&format!("fee-kind-{}", f.kind.as_str())),
            stage: page.t(&format!("fee-stage-{}", f.collected_at.as_str())),
            exemptions: f.exemptions.iter().map(|e| format!("{} (−{}%)", e.name, e.percent)).collect(),
        })
        .collect();
    let in_force = in_force(&p.data, state.now().date());
    let online = in_force && p.data.online_level.accepts_online();
    let forms = state.store.procedure_forms(p.data.code.clone()).await?.into_iter().map(form_link).collect();
    render(&ProcedurePage {
        forms,
        limit: time_limit(p.data.time_limit, page.lang),
        level: level_name(&p.data.level, page.lang),
        page,
        agency,
        steps,
        fees,
        in_force,
        online,
        p,
    })
}
