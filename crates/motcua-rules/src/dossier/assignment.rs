//! Assignment (phân công) and return to an earlier step (trả lại): the
//! checks of their own (step 4 of the order in `machine.rs`).
//!
//! - An assignment names one officer of the step's unit (the dossier's
//!   current unit itself, not a unit below it) whose account is active and
//!   whose role is the step's role or leader. It does not change who may act
//!   on the dossier: it only says whose "assigned to me" list it is in
//!   (**decision**, docs/lifecycle.md#assignment). Leaving the step (forward,
//!   return, finish) clears it: the next step's unit assigns anew.
//! - A return sends the dossier back to an earlier step of its stored route,
//!   with a written reason; the clock keeps running (the due date does not
//!   move). The sources name the leader's "trả lại" without a rule on time
//!   (docs/lifecycle.md#return).

use serde::{Deserialize, Serialize};

use super::state::{Context, DossierState};
use crate::error::RuleError;
use crate::role::Role;
use crate::scope::UnitRef;

/// The officer a dossier is to be assigned to, as the store knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignee {
    pub user_id: i64,
    pub role: Role,
    /// The unit the account belongs to; `None` for accounts without one.
    pub unit: Option<UnitRef>,
    /// A deactivated account cannot be given work.
    pub active: bool,
}

/// The field an assignment's errors name.
pub const ASSIGNEE_FIELD: &str = "assignee_id";

/// The field a return's errors name.
pub const TO_STEP_FIELD: &str = "to_step";

/// Whether `assignee` may receive the dossier as it stands. The store runs
/// it again inside the action's transaction with the account as it is
/// then, so that an account deactivated or moved meanwhile is not given work.
pub fn check_assignee(state: &DossierState, assignee: &Assignee) -> Result<(), RuleError> {
    if !assignee.active {
        return Err(RuleError::invalid("assignee_inactive", ASSIGNEE_FIELD));
    }
    if assignee.unit.as_ref().map(|u| u.id) != Some(state.current_unit.id) {
        return Err(RuleError::invalid("assignee_other_unit", ASSIGNEE_FIELD));
    }
    if assignee.role != state.current_role && assignee.role != Role::Leader {
        return Err(RuleError::invalid("assignee_wrong_role", ASSIGNEE_FIELD).arg_each(
            "role",
            state.current_role.name_vi(),
            state.current_role.as_str().replace('_', " "),
        ));
    }
    if state.assigned_user_id == Some(assignee.user_id) {
        return Err(RuleError::invalid("assignee_unchanged", ASSIGNEE_FIELD));
    }
    Ok(())
}

/// Whether the dossier may go back to step `to` (0-based) of its route.
pub(super) fn check_return(state: &DossierState, to: u32, ctx: &Context<'_>) -> Result<(), RuleError> {
    let steps = ctx.workflow.len();
    if to as usize >= steps {
        return Err(RuleError::invalid("return_step_not_found", TO_STEP_FIELD).arg("steps", steps));
    }
    if state.step.is_none_or(|current| to >= current) {
        return Err(RuleError::invalid("return_step_not_earlier", TO_STEP_FIELD)
            .arg("step", to + 1)
            .arg("current", state.step.map_or(0, |s| s + 1)));
    }
    Ok(())
}

#[cfg(test)]
#[path = "assignment_tests.rs"]
mod tests;
