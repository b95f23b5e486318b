//! Electronic forms (tờ khai điện tử): anyone reads a procedure's e-form;
//! the administrator who may edit the procedure defines and removes it;
//! a citizen's online submission carries its values, which are checked
//! ([`motcua_rules::eform::check_values`]), rendered to PDF
//! ([`motcua_pdf::EformDocument`]) and kept with the dossier.
//!
//! The values are personal data: they are never logged, and the errors
//! about them name the field (`eform.<key>`) and its label, never the value.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use motcua_pdf::{EformDocument, EformLine};
use motcua_rules::eform::{self, EformDefinition, FieldKind};
use motcua_store::model::{AttachmentKind, NewAttachment, ProcedureVersion, Unit};
use motcua_store::{DossierEform, ProcedureEform};

use crate::admin_scope::AdminScope;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::routes::dossiers::{parse_ref, visible};
use crate::state::AppState;

/// The JSON of an e-form's definition (documentation only: the body is read
/// as `motcua_rules::eform::EformDefinition`).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct EformSchema {
    /// The title printed on the form, in Vietnamese.
    #[schema(example = "Tờ khai đăng ký khai sinh")]
    pub title_vi: String,
    pub title_en: Option<String>,
    /// The name of the dossier component the form fills, as in the procedure.
    pub component: String,
    /// The fields, in the order they are shown and printed.
    pub fields: Vec<EformFieldSchema>,
}

/// One field of an e-form.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct EformFieldSchema {
    /// Lower-case ASCII letters, digits and `_`, a letter first; the values use it.
    #[schema(example = "child_name")]
    pub key: String,
    pub label_vi: String,
    pub label_en: Option<String>,
    /// `text`, `long_text`, `date`, `number`, `choice` or `yes_no`.
    #[schema(example = "text")]
    pub kind: String,
    pub required: bool,
    /// Text fields: the most characters (default 200, long text 2000; at most 5000).
    pub max_length: Option<u32>,
    /// Choice fields: at least two options, as printed; left out for the
    /// other kinds.
    #[schema(required = false)]
    pub options: Vec<String>,
}

fn not_found() -> ApiError {
    ApiError::coded(StatusCode::NOT_FOUND, "eform_not_found", None)
}

fn problems(errors: Vec<motcua_rules::RuleError>) -> ApiError {
    ApiError::many(errors.into_iter().map(ApiError::from)).unwrap_or_else(ApiError::internal)
}

/// A procedure's e-form: its title, the component it fills and its fields.
#[utoipa::path(get, path = "/api/v1/procedures/{code}/eform", tag = "procedures",
    params(("code" = String, Path)),
    responses((status = 200, body = EformSchema), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(State(state): State<AppState>, Path(code): Path<String>) -> ApiResult<Json<ProcedureEform>> {
    Ok(Json(state.store.procedure_eform(code).await?.ok_or_else(not_found)?))
}

/// Defines or replaces a procedure's e-form (its administrator). Every
/// problem of the definition is reported at once, each on its input
/// (`fields[2].options`).
#[utoipa::path(put, path = "/api/v1/procedures/{code}/eform", tag = "procedures",
    params(("code" = String, Path)), request_body = EformSchema,
    responses((status = 200, body = EformSchema), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    admin: AdminScope,
    Path(code): Path<String>,
    ApiJson(def): ApiJson<EformDefinition>,
) -> ApiResult<Json<ProcedureEform>> {
    Ok(Json(save_eform(&state, &admin, code, def).await?))
}

/// Removes a procedure's e-form (its administrator); dossiers filled with
/// it keep their values and PDF.
#[utoipa::path(delete, path = "/api/v1/procedures/{code}/eform", tag = "procedures",
    params(("code" = String, Path)),
    responses((status = 204, description = "Removed"), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    admin: AdminScope,
    Path(code): Path<String>,
) -> ApiResult<StatusCode> {
    let scope = Some(admin.unit().clone());
    state.store.remove_procedure_eform(scope, code, Some(admin.user_id()), state.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What the citizen filled in with a dossier (those who may see the dossier).
#[utoipa::path(get, path = "/api/v1/dossiers/{ref}/eform", tag = "dossiers",
    params(("ref" = String, Path)),
    responses((status = 200, body = DossierEform), (status = 404, body = crate::error::ErrorBody)))]
pub async fn dossier(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
) -> ApiResult<Json<DossierEform>> {
    let (d, _) = visible(&state, &me, parse_ref(&r)).await?;
    Ok(Json(state.store.dossier_eform(d.id).await?.ok_or_else(not_found)?))
}

/// Checks a definition against the procedure's components (every problem
/// at once) and stores it, in the administrator's scope (the API and the page).
pub async fn save_eform(
    state: &AppState,
    admin: &AdminScope,
    code: String,
    def: EformDefinition,
) -> ApiResult<ProcedureEform> {
    let procedure =
        state.store.procedure(code.clone()).await?.ok_or_else(|| {
            ApiError::from(motcua_rules::RuleError::not_found("procedure_not_found").arg("code", &code))
        })?;
    let names: Vec<String> = procedure.data.components.iter().map(|c| c.name.clone()).collect();
    let def = eform::check_definition(&def, &names).map_err(problems)?;
    let scope = Some(admin.unit().clone());
    Ok(state.store.save_procedure_eform(scope, code, def, Some(admin.user_id()), state.now()).await?)
}

/// The e-form a citizen fills for `version` now: the procedure's e-form
/// when its component is one of this version's.
pub async fn offered(state: &AppState, version: &ProcedureVersion) -> ApiResult<Option<EformDefinition>> {
    let Some(e) = state.store.procedure_eform(version.data.code.clone()).await? else { return Ok(None) };
    Ok(version.data.components.iter().any(|c| c.name == e.definition.component).then_some(e.definition))
}

/// An e-form filled in: its values checked, and the PDF rendered.
pub struct Filled {
    pub pdf: NewAttachment,
    pub kept: DossierEform,
}

/// Checks `values` against `def`: the problems, each on `eform.<key>`.
pub fn check(def: &EformDefinition, values: &BTreeMap<String, String>) -> Result<Vec<eform::FilledField>, ApiError> {
    eform::check_values(def, values).map_err(problems)
}

/// Renders checked values to the tờ khai's PDF, the dossier's submission
/// file for the form's component, addressed to the receiving unit.
pub async fn render(
    state: &AppState,
    def: &EformDefinition,
    fields: Vec<eform::FilledField>,
    version: &ProcedureVersion,
    receiving: &Unit,
    applicant_name: &str,
) -> ApiResult<Filled> {
    let doc = EformDocument {
        title: def.title_vi.clone(),
        recipient: receiving.name.clone(),
        procedure: format!("{} ({})", version.data.name, version.data.code),
        lines: fields
            .iter()
            .map(|f| EformLine {
                label: f.label_vi.clone(),
                value: f.printed_vi(),
                long: f.kind == FieldKind::LongText,
            })
            .collect(),
        place: crate::web::slips::place_name(&receiving.name),
        filled_at: state.now(),
        applicant: applicant_name.to_owned(),
    };
    let name = doc.file_name();
    let data =
        tokio::task::spawn_blocking(move || doc.render()).await.map_err(|_| ApiError::internal())?.map_err(|e| {
            // PdfError never carries the form's data.
            tracing::error!(error = %e, "e-form render failed");
            ApiError::internal()
        })?;
    Ok(Filled {
        pdf: NewAttachment {
            kind: AttachmentKind::Submission,
            component: Some(def.component.clone()),
            name,
            content_type: "application/pdf".to_owned(),
            data,
        },
        kept: DossierEform {
            component: def.component.clone(),
            title_vi: def.title_vi.clone(),
            title_en: def.title_en.clone(),
            fields,
        },
    })
}
