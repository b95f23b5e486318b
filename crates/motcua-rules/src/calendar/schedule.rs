//! Calendar data: the weekly pattern and the per-year schedules.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};

use super::CalendarError;

/// A window of working hours inside a working day (e.g. 07:30–11:30).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkWindow {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// When a day-based limit ends on its last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayEnd {
    /// 23:59:59 of the last day: the letter of Civil Code art. 148
    /// ("kết thúc tại thời điểm kết thúc ngày cuối cùng của thời hạn").
    EndOfDay,
    /// The end of the last working window of the last day (e.g. 17:00), as
    /// some provinces print on the receipt.
    EndOfWorkingHours,
}

/// The weekly working pattern and the rules that do not change by year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarConfig {
    /// Weekdays that are working days unless a holiday (civil servants:
    /// Monday to Friday, QĐ 188/1999/QĐ-TTg).
    pub working_weekdays: Vec<Weekday>,
    /// Working windows of a working day, in order, not overlapping
    /// (morning and afternoon).
    pub windows: Vec<WorkWindow>,
    /// A dossier received after this time counts as received on the next
    /// working day. `None`: no cut-off. Not a national rule
    /// (docs/sources.md#deadlines, NOT FOUND), so off unless a province sets it.
    pub cutoff: Option<NaiveTime>,
    /// When a day-based limit ends on its last day.
    pub day_end: DayEnd,
}

/// The holidays and swapped working days of one calendar year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSchedule {
    pub year: i32,
    /// Days off that would otherwise be working days: public holidays,
    /// compensatory days off (nghỉ bù) and swapped weekdays.
    pub days_off: Vec<NaiveDate>,
    /// Days that are working days although their weekday is not (a
    /// Saturday worked in exchange for a day off).
    pub extra_working_days: Vec<NaiveDate>,
    /// False while part of the year's schedule is not confirmed by an
    /// official notice; shown to users as provisional.
    pub verified: bool,
    /// Sources and caveats, for the administrator.
    pub notes: String,
    /// The name of each listed day, in Vietnamese ("Tết Nguyên đán",
    /// "Nghỉ bù Giỗ Tổ Hùng Vương", "Nghỉ hoán đổi …"), shown beside the
    /// date. Only days of `days_off` and `extra_working_days` may be named;
    /// a day may also have no name (schedules stored before names existed
    /// have none).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<NaiveDate, String>,
    /// True for a year computed from the Labour Code and the lunar calendar
    /// ([`proposed_year`](super::proposed_year)) rather than entered by an
    /// administrator from the government's notices: always provisional.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub proposed: bool,
}

/// 23:59:59, the last whole second of a day: stands for "24:00 of that day"
/// (Civil Code 2015 art. 148 khoản 6) while keeping the due moment on the
/// due day, which is the date printed on the receipt.
const LAST_SECOND_OF_DAY: NaiveTime = match NaiveTime::from_hms_opt(23, 59, 59) {
    Some(t) => t,
    None => panic!("23:59:59 is a valid time"),
};

impl CalendarConfig {
    /// Checks the weekly pattern: at least one working weekday, at least
    /// one window, each window non-empty, windows in order and not
    /// overlapping. Any cut-off time is accepted (before the first window it
    /// simply moves every receipt to the next working day).
    pub fn check(&self) -> Result<(), CalendarError> {
        if self.working_weekdays.is_empty() {
            return Err(invalid("no working weekday: at least one weekday must be a working day"));
        }
        if self.windows.is_empty() {
            return Err(invalid("no working window: a working day needs working hours"));
        }
        for w in &self.windows {
            if w.start >= w.end {
                return Err(invalid(format!("working window {}–{} does not end after it starts", w.start, w.end)));
            }
        }
        for pair in self.windows.windows(2) {
            let (earlier, later) = (pair[0], pair[1]);
            if later.start < earlier.end {
                return Err(invalid(format!(
                    "working windows {}–{} and {}–{} overlap or are out of order",
                    earlier.start, earlier.end, later.start, later.end
                )));
            }
        }
        Ok(())
    }

    /// The moment a day-based limit ending on `day` runs out, per
    /// [`DayEnd`]. With no window (a configuration that fails
    /// [`check`](Self::check)) `EndOfWorkingHours` falls back to 23:59:59.
    pub fn end_of_day(&self, day: NaiveDate) -> NaiveDateTime {
        let time = match self.day_end {
            DayEnd::EndOfDay => LAST_SECOND_OF_DAY,
            DayEnd::EndOfWorkingHours => self.last_window_end(),
        };
        day.and_time(time)
    }

    /// Whether `weekday` is a working weekday (before holidays and swaps).
    pub fn is_working_weekday(&self, weekday: Weekday) -> bool {
        self.working_weekdays.contains(&weekday)
    }

    /// Working seconds in one working day: the windows added up
    /// (8 hours = 28,800 s for the shipped 07:30–11:30, 13:00–17:00).
    pub fn working_seconds_per_day(&self) -> i64 {
        self.windows.iter().map(|w| (w.end - w.start).num_seconds()).sum()
    }

    /// When the first window opens (07:30 by default); midnight with no window.
    pub fn first_window_start(&self) -> NaiveTime {
        self.windows.first().map_or(NaiveTime::MIN, |w| w.start)
    }

    /// When the last window closes (17:00 by default); 23:59:59 with no window.
    pub fn last_window_end(&self) -> NaiveTime {
        self.windows.last().map_or(LAST_SECOND_OF_DAY, |w| w.end)
    }

    /// Working seconds of a working day between the times `from` and `to`
    /// (the parts of the windows inside `[from, to]`).
    pub fn working_seconds_within(&self, from: NaiveTime, to: NaiveTime) -> i64 {
        self.windows
            .iter()
            .map(|w| {
                let (start, end) = (w.start.max(from), w.end.min(to));
                if start < end { (end - start).num_seconds() } else { 0 }
            })
            .sum()
    }

    /// On a working day, when the working clock runs for something that
    /// arrives at `at`: `at` itself inside a window, the next window's start
    /// before or between windows, `None` at or after the last window's end
    /// (the clock starts on the next working day). A window's end belongs to
    /// no window: nothing is left of it.
    pub fn clock_start_within(&self, at: NaiveTime) -> Option<NaiveTime> {
        self.windows.iter().find(|w| at < w.end).map(|w| at.max(w.start))
    }

    /// Spends `secs` (> 0) working seconds of a working day from the time
    /// `from`: the time they run out, or what is left at the end of the day.
    /// Time that runs out exactly at a window's end is due at that end, not
    /// at the next window's start.
    pub(super) fn spend_within_day(&self, from: NaiveTime, secs: i64) -> DaySpend {
        let mut left = secs;
        for w in self.windows.iter().filter(|w| from < w.end) {
            let start = from.max(w.start);
            let available = (w.end - start).num_seconds();
            if left <= available {
                return DaySpend::RunsOutAt(start + TimeDelta::seconds(left));
            }
            left -= available;
        }
        DaySpend::Left(left)
    }
}

/// The outcome of [`CalendarConfig::spend_within_day`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DaySpend {
    /// The working time ran out at this time of the day.
    RunsOutAt(NaiveTime),
    /// The day's windows ended with this many working seconds still to spend.
    Left(i64),
}

fn invalid(why: impl Into<String>) -> CalendarError {
    CalendarError::InvalidData(why.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::vietnam_default_config;

    fn hm(hour: u32, minute: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(hour, minute, 0).expect("valid test time")
    }

    #[test]
    fn the_clock_starts_inside_or_at_the_next_window() {
        let config = vietnam_default_config();
        assert_eq!(config.clock_start_within(hm(6, 0)), Some(hm(7, 30)));
        assert_eq!(config.clock_start_within(hm(9, 15)), Some(hm(9, 15)));
        assert_eq!(config.clock_start_within(hm(11, 30)), Some(hm(13, 0)));
        assert_eq!(config.clock_start_within(hm(12, 0)), Some(hm(13, 0)));
        assert_eq!(config.clock_start_within(hm(17, 0)), None);
    }

    #[test]
    fn spending_stops_at_a_window_end_when_the_time_runs_out_there() {
        let config = vietnam_default_config();
        assert_eq!(config.spend_within_day(hm(7, 30), 4 * 3600), DaySpend::RunsOutAt(hm(11, 30)));
        assert_eq!(config.spend_within_day(hm(11, 0), 3600), DaySpend::RunsOutAt(hm(13, 30)));
        assert_eq!(config.spend_within_day(hm(16, 0), 2 * 3600), DaySpend::Left(3600));
        assert_eq!(config.spend_within_day(hm(18, 0), 60), DaySpend::Left(60));
    }

    #[test]
    fn a_schedule_stored_before_names_still_reads() {
        let stored = r#"{"year": 2026, "days_off": ["2026-09-02"], "extra_working_days": [],
                         "verified": false, "notes": ""}"#;
        let year: YearSchedule = serde_json::from_str(stored).expect("old JSON reads");
        assert!(year.names.is_empty() && !year.proposed);
        let named = r#"{"year": 2026, "days_off": ["2026-09-02"], "extra_working_days": [],
                        "verified": false, "notes": "", "names": {"2026-09-02": "Quốc khánh"}, "proposed": true}"#;
        let year: YearSchedule = serde_json::from_str(named).expect("new JSON reads");
        let day = NaiveDate::from_ymd_opt(2026, 9, 2).expect("valid date");
        assert_eq!(year.names.get(&day).map(String::as_str), Some("Quốc khánh"));
        assert!(year.proposed);
        assert_eq!(
            serde_json::from_str::<YearSchedule>(&serde_json::to_string(&year).expect("writes")).ok(),
            Some(year)
        );
    }

    #[test]
    fn working_seconds_within_skip_lunch() {
        let config = vietnam_default_config();
        assert_eq!(config.working_seconds_within(hm(11, 0), hm(13, 30)), 3600);
        assert_eq!(config.working_seconds_within(hm(0, 0), hm(23, 0)), 8 * 3600);
        assert_eq!(config.working_seconds_within(hm(12, 0), hm(12, 30)), 0);
    }
}
