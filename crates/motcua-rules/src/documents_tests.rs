use chrono::NaiveDateTime;

use super::*;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn actor(role: Role) -> Actor {
    Actor { role, holds: true, in_lead_unit: false }
}

#[test]
fn notations_follow_the_decree_layout() {
    let qd = doc_type("QD", "doc_type").unwrap();
    assert_eq!(notation(5, qd, "UBND"), "05/QĐ-UBND");
    assert_eq!(notation(12, qd, "UBND"), "12/QĐ-UBND");
    assert_eq!(notation(1234, qd, "UBND"), "1234/QĐ-UBND");
    let cv = doc_type("CV", "doc_type").unwrap();
    assert_eq!(notation(7, cv, "UBND-VP"), "07/UBND-VP");
    let ttr = doc_type("TTR", "doc_type").unwrap();
    assert_eq!(notation(3, ttr, "SNNMT"), "03/TTr-SNNMT");
    let e = doc_type("TCO", "doc_type").unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), ("document_type_invalid", Some("doc_type")));
}

#[test]
fn every_type_code_is_unique_and_every_notation_fits_the_metadata() {
    let mut codes: Vec<&str> = DOC_TYPES.iter().map(|t| t.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), DOC_TYPES.len());
    assert_eq!(DOC_TYPES.iter().filter(|t| t.abbrev.is_none()).count(), 1, "only the công văn");
    let issuer = "A".repeat(20);
    for t in DOC_TYPES {
        assert!(notation(99_999, t, &issuer).chars().count() <= MAX_NOTATION, "{}", t.code);
    }
}

#[test]
fn issuers_are_upper_case_groups_joined_by_hyphens() {
    assert_eq!(check_issuer(" UBND-VP ", "issuer").unwrap(), "UBND-VP");
    assert_eq!(check_issuer("SNNĐT", "issuer").unwrap(), "SNNĐT");
    for bad in ["", "ubnd", "UBND--VP", "-UBND", "UBND/VP", "UBND VP", &"A".repeat(21)] {
        let e = check_issuer(bad, "issuer").unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("document_issuer_invalid", Some("issuer")), "{bad:?}");
    }
}

#[test]
fn series_are_the_registers_an_agency_keeps() {
    assert_eq!(Series::parse("qppl", Direction::Outgoing, "series").unwrap(), Series::LegalNormative);
    assert_eq!(Series::parse("mat", Direction::Incoming, "series").unwrap(), Series::Secret);
    // No separate legal-normative series is known for incoming documents.
    let e = Series::parse("qppl", Direction::Incoming, "series").unwrap_err();
    assert_eq!(e.code, "document_series_invalid");
    assert_eq!(Series::Secret.incoming_of(), Series::Secret);
    assert_eq!(Series::LegalNormative.incoming_of(), Series::Ordinary);
    assert_eq!(Direction::parse("den", "kind").unwrap(), Direction::Incoming);
    assert!(Direction::parse("in", "kind").is_err());
}

#[test]
fn an_incoming_document_goes_from_arrival_to_done() {
    let clerk = actor(Role::CounterOfficer);
    let leader = actor(Role::Leader);
    let handler = Actor { role: Role::Specialist, holds: false, in_lead_unit: true };
    assert_eq!(check(Act::Register, State::Arrived, &clerk, false).unwrap(), State::Registered);
    assert_eq!(check(Act::Refuse, State::Arrived, &clerk, false).unwrap(), State::Refused);
    assert_eq!(check(Act::Route, State::Registered, &leader, false).unwrap(), State::Routed);
    assert_eq!(check(Act::Route, State::Routed, &leader, false).unwrap(), State::Routed, "re-routed");
    assert_eq!(check(Act::Start, State::Routed, &handler, false).unwrap(), State::InProgress);
    assert_eq!(check(Act::Finish, State::InProgress, &handler, false).unwrap(), State::Done);
    assert_eq!(offered(State::Arrived, &clerk), vec![Act::Register, Act::Refuse]);
    assert_eq!(offered(State::Routed, &handler), vec![Act::Start, Act::Finish]);
    assert!(offered(State::Done, &leader).is_empty());
}

#[test]
fn an_outgoing_document_goes_from_draft_to_dispatch() {
    let drafter = actor(Role::Specialist);
    let leader = actor(Role::Leader);
    let clerk = actor(Role::CounterOfficer);
    assert_eq!(check(Act::Submit, State::Draft, &drafter, false).unwrap(), State::UnderReview);
    assert_eq!(check(Act::Return, State::UnderReview, &leader, false).unwrap(), State::Draft);
    assert_eq!(check(Act::Sign, State::UnderReview, &leader, false).unwrap(), State::Signed);
    assert_eq!(check(Act::Issue, State::Signed, &clerk, true).unwrap(), State::Dispatched);
    assert_eq!(check(Act::Issue, State::Signed, &clerk, false).unwrap(), State::Issued);
}

#[test]
fn the_wrong_state_role_or_unit_is_refused() {
    let clerk = actor(Role::CounterOfficer);
    let e = check(Act::Sign, State::UnderReview, &clerk, false).unwrap_err();
    assert_eq!(e.code, "document_act_forbidden");
    let e = check(Act::Issue, State::UnderReview, &clerk, false).unwrap_err();
    assert_eq!(e.code, "document_act_not_allowed");
    let e = check(Act::Register, State::Registered, &clerk, false).unwrap_err();
    assert_eq!(e.code, "document_act_not_allowed", "numbered once");
    let outsider = Actor { role: Role::CounterOfficer, holds: false, in_lead_unit: false };
    assert_eq!(check(Act::Register, State::Arrived, &outsider, false).unwrap_err().code, "document_act_forbidden");
    // Only the lead unit's staff report progress, not the holder's.
    let holder = actor(Role::Specialist);
    assert_eq!(check(Act::Finish, State::Routed, &holder, false).unwrap_err().code, "document_act_forbidden");
    let admin = actor(Role::Admin);
    assert!(Act::ALL.iter().all(|a| State::ALL.iter().all(|s| check(*a, *s, &admin, false).is_err())));
    assert_eq!(Act::parse("sign", "action").unwrap(), Act::Sign);
    assert_eq!(Act::parse("approve", "action").unwrap_err().code, "document_action_invalid");
}

#[test]
fn routing_needs_a_lead_distinct_cooperators_and_a_sane_deadline() {
    let r = check_routing(Some(3), &[4, 5], Some(10)).unwrap();
    assert_eq!(r, Routing { lead_unit: 3, cooperating: vec![4, 5], days: 10 });
    let code = |r: Result<Routing, RuleError>| {
        let e = r.unwrap_err();
        (e.code, e.field.unwrap())
    };
    assert_eq!(code(check_routing(None, &[], Some(5))), ("document_lead_required", "lead_unit".into()));
    assert_eq!(code(check_routing(Some(3), &[3], Some(5))), ("document_cooperating_invalid", "cooperating".into()));
    assert_eq!(code(check_routing(Some(3), &[4, 4], Some(5))), ("document_cooperating_invalid", "cooperating".into()));
    assert_eq!(code(check_routing(Some(3), &[], Some(0))), ("document_deadline_invalid", "deadline_days".into()));
    assert_eq!(code(check_routing(Some(3), &[], None)), ("document_deadline_invalid", "deadline_days".into()));
    assert_eq!(
        code(check_routing(Some(3), &[], Some(MAX_ROUTING_DAYS + 1))),
        ("document_deadline_invalid", "deadline_days".into())
    );
}

#[test]
fn the_deadline_counts_working_days_and_the_overdue_flag_follows_it() {
    let cal = WorkCalendar::vietnam();
    // Routed on Friday 2025-01-24: 5 working days skip the weekend and the
    // Tết holiday (27 January to 2 February 2025).
    let d = due(&cal, at("2025-01-24 10:00"), 5).unwrap();
    assert_eq!(d.date().to_string(), "2025-02-07");
    // Routed on Monday 2025-03-03: 3 working days later is Thursday.
    let d = due(&cal, at("2025-03-03 09:00"), 3).unwrap();
    assert_eq!(d.date().to_string(), "2025-03-06");
    assert!(!overdue(Some(d), None, at("2025-03-06 10:00")));
    assert!(overdue(Some(d), None, at("2025-03-07 08:00")));
    assert!(!overdue(Some(d), Some(at("2025-03-05 15:00")), at("2026-01-01 08:00")));
    assert!(overdue(Some(d), Some(at("2025-03-07 08:00")), at("2025-03-07 08:00")));
    assert!(!overdue(None, None, at("2030-01-01 00:00")));
}
