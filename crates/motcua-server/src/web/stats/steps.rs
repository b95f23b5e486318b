//! The dashboard's "per-step timeliness" table: per unit of the subtree,
//! the workflow step visits it finished in the period, how many ended after
//! the step's own due moment, and the working days they took
//! (`routes::stats::step_timeliness`, docs/statistics.md).

use motcua_rules::period::Period;
use motcua_store::model::Unit;

use super::{decimal, percent_text};
use crate::error::ApiResult;
use crate::routes::stats::step_timeliness;
use crate::state::AppState;
use crate::web::format::thousands;
use crate::web::page::Page;

/// One unit's row.
pub(super) struct StepRow {
    pub code: String,
    pub name: String,
    pub finished: String,
    pub late: String,
    pub late_share: String,
    pub average_days: String,
    /// Visits older than per-step deadlines, whose lateness is not known.
    pub unknown: String,
}

pub(super) async fn rows(state: &AppState, page: &Page, unit: &Unit, period: Period) -> ApiResult<Vec<StepRow>> {
    let table = step_timeliness(state, unit, period).await?;
    Ok(table
        .units
        .into_iter()
        .map(|l| StepRow {
            code: l.figures.unit_code,
            name: l.figures.unit_name,
            finished: thousands(l.figures.finished),
            late: thousands(l.figures.late),
            late_share: percent_text(page, l.late_ratio),
            average_days: l.average_days.map_or_else(|| "—".to_owned(), |d| decimal(page, d)),
            unknown: if l.figures.unknown > 0 { thousands(l.figures.unknown) } else { String::new() },
        })
        .collect())
}
