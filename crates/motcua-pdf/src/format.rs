//! Vietnamese-style dates and ASCII file names.

use chrono::{Datelike, NaiveDateTime, Timelike};

/// "Xuân Khanh, ngày 04 tháng 3 năm 2026".
///
/// Nghị định 30/2020/NĐ-CP, Phụ lục I: a day below 10 and the months 1 and 2
/// are written with a leading zero; other months are not ("tháng 3", "tháng 12").
pub(crate) fn date_line(place: &str, at: NaiveDateTime) -> String {
    let month = match at.month() {
        m @ (1 | 2) => format!("0{m}"),
        m => m.to_string(),
    };
    format!("{place}, ngày {:02} tháng {month} năm {}", at.day(), at.year())
}

/// "04/03/2026".
pub(crate) fn date(at: NaiveDateTime) -> String {
    at.format("%d/%m/%Y").to_string()
}

/// "08 giờ 30 phút, ngày 04/03/2026".
pub(crate) fn time_and_date(at: NaiveDateTime) -> String {
    format!("{:02} giờ {:02} phút, ngày {}", at.hour(), at.minute(), date(at))
}

/// The dossier code as a safe ASCII file-name part: Vietnamese letters lose
/// their marks, anything else that is not `[A-Za-z0-9._-]` becomes `-`.
pub(crate) fn ascii_file_part(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for c in code.trim().chars() {
        let c = motcua_rules::fold::fold_letter(c);
        let c = if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '-' };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    let out = out.trim_matches(['-', '.']);
    if out.is_empty() { "ho-so".to_owned() } else { out.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn date_line_follows_decree_30() {
        assert_eq!(date_line("Ngân Sơn", at(2026, 3, 4, 8, 0)), "Ngân Sơn, ngày 04 tháng 3 năm 2026");
        assert_eq!(date_line("Xuân Khanh", at(2026, 2, 14, 8, 0)), "Xuân Khanh, ngày 14 tháng 02 năm 2026");
        assert_eq!(date_line("Hà Nội", at(2025, 12, 31, 8, 0)), "Hà Nội, ngày 31 tháng 12 năm 2025");
    }

    #[test]
    fn dates_and_times_are_vietnamese_style() {
        assert_eq!(date(at(2026, 3, 4, 7, 5)), "04/03/2026");
        assert_eq!(time_and_date(at(2026, 3, 4, 7, 5)), "07 giờ 05 phút, ngày 04/03/2026");
        assert_eq!(time_and_date(at(2026, 11, 24, 16, 30)), "16 giờ 30 phút, ngày 24/11/2026");
    }

    #[test]
    fn file_part_is_ascii() {
        assert_eq!(ascii_file_part("H11.100-260304-0001"), "H11.100-260304-0001");
        assert_eq!(ascii_file_part(" Đơn/Ngân Sơn 01 "), "Don-Ngan-Son-01");
        assert_eq!(ascii_file_part("../../etc"), "etc");
        assert_eq!(ascii_file_part("###"), "ho-so");
    }
}
