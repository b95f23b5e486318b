//! A register of official documents (sổ văn bản đến or đi, Decree 30
//! Appendix IV; docs/documents.md) as a spreadsheet: the register's
//! columns, one row a document, in number order.

use super::table::{self, Cell, Heading, Table};
use super::{ReportError, ReportHeader};
use crate::web::i18n::Lang;

/// One document of the register, its cells already written out in the
/// order of the headings.
#[derive(Debug, Clone, Default)]
pub struct DocumentRegisterRow {
    pub cells: Vec<String>,
}

/// The register as a spreadsheet, with `headings` as its columns.
pub fn document_register_xlsx(
    header: &ReportHeader,
    headings: &[String],
    rows: &[DocumentRegisterRow],
    lang: Lang,
) -> Result<Vec<u8>, ReportError> {
    table::xlsx(&build(header, headings, rows, lang))
}

fn build<'a>(header: &'a ReportHeader<'a>, headings: &[String], rows: &[DocumentRegisterRow], lang: Lang) -> Table<'a> {
    let text = |s: &String| if s.is_empty() { Cell::Blank } else { Cell::Text(s.clone()) };
    Table {
        header,
        lang,
        sheet: "So van ban".to_owned(),
        form: None,
        headings: headings
            .iter()
            .map(|h| Heading::single(h.clone(), if h.chars().count() > 20 { 36.0 } else { 18.0 }))
            .collect(),
        rows: rows.iter().map(|r| r.cells.iter().map(text).collect()).collect(),
        total: None,
        numbered: true,
        frozen_columns: 2,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn the_register_is_a_workbook_with_every_row() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let header = ReportHeader {
            title: "Sổ đăng ký văn bản đến",
            unit_name: "UBND phường",
            from: day,
            to: day,
            generated_at: day.and_hms_opt(8, 0, 0).unwrap(),
        };
        let headings = vec!["Số đến".to_owned(), "Trích yếu".to_owned()];
        let rows = vec![DocumentRegisterRow { cells: vec!["1".into(), "Về việc A".into()] }];
        let t = build(&header, &headings, &rows, Lang::Vi);
        assert_eq!(t.rows, vec![vec![Cell::Text("1".into()), Cell::Text("Về việc A".into())]]);
        let bytes = document_register_xlsx(&header, &headings, &rows, Lang::Vi).unwrap();
        assert!(bytes.starts_with(b"PK"), "an xlsx is a zip file");
    }
}
