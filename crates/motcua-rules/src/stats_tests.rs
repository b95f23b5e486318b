use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::calendar::WorkCalendar;
use crate::dossier::{Action, Actor, Context, DossierState, WorkflowStep, apply, receive_at_counter, submit_online};
use crate::role::Role;
use crate::scope::UnitRef;
use crate::time_limit::TimeLimit;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

struct W {
    cal: WorkCalendar,
    flow: Vec<WorkflowStep>,
    counter: Actor,
    leader: Actor,
    citizen: Actor,
}

fn w() -> W {
    let u = UnitRef { id: 2, path: "/1/2/".into() };
    W {
        cal: WorkCalendar::vietnam(),
        flow: vec![WorkflowStep { name: "Duyệt".into(), unit: u.clone(), role: Role::Leader, share: 2 }],
        counter: Actor { user_id: 1, role: Role::CounterOfficer, unit: Some(u.clone()) },
        leader: Actor { user_id: 2, role: Role::Leader, unit: Some(u) },
        citizen: Actor { user_id: 3, role: Role::Citizen, unit: None },
    }
}

impl W {
    fn ctx(&self, now: &str) -> Context<'_> {
        Context { calendar: &self.cal, limit: TimeLimit::working_days(2), workflow: &self.flow, now: at(now) }
    }
}

/// Applies `action` and returns the new state and the deltas it makes.
fn step(w: &W, s: &DossierState, who: &Actor, action: Action, now: &str) -> (DossierState, Vec<Delta>) {
    let next = apply(s, who, &action, Some("lý do"), &w.ctx(now)).unwrap();
    let d = deltas(&StatsView::of(s), &StatsView::of(&next), 2, at(now));
    (next, d)
}

fn has(d: &[Delta], metric: Metric, on: &str, n: i64) -> bool {
    d.contains(&Delta { metric, day: day(on), n })
}

#[test]
fn reception_counts_by_channel_and_opens_a_past_due_interval() {
    let w = w();
    let s = submit_online(UnitRef { id: 2, path: "/1/2/".into() }, &w.citizen).unwrap();
    let (s, d) = step(&w, &s, &w.counter, Action::Receive, "2025-03-03 09:00"); // due Wed 05
    assert!(has(&d, Metric::ReceivedOnline, "2025-03-03", 1));
    assert!(has(&d, Metric::PastDue, "2025-03-06", 1));
    assert_eq!(d.len(), 2);
    // Handled on time on Wednesday: resolved, closed, the interval stops before it began.
    let (s, _) = step(&w, &s, &w.counter, Action::Forward, "2025-03-04 09:00");
    let (_, d) = step(&w, &s, &w.leader, Action::Finish, "2025-03-05 09:00");
    assert!(has(&d, Metric::ResolvedOnTime, "2025-03-05", 1));
    assert!(has(&d, Metric::ProcessingDays, "2025-03-05", 2));
    assert!(has(&d, Metric::Closed, "2025-03-05", 1));
    assert!(has(&d, Metric::PastDueSettled, "2025-03-06", 1));
}

#[test]
fn a_late_finish_is_past_due_between_due_and_finish() {
    let w = w();
    let s =
        receive_at_counter(UnitRef { id: 2, path: "/1/2/".into() }, &w.counter, &w.ctx("2025-03-03 09:00")).unwrap();
    let (s, _) = step(&w, &s, &w.counter, Action::Forward, "2025-03-03 10:00");
    let (_, d) = step(&w, &s, &w.leader, Action::Finish, "2025-03-10 09:00");
    assert!(has(&d, Metric::ResolvedLate, "2025-03-10", 1));
    assert!(has(&d, Metric::PastDueSettled, "2025-03-10", 1));
}

#[test]
fn a_pause_stops_the_interval_from_its_own_day_only() {
    let w = w();
    let s =
        receive_at_counter(UnitRef { id: 2, path: "/1/2/".into() }, &w.counter, &w.ctx("2025-03-03 09:00")).unwrap();
    // Past due from Thursday 06; the supplement is requested on Monday 10.
    let (s, d) = step(&w, &s, &w.counter, Action::RequestSupplement, "2025-03-10 09:00");
    assert!(has(&d, Metric::SupplementRequests, "2025-03-10", 1));
    assert!(has(&d, Metric::PastDueSettled, "2025-03-10", 1), "days 06–09 stay past due: {d:?}");
    let (_, d) = step(&w, &s, &w.counter, Action::SupplementReceived, "2025-03-12 09:00");
    // Due moved by the 2 working days waited: Friday 07 → Wednesday 12... already past: restarts today.
    assert!(d.iter().any(|x| x.metric == Metric::PastDue && x.n == 1), "{d:?}");
}

#[test]
fn replaying_the_history_gives_the_same_deltas() {
    let w = w();
    let mut s = submit_online(UnitRef { id: 2, path: "/1/2/".into() }, &w.citizen).unwrap();
    let script = [
        (&w.counter, Action::Receive, "2025-03-03 09:00"),
        (&w.counter, Action::RequestSupplement, "2025-03-04 09:00"),
        (&w.counter, Action::SupplementReceived, "2025-03-06 09:00"),
        (&w.counter, Action::Forward, "2025-03-06 10:00"),
        (&w.leader, Action::Finish, "2025-03-12 10:00"),
        (&w.counter, Action::ReturnResult, "2025-03-13 10:00"),
    ];
    let mut live = Vec::new();
    let mut replay = Vec::new();
    let mut view = StatsView::of(&s);
    for (who, action, now) in script {
        let kind = action.kind();
        let (next, d) = step(&w, &s, who, action, now);
        live.extend(d);
        let facts = EventFacts {
            at: at(now),
            action: kind.as_str(),
            to_status: next.status,
            due_at: next.due_at,
            supplement_count: next.supplement_count,
            processing_days: next.processing_days,
        };
        let after = view.after_event(&facts);
        assert_eq!(after, StatsView::of(&next), "the history reproduces the view after {}", kind.as_str());
        replay.extend(deltas(&view, &after, 2, at(now)));
        view = after;
        s = next;
    }
    assert_eq!(live, replay);
    assert!(live.contains(&Delta { metric: Metric::Returned, day: day("2025-03-13"), n: 1 }));
}

#[test]
fn assignments_and_returns_count_nothing_live_or_replayed() {
    let u = UnitRef { id: 2, path: "/1/2/".into() };
    let mut w = w();
    w.flow.insert(0, WorkflowStep { name: "Thẩm định".into(), unit: u.clone(), role: Role::Specialist, share: 1 });
    let specialist = Actor { user_id: 4, role: Role::Specialist, unit: Some(u.clone()) };
    let officer = crate::dossier::Assignee { user_id: 4, role: Role::Specialist, unit: Some(u.clone()), active: true };
    let s = receive_at_counter(u, &w.counter, &w.ctx("2025-03-03 09:00")).unwrap();
    let (s, _) = step(&w, &s, &w.counter, Action::Forward, "2025-03-03 10:00");
    let (s, d) = step(&w, &s, &w.leader, Action::Assign { assignee: officer }, "2025-03-03 11:00");
    assert!(d.is_empty(), "{d:?}");
    let (s, _) = step(&w, &s, &specialist, Action::Forward, "2025-03-04 09:00");
    // A return on a day the dossier is already past due changes no interval either.
    let (next, d) = step(&w, &s, &w.leader, Action::ReturnToStep { to_step: 0 }, "2025-03-07 09:00");
    assert!(d.is_empty(), "{d:?}");
    let facts = EventFacts {
        at: at("2025-03-07 09:00"),
        action: "return_to_step",
        to_status: next.status,
        due_at: next.due_at,
        supplement_count: next.supplement_count,
        processing_days: next.processing_days,
    };
    let view = StatsView::of(&s);
    assert_eq!(view.after_event(&facts), StatsView::of(&next));
    assert!(deltas(&view, &view.after_event(&facts), 2, at("2025-03-07 09:00")).is_empty());
}

#[test]
fn metric_codes_are_stable() {
    for m in Metric::ALL {
        assert_eq!(Metric::from_code(m.code()), Some(m));
    }
    assert_eq!(Metric::PastDueSettled.code(), 15);
}

#[test]
fn a_first_result_counts_its_digitisation_and_certified_copy() {
    let t = at("2026-12-03 09:00");
    let metrics = |ds: Vec<Delta>| ds.into_iter().map(|d| (d.metric, d.day, d.n)).collect::<Vec<_>>();
    assert_eq!(metrics(result_deltas(t, false, false)), vec![(Metric::ResultIssued, day("2026-12-03"), 1)]);
    assert_eq!(
        metrics(result_deltas(t, true, true)),
        vec![
            (Metric::ResultIssued, day("2026-12-03"), 1),
            (Metric::ResultDigitised, day("2026-12-03"), 1),
            (Metric::CertifiedCopyIssued, day("2026-12-03"), 1),
        ]
    );
}

#[test]
fn reuse_counts_once_on_the_day_of_reception() {
    let submitted = StatsView { status: Some(Status::Submitted), ..StatsView::default() };
    let t = at("2026-12-04 10:00");
    let received = StatsView { status: Some(Status::Received), received_at: Some(t), ..submitted };
    let counted = reuse_deltas(&submitted, &received, t);
    assert_eq!(counted, vec![Delta { metric: Metric::ReceivedReusing, day: day("2026-12-04"), n: 1 }]);
    // Created received at the counter: the same one count.
    assert_eq!(reuse_deltas(&StatsView::default(), &received, t), counted);
    let later = StatsView { status: Some(Status::InProcess), ..received };
    assert!(reuse_deltas(&received, &later, at("2026-12-05 10:00")).is_empty());
}

#[test]
fn a_certified_copy_counts_when_its_handling_ends() {
    let t = at("2026-12-07 15:00");
    let in_process = StatsView { status: Some(Status::InProcess), received_at: Some(t), ..StatsView::default() };
    let handled = StatsView { status: Some(Status::Handled), finished_at: Some(t), ..in_process };
    let counted = certified_copy_deltas(&in_process, &handled, t);
    assert_eq!(counted, vec![Delta { metric: Metric::CertifiedCopyHandled, day: day("2026-12-07"), n: 1 }]);
    let returned = StatsView { status: Some(Status::Returned), ..handled };
    assert!(certified_copy_deltas(&handled, &returned, at("2026-12-08 09:00")).is_empty());
    let stopped = StatsView { status: Some(Status::Stopped), ..in_process };
    assert!(certified_copy_deltas(&in_process, &stopped, t).is_empty());
}

#[test]
fn fee_dossiers_count_on_their_reception_day_whenever_paid() {
    let received = at("2026-03-04 09:00");
    let submitted = StatsView { status: Some(Status::Submitted), ..StatsView::default() };
    let got = StatsView { status: Some(Status::Received), received_at: Some(received), ..submitted };
    assert_eq!(
        fee_obligation_deltas(&submitted, &got, received),
        vec![Delta { metric: Metric::FeeObligation, day: day("2026-03-04"), n: 1 }]
    );
    // Any later event adds nothing.
    let asked = StatsView { status: Some(Status::PaymentRequested), ..got };
    assert!(fee_obligation_deltas(&got, &asked, at("2026-03-05 09:00")).is_empty());
    // Asked and paid days later: still the reception day's.
    assert_eq!(
        fee_requested_deltas(received),
        vec![Delta { metric: Metric::FeeRequested, day: day("2026-03-04"), n: 1 }]
    );
    assert_eq!(paid_online_deltas(received), vec![Delta { metric: Metric::PaidOnline, day: day("2026-03-04"), n: 1 }]);
    assert_eq!(Metric::from_code(25), Some(Metric::PaidOnline));
}
