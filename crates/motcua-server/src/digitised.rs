//! Digitised components (số hóa) and the applicant's kept documents, as
//! the API and the pages share them: the counter digitises a component's
//! scan (the unit's agency signature makes it an electronic copy of the
//! original), the copy is kept for the applicant by identity number, and a
//! later dossier reuses it instead of a new upload.
//!
//! The rules are `motcua_rules::dossier::digitised`, checked in the store's
//! transaction; the signing runs before it, off the async threads. The
//! reasons are in docs/lifecycle.md, "Digitised components and reuse".

use chrono::Utc;
use motcua_rules::Role;
use motcua_rules::dossier::digitised as rules;
use motcua_store::model::{AttachmentKind, Dossier, NewAttachment};
use motcua_store::{Digitise, KeptDocument, Reuse};
use serde::{Deserialize, Serialize};

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::time::to_api;

/// A kept document as the API shows it: no personal data (the holder's
/// identity number is what the caller already has, never echoed).
#[derive(Serialize, utoipa::ToSchema)]
pub struct KeptDocumentDto {
    pub id: i64,
    /// `digitised` (a component signed as an electronic copy) or `result`.
    pub kind: &'static str,
    /// The component's name, or the result's title.
    pub name: String,
    /// The dossier it came from.
    pub dossier_code: Option<String>,
    pub file_name: String,
    pub size: i64,
    pub sha256: String,
    /// The unit whose agency signed it.
    pub unit_name: String,
    #[serde(with = "crate::time::rfc3339")]
    #[schema(value_type = String)]
    pub created_at: chrono::NaiveDateTime,
    /// The dossier's file that was digitised, for a digitised copy.
    pub source_file_id: Option<i64>,
    /// The signed copy itself, a file of that dossier.
    pub file_id: i64,
}

impl From<KeptDocument> for KeptDocumentDto {
    fn from(k: KeptDocument) -> Self {
        KeptDocumentDto {
            id: k.id,
            kind: k.kind.as_str(),
            name: k.name,
            dossier_code: k.dossier_code,
            file_name: k.file_name,
            size: k.size,
            sha256: k.sha256,
            unit_name: k.unit_name,
            created_at: k.created_at,
            source_file_id: k.source_attachment_id,
            file_id: k.attachment_id,
        }
    }
}

/// A component of a new dossier filled by a kept document.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct ReuseInput {
    /// The procedure's component, by name as in the catalogue.
    pub component: String,
    /// One of the applicant's kept documents (`GET /api/v1/me/kept-documents`,
    /// or at the counter `POST /api/v1/kept-documents/search`).
    pub kept_document_id: i64,
}

/// The reuses of a request, for the store.
pub fn reuses(input: &[ReuseInput]) -> Vec<Reuse> {
    input
        .iter()
        .map(|r| Reuse { component: r.component.trim().to_owned(), kept_document_id: r.kept_document_id })
        .collect()
}

/// Digitises the dossier's file `file_id`: the agency of `me`'s unit signs
/// the scan as an electronic copy of the original; the copy becomes the
/// dossier's digitised file and the applicant's kept document.
pub async fn digitise(state: &AppState, me: &CurrentUser, d: &Dossier, file_id: i64) -> ApiResult<KeptDocument> {
    let actor = me.actor();
    // The rules first, so nothing is signed for a refusal; the store asks
    // them again in its transaction.
    rules::check_digitise(&d.state, &actor, d.applicant.id_number.as_deref())?;
    let (meta, data) = state
        .store
        .attachment(d.id, file_id)
        .await?
        .filter(|(m, _)| matches!(m.kind, AttachmentKind::Submission | AttachmentKind::Supplement))
        .ok_or_else(|| ApiError::from(motcua_rules::RuleError::not_found("file_not_found").at("file")))?;
    if !data.starts_with(b"%PDF-") {
        return Err(ApiError::unprocessable("digitise_not_pdf", "file"));
    }
    let unit_id = me.user.unit_id.ok_or_else(ApiError::forbidden)?;
    let unit = state.store.unit(unit_id).await?.ok_or_else(ApiError::internal)?;
    let now = to_api(state.now()).with_timezone(&Utc);
    let signed = state.signing().copy_sign(&unit.code, data, now).await?;
    let stem = meta.name.strip_suffix(".pdf").unwrap_or(&meta.name).to_owned();
    let copy = NewAttachment {
        kind: AttachmentKind::Digitised,
        component: meta.component.clone(),
        name: format!("{stem} (ban so hoa).pdf"),
        content_type: "application/pdf".into(),
        data: signed,
    };
    let (_, kept_id) = state
        .store
        .digitise(
            Digitise { dossier_id: d.id, source_id: file_id, copy, unit_id, by: me.user.id },
            state.now(),
            move |d| rules::check_digitise(&d.state, &actor, d.applicant.id_number.as_deref()),
        )
        .await?;
    tracing::info!(
        dossier.id = d.id,
        file.id = file_id,
        kept.id = kept_id,
        user.id = me.user.id,
        "component digitised"
    );
    let kept = state.store.kept_documents_of_dossier(d.id).await?;
    kept.into_iter().find(|k| k.id == kept_id).ok_or_else(ApiError::internal)
}

/// The counter's scan of a component handed in on paper: kept as the
/// dossier's file for `component`, then digitised. The two are separate
/// transactions on purpose: a scan kept whose signature was then refused
/// (no agency key, say) is still the dossier's file, and can be digitised
/// again once the cause is fixed.
pub async fn scan(
    state: &AppState,
    me: &CurrentUser,
    d: &Dossier,
    component: &str,
    data: Vec<u8>,
) -> ApiResult<KeptDocument> {
    let actor = me.actor();
    rules::check_digitise(&d.state, &actor, d.applicant.id_number.as_deref())?;
    let component = component.trim();
    let version = state.store.procedure_version(d.procedure_version_id).await?;
    if !version.data.components.iter().any(|c| c.name == component) {
        return Err(ApiError::unprocessable("reuse_component_unknown", "component").arg("component", component));
    }
    let limits = motcua_sign::Limits { max_pdf_bytes: crate::signatures::MAX_PDF };
    motcua_sign::page_count(&data, limits).map_err(|mut e| {
        e.field = "file";
        crate::signatures::refused(e)
    })?;
    let file = NewAttachment {
        kind: AttachmentKind::Submission,
        component: Some(component.to_owned()),
        name: format!("{} (ban quet).pdf", crate::results::safe_name(component)),
        content_type: "application/pdf".into(),
        data,
    };
    let written = state.store.add_attachments(d.id, vec![file], Some(me.user.id), state.now()).await?;
    let id = written.first().map(|m| m.id).ok_or_else(ApiError::internal)?;
    digitise(state, me, d, id).await
}

/// The kept documents `me` may reuse: a citizen's own.
pub async fn mine(state: &AppState, me: &CurrentUser) -> ApiResult<Vec<KeptDocument>> {
    me.require(&[Role::Citizen])?;
    Ok(state.store.kept_documents_of_owner(me.user.id).await?)
}

/// The kept documents of an identity number, for a counter officer with the
/// person's card in front of them. A view of personal data: recorded
/// against each dossier the documents came from.
pub async fn of_holder(state: &AppState, me: &CurrentUser, id_number: &str) -> ApiResult<Vec<KeptDocument>> {
    me.require(&[Role::CounterOfficer])?;
    let id_number = motcua_rules::validate::text(id_number, "id_number", 20)?;
    if id_number.is_empty() {
        return Err(ApiError::unprocessable("holder_id_missing", "id_number"));
    }
    let docs = state.store.kept_documents_of_holder(id_number).await?;
    let mut dossiers: Vec<i64> = docs.iter().map(|k| k.dossier_id).collect();
    dossiers.sort_unstable();
    dossiers.dedup();
    let path = me.user.unit_path.clone().unwrap_or_default();
    let via = motcua_store::ViewedVia::Api;
    state.store.record_data_views(me.user.id, path, dossiers, via, state.now()).await?;
    Ok(docs)
}
