//! Counter intake (tiếp nhận hồ sơ tại quầy): the officer picks the
//! procedure, types the applicant's details, ticks the components handed
//! in, and receives the dossier. The code and the due date are issued at
//! once; the next page offers the receipt to print.
//!
//! A hidden idempotency key, new for every blank form, makes a double click
//! (or a re-sent form) land on the same dossier instead of making two.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use motcua_store::ProcedureQuery;
use motcua_store::model::{Channel, ComponentReceived, ProcedureVersion};
use serde::Deserialize;

use super::{counted, counter_unit, given};
use crate::auth::new_token;
use crate::error::{ApiError, ApiResult};
use crate::routes::dossiers::{ApplicantInput, CreateDossier, check_dossier, create_dossier};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::format;
use crate::web::page::{Authed, FormError, Page, is_form_error, redirect_done, render, urlencode};

/// How many procedures the picker lists at most; more means "search".
const PICKER_LIMIT: u32 = 100;

/// The most copies of one component a counter takes in; a typo guard.
const MAX_COUNT: u32 = 99;

#[derive(Deserialize)]
pub struct IntakeQuery {
    procedure: Option<String>,
    q: Option<String>,
}

/// One procedure in the picker.
struct ProcedureOption {
    code: String,
    name: String,
}

/// One text input of the applicant's part, with its error if any.
struct InputField {
    /// The HTML id (`applicant-phone`).
    id: &'static str,
    /// The form name, which is also the API's error field (`applicant.phone`).
    name: &'static str,
    label: String,
    kind: &'static str,
    value: String,
    required: bool,
    hint: Option<String>,
    error: Option<String>,
}

/// One component of the catalog in the checklist.
struct ComponentRow {
    index: usize,
    name: String,
    required: bool,
    /// "1 bản chính, 1 bản sao", the form's name…
    hint: String,
    checked: bool,
    count: String,
    error: Option<String>,
}

/// What the officer typed, kept when the form comes back with an error.
#[derive(Default)]
struct Typed {
    name: String,
    id_number: String,
    phone: String,
    email: String,
    address: String,
    organization: bool,
    postal: bool,
    /// Per catalog component: ticked, and the count as typed.
    components: Vec<(bool, String)>,
}

/// The chosen procedure and its form.
struct Chosen {
    code: String,
    name: String,
    limit: String,
    fees: String,
    idem: String,
    organization: bool,
    postal: bool,
    inputs: Vec<InputField>,
    components: Vec<ComponentRow>,
}

#[derive(Template)]
#[template(path = "office/intake.html")]
struct IntakePage {
    page: Page,
    unit_name: String,
    q: String,
    options: Vec<ProcedureOption>,
    /// The picker shows only the first results: ask to narrow the search.
    more_options: bool,
    chosen: Option<Chosen>,
    error: Option<FormError>,
}

impl IntakePage {
    fn error_on(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.on(field))
    }

    /// The messages of the errors about exactly `field` (not its parts).
    fn exact_error(&self, field: &str) -> Option<String> {
        self.error.as_ref().and_then(|e| e.message_exactly(field))
    }

    /// Every problem with the id of the input it points at, for the
    /// summary's links.
    fn summary(&self) -> Vec<(String, String)> {
        let Some(e) = &self.error else { return Vec::new() };
        e.all.iter().map(|p| (anchor_for(p.field.as_deref().unwrap_or("")), p.message.clone())).collect()
    }
}

/// The HTML id of the input behind an API error field.
fn anchor_for(field: &str) -> String {
    if let Some(rest) = field.strip_prefix("components[") {
        let i = rest.split(']').next().unwrap_or("0");
        return format!("count-{i}");
    }
    match field {
        "components" => "components".to_owned(),
        "procedure_code" => "procedure".to_owned(),
        "channel" => "channel-counter".to_owned(),
        f if f.starts_with("applicant.") => f.replace(['.', '_'], "-"),
        _ => "intake-form".to_owned(),
    }
}

/// `15 ngày làm việc`, `1 working day`: the portal's words.
fn limit_text(page: &Page, v: &ProcedureVersion) -> String {
    crate::web::public::time_limit(v.data.time_limit, page.lang)
}

fn fees_text(page: &Page, v: &ProcedureVersion) -> String {
    if v.data.fees.is_empty() {
        return page.t("office-no-fee");
    }
    v.data
        .fees
        .iter()
        .map(|f| format!("{}: {} đ", f.name, format::thousands(f.amount_vnd)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The default count of a component: the originals and copies the catalog
/// asks for, at least one.
fn catalog_count(c: &motcua_store::model::Component) -> u32 {
    (c.originals + c.copies).max(1)
}

fn chosen(page: &Page, v: &ProcedureVersion, typed: &Typed, idem: String, error: Option<&FormError>) -> Chosen {
    let err = |field: &str| error.and_then(|e| e.message_on(field));
    let input = |id, name, label: &str, kind, value: &str, required, hint: Option<&str>| InputField {
        id,
        name,
        label: page.t(label),
        kind,
        value: value.to_owned(),
        required,
        hint: hint.map(|h| page.t(h)),
        error: err(name),
    };
    let inputs = vec![
        input("applicant-name", "applicant.name", "office-applicant-name", "text", &typed.name, true, None),
        input(
            "applicant-id-number",
            "applicant.id_number",
            "office-applicant-id",
            "text",
            &typed.id_number,
            false,
            Some("office-applicant-id-hint"),
        ),
        input(
            "applicant-phone",
            "applicant.phone",
            "office-applicant-phone",
            "tel",
            &typed.phone,
            false,
            Some("office-applicant-phone-hint"),
        ),
        input("applicant-email", "applicant.email", "office-applicant-email", "email", &typed.email, false, None),
        input(
            "applicant-address",
            "applicant.address",
            "office-applicant-address",
            "text",
            &typed.address,
            false,
            None,
        ),
    ];
    let components = v
        .data
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (checked, mut count) = typed.components.get(i).cloned().unwrap_or_default();
            if count.is_empty() {
                count = catalog_count(c).to_string();
            }
            let mut hint = Vec::new();
            if c.originals > 0 {
                hint.push(counted(page, "office-originals", i64::from(c.originals)));
            }
            if c.copies > 0 {
                hint.push(counted(page, "office-copies", i64::from(c.copies)));
            }
            if let Some(form) = &c.form {
                hint.push(page.t1("office-component-form", "form", form));
            }
            ComponentRow {
                index: i,
                name: c.name.clone(),
                required: c.required,
                hint: hint.join(" · "),
                checked,
                count,
                error: err(&format!("components[{i}]")),
            }
        })
        .collect();
    Chosen {
        code: v.data.code.clone(),
        name: v.data.name.clone(),
        limit: limit_text(page, v),
        fees: fees_text(page, v),
        idem,
        organization: typed.organization,
        postal: typed.postal,
        inputs,
        components,
    }
}

async fn unit_name(state: &AppState, a: &Authed) -> ApiResult<String> {
    let id = a.me.user.unit_id.ok_or_else(ApiError::forbidden)?;
    Ok(state.store.unit(id).await?.map(|u| u.name).unwrap_or_default())
}

/// `GET /office/intake`: the procedure picker; with `?procedure=CODE` (the
/// picker's own form) it goes on to `/office/intake/{code}`, so that the
/// chosen procedure is part of the path and survives a language switch.
pub async fn form(State(state): State<AppState>, a: Authed, Query(q): Query<IntakeQuery>) -> ApiResult<Response> {
    counter_unit(&a)?;
    if let Some(code) = given(&q.procedure) {
        return Ok(Redirect::to(&format!("/office/intake/{}", urlencode(code))).into_response());
    }
    let unit_name = unit_name(&state, &a).await?;
    let text = given(&q.q).unwrap_or_default().to_owned();
    picker(&state, a.page, unit_name, text, None).await
}

/// `GET /office/intake/{code}`: the intake form of one procedure.
pub async fn procedure_form(State(state): State<AppState>, a: Authed, Path(code): Path<String>) -> ApiResult<Response> {
    counter_unit(&a)?;
    let unit_name = unit_name(&state, &a).await?;
    let code = code.trim();
    match state.store.current_version(code.to_owned()).await {
        Ok(v) => {
            let idem = new_token()?;
            let chosen = chosen(&a.page, &v, &Typed::default(), idem, None);
            render(&IntakePage {
                page: a.page,
                unit_name,
                q: String::new(),
                options: Vec::new(),
                more_options: false,
                chosen: Some(chosen),
                error: None,
            })
        }
        Err(e) => {
            let e = ApiError::from(e);
            if e.code != "procedure_not_found" {
                return Err(e);
            }
            let error = Some(FormError::new(&a.page, &e));
            let mut res = picker(&state, a.page, unit_name, String::new(), error).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
    }
}

async fn picker(
    state: &AppState,
    page: Page,
    unit_name: String,
    q: String,
    error: Option<FormError>,
) -> ApiResult<Response> {
    let found = state
        .store
        .procedures(ProcedureQuery {
            q: Some(q.clone()).filter(|s| !s.is_empty()),
            limit: PICKER_LIMIT,
            ..Default::default()
        })
        .await?;
    let options = found.items.into_iter().map(|p| ProcedureOption { code: p.code, name: p.name }).collect();
    render(&IntakePage { page, unit_name, q, options, more_options: found.next_cursor.is_some(), chosen: None, error })
}

/// Reads the posted form: every field by name, the ticked components
/// (`component=INDEX`, repeated) and their counts (`count.INDEX`).
fn read_form(pairs: &[(String, String)], catalog_len: usize) -> (Typed, String, String) {
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let ticked: Vec<usize> =
        pairs.iter().filter(|(k, _)| k == "component").filter_map(|(_, v)| v.parse().ok()).collect();
    let components =
        (0..catalog_len).map(|i| (ticked.contains(&i), get(&format!("count.{i}")).trim().to_owned())).collect();
    let typed = Typed {
        name: get("applicant.name"),
        id_number: get("applicant.id_number"),
        phone: get("applicant.phone"),
        email: get("applicant.email"),
        address: get("applicant.address"),
        organization: !get("applicant.organization").is_empty(),
        postal: get("channel") == "postal",
        components,
    };
    (typed, get("procedure"), get("idem"))
}

fn bad_count(i: usize) -> ApiError {
    ApiError::unprocessable("invalid_count", &format!("components[{i}].count"))
        .arg("case", "copies")
        .arg("max", MAX_COUNT)
}

/// The components handed in, in catalog order, with for each the index of
/// its catalog line (to point an error at the right row), and every count
/// typed wrong (the catalog's count stands in for it, so the other checks
/// still run and all problems are shown together).
fn components_given(v: &ProcedureVersion, typed: &Typed) -> (Vec<ComponentReceived>, Vec<usize>, Vec<ApiError>) {
    let mut given = Vec::new();
    let mut lines = Vec::new();
    let mut bad = Vec::new();
    for (i, c) in v.data.components.iter().enumerate() {
        let Some((true, raw)) = typed.components.get(i) else { continue };
        let count = if raw.is_empty() {
            catalog_count(c)
        } else {
            raw.parse::<u32>().ok().filter(|n| (1..=MAX_COUNT).contains(n)).unwrap_or_else(|| {
                bad.push(bad_count(i));
                catalog_count(c)
            })
        };
        given.push(ComponentReceived { name: c.name.clone(), count });
        lines.push(i);
    }
    (given, lines, bad)
}

/// Points every API error on `components[k]` (the k-th component given)
/// at the catalog line it came from.
fn to_catalog_line(e: ApiError, lines: &[usize]) -> ApiError {
    let each = e.into_each().into_iter().map(|mut e| {
        if let Some(rest) = e.field.as_deref().and_then(|f| f.strip_prefix("components["))
            && let Some((k, tail)) = rest.split_once(']')
            && let Some(line) = k.parse::<usize>().ok().and_then(|k| lines.get(k))
        {
            e.field = Some(format!("components[{line}]{tail}"));
        }
        e
    });
    ApiError::many(each).unwrap_or_else(ApiError::internal)
}

/// `POST /office/intake/{code}`, where the form posts: a refused form's
/// address is then the procedure's own form, so that the language switch
/// (which goes back to the address with a GET) stays on it. The
/// procedure is the form's field, as on `POST /office/intake`.
pub async fn submit_at(
    state: State<AppState>,
    a: Authed,
    Path(_code): Path<String>,
    form: CsrfForm<Vec<(String, String)>>,
) -> ApiResult<Response> {
    submit(state, a, form).await
}

/// `POST /office/intake`: receives the dossier at the officer's counter.
pub async fn submit(
    State(state): State<AppState>,
    a: Authed,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> ApiResult<Response> {
    counter_unit(&a)?;
    let code = pairs.iter().find(|(k, _)| k == "procedure").map(|(_, v)| v.trim().to_owned()).unwrap_or_default();
    let version = match state.store.current_version(code).await {
        Ok(v) => v,
        Err(e) => {
            let e = ApiError::from(e);
            if e.code != "procedure_not_found" {
                return Err(e);
            }
            let unit_name = unit_name(&state, &a).await?;
            let error = Some(FormError::new(&a.page, &e));
            let mut res = picker(&state, a.page, unit_name, String::new(), error).await?;
            *res.status_mut() = e.status;
            return Ok(res);
        }
    };
    let (typed, _, idem) = read_form(&pairs, version.data.components.len());
    let (components, lines, bad_counts) = components_given(&version, &typed);
    let req = CreateDossier {
        procedure_code: version.data.code.clone(),
        receiving_unit_code: None,
        applicant: ApplicantInput {
            name: typed.name.clone(),
            id_number: Some(typed.id_number.clone()),
            phone: Some(typed.phone.clone()),
            email: Some(typed.email.clone()),
            address: Some(typed.address.clone()),
            organization: typed.organization,
        },
        components,
        channel: Some(if typed.postal { Channel::Postal } else { Channel::Counter }),
        // The counter receives the paper form; the e-form is for online submission.
        eform: None,
        // Reuse at the counter goes through the API (`kept-documents/search`).
        reuse: Vec::new(),
    };
    let attempt = async {
        if !bad_counts.is_empty() {
            // Nothing is received with a wrong count; the other checks
            // still run, so that every problem is shown at once.
            let others = check_dossier(&state, &req).await.err().map(|e| to_catalog_line(e, &lines));
            return Err(ApiError::many(others.into_iter().chain(bad_counts)).unwrap_or_else(ApiError::internal));
        }
        create_dossier(&state, &a.me, req, Some(idem.clone())).await.map_err(|e| to_catalog_line(e, &lines))
    };
    match attempt.await {
        Ok((d, _, _)) => {
            let r = d.code.clone().unwrap_or_else(|| d.id.to_string());
            Ok(redirect_done(&format!("/office/dossiers/{r}?slip=receipt"), "intake-received"))
        }
        Err(e) if is_form_error(&e) => {
            let unit_name = unit_name(&state, &a).await?;
            // A key already used for another dossier (the form was sent
            // again after changes): the next attempt gets a fresh one.
            let idem = if e.code == "idempotency_key_reused" || idem.is_empty() { new_token()? } else { idem };
            let error = FormError::new(&a.page, &e);
            let chosen = chosen(&a.page, &version, &typed, idem, Some(&error));
            let mut res = render(&IntakePage {
                page: a.page,
                unit_name,
                q: String::new(),
                options: Vec::new(),
                more_options: false,
                chosen: Some(chosen),
                error: Some(error),
            })?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_point_at_their_inputs() {
        assert_eq!(anchor_for("applicant.phone"), "applicant-phone");
        assert_eq!(anchor_for("applicant.id_number"), "applicant-id-number");
        assert_eq!(anchor_for("components[3].count"), "count-3");
        assert_eq!(anchor_for("components"), "components");
    }

    #[test]
    fn component_errors_move_to_their_catalog_line() {
        let e = ApiError::unprocessable("invalid_count", "components[1].count");
        assert_eq!(to_catalog_line(e, &[0, 4]).field.as_deref(), Some("components[4].count"));
        let e = ApiError::unprocessable("components_incomplete", "components");
        assert_eq!(to_catalog_line(e, &[0]).field.as_deref(), Some("components"));
        // Every problem moves, not only the first.
        let both = ApiError::many([
            ApiError::unprocessable("invalid_name", "applicant.name"),
            ApiError::unprocessable("invalid_count", "components[0].count"),
        ])
        .unwrap();
        let fields: Vec<_> = to_catalog_line(both, &[2]).each().map(|e| e.field.clone().unwrap()).collect();
        assert_eq!(fields, ["applicant.name", "components[2].count"]);
    }
}
