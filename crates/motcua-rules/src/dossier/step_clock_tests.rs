use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::*;
use crate::calendar::{Timeliness, vietnam_default_config, vietnam_schedules};
use crate::dossier::{Action, Actor, Status, WorkflowStep, apply, submit_online};
use crate::role::Role;
use crate::scope::UnitRef;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn end_of(cal: &WorkCalendar, day: &str) -> NaiveDateTime {
    cal.end_of_day(NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap())
}

/// A commune 2 receives; department 3 examines (share 2) then approves
/// (share 1) out of 5 working days.
struct World {
    calendar: WorkCalendar,
    workflow: Vec<WorkflowStep>,
    counter: Actor,
    specialist: Actor,
    leader: Actor,
}

impl World {
    fn new(shares: [u32; 2]) -> Self {
        let dept = UnitRef { id: 3, path: "/1/3/".into() };
        World {
            calendar: WorkCalendar::vietnam(),
            workflow: vec![
                WorkflowStep {
                    name: "Thẩm định".into(), unit: dept.clone(), role: Role::Specialist, share: shares[0]
                },
                WorkflowStep { name: "Phê duyệt".into(), unit: dept.clone(), role: Role::Leader, share: shares[1] },
            ],
            counter: Actor {
                user_id: 10,
                role: Role::CounterOfficer,
                unit: Some(UnitRef { id: 2, path: "/1/2/".into() }),
            },
            specialist: Actor { user_id: 11, role: Role::Specialist, unit: Some(dept.clone()) },
            leader: Actor { user_id: 12, role: Role::Leader, unit: Some(dept) },
        }
    }

    fn ctx(&self, now: &str) -> Context<'_> {
        Context { calendar: &self.calendar, limit: TimeLimit::working_days(5), workflow: &self.workflow, now: at(now) }
    }

    fn act(&self, s: &DossierState, who: &Actor, action: Action, now: &str) -> DossierState {
        apply(s, who, &action, Some("lý do"), &self.ctx(now)).unwrap()
    }

    /// Received at `received`, forwarded into step 0 at `forwarded`.
    fn in_first_step(&self, received: &str, forwarded: &str) -> DossierState {
        let citizen = Actor { user_id: 13, role: Role::Citizen, unit: None };
        let s = submit_online(UnitRef { id: 2, path: "/1/2/".into() }, &citizen).unwrap();
        let s = self.act(&s, &self.counter, Action::Receive, received);
        assert_eq!(s.step_started_at, None, "the counter is no step");
        self.act(&s, &self.counter, Action::Forward, forwarded)
    }
}

#[test]
fn a_two_day_share_started_friday_afternoon_is_due_tuesday() {
    let w = World::new([2, 1]);
    let s = w.in_first_step("2026-03-05 09:00", "2026-03-06 15:30");
    assert_eq!(s.step_started_at, Some(at("2026-03-06 15:30")));
    // The start day is not counted (as a reception): Monday 9, Tuesday 10.
    assert_eq!(s.step_due_at, Some(end_of(&w.calendar, "2026-03-10")));
    assert_eq!(s.ended_step, None);

    // With a 15:00 cut-off the start counts on Monday: due Wednesday.
    let mut config = vietnam_default_config();
    config.cutoff = Some(NaiveTime::from_hms_opt(15, 0, 0).unwrap());
    let cal = WorkCalendar::new(config, vietnam_schedules()).unwrap();
    let due = step_due(&cal, TimeLimit::working_days(5), 2, at("2026-03-06 15:30")).unwrap();
    assert_eq!(due, Some(end_of(&cal, "2026-03-11")));
}

#[test]
fn a_share_skips_the_holidays() {
    let w = World::new([2, 1]);
    // Wednesday 29/4/2026; Thursday 30/4 and Friday 1/5 are days off.
    let s = w.in_first_step("2026-04-28 09:00", "2026-04-29 10:00");
    assert_eq!(s.step_due_at, Some(end_of(&w.calendar, "2026-05-05")));
}

#[test]
fn a_share_in_working_hours_runs_from_the_moment() {
    let cal = WorkCalendar::vietnam();
    let limit = TimeLimit::new(8, crate::time_limit::TimeUnit::WorkingHours);
    // Four hours from Friday 13:00 to 17:00, four more from Monday 07:30.
    let due = step_due(&cal, limit, 8, at("2026-03-06 13:00")).unwrap();
    assert_eq!(due, Some(at("2026-03-09 11:30")));
}

#[test]
fn a_pause_moves_the_step_due_moment_like_the_dossiers() {
    let w = World::new([2, 1]);
    let s = w.in_first_step("2026-03-09 08:00", "2026-03-09 09:00");
    assert_eq!(s.step_due_at, Some(end_of(&w.calendar, "2026-03-11")));
    let s = w.act(&s, &w.specialist, Action::RequestSupplement, "2026-03-10 10:00");
    assert!(!step_overdue(s.step_due_at, s.paused_at, at("2026-03-20 10:00")), "the clock stands while paused");
    let s = w.act(&s, &w.specialist, Action::SupplementReceived, "2026-03-12 10:00");
    // Two working days waited (11 and 12): due Friday 13 instead of Wednesday 11.
    assert_eq!(s.step_due_at, Some(end_of(&w.calendar, "2026-03-13")));
    assert_eq!(s.step_paused_days, 2);
    assert_eq!(s.step_started_at, Some(at("2026-03-09 09:00")), "the same visit goes on");
    let s = w.act(&s, &w.specialist, Action::Forward, "2026-03-13 16:00");
    let ended = s.ended_step.clone().unwrap();
    assert_eq!(ended.step, 0);
    assert!(!ended.late);
    assert_eq!(ended.paused_days, 2);
    // Monday 9 to Friday 13 is four working days, less the two paused.
    assert_eq!(ended.working_days, Some(2));
    assert_eq!(s.step_paused_days, 0, "the next step starts its own count");
}

#[test]
fn a_step_is_late_after_its_due_moment_and_on_time_before() {
    let w = World::new([2, 1]);
    let s = w.in_first_step("2026-03-09 08:00", "2026-03-09 09:00");
    let on_time = w.act(&s, &w.specialist, Action::Forward, "2026-03-11 16:00");
    assert_eq!(on_time.ended_step.as_ref().map(|e| e.late), Some(false));
    assert!(!step_overdue(s.step_due_at, None, at("2026-03-11 23:00")));
    assert!(step_overdue(s.step_due_at, None, at("2026-03-12 08:00")));
    let late = w.act(&s, &w.specialist, Action::Forward, "2026-03-12 08:00");
    let ended = late.ended_step.unwrap();
    assert!(ended.late);
    assert_eq!(ended.working_days, Some(3));
    // The leader's step started at the forward, with its own share of 1.
    assert_eq!(late.step, Some(1));
    assert_eq!(late.step_started_at, Some(at("2026-03-12 08:00")));
    assert_eq!(late.step_due_at, Some(end_of(&w.calendar, "2026-03-13")));
}

#[test]
fn a_step_can_be_late_while_the_dossier_is_on_time() {
    let w = World::new([2, 1]);
    let s = w.in_first_step("2026-03-09 08:00", "2026-03-09 09:00");
    assert_eq!(s.due_at, Some(end_of(&w.calendar, "2026-03-16")));
    let s = w.act(&s, &w.specialist, Action::Forward, "2026-03-12 10:00");
    assert!(s.ended_step.as_ref().unwrap().late, "the examination took three days of its two");
    let s = w.act(&s, &w.leader, Action::Finish, "2026-03-13 10:00");
    let ended = s.ended_step.clone().unwrap();
    assert_eq!(ended.step, 1);
    assert!(!ended.late, "the approval kept its one day");
    assert_eq!(s.timeliness(at("2026-03-13 10:00"), &w.calendar), Some(Timeliness::Early));
    // Finished: the dossier waits at the counter, no step clock runs.
    assert_eq!((s.step_started_at, s.step_due_at), (None, None));
}

#[test]
fn a_share_of_zero_has_no_own_deadline() {
    let w = World::new([0, 1]);
    let s = w.in_first_step("2026-03-09 08:00", "2026-03-09 09:00");
    assert_eq!(s.step_started_at, Some(at("2026-03-09 09:00")));
    assert_eq!(s.step_due_at, None);
    assert!(!step_overdue(s.step_due_at, None, at("2026-04-30 09:00")));
    let s = w.act(&s, &w.specialist, Action::Forward, "2026-03-27 09:00");
    assert_eq!(s.ended_step.map(|e| e.late), Some(false));
}

#[test]
fn stopping_ends_the_step_at_the_unanswered_request() {
    let w = World::new([2, 1]);
    let s = w.in_first_step("2026-03-09 08:00", "2026-03-09 09:00");
    let s = w.act(&s, &w.specialist, Action::RequestSupplement, "2026-03-11 10:00");
    let s = w.act(&s, &w.leader, Action::Stop, "2026-03-20 10:00");
    assert_eq!(s.status, Status::Stopped);
    let ended = s.ended_step.clone().unwrap();
    assert!(!ended.late, "the clock stopped at the request, before the due moment");
    assert_eq!(ended.ended_at, at("2026-03-20 10:00"));
    assert_eq!(ended.working_days, Some(2));
    assert_eq!((s.step_started_at, s.step_due_at), (None, None));
}

#[test]
fn any_move_to_another_step_starts_a_new_visit() {
    // What a return to an earlier step looks like to the clock: the state
    // after the action names step 0 again; no action of its own is needed.
    let w = World::new([2, 1]);
    let s = w.in_first_step("2026-03-09 08:00", "2026-03-09 09:00");
    let before = w.act(&s, &w.specialist, Action::Forward, "2026-03-10 09:00");
    let mut after = before.clone();
    after.step = Some(0);
    after.current_role = Role::Specialist;
    assert!(visit_changed(&before, &after));
    follow(&before, &mut after, &w.ctx("2026-03-13 09:00")).unwrap();
    let ended = after.ended_step.clone().unwrap();
    assert_eq!(ended.step, 1);
    assert!(ended.late, "step 1 was due on Wednesday 11");
    assert_eq!(after.step_started_at, Some(at("2026-03-13 09:00")));
    assert_eq!(after.step_due_at, Some(end_of(&w.calendar, "2026-03-17")), "a full share again");

    // An action that keeps the dossier where it is ends nothing.
    let mut same = before.clone();
    follow(&before, &mut same, &w.ctx("2026-03-10 10:00")).unwrap();
    assert_eq!(same.ended_step, None);
    assert_eq!(same.step_started_at, before.step_started_at);
}

#[test]
fn unit_figures_leave_out_what_is_not_known() {
    assert_eq!(late_ratio(1, 5, 1), Some(0.25));
    assert_eq!(late_ratio(0, 2, 2), None, "only visits older than per-step deadlines");
    assert_eq!(average_days(9, 4), Some(2.25));
    assert_eq!(average_days(0, 0), None);
}
