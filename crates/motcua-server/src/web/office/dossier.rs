//! One dossier as staff see it: every fact, the components handed in, the
//! files, the whole history, the slips to print, and one small form for
//! each action the user may take now.
//!
//! Every form sends the dossier's `version`; when someone else acted in
//! between, the store refuses (`stale_version`) and the page comes back
//! showing the dossier as it is now, with a message saying so.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use motcua_rules::calendar::Timeliness;
use motcua_rules::dossier::{self, ActionKind, Context, NoteAudience, NoteRule};
use motcua_store::model::{Channel, Dossier, ProcedureVersion};
use serde::Deserialize;

use super::act::ActForm;
use super::assign::{AssignForm, ReturnForm, Typed, assign_form, event_detail, return_form};
use super::eform_facts::{EformFacts, eform_facts};
use super::slip_links::{SlipKind, slip_label};
use super::{counted, given, staff_unit};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::routes::dossiers::{parse_ref, visible};
use crate::state::AppState;
use crate::web::format;
use crate::web::page::{Authed, FormError, Page, render};

/// The longest reason or list a form accepts (the API's note limit).
pub(super) const MAX_NOTE: usize = 2000;

/// The order the action forms appear in: moving the dossier on first, then
/// the requests to the applicant, then the ones that end it.
const ORDER: [ActionKind; 12] = [
    ActionKind::Receive,
    ActionKind::Forward,
    ActionKind::Finish,
    ActionKind::ReturnResult,
    ActionKind::SupplementReceived,
    ActionKind::RecordPayment,
    ActionKind::RequestSupplement,
    ActionKind::RequestPayment,
    ActionKind::Reschedule,
    ActionKind::RefuseToReceive,
    ActionKind::Withdraw,
    ActionKind::Stop,
];

/// The actions that move the dossier on, shown unfolded.
const PRIMARY: [ActionKind; 6] = [
    ActionKind::Receive,
    ActionKind::Forward,
    ActionKind::Finish,
    ActionKind::ReturnResult,
    ActionKind::SupplementReceived,
    ActionKind::RecordPayment,
];

/// A link to print a slip.
struct SlipLink {
    href: String,
    label: String,
}

/// One line of a definition list.
pub(super) struct Fact {
    pub(super) label: String,
    pub(super) value: String,
    pub(super) mono: bool,
}

struct ComponentLine {
    name: String,
    required: bool,
    /// How many were handed in (`✓ 2 copies`); `None`: not handed in.
    received: Option<String>,
}

struct EventLine {
    at: String,
    /// Machine-readable time for `<time datetime>`.
    at_iso: String,
    action: String,
    status: String,
    officer: String,
    unit: String,
    note: Option<String>,
    /// Whether the applicant reads the note (else it is internal).
    note_for_applicant: bool,
    /// An assignment's officers or a return's steps (`assign::event_detail`).
    detail: Option<String>,
}

/// One action's form.
struct ActionForm {
    /// `request_supplement`: the value posted.
    action: &'static str,
    /// `request-supplement`: for HTML ids.
    slug: String,
    title: String,
    help: String,
    note_label: String,
    note_required: bool,
    /// The officer chooses who reads the note (else `note_fixed` says it).
    note_choice: bool,
    /// For a fixed audience: who reads the note, in words.
    note_fixed: String,
    /// The chosen audience, when the form comes back with an error.
    note_for: String,
    /// Supplement requests also list what to add.
    items: bool,
    /// Reschedules also give the new date.
    new_date: bool,
    danger: bool,
    /// Shown unfolded: the actions that move the dossier on, and a form
    /// that came back with an error. The others fold into their title.
    open: bool,
    /// What was typed, when the form comes back with an error.
    note: String,
    items_text: String,
    date: String,
    /// The error of this form, and the input it is about.
    error: Option<String>,
    error_field: String,
}

impl ActionForm {
    fn invalid(&self, field: &str) -> bool {
        self.error.is_some() && self.error_field == field
    }
}

#[derive(Template)]
#[template(path = "office/dossier.html")]
pub(super) struct DossierPage {
    page: Page,
    title: String,
    /// Has a code, or will never get one (closed before reception): no
    /// "no code yet" note.
    has_code: bool,
    act_ref: String,
    /// Sent back with every action (optimistic concurrency).
    version: i64,
    procedure: String,
    status: String,
    status_class: &'static str,
    /// Early / on time / late: text and badge class.
    timeliness: Option<(String, &'static str)>,
    applicant: Vec<Fact>,
    facts: Vec<Fact>,
    components: Vec<ComponentLine>,
    /// The files, and the counter's scan form (`super::files`).
    pub(super) files: super::files::FilesSection,
    events: Vec<EventLine>,
    /// The step visits with their own deadlines (`super::steps`).
    steps: Vec<super::steps::StepLine>,
    /// The notices about the dossier and their delivery (`super::notices`).
    notices: Vec<super::notices::NoticeLine>,
    actions: Vec<ActionForm>,
    /// Phân công and Trả lại bước trước, when the user may use them.
    assign: Option<AssignForm>,
    send_back: Option<ReturnForm>,
    slips: Vec<SlipLink>,
    /// The slip the last action issued, offered at the top.
    fresh_slip: Option<SlipLink>,
    /// Submitted online: the applicant gets the slips in "Hồ sơ của tôi".
    online: bool,
    /// Where the back link goes, and its words.
    back_href: &'static str,
    back_label: String,
    /// Someone else acted first: the page shows the dossier as it is now.
    stale: bool,
    /// An error on a form that is no longer offered (the action is not
    /// allowed any more), shown at the top.
    orphan_error: Option<String>,
    /// A supplement the citizen sent online waits to be checked: since when.
    supplement_arrived: Option<String>,
    /// The electronic result and its forms (`super::result`); none for a
    /// dossier not yet received.
    pub(super) result: Option<super::result::ResultSection>,
    /// The e-form the citizen filled online, as text: its title, the
    /// component it fills and each label with its value.
    eform: Option<EformFacts>,
    /// Fees asked and paid, with the request and record forms' choices
    /// (`super::payment`).
    pub(super) payment: Option<super::payment::PaymentSection>,
}

#[derive(Deserialize)]
pub struct ShowParams {
    slip: Option<String>,
    /// The list the dossier was opened from (`online`, `returns`), for the
    /// back link.
    from: Option<String>,
}

/// The list to go back to: the one the dossier was opened from, else the
/// inbox.
fn back_link(page: &Page, from: Option<&str>) -> (&'static str, String) {
    match from {
        Some("online") => ("/office/online", page.t("office-online-title")),
        Some("returns") => ("/office/returns", page.t("office-returns-title")),
        Some("search") => ("/office/search", page.t("office-search-title")),
        _ => ("/office/inbox", page.t("office-back-to-inbox")),
    }
}

/// An error to show on the action form it came from, with what was typed.
pub(super) struct Refused {
    pub action: String,
    pub error: FormError,
    pub typed: ActForm,
}

/// `GET /office/dossiers/{ref}`.
pub async fn show(
    State(state): State<AppState>,
    a: Authed,
    Path(r): Path<String>,
    Query(p): Query<ShowParams>,
) -> ApiResult<Response> {
    staff_unit(&a)?;
    let (d, version) = visible(&state, &a.me, parse_ref(&r)).await?;
    // The page shows the applicant's data unmasked.
    crate::routes::data_views::record(&state, &a.me, &d, motcua_store::ViewedVia::Page).await?;
    let fresh = given(&p.slip).and_then(SlipKind::from_name);
    let mut page = build(&state, a.page, &a.me, d, &version, fresh, None).await?;
    (page.back_href, page.back_label) = back_link(&page.page, given(&p.from));
    render(&page)
}

fn timeliness_text(page: &Page, d: &Dossier, t: Timeliness, days_overdue: i64) -> (String, &'static str) {
    let closed = d.state.status.is_closed();
    match t {
        Timeliness::Late if closed && days_overdue > 0 => {
            (counted(page, "office-late-days", days_overdue), "badge-late")
        }
        Timeliness::Late if closed => (page.t("office-late"), "badge-late"),
        Timeliness::Late if days_overdue > 0 => (counted(page, "office-overdue-days", days_overdue), "badge-late"),
        Timeliness::Late => (page.t("office-overdue"), "badge-late"),
        Timeliness::Early if closed => (page.t("office-early"), "badge-done"),
        Timeliness::OnTime if closed => (page.t("office-on-time"), "badge-done"),
        _ => (page.t("office-within-time"), "badge-progress"),
    }
}

/// Names of the users and units in a history, each looked up once.
#[derive(Default)]
struct Names {
    users: HashMap<i64, String>,
    units: HashMap<i64, String>,
}

impl Names {
    async fn user(&mut self, state: &AppState, page: &Page, id: i64) -> ApiResult<String> {
        if let Some(n) = self.users.get(&id) {
            return Ok(n.clone());
        }
        let name = match state.store.user(id).await? {
            Some(u) => format!("{} ({})", u.full_name, page.t(&format!("role-{}", u.role.as_str()))),
            None => format!("#{id}"),
        };
        self.users.insert(id, name.clone());
        Ok(name)
    }

    async fn unit(&mut self, state: &AppState, id: i64) -> ApiResult<String> {
        if let Some(n) = self.units.get(&id) {
            return Ok(n.clone());
        }
        let name = state.store.unit(id).await?.map_or_else(|| format!("#{id}"), |u| u.name);
        self.units.insert(id, name.clone());
        Ok(name)
    }
}

fn fact(label: String, value: impl Into<String>) -> Fact {
    Fact { label, value: value.into(), mono: false }
}

fn or_dash(v: &Option<String>) -> String {
    v.as_deref().filter(|s| !s.is_empty()).unwrap_or("—").to_owned()
}

fn action_form(page: &Page, kind: ActionKind, refused: Option<&Refused>) -> ActionForm {
    let slug = kind.as_str().replace('_', "-");
    let mine = refused.filter(|r| r.action == kind.as_str());
    let note_label = match kind {
        ActionKind::RequestSupplement
        | ActionKind::RefuseToReceive
        | ActionKind::Stop
        | ActionKind::Reschedule
        | ActionKind::Withdraw => page.t("office-reason"),
        _ => page.t("office-note-optional"),
    };
    let (note_choice, note_fixed) = match kind.note_rule() {
        NoteRule::Chosen => (true, String::new()),
        NoteRule::Fixed(NoteAudience::Applicant) => (false, page.t("office-note-fixed-applicant")),
        NoteRule::Fixed(NoteAudience::Internal) => (false, page.t("office-note-fixed-internal")),
    };
    ActionForm {
        action: kind.as_str(),
        note_choice,
        note_fixed,
        note_for: mine.and_then(|r| r.typed.note_for.clone()).unwrap_or_default(),
        title: format::action(kind, page.lang),
        help: page.t(&format!("office-help-{slug}")),
        note_label,
        note_required: kind.requires_note(),
        items: kind == ActionKind::RequestSupplement,
        new_date: kind == ActionKind::Reschedule,
        danger: matches!(kind, ActionKind::RefuseToReceive | ActionKind::Withdraw | ActionKind::Stop),
        open: PRIMARY.contains(&kind) || mine.is_some(),
        note: mine.and_then(|r| r.typed.note.clone()).unwrap_or_default(),
        items_text: mine.and_then(|r| r.typed.items.clone()).unwrap_or_default(),
        date: mine.and_then(|r| r.typed.new_due_date.clone()).unwrap_or_default(),
        error: mine.filter(|r| r.error.code != "stale_version").map(|r| r.error.message.clone()),
        error_field: mine.and_then(|r| r.error.field.clone()).unwrap_or_default(),
        slug,
    }
}

/// Everything the dossier page shows.
pub(super) async fn build(
    state: &AppState,
    page: Page,
    me: &CurrentUser,
    d: Dossier,
    version: &ProcedureVersion,
    fresh: Option<SlipKind>,
    refused: Option<Refused>,
) -> ApiResult<DossierPage> {
    let now = state.now();
    let calendar = state.calendar();
    let workflow = d.workflow(version);
    let ctx = Context { calendar: &calendar, limit: version.data.time_limit, workflow: &workflow, now };
    let allowed = dossier::allowed_actions(&d.state, &me.actor(), &ctx);
    let (events, visits) = state.store.dossier_history(d.id).await?;
    let s = &d.state;
    let mut names = Names::default();
    let act_ref = d.code.clone().unwrap_or_else(|| d.id.to_string());
    let p = &page;

    let app = &d.applicant;
    let kind = if app.organization { p.t("office-applicant-kind-org") } else { p.t("office-applicant-kind-person") };
    let applicant = vec![
        fact(p.t("office-applicant-name"), app.name.clone()),
        fact(p.t("office-applicant-kind"), kind),
        Fact { label: p.t("office-applicant-id"), value: or_dash(&app.id_number), mono: true },
        Fact { label: p.t("office-applicant-phone"), value: or_dash(&app.phone), mono: true },
        fact(p.t("office-applicant-email"), or_dash(&app.email)),
        fact(p.t("office-applicant-address"), or_dash(&app.address)),
    ];

    let receiving = names.unit(state, s.receiving_unit.id).await?;
    let current_unit = names.unit(state, s.current_unit.id).await?;
    let role = p.t(&format!("role-{}", s.current_role.as_str()));
    let position =
        match s.step.filter(|_| !s.status.is_closed()).and_then(|i| version.steps.get(i as usize).map(|st| (i, st))) {
            Some((i, st)) => format!("{current_unit} · {} · {} ({role})", p.t1("office-step", "n", &(i + 1)), st.name),
            None if s.status.is_final() => "—".to_owned(),
            None => format!("{current_unit} · {role}"),
        };
    let timeliness = s.timeliness(now, &calendar).map(|t| {
        let end = s.paused_at.or(s.finished_at).unwrap_or(now);
        let days = match (t, s.due_at) {
            (Timeliness::Late, Some(due)) => calendar.days_overdue(due, end).unwrap_or(0),
            _ => 0,
        };
        timeliness_text(p, &d, t, days)
    });
    let yes_no = |b: bool| if b { p.t("yes") } else { p.t("no") };
    let mut facts = vec![
        Fact {
            label: p.t("office-procedure"),
            value: format!("{} ({})", version.data.name, version.data.code),
            mono: false,
        },
        fact(p.t("office-receiving-unit"), receiving),
        fact(p.t("office-now-at"), position),
        fact(p.t("office-channel"), format::channel(d.channel, p.lang)),
        fact(p.t("office-submitted-at"), format::datetime(d.submitted_at)),
        fact(p.t("office-received-at"), format::opt_datetime(s.received_at)),
        // Due dates are the end of a day: the date alone (hours-limits keep the time).
        fact(p.t("office-due-at"), crate::web::public::dossier_due(&state.calendar(), p, &d)),
    ];
    if let Some(paused) = s.paused_at {
        facts.push(fact(p.t("office-paused-at"), format::datetime(paused)));
    }
    // A refusal, a withdrawal or a stop is not a result: name the time for what it is.
    let finished_label = match crate::web::public::closing_kind(s.status) {
        "done" => p.t("office-finished-at"),
        kind => p.t(&format!("office-finished-at-{kind}")),
    };
    facts.push(fact(finished_label, format::opt_datetime(s.finished_at)));
    facts.push(fact(p.t("office-returned-at"), format::opt_datetime(d.returned_at)));
    if let Some((text, _)) = &timeliness {
        facts.push(fact(p.t("office-timeliness"), text.clone()));
    }
    facts.push(fact(p.t("office-supplement-count"), s.supplement_count.to_string()));
    facts.push(fact(p.t("office-rescheduled"), yes_no(s.rescheduled)));
    facts.push(super::portal::fact(state, p, d.id).await?);

    let mut components: Vec<ComponentLine> = version
        .data
        .components
        .iter()
        .map(|c| ComponentLine {
            name: c.name.clone(),
            required: c.required,
            received: d
                .components
                .iter()
                .find(|r| r.name == c.name)
                .map(|r| counted(p, "office-copies-received", i64::from(r.count))),
        })
        .collect();
    for r in &d.components {
        if !components.iter().any(|c| c.name == r.name) {
            components.push(ComponentLine {
                name: r.name.clone(),
                required: false,
                received: Some(counted(p, "office-copies-received", i64::from(r.count))),
            });
        }
    }

    let files = super::files::section(state, p, me, &d, version, &act_ref).await?;

    let mut slips: Vec<SlipKind> = Vec::new();
    let mut lines = Vec::with_capacity(events.len());
    for e in &events {
        if let Some(k) = ActionKind::parse(&e.action).and_then(SlipKind::of)
            && !slips.contains(&k)
        {
            slips.push(k);
        }
        let officer = match e.actor_user_id {
            Some(id) => names.user(state, p, id).await?,
            None => p.t("office-system"),
        };
        let unit = match e.actor_unit_id {
            Some(id) => names.unit(state, id).await?,
            None => String::new(),
        };
        let status = match e.from_status {
            Some(from) if from != e.to_status => {
                format!("{} → {}", format::status(from, p.lang), format::status(e.to_status, p.lang))
            }
            _ => format::status(e.to_status, p.lang).to_owned(),
        };
        let from = match e.assigned_from {
            Some(id) => Some(names.user(state, p, id).await?),
            None => None,
        };
        let to = match e.assigned_to {
            Some(id) => Some(names.user(state, p, id).await?),
            None => None,
        };
        lines.push(EventLine {
            detail: event_detail(p, e, version, from, to),
            at: format::datetime(e.at),
            at_iso: e.at.format("%Y-%m-%dT%H:%M:%S+07:00").to_string(),
            action: format::action_str(&e.action, p.lang),
            status,
            officer,
            unit,
            note: e.note.clone().filter(|n| !n.trim().is_empty()),
            note_for_applicant: e.note_for_applicant,
        });
    }
    // The control sheet follows a received dossier from its reception on.
    if slips.contains(&SlipKind::Receipt) {
        slips.push(SlipKind::Control);
    }
    let slip_link = |k: SlipKind| SlipLink {
        href: format!("/office/dossiers/{act_ref}/slips/{}.pdf", k.name()),
        label: slip_label(p, k),
    };
    let fresh_slip = fresh.filter(|k| slips.contains(k)).map(slip_link);
    let slips = SlipKind::ALL.into_iter().filter(|k| slips.contains(k)).map(slip_link).collect();

    let mut actions: Vec<ActionForm> =
        ORDER.into_iter().filter(|k| allowed.contains(k)).map(|k| action_form(p, k, refused.as_ref())).collect();
    // Before reception no time limit runs: nothing to pause.
    if s.received_at.is_none() {
        for f in actions.iter_mut().filter(|f| f.action == ActionKind::RequestSupplement.as_str()) {
            f.help = p.t("office-help-request-supplement-before");
        }
    }
    // An online supplement arrived: asking again is about what it still lacks.
    if s.supplement_arrived_at.is_some() {
        for f in actions.iter_mut().filter(|f| f.action == ActionKind::RequestSupplement.as_str()) {
            f.help = p.t("office-help-request-supplement-again");
        }
    }
    let typed = refused.as_ref().map(|r| Typed {
        action: &r.action,
        error: &r.error,
        assignee_id: r.typed.assignee_id.as_deref(),
        to_step: r.typed.to_step.as_deref(),
        note: r.typed.note.as_deref(),
    });
    let assign = if allowed.contains(&ActionKind::Assign) {
        let officers = crate::routes::flow::eligible(state, &d).await?;
        let current = match s.assigned_user_id {
            Some(id) => Some(names.user(state, p, id).await?),
            None => None,
        };
        assign_form(p, &d, &allowed, officers, current, typed.as_ref())
    } else {
        None
    };
    let send_back = return_form(p, &d, version, &allowed, typed.as_ref());
    let stale = refused.as_ref().is_some_and(|r| r.error.code == "stale_version");
    let on_a_form = |action: &str| {
        actions.iter().any(|f| f.action == action)
            || (assign.is_some() && action == ActionKind::Assign.as_str())
            || (send_back.is_some() && action == ActionKind::ReturnToStep.as_str())
    };
    let orphan_error = refused.as_ref().filter(|r| !stale && !on_a_form(&r.action)).map(|r| r.error.message.clone());
    let result = match s.received_at {
        Some(_) => Some(super::result::section(state, p, me, &d, &act_ref).await?),
        None => None,
    };

    Ok(DossierPage {
        title: d.code.clone().unwrap_or_else(|| format!("#{}", d.id)),
        has_code: d.code.is_some() || s.status.is_final(),
        version: d.version,
        procedure: version.data.name.clone(),
        status: format::status(s.status, p.lang).to_owned(),
        status_class: format::status_class(s.status),
        timeliness,
        applicant,
        facts,
        components,
        files,
        events: lines,
        steps: super::steps::lines(state, p, visits, &d, version),
        notices: super::notices::lines(state, p, d.id).await?,
        actions,
        assign,
        send_back,
        slips,
        fresh_slip,
        online: d.channel == Channel::Online,
        back_href: "/office/inbox",
        back_label: p.t("office-back-to-inbox"),
        stale,
        orphan_error,
        supplement_arrived: s.supplement_arrived_at.map(format::datetime),
        result,
        eform: eform_facts(state, p, d.id).await?,
        payment: super::payment::section(state, p, &d, version, &act_ref, refused.as_ref()).await?,
        act_ref,
        page,
    })
}

fn file_not_found() -> ApiError {
    ApiError::coded(StatusCode::NOT_FOUND, "file_not_found", None)
}

/// `GET /office/dossiers/{ref}/files/{id}`: an attachment, as a download.
pub async fn file(
    State(state): State<AppState>,
    a: Authed,
    Path((r, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    staff_unit(&a)?;
    let (d, _) = visible(&state, &a.me, parse_ref(&r)).await?;
    let id: i64 = id.parse().map_err(|_| file_not_found())?;
    let (meta, data) = state.store.attachment(d.id, id).await?.ok_or_else(file_not_found)?;
    crate::web::download::attachment(&meta, data)
}
