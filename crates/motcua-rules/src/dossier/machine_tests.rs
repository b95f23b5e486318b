use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::calendar::{Timeliness, WorkCalendar};
use crate::dossier::WorkflowStep;
use crate::error::ErrorKind;
use crate::time_limit::TimeLimit;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn unit(id: i64, path: &str) -> UnitRef {
    UnitRef { id, path: path.into() }
}

/// Province 1 with a commune 2 (receiving) and a department 3 (liên thông step).
struct World {
    calendar: WorkCalendar,
    workflow: Vec<WorkflowStep>,
    counter: Actor,
    specialist: Actor,
    leader: Actor,
    citizen: Actor,
}

impl World {
    fn new() -> Self {
        let commune = unit(2, "/1/2/");
        let dept = unit(3, "/1/3/");
        World {
            calendar: WorkCalendar::vietnam(),
            workflow: vec![
                WorkflowStep { name: "Thẩm định".into(), unit: dept.clone(), role: Role::Specialist, share: 3 },
                WorkflowStep { name: "Phê duyệt".into(), unit: dept.clone(), role: Role::Leader, share: 2 },
            ],
            counter: Actor { user_id: 10, role: Role::CounterOfficer, unit: Some(commune) },
            specialist: Actor { user_id: 11, role: Role::Specialist, unit: Some(dept.clone()) },
            leader: Actor { user_id: 12, role: Role::Leader, unit: Some(dept) },
            citizen: Actor { user_id: 13, role: Role::Citizen, unit: None },
        }
    }

    fn ctx(&self, now: &str) -> Context<'_> {
        Context { calendar: &self.calendar, limit: TimeLimit::working_days(5), workflow: &self.workflow, now: at(now) }
    }

    fn submitted(&self) -> DossierState {
        submit_online(unit(2, "/1/2/"), &self.citizen).unwrap()
    }

    fn received(&self, now: &str) -> DossierState {
        apply(&self.submitted(), &self.counter, &Action::Receive, None, &self.ctx(now)).unwrap()
    }
}

#[test]
fn the_whole_journey_from_online_submission_to_returned_result() {
    let w = World::new();
    let s = w.submitted();
    assert_eq!(s.status, Status::Submitted);
    assert_eq!(s.due_at, None);

    // Received Monday 2025-03-03: 5 working days → end of Monday 2025-03-10.
    let s = apply(&s, &w.counter, &Action::Receive, None, &w.ctx("2025-03-03 09:00")).unwrap();
    assert_eq!(s.status, Status::Received);
    assert_eq!(s.due_at, Some(at("2025-03-10 23:59") + chrono::Duration::seconds(59)));

    let s = apply(&s, &w.counter, &Action::Forward, None, &w.ctx("2025-03-03 10:00")).unwrap();
    assert_eq!((s.status, s.step, s.current_role), (Status::InProcess, Some(0), Role::Specialist));
    assert_eq!(s.current_unit.id, 3);

    let s = apply(&s, &w.specialist, &Action::Forward, None, &w.ctx("2025-03-05 10:00")).unwrap();
    assert_eq!((s.step, s.current_role), (Some(1), Role::Leader));

    let s = apply(&s, &w.leader, &Action::Finish, None, &w.ctx("2025-03-07 10:00")).unwrap();
    assert_eq!(s.status, Status::Handled);
    assert_eq!((s.current_unit.id, s.current_role), (2, Role::CounterOfficer));
    assert_eq!(s.finished_at, Some(at("2025-03-07 10:00")));
    assert_eq!(s.timeliness(at("2025-03-20 10:00"), &w.calendar), Some(Timeliness::Early));

    let s = apply(&s, &w.counter, &Action::ReturnResult, None, &w.ctx("2025-03-10 08:00")).unwrap();
    assert_eq!(s.status, Status::Returned);
    assert!(s.status.is_final());
    // Returning later does not change when the handling ended.
    assert_eq!(s.finished_at, Some(at("2025-03-07 10:00")));
}

#[test]
fn counter_intake_receives_at_once_with_a_due_date() {
    let w = World::new();
    let s = receive_at_counter(unit(2, "/1/2/"), &w.counter, &w.ctx("2025-03-03 09:00")).unwrap();
    assert_eq!(s.status, Status::Received);
    assert!(s.due_at.is_some());
    let err = receive_at_counter(unit(2, "/1/2/"), &w.specialist, &w.ctx("2025-03-03 09:00")).unwrap_err();
    assert_eq!(err.code, "role_not_allowed");
    let elsewhere = Actor { unit: Some(unit(3, "/1/3/")), ..w.counter.clone() };
    let err = receive_at_counter(unit(2, "/1/2/"), &elsewhere, &w.ctx("2025-03-03 09:00")).unwrap_err();
    assert_eq!(err.code, "outside_unit_scope");
}

#[test]
fn a_year_without_calendar_data_is_an_error_not_a_guess() {
    let w = World::new();
    let err = apply(&w.submitted(), &w.counter, &Action::Receive, None, &w.ctx("2031-03-03 09:00")).unwrap_err();
    assert_eq!(err.code, "calendar_year_unknown");
}

#[test]
fn refusal_stop_and_supplement_need_a_written_reason() {
    let w = World::new();
    let err = apply(&w.submitted(), &w.counter, &Action::RefuseToReceive, Some("  "), &w.ctx("2025-03-03 09:00"))
        .unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), ("required", Some("note")));
    let s =
        apply(&w.submitted(), &w.counter, &Action::RefuseToReceive, Some("Thiếu giấy tờ"), &w.ctx("2025-03-03 09:00"))
            .unwrap();
    assert_eq!(s.status, Status::NotReceived);
    assert_eq!(s.finished_at, Some(at("2025-03-03 09:00")));
}

#[test]
fn a_supplement_stops_the_clock_and_moves_the_due_date() {
    let w = World::new();
    let s = w.received("2025-03-03 09:00"); // due end of 2025-03-10
    let s = apply(&s, &w.counter, &Action::RequestSupplement, Some("Bổ sung bản sao CCCD"), &w.ctx("2025-03-04 09:00"))
        .unwrap();
    assert_eq!(s.status, Status::SupplementRequested);
    assert_eq!(s.supplement_count, 1);
    assert_eq!(s.paused_at, Some(at("2025-03-04 09:00")));
    // Citizen brings it on Thursday: two working days (Wed, Thu) later.
    let s = apply(&s, &w.counter, &Action::SupplementReceived, None, &w.ctx("2025-03-06 09:00")).unwrap();
    assert_eq!(s.status, Status::Received);
    assert_eq!(s.paused_at, None);
    assert_eq!(s.due_at.unwrap().date(), date("2025-03-12"));
    assert_eq!(s.paused_days, 2);
    // Finished on Tuesday the 11th: 6 working days after reception, 2 of them waiting.
    let s = apply(&s, &w.counter, &Action::Forward, None, &w.ctx("2025-03-06 10:00")).unwrap();
    let s = apply(&s, &w.specialist, &Action::Forward, None, &w.ctx("2025-03-07 10:00")).unwrap();
    let s = apply(&s, &w.leader, &Action::Finish, None, &w.ctx("2025-03-11 10:00")).unwrap();
    assert_eq!(s.processing_days, Some(4));
}

#[test]
fn a_second_supplement_request_is_allowed_but_makes_the_dossier_late() {
    let w = World::new();
    let mut s = w.received("2025-03-03 09:00");
    for day in ["2025-03-04", "2025-03-05"] {
        s = apply(&s, &w.counter, &Action::RequestSupplement, Some("Bổ sung"), &w.ctx(&format!("{day} 09:00")))
            .unwrap();
        s = apply(&s, &w.counter, &Action::SupplementReceived, None, &w.ctx(&format!("{day} 10:00"))).unwrap();
    }
    assert_eq!(s.supplement_count, 2);
    assert_eq!(s.timeliness(at("2025-03-05 11:00"), &w.calendar), Some(Timeliness::Late));
}

#[test]
fn asking_an_online_applicant_to_complete_before_reception_is_not_a_supplement_round() {
    let w = World::new();
    let s = apply(
        &w.submitted(),
        &w.counter,
        &Action::RequestSupplement,
        Some("Thiếu tờ khai"),
        &w.ctx("2025-03-03 09:00"),
    )
    .unwrap();
    assert_eq!((s.supplement_count, s.paused_at), (0, None));
    let s = apply(&s, &w.counter, &Action::SupplementReceived, None, &w.ctx("2025-03-04 09:00")).unwrap();
    assert_eq!(s.status, Status::Submitted);
    assert_eq!(s.due_at, None);
}

#[test]
fn reschedule_once_in_time_to_a_later_working_day() {
    let w = World::new();
    let s = w.received("2025-03-03 09:00"); // due 2025-03-10
    let new_date = |d: &str| Action::Reschedule { new_due_date: date(d) };
    let why = Some("Cần xác minh thực địa");

    let err = apply(&s, &w.counter, &new_date("2025-03-07"), why, &w.ctx("2025-03-05 09:00")).unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), ("reschedule_not_later", Some("new_due_date")));
    let err = apply(&s, &w.counter, &new_date("2025-03-15"), why, &w.ctx("2025-03-05 09:00")).unwrap_err();
    assert_eq!(err.code, "reschedule_not_working_day"); // a Saturday
    // On Monday the 10th, the due day itself, it is too late.
    let err = apply(&s, &w.counter, &new_date("2025-03-14"), why, &w.ctx("2025-03-10 09:00")).unwrap_err();
    assert_eq!((err.code, err.kind), ("reschedule_too_late", ErrorKind::NotAllowed));

    let s = apply(&s, &w.counter, &new_date("2025-03-14"), why, &w.ctx("2025-03-07 09:00")).unwrap();
    assert_eq!(s.due_at.unwrap().date(), date("2025-03-14"));
    assert!(s.rescheduled);
    let err = apply(&s, &w.counter, &new_date("2025-03-18"), why, &w.ctx("2025-03-07 10:00")).unwrap_err();
    assert_eq!(err.code, "reschedule_only_once");
    assert!(!allowed_actions(&s, &w.counter, &w.ctx("2025-03-07 10:00")).contains(&ActionKind::Reschedule));
}

#[test]
fn a_reschedule_reaching_a_year_without_calendar_data_says_so() {
    let w = World::new();
    let mut s = w.received("2025-03-03 09:00");
    s.due_at = Some(at("2031-03-10 23:59"));
    let action = Action::Reschedule { new_due_date: date("2031-03-14") };
    let err = apply(&s, &w.counter, &action, Some("Cần xác minh"), &w.ctx("2025-03-05 09:00")).unwrap_err();
    assert_eq!(err.code, "calendar_year_unknown");
}

#[test]
fn roles_statuses_and_scopes_are_checked_in_that_order() {
    let w = World::new();
    let s = w.submitted();
    let ctx = w.ctx("2025-03-03 09:00");
    // A citizen may never forward.
    assert_eq!(apply(&s, &w.citizen, &Action::Forward, None, &ctx).unwrap_err().code, "role_not_allowed");
    // A specialist never receives.
    assert_eq!(apply(&s, &w.specialist, &Action::Receive, None, &ctx).unwrap_err().code, "role_not_allowed");
    // Returning a result that is not handled yet.
    let err = apply(&s, &w.counter, &Action::ReturnResult, None, &ctx).unwrap_err();
    assert_eq!((err.code, err.kind), ("action_not_allowed_in_status", ErrorKind::NotAllowed));
    // A counter officer of another commune.
    let stranger = Actor { unit: Some(unit(5, "/1/5/")), ..w.counter.clone() };
    assert_eq!(apply(&s, &stranger, &Action::Receive, None, &ctx).unwrap_err().code, "outside_unit_scope");
    // At the specialist's step, the leader may act but another role of the
    // same unit may not finish or forward for it.
    let s = apply(&w.received("2025-03-03 09:00"), &w.counter, &Action::Forward, None, &ctx).unwrap();
    let err = apply(&s, &w.specialist, &Action::Finish, None, &ctx).unwrap_err();
    assert_eq!(err.code, "action_not_allowed_in_status"); // not at the last step yet
    let s = apply(&s, &w.leader, &Action::Forward, None, &ctx).unwrap();
    let err = apply(&s, &w.specialist, &Action::Finish, None, &ctx).unwrap_err();
    assert_eq!(err.code, "not_step_owner");
}

#[test]
fn only_the_owner_withdraws_online() {
    let w = World::new();
    let s = w.submitted();
    let ctx = w.ctx("2025-03-03 09:00");
    let other = Actor { user_id: 99, ..w.citizen.clone() };
    assert_eq!(apply(&s, &other, &Action::Withdraw, Some("Nộp nhầm"), &ctx).unwrap_err().code, "not_owner");
    // The owner says why; the counter does not need to.
    let err = apply(&s, &w.citizen, &Action::Withdraw, Some("  "), &ctx).unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), ("required", Some("note")));
    assert!(apply(&s, &w.counter, &Action::Withdraw, None, &ctx).is_ok());
    let s = apply(&s, &w.citizen, &Action::Withdraw, Some("Nộp nhầm thủ tục"), &ctx).unwrap();
    assert_eq!(s.status, Status::Withdrawn);
    let err = apply(&s, &w.citizen, &Action::Withdraw, Some("Nộp nhầm"), &ctx).unwrap_err();
    assert_eq!(err.code, "action_not_allowed_in_status");
}

#[test]
fn a_stop_while_waiting_for_a_supplement_keeps_the_clock_at_the_request() {
    let w = World::new();
    let s = w.received("2025-03-03 09:00");
    let s = apply(&s, &w.counter, &Action::RequestSupplement, Some("Bổ sung"), &w.ctx("2025-03-04 09:00")).unwrap();
    let s = apply(&s, &w.counter, &Action::Forward, None, &w.ctx("2025-03-04 09:00"));
    assert_eq!(s.unwrap_err().code, "action_not_allowed_in_status");
    let s = w.received("2025-03-03 09:00");
    let s = apply(&s, &w.counter, &Action::Forward, None, &w.ctx("2025-03-03 10:00")).unwrap();
    let s = apply(&s, &w.specialist, &Action::RequestSupplement, Some("Bổ sung"), &w.ctx("2025-03-04 09:00")).unwrap();
    let s = apply(&s, &w.leader, &Action::Stop, Some("Quá hạn bổ sung"), &w.ctx("2025-04-20 09:00")).unwrap();
    assert_eq!(s.status, Status::Stopped);
    // Ended at the request (4 March), well before the due date: on time.
    assert_eq!(s.timeliness(at("2025-05-01 09:00"), &w.calendar), Some(Timeliness::Early));
}

#[test]
fn allowed_actions_match_what_apply_accepts() {
    let w = World::new();
    let ctx = w.ctx("2025-03-04 09:00");
    let s = w.received("2025-03-03 09:00");
    let mut counter = allowed_actions(&s, &w.counter, &ctx);
    counter.sort_by_key(|k| k.as_str());
    assert_eq!(
        counter,
        vec![
            ActionKind::Forward,
            ActionKind::RequestPayment,
            ActionKind::RequestSupplement,
            ActionKind::Reschedule,
            ActionKind::Withdraw,
        ]
    );
    assert!(allowed_actions(&s, &w.specialist, &ctx).is_empty());
    assert_eq!(allowed_actions(&s, &w.citizen, &ctx), vec![ActionKind::Withdraw]);
    let stranger = Actor { user_id: 99, ..w.citizen.clone() };
    assert!(allowed_actions(&s, &stranger, &ctx).is_empty());
}

#[test]
fn an_online_supplement_arrives_without_resuming_the_clock() {
    let w = World::new();
    let s = w.received("2025-03-03 09:00");
    let note = Some("Bổ sung bản sao CCCD");
    // Not waiting for a supplement: nothing to send.
    let err = apply(&s, &w.citizen, &Action::SubmitSupplement, None, &w.ctx("2025-03-04 08:00")).unwrap_err();
    assert_eq!(err.code, "action_not_allowed_in_status");
    let s = apply(&s, &w.counter, &Action::RequestSupplement, note, &w.ctx("2025-03-04 09:00")).unwrap();
    // Asking again before anything arrived is refused: there is nothing to answer.
    let err = apply(&s, &w.counter, &Action::RequestSupplement, note, &w.ctx("2025-03-04 10:00")).unwrap_err();
    assert_eq!(err.code, "action_not_allowed_in_status");
    let other = Actor { user_id: 99, ..w.citizen.clone() };
    let err = apply(&s, &other, &Action::SubmitSupplement, None, &w.ctx("2025-03-05 09:00")).unwrap_err();
    assert_eq!(err.code, "not_owner");
    // Staff never send the citizen's supplement.
    let err = apply(&s, &w.counter, &Action::SubmitSupplement, None, &w.ctx("2025-03-05 09:00")).unwrap_err();
    assert_eq!(err.code, "role_not_allowed");

    let arrived = apply(&s, &w.citizen, &Action::SubmitSupplement, None, &w.ctx("2025-03-05 09:00")).unwrap();
    assert_eq!(arrived.status, Status::SupplementRequested);
    assert_eq!(arrived.paused_at, s.paused_at, "the clock stays stopped");
    assert_eq!(arrived.due_at, s.due_at);
    assert_eq!(arrived.supplement_arrived_at, Some(at("2025-03-05 09:00")));
    // A second upload before the counter looked adds to it.
    let again = apply(&arrived, &w.citizen, &Action::SubmitSupplement, None, &w.ctx("2025-03-05 10:00")).unwrap();
    assert_eq!(again.supplement_arrived_at, Some(at("2025-03-05 10:00")));
    assert!(allowed_actions(&again, &w.counter, &w.ctx("2025-03-05 11:00")).contains(&ActionKind::RequestSupplement));

    // The counter asks again: same round, same pause, nothing arrived any more.
    let asked =
        apply(&again, &w.counter, &Action::RequestSupplement, Some("Thiếu trang 2"), &w.ctx("2025-03-05 11:00"))
            .unwrap();
    assert_eq!((asked.status, asked.supplement_count, asked.paused_at), (Status::SupplementRequested, 1, s.paused_at));
    assert_eq!(asked.resume_status, Some(Status::Received));
    assert_eq!(asked.supplement_arrived_at, None);

    // Accepted on Thursday: the clock resumes then, not at the upload.
    let accepted = apply(&again, &w.counter, &Action::SupplementReceived, None, &w.ctx("2025-03-06 09:00")).unwrap();
    assert_eq!(accepted.status, Status::Received);
    assert_eq!(accepted.supplement_arrived_at, None);
    assert_eq!(accepted.due_at.unwrap().date(), date("2025-03-12"));
}

#[test]
fn the_platforms_confirmation_is_the_same_step_as_recording_a_payment() {
    let w = World::new();
    let s = w.received("2025-03-03 09:00");
    // Not waiting for a payment: the platform's word changes nothing.
    let err = paid_online(&s, &w.ctx("2025-03-04 09:00")).unwrap_err();
    assert_eq!(err.code, "action_not_allowed_in_status");
    let asked = apply(&s, &w.counter, &Action::RequestPayment, None, &w.ctx("2025-03-04 09:00")).unwrap();
    assert_eq!(asked.status, Status::PaymentRequested);
    let online = paid_online(&asked, &w.ctx("2025-03-04 10:00")).unwrap();
    let counter = apply(&asked, &w.counter, &Action::RecordPayment, None, &w.ctx("2025-03-04 10:00")).unwrap();
    assert_eq!(online, counter);
    assert_eq!((online.status, online.resume_status), (Status::Received, None));
    // A withdrawn dossier is not paid.
    let gone = apply(&asked, &w.counter, &Action::Withdraw, None, &w.ctx("2025-03-04 09:30")).unwrap();
    assert_eq!(paid_online(&gone, &w.ctx("2025-03-04 10:00")).unwrap_err().code, "action_not_allowed_in_status");
}
