//! The counter's working hours (giờ làm việc của Bộ phận Một cửa) and the
//! appointment a slip shows the applicant.
//!
//! A time limit in days ends at the end of its last day (Civil Code 2015
//! art. 148, docs/sources.md#deadlines): that moment stays the due moment
//! every deadline, timeliness and statistic uses. But nobody can collect a
//! result at 23:59, so the slips give the applicant the counter's closing
//! time on the due day. The hours are configuration, not law: no source
//! we have read fixes them (NOT FOUND, docs/register.md#working-hours); the
//! default 07:30–17:00 is a **decision**, set per installation
//! (`MOTCUA_COUNTER_HOURS`) and per unit.

use chrono::{NaiveDateTime, NaiveTime};

use crate::RuleError;

/// When the counter opens and closes on a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CounterHours {
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

impl Default for CounterHours {
    /// 07:30–17:00: a default setting (decision), not a legal fact.
    fn default() -> Self {
        CounterHours { opens: hm(7, 30), closes: hm(17, 0) }
    }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("a valid time")
}

impl CounterHours {
    /// `07:30-17:00` (a hyphen or an en dash); opening before closing.
    pub fn parse(raw: &str, field: &str) -> Result<CounterHours, RuleError> {
        let bad = || RuleError::invalid("counter_hours_invalid", field).arg("value", raw.trim());
        let (a, b) = raw.trim().split_once(['-', '–']).ok_or_else(bad)?;
        let time = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| bad());
        let (opens, closes) = (time(a)?, time(b)?);
        if opens >= closes {
            return Err(bad());
        }
        Ok(CounterHours { opens, closes })
    }

    /// The appointment shown to the applicant for a due moment: the
    /// closing time of the due day when the due moment is later (the end
    /// of the day of a limit in days); an earlier one (a limit in hours)
    /// stays as it is.
    pub fn appointment(&self, due: NaiveDateTime) -> NaiveDateTime {
        if due.time() > self.closes { due.date().and_time(self.closes) } else { due }
    }
}

impl std::fmt::Display for CounterHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.opens.format("%H:%M"), self.closes.format("%H:%M"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 5).unwrap().and_hms_opt(h, m, s).unwrap()
    }

    #[test]
    fn the_end_of_the_due_day_becomes_the_closing_time() {
        let hours = CounterHours::default();
        assert_eq!(hours.appointment(at(23, 59, 59)), at(17, 0, 0));
        // A limit in hours keeps its moment, within or before the closing time.
        assert_eq!(hours.appointment(at(10, 30, 0)), at(10, 30, 0));
        assert_eq!(hours.appointment(at(17, 0, 0)), at(17, 0, 0));
    }

    #[test]
    fn hours_parse_and_print_and_refuse_nonsense() {
        let h = CounterHours::parse(" 07:00 – 16:30 ", "counter_hours").unwrap();
        assert_eq!(h, CounterHours { opens: hm(7, 0), closes: hm(16, 30) });
        assert_eq!(h.to_string(), "07:00-16:30");
        assert_eq!(CounterHours::default().to_string(), "07:30-17:00");
        for bad in ["", "7h30-17h", "17:00-07:30", "08:00", "25:00-26:00"] {
            let e = CounterHours::parse(bad, "counter_hours").unwrap_err();
            assert_eq!((e.code, e.field.as_deref()), ("counter_hours_invalid", Some("counter_hours")), "{bad}");
        }
    }
}
