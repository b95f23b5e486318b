//! The files of a dossier on its office page, and the counter's
//! digitisation of a component's scan (số hóa): the unit's agency signs the
//! PDF as an electronic copy of the original, kept for the applicant
//! (`crate::digitised`). A refusal comes back on the dossier page, above
//! the files.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use motcua_rules::dossier::digitised as rules;
use motcua_store::model::{AttachmentKind, Dossier, ProcedureVersion};
use serde::Deserialize;

use super::dossier::build;
use super::staff_unit;
use crate::auth::CurrentUser;
use crate::error::ApiResult;
use crate::routes::dossiers::{parse_ref, visible};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::format;
use crate::web::page::{Authed, FormError, Page, is_form_error, redirect_done, render};

pub struct FileLine {
    pub href: String,
    pub name: String,
    pub kind: String,
    pub component: String,
    pub size: String,
    pub content_type: String,
    pub uploaded: String,
    /// "Digitised", "reuses a kept document": what became of the file.
    pub note: Option<String>,
    /// The form that digitises this scan, when the user may.
    pub digitise_href: Option<String>,
}

/// The files card of the dossier page.
pub struct FilesSection {
    pub lines: Vec<FileLine>,
    /// A refused digitisation or scan, shown above the files.
    pub error: Option<FormError>,
    /// The counter's scan form, when the user may digitise here.
    pub scan_action: Option<String>,
    /// The procedure's components, the scan form's choices.
    pub components: Vec<String>,
}

/// The dossier's files, oldest first, with what the user may do to them.
pub(super) async fn section(
    state: &AppState,
    p: &Page,
    me: &CurrentUser,
    d: &Dossier,
    version: &ProcedureVersion,
    act_ref: &str,
) -> ApiResult<FilesSection> {
    let files = state.store.attachments(d.id).await?;
    let kept = state.store.kept_documents_of_dossier(d.id).await?;
    let may_digitise = rules::check_digitise(&d.state, &me.actor(), d.applicant.id_number.as_deref()).is_ok()
        && state.signing().has_agency_key(&unit_code(state, me).await?);
    let lines = files
        .into_iter()
        .map(|f| {
            let digitised = kept.iter().any(|k| k.source_attachment_id == Some(f.id));
            let scan = matches!(f.kind, AttachmentKind::Submission | AttachmentKind::Supplement)
                && f.content_type.starts_with("application/pdf")
                && f.reuses.is_none();
            let note = if digitised {
                Some(p.t("office-file-digitised"))
            } else if f.reuses.is_some() {
                Some(p.t("office-file-reused"))
            } else if f.kind == AttachmentKind::Digitised {
                Some(p.t("office-file-digitised-copy"))
            } else {
                None
            };
            FileLine {
                href: format!("/office/dossiers/{act_ref}/files/{}", f.id),
                kind: p.t(match f.kind {
                    AttachmentKind::Submission => "office-file-submission",
                    AttachmentKind::Supplement => "office-file-supplement",
                    AttachmentKind::Result => "office-file-result",
                    AttachmentKind::Digitised => "office-file-digitised-kind",
                }),
                component: f.component.unwrap_or_default(),
                size: size_text(p, f.size),
                content_type: type_name(&f.content_type),
                uploaded: format::datetime(f.uploaded_at),
                name: f.name,
                note,
                digitise_href: (may_digitise && scan && !digitised)
                    .then(|| format!("/office/dossiers/{act_ref}/files/{}/digitise", f.id)),
            }
        })
        .collect();
    Ok(FilesSection {
        lines,
        error: None,
        scan_action: may_digitise.then(|| format!("/office/dossiers/{act_ref}/scans")),
        components: version.data.components.iter().map(|c| c.name.clone()).collect(),
    })
}

/// The code of the user's unit, whose agency key signs a digitised copy.
async fn unit_code(state: &AppState, me: &CurrentUser) -> ApiResult<String> {
    let Some(id) = me.user.unit_id else { return Ok(String::new()) };
    Ok(state.store.unit(id).await?.map(|u| u.code).unwrap_or_default())
}

#[derive(Deserialize, Default)]
pub struct Empty {}

/// `POST /office/dossiers/{ref}/files/{id}/digitise`.
pub async fn digitise(
    State(state): State<AppState>,
    a: Authed,
    Path((r, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<Empty>,
) -> ApiResult<Response> {
    staff_unit(&a)?;
    let (d, version) = visible(&state, &a.me, parse_ref(&r)).await?;
    let outcome = crate::digitised::digitise(&state, &a.me, &d, id).await;
    answer(&state, a, &r, d, &version, outcome.map(|_| ())).await
}

/// `POST /office/dossiers/{ref}/scans`: a paper component's scan (PDF),
/// kept and digitised.
pub async fn scan(
    State(state): State<AppState>,
    a: Authed,
    Path(r): Path<String>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> ApiResult<Response> {
    staff_unit(&a)?;
    let (parts, file) = super::result::read_pdf(&headers, mp).await?;
    let (d, version) = visible(&state, &a.me, parse_ref(&r)).await?;
    let component = parts.text("component").unwrap_or_default().to_owned();
    let outcome = match file {
        Ok(data) => crate::digitised::scan(&state, &a.me, &d, &component, data).await.map(|_| ()),
        Err(e) => Err(e),
    };
    answer(&state, a, &r, d, &version, outcome).await
}

/// Done: back to the dossier with a notice; refused: the page with the
/// error above the files.
async fn answer(
    state: &AppState,
    a: Authed,
    r: &str,
    d: Dossier,
    version: &ProcedureVersion,
    outcome: ApiResult<()>,
) -> ApiResult<Response> {
    match outcome {
        Ok(()) => Ok(redirect_done(&format!("/office/dossiers/{r}"), "file-digitised")),
        Err(e) if is_form_error(&e) || e.status == axum::http::StatusCode::FORBIDDEN => {
            let error = FormError::new(&a.page, &e);
            let mut page = build(state, a.page, &a.me, d, version, None, None).await?;
            page.files.error = Some(error);
            let mut res = render(&page)?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

/// A short name of a file type (`PDF`, `JPEG`), else the type as sent.
fn type_name(content_type: &str) -> String {
    let name = match content_type.split(';').next().unwrap_or_default().trim() {
        "application/pdf" => "PDF",
        "image/jpeg" | "image/jpg" => "JPEG",
        "image/png" => "PNG",
        "image/gif" => "GIF",
        "image/tiff" => "TIFF",
        "image/webp" => "WEBP",
        "application/msword" => "DOC",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "DOCX",
        "application/vnd.ms-excel" => "XLS",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "XLSX",
        "application/zip" => "ZIP",
        "text/plain" => "TXT",
        other => return other.to_owned(),
    };
    name.to_owned()
}

/// `12,5 KB` (Vietnamese decimal comma) or `12.5 KB`.
fn size_text(page: &Page, bytes: i64) -> String {
    let text = match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    };
    if page.lang.english() { text } else { text.replace('.', ",") }
}
