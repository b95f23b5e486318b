//! The platform's daily statement (bảng kê đối soát) and its comparison
//! with motcua's records.
//!
//! Format (motcua's, UNVERIFIED against the platform, docs/payments.md):
//! UTF-8 CSV, the header `txn,ref,dossier,amount,paid_at,result`, one row
//! per transaction of the day, `paid_at` as `yyyyMMddHHmmss` (UTC+7), only
//! rows with result `00` are payments. A byte-order mark is allowed.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::RuleError;
use crate::callback::PAID;

/// The header of a statement.
pub const HEADER: [&str; 6] = ["txn", "ref", "dossier", "amount", "paid_at", "result"];

/// Most rows one statement may hold: a province's busiest day is far below.
pub const MAX_LINES: usize = 200_000;

/// One transaction of a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementLine {
    pub transaction_id: String,
    pub reference: String,
    pub dossier_code: String,
    pub amount_vnd: i64,
    pub paid_at: NaiveDateTime,
    pub result_code: String,
}

/// A parsed statement: its paid transactions, by transaction id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Statement {
    pub lines: BTreeMap<String, StatementLine>,
    /// Rows with a result other than `00` (left out of the comparison).
    pub not_paid: usize,
}

/// Parses a statement; every problem names its line (1 = the header):
/// `statement_malformed` (not CSV, wrong header, a bad value),
/// `statement_duplicate` (one transaction twice), `statement_too_large`.
pub fn parse_statement(bytes: &[u8]) -> Result<Statement, RuleError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(false).from_reader(bytes);
    let mut out = Statement::default();
    let malformed = |line: usize| RuleError::invalid("statement_malformed", "file").arg("line", line);
    let mut saw_header = false;
    for (i, record) in reader.records().enumerate() {
        let line = i + 1;
        let record = record.map_err(|_| malformed(line))?;
        if line == 1 {
            let header: Vec<&str> = record.iter().map(str::trim).collect();
            if header != HEADER {
                return Err(malformed(1));
            }
            saw_header = true;
            continue;
        }
        if line > MAX_LINES + 1 {
            return Err(RuleError::invalid("statement_too_large", "file").arg("max", MAX_LINES));
        }
        let field = |j: usize| record.get(j).map(str::trim).unwrap_or_default();
        if record.len() != HEADER.len() || field(0).is_empty() || field(0).len() > 64 {
            return Err(malformed(line));
        }
        let amount_vnd = field(3).parse::<i64>().ok().filter(|a| *a >= 0).ok_or_else(|| malformed(line))?;
        let paid_at = NaiveDateTime::parse_from_str(field(4), crate::TIME_FORMAT).map_err(|_| malformed(line))?;
        let l = StatementLine {
            transaction_id: field(0).to_owned(),
            reference: field(1).to_owned(),
            dossier_code: field(2).to_owned(),
            amount_vnd,
            paid_at,
            result_code: field(5).to_owned(),
        };
        if l.result_code != PAID {
            out.not_paid += 1;
            continue;
        }
        if out.lines.insert(l.transaction_id.clone(), l).is_some() {
            return Err(RuleError::invalid("statement_duplicate", "file").arg("line", line));
        }
    }
    // A header alone is a day without payments; nothing at all is not a statement.
    if !saw_header {
        return Err(malformed(1));
    }
    Ok(out)
}

/// Writes a statement (the stand-in serves one; tests write them).
pub fn write_statement(lines: &[StatementLine]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER).expect("in memory");
    for l in lines {
        let paid_at = l.paid_at.format(crate::TIME_FORMAT).to_string();
        let amount = l.amount_vnd.to_string();
        w.write_record([&l.transaction_id, &l.reference, &l.dossier_code, &amount, &paid_at, &l.result_code])
            .expect("in memory");
    }
    w.into_inner().expect("in memory")
}

/// A payment as motcua recorded it, for the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recorded {
    pub transaction_id: String,
    pub reference: String,
    pub dossier_code: String,
    pub amount_vnd: i64,
    pub paid_at: NaiveDateTime,
}

/// One difference between the statement and motcua's records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Difference {
    /// Paid on the platform, not recorded in motcua (a lost callback).
    MissingInMotcua { line: StatementLine },
    /// Recorded in motcua as paid online, not on the statement.
    MissingInStatement { recorded: Recorded },
    /// On both, with different amounts.
    AmountDiffers { line: StatementLine, recorded: Recorded },
}

impl Difference {
    pub fn kind(&self) -> &'static str {
        match self {
            Difference::MissingInMotcua { .. } => "missing_in_motcua",
            Difference::MissingInStatement { .. } => "missing_in_statement",
            Difference::AmountDiffers { .. } => "amount_differs",
        }
    }

    pub fn transaction_id(&self) -> &str {
        match self {
            Difference::MissingInMotcua { line } | Difference::AmountDiffers { line, .. } => &line.transaction_id,
            Difference::MissingInStatement { recorded } => &recorded.transaction_id,
        }
    }
}

/// Every difference between a day's statement and motcua's online
/// payments of that day, matched by transaction id, in transaction id
/// order. `recorded` are motcua's payments whose platform time falls on
/// `day`; the statement's lines of other days are compared too (a
/// statement may carry the night's late transactions).
pub fn reconcile(day: NaiveDate, statement: &Statement, recorded: &[Recorded]) -> Vec<Difference> {
    let mut mine: BTreeMap<&str, &Recorded> = recorded.iter().map(|r| (r.transaction_id.as_str(), r)).collect();
    let mut out = Vec::new();
    for (txn, line) in &statement.lines {
        match mine.remove(txn.as_str()) {
            None => out.push(Difference::MissingInMotcua { line: line.clone() }),
            Some(r) if r.amount_vnd != line.amount_vnd => {
                out.push(Difference::AmountDiffers { line: line.clone(), recorded: r.clone() })
            }
            Some(_) => {}
        }
    }
    for r in mine.into_values().filter(|r| r.paid_at.date() == day) {
        out.push(Difference::MissingInStatement { recorded: r.clone() });
    }
    out.sort_by(|a, b| a.transaction_id().cmp(b.transaction_id()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 4).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    fn line(txn: &str, amount: i64) -> StatementLine {
        StatementLine {
            transaction_id: txn.into(),
            reference: format!("R{txn}"),
            dossier_code: format!("D{txn}"),
            amount_vnd: amount,
            paid_at: at(9),
            result_code: "00".into(),
        }
    }

    fn rec(txn: &str, amount: i64) -> Recorded {
        Recorded {
            transaction_id: txn.into(),
            reference: format!("R{txn}"),
            dossier_code: format!("D{txn}"),
            amount_vnd: amount,
            paid_at: at(9),
        }
    }

    #[test]
    fn a_written_statement_parses_back() {
        let lines = vec![line("T1", 50_000), line("T2", 1)];
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(write_statement(&lines));
        let s = parse_statement(&bytes).unwrap();
        assert_eq!(s.lines.values().cloned().collect::<Vec<_>>(), lines);
    }

    /// The line a statement error names, from its English message.
    fn line_of(e: &RuleError) -> Option<i64> {
        let rest = e.message_en.split("line ").nth(1)?;
        rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
    }

    #[test]
    fn bad_statements_name_their_line() {
        let code = |b: &[u8]| parse_statement(b).map(|_| ()).unwrap_err();
        let e = code(b"a,b\n");
        assert_eq!((e.code, line_of(&e)), ("statement_malformed", Some(1)));
        assert_eq!(code(b"").code, "statement_malformed");
        let bad_amount = b"txn,ref,dossier,amount,paid_at,result\nT1,R,D,12x,20260304090000,00\n";
        assert_eq!(line_of(&code(bad_amount)), Some(2));
        let bad_time = b"txn,ref,dossier,amount,paid_at,result\nT1,R,D,1,2026-03-04,00\n";
        assert_eq!(line_of(&code(bad_time)), Some(2));
        let twice = b"txn,ref,dossier,amount,paid_at,result\nT1,R,D,1,20260304090000,00\nT1,R,D,1,20260304090000,00\n";
        let e = code(twice);
        assert_eq!((e.code, line_of(&e)), ("statement_duplicate", Some(3)));
        let short = b"txn,ref,dossier,amount,paid_at,result\nT1,R,D\n";
        assert_eq!(code(short).code, "statement_malformed");
        let failed = b"txn,ref,dossier,amount,paid_at,result\nT1,R,D,1,20260304090000,24\n";
        let s = parse_statement(failed).unwrap();
        assert_eq!((s.lines.len(), s.not_paid), (0, 1));
    }

    #[test]
    fn exactly_the_three_differences_are_reported() {
        let statement = Statement {
            lines: [line("T1", 50_000), line("T2", 20_000), line("T4", 7_000)]
                .into_iter()
                .map(|l| (l.transaction_id.clone(), l))
                .collect(),
            not_paid: 0,
        };
        let recorded = [rec("T1", 50_000), rec("T2", 25_000), rec("T3", 10_000)];
        let d = reconcile(at(0).date(), &statement, &recorded);
        let kinds: Vec<(&str, &str)> = d.iter().map(|d| (d.kind(), d.transaction_id())).collect();
        assert_eq!(kinds, [("amount_differs", "T2"), ("missing_in_statement", "T3"), ("missing_in_motcua", "T4")]);
        // A payment of another day is not expected on this statement.
        let other_day = Recorded { paid_at: at(9) + chrono::Duration::days(1), ..rec("T9", 1) };
        assert_eq!(reconcile(at(0).date(), &Statement::default(), &[other_day]), vec![]);
    }
}
