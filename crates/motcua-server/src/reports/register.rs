//! The unit's register of dossiers as a spreadsheet: the columns of the
//! printed register (`motcua_pdf::Register`, docs/register.md), one row a
//! dossier, the receipt and return columns grouped as on the form.

use super::table::{self, Cell, Heading, Table};
use super::{ReportError, ReportHeader};
use crate::web::i18n::{Lang, message};

/// One dossier of the register, its cells already written out.
#[derive(Debug, Clone, Default)]
pub struct RegisterRow {
    pub number: u64,
    pub code: String,
    pub procedure: String,
    pub applicant: String,
    pub contact: String,
    pub received: String,
    pub due: String,
    pub handed_over: String,
    pub finished: String,
    pub returned: String,
    pub note: String,
}

/// The register as a spreadsheet (landscape, headings repeated on print).
pub fn register_xlsx(header: &ReportHeader, rows: &[RegisterRow], lang: Lang) -> Result<Vec<u8>, ReportError> {
    table::xlsx(&build(header, rows, lang))
}

pub(super) fn build<'a>(header: &'a ReportHeader<'a>, rows: &[RegisterRow], lang: Lang) -> Table<'a> {
    let t = |id: &str| message(lang, id, &[]);
    let single = |id: &str, width: f64| Heading::single(t(id), width);
    let grouped =
        |group: &str, id: &str, width: f64| Heading::grouped(group, t(id), format!("{group}: {}", t(id)), width);
    let received = t("reports-register-receipt");
    let returned = t("reports-register-return");
    let headings = vec![
        single("reports-register-number", 6.0),
        single("reports-register-code", 22.0),
        single("reports-register-procedure", 34.0),
        single("reports-register-applicant", 24.0),
        single("reports-register-contact", 30.0),
        grouped(&received, "reports-register-received", 16.0),
        grouped(&received, "reports-register-due", 16.0),
        single("reports-register-handed-over", 28.0),
        single("reports-register-finished", 16.0),
        grouped(&returned, "reports-register-returned", 16.0),
        grouped(&returned, "reports-register-signed", 12.0),
        single("reports-register-note", 24.0),
    ];
    let text = |s: &str| if s.is_empty() { Cell::Blank } else { Cell::Text(s.to_owned()) };
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                Cell::Count(i64::try_from(r.number).unwrap_or(i64::MAX)),
                text(&r.code),
                text(&r.procedure),
                text(&r.applicant),
                text(&r.contact),
                text(&r.received),
                text(&r.due),
                text(&r.handed_over),
                text(&r.finished),
                text(&r.returned),
                Cell::Blank,
                text(&r.note),
            ]
        })
        .collect();
    Table {
        header,
        lang,
        sheet: t("reports-register-sheet"),
        form: Some(motcua_pdf::Register::FORM_NUMBER.to_owned()),
        headings,
        rows,
        total: None,
        numbered: true,
        frozen_columns: 2,
    }
}
