//! The escalation scheduler's job: one round
//! ([`motcua_store::Store::escalation_round`]) at the state's "now" on the
//! calendar in use, and a log line per level written (the dossier's id and
//! the level: no personal data).

use motcua_store::EscalationReport;

use crate::error::ApiResult;
use crate::state::AppState;

/// One round of the scheduler.
pub async fn escalate_round(state: &AppState) -> ApiResult<EscalationReport> {
    let report = state.store.escalation_round(&state.calendar(), state.now()).await?;
    for (dossier_id, level) in &report.written {
        tracing::info!(dossier.id = dossier_id, escalation.level = level.as_str(), "escalated");
    }
    for dossier_id in &report.skipped {
        // A due moment in a year the calendar has no data for: tried again
        // next round.
        tracing::warn!(dossier.id = dossier_id, "cannot escalate the step: no calendar for its due moment");
    }
    Ok(report)
}
