//! Reports to download: Excel (.xlsx) and CSV files of the periodic
//! statistics (Biểu II.06a, docs/sources.md#periodic-report) and of the Decision 766
//! index table.
//!
//! Each report is built once as a [`table::Table`] (headings with their
//! groups, typed cells, an optional total row) and then written either as a
//! spreadsheet in the layout of the official form (title, period, two-row
//! grouped headings with merged cells, numbers as numbers) or as a CSV file
//! for other programs (UTF-8 with a byte-order mark, one heading row, the
//! unit rows, the total row). Every word comes from the Fluent catalog
//! (`locales/{vi,en}/reports.ftl`).
//!
//! - [`periodic_xlsx`], [`periodic_csv`]: one row per unit from
//!   [`UnitStats`](motcua_store::UnitStats), and a total row ([`total`]).
//! - [`index766_xlsx`], [`index766_csv`]: one row per unit from a
//!   [`UnitScore`](motcua_rules::index766::UnitScore).
//! - [`par_xlsx`], [`par_csv`]: a PAR INDEX campaign's ranking with the
//!   points per area, index, band and change against last year.
//! - [`register_xlsx`]: the unit's register of dossiers, one row a dossier.
//! - [`content_disposition`]: the header value that names the download.

mod disposition;
mod documents;
mod index766;
mod par;
mod periodic;
mod register;
mod table;

use chrono::{NaiveDate, NaiveDateTime};

pub use disposition::content_disposition;
pub use documents::{DocumentRegisterRow, document_register_xlsx};
pub use index766::{ScoreRow, index766_csv, index766_xlsx};
pub use par::{ParArea, ParRanking, ParRow, par_csv, par_xlsx};
pub use periodic::{StatsRow, periodic_csv, periodic_xlsx, total};
pub use register::{RegisterRow, register_xlsx};

use crate::error::ApiError;

/// Content type of the .xlsx files.
pub const XLSX_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// Content type of the CSV files (they start with a byte-order mark).
pub const CSV_CONTENT_TYPE: &str = "text/csv; charset=utf-8";

/// What the top of a report says: its title, who made it, for which period
/// and when. The caller takes the title from the catalog
/// (`reports-periodic-title`, `reports-index766-title`) or names its own.
#[derive(Debug, Clone, Copy)]
pub struct ReportHeader<'a> {
    pub title: &'a str,
    /// The unit of whoever exports ("Đơn vị báo cáo").
    pub unit_name: &'a str,
    /// First and last day of the period, both included.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Local time (Vietnam) of the export.
    pub generated_at: NaiveDateTime,
}

/// A report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot write the spreadsheet: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

impl From<ReportError> for ApiError {
    fn from(e: ReportError) -> Self {
        tracing::error!(error.cause = %e, "report not written");
        ApiError::internal()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use motcua_rules::index766::{Config, Inputs, score_unit};
    use motcua_store::UnitStats;

    use super::*;
    use crate::web::i18n::{Lang, has};

    #[test]
    fn every_word_of_the_reports_is_in_the_catalog() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let header = ReportHeader {
            title: "T",
            unit_name: "U",
            from: day,
            to: day,
            generated_at: day.and_hms_opt(0, 0, 0).unwrap(),
        };
        let stats = UnitStats::default();
        let score = score_unit(&Inputs::default(), &Config::default());
        for lang in [Lang::Vi, Lang::En] {
            for id in ["reports-periodic-title", "reports-index766-title"] {
                assert!(has(lang, id), "{id} in {}", lang.code());
            }
            let periodic = periodic::build(&header, &[StatsRow { code: "A", name: "B", stats: &stats }], lang);
            let index =
                index766::build(&header, &[ScoreRow { rank: Some(1), code: "A", name: "B", score: &score }], lang);
            let register = register::build(&header, &[RegisterRow::default()], lang);
            for t in [&periodic, &index, &register] {
                let texts = t.headings.iter().flat_map(|h| [Some(&h.text), Some(&h.flat), h.group.as_ref()]).flatten();
                for text in texts.chain([&t.sheet]).chain(&t.form) {
                    assert!(!text.starts_with("reports-"), "{text} missing in {}", lang.code());
                }
                assert!(t.sheet.chars().count() <= 31 && !t.sheet.contains(['[', ']', ':', '*', '?', '/', '\\']));
            }
        }
    }
}
