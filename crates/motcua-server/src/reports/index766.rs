//! The Decision 766 index table (docs/index766.md): one row per unit with
//! its rank, total, the six group scores, the on-time ratio of 2.1 and a
//! marker when the result is provisional.

use motcua_rules::index766::{Group, Indicator, UnitScore, round2};

use super::table::{self, Cell, Heading, Table};
use super::{ReportError, ReportHeader};
use crate::web::i18n::{Lang, message};

/// One unit of the table.
#[derive(Debug, Clone, Copy)]
pub struct ScoreRow<'a> {
    /// `None` for a unit that is not ranked (no score, or not among peers).
    pub rank: Option<u32>,
    pub code: &'a str,
    pub name: &'a str,
    pub score: &'a UnitScore,
}

/// The table as a spreadsheet; scores are numbers shown with 2 decimals, a
/// group without a score shows "—".
pub fn index766_xlsx(header: &ReportHeader, rows: &[ScoreRow], lang: Lang) -> Result<Vec<u8>, ReportError> {
    table::xlsx(&build(header, rows, lang))
}

/// The table as CSV (UTF-8 with a byte-order mark); a group without a
/// score is an empty field, the on-time ratio a percentage ("85.71").
pub fn index766_csv(header: &ReportHeader, rows: &[ScoreRow], lang: Lang) -> Vec<u8> {
    table::csv(&build(header, rows, lang))
}

/// The catalog id of a group's heading (with its maximum as `$max`).
fn group_id(group: Group) -> &'static str {
    match group {
        Group::Transparency => "reports-group-transparency",
        Group::Progress => "reports-group-progress",
        Group::OnlineService => "reports-group-online-service",
        Group::OnlinePayment => "reports-group-online-payment",
        Group::Digitisation => "reports-group-digitisation",
        Group::Satisfaction => "reports-group-satisfaction",
    }
}

pub(super) fn build<'a>(header: &'a ReportHeader<'a>, rows: &[ScoreRow], lang: Lang) -> Table<'a> {
    let t = |id: &str| message(lang, id, &[]);
    let groups = t("reports-groups");
    let mut headings = vec![
        Heading::single(t("reports-rank"), 8.0),
        Heading::single(t("reports-col-code"), 12.0),
        Heading::single(t("reports-col-unit"), 34.0),
        Heading::single(t("reports-score-total"), 10.0),
        Heading::single(t("reports-score-max"), 10.0),
    ];
    for group in Group::ALL {
        let text = message(lang, group_id(group), &[("max", &group.max().to_string())]);
        headings.push(Heading::grouped(&groups, text.clone(), text, 13.0));
    }
    headings.push(Heading::single(t("reports-on-time-ratio"), 15.0));
    headings.push(Heading::single(t("reports-note"), 12.0));

    let provisional = t("reports-provisional");
    let data = rows
        .iter()
        .map(|r| {
            let s = r.score;
            let mut cells = vec![
                r.rank.map_or(Cell::Blank, |n| Cell::Count(i64::from(n))),
                Cell::Text(r.code.to_owned()),
                Cell::Text(r.name.to_owned()),
                Cell::Decimal(round2(s.total)),
                Cell::Decimal(round2(s.resolved_max)),
            ];
            cells.extend(s.groups.iter().map(|g| g.score.map_or(Cell::Dash, |x| Cell::Decimal(round2(x)))));
            cells.push(s.indicator(Indicator::ProgressOnTime).ratio.map_or(Cell::Dash, Cell::Percent));
            cells.push(if s.provisional { Cell::Text(provisional.clone()) } else { Cell::Blank });
            cells
        })
        .collect();
    Table {
        header,
        lang,
        sheet: t("reports-index766-sheet"),
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
    use calamine::Data;
    use chrono::NaiveDate;
    use motcua_rules::index766::{Config, Inputs, score_unit};

    use super::super::table::tests::{ReadBack, read_csv};
    use super::super::table::{GROUP_ROW, HEADING_ROW};
    use super::*;

    fn header() -> ReportHeader<'static> {
        ReportHeader {
            title: "Chỉ số 766",
            unit_name: "Văn phòng UBND tỉnh <Mẫu> & cộng sự",
            from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            generated_at: NaiveDate::from_ymd_opt(2027, 1, 5).unwrap().and_hms_opt(8, 0, 0).unwrap(),
        }
    }

    /// 42 of 47 on time (17.87 points), full transparency; and a unit with
    /// no dossier (2.1 provisional).
    fn scores() -> [UnitScore; 2] {
        let config = Config::default();
        let mut a = Inputs::default();
        a.set_progress(47, 42)
            .set(Indicator::PublishOnTime, 20, 20)
            .set(Indicator::PublicUpdateOnTime, 10, 10)
            .set(Indicator::PublicContentFull, 5, 5)
            .set(Indicator::DossierSync, 1, 2);
        let b = Inputs::default();
        [score_unit(&a, &config), score_unit(&b, &config)]
    }

    fn rows(s: &[UnitScore; 2]) -> Vec<ScoreRow<'_>> {
        vec![
            ScoreRow { rank: Some(1), code: "X99.01", name: "UBND xã Một", score: &s[0] },
            ScoreRow { rank: None, code: "X99.02", name: "@SUM(A1:A9)", score: &s[1] },
        ]
    }

    #[test]
    fn the_spreadsheet_has_the_scores_as_numbers_with_two_decimals() {
        let s = scores();
        let book = ReadBack::new(index766_xlsx(&header(), &rows(&s), Lang::Vi).unwrap());
        assert_eq!(book.name, "Chỉ số 766");
        assert_eq!(book.text(0, 0), "Đơn vị báo cáo: Văn phòng UBND tỉnh <Mẫu> & cộng sự");
        assert_eq!(book.text(2, 0), "Kỳ báo cáo: từ 01/01/2026 đến 31/12/2026");

        let (g, h) = (GROUP_ROW, HEADING_ROW);
        assert_eq!(book.text(g, 0), "Xếp hạng");
        assert!(book.is_merged(g, 0, h, 0));
        assert_eq!(book.text(g, 5), "Điểm theo nhóm chỉ số");
        assert!(book.is_merged(g, 5, g, 10), "the group heading spans the six groups");
        let groups: Vec<String> = (5..=10).map(|c| book.text(h, c)).collect();
        assert_eq!(
            groups,
            [
                "Công khai, minh bạch (18)",
                "Tiến độ, kết quả giải quyết (20)",
                "Dịch vụ công trực tuyến (12)",
                "Thanh toán trực tuyến (10)",
                "Số hóa hồ sơ (22)",
                "Mức độ hài lòng (18)"
            ]
        );
        assert_eq!(book.text(g, 11), "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn (%)");

        let r = h + 1;
        assert_eq!(book.number(r, 0), 1.0);
        assert_eq!(book.text(r, 2), "UBND xã Một");
        // 6 + 4 + 2 + 3 = 15 transparency, 17.87 progress, 6 + 6 satisfaction (no PAKN means full marks).
        assert_eq!(book.number(r, 5), 15.0);
        assert_eq!(book.number(r, 6), 17.87);
        assert_eq!(book.number_format(r, 6), "0.00");
        assert_eq!(book.number(r, 3), round2(s[0].total));
        assert_eq!(book.number_format(r, 3), "0.00");
        assert_eq!(book.number(r, 4), 88.0);
        // The unresolved online-service group has no score.
        assert_eq!(book.text(r, 7), "—");
        assert!((book.number(r, 11) - 42.0 / 47.0).abs() < 1e-12);
        assert_eq!(book.number_format(r, 11), "0.00%");
        // Always provisional while the online-service group is unresolved.
        assert_eq!(book.text(r, 12), "Tạm tính");

        // No rank: an empty cell; no dossier: no ratio.
        assert_eq!(book.at(r + 1, 0), Data::Empty);
        assert_eq!(book.text(r + 1, 2), "@SUM(A1:A9)");
        assert_eq!(book.text(r + 1, 11), "—");
    }

    #[test]
    fn the_csv_file_has_plain_numbers_and_empty_fields_for_missing_scores() {
        let s = scores();
        let records = read_csv(&index766_csv(&header(), &rows(&s), Lang::En));
        assert_eq!(records.len(), 3);
        assert_eq!(
            records[0],
            [
                "Rank",
                "Unit code",
                "Unit",
                "Total score",
                "Out of",
                "Transparency (18)",
                "Progress and results (20)",
                "Online services (12)",
                "Online payment (10)",
                "Digitisation (22)",
                "Satisfaction (18)",
                "Dossiers resolved early or on time (%)",
                "Note"
            ]
        );
        assert_eq!(
            records[1][..7],
            ["1", "X99.01", "UBND xã Một", &format!("{:.2}", s[0].total), "88.00", "15.00", "17.87"]
        );
        assert_eq!(records[1][7], "");
        assert_eq!(records[1][11], "89.36");
        assert_eq!(records[1][12], "Provisional");
        assert_eq!(records[2][..3], ["", "X99.02", "'@SUM(A1:A9)"]);
        assert_eq!(records[2][11], "");
    }
}
