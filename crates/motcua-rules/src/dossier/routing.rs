//! Which unit handles each step of a workflow, for one dossier.
//!
//! A procedure is published once for a whole province, yet a commune
//! procedure is handled by whichever commune received it, and a province
//! procedure by its department wherever it was handed in. So a step names
//! its unit *relative to the dossier* ([`StepUnit`]), and the units are
//! resolved once, when the dossier is created, from the receiving unit, the
//! units above it and the procedure's implementing agency
//! ([`RoutingFacts`]). The result (the dossier's route) is stored with the
//! dossier, so later steps never re-resolve differently after the unit
//! tree or the procedure changes. A step that cannot be resolved refuses
//! the dossier at reception; nothing is ever routed elsewhere silently.
//!
//! Which units may receive a procedure follows from the same facts
//! ([`may_receive`]). See docs/lifecycle.md, "Step units".

use crate::error::RuleError;
use crate::role::Role;
use crate::scope::UnitRef;

use super::workflow::WorkflowStep;

/// Implementing levels where every unit of the level handles the procedure
/// for its own area (one published procedure, thousands of communes).
pub const LOCAL_LEVELS: [&str; 2] = ["commune", "district"];

/// The unit level of a public administrative service centre (Trung tâm
/// Phục vụ hành chính công), which receives for the province's departments.
pub const CENTRE_LEVEL: &str = "centre";

/// Which unit owns a step, relative to the dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepUnit {
    /// The unit whose counter received the dossier.
    Receiving,
    /// The unit that implements the procedure (cơ quan thực hiện): for a
    /// commune or district procedure, the commune (district) the dossier
    /// was received in; otherwise the procedure's agency, wherever the
    /// dossier was received (the owning department for a province
    /// procedure received at the centre).
    Implementing,
    /// The receiving unit itself or the nearest unit above it at `level`.
    Ancestor { level: String },
    /// Always this unit (liên thông to a given agency).
    Fixed(UnitRef),
}

/// One step of a procedure's workflow as published: its unit still to be
/// resolved for each dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepSpec {
    pub name: String,
    pub unit: StepUnit,
    pub role: Role,
    /// This step's share of the statutory time limit, in the limit's unit.
    pub share: u32,
}

/// A unit with what routing needs to know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitFact {
    pub unit: UnitRef,
    /// `province`, `department`, `centre`, `district`, `commune` …
    pub level: String,
    /// For messages.
    pub name: String,
}

/// What a dossier's route is resolved from.
#[derive(Debug, Clone, Copy)]
pub struct RoutingFacts<'a> {
    /// The receiving unit first, then each unit above it up to the root.
    pub upward: &'a [UnitFact],
    /// The procedure's implementing level (`province`, `commune` …).
    pub procedure_level: &'a str,
    /// The procedure's implementing agency as published.
    pub agency: &'a UnitFact,
}

impl<'a> RoutingFacts<'a> {
    /// The receiving unit.
    pub fn receiving(&self) -> Option<&'a UnitFact> {
        self.upward.first()
    }

    /// The receiving unit itself or the nearest unit above it at `level`.
    pub fn ancestor_at(&self, level: &str) -> Option<&'a UnitFact> {
        self.upward.iter().find(|u| u.level == level)
    }

    /// The unit that implements the procedure for this dossier
    /// ([`StepUnit::Implementing`]).
    pub fn implementing(&self) -> Option<&'a UnitFact> {
        if LOCAL_LEVELS.contains(&self.procedure_level) {
            self.ancestor_at(self.procedure_level)
        } else {
            Some(self.agency)
        }
    }
}

/// The unit of each step for one dossier, in step order; or the first step
/// that cannot be resolved, named with the unit that is missing.
pub fn resolve_route(steps: &[StepSpec], facts: &RoutingFacts<'_>) -> Result<Vec<UnitRef>, RuleError> {
    let receiving = facts.receiving().ok_or_else(|| RuleError::invalid_data("unit_not_found"))?;
    steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let found = match &step.unit {
                StepUnit::Receiving => Some(receiving.unit.clone()),
                StepUnit::Fixed(unit) => Some(unit.clone()),
                StepUnit::Implementing => facts.implementing().map(|u| u.unit.clone()),
                StepUnit::Ancestor { level } => facts.ancestor_at(level).map(|u| u.unit.clone()),
            };
            found.ok_or_else(|| {
                let level = match &step.unit {
                    StepUnit::Ancestor { level } => level.as_str(),
                    _ => facts.procedure_level,
                };
                let (level_vi, level_en) = level_names(level);
                RuleError::invalid("step_unit_unresolved", &format!("workflow[{i}].unit"))
                    .arg("step", i + 1)
                    .arg("name", &step.name)
                    .arg("unit", &receiving.name)
                    .arg_each("level", level_vi, level_en)
            })
        })
        .collect()
}

/// The workflow the state machine walks for one dossier: the published
/// steps with the dossier's resolved units.
pub fn workflow_for(steps: &[StepSpec], route: &[UnitRef]) -> Vec<WorkflowStep> {
    steps
        .iter()
        .zip(route)
        .map(|(s, unit)| WorkflowStep { name: s.name.clone(), unit: unit.clone(), role: s.role, share: s.share })
        .collect()
}

/// Whether the receiving unit (`facts.receiving()`) may receive the
/// procedure. By default: for a commune (district) procedure, every
/// commune (district) of the agency's province; for any other procedure,
/// the agency itself and the public service centres of its province.
/// `extra` lists the units an administrator added (a centre that also
/// receives commune procedures, a department's branch office …).
pub fn may_receive(facts: &RoutingFacts<'_>, extra: &[i64]) -> bool {
    let Some(receiving) = facts.receiving() else { return false };
    if extra.contains(&receiving.unit.id) {
        return true;
    }
    let same_province = receiving.unit.root_id() == facts.agency.unit.root_id();
    if LOCAL_LEVELS.contains(&facts.procedure_level) {
        same_province && receiving.level == facts.procedure_level
    } else {
        receiving.unit.id == facts.agency.unit.id || (same_province && receiving.level == CENTRE_LEVEL)
    }
}

/// The refusal when [`may_receive`] says no.
pub fn not_a_receiver(unit_name: &str, procedure_code: &str) -> RuleError {
    RuleError::invalid("receiver_not_allowed", "receiving_unit_code").arg("unit", unit_name).arg("code", procedure_code)
}

/// A unit level's name in Vietnamese and English, for messages and forms.
pub fn level_names(level: &str) -> (&str, &str) {
    match level {
        "province" => ("cấp tỉnh", "province"),
        "department" => ("sở, ban, ngành", "department"),
        CENTRE_LEVEL => ("trung tâm phục vụ hành chính công", "public service centre"),
        "district" => ("cấp huyện", "district"),
        "commune" => ("cấp xã", "commune"),
        "division" => ("phòng, ban", "division"),
        other => (other, other),
    }
}

#[cfg(test)]
#[path = "routing_tests.rs"]
mod tests;
