//! One report as data (headings, typed cells, a total row), and its two
//! writers: a spreadsheet laid out like the official forms, and CSV.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{ReportError, ReportHeader};
use crate::web::format;
use crate::web::i18n::{Lang, message};

/// A column: its heading, the heading of the group it belongs to (the row
/// above, merged over the group's columns), the heading it has alone in a
/// CSV file, and its width in characters.
pub(super) struct Heading {
    pub group: Option<String>,
    pub text: String,
    pub flat: String,
    pub width: f64,
}

impl Heading {
    /// A column of its own (merged over both heading rows).
    pub fn single(text: String, width: f64) -> Heading {
        Heading { group: None, flat: text.clone(), text, width }
    }

    /// A column under `group`, named `flat` in a CSV file.
    pub fn grouped(group: &str, text: String, flat: String, width: f64) -> Heading {
        Heading { group: Some(group.to_owned()), text, flat, width }
    }
}

/// A cell's value.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Text(String),
    Count(i64),
    /// Shown with 2 decimals.
    Decimal(f64),
    /// A fraction, shown as a percentage with 2 decimals (0.8571 ⇒ 85.71).
    Percent(f64),
    Blank,
    /// No value, shown as "—" in the spreadsheet and left empty in CSV.
    Dash,
}

/// A whole report.
pub(super) struct Table<'a> {
    pub header: &'a ReportHeader<'a>,
    pub lang: Lang,
    /// Name of the worksheet (at most 31 characters, none of `[]:*?/\`).
    pub sheet: String,
    /// The form's code, written at the top right ("Biểu II.06a/VPCP/KSTT").
    pub form: Option<String>,
    pub headings: Vec<Heading>,
    pub rows: Vec<Vec<Cell>>,
    pub total: Option<Vec<Cell>>,
    /// A row of column numbers "(1)", "(2)" … under the headings, as
    /// official forms have.
    pub numbered: bool,
    /// Columns kept in view when scrolling right (the unit's name and those
    /// before it).
    pub frozen_columns: u16,
}

/// Rows of the spreadsheet above the headings.
const UNIT_ROW: u32 = 0;
const TITLE_ROW: u32 = 1;
const PERIOD_ROW: u32 = 2;
const GENERATED_ROW: u32 = 3;
/// The two heading rows.
pub(super) const GROUP_ROW: u32 = 5;
pub(super) const HEADING_ROW: u32 = 6;

/// The formats of the spreadsheet: one per kind of cell, plain and bold
/// (for the total row).
struct Formats {
    title: Format,
    period: Format,
    note: Format,
    note_right: Format,
    heading: Format,
    number_heading: Format,
    plain: CellFormats,
    bold: CellFormats,
}

struct CellFormats {
    text: Format,
    count: Format,
    decimal: Format,
    percent: Format,
    center: Format,
}

impl CellFormats {
    fn new(bold: bool) -> CellFormats {
        let base = || {
            let f = Format::new().set_border(FormatBorder::Thin).set_font_name(FONT).set_font_size(11);
            if bold { f.set_bold() } else { f }
        };
        CellFormats {
            text: base().set_text_wrap(),
            count: base().set_num_format("#,##0"),
            decimal: base().set_num_format("0.00"),
            percent: base().set_num_format("0.00%"),
            center: base().set_align(FormatAlign::Center),
        }
    }

    fn of(&self, cell: &Cell) -> &Format {
        match cell {
            Cell::Text(_) | Cell::Blank => &self.text,
            Cell::Count(_) => &self.count,
            Cell::Decimal(_) => &self.decimal,
            Cell::Percent(_) => &self.percent,
            Cell::Dash => &self.center,
        }
    }
}

/// Official documents are set in Times New Roman.
const FONT: &str = "Times New Roman";

impl Formats {
    fn new() -> Formats {
        let font = || Format::new().set_font_name(FONT).set_font_size(11);
        let heading = font()
            .set_bold()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap()
            .set_background_color("#E2EFDA");
        Formats {
            title: font().set_bold().set_font_size(14).set_align(FormatAlign::Center).set_text_wrap(),
            period: font().set_italic().set_align(FormatAlign::Center),
            note: font(),
            note_right: font().set_bold().set_align(FormatAlign::Right),
            number_heading: font().set_italic().set_border(FormatBorder::Thin).set_align(FormatAlign::Center),
            heading,
            plain: CellFormats::new(false),
            bold: CellFormats::new(true),
        }
    }
}

/// The spreadsheet (.xlsx) of `table`.
pub(super) fn xlsx(table: &Table) -> Result<Vec<u8>, ReportError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_sheet(sheet, table)?;
    Ok(workbook.save_to_buffer()?)
}

fn write_sheet(sheet: &mut Worksheet, t: &Table) -> Result<(), XlsxError> {
    let f = Formats::new();
    let (lang, h) = (t.lang, t.header);
    let columns = u16::try_from(t.headings.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last = columns.saturating_sub(1);
    sheet.set_name(&t.sheet)?;

    // The top: reporting unit (left) and form code (right), title, period,
    // time of export.
    let split = (columns / 2).max(1);
    let unit_line = message(lang, "reports-unit", &[("unit", h.unit_name)]);
    merge_or_write(sheet, UNIT_ROW, 0, split - 1, &unit_line, &f.note)?;
    if let Some(form) = &t.form {
        merge_or_write(sheet, UNIT_ROW, split, last, form, &f.note_right)?;
    }
    merge_or_write(sheet, TITLE_ROW, 0, last, h.title, &f.title)?;
    sheet.set_row_height(TITLE_ROW, 36)?;
    merge_or_write(sheet, PERIOD_ROW, 0, last, &period_line(h, lang), &f.period)?;
    let generated = message(lang, "reports-generated", &[("time", &format::datetime(h.generated_at))]);
    merge_or_write(sheet, GENERATED_ROW, 0, last, &generated, &f.period)?;

    // Two heading rows: a group's heading merged over its columns, a column
    // without a group merged over both rows.
    let mut col = 0u16;
    while col < columns {
        let heading = &t.headings[usize::from(col)];
        match &heading.group {
            None => {
                sheet.merge_range(GROUP_ROW, col, HEADING_ROW, col, &heading.text, &f.heading)?;
                col += 1;
            }
            Some(group) => {
                let span =
                    t.headings[usize::from(col)..].iter().take_while(|c| c.group.as_ref() == Some(group)).count();
                let end = col + u16::try_from(span).map_err(|_| XlsxError::RowColumnLimitError)? - 1;
                merge_or_write(sheet, GROUP_ROW, col, end, group, &f.heading)?;
                for c in col..=end {
                    sheet.write_string_with_format(HEADING_ROW, c, &t.headings[usize::from(c)].text, &f.heading)?;
                }
                col = end + 1;
            }
        }
    }
    sheet.set_row_height(GROUP_ROW, 32)?;
    sheet.set_row_height(HEADING_ROW, 48)?;
    for (c, heading) in (0u16..).zip(&t.headings) {
        sheet.set_column_width(c, heading.width)?;
    }

    let mut row = HEADING_ROW + 1;
    if t.numbered {
        for c in 0..columns {
            sheet.write_string_with_format(row, c, format!("({})", c + 1), &f.number_heading)?;
        }
        row += 1;
    }
    let first_data_row = row;
    for cells in &t.rows {
        write_row(sheet, row, cells, &f.plain)?;
        row += 1;
    }
    if let Some(total) = &t.total {
        write_row(sheet, row, total, &f.bold)?;
        row += 1;
    }

    // Scrolling keeps the headings and the unit names in view; printing
    // repeats the headings on every page, landscape A4, one page wide.
    sheet.set_freeze_panes(first_data_row, t.frozen_columns)?;
    sheet.set_repeat_rows(GROUP_ROW, first_data_row - 1)?;
    sheet.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    sheet.set_print_area(0, 0, row.max(first_data_row) - 1, last)?;
    Ok(())
}

/// Merges `first..=last` of `row` with `text`, or writes one cell when the
/// range is a single column (a merge needs two cells).
fn merge_or_write(
    sheet: &mut Worksheet,
    row: u32,
    first: u16,
    last: u16,
    text: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    if last > first {
        sheet.merge_range(row, first, row, last, text, f)?;
    } else {
        sheet.write_string_with_format(row, first, text, f)?;
    }
    Ok(())
}

fn write_row(sheet: &mut Worksheet, row: u32, cells: &[Cell], f: &CellFormats) -> Result<(), XlsxError> {
    for (col, cell) in (0u16..).zip(cells) {
        let format = f.of(cell);
        match cell {
            // A string cell is never a formula, so unit names need no
            // neutralising here (unlike CSV).
            Cell::Text(s) => sheet.write_string_with_format(row, col, s, format)?,
            Cell::Count(n) => sheet.write_number_with_format(row, col, *n as f64, format)?,
            Cell::Decimal(x) | Cell::Percent(x) => sheet.write_number_with_format(row, col, *x, format)?,
            Cell::Blank => sheet.write_blank(row, col, format)?,
            Cell::Dash => sheet.write_string_with_format(row, col, "—", format)?,
        };
    }
    Ok(())
}

/// "Kỳ báo cáo: từ 01/01/2026 đến 31/03/2026".
pub(super) fn period_line(h: &ReportHeader, lang: Lang) -> String {
    message(lang, "reports-period", &[("from", &format::date(h.from)), ("to", &format::date(h.to))])
}

/// The CSV file of `table`: a byte-order mark (so Excel reads UTF-8), one
/// heading row, the rows, the total row. Numbers are written with a point
/// and no grouping, text that a spreadsheet would take for a formula is
/// neutralised ([`neutralise`]).
pub(super) fn csv(table: &Table) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + 128 * table.rows.len());
    out.extend_from_slice("\u{FEFF}".as_bytes());
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    let record = |w: &mut csv::Writer<Vec<u8>>, fields: Vec<String>| {
        w.write_record(&fields).expect("writing CSV to memory cannot fail");
    };
    record(&mut w, table.headings.iter().map(|h| neutralise(&h.flat)).collect());
    for cells in table.rows.iter().chain(&table.total) {
        record(&mut w, cells.iter().map(csv_field).collect());
    }
    w.into_inner().expect("writing CSV to memory cannot fail")
}

fn csv_field(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => neutralise(s),
        Cell::Count(n) => n.to_string(),
        Cell::Decimal(x) => decimal(*x),
        Cell::Percent(x) => decimal(motcua_rules::index766::percent(*x)),
        Cell::Blank | Cell::Dash => String::new(),
    }
}

/// `x` with 2 decimals and a point ("12.50"); never "-0.00".
fn decimal(x: f64) -> String {
    let s = format!("{x:.2}");
    if s == "-0.00" { "0.00".to_owned() } else { s }
}

/// Text that a spreadsheet would run as a formula when the CSV file is
/// opened (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return)
/// gets a leading `'`, so it shows as the text it is (OWASP "CSV
/// injection").
pub(super) fn neutralise(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_owned() }
}

#[cfg(test)]
pub(super) mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

    use super::*;

    /// A spreadsheet read back: its one sheet's name, cells and merged ranges.
    pub struct ReadBack {
        pub name: String,
        pub cells: calamine::Range<Data>,
        pub merged: Vec<calamine::Dimensions>,
        pub styles: calamine::StyleRange,
    }

    impl ReadBack {
        pub fn new(bytes: Vec<u8>) -> ReadBack {
            let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a valid xlsx");
            let name = book.sheet_names()[0].clone();
            let cells = book.worksheet_range(&name).unwrap();
            let merged = book.merge_cells_by_sheet_name(&name).unwrap();
            let styles = book.worksheet_style(&name).unwrap();
            ReadBack { name, cells, merged, styles }
        }

        pub fn at(&self, row: u32, col: u32) -> Data {
            self.cells.get_value((row, col)).cloned().unwrap_or(Data::Empty)
        }

        pub fn text(&self, row: u32, col: u32) -> String {
            match self.at(row, col) {
                Data::String(s) => s,
                other => panic!("({row}, {col}) is not text: {other:?}"),
            }
        }

        pub fn number(&self, row: u32, col: u32) -> f64 {
            match self.at(row, col) {
                Data::Float(x) => x,
                Data::Int(n) => n as f64,
                other => panic!("({row}, {col}) is not a number: {other:?}"),
            }
        }

        pub fn number_format(&self, row: u32, col: u32) -> String {
            self.styles
                .get((row, col))
                .and_then(|s| s.number_format.as_ref())
                .map(|n| n.format_code.clone())
                .unwrap_or_default()
        }

        /// Whether `(row, first)..=(last_row, last)` is one merged range.
        pub fn is_merged(&self, row: u32, first: u32, last_row: u32, last: u32) -> bool {
            self.merged.iter().any(|d| d.start == (row, first) && d.end == (last_row, last))
        }

        /// The row whose column `col` holds `text`.
        pub fn row_of(&self, col: u32, text: &str) -> u32 {
            (0..self.cells.end().map_or(0, |e| e.0 + 1))
                .find(|&r| matches!(self.at(r, col), Data::String(ref s) if s == text))
                .unwrap_or_else(|| panic!("no row with {text:?} in column {col}"))
        }
    }

    /// A CSV file read back, after its byte-order mark.
    pub fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let text = text.strip_prefix('\u{FEFF}').expect("a byte-order mark");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn formulas_in_text_are_neutralised() {
        for s in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(s), format!("'{s}"));
        }
        for s in ["UBND xã Một", "1.5", "", "a=b", "x-1"] {
            assert_eq!(neutralise(s), s);
        }
    }

    #[test]
    fn decimals_have_two_places_and_no_negative_zero() {
        assert_eq!(decimal(12.5), "12.50");
        assert_eq!(decimal(0.004), "0.00");
        assert_eq!(decimal(-0.001), "0.00");
        assert_eq!(decimal(17.876), "17.88");
    }
}
