//! The electronic result on the dossier page (kết quả điện tử): its
//! versions, and the forms to prepare it, sign it (remote provider or the
//! signing plugin), issue a replacement and revoke it. Each form goes
//! through `crate::results`, as the API does; a refusal comes back on the
//! dossier page, in this section.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use motcua_rules::Role;
use motcua_rules::dossier::result::{self as rules, ResultState};
use motcua_store::DossierResult;
use motcua_store::model::Dossier;
use serde::Deserialize;

use super::dossier::build;
use super::staff_unit;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::results::issued_by;
use crate::routes::dossiers::{parse_ref, visible};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::format;
use crate::web::page::{Authed, FormError, Page, is_form_error, redirect_done, render};
use crate::web::public::uploads;

/// One version of the result, as the section lists it.
pub struct ResultRow {
    pub title: String,
    pub state: String,
    pub state_class: &'static str,
    pub number: String,
    pub signer: String,
    pub prepared: String,
    pub signed: String,
    pub issued: String,
    pub ended: String,
    pub reason: String,
    pub file_href: String,
    pub verify_href: Option<String>,
}

/// The section of the dossier page.
pub struct ResultSection {
    pub rows: Vec<ResultRow>,
    /// The leader's remote signature waits for their confirmation.
    pub waiting: bool,
    /// Why the last remote signature failed, in words.
    pub failed: Option<String>,
    pub can_prepare: bool,
    /// Preparing would replace an issued result: a reason is asked.
    pub replacing: bool,
    pub can_sign: bool,
    pub remote: bool,
    /// The prepared file, for the signing plugin.
    pub to_sign_href: Option<String>,
    pub can_issue: bool,
    pub can_revoke: bool,
    /// A prepared result waits for the leader's signature before "finish".
    pub needs_signature: bool,
    /// A refused form of this section: which one, and why.
    pub error_form: String,
    pub error: Option<FormError>,
    /// What was typed, when a form comes back.
    pub title_typed: String,
}

impl ResultSection {
    pub fn error_on(&self, form: &str) -> Option<&FormError> {
        self.error.as_ref().filter(|_| self.error_form == form)
    }
}

fn state_label(page: &Page, s: ResultState) -> (String, &'static str) {
    let class = match s {
        ResultState::Prepared => "badge-wait",
        ResultState::Signed => "badge-progress",
        ResultState::Issued => "badge-done",
        ResultState::Revoked | ResultState::Replaced => "badge-late",
    };
    (page.t(&format!("result-state-{}", s.as_str())), class)
}

fn row(page: &Page, act_ref: &str, r: DossierResult) -> ResultRow {
    let (state, state_class) = state_label(page, r.state);
    let dash = |v: Option<String>| v.filter(|s| !s.is_empty()).unwrap_or_else(|| "—".into());
    ResultRow {
        number: dash(r.register_number()),
        signer: dash(r.signer_name.clone()),
        prepared: format::datetime(r.prepared_at),
        signed: format::opt_datetime(r.signed_at),
        issued: format::opt_datetime(r.issued_at),
        ended: format::opt_datetime(r.ended_at),
        reason: r.end_reason.clone().or(r.replace_reason.clone()).unwrap_or_default(),
        file_href: format!("/office/dossiers/{act_ref}/files/{}", r.attachment_id),
        verify_href: r.issued_at.map(|_| format!("/verify/r/{}", r.public_token)),
        title: r.title,
        state,
        state_class,
    }
}

/// The section for `me` on dossier `d`.
pub async fn section(
    state: &AppState,
    page: &Page,
    me: &CurrentUser,
    d: &Dossier,
    act_ref: &str,
) -> ApiResult<ResultSection> {
    let all = state.store.results(d.id).await?;
    let now = state.store.results_now(d.id).await?;
    let actor = me.actor();
    let mine = issued_by(&actor, &now);
    let live = now.live_state();
    let can_sign = rules::check_sign(&d.state, &actor, live, mine).is_ok();
    let signing = state.signing();
    let draft = now.draft.as_ref();
    let pending = match (&signing.remote, draft) {
        (Some(remote), Some(dr)) => remote.status(dr.id),
        _ => None,
    };
    Ok(ResultSection {
        rows: all.into_iter().rev().map(|r| row(page, act_ref, r)).collect(),
        waiting: pending.is_some_and(|p| p.state == "waiting"),
        failed: pending.and_then(|p| p.code).map(|code| {
            let (vi, en) = motcua_rules::messages::error_message(code, &[]);
            if page.lang.english() { en } else { vi }
        }),
        // Replacing needs a reason, checked on posting: offer the form when
        // the rules would let a reason through.
        can_prepare: rules::check_prepare(&d.state, &actor, live, mine, Some("-")).is_ok()
            && matches!(me.role(), Role::Specialist | Role::Leader),
        replacing: now.issued.is_some(),
        can_sign,
        remote: signing.remote.is_some(),
        to_sign_href: draft
            .filter(|_| can_sign)
            .map(|dr| format!("/office/dossiers/{act_ref}/files/{}", dr.attachment_id)),
        can_issue: rules::check_issue_replacement(&d.state, &actor, live, mine).is_ok(),
        can_revoke: now.issued.as_ref().is_some_and(|r| rules::check_revoke(&actor, r.state, mine, Some("-")).is_ok()),
        needs_signature: draft.is_some_and(|dr| dr.state == ResultState::Prepared),
        error_form: String::new(),
        error: None,
        title_typed: String::new(),
    })
}

/// The dossier page again with a refusal on the section's form `form`.
async fn refused(state: &AppState, a: Authed, r: &str, form: &str, e: ApiError, title: String) -> ApiResult<Response> {
    let (d, version) = visible(state, &a.me, parse_ref(r)).await?;
    let error = FormError::new(&a.page, &e);
    let mut page = build(state, a.page, &a.me, d, &version, None, None).await?;
    if let Some(s) = page.result.as_mut() {
        s.error_form = form.to_owned();
        s.error = Some(error);
        s.title_typed = title;
    }
    let mut res = render(&page)?;
    *res.status_mut() = e.status;
    Ok(res)
}

/// Done: back to the dossier with `notice`; refused: the page with the error.
async fn answer(
    state: &AppState,
    a: Authed,
    r: &str,
    form: &str,
    title: String,
    outcome: ApiResult<()>,
    notice: &str,
) -> ApiResult<Response> {
    match outcome {
        Ok(()) => Ok(redirect_done(&format!("/office/dossiers/{r}"), notice)),
        Err(e) if is_form_error(&e) || e.status == axum::http::StatusCode::FORBIDDEN => {
            refused(state, a, r, form, e, title).await
        }
        Err(e) => Err(e),
    }
}

/// The PDF of an upload form and its text fields, or why not.
pub(super) async fn read_pdf(
    headers: &HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> ApiResult<(uploads::Parts, ApiResult<Vec<u8>>)> {
    let mut mp = mp.map_err(|_| uploads::not_multipart(headers))?;
    let mut parts = uploads::read_parts(&mut mp, Some(headers), &uploads::ONE_PDF).await?;
    let file = match ApiError::many(std::mem::take(&mut parts.errors)) {
        Some(e) => Err(e),
        None => parts.files.pop().map(|f| f.data).ok_or_else(|| ApiError::unprocessable("file_required", "file")),
    };
    Ok((parts, file))
}

/// `POST /office/dossiers/{ref}/result`: the result PDF, its title, and a
/// reason when it replaces an issued result.
pub async fn prepare(
    State(state): State<AppState>,
    a: Authed,
    Path(r): Path<String>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> ApiResult<Response> {
    staff_unit(&a)?;
    let (parts, file) = read_pdf(&headers, mp).await?;
    let title = parts.text("title").unwrap_or_default().trim().to_owned();
    let outcome = async {
        let data = file?;
        let (d, _) = visible(&state, &a.me, parse_ref(&r)).await?;
        crate::results::prepare(&state, &a.me, &d, &title, parts.text("reason"), data).await.map(|_| ())
    }
    .await;
    answer(&state, a, &r, "prepare", title, outcome, "result-prepared").await
}

/// `POST /office/dossiers/{ref}/result/signed`: the signing plugin's file.
pub async fn upload_signed(
    State(state): State<AppState>,
    a: Authed,
    Path(r): Path<String>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> ApiResult<Response> {
    staff_unit(&a)?;
    let (_, file) = read_pdf(&headers, mp).await?;
    let outcome = async {
        let data = file?;
        let (d, _) = visible(&state, &a.me, parse_ref(&r)).await?;
        crate::results::upload_signed(&state, &a.me, &d, data).await.map(|_| ())
    }
    .await;
    answer(&state, a, &r, "sign", String::new(), outcome, "result-signed").await
}

#[derive(Deserialize, Default)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

/// What one of the section's small forms asks for.
enum Step {
    Sign,
    Issue,
    Revoke(String),
}

/// Runs a step on the dossier `r` and answers as the section's forms do.
async fn run(state: AppState, a: Authed, r: String, step: Step) -> ApiResult<Response> {
    staff_unit(&a)?;
    let (form, notice) = match step {
        Step::Sign => ("sign", "result-signing"),
        Step::Issue => ("issue", "result-issued"),
        Step::Revoke(_) => ("revoke", "result-revoked"),
    };
    let outcome = async {
        let (d, _) = visible(&state, &a.me, parse_ref(&r)).await?;
        match &step {
            Step::Sign => crate::results::sign_remote(&state, &a.me, &d).await,
            Step::Issue => crate::results::issue_replacement(&state, &a.me, &d).await.map(|_| ()),
            Step::Revoke(reason) => crate::results::revoke(&state, &a.me, &d, reason).await.map(|_| ()),
        }
    }
    .await;
    answer(&state, a, &r, form, String::new(), outcome, notice).await
}

/// `POST /office/dossiers/{ref}/result/sign`: the leader's remote signature.
pub async fn sign(
    State(state): State<AppState>,
    a: Authed,
    Path(r): Path<String>,
    CsrfForm(_): CsrfForm<ReasonForm>,
) -> ApiResult<Response> {
    run(state, a, r, Step::Sign).await
}

/// `POST /office/dossiers/{ref}/result/issue`: a signed replacement issued.
pub async fn issue(
    State(state): State<AppState>,
    a: Authed,
    Path(r): Path<String>,
    CsrfForm(_): CsrfForm<ReasonForm>,
) -> ApiResult<Response> {
    run(state, a, r, Step::Issue).await
}

/// `POST /office/dossiers/{ref}/result/revoke`: with a reason.
pub async fn revoke(
    State(state): State<AppState>,
    a: Authed,
    Path(r): Path<String>,
    CsrfForm(f): CsrfForm<ReasonForm>,
) -> ApiResult<Response> {
    run(state, a, r, Step::Revoke(f.reason)).await
}
