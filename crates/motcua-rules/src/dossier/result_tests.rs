use chrono::NaiveDateTime;

use super::*;
use crate::calendar::WorkCalendar;
use crate::dossier::{Action, Context, WorkflowStep, apply, submit_online};
use crate::error::ErrorKind;
use crate::scope::UnitRef;
use crate::time_limit::TimeLimit;

fn unit(id: i64, path: &str) -> UnitRef {
    UnitRef { id, path: path.into() }
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// A commune (2) receives; a department (3) examines and approves.
struct World {
    calendar: WorkCalendar,
    workflow: Vec<WorkflowStep>,
    counter: Actor,
    specialist: Actor,
    leader: Actor,
    other_leader: Actor,
}

impl World {
    fn new() -> Self {
        let dept = unit(3, "/1/3/");
        World {
            calendar: WorkCalendar::vietnam(),
            workflow: vec![WorkflowStep {
                name: "Thẩm định".into(),
                unit: dept.clone(),
                role: Role::Specialist,
                share: 5,
            }],
            counter: Actor { user_id: 10, role: Role::CounterOfficer, unit: Some(unit(2, "/1/2/")) },
            specialist: Actor { user_id: 11, role: Role::Specialist, unit: Some(dept.clone()) },
            leader: Actor { user_id: 12, role: Role::Leader, unit: Some(dept) },
            other_leader: Actor { user_id: 14, role: Role::Leader, unit: Some(unit(4, "/1/4/")) },
        }
    }

    fn in_process(&self) -> DossierState {
        let citizen = Actor { user_id: 13, role: Role::Citizen, unit: None };
        let ctx = Context {
            calendar: &self.calendar,
            limit: TimeLimit::working_days(5),
            workflow: &self.workflow,
            now: at("2026-03-02 09:00"),
        };
        let s = submit_online(unit(2, "/1/2/"), &citizen).unwrap();
        let s = apply(&s, &self.counter, &Action::Receive, None, &ctx).unwrap();
        let s = apply(&s, &self.counter, &Action::Forward, None, &ctx).unwrap();
        assert_eq!(s.status, Status::InProcess);
        s
    }

    fn handled(&self) -> DossierState {
        DossierState { status: Status::Handled, ..self.in_process() }
    }
}

fn code(r: Result<(), RuleError>) -> &'static str {
    r.unwrap_err().code
}

#[test]
fn states_round_trip_through_their_names() {
    for s in ResultState::ALL {
        assert_eq!(ResultState::parse(s.as_str()), Some(s));
    }
    assert_eq!(ResultState::parse("draft"), None);
    assert!(ResultState::Issued.is_live() && !ResultState::Revoked.is_live());
}

#[test]
fn the_step_owner_prepares_and_only_a_leader_signs() {
    let w = World::new();
    let d = w.in_process();
    assert!(check_prepare(&d, &w.specialist, None, false, None).is_ok());
    // A new draft replaces an unissued one.
    assert!(check_prepare(&d, &w.specialist, Some(ResultState::Signed), false, None).is_ok());
    assert_eq!(code(check_prepare(&d, &w.counter, None, false, None)), "not_step_owner");
    assert_eq!(code(check_prepare(&d, &w.other_leader, None, false, None)), "not_step_owner");

    assert!(check_sign(&d, &w.leader, Some(ResultState::Prepared), false).is_ok());
    let e = check_sign(&d, &w.specialist, Some(ResultState::Prepared), false).unwrap_err();
    assert_eq!((e.code, e.kind), ("result_signer_not_leader", ErrorKind::Forbidden));
    assert_eq!(code(check_sign(&d, &w.other_leader, Some(ResultState::Prepared), false)), "not_step_owner");
    assert_eq!(code(check_sign(&d, &w.leader, Some(ResultState::Signed), false)), "result_already_signed");
    assert_eq!(code(check_sign(&d, &w.leader, None, false)), "result_not_found");
}

#[test]
fn a_result_is_prepared_only_while_the_dossier_is_in_process() {
    let w = World::new();
    let received = DossierState { status: Status::Received, ..w.in_process() };
    let e = check_prepare(&received, &w.specialist, None, false, None).unwrap_err();
    assert_eq!((e.code, e.kind), ("result_wrong_status", ErrorKind::Conflict));
    assert_eq!(
        code(check_prepare(&w.in_process(), &w.leader, Some(ResultState::Issued), true, Some("x"))),
        "result_already_issued"
    );
}

#[test]
fn finishing_needs_the_leaders_signature_on_a_prepared_result() {
    assert!(check_finish(None).is_ok());
    assert!(check_finish(Some(ResultState::Signed)).is_ok());
    let e = check_finish(Some(ResultState::Prepared)).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), ("result_not_signed", Some("result")));
}

#[test]
fn an_issued_result_is_replaced_or_revoked_by_the_issuing_leader_with_a_reason() {
    let w = World::new();
    let d = w.handled();
    let issued = Some(ResultState::Issued);
    assert!(check_prepare(&d, &w.leader, issued, true, Some("Sai ngày sinh")).is_ok());
    let e = check_prepare(&d, &w.leader, issued, true, Some("  ")).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), ("reason_required", Some("reason")));
    assert_eq!(code(check_prepare(&d, &w.specialist, issued, true, Some("x"))), "result_not_issuer");
    assert_eq!(code(check_prepare(&d, &w.other_leader, issued, false, Some("x"))), "result_not_issuer");
    // The replacement's draft is then signed and issued by that leader.
    assert!(check_sign(&d, &w.leader, Some(ResultState::Prepared), true).is_ok());
    assert_eq!(code(check_sign(&d, &w.other_leader, Some(ResultState::Prepared), false)), "not_step_owner");
    assert!(check_issue_replacement(&d, &w.leader, Some(ResultState::Signed), true).is_ok());
    assert_eq!(code(check_issue_replacement(&d, &w.leader, Some(ResultState::Prepared), true)), "result_not_signed");
    assert_eq!(
        code(check_issue_replacement(&w.in_process(), &w.leader, Some(ResultState::Signed), true)),
        "result_wrong_status"
    );

    assert!(check_revoke(&w.leader, ResultState::Issued, true, Some("Cấp nhầm")).is_ok());
    assert_eq!(code(check_revoke(&w.leader, ResultState::Issued, true, None)), "reason_required");
    assert_eq!(code(check_revoke(&w.leader, ResultState::Revoked, true, Some("x"))), "result_not_issued");
    assert_eq!(code(check_revoke(&w.specialist, ResultState::Issued, true, Some("x"))), "result_not_issuer");
}
