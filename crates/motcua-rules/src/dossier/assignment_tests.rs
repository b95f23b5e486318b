use chrono::NaiveDateTime;

use super::*;
use crate::calendar::WorkCalendar;
use crate::dossier::{Action, ActionKind, Actor, Status, WorkflowStep, allowed_actions, apply, receive_at_counter};
use crate::error::ErrorKind;
use crate::time_limit::TimeLimit;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn unit(id: i64, path: &str) -> UnitRef {
    UnitRef { id, path: path.into() }
}

/// A commune 2 receives; department 3 checks (specialist), then decides
/// (leader); a third step at department 3's office 4 issues the result.
struct World {
    calendar: WorkCalendar,
    workflow: Vec<WorkflowStep>,
    counter: Actor,
    specialist: Actor,
    leader: Actor,
}

impl World {
    fn new() -> World {
        let dept = unit(3, "/1/3/");
        World {
            calendar: WorkCalendar::vietnam(),
            workflow: vec![
                WorkflowStep { name: "Thẩm định".into(), unit: dept.clone(), role: Role::Specialist, share: 3 },
                WorkflowStep { name: "Phê duyệt".into(), unit: dept.clone(), role: Role::Leader, share: 1 },
                WorkflowStep { name: "Ban hành".into(), unit: unit(4, "/1/3/4/"), role: Role::Specialist, share: 1 },
            ],
            counter: Actor { user_id: 10, role: Role::CounterOfficer, unit: Some(unit(2, "/1/2/")) },
            specialist: Actor { user_id: 11, role: Role::Specialist, unit: Some(dept.clone()) },
            leader: Actor { user_id: 12, role: Role::Leader, unit: Some(dept) },
        }
    }

    fn ctx(&self, now: &str) -> Context<'_> {
        Context { calendar: &self.calendar, limit: TimeLimit::working_days(5), workflow: &self.workflow, now: at(now) }
    }

    /// Received Monday 2025-03-03 and forwarded to step `step` (0-based).
    fn at_step(&self, step: u32) -> DossierState {
        let ctx = self.ctx("2025-03-03 09:00");
        let mut s = receive_at_counter(unit(2, "/1/2/"), &self.counter, &ctx).unwrap();
        s = apply(&s, &self.counter, &Action::Forward, None, &ctx).unwrap();
        for _ in 0..step {
            let who = if s.current_role == Role::Leader { &self.leader } else { &self.specialist };
            let who =
                if s.current_unit.id == 4 { &Actor { unit: Some(unit(4, "/1/3/4/")), ..who.clone() } } else { who };
            s = apply(&s, who, &Action::Forward, None, &ctx).unwrap();
        }
        assert_eq!(s.step, Some(step));
        s
    }

    fn officer(&self, user_id: i64, role: Role, unit_id: i64) -> Assignee {
        let path = if unit_id == 3 { "/1/3/" } else { "/1/9/" };
        Assignee { user_id, role, unit: Some(unit(unit_id, path)), active: true }
    }
}

fn assign(to: Assignee) -> Action {
    Action::Assign { assignee: to }
}

#[test]
fn the_leader_or_the_steps_role_assigns_an_officer_of_the_steps_unit() {
    let w = World::new();
    let ctx = w.ctx("2025-03-04 09:00");
    let s = w.at_step(0);
    let s = apply(&s, &w.leader, &assign(w.officer(21, Role::Specialist, 3)), None, &ctx).unwrap();
    assert_eq!(s.assigned_user_id, Some(21));
    // Status, step and clock unchanged.
    assert_eq!((s.status, s.step, s.due_at), (Status::InProcess, Some(0), w.at_step(0).due_at));
    // Reassignment by a specialist of the step, to a leader of the unit.
    let s = apply(&s, &w.specialist, &assign(w.officer(12, Role::Leader, 3)), None, &ctx).unwrap();
    assert_eq!(s.assigned_user_id, Some(12));
    // Forwarding clears it: the next step's unit assigns anew.
    let s = apply(&s, &w.specialist, &Action::Forward, None, &ctx).unwrap();
    assert_eq!((s.step, s.assigned_user_id), (Some(1), None));
}

#[test]
fn assignment_refuses_other_units_deactivated_accounts_and_wrong_roles() {
    let w = World::new();
    let ctx = w.ctx("2025-03-04 09:00");
    let s = w.at_step(0);
    let refused = |to: Assignee| {
        let e = apply(&s, &w.leader, &assign(to), None, &ctx).unwrap_err();
        assert_eq!((e.kind, e.field.as_deref()), (ErrorKind::Invalid, Some(ASSIGNEE_FIELD)));
        e.code
    };
    assert_eq!(refused(w.officer(21, Role::Specialist, 9)), "assignee_other_unit");
    // A unit below the step's unit is another unit too.
    let below = Assignee { unit: Some(unit(4, "/1/3/4/")), ..w.officer(21, Role::Specialist, 3) };
    assert_eq!(refused(below), "assignee_other_unit");
    assert_eq!(refused(Assignee { active: false, ..w.officer(21, Role::Specialist, 3) }), "assignee_inactive");
    assert_eq!(refused(w.officer(21, Role::CounterOfficer, 3)), "assignee_wrong_role");
    assert_eq!(refused(Assignee { unit: None, ..w.officer(21, Role::Specialist, 3) }), "assignee_other_unit");
    let assigned = apply(&s, &w.leader, &assign(w.officer(21, Role::Specialist, 3)), None, &ctx).unwrap();
    let e = apply(&assigned, &w.leader, &assign(w.officer(21, Role::Specialist, 3)), None, &ctx).unwrap_err();
    assert_eq!(e.code, "assignee_unchanged");
}

#[test]
fn only_the_step_owner_assigns_and_only_while_in_process() {
    let w = World::new();
    let ctx = w.ctx("2025-03-04 09:00");
    let s = w.at_step(0);
    let to = w.officer(21, Role::Specialist, 3);
    // The counter of the receiving commune does not own the department's step.
    let e = apply(&s, &w.counter, &assign(to.clone()), None, &ctx).unwrap_err();
    assert_eq!(e.code, "not_step_owner");
    let received = receive_at_counter(unit(2, "/1/2/"), &w.counter, &ctx).unwrap();
    let e = apply(&received, &w.counter, &assign(to.clone()), None, &ctx).unwrap_err();
    assert_eq!(e.code, "action_not_allowed_in_status");
    let citizen = Actor { user_id: 13, role: Role::Citizen, unit: None };
    let e = apply(&s, &citizen, &assign(to), None, &ctx).unwrap_err();
    assert_eq!(e.code, "role_not_allowed");
    assert!(allowed_actions(&s, &w.leader, &ctx).contains(&ActionKind::Assign));
    assert!(!allowed_actions(&s, &w.counter, &ctx).contains(&ActionKind::Assign));
}

#[test]
fn a_return_goes_to_an_earlier_step_of_the_route_and_the_clock_runs_on() {
    let w = World::new();
    let ctx = w.ctx("2025-03-05 09:00");
    let s = w.at_step(1);
    let s = apply(&s, &w.leader, &assign(w.officer(12, Role::Leader, 3)), None, &ctx).unwrap();
    let back =
        apply(&s, &w.leader, &Action::ReturnToStep { to_step: 0 }, Some("Thiếu ý kiến thẩm định"), &ctx).unwrap();
    assert_eq!((back.status, back.step, back.current_role), (Status::InProcess, Some(0), Role::Specialist));
    assert_eq!(back.current_unit.id, 3);
    assert_eq!(back.due_at, s.due_at, "the due date does not move");
    assert_eq!(back.assigned_user_id, None, "the assignment ends with the step");
    // From the third step (another unit), back to the first.
    let third = w.at_step(2);
    let officer = Actor { user_id: 30, role: Role::Specialist, unit: Some(unit(4, "/1/3/4/")) };
    let back = apply(&third, &officer, &Action::ReturnToStep { to_step: 0 }, Some("Sai số liệu"), &ctx).unwrap();
    assert_eq!((back.step, back.current_unit.id), (Some(0), 3));
}

#[test]
fn a_return_refuses_missing_and_later_steps_and_needs_a_reason() {
    let w = World::new();
    let ctx = w.ctx("2025-03-05 09:00");
    let s = w.at_step(1);
    let back = |to_step: u32, note: Option<&str>| {
        apply(&s, &w.leader, &Action::ReturnToStep { to_step }, note, &ctx).unwrap_err()
    };
    let e = back(7, Some("x"));
    assert_eq!((e.code, e.field.as_deref()), ("return_step_not_found", Some(TO_STEP_FIELD)));
    let e = back(1, Some("x"));
    assert_eq!((e.code, e.field.as_deref()), ("return_step_not_earlier", Some(TO_STEP_FIELD)));
    let e = back(2, Some("x"));
    assert_eq!(e.code, "return_step_not_earlier");
    let e = back(0, Some("   "));
    assert_eq!((e.code, e.field.as_deref()), ("required", Some("note")));
    // At the first step there is nothing earlier: not offered, refused.
    let first = w.at_step(0);
    assert!(!allowed_actions(&first, &w.specialist, &ctx).contains(&ActionKind::ReturnToStep));
    assert!(allowed_actions(&s, &w.leader, &ctx).contains(&ActionKind::ReturnToStep));
    let e = apply(&first, &w.specialist, &Action::ReturnToStep { to_step: 0 }, Some("x"), &ctx).unwrap_err();
    assert_eq!(e.code, "return_step_not_earlier");
    // The counter officer never returns.
    let e = apply(&s, &w.counter, &Action::ReturnToStep { to_step: 0 }, Some("x"), &ctx).unwrap_err();
    assert_eq!(e.code, "role_not_allowed");
}
