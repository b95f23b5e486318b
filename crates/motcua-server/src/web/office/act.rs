//! An action posted from the dossier page: every field of the form parsed
//! and checked here, the action applied through the same path as the API's,
//! and on a refusal the page shown again with the error on its form.

use axum::extract::{Path, State};
use axum::response::Response;
use chrono::NaiveDate;
use motcua_rules::dossier::ActionKind;
use motcua_rules::validate;
use serde::Deserialize;

use super::dossier::{MAX_NOTE, Refused, build};
use super::slip_links::SlipKind;
use super::{given, staff_unit};
use crate::error::{ApiError, ApiResult};
use crate::routes::dossiers::{ActionRequest, act_on, parse_ref, visible};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Authed, FormError, is_form_error, redirect_done, render, urlencode};

/// An action form as posted. Every field is text, parsed here, so that a
/// bad value comes back on the form.
#[derive(Deserialize, Default, Clone)]
pub struct ActForm {
    #[serde(default)]
    pub(super) action: String,
    #[serde(default)]
    pub(super) version: String,
    pub(super) note: Option<String>,
    /// Who reads the note: `internal` or `applicant` (actions whose note
    /// has no fixed audience).
    pub(super) note_for: Option<String>,
    /// Supplement requests: what to add, one item per line.
    pub(super) items: Option<String>,
    /// Reschedules: `YYYY-MM-DD`.
    pub(super) new_due_date: Option<String>,
    /// Assignments: the officer's user id.
    pub(super) assignee_id: Option<String>,
    /// Returns: the earlier step, from 0.
    pub(super) to_step: Option<String>,
    /// Payment requests: the stage (`reception`, `supplement`, `result`).
    pub(super) fee_stage: Option<String>,
    /// Payment requests: the exemption code, if any.
    pub(super) exemption: Option<String>,
    /// Payments at the counter: `cash` or `transfer`.
    pub(super) payment_method: Option<String>,
    /// `returns`: go back to the list of results to return.
    pub(super) back: Option<String>,
    /// `yes` once the officer answered the question asked before a step
    /// that cannot be undone (`web::confirm`).
    pub(super) confirm: Option<String>,
}

/// The actions that end a dossier for good without a result: asked again
/// before they are done (issue #11: a wrong click must not close a
/// citizen's dossier).
fn needs_confirmation(kind: ActionKind) -> bool {
    matches!(kind, ActionKind::Stop | ActionKind::Withdraw)
}

/// The fields of the form as posted, to send again with the answer.
fn posted_fields(f: &ActForm) -> Vec<(String, String)> {
    let mut out = vec![("action".to_owned(), f.action.clone()), ("version".to_owned(), f.version.clone())];
    let optional = [
        ("note", &f.note),
        ("note_for", &f.note_for),
        ("items", &f.items),
        ("new_due_date", &f.new_due_date),
        ("assignee_id", &f.assignee_id),
        ("to_step", &f.to_step),
        ("back", &f.back),
    ];
    out.extend(optional.into_iter().filter_map(|(k, v)| Some((k.to_owned(), v.clone()?))));
    out
}

/// The question before a stop or a withdrawal: the dossier, the applicant
/// and the reason typed, and what will happen.
async fn ask(state: &AppState, a: Authed, r: &str, kind: ActionKind, f: &ActForm) -> ApiResult<Response> {
    let (d, _) = visible(state, &a.me, parse_ref(r)).await?;
    let page = a.page;
    let reference = d.code.clone().unwrap_or_else(|| d.id.to_string());
    let action = crate::web::format::action(kind, page.lang);
    let mut facts = vec![
        (page.t("office-col-code"), reference.clone()),
        (page.t("office-applicant-name"), d.applicant.name.clone()),
        (page.t("confirm-action"), action.clone()),
    ];
    if let Some(note) = given(&f.note) {
        facts.push((page.t("confirm-note"), note.to_owned()));
    }
    let cancel = format!("/office/dossiers/{}", urlencode(&reference));
    crate::web::confirm::ConfirmPage {
        title: page.t2("confirm-dossier-title", ("action", &action), ("code", &reference)),
        effect: page.t(&format!("confirm-effect-{}", kind.as_str())),
        facts,
        action: format!("/office/dossiers/{}/act", urlencode(r)),
        fields: posted_fields(f),
        confirm: page.t1("confirm-do", "action", &action),
        cancel,
        page,
    }
    .render()
}

/// The note of a supplement request: the reason, then one `- item` line per
/// thing to add or correct (the form the supplement slip reads back).
fn supplement_note(reason: Option<&str>, items: Option<&str>) -> Result<String, ApiError> {
    let reason = validate::text(reason.unwrap_or_default(), "note", MAX_NOTE)?;
    // A reason line that starts like an item would be read as one.
    let reason: Vec<&str> =
        reason.lines().map(|l| l.trim().trim_start_matches(['-', '•']).trim()).filter(|l| !l.is_empty()).collect();
    if reason.is_empty() {
        return Err(ApiError::unprocessable("required", "note").arg("case", "supplement-reason"));
    }
    let items = validate::text(items.unwrap_or_default(), "items", MAX_NOTE)?;
    let items: Vec<&str> =
        items.lines().map(|l| l.trim().trim_start_matches(['-', '•']).trim()).filter(|l| !l.is_empty()).collect();
    if items.is_empty() {
        return Err(ApiError::unprocessable("required", "items").arg("case", "supplement-items"));
    }
    let mut note = reason.join("\n");
    for item in items {
        note.push_str("\n- ");
        note.push_str(item);
    }
    Ok(note)
}

fn parse_version(raw: &str) -> Result<i64, ApiError> {
    raw.trim().parse().map_err(|_| ApiError::unprocessable("invalid_field", "version").arg("case", "dossier-version"))
}

/// A chosen option (an officer, a step) as a number.
fn parse_number<T: std::str::FromStr>(raw: Option<&str>, field: &str) -> Result<Option<T>, ApiError> {
    raw.map(|v| {
        v.parse().map_err(|_| {
            ApiError::unprocessable("invalid_field", field)
                .arg("field", field)
                .arg("what", v.chars().take(20).collect::<String>())
        })
    })
    .transpose()
}

fn parse_new_date(raw: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    raw.map(|v| {
        NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map_err(|_| ApiError::unprocessable("invalid_date", "new_due_date").arg("case", "plain"))
    })
    .transpose()
}

/// `POST /office/dossiers/{ref}/act`: one action.
pub async fn act(
    State(state): State<AppState>,
    a: Authed,
    Path(r): Path<String>,
    CsrfForm(f): CsrfForm<ActForm>,
) -> ApiResult<Response> {
    staff_unit(&a)?;
    let kind = ActionKind::parse(f.action.trim());
    if let Some(k) = kind.filter(|k| needs_confirmation(*k))
        && !crate::web::confirm::given(f.confirm.as_deref())
        // A missing reason is told on the form first, not after the question.
        && (!k.requires_note() || given(&f.note).is_some())
    {
        return ask(&state, a, &r, k, &f).await;
    }
    let attempt = async {
        let version = parse_version(&f.version)?;
        let note = match kind {
            Some(ActionKind::RequestSupplement) => Some(supplement_note(f.note.as_deref(), f.items.as_deref())?),
            _ => f.note.clone(),
        };
        let new_due_date = parse_new_date(given(&f.new_due_date))?;
        let assignee_id = parse_number(given(&f.assignee_id), "assignee_id")?;
        let to_step = parse_number(given(&f.to_step), "to_step")?;
        let req = ActionRequest {
            action: f.action.trim().to_owned(),
            note,
            note_for: f.note_for.clone(),
            version,
            new_due_date,
            assignee_id,
            to_step,
            fee_stage: given(&f.fee_stage).map(str::to_owned),
            exemption: given(&f.exemption).map(str::to_owned),
            payment_method: given(&f.payment_method).map(str::to_owned),
        };
        act_on(&state, &a.me, &r, req).await
    };
    match attempt.await {
        Ok((d, _)) => {
            let kind = kind.ok_or_else(ApiError::internal)?;
            let notice = format!("acted-{}", kind.as_str().replace('_', "-"));
            if given(&f.back) == Some("returns") && kind == ActionKind::ReturnResult {
                return Ok(redirect_done("/office/returns", &notice));
            }
            let r = d.code.clone().unwrap_or_else(|| d.id.to_string());
            let to = match SlipKind::of(kind) {
                Some(slip) => format!("/office/dossiers/{r}?slip={}", slip.name()),
                None => format!("/office/dossiers/{r}"),
            };
            Ok(redirect_done(&to, &notice))
        }
        Err(e) if is_form_error(&e) => {
            // The dossier as it is now, with the error on its form.
            let (d, version) = visible(&state, &a.me, parse_ref(&r)).await?;
            let refused = Refused { action: f.action.trim().to_owned(), error: FormError::new(&a.page, &e), typed: f };
            let page = build(&state, a.page, &a.me, d, &version, None, Some(refused)).await?;
            let mut res = render(&page)?;
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
    fn supplement_notes_read_back_as_reason_and_items() {
        let note = supplement_note(Some("Tờ khai chưa ký"), Some("- Tờ khai có chữ ký\n\n• Bản sao CCCD\n")).unwrap();
        assert_eq!(note, "Tờ khai chưa ký\n- Tờ khai có chữ ký\n- Bản sao CCCD");
        assert_eq!(supplement_note(Some("  "), Some("x")).unwrap_err().field.as_deref(), Some("note"));
        assert_eq!(supplement_note(Some("Thiếu"), None).unwrap_err().field.as_deref(), Some("items"));
        // A reason line that looks like an item stays a reason.
        assert_eq!(supplement_note(Some("- Thiếu"), Some("A")).unwrap(), "Thiếu\n- A");
    }
}
