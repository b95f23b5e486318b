//! The citizen's online supplement (bổ sung hồ sơ trực tuyến): the owner of
//! a dossier waiting for a supplement sends the files asked for. One
//! transaction writes the files (kind `supplement`) and the history line
//! `submit_supplement`; the status does not change and the clock stays
//! stopped until the counter accepts the supplement (`supplement_received`)
//! or asks again (`request_supplement`). See docs/lifecycle.md#online-supplement.

use std::sync::Arc;

use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use motcua_rules::dossier::{self, Action, ActionKind, Context};
use motcua_rules::validate;
use motcua_store::DossierRef;
use motcua_store::model::{AttachmentKind, Dossier, EventInput, NewAttachment, ProcedureVersion};

use super::dossiers::{MAX_NOTE, parse_ref, view_for, visible};
use crate::auth::CurrentUser;
use crate::dto::DossierView;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::public::uploads::{self, Checked};

/// The multipart parts of `POST /dossiers/{ref}/supplement`.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct SupplementUpload {
    /// The dossier version you read; a stale one gets 409 `stale_version`.
    pub version: i64,
    /// A message to the counter (optional, at most 2,000 characters).
    pub note: Option<String>,
    /// One or more files (part name `files`): PDF, JPEG, PNG or DOCX, told
    /// by their contents; 10 MB each, 25 MB together, 20 at most.
    #[schema(value_type = Vec<String>, format = Binary)]
    pub files: Vec<Vec<u8>>,
}

/// Sends the supplement asked for, as the dossier's owner.
#[utoipa::path(post, path = "/api/v1/dossiers/{ref}/supplement", tag = "dossiers",
    params(("ref" = String, Path, description = "Dossier code, or internal id before reception")),
    request_body(content = SupplementUpload, content_type = "multipart/form-data"),
    responses((status = 200, body = DossierView), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody), (status = 415, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn supplement(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(r): Path<String>,
    mp: Result<Multipart, MultipartRejection>,
) -> ApiResult<Json<DossierView>> {
    let mut mp = mp.map_err(|_| ApiError::unprocessable("upload_failed", "files"))?;
    let mut parts = uploads::read_parts(&mut mp, None, &uploads::SUPPLEMENT).await?;
    if let Some(e) = ApiError::many(std::mem::take(&mut parts.errors)) {
        return Err(e);
    }
    let version = parse_version(parts.text("version"))?;
    let note = parts.text("note").map(str::to_owned);
    let (d, version) = send(&state, &me, &r, version, note, parts.files).await?;
    Ok(Json(view_for(&state, &me, d, &version).await?))
}

/// The `version` part: required, a number.
pub fn parse_version(raw: Option<&str>) -> ApiResult<i64> {
    let raw = raw
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::unprocessable("required", "version").arg("case", "field").arg("field", "version"))?;
    raw.parse().map_err(|_| ApiError::unprocessable("invalid_field", "version").arg("case", "dossier-version"))
}

/// The supplement as the API and the page send it: checked files, the
/// version read, an optional note. Nothing is written on any refusal.
pub async fn send(
    state: &AppState,
    me: &CurrentUser,
    r: &str,
    expected_version: i64,
    note: Option<String>,
    files: Vec<Checked>,
) -> ApiResult<(Dossier, Arc<ProcedureVersion>)> {
    let note = note.map(|n| validate::text(&n, "note", MAX_NOTE)).transpose()?.filter(|n| !n.is_empty());
    let (d, _) = visible(state, me, parse_ref(r)).await?;
    if files.is_empty() {
        return Err(ApiError::unprocessable("no_file", "files"));
    }
    let files = files
        .into_iter()
        .map(|f| NewAttachment {
            kind: AttachmentKind::Supplement,
            component: None,
            name: f.name,
            content_type: f.kind.mime().to_owned(),
            data: f.data,
        })
        .collect();
    let kind = ActionKind::SubmitSupplement;
    let actor = me.actor();
    let audience = dossier::note_audience_by(kind, me.role(), None)?;
    let event = EventInput::by(kind.as_str(), &actor, note.clone()).to(audience);
    let calendar = state.calendar();
    let now = state.now();
    let (updated, metas) = state
        .store
        .act_with_files(DossierRef::Id(d.id), expected_version, event, now, files, move |current, version| {
            let workflow = current.workflow(version);
            let ctx = Context { calendar: &calendar, limit: version.data.time_limit, workflow: &workflow, now };
            dossier::apply(&current.state, &actor, &Action::SubmitSupplement, note.as_deref(), &ctx)
        })
        .await?;
    tracing::info!(
        dossier.id = updated.id,
        dossier.action = kind.as_str(),
        dossier.files = metas.len(),
        user.id = me.user.id,
        "online supplement"
    );
    let version = state.store.procedure_version(updated.procedure_version_id).await?;
    Ok((updated, version))
}
