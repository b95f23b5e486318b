//! Dossiers: online submission and counter intake, reading, actions, and
//! the officer inbox.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::NaiveDate;
use motcua_rules::dossier::assignment::{ASSIGNEE_FIELD, TO_STEP_FIELD};
use motcua_rules::dossier::{self, Action, ActionKind, Assignee, Context, Status};
use motcua_rules::scope::UnitRef;
use motcua_rules::validate::{self, CitizenId, Email, PersonName, PhoneNumber};
use motcua_rules::{Problems, Role, RuleError};
use motcua_store::model::{
    Applicant, Channel, ComponentReceived, Dossier, DossierEvent, EventInput, NewAttachment, ProcedureVersion,
    PublicationStatus,
};
use motcua_store::{DossierRef, Idempotency, NewDossier};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::auth::CurrentUser;
use crate::dto::DossierView;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::routes::eforms;
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApplicantInput {
    pub name: String,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    #[serde(default)]
    pub organization: bool,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CreateDossier {
    #[schema(example = "1.004194")]
    pub procedure_code: String,
    /// The unit whose counter receives it. Citizens choose (default: the
    /// procedure's agency); counter officers receive at their own unit.
    pub receiving_unit_code: Option<String>,
    pub applicant: ApplicantInput,
    /// The components handed in, by name as in the catalog.
    #[serde(default)]
    pub components: Vec<ComponentReceived>,
    /// Counter intake only: `counter` (default) or `postal`.
    #[schema(value_type = Option<String>)]
    pub channel: Option<Channel>,
    /// The values of the procedure's e-form (tờ khai điện tử,
    /// `GET /api/v1/procedures/{code}/eform`), by field key, each as text:
    /// dates `dd/mm/yyyy` or `yyyy-mm-dd`, yes/no `yes` or `no`, a choice
    /// one of its options. Checked all at once (`eform_required` …, on
    /// `eform.<key>`); the filled form is rendered to PDF and becomes the
    /// dossier's submission file for the form's component, which is then
    /// handed in.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub eform: Option<std::collections::BTreeMap<String, String>>,
    /// Components filled by the applicant's kept documents (số hóa, tái sử
    /// dụng) instead of an upload; each component is then handed in.
    #[serde(default)]
    pub reuse: Vec<crate::digitised::ReuseInput>,
}

/// Longest address accepted; Vietnamese addresses run to about 200 characters.
const MAX_ADDRESS: usize = 500;

/// Reads the applicant, noting every bad field in `p` (not only the
/// first), so that a form can mark them all at once.
fn parse_applicant(a: &ApplicantInput, p: &mut Problems) -> Option<Applicant> {
    let given = |s: &Option<String>| s.as_deref().filter(|s| !s.trim().is_empty()).map(str::to_owned);
    let name = p.check(PersonName::parse(&a.name, "applicant.name"));
    let id = given(&a.id_number).map(|v| p.check(CitizenId::parse(&v, "applicant.id_number")));
    let phone = given(&a.phone).map(|v| p.check(PhoneNumber::parse(&v, "applicant.phone")));
    let email = given(&a.email).map(|v| p.check(Email::parse(&v, "applicant.email")));
    let address = a.address.as_deref().map(|s| p.check(validate::text(s, "applicant.address", MAX_ADDRESS)));
    // The public status page checks the last 4 digits of one of these.
    if phone.is_none() && id.is_none() {
        p.add(RuleError::invalid("phone_or_id_required", "applicant.phone"));
    }
    // Any `None` inside means a problem was noted above.
    let inner = |v: Option<Option<String>>| v.map_or(Some(None), |v| v.map(Some));
    Some(Applicant {
        name: name?.as_str().to_owned(),
        id_number: inner(id.map(|v| v.map(|v| v.as_str().to_owned())))?,
        phone: inner(phone.map(|v| v.map(|v| v.as_str().to_owned())))?,
        email: inner(email.map(|v| v.map(|v| v.as_str().to_owned())))?,
        address: inner(address)?.filter(|s| !s.is_empty()),
        organization: a.organization,
    })
}

/// Every component named must be in the catalog, and every required one
/// present: an incomplete dossier is not received, it gets a supplement
/// request (docs/sources.md#supplement). Every problem is returned.
fn check_components(version: &ProcedureVersion, given: &[ComponentReceived]) -> Vec<ApiError> {
    let catalog = &version.data.components;
    let mut problems = Vec::new();
    if let Err(e) = crate::limits::distinct("components", given.iter().map(|c| c.name.as_str())) {
        problems.push(e);
    }
    for (i, c) in given.iter().enumerate() {
        if !catalog.iter().any(|k| k.name == c.name) {
            problems.push(
                ApiError::unprocessable("unknown_component", &format!("components[{i}].name")).arg("name", &c.name),
            );
        }
        if c.count == 0 {
            problems.push(ApiError::unprocessable("invalid_count", &format!("components[{i}].count")));
        }
    }
    // Every missing component in one problem: one thing to fix, the list.
    let missing: Vec<String> = catalog
        .iter()
        .filter(|k| k.required && !given.iter().any(|c| c.name == k.name))
        .map(|k| format!("\"{}\"", k.name))
        .collect();
    if !missing.is_empty() {
        problems.push(
            ApiError::unprocessable("components_incomplete", "components")
                .arg("name", missing.join(", "))
                .arg("count", missing.len()),
        );
    }
    problems
}

/// The checks of a new dossier that need no writing: the applicant, the
/// procedure (known and in force) and the components, every problem of
/// the input reported at once. The pages call it to add their own
/// problems (a count typed wrong) to the same list.
pub async fn check_dossier(state: &AppState, req: &CreateDossier) -> ApiResult<(Applicant, Arc<ProcedureVersion>)> {
    let mut p = Problems::new();
    let applicant = parse_applicant(&req.applicant, &mut p);
    let mut problems: Vec<ApiError> = p.into_vec().into_iter().map(ApiError::from).collect();
    let code = req.procedure_code.trim().to_owned();
    let version = match state.store.current_version(code.clone()).await {
        Ok(v) => v,
        Err(e) => {
            let e = match ApiError::from(e) {
                e if e.code == "procedure_not_found" => {
                    ApiError::unprocessable("unknown_procedure", "procedure_code").arg("code", &code)
                }
                e => return Err(e),
            };
            problems.push(e);
            return Err(ApiError::many(problems).unwrap_or_else(ApiError::internal));
        }
    };
    check_in_force(&version, state.now().date())?;
    problems.extend(check_components(&version, &req.components));
    match (applicant, ApiError::many(problems)) {
        (Some(applicant), None) => Ok((applicant, version)),
        (_, Some(e)) => Err(e),
        (None, None) => Err(ApiError::internal()),
    }
}

/// The procedure must be in force on `today`.
fn check_in_force(version: &ProcedureVersion, today: NaiveDate) -> Result<(), ApiError> {
    let p = &version.data.publication;
    let in_force = p.status != PublicationStatus::Abolished
        && p.effective_from.is_none_or(|d| d <= today)
        && p.effective_to.is_none_or(|d| today <= d);
    if in_force {
        Ok(())
    } else {
        Err(ApiError::coded(StatusCode::CONFLICT, "procedure_not_in_force", Some("procedure_code")))
    }
}

fn request_hash(body: &CreateDossierFingerprint<'_>) -> String {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    hex::encode(Sha256::digest(bytes))
}

/// The parts of a submission that make it "the same request".
#[derive(serde::Serialize)]
struct CreateDossierFingerprint<'a> {
    procedure: &'a str,
    unit: Option<&'a str>,
    applicant: &'a Applicant,
    components: &'a [ComponentReceived],
    /// SHA-256 of each file, in order; left out when there are none, so a
    /// request without files hashes as it always did.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    files: Vec<String>,
    /// The e-form's values (its PDF is not hashed: it carries the time).
    #[serde(skip_serializing_if = "Option::is_none")]
    eform: Option<&'a std::collections::BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    reuse: &'a [crate::digitised::ReuseInput],
}

/// Submit a dossier online (citizens) or receive one at the counter
/// (counter officers). Citizens may send `Idempotency-Key` so a retried
/// request never makes two dossiers.
#[utoipa::path(post, path = "/api/v1/dossiers", tag = "dossiers", request_body = CreateDossier,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = DossierView), (status = 200, description = "An earlier request with the same Idempotency-Key made it", body = DossierView),
              (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    ApiJson(req): ApiJson<CreateDossier>,
) -> ApiResult<(StatusCode, Json<DossierView>)> {
    let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(key)) => Some(key.to_owned()),
        Some(Err(_)) => Some(String::new()),
    };
    let (d, version, created) = create_dossier(&state, &me, req, key).await?;
    let view = view_for(&state, &me, d, &version).await?;
    Ok((if created { StatusCode::CREATED } else { StatusCode::OK }, Json(view)))
}

/// Online submission or counter intake, shared by the API and the pages.
/// Returns the dossier, its procedure version, and whether it was made now
/// (false when an earlier request with the same idempotency key made it).
pub async fn create_dossier(
    state: &AppState,
    me: &CurrentUser,
    req: CreateDossier,
    idempotency_key: Option<String>,
) -> ApiResult<(Dossier, Arc<ProcedureVersion>, bool)> {
    create_dossier_with_files(state, me, req, idempotency_key, Vec::new()).await
}

/// [`create_dossier`] with the dossier's files, written in the same
/// transaction (the portal's online submission). Size and type limits are
/// the caller's. With an idempotency key, the files' hashes are part of
/// what makes a request "the same"; an idempotent replay writes no files.
pub async fn create_dossier_with_files(
    state: &AppState,
    me: &CurrentUser,
    req: CreateDossier,
    idempotency_key: Option<String>,
    files: Vec<NewAttachment>,
) -> ApiResult<(Dossier, Arc<ProcedureVersion>, bool)> {
    me.require(&[Role::Citizen, Role::CounterOfficer])?;
    let mut req = req;
    for r in &req.reuse {
        if !req.components.iter().any(|c| c.name == r.component.trim()) {
            req.components.push(ComponentReceived { name: r.component.trim().to_owned(), count: 1 });
        }
    }
    // The e-form: checked with the rest, so that every problem is told at once.
    let eform = match &req.eform {
        None => None,
        Some(values) => Some(eform_values(state, &mut req.components, &req.procedure_code, values).await),
    };
    let ((applicant, version), eform) = match (check_dossier(state, &req).await, eform) {
        (Ok(_), Some(Err(e))) => return Err(e),
        (Err(e), Some(Err(f))) => return Err(ApiError::many([e, f]).unwrap_or_else(ApiError::internal)),
        (Err(e), _) => return Err(e),
        (Ok(v), Some(Ok(filled))) => (v, Some(filled)),
        (Ok(v), None) => (v, None),
    };
    let eform = match eform {
        // The form's component must be one of the version's (a procedure
        // edited since the form was defined may have renamed it).
        Some((def, _)) if !version.data.components.iter().any(|c| c.name == def.component) => {
            return Err(eform_not_offered());
        }
        other => other,
    };
    let now = state.now();
    let calendar = state.calendar();
    let actor = me.actor();
    let (receiving_unit, channel, dossier_state, action) = if me.role() == Role::Citizen {
        if !version.data.online_level.accepts_online() {
            return Err(ApiError::coded(StatusCode::CONFLICT, "procedure_not_online", Some("procedure_code")));
        }
        let unit = match &req.receiving_unit_code {
            Some(code) => state.store.unit_by_code(code.trim().to_uppercase()).await?.ok_or_else(|| {
                ApiError::unprocessable("unknown_unit", "receiving_unit_code").arg("case", "code").arg("code", code)
            })?,
            None => state.store.unit(version.agency_unit_id).await?.ok_or_else(ApiError::internal)?,
        };
        let s = dossier::submit_online(unit.as_ref(), &actor)?;
        (unit, Channel::Online, s, ActionKind::SubmitOnline)
    } else {
        let unit_id = me.user.unit_id.ok_or_else(ApiError::forbidden)?;
        let unit = state.store.unit(unit_id).await?.ok_or_else(ApiError::internal)?;
        let channel = match req.channel {
            None | Some(Channel::Counter) => Channel::Counter,
            Some(Channel::Postal) => Channel::Postal,
            Some(Channel::Online) => {
                return Err(ApiError::unprocessable("invalid_channel", "channel").arg("case", "counter"));
            }
        };
        // The route is resolved by the store, with the dossier.
        let ctx = Context { calendar: &calendar, limit: version.data.time_limit, workflow: &[], now };
        let s = dossier::receive_at_counter(unit.as_ref(), &actor, &ctx)?;
        (unit, channel, s, ActionKind::ReceiveAtCounter)
    };
    let idempotency = match idempotency_key {
        None => None,
        Some(key) if !key.is_empty() && key.len() <= 128 => Some(Idempotency {
            user_id: me.user.id,
            key,
            request_hash: request_hash(&CreateDossierFingerprint {
                procedure: &version.data.code,
                unit: req.receiving_unit_code.as_deref(),
                applicant: &applicant,
                components: &req.components,
                files: files.iter().map(|f| hex::encode(Sha256::digest(&f.data))).collect(),
                eform: req.eform.as_ref(),
                reuse: &req.reuse,
            }),
        }),
        Some(_) => {
            return Err(ApiError::unprocessable("invalid_idempotency_key", "Idempotency-Key"));
        }
    };
    let mut files = files;
    let filled = match eform {
        Some((def, fields)) => {
            let f = eforms::render(state, &def, fields, &version, &receiving_unit, &applicant.name).await?;
            files.push(f.pdf);
            Some(f.kept)
        }
        None => None,
    };
    let new = NewDossier {
        version: version.clone(),
        receiving_unit,
        channel,
        applicant,
        components: req.components,
        state: dossier_state,
        event: EventInput::by(action.as_str(), &actor, None),
        idempotency,
        now,
    };
    let reuses = crate::digitised::reuses(&req.reuse);
    let from_owner = me.role() == Role::Citizen;
    let (d, created) = match filled {
        _ if !reuses.is_empty() => state.store.create_dossier_reusing(new, files, filled, reuses, from_owner).await?,
        Some(kept) => state.store.create_dossier_with_eform(new, files, kept).await?,
        None => state.store.create_dossier_with_files(new, files).await?,
    };
    tracing::info!(dossier.id = d.id, dossier.action = action.as_str(), user.id = me.user.id, "dossier created");
    Ok((d, version, created))
}

fn eform_not_offered() -> ApiError {
    ApiError::unprocessable("eform_not_offered", "eform")
}

/// The procedure's e-form and the values checked against it; the form's
/// component is added to those handed in. The values are never logged.
async fn eform_values(
    state: &AppState,
    components: &mut Vec<ComponentReceived>,
    code: &str,
    values: &std::collections::BTreeMap<String, String>,
) -> ApiResult<(motcua_rules::eform::EformDefinition, Vec<motcua_rules::eform::FilledField>)> {
    let def = match state.store.procedure_eform(code.trim().to_owned()).await {
        Ok(Some(e)) => e.definition,
        // An unknown procedure is told by `check_dossier`.
        Ok(None) | Err(motcua_store::StoreError::Rule(_)) => return Err(eform_not_offered()),
        Err(e) => return Err(e.into()),
    };
    if !components.iter().any(|c| c.name == def.component) {
        components.push(ComponentReceived { name: def.component.clone(), count: 1 });
    }
    let fields = eforms::check(&def, values)?;
    Ok((def, fields))
}

/// A dossier reference from the path: a code (`H44.100-250607-0012`) or an
/// internal id (before reception an online submission has no code yet).
pub fn parse_ref(raw: &str) -> DossierRef {
    match raw.parse::<i64>() {
        Ok(id) => DossierRef::Id(id),
        Err(_) => DossierRef::Code(motcua_rules::codes::normalize_dossier_code(raw)),
    }
}

/// Loads a dossier the caller may see; 404 otherwise, so that a code's
/// existence is not revealed to someone outside its units.
pub(crate) async fn visible(
    state: &AppState,
    me: &CurrentUser,
    r: DossierRef,
) -> ApiResult<(Dossier, Arc<ProcedureVersion>)> {
    let d = state.store.dossier(r).await?.ok_or_else(not_found)?;
    let version = state.store.procedure_version(d.procedure_version_id).await?;
    if can_view(me, &d) { Ok((d, version)) } else { Err(not_found()) }
}

fn not_found() -> ApiError {
    ApiError::coded(StatusCode::NOT_FOUND, "dossier_not_found", None)
}

/// Staff see dossiers received by, waiting at, or passing through a unit of
/// their subtree; citizens see their own.
pub(crate) fn can_view(me: &CurrentUser, d: &Dossier) -> bool {
    let actor = me.actor();
    if me.role() == Role::Citizen {
        return d.state.owner_user_id == Some(me.user.id);
    }
    actor.has_scope_over(&d.state.receiving_unit)
        || actor.has_scope_over(&d.state.current_unit)
        || d.route.iter().any(|unit| actor.has_scope_over(unit))
}

pub(crate) async fn view_for(
    state: &AppState,
    me: &CurrentUser,
    d: Dossier,
    version: &ProcedureVersion,
) -> ApiResult<DossierView> {
    let (mut events, steps) = state.store.dossier_history(d.id).await?;
    if me.user.role == Role::Citizen {
        // The applicant reads only the notes written for them.
        events = events.into_iter().map(DossierEvent::for_applicant).collect();
    }
    let calendar = state.calendar();
    let now = state.now();
    let workflow = d.workflow(version);
    let ctx = Context { calendar: &calendar, limit: version.data.time_limit, workflow: &workflow, now };
    let allowed = dossier::allowed_actions(&d.state, &me.actor(), &ctx);
    Ok(DossierView::new(d, version, events, allowed, &calendar, now).with_steps(steps, version, now))
}

/// A dossier with its history and the actions the caller may take now.
#[utoipa::path(get, path = "/api/v1/dossiers/{ref}", tag = "dossiers",
    params(("ref" = String, Path, description = "Dossier code, or internal id before reception")),
    responses((status = 200, body = DossierView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
) -> ApiResult<Json<DossierView>> {
    let (d, version) = visible(&state, &me, parse_ref(&r)).await?;
    // The answer carries the applicant's data unmasked.
    super::data_views::record(&state, &me, &d, motcua_store::ViewedVia::Api).await?;
    Ok(Json(view_for(&state, &me, d, &version).await?))
}

#[derive(Deserialize, utoipa::ToSchema, Default)]
pub struct ActionRequest {
    /// `receive`, `refuse_to_receive`, `forward`, `request_supplement`,
    /// `supplement_received`, `request_payment`, `record_payment`,
    /// `reschedule`, `withdraw`, `stop`, `finish`, `return_result`,
    /// `assign`, `return_to_step`.
    pub action: String,
    /// The reason: required for a refusal, a supplement request, a stop,
    /// a reschedule and a return to an earlier step.
    pub note: Option<String>,
    /// Who reads the note: `internal` (staff only, the default) or
    /// `applicant` (also the citizen). A refusal, a supplement request, a
    /// stop and a reschedule always go to the applicant, a return and an
    /// assignment are always internal; asking otherwise is 422
    /// `note_audience_fixed`.
    #[serde(default)]
    pub note_for: Option<String>,
    /// The dossier version you read; a stale one gets 409 `stale_version`.
    pub version: i64,
    /// For `reschedule`: the new due date (a later working day).
    pub new_due_date: Option<NaiveDate>,
    /// For `assign`: the officer (user id) to assign the current step to:
    /// an active account of the step's unit whose role is the step's role
    /// or leader.
    #[serde(default)]
    pub assignee_id: Option<i64>,
    /// For `return_to_step`: the earlier step to send the dossier back to
    /// (0-based index in the workflow).
    #[serde(default)]
    pub to_step: Option<u32>,
    /// For `request_payment`: the stage whose fees are asked, `reception`
    /// (default), `supplement` or `result` (`HinhThucThu` 1, 2, 4); the
    /// amount is computed from the procedure's fees (docs/payments.md).
    #[serde(default)]
    pub fee_stage: Option<String>,
    /// For `request_payment`: the exemption category the applicant has
    /// (its code on the procedure's fees); none by default.
    #[serde(default)]
    pub exemption: Option<String>,
    /// For `record_payment`: `cash` (default) or `transfer`.
    #[serde(default)]
    pub payment_method: Option<String>,
}

/// The longest note accepted: a written reason, not a document.
pub(crate) const MAX_NOTE: usize = 2000;

fn required(field: &str) -> ApiError {
    ApiError::unprocessable("required", field).arg("case", "field").arg("field", field)
}

/// The officer an `assign` names, as the rules need them.
async fn assignee(state: &AppState, id: Option<i64>) -> ApiResult<Assignee> {
    let id = id.ok_or_else(|| required(ASSIGNEE_FIELD))?;
    let user =
        state.store.user(id).await?.ok_or_else(|| ApiError::unprocessable("assignee_not_found", ASSIGNEE_FIELD))?;
    let unit = match (user.unit_id, user.unit_path) {
        (Some(id), Some(path)) => Some(UnitRef { id, path }),
        _ => None,
    };
    Ok(Assignee { user_id: user.id, role: user.role, unit, active: user.active })
}

/// The action asked for, every field checked, with its kind; `None` for
/// `assign`, whose assignee is read from the store ([`assignee`]).
fn parse_action(req: &ActionRequest) -> Result<(ActionKind, Option<Action>), ApiError> {
    // A supplement comes with its files: `POST /dossiers/{ref}/supplement`.
    let kind = ActionKind::parse(&req.action).filter(|k| {
        !matches!(k, ActionKind::SubmitOnline | ActionKind::ReceiveAtCounter | ActionKind::SubmitSupplement)
    });
    let Some(kind) = kind else {
        return Err(ApiError::unprocessable("unknown_action", "action").arg("action", &req.action));
    };
    let action = match kind {
        ActionKind::Receive => Action::Receive,
        ActionKind::RefuseToReceive => Action::RefuseToReceive,
        ActionKind::Forward => Action::Forward,
        ActionKind::RequestSupplement => Action::RequestSupplement,
        ActionKind::SupplementReceived => Action::SupplementReceived,
        ActionKind::RequestPayment => Action::RequestPayment,
        ActionKind::RecordPayment => Action::RecordPayment,
        ActionKind::Reschedule => Action::Reschedule {
            new_due_date: req
                .new_due_date
                .ok_or_else(|| ApiError::unprocessable("required", "new_due_date").arg("case", "new-due-date"))?,
        },
        ActionKind::Withdraw => Action::Withdraw,
        ActionKind::Stop => Action::Stop,
        ActionKind::Finish => Action::Finish,
        ActionKind::ReturnResult => Action::ReturnResult,
        ActionKind::Assign => {
            return match req.assignee_id {
                Some(_) => Ok((kind, None)),
                None => Err(required(ASSIGNEE_FIELD)),
            };
        }
        ActionKind::ReturnToStep => {
            Action::ReturnToStep { to_step: req.to_step.ok_or_else(|| required(TO_STEP_FIELD))? }
        }
        ActionKind::SubmitOnline | ActionKind::ReceiveAtCounter | ActionKind::SubmitSupplement => {
            unreachable!("filtered above")
        }
    };
    Ok((kind, Some(action)))
}

/// Moves a dossier: one action, one transaction, one history line.
#[utoipa::path(post, path = "/api/v1/dossiers/{ref}/actions", tag = "dossiers", request_body = ActionRequest,
    params(("ref" = String, Path, description = "Dossier code or internal id")),
    responses((status = 200, body = DossierView), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn act(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
    ApiJson(req): ApiJson<ActionRequest>,
) -> ApiResult<Json<DossierView>> {
    let (updated, version) = act_on(&state, &me, &r, req).await?;
    Ok(Json(view_for(&state, &me, updated, &version).await?))
}

/// One action on a dossier the caller can see (the API and the pages).
pub async fn act_on(
    state: &AppState,
    me: &CurrentUser,
    r: &str,
    req: ActionRequest,
) -> ApiResult<(Dossier, Arc<ProcedureVersion>)> {
    let (kind, action) = parse_action(&req)?;
    let note = req.note.as_deref().map(|n| validate::text(n, "note", MAX_NOTE)).transpose()?.filter(|n| !n.is_empty());
    let audience = dossier::note_audience_by(kind, me.role(), dossier::parse_note_audience(req.note_for.as_deref())?)?;
    let (d, _) = visible(state, me, parse_ref(r)).await?;
    // The assignee is read before the action's transaction; the rules check
    // their unit, role and account inside it.
    let action = match action {
        Some(action) => action,
        None => Action::Assign { assignee: assignee(state, req.assignee_id).await? },
    };
    let calendar = state.calendar();
    let actor = me.actor();
    let now = state.now();
    let event = EventInput::by(kind.as_str(), &actor, note.clone()).to(audience);
    let decide = move |current: &Dossier, version: &ProcedureVersion| {
        let workflow = current.workflow(version);
        let ctx = Context { calendar: &calendar, limit: version.data.time_limit, workflow: &workflow, now };
        dossier::apply(&current.state, &actor, &action, note.as_deref(), &ctx)
    };
    let updated = match kind {
        ActionKind::Finish => {
            // An electronic result is issued with the finish, in its transaction.
            let issue = crate::results::issue_at_finish(state, &d).await?;
            state.store.act_issuing(DossierRef::Id(d.id), req.version, event, now, issue, decide).await?.0
        }
        // The payment request and the payment are written in the action's
        // transaction (docs/payments.md).
        ActionKind::RequestPayment => {
            let stage = crate::payments::parse_stage(req.fee_stage.as_deref())?;
            let exemption = req.exemption.clone().filter(|e| !e.trim().is_empty());
            let at = DossierRef::Id(d.id);
            state.store.request_payment(at, req.version, event, now, stage, exemption, Box::new(decide)).await?.0
        }
        ActionKind::RecordPayment => {
            let method = crate::payments::parse_method(req.payment_method.as_deref())?;
            let at = DossierRef::Id(d.id);
            state.store.record_payment(at, req.version, event, now, method, Box::new(decide)).await?.0
        }
        _ => state.store.act(DossierRef::Id(d.id), req.version, event, now, decide).await?,
    };
    tracing::info!(
        dossier.id = updated.id,
        dossier.action = req.action.as_str(),
        dossier.status = updated.state.status.code(),
        user.id = me.user.id,
        "dossier action"
    );
    let version = state.store.procedure_version(updated.procedure_version_id).await?;
    Ok((updated, version))
}

/// Statuses accepted by the inbox filter.
pub fn parse_status(raw: &str) -> Result<Status, ApiError> {
    Status::parse(raw)
        .or_else(|| raw.parse::<i16>().ok().and_then(Status::from_code))
        .ok_or_else(|| ApiError::unprocessable("invalid_status", "status").arg("status", raw))
}
