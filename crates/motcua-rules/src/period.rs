//! Reporting periods (month, quarter, year, or any range of days) and the
//! roll-up grains the statistics are summed at.
//!
//! Reports and the 766 index are asked for "a month, a quarter or a year"
//! (the portal's `timeType`, docs/sources.md#766-portal) or for any range of days
//! (Biểu II.06a has a free "kỳ báo cáo"). The counters are kept per day and
//! rolled up per month and per year; [`cover_before`] says which roll-up rows
//! add up to "everything before a day" with the fewest rows, so a year's
//! figures for a province read a handful of yearly rows, not 365 daily ones.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::error::RuleError;

/// How long a roll-up row's period is. The numbers are stored: never
/// renumber one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grain {
    Day = 0,
    Month = 1,
    Year = 2,
}

impl Grain {
    pub const ALL: [Grain; 3] = [Grain::Day, Grain::Month, Grain::Year];

    pub fn code(self) -> i16 {
        self as i16
    }

    /// The first day of the period of this grain that holds `day`.
    pub fn start(self, day: NaiveDate) -> NaiveDate {
        match self {
            Grain::Day => day,
            Grain::Month => month_start(day),
            Grain::Year => year_start(day),
        }
    }
}

fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("every month has a 1st")
}

fn year_start(day: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(day.year(), 1, 1).expect("every year has a 1 January")
}

/// Roll-up rows of one grain whose period starts in `[from, until)`
/// (`from = None`: no lower bound).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub grain: Grain,
    pub from: Option<NaiveDate>,
    pub until: NaiveDate,
}

impl Span {
    pub fn is_empty(&self) -> bool {
        self.from.is_some_and(|f| f >= self.until)
    }
}

/// The roll-up rows that together hold every count dated before `end`:
/// whole years before `end`'s year, whole months of that year before
/// `end`'s month, then the days of that month before `end`. Each count is
/// in exactly one of them; spans that are empty are left out.
pub fn cover_before(end: NaiveDate) -> Vec<Span> {
    let (year, month) = (year_start(end), month_start(end));
    [
        Span { grain: Grain::Year, from: None, until: year },
        Span { grain: Grain::Month, from: Some(year), until: month },
        Span { grain: Grain::Day, from: Some(month), until: end },
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

/// A reporting period: whole days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Longest range a report may ask for: long enough for a five-year plan,
/// short enough that a typo ("0026") is caught.
const MAX_DAYS: i64 = 366 * 10;

impl Period {
    /// A range of days; refused when `to` is before `from` or the range is
    /// longer than ten years.
    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<Period, RuleError> {
        if to < from {
            return Err(RuleError::invalid("period_invalid", "to").arg("case", "before-from"));
        }
        if (to - from).num_days() > MAX_DAYS {
            return Err(RuleError::invalid("period_invalid", "to").arg("case", "too-long"));
        }
        Ok(Period { from, to })
    }

    pub fn year(year: i32) -> Option<Period> {
        Some(Period { from: NaiveDate::from_ymd_opt(year, 1, 1)?, to: NaiveDate::from_ymd_opt(year, 12, 31)? })
    }

    pub fn quarter(year: i32, quarter: u32) -> Option<Period> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let from = NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1)?;
        Some(Period { from, to: end_of_month(NaiveDate::from_ymd_opt(year, quarter * 3, 1)?) })
    }

    pub fn month(year: i32, month: u32) -> Option<Period> {
        let from = NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(Period { from, to: end_of_month(from) })
    }

    /// Reads `2026`, `2026-Q1` (or `2026-q1`) and `2026-03`, the forms the
    /// dashboards put in their links.
    pub fn parse(s: &str) -> Result<Period, RuleError> {
        let bad = || RuleError::invalid("period_invalid", "period").arg("case", "format").arg("value", s);
        let s = s.trim();
        let (year, rest) = s.split_once('-').map_or((s, None), |(y, r)| (y, Some(r)));
        if year.len() != 4 {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let period = match rest {
            None => Period::year(year),
            Some(q) if q.starts_with(['Q', 'q']) => q[1..].parse().ok().and_then(|q| Period::quarter(year, q)),
            Some(m) if m.len() == 2 => m.parse().ok().and_then(|m| Period::month(year, m)),
            Some(_) => None,
        };
        period.ok_or_else(bad)
    }

    /// The same kind of period one year earlier (for "compared with last
    /// year"); a range keeps its length.
    pub fn year_before(&self) -> Period {
        let back = |d: NaiveDate| d.with_year(d.year() - 1).unwrap_or(d - Duration::days(365));
        let from = back(self.from);
        // 29 February has no twin: end on the 28th, still the month's end.
        let to =
            if self.to == end_of_month(self.to) { end_of_month(back(month_start(self.to))) } else { back(self.to) };
        Period { from, to }
    }

    /// The part of the period up to `today` (inclusive), or `None` when it
    /// starts after today. Figures "at the end of the period" for a period
    /// that runs past today are taken today: a dossier due tomorrow is not
    /// past due yet (the counters hold its past-due marker on a future day).
    pub fn as_of(&self, today: NaiveDate) -> Option<Period> {
        (self.from <= today).then(|| Period { from: self.from, to: self.to.min(today) })
    }

    /// The calendar months the period touches, each cut to the period, in
    /// order: the x-axis of a trend chart.
    pub fn months(&self) -> Vec<Period> {
        let mut out = Vec::new();
        let mut start = month_start(self.from);
        while start <= self.to {
            let end = end_of_month(start);
            out.push(Period { from: start.max(self.from), to: end.min(self.to) });
            start = end + Duration::days(1);
        }
        out
    }

    /// The form [`Period::parse`] reads when the period is a whole year,
    /// quarter or month; `None` for other ranges.
    pub fn key(&self) -> Option<String> {
        let (y, m) = (self.from.year(), self.from.month());
        if Period::year(y) == Some(*self) {
            Some(format!("{y}"))
        } else if m % 3 == 1 && Period::quarter(y, m.div_ceil(3)) == Some(*self) {
            Some(format!("{y}-Q{}", m.div_ceil(3)))
        } else if Period::month(y, m) == Some(*self) {
            Some(format!("{y}-{m:02}"))
        } else {
            None
        }
    }
}

fn end_of_month(day: NaiveDate) -> NaiveDate {
    let first = month_start(day);
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.expect("the next month exists") - Duration::days(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_period_running_past_today_is_read_as_of_today() {
        let year = Period::year(2026).unwrap();
        assert_eq!(year.as_of(d("2026-06-10")), Some(Period { from: d("2026-01-01"), to: d("2026-06-10") }));
        assert_eq!(year.as_of(d("2027-02-01")), Some(year), "a past period is whole");
        assert_eq!(year.as_of(d("2026-01-01")), Some(Period { from: d("2026-01-01"), to: d("2026-01-01") }));
        assert_eq!(year.as_of(d("2025-12-31")), None, "nothing of a future period has happened");
    }

    #[test]
    fn the_cover_of_a_day_is_years_then_months_then_days() {
        let c = cover_before(d("2026-03-15"));
        assert_eq!(
            c,
            vec![
                Span { grain: Grain::Year, from: None, until: d("2026-01-01") },
                Span { grain: Grain::Month, from: Some(d("2026-01-01")), until: d("2026-03-01") },
                Span { grain: Grain::Day, from: Some(d("2026-03-01")), until: d("2026-03-15") },
            ]
        );
    }

    #[test]
    fn a_cover_at_a_month_or_year_boundary_needs_no_days() {
        assert_eq!(cover_before(d("2026-04-01")).len(), 2);
        assert_eq!(
            cover_before(d("2027-01-01")),
            vec![Span { grain: Grain::Year, from: None, until: d("2027-01-01") }]
        );
    }

    #[test]
    fn every_day_is_in_exactly_one_span_of_the_cover() {
        // For each end in 2025–2026 and each day before it since 2024, the
        // day's rows (at their grain's start) fall in exactly one span.
        let mut end = d("2025-01-01");
        while end <= d("2026-12-31") {
            let cover = cover_before(end);
            let mut day = d("2024-01-01");
            while day < end {
                let hits = cover
                    .iter()
                    .filter(|s| {
                        let p = s.grain.start(day);
                        s.from.is_none_or(|f| p >= f) && p < s.until
                    })
                    .count();
                assert_eq!(hits, 1, "day {day} before {end}");
                day += Duration::days(1);
            }
            end += Duration::days(17);
        }
    }

    #[test]
    fn periods_parse_from_their_keys() {
        assert_eq!(Period::parse("2026").unwrap(), Period { from: d("2026-01-01"), to: d("2026-12-31") });
        assert_eq!(Period::parse("2026-Q1").unwrap(), Period { from: d("2026-01-01"), to: d("2026-03-31") });
        assert_eq!(Period::parse("2026-q4").unwrap().to, d("2026-12-31"));
        assert_eq!(Period::parse("2024-02").unwrap().to, d("2024-02-29"));
        for key in ["2026", "2026-Q3", "2026-11"] {
            assert_eq!(Period::parse(key).unwrap().key().as_deref(), Some(key));
        }
        assert_eq!(Period::range(d("2026-01-05"), d("2026-02-01")).unwrap().key(), None);
        for bad in ["26", "2026-Q5", "2026-13", "2026-1", "abcd", "2026-X1", ""] {
            let e = Period::parse(bad).unwrap_err();
            assert_eq!((e.code, e.field.as_deref()), ("period_invalid", Some("period")), "{bad}");
        }
    }

    #[test]
    fn a_range_must_run_forwards_and_not_too_long() {
        assert_eq!(Period::range(d("2026-02-01"), d("2026-01-01")).unwrap_err().code, "period_invalid");
        assert!(Period::range(d("2000-01-01"), d("2026-01-01")).is_err());
        assert!(Period::range(d("2026-01-01"), d("2026-01-01")).is_ok());
    }

    #[test]
    fn months_are_cut_to_the_period() {
        let p = Period::range(d("2026-01-20"), d("2026-03-10")).unwrap();
        let m = p.months();
        assert_eq!(m.len(), 3);
        assert_eq!((m[0].from, m[0].to), (d("2026-01-20"), d("2026-01-31")));
        assert_eq!((m[1].from, m[1].to), (d("2026-02-01"), d("2026-02-28")));
        assert_eq!((m[2].from, m[2].to), (d("2026-03-01"), d("2026-03-10")));
        assert_eq!(Period::year(2026).unwrap().months().len(), 12);
    }

    #[test]
    fn the_year_before_keeps_the_kind_of_period() {
        assert_eq!(Period::parse("2024-02").unwrap().year_before(), Period::parse("2023-02").unwrap());
        assert_eq!(Period::parse("2025-02").unwrap().year_before(), Period::parse("2024-02").unwrap());
        assert_eq!(Period::parse("2026-Q2").unwrap().year_before(), Period::parse("2025-Q2").unwrap());
    }
}
