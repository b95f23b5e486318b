//! Per-step deadlines: each workflow step's own due moment, from its share
//! of the procedure's time limit.
//!
//! A step *visit* starts when the dossier enters a step (it is forwarded
//! into it, or sent back to it) and ends when it leaves it (forwarded on,
//! sent back, finished, stopped or withdrawn). A visit change is detected
//! generically, by comparing the state before and after any action
//! ([`visit_changed`]): the step index, the unit or the role whose inbox
//! holds the dossier changed, or the dossier closed. So every action of the
//! state machine, present or future, keeps the step clock without a line of
//! its own.
//!
//! The arithmetic is the dossier's own ([`WorkCalendar::deadline`] and
//! [`WorkCalendar::extend_for_pause`], docs/sources.md#deadlines): the
//! visit's start counts like a reception, with a limit of `share` in the
//! procedure limit's unit; a supplement pause moves the running step's due
//! moment exactly as it moves the dossier's.
//!
//! **Decision** (the sources give a time only to the whole procedure and
//! ask, for the 766 evaluation, for "the time taken by each unit taking
//! part", docs/sources.md#766-end-time): a step with a share of 0 has no
//! own due moment and is never late; a step visited twice (after a return)
//! gets its full share again on each visit. See docs/lifecycle.md,
//! "Per-step deadlines".

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::state::{Context, DossierState};
use crate::calendar::{Timeliness, WorkCalendar};
use crate::error::RuleError;
use crate::time_limit::TimeLimit;

/// A step visit that an action has just ended: what storage writes to the
/// step's history row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepEnd {
    /// The index of the step that ended.
    pub step: u32,
    /// When the visit ended: the action's time.
    pub ended_at: NaiveDateTime,
    /// Finished after its own due moment (the clock stopped at an
    /// unanswered supplement request, as for the dossier).
    pub late: bool,
    /// Working days the step waited for supplements.
    pub paused_days: u32,
    /// Working days from the start to the end of the visit, less the paused
    /// days (counted like `DossierState::processing_days`); `None` when the
    /// start is unknown (a visit begun before per-step deadlines existed).
    pub working_days: Option<u32>,
}

/// Whether a workflow step is running: the dossier is in a step and not
/// closed (a finished dossier waits at the counter, which is no step).
pub fn running(state: &DossierState) -> bool {
    state.step.is_some() && !state.status.is_closed()
}

/// Whether an action moved the dossier out of its step visit into another
/// one (or out of any): the step index, the unit or the role holding it
/// changed, or the dossier closed.
pub fn visit_changed(before: &DossierState, after: &DossierState) -> bool {
    before.step != after.step
        || before.current_unit.id != after.current_unit.id
        || before.current_role != after.current_role
        || (running(before) && !running(after))
}

/// The own due moment of a step with `share` (in the unit of `limit`)
/// started at `started`; `None` for a share of 0 (no own deadline).
pub fn step_due(
    calendar: &WorkCalendar,
    limit: TimeLimit,
    share: u32,
    started: NaiveDateTime,
) -> Result<Option<NaiveDateTime>, RuleError> {
    if share == 0 {
        return Ok(None);
    }
    Ok(Some(calendar.deadline(started, TimeLimit::new(share, limit.unit))?))
}

/// Whether the running step is past its own due moment at `now`. While the
/// dossier waits for a supplement the clock stands at the request
/// (`paused_at`), as the dossier's does.
pub fn step_overdue(step_due_at: Option<NaiveDateTime>, paused_at: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    step_due_at.is_some_and(|due| paused_at.unwrap_or(now) > due)
}

/// The per-step timeliness of a unit (docs/statistics.md, "Per-step
/// timeliness"): the share of its finished step visits that ended late,
/// out of those whose lateness is known; `None` when none is.
pub fn late_ratio(late: i64, finished: i64, unknown: i64) -> Option<f64> {
    let known = finished - unknown;
    (known > 0).then(|| late as f64 / known as f64)
}

/// The average working days a unit's step visits took, over those whose
/// working days are known; `None` when none is.
pub fn average_days(working_days: i64, timed: i64) -> Option<f64> {
    (timed > 0).then(|| working_days as f64 / timed as f64)
}

/// Keeps the step clock of `next` (the state an action produced from
/// `before`): ends the visit that was left (into `next.ended_step`), starts
/// the one entered, or, in the same visit, moves its due moment by a pause
/// that just ended. Called by [`super::apply`] after every action.
pub fn follow(before: &DossierState, next: &mut DossierState, ctx: &Context<'_>) -> Result<(), RuleError> {
    next.ended_step = None;
    let was = running(before);
    let is = running(next);
    let changed = visit_changed(before, next);
    if was && (changed || !is) {
        next.ended_step = Some(end_visit(before, ctx)?);
    }
    if is && (changed || !was) {
        let share = next.step.and_then(|i| ctx.workflow.get(i as usize)).map_or(0, |s| s.share);
        next.step_started_at = Some(ctx.now);
        next.step_due_at = step_due(ctx.calendar, ctx.limit, share, ctx.now)?;
        next.step_paused_days = 0;
    } else if is {
        // The same visit goes on; a supplement received ends a pause.
        if let (Some(paused), None, Some(due)) = (before.paused_at, next.paused_at, before.step_due_at) {
            next.step_due_at = Some(ctx.calendar.extend_for_pause(due, ctx.limit, paused, ctx.now)?);
        }
        next.step_paused_days += next.paused_days.saturating_sub(before.paused_days);
    } else {
        next.step_started_at = None;
        next.step_due_at = None;
        next.step_paused_days = 0;
    }
    Ok(())
}

/// The end of the visit `before` was in, ended by an action at `ctx.now`.
fn end_visit(before: &DossierState, ctx: &Context<'_>) -> Result<StepEnd, RuleError> {
    // An unanswered supplement request stops the clock at the request.
    let end = before.paused_at.unwrap_or(ctx.now);
    let late = before.step_due_at.is_some_and(|due| ctx.calendar.classify(due, end) == Timeliness::Late);
    let working_days = match before.step_started_at {
        Some(started) => {
            let worked = ctx.calendar.working_days_between(started.date(), end.date())?;
            Some(u32::try_from(worked).unwrap_or(0).saturating_sub(before.step_paused_days))
        }
        None => None,
    };
    Ok(StepEnd {
        step: before.step.unwrap_or(0),
        ended_at: ctx.now,
        late,
        paused_days: before.step_paused_days,
        working_days,
    })
}

#[cfg(test)]
#[path = "step_clock_tests.rs"]
mod tests;
