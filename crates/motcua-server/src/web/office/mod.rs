//! The back office: the pages of counter officers (cán bộ một cửa),
//! specialists (chuyên viên) and leaders (lãnh đạo).
//!
//! - `intake`: counter intake of a dossier handed in on paper or by post.
//! - `inbox`: the work waiting at the user's unit and role, the online
//!   queue (submissions waiting for the counter's check) and the results
//!   waiting to be returned.
//! - `dossier`: one dossier with its history, its files and the actions
//!   the user may take now.
//! - `search`: finding any dossier of the user's units by code, name,
//!   phone or identity number.
//! - `register`: the unit's register of dossiers (sổ theo dõi hồ sơ), on
//!   screen, printed as PDF and as a spreadsheet.
//! - `feedback`: citizens' feedback (PAKN) addressed to the user's unit.
//! - `documents` and `document`: official documents (văn bản đến, đi),
//!   their registers and the forms of the clerk, leaders and specialists.
//!
//! Every rule is checked by the functions the JSON API uses
//! (`crate::routes::dossiers`); these pages only turn forms into their
//! requests and their answers into HTML.

mod act;
mod assign;
mod bulk;
mod document;
mod documents;
mod dossier;
mod eform_facts;
mod escalations;
mod feedback;
mod files;
mod inbox;
mod intake;
mod notices;
pub(crate) mod payment;
mod portal;
mod register;
mod result;
mod search;
mod slip_links;
mod steps;

use axum::Router;
use axum::routing::{get, post};
use motcua_rules::Role;
use motcua_rules::scope::UnitRef;

use super::i18n;
use super::page::{Authed, Page};
use crate::error::ApiError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/office/intake", get(intake::form).post(intake::submit))
        .route("/office/intake/{code}", get(intake::procedure_form).post(intake::submit_at))
        .route("/office/online", get(inbox::online))
        .route("/office/inbox", get(inbox::inbox))
        .route("/office/inbox/bulk", post(bulk::submit))
        .route("/office/returns", get(inbox::returns))
        .route("/office/search", get(search::search))
        .route("/office/register", get(register::page))
        .route("/office/register.pdf", get(register::pdf))
        .route("/office/register.xlsx", get(register::xlsx))
        .route("/office/dossiers/{ref}", get(dossier::show))
        .route("/office/dossiers/{ref}/act", post(act::act))
        .route("/office/dossiers/{ref}/files/{id}", get(dossier::file))
        .route("/office/dossiers/{ref}/files/{id}/digitise", post(files::digitise))
        .route("/office/dossiers/{ref}/scans", post(files::scan).layer(crate::signatures::body_limit()))
        .route("/office/dossiers/{ref}/result", post(result::prepare).layer(crate::signatures::body_limit()))
        .route("/office/dossiers/{ref}/result/sign", post(result::sign))
        .route(
            "/office/dossiers/{ref}/result/signed",
            post(result::upload_signed).layer(crate::signatures::body_limit()),
        )
        .route("/office/dossiers/{ref}/result/issue", post(result::issue))
        .route("/office/dossiers/{ref}/result/revoke", post(result::revoke))
        .route("/office/documents", get(documents::work))
        .route("/office/documents/register", get(documents::register))
        .route("/office/documents/register/print", get(documents::print))
        .route("/office/documents/register.xlsx", get(documents::xlsx))
        .route("/office/documents/new/{kind}", get(document::new_form).post(document::create))
        .route("/office/documents/{id}", get(document::show))
        .route("/office/documents/{id}/act", post(document::act))
        .route("/office/escalations", get(escalations::page))
        .route("/office/feedback", get(feedback::list))
        .route("/office/feedback/{id}/answer", post(feedback::answer))
        .route("/office/feedback/{id}/forward", post(feedback::forward))
        .route("/office/feedback/{id}/repeat", post(feedback::repeat))
        .route("/office/feedback/{id}/publish", post(feedback::publish))
}

/// The unit a member of staff works in (their scope); 403 for citizens and
/// for staff without a unit.
fn staff_unit(a: &Authed) -> Result<UnitRef, ApiError> {
    a.me.staff_scope()
}

/// Counter officers only, with their unit.
fn counter_unit(a: &Authed) -> Result<UnitRef, ApiError> {
    a.require(&[Role::CounterOfficer])?;
    staff_unit(a)
}

/// A message about `n` things: its `-one` form when `n` is 1 and the
/// language has one (English singular), else the plain one.
fn counted(page: &Page, id: &str, n: i64) -> String {
    let one = format!("{id}-one");
    if n == 1 && i18n::has(page.lang, &one) { page.t1(&one, "n", &n) } else { page.t1(id, "n", &n) }
}

/// Whether an optional form or query value was left empty.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use motcua_rules::dossier::ActionKind;

    use crate::web::i18n::{Lang, has};

    /// The ids the office code builds or names in Rust (the templates'
    /// `t("…")` are checked by `i18n::tests`).
    #[test]
    fn every_message_the_office_code_uses_exists() {
        let mut ids: Vec<String> = Vec::new();
        for kind in ActionKind::ALL {
            // Not offered at the office: the citizen's own actions.
            if matches!(kind, ActionKind::SubmitOnline | ActionKind::ReceiveAtCounter | ActionKind::SubmitSupplement) {
                continue;
            }
            let slug = kind.as_str().replace('_', "-");
            ids.push(format!("office-help-{slug}"));
            ids.push(format!("notice-acted-{slug}"));
        }
        let sources = [
            include_str!("mod.rs"),
            include_str!("intake.rs"),
            include_str!("inbox.rs"),
            include_str!("dossier.rs"),
            include_str!("assign.rs"),
            include_str!("bulk.rs"),
            include_str!("feedback.rs"),
            include_str!("register.rs"),
            include_str!("slip_links.rs"),
            include_str!("../../../templates/office/intake.html"),
            include_str!("../../../templates/office/inbox.html"),
            include_str!("../../../templates/office/queue.html"),
            include_str!("../../../templates/office/dossier.html"),
            include_str!("../../../templates/office/flow_forms.html"),
            include_str!("../../../templates/office/bulk.html"),
            include_str!("../../../templates/office/feedback.html"),
            include_str!("../../../templates/office/register.html"),
        ];
        for text in sources {
            for prefix in ["\"office-", "\"notice-"] {
                for part in text.split(prefix).skip(1) {
                    let rest: String = part
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                        .collect();
                    // `format!("office-help-{slug}")` and the like are covered above.
                    if !rest.is_empty() && !rest.ends_with('-') && part[rest.len()..].starts_with('"') {
                        ids.push(format!("{}{rest}", &prefix[1..]));
                    }
                }
            }
        }
        ids.push("notice-intake-received".into());
        for n in ["answered", "refused", "forwarded", "marked-repeat", "published"] {
            ids.push(format!("notice-feedback-{n}"));
        }
        let missing: Vec<String> = ids
            .iter()
            .flat_map(|id| [Lang::Vi, Lang::En].map(|l| (l, id)))
            .filter(|(l, id)| !has(*l, id))
            .map(|(l, id)| format!("{} {id}", l.code()))
            .collect();
        assert!(ids.len() > 100, "found only {} ids", ids.len());
        assert!(missing.is_empty(), "missing in the catalog: {missing:?}");
    }
}
