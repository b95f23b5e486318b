//! The lists of dossiers waiting for someone: the inbox of a unit and role
//! (with filters), the online queue (submissions waiting for the counter's
//! check) and the results waiting to be returned at the counter.
//!
//! All three read the store's inbox, which pages by keyset: the "next page"
//! link carries the last row's cursor, so page 1,000 costs what page 1
//! costs, and nothing is counted.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::{Days, NaiveDate, NaiveDateTime};
use motcua_rules::Role;
use motcua_rules::calendar::WorkCalendar;
use motcua_rules::dossier::{Status, step_clock};
use motcua_rules::mask::mask_name;
use motcua_store::model::{Channel, Field};
use motcua_store::{InboxCursor, InboxItem, InboxQuery};
use serde::Deserialize;

use super::{counted, counter_unit, given, staff_unit};
use crate::error::{ApiError, ApiResult};
use crate::routes::dossiers::parse_status;
use crate::state::AppState;
use crate::web::format;
use crate::web::page::{Authed, FormError, Page, render};

/// Rows per page.
const PAGE_SIZE: u32 = 50;

/// A dossier is "due soon" when its due day is today or one of the next
/// two working days. Two days, because the apology with a new date
/// (reschedule) must be sent at least one working day before the due date:
/// a two-day warning still leaves a full working day to finish the work or
/// to ask the leader for that apology.
const DUE_SOON_WORKING_DAYS: i64 = 2;

/// The statuses that wait in an inbox (the store's `OPEN` list), for the
/// status filter.
const OPEN_STATUSES: [Status; 6] = [
    Status::Submitted,
    Status::Received,
    Status::InProcess,
    Status::SupplementRequested,
    Status::PaymentRequested,
    Status::Handled,
];

/// The query string of the inbox page. Everything is read as text and
/// parsed here, so that a bad value is shown on the form rather than as a
/// bare 400.
#[derive(Deserialize, Default, Clone)]
pub struct InboxParams {
    procedure: Option<String>,
    field: Option<String>,
    status: Option<String>,
    channel: Option<String>,
    /// Received on or after this day (`YYYY-MM-DD`).
    from: Option<String>,
    /// Received on or before this day.
    to: Option<String>,
    /// Leaders: `all` lists the work of every role in their unit.
    scope: Option<String>,
    /// `mine`: only the dossiers assigned to the user (Được giao cho tôi);
    /// else the unit's (Của đơn vị).
    tab: Option<String>,
    cursor: Option<String>,
    /// The page number shown ("Trang 3"); the cursor does the work.
    page: Option<String>,
}

/// One line of a list.
pub struct Row {
    pub(super) href: String,
    /// The code, or `#id` for an online submission not yet received.
    pub(super) reference: String,
    pub(super) has_code: bool,
    pub(super) procedure_code: String,
    pub(super) procedure_name: String,
    pub(super) applicant: String,
    pub(super) submitted: String,
    pub(super) received: String,
    pub(super) due: String,
    pub(super) status: String,
    pub(super) status_class: &'static str,
    pub(super) step: String,
    /// The running step's own due moment, or empty.
    pub(super) step_due: String,
    /// The running step is past its own due moment (Bước quá hạn).
    pub(super) step_overdue: bool,
    pub(super) overdue: bool,
    pub(super) due_soon: bool,
    /// Working days left before the due day (for the "due soon" text).
    pub(super) days_left: i64,
    /// `2 working days left`.
    pub(super) days_left_text: String,
    pub(super) version: i64,
    /// The path segment for actions: the code, else the id.
    pub(super) act_ref: String,
    /// The officer the step is assigned to, or empty.
    pub(super) assigned: String,
    /// A supplement the citizen sent online waits to be checked.
    pub(super) supplement_arrived: bool,
}

impl Row {
    /// The value of the row's bulk checkbox: `reference:version`.
    fn bulk_value(&self) -> String {
        format!("{}:{}", self.act_ref, self.version)
    }
}

fn step_text(page: &Page, i: &InboxItem) -> String {
    let role = page.t(&format!("role-{}", i.current_role.as_str()));
    match i.step {
        Some(n) if !i.status.is_closed() => page.t2("office-step-n", ("n", &(n + 1)), ("role", &role)),
        _ => page.t("office-step-counter"),
    }
}

pub(super) fn row(page: &Page, i: InboxItem, now: NaiveDateTime, calendar: &WorkCalendar) -> Row {
    let running = i.status.clock_running();
    let overdue = running && i.due_at.is_some_and(|d| d < now);
    let days_left = match i.due_at {
        Some(due) if running && !overdue => calendar.working_days_between(now.date(), due.date()).unwrap_or(i64::MAX),
        _ => i64::MAX,
    };
    let reference = i.code.clone().unwrap_or_else(|| page.t1("office-no-code-ref", "n", &i.id));
    let act_ref = i.code.clone().unwrap_or_else(|| i.id.to_string());
    Row {
        href: format!("/office/dossiers/{act_ref}"),
        has_code: i.code.is_some(),
        reference,
        procedure_code: i.procedure_code.clone(),
        procedure_name: i.procedure_name.clone(),
        applicant: mask_name(&i.applicant_name),
        // Before reception the inbox orders by the submission time.
        submitted: format::datetime(i.sort_due),
        received: format::opt_datetime(i.received_at),
        // Due dates are the end of a day: the date alone.
        due: i.due_at.map_or_else(|| "—".to_owned(), crate::web::public::due),
        status: format::status(i.status, page.lang).to_owned(),
        status_class: format::status_class(i.status),
        step: step_text(page, &i),
        step_due: i.step_due_at.map_or_else(String::new, crate::web::public::due),
        step_overdue: step_clock::step_overdue(i.step_due_at, i.paused_at, now),
        supplement_arrived: i.supplement_arrived_at.is_some(),
        overdue,
        due_soon: (0..=DUE_SOON_WORKING_DAYS).contains(&days_left),
        days_left_text: counted(page, "office-days-left", days_left),
        days_left,
        version: i.version,
        act_ref,
        assigned: i.assigned_name.clone().unwrap_or_default(),
    }
}

/// A page of the store's inbox as rows.
async fn fetch(state: &AppState, page: &Page, q: InboxQuery) -> ApiResult<(Vec<Row>, Option<String>)> {
    let result = state.store.inbox(q).await?;
    let now = state.now();
    let calendar = state.calendar();
    let rows = result.items.into_iter().map(|i| row(page, i, now, &calendar)).collect();
    Ok((rows, result.next_cursor))
}

fn invalid(field: &str) -> ApiError {
    ApiError::unprocessable("invalid_filter", field)
}

fn parse_day(raw: Option<&str>, field: &str) -> Result<Option<NaiveDate>, ApiError> {
    raw.map(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| invalid(field).arg("case", "date"))).transpose()
}

fn parse_cursor(raw: Option<&str>) -> Result<Option<InboxCursor>, ApiError> {
    raw.map(|c| InboxCursor::decode(c).ok_or_else(|| invalid("cursor").arg("case", "cursor"))).transpose()
}

fn parse_channel(raw: Option<&str>) -> Result<Option<Channel>, ApiError> {
    match raw {
        None => Ok(None),
        Some("counter") => Ok(Some(Channel::Counter)),
        Some("online") => Ok(Some(Channel::Online)),
        Some("postal") => Ok(Some(Channel::Postal)),
        Some(_) => Err(invalid("channel").arg("case", "channel")),
    }
}

/// The store query for the filters; `role` is the user's unless a leader
/// asks for every role.
fn build_query(a: &Authed, scope_path: String, p: &InboxParams) -> Result<InboxQuery, ApiError> {
    let mine = given(&p.tab) == Some("mine");
    let role = match given(&p.scope) {
        // Assigned to me: whatever role the step waits for.
        _ if mine => None,
        Some("all") if a.me.role() == Role::Leader => None,
        _ => Some(a.me.role()),
    };
    let status = given(&p.status).map(parse_status).transpose()?;
    if status.is_some_and(|s| !OPEN_STATUSES.contains(&s)) {
        return Err(invalid("status").arg("case", "status"));
    }
    let from = parse_day(given(&p.from), "from")?;
    let to = parse_day(given(&p.to), "to")?;
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        return Err(invalid("to").arg("case", "period"));
    }
    Ok(InboxQuery {
        status,
        procedure_code: given(&p.procedure).map(str::to_owned),
        field_code: given(&p.field).map(str::to_owned),
        channel: parse_channel(given(&p.channel))?,
        received_from: from.map(|d| d.and_time(chrono::NaiveTime::MIN)),
        // The whole "to" day: up to the start of the next one.
        received_to: to.and_then(|d| d.checked_add_days(Days::new(1))).map(|d| d.and_time(chrono::NaiveTime::MIN)),
        after: parse_cursor(given(&p.cursor))?,
        assigned_to: mine.then_some(a.me.user.id),
        ..InboxQuery::new(scope_path, role, PAGE_SIZE)
    })
}

fn page_number(p: &InboxParams) -> u32 {
    given(&p.page).and_then(|n| n.parse().ok()).filter(|n| *n >= 1).unwrap_or(1)
}

/// A link to the same list with the same filters, at `cursor`.
fn link(path: &str, p: &InboxParams, cursor: Option<&str>, page: u32) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    for (k, v) in [
        ("procedure", &p.procedure),
        ("field", &p.field),
        ("status", &p.status),
        ("channel", &p.channel),
        ("from", &p.from),
        ("to", &p.to),
        ("scope", &p.scope),
        ("tab", &p.tab),
    ] {
        if let Some(v) = given(v) {
            pairs.push((k, v.to_owned()));
        }
    }
    if let Some(c) = cursor {
        pairs.push(("cursor", c.to_owned()));
        pairs.push(("page", page.to_string()));
    }
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    if query.is_empty() { path.to_owned() } else { format!("{path}?{query}") }
}

/// A tab of the inbox.
pub struct Tab {
    href: String,
    label: String,
    current: bool,
}

/// The two lists: the unit's work and the work assigned to the user.
fn tabs(page: &Page, p: &InboxParams) -> Vec<Tab> {
    let mine = given(&p.tab) == Some("mine");
    let unit = InboxParams { tab: None, cursor: None, page: None, ..p.clone() };
    let assigned = InboxParams { tab: Some("mine".into()), ..unit.clone() };
    vec![
        Tab { href: link("/office/inbox", &unit, None, 1), label: page.t("office-tab-unit"), current: !mine },
        Tab { href: link("/office/inbox", &assigned, None, 1), label: page.t("office-tab-mine"), current: mine },
    ]
}

/// An option of a filter's select.
pub struct Choice {
    pub(super) value: String,
    pub(super) label: String,
    pub(super) selected: bool,
}

#[derive(Template)]
#[template(path = "office/inbox.html")]
struct InboxPage {
    page: Page,
    rows: Vec<Row>,
    /// Typed filter values, echoed into the form.
    procedure: String,
    from: String,
    to: String,
    fields: Vec<Choice>,
    statuses: Vec<Choice>,
    channels: Vec<Choice>,
    /// Leaders only: "my role's work" or "every role's".
    scopes: Vec<Choice>,
    filtered: bool,
    error: Option<FormError>,
    /// "Của đơn vị" and "Được giao cho tôi".
    tabs: Vec<Tab>,
    /// Leaders: the bulk actions offered over the rows (empty for others).
    bulk: Vec<Choice>,
    /// The tab shown, kept by the filter form.
    tab: String,
    page_no: u32,
    next: Option<String>,
    first: Option<String>,
}

impl InboxPage {
    fn error_on(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.on(field))
    }
}

fn choices<T>(
    items: impl IntoIterator<Item = T>,
    current: Option<&str>,
    f: impl Fn(T) -> (String, String),
) -> Vec<Choice> {
    items
        .into_iter()
        .map(|x| {
            let (value, label) = f(x);
            Choice { selected: current == Some(value.as_str()), value, label }
        })
        .collect()
}

/// `GET /office/inbox`: what waits at the user's unit and role, soonest due
/// first, with filters.
pub async fn inbox(State(state): State<AppState>, a: Authed, Query(p): Query<InboxParams>) -> ApiResult<Response> {
    let scope = staff_unit(&a)?;
    let page = &a.page;
    let (rows, next, error) = match build_query(&a, scope.path, &p) {
        Ok(q) => {
            let (rows, next) = fetch(&state, page, q).await?;
            (rows, next, None)
        }
        Err(e) if e.status.as_u16() == 422 => (Vec::new(), None, Some(e)),
        Err(e) => return Err(e),
    };
    let fields: Vec<Field> = state.store.fields().await?;
    let lang = page.lang;
    let statuses =
        choices(OPEN_STATUSES, given(&p.status), |s| (s.as_str().to_owned(), format::status(s, lang).to_owned()));
    let channels = choices(
        [("counter", Channel::Counter), ("online", Channel::Online), ("postal", Channel::Postal)],
        given(&p.channel),
        |(k, c)| (k.to_owned(), format::channel(c, lang)),
    );
    let scopes = if a.me.role() == Role::Leader {
        let current = Some(given(&p.scope).unwrap_or("mine"));
        choices([("mine", "office-scope-mine"), ("all", "office-scope-all")], current, |(k, id)| {
            (k.to_owned(), page.t(id))
        })
    } else {
        Vec::new()
    };
    let page_no = page_number(&p);
    let next_link = next.as_deref().map(|c| link("/office/inbox", &p, Some(c), page_no + 1));
    let first = (given(&p.cursor).is_some()).then(|| link("/office/inbox", &p, None, 1));
    let filtered = [&p.procedure, &p.field, &p.status, &p.channel, &p.from, &p.to].iter().any(|v| given(v).is_some());
    let status = error.as_ref().map(|e| e.status);
    let error = error.map(|e| FormError::new(page, &e));
    let bulk = if a.me.role() == Role::Leader && !rows.is_empty() {
        super::bulk::BULK_CHOICES
            .into_iter()
            .map(|k| Choice { value: k.as_str().to_owned(), label: format::action(k, lang), selected: false })
            .collect()
    } else {
        Vec::new()
    };
    let mut res = render(&InboxPage {
        tabs: tabs(page, &p),
        bulk,
        tab: given(&p.tab).unwrap_or_default().to_owned(),
        fields: choices(fields, given(&p.field), |f| (f.code, f.name)),
        statuses,
        channels,
        scopes,
        procedure: given(&p.procedure).unwrap_or_default().to_owned(),
        from: given(&p.from).unwrap_or_default().to_owned(),
        to: given(&p.to).unwrap_or_default().to_owned(),
        filtered,
        error,
        page_no,
        next: next_link,
        first,
        rows,
        page: a.page,
    })?;
    if let Some(s) = status {
        *res.status_mut() = s;
    }
    Ok(res)
}

/// Which counter list a [`QueuePage`] shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Queue {
    Online,
    Returns,
}

#[derive(Template)]
#[template(path = "office/queue.html")]
struct QueuePage {
    page: Page,
    queue: Queue,
    rows: Vec<Row>,
    page_no: u32,
    next: Option<String>,
    first: Option<String>,
}

impl QueuePage {
    fn online(&self) -> bool {
        self.queue == Queue::Online
    }
}

#[derive(Deserialize, Default)]
pub struct QueueParams {
    cursor: Option<String>,
    page: Option<String>,
}

async fn queue(state: AppState, a: Authed, p: QueueParams, queue: Queue) -> ApiResult<Response> {
    let unit = counter_unit(&a)?;
    let (status, path) = match queue {
        Queue::Online => (Status::Submitted, "/office/online"),
        Queue::Returns => (Status::Handled, "/office/returns"),
    };
    let q = InboxQuery {
        status: Some(status),
        after: parse_cursor(given(&p.cursor))?,
        ..InboxQuery::new(unit.path, Some(Role::CounterOfficer), PAGE_SIZE)
    };
    let (mut rows, next) = fetch(&state, &a.page, q).await?;
    // The dossier page's back link returns to this list.
    let from = if queue == Queue::Online { "online" } else { "returns" };
    for r in &mut rows {
        r.href = format!("{}?from={from}", r.href);
    }
    let page_no = given(&p.page).and_then(|n| n.parse().ok()).filter(|n| *n >= 1).unwrap_or(1);
    let params = InboxParams::default();
    let next = next.as_deref().map(|c| link(path, &params, Some(c), page_no + 1));
    let first = given(&p.cursor).is_some().then(|| path.to_owned());
    render(&QueuePage { page: a.page, queue, rows, page_no, next, first })
}

/// `GET /office/online`: online submissions waiting for the counter's
/// check, oldest first.
pub async fn online(State(state): State<AppState>, a: Authed, Query(p): Query<QueueParams>) -> ApiResult<Response> {
    queue(state, a, p, Queue::Online).await
}

/// `GET /office/returns`: handled dossiers whose result waits at the
/// counter, with the "return" action on each line.
pub async fn returns(State(state): State<AppState>, a: Authed, Query(p): Query<QueueParams>) -> ApiResult<Response> {
    queue(state, a, p, Queue::Returns).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_filters_and_carry_the_cursor() {
        let p = InboxParams {
            procedure: Some("1.001193".into()),
            status: Some(" ".into()),
            cursor: Some("old".into()),
            ..Default::default()
        };
        assert_eq!(
            link("/office/inbox", &p, Some("20260305235959.42"), 2),
            "/office/inbox?procedure=1.001193&cursor=20260305235959.42&page=2"
        );
        assert_eq!(link("/office/inbox", &p, None, 1), "/office/inbox?procedure=1.001193");
    }
}
