//! The ranking of a PAR INDEX campaign (docs/par-sipas.md §15), laid out
//! like the tables the provinces publish: one row per ranked unit with its
//! rank, code, name, the points of every area (the area's maximum in its
//! heading), the total points, the index, the classification, and the
//! change of rank and of index against the year before.

use motcua_rules::par::{AreaScore, Percent, Points};

use super::table::{self, Cell, Heading, Table};
use super::{ReportError, ReportHeader};
use crate::web::i18n::{Lang, message};

/// An area of the campaign's framework, for its column.
#[derive(Debug, Clone, Copy)]
pub struct ParArea<'a> {
    pub code: &'a str,
    pub name: &'a str,
    /// 0 for an area of bonus and penalty only (no maximum in its heading).
    pub max: Points,
}

/// One ranked unit.
#[derive(Debug, Clone, Copy)]
pub struct ParRow<'a> {
    pub rank: u32,
    pub code: &'a str,
    pub name: &'a str,
    /// The unit's areas, matched to [`ParRanking::areas`] by code; an area
    /// the unit has no score for shows "—".
    pub areas: &'a [AreaScore],
    pub points: Points,
    pub index: Percent,
    /// The classification ("Khá", "Nhóm A").
    pub band: &'a str,
    /// Previous rank − current rank: positive is a rise.
    pub rank_change: Option<i64>,
    /// This year's index − last year's, in percentage points (points, on a
    /// framework of 100).
    pub index_change: Option<Percent>,
}

/// The whole ranking.
#[derive(Debug, Clone, Copy)]
pub struct ParRanking<'a> {
    /// In framework order.
    pub areas: &'a [ParArea<'a>],
    /// Ranked, best first.
    pub rows: &'a [ParRow<'a>],
    /// The year compared with, when its results are known.
    pub previous_year: Option<i32>,
}

/// The ranking as a spreadsheet: points and the index are numbers shown
/// with 2 decimals, the changes signed numbers, a missing value "—".
pub fn par_xlsx(header: &ReportHeader, ranking: &ParRanking, lang: Lang) -> Result<Vec<u8>, ReportError> {
    table::xlsx(&build(header, ranking, lang))
}

/// The ranking as CSV (UTF-8 with a byte-order mark); a missing value is
/// an empty field.
pub fn par_csv(header: &ReportHeader, ranking: &ParRanking, lang: Lang) -> Vec<u8> {
    table::csv(&build(header, ranking, lang))
}

/// Points for a heading or cell: "14", "7.5", "17.5" (no trailing zeros).
fn short(p: Points) -> String {
    p.to_vi_short().replace(',', ".")
}

pub(super) fn build<'a>(header: &'a ReportHeader<'a>, ranking: &ParRanking, lang: Lang) -> Table<'a> {
    let t = |id: &str| message(lang, id, &[]);
    let maximum: Points = ranking.areas.iter().map(|a| a.max).sum();
    let mut headings = vec![
        Heading::single(t("reports-rank"), 8.0),
        Heading::single(t("reports-col-code"), 12.0),
        Heading::single(t("reports-col-unit"), 30.0),
    ];
    let areas_group = t("reports-par-areas");
    for a in ranking.areas {
        let text = if a.max > Points::ZERO {
            message(lang, "reports-par-area", &[("code", a.code), ("name", a.name), ("max", &short(a.max))])
        } else {
            message(lang, "reports-par-area-no-max", &[("code", a.code), ("name", a.name)])
        };
        headings.push(Heading::grouped(&areas_group, text.clone(), text, 14.0));
    }
    headings.push(Heading::single(message(lang, "reports-par-points", &[("max", &short(maximum))]), 11.0));
    headings.push(Heading::single(t("reports-par-index"), 11.0));
    headings.push(Heading::single(t("reports-par-band"), 12.0));
    let year = ranking.previous_year.map(|y| y.to_string());
    let change_group = match &year {
        Some(y) => message(lang, "reports-par-change-year", &[("year", y)]),
        None => t("reports-par-change"),
    };
    for (id, width) in [("reports-par-rank-change", 12.0), ("reports-par-index-change", 12.0)] {
        let text = t(id);
        let flat = format!("{text} ({change_group})");
        headings.push(Heading::grouped(&change_group, text, flat, width));
    }

    let data = ranking
        .rows
        .iter()
        .map(|r| {
            let mut cells =
                vec![Cell::Count(i64::from(r.rank)), Cell::Text(r.code.to_owned()), Cell::Text(r.name.to_owned())];
            cells.extend(ranking.areas.iter().map(|a| {
                r.areas.iter().find(|s| s.code == a.code).map_or(Cell::Dash, |s| Cell::Decimal(s.points.as_f64()))
            }));
            cells.push(Cell::Decimal(r.points.as_f64()));
            cells.push(Cell::Decimal(r.index.as_f64()));
            cells.push(Cell::Text(r.band.to_owned()));
            cells.push(r.rank_change.map_or(Cell::Dash, Cell::Count));
            cells.push(r.index_change.map_or(Cell::Dash, |c| Cell::Decimal(c.as_f64())));
            cells
        })
        .collect();
    Table {
        header,
        lang,
        sheet: t("reports-par-sheet"),
        form: None,
        headings,
        rows: data,
        total: None,
        numbered: false,
        frozen_columns: 3,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use motcua_rules::par::Breakdown;

    use super::super::table::tests::{ReadBack, read_csv};
    use super::super::table::{GROUP_ROW, HEADING_ROW};
    use super::*;

    fn header() -> ReportHeader<'static> {
        ReportHeader {
            title: "Chỉ số CCHC 2022",
            unit_name: "Sở Nội vụ tỉnh Bắc Kạn",
            from: NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2022, 12, 31).unwrap(),
            generated_at: NaiveDate::from_ymd_opt(2023, 3, 29).unwrap().and_hms_opt(9, 0, 0).unwrap(),
        }
    }

    fn pts(h: i64) -> Points {
        Points::from_hundredths(h)
    }

    fn area(code: &str, max: i64, points: i64) -> AreaScore {
        let (max, points) = (pts(max), pts(points));
        AreaScore {
            code: code.into(),
            max,
            points,
            self_points: points,
            breakdown: Breakdown::default(),
            index: (max > Points::ZERO).then(|| Percent::of(points, max)),
            lost: if max > points { max - points } else { Points::ZERO },
        }
    }

    const AREAS: [ParArea<'static>; 3] = [
        ParArea { code: "1", name: "Chỉ đạo, điều hành CCHC", max: Points::whole(14) },
        ParArea { code: "3", name: "Cải cách TTHC", max: Points::from_hundredths(1750) },
        ParArea { code: "9", name: "Điểm thưởng, điểm trừ", max: Points::ZERO },
    ];

    /// Two units: one with a year before (down 2 places, −2.92), one new
    /// (no area 9 score at all) whose name looks like a formula.
    fn with<R>(f: impl FnOnce(&ParRanking) -> R) -> R {
        let a = [area("1", 1400, 1200), area("3", 1750, 1150), area("9", 0, -50)];
        let b = [area("1", 1400, 1400), area("3", 1750, 1700)];
        let rows = [
            ParRow {
                rank: 1,
                code: "BK.TP",
                name: "=Thành phố Bắc Kạn",
                areas: &b,
                points: pts(3100),
                index: Percent::of(pts(3100), pts(3150)),
                band: "Tốt",
                rank_change: None,
                index_change: None,
            },
            ParRow {
                rank: 2,
                code: "BK.NS",
                name: "Huyện Ngân Sơn",
                areas: &a,
                points: pts(2300),
                index: Percent::of(pts(2300), pts(3150)),
                band: "Khá",
                rank_change: Some(-2),
                index_change: Some(Percent::from_hundredths(-292)),
            },
        ];
        f(&ParRanking { areas: &AREAS, rows: &rows, previous_year: Some(2021) })
    }

    #[test]
    fn the_spreadsheet_has_one_column_per_area_with_its_maximum() {
        let book = with(|r| ReadBack::new(par_xlsx(&header(), r, Lang::Vi).unwrap()));
        assert_eq!(book.name, "Chỉ số CCHC");
        assert_eq!(book.text(0, 0), "Đơn vị báo cáo: Sở Nội vụ tỉnh Bắc Kạn");
        assert_eq!(book.text(1, 0), "Chỉ số CCHC 2022");
        let (g, h) = (GROUP_ROW, HEADING_ROW);
        assert_eq!(book.text(g, 0), "Xếp hạng");
        assert!(book.is_merged(g, 0, h, 0));
        assert_eq!(book.text(g, 3), "Điểm theo lĩnh vực");
        assert!(book.is_merged(g, 3, g, 5), "the areas' heading spans the three areas");
        let areas: Vec<String> = (3..=5).map(|c| book.text(h, c)).collect();
        assert_eq!(areas, ["1. Chỉ đạo, điều hành CCHC (14)", "3. Cải cách TTHC (17.5)", "9. Điểm thưởng, điểm trừ"]);
        assert_eq!(book.text(g, 6), "Tổng điểm (31.5)");
        assert_eq!(book.text(g, 7), "Chỉ số CCHC (%)");
        assert_eq!(book.text(g, 8), "Xếp loại");
        assert_eq!(book.text(g, 9), "So với năm 2021");
        assert!(book.is_merged(g, 9, g, 10));
        assert_eq!(book.text(h, 9), "Thứ hạng tăng (+), giảm (−)");
        assert_eq!(book.text(h, 10), "Chỉ số tăng (+), giảm (−)");

        let ns = book.row_of(1, "BK.NS");
        assert_eq!(ns, h + 2, "ranked order");
        assert_eq!(book.number(ns, 0), 2.0);
        assert_eq!(book.text(ns, 2), "Huyện Ngân Sơn");
        assert_eq!([book.number(ns, 3), book.number(ns, 4), book.number(ns, 5)], [12.0, 11.5, -0.5]);
        assert_eq!(book.number_format(ns, 4), "0.00");
        assert_eq!(book.number(ns, 6), 23.0);
        // 23 / 31.5 = 73.0158…%
        assert_eq!(book.number(ns, 7), 73.02);
        assert_eq!(book.number_format(ns, 7), "0.00");
        assert_eq!(book.text(ns, 8), "Khá");
        assert_eq!(book.number(ns, 9), -2.0);
        assert_eq!(book.number(ns, 10), -2.92);

        let tp = book.row_of(1, "BK.TP");
        // A spreadsheet cell is text, never a formula.
        assert_eq!(book.text(tp, 2), "=Thành phố Bắc Kạn");
        assert_eq!(book.text(tp, 5), "—", "no area 9 score");
        assert_eq!((book.text(tp, 9), book.text(tp, 10)), ("—".into(), "—".into()));
    }

    #[test]
    fn the_csv_file_names_the_year_in_the_change_columns() {
        let records = with(|r| read_csv(&par_csv(&header(), r, Lang::En)));
        assert_eq!(records.len(), 3);
        assert_eq!(
            records[0],
            [
                "Rank",
                "Unit code",
                "Unit",
                "1. Chỉ đạo, điều hành CCHC (14)",
                "3. Cải cách TTHC (17.5)",
                "9. Điểm thưởng, điểm trừ",
                "Total points (of 31.5)",
                "PAR INDEX (%)",
                "Classification",
                "Places up (+) or down (−) (Against 2021)",
                "Index up (+) or down (−) (Against 2021)",
            ]
        );
        assert_eq!(
            records[1],
            ["1", "BK.TP", "'=Thành phố Bắc Kạn", "14.00", "17.00", "", "31.00", "98.41", "Tốt", "", ""]
        );
        assert_eq!(
            records[2],
            ["2", "BK.NS", "Huyện Ngân Sơn", "12.00", "11.50", "-0.50", "23.00", "73.02", "Khá", "-2", "-2.92"]
        );
    }

    #[test]
    fn without_a_year_before_the_change_columns_say_so() {
        let records = with(|r| {
            let r = ParRanking { previous_year: None, ..*r };
            read_csv(&par_csv(&header(), &r, Lang::Vi))
        });
        assert_eq!(records[0][9], "Thứ hạng tăng (+), giảm (−) (So với năm trước)");
    }
}
