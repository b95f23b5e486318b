//! Step visits (`dossier_steps`): the history of a dossier's workflow
//! steps with their own due moments, and the per-step timeliness of units.
//!
//! A row is written in the transaction of the action that started the
//! visit and completed by the one that ended it. Which action does that is
//! decided by the rules, by comparing the dossier before and after
//! (`motcua_rules::dossier::step_clock`), so any action, present or
//! future, keeps the history.

use chrono::NaiveDateTime;
use motcua_rules::Role;
use motcua_rules::dossier::DossierState;
use motcua_rules::dossier::step_clock::{running, visit_changed};
use serde::Serialize;

use super::inbox::path_upper_bound;
use crate::db::{Conn, Row};
use crate::model::Dossier;
use crate::{Store, StoreError, params};

/// One visit of one workflow step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepVisit {
    /// The dossier version whose action started the visit.
    pub seq: i64,
    /// The step's index in the workflow.
    pub step: u32,
    pub unit_id: i64,
    pub unit_name: String,
    pub role: Role,
    pub started_at: NaiveDateTime,
    /// `None`: no own deadline (a share of 0), or a visit older than
    /// per-step deadlines (not computed).
    pub due_at: Option<NaiveDateTime>,
    /// `None` while the step runs.
    pub ended_at: Option<NaiveDateTime>,
    /// Ended after its due moment; `None` while running or not known.
    pub late: Option<bool>,
    pub paused_days: u32,
    /// Working days from start to end less the paused days, once ended.
    pub working_days: Option<u32>,
}

/// A unit's finished step visits in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct UnitStepFigures {
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    /// Step visits that ended in the period.
    pub finished: i64,
    /// Of which ended after their own due moment.
    pub late: i64,
    /// Of which lateness is not known (visits older than per-step deadlines).
    pub unknown: i64,
    /// Working days taken, summed over the visits where it is known.
    pub working_days: i64,
    /// The visits whose working days are known.
    pub timed: i64,
}

/// Opens the step visit `seq` of a dossier in state `s` (running a step).
pub(crate) fn open_visit(
    c: &mut dyn Conn,
    dossier_id: i64,
    province_id: i64,
    seq: i64,
    s: &DossierState,
) -> Result<(), StoreError> {
    let started = s.step_started_at.ok_or_else(|| StoreError::internal("a running step without a start"))?;
    c.execute(
        "INSERT INTO dossier_steps (dossier_id, seq, province_id, step, unit_id, role, started_at, due_at, \
         paused_days) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0)",
        params![
            dossier_id,
            seq,
            province_id,
            s.step,
            s.current_unit.id,
            s.current_role.as_str(),
            started,
            s.step_due_at
        ],
    )?;
    Ok(())
}

/// Writes what `next` (the state after an action on `before`) changes in
/// the dossier's step history: ends the open visit, starts a new one (keyed
/// by `seq`, the version the action produces), or moves the open visit's
/// due moment after a pause.
pub(crate) fn record(c: &mut dyn Conn, before: &Dossier, next: &DossierState, seq: i64) -> Result<(), StoreError> {
    let was = running(&before.state);
    let is = running(next);
    if let Some(end) = &next.ended_step {
        c.execute(
            "UPDATE dossier_steps SET ended_at = $1, late = $2, paused_days = $3, working_days = $4 \
             WHERE dossier_id = $5 AND ended_at IS NULL",
            params![end.ended_at, end.late, end.paused_days, end.working_days, before.id],
        )?;
    }
    if is && (!was || visit_changed(&before.state, next)) {
        open_visit(c, before.id, before.province_id, seq, next)?;
    } else if is
        && (next.step_due_at != before.state.step_due_at || next.step_paused_days != before.state.step_paused_days)
    {
        c.execute(
            "UPDATE dossier_steps SET due_at = $1, paused_days = $2 WHERE dossier_id = $3 AND ended_at IS NULL",
            params![next.step_due_at, next.step_paused_days, before.id],
        )?;
    }
    Ok(())
}

/// A dossier's step visits in the order they started (`$1`: the dossier).
pub(crate) const VISITS_SQL: &str = "SELECT s.seq, s.step, s.unit_id, u.name, s.role, s.started_at, s.due_at, \
     s.ended_at, s.late, s.paused_days, s.working_days FROM dossier_steps s JOIN units u ON u.id = s.unit_id \
     WHERE s.dossier_id = $1 ORDER BY s.seq";

pub(crate) fn visit_from_row(r: &Row) -> Result<StepVisit, StoreError> {
    let role = r.str(4)?;
    Ok(StepVisit {
        seq: r.i64(0)?,
        step: r.i64(1)? as u32,
        unit_id: r.i64(2)?,
        unit_name: r.string(3)?,
        role: Role::parse(role).ok_or_else(|| StoreError::internal(format!("unknown role {role}")))?,
        started_at: r.time(5)?,
        due_at: r.opt_time(6)?,
        ended_at: r.opt_time(7)?,
        late: r.opt_i64(8)?.map(|v| v != 0),
        paused_days: r.i64(9)? as u32,
        working_days: r.opt_i64(10)?.map(|v| v as u32),
    })
}

impl Store {
    /// The step visits of a dossier, in the order they started.
    pub async fn dossier_steps(&self, dossier_id: i64) -> Result<Vec<StepVisit>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| c.query(VISITS_SQL, params![dossier_id])?.iter().map(visit_from_row).collect())
        })
        .await
    }

    /// Per unit of the subtree at `scope_path` that finished a step visit
    /// in `[from, to)`: the visits, the late ones and the working days
    /// taken. Reads `dossier_steps_unit_ended`, one range per unit.
    pub async fn step_timeliness(
        &self,
        scope_path: String,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Result<Vec<UnitStepFigures>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query(
                    "SELECT u.id, u.code, u.name, COUNT(*), \
                     CAST(SUM(CASE WHEN s.late THEN 1 ELSE 0 END) AS BIGINT), \
                     CAST(SUM(CASE WHEN s.late IS NULL THEN 1 ELSE 0 END) AS BIGINT), \
                     CAST(SUM(COALESCE(s.working_days, 0)) AS BIGINT), \
                     CAST(SUM(CASE WHEN s.working_days IS NULL THEN 0 ELSE 1 END) AS BIGINT) \
                     FROM dossier_steps s JOIN units u ON u.id = s.unit_id \
                     WHERE u.path >= $1 AND u.path < $2 AND s.ended_at >= $3 AND s.ended_at < $4 \
                     GROUP BY u.id, u.code, u.name, u.path ORDER BY u.path",
                    params![scope_path.as_str(), path_upper_bound(&scope_path), from, to],
                )?
                .iter()
                .map(|r| {
                    Ok(UnitStepFigures {
                        unit_id: r.i64(0)?,
                        unit_code: r.string(1)?,
                        unit_name: r.string(2)?,
                        finished: r.i64(3)?,
                        late: r.i64(4)?,
                        unknown: r.i64(5)?,
                        working_days: r.i64(6)?,
                        timed: r.i64(7)?,
                    })
                })
                .collect()
            })
        })
        .await
    }
}
