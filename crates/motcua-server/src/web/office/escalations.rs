//! `/office/escalations` ("Hồ sơ cần đôn đốc"): the steps overdue in the
//! leader's unit and the units below it, as the escalation scheduler told
//! their leaders (docs/notifications.md), newest first.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::staff_unit;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::format;
use crate::web::page::{Authed, Page, render};

#[derive(Deserialize, Default)]
pub struct Params {
    all: Option<String>,
}

struct Line {
    dossier: String,
    href: String,
    procedure: String,
    step: String,
    unit: String,
    due: String,
    level: String,
    level_class: &'static str,
    at: String,
    open: bool,
}

#[derive(Template)]
#[template(path = "office/escalations.html")]
struct EscalationsPage {
    page: Page,
    lines: Vec<Line>,
    all: bool,
}

pub(super) async fn page(State(state): State<AppState>, a: Authed, Query(p): Query<Params>) -> ApiResult<Response> {
    let unit = staff_unit(&a)?;
    let all = p.all.is_some_and(|v| v == "1");
    let views = state.store.escalations_in(unit.path, !all, 200).await?;
    let page = &a.page;
    let lines = views
        .into_iter()
        .map(|v| {
            let r = v.dossier_code.clone().unwrap_or_else(|| v.dossier_id.to_string());
            Line {
                dossier: v.dossier_code.clone().unwrap_or_else(|| page.t1("office-no-code-ref", "n", &v.dossier_id)),
                href: format!("/office/dossiers/{r}"),
                procedure: v.procedure_name,
                step: page.t1("ntf-esc-step", "n", &(v.step + 1)),
                unit: v.unit_name,
                due: format::datetime(v.due_at),
                level: page.t(&format!("ntf-esc-level-{}", v.level)),
                level_class: if v.level >= 3 { "badge-late" } else { "badge-wait" },
                at: format::datetime(v.created_at),
                open: v.open,
            }
        })
        .collect();
    render(&EscalationsPage { page: a.page, lines, all })
}
