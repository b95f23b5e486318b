//! A procedure's workflow: the ordered processing steps between reception
//! and the return of the result.
//!
//! Reception and the return of the result happen at the counter of the
//! receiving unit and are not steps here; the steps are the handling in
//! between, each owned by a unit and a role, possibly in other units
//! (liên thông).

use serde::{Deserialize, Serialize};

use crate::error::RuleError;
use crate::role::Role;
use crate::scope::UnitRef;
use crate::time_limit::TimeLimit;

use super::routing::{StepSpec, StepUnit};

/// One processing step ("Bước n") of one dossier: its unit resolved
/// ([`super::routing::resolve_route`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowStep {
    pub name: String,
    pub unit: UnitRef,
    pub role: Role,
    /// This step's share of the statutory time limit, in the limit's unit.
    pub share: u32,
}

/// Checks a published workflow against its procedure's time limit.
pub fn check_workflow(steps: &[StepSpec], limit: TimeLimit) -> Result<(), RuleError> {
    if steps.is_empty() {
        return Err(RuleError::invalid("workflow_empty", "workflow"));
    }
    for (i, step) in steps.iter().enumerate() {
        if step.name.trim().is_empty() {
            return Err(RuleError::invalid("required", &format!("workflow[{i}].name")).arg("case", "step-name"));
        }
        if !matches!(step.role, Role::Specialist | Role::Leader | Role::CounterOfficer) {
            return Err(RuleError::invalid("workflow_step_role", &format!("workflow[{i}].role")));
        }
        if let StepUnit::Ancestor { level } = &step.unit
            && level.trim().is_empty()
        {
            return Err(RuleError::invalid("step_unit_level_required", &format!("workflow[{i}].unit_level")));
        }
    }
    let total: u64 = steps.iter().map(|s| u64::from(s.share)).sum();
    if total > u64::from(limit.amount) {
        return Err(RuleError::invalid("workflow_shares_exceed_limit", "workflow")
            .arg("total", total)
            .arg("amount", limit.amount)
            .arg_each("unit", limit.unit.name_vi(), limit.unit.as_str()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(share: u32) -> StepSpec {
        StepSpec {
            name: "Thẩm định".into(),
            unit: StepUnit::Fixed(UnitRef { id: 2, path: "/1/2/".into() }),
            role: Role::Specialist,
            share,
        }
    }

    #[test]
    fn shares_may_not_exceed_the_limit() {
        let limit = TimeLimit::working_days(5);
        assert!(check_workflow(&[step(3), step(2)], limit).is_ok());
        let err = check_workflow(&[step(3), step(3)], limit).unwrap_err();
        assert_eq!(err.code, "workflow_shares_exceed_limit");
        assert_eq!(check_workflow(&[], limit).unwrap_err().code, "workflow_empty");
    }

    #[test]
    fn citizens_do_not_own_steps() {
        let mut s = step(1);
        s.role = Role::Citizen;
        let err = check_workflow(&[s], TimeLimit::working_days(5)).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("workflow[0].role"));
    }

    #[test]
    fn an_ancestor_step_names_its_level() {
        let mut s = step(1);
        s.unit = StepUnit::Ancestor { level: " ".into() };
        let err = check_workflow(&[s], TimeLimit::working_days(5)).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("workflow[0].unit_level"));
    }
}
