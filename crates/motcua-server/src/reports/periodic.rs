//! The periodic statistics report in the layout of Biểu II.06a ("Tình hình,
//! kết quả giải quyết TTHC", docs/sources.md#periodic-report; the columns are explained
//! in docs/statistics.md): one row per unit, then the total.

use motcua_store::UnitStats;

use super::table::{self, Cell, Heading, Table};
use super::{ReportError, ReportHeader};
use crate::web::i18n::{Lang, message};

/// One unit of the report.
#[derive(Debug, Clone, Copy)]
pub struct StatsRow<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub stats: &'a UnitStats,
}

/// The report as a spreadsheet: reporting unit and form code, title,
/// period, two heading rows with merged group headings, column numbers,
/// one row per unit, the total row.
pub fn periodic_xlsx(header: &ReportHeader, rows: &[StatsRow], lang: Lang) -> Result<Vec<u8>, ReportError> {
    table::xlsx(&build(header, rows, lang))
}

/// The report as CSV (UTF-8 with a byte-order mark): one heading row, one
/// row per unit, the total row.
pub fn periodic_csv(header: &ReportHeader, rows: &[StatsRow], lang: Lang) -> Vec<u8> {
    table::csv(&build(header, rows, lang))
}

/// The sum of `rows`: every count added up; the average processing time
/// weighted by each unit's resolved dossiers (Σ average × resolved ÷ Σ
/// resolved), `None` when no unit resolved any. `unit_id` is 0.
pub fn total(rows: &[StatsRow]) -> UnitStats {
    let mut t = UnitStats::default();
    let (mut days, mut weight) = (0.0, 0i64);
    for s in rows.iter().map(|r| r.stats) {
        // Destructured in full, so a counter added to `UnitStats` does not
        // compile until it is added up here too.
        let UnitStats {
            unit_id: _,
            carried_over,
            received_online,
            received_counter,
            received_postal,
            resolved_early,
            resolved_on_time,
            resolved_late,
            in_process_within_due,
            in_process_past_due,
            supplement_requests,
            refused,
            withdrawn,
            stopped,
            returned,
            rated,
            rated_dissatisfied,
            results_issued,
            results_digitised,
            received_reusing,
            certified_copies_handled,
            certified_copies_issued,
            feedback_received,
            feedback_about_regulation,
            feedback_about_conduct,
            feedback_due,
            feedback_on_time,
            feedback_satisfactory,
            fee_dossiers,
            paid_online,
            // Procedures do not add up over units (one procedure is handled
            // by many): the total leaves them at 0.
            fee_procedures: _,
            fee_procedures_requested: _,
            fee_procedures_paid_online: _,
            received_synced,
            average_processing_days,
        } = *s;
        t.carried_over += carried_over;
        t.received_online += received_online;
        t.received_counter += received_counter;
        t.received_postal += received_postal;
        t.resolved_early += resolved_early;
        t.resolved_on_time += resolved_on_time;
        t.resolved_late += resolved_late;
        t.in_process_within_due += in_process_within_due;
        t.in_process_past_due += in_process_past_due;
        t.supplement_requests += supplement_requests;
        t.refused += refused;
        t.withdrawn += withdrawn;
        t.stopped += stopped;
        t.returned += returned;
        t.rated += rated;
        t.rated_dissatisfied += rated_dissatisfied;
        t.results_issued += results_issued;
        t.results_digitised += results_digitised;
        t.received_reusing += received_reusing;
        t.certified_copies_handled += certified_copies_handled;
        t.certified_copies_issued += certified_copies_issued;
        t.feedback_received += feedback_received;
        t.feedback_about_regulation += feedback_about_regulation;
        t.feedback_about_conduct += feedback_about_conduct;
        t.feedback_due += feedback_due;
        t.feedback_on_time += feedback_on_time;
        t.feedback_satisfactory += feedback_satisfactory;
        t.fee_dossiers += fee_dossiers;
        t.paid_online += paid_online;
        t.received_synced += received_synced;
        let resolved = s.resolved();
        if let Some(average) = average_processing_days
            && resolved > 0
        {
            days += average * resolved as f64;
            weight += resolved;
        }
    }
    t.average_processing_days = (weight > 0).then(|| days / weight as f64);
    t
}

/// "Số hồ sơ nhận giải quyết": received in the period, by every channel,
/// plus those carried over from the previous one.
fn received_total(s: &UnitStats) -> i64 {
    s.received_online + received_direct(s) + s.carried_over
}

/// "Trực tiếp, dịch vụ bưu chính": at the counter or by post.
fn received_direct(s: &UnitStats) -> i64 {
    s.received_counter + s.received_postal
}

/// The columns after the unit's number, code and name, in order: the
/// heading's message id, the group's (if any) and the CSV heading's, and
/// the value.
type Value = fn(&UnitStats) -> Cell;
type Column = (&'static str, Option<(&'static str, &'static str)>, Value);

const COLUMNS: [Column; 17] = [
    ("reports-col-total", Some(("reports-received", "reports-received-total")), |s| Cell::Count(received_total(s))),
    ("reports-received-online", Some(("reports-received", "reports-csv-received-online")), |s| {
        Cell::Count(s.received_online)
    }),
    ("reports-received-direct", Some(("reports-received", "reports-csv-received-direct")), |s| {
        Cell::Count(received_direct(s))
    }),
    ("reports-carried-over", Some(("reports-received", "reports-carried-over")), |s| Cell::Count(s.carried_over)),
    ("reports-col-total", Some(("reports-resolved", "reports-resolved")), |s| Cell::Count(s.resolved())),
    ("reports-resolved-early", Some(("reports-resolved", "reports-csv-resolved-early")), |s| {
        Cell::Count(s.resolved_early)
    }),
    ("reports-resolved-on-time", Some(("reports-resolved", "reports-csv-resolved-on-time")), |s| {
        Cell::Count(s.resolved_on_time)
    }),
    ("reports-resolved-late", Some(("reports-resolved", "reports-csv-resolved-late")), |s| {
        Cell::Count(s.resolved_late)
    }),
    ("reports-col-total", Some(("reports-in-process", "reports-in-process")), |s| Cell::Count(s.in_process())),
    ("reports-in-process-within", Some(("reports-in-process", "reports-csv-in-process-within")), |s| {
        Cell::Count(s.in_process_within_due)
    }),
    ("reports-in-process-past-due", Some(("reports-in-process", "reports-csv-in-process-past-due")), |s| {
        Cell::Count(s.in_process_past_due)
    }),
    ("reports-supplements", None, |s| Cell::Count(s.supplement_requests)),
    ("reports-refused", None, |s| Cell::Count(s.refused)),
    ("reports-withdrawn", None, |s| Cell::Count(s.withdrawn)),
    ("reports-stopped", None, |s| Cell::Count(s.stopped)),
    ("reports-returned", None, |s| Cell::Count(s.returned)),
    ("reports-average-days", None, |s| {
        s.average_processing_days.map_or(Cell::Blank, |d| Cell::Decimal(motcua_rules::index766::round2(d)))
    }),
];

/// Widths (characters) of the number, code and name columns, then of
/// each count.
const WIDTHS: (f64, f64, f64, f64) = (5.0, 12.0, 34.0, 11.0);

pub(super) fn build<'a>(header: &'a ReportHeader<'a>, rows: &[StatsRow], lang: Lang) -> Table<'a> {
    let t = |id: &str| message(lang, id, &[]);
    let mut headings = vec![
        Heading::single(t("reports-col-index"), WIDTHS.0),
        Heading::single(t("reports-col-code"), WIDTHS.1),
        Heading::single(t("reports-col-unit"), WIDTHS.2),
    ];
    for (id, group, _) in COLUMNS {
        headings.push(match group {
            Some((group, flat)) => Heading::grouped(&t(group), t(id), t(flat), WIDTHS.3),
            None => Heading::single(t(id), WIDTHS.3 + 2.0),
        });
    }
    let values = |s: &UnitStats| COLUMNS.iter().map(|(_, _, value)| value(s)).collect::<Vec<_>>();
    let data = rows
        .iter()
        .zip(1i64..)
        .map(|(r, n)| {
            let mut cells = vec![Cell::Count(n), Cell::Text(r.code.to_owned()), Cell::Text(r.name.to_owned())];
            cells.extend(values(r.stats));
            cells
        })
        .collect();
    let mut sum = vec![Cell::Blank, Cell::Blank, Cell::Text(t("reports-total"))];
    sum.extend(values(&total(rows)));
    Table {
        header,
        lang,
        sheet: t("reports-periodic-sheet"),
        form: Some(t("reports-periodic-form")),
        headings,
        rows: data,
        total: Some(sum),
        numbered: true,
        frozen_columns: 3,
    }
}

#[cfg(test)]
mod tests {
    use calamine::Data;
    use chrono::NaiveDate;

    use super::super::table::tests::{ReadBack, read_csv};
    use super::super::table::{GROUP_ROW, HEADING_ROW};
    use super::*;

    fn stats(early: i64, on_time: i64, late: i64, average: Option<f64>) -> UnitStats {
        UnitStats {
            unit_id: 1,
            carried_over: 3,
            received_online: 10,
            received_counter: 6,
            received_postal: 1,
            resolved_early: early,
            resolved_on_time: on_time,
            resolved_late: late,
            in_process_within_due: 4,
            in_process_past_due: 2,
            supplement_requests: 5,
            refused: 1,
            withdrawn: 2,
            stopped: 0,
            returned: 7,
            rated: 4,
            average_processing_days: average,
            ..UnitStats::default()
        }
    }

    fn header() -> ReportHeader<'static> {
        ReportHeader {
            title: "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
            unit_name: "UBND tỉnh Mẫu",
            from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            generated_at: NaiveDate::from_ymd_opt(2026, 4, 2).unwrap().and_hms_opt(14, 5, 0).unwrap(),
        }
    }

    /// Two units that resolved dossiers and one that resolved none.
    fn sample() -> [UnitStats; 3] {
        [stats(2, 5, 3, Some(2.0)), stats(10, 15, 5, Some(5.0)), stats(0, 0, 0, None)]
    }

    fn rows<'a>(s: &'a [UnitStats; 3]) -> Vec<StatsRow<'a>> {
        vec![
            StatsRow { code: "X99.01", name: "UBND xã Một", stats: &s[0] },
            StatsRow { code: "X99.02", name: "=HYPERLINK(\"http://x\",\"Hai\")", stats: &s[1] },
            StatsRow { code: "X99.03", name: "UBND xã Ba", stats: &s[2] },
        ]
    }

    #[test]
    fn the_total_adds_counts_and_weights_the_average_by_resolved_dossiers() {
        let s = sample();
        let t = total(&rows(&s));
        assert_eq!(t.received_online, 30);
        assert_eq!(t.carried_over, 9);
        assert_eq!((t.resolved_early, t.resolved_on_time, t.resolved_late), (12, 20, 8));
        assert_eq!((t.in_process_within_due, t.in_process_past_due), (12, 6));
        assert_eq!((t.supplement_requests, t.refused, t.withdrawn, t.stopped, t.returned), (15, 3, 6, 0, 21));
        assert_eq!(t.rated, 12);
        // (2 × 10 + 5 × 30) / 40, not (2 + 5) / 2.
        assert_eq!(t.average_processing_days, Some(4.25));
        assert_eq!(t.unit_id, 0);
    }

    #[test]
    fn no_resolved_dossier_means_no_average() {
        let none = stats(0, 0, 0, None);
        // An average without resolved dossiers (bad data) weighs nothing.
        let odd = stats(0, 0, 0, Some(9.0));
        let rows = [StatsRow { code: "A", name: "A", stats: &none }, StatsRow { code: "B", name: "B", stats: &odd }];
        assert_eq!(total(&rows).average_processing_days, None);
        assert_eq!(total(&[]), UnitStats::default());
    }

    #[test]
    fn the_spreadsheet_has_the_form_layout_and_numbers() {
        let s = sample();
        let book = ReadBack::new(periodic_xlsx(&header(), &rows(&s), Lang::Vi).unwrap());
        assert_eq!(book.name, "Biểu II.06a");
        assert_eq!(book.text(0, 0), "Đơn vị báo cáo: UBND tỉnh Mẫu");
        assert_eq!(book.text(0, 10), "Biểu II.06a/VPCP/KSTT");
        assert_eq!(book.text(1, 0), "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH");
        assert!(book.is_merged(1, 0, 1, 19), "the title spans the 20 columns");
        assert_eq!(book.text(2, 0), "Kỳ báo cáo: từ 01/01/2026 đến 31/03/2026");
        assert_eq!(book.text(3, 0), "Thời điểm xuất báo cáo: 02/04/2026 14:05");

        // Grouped headings, merged like the official form.
        let (g, h) = (GROUP_ROW, HEADING_ROW);
        assert_eq!(book.text(g, 0), "STT");
        assert!(book.is_merged(g, 0, h, 0));
        assert_eq!(book.text(g, 2), "Tên đơn vị");
        assert_eq!(book.text(g, 3), "Số hồ sơ nhận giải quyết");
        assert!(book.is_merged(g, 3, g, 6));
        let leaves: Vec<String> = (3..=13).map(|c| book.text(h, c)).collect();
        assert_eq!(
            leaves,
            [
                "Tổng số",
                "Trực tuyến",
                "Trực tiếp, dịch vụ bưu chính",
                "Từ kỳ trước chuyển sang",
                "Tổng số",
                "Trước hạn",
                "Đúng hạn",
                "Quá hạn",
                "Tổng số",
                "Trong hạn",
                "Quá hạn"
            ]
        );
        assert_eq!(book.text(g, 7), "Số hồ sơ đã giải quyết");
        assert!(book.is_merged(g, 7, g, 10));
        assert_eq!(book.text(g, 11), "Số hồ sơ đang giải quyết");
        assert!(book.is_merged(g, 11, g, 13));
        assert_eq!(book.text(g, 14), "Số lần yêu cầu bổ sung hồ sơ");
        assert!(book.is_merged(g, 19, h, 19));
        assert_eq!(book.text(h + 1, 0), "(1)");
        assert_eq!(book.text(h + 1, 19), "(20)");

        // Data: numbers as numbers.
        let first = h + 2;
        assert_eq!(book.number(first, 0), 1.0);
        assert_eq!(book.text(first, 1), "X99.01");
        assert_eq!(book.text(first, 2), "UBND xã Một");
        let counts: Vec<f64> = (3..=18).map(|c| book.number(first, c)).collect();
        assert_eq!(counts, [20., 10., 7., 3., 10., 2., 5., 3., 6., 4., 2., 5., 1., 2., 0., 7.]);
        assert_eq!(book.number(first, 19), 2.0);
        assert_eq!(book.number_format(first, 19), "0.00");
        // A name that looks like a formula stays text in a spreadsheet.
        assert_eq!(book.text(first + 1, 2), "=HYPERLINK(\"http://x\",\"Hai\")");
        // No resolved dossier: the average is empty, not 0.
        assert_eq!(book.at(first + 2, 19), Data::Empty);

        // The total row.
        let total = book.row_of(2, "Tổng cộng");
        assert_eq!(total, first + 3);
        assert_eq!(book.at(total, 0), Data::Empty);
        assert_eq!(book.number(total, 3), 60.0);
        assert_eq!(book.number(total, 7), 40.0);
        assert_eq!(book.number(total, 19), 4.25);
    }

    #[test]
    fn the_spreadsheet_speaks_english_too() {
        let s = sample();
        let book = ReadBack::new(periodic_xlsx(&header(), &rows(&s), Lang::En).unwrap());
        assert_eq!(book.text(2, 0), "Reporting period: 01/01/2026 to 31/03/2026");
        assert_eq!(book.text(GROUP_ROW, 7), "Dossiers resolved");
        assert_eq!(book.text(HEADING_ROW, 8), "Early");
        assert_eq!(book.at(book.row_of(2, "Total"), 1), Data::Empty);
    }

    #[test]
    fn an_empty_period_still_has_its_headings_and_a_zero_total() {
        let book = ReadBack::new(periodic_xlsx(&header(), &[], Lang::Vi).unwrap());
        let total = book.row_of(2, "Tổng cộng");
        assert_eq!(total, HEADING_ROW + 2);
        assert_eq!(book.number(total, 3), 0.0);
        assert_eq!(book.at(total, 19), Data::Empty);
    }

    #[test]
    fn the_csv_file_has_one_heading_row_the_units_and_the_total() {
        let s = sample();
        let bytes = periodic_csv(&header(), &rows(&s), Lang::Vi);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a UTF-8 byte-order mark");
        let records = read_csv(&bytes);
        assert_eq!(records.len(), 1 + 3 + 1);
        let head = &records[0];
        assert_eq!(head.len(), 20);
        assert_eq!(&head[..4], ["STT", "Mã đơn vị", "Tên đơn vị", "Tổng số hồ sơ tiếp nhận"]);
        assert_eq!(head[5], "Tiếp nhận trực tiếp, dịch vụ bưu chính");
        assert_eq!(head[7], "Số hồ sơ đã giải quyết");
        assert_eq!(head[13], "Đang giải quyết quá hạn");
        assert_eq!(head[19], "Thời gian giải quyết bình quân (ngày làm việc)");
        let unique: std::collections::BTreeSet<_> = head.iter().collect();
        assert_eq!(unique.len(), head.len(), "every CSV heading is distinct: {head:?}");

        assert_eq!(records[1][..4], ["1", "X99.01", "UBND xã Một", "20"]);
        assert_eq!(records[1][19], "2.00");
        // Formula injection is neutralised.
        assert_eq!(records[2][2], "'=HYPERLINK(\"http://x\",\"Hai\")");
        assert_eq!(records[3][19], "");
        assert_eq!(records[4][..4], ["", "", "Tổng cộng", "60"]);
        assert_eq!(records[4][19], "4.25");
    }
}
