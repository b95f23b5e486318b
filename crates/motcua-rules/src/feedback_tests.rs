use chrono::{NaiveDate, NaiveDateTime};

use super::*;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn deadlines_run_on_working_days_from_the_day_after_reception() {
    let cal = WorkCalendar::vietnam();
    // Wednesday 4 March 2026: refuse by Friday 6, answer by Wednesday 25
    // (15 working days, weekends skipped).
    let due = Deadlines::SPEC.due(&cal, at("2026-03-04 09:00")).unwrap();
    assert_eq!(due.refuse_by.date(), day("2026-03-06"));
    assert_eq!(due.answer_by.date(), day("2026-03-25"));
    // Received on a Saturday: counted from the next working day.
    let due = Deadlines::SPEC.due(&cal, at("2026-03-07 10:00")).unwrap();
    assert_eq!(due.refuse_by.date(), day("2026-03-11"));
    // Across the Hùng Kings' day (Sunday 26 April 2026, moved to Monday 27)
    // and 30 April – 1 May: answered on 23 April, published by 29 April.
    let by = Deadlines::SPEC.publish_by(&cal, at("2026-04-23 15:00")).unwrap();
    assert!(by.date() > day("2026-04-27"), "{by}");
}

#[test]
fn handling_needs_a_feedback_still_open_and_a_topic_to_close_it() {
    let r = Some(Topic::Regulation);
    assert!(check_handling(&Handling::Forward, Stage::Received, None).is_ok());
    assert!(check_handling(&Handling::MarkRepeat, Stage::Received, None).is_ok());
    assert!(check_handling(&Handling::Answer, Stage::Received, r).is_ok());
    let e = check_handling(&Handling::Answer, Stage::Received, None).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), ("feedback_topic_required", Some("topic")));
    let e = check_handling(&Handling::Refuse, Stage::Received, None).unwrap_err();
    assert_eq!(e.code, "feedback_topic_required");
    for stage in [Stage::Answered, Stage::Refused] {
        let e = check_handling(&Handling::Forward, stage, r).unwrap_err();
        assert_eq!(e.code, "feedback_already_handled");
    }
}

#[test]
fn an_answer_is_published_once_and_only_with_consent() {
    assert!(check_publish(Stage::Answered, true, false).is_ok());
    assert_eq!(check_publish(Stage::Answered, false, false).unwrap_err().code, "feedback_no_consent");
    assert_eq!(check_publish(Stage::Answered, true, true).unwrap_err().code, "feedback_already_published");
    assert_eq!(check_publish(Stage::Received, true, false).unwrap_err().code, "feedback_not_answered");
    assert_eq!(check_publish(Stage::Refused, true, false).unwrap_err().code, "feedback_not_answered");
}

#[test]
fn the_sender_rates_once_after_the_handling() {
    assert!(check_rating(Stage::Answered, false).is_ok());
    assert!(check_rating(Stage::Refused, false).is_ok());
    assert_eq!(check_rating(Stage::Received, false).unwrap_err().code, "feedback_not_answered");
    assert_eq!(check_rating(Stage::Answered, true).unwrap_err().code, "feedback_already_rated");
}

#[test]
fn topics_and_ratings_parse_or_name_their_field() {
    assert_eq!(Topic::parse(" conduct ", "topic").unwrap(), Topic::Conduct);
    let e = Topic::parse("other", "topic").unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), ("feedback_topic_invalid", Some("topic")));
    assert_eq!(Satisfaction::parse("dissatisfied", "rating").unwrap(), Satisfaction::Dissatisfied);
    assert_eq!(Satisfaction::parse("", "rating").unwrap_err().code, "feedback_rating_invalid");
    for s in [Stage::Received, Stage::Refused, Stage::Answered] {
        assert_eq!(Stage::parse(s.as_str()), Some(s));
    }
}

/// A feedback received at `received`, due as the specification says.
fn item(received: &str) -> Counted {
    let received_at = at(received);
    let due = Deadlines::SPEC.due(&WorkCalendar::vietnam(), received_at).unwrap();
    Counted {
        received_at,
        topic: Some(Topic::Regulation),
        due,
        handled: None,
        dissatisfied: false,
        repeated: false,
        is_repeat: false,
    }
}

#[test]
fn the_766_counts_of_one_month() {
    let (from, to) = (at("2026-03-01 00:00"), at("2026-04-01 00:00"));
    let answered =
        |received: &str, when: &str| Counted { handled: Some((Stage::Answered, at(when))), ..item(received) };
    let items = [
        // Answered on time, satisfied: counts everywhere.
        answered("2026-03-02 09:00", "2026-03-10 09:00"),
        // Answered late (due 23 March): overdue.
        answered("2026-03-02 09:00", "2026-03-30 09:00"),
        // Refused within two working days, about conduct.
        Counted {
            topic: Some(Topic::Conduct),
            handled: Some((Stage::Refused, at("2026-03-04 10:00"))),
            ..item("2026-03-03 09:00")
        },
        // Refused too late: after two working days.
        Counted { handled: Some((Stage::Refused, at("2026-03-12 10:00"))), ..item("2026-03-03 09:00") },
        // Answered on time, the sender dissatisfied.
        Counted { dissatisfied: true, ..answered("2026-03-05 09:00", "2026-03-06 09:00") },
        // Answered on time, but the sender had to send it again.
        Counted { repeated: true, ..answered("2026-03-05 09:00", "2026-03-06 09:00") },
        // The repeat itself: not first received, but handled in the month.
        Counted { is_repeat: true, ..answered("2026-03-20 09:00", "2026-03-21 09:00") },
        // Still open at the end, within its deadline (due in April), not classified.
        Counted { topic: None, ..item("2026-03-27 09:00") },
        // Received in February, answered in March on time: 5.2 only.
        answered("2026-02-25 09:00", "2026-03-03 09:00"),
        // Received in February, still open and past due at the end of March.
        item("2026-02-02 09:00"),
        // Received in February, answered in February: not in March at all.
        answered("2026-02-02 09:00", "2026-02-03 09:00"),
        // Received in April: ignored.
        item("2026-04-02 09:00"),
    ];
    let c = count(&items, from, to, to);
    assert_eq!(
        c,
        FeedbackCounts {
            received: 7,
            about_regulation: 5,
            about_conduct: 1,
            due_in_period: 10,
            on_time: 7,
            satisfactory: 3,
        }
    );
}

#[test]
fn an_open_feedback_is_on_time_until_its_deadline_passes() {
    let (from, to) = (at("2026-03-01 00:00"), at("2026-04-01 00:00"));
    let items = [item("2026-03-02 09:00")];
    // Looked at on 10 March (the current period): within its deadline.
    let c = count(&items, from, to, at("2026-03-10 12:00"));
    assert_eq!((c.due_in_period, c.on_time, c.satisfactory), (1, 1, 1));
    // At the end of March: past due (23 March), so neither on time nor satisfactory.
    let c = count(&items, from, to, to);
    assert_eq!((c.due_in_period, c.on_time, c.satisfactory), (1, 0, 0));
}
