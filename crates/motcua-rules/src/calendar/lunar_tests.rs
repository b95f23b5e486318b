use chrono::{Datelike, TimeDelta};
use proptest::prelude::*;

use super::*;

fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
}

fn lunar(year: i32, month: u32, day: u32, leap: bool) -> LunarDate {
    LunarDate { year, month, day, leap }
}

/// Tết Nguyên đán in Vietnam, as published (lịch vạn niên, the government's
/// holiday notices). 2030 is 02/02: the new moon fell at 23:07 UTC+7 on
/// 02/02/2030 (16:07 UT), 00:07 on 03/02 in China, whose Tết is 03/02/2030
/// (see `utc_plus_7_differs_from_china`).
const TET: [(i32, u32, u32); 16] = [
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 2),
    (2031, 1, 23),
    (2032, 2, 11),
    (2033, 1, 31),
    (2034, 2, 19),
    (2035, 2, 8),
];

/// Giỗ Tổ Hùng Vương (10/3 âm lịch), as published.
const GIO_TO: [(i32, u32, u32); 7] =
    [(2021, 4, 21), (2022, 4, 10), (2023, 4, 29), (2024, 4, 18), (2025, 4, 7), (2026, 4, 26), (2027, 4, 16)];

#[test]
fn meeus_worked_examples() {
    // Example 49.a: the new moon of February 1977, k = −283.
    assert!((new_moon_jde(-283) - 2_443_192.651_18).abs() < 0.000_05, "{}", new_moon_jde(-283));
    // Example 25.a: 1992 October 13.0 TD, apparent longitude 199.90895°.
    let longitude = sun_apparent_longitude(2_448_908.5);
    assert!((longitude - 199.908_95).abs() < 0.000_1, "{longitude}");
}

#[test]
fn julian_day_numbers_match_chrono() {
    for date in [d(1900, 1, 1), d(2000, 1, 1), d(2026, 2, 17), d(2199, 12, 31)] {
        let jdn = julian_day_number(i64::from(date.year()), i64::from(date.month()), i64::from(date.day()));
        assert_eq!(date_of_julian_day(jdn), Some(date));
    }
    assert_eq!(julian_day_number(2000, 1, 1), 2_451_545);
}

#[test]
fn tet_in_vietnam_2020_to_2035() {
    for (year, month, day) in TET {
        let tet = d(year, month, day);
        assert_eq!(lunar_new_year(year), Some(tet), "Tết {year}");
        assert_eq!(to_lunar(tet), lunar(year, 1, 1, false));
        assert_eq!(to_lunar(tet.pred_opt().expect("valid")).month, 12, "the eve of Tết {year}");
    }
}

#[test]
fn gio_to_hung_vuong_2021_to_2027() {
    for (year, month, day) in GIO_TO {
        assert_eq!(from_lunar(year, 3, 10, false), Some(d(year, month, day)), "Giỗ Tổ {year}");
        assert_eq!(to_lunar(d(year, month, day)), lunar(year, 3, 10, false));
    }
}

#[test]
fn utc_plus_7_differs_from_china() {
    // China (UTC+8): 20/02/1985, 18/02/2007 and 03/02/2030.
    assert_eq!(lunar_new_year(1985), Some(d(1985, 1, 21)));
    assert_eq!(lunar_new_year(2007), Some(d(2007, 2, 17)));
    assert_eq!(lunar_new_year(2030), Some(d(2030, 2, 2)));
    // The new moon of 17/02/2007 fell at 23:14 in Vietnam, 00:14 in China.
    assert_eq!(to_lunar(d(2007, 2, 17)), lunar(2007, 1, 1, false));
}

#[test]
fn leap_months_of_2020_2023_2025() {
    assert_eq!(leap_month(2020), Some(4));
    assert_eq!(leap_month(2023), Some(2));
    assert_eq!(leap_month(2025), Some(6));
    for year in [2021, 2022, 2024, 2026, 2027] {
        assert_eq!(leap_month(year), None, "{year}");
    }
    // The leap month follows the ordinary month of the same number.
    let ordinary = from_lunar(2025, 6, 1, false).expect("6/2025");
    let leap = from_lunar(2025, 6, 1, true).expect("6 nhuận/2025");
    assert!(leap > ordinary);
    assert_eq!(to_lunar(leap), lunar(2025, 6, 1, true));
    assert_eq!(from_lunar(2025, 7, 1, true), None);
    assert_eq!(from_lunar(2026, 6, 1, true), None);
}

#[test]
fn impossible_lunar_dates_are_none() {
    assert_eq!(from_lunar(2026, 0, 1, false), None);
    assert_eq!(from_lunar(2026, 13, 1, false), None);
    assert_eq!(from_lunar(2026, 1, 0, false), None);
    assert_eq!(from_lunar(2026, 1, 31, false), None);
    // Tháng Chạp of Ất Tỵ had 29 days: Tết 2026 came the next day.
    assert_eq!(last_day_of_lunar_year(2025), Some(d(2026, 2, 16)));
    assert_eq!(to_lunar(d(2026, 2, 16)), lunar(2025, 12, 29, false));
    assert_eq!(from_lunar(2025, 12, 30, false), None);
}

#[test]
fn every_month_of_the_supported_years_follows_the_last() {
    // Walk month by month through 1900–2199: each month starts the day
    // after the previous one ends, has 29 or 30 days, and a year has 12
    // months, or 13 with exactly one leap month.
    let mut expected_start = from_lunar(*SUPPORTED_YEARS.start(), 1, 1, false).expect("first Tết");
    for year in SUPPORTED_YEARS {
        let leap = leap_month(year);
        for month in 1..=12 {
            for is_leap in [false, true] {
                if is_leap && leap != Some(month) {
                    continue;
                }
                let start = from_lunar(year, month, 1, is_leap).expect("a month exists");
                assert_eq!(start, expected_start, "{month}{}/{year}", if is_leap { "+" } else { "" });
                let length = if from_lunar(year, month, 30, is_leap).is_some() { 30 } else { 29 };
                assert!(from_lunar(year, month, 29, is_leap).is_some());
                expected_start = start + TimeDelta::days(length);
            }
        }
        assert_eq!(lunar_new_year(year + 1), Some(expected_start), "Tết {}", year + 1);
    }
}

fn supported_day() -> impl Strategy<Value = NaiveDate> {
    let first = d(1900, 1, 31); // Tết 1900
    let span = (d(2199, 12, 31) - first).num_days();
    (0..=span).prop_map(move |offset| first + TimeDelta::days(offset))
}

fn supported_lunar_date() -> impl Strategy<Value = LunarDate> {
    (SUPPORTED_YEARS, 1..=12u32, 1..=30u32, any::<bool>()).prop_map(|(year, month, day, leap)| {
        // Only about one year in three has a leap month: point `leap` at it.
        let (month, leap) = match leap_month(year) {
            Some(m) if leap => (m, true),
            _ => (month, false),
        };
        // Day 30 exists in about half the months: fall back to 29.
        let day = if from_lunar(year, month, day, leap).is_some() { day } else { 29 };
        lunar(year, month, day, leap)
    })
}

proptest! {
    #[test]
    fn a_day_survives_the_round_trip(day in supported_day()) {
        let l = to_lunar(day);
        prop_assert_eq!(from_lunar(l.year, l.month, l.day, l.leap), Some(day));
    }

    #[test]
    fn a_lunar_date_survives_the_round_trip(l in supported_lunar_date()) {
        let day = from_lunar(l.year, l.month, l.day, l.leap).expect("exists");
        prop_assert_eq!(to_lunar(day), l);
    }

    #[test]
    fn the_next_day_is_the_next_lunar_day(day in supported_day()) {
        let (today, tomorrow) = (to_lunar(day), to_lunar(day + TimeDelta::days(1)));
        if tomorrow.day == 1 {
            prop_assert!(today.day == 29 || today.day == 30, "{today:?}");
        } else {
            prop_assert_eq!(tomorrow, LunarDate { day: today.day + 1, ..today });
        }
    }
}

#[test]
fn far_years_do_not_panic() {
    for date in [NaiveDate::MIN, d(-4000, 6, 1), d(1, 1, 1), d(9999, 12, 31), NaiveDate::MAX] {
        let l = to_lunar(date);
        assert!((1..=12).contains(&l.month), "{date}: {l:?}");
    }
    let _ = from_lunar(i32::MAX, 12, 30, true);
    let _ = from_lunar(i32::MIN, 1, 1, false);
    let _ = last_day_of_lunar_year(i32::MAX);
}
