//! What the rules need to know about a dossier, and who is acting on it.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::Status;
use crate::calendar::{Timeliness, WorkCalendar};
use crate::role::Role;
use crate::scope::UnitRef;
use crate::time_limit::TimeLimit;

use super::step_clock::StepEnd;
use super::workflow::WorkflowStep;

/// The lifecycle part of a dossier. Storage keeps these fields as columns;
/// the rules compute the next value from the current one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierState {
    pub status: Status,
    /// Index of the current workflow step; `None` before the first forward.
    pub step: Option<u32>,
    /// Where the dossier waits now: the unit and role whose inbox holds it.
    pub current_unit: UnitRef,
    pub current_role: Role,
    /// The unit whose counter received it and returns the result.
    pub receiving_unit: UnitRef,
    /// The citizen account that submitted it online, if any.
    pub owner_user_id: Option<i64>,
    pub received_at: Option<NaiveDateTime>,
    /// The due moment (ngày hẹn trả); set at reception.
    pub due_at: Option<NaiveDateTime>,
    /// Set while the clock is stopped for a supplement after reception.
    pub paused_at: Option<NaiveDateTime>,
    /// The status to go back to when the citizen supplements or pays.
    pub resume_status: Option<Status>,
    /// Supplement requests made after reception. More than one makes the
    /// dossier late whatever its dates (766 spec, docs/sources.md#766-end-time).
    pub supplement_count: u32,
    /// The apology-and-reschedule has been used (at most once).
    pub rescheduled: bool,
    /// Working days spent waiting for supplements so far (excluded from
    /// the processing time, docs/sources.md#766-end-time and #deadlines).
    pub paused_days: u32,
    /// Working days from reception to the end of handling, less the
    /// paused days; set when the handling is finished (status 9).
    pub processing_days: Option<u32>,
    /// When the handling ended (statuses 3, 7, 8, 9; 10 keeps 9's time).
    pub finished_at: Option<NaiveDateTime>,
    /// When the running workflow step began (the dossier entered it);
    /// `None` at the counter and once closed (`super::step_clock`).
    #[serde(default)]
    pub step_started_at: Option<NaiveDateTime>,
    /// The running step's own due moment, from its share of the limit;
    /// `None` when no step runs or the step has no share.
    #[serde(default)]
    pub step_due_at: Option<NaiveDateTime>,
    /// Working days the running step has waited for supplements.
    #[serde(default)]
    pub step_paused_days: u32,
    /// The step visit that the action producing this state ended, for
    /// storage to write into the step's history. Not stored: `None` on a
    /// dossier read back.
    #[serde(default, skip)]
    pub ended_step: Option<StepEnd>,
    /// The officer the current step was assigned to (phân công); cleared
    /// whenever the dossier leaves the step.
    pub assigned_user_id: Option<i64>,
    /// When the owner last sent a supplement online while the counter has
    /// not yet accepted it (`SupplementReceived`) or asked again
    /// (`RequestSupplement`): "arrived, waiting to be checked". Only set in
    /// status 5; the clock stays stopped meanwhile.
    #[serde(default)]
    pub supplement_arrived_at: Option<NaiveDateTime>,
}

impl DossierState {
    /// Early, on time or late: for a closed dossier as it ended; for an
    /// open one as it stands at `now`. `None` before reception.
    ///
    /// Follows the 766 end-time rules (docs/sources.md#766-end-time): the
    /// end is the closing time; an unanswered supplement request ends at the request;
    /// an open dossier ends "now"; more than one supplement request is late.
    pub fn timeliness(&self, now: NaiveDateTime, calendar: &WorkCalendar) -> Option<Timeliness> {
        let due = self.due_at?;
        if self.supplement_count > 1 {
            return Some(Timeliness::Late);
        }
        // `paused_at` is only kept while the clock is stopped (or when the
        // dossier closed while waiting for a supplement): then the clock
        // stopped at the request.
        let end = self.paused_at.or(self.finished_at).unwrap_or(now);
        Some(calendar.classify(due, end))
    }
}

/// The person acting, as established by authentication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub role: Role,
    /// The unit a member of staff belongs to; `None` for citizens.
    pub unit: Option<UnitRef>,
}

impl Actor {
    /// Staff whose unit subtree contains `unit`.
    pub fn has_scope_over(&self, unit: &UnitRef) -> bool {
        self.role.is_staff() && self.unit.as_ref().is_some_and(|u| u.contains(unit))
    }
}

/// Everything besides the dossier that a rule may consult.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub calendar: &'a WorkCalendar,
    pub limit: TimeLimit,
    pub workflow: &'a [WorkflowStep],
    /// Local wall-clock time of the action (the caller's clock).
    pub now: NaiveDateTime,
}
