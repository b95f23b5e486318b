//! The dossier page's per-step table: for each step visit the unit, when it
//! started and ended, its own due moment and whether it was late — "the
//! time taken by each unit taking part in the handling (including
//! cooperating units)" that the 766 evaluation asks for
//! (docs/sources.md#766-end-time; per-step deadlines in docs/lifecycle.md).

use motcua_rules::dossier::step_clock;
use motcua_store::StepVisit;
use motcua_store::model::{Dossier, ProcedureVersion};

use crate::state::AppState;
use crate::web::format;
use crate::web::page::Page;
use crate::web::public::due;

/// One row of the table.
pub(super) struct StepLine {
    /// `Bước 1 · Thẩm định`.
    pub step: String,
    pub unit: String,
    pub role: String,
    pub started: String,
    /// The own due moment, or why there is none.
    pub due: String,
    /// The end, or "running".
    pub ended: String,
    /// Working days taken (less the paused days), or a dash.
    pub days: String,
    pub result: String,
    pub result_class: &'static str,
    /// Ended late, or running past its due moment: the row is flagged.
    pub late: bool,
}

/// The step visits of `d`, as rows in the page's language.
pub(super) fn lines(
    state: &AppState,
    page: &Page,
    visits: Vec<StepVisit>,
    d: &Dossier,
    version: &ProcedureVersion,
) -> Vec<StepLine> {
    let now = state.now();
    visits.into_iter().map(|v| line(page, v, d, version, now)).collect()
}

fn line(page: &Page, v: StepVisit, d: &Dossier, version: &ProcedureVersion, now: chrono::NaiveDateTime) -> StepLine {
    let name = version.steps.get(v.step as usize).map_or_else(String::new, |s| s.name.clone());
    let overdue = v.ended_at.is_none() && step_clock::step_overdue(v.due_at, d.state.paused_at, now);
    let (result, result_class) = match (v.ended_at, v.late) {
        (None, _) if overdue => ("office-step-overdue", "badge-late"),
        (None, _) => ("office-steps-running", "badge-progress"),
        (Some(_), Some(true)) => ("office-steps-late", "badge-late"),
        (Some(_), Some(false)) => ("office-steps-on-time", "badge-done"),
        (Some(_), None) => ("office-steps-unknown", "badge-closed"),
    };
    let due_text = match v.due_at {
        Some(t) => due(t),
        // A visit that ended before per-step deadlines existed.
        None if v.late.is_none() && v.ended_at.is_some() => page.t("office-steps-unknown"),
        None => page.t("office-steps-no-due"),
    };
    StepLine {
        step: page.t2("office-steps-step", ("n", &(v.step + 1)), ("name", &name)),
        unit: v.unit_name,
        role: page.t(&format!("role-{}", v.role.as_str())),
        started: format::datetime(v.started_at),
        due: due_text,
        ended: v.ended_at.map_or_else(|| page.t("office-steps-running"), format::datetime),
        days: v.working_days.map_or_else(|| "—".to_owned(), |n| n.to_string()),
        result: page.t(result),
        result_class,
        late: v.late == Some(true) || overdue,
    }
}
