//! `POST /office/inbox/bulk`: a leader's bulk approval from the inbox. The
//! inbox's checkboxes send `item=reference:version` for each selected row
//! and one `action` (forward, or finish at the last step); the page that
//! answers lists each dossier with what was done or why it was refused, in
//! the user's language. The work is the API's (`routes::flow::run_bulk`):
//! one transaction per dossier, nothing else affected by a refusal.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use motcua_rules::dossier::ActionKind;

use super::staff_unit;
use crate::error::{ApiError, ApiResult};
use crate::routes::flow::{BULK_ACTIONS, BulkItem, BulkRequest, check_bulk, run_bulk};
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::format;
use crate::web::page::{Authed, Page, render};

/// The bulk actions the inbox offers, in this order.
pub const BULK_CHOICES: [ActionKind; 2] = BULK_ACTIONS;

/// One dossier of the result page.
struct Line {
    reference: String,
    href: String,
    ok: bool,
    /// The new status, or why it was refused.
    text: String,
}

#[derive(Template)]
#[template(path = "office/bulk.html")]
struct BulkPage {
    page: Page,
    action: String,
    lines: Vec<Line>,
    /// `3 done, 1 refused.`
    summary: String,
    /// A request wrong as a whole (nothing selected, another action).
    error: Option<String>,
}

/// The selected rows: `reference:version` each. A value that does not
/// read as one is passed on with version 0, so it is refused and listed.
fn items(fields: &[(String, String)]) -> Vec<BulkItem> {
    fields
        .iter()
        .filter(|(k, _)| k == "item")
        .map(|(_, v)| match v.rsplit_once(':') {
            Some((r, ver)) => BulkItem { dossier: r.to_owned(), version: ver.trim().parse().unwrap_or(0) },
            None => BulkItem { dossier: v.clone(), version: 0 },
        })
        .collect()
}

pub async fn submit(
    State(state): State<AppState>,
    a: Authed,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> ApiResult<Response> {
    staff_unit(&a)?;
    let action = fields.iter().find(|(k, _)| k == "action").map(|(_, v)| v.trim().to_owned()).unwrap_or_default();
    let req = BulkRequest { action: action.clone(), note: None, items: items(&fields) };
    let page = &a.page;
    let english = page.lang.english();
    let (lines, succeeded, refused, error) = match check_bulk(&a.me, &req) {
        Ok(kind) => {
            let result = run_bulk(&state, &a.me, kind, None, req.items, english).await;
            let lines = result
                .results
                .into_iter()
                .map(|r| Line {
                    href: format!("/office/dossiers/{}", r.code.clone().unwrap_or_else(|| r.dossier.clone())),
                    reference: r.code.clone().unwrap_or_else(|| r.dossier.clone()),
                    ok: r.ok,
                    text: match (r.status, r.error) {
                        (Some(s), _) => if english { s.name_en } else { s.name_vi }.to_owned(),
                        (None, Some(e)) => e.message,
                        (None, None) => String::new(),
                    },
                })
                .collect();
            (lines, result.succeeded, result.refused, None)
        }
        // Not a leader: the page is not theirs.
        Err(e) if e.status.as_u16() == 403 => return Err(e),
        Err(e) if e.code == "required" => (Vec::new(), 0, 0, Some(page.t("office-bulk-none"))),
        Err(e) => (Vec::new(), 0, 0, Some(page.error_text(&e))),
    };
    let action = ActionKind::parse(&action).map_or_else(String::new, |k| format::action(k, page.lang));
    let summary = page.t2("office-bulk-summary", ("ok", &succeeded), ("refused", &refused));
    let mut res = render(&BulkPage { action, lines, summary, error: error.clone(), page: a.page })?;
    if error.is_some() {
        *res.status_mut() = ApiError::unprocessable("required", "items").status;
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selected_rows_read_as_reference_and_version() {
        let fields = vec![
            ("_csrf".to_owned(), "t".to_owned()),
            ("item".to_owned(), "H11.100-260306-0001:4".to_owned()),
            ("action".to_owned(), "finish".to_owned()),
            ("item".to_owned(), "17:x".to_owned()),
            ("item".to_owned(), "garbage".to_owned()),
        ];
        let got: Vec<(String, i64)> = items(&fields).into_iter().map(|i| (i.dossier, i.version)).collect();
        assert_eq!(got, vec![("H11.100-260306-0001".into(), 4), ("17".into(), 0), ("garbage".into(), 0)]);
    }
}
