//! Import of published PAR INDEX results from CSV, so that year-on-year
//! comparisons work from the first campaign run in motcua.
//!
//! The format (docs/par-sipas.md, "CSV of published results"):
//!
//! ```text
//! year,unit_code,unit_name,par_index,rank
//! 2012,48,Da Nang,87.12,1
//! 2012,77,"Ba Ria - Vung Tau",86.14,2
//! ```
//!
//! - UTF-8, comma-separated, one header row; RFC 4180 quoting (a field in
//!   double quotes may hold commas, newlines and `""` for a quote); a
//!   leading byte-order mark and blank lines are ignored; `\n` or `\r\n`.
//! - Required columns, in any order: `year`, `unit_code`, `unit_name`,
//!   `par_index`, `rank` (`par_rank` is read as `rank`). `rank` may be
//!   empty for a unit not ranked that year.
//! - Optional: `score_appraised` (alias `score_moha`), `score_survey`,
//!   `classification`, and per area `area:<code>:points`,
//!   `area:<code>:index`, `area:<code>:rank`.
//! - Numbers have at most two decimals, `.` or `,` as the decimal mark (a
//!   `,` needs the field quoted). Indexes are within 0..=100.
//! - Any other column is ignored and listed in
//!   [`PublishedTable::ignored_columns`], so that the
//!   `letrinhan/vn-par-master` columns (docs/sources.md#par-results) import as is.
//!
//! Errors name the line and the column (`csv:LINE:COLUMN`, both from 1, in
//! the field of the [`RuleError`]) and the column's header.

use std::collections::HashMap;

use super::history::{PublishedArea, PublishedResult};
use super::points::{Percent, Points};
use crate::error::RuleError;

/// Years a published result may have: PAR INDEX exists since 2012; the
/// margin admits older pilots and typos are still caught.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// The rows read and the columns that were not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedTable {
    pub rows: Vec<PublishedResult>,
    pub ignored_columns: Vec<String>,
}

fn at(line: usize, col: usize) -> String {
    format!("csv:{line}:{col}")
}

/// `case` picks the wording of `par_csv_syntax` in errors.ftl.
fn syntax(line: usize, col: usize, case: &str) -> RuleError {
    RuleError::invalid("par_csv_syntax", &at(line, col)).arg("case", case).arg("line", line).arg("col", col)
}

/// A record: the line it starts on and its fields.
type Record = (usize, Vec<String>);

/// Splits RFC 4180 text into records. A field's column is its position
/// in the record, from 1.
fn records(text: &str) -> Result<Vec<Record>, RuleError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    // At the start of a field: is the next char the opening quote?
    let mut field_start = true;
    let mut quoted_at: Option<usize> = None;
    while let Some(c) = chars.next() {
        if quoted_at.is_some() {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted_at = None;
                    match chars.peek() {
                        None | Some(',') | Some('\n') | Some('\r') => {}
                        Some(_) => {
                            return Err(syntax(line, fields.len() + 1, "closing-quote"));
                        }
                    }
                }
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field_start => {
                quoted_at = Some(line);
                field_start = false;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                if !(fields.len() == 1 && fields[0].trim().is_empty()) {
                    out.push((start_line, std::mem::take(&mut fields)));
                }
                fields.clear();
                line += 1;
                start_line = line;
                field_start = true;
            }
            _ => {
                if !(field_start && c.is_whitespace()) {
                    field_start = false;
                }
                field.push(c);
            }
        }
    }
    if let Some(open_line) = quoted_at {
        return Err(syntax(open_line, fields.len() + 1, "unclosed-quote"));
    }
    fields.push(field);
    if !(fields.len() == 1 && fields[0].trim().is_empty()) {
        out.push((start_line, fields));
    }
    Ok(out)
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Year,
    UnitCode,
    UnitName,
    Index,
    Rank,
    Appraised,
    Survey,
    Classification,
    AreaPoints(String),
    AreaIndex(String),
    AreaRank(String),
    Ignored,
}

fn column(header: &str) -> Column {
    let h = header.trim();
    let lower = h.to_ascii_lowercase();
    match lower.as_str() {
        "year" => return Column::Year,
        "unit_code" => return Column::UnitCode,
        "unit_name" => return Column::UnitName,
        "par_index" => return Column::Index,
        "rank" | "par_rank" => return Column::Rank,
        "score_appraised" | "score_moha" => return Column::Appraised,
        "score_survey" => return Column::Survey,
        "classification" => return Column::Classification,
        _ => {}
    }
    let parts: Vec<&str> = h.split(':').collect();
    if let [prefix, code, what] = parts.as_slice()
        && prefix.eq_ignore_ascii_case("area")
        && !code.is_empty()
    {
        match what.to_ascii_lowercase().as_str() {
            "points" => return Column::AreaPoints((*code).to_owned()),
            "index" => return Column::AreaIndex((*code).to_owned()),
            "rank" => return Column::AreaRank((*code).to_owned()),
            _ => {}
        }
    }
    Column::Ignored
}

/// One field being read: where it is, for errors.
struct Cell<'a> {
    line: usize,
    col: usize,
    header: &'a str,
    raw: &'a str,
}

impl Cell<'_> {
    /// `case` picks the wording of `par_csv_value` in errors.ftl.
    fn bad(&self, case: &str) -> RuleError {
        let (line, col, h, v) = (self.line, self.col, self.header, self.raw.trim());
        RuleError::invalid("par_csv_value", &at(line, col))
            .arg("line", line)
            .arg("col", col)
            .arg("header", h)
            .arg("value", v)
            .arg("case", case)
    }

    fn text(&self) -> Result<String, RuleError> {
        let v = self.raw.trim();
        if v.is_empty() {
            return Err(self.bad("empty"));
        }
        Ok(v.to_owned())
    }

    fn optional(&self) -> Option<&str> {
        let v = self.raw.trim();
        (!v.is_empty()).then_some(v)
    }

    fn year(&self) -> Result<i32, RuleError> {
        match self.raw.trim().parse::<i32>() {
            Ok(y) if YEARS.contains(&y) => Ok(y),
            _ => Err(self.bad("year").arg("from", YEARS.start()).arg("to", YEARS.end())),
        }
    }

    fn percent(&self) -> Result<Percent, RuleError> {
        match Percent::parse(self.raw) {
            Some(p) if (Percent::ZERO..=Percent::HUNDRED).contains(&p) => Ok(p),
            _ => Err(self.bad("percent")),
        }
    }

    fn points(&self) -> Result<Points, RuleError> {
        Points::parse(self.raw).ok_or_else(|| self.bad("points"))
    }

    fn rank(&self) -> Result<u32, RuleError> {
        match self.raw.trim().parse::<u32>() {
            Ok(r) if r >= 1 => Ok(r),
            _ => Err(self.bad("rank")),
        }
    }
}

/// Reads a CSV of published results; see the module documentation for the
/// format. Refuses the whole file on the first error, naming its line and
/// column: a half-imported year would rank against the wrong peers.
pub fn parse_published_csv(text: &str) -> Result<PublishedTable, RuleError> {
    let mut recs = records(text)?.into_iter();
    let Some((header_line, headers)) = recs.next() else {
        return Err(RuleError::invalid("par_csv_header", &at(1, 1)).arg("case", "empty"));
    };
    let columns: Vec<Column> = headers.iter().map(|h| column(h)).collect();
    for (i, c) in columns.iter().enumerate() {
        if *c != Column::Ignored
            && let Some(j) = columns[..i].iter().position(|o| o == c)
        {
            return Err(RuleError::invalid("par_csv_header", &at(header_line, i + 1))
                .arg("case", "repeat")
                .arg("col", i + 1)
                .arg("name", headers[i].trim())
                .arg("first", j + 1));
        }
    }
    for (need, name) in [
        (Column::Year, "year"),
        (Column::UnitCode, "unit_code"),
        (Column::UnitName, "unit_name"),
        (Column::Index, "par_index"),
        (Column::Rank, "rank"),
    ] {
        if !columns.contains(&need) {
            return Err(RuleError::invalid("par_csv_header", &at(header_line, 1))
                .arg("case", "missing")
                .arg("name", name));
        }
    }
    let ignored_columns = headers
        .iter()
        .zip(&columns)
        .filter(|(_, c)| **c == Column::Ignored)
        .map(|(h, _)| h.trim().to_owned())
        .collect();

    let mut rows = Vec::new();
    let mut seen: HashMap<(i32, String), usize> = HashMap::new();
    for (line, fields) in recs {
        if fields.len() != headers.len() {
            return Err(RuleError::invalid("par_csv_syntax", &at(line, fields.len().min(headers.len()) + 1))
                .arg("case", "columns")
                .arg("line", line)
                .arg("count", fields.len())
                .arg("header", headers.len()));
        }
        let mut row = PublishedResult {
            year: 0,
            unit_code: String::new(),
            unit_name: String::new(),
            index: Percent::ZERO,
            rank: None,
            appraised: None,
            survey: None,
            classification: None,
            areas: Vec::new(),
        };
        let mut code_col = 0;
        for (col, ((raw, header), column)) in fields.iter().zip(&headers).zip(&columns).enumerate() {
            let cell = Cell { line, col: col + 1, header: header.trim(), raw };
            let area = |row: &mut PublishedResult, code: &str| -> usize {
                match row.areas.iter().position(|a| a.code == code) {
                    Some(i) => i,
                    None => {
                        row.areas.push(PublishedArea { code: code.to_owned(), points: None, index: None, rank: None });
                        row.areas.len() - 1
                    }
                }
            };
            match column {
                Column::Year => row.year = cell.year()?,
                Column::UnitCode => {
                    row.unit_code = cell.text()?;
                    code_col = col + 1;
                }
                Column::UnitName => row.unit_name = cell.text()?,
                Column::Index => row.index = cell.percent()?,
                Column::Rank => row.rank = cell.optional().map(|_| cell.rank()).transpose()?,
                Column::Appraised => row.appraised = cell.optional().map(|_| cell.points()).transpose()?,
                Column::Survey => row.survey = cell.optional().map(|_| cell.points()).transpose()?,
                Column::Classification => row.classification = cell.optional().map(str::to_owned),
                Column::AreaPoints(code) => {
                    let v = cell.optional().map(|_| cell.points()).transpose()?;
                    let i = area(&mut row, code);
                    row.areas[i].points = v;
                }
                Column::AreaIndex(code) => {
                    let v = cell.optional().map(|_| cell.percent()).transpose()?;
                    let i = area(&mut row, code);
                    row.areas[i].index = v;
                }
                Column::AreaRank(code) => {
                    let v = cell.optional().map(|_| cell.rank()).transpose()?;
                    let i = area(&mut row, code);
                    row.areas[i].rank = v;
                }
                Column::Ignored => {}
            }
        }
        if let Some(first) = seen.insert((row.year, row.unit_code.clone()), line) {
            return Err(RuleError::invalid("par_csv_duplicate", &at(line, code_col))
                .arg("line", line)
                .arg("unit", &row.unit_code)
                .arg("year", row.year)
                .arg("first", first));
        }
        rows.push(row);
    }
    Ok(PublishedTable { rows, ignored_columns })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first rows of the 2012 table (docs/sources.md#par-results), in the
    /// dataset's own columns.
    const PAR_2012: &str = "\u{feff}year,unit_type,unit_code,unit_name,par_index,par_rank,ranked,score_moha,score_survey\r\n\
        2012,province,48,Da Nang,87.12,1,true,53.25,33.87\r\n\
        2012,province,77,\"Ba Ria - Vung Tau\",86.14,2,true,54.35,31.79\r\n\
        2012,province,79,Ho Chi Minh City,83.83,3,true,52.75,31.08\r\n\
        2012,province,38,Thanh Hoa,80.41,16,true,51.00,29.41\r\n\
        \r\n";

    #[test]
    fn the_2012_table_imports_and_index_is_moha_plus_survey() {
        let t = parse_published_csv(PAR_2012).unwrap();
        assert_eq!(t.ignored_columns, ["unit_type", "ranked"]);
        assert_eq!(t.rows.len(), 4);
        assert_eq!(t.rows[1].unit_name, "Ba Ria - Vung Tau");
        assert_eq!(t.rows[3].rank, Some(16));
        for r in &t.rows {
            // index = MOHA part + survey part on the 100-point scale.
            let sum = r.appraised.unwrap() + r.survey.unwrap();
            assert_eq!(sum.hundredths(), r.index.hundredths(), "{}", r.unit_name);
        }
    }

    #[test]
    fn areas_quotes_and_decimal_commas() {
        let t = parse_published_csv(
            "unit_code,year,unit_name,par_index,rank,area:1:points,area:1:rank,area:3:index,classification\n\
             NS,2022,\"Huyện Ngân Sơn\",\"70,56\",8,12,5,\"67,65\",Khá\n\
             X,2022,\"Huyện \"\"mẫu\"\", có dấu phẩy\",80.10,,13.5,,,\n",
        )
        .unwrap();
        let ns = &t.rows[0];
        assert_eq!((ns.year, ns.index, ns.rank), (2022, Percent::from_hundredths(7056), Some(8)));
        assert_eq!(
            ns.areas[0],
            PublishedArea { code: "1".into(), points: Some(Points::whole(12)), index: None, rank: Some(5) }
        );
        assert_eq!(ns.areas[1].index, Some(Percent::from_hundredths(6765)));
        assert_eq!(ns.classification.as_deref(), Some("Khá"));
        assert_eq!(t.rows[1].unit_name, "Huyện \"mẫu\", có dấu phẩy");
        assert_eq!(t.rows[1].rank, None);
    }

    fn refused(csv: &str) -> (String, String) {
        let e = parse_published_csv(csv).unwrap_err();
        (e.code.to_owned(), e.field.unwrap_or_default())
    }

    #[test]
    fn errors_name_line_and_column() {
        let h = "year,unit_code,unit_name,par_index,rank\n";
        let r = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(refused(""), r("par_csv_header", "csv:1:1"));
        assert_eq!(refused("year,unit_code,unit_name,rank\n"), r("par_csv_header", "csv:1:1"));
        assert_eq!(refused("year,unit_code,unit_name,par_index,rank,par_rank\n"), r("par_csv_header", "csv:1:6"));
        assert_eq!(refused(&format!("{h}2022,A,Tên,70.5,1\n2022,B,Tên,101,2\n")), r("par_csv_value", "csv:3:4"));
        assert_eq!(refused(&format!("{h}2022,A,Tên,70.555,1\n")), r("par_csv_value", "csv:2:4"));
        assert_eq!(refused(&format!("{h}22,A,Tên,70,1\n")), r("par_csv_value", "csv:2:1"));
        assert_eq!(refused(&format!("{h}2022,,Tên,70,1\n")), r("par_csv_value", "csv:2:2"));
        assert_eq!(refused(&format!("{h}2022,A,Tên,70,0\n")), r("par_csv_value", "csv:2:5"));
        assert_eq!(refused(&format!("{h}2022,A,Tên,70\n")), r("par_csv_syntax", "csv:2:5"));
        assert_eq!(refused(&format!("{h}2022,A,\"Tên,70,1\n")), r("par_csv_syntax", "csv:2:3"));
        assert_eq!(refused(&format!("{h}2022,A,\"Tên\"x,70,1\n")), r("par_csv_syntax", "csv:2:3"));
        assert_eq!(refused(&format!("{h}2022,A,Tên,70,1\n\n2022,A,Tên 2,71,2\n")), r("par_csv_duplicate", "csv:4:2"));
        let e = parse_published_csv(&format!("{h}2022,A,Tên,abc,1\n")).unwrap_err();
        assert!(e.message_vi.starts_with("Dòng 2, cột 4 (par_index)"), "{}", e.message_vi);
    }

    #[test]
    fn a_quoted_newline_keeps_line_numbers_right() {
        let csv = "year,unit_code,unit_name,par_index,rank\n2022,A,\"Dòng\nhai\",70,1\n2022,B,Tên,x,2\n";
        assert_eq!(refused(csv), ("par_csv_value".into(), "csv:4:4".into()));
        let t = parse_published_csv(&csv.replace(",x,", ",71,")).unwrap();
        assert_eq!(t.rows[0].unit_name, "Dòng\nhai");
    }
}
