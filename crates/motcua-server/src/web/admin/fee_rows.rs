//! The fee rows of the procedure editor: a fee's exemption categories as
//! one text cell, a category a line (`code; name; percent`), so the form
//! needs no script to add one.

use motcua_store::model::FeeExemption;

use crate::error::ApiError;

/// A fee's exemption categories as the form shows them: one a line,
/// `code; name; percent`.
pub fn exemptions_text(list: &[FeeExemption]) -> String {
    list.iter().map(|e| format!("{}; {}; {}", e.code, e.name, e.percent)).collect::<Vec<_>>().join("\n")
}

/// Reads [`exemptions_text`] back; a line that is not `code; name; percent`
/// with a whole percent is an error on `field` (the codes and percentages
/// are checked by `motcua_rules::fees::check_fees` when the procedure is
/// saved).
pub fn exemptions(text: &str, field: &str) -> Result<Vec<FeeExemption>, ApiError> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let parts: Vec<&str> = line.split(';').map(str::trim).collect();
            match parts.as_slice() {
                [code, name, percent] => Ok(FeeExemption {
                    code: (*code).to_owned(),
                    name: (*name).to_owned(),
                    percent: percent
                        .trim_end_matches('%')
                        .trim()
                        .parse()
                        .map_err(|_| ApiError::unprocessable("exemption_percent_invalid", field))?,
                }),
                _ => Err(ApiError::unprocessable("exemption_line_invalid", field)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exemption_lines_read_back_and_bad_lines_are_named() {
        let list =
            exemptions("ho-ngheo; Hộ nghèo; 50%\n\n  nguoi-co-cong;Người có công;100 ", "fees[0].exemptions").unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!((list[0].code.as_str(), list[0].name.as_str(), list[0].percent), ("ho-ngheo", "Hộ nghèo", 50));
        assert_eq!(exemptions(&exemptions_text(&list), "x").unwrap(), list);
        let e = exemptions("ho-ngheo; Hộ nghèo", "fees[0].exemptions").unwrap_err();
        assert_eq!(e.code, "exemption_line_invalid");
        let e = exemptions("a; b; nhiều", "fees[0].exemptions").unwrap_err();
        assert_eq!(e.code, "exemption_percent_invalid");
    }
}
