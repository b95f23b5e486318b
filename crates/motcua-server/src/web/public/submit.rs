//! Online submission (nộp hồ sơ trực tuyến): a citizen fills in the
//! applicant, picks the receiving unit, ticks the components and attaches
//! their files; one transaction writes the dossier and its files.
//!
//! A component that the procedure's e-form (tờ khai điện tử) fills shows
//! the form's fields instead of a file input: the values are checked with
//! the rest of the form, and the filled tờ khai is rendered to PDF and
//! becomes that component's file (`routes::eforms`). A file sent for that
//! component anyway is not kept: the e-form is how it is handed in online.
//!
//! The form is `multipart/form-data` and its first part is `_csrf`, checked
//! before any file is read. A hidden idempotency key, made when the form is
//! shown, makes a double click (or a resent form) answer the dossier the
//! first click made instead of a second one.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use motcua_rules::Role;
use motcua_rules::dossier::routing::{self, RoutingFacts, UnitFact};
use motcua_rules::eform::{self, EformDefinition};
use motcua_store::model::{AttachmentKind, ComponentReceived, NewAttachment, ProcedureVersion, Unit};

use super::catalog::in_force;
use super::reuse;
use super::uploads::{self, Kind, MAX_FILE, MAX_FILES, MAX_TEXT_BYTES, MAX_TOTAL, read_limited};
use super::{UnitOption, unit_tree};
use crate::auth::new_token;
use crate::error::{ApiError, ApiResult};
use crate::routes::dossiers::{ApplicantInput, CreateDossier, check_dossier, create_dossier_with_files};
use crate::routes::eforms;
use crate::state::AppState;
use crate::web::csrf;
use crate::web::i18n::Lang;
use crate::web::page::{Authed, FormError, Page, is_form_error, redirect_done, render};

/// What the citizen typed, kept to fill the form again after a refusal.
#[derive(Default, Clone)]
pub struct Values {
    idem: String,
    name: String,
    id_number: String,
    phone: String,
    email: String,
    address: String,
    unit: String,
    /// The e-form's values by key, as typed (personal data: never logged).
    eform: BTreeMap<String, String>,
    /// The kept document chosen for a component, by the component's index.
    reuse: BTreeMap<usize, i64>,
}

/// A component of the procedure as the form shows it.
pub struct ComponentRow {
    index: usize,
    name: String,
    form: Option<String>,
    originals: u32,
    copies: u32,
    required: bool,
    ticked: bool,
    /// The files chosen for it in a form that was refused: the browser
    /// does not keep them, and nothing was stored, so they are asked for
    /// again by name.
    chosen: Vec<String>,
    /// The e-form fills this component: its fields stand for the upload.
    eform: bool,
}

/// A field of the e-form as the page shows it.
pub struct EformInput {
    key: String,
    label: String,
    /// `text`, `long_text`, `date`, `number`, `choice`, `yes_no`.
    kind: &'static str,
    required: bool,
    max: usize,
    options: Vec<String>,
    /// What was typed, after a refusal.
    value: String,
}

impl EformInput {
    /// The input's HTML id, as the error summary links to it.
    fn id(&self) -> String {
        format!("eform-{}", self.key)
    }

    fn name(&self) -> String {
        eform::value_field(&self.key)
    }
}

#[derive(Template)]
#[template(path = "public/submit.html")]
struct SubmitPage {
    page: Page,
    code: String,
    procedure: String,
    components: Vec<ComponentRow>,
    units: Vec<UnitOption>,
    v: Values,
    error: Option<FormError>,
    max_file_mb: usize,
    max_total_mb: usize,
    max_files: usize,
    /// The e-form's title and fields, when the procedure has one.
    eform_title: String,
    eform_fields: Vec<EformInput>,
    /// The citizen's kept documents, offered for each component.
    kept: Vec<reuse::KeptOption>,
}

impl SubmitPage {
    /// Whether the kept document `id` is the choice for component `index`.
    fn reused(&self, index: &usize, id: &i64) -> bool {
        self.v.reuse.get(index) == Some(id)
    }

    fn eform_error(&self, f: &EformInput) -> Option<String> {
        self.error_for(&f.name())
    }

    fn files_hint(&self) -> String {
        let hint = self.page.t2("pub-submit-files-hint", ("file", &self.max_file_mb), ("total", &self.max_total_mb));
        format!("{hint} {}", self.page.t1("pub-submit-files-count", "n", &self.max_files))
    }

    fn counts(&self, c: &ComponentRow) -> String {
        self.page.t2("pub-submit-component-counts", ("originals", &c.originals), ("copies", &c.copies))
    }

    fn error_on(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.on(field))
    }

    fn file_error(&self, index: &usize) -> bool {
        self.error_on(&format!("file_{index}"))
    }

    /// The messages about `field`, to show next to its input.
    fn error_for(&self, field: &str) -> Option<String> {
        self.error.as_ref().and_then(|e| e.message_on(field))
    }

    fn file_message(&self, index: &usize) -> Option<String> {
        self.error_for(&format!("file_{index}"))
    }

    /// Every problem with the id of the input it points at, for the
    /// summary's links.
    fn summary(&self) -> Vec<(String, String)> {
        let Some(e) = &self.error else { return Vec::new() };
        e.all.iter().map(|p| (anchor_for(p.field.as_deref().unwrap_or("")), p.message.clone())).collect()
    }

    /// Whether any file was chosen in the refused form.
    fn files_were_chosen(&self) -> bool {
        self.components.iter().any(|c| !c.chosen.is_empty())
    }
}

/// The HTML id of the input behind an error field.
fn anchor_for(field: &str) -> String {
    match field {
        f if f.starts_with("applicant.") => f["applicant.".len()..].to_owned(),
        "receiving_unit_code" => field.to_owned(),
        f if f.starts_with("file_") => f.to_owned(),
        f if f.starts_with("eform.") => format!("eform-{}", &f["eform.".len()..]),
        f if f.starts_with("components") || f == "files" => "components".to_owned(),
        _ => "submit-form".to_owned(),
    }
}

/// The procedure being applied for, with what the form needs.
struct Target {
    version: std::sync::Arc<ProcedureVersion>,
    agency: Unit,
    units: Vec<UnitOption>,
    /// The e-form the citizen fills, and the index of its component.
    eform: Option<(EformDefinition, usize)>,
}

impl Target {
    fn page(
        &self,
        page: Page,
        v: Values,
        ticked: &[bool],
        chosen: &[Vec<String>],
        error: Option<FormError>,
    ) -> SubmitPage {
        let components = self
            .version
            .data
            .components
            .iter()
            .enumerate()
            .map(|(index, c)| ComponentRow {
                index,
                name: c.name.clone(),
                form: c.form.clone(),
                originals: c.originals,
                copies: c.copies,
                required: c.required,
                ticked: ticked.get(index).copied().unwrap_or(false),
                chosen: chosen.get(index).cloned().unwrap_or_default(),
                eform: self.eform.as_ref().is_some_and(|(_, i)| *i == index),
            })
            .collect();
        let en = page.lang == Lang::En;
        let (eform_title, eform_fields) = match &self.eform {
            None => (String::new(), Vec::new()),
            Some((def, _)) => (
                def.title(en).to_owned(),
                def.fields
                    .iter()
                    .map(|f| EformInput {
                        key: f.key.clone(),
                        label: f.label(en).to_owned(),
                        kind: f.kind.as_str(),
                        required: f.required,
                        max: f.max_chars(),
                        options: f.options.clone(),
                        value: v.eform.get(&f.key).cloned().unwrap_or_default(),
                    })
                    .collect(),
            ),
        };
        SubmitPage {
            page,
            code: self.version.data.code.clone(),
            procedure: self.version.data.name.clone(),
            components,
            units: self.units.clone(),
            v,
            error,
            max_file_mb: MAX_FILE >> 20,
            max_total_mb: MAX_TOTAL >> 20,
            max_files: MAX_FILES,
            eform_title,
            eform_fields,
            kept: Vec::new(),
        }
    }
}

/// Loads a procedure that takes online submissions now; otherwise the
/// refusal the API gives.
async fn target(state: &AppState, code: &str) -> ApiResult<Target> {
    let code: String = code.trim().chars().take(40).collect();
    let version = state.store.current_version(code.clone()).await?;
    if !in_force(&version.data, state.now().date()) || !version.data.online_level.accepts_online() {
        return Err(ApiError::coded(axum::http::StatusCode::CONFLICT, "procedure_not_online", None).arg("case", "now"));
    }
    let agency = state.store.unit(version.agency_unit_id).await?.ok_or_else(ApiError::internal)?;
    // The units that receive it (`routing::may_receive`): every commune
    // for a commune procedure, the agency and the centre otherwise.
    let fact = |u: &Unit| UnitFact { unit: u.as_ref(), level: u.level.clone(), name: u.name.clone() };
    let agency_fact = fact(&agency);
    let receives = |u: &Unit| {
        let upward = [fact(u)];
        let facts = RoutingFacts { upward: &upward, procedure_level: &version.data.level, agency: &agency_fact };
        routing::may_receive(&facts, &version.extra_receivers)
    };
    let units: Vec<Unit> = state.store.units().await?.into_iter().filter(|u| receives(u)).collect();
    let eform = eforms::offered(state, &version).await?.and_then(|def| {
        let index = version.data.components.iter().position(|c| c.name == def.component)?;
        Some((def, index))
    });
    Ok(Target { version, agency, units: unit_tree(&units), eform })
}

/// `GET /procedures/{code}/submit`: the empty form, with a fresh
/// idempotency key.
pub async fn form(State(state): State<AppState>, authed: Authed, Path(code): Path<String>) -> ApiResult<Response> {
    authed.require(&[Role::Citizen])?;
    let t = target(&state, &code).await?;
    let v = Values {
        idem: new_token()?,
        name: authed.me.user.full_name.clone(),
        unit: t.agency.code.clone(),
        ..Values::default()
    };
    let kept = reuse::options(&state, &authed.me, &authed.page).await?;
    render(&SubmitPage { kept, ..t.page(authed.page, v, &[], &[], None) })
}

/// A file as received, checked.
struct Upload {
    index: usize,
    name: String,
    kind: Kind,
    data: Vec<u8>,
}

/// The form as read: the values, the ticks, the files, the names of the
/// files chosen per component, and every problem found (the rest of the
/// body is still read, so the browser gets the answer rather than a broken
/// connection, and the person every problem at once).
#[derive(Default)]
struct Received {
    v: Values,
    ticked: Vec<bool>,
    files: Vec<Upload>,
    chosen: Vec<Vec<String>>,
    errors: Vec<ApiError>,
}

impl Received {
    /// Notes a problem, once per code and field (a limit passed is told once).
    fn fail(&mut self, e: ApiError) {
        if !self.errors.iter().any(|o| o.code == e.code && o.field == e.field) {
            self.errors.push(e);
        }
    }
}

/// The API field a form input's errors are reported on.
fn api_field(input: &str) -> Option<&'static str> {
    Some(match input {
        "name" => "applicant.name",
        "id_number" => "applicant.id_number",
        "phone" => "applicant.phone",
        "email" => "applicant.email",
        "address" => "applicant.address",
        "receiving_unit_code" => "receiving_unit_code",
        "idem" => "idem",
        i if i.starts_with("eform.") => "eform",
        _ => return None,
    })
}

fn text_too_long(field: &str) -> ApiError {
    ApiError::unprocessable("text_too_long", field).arg("case", "plain")
}

/// Reads the multipart form. Fails only when the CSRF token (the first
/// part) does not check out; every other problem is in `error`.
async fn read_form(headers: &HeaderMap, mp: &mut Multipart, components: usize) -> Result<Received, ApiError> {
    let mut r =
        Received { ticked: vec![false; components], chosen: vec![Vec::new(); components], ..Received::default() };
    let mut first = true;
    let mut total = 0usize;
    let mut seen = 0usize;
    loop {
        let mut field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                r.fail(uploads::upload_failed(&e));
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        if first {
            first = false;
            let token = if name == "_csrf" {
                read_limited(&mut field, 256).await.ok().flatten().and_then(|b| String::from_utf8(b).ok())
            } else {
                None
            };
            csrf::check(headers, &token.unwrap_or_default())?;
            continue;
        }
        if let Some(index) =
            name.strip_prefix("file_").and_then(|i| i.parse::<usize>().ok()).filter(|i| *i < components)
        {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            match read_limited(&mut field, MAX_FILE).await {
                Err(e) => {
                    r.fail(uploads::upload_failed(&e));
                    break;
                }
                Ok(None) => {
                    r.chosen[index].push(file_name.clone());
                    r.fail(uploads::file_too_large(&name, &file_name))
                }
                // An input left empty sends a part with no name and no data.
                Ok(Some(data)) if data.is_empty() && file_name.is_empty() => {}
                Ok(Some(data)) => {
                    r.chosen[index].push(file_name.clone());
                    total += data.len();
                    seen += 1;
                    if total > MAX_TOTAL {
                        r.fail(uploads::submission_too_large());
                    } else if seen > MAX_FILES {
                        r.fail(uploads::too_many_files());
                    } else {
                        match uploads::check_file(&name, &file_name, &data) {
                            // Kept only while the form may still be accepted.
                            Ok(kind) if r.errors.is_empty() => {
                                r.files.push(Upload { index, name: uploads::clean_name(&file_name, kind), kind, data })
                            }
                            Ok(_) => {}
                            Err(e) => r.fail(e),
                        }
                    }
                }
            }
            continue;
        }
        let text = match read_limited(&mut field, MAX_TEXT_BYTES).await {
            Err(e) => {
                r.fail(uploads::upload_failed(&e));
                break;
            }
            Ok(None) => {
                r.fail(text_too_long(api_field(&name).unwrap_or("form")));
                continue;
            }
            Ok(Some(bytes)) => match uploads::text_value(api_field(&name).unwrap_or("form"), bytes) {
                Ok(text) => text,
                Err(e) => {
                    r.fail(e);
                    continue;
                }
            },
        };
        match name.as_str() {
            "idem" => r.v.idem = text,
            "name" => r.v.name = text,
            "id_number" => r.v.id_number = text,
            "phone" => r.v.phone = text,
            "email" => r.v.email = text,
            "address" => r.v.address = text,
            "receiving_unit_code" => r.v.unit = text,
            k if reuse::read(k, &text, components, &mut r.v.reuse) => {}
            k if k.starts_with("eform.") && r.v.eform.len() < eform::MAX_FIELDS * 2 => {
                r.v.eform.insert(k["eform.".len()..].to_owned(), text);
            }
            "component" => {
                if let Some(t) = text.parse::<usize>().ok().and_then(|i| r.ticked.get_mut(i)) {
                    *t = true;
                }
            }
            // Unknown parts are read and ignored.
            _ => {}
        }
    }
    if first {
        // An empty body: no token either.
        csrf::check(headers, "")?;
    }
    Ok(r)
}

fn some(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// `POST /procedures/{code}/submit`.
pub async fn submit(
    State(state): State<AppState>,
    authed: Authed,
    Path(code): Path<String>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> ApiResult<Response> {
    authed.require(&[Role::Citizen])?;
    // Not a multipart body: it cannot carry the token where it is read.
    let Ok(mut mp) = mp else {
        return Err(crate::web::public::uploads::not_multipart(&headers));
    };
    let t = target(&state, &code).await?;
    let catalog = &t.version.data.components;
    let mut r = read_form(&headers, &mut mp, catalog.len()).await?;
    if r.v.unit.trim().is_empty() {
        r.v.unit = t.agency.code.clone();
    }
    let Authed { page, me } = authed;
    let chosen = r.chosen.clone();
    let kept = reuse::options(&state, &me, &page).await?;
    let refuse = |page: Page, e: ApiError, v: Values, ticked: &[bool]| -> ApiResult<Response> {
        let error = Some(FormError::new(&page, &e));
        let mut res = render(&SubmitPage { kept: kept.clone(), ..t.page(page, v, ticked, &chosen, error) })?;
        *res.status_mut() = e.status;
        Ok(res)
    };
    // A component with a file is handed in, ticked or not (and a refused
    // form shows it ticked).
    let mut ticked = std::mem::take(&mut r.ticked);
    for (i, names) in r.chosen.iter().enumerate() {
        if !names.is_empty() || r.v.reuse.contains_key(&i) {
            ticked[i] = true;
        }
    }
    // The e-form's component is handed in when it is required or anything
    // was typed in the form; then its values go with the dossier.
    let eform_values = match &t.eform {
        Some((def, index)) => {
            let typed = r.v.eform.values().any(|v| !v.trim().is_empty());
            let required = catalog[*index].required;
            ticked[*index] = required || typed;
            // A file sent for it anyway is not kept.
            r.files.retain(|u| u.index != *index);
            (required || typed).then(|| (def, r.v.eform.clone()))
        }
        None => None,
    };
    let components = catalog
        .iter()
        .zip(&ticked)
        .filter(|(_, t)| **t)
        .map(|(c, _)| ComponentReceived { name: c.name.clone(), count: 1 })
        .collect();
    let req = CreateDossier {
        procedure_code: t.version.data.code.clone(),
        receiving_unit_code: some(&r.v.unit),
        applicant: ApplicantInput {
            name: r.v.name.clone(),
            id_number: some(&r.v.id_number),
            phone: some(&r.v.phone),
            email: some(&r.v.email),
            address: some(&r.v.address),
            organization: false,
        },
        components,
        channel: None,
        eform: eform_values.as_ref().map(|(_, v)| v.clone()),
        reuse: reuse::inputs(&r.v.reuse, &catalog.iter().map(|c| c.name.clone()).collect::<Vec<_>>()),
    };
    if !r.errors.is_empty() {
        // A file refused: nothing is written, but the typed fields are
        // checked too, so that every problem is shown at once.
        let others = check_dossier(&state, &req).await.err();
        let form = eform_values.as_ref().and_then(|(def, v)| eforms::check(def, v).err());
        let e = ApiError::many(others.into_iter().chain(form).chain(r.errors)).unwrap_or_else(ApiError::internal);
        return refuse(page, e, r.v, &ticked);
    }
    let files = r
        .files
        .into_iter()
        .map(|u| NewAttachment {
            kind: AttachmentKind::Submission,
            component: Some(catalog[u.index].name.clone()),
            name: u.name,
            content_type: u.kind.mime().to_owned(),
            data: u.data,
        })
        .collect();
    match create_dossier_with_files(&state, &me, req, some(&r.v.idem), files).await {
        Ok((d, _, _)) => Ok(redirect_done(&format!("/my/{}", d.id), "dossier-submitted")),
        Err(e) if e.code == "idempotency_key_reused" => {
            // The same form, sent again after being changed: a new key, and
            // a word to check the dossiers already made.
            let e = ApiError::coded(e.status, "form_already_sent", None);
            let v = Values { idem: new_token()?, ..r.v };
            refuse(page, e, v, &ticked)
        }
        Err(e) if is_form_error(&e) => refuse(page, e, r.v, &ticked),
        Err(e) => Err(e),
    }
}
