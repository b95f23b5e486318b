//! What a citizen does to their own dossier from `/my/{ref}`: send the
//! supplement asked for (files, through the same checks as an online
//! submission, `uploads`), and withdraw it with a reason after a question
//! (`web::confirm`). Both go through the paths of the API
//! (`routes::supplement::send`, `routes::dossiers::act_on`); a refusal shows
//! the page again with the error on its form.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use motcua_rules::Role;
use motcua_rules::dossier::{self, ActionKind, Context};
use motcua_store::model::{Dossier, ProcedureVersion};
use serde::Deserialize;

use super::uploads;
use crate::error::{ApiError, ApiResult};
use crate::routes::dossiers::{ActionRequest, act_on, parse_ref, visible};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Authed, FormError, Page, is_form_error, redirect_done, urlencode};

/// The forms as posted and refused, to show again.
#[derive(Default)]
pub struct Posted {
    supplement: Option<ApiError>,
    withdraw: Option<(ApiError, String)>,
}

/// The forms of the citizen's dossier page.
pub struct MyActs {
    /// The dossier version the forms send back (optimistic concurrency).
    pub version: i64,
    /// The rules let the owner send a supplement now.
    pub can_supplement: bool,
    /// A supplement sent online waits for the counter: when (formatted).
    pub arrived: Option<String>,
    pub supplement_error: Option<FormError>,
    pub can_withdraw: bool,
    pub withdraw_error: Option<FormError>,
    /// The reason typed, kept after a refusal.
    pub withdraw_note: String,
    /// The limits of the files, in words.
    pub files_hint: String,
}

impl MyActs {
    pub fn new(state: &AppState, authed: &Authed, d: &Dossier, version: &ProcedureVersion, posted: Posted) -> MyActs {
        let calendar = state.calendar();
        let workflow = d.workflow(version);
        let ctx =
            Context { calendar: &calendar, limit: version.data.time_limit, workflow: &workflow, now: state.now() };
        let allowed = dossier::allowed_actions(&d.state, &authed.me.actor(), &ctx);
        let page = &authed.page;
        let (withdraw_error, withdraw_note) = match posted.withdraw {
            Some((e, note)) => (Some(FormError::new(page, &e)), note),
            None => (None, String::new()),
        };
        MyActs {
            version: d.version,
            can_supplement: allowed.contains(&ActionKind::SubmitSupplement),
            arrived: d.state.supplement_arrived_at.map(crate::web::format::datetime),
            supplement_error: posted.supplement.map(|e| FormError::new(page, &e)),
            can_withdraw: allowed.contains(&ActionKind::Withdraw),
            withdraw_error,
            withdraw_note,
            files_hint: page.t2(
                "pub-my-supplement-hint",
                ("file", &(uploads::MAX_FILE >> 20)),
                ("total", &(uploads::MAX_TOTAL >> 20)),
            ),
        }
    }
}

/// `POST /my/{ref}/supplement`: the files of the supplement (multipart,
/// `_csrf` first, then `version`, `note` and `files`).
pub async fn supplement(
    State(state): State<AppState>,
    authed: Authed,
    Path(r): Path<String>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> ApiResult<Response> {
    authed.require(&[Role::Citizen])?;
    let Ok(mut mp) = mp else {
        return Err(crate::web::public::uploads::not_multipart(&headers));
    };
    let mut parts = uploads::read_parts(&mut mp, Some(&headers), &uploads::SUPPLEMENT).await?;
    let attempt = async {
        if let Some(e) = ApiError::many(std::mem::take(&mut parts.errors)) {
            return Err(e);
        }
        let version = crate::routes::supplement::parse_version(parts.text("version"))?;
        let note = parts.text("note").map(str::to_owned);
        crate::routes::supplement::send(&state, &authed.me, &r, version, note, parts.files).await
    };
    match attempt.await {
        Ok((d, _)) => Ok(redirect_done(&format!("/my/{}", urlencode(&reference(&d))), "supplement-sent")),
        Err(e) if is_form_error(&e) => {
            refused(&state, authed, &r, Posted { supplement: Some(e), withdraw: None }).await
        }
        Err(e) => Err(e),
    }
}

/// The withdrawal form as posted.
#[derive(Deserialize, Default)]
pub struct WithdrawForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    note: String,
    confirm: Option<String>,
}

/// `POST /my/{ref}/withdraw`: asks first, then withdraws with the reason.
pub async fn withdraw(
    State(state): State<AppState>,
    authed: Authed,
    Path(r): Path<String>,
    CsrfForm(f): CsrfForm<WithdrawForm>,
) -> ApiResult<Response> {
    authed.require(&[Role::Citizen])?;
    let note = f.note.trim().to_owned();
    // A missing reason is told on the form, before the question.
    if note.is_empty() {
        let e = ApiError::unprocessable("required", "note").arg("case", "reason").arg_each(
            "action",
            ActionKind::Withdraw.name_vi().to_lowercase(),
            "withdraw",
        );
        return refused(&state, authed, &r, Posted { supplement: None, withdraw: Some((e, f.note)) }).await;
    }
    if !crate::web::confirm::given(f.confirm.as_deref()) {
        return ask(&state, authed, &r, &f).await;
    }
    let attempt = async {
        let version = f
            .version
            .trim()
            .parse()
            .map_err(|_| ApiError::unprocessable("invalid_field", "version").arg("case", "dossier-version"))?;
        let req = ActionRequest { action: "withdraw".into(), note: Some(note.clone()), version, ..Default::default() };
        act_on(&state, &authed.me, &r, req).await
    };
    match attempt.await {
        Ok((d, _)) => Ok(redirect_done(&format!("/my/{}", urlencode(&reference(&d))), "dossier-withdrawn")),
        Err(e) if is_form_error(&e) => {
            refused(&state, authed, &r, Posted { supplement: None, withdraw: Some((e, f.note)) }).await
        }
        Err(e) => Err(e),
    }
}

/// The question before the withdrawal: the dossier, the reason, and that
/// it cannot be undone.
async fn ask(state: &AppState, authed: Authed, r: &str, f: &WithdrawForm) -> ApiResult<Response> {
    let (d, version) = visible(state, &authed.me, parse_ref(r)).await?;
    let page: Page = authed.page;
    let reference = reference(&d);
    let action = crate::web::format::action(ActionKind::Withdraw, page.lang);
    let facts = vec![
        (page.t("pub-proc-name"), version.data.name.clone()),
        (page.t(if d.code.is_some() { "pub-dossier-code" } else { "pub-my-number" }), reference.clone()),
        (page.t("confirm-note"), f.note.trim().to_owned()),
    ];
    crate::web::confirm::ConfirmPage {
        title: page.t2("confirm-dossier-title", ("action", &action), ("code", &reference)),
        effect: page.t("pub-my-withdraw-effect"),
        facts,
        action: format!("/my/{}/withdraw", urlencode(r)),
        fields: vec![("version".into(), f.version.clone()), ("note".into(), f.note.clone())],
        confirm: page.t1("confirm-do", "action", &action),
        cancel: format!("/my/{}", urlencode(&reference)),
        page,
    }
    .render()
}

async fn refused(state: &AppState, authed: Authed, r: &str, posted: Posted) -> ApiResult<Response> {
    let status = posted.supplement.as_ref().or(posted.withdraw.as_ref().map(|(e, _)| e)).map(|e| e.status);
    let mut res = super::mine::show_with(state, authed, r, posted).await?;
    if let Some(status) = status {
        *res.status_mut() = status;
    }
    Ok(res)
}

fn reference(d: &Dossier) -> String {
    d.code.clone().unwrap_or_else(|| d.id.to_string())
}
