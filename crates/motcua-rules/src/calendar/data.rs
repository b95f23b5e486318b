//! The shipped Vietnamese calendar: the civil servants' weekly pattern and
//! the holiday schedules known to docs/sources.md#holidays.
//!
//! Facts only: a date is listed here only when a source in docs/sources.md#holidays gives it.
//! What the sources do not give is left out and said in the year's `notes`,
//! for an administrator to add; it is never guessed. Only days that would
//! otherwise be working days are listed as days off: the Saturdays and
//! Sundays inside a holiday are already off.

use chrono::{NaiveDate, NaiveTime, Weekday};

use super::schedule::{CalendarConfig, DayEnd, WorkWindow, YearSchedule};

/// Monday to Friday, 07:30–11:30 and 13:00–17:00, no cut-off, due at the
/// end of the last day.
///
/// - Five-day week: QĐ 188/1999/QĐ-TTg (40 hours, Saturday and Sunday off).
/// - Windows: one common pattern giving 8 working hours a day, as in the
///   OpenCPS model (docs/sources.md#deadlines). Office hours vary by province and
///   season; an administrator edits them.
/// - No cut-off: the 15:00 cut-off is a provincial practice (Hà Nội), NOT
///   FOUND as a national rule (docs/sources.md#deadlines, #gaps item 7).
/// - End of day: the letter of Civil Code 2015 art. 148 khoản 1 and 6 (the
///   limit ends at 24:00 of the last day).
pub fn vietnam_default_config() -> CalendarConfig {
    CalendarConfig {
        working_weekdays: vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri],
        windows: vec![window((7, 30), (11, 30)), window((13, 0), (17, 0))],
        cutoff: None,
        day_end: DayEnd::EndOfDay,
    }
}

/// The known schedules for civil servants: 2025 and 2026, both provisional
/// (`verified: false`), see each year's `notes`.
pub fn vietnam_schedules() -> Vec<YearSchedule> {
    vec![schedule_2025(), schedule_2026()]
}

fn schedule_2025() -> YearSchedule {
    YearSchedule {
        year: 2025,
        days_off: vec![
            // Tết Dương lịch (Wednesday).
            date(2025, 1, 1),
            // Tết Ất Tỵ 25/01–02/02: its weekdays, Monday 27/01 to Friday 31/01.
            date(2025, 1, 27),
            date(2025, 1, 28),
            date(2025, 1, 29),
            date(2025, 1, 30),
            date(2025, 1, 31),
            // Giỗ Tổ Hùng Vương (Monday).
            date(2025, 4, 7),
            // 30/04 and 01/05, and Friday 02/05 swapped with Saturday 26/04.
            date(2025, 4, 30),
            date(2025, 5, 1),
            date(2025, 5, 2),
            // Quốc khánh: the weekdays both sources agree on (Mon 01/09,
            // Tue 02/09); Wednesday 03/09 is disputed, see notes.
            date(2025, 9, 1),
            date(2025, 9, 2),
        ],
        // Saturday 26/04 worked in exchange for Friday 02/05.
        extra_working_days: vec![date(2025, 4, 26)],
        verified: false,
        notes: "Civil servants' schedule 2025 (docs/sources.md#holidays). Holidays: Labour Code \
                2019 art. 112; five-day week: QĐ 188/1999/QĐ-TTg. Tết Dương lịch 01/01; Tết \
                Ất Tỵ 25/01–02/02 (9 days); Giỗ Tổ Hùng Vương Monday 07/04; 30/04–04/05 \
                (5 days) with Friday 02/05 swapped for Saturday 26/04, which is worked. \
                Quốc khánh: sources disagree, 30/08–02/09 (4 days, tet-amlich.com) or \
                31/08–03/09 (an earlier proposal); only Monday 01/09 and Tuesday 02/09, \
                common to both, are shipped as days off. Wednesday 03/09/2025 is DISPUTED: \
                an administrator must confirm it against the official notice. Provisional \
                (unverified) until then."
            .to_owned(),
        names: Default::default(),
        proposed: false,
    }
}

fn schedule_2026() -> YearSchedule {
    YearSchedule {
        year: 2026,
        days_off: vec![
            // Tết Dương lịch 01–04/01: Thursday 01/01 and Friday 02/01
            // (swapped with Saturday 10/01).
            date(2026, 1, 1),
            date(2026, 1, 2),
            // Tết Bính Ngọ 14/02–22/02: its weekdays, Monday 16/02 (29 Chạp)
            // to Friday 20/02 (mùng 4).
            date(2026, 2, 16),
            date(2026, 2, 17),
            date(2026, 2, 18),
            date(2026, 2, 19),
            date(2026, 2, 20),
            // Chiến thắng and Quốc tế lao động (Thursday, Friday).
            date(2026, 4, 30),
            date(2026, 5, 1),
        ],
        // Saturday 10/01 worked in exchange for Friday 02/01.
        extra_working_days: vec![date(2026, 1, 10)],
        verified: false,
        notes: "Civil servants' schedule 2026 (docs/sources.md#holidays). Holidays: Labour Code \
                2019 art. 112. Tết Dương lịch 01–04/01 with Friday 02/01 swapped for \
                Saturday 10/01, which is worked (công văn 12729/VPCP-KGVX, 25/12/2025). \
                Tết Bính Ngọ 14/02–22/02, official days Monday 16/02 to Friday 20/02 \
                (Thông báo 9441/TB-BNV, 16/10/2025). 30/04 and 01/05. NOT FOUND in our \
                sources: the Giỗ Tổ Hùng Vương 2026 day off and the Quốc khánh 2026 dates \
                (a 5-day break was only proposed); an administrator must add them. Until \
                then deadlines around those days come out too early. Also watch whether \
                24/11 (Ngày Văn hóa Việt Nam) becomes a statutory holiday."
            .to_owned(),
        names: Default::default(),
        proposed: false,
    }
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("the shipped dates are valid calendar dates")
}

fn window(start: (u32, u32), end: (u32, u32)) -> WorkWindow {
    WorkWindow { start: time(start), end: time(end) }
}

fn time((hour, minute): (u32, u32)) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).expect("the shipped window times are valid")
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;

    #[test]
    fn shipped_config_passes_its_check() {
        assert_eq!(vietnam_default_config().check(), Ok(()));
        assert_eq!(vietnam_default_config().working_seconds_per_day(), 8 * 3600);
    }

    #[test]
    fn shipped_days_off_are_weekdays_and_extra_days_saturdays() {
        for year in vietnam_schedules() {
            for d in &year.days_off {
                assert!(d.weekday().number_from_monday() <= 5, "{d} is a weekend day");
            }
            for d in &year.extra_working_days {
                assert_eq!(d.weekday(), Weekday::Sat, "{d}");
            }
            assert!(!year.verified, "no shipped year is fully confirmed yet");
            assert!(!year.notes.is_empty());
        }
    }
}
