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
    let tet = "Tết Nguyên đán";
    let days_off = vec![
        // Tết Dương lịch (Wednesday).
        (date(2025, 1, 1), "Tết Dương lịch"),
        // Tết Ất Tỵ 25/01–02/02: its weekdays, Monday 27/01 to Friday 31/01.
        (date(2025, 1, 27), tet),
        (date(2025, 1, 28), tet),
        (date(2025, 1, 29), tet),
        (date(2025, 1, 30), tet),
        (date(2025, 1, 31), tet),
        // Giỗ Tổ Hùng Vương (Monday).
        (date(2025, 4, 7), "Giỗ Tổ Hùng Vương"),
        // 30/04 and 01/05, and Friday 02/05 swapped with Saturday 26/04.
        (date(2025, 4, 30), "Ngày Chiến thắng"),
        (date(2025, 5, 1), "Ngày Quốc tế Lao động"),
        (date(2025, 5, 2), "Nghỉ hoán đổi (đi làm bù thứ Bảy 26/04)"),
        // Quốc khánh: the weekdays both sources agree on (Mon 01/09,
        // Tue 02/09); Wednesday 03/09 is disputed, see notes.
        (date(2025, 9, 1), "Quốc khánh (ngày nghỉ liền kề)"),
        (date(2025, 9, 2), "Quốc khánh"),
    ];
    // Saturday 26/04 worked in exchange for Friday 02/05.
    let extra_working_days = vec![(date(2025, 4, 26), "Làm bù cho ngày nghỉ hoán đổi thứ Sáu 02/05")];
    let notes = "Lịch làm việc của cán bộ, công chức năm 2025 (docs/sources.md#holidays). Ngày nghỉ lễ: \
                 Bộ luật Lao động 2019 Điều 112; tuần làm việc 5 ngày: QĐ 188/1999/QĐ-TTg. Tết Dương lịch \
                 01/01; Tết Ất Tỵ 25/01–02/02 (9 ngày); Giỗ Tổ Hùng Vương thứ Hai 07/04; 30/04–04/05 (5 \
                 ngày), hoán đổi thứ Sáu 02/05 với thứ Bảy 26/04 (đi làm bù). Quốc khánh: các nguồn không \
                 thống nhất, 30/08–02/09 (4 ngày, tet-amlich.com) hoặc 31/08–03/09 (một đề xuất trước đó); \
                 chỉ thứ Hai 01/09 và thứ Ba 02/09, có trong cả hai, được đưa vào làm ngày nghỉ. Thứ Tư \
                 03/09/2025 CÒN TRANH CÃI: quản trị viên phải đối chiếu với thông báo chính thức. Tạm thời \
                 (chưa xác nhận) cho đến khi đó.";
    schedule(2025, days_off, extra_working_days, notes)
}

fn schedule_2026() -> YearSchedule {
    let tet = "Tết Nguyên đán";
    let days_off = vec![
        // Tết Dương lịch 01–04/01: Thursday 01/01 and Friday 02/01
        // (swapped with Saturday 10/01).
        (date(2026, 1, 1), "Tết Dương lịch"),
        (date(2026, 1, 2), "Nghỉ hoán đổi (đi làm bù thứ Bảy 10/01)"),
        // Tết Bính Ngọ 14/02–22/02: its weekdays, Monday 16/02 (29 Chạp)
        // to Friday 20/02 (mùng 4).
        (date(2026, 2, 16), tet),
        (date(2026, 2, 17), tet),
        (date(2026, 2, 18), tet),
        (date(2026, 2, 19), tet),
        (date(2026, 2, 20), tet),
        // Giỗ Tổ Hùng Vương, 10/3 âm lịch, is Sunday 26/04/2026: the next
        // working day, Monday 27/04, is off (Labour Code 2019 art. 111
        // khoản 3). Derived from the law and the lunar calendar
        // (calendar::lunar), not read in a notice.
        (date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương"),
        // Chiến thắng and Quốc tế Lao động (Thursday, Friday).
        (date(2026, 4, 30), "Ngày Chiến thắng"),
        (date(2026, 5, 1), "Ngày Quốc tế Lao động"),
        // Quốc khánh (Wednesday), art. 112 khoản 1 itself; the day next to
        // it is NOT FOUND, see notes.
        (date(2026, 9, 2), "Quốc khánh"),
    ];
    // Saturday 10/01 worked in exchange for Friday 02/01.
    let extra_working_days = vec![(date(2026, 1, 10), "Làm bù cho ngày nghỉ hoán đổi thứ Sáu 02/01")];
    let notes = "Lịch làm việc của cán bộ, công chức năm 2026 (docs/sources.md#holidays). Ngày nghỉ lễ: \
                 Bộ luật Lao động 2019 Điều 112. Tết Dương lịch 01–04/01, hoán đổi thứ Sáu 02/01 với thứ \
                 Bảy 10/01 (đi làm bù) (công văn 12729/VPCP-KGVX, 25/12/2025). Tết Bính Ngọ 14/02–22/02, \
                 các ngày nghỉ chính thức từ thứ Hai 16/02 đến thứ Sáu 20/02 (Thông báo 9441/TB-BNV, \
                 16/10/2025). 30/04 và 01/05. Giỗ Tổ Hùng Vương (10/3 âm lịch) rơi vào Chủ nhật 26/04 nên \
                 được nghỉ bù thứ Hai 27/04 (Điều 111 khoản 3): suy ra từ luật và âm lịch, chưa đối chiếu \
                 với thông báo. Quốc khánh 02/09 (thứ Tư) theo Điều 112. KHÔNG TÌM THẤY trong các nguồn: \
                 ngày nghỉ Quốc khánh thứ hai (01/09 hoặc 03/09; mới chỉ có đề xuất nghỉ 5 ngày) và các \
                 ngày hoán đổi kèm theo, nếu có; quản trị viên phải bổ sung. Cho đến khi đó, thời hạn tính \
                 qua những ngày này có thể ra sớm hơn thực tế. Cần theo dõi thêm việc 24/11 (Ngày Văn hóa \
                 Việt Nam) có trở thành ngày nghỉ lễ hay không.";
    schedule(2026, days_off, extra_working_days, notes)
}

/// A shipped year: every listed day named, provisional.
fn schedule(year: i32, days_off: Vec<(NaiveDate, &str)>, extra: Vec<(NaiveDate, &str)>, notes: &str) -> YearSchedule {
    let names = days_off.iter().chain(&extra).map(|(d, name)| (*d, (*name).to_owned())).collect();
    YearSchedule {
        year,
        days_off: days_off.into_iter().map(|(d, _)| d).collect(),
        extra_working_days: extra.into_iter().map(|(d, _)| d).collect(),
        verified: false,
        notes: notes.to_owned(),
        names,
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
            assert!(!year.proposed);
            assert!(!year.notes.is_empty());
            for d in year.days_off.iter().chain(&year.extra_working_days) {
                assert!(year.names.get(d).is_some_and(|n| !n.is_empty()), "{d} has no name");
            }
        }
    }

    /// The holidays of the Labour Code 2019 art. 112 that do not depend on a
    /// yearly decision: the four fixed dates and Giỗ Tổ (10/3 âm lịch).
    fn statutory_days(year: i32) -> Vec<(NaiveDate, &'static str)> {
        let gio_to = crate::calendar::lunar::from_lunar(year, 3, 10, false).expect("a supported year");
        vec![
            (date(year, 1, 1), "Tết Dương lịch"),
            (gio_to, "Giỗ Tổ Hùng Vương"),
            (date(year, 4, 30), "Ngày Chiến thắng"),
            (date(year, 5, 1), "Ngày Quốc tế Lao động"),
            (date(year, 9, 2), "Quốc khánh"),
        ]
    }

    #[test]
    fn every_shipped_year_has_the_statutory_days_or_their_compensation() {
        for year in vietnam_schedules() {
            for (day, holiday) in statutory_days(year.year) {
                if day.weekday().number_from_monday() <= 5 {
                    assert!(year.days_off.contains(&day), "{day} ({holiday}) is not off in {}", year.year);
                    assert_eq!(year.names.get(&day).map(String::as_str), Some(holiday));
                } else {
                    // Art. 111 khoản 3: the next working day not already off.
                    let compensation = format!("Nghỉ bù {holiday}");
                    let compensated = day.iter_days().take(10).any(|d| year.names.get(&d) == Some(&compensation));
                    assert!(compensated, "{day} ({holiday}) is on a weekend and not compensated in {}", year.year);
                }
            }
        }
    }
}
