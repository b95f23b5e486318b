//! One official document and the forms around it (docs/documents.md):
//! registering an incoming paper document (the clerk), drafting an
//! outgoing one to units chosen from the directory (specialists and
//! leaders), and the page of a document with its routing slip (phiếu giải
//! quyết văn bản đến), its recipients' progress, its history and the acts
//! the user may do now. Every rule is the store's and `motcua_rules`'s;
//! a refused form comes back with what was typed and the error on its field.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::NaiveDate;
use motcua_rules::documents::{self as rules, Act, DOC_TYPES, Direction, SERIES, Series};
use motcua_rules::{RuleError, validate};
use motcua_store::{DocumentAction, DocumentActor, DocumentDetail, NewIncoming, NewOutgoing, actor_for};

use super::documents::{DOC_ROLES, state_name, type_name};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::format;
use crate::web::page::{Authed, FormError, Page, is_form_error, redirect_done, refused_with, render};

/// A form's fields as sent, repeated names kept (checkboxes).
struct Fields(Vec<(String, String)>);

impl Fields {
    fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }

    fn ids(&self, name: &str) -> Result<Vec<i64>, ApiError> {
        self.all(name)
            .into_iter()
            .map(|v| v.trim().parse().map_err(|_| RuleError::invalid("document_unit_invalid", name).into()))
            .collect()
    }
}

fn actor(a: &Authed) -> Result<DocumentActor, ApiError> {
    a.require(&DOC_ROLES)?;
    let unit = a.me.staff_scope()?;
    Ok(DocumentActor { user_id: a.me.user.id, role: a.me.role(), unit_id: unit.id })
}

/// An option of a select or a checkbox list.
struct Opt {
    value: String,
    label: String,
    selected: bool,
}

/// The units of the user's province other than their own, in tree order.
async fn unit_options(state: &AppState, a: &Authed, chosen: &[i64], skip_own: bool) -> ApiResult<Vec<Opt>> {
    let unit = a.me.staff_scope()?;
    let units = state.store.units().await?;
    let mine: Vec<_> = units.into_iter().filter(|u| u.province_id == unit.root_id()).collect();
    Ok(crate::web::public::unit_tree(&mine)
        .into_iter()
        .filter(|o| !(skip_own && o.id == unit.id))
        .map(|o| Opt { value: o.id.to_string(), label: o.label, selected: chosen.contains(&o.id) })
        .collect())
}

/// The outside agencies of the exchange's directory, by identifier.
async fn outside_options(state: &AppState, chosen: &[i64]) -> ApiResult<Vec<Opt>> {
    Ok(state
        .store
        .exchange_agencies()
        .await?
        .into_iter()
        .filter(|x| x.unit_id.is_none())
        .map(|x| Opt {
            value: x.id.to_string(),
            label: format!("{} ({})", x.name, x.organ_code),
            selected: chosen.contains(&x.id),
        })
        .collect())
}

fn type_options(page: &Page, chosen: &str) -> Vec<Opt> {
    DOC_TYPES
        .iter()
        .map(|t| Opt {
            value: t.code.to_owned(),
            label: page.pick(t.name_vi, t.name_en).to_owned(),
            selected: t.code == chosen,
        })
        .collect()
}

fn series_options(page: &Page, direction: Direction, chosen: &str) -> Vec<Opt> {
    SERIES
        .into_iter()
        .filter(|(d, _)| *d == direction)
        .map(|(_, s)| Opt {
            value: s.as_str().to_owned(),
            label: page.t(&format!("doc-series-{}", s.as_str())),
            selected: s.as_str() == chosen,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "office/document_new.html")]
struct NewPage {
    page: Page,
    incoming: bool,
    types: Vec<Opt>,
    series: Vec<Opt>,
    units: Vec<Opt>,
    /// Outside agencies of the exchange's directory (sent through the exchange).
    outside: Vec<Opt>,
    /// What was typed, by field name.
    typed: Vec<(String, String)>,
    today: String,
    error: Option<FormError>,
}

impl NewPage {
    fn typed(&self, name: &str) -> &str {
        self.typed.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    fn error_on(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.on(field))
    }
}

async fn new_page(
    state: &AppState,
    a: &Authed,
    direction: Direction,
    f: &Fields,
    error: Option<FormError>,
) -> ApiResult<NewPage> {
    let incoming = direction == Direction::Incoming;
    let chosen = f.ids("recipients").unwrap_or_default();
    Ok(NewPage {
        page: a.page.clone(),
        incoming,
        types: type_options(&a.page, f.get("doc_type")),
        series: series_options(&a.page, direction, f.get("series")),
        units: if incoming { Vec::new() } else { unit_options(state, a, &chosen, true).await? },
        outside: if incoming {
            Vec::new()
        } else {
            outside_options(state, &f.ids("outside").unwrap_or_default()).await?
        },
        typed: f.0.clone(),
        today: state.now().date().format("%Y-%m-%d").to_string(),
        error,
    })
}

/// `GET /office/documents/new/{kind}`: the form for an incoming paper
/// document (`den`, the clerk) or an outgoing draft (`di`).
pub async fn new_form(State(state): State<AppState>, a: Authed, Path(kind): Path<String>) -> ApiResult<Response> {
    let by = actor(&a)?;
    let direction = Direction::parse(&kind, "kind").map_err(|_| crate::web::not_found())?;
    let act = if direction == Direction::Incoming { Act::Register } else { Act::Submit };
    let state_for = if direction == Direction::Incoming { rules::State::Arrived } else { rules::State::Draft };
    rules::check(act, state_for, &rules::Actor { role: by.role, holds: true, in_lead_unit: false }, false)?;
    render(&new_page(&state, &a, direction, &Fields(Vec::new()), None).await?)
}

fn date_field(raw: &str, field: &str) -> Result<NaiveDate, RuleError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| RuleError::invalid("document_date_invalid", field))
}

/// `POST /office/documents/new/{kind}`.
pub async fn create(
    State(state): State<AppState>,
    a: Authed,
    Path(kind): Path<String>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> ApiResult<Response> {
    let by = actor(&a)?;
    let direction = Direction::parse(&kind, "kind").map_err(|_| crate::web::not_found())?;
    let f = Fields(fields);
    let now = state.now();
    let run = async {
        let series = Series::parse(f.get("series"), direction, "series")?;
        let doc_type = rules::doc_type(f.get("doc_type"), "doc_type")?.code.to_owned();
        let subject = validate::required_text(f.get("subject"), "subject", rules::MAX_SUBJECT)?;
        let saved = if direction == Direction::Incoming {
            let new = NewIncoming {
                series,
                doc_type,
                subject,
                sender_name: validate::required_text(f.get("sender_name"), "sender_name", rules::MAX_ORGAN_NAME)?,
                notation: validate::required_text(f.get("notation"), "notation", rules::MAX_NOTATION)?,
                doc_date: date_field(f.get("doc_date"), "doc_date")?,
            };
            state.store.register_incoming(by.clone(), new, now).await?
        } else {
            let external = validate::text(f.get("external_recipients"), "external_recipients", rules::MAX_REASON)?;
            let new = NewOutgoing {
                series,
                doc_type,
                subject,
                issuer: rules::check_issuer(f.get("issuer"), "issuer")?,
                signer_position: validate::required_text(f.get("signer_position"), "signer_position", 100)?,
                recipients: f.ids("recipients")?,
                external_recipients: Some(external).filter(|e| !e.is_empty()),
                outside: f.ids("outside")?,
            };
            state.store.create_outgoing(by.clone(), new, now).await?
        };
        Ok::<_, ApiError>(saved)
    };
    match run.await {
        Ok(d) => {
            let notice = if direction == Direction::Incoming { "doc-registered" } else { "doc-drafted" };
            Ok(redirect_done(&format!("/office/documents/{}", d.doc.id), notice))
        }
        Err(e) if is_form_error(&e) => {
            let page = new_page(&state, &a, direction, &f, Some(FormError::new(&a.page, &e))).await?;
            Ok(refused_with(render(&page)?, &e))
        }
        Err(e) => Err(e),
    }
}

/// One line of a history or a delivery list.
struct Event {
    at: String,
    who: String,
    what: String,
    note: String,
}

struct Delivery {
    unit: String,
    state: String,
    state_key: &'static str,
    number: String,
    reason: String,
    at: String,
}

#[derive(Template)]
#[template(path = "office/document.html")]
struct DocPage {
    page: Page,
    id: i64,
    title: String,
    state: String,
    state_key: &'static str,
    overdue: bool,
    facts: Vec<(String, String)>,
    cooperating: Vec<String>,
    deliveries: Vec<Delivery>,
    history: Vec<Event>,
    acts: Vec<&'static str>,
    units: Vec<Opt>,
    error: Option<FormError>,
}

impl DocPage {
    fn offers(&self, act: &str) -> bool {
        self.acts.contains(&act)
    }
}

async fn doc_page(state: &AppState, a: &Authed, id: i64, error: Option<FormError>) -> ApiResult<DocPage> {
    let by = actor(a)?;
    let d: DocumentDetail = state.store.document(id, by.unit_id).await?;
    let p = &a.page;
    let doc = &d.doc;
    let incoming = doc.direction == Direction::Incoming;
    let mut facts = vec![(p.t("doc-col-type"), type_name(p, &doc.doc_type))];
    let mut fact = |id: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            facts.push((p.t(id), v));
        }
    };
    fact(
        if incoming { "doc-col-arrival-no" } else { "doc-col-number" },
        doc.reg_no.map(|n| format!("{n}/{}", doc.reg_year.unwrap_or_default())),
    );
    fact("doc-col-notation", doc.notation.clone());
    fact("doc-col-date", doc.doc_date.map(format::date));
    fact("doc-col-series", Some(p.t(&format!("doc-series-{}", doc.series.as_str()))));
    fact("doc-col-sender", doc.sender_name.clone());
    fact("doc-col-arrived", doc.arrived_at.map(format::datetime));
    fact("doc-col-holder", Some(doc.unit_name.clone()));
    fact(
        "doc-col-signer",
        doc.signer_name.clone().map(|n| format!("{} {n}", doc.signer_position.clone().unwrap_or_default())),
    );
    if !incoming && doc.signer_name.is_none() {
        fact("doc-col-signer-position", doc.signer_position.clone());
    }
    fact("doc-col-issuer", doc.issuer.clone().filter(|_| doc.notation.is_none()));
    let mut recipients: Vec<String> = d.recipients.iter().map(|u| u.name.clone()).collect();
    recipients.extend(d.outside.iter().map(|x| format!("{} ({})", x.name, x.organ_code)));
    recipients.extend(doc.external_recipients.clone());
    fact("doc-col-recipients", Some(recipients.join("; ")));
    fact("doc-col-lead", doc.lead_unit_name.clone());
    fact("doc-col-due", doc.due_at.map(format::datetime));
    fact("doc-col-done", doc.done_at.map(format::datetime));
    fact("doc-col-reason", doc.reason.clone());
    let acts = rules::offered(doc.state, &actor_for(&by, doc)).into_iter().map(Act::as_str).collect::<Vec<_>>();
    let units = if acts.contains(&"route") {
        let chosen: Vec<i64> = doc.lead_unit_id.into_iter().collect();
        unit_options(state, a, &chosen, false).await?
    } else {
        Vec::new()
    };
    Ok(DocPage {
        id,
        title: doc.subject.clone(),
        state: state_name(p, doc.state),
        state_key: doc.state.as_str(),
        overdue: rules::overdue(doc.due_at, doc.done_at, state.now()),
        facts,
        cooperating: d.cooperating.iter().map(|u| u.name.clone()).collect(),
        deliveries: d
            .deliveries
            .iter()
            .map(|x| Delivery {
                unit: x.unit_name.clone(),
                state: state_name(p, x.state),
                state_key: x.state.as_str(),
                number: x.reg_no.map(|n| n.to_string()).unwrap_or_default(),
                reason: x.reason.clone().unwrap_or_default(),
                at: format::datetime(x.updated_at),
            })
            .chain(d.outside.iter().map(|x| Delivery {
                unit: format!("{} ({})", x.name, x.organ_code),
                state: match (x.state, &x.status) {
                    (Some(s), Some(code)) => format!("{} ({code})", state_name(p, s)),
                    _ => p.t("doc-outside-sent"),
                },
                state_key: x.state.map_or("sent", |s| s.as_str()),
                number: String::new(),
                reason: x.reason.clone().unwrap_or_default(),
                at: x.updated_at.map(format::datetime).unwrap_or_default(),
            }))
            .collect(),
        history: d
            .history
            .iter()
            .map(|h| Event {
                at: format::datetime(h.at),
                who: h.user_name.clone().unwrap_or_default(),
                what: p.t(&format!("doc-did-{}", h.action)),
                note: h.note.clone().unwrap_or_default(),
            })
            .collect(),
        acts,
        units,
        error,
        page: a.page.clone(),
    })
}

fn doc_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse().map_err(|_| crate::web::not_found())
}

/// `GET /office/documents/{id}`.
pub async fn show(State(state): State<AppState>, a: Authed, Path(id): Path<String>) -> ApiResult<Response> {
    let id = doc_id(&id)?;
    render(&doc_page(&state, &a, id, None).await?)
}

/// The action a form asks for, with its inputs checked.
fn action_of(state: &AppState, f: &Fields) -> Result<DocumentAction, ApiError> {
    let reason = || validate::required_text(f.get("reason"), "reason", rules::MAX_REASON);
    Ok(match Act::parse(f.get("action"), "action")? {
        Act::Register => DocumentAction::Register,
        Act::Refuse => DocumentAction::Refuse { reason: reason()? },
        Act::Route => {
            let lead = f.get("lead_unit").trim().parse().ok();
            let cooperating = f.ids("cooperating")?;
            let days = f.get("deadline_days").trim().parse().ok();
            let routing = rules::check_routing(lead, &cooperating, days)?;
            let due_at = rules::due(&state.calendar(), state.now(), routing.days)?;
            DocumentAction::Route { routing, due_at }
        }
        Act::Start => DocumentAction::Start,
        Act::Finish => {
            let note = validate::text(f.get("note"), "note", rules::MAX_REASON)?;
            DocumentAction::Finish { note: Some(note).filter(|n| !n.is_empty()) }
        }
        Act::Submit => DocumentAction::Submit,
        Act::Return => DocumentAction::Return { reason: reason()? },
        Act::Sign => DocumentAction::Sign,
        Act::Issue => DocumentAction::Issue,
    })
}

/// `POST /office/documents/{id}/act`.
pub async fn act(
    State(state): State<AppState>,
    a: Authed,
    Path(id): Path<String>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> ApiResult<Response> {
    let by = actor(&a)?;
    let id = doc_id(&id)?;
    let f = Fields(fields);
    let run = async {
        let action = action_of(&state, &f)?;
        let act = action.act();
        state.store.act_on_document(id, by, action, state.now()).await?;
        Ok::<_, ApiError>(act)
    };
    match run.await {
        Ok(act) => Ok(redirect_done(&format!("/office/documents/{id}"), &format!("doc-{}", act.as_str()))),
        Err(e) if is_form_error(&e) => {
            let page = doc_page(&state, &a, id, Some(FormError::new(&a.page, &e))).await?;
            Ok(refused_with(render(&page)?, &e))
        }
        Err(e) => Err(e),
    }
}
