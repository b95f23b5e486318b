//! Laws of the working-day calendar, checked on the shipped Vietnamese
//! calendar (2025–2026) with generated days, moments and limits.
//!
//! Days are drawn from 01/01/2025 to late August 2026 and amounts
//! are kept small, so that every computation stays inside the covered
//! years except in the last law, which reaches 2027 on purpose.

use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use motcua_rules::calendar::{CalendarError, Timeliness, WorkCalendar};
use motcua_rules::{TimeLimit, TimeUnit};
use proptest::prelude::*;

/// Days from 01/01/2025 (to 23/08/2026) that leave room for 60 working days
/// (or 3 months and a 20-day pause) before the end of 2026.
const DAY_SPAN: i64 = 600;

fn calendar() -> &'static WorkCalendar {
    static CALENDAR: OnceLock<WorkCalendar> = OnceLock::new();
    CALENDAR.get_or_init(WorkCalendar::vietnam)
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date")
}

/// A day in 2025–2026, not too close to the end of the data.
fn day() -> impl Strategy<Value = NaiveDate> {
    (0..DAY_SPAN).prop_map(|offset| first_day() + TimeDelta::days(offset))
}

/// A moment in 2025–2026, to the minute, at any hour of any day.
fn moment() -> impl Strategy<Value = NaiveDateTime> {
    (day(), 0..24 * 60i64).prop_map(|(day, minute)| day.and_time(chrono::NaiveTime::MIN) + TimeDelta::minutes(minute))
}

/// A time limit small enough to stay inside the data from any `day()`.
fn limit() -> impl Strategy<Value = TimeLimit> {
    prop_oneof![
        (0..=30u32).prop_map(|n| TimeLimit::new(n, TimeUnit::WorkingDays)),
        (0..=80u32).prop_map(|n| TimeLimit::new(n, TimeUnit::WorkingHours)),
        (0..=45u32).prop_map(|n| TimeLimit::new(n, TimeUnit::Days)),
        (0..=3u32).prop_map(|n| TimeLimit::new(n, TimeUnit::Months)),
    ]
}

fn order(t: Timeliness) -> u8 {
    match t {
        Timeliness::Early => 0,
        Timeliness::OnTime => 1,
        Timeliness::Late => 2,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn adding_working_days_lands_on_a_working_day(d in day(), n in 0..=60u32) {
        let cal = calendar();
        let result = cal.add_working_days(d, n).expect("inside the data");
        prop_assert_eq!(cal.is_working_day(result), Ok(true));
        prop_assert!(result >= d);
        if n > 0 {
            prop_assert!(result > d);
        }
    }

    #[test]
    fn adding_working_days_composes(d in day(), n in 1..=30u32, m in 0..=30u32) {
        let cal = calendar();
        let once = cal.add_working_days(d, n + m).expect("inside the data");
        let twice = cal.add_working_days(cal.add_working_days(d, n).expect("inside"), m).expect("inside");
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn counting_undoes_adding(d in day(), n in 1..=60u32) {
        let cal = calendar();
        let later = cal.add_working_days(d, n).expect("inside the data");
        prop_assert_eq!(cal.working_days_between(d, later), Ok(i64::from(n)));
        prop_assert_eq!(cal.working_days_between(later, d), Ok(-i64::from(n)));
    }

    #[test]
    fn a_deadline_is_never_before_the_receipt(received in moment(), limit in limit()) {
        let due = calendar().deadline(received, limit).expect("inside the data");
        prop_assert!(due >= received, "{limit:?} from {received} gave {due}");
    }

    #[test]
    fn a_longer_limit_is_never_due_earlier(received in moment(), limit in limit()) {
        let cal = calendar();
        let longer = TimeLimit::new(limit.amount + 1, limit.unit);
        let due = cal.deadline(received, limit).expect("inside the data");
        prop_assert!(cal.deadline(received, longer).expect("inside the data") >= due);
    }

    #[test]
    fn a_pause_never_brings_the_due_date_forward(
        received in moment(),
        limit in limit(),
        paused_at in moment(),
        pause_minutes in 0..20 * 24 * 60i64,
    ) {
        let cal = calendar();
        let due = cal.deadline(received, limit).expect("inside the data");
        let resumed_at = paused_at + TimeDelta::minutes(pause_minutes);
        let extended = cal.extend_for_pause(due, limit, paused_at, resumed_at).expect("inside the data");
        prop_assert!(extended >= due, "{limit:?}: {due} became {extended}");
    }

    #[test]
    fn a_zero_length_pause_changes_nothing(received in moment(), limit in limit(), paused_at in moment()) {
        let cal = calendar();
        let due = cal.deadline(received, limit).expect("inside the data");
        prop_assert_eq!(cal.extend_for_pause(due, limit, paused_at, paused_at), Ok(due));
    }

    #[test]
    fn classify_is_monotone_in_the_finishing_moment(
        due in moment(),
        a in moment(),
        b in moment(),
    ) {
        let cal = calendar();
        let (earlier, later) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(order(cal.classify(due, earlier)) <= order(cal.classify(due, later)));
    }

    #[test]
    fn overdue_days_are_positive_exactly_when_late(due in moment(), finished in moment()) {
        let cal = calendar();
        let overdue = cal.days_overdue(due, finished).expect("inside the data");
        prop_assert_eq!(overdue > 0, cal.classify(due, finished) == Timeliness::Late);
    }

    #[test]
    fn reaching_2027_is_an_unknown_year(
        offset in 0..31i64,
        extra in 0..=30u32,
        unit in prop::sample::select(TimeUnit::ALL.to_vec()),
    ) {
        let cal = calendar();
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid date") + TimeDelta::days(offset);
        // At most 22 working days remain in December 2026.
        prop_assert_eq!(cal.add_working_days(d, 23 + extra), Err(CalendarError::YearUnknown(2027)));
        let amount = match unit {
            TimeUnit::WorkingDays => 23 + extra,
            TimeUnit::WorkingHours => (23 + extra) * 8,
            TimeUnit::Days => 31 + extra,
            // Within 12 months, so that the last day falls in 2027 itself.
            TimeUnit::Months => 1 + extra % 12,
        };
        let received = d.and_hms_opt(9, 0, 0).expect("valid time");
        let result = cal.deadline(received, TimeLimit::new(amount, unit));
        prop_assert_eq!(result, Err(CalendarError::YearUnknown(2027)));
    }
}
