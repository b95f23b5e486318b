//! The variables of a notice, read at delivery from the dossier, the event
//! that caused it and the escalation it tells of (the outbox row keeps no
//! text and no personal data).

use chrono::NaiveDateTime;
use motcua_notify::Vars;
use motcua_store::DueNotice;

use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::format;

/// `04/03/2026`, or a dash when there is no date.
fn day(t: Option<NaiveDateTime>) -> String {
    t.map_or_else(|| "—".to_owned(), |t| format::date(t.date()))
}

/// Where anyone can follow the dossier: the public look-up of the site.
fn lookup_url(state: &AppState) -> String {
    match &state.config.public_url {
        Some(base) => format!("{}/lookup", base.trim_end_matches('/')),
        None => "/lookup".to_owned(),
    }
}

/// Every variable of `n`'s kind ([`motcua_notify::template::variables`]).
pub async fn of(state: &AppState, n: &DueNotice) -> ApiResult<Vars> {
    let version = state.store.procedure_version(n.procedure_version_id).await?;
    let unit_name = state.store.unit(n.receiving_unit_id).await?.map(|u| u.name).unwrap_or_default();
    let mut v = Vars::new();
    v.insert("dossier_code", n.dossier_code.clone().unwrap_or_else(|| "—".to_owned()));
    v.insert("procedure_name", version.data.name.clone());
    v.insert("unit_name", unit_name);
    v.insert("lookup_url", lookup_url(state));
    v.insert("applicant_name", n.applicant.name.clone());
    v.insert("received_at", n.event_at.map_or_else(|| "—".to_owned(), format::datetime));
    v.insert("due_date", day(n.due_after));
    v.insert("old_due_date", day(n.due_before));
    v.insert("new_due_date", day(n.due_after));
    v.insert("note", n.note_for_applicant.clone().unwrap_or_default());
    if let Some((step, unit_id, due)) = n.escalation {
        let step_name =
            version.steps.get(step as usize).map(|s| s.name.clone()).unwrap_or_else(|| format!("{}", step + 1));
        let step_unit = state.store.unit(unit_id).await?.map(|u| u.name).unwrap_or_default();
        v.insert("step_name", step_name);
        v.insert("step_unit", step_unit);
        v.insert("step_due", format::datetime(due));
    }
    // Only the kind's own variables go out (a ZNS template takes exactly
    // those it was registered with).
    let known = motcua_notify::template::variables(n.kind);
    v.retain(|k, _| known.contains(k));
    Ok(v)
}
