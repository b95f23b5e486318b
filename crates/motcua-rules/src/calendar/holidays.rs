//! A year's holidays proposed from the law, for the years an administrator
//! has not entered yet (docs/sources.md#holidays, `docs/calendar.md`).
//!
//! Labour Code 2019 (Bộ luật Lao động 45/2019/QH14):
//! - art. 112 khoản 1: Tết Dương lịch 01/01 (1 day); Tết Âm lịch (5 days);
//!   Ngày Chiến thắng 30/04; Ngày Quốc tế Lao động 01/05; Quốc khánh 02/09
//!   and one day next to it (01/09 or 03/09); Giỗ Tổ Hùng Vương, 10/3 of
//!   the lunar calendar;
//! - art. 111 khoản 3: a holiday that falls on the weekly rest day gives a
//!   day off (nghỉ bù) on the next working day.
//!
//! What the law leaves to a yearly decision is not guessed beyond one
//! documented proposal: which 5 days make Tết is set every year by a
//! notice, so the pattern of 2026 is proposed (the last day of the lunar
//! year, then mùng 1 to mùng 4); the day next to 02/09 is chosen by the
//! Prime Minister every year, so it is left out, and so are swapped days
//! (nghỉ hoán đổi). The notes of the proposal say all this, in Vietnamese,
//! for the administrator who confirms it against the notices.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, TimeDelta};

use super::lunar;
use super::schedule::{CalendarConfig, YearSchedule};

const TET_DUONG_LICH: &str = "Tết Dương lịch";
const TET_NGUYEN_DAN: &str = "Tết Nguyên đán";
const GIO_TO: &str = "Giỗ Tổ Hùng Vương";
const CHIEN_THANG: &str = "Ngày Chiến thắng";
const LAO_DONG: &str = "Ngày Quốc tế Lao động";
const QUOC_KHANH: &str = "Quốc khánh";

/// The name of a compensatory day off for the holiday `holiday`.
pub(super) fn compensation_name(holiday: &str) -> String {
    format!("Nghỉ bù {holiday}")
}

/// The holidays of `year` proposed from the Labour Code 2019 and the lunar
/// calendar: `proposed: true`, `verified: false`, every day named, notes in
/// Vietnamese saying what an administrator must confirm and add.
///
/// As in the stored data, only days that would otherwise be working days
/// (per `config.working_weekdays`) are listed as days off. A holiday on a
/// non-working weekday, or on a day that is already a holiday, gives a
/// compensatory day off on the next working weekday that is not already
/// off (art. 111 khoản 3), holidays taken in date order.
pub fn proposed_year(config: &CalendarConfig, year: i32) -> YearSchedule {
    let holidays = statutory_holidays(year);
    let mut names: BTreeMap<NaiveDate, String> = BTreeMap::new();
    for (day, name) in &holidays {
        if config.is_working_weekday(day.weekday()) {
            names.entry(*day).or_insert_with(|| (*name).to_owned());
        }
    }
    let mut counted: Vec<NaiveDate> = Vec::new();
    for (day, name) in &holidays {
        let coincides = counted.contains(day);
        counted.push(*day);
        if config.is_working_weekday(day.weekday()) && !coincides {
            continue;
        }
        if let Some(compensation) = next_free_working_day(config, *day, &names) {
            names.insert(compensation, compensation_name(name));
        }
    }
    YearSchedule {
        year,
        days_off: names.keys().copied().collect(),
        extra_working_days: Vec::new(),
        verified: false,
        notes: proposal_notes(year, &holidays),
        names,
        proposed: true,
    }
}

/// The holidays of art. 112 khoản 1 that fall in `year`, in date order,
/// without the second Quốc khánh day; the 5 Tết days as in 2026. A day
/// chrono cannot represent (years far out of range) is left out.
fn statutory_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let fixed = [((1, 1), TET_DUONG_LICH), ((4, 30), CHIEN_THANG), ((5, 1), LAO_DONG), ((9, 2), QUOC_KHANH)];
    let mut days: Vec<(NaiveDate, &'static str)> = fixed
        .iter()
        .filter_map(|&((month, day), name)| Some((NaiveDate::from_ymd_opt(year, month, day)?, name)))
        .collect();
    if let Some(tet) = lunar::lunar_new_year(year) {
        // The last day of the lunar year before, then mùng 1 to mùng 4.
        days.extend(
            (-1..=3).filter_map(|offset| Some((tet.checked_add_signed(TimeDelta::days(offset))?, TET_NGUYEN_DAN))),
        );
    }
    if let Some(gio_to) = lunar::from_lunar(year, 3, 10, false) {
        days.push((gio_to, GIO_TO));
    }
    days.sort();
    days
}

/// The first day after `day`, in the same year, that is a working weekday
/// and not already off.
fn next_free_working_day(
    config: &CalendarConfig,
    day: NaiveDate,
    off: &BTreeMap<NaiveDate, String>,
) -> Option<NaiveDate> {
    day.iter_days()
        .skip(1)
        .take_while(|d| d.year() == day.year())
        .find(|d| config.is_working_weekday(d.weekday()) && !off.contains_key(d))
}

fn proposal_notes(year: i32, holidays: &[(NaiveDate, &str)]) -> String {
    let dm = |d: &NaiveDate| d.format("%d/%m").to_string();
    let first = |name: &str| holidays.iter().find(|(_, n)| *n == name).map(|(d, _)| *d);
    let tet = match holidays.iter().filter(|(_, n)| *n == TET_NGUYEN_DAN).map(|(d, _)| d).collect::<Vec<_>>()[..] {
        [first, .., last] => format!(
            "Tết Nguyên đán 5 ngày {}–{} (ngày cuối năm âm lịch và mùng 1 đến mùng 4, theo cách bố trí của năm \
             2026: ĐỀ XUẤT, thông báo hằng năm có thể chọn 5 ngày khác)",
            dm(first),
            dm(last)
        ),
        _ => "Tết Nguyên đán: không tính được cho năm này".to_owned(),
    };
    let gio_to = first(GIO_TO).map_or_else(
        || "Giỗ Tổ Hùng Vương: không tính được".to_owned(),
        |d| format!("Giỗ Tổ Hùng Vương {} (10/3 âm lịch)", dm(&d)),
    );
    format!(
        "Lịch nghỉ năm {year} ĐỀ XUẤT, tính từ Bộ luật Lao động 2019 và âm lịch Việt Nam (tính theo múi giờ \
         UTC+7), không phải lịch chính thức: chỉ có giá trị sau khi quản trị viên đối chiếu với thông báo nghỉ \
         lễ, Tết năm {year} của Chính phủ, Bộ Nội vụ và xác nhận. Ngày nghỉ lễ theo Điều 112 khoản 1: Tết \
         Dương lịch 01/01; {tet}; {gio_to}; Ngày Chiến thắng 30/04; Ngày Quốc tế Lao động 01/05; Quốc khánh \
         02/09. Ngày lễ trùng ngày nghỉ hằng tuần được nghỉ bù vào ngày làm việc kế tiếp (Điều 111 khoản 3). \
         Chỉ liệt kê những ngày lẽ ra là ngày làm việc. CHƯA CÓ, quản trị viên phải bổ sung: ngày nghỉ Quốc \
         khánh thứ hai (01/09 hoặc 03/09, do Thủ tướng quyết định hằng năm) và các ngày nghỉ hoán đổi, làm bù \
         (nếu có)."
    )
}

#[cfg(test)]
#[path = "holidays_tests.rs"]
mod tests;
