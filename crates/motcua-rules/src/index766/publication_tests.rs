//! Hand-computed cases on the shipped calendar. March 2026 has no holiday:
//! its working days are Mon 2–Fri 6, 9–13, 16–20, 23–27, Mon 30, Tue 31.

use super::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn cal() -> WorkCalendar {
    WorkCalendar::vietnam()
}

fn decision(
    procedure_id: i64,
    decided: NaiveDate,
    effective: Option<NaiveDate>,
    public: Option<NaiveDate>,
) -> Decision {
    Decision { procedure_id, decided, basis_effective: effective, made_public: public }
}

fn march() -> Period {
    Period::month(2026, 3).unwrap()
}

#[test]
fn deadlines_are_data_per_level() {
    assert_eq!(PublisherLevel::Province.deadlines(), Deadlines { before_effective: 5, public_within: 5 });
    assert_eq!(PublisherLevel::Ministry.deadlines(), Deadlines { before_effective: 20, public_within: 10 });
    assert_eq!(PublisherLevel::default(), PublisherLevel::Province);
}

#[test]
fn published_on_time_counts_working_days_before_the_basis_takes_effect() {
    let (c, p) = (cal(), PublisherLevel::Province);
    // Effective Mon 16/03: 5 working days before it is Mon 09/03.
    let at = |decided| published_on_time(&decision(1, decided, Some(d(3, 16)), None), p, &c);
    assert_eq!(at(d(3, 9)), Verdict::OnTime, "9, 10, 11, 12, 13: five working days");
    assert_eq!(at(d(3, 7)), Verdict::OnTime, "a Saturday before the 5th working day");
    assert_eq!(at(d(3, 10)), Verdict::Late, "only four working days left");
    assert_eq!(at(d(3, 20)), Verdict::Late, "decided after the basis took effect");
    // A ministry needs 20: effective Mon 30/03 ⇒ no later than Mon 02/03.
    let m = |decided| published_on_time(&decision(1, decided, Some(d(3, 30)), None), PublisherLevel::Ministry, &c);
    assert_eq!((m(d(3, 2)), m(d(3, 3))), (Verdict::OnTime, Verdict::Late));
    // No effective date: not measurable, never guessed.
    assert_eq!(published_on_time(&decision(1, d(3, 2), None, None), p, &c), Verdict::NotMeasurable);
    // Tết: effective Mon 23/02/2026; 16–20/02 are days off, so the 5
    // working days before it are 09–13/02.
    assert_eq!(published_on_time(&decision(1, d(2, 9), Some(d(2, 23)), None), p, &c), Verdict::OnTime);
    assert_eq!(published_on_time(&decision(1, d(2, 10), Some(d(2, 23)), None), p, &c), Verdict::Late);
    // A year the calendar does not know: not measurable.
    let far = NaiveDate::from_ymd_opt(2031, 3, 3).unwrap();
    assert_eq!(
        published_on_time(&decision(1, far, Some(far + Duration::days(30)), None), p, &c),
        Verdict::NotMeasurable
    );
}

#[test]
fn made_public_on_time_within_working_days_of_the_decision() {
    let (c, p) = (cal(), PublisherLevel::Province);
    // Decided Mon 02/03: the 5th working day after is Mon 09/03.
    assert_eq!(public_deadline(d(3, 2), p, &c), Some(d(3, 9)));
    assert_eq!(public_deadline(d(3, 2), PublisherLevel::Ministry, &c), Some(d(3, 16)));
    let at = |public| made_public_on_time(&decision(1, d(3, 2), None, public), march(), p, &c);
    assert_eq!(at(Some(d(3, 9))), Some(Verdict::OnTime));
    assert_eq!(at(Some(d(3, 10))), Some(Verdict::Late));
    // Not public by the end of March, due 09/03: late, in the denominator.
    assert_eq!(at(None), Some(Verdict::Late));
    assert_eq!(at(Some(d(4, 2))), Some(Verdict::Late), "public only after the period");
    // Made public before the period: not counted in it.
    let feb = made_public_on_time(&decision(1, d(2, 2), None, Some(d(2, 5))), march(), p, &c);
    assert_eq!(feb, None);
    // Decided Mon 30/03, due Mon 06/04 (after the period), not yet public:
    // not yet due, not counted.
    assert_eq!(made_public_on_time(&decision(1, d(3, 30), None, None), march(), p, &c), None);
}

#[test]
fn a_procedure_counts_once_per_period_and_is_late_if_any_decision_was() {
    let c = cal();
    let eff = Some(d(3, 16));
    let decisions = [
        // 1: two decisions in March, 02/03 on time and 12/03 late ⇒ late, once.
        decision(1, d(3, 2), eff, Some(d(3, 5))),
        decision(1, d(3, 12), eff, Some(d(3, 13))),
        // 2: two decisions, both on time ⇒ on time, once.
        decision(2, d(3, 2), eff, Some(d(3, 3))),
        decision(2, d(3, 9), eff, Some(d(3, 16))),
        // 3: one on time, one without an effective date ⇒ not measurable.
        decision(3, d(3, 2), eff, Some(d(3, 4))),
        decision(3, d(3, 4), None, Some(d(3, 4))),
        // 4: decided Fri 20/02: not in March's 1.1; due Fri 27/02 (the 5th
        // working day after) and made public on 02/03, in March ⇒ late for 1.2.
        decision(4, d(2, 20), Some(d(3, 2)), Some(d(3, 2))),
        // 5: decided 02/03, never made public, superseded by 10/03 which
        // is due 17/03 and was public on 17/03 ⇒ on time (the first one is
        // superseded, not counted late).
        decision(5, d(3, 2), eff, None),
        decision(5, d(3, 10), Some(d(3, 17)), Some(d(3, 17))),
    ];
    let got = count_decisions(&decisions, march(), PublisherLevel::Province, &c);
    // 1.1: procedures 1 (late), 2 (on time), 3 (unmeasurable), 5: 02/03
    // on time (16/03 − 5 = 09/03) and 10/03 with basis 17/03 (10/03 = 5th
    // working day before 17/03: 10, 11, 12, 13, 16) on time.
    assert_eq!((got.published, got.published_on_time, got.published_unmeasurable), (3, 2, 1));
    // 1.2: 1 on time (05/03 ≤ 09/03; 13/03 ≤ 19/03), 2 on time (03/03 ≤
    // 09/03; 16/03 ≤ 09/03 + 5 = 16/03), 3 on time, 4 late, 5 on time.
    assert_eq!((got.public_due, got.public_on_time, got.public_unmeasurable), (5, 4, 0));
    assert_eq!(got.with_decisions, 5);
    // The order of the decisions does not matter.
    let mut reversed = decisions;
    reversed.reverse();
    assert_eq!(count_decisions(&reversed, march(), PublisherLevel::Province, &c), got);
}

#[test]
fn content_parts_name_what_is_missing() {
    let all = ContentParts {
        name: true,
        sequence: true,
        method: true,
        components: true,
        time_limit: true,
        applicants: true,
        agency: true,
    };
    assert!(all.complete());
    let some = ContentParts { applicants: false, components: false, ..all };
    assert_eq!(some.missing(), vec!["components", "applicants"]);
    assert!(!some.complete());
}

#[test]
fn dates_are_checked_as_entered() {
    assert!(check_dates(None, None, None).is_ok());
    assert!(check_dates(Some(d(3, 2)), None, None).is_ok());
    assert!(check_dates(Some(d(3, 2)), Some(d(3, 1)), Some(d(3, 2))).is_ok(), "a basis may take effect first (late)");
    let e = check_dates(None, None, Some(d(3, 2))).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), ("publication_decision_date_required", Some("publication.decision_date")));
    assert_eq!(check_dates(None, Some(d(3, 2)), None).unwrap_err().code, "publication_decision_date_required");
    let e = check_dates(Some(d(3, 2)), None, Some(d(3, 1))).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), ("publication_public_before_decision", Some("publication.public_date")));
}
