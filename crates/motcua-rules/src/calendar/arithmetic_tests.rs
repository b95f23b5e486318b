use chrono::{NaiveTime, Weekday};

use super::*;
use crate::calendar::{DayEnd, WorkWindow, vietnam_default_config, vietnam_schedules};

fn d(day: u32, month: u32, year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
}

fn at(day: u32, month: u32, year: i32, hour: u32, minute: u32) -> NaiveDateTime {
    d(day, month, year).and_hms_opt(hour, minute, 0).expect("valid test time")
}

fn end(day: u32, month: u32, year: i32) -> NaiveDateTime {
    d(day, month, year).and_hms_opt(23, 59, 59).expect("valid test time")
}

fn hm(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).expect("valid test time")
}

fn vn() -> WorkCalendar {
    WorkCalendar::vietnam()
}

fn with_config(edit: impl FnOnce(&mut CalendarConfig)) -> WorkCalendar {
    let mut config = vietnam_default_config();
    edit(&mut config);
    WorkCalendar::new(config, vietnam_schedules()).expect("valid test calendar")
}

fn year(year: i32, days_off: Vec<NaiveDate>, extra: Vec<NaiveDate>) -> YearSchedule {
    YearSchedule {
        year,
        days_off,
        extra_working_days: extra,
        verified: true,
        notes: String::new(),
        names: Default::default(),
        proposed: false,
    }
}

fn no_holidays(years: &[i32]) -> WorkCalendar {
    let years = years.iter().map(|y| year(*y, vec![], vec![])).collect();
    WorkCalendar::new(vietnam_default_config(), years).expect("valid test calendar")
}

fn invalid_data(result: Result<WorkCalendar, CalendarError>) -> String {
    match result {
        Err(CalendarError::InvalidData(why)) => why,
        other => panic!("expected invalid data, got {other:?}"),
    }
}

fn wd(n: u32) -> TimeLimit {
    TimeLimit::new(n, TimeUnit::WorkingDays)
}
fn hours(n: u32) -> TimeLimit {
    TimeLimit::new(n, TimeUnit::WorkingHours)
}
fn days(n: u32) -> TimeLimit {
    TimeLimit::new(n, TimeUnit::Days)
}
fn months(n: u32) -> TimeLimit {
    TimeLimit::new(n, TimeUnit::Months)
}

// ---- working days -------------------------------------------------

#[test]
fn weekdays_holidays_and_swapped_saturdays() {
    let cal = vn();
    assert_eq!(cal.is_working_day(d(3, 2, 2025)), Ok(true)); // Monday after Tết
    assert_eq!(cal.is_working_day(d(31, 1, 2025)), Ok(false)); // Friday in Tết
    assert_eq!(cal.is_working_day(d(8, 2, 2025)), Ok(false)); // ordinary Saturday
    assert_eq!(cal.is_working_day(d(26, 4, 2025)), Ok(true)); // swapped Saturday
    assert_eq!(cal.is_working_day(d(2, 5, 2025)), Ok(false)); // swapped Friday
    assert_eq!(cal.is_working_day(d(10, 1, 2026)), Ok(true)); // swapped Saturday
    assert_eq!(cal.is_working_day(d(3, 9, 2025)), Ok(true)); // disputed, shipped as working
}

#[test]
fn add_working_days_skips_tet_and_counts_the_swapped_saturday() {
    let cal = vn();
    assert_eq!(cal.add_working_days(d(24, 1, 2025), 1), Ok(d(3, 2, 2025)));
    assert_eq!(cal.add_working_days(d(25, 4, 2025), 1), Ok(d(26, 4, 2025)));
    assert_eq!(cal.add_working_days(d(25, 4, 2025), 4), Ok(d(5, 5, 2025)));
    // n = 0: the day itself when working, else the next working day.
    assert_eq!(cal.add_working_days(d(3, 2, 2025), 0), Ok(d(3, 2, 2025)));
    assert_eq!(cal.add_working_days(d(25, 1, 2025), 0), Ok(d(3, 2, 2025)));
    // Across the new year 2025 → 2026 (01/01 and 02/01/2026 off).
    assert_eq!(cal.add_working_days(d(31, 12, 2025), 1), Ok(d(5, 1, 2026)));
}

#[test]
fn working_days_between_counts_after_from_up_to_to() {
    let cal = vn();
    assert_eq!(cal.working_days_between(d(24, 1, 2025), d(3, 2, 2025)), Ok(1));
    assert_eq!(cal.working_days_between(d(3, 2, 2025), d(24, 1, 2025)), Ok(-1));
    assert_eq!(cal.working_days_between(d(3, 2, 2025), d(3, 2, 2025)), Ok(0));
    assert_eq!(cal.working_days_between(d(25, 4, 2025), d(5, 5, 2025)), Ok(4));
    assert_eq!(cal.working_days_between(d(1, 1, 2025), d(31, 12, 2026)).map(|n| n > 480), Ok(true));
}

#[test]
fn a_year_without_data_is_unknown() {
    let cal = vn();
    assert_eq!(cal.years(), 2025..=2026);
    assert_eq!(cal.is_working_day(d(31, 12, 2024)), Err(CalendarError::YearUnknown(2024)));
    assert_eq!(cal.add_working_days(d(31, 12, 2026), 1), Err(CalendarError::YearUnknown(2027)));
    assert_eq!(cal.add_working_days(d(2, 1, 2024), 1), Err(CalendarError::YearUnknown(2024)));
    assert_eq!(cal.working_days_between(d(1, 6, 2026), d(1, 1, 2027)), Err(CalendarError::YearUnknown(2027)));
    assert_eq!(cal.deadline(at(24, 12, 2026, 9, 0), wd(10)), Err(CalendarError::YearUnknown(2027)));
    assert_eq!(cal.deadline(at(10, 12, 2026, 9, 0), months(1)), Err(CalendarError::YearUnknown(2027)));
}

#[test]
fn a_gap_between_covered_years_is_unknown() {
    let cal = no_holidays(&[2027, 2025]);
    assert_eq!(cal.years(), 2025..=2027);
    assert_eq!(cal.is_working_day(d(4, 1, 2027)), Ok(true));
    assert_eq!(cal.is_working_day(d(5, 1, 2026)), Err(CalendarError::YearUnknown(2026)));
    assert_eq!(cal.add_working_days(d(31, 12, 2025), 1), Err(CalendarError::YearUnknown(2026)));
    assert_eq!(cal.add_working_days(d(1, 1, 2027), 1), Ok(d(4, 1, 2027)));
    assert_eq!(cal.working_days_between(d(1, 12, 2025), d(4, 1, 2027)), Err(CalendarError::YearUnknown(2026)));
    assert_eq!(cal.working_days_between(d(4, 1, 2027), d(1, 12, 2025)), Err(CalendarError::YearUnknown(2026)));
}

// ---- data checks --------------------------------------------------

#[test]
fn inconsistent_schedules_are_rejected_naming_the_date() {
    let config = vietnam_default_config;
    let why = invalid_data(WorkCalendar::new(config(), vec![year(2025, vec![], vec![]), year(2025, vec![], vec![])]));
    assert!(why.contains("2025"), "{why}");
    let why = invalid_data(WorkCalendar::new(config(), vec![year(2025, vec![d(1, 1, 2026)], vec![])]));
    assert!(why.contains("01/01/2026"), "{why}");
    let why = invalid_data(WorkCalendar::new(config(), vec![year(2025, vec![d(26, 4, 2025)], vec![d(26, 4, 2025)])]));
    assert!(why.contains("26/04/2025"), "{why}");
    let why = invalid_data(WorkCalendar::new(config(), vec![year(2025, vec![], vec![d(28, 4, 2025)])]));
    assert!(why.contains("28/04/2025") && why.contains("Mon"), "{why}");
}

#[test]
fn names_are_only_for_listed_days_of_the_year() {
    let named = |day: NaiveDate| {
        let mut y = year(2025, vec![d(1, 1, 2025)], vec![d(26, 4, 2025)]);
        y.names.insert(day, "Tết Dương lịch".to_owned());
        WorkCalendar::new(vietnam_default_config(), vec![y])
    };
    assert!(named(d(1, 1, 2025)).is_ok());
    assert!(named(d(26, 4, 2025)).is_ok());
    let why = invalid_data(named(d(2, 1, 2025)));
    assert!(why.contains("02/01/2025") && why.contains("name"), "{why}");
    let why = invalid_data(named(d(1, 1, 2026)));
    assert!(why.contains("01/01/2026"), "{why}");
}

#[test]
fn inconsistent_weekly_patterns_are_rejected() {
    let check = |edit: fn(&mut CalendarConfig)| {
        let mut config = vietnam_default_config();
        edit(&mut config);
        invalid_data(WorkCalendar::new(config, vietnam_schedules()))
    };
    check(|c| c.working_weekdays.clear());
    check(|c| c.windows.clear());
    check(|c| c.windows[0].end = c.windows[0].start);
    check(|c| c.windows.reverse());
    let why = check(|c| c.windows[1].start = hm(11, 0));
    assert!(why.contains("overlap"), "{why}");
    // Any cut-off is fine, even before the first window.
    let mut config = vietnam_default_config();
    config.cutoff = Some(hm(6, 0));
    assert_eq!(config.check(), Ok(()));
}

#[test]
fn end_of_day_follows_the_configured_day_end() {
    assert_eq!(vn().end_of_day(d(10, 2, 2025)), end(10, 2, 2025));
    let cal = with_config(|c| c.day_end = DayEnd::EndOfWorkingHours);
    assert_eq!(cal.end_of_day(d(10, 2, 2025)), at(10, 2, 2025, 17, 0));
}

// ---- receipt day and cut-off ----------------------------------------

#[test]
fn receipt_on_a_day_off_counts_on_the_next_working_day() {
    let cal = vn();
    assert_eq!(cal.effective_receipt_day(at(31, 1, 2025, 10, 0)), Ok(d(3, 2, 2025)));
    assert_eq!(cal.effective_receipt_day(at(3, 2, 2025, 16, 59)), Ok(d(3, 2, 2025)));
    // No cut-off by default: even 20:00 counts that day.
    assert_eq!(cal.effective_receipt_day(at(3, 2, 2025, 20, 0)), Ok(d(3, 2, 2025)));
}

#[test]
fn receipt_after_the_cutoff_counts_on_the_next_working_day() {
    let cal = with_config(|c| c.cutoff = Some(hm(15, 0)));
    // Thursday 06/03/2025: 15:00 sharp still counts, 15:01 does not.
    assert_eq!(cal.effective_receipt_day(at(6, 3, 2025, 15, 0)), Ok(d(6, 3, 2025)));
    assert_eq!(cal.effective_receipt_day(at(6, 3, 2025, 15, 1)), Ok(d(7, 3, 2025)));
    // Friday 07/03 after 15:00: Monday 10/03.
    assert_eq!(cal.effective_receipt_day(at(7, 3, 2025, 15, 30)), Ok(d(10, 3, 2025)));
    assert_eq!(cal.deadline(at(6, 3, 2025, 15, 30), wd(1)), Ok(end(10, 3, 2025)));
    assert_eq!(cal.deadline(at(6, 3, 2025, 14, 30), wd(1)), Ok(end(7, 3, 2025)));
    // "Same day" (0 working days) after the cut-off: the next working day.
    assert_eq!(cal.deadline(at(6, 3, 2025, 15, 30), wd(0)), Ok(end(7, 3, 2025)));
}

// ---- deadlines in working days -----------------------------------------

#[test]
fn working_days_received_inside_tet() {
    // Friday 31/01/2025 is a Tết day: receipt counts on Monday 03/02,
    // which is not counted; five working days end on Monday 10/02.
    assert_eq!(vn().deadline(at(31, 1, 2025, 10, 0), wd(5)), Ok(end(10, 2, 2025)));
}

#[test]
fn working_days_around_the_swapped_saturday() {
    let cal = vn();
    // Friday 25/04/2025: Sat 26/04 is worked, 30/04–04/05 off.
    assert_eq!(cal.deadline(at(25, 4, 2025, 9, 0), wd(1)), Ok(end(26, 4, 2025)));
    assert_eq!(cal.deadline(at(25, 4, 2025, 9, 0), wd(3)), Ok(end(29, 4, 2025)));
    assert_eq!(cal.deadline(at(25, 4, 2025, 9, 0), wd(4)), Ok(end(5, 5, 2025)));
    // Received on the worked Saturday itself.
    assert_eq!(cal.deadline(at(26, 4, 2025, 9, 0), wd(1)), Ok(end(28, 4, 2025)));
    // 0 working days: the day of receipt.
    assert_eq!(cal.deadline(at(25, 4, 2025, 9, 0), wd(0)), Ok(end(25, 4, 2025)));
}

#[test]
fn working_days_due_at_the_end_of_working_hours() {
    let cal = with_config(|c| c.day_end = DayEnd::EndOfWorkingHours);
    assert_eq!(cal.deadline(at(31, 1, 2025, 10, 0), wd(5)), Ok(at(10, 2, 2025, 17, 0)));
}

// ---- deadlines in calendar days and months ------------------------------

#[test]
fn calendar_days_landing_on_a_holiday_move_to_the_next_working_day() {
    let cal = vn();
    // Monday 21/04/2025 + 9 days = Wednesday 30/04 (holiday) → Monday 05/05.
    assert_eq!(cal.deadline(at(21, 4, 2025, 9, 0), days(9)), Ok(end(5, 5, 2025)));
    // Tuesday 01/04/2025 + 6 days = Monday 07/04 (Giỗ Tổ) → Tuesday 08/04.
    assert_eq!(cal.deadline(at(1, 4, 2025, 9, 0), days(6)), Ok(end(8, 4, 2025)));
    // Landing on the worked Saturday 26/04 keeps it.
    assert_eq!(cal.deadline(at(21, 4, 2025, 9, 0), days(5)), Ok(end(26, 4, 2025)));
    // Landing on an ordinary Sunday.
    assert_eq!(cal.deadline(at(3, 3, 2025, 9, 0), days(6)), Ok(end(10, 3, 2025)));
    // Received in Tết: counted from Monday 03/02.
    assert_eq!(cal.deadline(at(28, 1, 2025, 9, 0), days(2)), Ok(end(5, 2, 2025)));
}

#[test]
fn months_clamp_to_the_last_day_of_a_short_month() {
    // Without holidays, Friday 31/01/2025 + 1 month = Friday 28/02/2025.
    let plain = no_holidays(&[2025]);
    assert_eq!(plain.deadline(at(31, 1, 2025, 9, 0), months(1)), Ok(end(28, 2, 2025)));
    let cal = vn();
    // Friday 31/10/2025 + 4 months = Saturday 28/02/2026 → Monday 02/03.
    assert_eq!(cal.deadline(at(31, 10, 2025, 9, 0), months(4)), Ok(end(2, 3, 2026)));
    // Monday 31/03/2025 + 1 month = 30/04 (holiday) → Monday 05/05.
    assert_eq!(cal.deadline(at(31, 3, 2025, 9, 0), months(1)), Ok(end(5, 5, 2025)));
    // Received in Tết (31/01/2025 counts as 03/02): due 03/03.
    assert_eq!(cal.deadline(at(31, 1, 2025, 9, 0), months(1)), Ok(end(3, 3, 2025)));
}

// ---- deadlines in working hours --------------------------------------

#[test]
fn working_hours_cross_lunch_and_the_weekend() {
    let cal = vn();
    // Friday 07/03/2025 10:30, 8 hours: 1 h before lunch, 4 h after,
    // the last 3 h on Monday 10/03 from 07:30.
    assert_eq!(cal.deadline(at(7, 3, 2025, 10, 30), hours(8)), Ok(at(10, 3, 2025, 10, 30)));
    // 2 hours from 10:30: 1 h to 11:30, 1 h after lunch.
    assert_eq!(cal.deadline(at(7, 3, 2025, 10, 30), hours(2)), Ok(at(7, 3, 2025, 14, 0)));
    // Received at lunch: the clock starts at 13:00.
    assert_eq!(cal.deadline(at(7, 3, 2025, 11, 45), hours(2)), Ok(at(7, 3, 2025, 15, 0)));
    // Received before opening: the clock starts at 07:30.
    assert_eq!(cal.deadline(at(7, 3, 2025, 6, 0), hours(1)), Ok(at(7, 3, 2025, 8, 30)));
    // Received after closing on Friday: Monday from 07:30.
    assert_eq!(cal.deadline(at(7, 3, 2025, 17, 30), hours(1)), Ok(at(10, 3, 2025, 8, 30)));
    // Received on a Saturday, 0 hours: the clock's start, Monday 07:30.
    assert_eq!(cal.deadline(at(8, 3, 2025, 9, 0), hours(0)), Ok(at(10, 3, 2025, 7, 30)));
    // 0 hours inside a window: the moment of receipt.
    assert_eq!(cal.deadline(at(7, 3, 2025, 9, 10), hours(0)), Ok(at(7, 3, 2025, 9, 10)));
}

#[test]
fn working_hours_running_out_at_a_window_end_are_due_at_that_end() {
    let cal = vn();
    assert_eq!(cal.deadline(at(7, 3, 2025, 7, 30), hours(4)), Ok(at(7, 3, 2025, 11, 30)));
    assert_eq!(cal.deadline(at(7, 3, 2025, 7, 30), hours(8)), Ok(at(7, 3, 2025, 17, 0)));
    // 16 hours from Monday 07:30 end at Tuesday 17:00, not Wednesday 07:30.
    assert_eq!(cal.deadline(at(10, 3, 2025, 7, 30), hours(16)), Ok(at(11, 3, 2025, 17, 0)));
    // Received at 11:30 sharp: nothing is left of the morning window.
    assert_eq!(cal.deadline(at(7, 3, 2025, 11, 30), hours(1)), Ok(at(7, 3, 2025, 14, 0)));
}

#[test]
fn working_hours_skip_tet_and_respect_the_cutoff() {
    // Friday 24/01/2025 16:00, 2 hours: 1 h on Friday, then Tết until
    // Monday 03/02, 1 h from 07:30.
    assert_eq!(vn().deadline(at(24, 1, 2025, 16, 0), hours(2)), Ok(at(3, 2, 2025, 8, 30)));
    // 40 hours (5 days) from Monday 03/02 07:30 end Friday 07/02 17:00.
    assert_eq!(vn().deadline(at(3, 2, 2025, 7, 30), hours(40)), Ok(at(7, 2, 2025, 17, 0)));
    let cal = with_config(|c| c.cutoff = Some(hm(15, 0)));
    assert_eq!(cal.deadline(at(7, 3, 2025, 15, 30), hours(1)), Ok(at(10, 3, 2025, 8, 30)));
    assert_eq!(cal.deadline(at(7, 3, 2025, 15, 0), hours(1)), Ok(at(7, 3, 2025, 16, 0)));
}

#[test]
fn a_fraction_of_a_second_is_rounded_up() {
    let received = at(7, 3, 2025, 9, 0) + TimeDelta::milliseconds(300);
    assert_eq!(vn().deadline(received, hours(0)), Ok(at(7, 3, 2025, 9, 0) + TimeDelta::seconds(1)));
}

#[test]
fn a_weekly_pattern_with_saturday_mornings() {
    // A unit open on Saturdays: the extra-working-day rule then forbids
    // listing Saturdays as extra days, and Saturday counts as a day.
    let mut config = vietnam_default_config();
    config.working_weekdays.push(Weekday::Sat);
    let cal = WorkCalendar::new(config, vec![year(2025, vec![], vec![])]).expect("valid");
    assert_eq!(cal.add_working_days(d(7, 3, 2025), 1), Ok(d(8, 3, 2025)));
    assert!(WorkCalendar::new(cal.config().clone(), vietnam_schedules()).is_err());
    let windows = vec![WorkWindow { start: hm(8, 0), end: hm(12, 0) }];
    let mut config = vietnam_default_config();
    config.windows = windows;
    let cal = WorkCalendar::new(config, vietnam_schedules()).expect("valid");
    assert_eq!(cal.deadline(at(7, 3, 2025, 11, 0), hours(2)), Ok(at(10, 3, 2025, 9, 0)));
}

// ---- pauses for a supplement -------------------------------------------

#[test]
fn a_pause_extends_working_days_by_the_working_days_it_took() {
    let cal = vn();
    let due = end(10, 2, 2025);
    // Paused Tuesday 04/02, resumed Thursday 06/02: 2 working days.
    let extended = cal.extend_for_pause(due, wd(5), at(4, 2, 2025, 10, 0), at(6, 2, 2025, 9, 0));
    assert_eq!(extended, Ok(end(12, 2, 2025)));
    // Paused and resumed the same day: unchanged.
    let same_day = cal.extend_for_pause(due, wd(5), at(4, 2, 2025, 10, 0), at(4, 2, 2025, 16, 0));
    assert_eq!(same_day, Ok(due));
    // Paused over the weekend only (Friday evening to Monday morning): 1.
    let weekend = cal.extend_for_pause(due, wd(5), at(7, 2, 2025, 18, 0), at(10, 2, 2025, 7, 0));
    assert_eq!(weekend, Ok(end(11, 2, 2025)));
}

#[test]
fn a_pause_extends_working_hours_by_the_working_time_it_took() {
    let cal = vn();
    let due = at(10, 3, 2025, 10, 30);
    // Friday 16:00–17:00 and Monday 07:30–08:00: 1 h 30.
    let extended = cal.extend_for_pause(due, hours(8), at(7, 3, 2025, 16, 0), at(10, 3, 2025, 8, 0));
    assert_eq!(extended, Ok(at(10, 3, 2025, 13, 30)));
    // A pause at lunch takes no working time.
    let lunch = cal.extend_for_pause(due, hours(8), at(7, 3, 2025, 11, 40), at(7, 3, 2025, 12, 50));
    assert_eq!(lunch, Ok(due));
    // A pause of whole working days, from a due moment at a window end.
    let due = at(11, 3, 2025, 17, 0);
    let two_days = cal.extend_for_pause(due, hours(16), at(4, 3, 2025, 7, 30), at(5, 3, 2025, 17, 0));
    assert_eq!(two_days, Ok(at(13, 3, 2025, 17, 0)));
}

#[test]
fn a_pause_extends_calendar_days_and_months_by_calendar_days() {
    let cal = vn();
    // Due Monday 05/05/2025, paused 3 calendar days: Thursday 08/05.
    let due = end(5, 5, 2025);
    let extended = cal.extend_for_pause(due, days(9), at(28, 4, 2025, 9, 0), at(1, 5, 2025, 9, 0));
    assert_eq!(extended, Ok(end(8, 5, 2025)));
    // Due Friday 09/05, paused 1 day: Saturday 10/05 → Monday 12/05.
    let due = end(9, 5, 2025);
    let weekend = cal.extend_for_pause(due, months(1), at(5, 5, 2025, 9, 0), at(6, 5, 2025, 9, 0));
    assert_eq!(weekend, Ok(end(12, 5, 2025)));
}

#[test]
fn a_pause_that_ends_before_it_starts_is_rejected() {
    let result = vn().extend_for_pause(end(10, 2, 2025), wd(5), at(6, 2, 2025, 9, 0), at(4, 2, 2025, 9, 0));
    assert!(matches!(result, Err(CalendarError::InvalidData(_))), "{result:?}");
}

// ---- early, on time, late ----------------------------------------------

#[test]
fn classify_by_due_moment_and_due_day() {
    let cal = vn();
    let due = end(10, 2, 2025);
    assert_eq!(cal.classify(due, at(7, 2, 2025, 16, 0)), Timeliness::Early);
    assert_eq!(cal.classify(due, at(10, 2, 2025, 8, 0)), Timeliness::OnTime);
    assert_eq!(cal.classify(due, due), Timeliness::OnTime);
    assert_eq!(cal.classify(due, at(11, 2, 2025, 8, 0)), Timeliness::Late);
}

#[test]
fn days_overdue_counts_working_days_and_at_least_one() {
    let cal = vn();
    let due = end(10, 2, 2025);
    assert_eq!(cal.days_overdue(due, at(10, 2, 2025, 9, 0)), Ok(0));
    assert_eq!(cal.days_overdue(due, at(7, 2, 2025, 9, 0)), Ok(0));
    assert_eq!(cal.days_overdue(due, at(11, 2, 2025, 9, 0)), Ok(1));
    assert_eq!(cal.days_overdue(due, at(14, 2, 2025, 9, 0)), Ok(4));
    assert_eq!(cal.days_overdue(due, at(17, 2, 2025, 9, 0)), Ok(5));
    // Due Friday 24/01/2025, finished after Tết on Monday 03/02: 1 working day.
    assert_eq!(cal.days_overdue(end(24, 1, 2025), at(3, 2, 2025, 9, 0)), Ok(1));
    // Late on the due day itself (due 17:00, finished 18:00): 1.
    let cal = with_config(|c| c.day_end = DayEnd::EndOfWorkingHours);
    assert_eq!(cal.days_overdue(at(10, 2, 2025, 17, 0), at(10, 2, 2025, 18, 0)), Ok(1));
}
