//! The calendar beyond the stored years: proposed years, holiday names and
//! provisional deadlines, on the shipped Vietnamese data (2025–2026).

use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::calendar::{CalendarError, WorkCalendar, vietnam_default_config, vietnam_schedules};
use motcua_rules::{TimeLimit, TimeUnit};

fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
}

fn at(year: i32, month: u32, day: u32, hour: u32) -> NaiveDateTime {
    d(year, month, day).and_hms_opt(hour, 0, 0).expect("valid test time")
}

fn end_of(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(23, 59, 59).expect("valid test time")
}

fn working_days(n: u32) -> TimeLimit {
    TimeLimit::new(n, TimeUnit::WorkingDays)
}

fn through_2028() -> WorkCalendar {
    WorkCalendar::with_proposals(vietnam_default_config(), vietnam_schedules(), 2028).expect("valid data")
}

#[test]
fn quoc_khanh_2026_is_off() {
    // Monday 31/08/2026 + 3 working days: Tuesday 01/09, (Wednesday 02/09
    // off), Thursday 03/09, Friday 04/09. It came out as 03/09 while the
    // shipped data lacked 02/09.
    let cal = WorkCalendar::vietnam();
    assert_eq!(cal.is_working_day(d(2026, 9, 2)), Ok(false));
    assert_eq!(cal.add_working_days(d(2026, 8, 31), 3), Ok(d(2026, 9, 4)));
    assert_eq!(cal.deadline(at(2026, 8, 31, 9), working_days(3)), Ok(end_of(d(2026, 9, 4))));
    assert_eq!(cal.holiday_name(d(2026, 9, 2)), Some("Quốc khánh"));
}

#[test]
fn gio_to_2026_is_compensated_on_monday() {
    // 10/3 âm lịch 2026 is Sunday 26/04: Monday 27/04 off, then 30/04 and
    // 01/05. Friday 24/04 + 2 working days = Wednesday 29/04, + 3 = Monday 04/05.
    let cal = WorkCalendar::vietnam();
    assert_eq!(cal.holiday_name(d(2026, 4, 27)), Some("Nghỉ bù Giỗ Tổ Hùng Vương"));
    assert_eq!(cal.add_working_days(d(2026, 4, 24), 2), Ok(d(2026, 4, 29)));
    assert_eq!(cal.add_working_days(d(2026, 4, 24), 3), Ok(d(2026, 5, 4)));
}

#[test]
fn new_still_refuses_a_year_without_data() {
    let cal = WorkCalendar::new(vietnam_default_config(), vietnam_schedules()).expect("valid data");
    assert_eq!(cal.deadline(at(2026, 12, 20, 9), working_days(30)), Err(CalendarError::YearUnknown(2027)));
    assert!(cal.schedule(2027).is_none());
    assert!(cal.is_provisional(d(2026, 12, 20), d(2027, 1, 4)));
}

#[test]
fn proposals_carry_a_deadline_into_2027() {
    let cal = through_2028();
    assert_eq!(cal.years(), 2025..=2028);
    // Sunday 20/12/2026 counts from Monday 21/12. 30 working days reach
    // Tuesday 02/02/2027 (01/01/2027 off), before Tết; 40 cross the
    // proposed Tết 05/02–11/02 and reach Tuesday 23/02/2027.
    let received = at(2026, 12, 20, 9);
    assert_eq!(cal.deadline(received, working_days(30)), Ok(end_of(d(2027, 2, 2))));
    let due = cal.deadline(received, working_days(40)).expect("inside the proposals");
    assert_eq!(due, end_of(d(2027, 2, 23)));
    assert!(cal.is_provisional(received.date(), due.date()));
    assert_eq!(cal.holiday_name(d(2027, 2, 10)), Some("Nghỉ bù Tết Nguyên đán"));
    assert_eq!(cal.holiday_name(d(2027, 2, 6)), None, "a Saturday in Tết is not listed");
    // Past the proposals the year is unknown, as before.
    assert_eq!(cal.add_working_days(d(2028, 12, 29), 5), Err(CalendarError::YearUnknown(2029)));
}

#[test]
fn stored_years_are_kept_and_missing_ones_proposed() {
    let cal = through_2028();
    for year in [2025, 2026] {
        let stored = cal.schedule(year).expect("shipped");
        assert!(!stored.proposed);
        assert_eq!(Some(stored), vietnam_schedules().iter().find(|y| y.year == year));
    }
    for year in [2027, 2028] {
        let proposed = cal.schedule(year).expect("proposed");
        assert!(proposed.proposed && !proposed.verified, "{year}");
    }
    // Proposals fill gaps between stored years too, and start at
    // `through_year` when no year is stored.
    let only_2025: Vec<_> = vietnam_schedules().into_iter().filter(|y| y.year == 2025).collect();
    let cal = WorkCalendar::with_proposals(vietnam_default_config(), only_2025, 2027).expect("valid");
    assert!(cal.schedule(2026).expect("proposed").proposed);
    let cal = WorkCalendar::with_proposals(vietnam_default_config(), vec![], 2027).expect("valid");
    assert_eq!(cal.years(), 2027..=2027);
    // A stored year after `through_year` stays; nothing is proposed before it.
    let cal = WorkCalendar::with_proposals(vietnam_default_config(), vietnam_schedules(), 2020).expect("valid");
    assert_eq!(cal.years(), 2025..=2026);
}

#[test]
fn provisional_when_any_year_is_unverified_proposed_or_unknown() {
    let mut years = vietnam_schedules();
    for y in &mut years {
        y.verified = true;
    }
    let cal = WorkCalendar::with_proposals(vietnam_default_config(), years, 2027).expect("valid");
    assert!(!cal.is_provisional(d(2025, 3, 1), d(2026, 12, 31)));
    assert!(!cal.is_provisional(d(2026, 12, 31), d(2025, 3, 1)));
    assert!(cal.is_provisional(d(2026, 12, 1), d(2027, 1, 5)), "2027 is proposed");
    assert!(cal.is_provisional(d(2024, 12, 1), d(2025, 1, 5)), "2024 is unknown");
    // The shipped years themselves are not verified yet.
    assert!(WorkCalendar::vietnam().is_provisional(d(2025, 3, 1), d(2025, 3, 2)));
}
