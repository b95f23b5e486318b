//! The citizen's own dossiers: where each stands, its history, and the
//! files they sent. Citizens see only their own (`routes::dossiers::visible`);
//! any other role is refused.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use motcua_rules::Role;
use motcua_rules::dossier::{ActionKind, Progress, Status};
use motcua_store::model::{AttachmentKind, AttachmentMeta, Dossier, DossierEvent, ProcedureVersion};
use serde::Deserialize;

use super::rating::RatingForm;
use super::{closing_kind, dossier_due, due, timeliness};
use crate::error::ApiResult;
use crate::routes::dossiers::{parse_ref, visible};
use crate::state::AppState;
use crate::web::format;
use crate::web::i18n;
use crate::web::page::{Authed, Page, render, urlencode};

#[derive(Deserialize)]
pub struct ListQuery {
    /// Open one dossier by its code or number.
    #[serde(rename = "ref")]
    reference: Option<String>,
    /// Keyset paging: the last dossier number of the previous page.
    before: Option<i64>,
    /// The group shown (`Progress::as_str`); all when absent or unknown.
    show: Option<String>,
}

/// One choice of the filter above the list.
pub struct FilterLink {
    /// `""` for all, else the group's name in the URL.
    key: &'static str,
    label: String,
    current: bool,
}

/// One line of the list.
pub struct MyRow {
    reference: String,
    code: Option<String>,
    procedure: String,
    submitted: String,
    status: String,
    status_class: &'static str,
    due: String,
}

#[derive(Template)]
#[template(path = "public/my_list.html")]
struct MyListPage {
    page: Page,
    rows: Vec<MyRow>,
    /// The `before` value of the next page, when there is one.
    next: Option<i64>,
    filters: Vec<FilterLink>,
    /// The group shown, for the next page's link (`""` for all).
    show: &'static str,
}

/// The filter's choices: all, then each group of statuses of the rules.
fn filters(page: &Page, shown: Option<Progress>) -> Vec<FilterLink> {
    let all = FilterLink { key: "", label: page.t("pub-my-filter-all"), current: shown.is_none() };
    let groups = Progress::ALL.into_iter().map(|p| FilterLink {
        key: p.as_str(),
        label: page.t(&format!("pub-my-filter-{}", p.as_str())),
        current: shown == Some(p),
    });
    std::iter::once(all).chain(groups).collect()
}

/// Dossiers per page of the list.
const MY_PAGE: u32 = 20;

/// `GET /my`: the citizen's dossiers, newest first, a page at a time; or
/// opens one by its code or number.
pub async fn list(State(state): State<AppState>, authed: Authed, Query(q): Query<ListQuery>) -> ApiResult<Response> {
    authed.require(&[Role::Citizen])?;
    if let Some(r) = q.reference.as_deref().map(str::trim).filter(|r| !r.is_empty() && r.len() <= 64) {
        return Ok(Redirect::to(&format!("/my/{}", urlencode(r))).into_response());
    }
    let page = authed.page;
    let shown = q.show.as_deref().and_then(Progress::parse);
    let statuses = shown.map(Progress::statuses).unwrap_or_default();
    let mut dossiers = state.store.dossiers_of_owner(authed.me.user.id, q.before, MY_PAGE + 1, &statuses).await?;
    let next = (dossiers.len() > MY_PAGE as usize).then(|| dossiers[MY_PAGE as usize - 1].id);
    dossiers.truncate(MY_PAGE as usize);
    let mut rows = Vec::with_capacity(dossiers.len());
    for d in dossiers {
        let version = state.store.procedure_version(d.procedure_version_id).await?;
        rows.push(MyRow {
            reference: reference(&d),
            code: d.code.clone(),
            procedure: version.data.name.clone(),
            submitted: format::datetime(d.submitted_at),
            status: format::status(d.state.status, page.lang).to_owned(),
            status_class: format::status_class(d.state.status),
            due: d.state.due_at.map_or_else(|| "—".to_owned(), due),
        });
    }
    let filters = filters(&page, shown);
    render(&MyListPage { page, rows, next, filters, show: shown.map_or("", Progress::as_str) })
}

/// A history line as the owner reads it.
pub struct EventRow {
    at: String,
    action: String,
    status: String,
    status_class: &'static str,
    note: Option<String>,
}

/// A file as listed.
pub struct FileRow {
    id: i64,
    name: String,
    component: String,
    size: String,
    at: String,
}

#[derive(Template)]
#[template(path = "public/my_dossier.html")]
struct MyDossierPage {
    page: Page,
    d: Dossier,
    version: std::sync::Arc<ProcedureVersion>,
    reference: String,
    status: String,
    status_class: &'static str,
    timeliness: Option<(String, &'static str)>,
    channel: String,
    receiving_unit: String,
    current_step: Option<String>,
    submitted: String,
    received: String,
    due: String,
    /// The label of `finished`: a refusal is not a result.
    finished_label: String,
    finished: String,
    returned: String,
    supplement_note: Option<String>,
    /// Refused at reception: the reason given.
    refusal_note: Option<String>,
    /// The slips issued so far, to download.
    slips: Vec<SlipLink>,
    events: Vec<EventRow>,
    files: Vec<FileRow>,
    /// The electronic results issued (`super::results`), newest first.
    results: Vec<super::results::PublicResultRow>,
    /// The rating form, while the returned dossier is not rated yet.
    rating: Option<RatingForm>,
    /// The online supplement and withdrawal forms, when the rules allow them.
    acts: super::mine_act::MyActs,
    /// Fees asked and paid, with the receipts and "pay online" (`super::payment`).
    payment: Option<super::payment::MyPayment>,
}

impl MyDossierPage {
    fn supplement_requested(&self) -> bool {
        self.d.state.status == Status::SupplementRequested
    }

    /// The handling time limit runs only once the dossier was received.
    fn supplement_before_reception(&self) -> bool {
        self.d.state.received_at.is_none()
    }

    fn refused(&self) -> bool {
        self.d.state.status == Status::NotReceived
    }

    /// Closed without being received: it will never have a code.
    fn never_coded(&self) -> bool {
        self.d.code.is_none() && self.d.state.status.is_final()
    }
}

/// A slip the dossier has issued, as a download link.
pub struct SlipLink {
    file: &'static str,
    label: String,
}

/// The slips the history has issued, in a fixed order, each once.
fn slips(events: &[DossierEvent], page: &Page) -> Vec<SlipLink> {
    let issued = |kinds: &[ActionKind]| events.iter().any(|e| kinds.iter().any(|k| e.action == k.as_str()));
    [
        ("receipt", &[ActionKind::Receive, ActionKind::ReceiveAtCounter][..]),
        ("supplement", &[ActionKind::RequestSupplement][..]),
        ("refusal", &[ActionKind::RefuseToReceive][..]),
        ("apology", &[ActionKind::Reschedule][..]),
        ("handover", &[ActionKind::ReturnResult][..]),
    ]
    .into_iter()
    .filter(|(_, kinds)| issued(kinds))
    .map(|(file, _)| SlipLink { file, label: page.t(&format!("pub-my-slip-{file}")) })
    .collect()
}

/// `12,5 MB`, `340 KB`, `812 B`.
pub fn size(bytes: i64) -> String {
    const KB: i64 = 1024;
    if bytes >= KB * KB {
        let tenths = (bytes * 10 + KB * KB / 2) / (KB * KB);
        format!("{},{} MB", tenths / 10, tenths % 10)
    } else if bytes >= KB {
        format!("{} KB", (bytes + KB / 2) / KB)
    } else {
        format!("{bytes} B")
    }
}

/// The dossier's path part: its code once received, its number before.
fn reference(d: &Dossier) -> String {
    d.code.clone().unwrap_or_else(|| d.id.to_string())
}

/// `GET /my/{ref}`: one of the citizen's dossiers, all of it.
pub async fn dossier(State(state): State<AppState>, authed: Authed, Path(r): Path<String>) -> ApiResult<Response> {
    authed.require(&[Role::Citizen])?;
    show(&state, authed, &r, None).await
}

/// [`show`] with the forms of [`super::mine_act`] as posted and refused.
pub(super) async fn show_with(
    state: &AppState,
    authed: Authed,
    r: &str,
    acts: super::mine_act::Posted,
) -> ApiResult<Response> {
    show_all(state, authed, r, None, acts).await
}

/// The dossier page, with the rating form as given (one sent back with
/// its error) or else a fresh one while the dossier can be rated.
pub(super) async fn show(state: &AppState, authed: Authed, r: &str, rating: Option<RatingForm>) -> ApiResult<Response> {
    show_all(state, authed, r, rating, Default::default()).await
}

async fn show_all(
    state: &AppState,
    authed: Authed,
    r: &str,
    rating: Option<RatingForm>,
    posted: super::mine_act::Posted,
) -> ApiResult<Response> {
    let (d, version) = visible(state, &authed.me, parse_ref(r)).await?;
    let acts = super::mine_act::MyActs::new(state, &authed, &d, &version, posted);
    let page = authed.page;
    let lang = page.lang;
    let events = state.store.dossier_events(d.id).await?;
    // The result's files are offered by `results`, issued ones only: a
    // draft is not the citizen's yet.
    let files = state.store.attachments(d.id).await?.into_iter().filter(|f| f.kind != AttachmentKind::Result);
    let results = super::results::rows(state, &page, d.id).await?;
    let receiving_unit = state.store.unit(d.state.receiving_unit.id).await?.map(|u| u.name).unwrap_or_default();
    let can_rate = d.state.status == Status::Returned && state.store.rating(d.id).await?.is_none();
    let rating = can_rate.then(|| rating.unwrap_or_else(|| RatingForm::new(&page, None, Default::default())));
    let calendar = state.calendar();
    let s = &d.state;
    let supplement_note = (s.status == Status::SupplementRequested)
        .then(|| events.iter().rev().find(|e| e.action == ActionKind::RequestSupplement.as_str()))
        .flatten()
        .and_then(|e| e.applicant_note().map(str::to_owned));
    let refusal_note = (s.status == Status::NotReceived)
        .then(|| events.iter().rev().find(|e| e.action == ActionKind::RefuseToReceive.as_str()))
        .flatten()
        .and_then(|e| e.applicant_note().map(str::to_owned))
        .filter(|n| !n.trim().is_empty());
    let slips = slips(&events, &page);
    let current_step =
        s.step.filter(|_| !s.status.is_closed()).and_then(|i| version.steps.get(i as usize)).map(|st| st.name.clone());
    let dash = |t: Option<chrono::NaiveDateTime>| format::opt_datetime(t);
    let out = MyDossierPage {
        reference: reference(&d),
        status: format::status(s.status, lang).to_owned(),
        status_class: format::status_class(s.status),
        timeliness: s.timeliness(state.now(), &calendar).map(|t| timeliness(t, s.status.is_closed(), lang)),
        channel: format::channel(d.channel, lang),
        receiving_unit,
        current_step,
        submitted: format::datetime(d.submitted_at),
        received: dash(s.received_at),
        due: dossier_due(&calendar, &page, &d),
        finished_label: i18n::message(lang, &format!("pub-dossier-finished-{}", closing_kind(s.status)), &[]),
        finished: dash(s.finished_at),
        returned: dash(d.returned_at),
        supplement_note,
        refusal_note,
        slips,
        events: events.into_iter().map(|e| event_row(e, &page)).collect(),
        files: files.map(|f| file_row(f, &page)).collect(),
        results,
        rating,
        acts,
        payment: super::payment::card(state, &page, &d, &version).await?,
        page,
        version,
        d,
    };
    render(&out)
}

fn event_row(e: DossierEvent, page: &Page) -> EventRow {
    EventRow {
        at: format::datetime(e.at),
        action: format::action_str(&e.action, page.lang),
        status: format::status(e.to_status, page.lang).to_owned(),
        status_class: format::status_class(e.to_status),
        // Internal notes stay with the staff.
        note: e.for_applicant().note,
    }
}

fn file_row(f: AttachmentMeta, page: &Page) -> FileRow {
    // A supplement belongs to no one component: say what it is.
    let component = match (f.component, f.kind) {
        (Some(c), _) => c,
        (None, AttachmentKind::Supplement) => page.t("pub-my-file-supplement"),
        (None, _) => String::new(),
    };
    FileRow { id: f.id, name: f.name, component, size: size(f.size), at: format::datetime(f.uploaded_at) }
}

/// `GET /my/{ref}/files/{id}`: one of the citizen's files, as a download.
pub async fn file(
    State(state): State<AppState>,
    authed: Authed,
    Path((r, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    authed.require(&[Role::Citizen])?;
    let (d, _) = visible(&state, &authed.me, parse_ref(&r)).await?;
    let id: i64 = id.parse().map_err(|_| crate::web::not_found())?;
    let (meta, data) = state.store.attachment(d.id, id).await?.ok_or_else(crate::web::not_found)?;
    // Results come through `/my/{ref}/results/{id}`, once issued.
    if meta.kind == AttachmentKind::Result {
        return Err(crate::web::not_found());
    }
    crate::web::download::attachment(&meta, data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_person_writes_them() {
        assert_eq!(size(812), "812 B");
        assert_eq!(size(340 * 1024), "340 KB");
        assert_eq!(size(12 * 1024 * 1024 + 512 * 1024), "12,5 MB");
    }
}
