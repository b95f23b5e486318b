//! Electronic results (kết quả điện tử), as the API and the pages share
//! them: prepare the PDF, the leader's signature (remote provider or
//! signing plugin), the agency's signature and register number at
//! "finish", a replacement, a revocation.
//!
//! Each step checks the rules (`motcua_rules::dossier::result`) inside the
//! store's transaction; the signing runs before it, off the async threads.
//! What a step may refuse is said once, here, for both surfaces.

use axum::http::StatusCode;
use chrono::Utc;
use motcua_rules::dossier::Actor;
use motcua_rules::dossier::result::{self as rules, MAX_TITLE, ResultState};
use motcua_rules::validate;
use motcua_store::model::{AttachmentKind, Dossier, NewAttachment};
use motcua_store::{DossierResult, Issue, NewResult, ResultsNow};

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::time::to_api;

/// Whether the issued result of `results` was issued by `actor`'s unit
/// (the unit a replacement or revocation must come from).
pub fn issued_by(actor: &Actor, results: &ResultsNow) -> bool {
    let unit = actor.unit.as_ref().map(|u| u.id);
    results.issued.as_ref().is_some_and(|r| r.issued_unit_id.is_some() && r.issued_unit_id == unit)
}

fn now_utc(state: &AppState) -> chrono::DateTime<Utc> {
    to_api(state.now()).with_timezone(&Utc)
}

/// A result file's name: the title, made safe, then what was done to it.
fn file_name(title: &str, suffix: &str) -> String {
    format!("{}{suffix}.pdf", safe_name(title))
}

/// A title made safe as a file name: letters, digits and spaces kept.
pub fn safe_name(title: &str) -> String {
    let base: String = title.chars().map(|c| if c.is_alphanumeric() || c == ' ' { c } else { '-' }).collect();
    base.trim().to_owned()
}

fn pdf(name: String, data: Vec<u8>) -> NewAttachment {
    NewAttachment { kind: AttachmentKind::Result, component: None, name, content_type: "application/pdf".into(), data }
}

/// Attaches `data` as the dossier's prepared result named `title`; for a
/// replacement of an issued result, `reason` says why it was wrong.
pub async fn prepare(
    state: &AppState,
    me: &CurrentUser,
    d: &Dossier,
    title: &str,
    reason: Option<&str>,
    data: Vec<u8>,
) -> ApiResult<DossierResult> {
    let title = validate::text(title, "title", MAX_TITLE)?;
    if title.is_empty() {
        return Err(ApiError::unprocessable("result_title_required", "title"));
    }
    let reason = reason.map(|r| validate::text(r, "reason", crate::routes::dossiers::MAX_NOTE)).transpose()?;
    // A result is a PDF that can be signed: read it as the signer will.
    let limits = motcua_sign::Limits { max_pdf_bytes: crate::signatures::MAX_PDF };
    motcua_sign::page_count(&data, limits).map_err(|mut e| {
        e.field = "file";
        crate::signatures::refused(e)
    })?;
    let new = NewResult {
        title: title.clone(),
        file: pdf(file_name(&title, ""), data),
        public_token: crate::auth::new_token()?,
        replace_reason: reason.clone().filter(|r| !r.is_empty()),
    };
    let actor = me.actor();
    let result = state
        .store
        .prepare_result(d.id, new, me.user.id, state.now(), move |d, now| {
            rules::check_prepare(&d.state, &actor, now.live_state(), issued_by(&actor, now), reason.as_deref())
        })
        .await?;
    tracing::info!(dossier.id = d.id, result.id = result.id, user.id = me.user.id, "result prepared");
    Ok(result)
}

/// The draft a signature is for, after the rules allowed `me` to sign it,
/// with its file.
async fn draft_to_sign(state: &AppState, me: &CurrentUser, d: &Dossier) -> ApiResult<(DossierResult, Vec<u8>)> {
    let now = state.store.results_now(d.id).await?;
    let actor = me.actor();
    rules::check_sign(&d.state, &actor, now.live_state(), issued_by(&actor, &now))?;
    let draft = now.draft.ok_or_else(|| ApiError::from(motcua_rules::RuleError::not_found("result_not_found")))?;
    let (_, data) = state.store.attachment(d.id, draft.attachment_id).await?.ok_or_else(ApiError::internal)?;
    Ok((draft, data))
}

/// Keeps `signed`, the leader's signed copy of `draft`'s file `served`,
/// once it verifies as the served file plus one passing signature.
async fn keep_signed(
    state: &AppState,
    user_id: i64,
    actor: Actor,
    draft: &DossierResult,
    served: Vec<u8>,
    signed: Vec<u8>,
) -> ApiResult<DossierResult> {
    let report = state.signatures.check_signed(served, signed.clone(), now_utc(state)).await?;
    let signer = report.signatures.last().and_then(|s| s.signer.as_ref()).and_then(|s| s.common_name.clone());
    let result = state
        .store
        .sign_result(
            draft.id,
            draft.attachment_id,
            pdf(file_name(&draft.title, " (da ky)"), signed),
            signer.unwrap_or_default(),
            user_id,
            state.now(),
            move |d, now| rules::check_sign(&d.state, &actor, now.live_state(), issued_by(&actor, now)),
        )
        .await?;
    tracing::info!(dossier.id = result.dossier_id, result.id = result.id, user.id = user_id, "result signed");
    Ok(result)
}

/// Starts the leader's remote signature of the prepared result; the
/// signed file is kept when they confirm in the provider's app.
pub async fn sign_remote(state: &AppState, me: &CurrentUser, d: &Dossier) -> ApiResult<()> {
    let signing = state.signing();
    let Some(remote) = signing.remote.as_ref() else {
        return Err(ApiError::coded(StatusCode::CONFLICT, "remote_signing_unavailable", None));
    };
    let (draft, served) = draft_to_sign(state, me, d).await?;
    let request = signing.signer_request(&me.user.username, now_utc(state));
    let description = format!("{} – {}", draft.title, d.code.as_deref().unwrap_or_default());
    let (st, user_id, actor, kept_draft, kept_served) =
        (state.clone(), me.user.id, me.actor(), draft.clone(), served.clone());
    let on_signed: crate::signing::OnSigned = Box::new(move |signed| {
        Box::pin(async move { keep_signed(&st, user_id, actor, &kept_draft, kept_served, signed).await.map(|_| ()) })
    });
    remote.start(draft.id, me.user.username.clone(), served, request, description, on_signed).await
}

/// The file the signing plugin is to sign: the prepared result's.
pub async fn file_to_sign(state: &AppState, me: &CurrentUser, d: &Dossier) -> ApiResult<(DossierResult, Vec<u8>)> {
    draft_to_sign(state, me, d).await
}

/// The signing plugin's upload: kept when it is the served file plus the
/// leader's passing signature.
pub async fn upload_signed(
    state: &AppState,
    me: &CurrentUser,
    d: &Dossier,
    signed: Vec<u8>,
) -> ApiResult<DossierResult> {
    let (draft, served) = draft_to_sign(state, me, d).await?;
    keep_signed(state, me.user.id, me.actor(), &draft, served, signed).await
}

/// What "finish" issues: the signed draft with the agency's signature of
/// the unit the dossier is at; `None` when there is no electronic result.
/// A prepared result not yet signed stops the finish.
pub async fn issue_at_finish(state: &AppState, d: &Dossier) -> ApiResult<Option<Issue>> {
    let now = state.store.results_now(d.id).await?;
    rules::check_finish(now.live_state())?;
    match now.draft {
        Some(draft) if draft.state == ResultState::Signed => {
            Ok(Some(agency_issue(state, d, &draft, d.state.current_unit.id).await?))
        }
        _ => Ok(None),
    }
}

async fn agency_issue(state: &AppState, d: &Dossier, draft: &DossierResult, unit_id: i64) -> ApiResult<Issue> {
    let unit = state.store.unit(unit_id).await?.ok_or_else(ApiError::internal)?;
    let (_, signed) = state.store.attachment(d.id, draft.attachment_id).await?.ok_or_else(ApiError::internal)?;
    let issued = state.signing().agency_sign(&unit.code, signed, now_utc(state)).await?;
    Ok(Issue {
        result_id: draft.id,
        signed_attachment_id: draft.attachment_id,
        unit_id,
        file: pdf(file_name(&draft.title, " (ban hanh)"), issued),
    })
}

/// Issues a signed replacement of a handled dossier's result, with the
/// agency key of the unit that issued the one it replaces.
pub async fn issue_replacement(state: &AppState, me: &CurrentUser, d: &Dossier) -> ApiResult<DossierResult> {
    let now = state.store.results_now(d.id).await?;
    let actor = me.actor();
    rules::check_issue_replacement(&d.state, &actor, now.live_state(), issued_by(&actor, &now))?;
    let (Some(draft), Some(unit_id)) = (now.draft, now.issued.and_then(|r| r.issued_unit_id)) else {
        return Err(motcua_rules::RuleError::not_found("result_not_found").into());
    };
    let issue = agency_issue(state, d, &draft, unit_id).await?;
    let result = state
        .store
        .issue_replacement(issue, me.user.id, state.now(), move |d, now| {
            rules::check_issue_replacement(&d.state, &actor, now.live_state(), issued_by(&actor, now))
        })
        .await?;
    tracing::info!(dossier.id = d.id, result.id = result.id, user.id = me.user.id, "result replaced");
    Ok(result)
}

/// Revokes the dossier's issued result with a reason.
pub async fn revoke(state: &AppState, me: &CurrentUser, d: &Dossier, reason: &str) -> ApiResult<DossierResult> {
    let reason = validate::text(reason, "reason", crate::routes::dossiers::MAX_NOTE)?;
    let now = state.store.results_now(d.id).await?;
    let Some(issued) = now.issued else {
        return Err(ApiError::from(motcua_rules::RuleError::conflict("result_not_issued")));
    };
    let actor = me.actor();
    let unit = actor.unit.as_ref().map(|u| u.id);
    let result = state
        .store
        .revoke_result(issued.id, me.user.id, state.now(), reason.clone(), move |_, r| {
            let mine = r.issued_unit_id.is_some() && r.issued_unit_id == unit;
            rules::check_revoke(&actor, r.state, mine, Some(&reason))
        })
        .await?;
    tracing::info!(dossier.id = d.id, result.id = result.id, user.id = me.user.id, "result revoked");
    Ok(result)
}
