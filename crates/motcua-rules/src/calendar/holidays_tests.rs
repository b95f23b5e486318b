use chrono::Weekday;

use super::*;
use crate::calendar::{WorkCalendar, vietnam_default_config};

fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
}

fn proposal(year: i32) -> YearSchedule {
    proposed_year(&vietnam_default_config(), year)
}

fn name(schedule: &YearSchedule, day: NaiveDate) -> Option<&str> {
    schedule.names.get(&day).map(String::as_str)
}

#[test]
fn proposal_2027() {
    let y = proposal(2027);
    assert_eq!(y.year, 2027);
    assert!(y.proposed && !y.verified);
    assert!(y.extra_working_days.is_empty());
    assert_eq!(
        y.days_off,
        vec![
            d(2027, 1, 1),
            // Tết Đinh Mùi: 30 Chạp Friday 05/02, mùng 1–2 on the weekend,
            // mùng 3–4 Monday and Tuesday, the weekend days compensated on
            // Wednesday and Thursday.
            d(2027, 2, 5),
            d(2027, 2, 8),
            d(2027, 2, 9),
            d(2027, 2, 10),
            d(2027, 2, 11),
            d(2027, 4, 16),
            d(2027, 4, 30),
            // 01/05 is a Saturday.
            d(2027, 5, 3),
            d(2027, 9, 2),
        ]
    );
    assert_eq!(d(2027, 1, 1).weekday(), Weekday::Fri);
    assert_eq!(name(&y, d(2027, 1, 1)), Some("Tết Dương lịch"));
    assert_eq!(lunar::last_day_of_lunar_year(2026), Some(d(2027, 2, 5)));
    for day in [5, 8, 9] {
        assert_eq!(name(&y, d(2027, 2, day)), Some("Tết Nguyên đán"));
    }
    for day in [10, 11] {
        assert_eq!(name(&y, d(2027, 2, day)), Some("Nghỉ bù Tết Nguyên đán"));
    }
    assert_eq!(name(&y, d(2027, 4, 16)), Some("Giỗ Tổ Hùng Vương"));
    assert_eq!(name(&y, d(2027, 4, 30)), Some("Ngày Chiến thắng"));
    assert_eq!(d(2027, 5, 1).weekday(), Weekday::Sat);
    assert_eq!(name(&y, d(2027, 5, 3)), Some("Nghỉ bù Ngày Quốc tế Lao động"));
    assert_eq!(d(2027, 9, 2).weekday(), Weekday::Thu);
    assert_eq!(name(&y, d(2027, 9, 2)), Some("Quốc khánh"));
    // The second Quốc khánh day is the Prime Minister's choice: not proposed.
    assert_eq!(name(&y, d(2027, 9, 1)), None);
    assert_eq!(name(&y, d(2027, 9, 3)), None);
    for needed in ["ĐỀ XUẤT", "Quốc khánh thứ hai", "hoán đổi", "Điều 111 khoản 3", "05/02–09/02", "16/04"]
    {
        assert!(y.notes.contains(needed), "notes lack {needed:?}: {}", y.notes);
    }
}

#[test]
fn holidays_on_the_weekend_of_2023_are_compensated_as_they_were() {
    // 2023: Giỗ Tổ on Saturday 29/04, 30/04 on Sunday, 01/05 on Monday; the
    // government gave Tuesday 02/05 and Wednesday 03/05 (29/04–03/05 off).
    let y = proposal(2023);
    assert_eq!(name(&y, d(2023, 5, 1)), Some("Ngày Quốc tế Lao động"));
    assert_eq!(name(&y, d(2023, 5, 2)), Some("Nghỉ bù Giỗ Tổ Hùng Vương"));
    assert_eq!(name(&y, d(2023, 5, 3)), Some("Nghỉ bù Ngày Chiến thắng"));
}

#[test]
fn two_holidays_on_one_day_give_a_compensatory_day() {
    // 10/3 âm lịch fell on Wednesday 30/04/1947.
    assert_eq!(lunar::from_lunar(1947, 3, 10, false), Some(d(1947, 4, 30)));
    let y = proposal(1947);
    assert_eq!(name(&y, d(1947, 4, 30)), Some("Giỗ Tổ Hùng Vương"));
    assert_eq!(name(&y, d(1947, 5, 1)), Some("Ngày Quốc tế Lao động"));
    assert_eq!(name(&y, d(1947, 5, 2)), Some("Nghỉ bù Ngày Chiến thắng"));
}

#[test]
fn every_proposal_from_2025_to_2040_has_the_fixed_holidays() {
    for year in 2025..=2040 {
        let y = proposal(year);
        let fixed = [
            (1, 1, "Tết Dương lịch"),
            (4, 30, "Ngày Chiến thắng"),
            (5, 1, "Ngày Quốc tế Lao động"),
            (9, 2, "Quốc khánh"),
        ];
        for (month, day, holiday) in fixed {
            let date = d(year, month, day);
            if date.weekday().number_from_monday() <= 5 {
                assert_eq!(name(&y, date), Some(holiday), "{date}");
            } else {
                let compensated =
                    date.iter_days().take(10).any(|later| name(&y, later) == Some(compensation_name(holiday).as_str()));
                assert!(compensated, "{date} ({holiday}) on a weekend without nghỉ bù in {year}");
            }
        }
        // Giỗ Tổ and 5 days of Tết: 6 holiday days, each off or compensated.
        let lunar_days = y.names.values().filter(|n| n.contains(GIO_TO) || n.contains(TET_NGUYEN_DAN)).count();
        assert_eq!(lunar_days, 6, "{year}: {:?}", y.names);
    }
}

#[test]
fn proposals_are_valid_calendar_data() {
    let years: Vec<YearSchedule> = (1900..=2199).map(proposal).collect();
    for y in &years {
        assert_eq!(y.days_off.len(), y.names.len());
        assert!(y.days_off.iter().all(|d| d.weekday().number_from_monday() <= 5), "{}", y.year);
        // 11 days a year, less the second Quốc khánh day: 10 days, each a
        // weekday or compensated on one.
        assert_eq!(y.days_off.len(), 10, "{}: {:?}", y.year, y.names);
    }
    assert!(WorkCalendar::new(vietnam_default_config(), years).is_ok());
}

#[test]
fn a_saturday_working_week_keeps_saturday_holidays() {
    let mut config = vietnam_default_config();
    config.working_weekdays.push(Weekday::Sat);
    let y = proposed_year(&config, 2027);
    assert_eq!(name(&y, d(2027, 5, 1)), Some("Ngày Quốc tế Lao động"));
    assert_eq!(name(&y, d(2027, 5, 3)), None);
    // Tết: Saturday 06/02 off, Sunday 07/02 compensated on Wednesday 10/02.
    assert_eq!(name(&y, d(2027, 2, 6)), Some("Tết Nguyên đán"));
    assert_eq!(name(&y, d(2027, 2, 10)), Some("Nghỉ bù Tết Nguyên đán"));
    assert_eq!(name(&y, d(2027, 2, 11)), None);
}
